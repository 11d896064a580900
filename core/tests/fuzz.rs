//! Hostile input (fault matrix "Hostile input"): property tests with a high case count over what
//! reads text from outside, namely the history import (`import::preview`), the Sent page's age,
//! "Connected …" and total parsers (`sent_page`), and the label classifier (`classify`).
//!
//! They are `#[ignore]`d so that the plain `cargo test` stays fast. Run them with:
//!
//! ```text
//! cargo test -p invite-guard-core --test fuzz -- --ignored --nocapture --test-threads=1
//! ```
//!
//! - `IG_FUZZ_CASES`: how many inputs each of the six tests tries (default [`DEFAULT_CASES`],
//!   5,000: the whole file took 31 s in `cargo test`'s debug profile on a 2-core machine, and
//!   263 s with `IG_FUZZ_CASES=50000`; twice as long while other builds shared the machine).
//! - `IG_FUZZ_SEED`: the seed to replay a run (each test prints the one it used); random by
//!   default.
//!
//! Each test prints one line, such as `fuzz import/mutated: 5000 inputs, 0 panics, 0 failures
//! (12.7 s, seed …); 2830 files read (5823 events to add, …)`: the inputs tried, and what they
//! reached (files read or refused and why, texts parsed, labels read back), so that a generator
//! that stopped reaching the code shows. A panic in the code under test is caught and counted,
//! and the test fails with the input proptest shrinks it to and the seed to replay it.
//!
//! Properties:
//! - nothing panics;
//! - the import preview never changes or drops an existing event: the `existing` slice is equal
//!   afterwards, and no event it would add carries an id (own or merged) already known, or one
//!   another added event carries; whatever it would add is a valid event;
//! - a parsed age is within [`MAX_AGE_DAYS`], a parsed date is a real day, and typographic noise the
//!   parsers are documented to fold (case, every kind of space, zero-width marks, other scripts'
//!   digits) never changes what a text parses to;
//! - the classifier's `kind` and `classify` agree, and a label built from a table's own shapes
//!   around a name (with the same noise) gives that name back.

use invite_guard_core::classify::{
    alert_kind, classify, commit_button, invite_label_name, is_follow_label, kind,
    urn_from_topcard_key, vanity_from_href, vanity_from_profile_href, withdraw_label, Commit,
    Control, Facts, Kind, Withdraw,
};
use invite_guard_core::export::{to_json, FORMAT};
use invite_guard_core::import::{
    preview, EARLIEST_AT, MAX_AHEAD_MS, MAX_ALSO, MAX_ID_CHARS, MAX_KEY_CHARS, MAX_NAME_CHARS,
    TZ_RANGE,
};
use invite_guard_core::ledger::{AlertKind, Event, EventKind, Invitee, Source};
use invite_guard_core::locale::{
    has, lower, normalize, LocaleTable, PageTexts, PAGE_TEXTS, TABLES,
};
use invite_guard_core::profile::is_valid_vanity;
use invite_guard_core::sent_page::{
    estimate_sent_at, parse_age, parse_connected, parse_total, AgeRange, Connected, Said,
    MAX_AGE_DAYS,
};
use invite_guard_core::settings::Settings;
use invite_guard_core::time::{LocalDay, Millis, DAY_MS};
use proptest::prelude::*;
use proptest::sample::{subsequence, Index};
use proptest::test_runner::{RngSeed, TestCaseError, TestRunner};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Instant;

mod common;
use common::{table_choice, NOW};

// ---- the runner ----------------------------------------------------------------------------------

/// Inputs per test when `IG_FUZZ_CASES` is not set. Measured: the whole file in 31 s (`cargo
/// test`'s debug profile, 2 cores, one test thread), the two import tests most of it.
const DEFAULT_CASES: u32 = 5_000;

fn cases() -> u32 {
    match std::env::var("IG_FUZZ_CASES") {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("IG_FUZZ_CASES is not a count: {v:?}")),
        Err(_) => DEFAULT_CASES,
    }
}

fn seed() -> u64 {
    match std::env::var("IG_FUZZ_SEED") {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("IG_FUZZ_SEED is not a number: {v:?}")),
        Err(_) => {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0);
            // Spread the bits: two tests started in the same microsecond get different seeds.
            t.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (t >> 29)
        }
    }
}

/// Runs `check` on `cases()` inputs drawn from `strategy`, counting the inputs and the panics,
/// and prints the count and `summary()` (what the inputs reached). A failure (a panic or a broken
/// property) fails the test with the input proptest shrinks it to and the seed to replay it.
fn fuzz<S>(
    name: &str,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
    summary: impl Fn() -> String,
) where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let (cases, seed) = (cases(), seed());
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_time: 120_000,
        ..ProptestConfig::default()
    };
    let tried = Cell::new(0u64);
    let panics = Cell::new(0u64);
    let start = Instant::now();
    let result = quiet_panics(|| {
        TestRunner::new(config).run(&strategy, |input| {
            tried.set(tried.get() + 1);
            match catch_unwind(AssertUnwindSafe(|| check(input))) {
                Ok(r) => r,
                Err(_) => {
                    panics.set(panics.get() + 1);
                    let at = LAST_PANIC
                        .with(|p| p.borrow_mut().take())
                        .unwrap_or_default();
                    Err(TestCaseError::fail(format!("panicked: {at}")))
                }
            }
        })
    });
    let secs = start.elapsed().as_secs_f64();
    match result {
        Ok(()) => println!(
            "fuzz {name}: {} inputs, 0 panics, 0 failures ({secs:.1} s, seed {seed}); {}",
            tried.get(),
            summary()
        ),
        Err(e) => panic!(
            "fuzz {name}: FAILED after {} inputs (shrinking included), {} panics, {secs:.1} s; \
             replay with IG_FUZZ_SEED={seed} IG_FUZZ_CASES={cases}: {e}",
            tried.get(),
            panics.get()
        ),
    }
}

thread_local! {
    /// The message and place of the last panic on this thread, while [`quiet_panics`] runs.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's panics recorded in [`LAST_PANIC`] instead of printed (a failing
/// input is tried again many times while shrinking); other threads' panics print as before.
fn quiet_panics<T>(f: impl FnOnce() -> T) -> T {
    type Hook = Box<dyn Fn(&std::panic::PanicHookInfo<'_>) + Sync + Send + 'static>;
    let me = std::thread::current().id();
    let prev: Arc<Hook> = Arc::new(std::panic::take_hook());
    let others = Arc::clone(&prev);
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != me {
            return others(info);
        }
        let p = info.payload();
        let msg = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|c| *c.borrow_mut() = Some(format!("{msg} (at {at})")));
    }));
    let out = f();
    let _ = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| prev(info)));
    out
}

