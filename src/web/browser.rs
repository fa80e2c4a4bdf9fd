//! Browser facts and storage: today's date in CST, random keys, draft persistence.

use chrono::NaiveDate;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

use super::js::BrowserJson;
use crate::draft::SavedDraft;
use crate::options::{DraftStorage, WidgetOptions};

/// Today's calendar date in China Standard Time from the browser clock.
pub fn today_in_china() -> NaiveDate {
    crate::dates::china_time_from_unix_ms(js_sys::Date::now() as i64).date()
}

/// 128 random bits as hex, from `crypto.getRandomValues`.
pub fn random_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn storage(kind: DraftStorage) -> Option<Storage> {
    let window = web_sys::window()?;
    match kind {
        DraftStorage::Local => window.local_storage().ok().flatten(),
        DraftStorage::Session => window.session_storage().ok().flatten(),
        DraftStorage::None => None,
    }
}

/// The saved draft, if storage holds one that reads as a filing. A draft that no longer
/// parses is left in place (under its key) rather than deleted; an expired one is deleted
/// and returned flagged, without being offered.
pub fn load_draft(options: &WidgetOptions) -> Option<SavedDraft> {
    let store = storage(options.storage)?;
    let draft = read_draft(&store, &options.draft_key)?;
    if draft.expired {
        let _ = store.remove_item(&options.draft_key);
    }
    Some(draft)
}

fn read_draft(store: &Storage, key: &str) -> Option<SavedDraft> {
    let text = store.get_item(key).ok().flatten()?;
    crate::draft::decode(&text, now_in_china(), &BrowserJson)
}

/// Every key in local and session storage whose value is a draft this widget wrote, with
/// whether it has expired.
fn widget_drafts() -> Vec<(Storage, String, bool)> {
    let now = now_in_china();
    let mut found = Vec::new();
    for kind in [DraftStorage::Local, DraftStorage::Session] {
        let Some(store) = storage(kind) else {
            continue;
        };
        let count = store.length().unwrap_or(0);
        let keys: Vec<String> = (0..count)
            .filter_map(|i| store.key(i).ok().flatten())
            .collect();
        for key in keys {
            let Some(text) = store.get_item(&key).ok().flatten() else {
                continue;
            };
            if let Some(expired) = crate::draft::widget_draft_expired(&text, now, &BrowserJson) {
                found.push((store.clone(), key, expired));
            }
        }
    }
    found
}

/// Deletes expired drafts under any key (other accounts' `draftKey`s included).
pub fn delete_expired_drafts() {
    for (store, key, _) in widget_drafts().into_iter().filter(|(.., e)| *e) {
        let _ = store.remove_item(&key);
    }
}

