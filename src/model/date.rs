//! Calendar dates as the bank's sources give them: a day, a month or only a year.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A date with optional month and day (`2017`, `2017-03`, `2017-03-09`); ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2018.
    pub year: u16,
    /// Month 1-12, or 0 when only the year is known.
    pub month: u8,
    /// Day 1-31, or 0 when only the month is known.
    pub day: u8,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a date: {why}; write it as 2018-09-10 (or 10.9.2018)")]
pub struct DateError {
    text: String,
    why: &'static str,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Builds a date, checking that the month and day exist.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, &'static str> {
        if !(1000..=9999).contains(&year) {
            return Err("the year must have four digits");
        }
        if month > 12 || (month == 0 && day != 0) {
            return Err("there is no such month");
        }
        if day != 0 && day > days_in_month(year, month) {
            return Err("there is no such day in that month");
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or Finnish `D.M.YYYY`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let t = text.trim();
        let err = |why| DateError {
            text: text.to_string(),
            why,
        };
        let num = |s: &str| -> Result<u32, DateError> {
            if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                Err(err("expected digits"))
            } else {
                s.parse().map_err(|_| err("expected digits"))
            }
        };
        let (y, m, d) = if t.contains('.') {
            let parts: Vec<&str> = t.trim_end_matches('.').split('.').collect();
            match parts.as_slice() {
                [d, m, y] => (num(y)?, num(m)?, num(d)?),
                [m, y] => (num(y)?, num(m)?, 0),
                _ => return Err(err("expected day.month.year")),
            }
        } else {
            let parts: Vec<&str> = t.split('-').collect();
            match parts.as_slice() {
                [y, m, d] => (num(y)?, num(m)?, num(d)?),
                [y, m] => (num(y)?, num(m)?, 0),
                [y] => (num(y)?, 0, 0),
                _ => return Err(err("expected year-month-day")),
            }
        };
        if (m == 0 && !t.is_empty() && t.contains(['-', '.'])) || (d == 0 && t.matches(['-', '.']).count() >= 2) {
            return Err(err("month and day start from 1"));
        }
        Date::new(y as u16, m as u8, d as u8).map_err(err)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// ISO 8601 form: `2018-09-10`, `2017-03` or `2017`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{}", self.year),
            (m, 0) => format!("{}-{m:02}", self.year),
            (m, d) => format!("{}-{m:02}-{d:02}", self.year),
        }
    }

    /// Finnish form as shown on pages: `10.9.2018`, `3/2017` or `2017`.
    pub fn finnish(&self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{}", self.year),
            (m, 0) => format!("{m}/{}", self.year),
            (m, d) => format!("{d}.{m}.{}", self.year),
        }
    }

    /// RFC 3339 timestamp at midnight UTC, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!(
            "{}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.max(1),
            self.day.max(1)
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as 2018-09-10")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Date::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Date, E> {
                // YAML reads `10.9` as a number; only a full Finnish date is acceptable.
                Err(E::custom(format!(
                    "'{v}' is not a date; write it as 2018-09-10 (or \"10.9.2018\" in quotes)"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(Date::parse("2018-09-10").unwrap().finnish(), "10.9.2018");
        assert_eq!(Date::parse("10.9.2018").unwrap().iso(), "2018-09-10");
        assert_eq!(Date::parse("2017-03").unwrap().iso(), "2017-03");
        assert_eq!(Date::parse("2017").unwrap().finnish(), "2017");
        assert_eq!(Date::parse("2016-02-29").unwrap().day, 29);
    }

    #[test]
    fn impossible_dates() {
        for bad in [
            "2017-02-29",
            "2018-13-01",
            "2018-00-10",
            "32.1.2018",
            "eilen",
            "",
            "18-9-10",
            "2018-09-10-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn days_since_epoch() {
        assert_eq!(Date::from_days(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days(17_619).iso(), "2018-03-29");
        assert_eq!(Date::from_days(19_782).iso(), "2024-02-29");
    }

    #[test]
    fn order() {
        assert!(Date::parse("2017").unwrap() < Date::parse("2017-01-01").unwrap());
        assert!(Date::parse("2016-03-29").unwrap() < Date::parse("2018-09-10").unwrap());
    }
}