/// Counters a test reports in its summary line.
struct Counts<const N: usize>([Cell<u64>; N]);

impl<const N: usize> Default for Counts<N> {
    fn default() -> Self {
        Counts(std::array::from_fn(|_| Cell::new(0)))
    }
}

impl<const N: usize> Counts<N> {
    fn new() -> Self {
        Self::default()
    }
    fn add(&self, i: usize, n: usize) {
        self.0[i].set(self.0[i].get() + n as u64);
    }
    fn get(&self, i: usize) -> u64 {
        self.0[i].get()
    }
}

// ---- import: events and hostile values ------------------------------------------------------------

/// A valid event (as `import::check` accepts it); ids are made unique by [`history`].
fn valid_event() -> impl Strategy<Value = Event> {
    let invitee = (
        prop::option::of("ACoA[A-Za-z0-9_-]{10,35}"),
        prop::option::of("[a-z0-9À-ÿ-]{1,40}"),
        prop::option::of("\\PC{0,40}"),
    )
        .prop_map(|(urn, vanity, name)| Invitee { urn, vanity, name });
    (
        "[a-z]{2,4}:[A-Za-z0-9@._-]{1,30}",
        prop::sample::select(vec![
            EventKind::Sent,
            EventKind::Refused,
            EventKind::NoteRefused,
            EventKind::Withdrawn,
            EventKind::Accepted,
        ]),
        prop_oneof![
            EARLIEST_AT..NOW + DAY_MS,
            (EARLIEST_AT as i64..NOW as i64).prop_map(|m| m as f64),
        ],
        -840i32..=720,
        invitee,
        prop::option::of(any::<bool>()),
        prop::option::of(0u32..3_000),
        subsequence(
            vec![
                Source::Api,
                Source::Dom,
                Source::Alert,
                Source::Import,
                Source::SentPage,
                Source::Connection,
            ],
            0..=3,
        ),
        prop::option::of(any::<i32>()),
        prop::collection::vec("[a-z]{3}:[A-Za-z0-9@]{1,20}", 0..3),
    )
        .prop_map(
            |(id, kind, at, tz, invitee, note, len, sources, tab, also)| Event {
                id,
                kind,
                at,
                day: LocalDay::at(at, tz),
                tz,
                invitee,
                note,
                note_len: note.filter(|n| *n).and(len),
                sources,
                tab,
                also,
            },
        )
}

/// `(existing, in_file)`: the member's events, and the events of a file, some of them the
/// member's own (an export imported back, or another device's copy of the same history).
fn history() -> impl Strategy<Value = (Vec<Event>, Vec<Event>)> {
    (
        prop::collection::vec((valid_event(), 0u8..4), 0..10),
        any::<Index>(),
    )
        .prop_map(|(evs, split)| {
            let mut all: Vec<(Event, u8)> = evs;
            for (i, (e, _)) in all.iter_mut().enumerate() {
                e.id = format!("e{i}:{}", e.id);
                for (j, a) in e.also.iter_mut().enumerate() {
                    *a = format!("e{i}.{j}:{a}");
                }
            }
            let k = split.index(all.len() + 1);
            let existing: Vec<Event> = all[..k].iter().map(|(e, _)| e.clone()).collect();
            // Of the member's events, some are in the file too (`pick` 0 or 1); every new one is.
            let in_file = all
                .iter()
                .enumerate()
                .filter(|(i, (_, pick))| *i >= k || *pick < 2)
                .map(|(_, (e, _))| e.clone())
                .collect();
            (existing, in_file)
        })
}

/// A value where it does not belong.
#[derive(Clone, Debug)]
enum Hostile {
    /// Any JSON value: wrong types, huge and tiny numbers, odd strings.
    Json(Value),
    /// Text a JSON value cannot hold, spliced into the file as is: NaN, 1e400, lone surrogates,
    /// numbers of 30 digits, deep nesting, broken literals.
    Raw(String),
    /// An id the member's events already carry (own or merged), or `e0:…` when there is none.
    KnownId(Index),
    /// `unit` repeated `n` times.
    Long(&'static str, usize),
}

fn hostile_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            Value::Null,
            Value::Bool(true),
            Value::from(0),
            Value::from(-1),
            Value::from(1.5),
            Value::from(f64::MAX),
            Value::from(f64::MIN),
            Value::from(f64::MIN_POSITIVE),
            Value::from(5e-324),
            Value::from(-0.0),
            Value::from(u64::MAX),
            Value::from(i64::MIN),
            Value::from(i64::MAX),
            Value::from(9_007_199_254_740_993u64),
            Value::from(EARLIEST_AT - 1.0),
            Value::from(NOW + MAX_AHEAD_MS + 1.0),
            Value::from(NOW),
            Value::from(-841),
            Value::from(721),
            Value::from(2_147_483_648i64),
        ]),
        prop::sample::select(vec![
            "",
            "NaN",
            "nan",
            "Infinity",
            "-Infinity",
            "1e999",
            "0x1F",
            "1795773600000",
            "2026-11-27",
            "2026-02-30",
            "0000-00-00",
            "9999-12-31",
            "sent",
            "accepted",
            "SENT",
            "api",
            "sent_page",
            "\u{202E}evil\u{202C}",
            "a\u{0}b",
            "\u{FEFF}",
            "\u{10FFFF}",
            "\u{FFFF}",
            "İ",
            "𝟙𝟚",
            "١٢٣",
            "null",
            "[]",
            "{}",
            "e0:x",
        ])
        .prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,30}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn raw_token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "NaN",
            "-NaN",
            "Infinity",
            "-Infinity",
            "1e400",
            "-1e400",
            "1e-400",
            "0.1e309",
            "123456789012345678901234567890",
            "-123456789012345678901234567890",
            "18446744073709551616",
            "-9223372036854775809",
            "9007199254740993",
            "1.0e+308",
            "-0",
            "-0.0",
            "01",
            "1.",
            ".5",
            "+1",
            "0x10",
            "\"\\ud800\"",
            "\"\\udfff\\ud800\"",
            "\"\\u0000\"",
            "\"\\uZZZZ\"",
            "\"\\x41\"",
            "\"\t\"",
            "tru",
            "nul",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "undefined",
            "'sent'",
        ])
        .prop_map(str::to_string),
        // Nesting around serde_json's limit (128) and far beyond it.
        (
            prop::sample::select(vec![10usize, 100, 126, 127, 128, 129, 200, 5_000]),
            any::<bool>()
        )
            .prop_map(|(n, obj)| if obj {
                format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))
            } else {
                format!("{}{}", "[".repeat(n), "]".repeat(n))
            }),
    ]
}

