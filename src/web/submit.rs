//! Sending the finished filing to the host's endpoint.

use gloo::net::http::Request;

use crate::form::Receipt;
use crate::messages::{ui, Locale};
use crate::report::Report;

/// What the endpoint said.
pub enum SubmitOutcome {
    Accepted(Receipt),
    /// The endpoint's own validation failed (HTTP 422 with a report).
    Rejected(Report),
    /// Network failure or any other answer; the text says what happened.
    Failed(String),
}

/// POSTs `body` (the filing JSON) with an idempotency key.
pub async fn post_filing(endpoint: &str, body: String, key: &str, locale: Locale) -> SubmitOutcome {
    let request = Request::post(endpoint)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Accept-Language", locale.tag())
        .header("Idempotency-Key", key)
        .credentials(web_sys::RequestCredentials::SameOrigin)
        .body(body);
    let request = match request {
        Ok(r) => r,
        Err(e) => return SubmitOutcome::Failed(e.to_string()),
    };
    let response = match request.send().await {
        Ok(r) => r,
        Err(_) => return SubmitOutcome::Failed(ui("network", locale).to_owned()),
    };
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    match status {
        200 | 201 => match serde_json::from_str::<Receipt>(&text) {
            Ok(receipt) => SubmitOutcome::Accepted(receipt),
            Err(e) => SubmitOutcome::Failed(format!("HTTP {status}: {e}")),
        },
        422 => match serde_json::from_str::<Report>(&text) {
            Ok(report) => SubmitOutcome::Rejected(report),
            Err(_) => SubmitOutcome::Failed(format!("HTTP 422: {}", error_message(&text))),
        },
        _ => SubmitOutcome::Failed(format!("HTTP {status}: {}", error_message(&text))),
    }
}

/// The `error.message` of a JSON error body, or the start of the text.
fn error_message(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| text.chars().take(200).collect())
}
