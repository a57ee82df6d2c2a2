//! What `book.toml` tells parsing, owned here so configuration and parse both depend on the
//! model and not on each other.

/// What happens to raw HTML written in a body (`[build] raw-html` in `book.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Keep harmless markup, drop the rest (the default).
    #[default]
    Sanitize,
    /// Show every tag as text.
    Escape,
    /// Pass everything through unchanged: only for sites whose every editor is trusted.
    Trust,
}

impl RawHtml {
    /// Parses the `book.toml` value.
    pub fn from_name(s: &str) -> Option<RawHtml> {
        match s {
            "sanitize" => Some(RawHtml::Sanitize),
            "escape" => Some(RawHtml::Escape),
            "trust" => Some(RawHtml::Trust),
            _ => None,
        }
    }
}

/// What parsing needs from `book.toml`: the raw-HTML policy and the nesting limit.
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions {
    /// What happens to raw HTML in bodies.
    pub raw_html: RawHtml,
    /// Deepest nesting of Markdown blocks and inlines (quotes in lists in quotes...) allowed.
    pub max_nesting: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            raw_html: RawHtml::Sanitize,
            max_nesting: 64,
        }
    }
}
