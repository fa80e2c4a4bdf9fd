//! Sending the finished filing to the host's endpoint: one idempotency key for all attempts,
//! fresh headers from `getHeaders()` before each, one time limit per attempt covering
//! `getHeaders()` and the request (AbortController), and retries with backoff and jitter as
//! [`crate::delivery`] decides.
//!
//! Every step that can fail in the browser returns a `Result` that is handled here: a header
//! the browser would refuse, a `getHeaders()` that throws, rejects or never settles, a fetch
//! that can't be built. A submission therefore always ends in an outcome.
//!
//! [`request`] runs the whole submission for the form, which only receives its outcomes.

use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use super::bridge::{error_value, Bridge, BridgeRef};
use super::{browser, js, SharedOptions};
use crate::delivery::{
    body_digest, host_headers, retry_after_seconds, AttemptResult, PendingAttempt,
};
use crate::form::{Action, FormState, Phase, Receipt, Section};
use crate::messages::{ui, Locale};
use crate::model::Filing;
use crate::options::{header_problem, Credentials, HttpMethod, WidgetOptions};
use crate::report::Report;
use crate::rules::normalize;

/// Why a submission failed, as the `error` event and the rejected promise carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitError {
    /// `config`, `network`, `timeout`, `http`, `response`, `headers`.
    pub code: &'static str,
    pub message: String,
    pub status: Option<u16>,
    /// A request left the browser and no definite refusal came back: the endpoint may have
    /// stored the filing.
    pub uncertain: bool,
    /// The `error.code` of the endpoint's JSON error body (`filing.order_in_review`).
    pub endpoint_code: Option<String>,
}

impl SubmitError {
    /// What the filer is told, in their language with what to do, and the error's own text
    /// for support when that says more (an endpoint's or the set-up's message).
    pub fn notice(&self, locale: Locale) -> (&str, &str) {
        let key = match (self.code, self.status) {
            ("network", _) => return (ui("network", locale), ""),
            ("timeout", _) => return (ui("timeout", locale), ""),
            ("response", _) => return (ui("response.noId", locale), ""),
            ("http", Some(401 | 403)) => "failed.signedOut",
            ("http", Some(429 | 503)) => "failed.busy",
            ("http", Some(409))
                if self.endpoint_code.as_deref() == Some("filing.order_in_review") =>
            {
                "failed.orderInReview"
            }
            ("http", Some(409)) => "failed.conflict",
            // No such endpoint: the console's set-up, not the filing.
            ("http", Some(404 | 405 | 410)) => "failed.endpoint",
            ("http", Some(500..)) => "failed.server",
            ("http", _) => "failed.refused",
            _ => "failed.setup",
        };
        (ui(key, locale), &self.message)
    }

    /// Whether sending the same filing again may help: not after a refusal of the filing
    /// itself (a 4xx other than 401, 403, 408 and 429) or a set-up error.
    pub fn worth_retrying(&self) -> bool {
        match (self.code, self.status) {
            ("http", Some(status @ 400..=499)) => matches!(status, 401 | 403 | 408 | 429),
            ("config" | "headers", _) => false,
            _ => true,
        }
    }

    fn before_sending(code: &'static str, message: String) -> Self {
        Self {
            code,
            message,
            status: None,
            uncertain: false,
            endpoint_code: None,
        }
    }
}

/// What the endpoint said, in the end.
pub enum SubmitOutcome {
    Accepted(Receipt),
    /// The endpoint's own validation failed (HTTP 422 with a report).
    Rejected(Report),
    Failed(SubmitError),
}

/// `promise`'s outcome, or `None` when it has not settled within `ms`.
async fn within(promise: &js_sys::Promise, ms: u32) -> Option<Result<JsValue, JsValue>> {
    let expired = js_sys::Object::new();
    let mut timer = None;
    let deadline = js_sys::Promise::new(&mut |resolve, _| {
        let expired = expired.clone();
        timer = Some(gloo::timers::callback::Timeout::new(ms, move || {
            let _ = resolve.call1(&JsValue::NULL, &expired);
        }));
    });
    let first = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(
        promise, &deadline,
    )))
    .await;
    drop(timer);
    match first {
        Ok(value) if js_sys::Object::is(&value, &expired) => None,
        other => Some(other),
    }
}

