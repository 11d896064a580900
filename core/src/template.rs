//! Personalised-note templates: fill `{firstName}`-style placeholders from the invitee's profile and
//! measure the result the way LinkedIn's note box does.
//!
//! The note box is a `<textarea maxlength>` (docs/linkedin.md §3.2): 200 on free accounts, 300 on
//! Premium and Sales Navigator (docs/linkedin.md §13.4;
//! docs/linkedin.md §14.5 is the confusion this counter answers). docs/linkedin.md §3 says to read
//! `maxlength` at runtime, so every function here takes `max_len`; [`note_max_len`] is only the
//! fallback. `maxlength` counts UTF-16 code units (HTML spec, "code-unit length"), so lengths here do
//! too: an emoji is 2, a precomposed "é" is 1.
//!
//! Placeholders are `{firstName}`, `{lastName}`, `{company}` and `{headline}`, matched without
//! regard to ASCII case and surrounding spaces (`{ FirstName }` works). Any other `{…}` is ordinary
//! text: it stays as written and is not reported, because braces may be meant literally and the live
//! preview shows them anyway. A placeholder with no value stays visible as written and is listed in
//! [`Filled::unfilled`], so the member sees the gap before sending rather than "Hi ," going out.

use crate::presets::AccountType;

/// The note length on free accounts (docs/linkedin.md §13.4; docs/linkedin.md §3).
pub const NOTE_MAX_FREE: usize = 200;
/// The note length on Premium and Sales Navigator, and the longest LinkedIn allows anyone.
pub const NOTE_MAX_PREMIUM: usize = 300;
/// [`counter`] turns [`CounterLevel::Near`] within this many code units of the limit: the last 10%
/// of a free note (180 of 200), and the last 20 of a Premium one.
pub const NEAR_WITHIN: usize = 20;

/// The note length to assume when the textarea's `maxlength` cannot be read. New and custom
/// accounts get the free length: a too-short guess only warns early, a too-long one lets LinkedIn
/// cut the note.
pub fn note_max_len(account: AccountType) -> usize {
    match account {
        AccountType::Premium | AccountType::SalesNavigator => NOTE_MAX_PREMIUM,
        AccountType::Free | AccountType::NewAccount | AccountType::Custom => NOTE_MAX_FREE,
    }
}

/// Length as the textarea's `maxlength` counts it: UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placeholder {
    FirstName,
    LastName,
    Company,
    Headline,
}

impl Placeholder {
    const ALL: [Placeholder; 4] = [
        Placeholder::FirstName,
        Placeholder::LastName,
        Placeholder::Company,
        Placeholder::Headline,
    ];

    /// The name between the braces, in its canonical spelling.
    fn name(self) -> &'static str {
        match self {
            Placeholder::FirstName => "firstName",
            Placeholder::LastName => "lastName",
            Placeholder::Company => "company",
            Placeholder::Headline => "headline",
        }
    }

    /// The placeholder as a template writes it, e.g. `{firstName}`.
    pub fn token(self) -> &'static str {
        match self {
            Placeholder::FirstName => "{firstName}",
            Placeholder::LastName => "{lastName}",
            Placeholder::Company => "{company}",
            Placeholder::Headline => "{headline}",
        }
    }

    /// The placeholder a name between braces means, ignoring ASCII case and surrounding spaces.
    pub fn from_name(name: &str) -> Option<Placeholder> {
        let name = name.trim_matches(' ');
        Placeholder::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

/// What the page tells about the invitee. Values are raw page text; [`fill`] cleans them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company: Option<String>,
    pub headline: Option<String>,
}

