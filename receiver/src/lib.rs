//! Reference receiver for icp-filing: re-validates submitted filings with the same shared
//! rules the widget runs, stores accepted ones in SQLite, reports their review progress and
//! serves the demo console. The HTTP contract is `docs/http-contract.md` (OpenAPI:
//! `docs/openapi.json`).
//!
//! * `POST /api/filings` — `201 {id, receivedAt}` when the rules pass, `422` with the report
//!   when they don't, `400` when the body is not a filing. An `Idempotency-Key` header makes
//!   a repeated request return the first response and store nothing new; reusing a key with
//!   a different body is `409`.
//! * `GET /api/filings/{id}` — the stored filing.
//! * `GET /api/filings/{id}/status` — its review events, the core's progress input.
//! * `POST /api/filings/{id}/advance` — with `--demo` only: appends the next review event.
//! * `GET /api/health` — liveness.
//! * `/__faults` — with `--faults` only (tests): one-shot faults for `POST /api/filings`.
//! * everything else — static files of the demo site.
//!
//! `--rules FILE` applies a rule-data override (the provider's own lists); reports then name
//! the overridden ruleset version. `--allow-origin` answers CORS requests from a console on
//! another origin.

mod api;
pub mod conn;
pub mod faults;
pub mod review;
pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method};
use axum::routing::{any, get, post};
use axum::Router;
use chrono::Utc;
use icp_filing::ruledata::RuleData;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

pub use conn::Conn;
pub use faults::Faults;
pub use store::{FilingStatus, Store, StoreError, StoredResponse};

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
    /// Enables `POST /api/filings/{id}/advance`, which walks a filing through the review.
    pub demo: bool,
    /// Enables the `/__faults` endpoints. For client tests only.
    pub faults: bool,
    /// Origins (`https://console.example.com`) allowed to call the API from a browser, or
    /// `["*"]` for any origin without credentials. Empty: no CORS headers.
    pub allow_origins: Vec<String>,
}

impl Default for Config {
    /// The command line's defaults: `127.0.0.1:8080`, `./data-dir`, API only, nothing extra.
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data-dir"),
            site_dir: None,
            rules: None,
            demo: false,
            faults: false,
            allow_origins: Vec::new(),
        }
    }
}

/// The handlers' shared state.
#[derive(Clone)]
struct AppState {
    store: Arc<Store>,
    rules: Arc<RuleData>,
    faults: Option<Arc<Faults>>,
}

/// The HTTP routes over an opened store, validating with `rules`, as `config` enables them
/// (`addr`, `data_dir` and `rules` are not read here).
///
/// # Errors
/// When an allowed origin is not a valid header value or mixes `*` with named origins.
pub fn router(store: Store, rules: RuleData, config: &Config) -> Result<Router, String> {
    let state = AppState {
        store: Arc::new(store),
        rules: Arc::new(rules),
        faults: config.faults.then(|| Arc::new(Faults::default())),
    };
    let mut api = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/filings", post(api::create_filing))
        .route("/api/filings/{id}", get(api::get_filing))
        .route("/api/filings/{id}/status", get(api::get_status));
    if config.demo {
        api = api.route("/api/filings/{id}/advance", post(api::advance));
    }
    if config.faults {
        api = api.route(
            "/__faults",
            get(api::get_faults)
                .post(api::add_faults)
                .delete(api::clear_faults),
        );
    }
    let api = api
        .route("/api/{*rest}", any(api::no_such_route))
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES));
    let app = match &config.site_dir {
        Some(dir) => api.fallback_service(ServeDir::new(dir)),
        None => api,
    };
    Ok(match cors_layer(&config.allow_origins)? {
        Some(cors) => app.layer(cors),
        None => app,
    })
}

/// Request headers a cross-origin console may send.
pub const CORS_ALLOWED_HEADERS: [&str; 5] = [
    "content-type",
    "authorization",
    "idempotency-key",
    "x-csrf-token",
    "accept-language",
];

/// Response headers a cross-origin console may read.
pub const CORS_EXPOSED_HEADERS: [&str; 3] = ["idempotent-replayed", "location", "retry-after"];

fn cors_layer(origins: &[String]) -> Result<Option<CorsLayer>, String> {
    if origins.is_empty() {
        return Ok(None);
    }
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers(CORS_ALLOWED_HEADERS.map(HeaderName::from_static))
        .expose_headers(CORS_EXPOSED_HEADERS.map(HeaderName::from_static))
        .max_age(Duration::from_secs(600));
    if origins.iter().any(|o| o == "*") {
        if origins.len() > 1 {
            return Err("--allow-origin '*' can't be combined with named origins".to_owned());
        }
        return Ok(Some(layer.allow_origin(AllowOrigin::any())));
    }
    let mut values = Vec::with_capacity(origins.len());
    for origin in origins {
        let trimmed = origin.trim_end_matches('/');
        let host = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"));
        let valid = host.is_some_and(|h| !h.is_empty() && !h.contains('/'));
        let value = HeaderValue::from_str(trimmed).ok().filter(|_| valid).ok_or_else(|| {
            format!("--allow-origin {origin:?}: give scheme://host[:port], e.g. https://console.example.com")
        })?;
        values.push(value);
    }
    // Named origins may send cookies (a console's session); `*` never does.
    Ok(Some(
        layer
            .allow_origin(AllowOrigin::list(values))
            .allow_credentials(true),
    ))
}

/// Today's date in China Standard Time (UTC+8): the rules' notion of "today".
pub fn today_in_china() -> chrono::NaiveDate {
    now_in_china().date()
}

/// The current China Standard Time wall clock.
pub fn now_in_china() -> chrono::NaiveDateTime {
    icp_filing::dates::china_time_from_unix_ms(Utc::now().timestamp_millis())
}

/// Binds, then serves until `shutdown` resolves. Calls `on_bound` with the actual address
/// (useful with port 0).
///
/// # Errors
/// When the store can't be opened, the rules override or an allowed origin is invalid, or
/// the address can't be bound.
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
    let app = router(store, rules, &config)?;
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    on_bound(listener.local_addr()?);
    axum::serve(
        conn::CuttableListener(listener),
        app.into_make_service_with_connect_info::<Conn>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_origins_are_checked() {
        let ok =
            |list: &[&str]| cors_layer(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert!(ok(&[]).unwrap().is_none());
        assert!(ok(&["*"]).unwrap().is_some());
        assert!(
            ok(&["https://console.example.com", "http://127.0.0.1:5173/"])
                .unwrap()
                .is_some()
        );
        for bad in [
            &["*", "https://a.example"][..],
            &["console.example.com"],
            &["https://a.example/path"],
            &["https://a.example\n"],
            &["http://é/x"],
            &["https://"],
        ] {
            assert!(ok(bad).is_err(), "{bad:?}");
        }
    }
}
