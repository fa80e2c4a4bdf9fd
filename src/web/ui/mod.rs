//! The widget's Yew components. One reducer holds the [`FormState`]; the report is derived
//! from the draft and never stored. Section pages read the [`FormCtx`] context and hand each
//! control its value, id, issues and lock as props ([`FormCtx::field`]); controls dispatch
//! typed edits of their field ([`crate::form::FieldPath`]).
//!
//! Layout: the task list (sections with their status), the current section's page, and the
//! timeline panel (a side column on wide screens, collapsible on narrow ones).

mod fields;
mod followup;
mod hooks;
mod review;
mod sections;
mod summary;
mod timeline;

use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use yew::prelude::*;

use super::bridge::{BridgeRef, Setup, Unsaved};
use super::browser;
use super::js;
use super::submit;
use super::SharedOptions;
use crate::draft::SavedDraft;
use crate::form::{
    section_ok, Action, EarlierAttempt, FieldPath, FormState, Phase, Receipt, Section,
    SectionStatus,
};
use crate::messages::{ui, Locale};
use crate::model::Filing;
use crate::regions::Regions;
use crate::report::{Issue, Severity};
use fields::{FieldCtx, FieldEnv, FieldIssues};
use hooks::{
    use_autosave, use_commands, use_host_events, use_other_tab_offer, use_registrar_lookups,
    use_report, use_required, use_restore_notice, LazyReport, RequiredFields,
};
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
    /// The draft restored from storage, if any: this tab's own, kept aside, when the bridge
    /// holds a filing another tab sent under the same key (`Autosave::sent_elsewhere`).
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
    pub report: Rc<LazyReport>,
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
    /// The check page's 修改 link the filer left by: it takes the focus again when they
    /// come back with 保存并返回核对, instead of the top of the page.
    pub review_return: Rc<std::cell::RefCell<Option<String>>>,
    /// The fields the filing must have filled, marked as required.
    pub required: Rc<RequiredFields>,
}

