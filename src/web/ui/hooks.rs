//! The root component's hooks, one per job: the notices about saved drafts, the report,
//! autosave, registrar look-ups, the events to the host and the commands from it.

use std::cell::OnceCell;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use yew::prelude::*;

use super::super::bridge::{BridgeRef, Command, Setup, Unsaved};
use super::super::{browser, js, SharedOptions};
use super::{follows, request_submit, start_new_filing, Store, SubmitFeedback};
use crate::correction::{Approved, Correction};
use crate::draft::SavedDraft;
use crate::form::{Action, FormState, Phase, ReportSource};
use crate::messages::Locale;
use crate::model::Filing;
use crate::report::{Report, Severity};
use crate::rules::{validate, RuleContext};

/// The restored draft the notice above the form is about: `None` when there is none, or
/// once the filer closed it or started over.
///
/// A draft that was sent reopens on its progress, which needs no notice; nor does a draft
/// the host's `receipt` left aside. A correction or a change reopens as itself, under its
/// own notice: its 重新开始 would throw away the only link to the filing it belongs to.
#[hook]
pub fn use_restore_notice(
    restored: Option<&Rc<SavedDraft>>,
    options: &SharedOptions,
) -> UseStateHandle<Option<Rc<SavedDraft>>> {
    use_state(|| {
        restored.cloned().filter(|saved| {
            saved.submitted.is_none()
                && saved.correction.is_none()
                && saved.baseline.is_none()
                && options
                    .receipt
                    .as_ref()
                    .is_none_or(|r| follows(saved, &r.id))
        })
    })
}

/// The draft another tab or window of this browser saved under the same key: offered,
/// rather than let the two overwrite each other unseen. A filing another tab sent, offered
/// here before a reload, is offered again from the start.
#[hook]
pub fn use_other_tab_offer(
    options: &SharedOptions,
    bridge: &BridgeRef,
) -> UseStateHandle<Option<Rc<SavedDraft>>> {
    let other_tab = use_state(|| bridge.autosave.sent_elsewhere.borrow().clone());
    {
        let other_tab = other_tab.clone();
        let options = options.clone();
        let bridge = bridge.clone();
        use_effect_with((options.draft_key.clone(), options.storage), move |_| {
            let listener = other_tab_listener(options, other_tab, bridge);
            move || drop(listener)
        });
    }
    other_tab
}

/// The report of the draft, made when first read: a new filing's first render reads none of
/// it (nothing is revealed, every section is "not started"), so the first paint does not
/// wait for the rules, and the `change` event that needs it comes a task later.
pub struct LazyReport {
    draft: Filing,
    locale: Locale,
    setup: Rc<Setup>,
    correction: Option<Box<Correction>>,
    baseline: Option<Box<Approved>>,
    today: NaiveDate,
    report: OnceCell<Report>,
}

impl LazyReport {
    fn made_from(&self, state: &FormState, locale: Locale, setup: &Rc<Setup>) -> bool {
        self.locale == locale
            && Rc::ptr_eq(&self.setup, setup)
            && self.draft == state.draft
            && self.correction == state.correction
            && self.baseline == state.baseline
    }
}

impl ReportSource for LazyReport {
    fn report(&self) -> &Report {
        self
    }
}

impl std::ops::Deref for LazyReport {
    type Target = Report;

    fn deref(&self) -> &Report {
        self.report.get_or_init(|| {
            let ctx = RuleContext::new(self.today)
                .with_locale(self.locale)
                .with_data(self.setup.rules());
            let report = validate(&self.draft, &ctx);
            // What the reviewer named and the filer has not changed yet.
            let report = match &self.correction {
                Some(c) => c.amend(report, &self.draft, self.locale),
                None => report,
            };
            // A change that changes nothing of its approval.
            match &self.baseline {
                Some(b) => b.amend(report, &self.draft, self.locale, ctx.data),
                None => report,
            }
        })
    }
}

