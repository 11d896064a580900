//! Who an event is about, and when two descriptions are the same person.
//!
//! A person reaches the extension through several signals, each knowing part of them: the invitation
//! API call the URN alone, the page's Connect control the vanity and the name, LinkedIn's lists the
//! vanity (as a link) and the name as shown. Two rules compare them, for two different questions:
//!
//! | rule | question | compares |
//! |---|---|---|
//! | [`Invitee::same_stable_key`] | the ledger: is this page signal an invitation it already holds? | URN or vanity, exactly as given; never names |
//! | [`likely_same_person`] ([`PersonKey::likely_same`]) | reconciliation, outcomes, the re-invite cooldown, the guard at Connect: is this card, acceptance or withdrawal about that invitation's person? | URN, vanity without ASCII case, else the [`normalize`]d name; a different vanity is never the same person |
//!
//! The ledger's rule is the strict one because a wrong match there merges two sends into one and
//! drops a send from the count (two people called Jane Doe invited the same week are two
//! invitations). The looser one reads what LinkedIn's pages show, where a vanity's case and a name's
//! spacing vary and a card may carry a name only.
//!
//! [`Invitee::keys_agree`] is not an identity rule: the ledger ties a page signal to the API call of
//! the same tab and second only when nothing they both know contradicts it.

use crate::locale::normalize;
use serde::{Deserialize, Serialize};

/// A person as an event records them; every field is optional (docs/protocol.md §1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitee {
    /// The profile URN id (`ACoAA…`), as in the API body and the top card's `componentkey`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urn: Option<String>,
    /// The `/in/<vanity>/` slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vanity: Option<String>,
    /// The display name, kept only when the member allows storing names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Invitee {
    pub fn is_empty(&self) -> bool {
        self.urn.is_none() && self.vanity.is_none() && self.name.is_none()
    }

    /// The ledger's identity rule: both have the same URN, or the same vanity, compared exactly.
    /// Stricter than [`likely_same_person`]: no names, no case folding.
    pub fn same_stable_key(&self, other: &Invitee) -> bool {
        matches!((&self.urn, &other.urn), (Some(a), Some(b)) if a == b)
            || matches!((&self.vanity, &other.vanity), (Some(a), Some(b)) if a == b)
    }

    /// Whether the two may describe one person: neither their URNs nor their vanities differ where
    /// both have one (exactly compared; names are not looked at). Two descriptions sharing nothing
    /// agree.
    pub fn keys_agree(&self, other: &Invitee) -> bool {
        fn ok(a: &Option<String>, b: &Option<String>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
        }
        ok(&self.urn, &other.urn) && ok(&self.vanity, &other.vanity)
    }

    /// Fills the fields this description lacks from `other` (another signal of the same send).
    pub fn fill_from(&mut self, other: &Invitee) {
        if self.urn.is_none() {
            self.urn.clone_from(&other.urn);
        }
        if self.vanity.is_none() {
            self.vanity.clone_from(&other.vanity);
        }
        if self.name.is_none() {
            self.name.clone_from(&other.name);
        }
    }
}

/// An invitee in comparable form, computed once when many are matched against many: the vanity
/// without ASCII case, the name [`normalize`]d; blank fields dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonKey {
    pub urn: Option<String>,
    pub vanity: Option<String>,
    pub name: Option<String>,
}

