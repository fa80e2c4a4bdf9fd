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
//! * everything else — static files of the demo site: precompressed `.br`/`.gz` variants when
//!   the client accepts them, `ETag`s and `304 Not Modified`, `Cache-Control` that makes caches
//!   revalidate (module `site`, `docs/serving.md`).
//!
//! `--rules FILE` applies a rule-data override (the provider's own lists); reports then name
//! the overridden ruleset version. `--allow-origin` answers CORS requests from a console on
//! another origin and lets it send requests that change data.
//!
//! Requests that change data from another site are refused (`403`), a `POST` must be
//! `application/json` (`415`). Every `/api` answer says `Cache-Control: no-store`. Connections
//! are capped and timed (request head, body, shutdown): see [`Config`].

mod api;
pub mod conn;
pub mod faults;
mod guard;
mod logrepeat;
pub mod review;
mod server;
mod site;
pub mod store;

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::routing::{any, get, post};
use axum::Router;
use chrono::Utc;
use icp_filing::ruledata::RuleData;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

pub use conn::Conn;
pub use faults::Faults;
pub use store::{FilingStatus, Store, StoreError, StoredResponse};

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Issues a `422` lists at most, in form order (`issuesOmitted` counts the rest). A real
/// filing has a few dozen at most; unbounded, a 1 MiB body of bad domains would be answered
/// with tens of megabytes.
pub const MAX_REPORTED_ISSUES: usize = 200;

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
    /// `["*"]` for any origin without credentials. Empty: no CORS headers, and requests that
    /// change data only from the receiver's own origin (or from no browser at all).
    pub allow_origins: Vec<String>,
    /// Open connections at most. Beyond it a new connection replaces the oldest idle one, or
    /// is answered `503 server.busy` when all are busy with requests.
    pub max_connections: usize,
    /// Time a client has to send a request head (also how long an idle keep-alive
    /// connection stays open).
    pub header_timeout: Duration,
    /// Time a client has to send a request body once its head has arrived (`408`).
    pub body_timeout: Duration,
    /// Time the receiver waits for a client to take any of a response it is sending before
    /// it closes the connection (a client that sends requests and never reads).
    pub write_timeout: Duration,
    /// On shutdown, how long requests in flight may take before their connections are
    /// closed anyway.
    pub shutdown_timeout: Duration,
}

impl Config {
    /// Default of [`Config::max_connections`].
    pub const MAX_CONNECTIONS: usize = 512;
    /// Default of [`Config::header_timeout`].
    pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
    /// Default of [`Config::body_timeout`].
    pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);
    /// Default of [`Config::write_timeout`].
    pub const WRITE_TIMEOUT: Duration = Duration::from_secs(20);
    /// Default of [`Config::shutdown_timeout`].
    pub const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(5);
}

impl Default for Config {
    /// The command line's defaults: `127.0.0.1:8080`, `./data-dir`, API only, nothing extra,
    /// 512 connections, 10 s for a request head, 30 s for a body, 20 s for a client to take
    /// some of a response, 5 s to shut down.
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data-dir"),
            site_dir: None,
            rules: None,
            demo: false,
            faults: false,
            allow_origins: Vec::new(),
            max_connections: Self::MAX_CONNECTIONS,
            header_timeout: Self::HEADER_TIMEOUT,
            body_timeout: Self::BODY_TIMEOUT,
            write_timeout: Self::WRITE_TIMEOUT,
            shutdown_timeout: Self::SHUTDOWN_TIMEOUT,
        }
    }
}

/// The handlers' shared state.
#[derive(Clone)]
struct AppState {
    store: Arc<Store>,
    rules: Arc<RuleData>,
    faults: Option<Arc<Faults>>,
    turns: Arc<api::FilingTurns>,
}

/// The HTTP routes over an opened store, validating with `rules`, as `config` enables them
/// (`addr`, `data_dir` and `rules` are not read here).
///
/// # Errors
/// When an allowed origin is not a valid header value or mixes `*` with named origins.
pub fn router(store: Store, rules: RuleData, config: &Config) -> Result<Router, String> {
    router_with_turns(store, rules, config, Arc::new(api::FilingTurns::new()))
}

/// [`router`] with the filings' turns, which [`serve`] closes when it stops.
fn router_with_turns(
    store: Store,
    rules: RuleData,
    config: &Config,
    turns: Arc<api::FilingTurns>,
) -> Result<Router, String> {
    let state = AppState {
        store: Arc::new(store),
        rules: Arc::new(rules),
        faults: config.faults.then(|| Arc::new(Faults::default())),
        turns,
    };
    let mut api = Router::new()
        .route("/api/health", get(api::health))
        .route("/api/filings", post(api::create_filing))
        .route(
            "/api/filings/{id}",
            get(api::get_filing).put(api::correct_filing),
        )
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
    let guard = Arc::new(guard::ApiGuard {
        allowed_origins: allowed_origins(&config.allow_origins),
        body_timeout: config.body_timeout,
        max_body: MAX_BODY_BYTES,
    });
    let api = api
        .route_layer(axum::middleware::from_fn_with_state(
            guard,
            guard::api_request,
        ))
        .route("/api", any(api::no_such_route))
        .route("/api/", any(api::no_such_route))
        .route("/api/{*rest}", any(api::no_such_route))
        .method_not_allowed_fallback(api::method_not_allowed)
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(api::panicked))
        // Answers may carry personal data: no cache keeps them.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let app = match &config.site_dir {
        Some(dir) => {
            let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
            let bounds = Arc::new(guard::SiteBounds {
                site: canonical(dir),
                data: canonical(&config.data_dir),
            });
            api.fallback_service(
                ServiceBuilder::new()
                    .layer(axum::middleware::from_fn(guard::no_hidden_files))
                    .layer(axum::middleware::from_fn_with_state(
                        bounds,
                        guard::only_inside_the_site,
                    ))
                    .service(site::service(dir)),
            )
        }
        None => api,
    };
    let app = match cors_layer(&config.allow_origins)? {
        Some(cors) => app.layer(cors),
        None => app,
    };
    // CORS preflights are answered above the API's own layers; nothing else goes uncached
    // without saying so (static files say `no-cache` themselves).
    Ok(app.layer(axum::middleware::from_fn(guard::one_host)).layer(
        SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ),
    ))
}

