//! The boundary to the host page (wasm32 only): the JS API, options, HTTP, storage.
//!
//! This is the only code that touches `JsValue`, the network or browser storage. The UI in
//! [`ui`] renders [`crate::form::FormState`]; everything it decides comes from the core.

mod api;
mod browser;
mod submit;
pub mod ui;

use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AppHandle;

use crate::options::{parse_options, WidgetOptions};
use ui::{App, AppProps};

static NEXT_INSTANCE: AtomicU32 = AtomicU32::new(1);

/// A mounted widget. `destroy()` removes everything the widget added to the page.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<App>>,
    root: Option<Element>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and removes its DOM. Calling it twice is harmless.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        if let Some(root) = self.root.take() {
            root.remove();
        }
    }
}

/// Mounts the filing widget into `target` (an `Element` or a CSS selector).
///
/// `options`: `{ endpoint, locale, storage: "local" | "session" | "none", draftKey, today }`.
/// Unknown or mistyped options are logged to the console once each; the widget still renders.
///
/// # Errors
/// When `target` is neither an element nor a selector that matches one.
#[wasm_bindgen]
pub fn mount(target: JsValue, options: JsValue) -> Result<WidgetHandle, JsError> {
    let host = resolve_target(&target)?;
    let (options, problems) = parse_options(&browser::to_json(&options));
    for problem in problems {
        web_sys::console::error_1(&format!("icp-filing: {problem}").into());
    }
    let document = host
        .owner_document()
        .ok_or_else(|| JsError::new("icp-filing: the target element is not in a document"))?;
    let root = document
        .create_element("div")
        .map_err(|_| JsError::new("icp-filing: cannot create the widget root"))?;
    root.set_class_name("icpf-root");
    host.append_child(&root)
        .map_err(|_| JsError::new("icp-filing: cannot attach the widget to the target"))?;

    let instance = NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed);
    let restored = browser::load_draft(&options).map(Rc::new);
    let now = browser::now_in_china();
    let today = options.today.unwrap_or(now.date());
    let mut options = options;
    if options.regions_url.is_empty() {
        options.regions_url = default_regions_url();
    }
    let props = AppProps {
        options: Rc::new(options),
        id_prefix: format!("icpf{instance}"),
        today,
        now: today.and_time(now.time()),
        restored,
    };
    let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    Ok(WidgetHandle {
        app: Some(app),
        root: Some(root),
    })
}

// wasm-bindgen places inline snippets in `snippets/<crate>/inline0.js` next to the glue,
// so the package root is two directories up from the snippet's own URL.
#[wasm_bindgen(inline_js = "export function moduleUrl() { return import.meta.url; }")]
extern "C" {
    #[wasm_bindgen(js_name = moduleUrl)]
    fn module_url() -> String;
}

/// `icp-filing-regions.json` in the package directory the widget was loaded from.
fn default_regions_url() -> String {
    web_sys::Url::new_with_base("../../icp-filing-regions.json", &module_url())
        .map(|u| u.href())
        .unwrap_or_else(|_| "icp-filing-regions.json".to_owned())
}

/// The version of the shared rules compiled into this build.
#[wasm_bindgen(js_name = rulesetVersion)]
pub fn ruleset_version() -> String {
    crate::RULESET_VERSION.to_owned()
}

fn resolve_target(target: &JsValue) -> Result<Element, JsError> {
    if let Some(selector) = target.as_string() {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("icp-filing: no document"))?;
        return document
            .query_selector(&selector)
            .ok()
            .flatten()
            .ok_or_else(|| JsError::new(&format!("icp-filing: no element matches {selector:?}")));
    }
    target
        .dyn_ref::<Element>()
        .cloned()
        .ok_or_else(|| JsError::new("icp-filing: mount() needs an Element or a CSS selector"))
}

/// Options as the UI receives them.
pub type SharedOptions = Rc<WidgetOptions>;
