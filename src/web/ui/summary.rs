//! The error summary (GOV.UK pattern): shown at the top of a section after a failed
//! continue or submit, focused, each item a link that opens the field's section and moves
//! focus to the field, in the same words as the inline message.

use yew::prelude::*;

use super::use_form;
use crate::form::Section;

/// One problem in the summary.
#[derive(Clone, PartialEq)]
pub struct SummaryItem {
    pub section: Section,
    pub path: String,
    pub message: String,
    /// A warning to confirm, listed after the errors and styled apart from them.
    pub warning: bool,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub items: Vec<SummaryItem>,
    pub title: AttrValue,
    /// Incremented each time a failed continue/submit should move focus to the summary.
    pub focus_request: u32,
    pub id: String,
    /// The section on screen.
    pub current: Section,
    /// Opens `section` and focuses the control of `path`.
    pub on_follow: Callback<(Section, String)>,
}

#[component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let ctx = use_form();
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.focus_request, move |request| {
            if *request > 0 {
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                    el.scroll_into_view();
                }
            }
        });
    }
    if props.items.is_empty() {
        return html! {};
    }
    let heading_id = format!("{}-title", props.id);
    html! {
        <div class="icpf-error-summary" id={props.id.clone()} ref={node} tabindex="-1"
             role="alert" aria-labelledby={heading_id.clone()}>
            <h3 class="icpf-error-summary-title" id={heading_id}>{ props.title.clone() }</h3>
            <ul class="icpf-error-summary-list">
                { for props.items.iter().map(|item| {
                    let follow = props.on_follow.clone();
                    let target = (item.section, item.path.clone());
                    let onclick = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        follow.emit(target.clone());
                    });
                    html! {
                        <li class={item.warning.then_some("icpf-summary-warning")}><a href={format!("#{}", ctx.id(&item.path))} {onclick}>{ super::marked_text(&item.message, ctx.locale) }</a></li>
                    }
                }) }
            </ul>
        </div>
    }
}
