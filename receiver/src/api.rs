//! The HTTP handlers. Every error answer is `{"error": {"code", "message"}}`, except `422`,
//! which carries the rules' report.

use axum::body::Bytes;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, Extensions, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use icp_filing::messages::{self, Locale};
use icp_filing::model::{parse_filing, Filing};
use icp_filing::report::{Issue, Report, Severity};
use icp_filing::rules::{normalize, validate, RuleContext};
use serde::Deserialize;
use serde_json::json;

use crate::faults::{FaultKind, Faults};
use crate::review::{AdvanceError, Outcome};
use crate::{now_in_china, review, today_in_china, AppState, Conn, StoreError};

fn error_body(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message.into() } })),
    )
        .into_response()
}

fn store_error(e: StoreError) -> Response {
    match e {
        StoreError::KeyReused => error_body(
            StatusCode::CONFLICT,
            "idempotency.key_reused",
            "this Idempotency-Key was already used with a different filing",
        ),
        StoreError::Advance(e @ AdvanceError::Finished) => {
            error_body(StatusCode::CONFLICT, "review.finished", e.to_string())
        }
        StoreError::Advance(e @ AdvanceError::AlreadyRejected) => error_body(
            StatusCode::CONFLICT,
            "review.awaiting_resubmission",
            e.to_string(),
        ),
        StoreError::Advance(e @ AdvanceError::CannotReject(_)) => {
            error_body(StatusCode::CONFLICT, "review.cannot_reject", e.to_string())
        }
        other => error_body(
            StatusCode::INTERNAL_SERVER_ERROR,
            "store.failed",
            other.to_string(),
        ),
    }
}

fn not_found() -> Response {
    error_body(
        StatusCode::NOT_FOUND,
        "filing.not_found",
        "no filing with this id",
    )
}

/// Runs a store call off the async threads.
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Response> {
    match tokio::task::spawn_blocking(call).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(store_error(e)),
        Err(e) => Err(error_body(
            StatusCode::INTERNAL_SERVER_ERROR,
            "store.failed",
            e.to_string(),
        )),
    }
}

fn locale_of(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_tag)
        .unwrap_or_default()
}

fn body_error(rejection: &BytesRejection) -> Response {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        error_body(
            status,
            "body.too_large",
            format!("the body is larger than {} bytes", crate::MAX_BODY_BYTES),
        )
    } else {
        error_body(
            StatusCode::BAD_REQUEST,
            "body.unreadable",
            rejection.body_text(),
        )
    }
}

pub(crate) async fn health() -> Json<serde_json::Value> {
    Json(json!({ "ok": true }))
}

pub(crate) async fn no_such_route() -> Response {
    error_body(StatusCode::NOT_FOUND, "route.not_found", "no such endpoint")
}

/// The `Idempotency-Key` header: `Ok(None)` when absent, `Err` when not 1–255 visible
/// ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ()> {
    match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => Ok(None),
        Some(Ok(k)) if !k.trim().is_empty() && k.len() <= 255 => Ok(Some(k.trim().to_owned())),
        Some(_) => Err(()),
    }
}

pub(crate) async fn create_filing(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: Extensions,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Ok(key) = idempotency_key(&headers) else {
        return error_body(
            StatusCode::BAD_REQUEST,
            "idempotency.key_invalid",
            "Idempotency-Key must be 1–255 visible ASCII characters",
        );
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return body_error(&rejection),
    };
    let locale = locale_of(&headers);
    let mut cut_connection = false;
    let mut hold_back_ms = 0;
    if let Some(fault) = state.faults.as_deref().and_then(|f| f.take(key.as_deref())) {
        match fault {
            FaultKind::Drop => cut_connection = true,
            FaultKind::Delay { ms } => hold_back_ms = ms,
            FaultKind::Status { status } => {
                return error_body(
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                    "fault.injected",
                    format!("injected fault: HTTP {status}"),
                )
            }
            FaultKind::RetryAfter { seconds } => {
                let mut response = error_body(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    format!("too many requests; retry after {seconds} s"),
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                return response;
            }
            FaultKind::Reject422 { issues } => {
                let report = Report {
                    ruleset_version: state.rules.ruleset_version().to_owned(),
                    ok: false,
                    issues: issues
                        .into_iter()
                        .map(|i| Issue {
                            message: i
                                .message
                                .unwrap_or_else(|| messages::render(&i.code, &i.params, locale)),
                            path: i.path,
                            code: i.code,
                            severity: i.severity.unwrap_or(Severity::Error),
                            params: i.params,
                        })
                        .collect(),
                };
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response();
            }
        }
    }
    // Run to the end even when the client goes away: whether a filing is stored must not
    // depend on when the client gave up.
    let task = tokio::spawn(async move { accept_filing(&state, locale, key, body).await });
    let response = match task.await {
        Ok(response) => response,
        Err(e) => error_body(
            StatusCode::INTERNAL_SERVER_ERROR,
            "store.failed",
            e.to_string(),
        ),
    };
    if hold_back_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(hold_back_ms)).await;
    }
    if cut_connection {
        if let Some(ConnectInfo(conn)) = extensions.get::<ConnectInfo<Conn>>() {
            conn.cut();
        }
    }
    response
}

