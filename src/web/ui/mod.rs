//! The widget's Yew components. One reducer holds the [`FormState`]; the report is derived
//! from the draft and never stored; components emit plain values to the parent.

mod fields;
mod summary;

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use super::browser;
use super::submit::{post_filing, SubmitOutcome};
use super::SharedOptions;
use crate::form::{Action, Field, FormState, Phase};
use crate::messages::{certificate_type_name, subject_kind_name, ui, Locale};
use crate::model::{CertificateType, Filing, SubjectKind};
use crate::report::{Issue, Report};
use crate::rules::{allowed_certificates, normalize, validate, RuleContext};
use fields::{FieldIssues, Fieldset, TextField};
use summary::ErrorSummary;

/// Subject kinds offered in this section.
const OFFERED_KINDS: [SubjectKind; 2] = [SubjectKind::Individual, SubjectKind::Enterprise];

/// Report paths that have a control on this page; issues elsewhere in the filing (parts the
/// host supplied with the `filing` option) are listed in the summary without a link.
const RENDERED_PATHS: [&str; 5] = [
    "subject.kind",
    "subject.name",
    "subject.certificate.type",
    "subject.certificate.number",
    "subject.certificate.validUntil",
];

/// What `mount` passes to the root component.
#[derive(Properties, Clone, PartialEq)]
pub struct AppProps {
    pub options: SharedOptions,
    /// Prefix of every element id, unique per mounted widget.
    pub id_prefix: String,
    pub today: NaiveDate,
    pub initial_draft: Filing,
}

/// The reducer wrapper Yew needs around the core state machine.
#[derive(Clone, PartialEq)]
struct Store(FormState);

impl Reducible for Store {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.apply(action);
        Rc::new(next)
    }
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

