//! Property tests for personalised notes: filling templates (template.rs), the free-note budget
//! (note_budget.rs) and template settings (settings.rs).

use invite_guard_core::ledger::{Event, EventKind, Invitee};
use invite_guard_core::note_budget::{learned, status, FREE_NOTES_PER_MONTH};
use invite_guard_core::presets::AccountType;
use invite_guard_core::settings::{validate_templates, NoteTemplate, SettingsError};
use invite_guard_core::template::{
    counter, fill, utf16_len, CounterLevel, Person, Placeholder, NOTE_MAX_FREE, NOTE_MAX_PREMIUM,
};
use invite_guard_core::time::{LocalDay, Millis, DAY_MS, MINUTE_MS};
use proptest::prelude::*;

// ---- templates ---------------------------------------------------------------------------------------

/// Known placeholders still written in `text`, found independently of `fill`'s scanner: any `{…}`
/// with no brace inside whose content names a placeholder.
fn known_left(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices('{') {
        let after = &text[i + 1..];
        if let Some(close) = after.find('}') {
            let inner = &after[..close];
            if !inner.contains('{') {
                found.extend(Placeholder::from_name(inner));
            }
        }
    }
    found
}

fn any_person() -> impl Strategy<Value = Person> {
    let field = || prop::option::of(any::<String>());
    (field(), field(), field(), field()).prop_map(|(f, l, c, h)| Person {
        first_name: f,
        last_name: l,
        company: c,
        headline: h,
    })
}