/// Reads `getHeaders()` (an object of strings, or a promise of one) within `limit_ms`.
async fn dynamic_headers(
    get_headers: &js_sys::Function,
    limit_ms: u32,
) -> Result<Vec<(String, String)>, String> {
    let value = get_headers
        .call0(&JsValue::NULL)
        .map_err(|e| format!("getHeaders() threw: {}", super::browser::describe(&e)))?;
    let value = match within(&js_sys::Promise::resolve(&value), limit_ms).await {
        Some(Ok(value)) => value,
        Some(Err(e)) => {
            return Err(format!(
                "getHeaders() rejected: {}",
                super::browser::describe(&e)
            ))
        }
        None => return Err(format!("getHeaders() did not settle within {limit_ms} ms")),
    };
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let json = super::js::to_json(&value);
    let map = json
        .as_object()
        .ok_or("getHeaders() must return an object of header names to strings")?;
    map.iter()
        .map(|(k, v)| match v.as_str() {
            Some(v) => Ok((k.clone(), v.to_owned())),
            None => Err(format!(
                "getHeaders(): header {k:?} must have a string value"
            )),
        })
        .collect()
}

/// One attempt's answer.
struct Answer {
    result: AttemptResult,
    retry_after_ms: Option<u32>,
    text: String,
}

impl Answer {
    fn without_status(result: AttemptResult) -> Self {
        Self {
            result,
            retry_after_ms: None,
            text: String::new(),
        }
    }
}

