//! The widget's Yew components. One reducer holds the [`FormState`]; the report is derived
//! from the draft and never stored. Controls find their issues through the [`FormCtx`]
//! context by report path, and dispatch typed edits of their field
//! ([`crate::form::FieldPath`]).
//!
//! Layout: the task list (sections with their status), the current section's page, and the
//! timeline panel (a side column on wide screens, collapsible on narrow ones).

mod fields;
mod followup;
mod review;
mod sections;
mod summary;
mod timeline;

use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use yew::prelude::*;

use super::bridge::{BridgeRef, Command, Setup, Unsaved};
use super::browser;
use super::js;
use super::submit;
use super::SharedOptions;
use crate::draft::SavedDraft;
use crate::form::{section_ok, Action, EarlierAttempt, FormState, Phase, Section, SectionStatus};
use crate::messages::{ui, Locale};
use crate::model::Filing;
use crate::regions::Regions;
use crate::report::{Issue, Report, Severity};
use crate::rules::{validate, RuleContext};
use fields::FieldIssues;
use summary::{ErrorSummary, SummaryItem};

/// What `mount` passes to the root component.
#[derive(Properties, Clone, PartialEq)]
pub struct AppProps {
    pub options: SharedOptions,
    /// Prefix of every element id, unique per mounted widget.
    pub id_prefix: String,
    pub today: NaiveDate,
    /// The wall clock (CST) at mount, for the timeline estimate.
    pub now: NaiveDateTime,
    /// The draft restored from storage, if any.
    pub restored: Option<Rc<SavedDraft>>,
    /// Rule data, review policy and calendar: the host's (compiled) overrides or the
    /// embedded ones; a new one from `update()` re-validates and re-estimates.
    pub setup: Rc<Setup>,
    /// Events out, commands in.
    pub bridge: BridgeRef,
}

/// The reducer wrapper Yew needs around the core state machine.
#[derive(Clone, PartialEq)]
pub struct Store(pub FormState);

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply(action);
        Rc::new(next)
    }
}

/// The region data, fetched the first time the address fields are shown.
#[derive(Clone, PartialEq)]
pub enum RegionData {
    NotLoaded,
    Loading,
    Loaded(Rc<Regions>),
    Failed,
}

/// What every control needs: the store, the report, the visible issues, ids and language.
#[derive(Clone)]
pub struct FormCtx {
    pub store: UseReducerHandle<Store>,
    pub report: Rc<Report>,
    /// The issues the filer sees now (revealed ones, or the receiver's).
    pub visible: Rc<Vec<Issue>>,
    pub prefix: Rc<str>,
    pub locale: Locale,
    pub regions: UseStateHandle<RegionData>,
    pub regions_url: Rc<str>,
    /// Rule data, review policy and calendar (the host's overrides or the embedded ones).
    pub setup: Rc<Setup>,
    /// A pointer is pressed inside the widget: a field left now holds its messages back
    /// until the click is over (see [`Action::RevealHeld`]).
    pub pointer_held: Rc<std::cell::Cell<bool>>,
}

impl PartialEq for FormCtx {
    fn eq(&self, other: &Self) -> bool {
        self.store == other.store
            && Rc::ptr_eq(&self.report, &other.report)
            && Rc::ptr_eq(&self.visible, &other.visible)
            && self.locale == other.locale
            && *self.regions == *other.regions
            && self.setup == other.setup
    }
}

impl FormCtx {
    pub fn state(&self) -> &FormState {
        &self.store.0
    }

    /// The hint `key` of the interface texts, followed by the filing province's requirement
    /// for `field` when it has one (a local mobile number, a house number, …).
    pub fn hint_with_province(&self, key: &str, field: crate::hints::HintField) -> AttrValue {
        let text = ui(key, self.locale);
        let draft = &self.state().draft;
        let note = crate::hints::province_hint(
            field,
            &draft.province,
            draft.subject.kind,
            self.setup.rules(),
            self.locale,
        );
        match note {
            Some(note) => AttrValue::from(format!(
                "{text}{}{note}",
                if self.locale == Locale::ZhCn {
                    "；"
                } else {
                    ". "
                }
            )),
            None => AttrValue::Static(text),
        }
    }

    /// Whether the control at `path` is read-only: a correction keeps what the reviewer did
    /// not name as it was sent, unless the rules now find an error there.
    pub fn locked(&self, path: &str) -> bool {
        self.state().locked(path)
            && !self
                .report
                .issues
                .iter()
                .any(|i| i.path == path && i.severity == crate::report::Severity::Error)
    }