/// Templates made of placeholder-like pieces, so braces and tokens meet in every arrangement.
fn brace_template() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{firstName}".to_string()),
        Just("{LASTNAME}".to_string()),
        Just("{ company }".to_string()),
        Just("{headline}".to_string()),
        Just("{foo}".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("firstName".to_string()),
        Just("company".to_string()),
        "[a-z é👋\n]{0,3}",
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn fill_never_panics_and_measures_what_it_returns(
        template in any::<String>(), person in any_person(), max_len in 0usize..400,
    ) {
        let f = fill(&template, &person, max_len);
        prop_assert_eq!(f.len, utf16_len(&f.text));
        prop_assert_eq!(f.len, f.text.encode_utf16().count());
        prop_assert_eq!(f.over_by, f.len.saturating_sub(max_len));
        for (i, p) in f.unfilled.iter().enumerate() {
            prop_assert!(!f.unfilled[..i].contains(p), "listed twice: {:?}", p);
            let value = person.get(*p).unwrap_or("");
            prop_assert!(value.chars().all(|c| c.is_whitespace() || c.is_control() || c == '{' || c == '}'
                || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                "{:?} has a value {:?}", p, value);
        }
    }

    #[test]
    fn brace_templates_never_panic(template in brace_template(), person in any_person()) {
        let f = fill(&template, &person, NOTE_MAX_FREE);
        prop_assert_eq!(f.len, utf16_len(&f.text));
        // Every unfilled placeholder is still visible in the text.
        let left = known_left(&f.text);
        for p in &f.unfilled {
            prop_assert!(left.contains(p), "{:?} not visible in {:?}", p, f.text);
        }
    }

    /// With every value present nothing is unfilled, and no known placeholder is left. (The values
    /// are markers that no placeholder name contains: a company literally called "company" inside
    /// a template's `{{company}}` would rebuild `{company}` from text the member wrote.)
    #[test]
    fn with_every_value_nothing_is_left(template in brace_template(), sep in "[ \t\n]{0,2}") {
        let person = Person {
            first_name: Some(format!("Ω1{sep}x")),
            last_name: Some("Ω2".into()),
            company: Some(format!("{sep}Ω3")),
            headline: Some("Ω4 {firstName}".into()),
        };
        let f = fill(&template, &person, NOTE_MAX_PREMIUM);
        prop_assert!(f.unfilled.is_empty());
        prop_assert_eq!(known_left(&f.text), vec![]);
    }

    /// A filled value is clean whatever the page held: one line, trimmed, single spaces, no
    /// control characters or braces.
    #[test]
    fn inserted_values_are_clean(value in any::<String>()) {
        let person = Person { company: Some(value), ..Person::default() };
        let f = fill("<{company}>", &person, NOTE_MAX_FREE);
        let inner = &f.text[1..f.text.len() - 1];
        if f.unfilled.is_empty() {
            prop_assert!(!inner.is_empty());
            prop_assert_eq!(inner.trim(), inner);
            prop_assert!(!inner.contains("  "));
            prop_assert!(
                !inner.chars().any(|c| c.is_control() || c == '{' || c == '}' || (c.is_whitespace() && c != ' ')),
                "unclean {:?}", inner
            );
        } else {
            prop_assert_eq!(inner, "{company}");
        }
    }

    #[test]
    fn names_split_into_clean_words(name in any::<String>()) {
        let p = Person::from_full_name(&name);
        prop_assert!(p.company.is_none() && p.headline.is_none());
        prop_assert!(p.first_name.is_some() || p.last_name.is_none());
        for part in [&p.first_name, &p.last_name].into_iter().flatten() {
            prop_assert!(!part.is_empty());
            prop_assert_eq!(part.trim(), part.as_str());
            prop_assert!(
                !part.chars().any(|c| c.is_control() || matches!(c, '{' | '}' | ',' | '|' | '(')),
                "unclean {:?}", part
            );
        }
        if let Some(first) = &p.first_name {
            prop_assert!(!first.contains(' '));
        }
    }

    #[test]
    fn counter_rises_with_length(max_len in 0usize..1_000, a in 0usize..1_100, b in 0usize..1_100) {
        let rank = |l: CounterLevel| match l { CounterLevel::Ok => 0, CounterLevel::Near => 1, CounterLevel::Over => 2 };
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(rank(counter(lo, max_len)) <= rank(counter(hi, max_len)));
        prop_assert_eq!(counter(a, max_len) == CounterLevel::Over, a > max_len);
    }
}

// ---- budget ------------------------------------------------------------------------------------------

/// 2026-11-01 00:00 UTC.
fn base() -> Millis {
    LocalDay::parse("2026-11-01").unwrap().start_ms(0)
}

fn any_event() -> impl Strategy<Value = (u8, Option<bool>, f64, i32)> {
    (
        0u8..4,
        prop::option::of(any::<bool>()),
        -70.0f64..70.0,
        -840i32..=720,
    )
}

fn make(i: usize, (kind, note, days, tz): (u8, Option<bool>, f64, i32)) -> Event {
    let kind = [
        EventKind::Sent,
        EventKind::Refused,
        EventKind::NoteRefused,
        EventKind::Withdrawn,
    ][kind as usize];
    let at = base() + days * DAY_MS;
    Event {
        id: format!("e{i}"),
        kind,
        at,
        day: LocalDay::at(at, tz),
        tz,
        invitee: Invitee::default(),
        note,
        note_len: None,
        sources: vec![],
        tab: None,
        also: vec![],
    }
}

fn month(d: LocalDay) -> (i32, u8) {
    (d.year, d.month)
}

fn is_note(e: &Event) -> bool {
    e.kind == EventKind::Sent && e.note == Some(true)
}

proptest! {
    #[test]
    fn used_is_exactly_the_notes_sent_this_month(
        raw in prop::collection::vec(any_event(), 0..40),
        now_days in -60.0f64..60.0, tz in -840i32..=720,
        account in prop::sample::select(vec![AccountType::Free, AccountType::Premium, AccountType::SalesNavigator, AccountType::NewAccount, AccountType::Custom]),
    ) {
        let events: Vec<Event> = raw.into_iter().enumerate().map(|(i, r)| make(i, r)).collect();
        let now = base() + now_days * DAY_MS;
        let today = LocalDay::at(now, tz);
        let s = status(&events, account, now, tz);
        let this_month = events.iter().filter(|e| is_note(e) && month(e.day) == month(today)).count() as u32;
        prop_assert_eq!(s.used, this_month);
        prop_assert!(s.used <= events.iter().filter(|e| is_note(e)).count() as u32);
        prop_assert_eq!(s.remaining, s.budget.map(|b| b.saturating_sub(s.used)));
        if matches!(account, AccountType::Free | AccountType::NewAccount | AccountType::Custom) {
            prop_assert!(s.budget.is_some_and(|b| (1..=FREE_NOTES_PER_MONTH).contains(&b)));
        }
        if let Some((day, n)) = s.learned_from {
            prop_assert_eq!(s.budget, Some(n));
            prop_assert!(n >= 1);
            let that_month = events.iter().filter(|e| is_note(e) && month(e.day) == month(day)).count() as u32;
            prop_assert!(n <= that_month);
        }
        prop_assert_eq!(s.resets_on.day, 1);
        prop_assert!(s.resets_on > today);
        prop_assert!(s.resets_on.days() - today.days() <= 31);
        // The resets_on day starts the month after today's.
        prop_assert_ne!(month(s.resets_on), month(today));
        prop_assert_eq!(month(LocalDay::from_days(s.resets_on.days() - 1)), month(today));
    }

    /// No learned budget is contradicted by a month that sent more notes from its month on.
    #[test]
    fn learned_is_never_disproved(raw in prop::collection::vec(any_event(), 0..40)) {
        let events: Vec<Event> = raw.into_iter().enumerate().map(|(i, r)| make(i, r)).collect();
        if let Some((day, n)) = learned(&events) {
            prop_assert!(events.iter().any(|e| e.kind == EventKind::NoteRefused && e.day == day));
            for m in events.iter().map(|e| month(e.day)).filter(|m| *m >= month(day)) {
                let sent = events.iter().filter(|e| is_note(e) && month(e.day) == m).count() as u32;
                prop_assert!(sent <= n, "{:?} sent {} > learned {}", m, sent, n);
            }
        }
    }
}

#[test]
fn minutes_around_midnight_follow_the_stored_day() {
    // The same instant, stored by members in two zones, lands in two months.
    let at = LocalDay::parse("2026-12-01").unwrap().start_ms(0) + 30.0 * MINUTE_MS;
    let west = make(0, (0, Some(true), 0.0, 0));
    let west = Event {
        at,
        day: LocalDay::at(at, 60),
        tz: 60,
        ..west
    };
    let east = Event {
        id: "e1".into(),
        day: LocalDay::at(at, -60),
        tz: -60,
        ..west.clone()
    };
    assert_eq!(west.day.to_string(), "2026-11-30");
    assert_eq!(east.day.to_string(), "2026-12-01");
    let events = [west, east];
    let nov = status(&events, AccountType::Free, at - DAY_MS, 0);
    let dec = status(&events, AccountType::Free, at + DAY_MS, 0);
    assert_eq!((nov.used, dec.used), (1, 1));
}

// ---- template settings -------------------------------------------------------------------------------

#[test]
fn note_templates_load_partially_and_report_why() {
    let t: NoteTemplate = serde_json::from_str(r#"{"name": "Alumni"}"#).unwrap();
    assert_eq!(t.text, "");
    assert_eq!(
        validate_templates(&[t]),
        Err(vec![SettingsError::TemplateTextLength(0)])
    );
    let t: NoteTemplate =
        serde_json::from_str(r#"{"name": "Alumni", "text": "Hi {firstName}", "v": 2}"#).unwrap();
    assert_eq!(
        serde_json::to_value(&t).unwrap(),
        serde_json::json!({"name": "Alumni", "text": "Hi {firstName}"})
    );
    for e in [
        SettingsError::TooManyTemplates,
        SettingsError::TemplateNameLength(0),
        SettingsError::TemplateNameRepeated(0),
        SettingsError::TemplateTextLength(0),
        SettingsError::TemplateControlCharacters(0),
    ] {
        assert!(!e.message().is_empty());
    }
}

#[test]
fn template_text_limit_is_in_utf16_units() {
    let t = |text: String| NoteTemplate {
        name: "n".into(),
        text,
    };
    assert_eq!(validate_templates(&[t("a".repeat(300))]), Ok(()));
    assert_eq!(validate_templates(&[t("é".repeat(300))]), Ok(()));
    assert_eq!(
        validate_templates(&[t("a".repeat(299) + "👋")]),
        Err(vec![SettingsError::TemplateTextLength(0)])
    );
}

proptest! {
    #[test]
    fn template_errors_point_at_real_templates(
        raw in prop::collection::vec((any::<String>(), any::<String>()), 0..14),
    ) {
        let ts: Vec<NoteTemplate> = raw.into_iter().map(|(name, text)| NoteTemplate { name, text }).collect();
        if let Err(errs) = validate_templates(&ts) {
            prop_assert!(!errs.is_empty());
            for e in errs {
                match e {
                    SettingsError::TooManyTemplates => prop_assert!(ts.len() > 10),
                    SettingsError::TemplateNameLength(i)
                    | SettingsError::TemplateNameRepeated(i)
                    | SettingsError::TemplateTextLength(i)
                    | SettingsError::TemplateControlCharacters(i) => prop_assert!(i < ts.len()),
                    other => prop_assert!(false, "unexpected {:?}", other),
                }
            }
        }
    }
}
