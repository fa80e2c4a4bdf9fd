//! The link between a mounted widget and its host page, one part per job: events out (DOM
//! `CustomEvent`s on the host element and `on()` handlers), commands in (`setFiling`,
//! `reset`, `submit`) with the latest filing for `getFiling()`, the autosave's held draft,
//! what a delivery needs from the host, and the host's domain lookups.
//!
//! DOM events are named `icp-<type>` (`icp-change`, `icp-submitted`) so they can't be
//! confused with the native `change`/`submit` events that bubble out of the form's own
//! inputs; handlers registered with `on(type)` use the bare type.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::Callback;

use crate::calendar::HolidayCalendar;
use crate::form::Receipt;
use crate::model::{DomainFacts, Filing};
use crate::options::WidgetOptions;
use crate::ruledata::RuleData;
use crate::timeline::ReviewPolicy;

/// Event types a widget emits.
pub const EVENT_TYPES: &[&str] = &[
    "ready",
    "change",
    "validate",
    "estimate",
    "draftsaved",
    "submit",
    "submitted",
    "approved",
    "error",
    "titlechange",
];

/// Something the host asked the widget to do.
pub enum Command {
    SetFiling(Box<Filing>),
    Reset,
    /// Validate everything and send when the rules pass.
    Submit,
    /// Panic in the next render (`test-hooks` builds only).
    #[cfg(feature = "test-hooks")]
    Panic,
}

/// The data the rules and the estimate use: the host's overrides, else the embedded data (the
/// review policy comes with the rule data).
#[derive(Default)]
pub struct Setup {
    pub rules: Option<RuleData>,
    pub calendar: Option<HolidayCalendar>,
}

/// Setups are compared by identity (Yew props).
impl PartialEq for Setup {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Setup {
    pub fn rules(&self) -> &RuleData {
        self.rules.as_ref().unwrap_or_else(|| RuleData::embedded())
    }

    /// The review policy the rule data carry.
    pub fn policy(&self) -> &ReviewPolicy {
        self.rules().review_policy()
    }

    pub fn calendar(&self) -> &HolidayCalendar {
        self.calendar
            .as_ref()
            .unwrap_or_else(|| HolidayCalendar::official_ref())
    }
}

/// A draft waiting for the debounced autosave, kept as data: it is encoded only when it is
/// written.
#[derive(Clone, PartialEq)]
pub struct Unsaved {
    pub filing: Filing,
    pub section: crate::form::Section,
    pub touched: crate::form::SmallSet<String>,
    pub pending: Option<crate::delivery::PendingAttempt>,
    pub correction: Option<Box<crate::correction::Correction>>,
    pub baseline: Option<Box<crate::correction::Approved>>,
}

impl Unsaved {
    /// What of the form's state a draft keeps.
    pub fn of(state: &crate::form::FormState) -> Self {
        Self {
            filing: state.draft.clone(),
            section: state.section,
            touched: state.touched.clone(),
            pending: state.pending.clone(),
            correction: state.correction.clone(),
            baseline: state.baseline.clone(),
        }
    }

    fn envelope(&self, now: chrono::NaiveDateTime) -> crate::draft::Envelope {
        crate::draft::envelope(
            &self.filing,
            self.section.slug(),
            self.pending.as_ref(),
            now,
        )
        .following(self.correction.clone(), self.baseline.clone())
        .touched(self.touched.iter().cloned().collect())
    }
}

/// Shared by the handle and the mounted app: one part per job, each with its own state.
pub struct Bridge {
    /// Replaced when `update()` brings new rules or a calendar.
    setup: RefCell<Rc<Setup>>,
    destroyed: Cell<bool>,
    /// Events out: `icp-*` DOM events on the host and `on()` handlers.
    pub events: Events,
    /// Commands in (`setFiling`, `reset`, `submit`) and the filing `getFiling()` returns.
    pub commands: Commands,
    /// The draft waiting for the debounced autosave.
    pub autosave: Autosave,
    /// The host's `getHeaders`, the pending `submit()` promises, whether a filing is on its way.
    pub delivery: Delivery,
    /// The host's `lookupDomain` and its answers.
    pub domains: DomainLookup,
    /// The host's `fetchPage(url)`: a live page's HTML, for the footer check.
    pub fetch_page: RefCell<Option<js_sys::Function>>,
    /// Set by `refreshStatus()`: the status endpoint is asked now, not at the next poll.
    pub status_wake: Rc<Cell<bool>>,
    /// Where the draft is stored (`storage:draftKey`), empty when it isn't.
    pub draft_slot: RefCell<String>,
}

impl Bridge {
    pub fn new(host: Element, setup: Rc<Setup>) -> Self {
        Self {
            events: Events {
                host: RefCell::new(Some(host)),
                listeners: RefCell::default(),
            },
            setup: RefCell::new(setup),
            destroyed: Cell::new(false),
            commands: Commands::default(),
            autosave: Autosave::default(),
            delivery: Delivery::default(),
            domains: DomainLookup::default(),
            fetch_page: RefCell::default(),
            status_wake: Rc::default(),
            draft_slot: RefCell::default(),
        }
    }

