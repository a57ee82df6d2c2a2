//! Personal data kept out of bulk data: contact people's names, e-mail addresses and phone
//! numbers appear on the pages where editors put them, never in `/data/`, the search indexes
//! or the JSON-LD.

use crate::graph::Bank;
use crate::model::Kind;

/// Front-matter fields that hold people: left out of every export.
pub const PERSONAL_FIELDS: &[&str] = &["contacts", "contact"];
/// Sub-fields of `meeting` that name people.
pub const PERSONAL_MEETING_FIELDS: &[&str] = &["participants", "chair", "secretary"];

/// Removes the bank's contact people, and any e-mail address or phone number, from text.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// Names, e-mail addresses and phone numbers as written in front matter, longest first.
    known: Vec<String>,
    /// The first word of each known string, to the strings it starts: a text is scanned once
    /// whatever the number of people (a bank can name hundreds).
    firsts: std::collections::HashMap<String, Vec<usize>>,
}

impl Redactor {
    /// The people named in the bank's contacts and meetings.
    pub fn of(bank: &Bank) -> Redactor {
        let mut known = Vec::new();
        for kind in [Kind::Pilot, Kind::Service, Kind::Memo, Kind::Workshop] {
            for &id in bank.of_kind(kind) {
                let fm = &bank.doc(id).fm;
                for c in fm.contacts.iter().chain(fm.contact.iter()) {
                    known.extend(c.name.iter().chain(&c.email).chain(&c.phone).cloned());
                    // The surname alone names the person too ("Miettinen & Miettunen").
                    known.extend(c.name.iter().filter_map(|n| {
                        n.split_whitespace()
                            .nth(1)
                            .map(|_| n.split_whitespace().last().unwrap_or(n).to_string())
                    }));
                }
                if let Some(m) = &fm.meeting {
                    known.extend(m.participants.iter().cloned());
                    known.extend(m.chair.iter().chain(&m.secretary).cloned());
                }
            }
        }
        let mut known: Vec<String> = known
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| s.chars().count() >= 3)
            .collect();
        known.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        known.dedup();
        Redactor::from_known(known)
    }

    fn from_known(known: Vec<String>) -> Redactor {
        let mut firsts: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (i, k) in known.iter().enumerate() {
            if let Some(w) = words(k).next() {
                firsts.entry(w.to_string()).or_default().push(i);
            }
        }
        Redactor { known, firsts }
    }

    /// The known strings `text` holds.
    fn found<'a>(&'a self, text: &str) -> Vec<&'a str> {
        let mut out: Vec<usize> = Vec::new();
        for w in words(text) {
            if let Some(ids) = self.firsts.get(w) {
                out.extend(ids.iter().copied().filter(|&i| text.contains(self.known[i].as_str())));
            }
        }
        out.sort_unstable();
        out.dedup();
        out.into_iter().map(|i| self.known[i].as_str()).collect()
    }

    /// Whether `text` holds anything to redact.
    pub fn touches(&self, text: &str) -> bool {
        !self.found(text).is_empty() || has_email(text) || has_phone(text)
    }

    /// `text` without the known people, e-mail addresses or phone numbers.
    pub fn redact(&self, text: &str) -> String {
        if !self.touches(text) {
            return text.to_string();
        }
        let mut out = text.to_string();
        // Longest first (the order of `known`), so a full name goes before its surname.
        for k in self.found(text) {
            out = out.replace(k, "…");
        }
        redact_emails_and_phones(&out)
    }
}

/// Words as the known strings are looked up by: runs of letters, digits and the characters
/// of e-mail addresses.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || "@.-_+".contains(c)))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
}

fn has_email(text: &str) -> bool {
    text.contains('@')
        && text
            .split(|c: char| c.is_whitespace() || "<>()[],;:\"'".contains(c))
            .any(is_email)
}

fn is_email(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    match w.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.'),
        None => false,
    }
}

/// A run of at least seven digits with spaces, dashes or a leading + between them: a phone
/// number, as Finns write them ("050 3607558", "+358 40 123 4567", "09-310 1234").
fn phone_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !(c == b'0' || (c == b'+' && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
            || (i > 0 && b[i - 1].is_ascii_digit())
        {
            i += 1;
            continue;
        }
        // From a 0 or a +: digits, with single spaces or dashes between them.
        let start = i;
        let mut digits = 0;
        let mut j = i + usize::from(c == b'+');
        while j < b.len() {
            if b[j].is_ascii_digit() {
                digits += 1;
                j += 1;
            } else if (b[j] == b' ' || b[j] == b'-') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                j += 1;
            } else {
                break;
            }
        }
        if digits >= 7 {
            spans.push((start, j));
        }
        i = j.max(i + 1);
    }
    spans
}

fn has_phone(text: &str) -> bool {
    // Most texts have no 0 or + followed by seven digits; spare them the scan's vector.
    text.bytes().filter(u8::is_ascii_digit).nth(6).is_some() && !phone_spans(text).is_empty()
}

fn redact_emails_and_phones(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (s, e) in phone_spans(text) {
        out.push_str(&text[last..s]);
        out.push('…');
        last = e;
    }
    out.push_str(&text[last..]);
    let words: Vec<&str> = out.split_inclusive(char::is_whitespace).collect();
    words
        .into_iter()
        .map(|w| {
            let core = w.trim_end();
            let trimmed = core.trim_matches(|c: char| "<>()[],;:\"'".contains(c));
            if is_email(trimmed) {
                w.replace(trimmed.trim_end_matches('.'), "…")
            } else {
                w.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_emails_and_phones_go_dates_stay() {
        let r = Redactor::from_known(vec![
            "Sari Miettinen".into(),
            "sari.miettinen@pshp.fi".into(),
            "Miettinen".into(),
        ]);
        let t = r.redact("Sari Miettinen (sari.miettinen@pshp.fi, 050 3607558) kertoi 10.9.2018; p. +358 40 123 4567.");
        assert_eq!(t, "… (…, …) kertoi 10.9.2018; p. ….");
        assert_eq!(r.redact("Vuonna 2018 8 kuntaa"), "Vuonna 2018 8 kuntaa");
        assert_eq!(r.redact("Miettinen & Miettunen."), "… & Miettunen.");
        assert!(!r.touches("Kainuu 2016-2019"));
    }
}