    /// The element id of the control for a report path.
    pub fn id(&self, path: &str) -> String {
        field_id(&self.prefix, path)
    }

    /// The visible issues at exactly `path`.
    pub fn issues_at(&self, path: &str) -> FieldIssues {
        self.issues_where(|p| p == path)
    }

    /// The visible issues at `path` and its items (`path[0]`, …).
    pub fn issues_under(&self, path: &str) -> FieldIssues {
        self.issues_where(|p| {
            p == path
                || p.strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('['))
        })
    }

    fn issues_where(&self, keep: impl Fn(&str) -> bool) -> FieldIssues {
        let issues: Vec<Issue> = self
            .visible
            .iter()
            .filter(|i| keep(&i.path))
            .cloned()
            .collect();
        FieldIssues {
            acknowledged: if issues.iter().any(|i| i.severity == Severity::Warning) {
                self.state().draft.acknowledged_warnings.clone()
            } else {
                Vec::new()
            },
            issues,
        }
    }

    /// Starts loading the region data once.
    pub fn want_regions(&self) {
        if *self.regions != RegionData::NotLoaded {
            return;
        }
        self.regions.set(RegionData::Loading);
        let handle = self.regions.clone();
        let url = self.regions_url.to_string();
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = match browser::fetch_text(&url).await {
                Some(text) => js_sys::JSON::parse(&text)
                    .ok()
                    .and_then(|v| Regions::from_value(&crate::web::js::to_json(&v)).ok())
                    .map_or(RegionData::Failed, |r| RegionData::Loaded(Rc::new(r))),
                None => RegionData::Failed,
            };
            if matches!(loaded, RegionData::Failed) {
                web_sys::console::error_1(
                    &format!(
                        "icp-filing: could not load the region data from {url}; serve \
                         icp-filing-regions.json there or set the `regionsUrl` option"
                    )
                    .into(),
                );
            }
            handle.set(loaded);
        });
    }
}

/// The form's context: every control below the widget's root reads the store, the report,
/// ids and the language through this one hook.
#[hook]
pub fn use_form() -> FormCtx {
    use_context::<FormCtx>().expect("a form control rendered outside the widget's root")
}

/// The element id of the input for a report path.
pub fn field_id(prefix: &str, path: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + path.len() + 1);
    id.push_str(prefix);
    id.push('-');
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// Focuses the element with `id` after the current render.
pub fn focus_soon(id: String) {
    gloo::timers::callback::Timeout::new(0, move || {
        browser::focus_by_id(&id);
    })
    .forget();
}

/// Focuses the control for `path` after the current render, or the nearest enclosing
/// control (`websites[0].domains` for `websites[0].domains[3]` when it has no input).
pub fn focus_path_soon(prefix: String, path: String) {
    gloo::timers::callback::Timeout::new(0, move || {
        let mut path = path.as_str();
        loop {
            if browser::focus_by_id(&field_id(&prefix, path)) {
                return;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => return,
            }
        }
    })
    .forget();
}

