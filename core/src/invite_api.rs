//! LinkedIn's invitation API, as the background sees it through `webRequest` (docs/linkedin.md §3).
//!
//! `POST /voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2&…`
//! with a JSON body `{"invitee":{"inviteeUnion":{"memberProfile":"urn:li:fsd_profile:ACoA…"}},
//! "customMessage":"…"}`; 2xx means created, 429 means refused (`FUSE_LIMIT_EXCEEDED` for the weekly
//! limit, `CUSTOM_INVITE_LIMIT_REACHED` for the note quota; the response body cannot be read by
//! `webRequest`, so both are a refusal here). Source: tomquirk/linkedin-api `add_connection`
//! (aac62a2, 2024-11-07) and issue #353.

/// `webRequest` URL filters. The same list is in `extension/invite-endpoints.js` (see the test).
pub const URL_PATTERNS: [&str; 2] = [
    "https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships*",
    // The pre-2024 endpoint, still named in public code.
    "https://www.linkedin.com/voyager/api/growth/normInvitations*",
];

/// Substrings that make a request under those filters an invitation (other actions on the same
/// resource, such as removing a connection, share the path).
const INVITE_MARKERS: [&str; 2] = ["action=verifyQuotaAndCreate", "/growth/normInvitations"];

/// Whether a POST to this URL creates an invitation.
pub fn is_invite_url(url: &str) -> bool {
    url.starts_with("https://www.linkedin.com/voyager/api/")
        && INVITE_MARKERS.iter().any(|m| url.contains(m))
}

/// What the request body tells about an invitation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InviteBody {
    /// The invitee's profile URN id (`ACoA…`).
    pub urn: Option<String>,
    /// Whether a non-empty note was attached; `None` when the body could not be read.
    pub note: Option<bool>,
    /// The note's length in characters.
    pub note_len: Option<usize>,
}

/// Reads the body without a JSON parser (small code for the background; a malformed body gives an
/// empty answer, never an error).
pub fn parse_invite_body(body: &str) -> InviteBody {
    if body.len() > 64 * 1024 {
        return InviteBody::default();
    }
    let urn = ["fsd_profile:", "\"profileId\":\""]
        .iter()
        .find_map(|marker| {
            let start = body.find(marker)? + marker.len();
            let id: String = body[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            (!id.is_empty()).then_some(id)
        });
    let trimmed = body.trim_start();
    let is_json = trimmed.starts_with('{');
    let note_len = json_string_field(body, "customMessage")
        .or_else(|| json_string_field(body, "message"))
        .map(|m| m.chars().count());
    InviteBody {
        urn,
        note: if is_json {
            Some(note_len.unwrap_or(0) > 0)
        } else {
            None
        },
        note_len: note_len.filter(|&n| n > 0),
    }
}

/// The decoded value of `"name":"…"` in a JSON text, if present.
fn json_string_field(body: &str, name: &str) -> Option<String> {
    let key = format!("\"{name}\"");
    let after = &body[body.find(&key)? + key.len()..];
    let after = after
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = after.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(
                        u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .unwrap_or('\u{FFFD}'),
                    );
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn patterns_match_the_service_worker_table() {
        let js = include_str!("../../extension/invite-endpoints.js");
        for p in URL_PATTERNS {
            assert!(
                js.contains(&format!("\"{p}\"")),
                "extension/invite-endpoints.js lacks {p}"
            );
        }
        assert_eq!(js.matches("https://").count(), URL_PATTERNS.len());
    }

    #[test]
    fn recognises_the_2026_endpoint() {
        assert!(is_invite_url("https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2&decorationId=com.linkedin.voyager.dash.deco.relationships.InvitationCreationResultWithInvitee-2"));
        assert!(!is_invite_url("https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships?action=removeFromMyConnections"));
        assert!(!is_invite_url(
            "https://evil.example/voyager/api/growth/normInvitations"
        ));
    }

    #[test]
    fn reads_invitee_and_note() {
        let b = parse_invite_body(
            r#"{"invitee":{"inviteeUnion":{"memberProfile":"urn:li:fsd_profile:ACoAAB12-x_Y"}},"customMessage":"Hi \u00e9ric, \"great\" talk"}"#,
        );
        assert_eq!(b.urn.as_deref(), Some("ACoAAB12-x_Y"));
        assert_eq!(b.note, Some(true));
        assert_eq!(b.note_len, Some("Hi éric, \"great\" talk".chars().count()));
        let b = parse_invite_body(
            r#"{"invitee":{"inviteeUnion":{"memberProfile":"urn:li:fsd_profile:ACoA9"}}}"#,
        );
        assert_eq!(
            (b.urn.as_deref(), b.note, b.note_len),
            (Some("ACoA9"), Some(false), None)
        );
        let b = parse_invite_body(r#"{"customMessage":""}"#);
        assert_eq!(b.note, Some(false));
        assert_eq!(parse_invite_body(""), InviteBody::default());
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,400}") {
            let _ = parse_invite_body(&s);
        }
    }
}
