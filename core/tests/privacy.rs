//! Privacy the member controls (privacy.rs): names off in the quarantine's raw items, retention,
//! and "Don't keep who I invited".

use invite_guard_core::privacy::raw_without_name;
use serde_json::{json, Value};

// ---- names off in raw stored items (finding 2) -----------------------------------------------------

#[test]
fn a_v2_array_loses_its_name_and_nothing_else() {
    let item = json!([
        "sp:ada",
        "sent",
        1.5e12,
        -60,
        "ACoA1",
        "ada",
        "Ada Lovelace",
        false,
        ["sent_page"],
        [],
        7,
        "from a newer version"
    ]);
    let mut want = item.clone();
    want[6] = Value::Null;
    assert_eq!(raw_without_name(item), want);
    // A nameless or short array is left as it is.
    let nameless = json!(["x", "sent", 1, 0, null, "ada", null, null, []]);
    assert_eq!(raw_without_name(nameless.clone()), nameless);
    let short = json!(["x", "sent", 1, 0, null, "ada"]);
    assert_eq!(raw_without_name(short.clone()), short);
    // Unreadable in other ways (why it is in the quarantine), the name still goes.
    let garbled = json!([null, "maybe", "soon", 0, 1, 2, "Ada Lovelace"]);
    assert_eq!(
        raw_without_name(garbled),
        json!([null, "maybe", "soon", 0, 1, 2, null])
    );
}

#[test]
fn a_v1_object_loses_invitee_name_and_nothing_else() {
    let item = json!({"id": "dom:ada@1", "kind": "sent", "at": 1, "day": "1970-01-01", "tz": 0,
        "invitee": {"urn": "ACoA1", "vanity": "ada", "name": "Ada Lovelace"}, "extra": {"name": "kept"}});
    let want = json!({"id": "dom:ada@1", "kind": "sent", "at": 1, "day": "1970-01-01", "tz": 0,
        "invitee": {"urn": "ACoA1", "vanity": "ada"}, "extra": {"name": "kept"}});
    assert_eq!(raw_without_name(item), want);
    for same in [
        json!({"id": "x", "invitee": {"vanity": "ada"}}),
        json!({"id": "x", "invitee": "Ada Lovelace"}),
        json!({"name": "not an event's field"}),
    ] {
        assert_eq!(raw_without_name(same.clone()), same);
    }
}

#[test]
fn anything_else_is_untouched() {
    for v in [
        json!(null),
        json!(42),
        json!("Ada Lovelace"),
        json!(true),
        json!([]),
        json!({}),
    ] {
        assert_eq!(raw_without_name(v.clone()), v);
    }
}