/// Deletes every draft this widget wrote, under any key; returns how many.
pub fn delete_all_drafts() -> u32 {
    let mut removed = 0;
    for (store, key, _) in widget_drafts() {
        if store.remove_item(&key).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Writes an encoded draft; whether it was written. Storage being full or disabled is not an
/// error for the filer.
pub fn save_draft_text(options: &WidgetOptions, text: &str) -> bool {
    storage(options.storage).is_some_and(|s| s.set_item(&options.draft_key, text).is_ok())
}

/// Where a tab keeps its own draft while the shared local key holds a filing another tab sent
/// (see `Autosave::save`): this tab's session storage, which a reload here reads back and no
/// other tab sees. Only for `storage: "local"`, the one storage other tabs share.
fn aside_slot(options: &WidgetOptions) -> Option<(Storage, String)> {
    if options.storage != DraftStorage::Local {
        return None;
    }
    let key = format!("{}#aside", options.draft_key);
    Some((storage(DraftStorage::Session)?, key))
}

/// Writes this tab's own draft aside; whether it was written.
pub fn save_aside_text(options: &WidgetOptions, text: &str) -> bool {
    aside_slot(options).is_some_and(|(store, key)| store.set_item(&key, text).is_ok())
}

/// This tab's own draft kept aside, if one is there and neither expired nor sent.
pub fn load_aside(options: &WidgetOptions) -> Option<SavedDraft> {
    let (store, key) = aside_slot(options)?;
    read_draft(&store, &key).filter(|saved| !saved.expired && saved.submitted.is_none())
}

/// Writes the draft kept aside back under the draft key, and forgets it.
pub fn restore_aside(options: &WidgetOptions) {
    let aside = aside_slot(options).and_then(|(store, key)| store.get_item(&key).ok().flatten());
    if let Some(text) = aside {
        save_draft_text(options, &text);
    }
    clear_aside(options);
}

/// Forgets the draft kept aside: the filer chose between it and the sent filing.
pub fn clear_aside(options: &WidgetOptions) {
    if let Some((store, key)) = aside_slot(options) {
        let _ = store.remove_item(&key);
    }
}

/// Removes the saved draft (a new filing is started, or the host resets the widget).
pub fn clear_draft(options: &WidgetOptions) {
    if let Some(s) = storage(options.storage) {
        let _ = s.remove_item(&options.draft_key);
    }
}

/// Moves keyboard focus to the element with `id`; `false` when there is none.
///
/// A control near an edge of the window (or outside it) is scrolled to the window's middle,
/// so that its label and messages above it, and its hint below, are in view too.
pub fn focus_by_id(id: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(document) = window.document() else {
        return false;
    };
    let Some(el) = document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    // A disabled control takes no focus (a date while 长期有效 is ticked): say so, so the
    // caller can try another.
    if el.focus().is_err() || !document.active_element().is_some_and(|a| &a == el.as_ref()) {
        return false;
    }
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = el.get_bounding_client_rect();
    if rect.top() < height * 0.15 || rect.bottom() > height * 0.85 {
        // Scrolls every container on the way (a console's own scrolling content area too).
        let centre = web_sys::ScrollIntoViewOptions::new();
        centre.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&centre);
    }
    true
}

/// Sets the text of the element with `id` (a status region the render leaves empty).
pub fn set_text_by_id(id: &str, text: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.set_text_content(Some(text));
    }
}

/// Moves keyboard focus to the heading with `id`, first scrolling it to the top of the
/// window when it is above the window or below its top third.
pub fn focus_heading(id: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(el) = window
        .document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let top = el.get_bounding_client_rect().top();
    if top < 0.0 || top > height / 3.0 {
        el.scroll_into_view_with_bool(true);
    }
    let _ = el.focus();
}

/// The wall clock in China Standard Time.
pub fn now_in_china() -> chrono::NaiveDateTime {
    crate::dates::china_time_from_unix_ms(js_sys::Date::now() as i64)
}

/// GETs `url` as text; `None` on any failure.
pub async fn fetch_text(url: &str) -> Option<String> {
    fetch_text_or_status(url).await.ok()
}

/// [`fetch_text`], telling an HTTP answer that is not 2xx (its status) from no answer
/// (`Err(None)`).
pub async fn fetch_text_or_status(url: &str) -> Result<String, Option<u16>> {
    let window = web_sys::window().ok_or(None)?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
        .ok_or(None)?;
    if !response.ok() {
        return Err(Some(response.status()));
    }
    wasm_bindgen_futures::JsFuture::from(response.text().map_err(|_| None)?)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(None)
}

/// A thrown JS value in words (`Error.message`, or its JSON).
pub fn describe(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value
        .as_string()
        .or_else(|| {
            js_sys::JSON::stringify(value)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Widths at or below which the widget lays itself out for a narrow space (one column, the
/// estimate folded) and a compact one (a phone's): the stylesheet's `icpf-narrow` and
/// `icpf-compact`.
const NARROW_PX: i32 = 860;
const COMPACT_PX: i32 = 600;

/// Keeps the root's `icpf-narrow` / `icpf-compact` classes in step with its own width, so a
/// widget in a console's side panel on a wide screen is laid out as on a phone. Stops when
/// dropped.
pub struct WidthClasses {
    observer: web_sys::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl WidthClasses {
    pub fn watch(root: &web_sys::Element) -> Option<Self> {
        let target = root.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let width = target.client_width();
            let class = match width {
                // Not laid out (detached, display: none): as it was.
                0 => return,
                w if w <= COMPACT_PX => "icpf-root icpf-narrow icpf-compact",
                w if w <= NARROW_PX => "icpf-root icpf-narrow",
                _ => "icpf-root",
            };
            if target.class_name() != class {
                target.set_class_name(class);
            }
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(root);
        Some(Self {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for WidthClasses {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
