//! Form controls bound to a field of the draft: label, hint, inline issues and the input,
//! tied together with ARIA (`aria-describedby`; `aria-invalid` only once the field has been
//! validated). A section page places each control with its value and a [`FieldCtx`] (id,
//! issues, lock) made by [`FormCtx::field`](super::FormCtx::field); the control dispatches
//! typed edits of its [`FieldPath`]. Controls take these as props rather than reading the
//! form's context, so a keystroke re-renders only the controls whose value, issues or lock
//! changed.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{use_form, Store};
use crate::form::{Action, FieldPath, FieldValue, ListPath, Service, ServiceField};
use crate::messages::{ui, Locale};
use crate::report::{Issue, Severity};

/// The form's handles a control acts through; equal from one render to the next.
#[derive(Clone)]
pub struct FieldEnv {
    pub locale: Locale,
    pub dispatch: UseReducerDispatcher<Store>,
    /// See [`FormCtx::pointer_held`](super::FormCtx::pointer_held).
    pub pointer_held: Rc<Cell<bool>>,
}

impl PartialEq for FieldEnv {
    fn eq(&self, other: &Self) -> bool {
        self.locale == other.locale
            && self.dispatch == other.dispatch
            && Rc::ptr_eq(&self.pointer_held, &other.pointer_held)
    }
}

/// What a control shows besides its value ([`FormCtx::field`](super::FormCtx::field)).
#[derive(Clone, PartialEq)]
pub struct FieldCtx {
    pub path: FieldPath,
    /// The input's element id.
    pub id: String,
    pub issues: FieldIssues,
    /// Fixed by a correction: the reviewer did not ask for it to change.
    pub locked: bool,
    /// Must be filled (see [`crate::rules::required_fields`]).
    pub required: bool,
    pub env: FieldEnv,
}

/// The issues one field shows.
#[derive(Clone, Default)]
pub struct FieldIssues {
    pub issues: Vec<Issue>,
    /// `"code@path"` keys the filer confirmed.
    pub acknowledged: Vec<String>,
}

impl PartialEq for FieldIssues {
    /// Equal when a control shows the same: codes, paths, severities and messages (which
    /// hold the params), and the confirmations.
    fn eq(&self, other: &Self) -> bool {
        fn shown(i: &Issue) -> (&str, &str, Severity, &str) {
            (&i.code, &i.path, i.severity, &i.message)
        }
        self.acknowledged == other.acknowledged
            && self
                .issues
                .iter()
                .map(shown)
                .eq(other.issues.iter().map(shown))
    }
}