/// The allowed origins as the guard compares them; `None` for `*`.
fn allowed_origins(origins: &[String]) -> Option<Vec<String>> {
    if origins.iter().any(|o| o == "*") {
        return None;
    }
    Some(
        origins
            .iter()
            .map(|o| o.trim_end_matches('/').to_ascii_lowercase())
            .collect(),
    )
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
        // Every method of the API (docs/http-contract.md), `DELETE` for `/__faults`.
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
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

/// File in the data directory that a running receiver holds locked.
pub const LOCK_FILE: &str = "receiver.lock";

/// Creates the data directory and locks it for this process: a second receiver on the same
/// directory is refused. The lock lasts as long as the returned file is open.
///
/// # Errors
/// When the directory can't be created or another process holds the lock.
pub fn lock_data_dir(dir: &Path) -> Result<File, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))?;
    let path = dir.join(LOCK_FILE);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let by = if holder.is_empty() {
                String::new()
            } else {
                format!(" (process {holder})")
            };
            return Err(format!(
                "the data directory {} is in use by another icp-receiver{by}; {} is locked",
                dir.display(),
                path.display()
            ));
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(format!("cannot lock {}: {e}", path.display()));
        }
    }
    // Who holds it, for the message above; the lock is what counts.
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = write!(file, "{}", std::process::id());
    Ok(file)
}

/// Refuses a site folder that contains the data directory (or is it): the database would be
/// served as a static file.
fn check_site_dir(site: &Path, data_dir: &Path) -> Result<(), String> {
    let site = site
        .canonicalize()
        .map_err(|e| format!("--site {}: {e}", site.display()))?;
    let data =
        canonical_to_be(data_dir).map_err(|e| format!("--data-dir {}: {e}", data_dir.display()))?;
    if data.starts_with(&site) {
        return Err(format!(
            "the data directory {} is inside the site folder {}: the database would be served; keep them apart",
            data.display(),
            site.display()
        ));
    }
    Ok(())
}

/// The canonical form of a path that may not exist yet: its nearest existing ancestor's,
/// with the rest appended.
fn canonical_to_be(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(real) => return Ok(rest.iter().rev().fold(real, |p, name| p.join(name))),
            Err(e) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => return Err(e),
            },
        }
    }
}

/// Raises this process's open-file limit to its hard limit (Unix), so that the connection cap
/// rather than the descriptor limit bounds the connections. Returns the limit now in force.
pub fn raise_fd_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit/setrlimit only read and write the struct passed to them.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return None;
            }
            if limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit {
                    rlim_cur: limit.rlim_max,
                    rlim_max: limit.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit = raised;
                }
            }
        }
        #[allow(clippy::useless_conversion)] // rlim_t is not u64 everywhere
        Some(u64::try_from(limit.rlim_cur).unwrap_or(u64::MAX))
    }
    #[cfg(not(unix))]
    None
}

/// Connections the kernel queues for `accept` (capped by `net.core.somaxconn`): a burst of
/// new connections is queued rather than refused (a client whose connection attempt is
/// dropped tries again only after a second).
const LISTEN_BACKLOG: u32 = 1024;

fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Binds, locks the data directory, then serves until `shutdown` resolves; then lets
/// requests in flight finish for up to [`Config::shutdown_timeout`] and returns. Calls
/// `on_bound` with the actual address (useful with port 0).
///
/// # Errors
/// When the data directory is in use by another receiver or lies inside the site folder,
/// the store can't be opened, the rules override or an allowed origin is invalid, a limit is
/// zero, or the address can't be bound.
pub async fn serve(
    config: Config,
    on_bound: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if config.max_connections == 0 {
        return Err("the connection limit must be at least 1".into());
    }
    for (name, value) in [
        ("header", config.header_timeout),
        ("body", config.body_timeout),
        ("write", config.write_timeout),
    ] {
        if value.is_zero() {
            return Err(format!("the {name} timeout must be more than 0").into());
        }
    }
    // What can be refused is refused before anything is written: the data directory inside
    // the site (a lock file would be served), the address in use.
    if let Some(site) = &config.site_dir {
        check_site_dir(site, &config.data_dir)?;
    }
    let listener =
        bind(config.addr).map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let _lock = lock_data_dir(&config.data_dir)?;
    let store = Store::open(&config.data_dir)?;
    let rules = match &config.rules {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            RuleData::from_host_file(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => RuleData::embedded().clone(),
    };
    let turns = Arc::new(api::FilingTurns::new());
    let app = router_with_turns(store, rules, &config, turns.clone())?;
    // Filings still waiting for their turn near the end of the grace period are answered
    // `503 server.stopping`, not left to have their connection closed unanswered.
    let grace = config.shutdown_timeout.mul_f32(0.8);
    let shutdown = async move {
        shutdown.await;
        tokio::spawn(async move {
            tokio::time::sleep(grace).await;
            turns.close();
        });
    };
    on_bound(listener.local_addr()?);
    server::run(
        listener,
        app,
        server::Limits {
            max_connections: config.max_connections,
            header_timeout: config.header_timeout,
            write_timeout: config.write_timeout,
            shutdown_timeout: config.shutdown_timeout,
        },
        shutdown,
    )
    .await;
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
