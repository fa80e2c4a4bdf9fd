//! The HTTP handlers. Every error answer is `{"error": {"code", "message"}}`, except `422`,
//! which carries the rules' report. Messages are fixed texts: no parser wording, no stored or
//! submitted values, no internal error text (those go to stderr, without personal data).

use axum::body::Bytes;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{header, Extensions, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use icp_filing::correction::{amend_reverted, Approved};
use icp_filing::form::FieldPath;
use icp_filing::ident::subject_filing_number;
use icp_filing::messages::{self, Locale};
use icp_filing::model::{parse_filing, Filing, FilingParseError, FilingType};
use icp_filing::rejections::{self, RejectionReason};
use icp_filing::report::{Issue, Report, Severity};
use icp_filing::rules::{normalize, validate, RuleContext};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::faults::{FaultKind, Faults};
use crate::logrepeat::RepeatedLog;
use crate::review::{AdvanceError, Outcome};
use crate::{
    now_in_china, review, today_in_china, AppState, Conn, StoreError, StoredResponse,
    MAX_REPORTED_ISSUES,
};

pub(crate) fn error_body(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
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
        e @ StoreError::OrderInReview { .. } => error_body(
            StatusCode::CONFLICT,
            "filing.order_in_review",
            e.to_string(),
        ),
        e @ StoreError::NotAwaitingCorrection => error_body(
            StatusCode::CONFLICT,
            "review.not_awaiting_correction",
            e.to_string(),
        ),
        other if other.is_busy() => {
            BUSY_LOG.write(&format!("icp-receiver: store busy: {}", other.log_text()));
            let mut response = error_body(
                StatusCode::SERVICE_UNAVAILABLE,
                "store.busy",
                "the database is busy; nothing was stored; retry with the same Idempotency-Key",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            response
        }
        other if other.is_full() => {
            FULL_LOG.write(&format!("icp-receiver: store full: {}", other.log_text()));
            error_body(
                StatusCode::SERVICE_UNAVAILABLE,
                "store.full",
                "the receiver has no room to store filings; nothing was stored",
            )
        }
        other => {
            FAILED_LOG.write(&format!("icp-receiver: store failed: {}", other.log_text()));
            error_body(
                StatusCode::INTERNAL_SERVER_ERROR,
                "store.failed",
                "the receiver could not store or read the filing; nothing was stored",
            )
        }
    }
}

/// A busy, full or failing store is met by every request while it lasts: logged once per
/// interval each.
static BUSY_LOG: RepeatedLog = RepeatedLog::new();
static FULL_LOG: RepeatedLog = RepeatedLog::new();
static FAILED_LOG: RepeatedLog = RepeatedLog::new();

fn not_found() -> Response {
    error_body(
        StatusCode::NOT_FOUND,
        "filing.not_found",
        "no filing with this id",
    )
}

/// The answer to a request whose handler panicked (also used for a panic in a blocking task,
/// which [`join`] hands on to the handler).
pub(crate) fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    eprintln!("icp-receiver: a request handler panicked; answered 500 server.failed");
    error_body(
        StatusCode::INTERNAL_SERVER_ERROR,
        "server.failed",
        "the receiver failed while handling this request",
    )
}

/// The value of a finished blocking task; a panic in it continues in the caller (and is
/// answered by the panic layer). `None` when the runtime cancelled it (shutting down).
fn join<T>(result: Result<T, tokio::task::JoinError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => None,
    }
}

/// A body larger than this waits for the one turn large bodies share.
const LARGE_BODY_BYTES: usize = 64 * 1024;

/// Turns at the work a filing takes (parsing, the rules, the store): as many at once as the
/// machine has cores, and one large body at a time, so that a burst of large filings leaves
/// cores to status reads and to ordinary filings. Closed when the receiver stops: a filing
/// still waiting for its turn is answered `503 server.stopping`.
pub(crate) struct FilingTurns {
    all: Arc<Semaphore>,
    large: Arc<Semaphore>,
}

/// A filing's turn, held until its work is done (also when the client has gone).
pub(crate) struct Turn {
    _large: Option<OwnedSemaphorePermit>,
    _all: OwnedSemaphorePermit,
}

