//! The host's lookups. `lookupDomain(domain)`: registrar facts (holder, expiry, real-name
//! status) for each domain the filer enters, so the shared rules can run MIIT's domain
//! check before the filing is sent. `fetchPage(url)`: a live page's HTML through the host's
//! proxy (a browser can't read another site's pages), for the check of the footer number
//! after approval. A call that throws, rejects, answers nothing usable or takes longer than
//! [`LOOKUP_TIMEOUT_MS`] gives `None`; the filing goes on without it.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::model::DomainFacts;

/// How long one lookup may take.
pub const LOOKUP_TIMEOUT_MS: i32 = 10_000;

/// Asks `lookup` about `domain`; `None` when it gives no usable answer in time.
pub async fn lookup_domain(lookup: &js_sys::Function, domain: &str) -> Option<DomainFacts> {
    facts_from(domain, &ask(lookup, domain).await?)
}

/// The HTML `fetch_page` gives for `url`; `None` when it gives no text in time.
pub async fn fetch_page(fetch_page: &js_sys::Function, url: &str) -> Option<String> {
    ask(fetch_page, url).await?.as_string()
}

/// Calls the host's `f(arg)` and waits for its answer, at most [`LOOKUP_TIMEOUT_MS`].
async fn ask(f: &js_sys::Function, arg: &str) -> Option<JsValue> {
    let value = f.call1(&JsValue::NULL, &JsValue::from_str(arg)).ok()?;
    if !value.has_type::<js_sys::Promise>() {
        return Some(value);
    }
    let timeout = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, LOOKUP_TIMEOUT_MS);
        }
    });
    let answer = value.unchecked_into::<js_sys::Promise>();
    let race = js_sys::Promise::race(&js_sys::Array::of2(&answer, &timeout));
    JsFuture::from(race).await.ok()
}

/// Reads `{holderName?, expiresOn?, realNameVerified?, realNameVerifiedOn?}`; values of the
/// wrong type are left out.
fn facts_from(domain: &str, value: &JsValue) -> Option<DomainFacts> {
    if !value.is_object() {
        return None;
    }
    let get = |key: &str| Reflect::get(value, &JsValue::from_str(key)).ok();
    let text = |key: &str| get(key).and_then(|v| v.as_string()).unwrap_or_default();
    let facts = DomainFacts {
        domain: domain.to_owned(),
        holder_name: text("holderName"),
        expires_on: text("expiresOn"),
        real_name_verified: get("realNameVerified").and_then(|v| v.as_bool()),
        real_name_verified_on: text("realNameVerifiedOn"),
    };
    let empty = facts.holder_name.is_empty()
        && facts.expires_on.is_empty()
        && facts.real_name_verified.is_none()
        && facts.real_name_verified_on.is_empty();
    (!empty).then_some(facts)
}
