//! The six kinds of document in the bank and the facts that follow from each.

use serde::Serialize;

/// What a document is; given by the folder it lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Muistio: minutes of a meeting or a summary of interviews.
    Memo,
    /// Työpajakooste: a summary of a workshop.
    Workshop,
    /// Pilotti / toimintamalli: a practice model that was piloted.
    Pilot,
    /// Palvelukuvaus: a description of a service.
    Service,
    /// Maakunta: a region.
    Region,
    /// Teema: a theme of the reform.
    Theme,
    /// Sivu: a page of the site itself (the editors' guide, an about page).
    Page,
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.type_name())
    }
}

impl Kind {
    /// Every kind, in the order lists and menus show them.
    pub const ALL: [Kind; 7] = [
        Kind::Memo,
        Kind::Workshop,
        Kind::Pilot,
        Kind::Service,
        Kind::Region,
        Kind::Theme,
        Kind::Page,
    ];

    /// The kinds that have a list page and a place in the main menu.
    pub const LISTED: [Kind; 6] = [
        Kind::Memo,
        Kind::Workshop,
        Kind::Pilot,
        Kind::Service,
        Kind::Region,
        Kind::Theme,
    ];

    /// The folder under `content/` that holds this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Memo => "memos",
            Kind::Workshop => "workshops",
            Kind::Pilot => "pilots",
            Kind::Service => "services",
            Kind::Region => "regions",
            Kind::Theme => "themes",
            Kind::Page => "pages",
        }
    }

    /// The kind whose folder is `name`.
    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }

    /// The values of the optional `type:` field, in the order of [`Kind::ALL`].
    pub const TYPE_NAMES: [&'static str; 7] = ["memo", "workshop", "pilot", "service", "region", "theme", "page"];

    /// The value of the optional `type:` field for this kind (also its name in JSON).
    pub fn type_name(self) -> &'static str {
        Kind::TYPE_NAMES[self as usize]
    }

    /// The kind named by a `type:` value or a command-line argument.
    pub fn from_type_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.type_name() == name)
    }

    /// The kind named on the command line: its type name (`memo`), its Finnish name
    /// (`muistio`, `työpaja` or `tyopaja`, ...) or its folder (`memos`), in any case.
    pub fn from_cli_name(name: &str) -> Option<Kind> {
        let name = name.trim().to_lowercase();
        if let Some(k) = Kind::from_type_name(&name).or_else(|| Kind::from_folder(&name)) {
            return Some(k);
        }
        Kind::FINNISH_NAMES
            .iter()
            .find(|(_, names)| names.contains(&name.as_str()))
            .map(|(k, _)| *k)
    }

    /// Finnish names editors use for each kind on the command line.
    pub const FINNISH_NAMES: [(Kind, &'static [&'static str]); 7] = [
        (Kind::Memo, &["muistio", "muistiot"]),
        (
            Kind::Workshop,
            &[
                "työpaja",
                "tyopaja",
                "työpajakooste",
                "tyopajakooste",
                "työpajat",
                "tyopajat",
            ],
        ),
        (Kind::Pilot, &["pilotti", "pilotit", "toimintamalli"]),
        (Kind::Service, &["palvelu", "palvelukuvaus", "palvelut"]),
        (Kind::Region, &["alue", "maakunta", "alueet", "maakunnat"]),
        (Kind::Theme, &["teema", "teemat"]),
        (Kind::Page, &["sivu", "sivut"]),
    ];

    /// Every name [`Kind::from_cli_name`] accepts, for did-you-mean.
    pub fn cli_names() -> impl Iterator<Item = &'static str> {
        Kind::TYPE_NAMES
            .into_iter()
            .chain(Kind::FINNISH_NAMES.iter().flat_map(|(_, n)| n.iter().copied()))
    }

    /// The default URL section (Finnish): `/muistiot/...`; empty for pages, which sit at the root.
    pub fn default_section(self) -> &'static str {
        match self {
            Kind::Memo => "muistiot",
            Kind::Workshop => "tyopajat",
            Kind::Pilot => "pilotit",
            Kind::Service => "palvelut",
            Kind::Region => "alueet",
            Kind::Theme => "teemat",
            Kind::Page => "",
        }
    }

    /// Whether documents of this kind carry a date and appear in feeds and year groupings.
    pub fn is_dated(self) -> bool {
        matches!(self, Kind::Memo | Kind::Workshop)
    }

    /// Whether this kind is one of the taxonomies (regions, themes) rather than a text.
    pub fn is_taxonomy(self) -> bool {
        matches!(self, Kind::Region | Kind::Theme)
    }

    /// Whether this kind is part of the bank's content proper: memos, workshops, pilots and
    /// services, which take part in backlinks, related documents, feeds and counts.
    pub fn is_text(self) -> bool {
        matches!(self, Kind::Memo | Kind::Workshop | Kind::Pilot | Kind::Service)
    }
}
