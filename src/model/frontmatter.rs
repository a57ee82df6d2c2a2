//! The YAML front matter of every kind, and the one table that says which field belongs where.
//!
//! All fields are optional at the serde level so that one file can report every missing field at
//! once; [`FIELDS`] then says which are required for which kind. The same table drives the JSON
//! Schema and the editors' documentation, so the three cannot drift apart.

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

/// Where a pilot stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum PilotStatus {
    /// Planned.
    #[serde(rename = "suunnitteilla")]
    Suunnitteilla,
    /// Being piloted.
    #[serde(rename = "kokeilu")]
    Kokeilu,
    /// In established use.
    #[serde(rename = "käytössä", alias = "kaytossa")]
    Kaytossa,
    /// Ended.
    #[serde(rename = "päättynyt", alias = "paattynyt")]
    Paattynyt,
}

impl PilotStatus {
    /// The Finnish word shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            PilotStatus::Suunnitteilla => "suunnitteilla",
            PilotStatus::Kokeilu => "kokeilu",
            PilotStatus::Kaytossa => "käytössä",
            PilotStatus::Paattynyt => "päättynyt",
        }
    }
}

/// How widely a pilot is implemented (Innokylä's "toteutuksen laajuus").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Nationwide.
    Valtakunnallinen,
    /// A university-hospital cooperation area.
    #[serde(rename = "yhteistyöalue", alias = "yhteistyoalue")]
    Yhteistyoalue,
    /// One region.
    Maakunnallinen,
    /// A sub-region of several municipalities.
    Seudullinen,
    /// One municipality.
    Kunnallinen,
}

impl Scope {
    /// The Finnish word shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Valtakunnallinen => "valtakunnallinen",
            Scope::Yhteistyoalue => "yhteistyöalue",
            Scope::Maakunnallinen => "maakunnallinen",
            Scope::Seudullinen => "seudullinen",
            Scope::Kunnallinen => "kunnallinen",
        }
    }
}

/// The level of service a pilot or service works at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ServiceLevel {
    /// Basic services.
    #[serde(rename = "perustaso")]
    Perustaso,
    /// Specialised services.
    #[serde(rename = "erityistaso")]
    Erityistaso,
    /// The most demanding level.
    #[serde(rename = "vaativin taso", alias = "vaativin-taso")]
    VaativinTaso,
}

impl ServiceLevel {
    /// The Finnish words shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            ServiceLevel::Perustaso => "perustaso",
            ServiceLevel::Erityistaso => "erityistaso",
            ServiceLevel::VaativinTaso => "vaativin taso",
        }
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
    /// Date of the original.
    pub date: Option<Date>,
    /// Where the original was published.
    pub url: Option<String>,
    /// Free notes on the original.
    #[serde(default, deserialize_with = "one_or_many")]
    pub notes: Vec<String>,
}

/// Everything a front matter may hold; which fields apply to which kind is in [`FIELDS`].
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct FrontMatter {
    /// Optional repetition of the kind; must agree with the folder.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Date of the document (memos, workshops).
    pub date: Option<Date>,
    /// Date of the last update; else taken from git.
    pub updated: Option<Date>,
    /// One or two sentences for lists and search results.
    pub summary: Option<String>,
    /// Region slugs.
    #[serde(default, deserialize_with = "one_or_many")]
    pub regions: Vec<String>,
    /// Theme slugs.
    #[serde(default, deserialize_with = "one_or_many")]
    pub themes: Vec<String>,
    /// Pilot slugs.
    #[serde(default, deserialize_with = "one_or_many")]
    pub pilots: Vec<String>,
    /// Municipality names.
    #[serde(default, deserialize_with = "one_or_many")]
    pub municipalities: Vec<String>,
    /// Organisation names.
    #[serde(default, deserialize_with = "one_or_many")]
    pub organisations: Vec<String>,
    /// A draft is left out of everything unless `--drafts`.
    pub draft: Option<bool>,
    /// Language of the document (`fi`, `sv`, `en`).
    pub lang: Option<String>,
    /// Old URLs that redirect here.
    #[serde(default, deserialize_with = "one_or_many")]
    pub aliases: Vec<String>,
    /// The original document.
    pub source: Option<Source>,
    /// Memo: the meeting.
    pub meeting: Option<Meeting>,
    /// Workshop: the event.
    pub event: Option<Event>,
    /// Pilot: where it stands.
    pub status: Option<PilotStatus>,
    /// Pilot: when it ran.
    pub period: Option<Period>,
    /// Pilot: how widely it is implemented.
    pub scope: Option<Scope>,
    /// Pilot: who paid.
    pub funder: Option<String>,
    /// Pilot: the project it belongs to.
    pub project: Option<String>,
    /// Pilot, service: who it is for.
    #[serde(default, deserialize_with = "one_or_many")]
    pub target_groups: Vec<String>,
    /// Pilot, service: level of service.
    pub service_level: Option<ServiceLevel>,
    /// Pilot: officials to contact.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Service: who provides it.
    pub provider: Option<String>,
    /// Service: the municipality it serves.
    pub municipality: Option<String>,
    /// Service: whom to contact.
    pub contact: Option<Contact>,
    /// Region: Statistics Finland code (MK01).
    pub code: Option<String>,
    /// Region: ISO 3166-2 code (FI-18).
    pub iso: Option<String>,
    /// Region, theme: Swedish name.
    pub name_sv: Option<String>,
    /// Region, theme: English name.
    pub name_en: Option<String>,
    /// Region: administrative centre.
    pub centre: Option<String>,
    /// Region: whether a LAPE project ran there.
    pub lape: Option<bool>,
    /// Region: column and row on the schematic tile map.
    pub tile: Option<[u8; 2]>,
    /// Theme: the broader theme.
    pub parent: Option<String>,
}

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
    ("date", Ty::Date),
    ("url", Ty::Text),
    ("notes", Ty::Texts),
];

