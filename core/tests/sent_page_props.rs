//! The Sent page's texts (docs/linkedin.md §7, §9, §10): age lines, the total, "Connected …", and
//! the
//! time estimate, in the five table languages; property tests over generated and garbled texts.

use invite_guard_core::locale::{
    normalize, page_texts_for as table_for, PageTexts as LocaleTable, PAGE_TEXTS as TABLES,
};
use invite_guard_core::sent_page::{
    estimate_sent_at, parse_age, parse_connected, parse_total, AgeRange, AgeUnit, Connected, Said,
    MAX_AGE_DAYS,
};
use invite_guard_core::time::{LocalDay, DAY_MS, HOUR_MS};
use proptest::prelude::*;

mod common;
use common::{NOW, TZ};

fn days(text: &str, lang: &str) -> Option<(u32, u32)> {
    parse_age(text, table_for(lang)).map(|r| (r.min_days, r.max_days))
}

// ---- age texts -----------------------------------------------------------------------------------

#[test]
fn english_ages_from_linkedin_dom_section_7() {
    assert_eq!(days("Sent today", "en"), Some((0, 0)));
    assert_eq!(days("Sent yesterday", "en"), Some((0, 1)));
    assert_eq!(days("Sent 3 days ago", "en"), Some((3, 3)));
    assert_eq!(days("Sent 1 week ago", "en"), Some((7, 13)));
    assert_eq!(days("Sent 3 weeks ago", "en"), Some((21, 27)));
    assert_eq!(days("Sent a month ago", "en"), Some((30, 59)));
    assert_eq!(days("Sent 2 months ago", "en"), Some((60, 89)));
    assert_eq!(days("Sent an hour ago", "en"), Some((0, 0)));
    assert_eq!(days("Sent 5 minutes ago", "en"), Some((0, 0)));
    assert_eq!(days("Sent 1 year ago", "en"), Some((365, 729)));
    assert_eq!(
        parse_age("Sent 21 hours ago", table_for("en")).map(|r| r.said),
        Some(Said::Ago(21, AgeUnit::Hour))
    );
}

#[test]
fn other_languages() {
    // German: measured on the live page (see de.rs), and the word order the issue quotes.
    assert_eq!(days("Vor 3 Wochen gesendet", "de"), Some((21, 27)));
    assert_eq!(days("Gesendet vor 3 Wochen", "de"), Some((21, 27)));
    assert_eq!(days("Gestern gesendet", "de"), Some((0, 1)));
    assert_eq!(days("Vor 4 Tagen gesendet", "de"), Some((4, 4)));
    assert_eq!(days("Vor 21 Stunden gesendet", "de"), Some((0, 0)));
    assert_eq!(days("Vor 2 Monaten gesendet", "de"), Some((60, 89)));
    assert_eq!(days("Vor einem Monat gesendet", "de"), Some((30, 59)));
    assert_eq!(days("Envoyée il y a 3 semaines", "fr"), Some((21, 27)));
    assert_eq!(days("Envoyée il y a un mois", "fr"), Some((30, 59)));
    assert_eq!(days("Envoyée aujourd’hui", "fr"), Some((0, 0)));
    assert_eq!(days("Enviada hace 3 semanas", "es"), Some((21, 27)));
    assert_eq!(days("Enviada hace 1 mes", "es"), Some((30, 59)));
    assert_eq!(days("Enviada ayer", "es"), Some((0, 1)));
    assert_eq!(days("Enviado há 3 semanas", "pt"), Some((21, 27)));
    assert_eq!(days("Enviado há 2 meses", "pt"), Some((60, 89)));
    assert_eq!(days("Enviado hoje", "pt"), Some((0, 0)));
}

#[test]
fn whitespace_case_nbsp_and_digits_are_normalised() {
    for text in [
        "  SENT   3\u{00A0}WEEKS ago ",
        "Sent\u{202F}3\u{2009}weeks\nago",
        "Sent \u{200B}3 weeks ago",
        "Sent ٣ weeks ago",
        "Sent ３ weeks ago",
        "Sent 03 weeks ago",
    ] {
        assert_eq!(days(text, "en"), Some((21, 27)), "{text:?}");
    }
}

#[test]
fn garbled_or_foreign_texts_are_none() {
    for text in [
        "",
        " ",
        "Sent",
        "Sent ago",
        "Sent 3 ago",
        "Sent weeks ago",
        "Sent 3 fortnights ago",
        "Sent -3 weeks ago",
        "Sent 3.5 weeks ago",
        "Sent 3 weeks",
        "3 weeks ago",
        "Sent 3 weeks ago!",
        "Sent 1234567890 days ago",
        "Sent 200 years ago",
        "Withdraw",
        "Pending",
        "Vor 3 Wochen gesendet", // German text, English table
    ] {
        assert_eq!(days(text, "en"), None, "{text:?}");
    }
    // Each language reads only its own texts.
    assert_eq!(days("Sent 3 weeks ago", "de"), None);
    assert_eq!(days("Enviada hace 3 semanas", "pt"), None);
}

