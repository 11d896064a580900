//! Privacy the member controls: names off everywhere, a retention period, and "Don't keep who I
//! invited".
//!
//! Everything here is pure; the background reads and writes storage (README "Storage layout").

use crate::stored::NAME_INDEX;
use serde_json::Value;

/// A raw stored item without the invitee's name, for names off: the quarantine keeps items this
/// version could not read (`schema::QUARANTINE_KEY`), and a name in one is still a name kept.
///
/// - The array form (schema v2, `stored.rs`): index [`NAME_INDEX`] becomes `null`, whatever else
///   is wrong with the item (that is why it is in the quarantine).
/// - The object form (schema v1, an export's event, a hand edit): `invitee.name` is removed (v1
///   leaves absent fields out).
///
/// Everything else in the item, and any other value, is returned unchanged: the quarantine's
/// promise is that nothing else is lost.
pub fn raw_without_name(mut item: Value) -> Value {
    match &mut item {
        Value::Array(a) if a.len() > NAME_INDEX => a[NAME_INDEX] = Value::Null,
        Value::Object(o) => {
            if let Some(Value::Object(invitee)) = o.get_mut("invitee") {
                invitee.remove("name");
            }
        }
        _ => {}
    }
    item
}
