//! Helpers for the browser tests: mounting a widget, polling the DOM, firing the events a
//! filer's browser fires, and reading browser storage.

use icp_filing::web::{mount, WidgetHandle};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The date the rules treat as today in these tests.
pub const TODAY: &str = "2026-11-28";

/// How long a poll waits before the test fails. Generous: the machine may be busy.
const POLL_LIMIT_MS: f64 = 5_000.0;

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A fresh element appended to the body.
pub fn new_host() -> Element {
    let host = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host
}

/// A JSON value as the JS object `mount` receives.
pub fn js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).expect("valid JSON")
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    let _ = JsFuture::from(promise).await;
}

/// Polls until `check` holds (Yew renders and focuses asynchronously).
pub async fn until(what: &str, check: impl Fn() -> bool) {
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < POLL_LIMIT_MS {
        if check() {
            return;
        }
        sleep(20).await;
    }
    assert!(check(), "timed out waiting until {what}");
}

/// Polls until `selector` matches inside `host`.
pub async fn find(host: &Element, selector: &str) -> Element {
    let start = js_sys::Date::now();
    loop {
        if let Ok(Some(el)) = host.query_selector(selector) {
            return el;
        }
        assert!(
            js_sys::Date::now() - start < POLL_LIMIT_MS,
            "nothing matched {selector}"
        );
        sleep(20).await;
    }
}

pub fn query(host: &Element, selector: &str) -> Option<Element> {
    host.query_selector(selector).ok().flatten()
}

