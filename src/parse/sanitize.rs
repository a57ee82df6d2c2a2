//! Raw HTML in Markdown: the policy. By default the harmless structure editors paste (tables,
//! lists, line breaks, sup/sub, abbreviations, details) is kept; scripts, styles, iframes,
//! forms, event-handler attributes and `javascript:` URLs are dropped (by `ammonia`, over the
//! whole rendered body, so a table opened in one HTML block and closed in another stays whole).

use std::collections::HashSet;

pub use crate::model::RawHtml;

/// Elements an editor may write, on top of what the Markdown renderer itself produces.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes allowed on every element. `class`, `id`, `role`, `tabindex` and `aria-label` carry
/// the renderer's own markup (heading anchors, highlighted code, table scroll regions).
const GENERIC: &[&str] = &["lang", "title", "id", "class", "role", "tabindex", "aria-label", "dir"];

/// Attributes allowed on particular elements.
const PER_TAG: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height"]),
    ("th", &["scope", "colspan", "rowspan", "headers"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("abbr", &["title"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("details", &["open"]),
];

fn builder() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::empty();
    b.add_tags(TAGS.iter().copied())
        .add_generic_attributes(GENERIC.iter().copied())
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(None)
        .strip_comments(true);
    for (tag, attrs) in PER_TAG {
        b.add_tag_attributes(*tag, attrs.iter().copied());
    }
    b
}

/// Cleans a rendered body by the default policy.
pub fn clean(html: &str) -> String {
    thread_local! {
        static POLICY: ammonia::Builder<'static> = builder();
    }
    POLICY.with(|p| p.clean(html).to_string())
}

/// What the policy would drop from one raw HTML fragment written by an editor, for `lape check`:
/// e.g. `<script>`, `onclick`, `style`, `javascript:`. A quick look at the tags, not a parser:
/// the cleaning itself is `ammonia`'s.
pub fn dropped(fragment: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = fragment;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let tag_text = rest.split('>').next().unwrap_or(rest);
        let t = tag_text.trim_start_matches('/');
        let name: String = t
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            if t.starts_with("!--") {
                found.push("<!-- comment -->".to_string());
            }
            continue;
        }
        if !TAGS.contains(&name.as_str()) {
            found.push(format!("<{name}>"));
            continue;
        }
        let allowed: &[&str] = PER_TAG.iter().find(|(tag, _)| *tag == name).map_or(&[], |(_, a)| a);
        for attr in attribute_names(&t[name.len()..]) {
            if !GENERIC.contains(&attr.as_str()) && !allowed.contains(&attr.as_str()) {
                found.push(format!("{attr}=\"…\" on <{name}>"));
            }
        }
        let lower = tag_text.to_ascii_lowercase();
        if lower.contains("javascript:") || lower.contains("vbscript:") || lower.contains("data:text/html") {
            found.push(format!("a script URL on <{name}>"));
        }
    }
    found.dedup();
    found
}

/// Attribute names in the inside of a tag (`a href="x" onclick='y'`), lower-cased.
fn attribute_names(s: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() || c == '/' {
            chars.next();
            continue;
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '/' {
                break;
            }
            name.push(c.to_ascii_lowercase());
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek() == Some(&'=') {
            chars.next();
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for c in chars.by_ref() {
                        if c == q {
                            break;
                        }
                    }
                }
                _ => {
                    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
                        chars.next();
                    }
                }
            }
        }
        if !name.is_empty() {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_editors_paste() {
        let html = "<table><tr><th scope=\"col\">A</th></tr><tr><td>1<br>2<sup>3</sup></td></tr></table>\
                    <ul><li>x</li></ul><p><abbr title=\"Lapsi- ja perhepalvelut\">LAPE</abbr></p>";
        let out = clean(html);
        for kept in [
            "<table>",
            "<th scope=\"col\">",
            "<br>",
            "<sup>3</sup>",
            "<li>x</li>",
            "<abbr title=",
        ] {
            assert!(out.contains(kept), "{kept} lost: {out}");
        }
        assert!(dropped(html).is_empty(), "{:?}", dropped(html));
    }

    #[test]
    fn drops_scripts_handlers_styles_and_script_urls() {
        let html = "<p onclick=\"alert(1)\" style=\"color:red\">a</p><script>alert(2)</script>\
                    <iframe src=\"https://x\"></iframe><a href=\"javascript:alert(3)\">b</a><style>p{}</style>";
        let out = clean(html);
        for gone in ["onclick", "style", "<script", "alert", "<iframe", "javascript:"] {
            assert!(!out.contains(gone), "{gone} kept: {out}");
        }
        assert!(out.contains("<p>a</p>") && out.contains("<a>b</a>"), "{out}");
        let d = dropped(html);
        for what in [
            "onclick=\"…\" on <p>",
            "style=\"…\" on <p>",
            "<script>",
            "<iframe>",
            "a script URL on <a>",
            "<style>",
        ] {
            assert!(d.iter().any(|x| x == what), "{what} not reported: {d:?}");
        }
    }

    #[test]
    fn keeps_the_renderers_own_markup() {
        let html = "<h2 id=\"tausta\">T</h2><div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Taulukko 1\"><table></table></div>\
                    <pre class=\"hl-code\" tabindex=\"0\"><code class=\"language-rust\"><span class=\"k\">fn</span></code></pre>\
                    <a href=\"/pilotit/vatu/#a\" hreflang=\"sv\">v</a>";
        let out = clean(html);
        assert_eq!(out, html);
    }
}
