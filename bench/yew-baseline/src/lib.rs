//! A minimal Yew widget: a labelled text input that echoes what was typed and a button.
//! `mount(element)` renders it into `element`; the handle's `destroy()` removes it.

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

#[function_component(Baseline)]
fn baseline() -> Html {
    let value = use_state(String::new);
    let sent = use_state(|| 0u32);
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let onclick = {
        let sent = sent.clone();
        Callback::from(move |_: MouseEvent| sent.set(*sent + 1))
    };
    html! {
        <form class="baseline" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label for="baseline-name">{ "Name" }</label>
            <input id="baseline-name" type="text" value={(*value).clone()} {oninput} />
            <p class="baseline-hint">{ format!("{} characters", value.chars().count()) }</p>
            <button type="button" {onclick}>{ format!("Send ({})", *sent) }</button>
        </form>
    }
}

/// A mounted baseline widget.
#[wasm_bindgen]
pub struct BaselineHandle {
    app: Option<AppHandle<Baseline>>,
}

#[wasm_bindgen]
impl BaselineHandle {
    /// Unmounts the widget.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Renders the widget into `root`.
#[wasm_bindgen]
pub fn mount(root: Element) -> BaselineHandle {
    BaselineHandle {
        app: Some(yew::Renderer::<Baseline>::with_root(root).render()),
    }
}