    /// The rule data, review policy and calendar in effect.
    pub fn setup(&self) -> Rc<Setup> {
        self.setup.borrow().clone()
    }

    pub fn set_setup(&self, setup: Rc<Setup>) {
        *self.setup.borrow_mut() = setup;
    }

    /// Sends a command, or queues it until the app has rendered; `false` once destroyed.
    pub fn command(&self, command: Command) -> bool {
        !self.destroyed.get() && {
            self.commands.send(command);
            true
        }
    }

    /// Releases what the host gave (on `destroy()`). A delivery on its way is finished
    /// first: its outcome still reaches the `submitted`/`error` handlers and the pending
    /// `submit()` promises, and the draft with its key stays stored until a receipt comes.
    pub fn clear(&self) {
        self.destroyed.set(true);
        if self.commands.clear() {
            self.delivery.requested.set(true);
        }
        self.domains.lookup.borrow_mut().take();
        self.fetch_page.borrow_mut().take();
        if !self.delivery.sending.get() && !self.delivery.requested.get() {
            self.release_host();
        }
    }

    /// A `submit()` request was taken up (sent, refused as invalid, or dropped with the
    /// app): a widget destroyed meanwhile and not sending lets go of the host's handlers now.
    pub fn request_handled(&self) {
        self.delivery.requested.set(false);
        if self.destroyed.get() && !self.delivery.sending.get() {
            self.release_host();
        }
    }

    /// Lets go of everything of the host page's: its handlers and its element, so a handle
    /// the page still holds after `destroy()` keeps nothing of the page alive.
    fn release_host(&self) {
        self.events.listeners.borrow_mut().clear();
        self.events.host.borrow_mut().take();
        self.delivery.get_headers.borrow_mut().take();
        self.delivery.reject_waiters(&error_value(
            "destroyed",
            "icp-filing: the widget was destroyed",
            &[],
        ));
    }

    /// A delivery ended (its outcome already reported): a widget destroyed meanwhile lets go
    /// of the host's handlers now.
    pub fn delivery_settled(&self) {
        self.delivery.sending.set(false);
        if self.destroyed.get() {
            self.release_host();
        }
    }
}

/// Events out.
pub struct Events {
    /// The element mounted into (`None` once the widget is destroyed and its last delivery
    /// settled).
    pub host: RefCell<Option<Element>>,
    listeners: RefCell<Vec<(String, js_sys::Function)>>,
}

impl Events {
    /// Dispatches `icp-<kind>` on the host element and calls the `on(kind)` handlers. Identity
    /// numbers in the payload are masked.
    pub fn emit(&self, kind: &str, detail: &JsValue) {
        self.emit_as_is(kind, &super::js::mask(detail));
    }

