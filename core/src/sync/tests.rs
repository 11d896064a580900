use super::*;
use crate::person::Invitee;
use crate::time::{HOUR_MS, WEEK_MS};
use proptest::prelude::*;

const NOW: Millis = 1_796_644_800_000.0; // 2026-12-07 12:00 UTC
const ID: &str = "0123456789abcdef";
const OTHER: &str = "fedcba9876543210";

fn sent(i: usize, at: Millis, source: Source) -> Event {
    let invitee = Invitee {
        urn: Some(format!("ACoAA{i:034}")),
        vanity: Some(format!("Person-{i}")),
        name: Some(format!("Person Number {i}")),
    };
    Event::new(
        format!("api:{i}@{at}"),
        EventKind::Sent,
        at,
        -60,
        invitee,
        source,
    )
}

fn refused(at: Millis) -> Event {
    Event::new(
        format!("api:r@{at}"),
        EventKind::Refused,
        at,
        -60,
        Invitee::default(),
        Source::Api,
    )
}

/// `n` sends over the last 8 days from this device, evenly spread, and two refusals.
fn history(n: usize) -> Vec<Event> {
    let mut evs: Vec<Event> = (0..n)
        .map(|i| {
            sent(
                i,
                NOW - SHARE_MS + (i as f64 + 0.5) * SHARE_MS / n as f64,
                Source::Api,
            )
        })
        .collect();
    evs.push(refused(NOW - 2.0 * HOUR_MS));
    evs.push(refused(NOW - 30.0 * HOUR_MS));
    crate::time::sort_by_time(&mut evs);
    evs
}

fn round_trip(item: &Item) -> Item {
    decode(&key_of(&item.id), &encode(item)).expect("reads back")
}

#[test]
fn an_item_reads_back_as_written() {
    let item = own_item(ID, "  Home laptop\u{7} ", &history(30), NOW);
    assert_eq!(item.name, "Home laptop");
    assert_eq!(item.sends.len(), 30);
    assert_eq!(item.refusals.len(), 2);
    assert_eq!(round_trip(&item), item);
}

#[test]
fn two_hundred_sends_in_eight_days_fit_one_item() {
    let item = own_item(
        ID,
        "Work laptop with a long name, forty chars",
        &history(200),
        NOW,
    );
    let text = encode(&item);
    let bytes = key_of(ID).len() + text.len();
    println!("200 sends and 2 refusals: {bytes} bytes of {MAX_ITEM_BYTES}");
    assert!(bytes <= MAX_ITEM_BYTES, "{bytes} bytes");
    let back = round_trip(&item);
    assert!(!back.truncated);
    assert_eq!(back.sends.len(), 200);
}

#[test]
fn too_many_sends_keep_the_newest_and_say_so() {
    let item = own_item(ID, "Busy", &history(1_000), NOW);
    let text = encode(&item);
    assert!(key_of(ID).len() + text.len() <= MAX_ITEM_BYTES);
    let back = decode(&key_of(ID), &text).unwrap();
    assert!(back.truncated);
    assert!(back.sends.len() > 300, "{} kept", back.sends.len());
    assert_eq!(back.sends.last(), item.sends.last(), "the newest kept");
    assert_eq!(back.refusals, item.refusals, "refusals are never left out");
}

#[test]
fn only_sends_made_here_are_shared_and_no_name_leaves() {
    let mut evs = history(5);
    evs.push(sent(100, NOW - HOUR_MS, Source::SentPage));
    evs.push(sent(101, NOW - HOUR_MS, Source::Import));
    evs.push(sent(102, NOW - 9.0 * DAY_MS, Source::Api));
    let item = own_item(ID, "Home", &evs, NOW);
    assert_eq!(
        item.sends.len(),
        5,
        "not the Sent page's, the import's, nor older than 8 days"
    );
    let text = encode(&item);
    for e in &evs {
        let name = e.invitee.name.as_deref().unwrap_or("");
        assert!(name.is_empty() || !text.contains(name), "{name} in {text}");
        let urn = e.invitee.urn.as_deref().unwrap_or("");
        assert!(urn.is_empty() || !text.contains(urn), "{urn} in {text}");
    }
}

#[test]
fn what_is_not_an_item_is_none() {
    let good = encode(&own_item(ID, "Home", &history(3), NOW));
    assert!(decode(&key_of(ID), &good).is_some());
    for key in [
        "device_",
        "device_XYZ",
        "device_0123456789ABCDEF",
        "guard",
        "device_0123456789abcde",
    ] {
        assert!(decode(key, &good).is_none(), "{key}");
    }
    for text in [
        "",
        "null",
        "[]",
        "{}",
        r#"{"v":2,"n":"x","w":1796644800000}"#,
        r#"{"v":1,"n":"x","w":-5}"#,
        r#"{"v":1,"n":"x","w":1e300}"#,
        r#"{"v":1,"n":7,"w":1796644800000}"#,
    ] {
        assert!(decode(&key_of(ID), text).is_none(), "{text}");
    }
    // Parts that do not read are skipped, the rest kept.
    let text = r#"{"v":1,"n":"x","w":1796644800000,"s":"a.b.c,ZZ.1.2,1.2,3.4.5.6,,10..7,1.99999999999.2","r":"5,-1,q"}"#;
    let item = decode(&key_of(ID), text).unwrap();
    assert_eq!(item.sends.len(), 2, "{:?}", item.sends);
    assert_eq!(item.refusals.len(), 2);
}