/// A new filing: the host's `filing`, with its `defaults` where the filing has no value.
fn seed_filing(options: &SharedOptions) -> Filing {
    // With a `receipt`, the host's filing is the one submitted, not the start of a new one.
    let mut filing = match options.receipt {
        Some(_) => Filing::default(),
        None => options.filing.clone().unwrap_or_default(),
    };
    if filing.filing_type.is_none() {
        filing.filing_type = options.default_filing_type;
    }
    if filing.province.is_empty() {
        filing.province = options.default_province.clone().unwrap_or_default();
    }
    filing
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

fn change_detail(state: &FormState, report: &Report) -> ChangeDetail {
    let count = |s: Severity| report.issues.iter().filter(|i| i.severity == s).count();
    ChangeDetail {
        valid: report.ok,
        error_count: count(Severity::Error),
        warning_count: count(Severity::Warning),
        dirty: state.dirty,
        section: state.section.slug(),
    }
}

/// The widget.
#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = {
        let (restored, options) = (props.restored.clone(), props.options.clone());
        use_reducer(move || Store(initial_state(&options, restored.as_deref())))
    };
    // A draft that was sent reopens on its progress, which needs no notice; nor does a draft
    // the host's `receipt` left aside. A correction or a change reopens as itself, under its
    // own notice: its 重新开始 would throw away the only link to the filing it belongs to.
    let notice = use_state(|| {
        props.restored.clone().filter(|saved| {
            saved.submitted.is_none()
                && saved.correction.is_none()
                && saved.baseline.is_none()
                && props
                    .options
                    .receipt
                    .as_ref()
                    .is_none_or(|r| follows(saved, &r.id))
        })
    });
    let other_tab = use_state(|| None::<Rc<SavedDraft>>);
    {
        // Another tab or window of this browser saved the same draft: offer it, rather than
        // let the two overwrite each other unseen.
        let other_tab = other_tab.clone();
        let options = props.options.clone();
        use_effect_with(
            (props.options.draft_key.clone(), props.options.storage),
            move |_| {
                let listener = other_tab_listener(options, other_tab);
                move || drop(listener)
            },
        );
    }
    let summary_focus = use_state(|| 0u32);
    let regions = use_state(|| RegionData::NotLoaded);
    let pointer_held = use_memo((), |_| std::cell::Cell::new(false));
    let locale = props.options.locale;
    let state = &store.0;

    let bridge = props.bridge.clone();
    let setup = props.setup.clone();
    let report: Rc<Report> = {
        let today = props.today;
        use_memo(
            (
                state.draft.clone(),
                locale,
                setup.clone(),
                state.correction.clone(),
            ),
            move |(draft, locale, setup, correction)| {
                let ctx = RuleContext::new(today)
                    .with_locale(*locale)
                    .with_data(setup.rules());
                let report = validate(draft, &ctx);
                // What the reviewer named and the filer has not changed yet.
                match correction {
                    Some(c) => c.amend(report, draft, *locale),
                    None => report,
                }
            },
        )
    };
    bridge.commands.set_latest(&state.draft);
    bridge.commands.set_receipt(match &state.phase {
        Phase::Submitted(receipt) => Some(receipt),
        _ => None,
    });
    let visible: Rc<Vec<Issue>> =
        Rc::new(state.visible_issues(&report).into_iter().cloned().collect());
    // Once per render: the error summary and the title's error flag read the same list.
    let summary_items = summary_items(state, &visible, state.section, locale);

    // Autosave, debounced; flushed when the page is hidden or unloaded.
    {
        let options = props.options.clone();
        let bridge = bridge.clone();
        let dirty = state.dirty;
        let submitted = matches!(state.phase, Phase::Submitted(_));
        use_effect_with(
            (
                state.draft.clone(),
                state.section,
                state.pending.clone(),
                state.correction.clone(),
                state.baseline.clone(),
            ),
            move |(draft, section, attempt, correction, baseline)| {
                let pending = (dirty && !submitted).then(|| {
                    let unsaved = Unsaved {
                        filing: draft.clone(),
                        section: *section,
                        pending: attempt.clone(),
                        correction: correction.clone(),
                        baseline: baseline.clone(),
                    };
                    bridge.autosave.hold(unsaved, options.clone());
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
            },
        );
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

    let ctx = FormCtx {
        store: store.clone(),
        report: report.clone(),
        visible: visible.clone(),
        prefix: Rc::from(props.id_prefix.as_str()),
        locale,
        regions: regions.clone(),
        regions_url: Rc::from(props.options.regions_url.as_str()),
        setup: setup.clone(),
        pointer_held: pointer_held.clone(),
    };

    // Registrar facts from the host's `lookupDomain`: each domain is asked once, after typing
    // pauses; the facts follow the domains the filing holds now (a domain entered again gets
    // its earlier answer back, a removed one loses its facts).
    {
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
                    for domain in unasked {
                        if bridge.domains.asked(&domain) {
                            continue;
                        }
                        bridge.domains.record(domain.clone(), None);
                        let (lookup, store, bridge) =
                            (lookup.clone(), store.clone(), bridge.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Some(facts) =
                                super::registrar::lookup_domain(&lookup, &domain).await
                            {
                                bridge.domains.record(domain, Some(facts.clone()));
                                store.dispatch(Action::DomainFacts(vec![facts]));
                            }
                        });
                    }
                })
            });
            move || drop(pending)
        });
    }

    // Events out.
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
        let bridge = bridge.clone();
        let detail = change_detail(state, &report);
        use_effect_with(detail, move |detail| {
            bridge.events.emit_as_is("change", &js::to_js(detail))
        });
    }
    {
        let bridge = bridge.clone();
        let setup = setup.clone();
        let now = props.now;
        use_effect_with(
            (state.draft.filing_type, state.draft.province.clone(), setup),
            move |(ty, province, setup)| {
                if let Some(ty) = ty {
                    let input = crate::timeline::EstimateInput::new(*ty, province, now);
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

    let root_ref = use_node_ref();
    {
        let bridge = bridge.clone();
        let has_errors = !summary_items.is_empty();
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

    // Commands in: replaced every render so they act on the current state. `submit()` asks
    // for a render first, so a filing set just before it is the one validated and sent.
    let submit_requests = use_state(|| 0u32);
    #[cfg(feature = "test-hooks")]
    let crash = use_state(|| false);
    #[cfg(feature = "test-hooks")]
    if *crash {
        panic!("a panic requested by a test");
    }
    {
        let store = store.clone();
        let options = props.options.clone();
        let bridge_for = bridge.clone();
        let notice = notice.clone();
        let submit_requests = submit_requests.clone();
        #[cfg(feature = "test-hooks")]
        let crash = crash.clone();
        bridge
            .commands
            .set_handler(Callback::from(move |command: Command| match command {
                Command::SetFiling(filing) => store.dispatch(Action::Replace(filing)),
                Command::Reset => {
                    submit::discard_draft(&options, &bridge_for);
                    notice.set(None);
                    store.dispatch(Action::StartOver(Box::new(seed_filing(&options))));
                }
                Command::Submit => submit_requests.set(*submit_requests + 1),
                #[cfg(feature = "test-hooks")]
                Command::Panic => crash.set(true),
            }));
    }
    {
        let (store, report, options) = (store.clone(), report.clone(), props.options.clone());
        let (bridge, summary_focus) = (bridge.clone(), summary_focus.clone());
        use_effect_with(*submit_requests, move |requests| {
            if *requests > 0 {
                submit::request(
                    &store.0,
                    &report,
                    &options,
                    &bridge,
                    dispatcher(&store),
                    show_summary(&summary_focus),
                );
            }
        });
    }
    {
        let bridge = bridge.clone();
        use_effect(move || bridge.commands.run_queued());
    }

    if let Phase::Submitted(receipt) = &state.phase {
        let start_over = {
            let store = store.clone();
            let options = props.options.clone();
            let bridge = bridge.clone();
            let heading_id = format!("{}-heading", props.id_prefix);
            let notice = notice.clone();
            Callback::from(move |_| {
                submit::discard_draft(&options, &bridge);
                notice.set(None);
                store.dispatch(Action::StartOver(Box::new(seed_filing(&options))));
                // The new filing starts at the top: focus its first heading.
                focus_soon(heading_id.clone());
            })
        };
        let heading = format!("{}-heading", props.id_prefix);
        let on_correct = {
            let (store, id, rejected) = (store.clone(), receipt.id.clone(), state.draft.clone());
            let heading = heading.clone();
            Callback::from(move |reasons| {
                store.dispatch(Action::StartCorrection(Box::new(
                    crate::correction::Correction {
                        id: id.clone(),
                        reasons,
                        rejected: rejected.clone(),
                        unlocked: false,
                    },
                )));
                focus_soon(heading.clone());
            })
        };
        let on_change = {
            let (store, filing) = (store.clone(), state.draft.clone());
            Callback::from(move |filing_number| {
                store.dispatch(Action::StartChange(Box::new(crate::correction::Approved {
                    filing_number,
                    filing: filing.clone(),
                })));
                focus_soon(heading.clone());
            })
        };
        let on_approved = {
            let bridge = bridge.clone();
            Callback::from(move |approval: Rc<_>| approved_event(&bridge, &approval))
        };
        return html! {
            <div class="icpf" lang={locale.tag()} ref={root_ref}>
                <timeline::Submitted receipt={receipt.clone()} setup={setup.clone()}
                    wake={bridge.status_wake.clone()} {on_correct} {on_change} {on_approved}
                    status_endpoint={props.options.status_endpoint.clone()} filing={Rc::new(state.draft.clone())}
                    {locale} {start_over} heading_id={format!("{}-heading", props.id_prefix)} estimated_at={props.now} today={props.today}
                    fetch_page={bridge.fetch_page.borrow().clone()} />
            </div>
        };
    }

    let section = state.section;
    let prefix = props.id_prefix.clone();
    let heading_id = format!("{prefix}-heading");
    let summary_id = format!("{prefix}-summary");

    let go_to = {
        let store = store.clone();
        let heading_id = heading_id.clone();
        Callback::from(move |target: Section| {
            store.dispatch(Action::Goto(target));
            focus_soon(heading_id.clone());
        })
    };

    let onsubmit = {
        let store = store.clone();
        let report = report.clone();
        let options = props.options.clone();
        let summary_focus = summary_focus.clone();
        let heading_id = heading_id.clone();
        let bridge = bridge.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let state = &store.0;
            if state.section != Section::Review {
                let ok = section_ok(&report, state.section);
                store.dispatch(Action::Continue { section_ok: ok });
                if ok {
                    focus_soon(heading_id.clone());
                } else {
                    bridge
                        .events
                        .emit("validate", &js::object(&[("report", js::to_js(&*report))]));
                    summary_focus.set(*summary_focus + 1);
                }
                return;
            }
            submit::request(
                &store.0,
                &report,
                &options,
                &bridge,
                dispatcher(&store),
                show_summary(&summary_focus),
            );
        })
    };

    let busy = state.phase == Phase::Submitting;
    let on_follow = {
        let store = store.clone();
        let prefix = prefix.clone();
        Callback::from(move |(target, path): (Section, String)| {
            // From the check page's summary, a fix returns there like a 修改 link.
            if store.0.section == Section::Review {
                store.dispatch(Action::ChangeFromReview(target));
            } else {
                store.dispatch(Action::Goto(target));
            }
            focus_path_soon(prefix.clone(), path);
        })
    };
    let unlock = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::UnlockCorrection))
    };
    let dismiss_notice = {
        let notice = notice.clone();
        Callback::from(move |_| notice.set(None))
    };
    let load_other = {
        let (store, other_tab) = (store.clone(), other_tab.clone());
        Callback::from(move |_| {
            if let Some(saved) = (*other_tab).as_deref() {
                store.dispatch(Action::Resume(Box::new(resumed(saved))));
            }
            other_tab.set(None);
        })
    };
    let keep_mine = {
        let (other_tab, bridge, options) =
            (other_tab.clone(), bridge.clone(), props.options.clone());
        let store = store.clone();
        Callback::from(move |_| {
            // This page's filing goes back into storage at once.
            let state = &store.0;
            let unsaved = Unsaved {
                filing: state.draft.clone(),
                section: state.section,
                pending: state.pending.clone(),
                correction: state.correction.clone(),
                baseline: state.baseline.clone(),
            };
            bridge.autosave.hold(unsaved, options.clone());
            bridge.autosave.save();
            other_tab.set(None);
        })
    };
    let start_over = {
        let store = store.clone();
        let notice = notice.clone();
        let options = props.options.clone();
        let bridge = bridge.clone();
        let heading_id = heading_id.clone();
        Callback::from(move |_| {
            submit::discard_draft(&options, &bridge);
            notice.set(None);
            store.dispatch(Action::StartOver(Box::new(seed_filing(&options))));
            // The notice and its button are gone: focus the start of the form.
            focus_soon(heading_id.clone());
        })
    };

    // Messages of a field left by a click appear once the click is over (a pointer press
    // blurs the field before the click lands); a key press ends any press that never
    // became a click.
    let onpointerdown = {
        let held = pointer_held.clone();
        Callback::from(move |_: PointerEvent| held.set(true))
    };
    let release = {
        let store = store.clone();
        move |later: bool| {
            if !pointer_held.replace(false) {
                return;
            }
            let store = store.clone();
            let reveal = move || store.dispatch(Action::RevealHeld);
            if later {
                gloo::timers::callback::Timeout::new(0, reveal).forget();
            } else {
                reveal();
            }
        }
    };
    let onclick = {
        let release = release.clone();
        Callback::from(move |_: MouseEvent| release(true))
    };
    let onkeydown = Callback::from(move |_: KeyboardEvent| release(false));

    let page = match section {
        Section::Basics => html! { <sections::BasicsPage /> },
        Section::Subject => html! { <sections::SubjectPage /> },
        Section::Services => html! { <sections::ServicesPage /> },
        Section::Review => {
            let on_change = {
                let store = store.clone();
                let heading_id = heading_id.clone();
                Callback::from(move |target: Section| {
                    store.dispatch(Action::ChangeFromReview(target));
                    focus_soon(heading_id.clone());
                })
            };
            html! { <review::ReviewPage {on_change} now={props.now} /> }
        }
    };
    let button = match (section, &state.phase) {
        (Section::Review, Phase::Submitting) => "submitting",
        (Section::Review, Phase::Failed(_)) => "retry",
        (Section::Review, _) if state.correction.is_some() => "submit.correction",
        (Section::Review, _) => "submit",
        _ if state.returning_to_review => "continue.toReview",
        _ => "continue",
    };
    let summary_title = if state.server_report.is_some() {
        "summary.server"
    } else {
        "summary.title"
    };

    html! {
        <ContextProvider<FormCtx> context={ctx}>
            <div class="icpf" lang={locale.tag()} ref={root_ref} {onpointerdown} {onclick} {onkeydown}>
                { restore_notice((*notice).as_deref(), locale, dismiss_notice, start_over) }
                { other_tab_notice((*other_tab).as_deref().filter(|saved| saved.submitted.is_some() || saved.filing != state.draft), locale, load_other, keep_mine) }
                <div class={classes!("icpf-layout", (section == Section::Review).then_some("icpf-layout-wide"))}>
                    <TaskList current={section} statuses={Section::ALL.map(|s| state.status(s, &report))} {locale} on_select={go_to.clone()} />
                    <form class="icpf-panel icpf-main" novalidate=true onsubmit={onsubmit} aria-busy={busy.to_string()}>
                        <h2 class="icpf-heading" id={heading_id.clone()} tabindex="-1">
                            <span class="icpf-step">{ format!("{}/4", section.index() + 1) }</span>
                            { ui(section_title(section), locale) }
                        </h2>
                        { followup::correction_notice(state, locale, &on_follow, unlock) }
                        <ErrorSummary items={summary_items} title={ui(summary_title, locale)}
                            focus_request={*summary_focus} id={summary_id} current={section} {on_follow} />
                        { page }
                        { failure_notice(&state.phase, locale) }
                        if section == Section::Review {
                            { earlier_attempt_notice(state, &report.ruleset_version, locale) }
                        }
                        <div class="icpf-actions">
                            <button type="submit" class="icpf-button" disabled={busy}>{ ui(button, locale) }</button>
                        </div>
                    </form>
                    // The check page carries the timeline itself.
                    if section != Section::Review {
                        <timeline::TimelinePanel filing_type={state.draft.filing_type} setup={setup.clone()}
                            province={state.draft.province.clone()} now={props.now} {locale}
                            id={format!("{prefix}-timeline")} />
                    }
                </div>
            </div>
        </ContextProvider<FormCtx>>
    }
}

