//! The boundary to the host page (wasm32 only): the JS API, options, HTTP, storage, events.
//!
//! This is the only code that touches `JsValue`, the network or browser storage. The UI in
//! [`ui`] renders [`crate::form::FormState`]; everything it decides comes from the core.

mod api;
pub(crate) mod bridge;
mod browser;
pub(crate) mod js;
mod registrar;
mod submit;
mod types;
pub mod ui;

use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AppHandle;

use crate::calendar::HolidayCalendar;
use crate::draft::SavedDraft;
use crate::model::Filing;
use crate::options::{parse_options, parse_options_naming_refused, WidgetOptions};
use crate::ruledata::RuleData;
use crate::rules::{validate, RuleContext};
use crate::timeline::{estimate, EstimateInput};
use bridge::{Bridge, BridgeRef, Command, Setup};
use ui::{App, AppProps};

static NEXT_INSTANCE: AtomicU32 = AtomicU32::new(1);

thread_local! {
    /// Live widgets, so a Rust panic can show its error state in each of them.
    static LIVE: std::cell::RefCell<Vec<std::rc::Weak<Bridge>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A mounted widget. `destroy()` removes everything the widget added to the page.
#[wasm_bindgen]
pub struct WidgetHandle {
    /// `None` once destroyed: the JS object may live on until it is garbage collected, but
    /// what the widget held is released at once.
    mounted: Option<Mounted>,
    bridge: Rc<Bridge>,
}

/// What a mounted widget holds between `mount()` and `destroy()`.
struct Mounted {
    app: AppHandle<App>,
    root: Element,
    /// The options as given (JSON), merged by `update()`.
    raw: Value,
    props: AppProps,
    /// The root's width classes, kept while mounted.
    _width: Option<browser::WidthClasses>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Merges `partial` into the options and re-renders (locale, endpoint, headers, …). New
    /// `rules` (with the review policy compiled into them) or `calendar` apply at once: the
    /// form re-validates and the estimate is redone.
    /// Options that shape the filing itself (`filing`, `defaults`, `storage`, `draftKey`)
    /// apply to the next filing the widget starts.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Partial<MountOptions>")] partial: JsValue,
    ) {
        if self.destroyed("update") {
            return;
        }
        let Some(m) = &mut self.mounted else {
            return;
        };
        let mut changes = match js::to_json(&partial) {
            changes @ Value::Object(_) => changes,
            Value::Null => return,
            _ => {
                web_sys::console::error_1(
                    &"icp-filing: update() takes an object of the options to change; nothing changed".into(),
                );
                return;
            }
        };
        // `null` or `undefined` for an option sets it back to its default (a React prop
        // removed, a header no longer wanted).
        let cleared: Vec<String> = js_sys::Object::keys(partial.unchecked_ref::<js_sys::Object>())
            .iter()
            .filter_map(|key| key.as_string())
            .filter(|key| {
                js_sys::Reflect::get(&partial, &key.into())
                    .is_ok_and(|v| v.is_null() || v.is_undefined())
            })
            .collect();
        for key in &cleared {
            if let (Value::Object(raw), Value::Object(changed)) = (&mut m.raw, &mut changes) {
                raw.insert(key.clone(), Value::Null);
                changed.insert(key.clone(), Value::Null);
            }
            match key.as_str() {
                "getHeaders" => self.bridge.delivery.get_headers.borrow_mut().take(),
                "lookupDomain" => self.bridge.domains.lookup.borrow_mut().take(),
                "fetchPage" => self.bridge.fetch_page.borrow_mut().take(),
                _ => None,
            };
        }
        // A value the options reader refuses leaves the working one in place; its message,
        // logged with the others, says so. The options read part by part (theme properties,
        // headers, defaults) merge as before: the reader skips only their bad parts.
        let (_, problems, mut refused) = parse_options_naming_refused(&changes);
        refused.retain(|key| !["appearance", "headers", "defaults"].contains(&key.as_str()));
        let problems = problems
            .into_iter()
            .map(|p| format!("{p}; the previous value stays in effect"))
            .collect();
        if let (Value::Object(raw), Value::Object(changed)) = (&mut m.raw, &changes) {
            for (key, value) in changed {
                if refused.contains(key) {
                    continue;
                }
                match (raw.get_mut(key), value) {
                    // Theme properties merge one by one; `null` unsets one (the options
                    // reader skips it).
                    (Some(Value::Object(theme)), Value::Object(more)) if key == "appearance" => {
                        theme.extend(more.clone());
                    }
                    _ => {
                        raw.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        let options = checked_options(
            &m.raw,
            Some(problems),
            &partial,
            &self.bridge,
            m.props.options.filing.clone(),
        );
        // New rules (with their review policy) or a calendar: the form re-validates and
        // re-estimates.
        let changes_setup = ["rules", "calendar"]
            .iter()
            .any(|key| js_sys::Reflect::has(&partial, &(*key).into()).unwrap_or(false));
        if changes_setup {
            let setup = Rc::new(setup_from(&options));
            self.bridge.set_setup(setup.clone());
            m.props.setup = setup;
        }
        // A new `today` moves the rules' day and the estimate's start (the time of day stays).
        if js_sys::Reflect::has(&partial, &"today".into()).unwrap_or(false) {
            let now = browser::now_in_china();
            m.props.today = options.today.unwrap_or(now.date());
            m.props.now = m.props.today.and_time(now.time());
        }
        apply_appearance(&m.root, &m.props.options.appearance, &options.appearance);
        m.props.options = Rc::new(with_default_regions(options));
        // A command sent in the same task (`update({defaults}); reset()`) runs with these
        // options: after the render they cause, or in the next task if they cause none.
        self.bridge.commands.hold_until_render();
        m.app.update(m.props.clone());
        let bridge = self.bridge.clone();
        wasm_bindgen_futures::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            bridge.commands.run_queued();
        });
    }

    /// The filing as typed so far (the contract's JSON shape).
    #[wasm_bindgen(js_name = getFiling, unchecked_return_type = "Filing")]
    pub fn get_filing(&self) -> JsValue {
        js::to_js(&self.bridge.commands.latest())
    }

    /// The receipt of the filing the widget follows, once it was accepted (also after a
    /// reload that reopened its progress); `null` while the filing is a draft.
    #[wasm_bindgen(js_name = getReceipt, unchecked_return_type = "Receipt | null")]
    pub fn get_receipt(&self) -> JsValue {
        self.bridge
            .commands
            .receipt()
            .map_or(JsValue::NULL, |r| js::to_js(&r))
    }

    /// Replaces the filing in the form (e.g. data the console already knows).
    ///
    /// # Errors
    /// When `filing` is not a filing object.
    #[wasm_bindgen(js_name = setFiling)]
    pub fn set_filing(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Filing")] filing: JsValue,
    ) -> Result<(), JsError> {
        if self.destroyed("setFiling") {
            return Ok(());
        }
        let filing = js::filing_from_js(filing).map_err(|e| {
            let e = crate::delivery::mask_identifiers(&e);
            JsError::new(&format!("icp-filing: not a filing: {e}"))
        })?;
        // What the form will hold (an individual's principal is the filer), so getFiling()
        // and validate() answer for the filing that submit() sends.
        let filing = crate::form::FormState::new(filing).draft;
        self.bridge.command(Command::SetFiling(Box::new(filing)));
        Ok(())
    }

    /// The shared rules' report on the current filing.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn validate(&self) -> JsValue {
        let (locale, today) = match &self.mounted {
            Some(m) => (m.props.options.locale, m.props.today),
            None => (Default::default(), browser::now_in_china().date()),
        };
        let setup = self.bridge.setup();
        let ctx = RuleContext::new(today)
            .with_locale(locale)
            .with_data(setup.rules());
        js::to_js(&validate(&self.bridge.commands.latest(), &ctx))
    }

    /// The review-time estimate for the current filing type and province, or `null` until
    /// both are chosen.
    #[wasm_bindgen(unchecked_return_type = "Estimate | null")]
    pub fn estimate(&self) -> JsValue {
        let filing = self.bridge.commands.latest();
        let setup = self.bridge.setup();
        // The widget's own estimate counts from the mounted `today`, as this one does.
        let now = browser::now_in_china();
        let at = match self.mounted.as_ref().and_then(|m| m.props.options.today) {
            Some(day) => day.and_time(now.time()),
            None => now,
        };
        let Some(input) = EstimateInput::for_filing(&filing, at) else {
            return JsValue::NULL;
        };
        match estimate(&input, setup.policy(), setup.calendar()) {
            Ok(e) => js::to_js(&e),
            Err(_) => JsValue::NULL,
        }
    }

    /// Validates and, when the rules pass, sends the filing. Resolves to the receipt
    /// (`{id, receivedAt}`), without sending again once the filing was accepted; rejects with an `IcpFilingError` whose `code` is `invalid`
    /// (with `report`), `rejected` (the endpoint's 422, with `report`), `network`, `timeout`,
    /// `http` (with `status`), `response`, `headers`, `config` or `destroyed`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Receipt>")]
    pub fn submit(&self) -> js_sys::Promise {
        let bridge = self.bridge.clone();
        js_sys::Promise::new(&mut |resolve, reject| {
            bridge.delivery.add_waiter(resolve, reject);
            if !bridge.command(Command::Submit) {
                bridge.delivery.reject_waiters(&bridge::error_value(
                    "destroyed",
                    "icp-filing: the widget is not mounted",
                    &[],
                ));
            }
        })
    }

    /// Asks the status endpoint now for the submitted filing's review (e.g. when the host
    /// learns that the review moved), instead of at the next poll.
    #[wasm_bindgen(js_name = refreshStatus)]
    pub fn refresh_status(&self) {
        if !self.destroyed("refreshStatus") {
            self.bridge.status_wake.set(true);
        }
    }

    /// Clears the draft and starts a new filing.
    pub fn reset(&self) {
        if !self.destroyed("reset") && self.bridge.command(Command::Reset) {
            // What getFiling(), validate() and getReceipt() answer at once, before the
            // render (which may wait for options an update() just gave).
            if let Some(m) = &self.mounted {
                self.bridge
                    .commands
                    .expect_new_filing(&ui::seed_filing(&m.props.options));
            }
        }
    }

    /// Calls `handler(detail)` on every event of `type` (see the README for the types).
    ///
    /// # Errors
    /// When `handler` is not a function.
    pub fn on(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IcpFilingEventType")] kind: String,
        #[wasm_bindgen(unchecked_param_type = "(detail: any) => void")] handler: JsValue,
    ) -> Result<(), JsError> {
        let Ok(handler) = handler.dyn_into::<js_sys::Function>() else {
            return Err(JsError::new(&format!(
                "icp-filing: on({kind:?}, …): the handler must be a function"
            )));
        };
        if !bridge::EVENT_TYPES.contains(&kind.as_str()) {
            web_sys::console::error_1(
                &format!(
                    "icp-filing: on({kind:?}): unknown event type (known: {})",
                    bridge::EVENT_TYPES.join(", ")
                )
                .into(),
            );
        }
        self.bridge.events.on(kind, handler);
        Ok(())
    }

    /// Whether the widget was destroyed, said on the console for a call that changes nothing
    /// then (`getFiling()` and `validate()` still answer with the last filing).
    fn destroyed(&self, call: &str) -> bool {
        let gone = self.mounted.is_none();
        if gone {
            web_sys::console::error_1(
                &format!("icp-filing: {call}() after destroy(): the widget is not mounted; nothing changed").into(),
            );
        }
        gone
    }

    /// Removes a handler added with `on`.
    pub fn off(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IcpFilingEventType")] kind: String,
        #[wasm_bindgen(unchecked_param_type = "(detail: any) => void")] handler: js_sys::Function,
    ) {
        self.bridge.events.off(&kind, &handler);
    }

    /// Unmounts the widget: removes its DOM, listeners, timers and handlers. The element can
    /// be mounted again. Calling it twice is harmless.
    pub fn destroy(&mut self) {
        if let Some(m) = self.mounted.take() {
            // What was typed in the last moments is written now, not when the app unmounts a
            // microtask later: a widget mounted at once on the same draft key (a locale switch
            // that remounts, a moved element) must read it. Nothing after is saved.
            self.bridge.autosave.close();
            m.root.remove();
            // Yew renders in a microtask: destroyed before its first render, an app would be
            // created after its destruction and live on. Destroying it in a later microtask
            // comes after that render, whenever `destroy()` is called.
            let (app, bridge) = (m.app, self.bridge.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // A `submit()` asked for before the app had rendered (right after `mount()`)
                // is taken up first: the app renders on for a few tasks, 200 ms at most.
                for _ in 0..50 {
                    if !bridge.delivery.requested.get() {
                        break;
                    }
                    gloo_timers::future::TimeoutFuture::new(0).await;
                }
                app.destroy();
                // A `submit()` the app never took up ends here.
                bridge.request_handled();
            });
        }
        self.bridge.clear();
        LIVE.with(|live| {
            live.borrow_mut()
                .retain(|w| w.upgrade().is_some_and(|b| !Rc::ptr_eq(&b, &self.bridge)))
        });
    }
}

