//! One URL policy for every URL that content can put into an attribute of the published site:
//! links and images in bodies, raw HTML, front-matter fields that hold a URL, aliases.
//!
//! A URL is allowed when it is relative (no scheme: `../x.md`, `/alueet/`, `#kohta`, `//host`)
//! or its scheme is `http`, `https`, `mailto` or `tel`. Anything else (`javascript:`, `data:`,
//! `vbscript:`, `file:`...) is a `lape check` error and never reaches a page. The scheme is read
//! the way a browser reads it: tabs and line breaks anywhere are ignored, and so are control
//! characters and spaces at the ends, so `java\tscript:` is `javascript:`.

/// The schemes a published URL may have.
pub const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The scheme of `url` as a browser reads it (lower-cased), or `None` for a relative URL.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if !cleaned[end..].starts_with(':') || end == 0 {
        return None;
    }
    let s = &cleaned[..end];
    let valid = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| s.to_ascii_lowercase())
}

/// The scheme that makes `url` refused, or `None` when it may be published.
pub fn refused(url: &str) -> Option<String> {
    scheme(url).filter(|s| !ALLOWED_SCHEMES.contains(&s.as_str()))
}

/// Whether `url` may be published.
pub fn allowed(url: &str) -> bool {
    refused(url).is_none()
}

/// A file path as a URL path: every byte but unreserved ones and `/` percent-encoded
/// (`content/memos/päivä.md` becomes `content/memos/p%C3%A4iv%C3%A4.md`).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_as_a_browser_reads_them() {
        for ok in [
            "https://x.fi",
            "HTTP://x",
            "mailto:a@b.fi",
            "tel:+358401",
            "../x.md",
            "/a/b",
            "#h",
            "//cdn.x",
            "?q=1",
            "a/b:c",
            "",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "java\nscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!allowed(bad), "{bad:?}");
        }
        assert_eq!(refused("JAVASCRIPT:x").as_deref(), Some("javascript"));
    }
}
