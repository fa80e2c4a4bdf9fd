//! Form controls with their label, hint and inline issues, tied together with ARIA
//! (`aria-describedby`, `aria-invalid` only once the field has been validated).

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::messages::{ui, Locale};
use crate::report::{Issue, Severity};

/// The issues one field shows.
#[derive(Clone, PartialEq, Default)]
pub struct FieldIssues {
    pub issues: Vec<Issue>,
    /// `"code@path"` keys the filer confirmed.
    pub acknowledged: Vec<String>,
    /// Whether the field has been validated (left, or a submit attempted).
    pub revealed: bool,
}

impl FieldIssues {
    fn has_error(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
}

/// Inline messages under a control: errors, then warnings with their confirmation box.
fn inline_issues(
    id: &str,
    field: &FieldIssues,
    locale: Locale,
    on_acknowledge: &Callback<(String, bool)>,
) -> Html {
    if field.issues.is_empty() {
        return html! {};
    }
    html! {
        <div id={format!("{id}-issues")} class="icpf-issues">
            { for field.issues.iter().map(|issue| {
                let (class, prefix) = match issue.severity {
                    Severity::Error => ("icpf-error-message", ui("prefix.error", locale)),
                    Severity::Warning => ("icpf-warning-message", ui("prefix.warning", locale)),
                };
                let key = issue.acknowledgement_key();
                let ack = (issue.severity == Severity::Warning).then(|| {
                    let checked = field.acknowledged.contains(&key);
                    let box_id = format!("{id}-ack-{}", issue.code.replace('.', "-"));
                    let cb = on_acknowledge.clone();
                    let key = key.clone();
                    let onchange = Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        cb.emit((key.clone(), input.checked()));
                    });
                    html! {
                        <div class="icpf-ack">
                            <input type="checkbox" id={box_id.clone()} {checked} {onchange} />
                            <label for={box_id}>{ ui("acknowledge", locale) }</label>
                        </div>
                    }
                });
                html! {
                    <div class={class} data-code={issue.code.clone()}>
                        <p><span class="icpf-visually-hidden">{ prefix }</span>{ &issue.message }</p>
                        { for ack }
                    </div>
                }
            }) }
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
    if field.revealed && field.has_error() {
        "icpf-field icpf-field-error"
    } else if !field.issues.is_empty() {
        "icpf-field icpf-field-warning"
    } else {
        "icpf-field"
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: String,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: AttrValue,
    pub value: String,
    #[prop_or(AttrValue::Static("off"))]
    pub autocomplete: AttrValue,
    #[prop_or_default]
    pub wide: bool,
    pub oninput: Callback<String>,
    /// Emits whether the field's issues should be revealed now: not when focus moves to
    /// the submit button, which validates everything anyway (revealing first would shift
    /// the button away from under the pointer between mousedown and click).
    pub onblur: Callback<bool>,
    pub issues: FieldIssues,
    pub locale: Locale,
    pub on_acknowledge: Callback<(String, bool)>,
}

/// A labelled text input.
#[component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let id = &props.id;
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let onblur = {
        let cb = props.onblur.clone();
        Callback::from(move |e: FocusEvent| {
            let to_submit = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.get_attribute("type").as_deref() == Some("submit"));
            cb.emit(!to_submit)
        })
    };
    let invalid = props.issues.revealed && props.issues.has_error();
    let has_hint = !props.hint.is_empty();
    html! {
        <div class={group_class(&props.issues)}>
            <label class="icpf-label" for={id.clone()}>{ props.label.clone() }</label>
            if has_hint {
                <div class="icpf-hint" id={format!("{id}-hint")}>{ props.hint.clone() }</div>
            }
            { inline_issues(id, &props.issues, props.locale, &props.on_acknowledge) }
            <input
                class={if props.wide { "icpf-input icpf-input-wide" } else { "icpf-input" }}
                id={id.clone()}
                name={id.clone()}
                type="text"
                value={props.value.clone()}
                autocomplete={props.autocomplete.clone()}
                spellcheck="false"
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(id, has_hint, &props.issues)}
                {oninput}
                {onblur}
            />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: String,
    pub label: AttrValue,
    pub placeholder: AttrValue,
    /// `(value, text)` pairs.
    pub options: Vec<(String, String)>,
    pub selected: String,
    pub onchange: Callback<String>,
    pub issues: FieldIssues,
    pub locale: Locale,
    pub on_acknowledge: Callback<(String, bool)>,
}

