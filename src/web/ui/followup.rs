//! After submission: the notice of a correction (what the reviewer sent back, with links to
//! the fields) and, on the check page of a change filing, what changed since the approved
//! version.

use yew::prelude::*;

use crate::form::{FormState, Section};
use crate::messages::{path_label, ui, Locale};

/// At the top of a correction: each reason with the field it names (a link to it), what
/// the reviewer said, and whether the filer has changed it; the way to unlock the rest.
pub fn correction_notice(
    state: &FormState,
    locale: Locale,
    follow: &Callback<(Section, String)>,
    unlock: Callback<MouseEvent>,
) -> Html {
    let Some(correction) = &state.correction else {
        return html! {};
    };
    html! {
        <section class="icpf-notice icpf-notice-warning icpf-correction" aria-label={ui("correction.title", locale)}>
            <h3 class="icpf-subheading">{ ui("correction.title", locale) }</h3>
            <p>{ ui("correction.intro", locale) }</p>
            <ul class="icpf-correction-list">
                { for correction.reasons.iter().map(|reason| {
                    let done = correction.addressed(reason, &state.draft);
                    let target = (Section::of_path(&reason.path), reason.path.clone());
                    let follow = follow.clone();
                    let onclick = Callback::from(move |_: MouseEvent| follow.emit(target.clone()));
                    html! {
                        <li>
                            <button type="button" class="icpf-link-button" {onclick}>{ path_label(&reason.path, locale) }</button>
                            <span class="icpf-tag">{ ui(if done { "correction.changed" } else { "correction.open" }, locale) }</span>
                            <div>{ crate::correction::reason_message(reason, locale) }</div>
                        </li>
                    }
                }) }
            </ul>
            if correction.unlocked {
                <p class="icpf-hint">{ ui("correction.unlocked", locale) }</p>
            } else {
                <p class="icpf-hint">{ ui("correction.locked", locale) }
                    <button type="button" class="icpf-link-button" onclick={unlock}>{ ui("correction.unlock", locale) }</button>
                </p>
            }
        </section>
    }
}