impl FilingTurns {
    pub(crate) fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        Self {
            all: Arc::new(Semaphore::new(cores)),
            large: Arc::new(Semaphore::new(1)),
        }
    }

    /// Waits for a turn for a body of `len` bytes; `None` once the receiver is stopping.
    async fn take(&self, len: usize) -> Option<Turn> {
        let large = match len > LARGE_BODY_BYTES {
            true => Some(self.large.clone().acquire_owned().await.ok()?),
            false => None,
        };
        let all = self.all.clone().acquire_owned().await.ok()?;
        Some(Turn {
            _large: large,
            _all: all,
        })
    }

    /// No more turns: the receiver is stopping.
    pub(crate) fn close(&self) {
        self.all.close();
        self.large.close();
    }
}

pub(crate) fn stopping() -> Response {
    error_body(
        StatusCode::SERVICE_UNAVAILABLE,
        "server.stopping",
        "the receiver is shutting down; retry with the same Idempotency-Key",
    )
}

/// Runs a store call off the async threads.
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Response> {
    join(tokio::task::spawn_blocking(call).await)
        .ok_or_else(stopping)?
        .map_err(store_error)
}

fn locale_of(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::parse)
        .unwrap_or_default()
}

fn body_error(rejection: &BytesRejection) -> Response {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        crate::guard::too_large(crate::MAX_BODY_BYTES)
    } else {
        error_body(
            StatusCode::BAD_REQUEST,
            "body.unreadable",
            "the body could not be read",
        )
    }
}

/// `{"ok": true}` while the store works; `503 store.failed` when it can't be read or its
/// file is gone.
pub(crate) async fn health(State(state): State<AppState>) -> Response {
    let store = state.store.clone();
    match join(tokio::task::spawn_blocking(move || store.check()).await) {
        Some(Ok(())) => Json(json!({ "ok": true })).into_response(),
        Some(Err(e)) if e.is_busy() => store_error(e),
        Some(Err(e)) => {
            eprintln!("icp-receiver: health: {}", e.log_text());
            error_body(
                StatusCode::SERVICE_UNAVAILABLE,
                "store.failed",
                "the receiver can't read its database: filings can't be stored",
            )
        }
        None => stopping(),
    }
}

pub(crate) async fn no_such_route() -> Response {
    error_body(StatusCode::NOT_FOUND, "route.not_found", "no such endpoint")
}

/// An endpoint asked with a method it doesn't take (`GET /api/filings`): the error body,
/// beside the `Allow` header the router sets.
pub(crate) async fn method_not_allowed() -> Response {
    error_body(
        StatusCode::METHOD_NOT_ALLOWED,
        "route.method_not_allowed",
        "this endpoint doesn't take this method (see the Allow header)",
    )
}

/// The `Idempotency-Key` header: `Ok(None)` when absent, `Err` when not 1–255 visible
/// ASCII characters, or given twice (a proxy could keep either, and the key stored would
/// not be the one the client retries with).
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ()> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(());
    }
    // Whitespace around a field value is not part of it (RFC 9110 §5.5); inside, a space or
    // a tab would make two keys that look alike.
    let key = value.to_str().map_err(|_| ())?.trim();
    let visible = |b: u8| (0x21..=0x7e).contains(&b);
    if key.is_empty() || key.len() > 255 || !key.bytes().all(visible) {
        return Err(());
    }
    Ok(Some(key.to_owned()))
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
            "Idempotency-Key must be one header of 1–255 visible ASCII characters",
        );
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return body_error(&rejection),
    };
    let locale = locale_of(&headers);
    let mut cut_connection = false;
    let mut hold_back_ms = 0;
    let mut panic_in_worker = false;
    if let Some(fault) = state.faults.as_deref().and_then(|f| f.take(key.as_deref())) {
        match fault {
            FaultKind::Drop => cut_connection = true,
            FaultKind::Delay { ms } => hold_back_ms = ms,
            FaultKind::Panic => panic_in_worker = true,
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
                            message: i.message.unwrap_or_else(|| {
                                messages::render(&i.code, &i.params, locale, &state.rules)
                            }),
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
    // Parsing, the rules and SQLite run on a blocking thread, in the filing's turn
    // ([`FilingTurns`]), so that large filings being validated hold up no other request. The
    // task runs to the end even when the client goes away: whether a filing is stored must
    // not depend on when the client gave up.
    let Some(turn) = state.turns.take(body.len()).await else {
        return stopping();
    };
    let received_at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let task = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        if panic_in_worker {
            panic!("injected fault: panic while handling a filing");
        }
        accept_filing(&state, locale, key, &body, &received_at)
    });
    let response = match join(task.await) {
        Some(Accepted::Stored(stored)) => created(&stored),
        Some(Accepted::Refused(refusal)) => refusal.into_response(),
        None => stopping(),
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

/// What became of a submitted filing.
enum Accepted {
    Stored(StoredResponse),
    /// Not stored: the answer says why (`400`, `422`, a store error).
    Refused(Refusal),
}

/// An answer made on the blocking thread, turned into a response on the async one.
enum Refusal {
    Error(StatusCode, &'static str, std::borrow::Cow<'static, str>),
    /// The rules' report, serialised (a large one takes a while).
    Report(Vec<u8>),
    Store(StoreError),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Error(status, code, message) => error_body(status, code, message),
            Refusal::Report(json) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                json,
            )
                .into_response(),
            Refusal::Store(e) => store_error(e),
        }
    }
}