fn hostile() -> impl Strategy<Value = Hostile> {
    prop_oneof![
        8 => hostile_json().prop_map(Hostile::Json),
        2 => raw_token().prop_map(Hostile::Raw),
        3 => any::<Index>().prop_map(Hostile::KnownId),
        1 => (
            prop::sample::select(vec!["x", "é", "🙂", "\u{0301}", "ab\"\\", "\u{1}", "\u{202E}"]),
            prop_oneof![100usize..2_000, 2_000usize..100_000],
        )
            .prop_map(|(u, n)| Hostile::Long(u, n)),
    ]
}

/// The keys an event or a file has, and a few it does not.
const KEYS: [&str; 17] = [
    "id", "kind", "at", "day", "tz", "invitee", "note", "note_len", "sources", "also", "tab",
    "urn", "vanity", "name", "format", "schema", "events",
];

#[derive(Clone, Debug)]
enum Op {
    /// Replace the node at the path.
    Replace(Hostile),
    /// Remove the node at the path from its array or object.
    Remove,
    /// Wrap the node at the path in `n` arrays (or objects).
    Wrap(usize, bool),
    /// Repeat the node at the path in its array.
    Duplicate,
    /// Set a field of one of the file's events (`KEYS`, or a nested invitee field).
    SetInEvent(Index, &'static str, bool, Hostile),
    /// Set a top-level field.
    SetTop(&'static str, Hostile),
}

#[derive(Clone, Debug)]
struct Mutation {
    path: Vec<Index>,
    op: Op,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let key = prop::sample::select(KEYS.to_vec());
    let op = prop_oneof![
        3 => hostile().prop_map(Op::Replace),
        2 => Just(Op::Remove),
        1 => (prop_oneof![4 => 1usize..8, 1 => 100usize..200], any::<bool>())
            .prop_map(|(n, o)| Op::Wrap(n, o)),
        1 => Just(Op::Duplicate),
        5 => (any::<Index>(), key.clone(), any::<bool>(), hostile())
            .prop_map(|(i, k, nested, h)| Op::SetInEvent(i, k, nested, h)),
        1 => (key, hostile()).prop_map(|(k, h)| Op::SetTop(k, h)),
    ];
    (prop::collection::vec(any::<Index>(), 0..6), op).prop_map(|(path, op)| Mutation { path, op })
}

/// Where the mutations put raw text: a JSON string holding this marker and the raw's index.
fn raw_marker(i: usize) -> String {
    format!("\u{1}RAW{i}\u{1}")
}

struct Mutator<'a> {
    known: &'a [String],
    raws: Vec<String>,
}

impl Mutator<'_> {
    fn value(&mut self, h: &Hostile) -> Value {
        match h {
            Hostile::Json(v) => v.clone(),
            Hostile::Raw(r) => {
                self.raws.push(r.clone());
                Value::String(raw_marker(self.raws.len() - 1))
            }
            Hostile::KnownId(i) => Value::String(if self.known.is_empty() {
                "e0:x".to_string()
            } else {
                i.get(self.known).clone()
            }),
            Hostile::Long(u, n) => Value::String(u.repeat(*n)),
        }
    }

    fn apply(&mut self, root: &mut Value, m: &Mutation) {
        match &m.op {
            Op::Replace(h) => *walk(root, &m.path) = self.value(h),
            Op::Wrap(n, obj) => {
                let node = walk(root, &m.path);
                let mut v = node.take();
                for _ in 0..*n {
                    v = if *obj {
                        serde_json::json!({ "a": v })
                    } else {
                        Value::Array(vec![v])
                    };
                }
                *node = v;
            }
            Op::Remove | Op::Duplicate => {
                let Some((last, parent)) = m.path.split_last() else {
                    return;
                };
                match walk(root, parent) {
                    Value::Array(a) if !a.is_empty() => {
                        let i = last.index(a.len());
                        if matches!(m.op, Op::Remove) {
                            a.remove(i);
                        } else {
                            let dup = a[i].clone();
                            a.insert(i, dup);
                        }
                    }
                    Value::Object(o) if !o.is_empty() && matches!(m.op, Op::Remove) => {
                        let k = o.keys().nth(last.index(o.len())).cloned();
                        if let Some(k) = k {
                            o.remove(&k);
                        }
                    }
                    _ => {}
                }
            }
            Op::SetInEvent(i, key, nested, h) => {
                let v = self.value(h);
                if let Some(Value::Array(evs)) = root.get_mut("events") {
                    if evs.is_empty() {
                        return;
                    }
                    let n = evs.len();
                    let target = &mut evs[i.index(n)];
                    let target = if *nested && target.get("invitee").is_some() {
                        &mut target["invitee"]
                    } else {
                        target
                    };
                    if let Value::Object(o) = target {
                        o.insert(key.to_string(), v);
                    }
                }
            }
            Op::SetTop(key, h) => {
                let v = self.value(h);
                if let Value::Object(o) = root {
                    o.insert(key.to_string(), v);
                }
            }
        }
    }

    /// The file's text, with each raw marker replaced by its raw text.
    fn text(&self, root: &Value) -> String {
        let mut text = root.to_string();
        for (i, raw) in self.raws.iter().enumerate() {
            let marker = Value::String(raw_marker(i)).to_string();
            text = text.replace(&marker, raw);
        }
        text
    }
}

/// The node at `path`, each step picking a child of an array or object; stops at a leaf.
fn walk<'a>(root: &'a mut Value, path: &[Index]) -> &'a mut Value {
    let mut cur = root;
    for ix in path {
        let n = match &*cur {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        };
        if n == 0 {
            break;
        }
        let i = ix.index(n);
        cur = match cur {
            Value::Array(a) => &mut a[i],
            Value::Object(o) => o.values_mut().nth(i).expect("i < len"),
            _ => unreachable!("a leaf has no children"),
        };
    }
    cur
}

/// An event's own id and its merged ones.
fn ids(e: &Event) -> impl Iterator<Item = &str> {
    std::iter::once(e.id.as_str()).chain(e.also.iter().map(String::as_str))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().count() <= MAX_ID_CHARS && !id.chars().any(char::is_control)
}

