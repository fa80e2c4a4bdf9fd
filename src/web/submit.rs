//! Sending the finished filing to the host's endpoint: one idempotency key for all attempts,
//! fresh headers from `getHeaders()` before each, a time limit per attempt (AbortController),
//! and retries with backoff and jitter as [`crate::delivery`] decides.

use gloo::net::http::{Request, RequestBuilder};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::delivery::{retry_after_seconds, AttemptResult};
use crate::form::Receipt;
use crate::messages::{ui, Locale};
use crate::options::{Credentials, HttpMethod, WidgetOptions};
use crate::report::Report;

/// Why a submission failed, as the `error` event and the rejected promise carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitError {
    /// `config`, `network`, `timeout`, `http`, `response`, `headers`.
    pub code: &'static str,
    pub message: String,
    pub status: Option<u16>,
}

/// What the endpoint said, in the end.
pub enum SubmitOutcome {
    Accepted(Receipt),
    /// The endpoint's own validation failed (HTTP 422 with a report).
    Rejected(Report),
    Failed(SubmitError),
}

/// Reads `getHeaders()`: an object of strings, or a promise of one.
async fn dynamic_headers(get_headers: &js_sys::Function) -> Result<Vec<(String, String)>, String> {
    let value = get_headers
        .call0(&JsValue::NULL)
        .map_err(|e| format!("getHeaders() threw: {}", super::browser::describe(&e)))?;
    let value = if value.has_type::<js_sys::Promise>() {
        JsFuture::from(value.unchecked_into::<js_sys::Promise>())
            .await
            .map_err(|e| format!("getHeaders() rejected: {}", super::browser::describe(&e)))?
    } else {
        value
    };
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let json = super::browser::to_json(&value);
    let map = json
        .as_object()
        .ok_or("getHeaders() must return an object of header names to strings")?;
    Ok(map
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
        .collect())
}

fn builder(options: &WidgetOptions, endpoint: &str) -> RequestBuilder {
    let builder = match options.method {
        HttpMethod::Post => Request::post(endpoint),
        HttpMethod::Put => Request::put(endpoint),
    };
    builder.credentials(match options.credentials {
        Credentials::Omit => web_sys::RequestCredentials::Omit,
        Credentials::SameOrigin => web_sys::RequestCredentials::SameOrigin,
        Credentials::Include => web_sys::RequestCredentials::Include,
    })
}

/// One attempt's answer.
struct Answer {
    result: AttemptResult,
    retry_after_ms: Option<u32>,
    text: String,
}

async fn attempt(
    options: &WidgetOptions,
    endpoint: &str,
    headers: &[(String, String)],
    body: &str,
    key: &str,
) -> Answer {
    let controller = web_sys::AbortController::new().ok();
    let mut request = builder(options, endpoint)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Accept-Language", options.locale.tag())
        .header(&options.idempotency_header, key);
    for (name, value) in options.headers.iter().chain(headers) {
        request = request.header(name, value);
    }
    let request = request.abort_signal(controller.as_ref().map(|c| c.signal()).as_ref());
    let network = |result| Answer {
        result,
        retry_after_ms: None,
        text: String::new(),
    };
    let Ok(request) = request.body(body.to_owned()) else {
        return network(AttemptResult::NetworkError);
    };
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let timed_out = timed_out.clone();
        gloo::timers::callback::Timeout::new(options.timeout_ms, move || {
            timed_out.set(true);
            if let Some(c) = controller {
                c.abort();
            }
        })
    };
    let sent = request.send().await;
    let response = match sent {
        Ok(r) => r,
        Err(_) if timed_out.get() => return network(AttemptResult::Timeout),
        Err(_) => return network(AttemptResult::NetworkError),
    };
    let text = response.text().await;
    drop(timer);
    let text = match text {
        Ok(t) => t,
        Err(_) if timed_out.get() => return network(AttemptResult::Timeout),
        Err(_) => return network(AttemptResult::NetworkError),
    };
    let retry_after_ms = response
        .headers()
        .get("Retry-After")
        .and_then(|h| retry_after_seconds(&h).or_else(|| retry_after_date(&h)));
    Answer {
        result: AttemptResult::Status(response.status()),
        retry_after_ms,
        text,
    }
}

/// `Retry-After` as an HTTP date, in milliseconds from now.
fn retry_after_date(header: &str) -> Option<u32> {
    let at = js_sys::Date::parse(header);
    if at.is_nan() {
        return None;
    }
    Some((at - js_sys::Date::now()).clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// Sends `body` until it is acknowledged, rejected, or the retries run out. `on_attempt`
/// is told the number of each attempt before it starts.
pub async fn deliver(
    options: &WidgetOptions,
    get_headers: Option<&js_sys::Function>,
    body: String,
    key: &str,
    on_attempt: impl Fn(u32),
) -> SubmitOutcome {
    let locale = options.locale;
    let endpoint = match &options.endpoint {
        Ok(url) => url.clone(),
        Err(e) => {
            return SubmitOutcome::Failed(SubmitError {
                code: "config",
                message: e.to_string(),
                status: None,
            })
        }
    };
    let mut number = 1;
    loop {
        on_attempt(number);
        let headers = match get_headers {
            Some(f) => match dynamic_headers(f).await {
                Ok(h) => h,
                Err(message) => {
                    return SubmitOutcome::Failed(SubmitError {
                        code: "headers",
                        message,
                        status: None,
                    })
                }
            },
            None => Vec::new(),
        };
        let answer = attempt(options, &endpoint, &headers, &body, key).await;
        match answer.result {
            AttemptResult::Status(200..=299) => {
                return match serde_json::from_str::<Receipt>(&answer.text) {
                    Ok(receipt) if !receipt.id.is_empty() => SubmitOutcome::Accepted(receipt),
                    _ => SubmitOutcome::Failed(SubmitError {
                        code: "response",
                        message: ui("response.noId", locale).to_owned(),
                        status: None,
                    }),
                }
            }
            AttemptResult::Status(422) => {
                if let Ok(report) = serde_json::from_str::<Report>(&answer.text) {
                    return SubmitOutcome::Rejected(report);
                }
            }
            _ => {}
        }
        let jitter = js_sys::Math::random();
        match options
            .retry
            .delay_after(number, answer.result, jitter, answer.retry_after_ms)
        {
            Some(wait) => {
                TimeoutFuture::new(wait).await;
                number += 1;
            }
            None => return SubmitOutcome::Failed(failure(answer, locale)),
        }
    }
}

fn failure(answer: Answer, locale: Locale) -> SubmitError {
    match answer.result {
        AttemptResult::NetworkError => SubmitError {
            code: "network",
            message: ui("network", locale).to_owned(),
            status: None,
        },
        AttemptResult::Timeout => SubmitError {
            code: "timeout",
            message: ui("timeout", locale).to_owned(),
            status: None,
        },
        AttemptResult::Status(status) => SubmitError {
            code: "http",
            message: format!("HTTP {status}: {}", error_message(&answer.text)),
            status: Some(status),
        },
    }
}

/// The `error.message` of a JSON error body, or the start of the text.
fn error_message(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| text.chars().take(200).collect())
}