/// Only in builds with the `test-hooks` feature (the browser tests of the panic handling).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
impl WidgetHandle {
    /// Makes the widget panic in its next render.
    #[wasm_bindgen(js_name = panicForTest)]
    pub fn panic_for_test(&self) {
        self.bridge.command(Command::Panic);
    }
}

/// Options from JSON, with problems logged once each: `changed`, the problems of an
/// `update()`'s own changes, when given (the options set before were reported when they
/// were set), else those of `raw`;
/// `getHeaders`, `lookupDomain`, `fetchPage` and `filing` read from the host's object
/// (`previous` is kept when it has no `filing`).
fn checked_options(
    raw: &Value,
    changed: Option<Vec<String>>,
    given: &JsValue,
    bridge: &Bridge,
    previous: Option<Filing>,
) -> WidgetOptions {
    let (mut options, mut problems) = parse_options(raw);
    if let Some(changed) = changed {
        problems = changed;
    }
    options.filing = previous;
    match js_sys::Reflect::get(given, &"filing".into()) {
        Ok(f) if js::is_object(&f) => match js::filing_from_js(f) {
            Ok(filing) => options.filing = Some(filing),
            Err(e) => problems.push(format!("option `filing` is not a filing: {e}")),
        },
        _ => {}
    }
    for problem in problems {
        let problem = crate::delivery::mask_identifiers(&problem);
        web_sys::console::error_1(&format!("icp-filing: {problem}").into());
    }
    for (name, slot) in [
        ("getHeaders", &bridge.delivery.get_headers),
        ("lookupDomain", &bridge.domains.lookup),
        ("fetchPage", &bridge.fetch_page),
    ] {
        if let Ok(f) = js_sys::Reflect::get(given, &name.into()) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                *slot.borrow_mut() = Some(f.clone());
            } else if !f.is_undefined() && !f.is_null() {
                web_sys::console::error_1(
                    &format!("icp-filing: option `{name}` must be a function").into(),
                );
            }
        }
    }
    options
}

