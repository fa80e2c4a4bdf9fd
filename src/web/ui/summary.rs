//! The error summary (GOV.UK pattern): shown at the top after a failed submit, focused,
//! each item a link that moves focus to its field, in the same words as the inline message.

use yew::prelude::*;

use crate::web::browser::focus_by_id;

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    /// `(field element id, message)` in form order; no id when the field is not on this page.
    pub items: Vec<(Option<String>, String)>,
    pub title: AttrValue,
    /// Incremented each time a failed submit should move focus to the summary.
    pub focus_request: u32,
    pub id: String,
}

#[component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
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
                { for props.items.iter().map(|(field, message)| match field {
                    Some(field) => {
                        let target = field.clone();
                        let onclick = Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            focus_by_id(&target);
                        });
                        html! { <li><a href={format!("#{field}")} {onclick}>{ message }</a></li> }
                    }
                    None => html! { <li>{ message }</li> },
                }) }
            </ul>
        </div>
    }
}