/// `preview(existing, text)`: nothing panics, the existing events are untouched, and what it
/// would add is valid, new, and distinct. Counts into `n`: files read, events added, already
/// known, refused.
fn check_import(existing: &[Event], text: &str, n: &ImportCounts) -> Result<(), TestCaseError> {
    let before = existing.to_vec();
    let r = preview(existing, text, NOW);
    prop_assert_eq!(existing, &before[..], "the existing events changed");
    let p = match r {
        Ok(p) => p,
        Err(e) => {
            *n.refused.borrow_mut().entry(e.code()).or_default() += 1;
            return Ok(());
        }
    };
    let n = &n.read;
    n.add(0, 1);
    n.add(1, p.add.len());
    n.add(2, p.already);
    n.add(3, p.invalid.len());
    let known: HashSet<&str> = existing.iter().flat_map(ids).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for e in &p.add {
        // One event may name an id twice (a file's `also` listing one twice, or its own id): the
        // preview keeps `also` as in the file, and a repeat within one event counts nothing twice.
        let own: HashSet<&str> = ids(e).collect();
        for id in own {
            prop_assert!(!known.contains(id), "would add {:?}, already known", id);
            prop_assert!(seen.insert(id), "two events to add carry {:?}", id);
        }
        prop_assert!(valid_id(&e.id), "bad id {:?}", e.id);
        prop_assert!(e.also.len() <= MAX_ALSO && e.also.iter().all(|a| valid_id(a)));
        prop_assert!(e.at.is_finite() && e.at >= EARLIEST_AT && e.at <= NOW + MAX_AHEAD_MS);
        prop_assert!(TZ_RANGE.contains(&e.tz));
        prop_assert_eq!(e.day, LocalDay::at(e.at, e.tz));
        prop_assert!(!e.sources.is_empty() && e.sources.windows(2).all(|w| w[0] < w[1]));
        let key_ok = |k: &Option<String>| {
            k.as_deref().is_none_or(|k| {
                !k.is_empty()
                    && k.chars().count() <= MAX_KEY_CHARS
                    && !k.chars().any(char::is_control)
            })
        };
        prop_assert!(key_ok(&e.invitee.urn) && key_ok(&e.invitee.vanity));
        prop_assert!(e
            .invitee
            .name
            .as_deref()
            .is_none_or(|n| n.chars().count() <= MAX_NAME_CHARS));
    }
    prop_assert!(p.add.windows(2).all(|w| w[0].at <= w[1].at));
    prop_assert!(p.invalid.windows(2).all(|w| w[0].index < w[1].index));
    // When the file is plain JSON with a list of events, every event is accounted for once.
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(body) {
        if let Some(Value::Array(evs)) = o.get("events") {
            prop_assert_eq!(p.add.len() + p.already + p.invalid.len(), evs.len());
            prop_assert!(p.invalid.iter().all(|i| i.index < evs.len()));
        }
    }
    Ok(())
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the file's header)"]
fn fuzz_import_arbitrary_text() {
    let text = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        any::<String>(),
        "\\PC{0,300}",
        r#"[\[\]{}",:0-9a-z\\ .eE+-]{0,300}"#,
        // The envelope, then anything.
        r#"[\[\]{}",:0-9a-z\\ .eE+-]{0,200}"#
            .prop_map(|s| format!(r#"{{"format":"{FORMAT}","schema":1,"events":[{s}"#)),
        // A well-formed envelope around any values.
        (prop::collection::vec(hostile_json(), 0..6), hostile_json()).prop_map(|(evs, settings)| {
            serde_json::json!({"format": FORMAT, "schema": 1, "settings": settings, "events": evs})
                .to_string()
        }),
    ];
    let input = (history(), text).prop_map(|((existing, _), text)| (existing, text));
    let n = ImportCounts::default();
    fuzz(
        "import/arbitrary",
        input,
        |(existing, text)| check_import(&existing, &text, &n),
        || import_summary(&n),
    );
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the file's header)"]
fn fuzz_import_mutated_exports() {
    let input = (
        history(),
        prop::collection::vec(mutation(), 0..4),
        prop_oneof![
            9 => prop::sample::select(vec!["", "", "\u{FEFF}", " \n\t"]),
            1 => Just("\u{FEFF}\u{FEFF}"),
        ],
        // Mostly whitespace, which JSON allows; sometimes junk after the object.
        prop_oneof![
            9 => prop::sample::select(vec!["", "", " ", "\n", "\r\n", "\t"]),
            1 => prop::sample::select(vec!["x", "}", ",", "\u{0}"]),
        ],
    );
    let n = ImportCounts::default();
    fuzz(
        "import/mutated",
        input,
        |((existing, in_file), mutations, before, after)| {
            let settings = Settings::default();
            let mut root: Value = serde_json::from_str(&to_json(&in_file, &settings, NOW))
                .expect("an export is JSON");
            let known: Vec<String> = existing.iter().flat_map(ids).map(str::to_string).collect();
            let mut m = Mutator {
                known: &known,
                raws: Vec::new(),
            };
            for mutation in &mutations {
                m.apply(&mut root, mutation);
            }
            let text = format!("{before}{}{after}", m.text(&root));
            check_import(&existing, &text, &n)?;
            // An export that no mutation touched imports whole: what is not the member's is added.
            if mutations.is_empty() && before.is_empty() && after.is_empty() {
                let p = preview(&existing, &text, NOW).expect("an export imports");
                let known: HashSet<&str> = existing.iter().flat_map(ids).collect();
                let new = in_file
                    .iter()
                    .filter(|e| !ids(e).any(|id| known.contains(id)))
                    .count();
                prop_assert_eq!(p.add.len(), new);
                prop_assert_eq!(p.already, in_file.len() - new);
                prop_assert!(p.invalid.is_empty());
            }
            Ok(())
        },
        || import_summary(&n),
    );
}

/// Files read (events to add, already known, refused), and files refused by reason.
#[derive(Default)]
struct ImportCounts {
    read: Counts<4>,
    refused: RefCell<std::collections::BTreeMap<&'static str, u64>>,
}

fn import_summary(n: &ImportCounts) -> String {
    let r = &n.read;
    format!(
        "{} files read ({} events to add, {} already known, {} refused), files refused: {:?}",
        r.get(0),
        r.get(1),
        r.get(2),
        r.get(3),
        n.refused.borrow()
    )
}

// ---- Sent page -----------------------------------------------------------------------------------

/// Noise the Sent-page parsers fold away (`sent_page::clean`, `locale::normalize`): ASCII and Latin
/// case, every kind of space, zero-width and direction marks, soft hyphens, curly apostrophes,
/// other scripts' digits. `style` picks one variant per character.
fn benign(text: &str, styles: &[u8]) -> String {
    const SPACES: [&str; 10] = [
        " ",
        "\u{00A0}",
        "\u{202F}",
        "\t",
        "\n",
        "\u{2009}",
        "\u{3000}",
        "  ",
        " \u{200B} ",
        "\u{2007}",
    ];
    const MARKS: [&str; 6] = [
        "\u{200B}", "\u{200E}", "\u{200F}", "\u{2060}", "\u{FEFF}", "\u{00AD}",
    ];
    const ZEROS: [u32; 5] = [0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10];
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        let s = styles.get(i % styles.len().max(1)).copied().unwrap_or(0);
        if s % 7 == 3 {
            out.push_str(MARKS[(s as usize / 7) % MARKS.len()]);
        }
        match c {
            ' ' => out.push_str(SPACES[s as usize % SPACES.len()]),
            '\'' if s % 2 == 1 => out.push('\u{2019}'),
            d if d.is_ascii_digit() && s % 3 == 1 => {
                let z = ZEROS[(s as usize / 3) % ZEROS.len()];
                out.push(char::from_u32(z + d.to_digit(10).unwrap_or(0)).unwrap_or(d));
            }
            c => out.push(upper_if_folded(c, s % 2 == 0)),
        }
    }
    if styles.first().is_some_and(|s| s % 5 == 0) {
        out = format!("\u{00A0} {out}\n");
    }
    out
}

/// `c` in upper case when `up` and `locale::lower` folds it back to `c` (one character to one).
fn upper_if_folded(c: char, up: bool) -> char {
    if !up {
        return c;
    }
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) if lower(x) == c => x,
        _ => c,
    }
}

