//! A Rust panic inside a mounted widget (browser test, `test-hooks` builds): the widget shows
//! its error state and emits `error`, the draft the autosave had not written yet is written,
//! and the host page's own error handler and elements keep working. A separate test binary,
//! because a panic leaves this wasm instance unusable for further tests.
#![cfg(target_arch = "wasm32")]

#[path = "web/support.rs"]
#[allow(dead_code)]
mod support;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::json;
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_panic_shows_the_error_state_keeps_the_draft_and_leaves_the_host_page_working() {
    let window = web_sys::window().expect("window");
    let host_onerror = Closure::<dyn Fn()>::new(|| {});
    window.set_onerror(Some(host_onerror.as_ref().unchecked_ref()));
    let host_clicks = Rc::new(RefCell::new(0));
    let host_button = document().create_element("button").expect("button");
    document()
        .body()
        .expect("body")
        .append_child(&host_button)
        .expect("appended");
    let _host_listener = {
        let clicks = host_clicks.clone();
        gloo::events::EventListener::new(&host_button, "click", move |_| *clicks.borrow_mut() += 1)
    };

    let key = "icp-test:crash";
    forget(key);
    let w = Widget::mount(json!({
        "endpoint": "/api/filings", "storage": "local", "draftKey": key, "today": TODAY
    }))
    .await;
    let errors = Rc::new(RefCell::new(Vec::new()));
    let _error_listener = {
        let errors = errors.clone();
        gloo::events::EventListener::new(&w.host, "icp-error", move |event| {
            let detail = event
                .dyn_ref::<web_sys::CustomEvent>()
                .map(|e| e.detail())
                .unwrap_or(JsValue::NULL);
            let code = js_sys::Reflect::get(&detail, &"code".into())
                .ok()
                .and_then(|c| c.as_string());
            errors.borrow_mut().push(code.unwrap_or_default());
        })
    };

    // Typed just before the panic: still inside the autosave's debounce.
    w.open("subject").await;
    choose(&w.select("subject.kind").await, "individual");
    until("the kind is saved", || {
        stored_json(key).is_some_and(|d| d["filing"]["subject"]["kind"] == "individual")
    })
    .await;
    let name = w.input("subject.name").await;
    type_into(&name, "张伟");
    sleep(50).await; // rendered; the autosave waits out its 400 ms debounce
    assert_eq!(
        stored_json(key).expect("saved draft")["filing"]["subject"]["name"],
        "",
        "the name is not saved yet"
    );
    w.handle().panic_for_test();

    let notice = find(&w.host, ".icpf-crashed").await;
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        text(&notice).contains("已填写的内容已保存"),
        "{}",
        text(&notice)
    );
    assert!(
        query(&w.host, "form").is_none(),
        "the form is replaced by the notice"
    );
    assert_eq!(*errors.borrow(), ["internal"]);
    let draft = stored_json(key).expect("the pending draft was written");
    assert_eq!(draft["filing"]["subject"]["name"], "张伟");

    let onerror = window.onerror().expect("the host's handler is still set");
    assert!(js_sys::Object::is(&onerror, host_onerror.as_ref()));
    click(&host_button);
    assert_eq!(
        *host_clicks.borrow(),
        1,
        "the host page's own listeners run"
    );
    // The crashed app is not unmounted: after a panic its state may be mid-update.
    std::mem::forget(w);
}