/// The report of the draft: a new one when the draft, the language, the setup (rule data,
/// review policy, calendar), the correction or the approval a change starts from changes,
/// validated when first read.
#[hook]
pub fn use_report(
    state: &FormState,
    locale: Locale,
    setup: &Rc<Setup>,
    today: NaiveDate,
) -> Rc<LazyReport> {
    let last = use_mut_ref(|| None::<Rc<LazyReport>>);
    let mut last = last.borrow_mut();
    match &*last {
        Some(report) if report.made_from(state, locale, setup) => report.clone(),
        _ => {
            let report = Rc::new(LazyReport {
                draft: state.draft.clone(),
                locale,
                setup: setup.clone(),
                correction: state.correction.clone(),
                baseline: state.baseline.clone(),
                today,
                report: OnceCell::new(),
            });
            *last = Some(report.clone());
            report
        }
    }
}

/// The fields the draft must have filled ([`crate::rules::required_fields`]): worked out
/// again only when a choice changes (a unit's office phone, a change's filing number), not
/// as the filer types.
pub struct RequiredFields {
    choices: Filing,
    setup: Rc<Setup>,
    paths: Vec<String>,
}

impl RequiredFields {
    /// Whether the field at report path `path` must be filled.
    pub fn contains(&self, path: &str) -> bool {
        self.paths.iter().any(|p| p == path)
    }
}

#[hook]
pub fn use_required(state: &FormState, setup: &Rc<Setup>, today: NaiveDate) -> Rc<RequiredFields> {
    let last = use_mut_ref(|| None::<Rc<RequiredFields>>);
    let mut last = last.borrow_mut();
    let choices = crate::rules::choices_of(&state.draft);
    match &*last {
        Some(known) if known.choices == choices && Rc::ptr_eq(&known.setup, setup) => known.clone(),
        _ => {
            let ctx = RuleContext::new(today).with_data(setup.rules());
            let required = Rc::new(RequiredFields {
                paths: crate::rules::required_fields(&choices, &ctx),
                choices,
                setup: setup.clone(),
            });
            *last = Some(required.clone());
            required
        }
    }
}

/// Autosave, debounced; flushed when the page is hidden or unloaded.
#[hook]
pub fn use_autosave(state: &FormState, bridge: &BridgeRef, options: &SharedOptions) {
    {
        let options = options.clone();
        let bridge = bridge.clone();
        // A reopened draft is saved again when the filer only moves between sections, so a
        // reload opens where they were.
        let keep = state.dirty || state.resumed;
        let submitted = matches!(state.phase, Phase::Submitted(_));
        use_effect_with(Unsaved::of(state), move |unsaved| {
            let pending = (keep && !submitted).then(|| {
                bridge.autosave.hold(unsaved.clone(), options.clone());
                gloo::timers::callback::Timeout::new(400, move || {
                    // Already written by a flush, or dropped by a submission: nothing to do.
                    let Some(saved_at) = bridge.autosave.save() else {
                        return;
                    };
                    bridge
                        .events
                        .emit_as_is("draftsaved", &js::object(&[("savedAt", saved_at.into())]));
                })
            });
            move || drop(pending)
        });
    }
    {
        let bridge = bridge.clone();
        use_effect_with((), move |_| {
            let flush = flush_listener(bridge.clone());
            // Unmounting (destroy, a locale switch that remounts) saves what is pending.
            move || {
                drop(flush);
                bridge.autosave.save();
            }
        });
    }
}

/// Registrar facts from the host's `lookupDomain`: each domain is asked once, after typing
/// pauses; the facts follow the domains the filing holds now (a domain entered again gets
/// its earlier answer back, a removed one loses its facts).
#[hook]
pub fn use_registrar_lookups(store: &UseReducerHandle<Store>, bridge: &BridgeRef) {
    let state = &store.0;
    let (bridge, store) = (bridge.clone(), store.clone());
    let has_facts = !state.draft.domain_facts.is_empty();
    use_effect_with(state.filed_domains(), move |filed| {
        let answered = bridge.domains.facts();
        if has_facts || !answered.is_empty() {
            store.dispatch(Action::DomainFacts(answered));
        }
        let lookup = bridge.domains.lookup.borrow().clone();
        let unasked: Vec<String> = filed
            .iter()
            .filter(|d| !bridge.domains.asked(d))
            .cloned()
            .collect();
        let pending = lookup.filter(|_| !unasked.is_empty()).map(|lookup| {
            gloo::timers::callback::Timeout::new(600, move || {
                ask_domains(&lookup, unasked, &store, &bridge)
            })
        });
        move || drop(pending)
    });
}