/// Sets the `appearance` custom properties on the widget's root, which outlives every view
/// inside it (form, receipt, a new filing), and removes the ones no longer given.
fn apply_appearance(root: &Element, old: &[(String, String)], new: &[(String, String)]) {
    let Some(style) = root.dyn_ref::<web_sys::HtmlElement>().map(|r| r.style()) else {
        return;
    };
    for (name, _) in old {
        if !new.iter().any(|(n, _)| n == name) {
            let _ = style.remove_property(name);
        }
    }
    for (name, value) in new {
        let _ = style.set_property(name, value);
    }
}

fn with_default_regions(mut options: WidgetOptions) -> WidgetOptions {
    if options.regions_url.is_empty() {
        options.regions_url = default_regions_url();
    }
    options
}

/// The host's rule data (with its review policy) and calendar; a bad one is logged and skipped.
fn setup_from(options: &WidgetOptions) -> Setup {
    let log = |what: &str, e: &dyn std::fmt::Display| {
        let e = crate::delivery::mask_identifiers(&e.to_string());
        web_sys::console::error_1(&format!("icp-filing: option `{what}`: {e}").into())
    };
    let rules = options.rules.as_deref().and_then(|text| {
        let compiled = RuleData::from_compiled(text)
            .map_err(|e| log("rules", &e))
            .ok()?;
        if !compiled.same_base {
            web_sys::console::warn_1(
                &format!(
                    "icp-filing: option `rules`: compiled over other base rule data than this \
                     version's ({}); the compiled data are used as they are, and compiling the \
                     override again with this version's icp-precheck picks up its data",
                    crate::RULESET_VERSION
                )
                .into(),
            );
        }
        Some(compiled.data)
    });
    let calendar = (!options.calendar.is_empty()).then(|| {
        let mut calendar = HolidayCalendar::official();
        for year in &options.calendar {
            if let Err(e) = calendar.add_year_value(year) {
                log("calendar", &e);
            }
        }
        calendar
    });
    Setup { rules, calendar }
}