impl PersonKey {
    pub fn of(who: &Invitee) -> PersonKey {
        let keep = |s: &Option<String>, f: fn(&str) -> String| {
            s.as_deref().map(f).filter(|s| !s.trim().is_empty())
        };
        PersonKey {
            urn: keep(&who.urn, str::to_string),
            vanity: keep(&who.vanity, str::to_ascii_lowercase),
            name: keep(&who.name, normalize),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.urn.is_none() && self.vanity.is_none() && self.name.is_none()
    }

    /// The rule of [`likely_same_person`], on keys already computed. It never holds for two keys
    /// that share no URN, vanity or name (`health::outcomes` indexes by them for that reason).
    pub fn likely_same(&self, other: &PersonKey) -> bool {
        if self.urn.is_some() && self.urn == other.urn {
            return true;
        }
        if self.vanity.is_some() && other.vanity.is_some() {
            return self.vanity == other.vanity;
        }
        if self.urn.is_some() && other.urn.is_some() {
            return false;
        }
        self.name.is_some() && self.name == other.name
    }
}

/// Whether two descriptions name the same person, as LinkedIn's pages show people: by profile URN,
/// or by vanity when both sides have one (compared without ASCII case), else by display name when
/// neither has a key to compare. A different vanity is never the same person, whatever the names
/// say. Looser than the ledger's [`Invitee::same_stable_key`].
pub fn likely_same_person(a: &Invitee, b: &Invitee) -> bool {
    PersonKey::of(a).likely_same(&PersonKey::of(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(urn: Option<&str>, vanity: Option<&str>, name: Option<&str>) -> Invitee {
        Invitee {
            urn: urn.map(str::to_string),
            vanity: vanity.map(str::to_string),
            name: name.map(str::to_string),
        }
    }

    #[test]
    fn likely_same_person_rules() {
        let a = who(Some("ACoA1"), Some("jane-doe"), Some("Jane Doe"));
        assert!(likely_same_person(&a, &who(Some("ACoA1"), None, None)));
        assert!(likely_same_person(&a, &who(None, Some("Jane-Doe"), None)));
        assert!(likely_same_person(&a, &who(None, None, Some("jane  doe"))));
        // A different vanity is someone else, even with the same name.
        assert!(!likely_same_person(
            &a,
            &who(None, Some("jane-doe-2"), Some("Jane Doe"))
        ));
        // Different URNs and nothing else to compare.
        assert!(!likely_same_person(
            &who(Some("ACoA1"), None, Some("X")),
            &who(Some("ACoA2"), None, Some("X"))
        ));
        assert!(!likely_same_person(
            &who(None, None, None),
            &who(None, None, None)
        ));
        assert!(!likely_same_person(
            &who(None, None, Some(" ")),
            &who(None, None, Some(""))
        ));
    }

    #[test]
    fn the_ledger_rule_is_exact_and_ignores_names() {
        let a = who(Some("ACoA1"), Some("jane-doe"), Some("Jane Doe"));
        assert!(a.same_stable_key(&who(Some("ACoA1"), None, None)));
        assert!(a.same_stable_key(&who(None, Some("jane-doe"), None)));
        // Where the looser rule says yes, the ledger's says no: another case, a name alone.
        for b in [
            who(None, Some("Jane-Doe"), None),
            who(None, None, Some("Jane Doe")),
        ] {
            assert!(likely_same_person(&a, &b), "{b:?}");
            assert!(!a.same_stable_key(&b), "{b:?}");
        }
        // One key in common is enough, even when the other differs.
        assert!(a.same_stable_key(&who(Some("ACoA1"), Some("someone-else"), None)));
        assert!(!who(None, None, None).same_stable_key(&who(None, None, None)));
    }

    #[test]
    fn keys_agree_unless_one_differs() {
        let a = who(Some("ACoA1"), Some("jane-doe"), Some("Jane Doe"));
        assert!(a.keys_agree(&who(None, None, None)));
        assert!(a.keys_agree(&who(Some("ACoA1"), None, Some("Someone Else"))));
        assert!(!a.keys_agree(&who(Some("ACoA2"), None, None)));
        assert!(!a.keys_agree(&who(None, Some("Jane-Doe"), None)));
    }

    #[test]
    fn fill_from_keeps_what_is_known() {
        let mut a = who(Some("ACoA1"), None, None);
        a.fill_from(&who(Some("ACoA2"), Some("jane-doe"), Some("Jane")));
        assert_eq!(a, who(Some("ACoA1"), Some("jane-doe"), Some("Jane")));
    }
}
