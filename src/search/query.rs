//! The query language, defined once for both search outputs (the browser's engine parses the
//! same way; the parity test holds the two together):
//!
//! - Words are separated by spaces and all must match (AND). `AND` between words is allowed.
//! - `"two words"` matches the words next to each other, in that order, in one field.
//! - A piece with punctuation inside (`lapsi/perhe`, `29.3.2016`) is a phrase of its words.
//! - `OR` between two pieces matches either; `-word`, `-"a phrase"` or `NOT word` leaves out
//!   the pages that match it.
//! - Stop words (`ja`, `on`, `kun`...) are dropped, in phrases too.
//!
//! Errors: an unclosed quotation mark, an operator without its words, or a query of stop words
//! only. A query with no words at all is empty, which is fine with filters and an error without.

use super::finnish::is_stop;
use super::words::{form_of, words};

/// One thing to look for: a word (its folded form) or a phrase of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// One word.
    Word(String),
    /// Words next to each other, in order.
    Phrase(Vec<String>),
}

impl Item {
    /// The item's words.
    pub fn forms(&self) -> &[String] {
        match self {
            Item::Word(w) => std::slice::from_ref(w),
            Item::Phrase(ws) => ws,
        }
    }
}

/// A parsed query: every clause must match (a clause matches when one of its items does), and
/// no excluded item may.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Clauses, each a list of alternatives.
    pub must: Vec<Vec<Item>>,
    /// Excluded items.
    pub not: Vec<Item>,
}

impl Query {
    /// Whether the query has nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.must.is_empty() && self.not.is_empty()
    }
}

/// Why a query cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A `"` without its pair.
    #[error("a quotation mark is not closed")]
    UnclosedQuote,
    /// `AND`, `OR` or `NOT` without the words it needs.
    #[error("{0} needs a word on both sides")]
    Operator(&'static str),
    /// `NOT` at the end.
    #[error("NOT needs a word after it")]
    NotAtEnd,
    /// `OR` next to an excluded piece.
    #[error("OR cannot join a piece that is left out")]
    OrExcluded,
    /// Only stop words.
    #[error("the query has only common words (ja, on, kun...); add a word to look for")]
    OnlyStopWords,
    /// Nothing to look for, and no filter either.
    #[error("the query is empty; give a word to look for, or a filter")]
    Empty,
    /// Only excluded pieces, and no filter.
    #[error("the query only leaves pages out; give a word to look for, or a filter")]
    OnlyExcluded,
    /// A phrase whose words have too many readings to try.
    #[error("the phrase has too many readings; shorten it")]
    PhraseTooAmbiguous,
}

impl QueryError {
    /// The error's name, as the browser's engine names it too.
    pub fn code(&self) -> String {
        match self {
            QueryError::UnclosedQuote => "UnclosedQuote".into(),
            QueryError::Operator(op) => format!("Operator:{op}"),
            QueryError::NotAtEnd => "NotAtEnd".into(),
            QueryError::OrExcluded => "OrExcluded".into(),
            QueryError::OnlyStopWords => "OnlyStopWords".into(),
            QueryError::Empty => "Empty".into(),
            QueryError::OnlyExcluded => "OnlyExcluded".into(),
            QueryError::PhraseTooAmbiguous => "PhraseTooAmbiguous".into(),
        }
    }
}

/// A lexical piece of the query.
#[derive(Debug)]
enum Piece {
    And,
    Or,
    Not,
    /// Text of a word group or phrase, and whether it was written `-x`.
    Text(String, bool),
}

fn pieces(q: &str) -> Result<Vec<Piece>, QueryError> {
    let mut out = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let neg = c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
        let j = if neg { i + 1 } else { i };
        if chars.get(j) == Some(&'"') {
            let end = chars[j + 1..]
                .iter()
                .position(|&c| c == '"')
                .ok_or(QueryError::UnclosedQuote)?;
            out.push(Piece::Text(chars[j + 1..j + 1 + end].iter().collect(), neg));
            i = j + end + 2;
            continue;
        }
        let mut k = j;
        while k < chars.len() && !chars[k].is_whitespace() && chars[k] != '"' {
            k += 1;
        }
        let text: String = chars[j..k].iter().collect();
        out.push(match (neg, text.as_str()) {
            (false, "AND") => Piece::And,
            (false, "OR") => Piece::Or,
            (false, "NOT") => Piece::Not,
            _ => Piece::Text(text, neg),
        });
        i = k;
    }
    Ok(out)
}

/// The words of a piece without stop words; `None` when it had words but all were stop words.
fn item_of(text: &str, stopped: &mut bool) -> Option<Item> {
    let mut forms = Vec::new();
    for w in words(text) {
        let f = form_of(&text[w.start..w.end]);
        if is_stop(&f) {
            *stopped = true;
        } else {
            forms.push(f);
        }
    }
    match forms.len() {
        0 => None,
        1 => forms.pop().map(Item::Word),
        _ => Some(Item::Phrase(forms)),
    }
}

