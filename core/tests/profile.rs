//! Property tests of profile names and links (finding 8): nothing that changes where a URL leads is
//! a vanity, and a vanity's link is exactly its profile's.

use invite_guard_core::profile::{is_valid_vanity, profile_url, MAX_VANITY_CHARS};
use proptest::prelude::*;

/// The characters that end or redirect a path segment, and whitespace (of any script).
fn breaking() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["/", "?", "#", "\\"]).prop_map(str::to_string),
        "\\s",
    ]
}

/// Decodes `%XX` escapes (the test's own, independent of the crate's).
fn decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any string holding `/ ? # \` or whitespace is not a vanity, and has no URL.
    #[test]
    fn separators_and_whitespace_are_never_valid(
        before in "\\PC{0,20}",
        bad in breaking(),
        after in "\\PC{0,20}",
    ) {
        let v = format!("{before}{bad}{after}");
        prop_assert!(!is_valid_vanity(&v), "{:?}", v);
        prop_assert_eq!(profile_url(&v), None);
    }

    /// A valid vanity's URL is LinkedIn's, with exactly the path `/in/<percent-encoded vanity>/`:
    /// one segment, no query or fragment, unreserved characters only, decoding back to the vanity.
    #[test]
    fn a_valid_vanitys_url_is_its_profile(v in "[\\p{Alphabetic}\\p{N}._-]{1,100}") {
        prop_assume!(v != "." && v != ".." && v.chars().count() <= MAX_VANITY_CHARS);
        prop_assert!(is_valid_vanity(&v));
        let url = profile_url(&v).unwrap();
        let path = url.strip_prefix("https://www.linkedin.com").unwrap();
        let seg = path.strip_prefix("/in/").unwrap().strip_suffix('/').unwrap();
        prop_assert!(
            seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
            "{}", url
        );
        prop_assert!(seg != "." && seg != "..");
        prop_assert_eq!(decode(seg), v.as_bytes().to_vec());
    }

    /// Anything is checked without a panic, and what is valid has a URL.
    #[test]
    fn any_text(v in any::<String>()) {
        prop_assert_eq!(profile_url(&v).is_some(), is_valid_vanity(&v));
    }
}
