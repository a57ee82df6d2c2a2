//! Code blocks highlighted by syntect as CSS classes; the colours live in the theme's stylesheet.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The class prefix of highlighted tokens, matching `themes/default/static/syntax.css`.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    // Loading the syntax set costs tens of milliseconds: only banks with code pay for it.
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Renders one fenced code block as `<pre><code>` with highlighting classes when the language is known.
pub fn code_block(lang: &str, code: &str) -> String {
    let esc = crate::html::escape(lang);
    if lang.is_empty() {
        return format!("<pre><code>{}</code></pre>\n", crate::html::escape(code));
    }
    let set = syntaxes();
    let Some(syntax) = set.find_syntax_by_token(lang) else {
        return format!(
            "<pre><code class=\"language-{esc}\">{}</code></pre>\n",
            crate::html::escape(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return format!(
                "<pre><code class=\"language-{esc}\">{}</code></pre>\n",
                crate::html::escape(code)
            );
        }
    }
    format!(
        "<pre class=\"hl-code\" tabindex=\"0\"><code class=\"language-{esc}\">{}</code></pre>\n",
        generator.finalize()
    )
}