/// Mounts the filing widget into `target` (an `Element` or a CSS selector).
///
/// Unknown or mistyped options are logged to the console once each; the widget still renders.
///
/// # Errors
/// When `target` is neither an element nor a selector that matches one, or a widget is
/// already mounted in it.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "Element | string")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
) -> Result<WidgetHandle, JsError> {
    install_panic_hook();
    let host = resolve_target(&target)?;
    // A second form in the same place would share its ids and fight over the draft.
    if let Ok(Some(_)) = host.query_selector(":scope > .icpf-root") {
        return Err(JsError::new(
            "icp-filing: a widget is already mounted in this element; destroy() it first, or change its options with update()",
        ));
    }
    let raw = match js::to_json(&options) {
        Value::Null => Value::Object(Default::default()),
        other => other,
    };
    let (parsed, _) = parse_options(&raw);
    let setup = Rc::new(setup_from(&parsed));
    let bridge = Rc::new(Bridge::new(host.clone(), setup.clone()));
    let options_checked =
        with_default_regions(checked_options(&raw, None, &options, &bridge, None));
    let document = host
        .owner_document()
        .ok_or_else(|| JsError::new("icp-filing: the target element is not in a document"))?;
    let root = document
        .create_element("div")
        .map_err(|_| JsError::new("icp-filing: cannot create the widget root"))?;
    root.set_class_name("icpf-root");
    apply_appearance(&root, &[], &options_checked.appearance);
    host.append_child(&root)
        .map_err(|_| JsError::new("icp-filing: cannot attach the widget to the target"))?;
    let width = browser::WidthClasses::watch(&root);

    let instance = NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed);
    let (restored, sent_elsewhere) = opening_drafts(&options_checked);
    *bridge.autosave.sent_elsewhere.borrow_mut() = sent_elsewhere;
    browser::delete_expired_drafts();
    let now = browser::now_in_china();
    let today = options_checked.today.unwrap_or(now.date());
    let props = AppProps {
        options: Rc::new(options_checked),
        id_prefix: format!("icpf{instance}"),
        today,
        now: today.and_time(now.time()),
        restored,
        setup,
        bridge: BridgeRef(bridge.clone()),
    };
    // What the handle's getters answer before the first render (which comes in a microtask).
    let opening = ui::initial_state(&props.options, props.restored.as_deref());
    bridge.commands.set_latest(&opening.draft);
    bridge.commands.set_receipt(match &opening.phase {
        crate::form::Phase::Submitted(receipt) => Some(receipt),
        _ => None,
    });
    warn_shared_draft_key(&bridge, &props.options);
    LIVE.with(|live| live.borrow_mut().push(Rc::downgrade(&bridge)));
    let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props.clone()).render();
    Ok(WidgetHandle {
        mounted: Some(Mounted {
            app,
            root,
            raw,
            props,
            _width: width,
        }),
        bridge,
    })
}