// ---- the estimate --------------------------------------------------------------------------------

#[test]
fn estimates_are_the_newest_moment_allowed() {
    let en = table_for("en");
    let est = |t: &str| estimate_sent_at(&parse_age(t, en).unwrap(), NOW, TZ);
    let today = LocalDay::at(NOW, TZ);
    assert_eq!(est("Sent today"), NOW);
    assert_eq!(LocalDay::at(est("Sent today"), TZ), today);
    // The last millisecond of yesterday, local time.
    let y = est("Sent yesterday");
    assert_eq!(y, today.start_ms(TZ) - 1.0);
    assert_eq!(LocalDay::at(y, TZ).next(), today);
    assert_eq!(est("Sent 21 hours ago"), NOW - 21.0 * HOUR_MS);
    assert_eq!(est("Sent 3 weeks ago"), NOW - 21.0 * DAY_MS);
    assert_eq!(est("Sent a month ago"), NOW - 30.0 * DAY_MS);
}

#[test]
fn spans_hold_the_estimate() {
    let en = table_for("en");
    let r = parse_age("Sent 3 weeks ago", en).unwrap();
    assert_eq!(r.span(NOW, TZ), (NOW - 28.0 * DAY_MS, NOW - 21.0 * DAY_MS));
    let y = parse_age("Sent yesterday", en).unwrap().span(NOW, TZ);
    assert_eq!(y.0, NOW - 2.0 * DAY_MS);
}

// ---- the total -----------------------------------------------------------------------------------

#[test]
fn totals() {
    let t = |s: &str, lang: &str| parse_total(s, table_for(lang));
    assert_eq!(t("People (1,100)", "en"), Some(1100));
    assert_eq!(t("People (905)", "en"), Some(905));
    assert_eq!(t("  people  ( 905 ) ", "en"), Some(905));
    assert_eq!(t("(1,100)", "en"), Some(1100));
    assert_eq!(t("Personen (1.100)", "de"), Some(1100));
    assert_eq!(t("Personen (1.052)", "de"), Some(1052));
    assert_eq!(t("Personnes (1\u{202F}100)", "fr"), Some(1100));
    assert_eq!(t("Personnes (1\u{00A0}100)", "fr"), Some(1100));
    assert_eq!(t("Personas (1.100)", "es"), Some(1100));
    assert_eq!(t("Pessoas (1.100)", "pt"), Some(1100));
    assert_eq!(t("People (٠)", "en"), Some(0));
    for bad in [
        "People",
        "People ()",
        "People (1,10)",
        "People (1,100",
        "People (x)",
        "Received (12)",
        "Personen (12)",
        "People (99999999999)",
        "People (1,100) more",
    ] {
        assert_eq!(t(bad, "en"), None, "{bad:?}");
    }
}

// ---- "Connected …" (docs/linkedin.md §9)
// ----------------------------------------------------------

#[test]
fn connected_texts() {
    let day = |s: &str| Connected::On(LocalDay::parse(s).unwrap());
    let c = |s: &str, lang: &str| parse_connected(s, table_for(lang));
    assert_eq!(
        c("Connected on March 3, 2026", "en"),
        Some(day("2026-03-03"))
    );
    assert_eq!(
        c("Connected on June 10, 2026", "en"),
        Some(day("2026-06-10"))
    );
    assert_eq!(c("Connected on Feb 29, 2026", "en"), None);
    assert_eq!(
        c("Connected 2 days ago", "en"),
        Some(Connected::Ago(AgeRange::ago(2, AgeUnit::Day).unwrap()))
    );
    assert_eq!(
        c("Connected 2 months ago", "en"),
        Some(Connected::Ago(AgeRange::ago(2, AgeUnit::Month).unwrap()))
    );
    assert_eq!(
        c("Am 10. August 2026 vernetzt", "de"),
        Some(day("2026-08-10"))
    );
    assert_eq!(
        c("Connecté le 1er mars 2026", "fr"),
        Some(day("2026-03-01"))
    );
    assert_eq!(
        c("Conectado el 3 de marzo de 2026", "es"),
        Some(day("2026-03-03"))
    );
    assert_eq!(
        c("Conectado em 3 de março de 2026", "pt"),
        Some(day("2026-03-03"))
    );
    for bad in [
        "Connected",
        "Connected on",
        "Connected on March 2026",
        "Connected on Smarch 3, 2026",
        "Connected on March 3, 2026, 2027",
        "Sent 3 weeks ago",
    ] {
        assert_eq!(c(bad, "en"), None, "{bad:?}");
    }
}

