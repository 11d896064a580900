//! Reading LinkedIn's Sent page (`/mynetwork/invitation-manager/sent/`, docs/linkedin.md §7) and
//! the
//! "Connected …" lines of the Connections page (§9).
//!
//! The Sent page is LinkedIn's own list of pending invitations, whatever device sent them; reading it
//! is how the guard counts invitations sent from the phone or another browser (docs/linkedin.md
//! §14.9).
//! It gives only relative ages ("Sent 3 weeks ago"), in the member's display language (§10), so each
//! text becomes a range of days, and [`estimate_sent_at`] picks one moment in it.
//!
//! All matching is on cleaned text: zero-width marks dropped, every kind of space made plain, other
//! scripts' digits made ASCII, then [`normalize`] (case, NBSP, apostrophes). Unknown or garbled text
//! gives `None`; nothing here panics.

use crate::locale::{find, normalize, AgeTexts, PageTexts};
use crate::time::{LocalDay, Millis, DAY_MS};
use serde::{Deserialize, Serialize};

/// The unit of a relative age; it lives in `time`, beside the other durations, so that the locale
/// tables can name it without depending on this module.
pub use crate::time::AgeUnit;

/// What an age text said, kept because [`estimate_sent_at`] needs more than whole days: "21 hours
/// ago" is yesterday evening, not today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Said {
    /// "Sent today": the member's local calendar day.
    Today,
    /// "Sent yesterday": the local day before today (or 24–48 hours ago; both readings are allowed).
    Yesterday,
    /// "Sent N <unit> ago": at least N units and less than N + 1 units ago.
    Ago(u32, AgeUnit),
}

/// How many whole days ago an invitation was sent, as its age text allows:
/// `min_days <= floor((now - sent) / 1 day) <= max_days`.
///
/// LinkedIn does not say how it rounds; the ranges assume it floors (a 27-day-old invitation still says
/// "3 weeks ago"), so "Sent 3 weeks ago" is 21..=27 and "Sent a month ago" 30..=59. Callers that match
/// against other records allow slack around this (`reconcile`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRange {
    pub min_days: u32,
    pub max_days: u32,
    pub said: Said,
}

/// No invitation is older than LinkedIn (2003): a longer age is garbage, not a date.
pub const MAX_AGE_DAYS: u32 = 36_500;

impl AgeRange {
    pub const TODAY: AgeRange = AgeRange {
        min_days: 0,
        max_days: 0,
        said: Said::Today,
    };
    /// Calendar yesterday can be 0 whole days ago (23:59 seen at 00:01) up to 1 (00:00 seen at 23:59).
    pub const YESTERDAY: AgeRange = AgeRange {
        min_days: 0,
        max_days: 1,
        said: Said::Yesterday,
    };

    /// "N <unit> ago"; `None` past [`MAX_AGE_DAYS`].
    pub fn ago(n: u32, unit: AgeUnit) -> Option<AgeRange> {
        let s = unit.seconds();
        let min = n as u64 * s / 86_400;
        let max = ((n as u64 + 1) * s - 1) / 86_400;
        (max <= MAX_AGE_DAYS as u64).then_some(AgeRange {
            min_days: min as u32,
            max_days: max as u32,
            said: Said::Ago(n, unit),
        })
    }

    /// The send times the text allows when read at `now`, as `(oldest, newest)`. The newest is
    /// [`estimate_sent_at`]; the oldest is exclusive for "N units ago".
    pub fn span(&self, now: Millis, tz: i32) -> (Millis, Millis) {
        let today = LocalDay::at(now, tz).start_ms(tz);
        let oldest = match self.said {
            Said::Today => today,
            Said::Yesterday => (today - DAY_MS).min(now - 2.0 * DAY_MS),
            Said::Ago(n, unit) => now - (n as Millis + 1.0) * unit.ms(),
        };
        (oldest, estimate_sent_at(self, now, tz))
    }
}

/// The moment an invitation is recorded at: the **newest** moment its age text allows.
///
/// Why the newest: the estimate decides whether the invitation counts toward today and the rolling
/// week (policy.rs). "Sent today" must count toward today, and an invitation that might still be in
/// the week should be counted in it: a member afraid of restriction is hurt by an undercount (the
/// guard lets them past LinkedIn's limit), only mildly by an overcount (a slot frees a day later).
///
/// - "today": `now`.
/// - "yesterday": the last millisecond of yesterday, local time. Newer than "24 hours ago", the other
///   reading of the word, so it is the newest under either.
/// - "N units ago": `now - N units` (with [`AgeRange`]'s assumption that LinkedIn floors ages).
pub fn estimate_sent_at(range: &AgeRange, now: Millis, tz: i32) -> Millis {
    match range.said {
        Said::Today => now,
        Said::Yesterday => LocalDay::at(now, tz).start_ms(tz) - 1.0,
        Said::Ago(n, unit) => now - n as Millis * unit.ms(),
    }
}

/// One invitation card of the Sent page, as the content script reports it: the `/in/<vanity>/` of
/// the name link, the name (only when the member lets names be stored), and the parsed age line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vanity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<AgeRange>,
}