/// Reads a submitted body and runs the shared rules on it: the normalised filing, or the
/// answer that refuses it (`400`, `422`). Blocking.
fn check_filing(state: &AppState, locale: Locale, body: &[u8]) -> Result<Filing, Refusal> {
    let refuse =
        |code, message: &'static str| Refusal::Error(StatusCode::BAD_REQUEST, code, message.into());
    // Never read with replacement characters: what is stored is what was sent.
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(refuse("body.not_utf8", "the body is not valid UTF-8"));
    };
    let filing: Filing = match parse_filing(text) {
        Ok(f) => f,
        Err(FilingParseError::NotAnObject) => {
            return Err(refuse("body.not_a_filing", "the body is not a JSON object"))
        }
        Err(FilingParseError::SchemaVersion(_)) => {
            return Err(refuse(
                "body.not_a_filing",
                "schemaVersion must be 1, the version of the contract's filing.schema.json",
            ))
        }
        // The parser's message quotes the input; say which kind of problem it is instead.
        Err(_) if serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() => {
            return Err(refuse(
                "body.not_a_filing",
                "the body is not well-formed JSON (or is nested too deeply)",
            ))
        }
        // The field's path, never its value (which may be an ID number).
        Err(FilingParseError::Json { path, .. }) if !path.is_empty() => {
            return Err(Refusal::Error(
                StatusCode::BAD_REQUEST,
                "body.not_a_filing",
                format!("the JSON is not a filing: {path} has the wrong type or an unknown value")
                    .into(),
            ))
        }
        Err(_) => {
            return Err(refuse(
                "body.not_a_filing",
                "the JSON is not a filing: a field has the wrong type or an unknown value",
            ))
        }
    };
    let ctx = RuleContext::new(today_in_china())
        .with_locale(locale)
        .with_data(&state.rules);
    let mut report = validate(&filing, &ctx);
    // A change is compared with the filings approved under its number here: the latest (does
    // it change anything?) and the one before (does it set back what the latest changed?).
    let number = subject_filing_number(filing.filing_number.trim());
    if filing.filing_type == Some(FilingType::Change) && !number.is_empty() {
        let mut approved = state
            .store
            .approved_as(number, 2)
            .map_err(Refusal::Store)?
            .into_iter();
        if let Some(latest) = approved.next() {
            if let Some(previous) = approved.next() {
                report = amend_reverted(
                    report,
                    number,
                    &previous,
                    &latest,
                    &filing,
                    locale,
                    &state.rules,
                );
            }
            let latest = Approved {
                filing_number: number.to_owned(),
                filing: latest,
            };
            report = latest.amend(report, &filing, locale, &state.rules);
        }
    }
    if !report.ok {
        return Err(match serde_json::to_vec(&BoundedReport::of(&report)) {
            Ok(json) => Refusal::Report(json),
            Err(e) => Refusal::Store(StoreError::Corrupt(e)),
        });
    }
    Ok(normalize(&filing))
}