use Kind::{Memo as M, Page as G, Pilot as P, Region as R, Service as S, Theme as T, Workshop as W};
const ALL: &[Kind] = &[M, W, P, S, R, T, G];
const TEXTS: &[Kind] = &[M, W, P, S];

/// Every front-matter field, in the order editors' documentation lists them.
pub const FIELDS: &[FieldDef] = &[
    FieldDef {
        name: "type",
        kinds: ALL,
        required: &[],
        ty: Ty::Choice(&["memo", "workshop", "pilot", "service", "region", "theme", "page"]),
        doc: "Dokumentin laji (memo, workshop, pilot, service, region, theme); oltava sama kuin kansion",
    },
    FieldDef {
        name: "title",
        kinds: ALL,
        required: ALL,
        ty: Ty::Text,
        doc: "Otsikko",
    },
    FieldDef {
        name: "date",
        kinds: &[M, W, S],
        required: &[M, W],
        ty: Ty::Date,
        doc: "Päivämäärä, 2018-09-10 (tai 10.9.2018)",
    },
    FieldDef {
        name: "updated",
        kinds: ALL,
        required: &[],
        ty: Ty::Date,
        doc: "Viimeisin päivitys; muuten viimeisimmän git-muutoksen päivä",
    },
    FieldDef {
        name: "summary",
        kinds: ALL,
        required: &[],
        ty: Ty::Text,
        doc: "Tiivistelmä listoihin ja hakutuloksiin (noin 300 merkkiä)",
    },
    FieldDef {
        name: "regions",
        kinds: TEXTS,
        required: TEXTS,
        ty: Ty::Refs(R),
        doc: "Maakunnat (tunnisteet, esim. pirkanmaa)",
    },
    FieldDef {
        name: "themes",
        kinds: TEXTS,
        required: &[],
        ty: Ty::Refs(T),
        doc: "Teemat (tunnisteet, esim. perhekeskus)",
    },
    FieldDef {
        name: "pilots",
        kinds: &[M, W, S],
        required: &[],
        ty: Ty::Refs(P),
        doc: "Mainitut pilotit (tunnisteet)",
    },
    FieldDef {
        name: "municipalities",
        kinds: &[M, W, P, S, R],
        required: &[],
        ty: Ty::Texts,
        doc: "Kunnat nimillä (esim. Järvenpää)",
    },
    FieldDef {
        name: "organisations",
        kinds: TEXTS,
        required: &[],
        ty: Ty::Texts,
        doc: "Organisaatiot",
    },
    FieldDef {
        name: "draft",
        kinds: ALL,
        required: &[],
        ty: Ty::Bool,
        doc: "Luonnos: ei julkaista ilman --drafts-valitsinta",
    },
    FieldDef {
        name: "lang",
        kinds: ALL,
        required: &[],
        ty: Ty::Choice(&["fi", "sv", "en"]),
        doc: "Dokumentin kieli (fi, sv, en)",
    },
    FieldDef {
        name: "aliases",
        kinds: ALL,
        required: &[],
        ty: Ty::Texts,
        doc: "Vanhat osoitteet, jotka ohjataan tälle sivulle",
    },
    FieldDef {
        name: "source",
        kinds: TEXTS,
        required: &[],
        ty: Ty::Object(SOURCE),
        doc: "Alkuperäinen asiakirja: title, date, url, notes",
    },
    FieldDef {
        name: "meeting",
        kinds: &[M],
        required: &[],
        ty: Ty::Object(MEETING),
        doc: "Kokous: group, date, place, participants, chair, secretary",
    },
    FieldDef {
        name: "event",
        kinds: &[W],
        required: &[],
        ty: Ty::Object(EVENT),
        doc: "Tilaisuus: name, place",
    },
    FieldDef {
        name: "status",
        kinds: &[P],
        required: &[P],
        ty: Ty::Choice(&[
            "suunnitteilla",
            "kokeilu",
            "käytössä",
            "päättynyt",
            "kaytossa",
            "paattynyt",
        ]),
        doc: "Tila: suunnitteilla, kokeilu, käytössä tai päättynyt",
    },
    FieldDef {
        name: "period",
        kinds: &[P],
        required: &[],
        ty: Ty::Object(PERIOD),
        doc: "Toteutusaika: start, end (2017-03)",
    },
    FieldDef {
        name: "scope",
        kinds: &[P],
        required: &[],
        ty: Ty::Choice(&[
            "valtakunnallinen",
            "yhteistyöalue",
            "yhteistyoalue",
            "maakunnallinen",
            "seudullinen",
            "kunnallinen",
        ]),
        doc: "Laajuus: valtakunnallinen, yhteistyöalue, maakunnallinen, seudullinen tai kunnallinen",
    },
    FieldDef {
        name: "funder",
        kinds: &[P],
        required: &[],
        ty: Ty::Text,
        doc: "Rahoittaja",
    },
    FieldDef {
        name: "project",
        kinds: &[P, R],
        required: &[],
        ty: Ty::Text,
        doc: "Hanke, johon pilotti kuuluu",
    },
    FieldDef {
        name: "target_groups",
        kinds: &[P, S],
        required: &[],
        ty: Ty::Texts,
        doc: "Kohderyhmät",
    },
    FieldDef {
        name: "service_level",
        kinds: &[P, S],
        required: &[],
        ty: Ty::Choice(&["perustaso", "erityistaso", "vaativin taso", "vaativin-taso"]),
        doc: "Palvelutaso: perustaso, erityistaso tai vaativin taso",
    },
    FieldDef {
        name: "contacts",
        kinds: &[P],
        required: &[],
        ty: Ty::Objects(CONTACT),
        doc: "Yhteyshenkilöt: name, role, organisation, email, phone",
    },
    FieldDef {
        name: "provider",
        kinds: &[S],
        required: &[],
        ty: Ty::Text,
        doc: "Palvelun tuottaja",
    },
    FieldDef {
        name: "municipality",
        kinds: &[S],
        required: &[],
        ty: Ty::Text,
        doc: "Kunta, jonka palvelu on",
    },
    FieldDef {
        name: "contact",
        kinds: &[S],
        required: &[],
        ty: Ty::Object(CONTACT),
        doc: "Yhteystiedot: name, role, email, phone",
    },
    FieldDef {
        name: "code",
        kinds: &[R],
        required: &[],
        ty: Ty::Text,
        doc: "Tilastokeskuksen maakuntakoodi (MK01)",
    },
    FieldDef {
        name: "iso",
        kinds: &[R],
        required: &[],
        ty: Ty::Text,
        doc: "ISO 3166-2 -koodi (FI-18)",
    },
    FieldDef {
        name: "name_sv",
        kinds: &[R, T],
        required: &[],
        ty: Ty::Text,
        doc: "Nimi ruotsiksi",
    },
    FieldDef {
        name: "name_en",
        kinds: &[R, T],
        required: &[],
        ty: Ty::Text,
        doc: "Nimi englanniksi",
    },
    FieldDef {
        name: "centre",
        kinds: &[R],
        required: &[],
        ty: Ty::Text,
        doc: "Maakuntakeskus",
    },
    FieldDef {
        name: "lape",
        kinds: &[R],
        required: &[],
        ty: Ty::Bool,
        doc: "Toimiko maakunnassa LAPE-hanke",
    },
    FieldDef {
        name: "tile",
        kinds: &[R],
        required: &[],
        ty: Ty::Tile,
        doc: "Sarake ja rivi kaaviokartalla, [3, 5]",
    },
    FieldDef {
        name: "parent",
        kinds: &[T],
        required: &[],
        ty: Ty::Ref(T),
        doc: "Yläteema (tunniste)",
    },
];

