//! The messages the background accepts (docs/protocol.md §2), who may send each one, and what each
//! one's fields are taken as.
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
//!
//! A message that is allowed is read once, into a [`Message`]: unknown fields are ignored; a page
//! message's field of the wrong type is taken as missing and a list item that does not read is left
//! out, so the rest of the report still counts; settings must read whole. What does not read at all
//! (no object, an unknown kind, unreadable settings) is a [`DecodeError`], never a panic, which the
//! background takes as its kind with no fields ([`Message::empty`]) or refuses. Field values
//! are the page's claims too: texts are trimmed and bounded, vanities checked, times believed only
//! near the background's clock ([`page_time`], [`text`], [`vanity`]). The answers are the structs of
//! [`answer`].

use crate::classify::{self, vanity_from_profile_href};
use crate::ledger::{AlertKind, Invitee};
use crate::locale::{self, page_texts_for};
use crate::self_check::Signal;
use crate::sent_page::{parse_age, parse_total, SentEntry};
use crate::settings::Settings;
use crate::time::{Millis, MINUTE_MS};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The origin of LinkedIn's pages, the only one the content script runs on (`manifest.json`).
pub const LINKEDIN_ORIGIN: &str = "https://www.linkedin.com";

/// The error code of a refused message: `{ok: false, error: "forbidden"}`.
pub const FORBIDDEN: &str = "forbidden";

/// The error code of a message of no kind the background knows: `{ok: false, error: "unknown_kind"}`.
pub const UNKNOWN_KIND: &str = "unknown_kind";

/// Cards read from one Sent page message at most. LinkedIn's list can hold well over a thousand
/// pending invitations ("People (1,100)", docs/linkedin.md §7); past this the message is cut and
/// taken as incomplete, so nothing is inferred from the cards left out.
pub const MAX_SENT_ENTRIES: usize = 5_000;

/// People in one `connected` message at most (the Connections page scrolls without end, §9).
pub const MAX_CONNECTED: usize = 2_000;

/// How far a page's time may be from the background's clock and still be believed ([`page_time`]).
pub const PAGE_CLOCK_MS: Millis = 5.0 * MINUTE_MS;

/// A text field of a page message longer than this many characters is dropped ([`text`]): a name, a
/// vanity or an age line is never hundreds of characters, and anything longer is not what was asked
/// for.
pub const MAX_TEXT_CHARS: usize = 300;

/// At most this many of a `sent_page` message's `total_texts` are looked at: a page shows its total
/// in two or three places (docs/linkedin.md §7.2).
pub const MAX_TOTAL_TEXTS: usize = 16;

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
    /// The page: the member's trusted click on a Connect or Send control the sensor recognised
    /// (the self-check's evidence that the guard sees, docs/architecture.md §11).
    PageSignal,
    /// The page: its `<html lang>`, when it has no table, or when `guard` says a language without
    /// one was seen and this page's has one.
    PageLanguage,
    /// The extension's pages: new settings.
    SetSettings,
    /// The extension's pages: an exported history to merge.
    Import,
    /// The extension's pages: "Delete all data".
    ClearAll,
    /// The extension's pages: this computer's name, as the member's other computers show it
    /// (issue 14).
    SetDeviceName,
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
    pub const ALL: [Kind; 12] = [
        Kind::DomSent,
        Kind::LimitAlert,
        Kind::SentPage,
        Kind::Withdrawn,
        Kind::Connected,
        Kind::FillTemplate,
        Kind::PageSignal,
        Kind::PageLanguage,
        Kind::SetSettings,
        Kind::Import,
        Kind::ClearAll,
        Kind::SetDeviceName,
    ];

    /// The `kind` field's value. The content script builds its few messages by hand (its size is
    /// paid on every LinkedIn page load) and takes the names from here; [`Message`]'s serde tag
    /// spells the same (a unit test holds them together).
    pub const fn name(self) -> &'static str {
        match self {
            Kind::DomSent => "dom_sent",
            Kind::LimitAlert => "limit_alert",
            Kind::SentPage => "sent_page",
            Kind::Withdrawn => "withdrawn",
            Kind::Connected => "connected",
            Kind::FillTemplate => "fill_template",
            Kind::PageSignal => "page_signal",
            Kind::PageLanguage => "page_language",
            Kind::SetSettings => "set_settings",
            Kind::Import => "import",
            Kind::ClearAll => "clear_all",
            Kind::SetDeviceName => "set_device_name",
        }
    }

    pub fn parse(kind: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == kind)
    }

    /// Whether the kind reports what LinkedIn's page shows (else it changes the member's data).
    pub fn is_page_kind(self) -> bool {
        !matches!(
            self,
            Kind::SetSettings | Kind::Import | Kind::ClearAll | Kind::SetDeviceName
        )
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

// ---- the messages ----------------------------------------------------------------------------------

/// A message, as docs/protocol.md §2 documents it: `{"kind": "<kind>", …fields}`. Every field a
/// page
/// sends is optional here (a missing one is read as the code before typed messages read it); the
/// readers below turn them into what the background uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    DomSent(PersonSeen),
    LimitAlert(LimitAlert),
    SentPage(SentPage),
    Withdrawn(PersonSeen),
    Connected(Connected),
    FillTemplate(FillTemplate),
    PageSignal(PageSignal),
    PageLanguage(PageLanguage),
    SetSettings(SetSettings),
    Import(Import),
    ClearAll,
    SetDeviceName(SetDeviceName),
}

/// Why a message could not be read: its `kind` as sent (empty without one) and serde's reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub kind: String,
    pub reason: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a {:?} message that does not read: {}",
            self.kind, self.reason
        )
    }
}

impl Message {
    pub fn kind(&self) -> Kind {
        match self {
            Message::DomSent(_) => Kind::DomSent,
            Message::LimitAlert(_) => Kind::LimitAlert,
            Message::SentPage(_) => Kind::SentPage,
            Message::Withdrawn(_) => Kind::Withdrawn,
            Message::Connected(_) => Kind::Connected,
            Message::FillTemplate(_) => Kind::FillTemplate,
            Message::PageSignal(_) => Kind::PageSignal,
            Message::PageLanguage(_) => Kind::PageLanguage,
            Message::SetSettings(_) => Kind::SetSettings,
            Message::Import(_) => Kind::Import,
            Message::ClearAll => Kind::ClearAll,
            Message::SetDeviceName(_) => Kind::SetDeviceName,
        }
    }