pub fn query_all(host: &Element, selector: &str) -> Vec<Element> {
    let list = host.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// The id of the focused element (empty when none has an id).
pub fn active_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

fn fire(target: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

/// Types `value` into a text input, as one `input` event.
pub fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    fire(input, "input");
}

/// Picks the option `value` of a select.
pub fn choose(select: &HtmlSelectElement, value: &str) {
    select.set_value(value);
    assert_eq!(select.value(), value, "the select offers {value:?}");
    fire(select, "change");
}

/// Moves focus into the input and out again.
pub fn leave(input: &HtmlInputElement) {
    input.focus().expect("focus");
    input.blur().expect("blur");
}

pub fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

/// `localStorage`.
pub fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

pub fn stored(key: &str) -> Option<String> {
    local_storage().get_item(key).expect("getItem")
}

pub fn stored_json(key: &str) -> Option<Value> {
    stored(key).map(|text| serde_json::from_str(&text).expect("the stored draft is JSON"))
}

pub fn forget(key: &str) {
    local_storage().remove_item(key).expect("removeItem");
}

/// A fixture filing from tests/fixtures.
pub fn fixture(name: &str) -> Value {
    let text = match name {
        "individual-beijing" => include_str!("../fixtures/individual-beijing.json"),
        "enterprise-guangdong-two-websites" => {
            include_str!("../fixtures/enterprise-guangdong-two-websites.json")
        }
        other => panic!("no fixture {other}"),
    };
    serde_json::from_str(text).expect("fixture JSON")
}

/// A mounted widget and the element it was mounted into.
pub struct Widget {
    pub host: Element,
    handle: Option<WidgetHandle>,
    /// The widget's element id prefix (`icpf3`).
    pub prefix: String,
}

impl Widget {
    /// Mounts a widget into a new element and waits for its first render.
    pub async fn mount(options: Value) -> Widget {
        let host = new_host();
        let handle = mount(host.clone().into(), js(&options)).expect("mounted");
        let heading = find(&host, "h2.icpf-heading").await;
        let prefix = heading
            .id()
            .strip_suffix("-heading")
            .expect("the heading id ends in -heading")
            .to_owned();
        Widget {
            host,
            handle: Some(handle),
            prefix,
        }
    }

    /// The element id of the control for a report path.
    pub fn id(&self, path: &str) -> String {
        let mut id = format!("{}-", self.prefix);
        id.extend(
            path.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }),
        );
        id
    }

    /// Polls until the element with `id` exists.
    pub async fn by_id(&self, id: &str) -> Element {
        let id = id.to_owned();
        until(&format!("#{id} exists"), || {
            document().get_element_by_id(&id).is_some()
        })
        .await;
        document().get_element_by_id(&id).expect("element")
    }

    pub async fn input(&self, path: &str) -> HtmlInputElement {
        self.by_id(&self.id(path)).await.unchecked_into()
    }

    pub async fn select(&self, path: &str) -> HtmlSelectElement {
        self.by_id(&self.id(path)).await.unchecked_into()
    }

    /// The `<label>` text of the control for `path`.
    pub async fn label(&self, path: &str) -> String {
        text(&find(&self.host, &format!("label[for='{}']", self.id(path))).await)
    }

    pub fn heading_id(&self) -> String {
        format!("{}-heading", self.prefix)
    }

    pub fn summary_id(&self) -> String {
        format!("{}-summary", self.prefix)
    }

    /// The page heading, e.g. `2/4主办者信息`.
    pub fn heading(&self) -> String {
        document()
            .get_element_by_id(&self.heading_id())
            .map(|h| text(&h))
            .unwrap_or_default()
    }

    /// Waits until page `step` of 4 is on screen.
    pub async fn until_step(&self, step: u32) {
        let want = format!("{step}/4");
        until(&format!("page {want} is shown"), || {
            self.heading().starts_with(&want)
        })
        .await;
    }

    fn task_button(&self, section: &str) -> Element {
        query(&self.host, &format!("button[data-section='{section}']"))
            .unwrap_or_else(|| panic!("no task-list button for {section}"))
    }

    /// Opens a section with its task-list button.
    pub async fn open(&self, section: &str) {
        let step = match section {
            "basics" => 1,
            "subject" => 2,
            "services" => 3,
            "review" => 4,
            other => panic!("no section {other}"),
        };
        click(&self.task_button(section));
        self.until_step(step).await;
    }

    /// The task-list status of a section: `notStarted`, `inProgress`, `hasProblems`, `complete`.
    pub fn status(&self, section: &str) -> String {
        let tag = query(&self.task_button(section), ".icpf-tag").expect("status tag");
        tag.class_name()
            .split(' ')
            .find_map(|c| c.strip_prefix("icpf-tag-"))
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn until_status(&self, section: &str, status: &str) {
        until(&format!("{section} is {status}"), || {
            self.status(section) == status
        })
        .await;
    }

    /// The text of the task-list button of a section.
    pub fn task_text(&self, section: &str) -> String {
        text(&self.task_button(section))
    }

    pub fn submit_button(&self) -> Element {
        query(&self.host, "form button[type=submit]").expect("submit button")
    }

    /// Presses the form's button (保存并继续 or 提交备案).
    pub fn press_continue(&self) {
        click(&self.submit_button());
    }

    pub fn summary(&self) -> Option<Element> {
        document().get_element_by_id(&self.summary_id())
    }

    /// Waits until the error summary is shown and has focus.
    pub async fn until_summary_focused(&self) -> Element {
        let id = self.summary_id();
        until("the error summary has focus", || active_id() == id).await;
        self.summary().expect("summary")
    }

    /// The summary's links as `(target id, text)`.
    pub fn summary_links(&self) -> Vec<(String, String)> {
        self.summary()
            .map(|s| {
                query_all(&s, "a")
                    .iter()
                    .map(|a| {
                        let href = a.get_attribute("href").unwrap_or_default();
                        (href.trim_start_matches('#').to_owned(), text(a))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Clicks the summary link whose text is `message`.
    pub fn follow_summary_link(&self, message: &str) {
        let summary = self.summary().expect("summary");
        let link = query_all(&summary, "a")
            .into_iter()
            .find(|a| text(a) == message)
            .unwrap_or_else(|| panic!("no summary link says {message:?}"));
        click(&link);
    }

    /// Texts of the inline messages (with their visually hidden prefix) shown for the
    /// control with element id `id`.
    pub fn inline_messages(&self, id: &str, class: &str) -> Vec<String> {
        document()
            .get_element_by_id(&format!("{id}-issues"))
            .map(|issues| {
                query_all(&issues, &format!(".{class} p"))
                    .iter()
                    .map(text)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The handle `mount()` returned (until unmounted).
    #[allow(dead_code)] // not every test binary calls the handle directly
    pub fn handle(&self) -> &WidgetHandle {
        self.handle.as_ref().expect("mounted")
    }

    /// Unmounts the widget and removes its host element.
    pub fn destroy(mut self) {
        if let Some(mut handle) = self.handle.take() {
            handle.destroy();
        }
        self.host.remove();
    }

    /// Unmounts the widget, keeping the host element for inspection.
    pub fn unmount(&mut self) {
        if let Some(mut handle) = self.handle.take() {
            handle.destroy();
        }
    }
}
