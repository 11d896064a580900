//! The diagnostic the member can copy or save from the options page's "Report a problem" section
//! (issue 12 part 3; docs/protocol.md §4): what the extension is, what it sees in the LinkedIn tab
//! (how many elements each of core's selectors and each locale table's entries match, the page's
//! generation), what the sensor decided lately, which senses saw the last sends, and the
//! self-check's states.
//!
//! It is built in the browser and never sent anywhere. Nothing in it names a person: the facts the
//! content script hands over are raw (names in aria-labels, vanities in links, member URNs), and
//! everything from the page or the history goes through the scrubbers here before it is written:
//! - an aria-label with one of the tables' shapes around a name keeps the shape, the name becomes
//!   `<name>` ([`scrub_label`]);
//! - a link keeps LinkedIn's route words; a vanity becomes `<vanity>`, a URN `<urn>`, every other
//!   part a length placeholder ([`scrub_href`]);
//! - any other text keeps the tables' own words and short numbers; every other word becomes its
//!   length, `<5>` ([`scrub_text`]).
//!
//! The report is in English whatever the UI language: it is written for the maintainers.
//!
//! Its parts: [`probes`] (what the content script is asked to count, and the page's generation),
//! [`scrub`] (the placeholders), [`report`] (the text).

mod probes;
mod report;
mod scrub;
#[cfg(test)]
mod tests;

pub use probes::{counts, probes, request, Count, Generation, Probe, Section};
pub use report::{Report, Tab};
pub use scrub::{browser_of, scrub_href, scrub_label, scrub_text};

/// Sends the report lists at most.
pub const MAX_SENDS: usize = 20;

/// Where the self-check's states are (issue 12 parts 1–2): the field `self_check` of the `guard`
/// key, which the background writes: `{}` while no state holds, else one entry per state
/// (`guard_blind`, `counter_blind`, `language`) with its start. The report shows "not available"
/// while the field is absent (a version without the self-check).
pub const SELF_CHECK_FIELD: &str = "self_check";
