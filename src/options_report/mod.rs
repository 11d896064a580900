//! "Report a problem" on the options page (`options.html#report`): the diagnostic to build, copy or
//! save (`report`). A Wasm module of its own (docs/architecture.md §1.1), loaded by `options.js` only
//! when the member asks for a report (the Build button, or the page opened at `#report` from the
//! popup's self-check line): most visits never need it.

mod report;

use crate::ui;
use wasm_bindgen::prelude::*;

/// Wires the report section and builds the report at once (the member has just asked for it).
#[wasm_bindgen]
pub fn options_report_main() -> Result<(), JsValue> {
    let doc = ui::document()?;
    report::wire(&doc)
}