/// Noise nothing promises to fold.
const HOSTILE_NOISE: [&str; 24] = [
    "(", ")", ",", ".", "'", "-", "0", "9", "1,1", "١", "İ", "ß", "\u{0301}", "🙂", "\u{202E}",
    "\u{0}", "\u{85}", "\u{2028}", "ﬃ", "a", "an", " ", "de", "of",
];

/// A Sent-page text assembled from one table's words.
#[derive(Clone, Debug)]
enum PageText {
    /// prefix + count + " " + unit + suffix, from `sent_age` or `connected_age`.
    Age {
        connected: bool,
        shape: Index,
        count: String,
        unit: Index,
    },
    /// A whole "today" or "yesterday" text.
    Whole {
        connected: bool,
        yesterday: bool,
        pick: Index,
    },
    /// "Connected on" + a date in some order.
    On {
        shape: Index,
        day: String,
        month: Index,
        abbrev: usize,
        year: String,
        order: u8,
    },
    /// label + " (" + number + ")".
    Total { label: bool, number: String },
    /// Any of the table's words in a row.
    Words(Vec<Index>),
}

fn count_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u32..400).prop_map(|n| n.to_string()),
        1 => any::<u32>().prop_map(|n| n.to_string()),
        2 => prop::sample::select(vec![
            "0",
            "999999999",
            "1000000000",
            "4294967295",
            "4294967296",
            "99999999999999999999",
            "-1",
            "+3",
            "3.5",
            "1,100",
            "03",
            "",
            "a",
            "an",
            "un",
            "una",
            "um",
            "einem",
            "einer",
        ])
        .prop_map(str::to_string),
    ]
}

fn total_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            any::<u32>(),
            prop::sample::select(vec![",", ".", " ", "'", ""])
        )
            .prop_map(|(n, sep)| {
                let d = n.to_string();
                let mut s = String::new();
                for (i, c) in d.chars().enumerate() {
                    if i > 0 && (d.len() - i) % 3 == 0 {
                        s.push_str(sep);
                    }
                    s.push(c);
                }
                s
            }),
        "[0-9,. ']{0,16}",
        prop::sample::select(vec![
            "4,294,967,295",
            "4,294,967,296",
            "99,999,999,999",
            "1,10",
            "1.100,000",
            ",100",
            "100,",
        ])
        .prop_map(str::to_string),
    ]
}

fn page_text() -> impl Strategy<Value = PageText> {
    prop_oneof![
        4 => (any::<bool>(), any::<Index>(), count_text(), any::<Index>())
            .prop_map(|(connected, shape, count, unit)| PageText::Age { connected, shape, count, unit }),
        1 => (any::<bool>(), any::<bool>(), any::<Index>())
            .prop_map(|(connected, yesterday, pick)| PageText::Whole { connected, yesterday, pick }),
        3 => (
            any::<Index>(),
            prop_oneof![(0u32..40).prop_map(|d| d.to_string()), "[0-9]{1,3}(er|st|nd|rd|th|º|x)?"],
            any::<Index>(),
            0usize..12,
            prop_oneof![(1990u32..2040).prop_map(|y| y.to_string()), "[0-9]{1,6}"],
            any::<u8>(),
        )
            .prop_map(|(shape, day, month, abbrev, year, order)| PageText::On { shape, day, month, abbrev, year, order }),
        2 => (any::<bool>(), total_text()).prop_map(|(label, number)| PageText::Total { label, number }),
        1 => prop::collection::vec(any::<Index>(), 1..6).prop_map(PageText::Words),
    ]
}

/// Every word of a table the parsers look for.
fn page_words(t: &PageTexts) -> Vec<&'static str> {
    let mut v = Vec::new();
    for texts in [&t.sent_age, &t.connected_age] {
        for (p, s) in texts.ago {
            v.extend([*p, *s]);
        }
        v.extend_from_slice(texts.today);
        v.extend_from_slice(texts.yesterday);
    }
    for (p, s) in t.connected_on {
        v.extend([*p, *s]);
    }
    v.extend(t.age_units.iter().map(|(w, _)| *w));
    v.extend_from_slice(t.age_one);
    v.extend_from_slice(&t.months);
    v.extend_from_slice(t.total_labels);
    v
}