impl FrontMatter {
    /// Whether the field named `name` was given (non-empty) in this front matter.
    pub fn has(&self, name: &str) -> bool {
        match name {
            "type" => self.type_name.is_some(),
            "title" => self.title.as_deref().is_some_and(|t| !t.trim().is_empty()),
            "date" => self.date.is_some(),
            "updated" => self.updated.is_some(),
            "summary" => self.summary.is_some(),
            "regions" => !self.regions.is_empty(),
            "themes" => !self.themes.is_empty(),
            "pilots" => !self.pilots.is_empty(),
            "municipalities" => !self.municipalities.is_empty(),
            "organisations" => !self.organisations.is_empty(),
            "draft" => self.draft.is_some(),
            "lang" => self.lang.is_some(),
            "aliases" => !self.aliases.is_empty(),
            "source" => self.source.is_some(),
            "meeting" => self.meeting.is_some(),
            "event" => self.event.is_some(),
            "status" => self.status.is_some(),
            "period" => self.period.is_some(),
            "scope" => self.scope.is_some(),
            "funder" => self.funder.is_some(),
            "project" => self.project.is_some(),
            "target_groups" => !self.target_groups.is_empty(),
            "service_level" => self.service_level.is_some(),
            "contacts" => !self.contacts.is_empty(),
            "provider" => self.provider.is_some(),
            "municipality" => self.municipality.is_some(),
            "contact" => self.contact.is_some(),
            "code" => self.code.is_some(),
            "iso" => self.iso.is_some(),
            "name_sv" => self.name_sv.is_some(),
            "name_en" => self.name_en.is_some(),
            "centre" => self.centre.is_some(),
            "lape" => self.lape.is_some(),
            "tile" => self.tile.is_some(),
            "parent" => self.parent.is_some(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