    /// [`Events::emit`] without masking, for payloads that hold no personal data (counts,
    /// section names, the estimate) or are already masked where they need it: walking a
    /// payload to mask it costs a call into JS per property.
    pub fn emit_as_is(&self, kind: &str, detail: &JsValue) {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) =
            web_sys::CustomEvent::new_with_event_init_dict(&format!("icp-{kind}"), &init)
        {
            let host = self.host.borrow().clone();
            if let Some(host) = host {
                let _ = host.dispatch_event(&event);
            }
        }
        let handlers: Vec<js_sys::Function> = self
            .listeners
            .borrow()
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, f)| f.clone())
            .collect();
        for handler in handlers {
            // A throwing host handler must not break the widget.
            if let Err(e) = handler.call1(&JsValue::NULL, detail) {
                web_sys::console::error_2(&"icp-filing: an event handler threw".into(), &e);
            }
        }
    }

    /// Adds `handler` for `kind`; one already added for it is not added twice (as with
    /// `addEventListener`).
    pub fn on(&self, kind: String, handler: js_sys::Function) {
        let mut listeners = self.listeners.borrow_mut();
        if !listeners.iter().any(|(k, f)| *k == kind && *f == handler) {
            listeners.push((kind, handler));
        }
    }

    pub fn off(&self, kind: &str, handler: &js_sys::Function) {
        self.listeners
            .borrow_mut()
            .retain(|(k, f)| !(k == kind && f == handler));
    }
}

/// Commands in, and the latest filing.
#[derive(Default)]
pub struct Commands {
    handler: RefCell<Option<Callback<Command>>>,
    /// Commands sent before the app installed its handler (right after `mount()`), or
    /// before it rendered new options (`update()` then `reset()` in one task), run in order
    /// once it has rendered.
    queued: RefCell<Vec<Command>>,
    /// The handler was made from options an `update()` has since replaced.
    stale: Cell<bool>,
    latest: RefCell<Filing>,
    /// The receipt of the filing shown, once it was accepted (`getReceipt()`).
    receipt: RefCell<Option<Receipt>>,
}

impl Commands {
    /// The app's command handler, replaced on every render so it sees the current state.
    pub fn set_handler(&self, handler: Callback<Command>) {
        *self.handler.borrow_mut() = Some(handler);
    }

    /// Runs a command, or queues it until the app has rendered. A new filing is what
    /// `getFiling()` and `validate()` see from now on.
    fn send(&self, command: Command) {
        if let Command::SetFiling(filing) = &command {
            *self.latest.borrow_mut() = (**filing).clone();
        }
        let handler = self.handler.borrow().clone();
        match handler {
            Some(h) if self.queued.borrow().is_empty() && !self.stale.get() => h.emit(command),
            _ => self.queued.borrow_mut().push(command),
        }
    }

    /// New options are on their way to the app: commands wait for its next render.
    pub fn hold_until_render(&self) {
        self.stale.set(true);
    }

    /// Runs the queued commands (called after each render, when the handler is installed).
    pub fn run_queued(&self) {
        let Some(handler) = self.handler.borrow().clone() else {
            return;
        };
        self.stale.set(false);
        let queued = std::mem::take(&mut *self.queued.borrow_mut());
        for command in queued {
            handler.emit(command);
        }
    }

    /// Drops the handler, and the queued commands unless a submission is among them: then
    /// they run when the app renders, before it is destroyed (`submit(); destroy()` right
    /// after `mount()`). Whether a submission waits.
    fn clear(&self) -> bool {
        self.handler.borrow_mut().take();
        let mut queued = self.queued.borrow_mut();
        let submitting = queued.iter().any(|c| matches!(c, Command::Submit));
        if !submitting {
            queued.clear();
        }
        submitting
    }

    /// A new filing is on its way (`reset()`): the getters answer with it from now on.
    pub fn expect_new_filing(&self, filing: &Filing) {
        *self.latest.borrow_mut() = filing.clone();
        self.receipt.borrow_mut().take();
    }

    /// Records the filing the form shows. While commands wait to run, the filing they set
    /// stays the latest.
    pub fn set_latest(&self, filing: &Filing) {
        if self.queued.borrow().is_empty() && *self.latest.borrow() != *filing {
            *self.latest.borrow_mut() = filing.clone();
        }
    }

    pub fn latest(&self) -> Filing {
        self.latest.borrow().clone()
    }

    /// Records the receipt of the filing the widget follows (`None` while it is a draft).
    pub fn set_receipt(&self, receipt: Option<&Receipt>) {
        if self.receipt.borrow().as_ref() != receipt {
            *self.receipt.borrow_mut() = receipt.cloned();
        }
    }

