//! Event ids that may name a person, and the anonymous id that replaces one when its event is
//! forgotten ("Don't keep who I invited", `privacy::forget_settled`; names off,
//! `Ledger::forget_names`). Here rather than in `privacy` because the ledger, the import and
//! reconciliation all recognise a forgotten id, and `privacy` itself builds on the ledger.

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
