//! The text of a new document for `lape new`: required fields filled from the arguments or
//! marked with `TÄYTÄ` (left empty, so `lape check` fails until an editor fills them), optional
//! fields listed as comments from the field table, and Innokylä's section headings for pilots.

use crate::model::{Date, FIELDS, FieldDef, Kind, Ty};
use crate::slug::slugify;

/// What `lape new` was asked for.
#[derive(Debug, Clone)]
pub struct NewDoc {
    /// Kind of the document.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// Region slugs.
    pub regions: Vec<String>,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Its date (memos and workshops).
    pub date: Date,
}

/// Innokylä's sections for a practice model; the first three are required there.
pub const PILOT_SECTIONS: [&str; 6] = [
    "Ratkaisun perusidea",
    "Toimintaympäristö",
    "Toimivuuden ja käyttöönoton ehdot",
    "Tavoiteltu muutos",
    "Muutoksen mittaaminen ja arviointi",
    "Tulokset ja kokemukset",
];

/// A YAML double-quoted string.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The file name under the kind's folder: `2018-09-10-otsikko.md` for dated kinds.
pub fn file_name(doc: &NewDoc) -> String {
    let slug = slugify(&doc.title);
    if doc.kind.is_dated() {
        format!("{}-{slug}.md", doc.date.iso())
    } else {
        format!("{slug}.md")
    }
}

fn example(ty: Ty) -> &'static str {
    match ty {
        Ty::Text => "\"\"",
        Ty::Texts | Ty::Refs(_) => "[]",
        Ty::Date => "2018-09-10",
        Ty::Bool => "false",
        Ty::Choice(v) => v.first().copied().unwrap_or("\"\""),
        Ty::Ref(_) => "",
        Ty::Object(_) => "{}",
        Ty::Objects(_) => "[]",
        Ty::Tile => "[0, 0]",
    }
}

/// A required field left empty for the editor, marked `TÄYTÄ` with its values or meaning.
pub fn to_fill(f: &FieldDef) -> String {
    let hint = match f.ty {
        Ty::Choice(v) => v.iter().take(4).copied().collect::<Vec<_>>().join(" | "),
        _ => f.doc.to_string(),
    };
    let empty = match f.ty {
        Ty::Refs(_) | Ty::Texts => " []",
        _ => "",
    };
    format!("{}:{empty}  # TÄYTÄ: {hint}", f.name)
}

/// The full text of the new file.
pub fn render(doc: &NewDoc) -> String {
    let mut fm = String::from("---\n");
    for f in FIELDS.iter().filter(|f| f.kinds.contains(&doc.kind)) {
        let required = f.required.contains(&doc.kind);
        let line = match f.name {
            "title" => format!("title: {}", quote(&doc.title)),
            "date" if required => format!("date: {}", doc.date.iso()),
            "regions" if !doc.regions.is_empty() => format!("regions: [{}]", doc.regions.join(", ")),
            "themes" if !doc.themes.is_empty() => format!("themes: [{}]", doc.themes.join(", ")),
            "type" => continue,
            _ if required => to_fill(f),
            _ => format!("# {}: {}  # {}", f.name, example(f.ty), f.doc),
        };
        fm.push_str(&line);
        fm.push('\n');
    }
    fm.push_str("---\n");
    let body = match doc.kind {
        Kind::Pilot => PILOT_SECTIONS
            .iter()
            .map(|s| format!("\n## {s}\n\n"))
            .collect::<String>(),
        Kind::Memo => "\n## Läsnä\n\n## Käsitellyt asiat\n\n".to_string(),
        Kind::Workshop => "\n## Työpajan tavoite\n\n## Keskustelun kooste\n\n".to_string(),
        Kind::Service => "\n## Palvelun kuvaus\n\n## Yhteystiedot\n\n".to_string(),
        _ => "\n".to_string(),
    };
    fm + &body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_with_regions() {
        let d = NewDoc {
            kind: Kind::Memo,
            title: "Työryhmän muistio 1.10.2018".into(),
            regions: vec!["kainuu".into()],
            themes: vec![],
            date: Date::parse("2018-10-01").unwrap(),
        };
        assert_eq!(file_name(&d), "2018-10-01-tyoryhman-muistio-1-10-2018.md");
        let t = render(&d);
        assert!(
            t.starts_with("---\ntitle: \"Työryhmän muistio 1.10.2018\"\ndate: 2018-10-01\n"),
            "{t}"
        );
        assert!(t.contains("regions: [kainuu]\n"));
        assert!(t.contains("# themes: []"));
        assert!(!t.contains("status"));
    }

    #[test]
    fn pilot_marks_required_and_has_sections() {
        let d = NewDoc {
            kind: Kind::Pilot,
            title: "X".into(),
            regions: vec![],
            themes: vec![],
            date: Date::today(),
        };
        let t = render(&d);
        assert!(t.contains("regions: []  # TÄYTÄ"), "{t}");
        assert!(
            t.contains("status:  # TÄYTÄ: suunnitteilla | kokeilu | käytössä | päättynyt"),
            "{t}"
        );
        assert!(t.contains("## Toimivuuden ja käyttöönoton ehdot"));
    }
}