fn other(name: &str, written_at: Millis, sends: Vec<(Millis, usize)>) -> Item {
    let events: Vec<Event> = sends
        .iter()
        .map(|&(at, i)| sent(i, at, Source::Api))
        .collect();
    let mut item = own_item(OTHER, name, &events, written_at);
    item.written_at = written_at;
    round_trip(&item)
}

#[test]
fn another_devices_sends_count_here() {
    let o = other(
        "Home laptop",
        NOW - HOUR_MS,
        vec![(NOW - 3.0 * HOUR_MS, 101), (NOW - 2.0 * HOUR_MS, 102)],
    );
    let r = merge(&[o], ID, &history(4), NOW);
    assert_eq!(r.sends.len(), 2);
    assert!(r
        .sends
        .iter()
        .all(|s| s.device == OTHER && s.device_name == "Home laptop"));
    assert!(r.stale.is_empty());
}

#[test]
fn this_devices_own_item_is_not_counted_twice() {
    let mine = round_trip(&own_item(ID, "Here", &history(4), NOW));
    assert_eq!(merge(&[mine], ID, &history(4), NOW), Remote::default());
}

#[test]
fn an_invitation_already_found_on_the_sent_page_counts_once() {
    // Sent from the other device; this one read LinkedIn's Sent page and recorded it.
    let o = other(
        "Home",
        NOW,
        vec![(NOW - 5.0 * HOUR_MS, 7), (NOW - 4.0 * HOUR_MS, 8)],
    );
    let mut local = history(3);
    let mut found = sent(7, NOW - 1.0 * HOUR_MS, Source::SentPage);
    found.invitee.urn = None; // the Sent page shows the profile name, not the URN
    local.push(found);
    let r = merge(&[o], ID, &local, NOW);
    assert_eq!(r.sends.len(), 1, "{:?}", r.sends);
}

#[test]
fn one_invitation_listed_by_two_items_counts_once() {
    let a = other("Old install", NOW - DAY_MS, vec![(NOW - 2.0 * DAY_MS, 9)]);
    let mut b = other(
        "New install",
        NOW,
        vec![(NOW - 2.0 * DAY_MS, 9), (NOW - HOUR_MS, 10)],
    );
    b.id = "aaaaaaaaaaaaaaaa".into();
    let r = merge(&[a, b], ID, &[], NOW);
    assert_eq!(r.sends.len(), 2);
}

#[test]
fn a_clock_ahead_does_not_move_these_windows() {
    // The other device's clock is 3 hours ahead: it wrote "now + 3 h", a send "now + 2 h".
    let ahead = 3.0 * HOUR_MS;
    let o = other("Fast clock", NOW + ahead, vec![(NOW + ahead - HOUR_MS, 1)]);
    let r = merge(&[o], ID, &[], NOW);
    assert_eq!(r.sends.len(), 1);
    assert_eq!(
        r.sends[0].at,
        NOW - HOUR_MS,
        "taken back by how far ahead it wrote"
    );
    // A clock a little ahead (under the slack) is left alone, and nothing counts after now.
    let o = other("Close", NOW + 60_000.0, vec![(NOW + 30_000.0, 2)]);
    let r = merge(&[o], ID, &[], NOW);
    assert_eq!(r.sends[0].at, NOW);
}

#[test]
fn a_clock_behind_cannot_push_sends_out_of_the_week_early() {
    // Behind by two days: its sends look older, but only what is truly older than 8 days is dropped
    // by the sender itself; the receiver keeps what is within its own 8 days.
    let o = other(
        "Slow clock",
        NOW - 2.0 * DAY_MS,
        vec![(NOW - 2.0 * DAY_MS - HOUR_MS, 3)],
    );
    let r = merge(&[o], ID, &[], NOW);
    assert_eq!(r.sends.len(), 1);
    assert!(r.sends[0].at > NOW - WEEK_MS);
}