fn render(t: &PageTexts, p: &PageText) -> String {
    match p {
        PageText::Age {
            connected,
            shape,
            count,
            unit,
        } => {
            let texts = if *connected {
                &t.connected_age
            } else {
                &t.sent_age
            };
            let (pre, suf) = shape.get(texts.ago);
            let (unit, _) = unit.get(t.age_units);
            format!("{pre}{count} {unit}{suf}")
        }
        PageText::Whole {
            connected,
            yesterday,
            pick,
        } => {
            let texts = if *connected {
                &t.connected_age
            } else {
                &t.sent_age
            };
            pick.get(if *yesterday {
                texts.yesterday
            } else {
                texts.today
            })
            .to_string()
        }
        PageText::On {
            shape,
            day,
            month,
            abbrev,
            year,
            order,
        } => {
            let (pre, suf) = shape.get(t.connected_on);
            let name = month.get(&t.months);
            let month: String = if *abbrev >= 3 {
                name.chars().take(*abbrev).collect()
            } else {
                name.to_string()
            };
            let date = match order % 4 {
                0 => format!("{month} {day}, {year}"),
                1 => format!("{day}. {month} {year}"),
                2 => format!("{day} de {month} de {year}"),
                _ => format!("{year} {month} {day}"),
            };
            format!("{pre}{date}{suf}")
        }
        PageText::Total { label, number } => {
            if *label {
                format!("{} ({number})", t.total_labels[0])
            } else {
                format!("({number})")
            }
        }
        PageText::Words(ix) => {
            let words = page_words(t);
            ix.iter()
                .map(|i| *i.get(&words))
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

/// Inserts hostile noise at character positions.
fn mangle(text: &str, inserts: &[(Index, &'static str)], cut: Option<(Index, usize)>) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, noise) in inserts {
        let i = at.index(chars.len() + 1);
        for (k, c) in noise.chars().enumerate() {
            chars.insert(i + k, c);
        }
    }
    if let Some((at, n)) = cut {
        if !chars.is_empty() {
            let i = at.index(chars.len());
            let end = (i + n).min(chars.len());
            chars.drain(i..end);
        }
    }
    chars.into_iter().collect()
}

#[derive(Debug, PartialEq)]
struct Parsed {
    age: Option<AgeRange>,
    connected: Option<Connected>,
    total: Option<u32>,
}

impl Parsed {
    fn count(&self, n: &Counts<3>) {
        n.add(0, self.age.is_some() as usize);
        n.add(1, self.connected.is_some() as usize);
        n.add(2, self.total.is_some() as usize);
    }
}

fn parsed_summary(n: &Counts<3>, what: &str) -> String {
    format!(
        "{what}: {} ages, {} connected, {} totals parsed",
        n.get(0),
        n.get(1),
        n.get(2)
    )
}

/// All three parsers on `text` with table `t`, checking the documented bounds.
fn parse_all(text: &str, t: &PageTexts, now: Millis, tz: i32) -> Result<Parsed, TestCaseError> {
    let age = parse_age(text, t);
    let connected = parse_connected(text, t);
    let total = parse_total(text, t);
    let ranges = age
        .iter()
        .chain(match &connected {
            Some(Connected::Ago(r)) => Some(r),
            _ => None,
        })
        .copied();
    for r in ranges {
        prop_assert!(r.min_days <= r.max_days, "{:?}", r);
        prop_assert!(r.max_days <= MAX_AGE_DAYS, "{:?}", r);
        match r.said {
            Said::Today => prop_assert_eq!(r, AgeRange::TODAY),
            Said::Yesterday => prop_assert_eq!(r, AgeRange::YESTERDAY),
            Said::Ago(n, unit) => prop_assert_eq!(Some(r), AgeRange::ago(n, unit)),
        }
        let (oldest, newest) = r.span(now, tz);
        prop_assert!(oldest.is_finite() && newest.is_finite());
        prop_assert!(oldest <= newest && newest <= now, "{:?} at {}", r, now);
        prop_assert_eq!(newest, estimate_sent_at(&r, now, tz));
    }
    if let Some(Connected::On(d)) = connected {
        prop_assert!(d.day >= 1 && (0..=9999).contains(&d.year), "{:?}", d);
        prop_assert_eq!(LocalDay::from_days(d.days()), d, "not a real day");
        prop_assert_eq!(LocalDay::parse(&d.to_string()), Some(d));
    }
    if let Some(n) = total {
        // The count read back from its plain form, and from LinkedIn's grouped one.
        prop_assert_eq!(parse_total(&format!("({n})"), t), Some(n));
        prop_assert_eq!(
            parse_total(&format!("{} ({n})", t.total_labels[0]), t),
            Some(n)
        );
        prop_assert!(has(text, "(") && has(text, ")"));
    }
    Ok(Parsed {
        age,
        connected,
        total,
    })
}

fn now_and_tz() -> impl Strategy<Value = (Millis, i32)> {
    (
        prop_oneof![
            Just(NOW),
            EARLIEST_AT..NOW + 10.0 * 365.0 * DAY_MS,
            0f64..8.64e15
        ],
        -840i32..=720,
    )
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the file's header)"]
fn fuzz_sent_page_arbitrary_text() {
    let text = prop_oneof![
        any::<String>(),
        "\\PC{0,60}",
        "[()0-9,. '\u{00A0}\u{202F}a-z]{0,30}",
        // Something in brackets at the end, as the Sent tab's total is.
        "([a-zA-Z]{1,8})?[\u{00A0} ]{0,2}\\([0-9,. '\u{202F}]{0,12}\\)",
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(HOSTILE_NOISE.to_vec()).prop_map(str::to_string),
                "\\PC{0,4}"
            ],
            0..10
        )
        .prop_map(|v| v.concat()),
    ];
    let n = Counts::<3>::new();
    fuzz(
        "sent_page/arbitrary",
        (text, now_and_tz()),
        |(text, (now, tz))| {
            for t in PAGE_TEXTS {
                parse_all(&text, t, now, tz)?.count(&n);
            }
            Ok(())
        },
        || parsed_summary(&n, "texts read against the 5 tables"),
    );
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the file's header)"]
fn fuzz_sent_page_table_words() {
    let input = (
        any::<Index>(),
        page_text(),
        prop::collection::vec(any::<u8>(), 1..12),
        prop::collection::vec(
            (any::<Index>(), prop::sample::select(HOSTILE_NOISE.to_vec())),
            0..3,
        ),
        prop::option::of((any::<Index>(), 1usize..4)),
        now_and_tz(),
    );
    let n = Counts::<3>::new();
    fuzz(
        "sent_page/table_words",
        input,
        |(table, text, styles, inserts, cut, (now, tz))| {
            let own = *table.get(&PAGE_TEXTS);
            let clean = render(own, &text);
            let folded = benign(&clean, &styles);
            let mangled = mangle(&folded, &inserts, cut);
            for t in PAGE_TEXTS {
                let want = parse_all(&clean, t, now, tz)?;
                // The noise the parsers fold changes nothing.
                let got = parse_all(&folded, t, now, tz)?;
                prop_assert_eq!(&got, &want, "{:?} vs {:?} ({})", folded, clean, t.lang);
                got.count(&n);
                parse_all(&mangled, t, now, tz)?;
            }
            Ok(())
        },
        || parsed_summary(&n, "noised texts, each read against the 5 tables"),
    );
}

// ---- classifier ----------------------------------------------------------------------------------

/// `classify::Facts`, built with `..Default::default()`: the struct is gaining a field in
/// parallel work, which this keeps building. Until then every field is set here, which clippy
/// calls a needless update.
#[allow(clippy::needless_update)]
fn facts<'a>(
    tag: &'a str,
    href: Option<&'a str>,
    aria_label: Option<&'a str>,
    role: Option<&'a str>,
    text: &'a str,
) -> Facts<'a> {
    Facts {
        tag,
        href,
        aria_label,
        role,
        text,
        ..Default::default()
    }
}

fn squash(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Every function of the classifier on one element's facts; `kind` and `classify` must agree, and
/// every name it returns must come from the label.
fn classify_all(f: &Facts, table: Option<&'static LocaleTable>) -> Result<Control, TestCaseError> {
    let c = classify(f, table);
    let k = kind(f, table);
    let want = match &c {
        Control::Connect { .. } => Kind::Connect,
        Control::Pending { .. } => Kind::Pending,
        Control::NotConnect => Kind::NotConnect,
        Control::Unknown => Kind::Unknown,
    };
    prop_assert_eq!(k, want, "kind and classify disagree on {:?}", f);
    let label = f.aria_label.unwrap_or("");
    if let Control::Connect { name: Some(n), .. } | Control::Pending { name: Some(n), .. } = &c {
        prop_assert!(!n.is_empty());
        prop_assert!(
            squash(label).contains(&squash(n)),
            "{:?} not in {:?}",
            n,
            label
        );
    }
    if let Some(Withdraw::Intent(n) | Withdraw::Confirmed(n)) = withdraw_label(label, table) {
        prop_assert!(!n.is_empty());
        prop_assert!(
            squash(label).contains(&squash(&n)),
            "{:?} not in {:?}",
            n,
            label
        );
    }
    if let Some(n) = invite_label_name(label, table) {
        prop_assert!(
            squash(label).contains(&squash(&n)),
            "{:?} not in {:?}",
            n,
            label
        );
    }
    let _ = is_follow_label(label, table);
    let _ = commit_button(f.aria_label, f.text, table);
    let _ = alert_kind(f.text, table);
    let _ = alert_kind(label, table);
    let _ = urn_from_topcard_key(f.text);
    if let Some(h) = f.href {
        for v in [vanity_from_href(h), vanity_from_profile_href(h)]
            .into_iter()
            .flatten()
        {
            prop_assert!(!v.is_empty());
        }
    }
    Ok(c)
}

/// Arbitrary text, sometimes made of the tables' own words and the URL shapes.
fn any_text() -> impl Strategy<Value = String> {
    let table_word = (any::<Index>(), any::<Index>()).prop_map(|(t, w)| {
        let t = t.get(&TABLES);
        let mut words: Vec<&str> = Vec::new();
        for (p, s) in t
            .invite_label
            .iter()
            .chain(t.pending_label)
            .chain(t.withdraw_label)
            .chain(t.withdraw_confirm_label)
            .chain(t.follow_label)
        {
            words.extend([*p, *s]);
        }
        for list in [
            t.connect_text,
            t.pending_text,
            t.send_labels,
            t.non_send_labels,
            t.limit_alert_texts,
            t.note_quota_texts,
        ] {
            words.extend_from_slice(list);
        }
        w.get(&words).to_string()
    });
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        prop::collection::vec(
            prop_oneof![
                table_word,
                prop::sample::select(vec![
                    "/preload/custom-invite/?",
                    "/preload/search-custom-invite/?",
                    "vanityName=",
                    "/in/",
                    "/messaging/",
                    "?",
                    "&",
                    "#",
                    "%",
                    "%C3",
                    "%E2%82",
                    "%FF",
                    "%%",
                    "İ",
                    "ß",
                    "\u{00A0}",
                    "\u{2019}",
                    "\u{2009}",
                    "\u{0301}",
                    "\u{1F600}",
                    "com.linkedin.sdui.profile.card.ref",
                    "ACoA",
                    "Topcard",
                ])
                .prop_map(str::to_string),
                "\\PC{0,6}",
            ],
            0..10,
        )
        .prop_map(|v| v.concat()),
    ]
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the file's header)"]
fn fuzz_classify_arbitrary_text() {
    let input = (
        prop::sample::select(vec!["a", "button", "div", "span", "li", ""]),
        prop::option::of(any_text()),
        prop::option::of(any_text()),
        prop::option::of(prop::sample::select(vec!["button", "menuitem", "link", ""])),
        any_text(),
        table_choice(),
    );
    let n = Counts::<4>::new();
    fuzz(
        "classify/arbitrary",
        input,
        |(tag, href, label, role, text, table)| {
            let f = facts(tag, href.as_deref(), label.as_deref(), role, &text);
            let k = match classify_all(&f, table)? {
                Control::Connect { .. } => 0,
                Control::Pending { .. } => 1,
                Control::NotConnect => 2,
                Control::Unknown => 3,
            };
            n.add(k, 1);
            if table.is_some() {
                classify_all(&f, None)?;
            }
            Ok(())
        },
        || {
            format!(
                "{} Connect, {} Pending, {} NotConnect, {} Unknown",
                n.get(0),
                n.get(1),
                n.get(2),
                n.get(3)
            )
        },
    );
}

/// Which of a table's label families a label is built from.
#[derive(Clone, Copy, Debug)]
enum Family {
    Invite,
    Pending,
    Follow,
    Withdraw,
    WithdrawConfirm,
}

fn shapes(t: &LocaleTable, f: Family) -> &'static [(&'static str, &'static str)] {
    match f {
        Family::Invite => t.invite_label,
        Family::Pending => t.pending_label,
        Family::Follow => t.follow_label,
        Family::Withdraw => t.withdraw_label,
        Family::WithdrawConfirm => t.withdraw_confirm_label,
    }
}

/// The first shape among `shapes` that `label` has, as the classifier reads shapes (normalized,
/// longer than prefix and suffix together).
fn first_shape<'a>(
    label: &str,
    shapes: &'a [(&'a str, &'a str)],
) -> Option<&'a (&'a str, &'a str)> {
    let norm = normalize(label);
    shapes
        .iter()
        .find(|(p, s)| norm.len() > p.len() + s.len() && norm.starts_with(p) && norm.ends_with(s))
}

