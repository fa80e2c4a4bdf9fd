//! Browser tests: the widget mounted in headless Chromium through the public `mount` API,
//! driven with real DOM events.
#![cfg(target_arch = "wasm32")]

use icp_filing::web::mount;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

fn new_host() -> Element {
    let host = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host
}

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid options JSON")
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    let _ = JsFuture::from(promise).await;
}

/// Polls until `selector` matches inside `host` (Yew renders asynchronously).
async fn find(host: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Ok(Some(el)) = host.query_selector(selector) {
            return el;
        }
        sleep(20).await;
    }
    panic!("nothing matched {selector} within 2 s");
}

/// Polls until `check` holds.
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..100 {
        if check() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting until {what}");
}

fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

fn leave(input: &HtmlInputElement) {
    input.focus().expect("focus");
    input.blur().expect("blur");
}

const TEST_OPTIONS: &str =
    r#"{"endpoint": "/api/filings", "storage": "none", "today": "2026-11-28"}"#;

#[wasm_bindgen_test]
async fn invalid_resident_id_shows_its_error_after_blur_and_clears_when_corrected() {
    let host = new_host();
    let mut handle = mount(host.clone().into(), options(TEST_OPTIONS)).expect("mounted");

    let individual: HtmlElement = find(&host, "input[value=individual]")
        .await
        .unchecked_into();
    individual.click();
    let number: HtmlInputElement = find(&host, "input[id$='-subject-certificate-number']")
        .await
        .unchecked_into();

    type_into(&number, "110105194912310021");
    sleep(50).await;
    assert!(
        host.query_selector(".icpf-error-message")
            .unwrap()
            .is_none(),
        "no error before the field is left"
    );
    assert_eq!(number.get_attribute("aria-invalid"), None);

    leave(&number);
    let error = find(&host, ".icpf-error-message").await;
    let text = error.text_content().unwrap_or_default();
    assert!(text.starts_with("错误："), "visually hidden prefix: {text}");
    assert!(text.contains("居民身份证号码校验位不正确"), "{text}");
    assert_eq!(
        number.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = number.get_attribute("aria-describedby").unwrap_or_default();
    let issues_id = format!("{}-issues", number.id());
    assert!(
        described.split(' ').any(|id| id == issues_id),
        "{described}"
    );

    // A field that has shown an error re-validates as the filer types.
    type_into(&number, "11010519491231002x");
    until("the error disappears", || {
        host.query_selector(".icpf-error-message")
            .unwrap()
            .is_none()
    })
    .await;
    assert_eq!(number.get_attribute("aria-invalid"), None);

    leave(&number);
    until("the value is shown normalised", || {
        number.value() == "11010519491231002X"
    })
    .await;

    handle.destroy();
    assert_eq!(
        host.child_element_count(),
        0,
        "destroy removes the widget's DOM"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn enterprise_gets_credit_code_checks_in_english() {
    let host = new_host();
    let opts =
        r#"{"endpoint": "/api/filings", "storage": "none", "today": "2026-11-28", "locale": "en"}"#;
    let mut handle = mount(host.clone().into(), options(opts)).expect("mounted");

    let enterprise: HtmlElement = find(&host, "input[value=enterprise]")
        .await
        .unchecked_into();
    enterprise.click();
    let select: web_sys::HtmlSelectElement = find(&host, "select").await.unchecked_into();
    until("the credit code is preselected", || {
        select.value() == "uscc"
    })
    .await;

    let number: HtmlInputElement = find(&host, "input[id$='-subject-certificate-number']")
        .await
        .unchecked_into();
    type_into(&number, "91350100MO00100Y43");
    leave(&number);
    let error = find(&host, ".icpf-error-message").await;
    let text = error.text_content().unwrap_or_default();
    assert!(text.contains("Character 10 (“O”)"), "{text}");
    handle.destroy();
    host.remove();
}

#[wasm_bindgen_test]
fn mounting_on_a_selector_that_matches_nothing_is_an_error() {
    let result = mount(JsValue::from_str("#no-such-element"), options(TEST_OPTIONS));
    assert!(result.is_err());
}

#[wasm_bindgen_test]
async fn two_widgets_on_one_page_are_independent() {
    let first_host = new_host();
    let second_host = new_host();
    let mut first = mount(first_host.clone().into(), options(TEST_OPTIONS)).expect("first");
    let mut second = mount(second_host.clone().into(), options(TEST_OPTIONS)).expect("second");

    let first_name: HtmlInputElement = find(&first_host, "input[id$='-subject-name']")
        .await
        .unchecked_into();
    let second_name: HtmlInputElement = find(&second_host, "input[id$='-subject-name']")
        .await
        .unchecked_into();
    assert_ne!(
        first_name.id(),
        second_name.id(),
        "element ids are unique per widget"
    );
    type_into(&first_name, "甲");
    sleep(50).await;
    assert_eq!(second_name.value(), "");

    first.destroy();
    assert_eq!(
        second_host.child_element_count(),
        1,
        "destroying one leaves the other"
    );
    second.destroy();
    first_host.remove();
    second_host.remove();
}