/// A "Connected …" line (docs/linkedin.md §9): a date, or a relative age.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connected {
    /// "Connected on March 3, 2026": the local day.
    On(LocalDay),
    /// "Connected 2 days ago".
    Ago(AgeRange),
}

/// The age line of a Sent card: "Sent 3 weeks ago", "Vor 3 Wochen gesendet", "Sent a month ago",
/// "Sent today" (texts per language: `LocaleTable::sent_age`).
pub fn parse_age(text: &str, table: &PageTexts) -> Option<AgeRange> {
    parse_relative(&clean(text), &table.sent_age, table)
}

/// "Connected on March 3, 2026" / "Am 10. August 2026 vernetzt" → the day; "Connected 2 days ago" →
/// an age range.
pub fn parse_connected(text: &str, table: &PageTexts) -> Option<Connected> {
    let s = clean(text);
    if let Some(r) = parse_relative(&s, &table.connected_age, table) {
        return Some(Connected::Ago(r));
    }
    table
        .connected_on
        .iter()
        .filter_map(|&(p, suf)| between(&s, p, suf))
        .find_map(|mid| parse_date(mid, table))
        .map(Connected::On)
}

/// The Sent tab's total: "People (1,100)", "Personen (1.100)", "Personnes (1 100)" (NBSP or narrow
/// NBSP), or a bare "(1,100)". The label, when present, must be the table's (a "Received (12)" tab is
/// not the Sent total). Thousands groups must be well formed ("1,10" is refused).
pub fn parse_total(text: &str, table: &PageTexts) -> Option<u32> {
    let s = clean(text);
    let open = s.bytes().rposition(|b| b == b'(')?;
    let inner = s.get(open + 1..)?.strip_suffix(')')?.trim();
    let label = s.get(..open)?.trim_end();
    if !label.is_empty() && !table.total_labels.contains(&label) {
        return None;
    }
    grouped_number(inner)
}

/// Zero-width and direction marks dropped, all spaces plain, other scripts' digits ASCII, then
/// [`normalize`].
fn clean(text: &str) -> String {
    let plain: String = text
        .chars()
        .filter_map(|c| match c as u32 {
            0x00AD | 0x200B..=0x200F | 0x2060 | 0xFEFF => None,
            0x1680 | 0x2000..=0x200A | 0x205F | 0x3000 => Some(' '),
            _ => Some(ascii_digit(c).unwrap_or(c)),
        })
        .collect();
    normalize(&plain)
}

/// A decimal digit of another script (Arabic-Indic, Persian, Devanagari, Bengali, full-width) as ASCII.
fn ascii_digit(c: char) -> Option<char> {
    const ZEROS: [u32; 5] = [0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10];
    let u = c as u32;
    ZEROS
        .iter()
        .find(|&&z| (z..z + 10).contains(&u))
        .and_then(|&z| char::from_digit(u - z, 10))
}

/// `s` without `prefix` and `suffix`, if it has both.
fn between<'a>(s: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    s.strip_prefix(prefix)?.strip_suffix(suffix)
}

fn parse_relative(s: &str, texts: &AgeTexts, table: &PageTexts) -> Option<AgeRange> {
    if texts.today.contains(&s) {
        return Some(AgeRange::TODAY);
    }
    if texts.yesterday.contains(&s) {
        return Some(AgeRange::YESTERDAY);
    }
    texts
        .ago
        .iter()
        .filter_map(|&(p, suf)| between(s, p, suf))
        .find_map(|mid| count_and_unit(mid, table))
}

/// "3 weeks", "a month", "21 stunden".
fn count_and_unit(mid: &str, table: &PageTexts) -> Option<AgeRange> {
    let sp = find(mid, " ")?;
    let (n, unit) = (mid.get(..sp)?, mid.get(sp + 1..)?);
    let n = if table.age_one.contains(&n) {
        1
    } else {
        digits(n)?
    };
    let unit = table
        .age_units
        .iter()
        .find(|(w, _)| *w == unit)
        .map(|&(_, u)| u)?;
    AgeRange::ago(n, unit)
}

/// 1 to 9 ASCII digits.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// "1,100", "1.100", "1 100", "1'100", "905": groups of three after the first, one separator kind.
fn grouped_number(s: &str) -> Option<u32> {
    let (mut value, mut run, mut groups, mut sep) = (0u32, 0usize, 0usize, None);
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            value = value.checked_mul(10)?.checked_add(d)?;
            run += 1;
        } else if matches!(c, ',' | '.' | ' ' | '\'') {
            if sep.is_some_and(|x| x != c) || run == 0 || run > 3 || (groups > 0 && run != 3) {
                return None;
            }
            sep = Some(c);
            groups += 1;
            run = 0;
        } else {
            return None;
        }
    }
    (run > 0 && (groups == 0 || run == 3)).then_some(value)
}