impl Person {
    /// Splits a display name (the profile's `h2`, or the name in `Invite {Name} to connect`,
    /// docs/linkedin.md §1.4) into first and last name.
    ///
    /// LinkedIn's name field holds more than a name, so this drops: everything from the first `,`
    /// (credentials: "Ada Quill, PhD"), `|` or `•` (taglines), `(` or `[` (pronouns, maiden names)
    /// or a spaced dash ("Ada Quill – Hiring"); emoji and punctuation around words; words with no
    /// letter. The first word is the first name and the rest the last name, which keeps particles
    /// and compound surnames ("van Beethoven", "García Márquez") at the cost of middle names.
    /// Honorifics stay ("Dr. Ada Quill" gives first name "Dr."): telling "Dr." from an initial
    /// ("J. Quill") needs more than a list. A name with no space (one name, or CJK written without
    /// spaces) is all first name.
    pub fn from_full_name(name: &str) -> Person {
        let name = clean(name);
        let mut end = name.find([',', '|', '•', '(', '[']).unwrap_or(name.len());
        for dash in [" - ", " – ", " — "] {
            if let Some(i) = name[..end].find(dash) {
                end = i;
            }
        }
        let words: Vec<&str> = name[..end]
            .split(' ')
            .map(|w| w.trim_matches(is_decoration))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let (first, rest) = match words.split_first() {
            Some((first, rest)) => (Some(first.to_string()), rest),
            None => (None, &[][..]),
        };
        Person {
            first_name: first,
            last_name: (!rest.is_empty()).then(|| rest.join(" ")),
            ..Person::default()
        }
    }

    /// The raw value for a placeholder.
    pub fn get(&self, p: Placeholder) -> Option<&str> {
        match p {
            Placeholder::FirstName => self.first_name.as_deref(),
            Placeholder::LastName => self.last_name.as_deref(),
            Placeholder::Company => self.company.as_deref(),
            Placeholder::Headline => self.headline.as_deref(),
        }
    }
}

/// Emoji, pictographs, dingbats and punctuation around a name word, but not the apostrophes,
/// hyphens and periods names use ("O'Brien", "Jean-Luc", "Dr."). Explicit ranges rather than "not
/// alphanumeric", which would also strip combining accents from a decomposed "Zoë".
fn is_decoration(c: char) -> bool {
    (c.is_ascii_punctuation() && !matches!(c, '\'' | '-' | '.'))
        || matches!(c,
            '\u{2010}'..='\u{2017}' // dashes
            | '\u{2020}'..='\u{2027}' // daggers, bullets, ellipsis
            | '\u{2030}'..='\u{2BFF}' // symbols, arrows, dingbats, misc symbols
            | '\u{200D}' | '\u{FE0F}' // emoji joiner and presentation selector
            | '\u{1F000}'..='\u{1FAFF}' // emoji
            | '\u{E0020}'..='\u{E007F}') // emoji tag sequences
}

/// Characters removed from page values: control characters, bidi overrides and isolates (they
/// can make the note read differently from what it holds), zero-width space and BOM, and braces
/// (so page text can never pose as an unfilled placeholder). Zero-width joiners stay: emoji and
/// several scripts need them.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '{' | '}' | '\u{200B}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A page value made safe to insert: whitespace runs (including line breaks) become one space,
/// ends are trimmed, and [`is_unsafe`] characters are removed. The page is LinkedIn's, but names
/// and headlines are written by strangers.
fn clean(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split_whitespace() {
        let word: String = word.chars().filter(|&c| !is_unsafe(c)).collect();
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
        }
    }
    out
}

/// A filled template, measured for the note box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filled {
    pub text: String,
    /// Placeholders left as written because the person has no value for them, each once, in order
    /// of first appearance.
    pub unfilled: Vec<Placeholder>,
    /// `text` in UTF-16 code units, as `maxlength` counts it.
    pub len: usize,
    /// How many code units over `max_len` (0 when it fits): LinkedIn's textarea would cut these.
    pub over_by: usize,
}