/// `approved`: the filing's numbers and its upkeep calendar (see [`crate::aftercare`]).
fn approved_event(
    bridge: &BridgeRef,
    (approval, upkeep): &(
        crate::aftercare::Approval,
        Vec<crate::aftercare::UpkeepItem>,
    ),
) {
    // Filing numbers are public (every site shows its own): not masked like identity numbers.
    bridge.events.emit_as_is(
        "approved",
        &js::object(&[
            ("filingNumber", approval.filing_number.as_str().into()),
            ("serviceNumbers", js::to_js(&approval.service_numbers)),
            ("approvedOn", approval.approved_on.as_str().into()),
            ("upkeep", js::to_js(upkeep)),
        ]),
    );
}

/// The store's dispatcher as a callback, for the boundary to report outcomes with.
fn dispatcher(store: &UseReducerHandle<Store>) -> Callback<Action> {
    let dispatcher = store.dispatcher();
    Callback::from(move |action| dispatcher.dispatch(action))
}

/// Moves focus to the error summary (after the next render).
fn show_summary(summary_focus: &UseStateHandle<u32>) -> Callback<()> {
    let summary_focus = summary_focus.clone();
    Callback::from(move |()| summary_focus.set(*summary_focus + 1))
}

/// The error summary's items: on a section page its visible errors; on the check page every
/// error and unconfirmed warning of the filing. Identical messages (an individual's identity
/// appears as subject, principal and responsible person) are listed once, so every link in
/// the summary reads differently; field labels in messages keep distinct fields apart
/// (请填写网站名称, 请填写姓名).
fn summary_items(
    state: &FormState,
    visible: &[Issue],
    section: Section,
    locale: Locale,
) -> Vec<SummaryItem> {
    let shown = state.submit_attempted || state.continued.contains(&section);
    if !shown {
        return Vec::new();
    }
    let acknowledged = &state.draft.acknowledged_warnings;
    let individual = state.draft.subject.kind == Some(crate::model::SubjectKind::Individual);
    let mut seen_messages = std::collections::HashSet::new();
    let mut seen_controls = std::collections::HashSet::new();
    visible
        .iter()
        .filter(|i| section == Section::Review || Section::of_path(&i.path) == section)
        .filter(|i| {
            i.severity == Severity::Error
                || (section == Section::Review && !acknowledged.contains(&i.acknowledgement_key()))
        })
        .map(|i| (i, state.control_path(&i.path)))
        .filter(|(i, control)| seen_controls.insert((control.clone(), i.code.clone())))
        .map(|(i, control)| {
            // Several persons have the same fields: say whose it is (an individual's own
            // contact details are simply theirs).
            let whose = crate::messages::whose(&control, locale)
                .filter(|_| !(individual && control.starts_with("subject.principal")));
            // 「主体负责人 · 请填写手机号码」, like the check page's 「网站 1 · 网站名称」.
            let message = match whose {
                Some(who) => format!("{} · {}", sections::capitalized(&who), i.message),
                None => i.message.clone(),
            };
            (i, control, message)
        })
        .filter(|(_, _, message)| seen_messages.insert(message.clone()))
        .map(|(i, control, message)| SummaryItem {
            section: Section::of_path(&control),
            path: control,
            message: if i.severity == Severity::Warning {
                format!("{}{message}", ui("summary.confirm", locale))
            } else {
                message
            },
        })
        .collect()
}