impl PartialEq for FormCtx {
    fn eq(&self, other: &Self) -> bool {
        self.store == other.store
            && Rc::ptr_eq(&self.report, &other.report)
            && Rc::ptr_eq(&self.visible, &other.visible)
            && Rc::ptr_eq(&self.required, &other.required)
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
            // The hint's own full stop gives way to the joint (…说明。；上海市… read twice).
            Some(note) => AttrValue::from(format!(
                "{}{}{note}",
                text.trim_end_matches(['。', '.']),
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

    /// The handles a control acts through (see [`FieldEnv`]).
    pub fn env(&self) -> FieldEnv {
        FieldEnv {
            locale: self.locale,
            dispatch: self.store.dispatcher(),
            pointer_held: self.pointer_held.clone(),
        }
    }

    /// What the control of `path` shows besides its value: its id, its issues, whether it
    /// is locked.
    pub fn field(&self, path: FieldPath) -> FieldCtx {
        let at = path.to_string();
        let issues = self.issues_at(&at);
        self.field_with(path, &at, issues)
    }

    /// [`FormCtx::field`] for a list control, with the issues of its items
    /// (`serviceContent[2]`).
    pub fn field_under(&self, path: FieldPath) -> FieldCtx {
        let at = path.to_string();
        let issues = self.issues_under(&at);
        self.field_with(path, &at, issues)
    }

    fn field_with(&self, path: FieldPath, at: &str, issues: FieldIssues) -> FieldCtx {
        FieldCtx {
            path,
            id: self.id(at),
            issues,
            locked: self.locked(at),
            required: self.required.contains(at),
            env: self.env(),
        }
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

/// The form's context: section pages and panels below the widget's root read the store, the
/// report, ids and the language through this one hook (controls get theirs as props).
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

/// Focuses a page's heading (`h2`, `tabindex="-1"`) after the current render, scrolled to
/// the top of the window unless it is in the window's top third already: on a phone, a new
/// section's heading would otherwise sit at the bottom of the screen with its fields below.
pub fn focus_heading_soon(id: String) {
    gloo::timers::callback::Timeout::new(0, move || {
        browser::focus_heading(&id);
    })
    .forget();
}

/// The id of the form's continue / submit button.
pub fn submit_button_id(prefix: &str) -> String {
    format!("{prefix}-submit")
}

/// Focuses the control for `path` after the current render, or the 长期有效 box beside a
/// validity date it disables, or the nearest enclosing control (`websites[0].domains` for
/// `websites[0].domains[3]` when it has no input).
pub fn focus_path_soon(prefix: String, path: String) {
    gloo::timers::callback::Timeout::new(0, move || {
        let mut path = path.as_str();
        loop {
            let id = field_id(&prefix, path);
            if browser::focus_by_id(&id) || browser::focus_by_id(&format!("{id}-long-term")) {
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
pub(crate) fn seed_filing(options: &SharedOptions) -> Filing {
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

/// Starts a new filing: the saved draft is deleted, the restored-draft notice goes, and the
/// form opens on the host's `filing` and `defaults`.
fn start_new_filing(
    store: &UseReducerHandle<Store>,
    options: &SharedOptions,
    bridge: &BridgeRef,
    notice: &UseStateHandle<Option<Rc<SavedDraft>>>,
) {
    submit::discard_draft(options, bridge);
    notice.set(None);
    store.dispatch(Action::StartOver(Box::new(seed_filing(options))));
}

/// The widget.
#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = {
        let (restored, options) = (props.restored.clone(), props.options.clone());
        use_reducer(move || Store(initial_state(&options, restored.as_deref())))
    };
    // This tab's own draft, reopened beside a filing another tab sent, is under that offer
    // instead: its 重新开始 would delete the other tab's receipt.
    let notice = use_restore_notice(
        props
            .restored
            .as_ref()
            .filter(|_| props.bridge.autosave.sent_elsewhere.borrow().is_none()),
        &props.options,
    );
    {
        // Once the draft is sent, the notice about how it was restored is over: a correction
        // reopened later must not offer 重新开始, which would drop the link to the filing.
        let notice = notice.clone();
        let sent = matches!(store.0.phase, Phase::Submitted(_));
        use_effect_with(sent, move |sent| {
            if *sent && notice.is_some() {
                notice.set(None);
            }
        });
    }
    let other_tab = use_other_tab_offer(&props.options, &props.bridge);
    let feedback = SubmitFeedback {
        summary_focus: use_state(|| 0u32),
        registrar_wait: use_state(|| false),
    };
    let regions = use_state(|| RegionData::NotLoaded);
    let pointer_held = use_memo((), |_| std::cell::Cell::new(false));
    let review_return = use_memo((), |_| std::cell::RefCell::new(None::<String>));
    let root_ref = use_node_ref();
    let locale = props.options.locale;
    let state = &store.0;

    let bridge = &props.bridge;
    let report = use_report(state, locale, &props.setup, props.today);
    let required = use_required(state, &props.setup, props.today);
    bridge.commands.set_latest(&state.draft);
    bridge.commands.set_receipt(match &state.phase {
        Phase::Submitted(receipt) => Some(receipt),
        _ => None,
    });
    let visible: Rc<Vec<Issue>> = Rc::new(
        state
            .visible_issues(&*report)
            .into_iter()
            .cloned()
            .collect(),
    );
    // Once per render: the error summary and the title's error flag read the same list.
    let summary_items = summary_items(state, &visible, state.section, locale);

    use_autosave(state, bridge, &props.options);
    use_registrar_lookups(&store, bridge);
    use_host_events(
        bridge,
        state,
        &report,
        &props.setup,
        props.now,
        !summary_items.is_empty(),
    );
    use_commands(&store, &report, bridge, &props.options, &notice, &feedback);

    // Opened on a submitted filing (a `receipt` option, a restored progress), the widget
    // leaves the host page's focus alone; after a submission in this session it moves focus
    // to the receipt's heading.
    let opened_on_receipt = use_mut_ref(|| matches!(state.phase, Phase::Submitted(_)));
    if let Phase::Submitted(receipt) = &state.phase {
        let take_focus = !*opened_on_receipt.borrow();
        return submitted_view(props, &store, receipt, &notice, root_ref, take_focus);
    }
    *opened_on_receipt.borrow_mut() = false;
    let ctx = FormCtx {
        store: store.clone(),
        report,
        visible,
        prefix: Rc::from(props.id_prefix.as_str()),
        locale,
        regions,
        regions_url: Rc::from(props.options.regions_url.as_str()),
        setup: props.setup.clone(),
        pointer_held,
        review_return,
        required,
    };
    form_view(
        props,
        ctx,
        summary_items,
        &notice,
        &other_tab,
        &feedback,
        root_ref,
    )
}

/// The page of a filing that was sent: its progress, and from there a correction, a change
/// filing or a new filing.
fn submitted_view(
    props: &AppProps,
    store: &UseReducerHandle<Store>,
    receipt: &Receipt,
    notice: &UseStateHandle<Option<Rc<SavedDraft>>>,
    root_ref: NodeRef,
    take_focus: bool,
) -> Html {
    let state = &store.0;
    let locale = props.options.locale;
    let bridge = &props.bridge;
    let heading_id = format!("{}-heading", props.id_prefix);
    let start_over = {
        let (store, options, bridge) = (store.clone(), props.options.clone(), bridge.clone());
        let (notice, heading_id) = (notice.clone(), heading_id.clone());
        Callback::from(move |_| {
            start_new_filing(&store, &options, &bridge, &notice);
            // The new filing starts at the top: focus its first heading.
            focus_heading_soon(heading_id.clone());
        })
    };
    let on_correct = {
        let (store, id, rejected) = (store.clone(), receipt.id.clone(), state.draft.clone());
        let heading_id = heading_id.clone();
        Callback::from(move |reasons: Vec<crate::correction::RejectionReason>| {
            store.dispatch(Action::StartCorrection(Box::new(
                crate::correction::Correction {
                    id: id.clone(),
                    // A return naming nothing leaves the filer to choose what to change.
                    unlocked: reasons.is_empty(),
                    reasons,
                    rejected: rejected.clone(),
                },
            )));
            focus_heading_soon(heading_id.clone());
        })
    };
    let on_change = {
        let (store, filing) = (store.clone(), state.draft.clone());
        let heading_id = heading_id.clone();
        Callback::from(move |approval: crate::aftercare::Approval| {
            // Each website and APP carries the number it was given, as a change names them.
            let mut filing = filing.clone();
            for s in &approval.service_numbers {
                if let Some(path) = FieldPath::parse(&format!("{}.filingNumber", s.service)) {
                    path.set(&mut filing, crate::form::FieldValue::Text(s.number.clone()));
                }
            }
            store.dispatch(Action::StartChange(Box::new(crate::correction::Approved {
                filing_number: approval.filing_number,
                filing,
            })));
            focus_heading_soon(heading_id.clone());
        })
    };
    let on_approved = {
        let bridge = bridge.clone();
        Callback::from(move |approval: Rc<_>| approved_event(&bridge, &approval))
    };
    html! {
        <div class="icpf" lang={locale.tag()} ref={root_ref}>
            <timeline::Submitted receipt={receipt.clone()} setup={props.setup.clone()}
                wake={bridge.status_wake.clone()} {on_correct} {on_change} {on_approved}
                status_endpoint={props.options.status_endpoint.clone()} filing={Rc::new(state.draft.clone())}
                {locale} {start_over} {heading_id} {take_focus} estimated_at={props.now} today={props.today}
                fetch_page={bridge.fetch_page.borrow().clone()} />
        </div>
    }
}

/// The form: the notices about saved drafts, the task list, the current section's page with
/// its error summary, and the timeline panel.
fn form_view(
    props: &AppProps,
    ctx: FormCtx,
    summary_items: Vec<SummaryItem>,
    notice: &UseStateHandle<Option<Rc<SavedDraft>>>,
    other_tab: &UseStateHandle<Option<Rc<SavedDraft>>>,
    feedback: &SubmitFeedback,
    root_ref: NodeRef,
) -> Html {
    let (store, report) = (ctx.store.clone(), ctx.report.clone());
    let (pointer_held, setup) = (ctx.pointer_held.clone(), ctx.setup.clone());
    let state = &store.0;
    let locale = ctx.locale;
    let bridge = &props.bridge;
    let section = state.section;
    let prefix = props.id_prefix.clone();
    let heading_id = format!("{prefix}-heading");
    let summary_id = format!("{prefix}-summary");

    let go_to = open_section(&store, &heading_id, Action::Goto);

    let onsubmit = {
        let store = store.clone();
        let report = report.clone();
        let options = props.options.clone();
        let feedback = feedback.clone();
        let heading_id = heading_id.clone();
        let bridge = bridge.clone();
        let review_return = ctx.review_return.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let state = &store.0;
            if state.section != Section::Review {
                let ok = section_ok(&report, state.section);
                let back_to_review = state.returning_to_review;
                store.dispatch(Action::Continue { section_ok: ok });
                if ok {
                    match review_return.take().filter(|_| back_to_review) {
                        Some(link) => focus_soon(link),
                        None => focus_heading_soon(heading_id.clone()),
                    }
                } else {
                    bridge
                        .events
                        .emit("validate", &js::object(&[("report", js::to_js(&**report))]));
                    feedback.focus_summary();
                }
                return;
            }
            request_submit(&store, &report, &options, &bridge, &feedback);
        })
    };

    // Waiting for the registrar is part of sending: the button and the status region say so.
    let busy = state.phase == Phase::Submitting || *feedback.registrar_wait;
    let on_follow = {
        let store = store.clone();
        let prefix = prefix.clone();
        let review_return = ctx.review_return.clone();
        Callback::from(move |(target, path): (Section, String)| {
            // From the check page's summary, a fix returns there like a 修改 link (to the top
            // of the page: the summary may be gone by then).
            review_return.take();
            if store.0.section == Section::Review {
                store.dispatch(Action::ChangeFromReview(target));
            } else {
                store.dispatch(Action::Goto(target));
            }
            focus_path_soon(prefix.clone(), path);
        })
    };
    let unlocked_id = format!("{prefix}-unlocked");
    let unlock = {
        let store = store.clone();
        let unlocked_id = unlocked_id.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::UnlockCorrection);
            // The button is gone: the sentence that replaces it says what changed.
            focus_soon(unlocked_id.clone());
        })
    };
    let dismiss_notice = {
        let (notice, heading_id) = (notice.clone(), heading_id.clone());
        // The button goes with the notice: the focus goes on to the section it was over.
        Callback::from(move |_| {
            notice.set(None);
            focus_heading_soon(heading_id.clone());
        })
    };
    let load_other = {
        let (store, other_tab, bridge) = (store.clone(), other_tab.clone(), bridge.clone());
        let options = props.options.clone();
        Callback::from(move |_| {
            bridge.autosave.end_elsewhere(&options);
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
            // This page's filing goes back into storage at once: the filer chose it over the
            // one sent there.
            bridge.autosave.end_elsewhere(&options);
            bridge.autosave.hold(Unsaved::of(&store.0), options.clone());
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
            start_new_filing(&store, &options, &bridge, &notice);
            // The notice and its button are gone: focus the start of the form.
            focus_heading_soon(heading_id.clone());
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
            let on_change = open_section(&store, &heading_id, Action::ChangeFromReview);
            html! { <review::ReviewPage {on_change} now={props.now} /> }
        }
    };
    let button = match (section, &state.phase) {
        (Section::Review, _) if busy => "submitting",
        (Section::Review, Phase::Failed { retry: true, .. }) => "retry",
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
    let just_left = left_field_messages(&ctx, locale);

    html! {
        <ContextProvider<FormCtx> context={ctx}>
            <div class="icpf" lang={locale.tag()} ref={root_ref} {onpointerdown} {onclick} {onkeydown}>
                { restore_notice((*notice).as_deref().filter(|_| state.correction.is_none() && state.baseline.is_none()), locale, dismiss_notice, start_over) }
                // A filing sent there is offered until this tab opens it (here, or by sending
                // the same filing) or keeps its own.
                { other_tab_notice((*other_tab).as_deref().filter(|saved| match saved.submitted {
                    Some(_) => bridge.autosave.sent_elsewhere.borrow().is_some(),
                    None => saved.filing != state.draft,
                }), locale, load_other, keep_mine) }
                <div class={classes!("icpf-layout", (section == Section::Review).then_some("icpf-layout-wide"))}>
                    <TaskList current={section} statuses={Section::ALL.map(|s| state.status(s, &*report))} {locale} on_select={go_to.clone()} />
                    // The check page carries the timeline itself. Placed by the grid (beside the
                    // form, or above it on a phone), it comes before the form in the page, so
                    // that on a phone its toggle is reached where it is seen.
                    if section != Section::Review {
                        <timeline::TimelinePanel filing_type={state.draft.filing_type} change_scope={state.draft.change_scope} subject_kind={state.draft.subject.kind}
                            setup={setup.clone()}
                            province={state.draft.province.clone()} now={props.now} {locale}
                            id={format!("{prefix}-timeline")} />
                    }
                    <form class="icpf-panel icpf-main" novalidate=true onsubmit={onsubmit} aria-busy={busy.to_string()}>
                        <h2 class="icpf-heading" id={heading_id.clone()} tabindex="-1">
                            <span class="icpf-step">{ format!("{}/4", section.index() + 1) }</span>
                            { ui(section_title(section), locale) }
                        </h2>
                        { followup::correction_notice(state, &report, locale, &on_follow, unlock, &unlocked_id) }
                        <ErrorSummary items={summary_items} title={ui(summary_title, locale)}
                            focus_request={*feedback.summary_focus} id={summary_id} current={section} {on_follow} />
                        if section != Section::Review {
                            <p class="icpf-required-note">{ ui("required.note", locale) }</p>
                        }
                        { page }
                        // The button's label changes too, but a label change on the focused
                        // button is not announced: the status region says it once.
                        <div class="icpf-visually-hidden" role="status">
                            if busy { { ui("submitting", locale) } } else { { marked_text(&just_left, locale) } }
                        </div>
                        { failure_notice(&state.phase, locale) }
                        if section == Section::Review {
                            { earlier_attempt_notice(state, &report.ruleset_version, locale) }
                        }
                        <div class="icpf-actions">
                            // aria-disabled, not disabled: a disabled button drops the focus to the page,
                            // and the filer's place with it; a press while sending is ignored.
                            <button type="submit" class="icpf-button" id={submit_button_id(&prefix)} aria-disabled={busy.then_some("true")}>{ ui(button, locale) }</button>
                        </div>
                    </form>
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

/// What a request to submit shows at once: the error summary, focused again for each
/// request that finds problems, and the wait for the registrar's answers about the filing's
/// domains (up to 2 s), shown as sending.
#[derive(Clone)]
pub struct SubmitFeedback {
    summary_focus: UseStateHandle<u32>,
    registrar_wait: UseStateHandle<bool>,
}

impl SubmitFeedback {
    fn focus_summary(&self) {
        self.summary_focus.set(*self.summary_focus + 1);
    }
}

/// Validates and sends the filing ([`submit::request`]): the outcome goes to the store, and
/// problems move focus to the error summary (after the next render).
fn request_submit(
    store: &UseReducerHandle<Store>,
    report: &Rc<LazyReport>,
    options: &SharedOptions,
    bridge: &BridgeRef,
    feedback: &SubmitFeedback,
) {
    // Registrar facts for a domain typed (or set by the host) moments ago are asked now, and
    // a filing otherwise ready goes once they are in (or the wait ends): the rules check
    // them before it is sent.
    let ready = report.ok && matches!(store.0.phase, Phase::Editing | Phase::Failed { .. });
    let filed = store.0.filed_domains();
    let hold = ready.then(|| bridge.domains.hold_submission(&filed));
    if let Some((unasked, started)) = hold.flatten() {
        if let Some(lookup) = bridge.domains.lookup.borrow().clone() {
            hooks::ask_domains(&lookup, unasked, store, bridge);
        }
        if let Some(started) = started {
            let bridge = bridge.clone();
            gloo::timers::callback::Timeout::new(super::bridge::SUBMISSION_WAIT_MS, move || {
                if bridge.domains.end_wait(started) {
                    bridge.command(super::Command::Submit);
                }
            })
            .forget();
        }
        feedback.registrar_wait.set(true);
        return;
    }
    feedback.registrar_wait.set(false);
    let dispatcher = store.dispatcher();
    let feedback = feedback.clone();
    submit::request(
        &store.0,
        report,
        options,
        bridge,
        Callback::from(move |action| dispatcher.dispatch(action)),
        Callback::from(move |()| feedback.focus_summary()),
    );
    bridge.request_handled();
}

/// Opens a section through `action` (from the task list, or a check page's 修改 link) and
/// focuses its heading.
fn open_section(
    store: &UseReducerHandle<Store>,
    heading_id: &str,
    action: fn(Section) -> Action,
) -> Callback<Section> {
    let (store, heading_id) = (store.clone(), heading_id.to_owned());
    Callback::from(move |target: Section| {
        store.dispatch(action(target));
        focus_heading_soon(heading_id.clone());
    })
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
    let (mut errors, warnings) = visible
        .iter()
        .filter(|i| section == Section::Review || Section::of_path(&i.path) == section)
        .filter(|i| {
            i.severity == Severity::Error
                || (section == Section::Review && !acknowledged.contains(&i.acknowledgement_key()))
        })
        .map(|i| (i, state.control_path(&i.path)))
        // Until the subject kind is chosen its page shows only that choice: the other subject
        // fields' issues would link to controls that are not there.
        .filter(|(_, control)| {
            state.draft.subject.kind.is_some()
                || control == "subject.kind"
                || !control.starts_with("subject.")
        })
        .filter(|(i, control)| seen_controls.insert((control.clone(), i.code.clone())))
        .map(|(i, control)| {
            let mut message = labelled_message(i, &control, individual, locale);
            // On the check page, among every section's items, an individual's own contact
            // details are named as the form heads them (您的联系方式).
            if section == Section::Review && individual && control.starts_with("subject.principal.")
            {
                message = format!("{} · {message}", ui("principal.heading.individual", locale));
            }
            (i, control, message)
        })
        .filter(|(_, _, message)| seen_messages.insert(message.clone()))
        .map(|(i, control, message)| {
            let warning = i.severity == Severity::Warning;
            SummaryItem {
                section: Section::of_path(&control),
                path: control,
                message: if warning {
                    format!("{}{message}", ui("summary.confirm", locale))
                } else {
                    message
                },
                warning,
            }
        })
        // The errors, which stop the filing, first; each group in form order.
        .partition::<Vec<_>, _>(|item| !item.warning);
    errors.extend(warnings);
    errors
}

/// What the field the filer has just left now says, for screen readers (focus is on the
/// next field by then, and a warning's confirmation box is behind it): 「错误：…」 or
/// 「请确认：…」 per issue.
fn left_field_messages(ctx: &FormCtx, locale: Locale) -> String {
    let state = ctx.state();
    let Some(path) = state.just_left.as_deref() else {
        return String::new();
    };
    let individual = state.draft.subject.kind == Some(crate::model::SubjectKind::Individual);
    let mut text = String::new();
    for issue in ctx.visible.iter().filter(|i| i.path == path) {
        let prefix = match issue.severity {
            Severity::Error => "prefix.error",
            Severity::Warning => "summary.confirm",
        };
        text.push_str(ui(prefix, locale));
        text.push_str(&labelled_message(issue, path, individual, locale));
        text.push(' ');
    }
    text
}

/// `text` with the Chinese it quotes marked `lang="zh-CN"` in the English UI
/// ([`Locale::chinese_parts`]): a screen reader reads a site's name or a reviewer's words
/// with a Chinese voice (WCAG 2.2, 3.1.2).
pub fn marked_text(text: &str, locale: Locale) -> Html {
    // As before for all but English with Chinese in it: one text node, nothing to diff.
    if locale.part_lang(text).is_none() {
        return Html::from(text);
    }
    locale
        .chinese_parts(text)
        .into_iter()
        .map(|(part, chinese)| match chinese {
            true => html! { <span lang="zh-CN">{ part }</span> },
            false => Html::from(part),
        })
        .collect()
}

/// An issue's message as read away from its field: 「主体负责人 · 请填写手机号码」,
/// 「APP 1 · 平台 2 · …」, like the check page's 「网站 1 · 网站名称」. Several persons have
/// the same fields, so it says whose it is (an individual's own contact details are simply
/// theirs), and which field when the message doesn't (phone.format is the same for the
/// emergency and the office phone).
fn labelled_message(issue: &Issue, control: &str, individual: bool, locale: Locale) -> String {
    let own = individual && control.starts_with("subject.principal.");
    let whose = crate::messages::whose(control, locale).filter(|_| !own);
    let whose = whose.or_else(|| crate::messages::service_owner(control, locale));
    let field = ["subject.principal.", ".responsible."]
        .iter()
        .find_map(|at| control.find(at).map(|n| &control[n + at.len()..]))
        .and_then(|field| crate::messages::known_field_label(&format!("person.{field}"), locale))
        .filter(|label| !issue.message.contains(label));
    let mut message = String::new();
    for part in [whose.as_deref(), field].into_iter().flatten() {
        message.push_str(&sections::capitalized(part));
        message.push_str(" · ");
    }
    message.push_str(&issue.message);
    message
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
                    // The check page is done when it is sent: until then, complete means ready.
                    let tag = match (section, status) {
                        (Section::Review, SectionStatus::Complete) => "status.ready",
                        _ => status_text(status),
                    };
                    html! {
                        <li class={classes!("icpf-task", current.then_some("icpf-task-current"))}>
                            <button type="button" class="icpf-task-button" data-section={section.slug()}
                                aria-current={current.then_some("step")} {onclick}>
                                <span class="icpf-task-name">{ format!("{}. {}", section.index() + 1, ui(section_title(section), locale)) }</span>
                                <span class={format!("icpf-tag icpf-tag-{}", status.slug())}>{ ui(tag, locale) }</span>
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
    // An expired draft was deleted on load: the notice only says so.
    let (class, text, dismiss_label) = if saved.expired {
        (
            "icpf-notice icpf-notice-warning",
            "draft.expired",
            "draft.dismiss",
        )
    } else {
        (
            "icpf-notice icpf-notice-info",
            "draft.restored",
            "draft.keep",
        )
    };
    html! {
        <div {class} role="status">
            <p>{ ui(text, locale).replace("{time}", &when) }</p>
            <div class="icpf-notice-actions">
                <button type="button" class="icpf-button icpf-button-secondary icpf-button-small" onclick={dismiss}>{ ui(dismiss_label, locale) }</button>
                if !saved.expired {
                    <fields::ConfirmButton label={ui("draft.startOver", locale)} class="icpf-link-button"
                        question={Some(ui("confirm.startOver", locale).to_owned())} {locale} onconfirm={start_over} />
                }
            </div>
        </div>
    }
}

/// A notice that offers a choice: its text, a button, and a second choice styled as a link
/// when there is one.
fn choice_notice(
    class: &'static str,
    role: &'static str,
    text: String,
    (label, onclick): (&'static str, Callback<MouseEvent>),
    second: Option<(&'static str, Callback<MouseEvent>)>,
) -> Html {
    html! {
        <div {class} {role}>
            <p>{ text }</p>
            <div class="icpf-notice-actions">
                <button type="button" class="icpf-button icpf-button-secondary icpf-button-small" {onclick}>{ label }</button>
                if let Some((label, onclick)) = second {
                    <button type="button" class="icpf-link-button" {onclick}>{ label }</button>
                }
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
    let (class, text) = match state.earlier_attempt(&submit::body(&state.draft, ruleset_version)) {
        Some(EarlierAttempt::SameFiling) => ("icpf-notice icpf-notice-info", "earlier.same"),
        Some(EarlierAttempt::Changed) => ("icpf-notice icpf-notice-warning", "earlier.changed"),
        None => return html! {},
    };
    html! {
        <div {class} role="status">
            <p>{ ui(text, locale).replace("{time}", &when) }</p>
        </div>
    }
}

fn failure_notice(phase: &Phase, locale: Locale) -> Html {
    match phase {
        Phase::Failed { notice, detail, .. } => html! {
            <div class="icpf-notice icpf-notice-error" role="alert">
                <p>{ ui("failed", locale) }{ notice }</p>
                <p>{ ui("failed.kept", locale) }</p>
                if !detail.is_empty() {
                    <p class="icpf-hint">{ ui("failed.detail", locale) }{ detail }</p>
                }
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
pub(crate) fn resumed(saved: &SavedDraft) -> FormState {
    let mut state = FormState::resume(
        saved.filing.clone(),
        Section::from_slug(&saved.section).unwrap_or_default(),
        saved.pending.clone(),
    );
    // What was shown before the reload is shown again.
    state.touched = saved.touched.iter().cloned().collect();
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
    choice_notice(
        "icpf-notice icpf-notice-warning",
        "alert",
        text,
        (load_label, load),
        Some((ui("draft.keepMine", locale), keep)),
    )
}