/// Fills `template` for `person`. One pass, left to right: inserted values are never scanned
/// again, so a value cannot expand into another placeholder.
pub fn fill(template: &str, person: &Person, max_len: usize) -> Filled {
    let mut text = String::with_capacity(template.len());
    let mut unfilled = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // A placeholder runs to the next `}`; a `{` first means this one is literal.
        match after.find(['{', '}']) {
            Some(close) if after.as_bytes()[close] == b'}' => {
                let written = &rest[open..open + close + 2];
                let value = Placeholder::from_name(&after[..close])
                    .map(|p| (p, person.get(p).map(clean).unwrap_or_default()));
                match value {
                    Some((_, v)) if !v.is_empty() => text.push_str(&v),
                    Some((p, _)) => {
                        text.push_str(written);
                        if !unfilled.contains(&p) {
                            unfilled.push(p);
                        }
                    }
                    None => text.push_str(written),
                }
                rest = &after[close + 1..];
            }
            _ => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    let len = utf16_len(&text);
    Filled {
        text,
        unfilled,
        len,
        over_by: len.saturating_sub(max_len),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounterLevel {
    /// Comfortably within the limit.
    Ok,
    /// At most [`NEAR_WITHIN`] code units left (the limit itself included).
    Near,
    /// Longer than the limit: LinkedIn's textarea would cut the note.
    Over,
}

/// The live counter's level for a note of `len` code units (see [`utf16_len`]) in a box of
/// `max_len`.
pub fn counter(len: usize, max_len: usize) -> CounterLevel {
    if len > max_len {
        CounterLevel::Over
    } else if max_len - len <= NEAR_WITHIN {
        CounterLevel::Near
    } else {
        CounterLevel::Ok
    }
}

/// Words that introduce the employer in a LinkedIn headline ("Engineer at Acme"), per `<html lang>`;
/// one table per language, like the page texts in `locale/`. Unknown languages try English.
const COMPANY_WORDS: &[(&str, &[&str])] = &[
    ("en", &[" at ", " @ "]),
    ("de", &[" bei ", " at ", " @ "]),
    ("fr", &[" chez ", " at ", " @ "]),
    ("es", &[" en ", " at ", " @ "]),
    ("pt", &[" na ", " no ", " em ", " at ", " @ "]),
];

/// The employer in a headline, when the headline names one the usual way ("Data Scientist at
/// Acme | Speaker" gives "Acme"). A headline that names none gives `None`, so `{company}` stays
/// visibly unfilled rather than filled with a guess.
pub fn company_from_headline(headline: &str, lang: &str) -> Option<String> {
    let lang = lang.get(..2).unwrap_or("en");
    let words = COMPANY_WORDS
        .iter()
        .find(|(l, _)| *l == lang)
        .unwrap_or(&COMPANY_WORDS[0])
        .1;
    let h = clean(headline);
    let (at, word) = words
        .iter()
        .filter_map(|w| h.find(w).map(|i| (i, *w)))
        .min_by_key(|(i, _)| *i)?;
    let rest = &h[at + word.len()..];
    let end = rest.find(['|', '•', '·', ',', ';']).unwrap_or(rest.len());
    let company = rest[..end].trim();
    (!company.is_empty()).then(|| company.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ada() -> Person {
        Person {
            company: Some("Analytical Engines Ltd".into()),
            headline: Some("Mathematician".into()),
            ..Person::from_full_name("Ada Quill")
        }
    }

    #[test]
    fn fills_every_placeholder() {
        let f = fill(
            "Hi {firstName} {lastName}, {headline} at {company}.",
            &ada(),
            300,
        );
        assert_eq!(
            f.text,
            "Hi Ada Quill, Mathematician at Analytical Engines Ltd."
        );
        assert!(f.unfilled.is_empty());
        assert_eq!((f.len, f.over_by), (f.text.len(), 0));
    }

    #[test]
    fn placeholders_ignore_ascii_case_and_spaces() {
        let f = fill("{FIRSTNAME}/{ firstName }/{Company}", &ada(), 300);
        assert_eq!(f.text, "Ada/Ada/Analytical Engines Ltd");
    }

    #[test]
    fn missing_values_stay_visible_and_are_listed_once() {
        let p = Person::from_full_name("Cher");
        let f = fill("Hi {firstName} {lastName} of {Company}, {company}", &p, 300);
        assert_eq!(f.text, "Hi Cher {lastName} of {Company}, {company}");
        assert_eq!(
            f.unfilled,
            vec![Placeholder::LastName, Placeholder::Company]
        );
        // A value that cleans to nothing is missing too.
        let p = Person {
            company: Some(" \u{0}\t ".into()),
            ..ada()
        };
        assert_eq!(
            fill("{company}", &p, 300).unfilled,
            vec![Placeholder::Company]
        );
    }

    #[test]
    fn unknown_and_broken_braces_are_text() {
        let f = fill("{foo} {} {first{firstName}} {firstName", &ada(), 300);
        assert_eq!(f.text, "{foo} {} {firstAda} {firstName");
        assert!(f.unfilled.is_empty());
    }

    #[test]
    fn values_are_cleaned_and_not_expanded_again() {
        let p = Person {
            first_name: Some("  Ada\n\u{202E}\u{7}Lovelace  ".into()),
            company: Some("{firstName} {headline}".into()),
            ..Person::default()
        };
        let f = fill("{firstName}|{company}", &p, 300);
        assert_eq!(f.text, "Ada Lovelace|firstName headline");
        assert!(f.unfilled.is_empty());
    }

    #[test]
    fn lengths_count_utf16_code_units() {
        let p = Person::from_full_name("Zoë Ångström");
        let f = fill("Hi {firstName} 👋", &p, 7);
        assert_eq!(f.text, "Hi Zoë 👋");
        // "Hi Zoë " is 7 units, the emoji 2.
        assert_eq!((f.len, f.over_by), (9, 2));
        // A decomposed "ë" is two units, as in the textarea.
        assert_eq!(utf16_len("Zoe\u{308}"), 4);
        assert_eq!(utf16_len("𝒜"), 2);
    }

    #[test]
    fn names_are_split_sensibly() {
        let cases: [(&str, Option<&str>, Option<&str>); 12] = [
            ("Ada Quill", Some("Ada"), Some("Quill")),
            ("  Ada   Quill  ", Some("Ada"), Some("Quill")),
            ("Ada Quill, PhD", Some("Ada"), Some("Quill")),
            ("Ada Quill (she/her)", Some("Ada"), Some("Quill")),
            ("Ada Quill 🚀 | Hiring", Some("Ada"), Some("Quill")),
            ("Ada🚀 Quill – Recruiter", Some("Ada"), Some("Quill")),
            (
                "Ludwig van Beethoven",
                Some("Ludwig"),
                Some("van Beethoven"),
            ),
            (
                "Zoe\u{308} O'Brien-Smith",
                Some("Zoe\u{308}"),
                Some("O'Brien-Smith"),
            ),
            ("Dr. Ada Quill", Some("Dr."), Some("Ada Quill")),
            ("Cher", Some("Cher"), None),
            ("山田太郎", Some("山田太郎"), None),
            ("🚀 , PhD", None, None),
        ];
        for (full, first, last) in cases {
            let p = Person::from_full_name(full);
            assert_eq!(
                (p.first_name.as_deref(), p.last_name.as_deref()),
                (first, last),
                "{full:?}"
            );
            assert_eq!((p.company, p.headline), (None, None));
        }
    }

    #[test]
    fn counter_levels() {
        assert_eq!(counter(0, 200), CounterLevel::Ok);
        assert_eq!(counter(179, 200), CounterLevel::Ok);
        assert_eq!(counter(180, 200), CounterLevel::Near);
        assert_eq!(counter(200, 200), CounterLevel::Near);
        assert_eq!(counter(201, 200), CounterLevel::Over);
        assert_eq!(counter(279, 300), CounterLevel::Ok);
        assert_eq!(counter(280, 300), CounterLevel::Near);
        assert_eq!(counter(0, 0), CounterLevel::Near);
        assert_eq!(counter(1, 0), CounterLevel::Over);
    }

    #[test]
    fn note_lengths_follow_the_tier() {
        assert_eq!(note_max_len(AccountType::Free), 200);
        assert_eq!(note_max_len(AccountType::NewAccount), 200);
        assert_eq!(note_max_len(AccountType::Custom), 200);
        assert_eq!(note_max_len(AccountType::Premium), 300);
        assert_eq!(note_max_len(AccountType::SalesNavigator), 300);
    }

    #[test]
    fn company_from_headlines() {
        assert_eq!(
            company_from_headline("Data Scientist at Acme | Speaker", "en").as_deref(),
            Some("Acme")
        );
        assert_eq!(
            company_from_headline("Ingenieurin bei Müller & Söhne GmbH", "de").as_deref(),
            Some("Müller & Söhne GmbH")
        );
        assert_eq!(
            company_from_headline("Développeuse chez Société Générale, Paris", "fr").as_deref(),
            Some("Société Générale")
        );
        assert_eq!(
            company_from_headline("Gerente en Telefónica", "es-ES").as_deref(),
            Some("Telefónica")
        );
        assert_eq!(
            company_from_headline("Analista na Embraer", "pt").as_deref(),
            Some("Embraer")
        );
        assert_eq!(
            company_from_headline("Founder @ Quill Labs", "xx").as_deref(),
            Some("Quill Labs")
        );
        assert_eq!(
            company_from_headline("Lorem ipsum dolor sit amet", "en"),
            None
        );
        assert_eq!(company_from_headline("Working at ", "en"), None);
        assert_eq!(company_from_headline("", ""), None);
    }
}