/// The stored draft the widget opens on and, when that is a filing another tab sent while
/// this tab's own draft was kept aside (see `Autosave::save`), that sent filing, to offer
/// again beside this tab's draft. The host's `receipt` opens a filing of its choosing instead.
fn opening_drafts(options: &WidgetOptions) -> (Option<Rc<SavedDraft>>, Option<Rc<SavedDraft>>) {
    let stored = browser::load_draft(options).map(Rc::new);
    if options.receipt.is_some() {
        return (stored, None);
    }
    let sent = stored
        .as_ref()
        .is_some_and(|saved| saved.submitted.is_some() && !saved.expired);
    let held = stored.as_ref().is_some_and(|saved| !saved.expired);
    match browser::load_aside(options).map(Rc::new) {
        Some(own) if sent => (Some(own), stored),
        // The other tab moved on while this one was closed or reloading, leaving the key
        // empty: this tab's draft goes back under it.
        Some(own) if !held => {
            browser::restore_aside(options);
            (Some(own), None)
        }
        _ => {
            // Whatever was kept aside belonged to a choice that is over.
            browser::clear_aside(options);
            (stored, None)
        }
    }
}

/// Two mounted widgets with one `draftKey` would overwrite each other's draft: say so.
fn warn_shared_draft_key(bridge: &Bridge, options: &WidgetOptions) {
    if options.storage == crate::options::DraftStorage::None {
        return;
    }
    let slot = format!("{:?}:{}", options.storage, options.draft_key);
    let shared = LIVE.with(|live| {
        live.borrow()
            .iter()
            .filter_map(|w| w.upgrade())
            .any(|other| *other.draft_slot.borrow() == slot)
    });
    if shared {
        web_sys::console::warn_1(
            &format!(
                "icp-filing: another mounted widget already keeps its draft under draftKey {:?}: \
                 the two would overwrite each other's draft; give each its own draftKey (or \
                 storage: \"none\")",
                options.draft_key
            )
            .into(),
        );
    }
    *bridge.draft_slot.borrow_mut() = slot;
}

