//! Event ids: which may name a person, the anonymous id that replaces one when its event is
//! forgotten ("Don't keep who I invited", `privacy::forget_settled`; names off,
//! `Ledger::forget_names`), and the id of a withdrawal the page reports. Here rather than in
//! `privacy` because the ledger, the import and reconciliation all recognise a forgotten id, and
//! `privacy` itself builds on the ledger.

use crate::person::Invitee;
use crate::time::{Millis, MINUTE_MS};

/// The id a forgotten event is known by when its own named the person: this prefix and the 64-bit
/// FNV-1a hash of the old id in 16 lower-case hex digits ([`anon_id`]).
pub const ANON_PREFIX: &str = "anon:";

/// 64-bit FNV-1a over the UTF-8 bytes: small, stable across builds and platforms, and enough to
/// keep ids apart (a history holds thousands, not billions).
pub(crate) fn fnv1a64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Whether an event id may name the person. Only the API's (`api:<request>@<ms>`), the alerts'
/// (`alert:<kind>@<ms>`), an acceptance of either (`acc:` + id) and ids already anonymous are known
/// not to: the page's (`dom:<urn, vanity or name>@<ms>`), the Sent page's (`sp:<vanity>`,
/// `sp:name:<name>`), withdrawals (`wd:<person>@<ms>`) do, and an imported or hand-written id may.
pub fn is_personal_id(id: &str) -> bool {
    let mut id = id;
    while let Some(rest) = id.strip_prefix("acc:") {
        id = rest;
    }
    !(id.starts_with("api:") || id.starts_with("alert:") || id.starts_with(ANON_PREFIX))
}

/// The id that replaces a personal one when its event is forgotten: [`ANON_PREFIX`] and the FNV-1a
/// hash of the old id. The same old id always gives the same one, so a replayed observation or a
/// re-imported export that still carries the old id is recognised (`Ledger::knows`,
/// `import::preview`) instead of counted again. A hash, not a secret: whoever holds a guess of the
/// old id (`sp:<vanity>` for a vanity they suspect) can check it.
pub fn anon_id(id: &str) -> String {
    format!("{ANON_PREFIX}{:016x}", fnv1a64(id))
}

/// Whether `id`, or the id it is known by once forgotten, is in `ids`.
pub(crate) fn id_in(id: &str, contains: impl Fn(&str) -> bool) -> bool {
    contains(id) || (is_personal_id(id) && contains(&anon_id(id)))
}

/// The id of a withdrawal the page reported: `wd:` and the person (URN, else vanity, else name, as
/// `ledger::observation_id`) `@` the minute, so a repeat of the message within the same minute adds
/// nothing. `None` for an invitee naming nobody.
pub fn withdrawal_id(who: &Invitee, at: Millis) -> Option<String> {
    let key = who
        .urn
        .as_deref()
        .or(who.vanity.as_deref())
        .or(who.name.as_deref())?;
    let minute = (at / MINUTE_MS).floor() * MINUTE_MS;
    Some(format!("wd:{key}@{}", minute as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_withdrawal_is_known_by_the_person_and_the_minute() {
        let who = |urn: Option<&str>, vanity: Option<&str>, name: Option<&str>| Invitee {
            urn: urn.map(str::to_string),
            vanity: vanity.map(str::to_string),
            name: name.map(str::to_string),
        };
        let at = 1_764_259_212_345.0;
        assert_eq!(
            withdrawal_id(&who(Some("ACoA1"), Some("ada"), Some("Ada")), at).as_deref(),
            Some("wd:ACoA1@1764259200000")
        );
        assert_eq!(
            withdrawal_id(&who(None, Some("ada"), Some("Ada")), at + 40_000.0).as_deref(),
            Some("wd:ada@1764259200000"),
            "the same minute"
        );
        assert_eq!(
            withdrawal_id(&who(None, None, Some("Ada")), at + 60_000.0).as_deref(),
            Some("wd:Ada@1764259260000")
        );
        assert_eq!(withdrawal_id(&who(None, None, None), at), None);
        assert!(is_personal_id(
            &withdrawal_id(&who(None, Some("ada"), None), at).unwrap()
        ));
    }
}
