//! After submission: the notice of a correction (what the reviewer sent back, with links to
//! the fields), on the check page of a change filing what changed since the approved
//! version, and after approval the check of a live page's footer number.

use yew::prelude::*;

use crate::aftercare::FooterCheck;
use crate::correction::ReasonProgress;
use crate::form::{FormState, Section};
use crate::messages::{path_label_for, ui, Locale};
use crate::report::Report;

/// At the top of a correction: each reason with the field it names (a link to it), what
/// the reviewer said, and whether the filer has changed it; the way to unlock the rest (and
/// once unlocked, the sentence saying so, with the id `unlocked_id`).
pub fn correction_notice(
    state: &FormState,
    report: &Report,
    locale: Locale,
    follow: &Callback<(Section, String)>,
    unlock: Callback<MouseEvent>,
    unlocked_id: &str,
) -> Html {
    let Some(correction) = &state.correction else {
        return html! {};
    };
    let individual = state.draft.subject.kind == Some(crate::model::SubjectKind::Individual);
    html! {
        <section class="icpf-notice icpf-notice-warning icpf-correction" aria-label={ui("correction.title", locale)}>
            <h3 class="icpf-subheading">{ ui("correction.title", locale) }</h3>
            if correction.reasons.is_empty() {
                <p>{ ui("correction.intro.unnamed", locale) }</p>
            } else {
                <p>{ ui("correction.intro", locale) }</p>
                <ul class="icpf-correction-list">
                    { for correction.reasons.iter().map(|reason| {
                        let tag = match correction.progress(reason, &state.draft, report) {
                            ReasonProgress::Open => "correction.open",
                            ReasonProgress::StillWrong => "correction.stillWrong",
                            ReasonProgress::Changed => "correction.changed",
                        };
                        let target = (Section::of_path(&reason.path), reason.path.clone());
                        let follow = follow.clone();
                        let onclick = Callback::from(move |_: MouseEvent| follow.emit(target.clone()));
                        html! {
                            <li>
                                <button type="button" class="icpf-link-button" {onclick}>{ super::sections::capitalized(&path_label_for(&reason.path, individual, locale)) }</button>
                                // Read apart from the field's name ("mobile number changed").
                                { " " }
                                <span class="icpf-tag">{ ui(tag, locale) }</span>
                                <div>{ super::marked_text(&crate::correction::reason_message(reason, locale), locale) }</div>
                            </li>
                        }
                    }) }
                </ul>
            }
            // A return naming nothing is unlocked from the start (its intro says so).
            if correction.reasons.is_empty() {
                <></>
            } else if correction.unlocked {
                // Where the focus goes from the button it replaces.
                <p class="icpf-hint" id={unlocked_id.to_owned()} tabindex="-1">{ ui("correction.unlocked", locale) }</p>
            } else {
                <p class="icpf-hint">{ ui("correction.locked", locale) }
                    <button type="button" class="icpf-link-button" onclick={unlock}>{ ui("correction.unlock", locale) }</button>
                </p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FooterCheckProps {
    /// The number the page must show (the website's own).
    pub number: String,
    /// The address first offered: the website's homepage, or its first domain.
    pub url: String,
    /// The host's `fetchPage(url)`.
    pub fetch_page: js_sys::Function,
    /// Unique in the page (the input's id).
    pub id: String,
    /// The website the check is for (`网站 1`).
    pub service_label: String,
    pub locale: Locale,
}

/// Where a footer check is.
#[derive(Clone, Copy, PartialEq)]
enum Checked {
    Not,
    Reading,
    Found(FooterCheck),
    Unreadable,
}

/// 检查备案号: reads the live page through the host and says whether it shows the number
/// linked to the MIIT filing system, and if not, what to change.
#[component(FooterCheckForm)]
pub fn footer_check_form(props: &FooterCheckProps) -> Html {
    let locale = props.locale;
    let url = use_state(|| props.url.clone());
    let checked = use_state(|| Checked::Not);
    let oninput = {
        let url = url.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            url.set(input.value());
        })
    };
    let onclick = {
        let (url, checked) = (url.clone(), checked.clone());
        let (fetch_page, number) = (props.fetch_page.clone(), props.number.clone());
        Callback::from(move |_: MouseEvent| {
            let (url, checked) = ((*url).trim().to_owned(), checked.clone());
            let (fetch_page, number) = (fetch_page.clone(), number.clone());
            checked.set(Checked::Reading);
            wasm_bindgen_futures::spawn_local(async move {
                let page = crate::web::registrar::fetch_page(&fetch_page, &url).await;
                checked.set(match page {
                    Some(html) => Checked::Found(crate::aftercare::check_footer(&html, &number)),
                    None => Checked::Unreadable,
                });
            });
        })
    };
    let (class, text) = match *checked {
        Checked::Not => ("icpf-hint", String::new()),
        Checked::Reading => ("icpf-hint", ui("footer.reading", locale).to_owned()),
        Checked::Found(found) => (
            if found.is_ok() {
                "icpf-footer-ok"
            } else {
                "icpf-error-message"
            },
            ui(&format!("footer.{}", found.slug()), locale).replace("{number}", &props.number),
        ),
        Checked::Unreadable => (
            "icpf-error-message",
            ui("footer.unreadable", locale).to_owned(),
        ),
    };
    html! {
        <div class="icpf-footer-check">
            <label class="icpf-label" for={props.id.clone()}>{ format!("{} · {}", props.service_label, ui("footer.check", locale)) }</label>
            <div class="icpf-row">
                <input id={props.id.clone()} class="icpf-input" type="url" inputmode="url"
                    value={(*url).clone()} {oninput} />
                <button type="button" class="icpf-button icpf-button-secondary icpf-button-small"
                    disabled={*checked == Checked::Reading} {onclick}>{ ui("footer.checkButton", locale) }</button>
            </div>
            <p {class} role="status">{ linked_text(&text) }</p>
        </div>
    }
}

/// A text with its `https://` addresses as links that open in a new tab (the catalogue's
/// texts name the MIIT filing system by its address).
pub fn linked_text(text: &str) -> Html {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("https://") {
        let (before, from) = rest.split_at(at);
        let end = from
            .find(|c: char| !c.is_ascii_graphic())
            .unwrap_or(from.len());
        let url = from[..end].trim_end_matches(['.', ',', ';', ')']);
        parts.push(html! { { before.to_owned() } });
        parts.push(html! {
            <a href={url.to_owned()} target="_blank" rel="noopener noreferrer">{ url.to_owned() }</a>
        });
        rest = &from[url.len()..];
    }
    parts.push(html! { { rest.to_owned() } });
    parts.into_iter().collect()
}

/// A code to paste into a page (the footer link), read-only, with a button that copies it.
/// Where the browser refuses the clipboard (no secure context, a denied permission), the
/// text is selected instead and the status says to press Ctrl+C (`copyTextOf`, element.js).
pub fn copyable_code(id: &str, label: &str, code: &str, locale: Locale) -> Html {
    let status_id = format!("{id}-status");
    let onclick = {
        let (id, status_id) = (id.to_owned(), status_id.clone());
        Callback::from(move |_: MouseEvent| {
            copy_text_of(
                &id,
                &status_id,
                ui("copy.done", locale),
                ui("copy.selected", locale),
            );
        })
    };
    html! {
        <div class="icpf-snippet">
            <label class="icpf-label" for={id.to_owned()}>{ label.to_owned() }</label>
            <textarea id={id.to_owned()} class="icpf-input icpf-textarea" readonly=true rows="2" value={code.to_owned()} />
            <div class="icpf-row">
                <button type="button" class="icpf-button icpf-button-secondary icpf-button-small" {onclick}>
                    { ui("copy.button", locale) }<span class="icpf-visually-hidden">{ format!(" {label}") }</span>
                </button>
                <span class="icpf-hint" role="status" id={status_id}></span>
            </div>
        </div>
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/web/element.js")]
extern "C" {
    /// Copies the text of the text box `id` and says so in the status region `status_id`: the
    /// clipboard where the browser allows it, otherwise the text selected for Ctrl+C.
    #[wasm_bindgen(js_name = copyTextOf)]
    fn copy_text_of(id: &str, status_id: &str, done: &str, selected: &str);
}