/// Asks `lookup` about each of `domains` not asked yet; the facts go to the store, and a
/// submission held for them goes once the last answer is in.
pub fn ask_domains(
    lookup: &js_sys::Function,
    domains: Vec<String>,
    store: &UseReducerHandle<Store>,
    bridge: &BridgeRef,
) {
    for domain in domains {
        if bridge.domains.asked(&domain) {
            continue;
        }
        bridge.domains.asking(domain.clone());
        let (lookup, store, bridge) = (lookup.clone(), store.clone(), bridge.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let facts = super::super::registrar::lookup_domain(&lookup, &domain).await;
            if let Some(facts) = &facts {
                store.dispatch(Action::DomainFacts(vec![facts.clone()]));
            }
            if bridge.domains.answered(&domain, facts) {
                bridge.command(Command::Submit);
            }
        });
    }
}

/// Events out: `ready` after the first render; `change` when the filing's validity, its
/// error or warning count, the dirty flag or the section changes; `estimate` when the filing
/// type, the province or the setup changes (once a filing type is chosen); `titlechange`
/// when the error summary starts or stops listing errors.
#[hook]
pub fn use_host_events(
    bridge: &BridgeRef,
    state: &FormState,
    report: &Rc<LazyReport>,
    setup: &Rc<Setup>,
    now: NaiveDateTime,
    has_errors: bool,
) {
    {
        let bridge = bridge.clone();
        let section = state.section;
        use_effect_with((), move |_| {
            bridge
                .events
                .emit_as_is("ready", &js::object(&[("section", section.slug().into())]));
        });
    }
    {
        // Sent when what it says changes. The first one waits a task, so that reading the
        // report does not delay the first paint.
        let bridge = bridge.clone();
        let report = report.clone();
        let (dirty, section) = (state.dirty, state.section.slug());
        let sent = use_mut_ref(|| None::<ChangeDetail>);
        use_effect(move || {
            let first = sent.borrow().is_none();
            let send = move || {
                let detail = ChangeDetail::of(&report, dirty, section);
                if sent.borrow().as_ref() != Some(&detail) {
                    bridge.events.emit_as_is("change", &js::to_js(&detail));
                    *sent.borrow_mut() = Some(detail);
                }
            };
            let later = if first {
                Some(gloo::timers::callback::Timeout::new(0, send))
            } else {
                send();
                None
            };
            // A render before it fires cancels it and waits a task again: the one sent says
            // what is current.
            move || drop(later)
        });
    }
    {
        let bridge = bridge.clone();
        let setup = setup.clone();
        use_effect_with(
            (
                state.draft.filing_type,
                state.draft.change_scope,
                state.draft.subject.kind,
                state.draft.province.clone(),
                setup,
            ),
            move |(ty, scope, kind, province, setup)| {
                if let Some(ty) = ty {
                    let input = crate::timeline::EstimateInput {
                        change_scope: *scope,
                        subject_kind: *kind,
                        ..crate::timeline::EstimateInput::new(*ty, province, now)
                    };
                    if let Ok(est) =
                        crate::timeline::estimate(&input, setup.policy(), setup.calendar())
                    {
                        bridge
                            .events
                            .emit_as_is("estimate", &js::object(&[("timeline", js::to_js(&est))]));
                    }
                }
            },
        );
    }
    {
        let bridge = bridge.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(has_errors, move |has_errors| {
            let initial = std::mem::replace(&mut *first.borrow_mut(), false);
            if !initial || *has_errors {
                bridge.events.emit_as_is(
                    "titlechange",
                    &js::object(&[("hasErrors", (*has_errors).into())]),
                );
            }
        });
    }
}