/// Validates, then stores (or replays) a filing.
async fn accept_filing(
    state: &AppState,
    locale: Locale,
    key: Option<String>,
    body: Bytes,
) -> Response {
    let text = String::from_utf8_lossy(&body);
    let filing: Filing = match parse_filing(&text) {
        Ok(f) => f,
        Err(e) => {
            return error_body(
                StatusCode::BAD_REQUEST,
                "body.not_a_filing",
                format!("the body is not a filing: {e}"),
            )
        }
    };
    let ctx = RuleContext::new(today_in_china())
        .with_locale(locale)
        .with_data(&state.rules);
    let report = validate(&filing, &ctx);
    if !report.ok {
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response();
    }
    let normalized = normalize(&filing);
    let store = state.store.clone();
    let received_at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let stored = match blocking(move || {
        store.insert_filing(&normalized, &body, key.as_deref(), &received_at)
    })
    .await
    {
        Ok(stored) => stored,
        Err(response) => return response,
    };
    let mut response = (
        StatusCode::from_u16(stored.status).unwrap_or(StatusCode::CREATED),
        stored.body.clone(),
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(loc) = HeaderValue::from_str(&format!("/api/filings/{}", stored.id)) {
        headers.insert(header::LOCATION, loc);
    }
    if stored.replayed {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

pub(crate) async fn get_filing(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let store = state.store.clone();
    match blocking(move || store.get_filing(&id)).await {
        Ok(Some(record)) => Json(record).into_response(),
        Ok(None) => not_found(),
        Err(response) => response,
    }
}

pub(crate) async fn get_status(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let store = state.store.clone();
    match blocking(move || store.status(&id)).await {
        Ok(Some(status)) => Json(status).into_response(),
        Ok(None) => not_found(),
        Err(response) => response,
    }
}

/// The optional body of `POST /api/filings/{id}/advance`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AdvanceRequest {
    #[serde(default)]
    outcome: Outcome,
}

pub(crate) async fn advance(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return body_error(&rejection),
    };
    let request = if body.iter().all(u8::is_ascii_whitespace) {
        AdvanceRequest::default()
    } else {
        match serde_json::from_slice::<AdvanceRequest>(&body) {
            Ok(r) => r,
            Err(e) => {
                return error_body(
                    StatusCode::BAD_REQUEST,
                    "body.invalid",
                    format!("expected {{\"outcome\": \"passed\" | \"rejected\"}}: {e}"),
                )
            }
        }
    };
    let store = state.store.clone();
    let rules = state.rules.clone();
    let now = now_in_china();
    let result = blocking(move || {
        store.advance(&id, request.outcome, now, |filing, at| {
            let abbr = rules
                .province_for_region(&filing.province)
                .map(|p| p.abbr.as_str())
                .unwrap_or_default();
            review::filing_number(abbr, at, &id)
        })
    })
    .await;
    match result {
        Ok(Some(status)) => Json(status).into_response(),
        Ok(None) => not_found(),
        Err(response) => response,
    }
}

fn faults_off() -> Response {
    error_body(
        StatusCode::NOT_FOUND,
        "route.not_found",
        "fault injection is off",
    )
}

pub(crate) async fn get_faults(State(state): State<AppState>) -> Response {
    match state.faults.as_deref() {
        Some(faults) => Json(faults.snapshot()).into_response(),
        None => faults_off(),
    }
}

pub(crate) async fn add_faults(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Some(faults) = state.faults.as_deref() else {
        return faults_off();
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return body_error(&rejection),
    };
    match Faults::parse(&body) {
        Ok(list) => Json(faults.push(list)).into_response(),
        Err(message) => error_body(StatusCode::BAD_REQUEST, "faults.invalid", message),
    }
}

pub(crate) async fn clear_faults(State(state): State<AppState>) -> Response {
    match state.faults.as_deref() {
        Some(faults) => {
            faults.clear();
            StatusCode::NO_CONTENT.into_response()
        }
        None => faults_off(),
    }
}