/// The request's headers: the widget's own, then the host's (already checked).
fn request_headers(
    options: &WidgetOptions,
    host: &[(String, String)],
    key: &str,
) -> Result<web_sys::Headers, String> {
    let headers = web_sys::Headers::new().map_err(|e| super::browser::describe(&e))?;
    let own = [
        ("Content-Type", "application/json"),
        ("Accept", "application/json"),
        ("Accept-Language", options.locale.tag()),
        (options.idempotency_header.as_str(), key),
    ];
    for (name, value) in own
        .into_iter()
        .chain(host.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    {
        headers
            .set(name, value)
            .map_err(|_| format!("header {name:?} can't be sent"))?;
    }
    Ok(headers)
}

/// Sends one request and reads its answer within `limit_ms`.
async fn attempt(
    options: &WidgetOptions,
    endpoint: &str,
    headers: &web_sys::Headers,
    body: &str,
    limit_ms: u32,
) -> Answer {
    let Some(window) = web_sys::window() else {
        return Answer::without_status(AttemptResult::NetworkError);
    };
    let controller = web_sys::AbortController::new().ok();
    let init = web_sys::RequestInit::new();
    init.set_method(match options.method {
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
    });
    init.set_credentials(match options.credentials {
        Credentials::Omit => web_sys::RequestCredentials::Omit,
        Credentials::SameOrigin => web_sys::RequestCredentials::SameOrigin,
        Credentials::Include => web_sys::RequestCredentials::Include,
    });
    init.set_headers(headers);
    init.set_body(&JsValue::from_str(body));
    init.set_signal(controller.as_ref().map(|c| c.signal()).as_ref());

    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let timed_out = timed_out.clone();
        gloo::timers::callback::Timeout::new(limit_ms, move || {
            timed_out.set(true);
            if let Some(c) = controller {
                c.abort();
            }
        })
    };
    let failed = |timed_out: bool| {
        Answer::without_status(if timed_out {
            AttemptResult::Timeout
        } else {
            AttemptResult::NetworkError
        })
    };
    let response = match JsFuture::from(window.fetch_with_str_and_init(endpoint, &init))
        .await
        .map(|r| r.dyn_into::<web_sys::Response>())
    {
        Ok(Ok(response)) => response,
        _ => return failed(timed_out.get()),
    };
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    drop(timer);
    let Some(text) = text.ok().and_then(|t| t.as_string()) else {
        return failed(timed_out.get());
    };
    let retry_after_ms = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
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
    let endpoint = match &options.endpoint {
        Ok(url) => url.clone(),
        Err(e) => {
            return SubmitOutcome::Failed(SubmitError::before_sending("config", e.to_string()))
        }
    };
    let mut number = 1;
    let mut sent = false;
    loop {
        on_attempt(number);
        let started = js_sys::Date::now();
        let dynamic = match get_headers {
            Some(f) => match dynamic_headers(f, options.timeout_ms).await {
                Ok(h) => h,
                Err(message) => {
                    return SubmitOutcome::Failed(SubmitError {
                        uncertain: sent,
                        ..SubmitError::before_sending("headers", message)
                    })
                }
            },
            None => Vec::new(),
        };
        let given = options.headers.iter().chain(&dynamic);
        let headers = match host_headers(given, &options.idempotency_header) {
            Ok((headers, left_out)) => {
                for name in left_out {
                    web_sys::console::warn_1(
                        &format!("icp-filing: header {name:?} is set by the widget; the host's value is not sent").into(),
                    );
                }
                request_headers(options, &headers, key)
            }
            Err((name, problem)) => {
                let from_get_headers = dynamic.iter().any(|(n, _)| *n == name);
                let option = if from_get_headers {
                    "getHeaders"
                } else {
                    "headers"
                };
                Err(header_problem(option, &name, &problem))
            }
        };
        let headers = match headers {
            Ok(h) => h,
            Err(message) => {
                return SubmitOutcome::Failed(SubmitError {
                    uncertain: sent,
                    ..SubmitError::before_sending("config", message)
                })
            }
        };
        let elapsed = (js_sys::Date::now() - started).max(0.0) as u32;
        let remaining = options.timeout_ms.saturating_sub(elapsed).max(1);
        sent = true;
        let answer = attempt(options, &endpoint, &headers, &body, remaining).await;
        match answer.result {
            AttemptResult::Status(200..=299) => {
                return match super::js::parse::<Receipt>(&answer.text) {
                    Ok(receipt) if !receipt.id.is_empty() => SubmitOutcome::Accepted(receipt),
                    _ => SubmitOutcome::Failed(SubmitError {
                        code: "response",
                        message: "the endpoint's answer has no receipt id".to_owned(),
                        status: None,
                        uncertain: true,
                        endpoint_code: None,
                    }),
                }
            }
            AttemptResult::Status(422) => {
                if let Ok(report) = super::js::parse::<Report>(&answer.text) {
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
            None => return SubmitOutcome::Failed(failure(answer, options.timeout_ms)),
        }
    }
}

/// The last attempt's failure; the message is for the console team (the filer's text is
/// [`SubmitError::notice`]).
fn failure(answer: Answer, timeout_ms: u32) -> SubmitError {
    match answer.result {
        AttemptResult::NetworkError => SubmitError {
            code: "network",
            message: "the request failed: no connection, or the browser blocked it (CORS, \
                      connect-src, mixed content)"
                .to_owned(),
            status: None,
            uncertain: true,
            endpoint_code: None,
        },
        AttemptResult::Timeout => SubmitError {
            code: "timeout",
            message: format!("no answer within timeoutMs ({timeout_ms} ms)"),
            status: None,
            uncertain: true,
            endpoint_code: None,
        },
        AttemptResult::Status(status) => {
            let (message, endpoint_code) = error_body(&answer.text);
            SubmitError {
                code: "http",
                message: format!("HTTP {status}: {message}"),
                status: Some(status),
                // A 4xx answer to this key means the endpoint holds nothing under it; a 5xx
                // may come after the filing was stored.
                uncertain: !(400..500).contains(&status),
                endpoint_code,
            }
        }
    }
}

/// The `error.message` and `error.code` of a JSON error body, or the start of the text.
fn error_body(text: &str) -> (String, Option<String>) {
    /// `{"error": {"code": "…", "message": "…"}}`, other keys ignored.
    #[derive(serde::Deserialize)]
    struct Body {
        error: Detail,
    }
    #[derive(serde::Deserialize)]
    struct Detail {
        #[serde(default)]
        code: Option<String>,
        message: String,
    }
    match super::js::parse::<Body>(text) {
        Ok(b) => (b.error.message, b.error.code),
        Err(_) => (text.chars().take(200).collect(), None),
    }
}

/// Validates the whole filing and, when the rules pass, sends it: the submission as a whole
/// (the attempt's key, the draft kept for a reload, events, the host's pending `submit()`
/// promises). The form only receives outcomes, through `dispatch`; `show_problems` moves
/// focus to its error summary. A second request while sending does nothing (the pending
/// promises settle with the first); one after the filing was accepted settles with its
/// receipt.
pub fn request(
    state: &FormState,
    report: &Report,
    options: &SharedOptions,
    bridge: &BridgeRef,
    dispatch: Callback<Action>,
    show_problems: Callback<()>,
) {
    if state.phase == Phase::Submitting || bridge.delivery.sending.get() {
        return;
    }
    // An accepted filing is not sent again: a later submit() gets the receipt it has.
    if let Phase::Submitted(receipt) = &state.phase {
        bridge.delivery.resolve_waiters(&js::to_js(receipt));
        return;
    }
    dispatch.emit(Action::SubmitAttempted);
    bridge
        .events
        .emit("validate", &js::object(&[("report", js::to_js(report))]));
    if !report.ok {
        dispatch.emit(Action::Goto(Section::Review));
        show_problems.emit(());
        bridge.delivery.reject_waiters(&error_value(
            "invalid",
            "the filing has errors or unconfirmed warnings",
            &[("report", js::to_js(report))],
        ));
        return;
    }
    let body = body(&state.draft, &report.ruleset_version);
    // Another tab holding the same draft key may have sent this very filing since it was
    // restored here: its receipt is this filing's, and its unanswered attempt's key is reused,
    // so the endpoint stores one filing.
    let digest = body_digest(&body);
    let told = bridge.autosave.sent_elsewhere.borrow().clone();
    let elsewhere = told
        .map(|saved| (*saved).clone())
        .or_else(|| browser::load_draft(options))
        .filter(|saved| {
            !saved.expired
                && saved.correction.as_ref().map(|c| &c.id)
                    == state.correction.as_ref().map(|c| &c.id)
                && body_digest(&self::body(&saved.filing, &report.ruleset_version)) == digest
        });
    if let Some(saved) = &elsewhere {
        if let Some(receipt) = &saved.submitted {
            bridge.autosave.end_elsewhere(options);
            dispatch.emit(Action::Resume(Box::new(super::ui::resumed(saved))));
            bridge.delivery.resolve_waiters(&js::to_js(receipt));
            return;
        }
    }
    bridge.delivery.sending.set(true);
    let key = match elsewhere.and_then(|saved| saved.pending) {
        Some(pending) if pending.digest == digest => pending.key,
        _ => state.key_for(&body, browser::random_key),
    };
    let now = browser::now_in_china();
    let reused = state.pending.as_ref().filter(|p| p.key == key);
    let attempt = PendingAttempt {
        key: key.clone(),
        digest: body_digest(&body),
        started_at: reused.map_or_else(|| crate::draft::rfc3339(now), |p| p.started_at.clone()),
        uncertain: reused.is_some_and(|p| p.uncertain),
    };
    // Stored before the request leaves: if the page closes or the widget is destroyed before
    // the answer comes, the next mount sends the same body under the same key.
    let section = state.section.slug();
    let draft = state.draft.clone();
    let in_flight = PendingAttempt {
        uncertain: true,
        ..attempt.clone()
    };
    bridge.autosave.drop_held();
    // Sending this tab's own filing is the filer's choice over another tab's sent one, whose
    // receipt the key now gives up.
    bridge.autosave.end_elsewhere(options);
    let (correction, baseline) = (state.correction.clone(), state.baseline.clone());
    browser::save_draft_text(
        options,
        &js::to_text(
            &crate::draft::envelope(&draft, section, Some(&in_flight), now)
                .following(correction.clone(), baseline.clone()),
        ),
    );
    dispatch.emit(Action::SubmitStarted(attempt.clone()));
    // A correction goes to the filing it corrects: `PUT {endpoint}/{id}`.
    let options = match &correction {
        Some(c) => Rc::new(crate::options::WidgetOptions {
            endpoint: options
                .endpoint
                .clone()
                .map(|e| format!("{}/{}", e.trim_end_matches('/'), c.id)),
            method: crate::options::HttpMethod::Put,
            ..(**options).clone()
        }),
        None => options.clone(),
    };
    let bridge = bridge.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let get_headers = bridge.delivery.get_headers.borrow().clone();
        let on_attempt = |attempt: u32| {
            bridge
                .events
                .emit("submit", &js::object(&[("attempt", attempt.into())]))
        };
        let outcome = deliver(&options, get_headers.as_ref(), body, &key, on_attempt).await;
        // What stays in storage until the next save: the draft, and the key unless the
        // endpoint answered definitely.
        let keep_draft = |pending: Option<&PendingAttempt>| {
            browser::save_draft_text(
                &options,
                &js::to_text(
                    &crate::draft::envelope(&draft, section, pending, browser::now_in_china())
                        .following(correction.clone(), baseline.clone()),
                ),
            )
        };
        match outcome {
            SubmitOutcome::Accepted(receipt) => {
                // The draft becomes the accepted filing, followed across reloads until the
                // filer starts a new one; a save still waiting would bring back the draft.
                bridge.autosave.drop_held();
                browser::save_draft_text(
                    &options,
                    &js::to_text(
                        &crate::draft::envelope(&draft, section, None, browser::now_in_china())
                            .accepted(receipt.clone()),
                    ),
                );
                // getReceipt() answers with it from the moment handlers and the promise see it.
                bridge.commands.set_receipt(Some(&receipt));
                // The receipt holds only the endpoint's id and a time, no personal data: masking
                // would garble an id that happens to look like an identity number.
                bridge.events.emit_as_is(
                    "submitted",
                    &js::object(&[
                        ("id", receipt.id.as_str().into()),
                        ("receipt", js::to_js(&receipt)),
                    ]),
                );
                bridge.delivery.resolve_waiters(&js::to_js(&receipt));
                dispatch.emit(Action::SubmitSucceeded(receipt));
            }
            SubmitOutcome::Rejected(report) => {
                keep_draft(None);
                report_rejection(&bridge, &options, &report);
                dispatch.emit(Action::SubmitRejected(report));
                show_problems.emit(());
            }
            SubmitOutcome::Failed(error) => {
                keep_draft(Some(&PendingAttempt {
                    uncertain: attempt.uncertain || error.uncertain,
                    ..attempt
                }));
                let (notice, detail) = error.notice(options.locale);
                let mut fields = vec![
                    ("code", error.code.into()),
                    ("message", error.message.as_str().into()),
                    ("notice", notice.into()),
                ];
                // `status` only when there was an HTTP answer, on the event and the promise.
                fields.extend(error.status.map(|s| ("status", s.into())));
                fields.extend(
                    error
                        .endpoint_code
                        .as_deref()
                        .map(|c| ("endpointCode", c.into())),
                );
                bridge.events.emit("error", &js::object(&fields));
                bridge.delivery.reject_waiters(&error_value(
                    error.code,
                    &error.message,
                    &fields[2..],
                ));
                dispatch.emit(Action::SubmitFailed {
                    notice: notice.to_owned(),
                    detail: detail.to_owned(),
                    uncertain: error.uncertain,
                    retry: error.worth_retrying(),
                });
            }
        }
        bridge.delivery_settled();
    });
}