fn section_title(section: Section) -> &'static str {
    match section {
        Section::Basics => "section.basics",
        Section::Subject => "section.subject",
        Section::Services => "section.services",
        Section::Review => "section.review",
    }
}

fn status_text(status: SectionStatus) -> &'static str {
    match status {
        SectionStatus::NotStarted => "status.notStarted",
        SectionStatus::InProgress => "status.inProgress",
        SectionStatus::HasProblems => "status.hasProblems",
        SectionStatus::Complete => "status.complete",
    }
}

#[derive(Properties, PartialEq)]
struct TaskListProps {
    current: Section,
    statuses: [SectionStatus; 4],
    locale: Locale,
    on_select: Callback<Section>,
}

/// The sections with their status; each opens its page.
#[component(TaskList)]
fn task_list(props: &TaskListProps) -> Html {
    let locale = props.locale;
    html! {
        <nav class="icpf-tasks" aria-label={ui("tasks.label", locale)}>
            <ol class="icpf-task-list">
                { for Section::ALL.into_iter().zip(props.statuses).map(|(section, status)| {
                    let onclick = {
                        let cb = props.on_select.clone();
                        Callback::from(move |_: MouseEvent| cb.emit(section))
                    };
                    let current = section == props.current;
                    html! {
                        <li class={classes!("icpf-task", current.then_some("icpf-task-current"))}>
                            <button type="button" class="icpf-task-button" data-section={section.slug()}
                                aria-current={current.then_some("step")} {onclick}>
                                <span class="icpf-task-name">{ format!("{}. {}", section.index() + 1, ui(section_title(section), locale)) }</span>
                                <span class={format!("icpf-tag icpf-tag-{}", status.slug())}>{ ui(status_text(status), locale) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}

fn restore_notice(
    saved: Option<&SavedDraft>,
    locale: Locale,
    dismiss: Callback<MouseEvent>,
    start_over: Callback<MouseEvent>,
) -> Html {
    let Some(saved) = saved else {
        return html! {};
    };
    let when = saved_when(saved, locale);
    if saved.expired {
        return html! {
            <div class="icpf-notice icpf-notice-warning" role="status">
                <p>{ ui("draft.expired", locale).replace("{time}", &when) }</p>
                <div class="icpf-notice-actions">
                    <button type="button" class="icpf-button icpf-button-secondary icpf-button-small" onclick={dismiss}>{ ui("draft.dismiss", locale) }</button>
                </div>
            </div>
        };
    }
    html! {
        <div class="icpf-notice icpf-notice-info" role="status">
            <p>{ ui("draft.restored", locale).replace("{time}", &when) }</p>
            <div class="icpf-notice-actions">
                <button type="button" class="icpf-button icpf-button-secondary icpf-button-small" onclick={dismiss}>{ ui("draft.keep", locale) }</button>
                <button type="button" class="icpf-link-button" onclick={start_over}>{ ui("draft.startOver", locale) }</button>
            </div>
        </div>
    }
}

/// On the check page, after a submission that may have arrived unanswered: whether sending
/// again is safe (same filing, same key) or would send a second filing.
fn earlier_attempt_notice(state: &FormState, ruleset_version: &str, locale: Locale) -> Html {
    if state.pending.as_ref().is_none_or(|p| !p.uncertain) {
        return html! {};
    }
    let when = state
        .pending
        .as_ref()
        .and_then(|p| crate::dates::parse_cst_datetime(&p.started_at).ok())
        .map(crate::dates::format_minutes)
        .unwrap_or_default();
    match state.earlier_attempt(&submit::body(&state.draft, ruleset_version)) {
        Some(EarlierAttempt::SameFiling) => html! {
            <div class="icpf-notice icpf-notice-info" role="status">
                <p>{ ui("earlier.same", locale) }</p>
            </div>
        },
        Some(EarlierAttempt::Changed) => html! {
            <div class="icpf-notice icpf-notice-warning" role="status">
                <p>{ ui("earlier.changed", locale).replace("{time}", &when) }</p>
            </div>
        },
        None => html! {},
    }
}

fn failure_notice(phase: &Phase, locale: Locale) -> Html {
    match phase {
        Phase::Failed(message) => html! {
            <div class="icpf-notice icpf-notice-error" role="alert">
                <p>{ ui("failed", locale) }{ message }</p>
                <p>{ ui("failed.kept", locale) }</p>
            </div>
        },
        _ => html! {},
    }
}

/// What the widget opens on: the host's `receipt` (unless the stored draft is the latest of
/// that filing), else the stored draft, else a new filing. An expired draft was deleted on
/// load, and the notice says so.
pub fn initial_state(options: &SharedOptions, restored: Option<&SavedDraft>) -> FormState {
    let restored = restored.filter(|saved| !saved.expired);
    match (&options.receipt, restored) {
        (Some(receipt), Some(saved)) if follows(saved, &receipt.id) => resumed(saved),
        (Some(receipt), _) => {
            let mut state = FormState::new(options.filing.clone().unwrap_or_default());
            state.phase = Phase::Submitted(receipt.clone());
            state
        }
        (None, Some(saved)) => resumed(saved),
        (None, None) => FormState::new(seed_filing(options)),
    }
}

/// Whether a saved draft is the filing `id`: its progress, or its correction.
fn follows(saved: &SavedDraft, id: &str) -> bool {
    saved.submitted.as_ref().is_some_and(|r| r.id == id)
        || saved.correction.as_ref().is_some_and(|c| c.id == id)
}

/// The form state a saved draft reopens as.
fn resumed(saved: &SavedDraft) -> FormState {
    let mut state = FormState::resume(
        saved.filing.clone(),
        Section::from_slug(&saved.section).unwrap_or_default(),
        saved.pending.clone(),
    );
    // A correction or change filing reopens as one: every section was sent.
    if saved.correction.is_some() || saved.baseline.is_some() {
        state.visited = Section::ALL.into_iter().collect();
        state.correction = saved.correction.clone();
        state.baseline = saved.baseline.clone();
    }
    if let Some(receipt) = &saved.submitted {
        state.pending = None;
        state.phase = Phase::Submitted(receipt.clone());
    }
    state
}

/// Listens for `storage` events of this widget's draft key, written by another tab or window
/// (the browser sends them only there); a draft that is not expired is offered.
fn other_tab_listener(
    options: SharedOptions,
    offer: UseStateHandle<Option<Rc<SavedDraft>>>,
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
            let Some(text) = get("newValue").and_then(|v| v.as_string()) else {
                return;
            };
            if let Some(saved) =
                crate::draft::decode(&text, browser::now_in_china(), &js::BrowserJson)
                    .filter(|saved| !saved.expired)
            {
                offer.set(Some(Rc::new(saved)));
            }
        },
    ))
}

/// When a draft was saved, as the notices say it.
fn saved_when(saved: &SavedDraft, locale: Locale) -> String {
    saved
        .saved_at
        .map(crate::dates::format_minutes)
        .unwrap_or_else(|| ui("draft.earlier", locale).to_owned())
}

/// The offer of a draft another tab saved.
fn other_tab_notice(
    saved: Option<&SavedDraft>,
    locale: Locale,
    load: Callback<MouseEvent>,
    keep: Callback<MouseEvent>,
) -> Html {
    let Some(saved) = saved else {
        return html! {};
    };
    // Sent from the other tab: its progress is offered, so the same filing is not sent twice.
    let (text, load_label) = match &saved.submitted {
        Some(receipt) => (
            ui("draft.otherTabSent", locale).replace("{id}", &receipt.id),
            ui("draft.loadSent", locale),
        ),
        None => (
            ui("draft.otherTab", locale).replace("{time}", &saved_when(saved, locale)),
            ui("draft.loadOther", locale),
        ),
    };
    html! {
        <div class="icpf-notice icpf-notice-warning" role="alert">
            <p>{ text }</p>
            <div class="icpf-notice-actions">
                <button type="button" class="icpf-button icpf-button-secondary icpf-button-small" onclick={load}>{ load_label }</button>
                <button type="button" class="icpf-link-button" onclick={keep}>{ ui("draft.keepMine", locale) }</button>
            </div>
        </div>
    }
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