    /// Reads a message from its JSON form. Unknown fields are ignored; a field of the wrong type, or
    /// a `kind` this version does not know, is an error naming it.
    ///
    /// The same as serde's derived reading of the tag (a unit test holds them together), but by
    /// `kind` first, each payload read straight from the JSON: the derived one buffers the whole
    /// message into serde's private `Content` and reads every payload again from there, code the
    /// background's Wasm would carry beside serde_json's (30 KB more, measured).
    pub fn from_json(value: serde_json::Value) -> Result<Message, DecodeError> {
        fn payload<T: DeserializeOwned>(v: serde_json::Value) -> Result<T, serde_json::Error> {
            serde_json::from_value(v)
        }
        let name = value
            .get("kind")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string();
        let Some(kind) = Kind::parse(&name) else {
            return Err(DecodeError {
                kind: name,
                reason: "no kind this version knows".into(),
            });
        };
        let read = match kind {
            Kind::DomSent => payload(value).map(Message::DomSent),
            Kind::LimitAlert => payload(value).map(Message::LimitAlert),
            Kind::SentPage => payload(value).map(Message::SentPage),
            Kind::Withdrawn => payload(value).map(Message::Withdrawn),
            Kind::Connected => payload(value).map(Message::Connected),
            Kind::FillTemplate => payload(value).map(Message::FillTemplate),
            Kind::PageSignal => payload(value).map(Message::PageSignal),
            Kind::PageLanguage => payload(value).map(Message::PageLanguage),
            Kind::SetSettings => payload(value).map(Message::SetSettings),
            Kind::Import => payload(value).map(Message::Import),
            Kind::ClearAll => Ok(Message::ClearAll),
            Kind::SetDeviceName => payload(value).map(Message::SetDeviceName),
        };
        read.map_err(|e| DecodeError {
            kind: name,
            reason: e.to_string(),
        })
    }

    /// `kind` with every field missing: what the background takes a message of that kind for when
    /// it does not read. The code before typed messages read each field on its own and took a field
    /// of the wrong type as missing, so garbage got these answers, and tests/e2e assert them
    /// (invitations.mjs 37, trust.mjs). `None` for `set_settings`: settings that do not read are
    /// refused ([`answer::Settings::unreadable`], with the [`DecodeError`]'s reason), never taken
    /// as the defaults.
    pub fn empty(kind: Kind) -> Option<Message> {
        Some(match kind {
            Kind::DomSent => Message::DomSent(PersonSeen::default()),
            Kind::LimitAlert => Message::LimitAlert(LimitAlert::default()),
            Kind::SentPage => Message::SentPage(SentPage::default()),
            Kind::Withdrawn => Message::Withdrawn(PersonSeen::default()),
            Kind::Connected => Message::Connected(Connected::default()),
            Kind::FillTemplate => Message::FillTemplate(FillTemplate::default()),
            Kind::PageSignal => Message::PageSignal(PageSignal::default()),
            Kind::PageLanguage => Message::PageLanguage(PageLanguage::default()),
            Kind::SetSettings => return None,
            Kind::Import => Message::Import(Import::default()),
            Kind::ClearAll => Message::ClearAll,
            Kind::SetDeviceName => Message::SetDeviceName(SetDeviceName::default()),
        })
    }
}

/// A message's fields without its kind, for a sender that builds one kind only: the extension's
/// pages send `set_settings`, `import` and `clear_all` this way (`src/ui.rs` `ask`), the payload
/// serialized with `kind` set to [`Self::KIND`]'s name, which is [`Message`]'s serialization (a unit
/// test holds them together) without the serializers of the kinds the pages never send.
pub trait Payload: Serialize {
    const KIND: Kind;
}

impl Payload for SetSettings {
    const KIND: Kind = Kind::SetSettings;
}

impl Payload for Import {
    const KIND: Kind = Kind::Import;
}

/// `clear_all`'s fields: none.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClearAll {}

impl Payload for ClearAll {
    const KIND: Kind = Kind::ClearAll;
}

/// `set_device_name`'s fields: the name the member typed (cleaned by `sync::clean_name`; empty or
/// missing is the default name, "Computer 5F3A").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SetDeviceName {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
}

impl Payload for SetDeviceName {
    const KIND: Kind = Kind::SetDeviceName;
}

/// A person as a page message names them: `{vanity? or href?, name?, urn?}` ([`InviteeFields::invitee`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteeFields {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub urn: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub vanity: Option<String>,
    /// The profile link as the page has it, read when there is no `vanity`.
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub href: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
}

/// `dom_sent` and `withdrawn`: `invitee` and `at`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonSeen {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub invitee: Option<InviteeFields>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub at: Option<Millis>,
}

/// `limit_alert`: LinkedIn's alert as `text` in the page's `lang`, or `alert: "note_quota"` for the
/// note upsell; `at`, and `clicked_at` (the member's click it may answer).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LimitAlert {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub alert: Option<AlertKind>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub text: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub at: Option<Millis>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub clicked_at: Option<Millis>,
}

/// `sent_page`: the cards read so far, the tab's total as shown, whether the page says the whole
/// list loaded, `<html lang>` and `at`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SentPage {
    #[serde(
        default,
        deserialize_with = "lenient_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub entries: Vec<SentCard>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_text: Option<String>,
    /// The text of every placement of LinkedIn's total the page shows, in document order (the
    /// selected tab, the connection filter's link, the Ember pill: `classify::SENT_TOTAL_SELECTOR`,
    /// docs/linkedin.md §7.2); the first that reads is the total ([`SentPage::read`]).
    #[serde(
        default,
        deserialize_with = "lenient_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub total_texts: Vec<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub complete: Option<bool>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub at: Option<Millis>,
}

/// One card of the Sent page: `{vanity? or href?, name?, age_text?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentCard {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub vanity: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub href: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub age_text: Option<String>,
}

/// `connected`: one person (`invitee`, `connected_text`) or many (`people`), and `lang`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Connected {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub invitee: Option<InviteeFields>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub connected_text: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_some_list",
        skip_serializing_if = "Option::is_none"
    )]
    pub people: Option<Vec<ConnectedPerson>>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<String>,
}

/// One person of a `connected` message's `people`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectedPerson {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub invitee: Option<InviteeFields>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub connected_text: Option<String>,
}

/// `fill_template`: template `index` for the person (`name`, `headline`, the page's `lang`), within
/// the note field's `maxlength` (`max`) and what it has left (`room`). Numbers as JavaScript sends
/// them: `index` 1.5 is template 1, as the code before typed messages read it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FillTemplate {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub index: Option<f64>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub headline: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub max: Option<f64>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub room: Option<f64>,
}

/// `page_signal`: which recognised control the member clicked (`signal`: `connect` or `send`) and
/// when (`at`). The tab is the sender's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageSignal {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub signal: Option<Signal>,
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub at: Option<Millis>,
}

/// `page_language`: the page's `<html lang>` as it has it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageLanguage {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub lang: Option<String>,
}

