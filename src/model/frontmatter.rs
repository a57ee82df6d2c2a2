//! The YAML front matter of every kind, each field and each word written once.
//!
//! All fields are optional at the serde level so that one file can report every missing field at
//! once. The [`front_matter!`] table below gives each field's Rust type, the kinds it applies to,
//! the kinds that require it, its shape and its line for editors; it expands to the struct,
//! [`FIELDS`] and [`FrontMatter::has`], which the checks, the JSON Schema and `lape new` read.
//! Adding a field is one entry there.

use super::declare::{always_given, front_matter, words};
use super::{Date, Kind};
use serde::{Deserialize, Deserializer, Serialize};

/// Accepts either one string or a list of strings, since editors write `regions: uusimaa` too.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}

words! {
    /// Where a pilot stands.
    pub enum PilotStatus {
        /// Planned.
        Suunnitteilla = "suunnitteilla",
        /// Being piloted.
        Kokeilu = "kokeilu",
        /// In established use.
        Kaytossa = "käytössä" | "kaytossa",
        /// Ended.
        Paattynyt = "päättynyt" | "paattynyt",
    }
}

words! {
    /// How widely a pilot is implemented (Innokylä's "toteutuksen laajuus").
    pub enum Scope {
        /// Nationwide.
        Valtakunnallinen = "valtakunnallinen",
        /// A university-hospital cooperation area.
        Yhteistyoalue = "yhteistyöalue" | "yhteistyoalue",
        /// One region.
        Maakunnallinen = "maakunnallinen",
        /// A sub-region of several municipalities.
        Seudullinen = "seudullinen",
        /// One municipality.
        Kunnallinen = "kunnallinen",
    }
}

words! {
    /// The level of service a pilot or service works at.
    pub enum ServiceLevel {
        /// Basic services.
        Perustaso = "perustaso",
        /// Specialised services.
        Erityistaso = "erityistaso",
        /// The most demanding level.
        VaativinTaso = "vaativin taso" | "vaativin-taso",
    }
}

/// A meeting recorded in a memo.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Meeting {
    /// The group that met.
    pub group: Option<String>,
    /// When it met (if not the memo's date).
    pub date: Option<Date>,
    /// Where it met.
    pub place: Option<String>,
    /// Who took part.
    #[serde(default, deserialize_with = "one_or_many")]
    pub participants: Vec<String>,
    /// Who chaired.
    pub chair: Option<String>,
    /// Who took the minutes.
    pub secretary: Option<String>,
}

/// The event a workshop summary comes from.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Event {
    /// Name of the event.
    pub name: Option<String>,
    /// Where it was held.
    pub place: Option<String>,
}

/// When a pilot ran.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Period {
    /// First month (or day, or year).
    pub start: Option<Date>,
    /// Last month, if it has ended or an end is planned.
    pub end: Option<Date>,
}

/// An official's public contact details.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Contact {
    /// Full name.
    pub name: Option<String>,
    /// Title or role.
    pub role: Option<String>,
    /// Employer.
    pub organisation: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// The original document a bank document was made from.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Source {
    /// Title of the original.
    pub title: Option<String>,
    /// File name of the original (`lape import` fills it).
    pub file: Option<String>,
    /// Date of the original.
    pub date: Option<Date>,
    /// Where the original was published.
    pub url: Option<String>,
    /// Free notes on the original.
    #[serde(default, deserialize_with = "one_or_many")]
    pub notes: Vec<String>,
}

always_given!(Meeting, Event, Period, Contact, Source);

/// One front-matter field: where it applies, where it is required, what it means.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    /// Key in YAML.
    pub name: &'static str,
    /// Kinds the field applies to.
    pub kinds: &'static [Kind],
    /// Kinds that must have it.
    pub required: &'static [Kind],
    /// The value's shape, for the JSON Schema and `lape new`.
    pub ty: Ty,
    /// One line for editors, in Finnish.
    pub doc: &'static str,
}

/// The shape of a front-matter value.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A string.
    Text,
    /// One string or a list of strings.
    Texts,
    /// A date: `2018-09-10`, `2017-03`, `2017` or `10.9.2018`.
    Date,
    /// `true` or `false`.
    Bool,
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// One slug or a list of slugs of documents of a kind.
    Refs(Kind),
    /// One slug of a document of a kind.
    Ref(Kind),
    /// A mapping with these keys.
    Object(&'static [(&'static str, Ty)]),
    /// A list of mappings with these keys.
    Objects(&'static [(&'static str, Ty)]),
    /// Two small numbers: column and row on the tile map.
    Tile,
}