    pub fn receipt(&self) -> Option<Receipt> {
        self.receipt.borrow().clone()
    }
}

/// The draft waiting for the debounced autosave, with the options that say where it goes;
/// written by whoever takes it first (the timer, page hide, unmount, a panic), and dropped
/// when the filing is sent or started over so it can't bring a draft back.
#[derive(Default)]
pub struct Autosave {
    unsaved: RefCell<Option<(Unsaved, Rc<WidgetOptions>)>>,
    /// Set by `destroy()` once it has saved: what the unmount itself changes (the focused
    /// field's blur as its element goes) is not saved, so a `clearDrafts()` just before
    /// stays cleared.
    closed: Cell<bool>,
    /// Another tab sent the filing under this draft key: its receipt stays stored (not
    /// overwritten by this tab's draft) until the filer here chooses.
    pub sent_elsewhere: RefCell<Option<Rc<crate::draft::SavedDraft>>>,
}

impl Autosave {
    /// Holds `draft` for the autosave.
    pub fn hold(&self, draft: Unsaved, options: Rc<WidgetOptions>) {
        if self.closed.get() {
            return;
        }
        if let Ok(mut slot) = self.unsaved.try_borrow_mut() {
            *slot = Some((draft, options));
        }
    }

    /// Saves what is held, then holds nothing more.
    pub fn close(&self) {
        self.save();
        self.closed.set(true);
    }

    /// Encodes and writes the held draft, if any (the only place a draft is encoded); returns
    /// when it was saved (RFC 3339, CST), or `None` when nothing was written under the draft
    /// key (nothing held, or another tab's sent filing not to be overwritten).
    ///
    /// While another tab's sent filing holds the key, this tab's draft goes aside, into this
    /// tab's session storage: a reload here reopens it and offers the choice again.
    pub fn save(&self) -> Option<String> {
        let elsewhere = self.sent_elsewhere.try_borrow().ok()?.is_some();
        let (draft, options) = self.unsaved.try_borrow_mut().ok()?.take()?;
        let envelope = draft.envelope(super::browser::now_in_china());
        let text = super::js::to_text(&envelope);
        if elsewhere {
            super::browser::save_aside_text(&options, &text);
            return None;
        }
        // With `storage: "none"`, or storage full or refused, nothing was saved to say so.
        super::browser::save_draft_text(&options, &text).then(|| envelope.saved_at().to_owned())
    }

    /// Forgets the held draft without writing it.
    pub fn drop_held(&self) {
        if let Ok(mut slot) = self.unsaved.try_borrow_mut() {
            slot.take();
        }
    }

    /// The filer chose between this tab's draft and the filing another tab sent (or sent
    /// that same filing here, or started over): the draft kept aside meanwhile goes.
    pub fn end_elsewhere(&self, options: &WidgetOptions) {
        if let Ok(mut told) = self.sent_elsewhere.try_borrow_mut() {
            told.take();
        }
        super::browser::clear_aside(options);
    }
}

/// What a submission needs from the host and owes it.
#[derive(Default)]
pub struct Delivery {
    /// `getHeaders()` from the options, called before each attempt.
    pub get_headers: RefCell<Option<js_sys::Function>>,
    /// Resolve/reject functions of pending `submit()` promises.
    waiters: RefCell<Vec<(js_sys::Function, js_sys::Function)>>,
    /// Set while a submission is on its way: a second click or `submit()` in the same tick,
    /// before the form re-renders as busy, must not start another one.
    pub sending: Cell<bool>,
    /// Set from `submit()` until the form has taken the request up (it does after its next
    /// render): a `destroy()` in between waits for that submission like for one on its way.
    pub requested: Cell<bool>,
}

impl Delivery {
    pub fn add_waiter(&self, resolve: js_sys::Function, reject: js_sys::Function) {
        self.waiters.borrow_mut().push((resolve, reject));
    }

    pub fn resolve_waiters(&self, value: &JsValue) {
        for (resolve, _) in self.waiters.borrow_mut().drain(..) {
            let _ = resolve.call1(&JsValue::NULL, value);
        }
    }