/// A labelled select.
#[component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let id = &props.id;
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    let invalid = props.issues.revealed && props.issues.has_error();
    html! {
        <div class={group_class(&props.issues)}>
            <label class="icpf-label" for={id.clone()}>{ props.label.clone() }</label>
            { inline_issues(id, &props.issues, props.locale, &props.on_acknowledge) }
            <select class="icpf-select" id={id.clone()} name={id.clone()}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={described_by(id, false, &props.issues)}
                {onchange}>
                <option value="" selected={props.selected.is_empty()}>{ props.placeholder.clone() }</option>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ text }</option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FieldsetProps {
    /// Id of the group; the first radio gets it too so summary links can focus it.
    pub id: String,
    pub legend: AttrValue,
    pub options: Vec<(String, String)>,
    pub selected: String,
    pub onchange: Callback<String>,
    pub issues: FieldIssues,
    pub locale: Locale,
    pub on_acknowledge: Callback<(String, bool)>,
}

/// A group of radio buttons.
#[component(Fieldset)]
pub fn fieldset(props: &FieldsetProps) -> Html {
    let id = &props.id;
    html! {
        <div class={group_class(&props.issues)}>
            <fieldset class="icpf-fieldset" aria-describedby={described_by(id, false, &props.issues)}>
                <legend class="icpf-label">{ props.legend.clone() }</legend>
                { inline_issues(id, &props.issues, props.locale, &props.on_acknowledge) }
                <div class="icpf-radios">
                    { for props.options.iter().enumerate().map(|(i, (value, text))| {
                        let radio_id = if i == 0 { id.clone() } else { format!("{id}-{value}") };
                        let cb = props.onchange.clone();
                        let v = value.clone();
                        let onchange = Callback::from(move |_: Event| cb.emit(v.clone()));
                        html! {
                            <div class="icpf-radio">
                                <input type="radio" id={radio_id.clone()} name={id.clone()} value={value.clone()}
                                    checked={*value == props.selected} {onchange} />
                                <label for={radio_id}>{ text }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ValidityFieldProps {
    pub id: String,
    pub label: AttrValue,
    pub long_term_label: AttrValue,
    /// `YYYY-MM-DD`, `longTerm` or empty.
    pub value: String,
    pub onchange: Callback<String>,
    pub issues: FieldIssues,
    pub locale: Locale,
    pub on_acknowledge: Callback<(String, bool)>,
}

/// A certificate's validity: a date, or "long-term".
#[component(ValidityField)]
pub fn validity_field(props: &ValidityFieldProps) -> Html {
    let id = &props.id;
    let long_term = props.value == "longTerm";
    let on_date = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let on_long_term = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(if input.checked() {
                "longTerm".to_owned()
            } else {
                String::new()
            });
        })
    };
    let invalid = props.issues.revealed && props.issues.has_error();
    let box_id = format!("{id}-long-term");
    html! {
        <div class={group_class(&props.issues)}>
            <label class="icpf-label" for={id.clone()}>{ props.label.clone() }</label>
            { inline_issues(id, &props.issues, props.locale, &props.on_acknowledge) }
            <div class="icpf-validity">
                <input class="icpf-input icpf-input-date" type="date" id={id.clone()} name={id.clone()}
                    value={if long_term { String::new() } else { props.value.clone() }}
                    disabled={long_term}
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={described_by(id, false, &props.issues)}
                    onchange={on_date} />
                <div class="icpf-ack">
                    <input type="checkbox" id={box_id.clone()} checked={long_term} onchange={on_long_term} />
                    <label for={box_id}>{ props.long_term_label.clone() }</label>
                </div>
            </div>
        </div>
    }
}