/// The report as a `422` sends it: the first [`MAX_REPORTED_ISSUES`] issues in form order,
/// and how many more there are.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct BoundedReport<'a> {
    ruleset_version: &'a str,
    ok: bool,
    issues: &'a [Issue],
    #[serde(skip_serializing_if = "Option::is_none")]
    issues_omitted: Option<usize>,
}

impl<'a> BoundedReport<'a> {
    fn of(report: &'a Report) -> Self {
        let shown = report.issues.len().min(MAX_REPORTED_ISSUES);
        Self {
            ruleset_version: &report.ruleset_version,
            ok: report.ok,
            issues: &report.issues[..shown],
            issues_omitted: (report.issues.len() > shown).then(|| report.issues.len() - shown),
        }
    }
}

/// Validates, then stores (or replays) a filing. Blocking: parses, runs the rules and waits
/// for SQLite.
fn accept_filing(
    state: &AppState,
    locale: Locale,
    key: Option<String>,
    body: &[u8],
    received_at: &str,
) -> Accepted {
    match state.store.answer_for(key.as_deref(), body, None) {
        Ok(Some(previous)) => return Accepted::Stored(previous),
        Ok(None) => {}
        Err(e) => return Accepted::Refused(Refusal::Store(e)),
    }
    let normalized = match check_filing(state, locale, body) {
        Ok(filing) => filing,
        Err(refusal) => return Accepted::Refused(refusal),
    };
    match state
        .store
        .insert_filing(&normalized, body, key.as_deref(), received_at)
    {
        Ok(stored) => Accepted::Stored(stored),
        Err(e) => Accepted::Refused(Refusal::Store(e)),
    }
}

/// `PUT /api/filings/{id}`: the correction of a filing the reviewer sent back. The same body
/// and key rules as a new filing; accepted only while the filing awaits a correction.
pub(crate) async fn correct_filing(
    State(state): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Ok(Path(id)) = id else {
        return not_found();
    };
    let Ok(key) = idempotency_key(&headers) else {
        return error_body(
            StatusCode::BAD_REQUEST,
            "idempotency.key_invalid",
            "Idempotency-Key must be one header of 1–255 visible ASCII characters",
        );
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return body_error(&rejection),
    };
    let locale = locale_of(&headers);
    let Some(turn) = state.turns.take(body.len()).await else {
        return stopping();
    };
    let received_at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let now = now_in_china();
    let task = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        if let Some(previous) = state
            .store
            .answer_for(key.as_deref(), &body, Some(&id))
            .map_err(Refusal::Store)?
        {
            return Ok(Some(previous));
        }
        let filing = check_filing(&state, locale, &body)?;
        state
            .store
            .correct_filing(&id, &filing, &body, key.as_deref(), &received_at, now)
            .map_err(Refusal::Store)
    });
    match join(task.await) {
        Some(Ok(Some(stored))) => {
            let mut response = (
                StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK),
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                stored.body,
            )
                .into_response();
            if stored.replayed {
                response
                    .headers_mut()
                    .insert("idempotent-replayed", HeaderValue::from_static("true"));
            }
            response
        }
        Some(Ok(None)) => not_found(),
        Some(Err(refusal)) => refusal.into_response(),
        None => stopping(),
    }
}

/// The `201` (first or replayed) for a stored filing.
fn created(stored: &StoredResponse) -> Response {
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

pub(crate) async fn get_filing(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    // An id that does not decode names no filing.
    let Ok(Path(id)) = id else {
        return not_found();
    };
    let store = state.store.clone();
    match blocking(move || store.get_filing(&id)).await {
        Ok(Some(record)) => Json(record).into_response(),
        Ok(None) => not_found(),
        Err(response) => response,
    }
}

pub(crate) async fn get_status(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(id)) = id else {
        return not_found();
    };
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
    /// With a rejection: what the reviewer names (docs/http-contract.md).
    #[serde(default)]
    reasons: Option<Vec<RejectionReason>>,
}