/// Parses a query.
pub fn parse(q: &str) -> Result<Query, QueryError> {
    let ps = pieces(q)?;
    // Pass 1: operators in place, with the item each text piece gives (None: nothing in it).
    enum Tok {
        Op(&'static str),
        Not,
        Item(Option<Item>, bool),
    }
    let mut stopped = false;
    let toks: Vec<Tok> = ps
        .into_iter()
        .map(|p| match p {
            Piece::And => Tok::Op("AND"),
            Piece::Or => Tok::Op("OR"),
            Piece::Not => Tok::Not,
            Piece::Text(t, neg) => Tok::Item(item_of(&t, &mut stopped), neg),
        })
        .collect();
    // Operators need a piece on each side (a piece of stop words counts: "kun OR kunta").
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Op(op) => {
                let left = i > 0 && matches!(toks[i - 1], Tok::Item(..));
                let right = matches!(toks.get(i + 1), Some(Tok::Item(..) | Tok::Not));
                if !left || !right {
                    return Err(QueryError::Operator(op));
                }
                if *op == "OR"
                    && (matches!(toks[i - 1], Tok::Item(_, true))
                        || (i >= 2 && matches!(toks[i - 2], Tok::Not))
                        || matches!(toks.get(i + 1), Some(Tok::Not | Tok::Item(_, true))))
                {
                    return Err(QueryError::OrExcluded);
                }
            }
            Tok::Not => {
                if !matches!(toks.get(i + 1), Some(Tok::Item(..))) {
                    return Err(QueryError::NotAtEnd);
                }
            }
            Tok::Item(..) => {}
        }
    }
    let mut query = Query::default();
    let mut negate_next = false;
    let mut join_next = false;
    // OR joins the clause just made; after a piece of stop words there is none to join.
    let mut joinable = false;
    let mut any_words = false;
    for t in toks {
        match t {
            Tok::Op("OR") => join_next = joinable,
            Tok::Op(_) => {}
            Tok::Not => negate_next = true,
            Tok::Item(item, neg) => {
                let neg = neg || std::mem::take(&mut negate_next);
                let join = std::mem::take(&mut join_next);
                joinable = item.is_some() && !neg;
                let Some(item) = item else { continue };
                any_words = true;
                if neg {
                    query.not.push(item);
                } else if join && let Some(last) = query.must.last_mut() {
                    last.push(item);
                } else {
                    query.must.push(vec![item]);
                }
            }
        }
    }
    if stopped && query.must.is_empty() && !any_words {
        return Err(QueryError::OnlyStopWords);
    }
    Ok(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Item {
        Item::Word(s.into())
    }

    #[test]
    fn words_phrases_or_and_not() {
        let q = parse("perhekeskus \"lapsi ja perhe\" kunta OR kaupunki -koulu NOT päiväkoti").unwrap();
        assert_eq!(
            q.must,
            vec![
                vec![w("perhekeskus")],
                vec![Item::Phrase(vec!["lapsi".into(), "perhe".into()])],
                vec![w("kunta"), w("kaupunki")],
            ]
        );
        assert_eq!(q.not, vec![w("koulu"), w("paivakoti")]);
        assert_eq!(
            parse("29.3.2016").unwrap().must,
            vec![vec![Item::Phrase(vec!["29".into(), "3".into(), "2016".into()])]]
        );
        assert_eq!(parse("sote-uudistus").unwrap().must, vec![vec![w("sote-uudistus")]]);
    }

    #[test]
    fn errors_and_empty_queries() {
        assert_eq!(parse("\"auki"), Err(QueryError::UnclosedQuote));
        assert_eq!(parse("AND OR ("), Err(QueryError::Operator("AND")));
        assert_eq!(parse("lapsi OR"), Err(QueryError::Operator("OR")));
        assert_eq!(parse("lapsi NOT"), Err(QueryError::NotAtEnd));
        assert_eq!(parse("ja kun"), Err(QueryError::OnlyStopWords));
        assert_eq!(parse("-a OR b"), Err(QueryError::OrExcluded));
        assert_eq!(parse("NOT a OR b"), Err(QueryError::OrExcluded));
        assert!(parse("  ( ) ").unwrap().is_empty());
        assert_eq!(parse("kun OR kunta").unwrap().must, vec![vec![w("kunta")]]);
        assert_eq!(
            parse("lapsi kun OR kunta").unwrap().must,
            vec![vec![w("lapsi")], vec![w("kunta")]]
        );
        assert_eq!(
            parse("lapsi OR kunta OR perhe").unwrap().must,
            vec![vec![w("lapsi"), w("kunta"), w("perhe")]]
        );
    }
}