/// The widget.
#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = {
        let draft = props.initial_draft.clone();
        use_reducer(move || Store(FormState::new(draft)))
    };
    let summary_focus = use_state(|| 0u32);
    let locale = props.options.locale;
    let state = &store.0;

    let report: Rc<Report> = {
        let ctx = RuleContext::new(props.today).with_locale(locale);
        use_memo(state.draft.clone(), move |draft| validate(draft, &ctx))
    };

    {
        let options = props.options.clone();
        use_effect_with(state.draft.clone(), move |draft| {
            browser::save_draft(&options, draft);
        });
    }

    let dispatch = |action_for: fn(String) -> Action| {
        let store = store.clone();
        Callback::from(move |value: String| store.dispatch(action_for(value)))
    };
    let blur = |field: Field| {
        let store = store.clone();
        Callback::from(move |reveal: bool| store.dispatch(Action::Blur { field, reveal }))
    };

    let onsubmit = {
        let store = store.clone();
        let report = report.clone();
        let options = props.options.clone();
        let summary_focus = summary_focus.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            store.dispatch(Action::SubmitAttempted);
            if !report.ok {
                summary_focus.set(*summary_focus + 1);
                return;
            }
            let endpoint = match &options.endpoint {
                Ok(url) => url.clone(),
                Err(err) => {
                    store.dispatch(Action::SubmitFailed(err.to_string()));
                    return;
                }
            };
            let body = submission_body(&store.0.draft);
            let key = store.0.key_for(&body, browser::random_key);
            store.dispatch(Action::SubmitStarted {
                key: key.clone(),
                body: body.clone(),
            });
            let store = store.clone();
            let options = options.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match post_filing(&endpoint, body, &key, options.locale).await {
                    SubmitOutcome::Accepted(receipt) => {
                        browser::clear_draft(&options);
                        store.dispatch(Action::SubmitSucceeded(receipt));
                    }
                    SubmitOutcome::Rejected(report) => {
                        store.dispatch(Action::SubmitRejected(report))
                    }
                    SubmitOutcome::Failed(message) => store.dispatch(Action::SubmitFailed(message)),
                }
            });
        })
    };

    if let Phase::Submitted(receipt) = &state.phase {
        let start_over = {
            let store = store.clone();
            let options = props.options.clone();
            Callback::from(move |_| {
                browser::clear_draft(&options);
                store.dispatch(Action::StartOver(Box::new(
                    options.filing.clone().unwrap_or_default(),
                )));
            })
        };
        return html! {
            <div class="icpf" lang={locale.tag()}>
                <div class="icpf-panel icpf-receipt" role="status">
                    <h2 class="icpf-heading">{ ui("receipt.title", locale) }</h2>
                    <dl class="icpf-receipt-list">
                        <dt>{ ui("receipt.id", locale) }</dt>
                        <dd class="icpf-receipt-id">{ &receipt.id }</dd>
                        <dt>{ ui("receipt.time", locale) }</dt>
                        <dd><time datetime={receipt.received_at.clone()}>{ receipt.received_at_in_china() }{ ui("receipt.timezone", locale) }</time></dd>
                    </dl>
                    <p>{ ui("receipt.next", locale) }</p>
                    <button type="button" class="icpf-button icpf-button-secondary" onclick={start_over}>
                        { ui("new", locale) }
                    </button>
                </div>
            </div>
        };
    }

    let visible: Vec<Issue> = state.visible_issues(&report).into_iter().cloned().collect();
    let acknowledged = &state.draft.acknowledged_warnings;
    // Identical messages (an individual's identity appears as subject, principal and
    // responsible person) are listed once, at the first field.
    let mut summary_items: Vec<(Option<String>, String)> = visible
        .iter()
        .filter(|_| state.submit_attempted)
        .filter(|i| {
            i.severity == crate::report::Severity::Error
                || !acknowledged.contains(&i.acknowledgement_key())
        })
        .map(|i| {
            let on_page = RENDERED_PATHS.contains(&i.path.as_str());
            (
                on_page.then(|| field_id(&props.id_prefix, &i.path)),
                i.message.clone(),
            )
        })
        .collect();
    let mut seen_messages = std::collections::HashSet::new();
    summary_items.retain(|(_, message)| seen_messages.insert(message.clone()));
    let issues_at = |path: &str| -> FieldIssues {
        FieldIssues {
            issues: visible.iter().filter(|i| i.path == path).cloned().collect(),
            acknowledged: acknowledged.clone(),
            revealed: state.is_revealed(path),
        }
    };
    let on_acknowledge = {
        let store = store.clone();
        Callback::from(move |(key, confirmed): (String, bool)| {
            store.dispatch(Action::Acknowledge { key, confirmed })
        })
    };

    let subject = &state.draft.subject;
    let kind = subject.kind;
    let is_individual = kind == Some(SubjectKind::Individual);
    let busy = state.phase == Phase::Submitting;

    let kind_options: Vec<(String, String)> = OFFERED_KINDS
        .iter()
        .map(|k| {
            (
                k.slug().to_owned(),
                subject_kind_name(*k, locale).to_owned(),
            )
        })
        .collect();
    let on_kind = {
        let store = store.clone();
        Callback::from(move |value: String| {
            if let Some(kind) = SubjectKind::from_slug(&value) {
                store.dispatch(Action::SetKind(kind));
            }
        })
    };
    let certificate_options: Vec<(String, String)> = kind
        .map(allowed_certificates)
        .unwrap_or(&[])
        .iter()
        .map(|t| {
            (
                t.slug().to_owned(),
                certificate_type_name(*t, locale).to_owned(),
            )
        })
        .collect();
    let on_certificate_type = {
        let store = store.clone();
        Callback::from(move |value: String| {
            let ty =
                serde_json::from_value::<CertificateType>(serde_json::Value::String(value)).ok();
            store.dispatch(Action::SetCertificateType(ty));
        })
    };

    let name_label = if is_individual {
        "name.label.individual"
    } else {
        "name.label.unit"
    };
    let name_hint = if is_individual {
        "name.hint.individual"
    } else {
        "name.hint.unit"
    };
    let prefix = &props.id_prefix;

    html! {
        <div class="icpf" lang={locale.tag()}>
            <form class="icpf-panel" novalidate=true onsubmit={onsubmit} aria-busy={busy.to_string()}>
                <h2 class="icpf-heading">{ ui("section.subject", locale) }</h2>
                <ErrorSummary
                    items={summary_items}
                    title={ui(if state.server_report.is_some() { "summary.server" } else { "summary.title" }, locale)}
                    focus_request={*summary_focus}
                    id={format!("{prefix}-summary")}
                />
                <Fieldset
                    id={field_id(prefix, "subject.kind")}
                    legend={ui("kind.legend", locale)}
                    options={kind_options}
                    selected={kind.map(|k| k.slug()).unwrap_or_default().to_owned()}
                    onchange={on_kind}
                    issues={issues_at("subject.kind")}
                    {locale}
                    on_acknowledge={on_acknowledge.clone()}
                />
                <TextField
                    id={field_id(prefix, "subject.name")}
                    label={ui(name_label, locale)}
                    hint={ui(name_hint, locale)}
                    value={subject.name.clone()}
                    autocomplete={if is_individual { "name" } else { "organization" }}
                    oninput={dispatch(|v| Action::Edit(Field::SubjectName, v))}
                    onblur={blur(Field::SubjectName)}
                    issues={issues_at("subject.name")}
                    {locale}
                    on_acknowledge={on_acknowledge.clone()}
                />
                <fields::SelectField
                    id={field_id(prefix, "subject.certificate.type")}
                    label={ui("certificate.type.label", locale)}
                    placeholder={ui("certificate.type.choose", locale)}
                    options={certificate_options}
                    selected={subject.certificate.kind.map(|t| t.slug()).unwrap_or_default().to_owned()}
                    onchange={on_certificate_type}
                    issues={issues_at("subject.certificate.type")}
                    {locale}
                    on_acknowledge={on_acknowledge.clone()}
                />
                <TextField
                    id={field_id(prefix, "subject.certificate.number")}
                    label={ui("certificate.number.label", locale)}
                    hint={ui("certificate.number.hint", locale)}
                    value={subject.certificate.number.clone()}
                    autocomplete="off"
                    wide=true
                    oninput={dispatch(|v| Action::Edit(Field::CertificateNumber, v))}
                    onblur={blur(Field::CertificateNumber)}
                    issues={issues_at("subject.certificate.number")}
                    {locale}
                    on_acknowledge={on_acknowledge.clone()}
                />
                <fields::ValidityField
                    id={field_id(prefix, "subject.certificate.validUntil")}
                    label={ui("certificate.validity.label", locale)}
                    long_term_label={ui("certificate.validity.longTerm", locale)}
                    value={subject.certificate.valid_until.clone()}
                    onchange={dispatch(|v| Action::Edit(Field::CertificateValidUntil, v))}
                    issues={issues_at("subject.certificate.validUntil")}
                    {locale}
                    on_acknowledge={on_acknowledge.clone()}
                />
                { failure_notice(&state.phase, locale) }
                <div class="icpf-actions">
                    <button type="submit" class="icpf-button" disabled={busy}>
                        { ui(if busy { "submitting" } else if matches!(state.phase, Phase::Failed(_)) { "retry" } else { "submit" }, locale) }
                    </button>
                </div>
            </form>
        </div>
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

/// The JSON the endpoint receives: the normalised filing plus the ruleset version.
fn submission_body(draft: &Filing) -> String {
    let mut value = serde_json::to_value(normalize(draft)).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("rulesetVersion".into(), crate::RULESET_VERSION.into());
    }
    value.to_string()
}