/// Whitespace and case noise on a table's words (never on the name, which keeps its case).
fn noisy_words(s: &str, styles: &[u8]) -> String {
    const SPACES: [&str; 6] = [" ", "\u{00A0}", "\u{202F}", "\t", "\n", "  "];
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            let st = styles.get(i % styles.len().max(1)).copied().unwrap_or(0);
            match c {
                ' ' => SPACES[st as usize % SPACES.len()].to_string(),
                '\'' if st % 3 == 1 => "\u{2019}".to_string(),
                c => upper_if_folded(c, st % 2 == 0).to_string(),
            }
        })
        .collect()
}

fn percent_encode(s: &str, all: bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if all || matches!(c, '%' | '&' | '#' | '?' | '/' | ' ') || !c.is_ascii() {
            let mut b = [0u8; 4];
            for byte in c.encode_utf8(&mut b).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the file's header)"]
fn fuzz_classify_table_words() {
    let family = prop::sample::select(vec![
        Family::Invite,
        Family::Pending,
        Family::Follow,
        Family::Withdraw,
        Family::WithdrawConfirm,
    ]);
    let name = "[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'-]{1,12}( [A-Za-zÀ-ÖØ-öø-ÿ'.-]{1,12}){0,2}";
    let input = (
        (any::<Index>(), family, any::<Index>(), name),
        prop::collection::vec(any::<u8>(), 1..10),
        (any::<Index>(), any::<Index>()),
        ("[a-z0-9 .,!]{0,30}", "[a-z0-9 .,!]{0,30}"),
        (
            "\\PC{1,20}",
            any::<bool>(),
            0u8..3,
            "([a-uw-z][a-z]{0,4}=[a-z0-9]{0,5}&){0,2}",
        ),
    );
    let n = Counts::<2>::new();
    fuzz(
        "classify/table_words",
        input,
        |(
            (table, family, shape, name),
            styles,
            (send, alert),
            (junk1, junk2),
            (vanity, all, tail, params),
        )| {
            let t = *table.get(&TABLES);
            let own = Some(t);
            let shapes_of = shapes(t, family);
            let (pre, suf) = shape.get(shapes_of);
            let label = format!(
                "{}{name}{}",
                noisy_words(pre, &styles),
                noisy_words(suf, &styles[styles.len() / 2..])
            );
            let f = facts("button", None, Some(&label), None, "");
            let c = classify_all(&f, own)?;
            classify_all(&f, None)?;
            // What the label is, for the page's table: the first family the classifier tries
            // that has a shape for it.
            let built = first_shape(&label, shapes_of) == Some(shape.get(shapes_of));
            let invite = first_shape(&label, t.invite_label);
            let pending = first_shape(&label, t.pending_label);
            match family {
                Family::Invite if built => {
                    prop_assert_eq!(
                        &c,
                        &Control::Connect {
                            vanity: None,
                            name: Some(name.clone())
                        }
                    );
                    prop_assert_eq!(invite_label_name(&label, own), Some(name.clone()));
                    prop_assert_eq!(kind(&f, None), Kind::Connect);
                }
                Family::Pending if built && invite.is_none() => {
                    prop_assert_eq!(
                        &c,
                        &Control::Pending {
                            vanity: None,
                            name: Some(name.clone())
                        }
                    );
                }
                Family::Follow if built && invite.is_none() && pending.is_none() => {
                    prop_assert_eq!(&c, &Control::NotConnect);
                    prop_assert!(is_follow_label(&label, own));
                }
                Family::WithdrawConfirm if built => {
                    prop_assert_eq!(
                        withdraw_label(&label, own),
                        Some(Withdraw::Confirmed(name.clone()))
                    );
                }
                Family::Withdraw
                    if built && first_shape(&label, t.withdraw_confirm_label).is_none() =>
                {
                    prop_assert_eq!(
                        withdraw_label(&label, own),
                        Some(Withdraw::Intent(name.clone()))
                    );
                }
                _ => {
                    // Another shape of the table reads the label first: only the generic checks.
                    n.add(1, 1);
                }
            }
            n.add(0, 1);

            // Commit buttons: a table's word, noised, decides by its list (not-send first).
            let word = *send.get(&[t.send_labels, t.non_send_labels].concat());
            let noisy = noisy_words(word, &styles);
            let want = if t.non_send_labels.contains(&word) {
                Commit::NotSend
            } else {
                Commit::Send
            };
            prop_assert_eq!(commit_button(Some(&noisy), &junk1, own), want);
            prop_assert_eq!(commit_button(None, &noisy, own), want);
            let f = facts("button", None, Some(&noisy), Some("button"), &junk1);
            classify_all(&f, own)?;

            // Alerts: a table's phrase, noised, with other text around it. LinkedIn's alert is read
            // only as a whole message (letters and digits compared, issue 10 finding 4): with no
            // other letter or digit around it, it reads; with a digit (no message part has one),
            // it does not; other letters may or may not be parts of the message (a button word).
            let phrase = *alert.get(&[t.limit_alert_texts, t.note_quota_texts].concat());
            let text = format!("{junk1} {}{junk2}", noisy_words(phrase, &styles));
            let kind = if t.note_quota_texts.contains(&phrase) {
                AlertKind::NoteQuota
            } else {
                AlertKind::Weekly
            };
            let around = format!("{junk1}{junk2}");
            let got = alert_kind(&text, own);
            if !around.chars().any(char::is_alphanumeric) {
                prop_assert_eq!(got, Some(kind), "{:?}", text);
            } else if around.chars().any(|c| c.is_numeric()) {
                prop_assert_eq!(got, None, "{:?}", text);
            }

            // Vanities: percent-encoded into a custom-invite URL and a profile URL, read back when
            // they are profile names (`profile::is_valid_vanity`), and never otherwise (finding 8).
            let want = is_valid_vanity(&vanity).then(|| vanity.clone());
            let enc = percent_encode(&vanity, all);
            let end = ["", "&x=1", "#frag"][tail as usize];
            let href = format!(
                "https://www.linkedin.com/preload/custom-invite/?{params}vanityName={enc}{end}"
            );
            prop_assert_eq!(vanity_from_href(&href), want.clone(), "{}", href);
            let f = facts("a", Some(&href), None, None, "");
            prop_assert_eq!(
                classify_all(&f, own)?,
                Control::Connect {
                    vanity: want.clone(),
                    name: None
                }
            );
            let end = ["", "/", "?x=1", "#a"][tail as usize % 4];
            let profile = format!("https://www.linkedin.com/in/{enc}{end}");
            prop_assert_eq!(vanity_from_profile_href(&profile), want, "{}", profile);
            Ok(())
        },
        || {
            format!(
                "{} labels read back to the name built in, {} read first by another shape; every \
                 input also a commit word, an alert phrase and two vanity URLs",
                n.get(0) - n.get(1),
                n.get(1)
            )
        },
    );
}
