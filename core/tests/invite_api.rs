//! Native tests of the invitation API reader: URLs and request bodies as the background sees them.

use invite_guard_core::invite_api::{is_invite_url, parse_invite_body, InviteBody, URL_PATTERNS};
use proptest::prelude::*;

#[test]
fn the_2026_body_with_a_note() {
    let body = r#"{"invitee":{"inviteeUnion":{"memberProfile":"urn:li:fsd_profile:ACoAABcDeFg123_-x"}},"customMessage":"Hi Ada, loved your talk on the Analytical Engine."}"#;
    let b = parse_invite_body(body);
    assert_eq!(b.urn.as_deref(), Some("ACoAABcDeFg123_-x"));
    assert_eq!(b.note, Some(true));
    assert_eq!(
        b.note_len,
        Some(
            "Hi Ada, loved your talk on the Analytical Engine."
                .chars()
                .count()
        )
    );
}

#[test]
fn the_2026_body_without_a_note() {
    let b = parse_invite_body(
        r#"{"invitee":{"inviteeUnion":{"memberProfile":"urn:li:fsd_profile:ACoAAB1"}}}"#,
    );
    assert_eq!(
        b,
        InviteBody {
            urn: Some("ACoAAB1".into()),
            note: Some(false),
            note_len: None
        }
    );
    // Pretty-printed, with an empty note.
    let b = parse_invite_body(
        "{\n  \"invitee\": {\n    \"inviteeUnion\": {\n      \"memberProfile\": \"urn:li:fsd_profile:ACoAAB2\"\n    }\n  },\n  \"customMessage\" : \"\"\n}",
    );
    assert_eq!(
        b,
        InviteBody {
            urn: Some("ACoAAB2".into()),
            note: Some(false),
            note_len: None
        }
    );
    // A null note.
    let b = parse_invite_body(
        r#"{"invitee":{"inviteeUnion":{"memberProfile":"urn:li:fsd_profile:ACoAAB3"}},"customMessage":null}"#,
    );
    assert_eq!(b.note, Some(false));
}

#[test]
fn escapes_and_non_ascii_notes_count_characters() {
    let b = parse_invite_body(r#"{"customMessage":"Grüße aus Köln \u00e9\n\"quoted\" \\ end"}"#);
    let want = "Grüße aus Köln é\n\"quoted\" \\ end";
    assert_eq!(b.note_len, Some(want.chars().count()));
    assert_eq!(b.note, Some(true));
    let b = parse_invite_body(r#"{"customMessage":"日本語のメモ"}"#);
    assert_eq!(b.note_len, Some(6));
}

#[test]
fn the_legacy_body() {
    // The pre-2024 normInvitations body named the profile by `profileId`.
    let body = r#"{"emberEntityName":"growth/invitation/norm-invitation","invitee":{"com.linkedin.voyager.growth.invitation.InviteeProfile":{"profileId":"ACoAAOld99"}},"trackingId":"x","message":"Hello there"}"#;
    let b = parse_invite_body(body);
    assert_eq!(b.urn.as_deref(), Some("ACoAAOld99"));
    assert_eq!(b.note, Some(true));
    assert_eq!(b.note_len, Some(11));
}

#[test]
fn unreadable_bodies_give_an_empty_answer() {
    assert_eq!(parse_invite_body(""), InviteBody::default());
    assert_eq!(parse_invite_body("not json at all"), InviteBody::default());
    // Not JSON: whether a note was attached is unknown.
    let b = parse_invite_body("invitee=urn%3Ali%3Afsd_profile%3AACoA1");
    assert_eq!(b.note, None);
    // Truncated JSON: the note cannot be read, but the body was JSON without a readable note.
    let b = parse_invite_body(
        r#"{"invitee":{"inviteeUnion":{"memberProfile":"urn:li:fsd_profile:ACoAAB1"}},"customMessage":"Hi Ad"#,
    );
    assert_eq!(b.urn.as_deref(), Some("ACoAAB1"));
    assert_eq!(b.note_len, None);
    // An empty urn.
    let b = parse_invite_body(
        r#"{"invitee":{"inviteeUnion":{"memberProfile":"urn:li:fsd_profile:"}}}"#,
    );
    assert_eq!(b.urn, None);
    // Over 64 KiB: not read at all.
    let huge = format!(
        r#"{{"invitee":{{"inviteeUnion":{{"memberProfile":"urn:li:fsd_profile:ACoA1"}}}},"customMessage":"{}"}}"#,
        "a".repeat(70_000)
    );
    assert_eq!(parse_invite_body(&huge), InviteBody::default());
}

#[test]
fn invite_urls() {
    assert!(is_invite_url("https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2&decorationId=com.linkedin.voyager.dash.deco.relationships.InvitationCreationResultWithInvitee-2"));
    assert!(is_invite_url("https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreate"));
    assert!(is_invite_url(
        "https://www.linkedin.com/voyager/api/growth/normInvitations"
    ));
    for not in [
        "https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships?action=removeFromMyConnections",
        "https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships",
        "http://www.linkedin.com/voyager/api/growth/normInvitations",
        "https://www.linkedin.com.evil.example/voyager/api/growth/normInvitations",
        "https://evil.example/?u=https://www.linkedin.com/voyager/api/growth/normInvitations",
        "",
    ] {
        assert!(!is_invite_url(not), "{not}");
    }
    for p in URL_PATTERNS {
        assert!(p.starts_with("https://www.linkedin.com/voyager/api/") && p.ends_with('*'));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn never_panics_on_arbitrary_input(s in prop_oneof![
        any::<String>(),
        "\\PC{0,200}",
        // Fragments of the real shape glued at random.
        prop::collection::vec(prop::sample::select(vec![
            "{", "}", "\"", ":", "\\", "\\u", "\\u00", "\\ud83d", "é", "\"customMessage\"", "\"message\"",
            "fsd_profile:", "\"profileId\":\"", "ACoA", " ", "null", "\\n",
        ]), 0..20).prop_map(|v| v.concat()),
    ]) {
        let b = parse_invite_body(&s);
        if let Some(n) = b.note_len {
            prop_assert!(n > 0);
            // A non-JSON body leaves `note` unknown even when a note-like field was found.
            prop_assert_ne!(b.note, Some(false));
        }
        let _ = is_invite_url(&s);
    }

    /// A body built by a JSON serialiser gives back the urn and the note's length in characters.
    #[test]
    fn reads_what_a_json_serialiser_wrote(
        urn in "ACoA[A-Za-z0-9_-]{1,40}",
        note in prop::option::of("\\PC{0,300}"),
    ) {
        let mut body = serde_json::json!({"invitee": {"inviteeUnion": {"memberProfile": format!("urn:li:fsd_profile:{urn}")}}});
        if let Some(n) = &note {
            body["customMessage"] = serde_json::Value::String(n.clone());
        }
        let text = serde_json::to_string(&body).unwrap();
        let b = parse_invite_body(&text);
        prop_assert_eq!(b.urn.as_deref(), Some(urn.as_str()));
        let len = note.as_deref().map_or(0, |n| n.chars().count());
        prop_assert_eq!(b.note, Some(len > 0));
        prop_assert_eq!(b.note_len, (len > 0).then_some(len));
    }
}
