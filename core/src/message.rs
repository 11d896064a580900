//! The messages the background accepts (README "Messages"), and who may send each one.
//!
//! LinkedIn's page is untrusted: a script on it can forge what a content script reports, and a
//! content script runs in every `www.linkedin.com` frame. So a message is a claim, and its kind
//! decides who may make it (issue 10 finding 5):
//! - the page's kinds (what the content script sees on LinkedIn) only from a frame whose origin is
//!   `https://www.linkedin.com`;
//! - the privileged kinds (settings, import, delete everything) only from the extension's own pages:
//!   the popup and the options page. They are told apart by the sender's URL, not by whether it is
//!   in a tab: the options page is a tab too.
//!
//! Anything else, or any message from another extension, is refused with [`FORBIDDEN`].

/// The origin of LinkedIn's pages, the only one the content script runs on (`manifest.json`).
pub const LINKEDIN_ORIGIN: &str = "https://www.linkedin.com";

/// The error code of a refused message: `{ok: false, error: "forbidden"}`.
pub const FORBIDDEN: &str = "forbidden";

/// Every message kind the background knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The page: a send click followed by Pending.
    DomSent,
    /// The page: LinkedIn's limit alert or its note upsell.
    LimitAlert,
    /// The page: LinkedIn's Sent page as read so far.
    SentPage,
    /// The page: the member confirmed Withdraw.
    Withdrawn,
    /// The page: people shown as 1st-degree connections.
    Connected,
    /// The page: a note template to fill under LinkedIn's note field.
    FillTemplate,
    /// The extension's pages: new settings.
    SetSettings,
    /// The extension's pages: an exported history to merge.
    Import,
    /// The extension's pages: "Delete all data".
    ClearAll,
}

/// Where a message came from, as the background reads the sender.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sender {
    /// A content script in a `https://www.linkedin.com` frame of this extension.
    LinkedIn,
    /// One of this extension's own pages (popup, options).
    Extension,
    /// Anything else: another extension, another origin, an opaque (sandboxed) frame.
    Other,
}

impl Kind {
    pub fn parse(kind: &str) -> Option<Kind> {
        Some(match kind {
            "dom_sent" => Kind::DomSent,
            "limit_alert" => Kind::LimitAlert,
            "sent_page" => Kind::SentPage,
            "withdrawn" => Kind::Withdrawn,
            "connected" => Kind::Connected,
            "fill_template" => Kind::FillTemplate,
            "set_settings" => Kind::SetSettings,
            "import" => Kind::Import,
            "clear_all" => Kind::ClearAll,
            _ => return None,
        })
    }

    /// Whether the kind reports what LinkedIn's page shows (else it changes the member's data).
    pub fn is_page_kind(self) -> bool {
        !matches!(self, Kind::SetSettings | Kind::Import | Kind::ClearAll)
    }

    /// Whether `sender` may send this kind.
    pub fn allowed_from(self, sender: Sender) -> bool {
        match sender {
            Sender::LinkedIn => self.is_page_kind(),
            Sender::Extension => !self.is_page_kind(),
            Sender::Other => false,
        }
    }
}

/// Reads a `runtime.onMessage` sender. `sender_id` is `sender.id`, `own_id` this extension's
/// `runtime.id`; `url` is `sender.url` (the frame's address for a content script); `origin` is
/// `sender.origin` where the browser gives one (an opaque frame says `"null"` there while its URL
/// still looks like LinkedIn's); `own_base` is this extension's root URL (`runtime.getURL("")`).
pub fn sender_of(
    sender_id: Option<&str>,
    own_id: &str,
    url: Option<&str>,
    origin: Option<&str>,
    own_base: &str,
) -> Sender {
    if own_id.is_empty() || sender_id != Some(own_id) {
        return Sender::Other;
    }
    let Some(url) = url else {
        return Sender::Other;
    };
    if !own_base.is_empty() && own_base.ends_with('/') && url.starts_with(own_base) {
        return Sender::Extension;
    }
    let linkedin = url_origin(url) == Some(LINKEDIN_ORIGIN);
    if linkedin && origin.is_none_or(|o| o == LINKEDIN_ORIGIN) {
        Sender::LinkedIn
    } else {
        Sender::Other
    }
}