/// `set_settings`: the whole settings object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetSettings {
    pub settings: Settings,
}

/// `import`: the export file's text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Import {
    #[serde(
        default,
        deserialize_with = "lenient",
        skip_serializing_if = "Option::is_none"
    )]
    pub text: Option<String>,
}

// ---- what a page's fields are taken as --------------------------------------------------------------

/// A page message's field read on its own: one of the wrong type is taken as missing, so the rest
/// of the report still counts (a redesigned page counts less, never nothing; docs/protocol.md §2).
fn lenient<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(v).ok())
}

/// A page message's list read item by item: an item that does not read is left out, the others
/// kept; anything but a list is an empty one.
fn lenient_list<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Array(items) => items
            .into_iter()
            .filter_map(|i| serde_json::from_value(i).ok())
            .collect(),
        _ => Vec::new(),
    })
}

/// [`lenient_list`] for a list that may be absent: anything but a list is absent.
fn lenient_some_list<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<Vec<T>>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    if !v.is_array() {
        return Ok(None);
    }
    lenient_list(v).map(Some).map_err(serde::de::Error::custom)
}

/// A time reported by a page, or `now` when it is missing or more than [`PAGE_CLOCK_MS`] away (a
/// page's clock is the same machine's clock, but a message may be replayed much later by a waking
/// worker).
pub fn page_time(at: Option<Millis>, now: Millis) -> Millis {
    at.filter(|t| t.is_finite() && (t - now).abs() < PAGE_CLOCK_MS)
        .unwrap_or(now)
}

/// A text field of a page message: trimmed, and kept only when non-empty and at most
/// [`MAX_TEXT_CHARS`] characters.
pub fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty() && s.chars().count() <= MAX_TEXT_CHARS)
        .map(str::to_string)
}

/// A person's vanity: `vanity`, or read from `href`, the card's profile link as the page has it
/// (the content script sends the link and core reads it). A vanity is one path segment of
/// `/in/<vanity>/`: one with `/ ? #` or a space is dropped.
pub fn vanity(vanity: Option<&str>, href: Option<&str>) -> Option<String> {
    text(vanity)
        .or_else(|| text(href).and_then(|h| vanity_from_profile_href(&h)))
        .filter(|v| !v.contains(['/', '?', '#', ' ']))
}

impl InviteeFields {
    /// The invitee the fields describe, each read as above; the name only when the member lets
    /// names be kept (`keep_names`).
    pub fn invitee(&self, keep_names: bool) -> Invitee {
        Invitee {
            urn: text(self.urn.as_deref()),
            vanity: vanity(self.vanity.as_deref(), self.href.as_deref()),
            name: text(self.name.as_deref()).filter(|_| keep_names),
        }
    }
}

/// [`InviteeFields::invitee`] of a field that may be missing: nobody.
pub fn invitee(person: Option<&InviteeFields>, keep_names: bool) -> Invitee {
    person.map_or_else(Invitee::default, |p| p.invitee(keep_names))
}

impl LimitAlert {
    /// What the page reports: the note upsell by its place (the content script's rule), an alert
    /// by its text, which must be one of LinkedIn's limit messages as a whole, in the page's
    /// language or, when that has no table, in any (`classify::alert_kind`, issue 10 finding 4).
    /// `alert: "weekly"` alone is not believed. `None`: not a limit alert.
    pub fn alert_kind(&self) -> Option<AlertKind> {
        if self.alert == Some(AlertKind::NoteQuota) {
            return Some(AlertKind::NoteQuota);
        }
        let lang = self.lang.as_deref().unwrap_or_default();
        let table = locale::is_supported(lang).then(|| locale::table_for(lang));
        self.text
            .as_deref()
            .and_then(|t| classify::alert_kind(t, table))
    }

    /// The member's click, kept only when it is within [`PAGE_CLOCK_MS`] of the alert's time `at`.
    pub fn clicked_at(&self, at: Millis) -> Option<Millis> {
        self.clicked_at
            .filter(|t| t.is_finite() && (at - t).abs() < PAGE_CLOCK_MS)
    }
}

/// A `sent_page` message as the background uses it ([`SentPage::read`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SentList {
    /// The cards that name someone (a vanity or a name), ages read with the page language's table.
    pub entries: Vec<SentEntry>,
    /// LinkedIn's total ("People (1,100)"), when it reads.
    pub total: Option<u32>,
    /// Whether the whole list was read ([`read_to_the_end`]).
    pub complete: bool,
}

impl SentPage {
    /// The cards (at most [`MAX_SENT_ENTRIES`]), the total and whether the list was read to the
    /// end, with the locale table for `lang` (English for an unknown one). A card whose age does not
    /// read is kept without one: it is still on the page.
    pub fn read(&self) -> SentList {
        let table = page_texts_for(self.lang.as_deref().unwrap_or_default());
        let cut = self.entries.len() > MAX_SENT_ENTRIES;
        let entries: Vec<SentEntry> = self
            .entries
            .iter()
            .take(MAX_SENT_ENTRIES)
            .map(|c| SentEntry {
                vanity: vanity(c.vanity.as_deref(), c.href.as_deref()),
                name: text(c.name.as_deref()),
                age: text(c.age_text.as_deref()).and_then(|t| parse_age(&t, table)),
            })
            .filter(|e| e.vanity.is_some() || e.name.is_some())
            .collect();
        // The first text that reads as the total in the page's language: a count that merely looks
        // like one ("People you may know (12)", "Messaging (3)") reads as none (`parse_total`).
        let total = self
            .total_text
            .iter()
            .chain(self.total_texts.iter().take(MAX_TOTAL_TEXTS))
            .filter_map(|t| text(Some(t)))
            .find_map(|t| parse_total(&t, table));
        let complete = read_to_the_end(self.complete == Some(true), cut, total, entries.len());
        SentList {
            entries,
            total,
            complete,
        }
    }
}

/// Whether a Sent-page read holds the whole list: the page must say so, the message must not have
/// been cut at [`MAX_SENT_ENTRIES`], and LinkedIn's total must read and not be above the `cards`
/// that name someone. The list loads lazily (docs/linkedin.md §7, §11): a list shorter than
/// LinkedIn's own total was not read to the end, whatever the page said; and without a total that
/// reads (a language or a layout we do not know) nothing says the end was reached. What rests on
/// it: every pending invitation missing from a complete list is taken as accepted
/// (`reconcile::accepted`).
pub fn read_to_the_end(page_says: bool, cut: bool, total: Option<u32>, cards: usize) -> bool {
    page_says && !cut && total.is_some_and(|t| t as usize <= cards)
}

