//! Reference receiver for icp-filing: re-validates submitted filings with the same shared
//! rules the widget runs, stores accepted ones in SQLite and serves the demo console.
//!
//! * `POST /api/filings` — `201 {id, receivedAt}` when the rules pass, `422` with the report
//!   when they don't, `400` when the body is not a filing. An `Idempotency-Key` header makes
//!   a repeated request return the first response and store nothing new; reusing a key with
//!   a different body is `409`.
//! * `GET /api/filings/{id}` — the stored filing.
//! * `GET /api/health` — liveness.
//! * everything else — static files of the demo site.
//!
//! `--rules FILE` applies a rule-data override (the provider's own lists); reports then name
//! the overridden ruleset version.

pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use icp_filing::messages::Locale;
use icp_filing::model::{parse_filing, Filing};
use icp_filing::ruledata::RuleData;
use icp_filing::rules::{normalize, validate, RuleContext};
use serde_json::json;
use tower_http::services::ServeDir;

pub use store::{Store, StoreError, StoredResponse};

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How the receiver is set up.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    /// Folder with the demo site (index.html, pkg/…); `None` serves the API only.
    pub site_dir: Option<PathBuf>,
    /// A rule-data override (same format as the embedded data), e.g. the provider's TLD list.
    pub rules: Option<PathBuf>,
}

#[derive(Clone)]
struct AppState {
    store: Arc<Store>,
    rules: Arc<RuleData>,
}

/// The HTTP routes over an opened store, validating with `rules`.
pub fn router(store: Store, rules: RuleData, site_dir: Option<PathBuf>) -> Router {
    let state = AppState {
        store: Arc::new(store),
        rules: Arc::new(rules),
    };
    let api = Router::new()
        .route("/api/health", get(|| async { Json(json!({ "ok": true })) }))
        .route("/api/filings", post(create_filing))
        .route("/api/filings/{id}", get(get_filing))
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES));
    match site_dir {
        Some(dir) => api.fallback_service(ServeDir::new(dir)),
        None => api,
    }
}

/// Today's date in China Standard Time (UTC+8): the rules' notion of "today".
pub fn today_in_china() -> chrono::NaiveDate {
    icp_filing::dates::china_time_from_unix_ms(Utc::now().timestamp_millis()).date()
}

fn error_body(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message.into() } })),
    )
        .into_response()
}

fn locale_of(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_tag)
        .unwrap_or_default()
}

async fn create_filing(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
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
        .with_locale(locale_of(&headers))
        .with_data(&state.rules);
    let report = validate(&filing, &ctx);
    if !report.ok {
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response();
    }
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) if !k.trim().is_empty() && k.len() <= 255 => Some(k.trim().to_owned()),
        Some(_) => {
            return error_body(
                StatusCode::BAD_REQUEST,
                "idempotency.key_invalid",
                "Idempotency-Key must be 1–255 visible ASCII characters",
            )
        }
    };
    let normalized = normalize(&filing);
    let store = state.store.clone();
    let received_at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let outcome = tokio::task::spawn_blocking(move || {
        store.insert_filing(&normalized, &body, key.as_deref(), &received_at)
    })
    .await;
    match outcome {
        Ok(Ok(stored)) => {
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
        Ok(Err(StoreError::KeyReused)) => error_body(
            StatusCode::CONFLICT,
            "idempotency.key_reused",
            "this Idempotency-Key was already used with a different filing",
        ),
        Ok(Err(e)) => error_body(
            StatusCode::INTERNAL_SERVER_ERROR,
            "store.failed",
            e.to_string(),
        ),
        Err(e) => error_body(
            StatusCode::INTERNAL_SERVER_ERROR,
            "store.failed",
            e.to_string(),
        ),
    }
}

async fn get_filing(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || store.get_filing(&id)).await {
        Ok(Ok(Some(record))) => Json(record).into_response(),
        Ok(Ok(None)) => error_body(
            StatusCode::NOT_FOUND,
            "filing.not_found",
            "no filing with this id",
        ),
        Ok(Err(e)) => error_body(
            StatusCode::INTERNAL_SERVER_ERROR,
            "store.failed",
            e.to_string(),
        ),
        Err(e) => error_body(
            StatusCode::INTERNAL_SERVER_ERROR,
            "store.failed",
            e.to_string(),
        ),
    }
}

/// Binds, then serves until `shutdown` resolves. Calls `on_bound` with the actual address
/// (useful with port 0).
///
/// # Errors
/// When the store can't be opened or the address can't be bound.
pub async fn serve(
    config: Config,
    on_bound: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let store = Store::open(&config.data_dir)?;
    let rules = match &config.rules {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            RuleData::embedded()
                .with_override(&text)
                .map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => RuleData::embedded().clone(),
    };
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    on_bound(listener.local_addr()?);
    axum::serve(listener, router(store, rules, config.site_dir))
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
