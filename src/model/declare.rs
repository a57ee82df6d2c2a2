//! Macros that let a front-matter word or field be written once: each expands to the Rust type,
//! its YAML form and the table the checks, the JSON Schema and `lape new` read.

/// Whether a front-matter value counts as given: a blank string or an empty list does not.
pub trait Given {
    /// True when the editor wrote something.
    fn given(&self) -> bool;
}

impl<T: Given> Given for Option<T> {
    fn given(&self) -> bool {
        self.as_ref().is_some_and(Given::given)
    }
}

impl<T> Given for Vec<T> {
    fn given(&self) -> bool {
        !self.is_empty()
    }
}

impl Given for String {
    fn given(&self) -> bool {
        !self.trim().is_empty()
    }
}

/// Values that are given whenever they parsed.
macro_rules! always_given {
    ($($t:ty),+ $(,)?) => {
        $(impl $crate::model::declare::Given for $t {
            fn given(&self) -> bool {
                true
            }
        })+
    };
}
pub(crate) use always_given;

always_given!(bool, [u8; 2], super::Date);

/// A closed set of words (`status: kokeilu`): the enum, its YAML form (shown word first, then
/// accepted ASCII spellings), the label pages show and the list the schema offers.
macro_rules! words {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $word:literal $(| $alias:literal)*,)+
        }
    ) => {
        $(#[$meta])*
        // Ordered as declared: lists and filters show the words in that order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// The words pages show, one per value.
            pub const SHOWN: &'static [&'static str] = &[$($word),+];
            /// Every word accepted: the shown ones, then their other spellings.
            pub const WORDS: &'static [&'static str] = &[$($word,)+ $($($alias,)*)+];

            /// The Finnish word shown on pages.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }

            /// The value a word names, in any accepted spelling.
            pub fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word $(| $alias)* => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.label())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = String::deserialize(d)?;
                Self::from_word(&word).ok_or_else(|| serde::de::Error::unknown_variant(&word, Self::SHOWN))
            }
        }

        $crate::model::declare::always_given!($name);
    };
}
pub(crate) use words;

/// The YAML key of a field: its Rust name unless it says otherwise (`type_name as "type"`).
macro_rules! yaml_key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $key:literal) => {
        $key
    };
}
pub(crate) use yaml_key;

/// The front matter: each field once, with its Rust type, where it applies, where it is
/// required, its shape and its line for editors. Expands to the struct, `FIELDS` and `has`.
macro_rules! front_matter {
    (
        $(#[$meta:meta])*
        pub struct $name:ident;
        $(
            $(#[$fmeta:meta])*
            $field:ident $(as $key:literal)?: $ty:ty
                => $kinds:expr, required $required:expr, $shape:expr, $doc:literal;
        )+
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                $(#[serde(rename = $key)])?
                pub $field: $ty,
            )+
        }

        /// Every front-matter field, in the order editors' documentation lists them.
        pub const FIELDS: &[FieldDef] = &[
            $(FieldDef {
                name: $crate::model::declare::yaml_key!($field $($key)?),
                kinds: $kinds,
                required: $required,
                ty: $shape,
                doc: $doc,
            },)+
        ];

        impl $name {
            /// Whether the field whose YAML key is `name` was given (not blank, not empty).
            pub fn has(&self, name: &str) -> bool {
                use $crate::model::declare::Given;
                $(if name == $crate::model::declare::yaml_key!($field $($key)?) {
                    return self.$field.given();
                })+
                false
            }
        }
    };
}
pub(crate) use front_matter;
