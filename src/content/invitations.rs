//! LinkedIn's own lists, read while the member has them open (issue 4): the Sent page (invitations
//! sent from any device, and those that left the list), the Connections page ("Connected …"), and
//! the member's Withdraw. It reads and reports; it never scrolls, clicks "Show more" or withdraws.
//!
//! The content script parses nothing here: it sends the texts as LinkedIn shows them with `<html
//! lang>`, and the background reads them with `core::sent_page` (docs/protocol.md §2). That keeps
//! the
//! content script small (docs/architecture.md §8) and the parsers where they are tested.

use crate::platform;
use invite_guard_core::classify::{
    is_follow_label, vanity_from_profile_href, withdraw_label, Withdraw, INVITATION_CARD_SELECTOR,
    TOPCARD_SELECTOR,
};
use invite_guard_core::ledger::Invitee;
use invite_guard_core::locale::LocaleTable;
use invite_guard_core::message::Kind;
use js_sys::Array;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// How long after a Withdraw (or Pending) click its confirm still names that person: the member
/// reads LinkedIn's dialog first.
const INTENT_MS: f64 = 5.0 * 60_000.0;
/// At most this many cards per message (the background caps it too).
const MAX_CARDS: u32 = 5_000;

#[derive(Default)]
struct Seen {
    /// The page and what was last reported from it: cards and total.
    page: String,
    cards: u32,
    total: String,
    /// The person whose Withdraw the member opened, and when.
    intent: Option<(Invitee, String, f64)>,
}

thread_local! {
    static SEEN: RefCell<Seen> = RefCell::new(Seen::default());
}

#[wasm_bindgen(module = "/src/content/page.js")]
extern "C" {
    fn list_message(kind: &str, selector: &str, totals: &Array, max: u32) -> Array;
    fn topcard_labels(card: &Element) -> JsValue;
}

/// Someone by the vanity and the name a page shows (either may be missing).
fn person(vanity: Option<String>, name: &str) -> Invitee {
    Invitee {
        urn: None,
        vanity,
        name: (!name.is_empty()).then(|| name.to_string()),
    }
}

/// A profile whose top card shows a 1st-degree connection (issue 4: an invitation to them was
/// accepted): reported once per profile visit; the background adds an acceptance only when the
/// ledger has an invitation to that person still pending.
///
/// The top card is read with every table, not only the one `<html lang>` names: a Pending, Connect
/// or Follow in any table's language means no connection, and LinkedIn's `lang` and labels can
/// disagree (docs/linkedin.md §10; an English profile served as Portuguese showed its Pending to no
/// table and was taken for a connection, its invitation for accepted). No table's bell or Message is
/// another's Connect, Pending or Follow (`core/tests/classify.rs`).
fn check_profile(doc: &Document, path: &str) {
    let table = None;
    let Some(vanity) = vanity_from_profile_href(path) else {
        return;
    };
    if SEEN.with(|s| s.borrow().page == path) {
        return;
    }
    let Some(card) = doc.query_selector(TOPCARD_SELECTOR).ok().flatten() else {
        return;
    };
    let labels = topcard_labels(&card);
    if !Array::is_array(&labels) {
        return;
    }
    let counts = super::sensor::scan(&card, table);
    let follows = Array::from(&labels)
        .iter()
        .filter_map(|l| l.as_string())
        .any(|l| is_follow_label(&l, table));
    SEEN.with(|s| s.borrow_mut().page = path.to_string());
    if counts.connect > 0 || counts.pending > 0 || follows {
        return;
    }
    let mut who = person(Some(vanity.clone()), "");
    who.urn = super::sensor::topcard_urn(doc, &vanity);
    let _ = platform::send_message(&platform::object(&[
        ("kind", Kind::Connected.name().into()),
        ("invitee", super::invitee_object(&who).into()),
        ("lang", super::sensor::page_lang(doc).into()),
    ]));
}

/// After DOM changes: on the Sent or Connections page, report the cards when more have loaded; on
/// a profile, whether it shows a connection.
pub fn check(doc: &Document) {
    let Some(loc) = doc.location() else { return };
    let path = loc.pathname().unwrap_or_default();
    let kind = if path.starts_with("/mynetwork/invitation-manager/sent") {
        Kind::SentPage.name()
    } else if path.starts_with("/mynetwork/invite-connect/connections") {
        Kind::Connected.name()
    } else {
        check_profile(doc, &path);
        return;
    };
    let totals = if kind == Kind::SentPage.name() {
        super::sensor::sent_total_texts(doc)
    } else {
        Array::new()
    };
    let read = list_message(kind, INVITATION_CARD_SELECTOR, &totals, MAX_CARDS);
    let n = read.get(0).as_f64().unwrap_or(0.0) as u32;
    let total = read.get(1).as_string().unwrap_or_default();
    let changed = SEEN.with(|s| {
        let mut s = s.borrow_mut();
        let changed = s.page != path || s.cards != n || s.total != total;
        s.page = path;
        s.cards = n;
        s.total = total;
        changed
    });
    if !changed || n == 0 {
        return;
    }
    let msg = read.get(2);
    platform::set(&msg, "lang", &super::sensor::page_lang(doc).into());
    platform::set(&msg, "at", &js_sys::Date::now().into());
    let _ = platform::send_message(&msg);
}

#[wasm_bindgen(module = "/src/content/page.js")]
extern "C" {
    fn profile_link_named(card_selector: &str, top_selector: &str, name: &str) -> Option<String>;
}

/// The vanity of the person called `name` on this page, if one card (or the top card) shows them.
fn vanity_named(name: &str) -> Option<String> {
    profile_link_named(INVITATION_CARD_SELECTOR, TOPCARD_SELECTOR, name)
        .as_deref()
        .and_then(vanity_from_profile_href)
}

/// A click anywhere: a Withdraw (or Pending) control opens the withdraw flow for someone; the
/// confirm button of LinkedIn's "Withdraw invitation?" dialog ends it, and is reported.
pub fn on_click(target: &Element, table: Option<&'static LocaleTable>) {
    let Some(ctl) = target
        .closest("button,a,[role=button],[role=menuitem]")
        .ok()
        .flatten()
    else {
        return;
    };
    let Some(label) = ctl.get_attribute("aria-label") else {
        return;
    };
    let now = js_sys::Date::now();
    match withdraw_label(&label, table) {
        Some(Withdraw::Intent(name)) => {
            // The profile link of the card (Sent page) or the Pending anchor's own href (profile).
            let href = ctl.get_attribute("href").or_else(|| {
                ctl.closest(INVITATION_CARD_SELECTOR)
                    .ok()
                    .flatten()
                    .and_then(|c| c.query_selector("a[href*=\"/in/\"]").ok().flatten())
                    .and_then(|a| a.get_attribute("href"))
            });
            let vanity = href.as_deref().and_then(vanity_from_profile_href);
            let who = person(vanity, &name);
            SEEN.with(|s| s.borrow_mut().intent = Some((who, name, now)));
        }
        Some(Withdraw::Confirmed(name)) => {
            let intent = SEEN.with(|s| s.borrow_mut().intent.take());
            let who = match intent {
                Some((who, n, at)) if now - at < INTENT_MS && n == name => who,
                // The Withdraw click was not seen (the script started after it): the person's card,
                // still on the page while its confirm is clicked, or the profile being viewed.
                _ => person(vanity_named(&name), &name),
            };
            platform::content::send_report(
                &platform::object(&[
                    ("kind", Kind::Withdrawn.name().into()),
                    ("invitee", super::invitee_object(&who).into()),
                    ("at", now.into()),
                ])
                .into(),
            );
        }
        None => {}
    }
}