    pub fn reject_waiters(&self, error: &JsValue) {
        for (_, reject) in self.waiters.borrow_mut().drain(..) {
            let _ = reject.call1(&JsValue::NULL, error);
        }
    }
}

/// `lookupDomain(domain)` from the options, and its answers by normalised domain: a domain
/// is asked once, and its facts come back when the filer enters it again. A submission that
/// finds a filed domain not answered yet waits for it, [`SUBMISSION_WAIT_MS`] at most.
#[derive(Default)]
pub struct DomainLookup {
    pub lookup: RefCell<Option<js_sys::Function>>,
    /// Each domain asked, with its facts: `None` while asked, `Some(None)` for no answer.
    answers: RefCell<Vec<(String, Option<Option<DomainFacts>>)>>,
    /// The submission waiting for answers: its number, and whether its wait is over.
    hold: Cell<Option<(u32, bool)>>,
    holds: Cell<u32>,
}

/// How long a submission waits for registrar answers still to come.
pub const SUBMISSION_WAIT_MS: u32 = 2_000;

impl DomainLookup {
    /// Whether `domain` was asked already (answered or not).
    pub fn asked(&self, domain: &str) -> bool {
        self.answers.borrow().iter().any(|(d, _)| d == domain)
    }

    /// Marks `domain` as being asked.
    pub fn asking(&self, domain: String) {
        if !self.asked(&domain) {
            self.answers.borrow_mut().push((domain, None));
        }
    }

    /// Records what `domain` gave; `true` when a held submission may go now (nothing else
    /// is being asked).
    pub fn answered(&self, domain: &str, facts: Option<DomainFacts>) -> bool {
        let mut answers = self.answers.borrow_mut();
        if let Some((_, known)) = answers.iter_mut().find(|(d, _)| d == domain) {
            *known = Some(facts);
        }
        let waiting = answers.iter().any(|(_, known)| known.is_none());
        !waiting && self.hold.take().is_some()
    }

    /// Holds a submission while a lookup is given and any of `filed` is unasked or being
    /// asked, until its wait is over. Returns the domains to ask, and the wait's number when
    /// it starts now (the caller ends it after [`SUBMISSION_WAIT_MS`] with
    /// [`DomainLookup::end_wait`]); `None` when the submission goes now.
    pub fn hold_submission(&self, filed: &[String]) -> Option<(Vec<String>, Option<u32>)> {
        self.lookup.borrow().as_ref()?;
        let answers = self.answers.borrow();
        let known = |d: &String| answers.iter().find(|(a, _)| a == d).map(|(_, k)| k);
        let waiting = filed.iter().any(|d| !matches!(known(d), Some(Some(_))));
        let unasked = || {
            filed
                .iter()
                .filter(|d| known(d).is_none())
                .cloned()
                .collect()
        };
        match self.hold.get() {
            Some((_, false)) if waiting => Some((unasked(), None)),
            None if waiting => {
                let number = self.holds.get() + 1;
                self.holds.set(number);
                self.hold.set(Some((number, false)));
                Some((unasked(), Some(number)))
            }
            _ => {
                self.hold.set(None);
                None
            }
        }
    }

    /// Ends the wait numbered `number`; `true` when it was still held (the caller submits).
    pub fn end_wait(&self, number: u32) -> bool {
        let held = self.hold.get() == Some((number, false));
        if held {
            self.hold.set(Some((number, true)));
        }
        held
    }

    /// Every answer with facts.
    pub fn facts(&self) -> Vec<DomainFacts> {
        let answers = self.answers.borrow();
        answers
            .iter()
            .filter_map(|(_, f)| f.clone().flatten())
            .collect()
    }
}

/// A typed error for rejected promises: an `Error` with `code` and `extra` (`notice`,
/// `status`, `report`).
pub fn error_value(code: &str, message: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("IcpFilingError");
    super::js::assign(&error, &[("code", code.into())]);
    super::js::assign(&error, extra);
    error.into()
}

/// Shared pointer with identity equality, for Yew props.
#[derive(Clone)]
pub struct BridgeRef(pub Rc<Bridge>);

impl PartialEq for BridgeRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for BridgeRef {
    type Target = Bridge;
    fn deref(&self) -> &Bridge {
        &self.0
    }
}