impl FieldIssues {
    fn has_error(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
}

/// The id of a field's `n`-th inline message.
fn message_id(id: &str, n: usize) -> String {
    format!("{id}-issue-{n}")
}

/// Inline messages above a control: errors, then warnings. A warning's confirmation box
/// comes after the control ([`inline_acks`]), so that the filer reaches the field first.
pub fn inline_issues(id: &str, field: &FieldIssues, env: &FieldEnv) -> Html {
    if field.issues.is_empty() {
        return html! {};
    }
    let locale = env.locale;
    html! {
        <div id={format!("{id}-issues")} class="icpf-issues">
            { for field.issues.iter().enumerate().map(|(n, issue)| {
                let (class, prefix) = match issue.severity {
                    Severity::Error => ("icpf-error-message", ui("prefix.error", locale)),
                    Severity::Warning => ("icpf-warning-message", ui("prefix.warning", locale)),
                };
                html! {
                    <div class={class} data-code={issue.code.clone()}>
                        <p id={message_id(id, n)}><span class="icpf-visually-hidden">{ prefix }</span>{ super::marked_text(&issue.message, locale) }</p>
                    </div>
                }
            }) }
        </div>
    }
}

/// The confirmation box of a field's warnings, after its control, described by its warning.
/// A field with several warnings has one box for them all: boxes with one label, side by
/// side, can't be told apart by sight. None while the field has an error: the value must
/// change anyway, and a box ticked beside an error reads as if it let the filing through.
pub fn inline_acks(id: &str, field: &FieldIssues, env: &FieldEnv) -> Html {
    if field.has_error() {
        return html! {};
    }
    let warnings: Vec<(usize, &Issue)> = field
        .issues
        .iter()
        .enumerate()
        .filter(|(_, i)| i.severity == Severity::Warning)
        .collect();
    let keys: Vec<String> = warnings
        .iter()
        .map(|(_, i)| i.acknowledgement_key())
        .collect();
    let checked = keys.iter().all(|k| field.acknowledged.contains(k));
    let dispatch = env.dispatch.clone();
    match warnings.as_slice() {
        [] => html! {},
        [(n, issue)] => acknowledge_box(
            id,
            &message_id(id, *n),
            &issue.code,
            keys,
            checked,
            dispatch,
            env.locale,
        ),
        many => {
            let described: Vec<String> = many.iter().map(|(n, _)| message_id(id, *n)).collect();
            let label =
                ui("acknowledge.all", env.locale).replace("{count}", &many.len().to_string());
            check_box(
                format!("{id}-ack-all"),
                &described.join(" "),
                label,
                keys,
                checked,
                dispatch,
            )
        }
    }
}

/// The "I have checked this" box of a warning: it confirms every one of `keys` (a warning
/// the check page lists once for several fields), and is described by the warning
/// (`message_id`) so that each box has its own meaning when read on its own.
pub fn acknowledge_box(
    id: &str,
    message_id: &str,
    code: &str,
    keys: Vec<String>,
    checked: bool,
    dispatch: UseReducerDispatcher<Store>,
    locale: Locale,
) -> Html {
    let box_id = format!("{id}-ack-{}", code.replace('.', "-"));
    check_box(
        box_id,
        message_id,
        ui("acknowledge", locale).to_owned(),
        keys,
        checked,
        dispatch,
    )
}

/// A confirmation box labelled `label`, described by the elements `described_by` names, that
/// confirms (or withdraws) every one of `keys`.
fn check_box(
    box_id: String,
    described_by: &str,
    label: String,
    keys: Vec<String>,
    checked: bool,
    dispatch: UseReducerDispatcher<Store>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        for key in &keys {
            dispatch.dispatch(Action::Acknowledge {
                key: key.clone(),
                confirmed: input.checked(),
            });
        }
    });
    html! {
        <div class="icpf-ack">
            <input type="checkbox" id={box_id.clone()} aria-describedby={described_by.to_owned()} {checked} {onchange} />
            <label for={box_id}>{ label }</label>
        </div>
    }
}