const MEETING: &[(&str, Ty)] = &[
    ("group", Ty::Text),
    ("date", Ty::Date),
    ("place", Ty::Text),
    ("participants", Ty::Texts),
    ("chair", Ty::Text),
    ("secretary", Ty::Text),
];
const EVENT: &[(&str, Ty)] = &[("name", Ty::Text), ("place", Ty::Text)];
const PERIOD: &[(&str, Ty)] = &[("start", Ty::Date), ("end", Ty::Date)];
const CONTACT: &[(&str, Ty)] = &[
    ("name", Ty::Text),
    ("role", Ty::Text),
    ("organisation", Ty::Text),
    ("email", Ty::Text),
    ("phone", Ty::Text),
];
const SOURCE: &[(&str, Ty)] = &[
    ("title", Ty::Text),
    ("file", Ty::Text),
    ("date", Ty::Date),
    ("url", Ty::Text),
    ("notes", Ty::Texts),
];

use Kind::{Memo as M, Page as G, Pilot as P, Region as R, Service as S, Theme as T, Workshop as W};
const ALL: &[Kind] = &[M, W, P, S, R, T, G];
const TEXTS: &[Kind] = &[M, W, P, S];

front_matter! {
    /// Everything a front matter may hold; which fields apply to which kind is in [`FIELDS`].
    pub struct FrontMatter;

    /// Optional repetition of the kind; must agree with the folder.
    type_name as "type": Option<String>
        => ALL, required &[], Ty::Choice(&Kind::TYPE_NAMES),
        "Dokumentin laji (memo, workshop, pilot, service, region, theme); oltava sama kuin kansion";
    /// Title.
    title: Option<String>
        => ALL, required ALL, Ty::Text,
        "Otsikko";
    /// Date of the document (memos, workshops).
    date: Option<Date>
        => &[M, W, S], required &[M, W], Ty::Date,
        "Päivämäärä, 2018-09-10 (tai 10.9.2018)";
    /// Date of the last update; else taken from git.
    updated: Option<Date>
        => ALL, required &[], Ty::Date,
        "Viimeisin päivitys; muuten viimeisimmän git-muutoksen päivä";
    /// One or two sentences for lists and search results.
    summary: Option<String>
        => ALL, required &[], Ty::Text,
        "Tiivistelmä listoihin ja hakutuloksiin (noin 300 merkkiä)";
    /// Region slugs.
    #[serde(default, deserialize_with = "one_or_many")]
    regions: Vec<String>
        => TEXTS, required TEXTS, Ty::Refs(R),
        "Maakunnat (tunnisteet, esim. pirkanmaa)";
    /// Theme slugs.
    #[serde(default, deserialize_with = "one_or_many")]
    themes: Vec<String>
        => TEXTS, required &[], Ty::Refs(T),
        "Teemat (tunnisteet, esim. perhekeskus)";
    /// Pilot slugs.
    #[serde(default, deserialize_with = "one_or_many")]
    pilots: Vec<String>
        => &[M, W, S], required &[], Ty::Refs(P),
        "Mainitut pilotit (tunnisteet)";
    /// Municipality names.
    #[serde(default, deserialize_with = "one_or_many")]
    municipalities: Vec<String>
        => &[M, W, P, S, R], required &[], Ty::Texts,
        "Kunnat nimillä (esim. Järvenpää)";
    /// Organisation names.
    #[serde(default, deserialize_with = "one_or_many")]
    organisations: Vec<String>
        => TEXTS, required &[], Ty::Texts,
        "Organisaatiot";
    /// A draft is left out of everything unless `--drafts`.
    draft: Option<bool>
        => ALL, required &[], Ty::Bool,
        "Luonnos: ei julkaista ilman --drafts-valitsinta";
    /// Language of the document (`fi`, `sv`, `en`).
    lang: Option<String>
        => ALL, required &[], Ty::Choice(&["fi", "sv", "en"]),
        "Dokumentin kieli (fi, sv, en)";
    /// Old URLs that redirect here.
    #[serde(default, deserialize_with = "one_or_many")]
    aliases: Vec<String>
        => ALL, required &[], Ty::Texts,
        "Vanhat osoitteet, jotka ohjataan tälle sivulle";
    /// The original document.
    source: Option<Source>
        => TEXTS, required &[], Ty::Object(SOURCE),
        "Alkuperäinen asiakirja: title, date, url, notes";
    /// Memo: the meeting.
    meeting: Option<Meeting>
        => &[M], required &[], Ty::Object(MEETING),
        "Kokous: group, date, place, participants, chair, secretary";
    /// Workshop: the event.
    event: Option<Event>
        => &[W], required &[], Ty::Object(EVENT),
        "Tilaisuus: name, place";
    /// Pilot: where it stands.
    status: Option<PilotStatus>
        => &[P], required &[P], Ty::Choice(PilotStatus::WORDS),
        "Tila: suunnitteilla, kokeilu, käytössä tai päättynyt";
    /// Pilot: when it ran.
    period: Option<Period>
        => &[P], required &[], Ty::Object(PERIOD),
        "Toteutusaika: start, end (2017-03)";
    /// Pilot: how widely it is implemented.
    scope: Option<Scope>
        => &[P], required &[], Ty::Choice(Scope::WORDS),
        "Laajuus: valtakunnallinen, yhteistyöalue, maakunnallinen, seudullinen tai kunnallinen";
    /// Pilot: who paid.
    funder: Option<String>
        => &[P], required &[], Ty::Text,
        "Rahoittaja";
    /// Pilot: the project it belongs to.
    project: Option<String>
        => &[P, R], required &[], Ty::Text,
        "Hanke, johon pilotti kuuluu";
    /// Pilot, service: who it is for.
    #[serde(default, deserialize_with = "one_or_many")]
    target_groups: Vec<String>
        => &[P, S], required &[], Ty::Texts,
        "Kohderyhmät";
    /// Pilot, service: level of service.
    service_level: Option<ServiceLevel>
        => &[P, S], required &[], Ty::Choice(ServiceLevel::WORDS),
        "Palvelutaso: perustaso, erityistaso tai vaativin taso";
    /// Pilot: officials to contact.
    #[serde(default)]
    contacts: Vec<Contact>
        => &[P], required &[], Ty::Objects(CONTACT),
        "Yhteyshenkilöt: name, role, organisation, email, phone";
    /// Service: who provides it.
    provider: Option<String>
        => &[S], required &[], Ty::Text,
        "Palvelun tuottaja";
    /// Service: the municipality it serves.
    municipality: Option<String>
        => &[S], required &[], Ty::Text,
        "Kunta, jonka palvelu on";
    /// Service: whom to contact.
    contact: Option<Contact>
        => &[S], required &[], Ty::Object(CONTACT),
        "Yhteystiedot: name, role, email, phone";
    /// Region: Statistics Finland code (MK01).
    code: Option<String>
        => &[R], required &[], Ty::Text,
        "Tilastokeskuksen maakuntakoodi (MK01)";
    /// Region: ISO 3166-2 code (FI-18).
    iso: Option<String>
        => &[R], required &[], Ty::Text,
        "ISO 3166-2 -koodi (FI-18)";
    /// Region, theme: Swedish name.
    name_sv: Option<String>
        => &[R, T], required &[], Ty::Text,
        "Nimi ruotsiksi";
    /// Region, theme: English name.
    name_en: Option<String>
        => &[R, T], required &[], Ty::Text,
        "Nimi englanniksi";
    /// Region: administrative centre.
    centre: Option<String>
        => &[R], required &[], Ty::Text,
        "Maakuntakeskus";
    /// Region: whether a LAPE project ran there.
    lape: Option<bool>
        => &[R], required &[], Ty::Bool,
        "Toimiko maakunnassa LAPE-hanke";
    /// Region: column and row on the schematic tile map.
    tile: Option<[u8; 2]>
        => &[R], required &[], Ty::Tile,
        "Sarake ja rivi kaaviokartalla, [3, 5]";
    /// Theme: the broader theme.
    parent: Option<String>
        => &[T], required &[], Ty::Ref(T),
        "Yläteema (tunniste)";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_as_its_value_and_others_are_refused() {
        for &w in PilotStatus::WORDS {
            let v: PilotStatus = serde_yaml::from_str(w).expect(w);
            assert!(PilotStatus::SHOWN.contains(&v.label()));
            assert_eq!(serde_yaml::to_string(&v).unwrap().trim(), v.label());
        }
        for &w in Scope::WORDS {
            assert!(Scope::from_word(w).is_some(), "{w}");
        }
        let v: ServiceLevel = serde_yaml::from_str("vaativin-taso").unwrap();
        assert_eq!(v.label(), "vaativin taso");
        let e = serde_yaml::from_str::<PilotStatus>("valmis").unwrap_err().to_string();
        assert!(
            e.contains("unknown variant `valmis`") && e.contains("`käytössä`") && !e.contains("kaytossa"),
            "{e}"
        );
    }

    #[test]
    fn a_blank_value_is_not_given() {
        let fm: FrontMatter = serde_yaml::from_str("title: \"  \"\nregions: []\nsummary: s\n").unwrap();
        assert!(!fm.has("title") && !fm.has("regions") && fm.has("summary") && !fm.has("nosuch"));
    }

    #[test]
    fn every_field_in_the_table_is_known_to_has() {
        let fm: FrontMatter = serde_yaml::from_str(
            "type: memo\ntitle: t\ndate: 2018-01-01\nupdated: 2018-01-02\nsummary: s\nregions: a\nthemes: [b]\npilots: c\n\
             municipalities: d\norganisations: e\ndraft: true\nlang: fi\naliases: /x/\nsource: {title: x}\nmeeting: {group: g}\n\
             event: {name: n}\nstatus: kokeilu\nperiod: {start: 2017-03}\nscope: kunnallinen\nfunder: f\nproject: p\n\
             target_groups: t\nservice_level: vaativin taso\ncontacts: [{name: n}]\nprovider: p\nmunicipality: m\n\
             contact: {name: n}\ncode: MK01\niso: FI-18\nname_sv: s\nname_en: e\ncentre: c\nlape: true\ntile: [1, 2]\nparent: p\n",
        )
        .expect("valid front matter");
        for f in FIELDS {
            assert!(
                fm.has(f.name),
                "{} is in FIELDS but FrontMatter::has does not know it",
                f.name
            );
        }
    }
}
