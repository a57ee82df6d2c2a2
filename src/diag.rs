//! Located problems in content and configuration.
//!
//! Every stage reports into a [`Diagnostics`] collector instead of stopping, so that one
//! `lape check` run lists everything an editor has to fix. Only the binary decides how the
//! list is printed and which exit code follows.

use crate::messages::{Lang, Text};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A message or hint: a catalogue [`Text`]. There is no conversion from a plain string, so a
/// message the catalogues lack cannot be written; words from elsewhere (a library's error)
/// go in as an argument of a catalogue sentence. `Plain` is for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Words in every language's catalogue.
    Text(Text),
    /// Words shown as they are (tests only build these, with [`Message::plain`]).
    Plain(String),
}

impl From<Text> for Message {
    fn from(t: Text) -> Self {
        Message::Text(t)
    }
}

impl Message {
    /// Words that are not in the catalogues, shown as they are.
    pub fn plain(s: impl Into<String>) -> Message {
        Message::Plain(s.into())
    }

    /// The words in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Message::Text(t) => t.render(lang),
            Message::Plain(s) => s.clone(),
        }
    }
}

/// How bad a problem is: errors fail `check` and `build`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something an editor should look at; the site still builds.
    Warning,
    /// The site cannot be built correctly until this is fixed.
    Error,
}

/// Whose problem it is: the content's (the editor fixes a file; exit 1) or the environment's
/// (a file cannot be read or written, the command line is wrong; exit 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// In content, configuration or templates.
    Content,
    /// In the machine or the command line.
    Environment,
}

/// One problem, pointing at a file and a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path of the file, as the user would type it (relative to the site root when possible).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// Stable, documented identifier such as `unknown-region`.
    pub code: &'static str,
    /// What is wrong, in English (see [`Diagnostic::in_lang`]).
    pub message: String,
    /// What to do about it, in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The message before it was put into words, for other languages.
    #[serde(skip)]
    pub message_text: Message,
    /// The hint before it was put into words.
    #[serde(skip)]
    pub hint_text: Option<Message>,
    /// The offending source line, for human output.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// Content or environment: decides the exit code.
    #[serde(skip)]
    pub cause: Cause,
}

impl Diagnostic {
    /// An error at a file position.
    pub fn error(file: &Path, line: usize, code: &'static str, message: impl Into<Message>) -> Self {
        let message = message.into();
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column: 0,
            severity: Severity::Error,
            code,
            message: message.render(Lang::En),
            message_text: message,
            hint: None,
            hint_text: None,
            source_line: None,
            cause: Cause::Content,
        }
    }

    /// An error of the environment (I/O, usage), not of the content: exit code 2.
    pub fn environment(file: &Path, code: &'static str, message: impl Into<Message>) -> Self {
        Diagnostic {
            cause: Cause::Environment,
            ..Diagnostic::error(file, 0, code, message)
        }
    }

    /// A warning at a file position.
    pub fn warning(file: &Path, line: usize, code: &'static str, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, code, message)
        }
    }

    /// Sets the column.
    pub fn col(mut self, column: usize) -> Self {
        self.column = column;
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn hint(mut self, hint: impl Into<Message>) -> Self {
        let hint = hint.into();
        self.hint = Some(hint.render(Lang::En));
        self.hint_text = Some(hint);
        self
    }

    /// The same problem with its message and hint in `lang`; everything else (code, place)
    /// stays as it is.
    pub fn in_lang(&self, lang: Lang) -> Diagnostic {
        Diagnostic {
            message: self.message_text.render(lang),
            hint: self.hint_text.as_ref().map(|h| h.render(lang)),
            ..self.clone()
        }
    }

    /// Attaches the text of the offending line so human output can show it.
    pub fn with_source(mut self, source: &str) -> Self {
        if self.line > 0 {
            // A huge line (a pasted blob, a bracket bomb) is cut: the excerpt is a pointer, not a copy.
            self.source_line = source.lines().nth(self.line - 1).and_then(|l| {
                const MAX: usize = 160;
                if l.chars().count() <= MAX {
                    Some(l.to_string())
                } else if self.column <= MAX - 10 {
                    Some(format!("{}…", l.chars().take(MAX).collect::<String>()))
                } else {
                    None
                }
            });
        }
        self
    }

    /// `file:line:column` as editors and terminals understand it.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => format!("{file}"),
            (l, 0) => format!("{file}:{l}"),
            (l, c) => format!("{file}:{l}:{c}"),
        }
    }
}