// ---- the tables ----------------------------------------------------------------------------------

fn sent_page_strings(t: &LocaleTable) -> Vec<&'static str> {
    let mut v = Vec::new();
    for texts in [&t.sent_age, &t.connected_age] {
        for (p, s) in texts.ago {
            assert!(!(p.is_empty() && s.is_empty()), "{}: empty shape", t.lang);
            v.extend([*p, *s]);
        }
        v.extend_from_slice(texts.today);
        v.extend_from_slice(texts.yesterday);
    }
    for (p, s) in t.connected_on {
        assert!(!(p.is_empty() && s.is_empty()), "{}: empty shape", t.lang);
        v.extend([*p, *s]);
    }
    v.extend(t.age_units.iter().map(|(w, _)| *w));
    v.extend_from_slice(t.age_one);
    v.extend_from_slice(&t.months);
    v.extend_from_slice(t.total_labels);
    v
}

#[test]
fn new_table_strings_are_normalized_and_complete() {
    for t in TABLES {
        assert!(!t.sent_age.ago.is_empty() && !t.total_labels.is_empty());
        for s in sent_page_strings(t) {
            // Prefixes and suffixes keep their edge space, so compare the trimmed text.
            assert_eq!(normalize(s), s.trim(), "{}: not normalized: {s:?}", t.lang);
        }
        for unit in [
            AgeUnit::Minute,
            AgeUnit::Hour,
            AgeUnit::Day,
            AgeUnit::Week,
            AgeUnit::Month,
            AgeUnit::Year,
        ] {
            assert!(
                t.age_units.iter().any(|(_, u)| *u == unit),
                "{}: no word for {unit:?}",
                t.lang
            );
        }
    }
}

// ---- properties ----------------------------------------------------------------------------------

const UNITS: [AgeUnit; 6] = [
    AgeUnit::Minute,
    AgeUnit::Hour,
    AgeUnit::Day,
    AgeUnit::Week,
    AgeUnit::Month,
    AgeUnit::Year,
];

/// Written out independently of the tables: how each language says "n units ago" on the Sent page.
fn sent_text(lang: usize, n: u32, unit: AgeUnit) -> (&'static str, String) {
    let one = n == 1;
    let pick = |sg: &'static str, pl: &'static str| if one { sg } else { pl };
    match lang {
        0 => {
            let w = match unit {
                AgeUnit::Minute => pick("minute", "minutes"),
                AgeUnit::Hour => pick("hour", "hours"),
                AgeUnit::Day => pick("day", "days"),
                AgeUnit::Week => pick("week", "weeks"),
                AgeUnit::Month => pick("month", "months"),
                _ => pick("year", "years"),
            };
            ("en", format!("Sent {n} {w} ago"))
        }
        1 => {
            let w = match unit {
                AgeUnit::Minute => pick("Minute", "Minuten"),
                AgeUnit::Hour => pick("Stunde", "Stunden"),
                AgeUnit::Day => pick("Tag", "Tagen"),
                AgeUnit::Week => pick("Woche", "Wochen"),
                AgeUnit::Month => pick("Monat", "Monaten"),
                _ => pick("Jahr", "Jahren"),
            };
            ("de", format!("Vor {n} {w} gesendet"))
        }
        2 => {
            let w = match unit {
                AgeUnit::Minute => pick("minute", "minutes"),
                AgeUnit::Hour => pick("heure", "heures"),
                AgeUnit::Day => pick("jour", "jours"),
                AgeUnit::Week => pick("semaine", "semaines"),
                AgeUnit::Month => "mois",
                _ => pick("an", "ans"),
            };
            ("fr", format!("Envoyée il y a {n} {w}"))
        }
        3 => {
            let w = match unit {
                AgeUnit::Minute => pick("minuto", "minutos"),
                AgeUnit::Hour => pick("hora", "horas"),
                AgeUnit::Day => pick("día", "días"),
                AgeUnit::Week => pick("semana", "semanas"),
                AgeUnit::Month => pick("mes", "meses"),
                _ => pick("año", "años"),
            };
            ("es", format!("Enviada hace {n} {w}"))
        }
        _ => {
            let w = match unit {
                AgeUnit::Minute => pick("minuto", "minutos"),
                AgeUnit::Hour => pick("hora", "horas"),
                AgeUnit::Day => pick("dia", "dias"),
                AgeUnit::Week => pick("semana", "semanas"),
                AgeUnit::Month => pick("mês", "meses"),
                _ => pick("ano", "anos"),
            };
            ("pt", format!("Enviado há {n} {w}"))
        }
    }
}

