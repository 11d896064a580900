//! LinkedIn profile names ("vanities", the `<vanity>` of `https://www.linkedin.com/in/<vanity>/`)
//! and the one function that turns a stored vanity into a profile link.
//!
//! Vanities come from LinkedIn's page (custom-invite and profile URLs, classify.rs), from storage,
//! and from imported history files, which anyone can edit or send. A link is built from one in the
//! popup and in the CSV export, so a "vanity" such as `../../redir/redirect?url=…` would make that
//! link lead elsewhere on LinkedIn (finding 8). Such text is therefore no vanity at all.

/// The most characters a vanity has: "Your custom URL can be 3-100 characters long and should not
/// contain spaces, symbols, special characters" (LinkedIn Help, "Manage your public profile URL",
/// <https://www.linkedin.com/help/linkedin/answer/87>).
pub const MAX_VANITY_CHARS: usize = 100;

/// Whether `v` can be a LinkedIn profile name: 1 to [`MAX_VANITY_CHARS`] characters, each an ASCII
/// letter or digit, `-`, `_` or `.`, or a character beyond ASCII that is neither whitespace nor an
/// invisible control or format mark; and not `.` or `..`.
///
/// This is wider than LinkedIn's rule for new custom URLs quoted at [`MAX_VANITY_CHARS`] (no
/// minimum of 3; non-Latin names, `_` and `.` as LinkedIn's page shows them in older and localised
/// URLs, e.g. `/in/j%C3%BCrgen/`), but it keeps out everything that changes where a URL leads, all of
/// which is ASCII: `/`, `?` and `#` end the path segment; a browser treats `\` as `/` in an `https:`
/// URL and resolves a `.` or `..` segment (WHATWG URL Standard, path state and "single-dot/double-dot
/// URL path segment"); `%` would be decoded once more; whitespace, control characters, quotes, `:`
/// and `&` are in no profile name and only serve to smuggle the others. A character beyond ASCII
/// cannot: [`profile_url`] percent-encodes it. Deciding that without Unicode's letter tables keeps
/// them out of the content script, which every LinkedIn page load pays for (docs/architecture.md
/// §8).
pub fn is_valid_vanity(v: &str) -> bool {
    let mut n = 0;
    for c in v.chars() {
        n += 1;
        let ok = if c.is_ascii() {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
        } else {
            !c.is_whitespace() && !c.is_control() && !is_invisible_format(c)
        };
        if n > MAX_VANITY_CHARS || !ok {
            return false;
        }
    }
    n > 0 && v != "." && v != ".."
}

/// Zero-width and bidirectional marks (Unicode format characters a name would hide or reorder text
/// with): U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `https://www.linkedin.com/in/<vanity>/` for a valid vanity ([`is_valid_vanity`]), else `None`.
/// Vanities are stored percent-decoded (classify.rs), so every byte outside RFC 3986's unreserved
/// set (here: the UTF-8 bytes of non-ASCII letters) is encoded again.
pub fn profile_url(vanity: &str) -> Option<String> {
    if !is_valid_vanity(vanity) {
        return None;
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut url = String::from("https://www.linkedin.com/in/");
    for b in vanity.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push('%');
            url.push(char::from(HEX[usize::from(b >> 4)]));
            url.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    url.push('/');
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_valid_vanities_are_encoded() {
        assert_eq!(
            profile_url("ada").as_deref(),
            Some("https://www.linkedin.com/in/ada/")
        );
        assert_eq!(
            profile_url("ada.lovelace_1-x").as_deref(),
            Some("https://www.linkedin.com/in/ada.lovelace_1-x/")
        );
        assert_eq!(
            profile_url("zoë-ångström").as_deref(),
            Some("https://www.linkedin.com/in/zo%C3%AB-%C3%A5ngstr%C3%B6m/")
        );
        assert_eq!(
            profile_url("王小明").as_deref(),
            Some("https://www.linkedin.com/in/%E7%8E%8B%E5%B0%8F%E6%98%8E/")
        );
    }

    #[test]
    fn invalid_vanities_have_no_url() {
        for v in [
            "",
            ".",
            "..",
            "a b/c?d#e%f",
            "../../redir/redirect?url=https://evil.example",
            "a\\b",
            "a:b",
            "a&b",
            "a'b",
            "a\"b",
            "a\u{0}b",
            "a\u{00A0}b",
            "a\u{2003}b",
            "a\u{200B}b",
            "evil\u{202E}gpj",
            "tab\t",
        ] {
            assert!(!is_valid_vanity(v), "{v:?}");
            assert_eq!(profile_url(v), None, "{v:?}");
        }
    }

    #[test]
    fn length_is_counted_in_characters() {
        assert!(is_valid_vanity(&"x".repeat(MAX_VANITY_CHARS)));
        assert!(is_valid_vanity(&"é".repeat(MAX_VANITY_CHARS)));
        assert!(!is_valid_vanity(&"x".repeat(MAX_VANITY_CHARS + 1)));
        assert!(is_valid_vanity("x") && is_valid_vanity("...") && is_valid_vanity(".x"));
        // Beyond ASCII, a symbol is as harmless as a letter: the URL encodes it.
        assert_eq!(
            profile_url("a×b").as_deref(),
            Some("https://www.linkedin.com/in/a%C3%97b/")
        );
    }
}