/// A written date in any order: one month name (or a unique abbreviation of three letters or more),
/// a four-digit year, a day of one or two digits (ordinal endings "1er", "3rd" allowed). "de"/"of"
/// are skipped ("3 de marzo de 2026"); any other word fails.
fn parse_date(s: &str, table: &PageTexts) -> Option<LocalDay> {
    let (mut year, mut month, mut day) = (None, None, None);
    for tok in s.split([' ', ',', '.']).filter(|t| !t.is_empty()) {
        let lead = tok.bytes().take_while(u8::is_ascii_digit).count();
        if lead == 4 && tok.len() == 4 {
            set_once(&mut year, tok.parse::<i32>().ok()?)?;
        } else if (1..=2).contains(&lead) {
            let ending = tok.get(lead..)?;
            if !["", "er", "st", "nd", "rd", "th", "º", "ª"].contains(&ending) {
                return None;
            }
            set_once(&mut day, tok.get(..lead)?.parse::<u8>().ok()?)?;
        } else if ["de", "of"].contains(&tok) {
            continue;
        } else {
            set_once(&mut month, month_number(tok, table)?)?;
        }
    }
    let d = LocalDay {
        year: year?,
        month: month?,
        day: day?,
    };
    (d.day >= 1 && LocalDay::from_days(d.days()) == d).then_some(d)
}

/// Sets an empty slot; `None` (a failed date) when it was already set.
fn set_once<T>(slot: &mut Option<T>, v: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(v);
            Some(())
        }
    }
}

/// 1..=12 for a month name, or an abbreviation ("mar", "sept") that fits exactly one month.
fn month_number(word: &str, table: &PageTexts) -> Option<u8> {
    if let Some(i) = table.months.iter().position(|m| *m == word) {
        return Some(i as u8 + 1);
    }
    if word.chars().count() < 3 {
        return None;
    }
    let mut hits = table
        .months
        .iter()
        .enumerate()
        .filter(|(_, m)| m.starts_with(word));
    match (hits.next(), hits.next()) {
        (Some((i, _)), None) => Some(i as u8 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::page_texts_for as table_for;

    fn en() -> &'static PageTexts {
        table_for("en")
    }

    #[test]
    fn unit_ranges() {
        let r = |n, u| AgeRange::ago(n, u).map(|r| (r.min_days, r.max_days));
        assert_eq!(r(3, AgeUnit::Week), Some((21, 27)));
        assert_eq!(r(1, AgeUnit::Month), Some((30, 59)));
        assert_eq!(r(2, AgeUnit::Month), Some((60, 89)));
        assert_eq!(r(3, AgeUnit::Day), Some((3, 3)));
        assert_eq!(r(21, AgeUnit::Hour), Some((0, 0)));
        assert_eq!(r(23, AgeUnit::Hour), Some((0, 0)));
        assert_eq!(r(24, AgeUnit::Hour), Some((1, 1)));
        assert_eq!(r(59, AgeUnit::Minute), Some((0, 0)));
        assert_eq!(r(1, AgeUnit::Year), Some((365, 729)));
        assert_eq!(r(100, AgeUnit::Year), None);
        assert_eq!(r(u32::MAX, AgeUnit::Year), None);
    }

    #[test]
    fn digits_of_other_scripts() {
        assert_eq!(ascii_digit('٣'), Some('3'));
        assert_eq!(ascii_digit('３'), Some('3'));
        assert_eq!(ascii_digit('3'), None);
        assert_eq!(
            clean("Sent\u{200B} ３\u{2009}weeks\u{00A0}ago"),
            "sent 3 weeks ago"
        );
    }

    #[test]
    fn grouped_numbers() {
        for (s, n) in [
            ("905", Some(905)),
            ("1,100", Some(1100)),
            ("1.100", Some(1100)),
            ("1 100", Some(1100)),
            ("1'100", Some(1100)),
            ("12,345,678", Some(12_345_678)),
            ("1,10", None),
            ("1,100.000", None),
            ("1000,000", None),
            (",100", None),
            ("100,", None),
            ("", None),
            ("99999999999", None),
        ] {
            assert_eq!(grouped_number(s), n, "{s:?}");
        }
    }

    #[test]
    fn dates() {
        let d = |s| parse_date(s, en()).map(|d| d.to_string());
        assert_eq!(d("march 3, 2026").as_deref(), Some("2026-03-03"));
        assert_eq!(d("mar 3, 2026").as_deref(), Some("2026-03-03"));
        assert_eq!(d("3rd march 2026").as_deref(), Some("2026-03-03"));
        assert_eq!(d("february 30, 2026"), None);
        assert_eq!(d("march 3 4, 2026"), None);
        assert_eq!(d("ma 3, 2026"), None);
        assert_eq!(d("march, 2026"), None);
        assert_eq!(d("march 0, 2026"), None);
        let fr = table_for("fr");
        // "jui" is both juin and juillet.
        assert_eq!(parse_date("3 jui 2026", fr), None);
        assert_eq!(
            parse_date("1er juillet 2026", fr).map(|d| d.to_string()),
            Some("2026-07-01".into())
        );
    }
}
