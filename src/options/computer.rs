//! This computer among the member's others (issue 14): its name, which the others show beside the
//! invitations sent from here, renamed through the background (`set_device_name`, the single
//! writer); and what sync says: unavailable (the browser refused to read it, with its reason), the
//! other computers counted with, or none yet. The page reads `storage.sync` itself, because the
//! question is whether this browser lets the extension read it at all.

use crate::platform::{self, get};
use crate::ui::{self, by_id};
use invite_guard_core::message::SetDeviceName;
use invite_guard_core::sync::{self, Device, DEVICE_KEY, KEY_PREFIX};
use js_sys::Object;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, HtmlInputElement, KeyboardEvent};

fn name_field(doc: &Document) -> Result<HtmlInputElement, JsValue> {
    by_id(doc, "device-name")?.dyn_into().map_err(Into::into)
}

/// Fills the name and the sync line, and wires Rename (its button, or Enter in the field, which
/// would otherwise submit the settings form).
pub async fn wire(doc: &Document, sharing: bool) -> Result<(), JsValue> {
    let items = JsFuture::from(platform::storage_get(&DEVICE_KEY.into())).await?;
    let me = Device::read(platform::pages::to_json(&get(&items, DEVICE_KEY)).as_ref());
    let field = name_field(doc)?;
    field.set_placeholder(&platform::message("optionsDeviceUnnamed", &[]));
    field.set_value(me.as_ref().map_or("", |d| d.name.as_str()));
    ui::on_click(doc, "device-rename", {
        let d = doc.clone();
        move || spawn_local(rename(d.clone()))
    })?;
    let d = doc.clone();
    let on_key = Closure::<dyn FnMut(KeyboardEvent)>::new(move |ev: KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            spawn_local(rename(d.clone()));
        }
    });
    field.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref())?;
    on_key.forget();
    if sharing {
        show_sync(doc, me.as_ref().map(|d| sync::key_of(&d.id))).await;
    }
    Ok(())
}

/// After "Delete all data": this computer has no name any more (a new identity is made when it next
/// shares).
pub fn cleared(doc: &Document) {
    if let Ok(f) = name_field(doc) {
        f.set_value("");
    }
}

async fn rename(doc: Document) {
    let Ok(field) = name_field(&doc) else { return };
    let answer = ui::ask(&SetDeviceName {
        name: Some(field.value()),
    })
    .await;
    match answer.map(|a| get(&a, "name").as_string()) {
        Ok(Some(name)) => {
            field.set_value(&name);
            ui::say(
                &doc,
                "device-status",
                &platform::message("optionsDeviceRenamed", &[&name]),
                true,
            );
        }
        _ => ui::say(
            &doc,
            "device-status",
            &platform::message("optionsDeviceNotRenamed", &[]),
            false,
        ),
    }
}

/// The sync line: unavailable with the browser's reason, or the names of the other computers whose
/// items the background reads (`sync::name_in`), or none yet.
async fn show_sync(doc: &Document, own_key: Option<String>) {
    let text = match JsFuture::from(platform::pages::sync_get_all()).await {
        Err(e) => {
            let reason = get(&e, "message")
                .as_string()
                .or_else(|| e.as_string())
                .unwrap_or_default();
            platform::message("optionsSyncUnavailable", &[reason.trim()])
        }
        Ok(items) => {
            // In the order sync keeps them (the order they were first written).
            let names: Vec<String> = Object::keys(items.unchecked_ref::<Object>())
                .iter()
                .filter_map(|k| k.as_string())
                .filter(|k| k.starts_with(KEY_PREFIX) && Some(k) != own_key.as_ref())
                .filter_map(|k| {
                    let text = js_sys::JSON::stringify(&get(&items, &k))
                        .ok()?
                        .as_string()?;
                    sync::name_in(&k, &text)
                })
                .collect();
            if names.is_empty() {
                platform::message("optionsSyncNone", &[])
            } else {
                platform::message("optionsSyncOthers", &[&names.join(", ")])
            }
        }
    };
    if let Ok(e) = by_id(doc, "sync-state") {
        e.set_text_content(Some(&text));
        let _ = e.toggle_attribute_with_force("hidden", false);
    }
}