/// A Rust panic shows an error state in every live widget and emits `error`; the message
/// goes to the console, and a draft the autosave had not written yet is written. Only this
/// module's hook is set: the host's own error handling is untouched.
fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        yew::set_custom_panic_hook(Box::new(|info| {
            // A panic message can quote the value it failed on: never an ID number in the log.
            let info = crate::delivery::mask_identifiers(&info.to_string());
            web_sys::console::error_1(&format!("icp-filing: internal error: {info}").into());
            LIVE.with(|live| {
                let Ok(live) = live.try_borrow() else {
                    return;
                };
                for bridge in live.iter().filter_map(|w| w.upgrade()) {
                    // What the autosave had not written yet.
                    bridge.autosave.save();
                    let message = crate::messages::ui("crashed", crate::messages::Locale::ZhCn);
                    let host = bridge.events.host.borrow().clone();
                    if let Some(Ok(Some(root))) = host.map(|h| h.query_selector(".icpf-root")) {
                        root.set_inner_html("");
                        if let Some(doc) = root.owner_document() {
                            if let Ok(p) = doc.create_element("p") {
                                p.set_class_name("icpf-crashed");
                                p.set_attribute("role", "alert").ok();
                                p.set_text_content(Some(message));
                                root.append_child(&p).ok();
                            }
                        }
                    }
                    bridge.events.emit(
                        "error",
                        &js::object(&[("code", "internal".into()), ("message", message.into())]),
                    );
                }
            });
        }));
    });
}

// wasm-bindgen places inline snippets in `snippets/<crate>/inline0.js` next to the glue,
// so the package root is two directories up from the snippet's own URL.
#[wasm_bindgen(inline_js = "export function moduleUrl() { return import.meta.url; }")]
extern "C" {
    #[wasm_bindgen(js_name = moduleUrl)]
    fn module_url() -> String;
}

thread_local! {
    /// Where the package's entry found `icp-filing-regions.json` (as its bundler resolved it).
    static PACKAGE_REGIONS_URL: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Called by the package's entry (`index.js`) after `init()` with the URL of the region data
/// as its bundler emitted it (`new URL("./icp-filing-regions.json", import.meta.url)`).
#[wasm_bindgen(js_name = __setRegionsUrl, skip_typescript)]
pub fn set_regions_url(url: String) {
    PACKAGE_REGIONS_URL.with(|u| *u.borrow_mut() = Some(url));
}

/// `icp-filing-regions.json` where the package's entry found it, else in the package
/// directory the glue was loaded from.
fn default_regions_url() -> String {
    if let Some(url) = PACKAGE_REGIONS_URL.with(|u| u.borrow().clone()) {
        return url;
    }
    web_sys::Url::new_with_base("../../icp-filing-regions.json", &module_url())
        .map(|u| u.href())
        .unwrap_or_else(|_| "icp-filing-regions.json".to_owned())
}

#[wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElementWith)]
    fn define_element_with(name: &str, mount: &js_sys::Function) -> JsValue;
}

/// Registers the `<icp-filing-form>` custom element (or `name`). Attributes: `endpoint`,
/// `locale`, `province`, `filing-type`; properties: `options`, `filing`. Returns the class.
#[wasm_bindgen(js_name = defineElement, unchecked_return_type = "CustomElementConstructor")]
pub fn define_element(name: Option<String>) -> JsValue {
    let mount_fn = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        |el: JsValue, options: JsValue| {
            mount(el, options).map(JsValue::from).map_err(JsValue::from)
        },
    );
    let class = define_element_with(
        name.as_deref().unwrap_or("icp-filing-form"),
        mount_fn.as_ref().unchecked_ref(),
    );
    // The element class keeps calling it for as long as the page lives.
    mount_fn.forget();
    class
}

/// Deletes every draft the widget saved in this browser, under any `draftKey`, in
/// `localStorage` and `sessionStorage`, and what mounted widgets had not saved yet. For a
/// host's sign-out: the next person on a shared browser profile finds nothing. Returns how
/// many stored drafts were deleted.
#[wasm_bindgen(js_name = clearDrafts)]
pub fn clear_drafts() -> u32 {
    LIVE.with(|live| {
        if let Ok(live) = live.try_borrow() {
            for bridge in live.iter().filter_map(|w| w.upgrade()) {
                bridge.autosave.drop_held();
            }
        }
    });
    browser::delete_all_drafts()
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