impl SentList {
    /// With names not kept: no name is stored, nor matched by, so the cards lose their names and
    /// those that named nobody else go.
    pub fn without_names(&mut self) {
        for e in &mut self.entries {
            e.name = None;
        }
        self.entries.retain(|e| e.vanity.is_some());
    }
}

impl Connected {
    /// The people shown, each with their `connected_text` (read as [`text`]): `people` (the first
    /// [`MAX_CONNECTED`]), else the message's own `invitee`.
    pub fn people(&self, keep_names: bool) -> Vec<(Invitee, Option<String>)> {
        let one = |p: Option<&InviteeFields>, t: Option<&String>| {
            (invitee(p, keep_names), text(t.map(String::as_str)))
        };
        match &self.people {
            Some(people) => people
                .iter()
                .take(MAX_CONNECTED)
                .map(|p| one(p.invitee.as_ref(), p.connected_text.as_ref()))
                .collect(),
            None => vec![one(self.invitee.as_ref(), self.connected_text.as_ref())],
        }
    }
}

// ---- what the extension's own pages ask the content script ------------------------------------------

/// The `kind` of the one request the content script answers: the options page's diagnostic
/// (docs/protocol.md §4), sent with `tabs.sendMessage` to a LinkedIn tab's top frame.
///
/// It is no [`Kind`]: the background does not know it ([`Kind::parse`] is `None`), so a LinkedIn
/// frame that sends it to the background gets `unknown_kind` and nothing else, and the background's
/// sender rule ([`sender_of`]) is unchanged. The content script answers it only from this
/// extension's own pages: `sender.id` is this extension's and `sender.url` starts with its root URL
/// (`platform::content::answer_own_pages`; the rule of [`Sender::Extension`]). Whether the sender is
/// in a tab proves nothing either way: Firefox gives the options page's tab as `sender.tab`, Chrome
/// gives none (tried here, both browsers, from the options page opened in a tab).
pub const DIAGNOSE: &str = "diagnose";

/// `{kind: "diagnose", selectors, texts}`: the content script counts the elements of its page
/// matching each CSS selector (`null` for one the browser cannot parse) and the clickable elements
/// (`a`, `button`, `[role=button]`, `[role=menuitem]`) whose text, lowercased with its whitespace
/// collapsed, is each of `texts`. Core builds both lists (`diagnostic::probes`); the content script
/// reads at most [`MAX_PROBES`] of each.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagnose {
    pub selectors: Vec<String>,
    pub texts: Vec<String>,
}

/// Selectors, and texts, one `diagnose` request is answered for at most (`src/content/page.js`).
pub const MAX_PROBES: usize = 500;

impl Diagnose {
    /// The request as sent: the fields and `kind` [`DIAGNOSE`].
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({ "kind": DIAGNOSE });
        v["selectors"] = self.selectors.clone().into();
        v["texts"] = self.texts.clone().into();
        v
    }
}

/// What the content script decided about something in the page, as its ring of recent decisions
/// records it (`what`, a number on the wire: [`Decision::code`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The member's click on a control the sensor did not recognise (its facts are what to look at
    /// when the guard is blind).
    Nothing,
    /// A click on a Connect control.
    Connect,
    /// A click on the invite dialog's Send.
    Send,
    /// A click on the invite dialog's "Add a note".
    AddNote,
    /// Pending showed for a send the page saw: `dom_sent` reported.
    Pending,
    /// An alert that showed right after a send: `limit_alert` reported.
    Alert,
    /// The Premium upsell in the invite dialog: `limit_alert` (`note_quota`) reported.
    NoteUpsell,
}

impl Decision {
    pub const ALL: [Decision; 7] = [
        Decision::Nothing,
        Decision::Connect,
        Decision::Send,
        Decision::AddNote,
        Decision::Pending,
        Decision::Alert,
        Decision::NoteUpsell,
    ];

    /// The number the content script records.
    pub const fn code(self) -> u32 {
        match self {
            Decision::Nothing => 0,
            Decision::Connect => 1,
            Decision::Send => 2,
            Decision::AddNote => 3,
            Decision::Pending => 4,
            Decision::Alert => 5,
            Decision::NoteUpsell => 6,
        }
    }

    pub fn from_code(code: f64) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.code() as f64 == code)
    }

    /// How the diagnostic names it.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Nothing => "click on nothing the sensor knows",
            Decision::Connect => "click on Connect",
            Decision::Send => "click on Send",
            Decision::AddNote => "click on Add a note",
            Decision::Pending => "Pending seen: dom_sent reported",
            Decision::Alert => "alert after a send: limit_alert reported",
            Decision::NoteUpsell => "note upsell: limit_alert (note_quota) reported",
        }
    }
}

/// The content script's answer to [`Diagnose`]: `<html lang>`, the page's path and query, the counts
/// in the order of the request's lists, and its last decisions, oldest first (at most
/// [`MAX_DECISIONS`]). Read as a page message is: a field of the wrong type is missing, a decision
/// that does not read is left out, a count that is not a number is `None`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PageReport {
    #[serde(default, deserialize_with = "lenient")]
    pub lang: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub path: Option<String>,
    #[serde(default, deserialize_with = "counts")]
    pub selectors: Vec<Option<f64>>,
    #[serde(default, deserialize_with = "counts")]
    pub texts: Vec<Option<f64>>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub decisions: Vec<SeenDecision>,
}

/// The decisions the content script keeps (`src/content/page.js`, `remember`).
pub const MAX_DECISIONS: usize = 20;

/// One decision of the content script's ring, with the raw facts of the element it was about (what
/// the classifier reads: `classify::Facts`). Raw: names and profile links included. They leave the
/// content script only for this extension's own pages, and the diagnostic scrubs them
/// (`diagnostic::scrub_label`, `scrub_href`, `scrub_text`) before anything shows them.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct SeenDecision {
    #[serde(default, deserialize_with = "lenient")]
    pub at: Option<Millis>,
    /// [`Decision::code`].
    #[serde(default, deserialize_with = "lenient")]
    pub what: Option<f64>,
    /// Whether the click was the member's own (`isTrusted`).
    #[serde(default, deserialize_with = "lenient")]
    pub trusted: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    pub tag: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub href: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub label: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub role: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub text: Option<String>,
    /// The href of the nearest link around the element.
    #[serde(default, deserialize_with = "lenient")]
    pub link: Option<String>,
}

impl SeenDecision {
    pub fn decision(&self) -> Option<Decision> {
        self.what.and_then(Decision::from_code)
    }
}

/// A list of counts, item by item: anything but a number is `None`, so the counts stay in the
/// request's order.
fn counts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<f64>>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Array(items) => items.iter().map(serde_json::Value::as_f64).collect(),
        _ => Vec::new(),
    })
}