#[test]
fn a_device_silent_for_thirty_days_is_removed() {
    let o = other("Gone", NOW - 31.0 * DAY_MS, vec![(NOW - 31.0 * DAY_MS, 1)]);
    let r = merge(&[o], ID, &[], NOW);
    assert_eq!(r.stale, vec![key_of(OTHER)]);
    assert!(r.sends.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Whatever another device (or anyone with access to the member's sync) put there, reading it
    /// never panics, and what reads is within its own bounds.
    #[test]
    fn any_text_reads_without_panic(text in ".{0,300}", w in any::<f64>()) {
        let _ = decode(&key_of(ID), &text);
        let wrapped = format!(r#"{{"v":1,"n":"x","w":{},"s":{:?},"r":{:?}}}"#, if w.is_finite() { w } else { 1.0 }, text, text);
        if let Some(item) = decode(&key_of(ID), &wrapped) {
            prop_assert!(item.sends.iter().all(|s| s.at <= item.written_at));
            prop_assert!(item.name.chars().count() <= MAX_NAME_CHARS);
        }
    }

    /// Any history round-trips and fits its item.
    #[test]
    fn any_history_fits_and_reads_back(n in 0usize..600, name in "\\PC{0,60}") {
        let item = own_item(ID, &name, &history(n), NOW);
        let text = encode(&item);
        prop_assert!(key_of(ID).len() + text.len() <= MAX_ITEM_BYTES);
        let back = decode(&key_of(ID), &text).unwrap();
        prop_assert_eq!(back.truncated, back.sends.len() < item.sends.len());
        prop_assert_eq!(&back.sends[..], &item.sends[item.sends.len() - back.sends.len()..]);
    }

    /// Merging never counts a remote send twice, nor one this device already has, whatever the
    /// overlap between the items and the ledger.
    #[test]
    fn merge_counts_each_person_once(
        a in proptest::collection::vec(0usize..40, 0..30),
        b in proptest::collection::vec(0usize..40, 0..30),
        local in proptest::collection::vec(0usize..40, 0..30),
    ) {
        let at = |i: usize| NOW - (i as f64 + 1.0) * HOUR_MS;
        let ia = other("A", NOW, a.iter().map(|&i| (at(i), i)).collect());
        let mut ib = other("B", NOW, b.iter().map(|&i| (at(i), i)).collect());
        ib.id = "bbbbbbbbbbbbbbbb".into();
        let ledger: Vec<Event> = local.iter().map(|&i| sent(i, at(i), Source::SentPage)).collect();
        let r = merge(&[ia, ib], ID, &ledger, NOW);
        let mut people: Vec<usize> = a.iter().chain(&b).copied().filter(|i| !local.contains(i)).collect();
        people.sort_unstable();
        people.dedup();
        prop_assert_eq!(r.sends.len(), people.len());
    }
}

#[test]
fn a_device_is_made_and_read_back_as_untrusted_input() {
    let d = Device::new(0x5f3a_0000_0000_0001);
    assert_eq!(d.id, "5f3a000000000001");
    assert_eq!(d.name, "Computer 5F3A");
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(Device::read(Some(&v)), Some(d.clone()));
    let read = |j: serde_json::Value| Device::read(Some(&j));
    assert_eq!(
        read(serde_json::json!({"id": "5f3a000000000001", "name": " \u{1b}Work  "}))
            .unwrap()
            .name,
        "Work"
    );
    assert_eq!(
        read(serde_json::json!({"id": "5f3a000000000001", "name": ""})).unwrap(),
        d
    );
    assert!(read(serde_json::json!({"id": "5F3A000000000001", "name": "x"})).is_none());
    assert!(read(serde_json::json!({"id": 7, "name": "x"})).is_none());
    assert!(read(serde_json::json!("device")).is_none());
    assert!(Device::read(None).is_none());
}

#[test]
fn a_rename_keeps_the_id_and_cleans_the_name() {
    let d = Device::new(0x5f3a_0000_0000_0001);
    let home = d.renamed("  Home\u{7}laptop ");
    assert_eq!(home.id, d.id);
    assert_eq!(home.name, "Homelaptop");
    let long = "é".repeat(MAX_NAME_CHARS + 10);
    assert_eq!(d.renamed(&long).name.chars().count(), MAX_NAME_CHARS);
    // Nothing left of it: the default name again, never an empty one the others would show.
    assert_eq!(home.renamed(" \n\t "), d);
    assert_eq!(home.renamed(""), d);
}

#[test]
fn a_name_is_listed_only_for_an_item_that_reads() {
    let item = other("Home laptop", 1.0e12, vec![(1.0e12 - 1000.0, 1)]);
    let text = encode(&item);
    let key = key_of(&item.id);
    assert_eq!(name_in(&key, &text).as_deref(), Some("Home laptop"));
    assert_eq!(decode(&key, &text).map(|i| i.name), name_in(&key, &text));
    assert_eq!(name_in("device_XYZ", &text), None);
    assert_eq!(name_in(&key, &text.replace("\"v\":1", "\"v\":2")), None);
    assert_eq!(name_in(&key, "not json"), None);
}

#[test]
fn a_local_send_up_to_21_days_before_a_remote_one_still_matches() {
    use crate::time::DAY_MS;
    // Found on the Sent page 28 days ago; the other computer lists it 7.9 days ago: 20.1 days apart,
    // the same invitation. Another person's send as old is not hashed at all, and changes nothing.
    let local = vec![
        sent(1, NOW - 28.0 * DAY_MS, Source::SentPage),
        sent(2, NOW - 40.0 * DAY_MS, Source::SentPage),
    ];
    let remote = other(
        "Home laptop",
        NOW,
        vec![(NOW - 7.9 * DAY_MS, 1), (NOW - 7.8 * DAY_MS, 3)],
    );
    let r = merge(&[remote], ID, &local, NOW);
    assert_eq!(r.sends.len(), 1, "{:?}", r.sends);
    // Nothing from other computers: nothing to merge.
    assert_eq!(merge(&[], ID, &local, NOW), Remote::default());
}