/// Whether `path` names a field, an item or a list of `filing` that a reviewer can point at,
/// written as the rules' report writes it: a field (`websites[0].name`,
/// `websites[0].domains[1]`), what holds fields (`websites[0]`, `subject.principal`,
/// `apps[0].platforms[1]`, `subject.address`) or a list, also an empty one (`websites`,
/// `websites[0].preApprovals`). An index past the end of its list names nothing.
fn reason_path_ok(path: &str, filing: &Filing) -> bool {
    let field = |p: &str| FieldPath::parse(p).is_some_and(|f| f.get(filing).is_some());
    if field(path) {
        return true;
    }
    // A part is what one of its fields extends: `websites[0]` → `websites[0].name`,
    // `subject.principal.certificate` → `….number`, `apps[0].platforms[1]` → `….platform`.
    const LEAVES: [&str; 5] = [".name", ".number", ".detail", ".platform", ".category"];
    if !path.is_empty() && LEAVES.iter().any(|leaf| field(&format!("{path}{leaf}"))) {
        return true;
    }
    match path {
        "websites" | "apps" => true,
        _ => {
            let owner = path.strip_suffix(".preApprovals").or_else(|| {
                path.strip_suffix(".platforms")
                    .filter(|app| app.starts_with("apps["))
            });
            owner.is_some_and(|owner| field(&format!("{owner}.name")))
        }
    }
}

/// The reasons of a demo rejection: those given, checked, or one the demo picks.
fn demo_reasons(
    given: Option<Vec<RejectionReason>>,
    filing: &Filing,
) -> Result<Vec<RejectionReason>, String> {
    let Some(given) = given else {
        let (path, code) = if filing.websites.is_empty() {
            ("subject.name", "subject.registryMismatch")
        } else {
            ("websites[0].name", "website.nameNotCompliant")
        };
        return Ok(vec![RejectionReason {
            path: path.to_owned(),
            code: code.to_owned(),
            comment: "演示：审核人员的意见".to_owned(),
        }]);
    };
    for (i, reason) in given.iter().enumerate() {
        if rejections::reason(&reason.code).is_none() {
            return Err(format!(
                "reasons[{i}].code is not in the catalogue (docs/codes.md)"
            ));
        }
        if !reason_path_ok(&reason.path, filing) {
            return Err(format!(
                "reasons[{i}].path names no field, item or list of this filing"
            ));
        }
        if reason.comment.chars().count() > 500 {
            return Err(format!(
                "reasons[{i}].comment is longer than 500 characters"
            ));
        }
    }
    Ok(given)
}

pub(crate) async fn advance(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Ok(Path(id)) = id else {
        return not_found();
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return body_error(&rejection),
    };
    let request = if body.iter().all(u8::is_ascii_whitespace) {
        AdvanceRequest::default()
    } else {
        match serde_json::from_slice::<AdvanceRequest>(&body) {
            Ok(r) => r,
            Err(_) => {
                return error_body(
                    StatusCode::BAD_REQUEST,
                    "body.invalid",
                    r#"the body must be empty or {"outcome": "passed"} or {"outcome": "rejected", "reasons": [{"path", "code", "comment"}]}"#,
                )
            }
        }
    };
    if request.outcome == Outcome::Passed && request.reasons.is_some() {
        return error_body(
            StatusCode::BAD_REQUEST,
            "body.invalid",
            "reasons go with a rejection only",
        );
    }
    let reasons = match request.outcome {
        Outcome::Rejected => {
            let store = state.store.clone();
            let lookup = id.clone();
            let filing = match blocking(move || store.get_filing(&lookup)).await {
                Ok(Some(record)) => record.filing,
                Ok(None) => return not_found(),
                Err(response) => return response,
            };
            match demo_reasons(request.reasons, &filing) {
                Ok(reasons) => reasons,
                Err(message) => {
                    return error_body(StatusCode::BAD_REQUEST, "body.invalid", message)
                }
            }
        }
        Outcome::Passed => Vec::new(),
    };
    let store = state.store.clone();
    let rules = state.rules.clone();
    let now = now_in_china();
    let result = blocking(move || {
        store.advance(
            &id,
            request.outcome,
            &reasons,
            now,
            |filing, at, attempt| {
                let abbr = rules
                    .province_for_region(&filing.province)
                    .map(|p| p.abbr.as_str())
                    .unwrap_or_default();
                review::filing_number(abbr, at, &id, attempt)
            },
        )
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