// ---- the answers ---------------------------------------------------------------------------------------

/// The background's answers, one struct per shape (docs/protocol.md §2), serialized as plain
/// objects.
pub mod answer {
    use serde::{Deserialize, Serialize};

    /// `{ok: true}`: `dom_sent`, `limit_alert`, `page_signal`, `page_language`, `clear_all`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Done {
        pub ok: bool,
    }

    impl Done {
        pub const OK: Done = Done { ok: true };
    }

    /// `{ok: false, error}`: a refused or failed message, `error` its code ([`super::FORBIDDEN`],
    /// [`super::UNKNOWN_KIND`], `read_only`, `no_invitee`, `not_an_alert`, an import error…).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Failed {
        pub ok: bool,
        pub error: String,
    }

    impl Failed {
        pub fn new(code: &str) -> Failed {
            Failed {
                ok: false,
                error: code.to_string(),
            }
        }
    }

    /// `sent_page`: `{ok, added, accepted, unconfirmed, total}`, `total` `null` when it did not read.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct SentPage {
        pub ok: bool,
        pub added: u32,
        pub accepted: u32,
        pub unconfirmed: u32,
        pub total: Option<u32>,
    }

    /// `withdrawn`: `{ok, added}`, `added` whether the withdrawal is new.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Withdrawn {
        pub ok: bool,
        pub added: bool,
    }

    /// `connected`: `{ok, added}`, `added` how many acceptances are new.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Connected {
        pub ok: bool,
        pub added: u32,
    }

    /// `fill_template`: `{text?, unfilled?, message}`: no `text` when the template is missing or
    /// does not fit (then no `unfilled` either), `message` the line the helper shows.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct FillTemplate {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub text: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub unfilled: Option<bool>,
        pub message: String,
    }

    /// `set_settings`: `{ok, errors}`, `ok` when there are none.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Settings {
        pub ok: bool,
        pub errors: Vec<SettingsError>,
    }

    impl Settings {
        pub fn with(errors: Vec<SettingsError>) -> Settings {
            Settings {
                ok: errors.is_empty(),
                errors,
            }
        }

        /// Settings that do not read: code `unreadable`, and why in English.
        pub fn unreadable(why: &impl std::fmt::Display) -> Settings {
            Settings::with(vec![SettingsError {
                code: "unreadable".into(),
                template: None,
                message: format!("Unreadable settings: {why}"),
            }])
        }
    }

    /// One error of `set_settings`: `{code, template?, message}` (`settingsError_<code>` in
    /// `_locales`; `template` the index of the template it is about; `message` in English for any
    /// other caller).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct SettingsError {
        pub code: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub template: Option<u32>,
        pub message: String,
    }

    impl From<&crate::settings::SettingsError> for SettingsError {
        fn from(e: &crate::settings::SettingsError) -> SettingsError {
            SettingsError {
                code: e.code().into(),
                template: e.template().map(|i| i as u32),
                message: e.message().into(),
            }
        }
    }

    /// `import` that worked: `{ok, added, already, invalid}`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Import {
        pub ok: bool,
        pub added: u32,
        pub already: u32,
        pub invalid: u32,
    }

    /// `set_device_name`: `{ok, name}`, the name as stored (cleaned, or the default one).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct DeviceName {
        pub ok: bool,
        pub name: String,
    }

    /// `import` refused for room: `{ok: false, error: "no_room", needed, free}` in bytes.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct NoRoom {
        pub ok: bool,
        pub error: String,
        pub needed: f64,
        pub free: f64,
    }

    impl NoRoom {
        pub fn new(needed: f64, free: f64) -> NoRoom {
            NoRoom {
                ok: false,
                error: "no_room".into(),
                needed,
                free,
            }
        }
    }
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
            "page_signal",
            "page_language",
        ];
        let privileged = ["set_settings", "import", "clear_all", "set_device_name"];
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

    // ---- typed messages ----

    fn read(v: serde_json::Value) -> Result<Message, DecodeError> {
        Message::from_json(v)
    }

    fn every_message() -> Vec<Message> {
        Kind::ALL
            .into_iter()
            .map(|k| {
                Message::empty(k).unwrap_or(Message::SetSettings(SetSettings {
                    settings: Settings::default(),
                }))
            })
            .collect()
    }

    #[test]
    fn kind_names_are_the_serde_tags() {
        for m in every_message() {
            let kind = m.kind();
            let v = serde_json::to_value(&m).unwrap();
            assert_eq!(v["kind"], kind.name(), "{kind:?}");
            assert_eq!(Kind::parse(kind.name()), Some(kind));
            assert_eq!(read(v).unwrap(), m, "{kind:?} round trip");
        }
        assert_eq!(Message::empty(Kind::SetSettings), None);
    }

    #[test]
    fn the_diagnose_request_is_no_background_message() {
        // A LinkedIn frame that sends it to the background gets `unknown_kind`, nothing else.
        assert_eq!(Kind::parse(DIAGNOSE), None);
        let e = read(serde_json::json!({"kind": DIAGNOSE, "selectors": ["a"]})).unwrap_err();
        assert_eq!(
            (e.kind.as_str(), e.reason.as_str()),
            (DIAGNOSE, "no kind this version knows")
        );
        let req = Diagnose {
            selectors: vec!["a[href]".into()],
            texts: vec!["connect".into()],
        };
        let v = req.to_json();
        assert_eq!(v["kind"], DIAGNOSE);
        assert_eq!(serde_json::from_value::<Diagnose>(v).unwrap(), req);
    }

    #[test]
    fn decisions_by_their_codes() {
        for (i, d) in Decision::ALL.into_iter().enumerate() {
            assert_eq!(Decision::from_code(d.code() as f64), Some(d));
            assert!(Decision::ALL[..i].iter().all(|e| e.code() != d.code()));
        }
        for bad in [7.0, -1.0, 1.5, f64::NAN] {
            assert_eq!(Decision::from_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_page_report_reads_field_by_field() {
        let r: PageReport = serde_json::from_value(serde_json::json!({
            "lang": 5, "path": "/in/a/", "selectors": [1, null, "x", 2.5], "texts": "no",
            "decisions": [null, {"what": 1, "label": "Invite A to connect", "trusted": "yes"}, 3],
        }))
        .unwrap();
        assert_eq!((r.lang, r.path.as_deref()), (None, Some("/in/a/")));
        assert_eq!(r.selectors, vec![Some(1.0), None, None, Some(2.5)]);
        assert!(r.texts.is_empty());
        assert_eq!(r.decisions.len(), 1);
        let d = &r.decisions[0];
        assert_eq!(
            (d.decision(), d.trusted, d.label.as_deref()),
            (Some(Decision::Connect), None, Some("Invite A to connect"))
        );
        assert_eq!(
            serde_json::from_value::<PageReport>(serde_json::json!({})).unwrap(),
            PageReport::default()
        );
    }

    #[test]
    fn a_payload_with_its_kind_is_the_message() {
        fn sent<P: Payload + Clone>(p: &P, m: Message) {
            let mut v = serde_json::to_value(p).unwrap();
            v["kind"] = P::KIND.name().into();
            assert_eq!(v, serde_json::to_value(&m).unwrap());
            assert_eq!(read(v).unwrap(), m);
        }
        let settings = SetSettings {
            settings: Settings::default(),
        };
        sent(&settings, Message::SetSettings(settings.clone()));
        let import = Import {
            text: Some("{}".into()),
        };
        sent(&import, Message::Import(import.clone()));
        sent(&ClearAll {}, Message::ClearAll);
        let name = SetDeviceName {
            name: Some("Home laptop".into()),
        };
        sent(&name, Message::SetDeviceName(name.clone()));
    }

    #[test]
    fn readme_examples_read() {
        let m = read(serde_json::json!({"kind": "sent_page", "lang": "en", "complete": false, "total_text": "People (1,100)",
            "entries": [{"href": "/in/ada-lovelace/", "name": "Ada Lovelace", "age_text": "Sent 3 weeks ago"},
                        {"vanity": "alan-turing", "age_text": "Sent today"}]}))
        .unwrap();
        let Message::SentPage(p) = m else {
            panic!("{m:?}")
        };
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[0].href.as_deref(), Some("/in/ada-lovelace/"));
        let m = read(serde_json::json!({"kind": "withdrawn", "invitee": {"vanity": "ada-lovelace", "name": "Ada Lovelace"}, "at": 1764259200000_u64})).unwrap();
        assert_eq!(
            m,
            Message::Withdrawn(PersonSeen {
                invitee: Some(InviteeFields {
                    vanity: Some("ada-lovelace".into()),
                    name: Some("Ada Lovelace".into()),
                    ..InviteeFields::default()
                }),
                at: Some(1_764_259_200_000.0),
            })
        );
        let m = read(serde_json::json!({"kind": "connected", "lang": "en", "people": [{"invitee": {"vanity": "ada-lovelace"}, "connected_text": "Connected on November 20, 2026"}]})).unwrap();
        let Message::Connected(c) = m else {
            panic!("{m:?}")
        };
        assert_eq!(c.people.map(|p| p.len()), Some(1));
        let m = read(serde_json::json!({"kind": "set_settings", "settings": {"daily_cap": 25}}))
            .unwrap();
        let Message::SetSettings(s) = m else {
            panic!("{m:?}")
        };
        assert_eq!(
            s.settings.daily_cap, 25,
            "missing settings fields are defaults"
        );
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let m = read(serde_json::json!({"kind": "dom_sent", "invitee": {"vanity": "ada", "shoe_size": 44}, "at": 1, "extra": [1, 2]})).unwrap();
        assert_eq!(
            m,
            Message::DomSent(PersonSeen {
                invitee: Some(InviteeFields {
                    vanity: Some("ada".into()),
                    ..InviteeFields::default()
                }),
                at: Some(1.0),
            })
        );
        assert_eq!(
            read(serde_json::json!({"kind": "clear_all", "please": true})).unwrap(),
            Message::ClearAll
        );
    }

    #[test]
    fn a_page_reports_fields_of_the_wrong_type_are_missing_the_rest_kept() {
        // What tests/e2e/invitations.mjs 37 sends, and more: each field is read on its own, as before
        // typed messages, so a bad field or list item costs only itself; nothing panics.
        let sent = |v| match read(v).unwrap() {
            Message::SentPage(p) => p,
            m => panic!("{m:?}"),
        };
        assert_eq!(
            sent(
                serde_json::json!({"kind": "sent_page", "entries": "all of them", "total_text": 42, "complete": "yes", "lang": null})
            ),
            SentPage::default()
        );
        let p = sent(
            serde_json::json!({"kind": "sent_page", "total_text": "People (2)", "entries": [
            null, 7, "x", {"vanity": ""}, {"href": "/in/ada/", "name": 5, "age_text": "Sent today"}]}),
        );
        assert_eq!(p.total_text.as_deref(), Some("People (2)"));
        assert_eq!(
            p.entries,
            [
                SentCard {
                    vanity: Some(String::new()),
                    ..SentCard::default()
                },
                SentCard {
                    href: Some("/in/ada/".into()),
                    age_text: Some("Sent today".into()),
                    ..SentCard::default()
                }
            ]
        );
        match read(serde_json::json!({"kind": "connected", "people": "everyone"})).unwrap() {
            Message::Connected(c) => assert_eq!(c.people, None),
            m => panic!("{m:?}"),
        }
        match read(serde_json::json!({"kind": "connected", "people": [null, 3, {"invitee": "keep-one", "connected_text": "Connected today"}]})).unwrap() {
            Message::Connected(c) => assert_eq!(
                c.people,
                Some(vec![ConnectedPerson {
                    invitee: None,
                    connected_text: Some("Connected today".into())
                }])
            ),
            m => panic!("{m:?}"),
        }
        match read(serde_json::json!({"kind": "withdrawn", "invitee": {"vanity": "   ", "name": 3}, "at": "now"})).unwrap() {
            Message::Withdrawn(p) => {
                assert_eq!(p.at, None);
                let who = p.invitee.unwrap();
                assert_eq!((who.vanity.as_deref(), who.name), (Some("   "), None));
            }
            m => panic!("{m:?}"),
        }
        match read(serde_json::json!({"kind": "limit_alert", "alert": "monthly", "text": "You’ve reached the weekly invitation limit"})).unwrap() {
            Message::LimitAlert(a) => assert_eq!((a.alert, a.text.is_some()), (None, true)),
            m => panic!("{m:?}"),
        }
        for v in [
            serde_json::json!({"kind": "fill_template", "index": "0"}),
            serde_json::json!({"kind": "import", "text": {"events": []}}),
            serde_json::json!({"kind": "dom_sent", "invitee": {"vanity": 5}}),
        ] {
            assert!(read(v).is_ok());
        }
        // Settings are read whole, or refused: never half-read into the defaults.
        for v in [
            serde_json::json!({"kind": "set_settings", "settings": {"daily_cap": "many"}}),
            serde_json::json!({"kind": "set_settings"}),
        ] {
            let e = read(v).unwrap_err();
            assert!(e.to_string().contains("set_settings"), "{e}");
        }
        let e = read(serde_json::json!({"kind": "delete_linkedin"})).unwrap_err();
        assert!(e.to_string().contains("delete_linkedin"), "{e}");
        assert!(read(serde_json::json!("dom_sent")).is_err());
        assert!(read(serde_json::json!(null)).is_err());
    }

    #[test]
    fn reading_by_kind_is_reading_the_serde_tag() {
        let derived = |v: &serde_json::Value| serde_json::from_value::<Message>(v.clone()).ok();
        let mut cases: Vec<serde_json::Value> = every_message()
            .iter()
            .map(|m| serde_json::to_value(m).unwrap())
            .collect();
        cases.extend([
            serde_json::json!({"kind": "sent_page", "lang": "en", "entries": [{"href": "/in/a/", "age_text": "Sent today"}], "complete": true, "total_text": "People (1)", "at": 5}),
            serde_json::json!({"kind": "limit_alert", "alert": "note_quota", "clicked_at": 1.5}),
            serde_json::json!({"kind": "connected", "invitee": {"urn": "ACoA1"}, "people": [{"connected_text": "x"}]}),
            serde_json::json!({"kind": "fill_template", "index": 0, "max": 200, "room": 10, "ignored": {}}),
            serde_json::json!({"kind": "import", "text": "{}"}),
            serde_json::json!({"kind": "page_signal", "signal": "connect", "at": 5}),
            serde_json::json!({"kind": "page_signal", "signal": "wave", "at": "now"}),
            serde_json::json!({"kind": "page_language", "lang": "it-IT"}),
            serde_json::json!({"kind": "page_language", "lang": ["it"]}),
            serde_json::json!({"kind": "clear_all", "extra": 1}),
            serde_json::json!({"kind": "sent_page", "entries": 3}),
            serde_json::json!({"kind": "set_settings", "settings": []}),
            serde_json::json!({"kind": "dom_sent", "at": "now"}),
            serde_json::json!({"kind": "nothing"}),
            serde_json::json!({"kind": 7}),
            serde_json::json!({}),
            serde_json::json!([1]),
        ]);
        for v in cases {
            assert_eq!(read(v.clone()).ok(), derived(&v), "{v}");
        }
    }

    #[test]
    fn page_signals_and_languages_read_field_by_field() {
        assert_eq!(
            read(serde_json::json!({"kind": "page_signal", "signal": "send", "at": 7})).unwrap(),
            Message::PageSignal(PageSignal {
                signal: Some(Signal::Send),
                at: Some(7.0)
            })
        );
        assert_eq!(
            read(serde_json::json!({"kind": "page_signal", "signal": "wave", "at": 7})).unwrap(),
            Message::PageSignal(PageSignal {
                signal: None,
                at: Some(7.0)
            }),
            "an unknown signal is none"
        );
        assert_eq!(
            read(serde_json::json!({"kind": "page_language", "lang": 5})).unwrap(),
            Message::PageLanguage(PageLanguage { lang: None })
        );
    }

    #[test]
    fn page_times_near_the_clock_only() {
        let now = 1_800_000_000_000.0;
        assert_eq!(page_time(None, now), now);
        assert_eq!(
            page_time(Some(now - 4.0 * MINUTE_MS), now),
            now - 4.0 * MINUTE_MS
        );
        assert_eq!(
            page_time(Some(now + 4.0 * MINUTE_MS), now),
            now + 4.0 * MINUTE_MS
        );
        for bad in [
            now - 5.0 * MINUTE_MS,
            now + 6.0 * MINUTE_MS,
            0.0,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(page_time(Some(bad), now), now, "{bad}");
        }
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(text(Some("  Ada  ")), Some("Ada".into()));
        assert_eq!(text(Some(" \n\t ")), None);
        assert_eq!(text(None), None);
        // Characters, not bytes: 300 two-byte letters are kept, 301 are not.
        assert!(text(Some(&"é".repeat(300))).is_some());
        assert_eq!(text(Some(&"é".repeat(301))), None);
        assert_eq!(
            text(Some(&format!("  {}  ", "x".repeat(300)))).map(|t| t.len()),
            Some(300)
        );
    }

    #[test]
    fn vanities_are_one_path_segment() {
        assert_eq!(
            vanity(Some("ada-lovelace"), Some("/in/other/")),
            Some("ada-lovelace".into())
        );
        assert_eq!(
            vanity(None, Some("/in/ada-lovelace/")),
            Some("ada-lovelace".into())
        );
        assert_eq!(
            vanity(Some("  "), Some("https://www.linkedin.com/in/ada/?x=1")),
            Some("ada".into())
        );
        for bad in ["a/b", "a?b", "a#b", "a b"] {
            assert_eq!(vanity(Some(bad), None), None, "{bad}");
        }
        assert_eq!(vanity(None, Some("/company/acme/")), None);
        assert_eq!(vanity(Some(&"x".repeat(400)), None), None);
    }

    #[test]
    fn invitees_keep_names_only_when_allowed() {
        let p = InviteeFields {
            urn: Some(" ACoA1 ".into()),
            vanity: None,
            href: Some("/in/ada/".into()),
            name: Some(" Ada ".into()),
        };
        let who = p.invitee(true);
        assert_eq!(
            (
                who.urn.as_deref(),
                who.vanity.as_deref(),
                who.name.as_deref()
            ),
            (Some("ACoA1"), Some("ada"), Some("Ada"))
        );
        assert_eq!(p.invitee(false).name, None);
        assert!(invitee(None, true).is_empty());
    }

    fn cards(n: usize) -> Vec<SentCard> {
        (0..n)
            .map(|i| SentCard {
                vanity: Some(format!("p-{i}")),
                age_text: Some("Sent today".into()),
                ..SentCard::default()
            })
            .collect()
    }

    #[test]
    fn a_sent_list_is_complete_only_when_everything_says_so() {
        let page = |entries: Vec<SentCard>, total: Option<&str>, complete: Option<bool>| SentPage {
            entries,
            total_text: total.map(str::to_string),
            complete,
            lang: Some("en".into()),
            ..SentPage::default()
        };
        let read = |p: SentPage| p.read().complete;
        assert!(read(page(cards(3), Some("People (3)"), Some(true))));
        // A total below the cards read (one withdrawn since it was drawn): still the whole list.
        assert!(read(page(cards(3), Some("People (2)"), Some(true))));
        // The page did not say so.
        assert!(!read(page(cards(3), Some("People (3)"), Some(false))));
        assert!(!read(page(cards(3), Some("People (3)"), None)));
        // LinkedIn counts more than were read: the list was not read to the end.
        assert!(!read(page(cards(3), Some("People (4)"), Some(true))));
        // No total that reads: nothing says the end was reached.
        assert!(!read(page(cards(3), None, Some(true))));
        assert!(!read(page(cards(3), Some("People (lots)"), Some(true))));
        // Cut at MAX_SENT_ENTRIES: whatever the total says.
        let long = page(cards(MAX_SENT_ENTRIES + 1), Some("People (1)"), Some(true)).read();
        assert!(!long.complete);
        assert_eq!(long.entries.len(), MAX_SENT_ENTRIES);
        // Only cards that name someone count against the total.
        let mut some = cards(2);
        some.push(SentCard {
            vanity: Some("a/b".into()),
            ..SentCard::default()
        });
        assert!(!read(page(some.clone(), Some("People (3)"), Some(true))));
        assert!(read(page(some, Some("People (2)"), Some(true))));
        assert!(read_to_the_end(true, false, Some(0), 0));
        assert!(!read_to_the_end(true, true, Some(0), 0));
    }

    #[test]
    fn a_sent_list_reads_cards_with_the_page_language() {
        let p = SentPage {
            entries: vec![
                SentCard {
                    href: Some("/in/ada/".into()),
                    name: Some("Ada".into()),
                    age_text: Some("Vor 3 Wochen gesendet".into()),
                    ..SentCard::default()
                },
                SentCard {
                    name: Some("Bo".into()),
                    age_text: Some("gibberish".into()),
                    ..SentCard::default()
                },
                SentCard::default(),
            ],
            total_text: Some("Personen (2)".into()),
            complete: Some(true),
            lang: Some("de".into()),
            ..SentPage::default()
        };
        let mut l = p.read();
        assert_eq!(l.entries.len(), 2, "the card naming nobody is left out");
        assert_eq!(l.entries[0].vanity.as_deref(), Some("ada"));
        assert_eq!(
            l.entries[0].age.map(|a| (a.min_days, a.max_days)),
            Some((21, 27))
        );
        assert_eq!(l.entries[1].age, None, "an unreadable age is still a card");
        assert_eq!(l.total, Some(2));
        assert!(l.complete);
        l.without_names();
        assert_eq!(l.entries.len(), 1);
        assert_eq!(
            (l.entries[0].vanity.as_deref(), l.entries[0].name.as_deref()),
            (Some("ada"), None)
        );
    }

    #[test]
    fn connected_people_or_the_one() {
        let one = Connected {
            invitee: Some(InviteeFields {
                vanity: Some("ada".into()),
                name: Some("Ada".into()),
                ..InviteeFields::default()
            }),
            connected_text: Some(" Connected 2 days ago ".into()),
            people: None,
            lang: None,
        };
        let p = one.people(false);
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].0.vanity.as_deref(), p[0].0.name.as_deref()),
            (Some("ada"), None)
        );
        assert_eq!(p[0].1.as_deref(), Some("Connected 2 days ago"));
        let many = Connected {
            people: Some(vec![ConnectedPerson::default(); MAX_CONNECTED + 5]),
            ..one
        };
        let p = many.people(true);
        assert_eq!(
            p.len(),
            MAX_CONNECTED,
            "the message's own invitee is not among `people`"
        );
        assert!(p.iter().all(|(who, t)| who.is_empty() && t.is_none()));
    }

    #[test]
    fn limit_alerts_by_their_whole_text() {
        let alert = |alert: Option<AlertKind>, text: Option<&str>, lang: &str| LimitAlert {
            alert,
            text: text.map(str::to_string),
            lang: Some(lang.into()),
            at: None,
            clicked_at: None,
        };
        let weekly = "You\u{2019}ve reached the weekly invitation limit";
        assert_eq!(
            alert(Some(AlertKind::NoteQuota), None, "en").alert_kind(),
            Some(AlertKind::NoteQuota)
        );
        assert_eq!(
            alert(Some(AlertKind::Weekly), None, "en").alert_kind(),
            None,
            "a claim alone"
        );
        assert_eq!(
            alert(None, Some(weekly), "en").alert_kind(),
            Some(AlertKind::Weekly)
        );
        assert_eq!(
            alert(None, Some(weekly), "tlh").alert_kind(),
            Some(AlertKind::Weekly),
            "any table"
        );
        assert_eq!(
            alert(None, Some("Ada is out of invitations"), "en").alert_kind(),
            None
        );
        let a = alert(None, None, "en");
        let at = 1_800_000_000_000.0;
        for (c, kept) in [
            (at - 1_000.0, true),
            (at - 6.0 * MINUTE_MS, false),
            (f64::NAN, false),
        ] {
            let a = LimitAlert {
                clicked_at: Some(c),
                ..a.clone()
            };
            assert_eq!(a.clicked_at(at).is_some(), kept, "{c}");
        }
    }

    fn json(a: &impl Serialize) -> serde_json::Value {
        serde_json::to_value(a).unwrap()
    }

    #[test]
    fn answers_have_the_documented_shapes() {
        use serde_json::json;
        assert_eq!(json(&answer::Done::OK), json!({"ok": true}));
        assert_eq!(
            json(&answer::Failed::new(UNKNOWN_KIND)),
            json!({"ok": false, "error": "unknown_kind"})
        );
        // What tests/e2e/invitations.mjs 37 asserts for garbage.
        assert_eq!(
            json(&answer::SentPage {
                ok: true,
                added: 0,
                accepted: 0,
                unconfirmed: 0,
                total: None
            }),
            json!({"ok": true, "added": 0, "accepted": 0, "unconfirmed": 0, "total": null})
        );
        assert_eq!(
            json(&answer::Withdrawn {
                ok: true,
                added: false
            }),
            json!({"ok": true, "added": false})
        );
        assert_eq!(
            json(&answer::Connected { ok: true, added: 0 }),
            json!({"ok": true, "added": 0})
        );
        assert_eq!(
            json(&answer::FillTemplate {
                text: None,
                unfilled: None,
                message: "m".into()
            }),
            json!({"message": "m"})
        );
        assert_eq!(
            json(&answer::Settings::with(vec![])),
            json!({"ok": true, "errors": []})
        );
        let e = answer::SettingsError::from(&crate::settings::SettingsError::TemplateNameLength(2));
        assert_eq!(e.template, Some(2));
        assert_eq!(json(&answer::Settings::with(vec![e]))["ok"], json!(false));
        let u = json(&answer::Settings::unreadable(&"why"));
        assert_eq!(u["errors"][0]["code"], "unreadable");
        assert_eq!(u["errors"][0]["message"], "Unreadable settings: why");
        assert!(u["errors"][0].get("template").is_none());
        assert_eq!(
            json(&answer::NoRoom::new(2.0, 1.0)),
            json!({"ok": false, "error": "no_room", "needed": 2.0, "free": 1.0})
        );
        assert_eq!(
            json(&answer::Import {
                ok: true,
                added: 1,
                already: 2,
                invalid: 3
            }),
            json!({"ok": true, "added": 1, "already": 2, "invalid": 3})
        );
    }
}