/// Commands in: replaced every render so they act on the current state. `submit()` asks
/// for a render first, so a filing set just before it is the one validated and sent.
#[hook]
pub fn use_commands(
    store: &UseReducerHandle<Store>,
    report: &Rc<LazyReport>,
    bridge: &BridgeRef,
    options: &SharedOptions,
    notice: &UseStateHandle<Option<Rc<SavedDraft>>>,
    feedback: &SubmitFeedback,
) {
    let submit_requests = use_state(|| 0u32);
    #[cfg(feature = "test-hooks")]
    let crash = use_state(|| false);
    #[cfg(feature = "test-hooks")]
    if *crash {
        panic!("a panic requested by a test");
    }
    {
        let store = store.clone();
        let options = options.clone();
        let bridge_for = bridge.clone();
        let notice = notice.clone();
        let submit_requests = submit_requests.clone();
        #[cfg(feature = "test-hooks")]
        let crash = crash.clone();
        bridge
            .commands
            .set_handler(Callback::from(move |command: Command| match command {
                // The host's filing replaces the restored draft: the notice about it goes.
                Command::SetFiling(filing) => {
                    notice.set(None);
                    store.dispatch(Action::Replace(filing))
                }
                Command::Reset => start_new_filing(&store, &options, &bridge_for, &notice),
                Command::Submit => {
                    bridge_for.delivery.requested.set(true);
                    submit_requests.set(*submit_requests + 1)
                }
                #[cfg(feature = "test-hooks")]
                Command::Panic => crash.set(true),
            }));
    }
    {
        let (store, report, options) = (store.clone(), report.clone(), options.clone());
        let (bridge, feedback) = (bridge.clone(), feedback.clone());
        use_effect_with(*submit_requests, move |requests| {
            if *requests > 0 {
                request_submit(&store, &report, &options, &bridge, &feedback);
            }
        });
    }
    {
        let bridge = bridge.clone();
        use_effect(move || bridge.commands.run_queued());
    }
}

/// The `change` event's payload.
#[derive(Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeDetail {
    valid: bool,
    error_count: usize,
    warning_count: usize,
    dirty: bool,
    section: &'static str,
}

impl ChangeDetail {
    fn of(report: &Report, dirty: bool, section: &'static str) -> Self {
        let count = |s: Severity| report.issues.iter().filter(|i| i.severity == s).count();
        Self {
            valid: report.ok,
            error_count: count(Severity::Error),
            warning_count: count(Severity::Warning),
            dirty,
            section,
        }
    }
}

/// Listens for `storage` events of this widget's draft key, written by another tab or window
/// (the browser sends them only there); a draft that is not expired is offered.
fn other_tab_listener(
    options: SharedOptions,
    offer: UseStateHandle<Option<Rc<SavedDraft>>>,
    bridge: BridgeRef,
) -> Option<gloo::events::EventListener> {
    if options.storage != crate::options::DraftStorage::Local {
        return None;
    }
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(
        &window,
        "storage",
        move |event| {
            let get = |key: &str| js_sys::Reflect::get(event, &key.into()).ok();
            if get("key").and_then(|k| k.as_string()).as_deref() != Some(&options.draft_key) {
                return;
            }
            // `None` when that tab removed the draft (a new filing, `clearDrafts()`).
            let text = get("newValue").and_then(|v| v.as_string());
            let saved = match text {
                Some(text) => {
                    match crate::draft::decode(&text, browser::now_in_china(), &js::BrowserJson)
                        .filter(|saved| !saved.expired)
                    {
                        Some(saved) => Some(Rc::new(saved)),
                        None => return,
                    }
                }
                None => None,
            };
            // A filing sent there: its receipt is not overwritten from here, and sending the
            // same filing here opens it (see `submit::request`).
            let sent = saved.clone().filter(|saved| saved.submitted.is_some());
            let no_receipt = sent.is_none();
            if bridge.autosave.sent_elsewhere.replace(sent).is_some() && no_receipt {
                // That tab moved on: the key holds no receipt to keep now, and this tab's
                // draft, kept aside meanwhile, goes back under it.
                browser::restore_aside(&options);
            }
            offer.set(saved);
        },
    ))
}

fn flush_listener(bridge: BridgeRef) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(
        &window,
        "pagehide",
        move |_| {
            bridge.autosave.save();
        },
    ))
}