/// Tells the host that the endpoint refused the filing (its 422 with a report).
fn report_rejection(bridge: &Bridge, options: &WidgetOptions, report: &Report) {
    let message = "the endpoint refused the filing (HTTP 422); its report says why";
    let mut fields = vec![
        ("code", "rejected".into()),
        ("message", message.into()),
        ("notice", ui("summary.server", options.locale).into()),
        ("status", 422.into()),
    ];
    bridge.events.emit("error", &js::object(&fields));
    fields.push(("report", js::to_js(report)));
    bridge
        .delivery
        .reject_waiters(&error_value("rejected", message, &fields[2..]));
}

/// Forgets the draft: the stored one and the one waiting for the autosave.
pub fn discard_draft(options: &SharedOptions, bridge: &Bridge) {
    bridge.autosave.drop_held();
    browser::clear_draft(options);
    browser::clear_aside(options);
}

/// The JSON the endpoint receives: the normalised filing plus the version of the rules it
/// passed (the host's compiled rules name theirs).
pub fn body(draft: &Filing, ruleset_version: &str) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Body<'a> {
        #[serde(flatten)]
        filing: &'a Filing,
        ruleset_version: &'a str,
    }
    js::to_text(&Body {
        filing: &normalize(draft),
        ruleset_version,
    })
}