/// `scheme://host[:port]` of an absolute URL, lowercased; `None` for anything else.
fn url_origin(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    // A user-info part ("https://www.linkedin.com@evil.example/") names another host.
    if authority.is_empty() || authority.contains('@') || authority.contains('\\') {
        return None;
    }
    Some(&url[..scheme.len() + 3 + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "abcdefghijklmnopabcdefghijklmnop";
    const BASE: &str = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

    fn from(url: &str, origin: Option<&str>) -> Sender {
        sender_of(Some(ID), ID, Some(url), origin, BASE)
    }

    #[test]
    fn linkedin_frames_are_the_page() {
        assert_eq!(
            from("https://www.linkedin.com/in/ada/", None),
            Sender::LinkedIn
        );
        assert_eq!(
            from(
                "https://www.linkedin.com/preload/",
                Some("https://www.linkedin.com")
            ),
            Sender::LinkedIn
        );
        assert_eq!(from("https://www.linkedin.com", None), Sender::LinkedIn);
    }

    #[test]
    fn look_alikes_are_not_linkedin() {
        for url in [
            "https://www.linkedin.com.evil.example/",
            "https://www.linkedin.com@evil.example/",
            "http://www.linkedin.com/",
            "https://linkedin.com/",
            "https://evil.example/?u=https://www.linkedin.com/",
            "HTTPS://www.linkedin.com/",
            "https://www.linkedin.com:8443/",
            "about:blank",
            "",
        ] {
            assert_eq!(from(url, None), Sender::Other, "{url}");
        }
        // A sandboxed frame: LinkedIn's URL, an opaque origin.
        assert_eq!(
            from("https://www.linkedin.com/in/ada/", Some("null")),
            Sender::Other
        );
    }

    #[test]
    fn own_pages_are_the_extension() {
        assert_eq!(
            from(&format!("{BASE}options.html"), None),
            Sender::Extension
        );
        assert_eq!(from(&format!("{BASE}popup.html"), None), Sender::Extension);
        // Another extension's page, or ours under a wrong id, is not.
        assert_eq!(
            sender_of(
                Some("other"),
                ID,
                Some(&format!("{BASE}options.html")),
                None,
                BASE
            ),
            Sender::Other
        );
        assert_eq!(
            from(
                "chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/options.html",
                None
            ),
            Sender::Other
        );
        assert_eq!(
            sender_of(Some(ID), ID, None, None, BASE),
            Sender::Other,
            "no URL"
        );
        assert_eq!(
            sender_of(None, ID, Some("https://www.linkedin.com/"), None, BASE),
            Sender::Other,
            "no id"
        );
    }

    #[test]
    fn each_kind_has_its_senders() {
        let page = [
            "dom_sent",
            "limit_alert",
            "sent_page",
            "withdrawn",
            "connected",
            "fill_template",
        ];
        let privileged = ["set_settings", "import", "clear_all"];
        for k in page {
            let k = Kind::parse(k).unwrap();
            assert!(k.allowed_from(Sender::LinkedIn), "{k:?}");
            assert!(!k.allowed_from(Sender::Extension), "{k:?}");
            assert!(!k.allowed_from(Sender::Other), "{k:?}");
        }
        for k in privileged {
            let k = Kind::parse(k).unwrap();
            assert!(!k.allowed_from(Sender::LinkedIn), "{k:?}");
            assert!(k.allowed_from(Sender::Extension), "{k:?}");
            assert!(!k.allowed_from(Sender::Other), "{k:?}");
        }
        assert_eq!(Kind::parse("nothing"), None);
    }
}