fn described_by(id: &str, has_hint: bool, field: &FieldIssues) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if !field.issues.is_empty() {
        ids.push(format!("{id}-issues"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn group_class(field: &FieldIssues) -> &'static str {
    if field.has_error() {
        "icpf-field icpf-field-error"
    } else if !field.issues.is_empty() {
        "icpf-field icpf-field-warning"
    } else {
        "icpf-field"
    }
}

/// The class of a label or legend: a field that must be filled is marked with `*` before
/// its text, drawn by the stylesheet with empty alternative text, so that the label's text
/// and the control's name stay the field's name alone.
fn label_class(required: bool) -> Classes {
    classes!("icpf-label", required.then_some("icpf-label-required"))
}

fn hint_html(id: &str, hint: &AttrValue) -> Html {
    if hint.is_empty() {
        return html! {};
    }
    html! { <div class="icpf-hint" id={format!("{id}-hint")}>{ hint.clone() }</div> }
}

/// Blur handler: normalise the value and reveal its issues; while a pointer is pressed (the
/// filer is clicking another control) the issues wait until the click is over, so a message
/// can't move the control away from under the pointer.
fn blur_callback(env: &FieldEnv, path: FieldPath) -> Callback<FocusEvent> {
    let store = env.dispatch.clone();
    let held = env.pointer_held.clone();
    Callback::from(move |_: FocusEvent| {
        store.dispatch(Action::Blur {
            path,
            reveal: !held.get(),
        });
    })
}

fn set_callback<E: JsCast + 'static>(
    env: &FieldEnv,
    path: FieldPath,
    read: fn(&E) -> FieldValue,
) -> Callback<Event> {
    let store = env.dispatch.clone();
    Callback::from(move |e: Event| {
        if let Some(target) = e.target().and_then(|t| t.dyn_into::<E>().ok()) {
            store.dispatch(Action::Set {
                path,
                value: read(&target),
            });
        }
    })
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub field: FieldCtx,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: AttrValue,
    pub value: String,
    #[prop_or(AttrValue::Static("off"))]
    pub autocomplete: AttrValue,
    /// `text`, `email`, `tel`, `url`.
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub wide: bool,
    /// A multi-line field.
    #[prop_or_default]
    pub multiline: bool,
    /// A one-line value that may be long (an address, a unit's name): it wraps and the field
    /// grows with it, as a text box that still takes no line breaks and moves on with Enter
    /// like an input. Pasting a line break puts the caret at the end.
    #[prop_or_default]
    pub wraps: bool,
}

/// Enter in a wrapping one-line field does what it does in an input: it submits the form
/// (save and continue) instead of starting a new line. Not while an IME composes: there
/// Enter confirms the composed text (Safari reports that keydown with key code 229).
fn enter_submits() -> Callback<KeyboardEvent> {
    Callback::from(|e: KeyboardEvent| {
        if e.key() != "Enter" || e.is_composing() || e.key_code() == 229 {
            return;
        }
        e.prevent_default();
        let form = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            .and_then(|area| area.form());
        if let Some(form) = form {
            // Fails only on a form that is no longer in the document: nothing to submit then.
            let _ = form.request_submit();
        }
    })
}

/// A labelled text input.
#[component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let FieldCtx {
        path,
        id,
        issues,
        locked: readonly,
        required,
        env,
    } = &props.field;
    let oninput = {
        let store = env.dispatch.clone();
        let path = *path;
        let wraps = props.wraps;
        Callback::from(move |e: InputEvent| {
            let value = match e.target() {
                Some(t) => match t.dyn_ref::<HtmlInputElement>() {
                    Some(input) => input.value(),
                    None => match t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                        Some(area) => {
                            let value = area.value();
                            // Line breaks pasted into a one-line value are dropped, as an
                            // input drops them.
                            if wraps && value.contains(['\n', '\r']) {
                                let value = value.replace(['\n', '\r'], "");
                                area.set_value(&value);
                                value
                            } else {
                                value
                            }
                        }
                        None => String::new(),
                    },
                },
                None => return,
            };
            store.dispatch(Action::Set {
                path,
                value: FieldValue::Text(value),
            });
        })
    };
    let onblur = blur_callback(env, *path);
    let invalid = issues.has_error();
    let readonly = *readonly;
    let class = if props.wide {
        "icpf-input icpf-input-wide"
    } else {
        "icpf-input"
    };
    let describedby = described_by(id, !props.hint.is_empty(), issues);
    // Chinese typed into the English UI is read out and drawn as Chinese.
    let lang = env.locale.part_lang(&props.value);
    html! {
        <div class={group_class(issues)}>
            <label class={label_class(*required)} for={id.clone()}>{ props.label.clone() }</label>
            { hint_html(id, &props.hint) }
            { inline_issues(id, issues, env) }
            if props.wraps {
                <textarea class="icpf-input icpf-input-wide icpf-textarea icpf-input-wraps" id={id.clone()} name={id.clone()} rows="2"
                    value={props.value.clone()} {readonly} {lang}
                    autocomplete={props.autocomplete.clone()}
                    spellcheck="false"
                    aria-required={required.then_some("true")}
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={describedby}
                    onkeydown={enter_submits()}
                    {oninput} {onblur} />
            } else if props.multiline {
                <textarea class="icpf-input icpf-textarea" id={id.clone()} name={id.clone()} rows="3"
                    value={props.value.clone()} {readonly} {lang}
                    aria-required={required.then_some("true")}
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={describedby}
                    {oninput} {onblur} />
            } else {
                <input
                    {class}
                    id={id.clone()}
                    name={id.clone()}
                    type={props.input_type.clone()}
                    inputmode={props.inputmode.clone()}
                    value={props.value.clone()}
                    {readonly}
                    {lang}
                    autocomplete={props.autocomplete.clone()}
                    spellcheck="false"
                    aria-required={required.then_some("true")}
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={describedby}
                    {oninput}
                    {onblur}
                />
            }
            { inline_acks(id, issues, env) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub field: FieldCtx,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: AttrValue,
    /// `(value, text)` pairs.
    pub options: Vec<(String, String)>,
    pub selected: String,
    #[prop_or_default]
    pub disabled: bool,
}

/// A labelled select; choosing the empty entry clears the value.
#[component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let FieldCtx {
        path,
        id,
        issues,
        locked,
        required,
        env,
    } = &props.field;
    let onchange = set_callback::<HtmlSelectElement>(env, *path, |s| FieldValue::Text(s.value()));
    let invalid = issues.has_error();
    html! {
        <div class={group_class(issues)}>
            <label class={label_class(*required)} for={id.clone()}>{ props.label.clone() }</label>
            { hint_html(id, &props.hint) }
            { inline_issues(id, issues, env) }
            <select class="icpf-select" id={id.clone()} name={id.clone()}
                disabled={props.disabled || *locked}
                aria-required={required.then_some("true")}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(id, !props.hint.is_empty(), issues)}
                {onchange}>
                <option value="" selected={props.selected.is_empty()}>{ ui("choose", env.locale) }</option>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ text }</option>
                }) }
            </select>
            { inline_acks(id, issues, env) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RadiosProps {
    pub field: FieldCtx,
    pub legend: AttrValue,
    #[prop_or_default]
    pub hint: AttrValue,
    /// `(value, text)`; values `"true"`/`"false"` are sent as a yes/no answer.
    pub options: Vec<(String, String)>,
    pub selected: String,
}

/// The element id of option `index` (`value`) of the radio group `id`: the first option has
/// the group's, so that a link to the field lands on it.
pub fn radio_id(id: &str, index: usize, value: &str) -> String {
    if index == 0 {
        id.to_owned()
    } else {
        format!("{id}-{value}")
    }
}

/// A group of radio buttons.
#[component(Radios)]
pub fn radios(props: &RadiosProps) -> Html {
    let FieldCtx {
        path,
        id,
        issues,
        locked,
        required,
        env,
    } = &props.field;
    html! {
        <div class={group_class(issues)}>
            <fieldset class="icpf-fieldset" disabled={*locked} aria-describedby={described_by(id, !props.hint.is_empty(), issues)}>
                <legend class={label_class(*required)}>{ props.legend.clone() }</legend>
                { hint_html(id, &props.hint) }
                { inline_issues(id, issues, env) }
                <div class="icpf-radios">
                    { for props.options.iter().enumerate().map(|(i, (value, text))| {
                        let radio_id = radio_id(id, i, value);
                        let onchange = set_callback::<HtmlInputElement>(env, *path, |input| {
                            match input.value().as_str() {
                                "true" => FieldValue::Flag(true),
                                "false" => FieldValue::Flag(false),
                                other => FieldValue::Text(other.to_owned()),
                            }
                        });
                        html! {
                            <div class="icpf-radio">
                                <input type="radio" id={radio_id.clone()} name={id.clone()} value={value.clone()}
                                    required={*required} checked={*value == props.selected} {onchange} />
                                <label for={radio_id}>{ text }</label>
                            </div>
                        }
                    }) }
                </div>
                { inline_acks(id, issues, env) }
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxesProps {
    /// Made by [`FormCtx::field_under`](super::FormCtx::field_under): the issues of the
    /// items show with the group.
    pub field: FieldCtx,
    pub legend: AttrValue,
    #[prop_or_default]
    pub hint: AttrValue,
    pub options: Vec<(String, String)>,
    pub selected: Vec<String>,
    /// Only the first `first` options show; the rest wait behind `more_label`, open when one
    /// of them is ticked. 0 shows every option.
    #[prop_or_default]
    pub first: usize,
    #[prop_or_default]
    pub more_label: AttrValue,
}

/// Several choices stored as a list of slugs; issues on one item (`serviceContent[2]`)
/// show with the group.
#[component(Checkboxes)]
pub fn checkboxes(props: &CheckboxesProps) -> Html {
    let FieldCtx {
        path,
        id,
        issues,
        locked,
        required,
        env,
    } = &props.field;
    let mut boxes: Vec<Html> = props
        .options
        .iter()
        .enumerate()
        .map(|(i, (value, text))| {
            let box_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
            let checked = props.selected.contains(value);
            let store = env.dispatch.clone();
            let path = *path;
            let mut next = props.selected.clone();
            if checked {
                next.retain(|v| v != value);
            } else {
                next.push(value.clone());
            }
            let onchange = Callback::from(move |_: Event| {
                store.dispatch(Action::Set {
                    path,
                    value: FieldValue::Texts(next.clone()),
                });
            });
            html! {
                <div class="icpf-check">
                    <input type="checkbox" id={box_id.clone()} value={value.clone()} {checked} {onchange} />
                    <label for={box_id}>{ text }</label>
                </div>
            }
        })
        .collect();
    let rest = match props.first {
        0 => Vec::new(),
        n => boxes.split_off(n.min(boxes.len())),
    };
    // Open at first when it holds a ticked choice; after that the filer opens and closes it.
    let rest_open = *use_state(|| {
        props.options[boxes.len()..]
            .iter()
            .any(|(v, _)| props.selected.contains(v))
    });
    html! {
        <div class={group_class(issues)}>
            <fieldset class="icpf-fieldset" disabled={*locked} aria-describedby={described_by(id, !props.hint.is_empty(), issues)}>
                <legend class={label_class(*required)}>{ props.legend.clone() }</legend>
                { hint_html(id, &props.hint) }
                { inline_issues(id, issues, env) }
                <div class="icpf-checkboxes">{ for boxes }</div>
                if !rest.is_empty() {
                    <details class="icpf-more" open={rest_open}>
                        <summary>{ props.more_label.clone() }</summary>
                        <div class="icpf-checkboxes">{ for rest }</div>
                    </details>
                }
                { inline_acks(id, issues, env) }
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ValidityFieldProps {
    pub field: FieldCtx,
    pub label: AttrValue,
    /// `YYYY-MM-DD`, `longTerm` or empty.
    pub value: String,
}

/// A certificate's validity: a date, or "long-term".
#[component(ValidityField)]
pub fn validity_field(props: &ValidityFieldProps) -> Html {
    let FieldCtx {
        path,
        id,
        issues,
        locked,
        required,
        env,
    } = &props.field;
    let long_term = props.value == "longTerm";
    let on_date = set_callback::<HtmlInputElement>(env, *path, |i| FieldValue::Text(i.value()));
    let on_long_term = set_callback::<HtmlInputElement>(env, *path, |i| {
        FieldValue::Text(if i.checked() { "longTerm" } else { "" }.to_owned())
    });
    let invalid = issues.has_error();
    let box_id = format!("{id}-long-term");
    let locked = *locked;
    let hint = AttrValue::Static(ui("validity.hint", env.locale));
    html! {
        <div class={group_class(issues)}>
            <label class={label_class(*required)} for={id.clone()}>{ props.label.clone() }</label>
            { hint_html(id, &hint) }
            { inline_issues(id, issues, env) }
            <div class="icpf-validity">
                // A four-digit year: the picker otherwise takes up to six (20340912 → 40912-02-03).
                <input class="icpf-input icpf-input-date" type="date" id={id.clone()} name={id.clone()} max="9999-12-31"
                    value={if long_term { String::new() } else { props.value.clone() }}
                    disabled={long_term || locked}
                    aria-required={required.then_some("true")}
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={described_by(id, true, issues)}
                    onchange={on_date} />
                <div class="icpf-ack">
                    <input type="checkbox" id={box_id.clone()} checked={long_term} disabled={locked} onchange={on_long_term} />
                    <label for={box_id}>{ ui("certificate.validity.longTerm", env.locale) }</label>
                </div>
            </div>
            { inline_acks(id, issues, env) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DomainListProps {
    /// The website or APP whose domains these are (`websites[0].domains`, items
    /// `websites[0].domains[i]`).
    pub service: Service,
    pub legend: AttrValue,
    #[prop_or_default]
    pub hint: AttrValue,
    pub values: Vec<String>,
    /// Text of the add button.
    pub add_label: AttrValue,
    /// Accessible name of item `i` (1-based number appended).
    pub item_label: AttrValue,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
}

/// The domains of a website or APP: one input per domain, add and remove buttons.
#[component(DomainList)]
pub fn domain_list(props: &DomainListProps) -> Html {
    // Each item has its own id, issues and lock: read from the form as the list renders.
    let ctx = use_form();
    let env = ctx.env();
    let list = ListPath::Domains(props.service);
    let item = |i: usize| props.service.field(ServiceField::Domain(i));
    let id = ctx.id(&list.to_string());
    let list_issues = ctx.issues_at(&list.to_string());
    let fixed = ctx.locked(&list.to_string());
    let required = ctx.required.contains(&list.to_string());
    let add = {
        let store = ctx.store.clone();
        let next_id = ctx.id(&item(props.values.len()).to_string());
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Push { list });
            super::focus_soon(next_id.clone());
        })
    };
    html! {
        <div class={group_class(&list_issues)}>
            <fieldset class="icpf-fieldset" id={id.clone()} tabindex="-1"
                aria-describedby={described_by(&id, !props.hint.is_empty(), &list_issues)}>
                <legend class={label_class(required)}>{ props.legend.clone() }</legend>
                { hint_html(&id, &props.hint) }
                { inline_issues(&id, &list_issues, &env) }
                { for props.values.iter().enumerate().map(|(i, value)| {
                    let path = item(i);
                    let item_id = ctx.id(&path.to_string());
                    let issues = ctx.issues_at(&path.to_string());
                    let oninput = {
                        let store = ctx.store.clone();
                        Callback::from(move |e: InputEvent| {
                            let input: HtmlInputElement = e.target_unchecked_into();
                            store.dispatch(Action::Set { path, value: FieldValue::Text(input.value()) });
                        })
                    };
                    // The focus goes to the item before (or the one moving up), never to a
                    // remove button that a second press would use on another item.
                    let remove = {
                        let store = ctx.store.clone();
                        let after = match (i, props.values.len()) {
                            (0, 1) => id.clone(),
                            (0, _) => item_id.clone(),
                            _ => ctx.id(&item(i - 1).to_string()),
                        };
                        Callback::from(move |_: MouseEvent| {
                            store.dispatch(Action::Remove { list, index: i });
                            super::focus_soon(after.clone());
                        })
                    };
                    let name = format!("{} {}", props.item_label, i + 1);
                    html! {
                        <div class={classes!("icpf-list-item", (!issues.issues.is_empty()).then_some("icpf-list-item-issue"),
                            issues.has_error().then_some("icpf-list-item-error"))}>
                            { inline_issues(&item_id, &issues, &env) }
                            <div class="icpf-row">
                                <input class="icpf-input" id={item_id.clone()} type="text" inputmode={props.inputmode.clone()}
                                    value={value.clone()} lang={env.locale.part_lang(value)} aria-label={name.clone()} spellcheck="false" autocomplete="off"
                                    aria-required={(required && i == 0).then_some("true")}
                                    readonly={ctx.locked(&path.to_string())}
                                    aria-invalid={issues.has_error().then_some("true")}
                                    aria-describedby={described_by(&item_id, false, &issues)}
                                    {oninput} onblur={blur_callback(&env, path)} />
                                if !fixed {
                                    <button type="button" class="icpf-link-button" onclick={remove}>
                                        { ui("remove", ctx.locale) }<span class="icpf-visually-hidden">{ format!(" {name}") }</span>
                                    </button>
                                }
                            </div>
                            { inline_acks(&item_id, &issues, &env) }
                        </div>
                    }
                }) }
                if !fixed {
                    <button type="button" class="icpf-button icpf-button-secondary icpf-button-small" onclick={add}>
                        { props.add_label.clone() }
                    </button>
                }
                { inline_acks(&id, &list_issues, &env) }
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    /// The button's text, and visually hidden words after it (which card).
    pub label: &'static str,
    #[prop_or_default]
    pub hidden: Option<String>,
    pub class: &'static str,
    /// What the filer is asked before the action, in place; `None` acts at once (nothing
    /// typed would be lost).
    pub question: Option<String>,
    pub locale: Locale,
    pub onconfirm: Callback<MouseEvent>,
}

/// A button whose action drops what the filer typed (a website card, the whole draft, the
/// following of a sent filing): its first press asks beside it with the focus on 取消, the
/// action runs on 确定, and 取消 takes the question back with the focus on the button again.
#[component(ConfirmButton)]
pub fn confirm_button(props: &ConfirmProps) -> Html {
    let asking = use_state(|| false);
    let (button_ref, cancel_ref) = (use_node_ref(), use_node_ref());
    {
        // The question opens on 取消: a second Enter, or acting on the first thing a screen
        // reader says, loses nothing.
        let cancel_ref = cancel_ref.clone();
        use_effect_with(*asking, move |asking| {
            if let Some(el) = cancel_ref
                .cast::<web_sys::HtmlElement>()
                .filter(|_| *asking)
            {
                let _ = el.focus();
            }
        });
    }
    let locale = props.locale;
    let onclick = match &props.question {
        Some(_) => {
            let asking = asking.clone();
            Callback::from(move |_: MouseEvent| asking.set(!*asking))
        }
        None => props.onconfirm.clone(),
    };
    let take_back = {
        let (asking, button_ref) = (asking.clone(), button_ref.clone());
        Callback::from(move |()| {
            asking.set(false);
            if let Some(el) = button_ref.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let cancel = take_back.reform(|_: MouseEvent| ());
    // Escape answers 取消.
    let escape = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            take_back.emit(());
        }
    });
    let confirm = {
        let (asking, onconfirm) = (asking.clone(), props.onconfirm.clone());
        Callback::from(move |e: MouseEvent| {
            asking.set(false);
            onconfirm.emit(e);
        })
    };
    html! {
        <span class="icpf-confirm-host">
            <button type="button" class={props.class} ref={button_ref} {onclick}
                aria-expanded={props.question.as_ref().map(|_| asking.to_string())}>
                { props.label }
                if let Some(hidden) = &props.hidden {
                    <span class="icpf-visually-hidden">{ format!(" {hidden}") }</span>
                }
            </button>
            if let (Some(question), true) = (&props.question, *asking) {
                <span class="icpf-confirm" role="group" aria-label={question.clone()} onkeydown={escape}>
                    <span>{ question.clone() }</span>
                    <button type="button" class="icpf-button icpf-button-small" onclick={confirm}>{ ui("confirm.yes", locale) }</button>
                    <button type="button" class="icpf-link-button" ref={cancel_ref} onclick={cancel}>{ ui("confirm.no", locale) }</button>
                </span>
            }
        </span>
    }
}