/// Typographic noise LinkedIn's pages carry: case, NBSP / narrow NBSP, doubled spaces, digits of
/// other scripts.
fn disguise(text: &str, style: u8) -> String {
    let spaced: String = text
        .chars()
        .map(|c| match (c, style % 4) {
            (' ', 1) => '\u{00A0}',
            (' ', 2) => '\u{202F}',
            (c, 3) if c.is_ascii_digit() => {
                char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap()
            }
            (c, _) => c,
        })
        .collect();
    match style / 4 {
        0 => spaced,
        1 => spaced.to_uppercase(),
        2 => format!("  {}\n", spaced.replace(' ', "  ")),
        _ => spaced.to_lowercase(),
    }
}

fn any_table() -> impl Strategy<Value = &'static LocaleTable> {
    prop::sample::select(TABLES.to_vec())
}

proptest! {
    #[test]
    fn generated_ages_parse_in_every_language(
        lang in 0usize..5,
        n in 1u32..=400,
        unit in prop::sample::select(UNITS.to_vec()),
        style in 0u8..16,
    ) {
        let (code, text) = sent_text(lang, n, unit);
        let want = AgeRange::ago(n, unit);
        let got = parse_age(&disguise(&text, style), table_for(code));
        prop_assert_eq!(got, want, "{:?}", text);
        if let Some(r) = got {
            let est = estimate_sent_at(&r, NOW, TZ);
            let (oldest, newest) = r.span(NOW, TZ);
            prop_assert!(oldest < newest && newest == est && est <= NOW);
            // The days the range states hold for every moment of the span.
            prop_assert_eq!(((NOW - newest) / DAY_MS).floor() as u32, r.min_days);
            prop_assert!((((NOW - oldest) / DAY_MS).floor() as u32).saturating_sub(1) <= r.max_days);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic_and_stay_sane(s in "\\PC{0,40}", t in any_table()) {
        if let Some(r) = parse_age(&s, t) {
            prop_assert!(r.min_days <= r.max_days && r.max_days <= MAX_AGE_DAYS);
        }
        let _ = parse_total(&s, t);
        if let Some(Connected::Ago(r)) = parse_connected(&s, t) {
            prop_assert!(r.min_days <= r.max_days && r.max_days <= MAX_AGE_DAYS);
        }
    }

    #[test]
    fn near_miss_strings_never_panic(
        lang in 0usize..5,
        n in 0u32..=u32::MAX,
        unit in prop::sample::select(UNITS.to_vec()),
        cut in 0usize..60,
        junk in "[\\PC]{0,3}",
    ) {
        let (code, text) = sent_text(lang, n, unit);
        let chars: Vec<char> = text.chars().collect();
        let at = cut.min(chars.len());
        let mangled: String = chars[..at].iter().chain(junk.chars().collect::<Vec<_>>().iter()).chain(chars[at..].iter()).collect();
        let t = table_for(code);
        if let Some(r) = parse_age(&mangled, t) {
            prop_assert!(r.min_days <= r.max_days && r.max_days <= MAX_AGE_DAYS);
        }
        let _ = parse_connected(&mangled, t);
        let _ = parse_total(&mangled, t);
    }

    #[test]
    fn totals_round_trip(n in 0u32..100_000_000, sep in prop::sample::select(vec![",", ".", " ", "\u{00A0}", "\u{202F}", ""])) {
        let digits = n.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push_str(sep);
            }
            grouped.push(c);
        }
        for t in TABLES {
            prop_assert_eq!(parse_total(&format!("{} ({grouped})", t.total_labels[0]), t), Some(n));
            prop_assert_eq!(parse_total(&format!("({grouped})"), t), Some(n));
        }
    }

    #[test]
    fn today_and_yesterday_land_on_their_local_days(now in 0f64..4.0e12, tz in -840i32..=720) {
        let today = LocalDay::at(now, tz);
        prop_assert_eq!(LocalDay::at(estimate_sent_at(&AgeRange::TODAY, now, tz), tz), today);
        let y = estimate_sent_at(&AgeRange::YESTERDAY, now, tz);
        prop_assert_eq!(LocalDay::at(y, tz).next(), today);
        let (oldest, newest) = AgeRange::YESTERDAY.span(now, tz);
        prop_assert!(oldest < newest && newest < now);
    }
}