/// Collects diagnostics from every stage of a run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Records many problems.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Whether any error (not just warnings) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Drops the warnings whose code is in `allow` (`[check] allow` in book.toml); errors stay.
    pub fn quiet(&mut self, allow: &[String]) {
        if !allow.is_empty() {
            self.items
                .retain(|d| d.severity == Severity::Error || !allow.iter().any(|a| a == d.code));
        }
    }

    /// How many warnings there are of each code, most first (then by code).
    pub fn warning_codes(&self) -> Vec<(&'static str, usize)> {
        let mut counts: std::collections::BTreeMap<&'static str, usize> = std::collections::BTreeMap::new();
        for d in self.items.iter().filter(|d| d.severity == Severity::Warning) {
            *counts.entry(d.code).or_insert(0) += 1;
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }

    /// All problems, sorted by file and position so output is stable between runs.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by(|a, b| (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code)));
        self.items.dedup();
        self.items
    }

    /// The problems recorded so far, in recording order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Formats one diagnostic for a terminal, rustc-style.
pub fn human(d: &Diagnostic) -> String {
    let sev = match d.severity {
        Severity::Error => "virhe/error",
        Severity::Warning => "varoitus/warning",
    };
    let mut s = format!("{sev}[{}]: {}\n  --> {}\n", d.code, d.message, d.location());
    if let Some(src) = &d.source_line {
        s.push_str(&format!("   | {src}\n"));
        if d.column > 0 {
            let pad: String = src
                .chars()
                .take(d.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            s.push_str(&format!("   | {pad}^\n"));
        }
    }
    if let Some(h) = &d.hint {
        s.push_str(&format!("   = hint: {h}\n"));
    }
    s
}

/// Formats one diagnostic as a GitHub Actions workflow command.
pub fn github(d: &Diagnostic) -> String {
    fn esc_data(s: &str) -> String {
        s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
    }
    fn esc_prop(s: &str) -> String {
        esc_data(s).replace(':', "%3A").replace(',', "%2C")
    }
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = vec![format!("file={}", esc_prop(&d.file.to_string_lossy()))];
    if d.line > 0 {
        props.push(format!("line={}", d.line));
    }
    if d.column > 0 {
        props.push(format!("col={}", d.column));
    }
    props.push(format!("title={}", esc_prop(d.code)));
    let mut msg = d.message.clone();
    if let Some(h) = &d.hint {
        msg.push_str(" (hint: ");
        msg.push_str(h);
        msg.push(')');
    }
    format!("::{level} {}::{}", props.join(","), esc_data(&msg))
}

/// The closest candidate to a mistyped name, if one is close enough to suggest.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_for_typo() {
        let regions = ["pirkanmaa", "pohjanmaa", "kainuu"];
        assert_eq!(did_you_mean("pirknamaa", regions), Some("pirkanmaa"));
        assert_eq!(did_you_mean("xyz", regions), None);
    }

    #[test]
    fn github_annotation_escapes() {
        let d = Diagnostic::error(Path::new("a,b.md"), 3, "x", Message::plain("50% off\nnow")).col(2);
        assert_eq!(
            github(&d),
            "::error file=a%2Cb.md,line=3,col=2,title=x::50%25 off%0Anow"
        );
    }

    #[test]
    fn offsets_to_positions() {
        assert_eq!(line_col("ab\ncä\nd", 4), (2, 2));
        assert_eq!(line_col("ab\ncä\nd", 6), (2, 3));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
