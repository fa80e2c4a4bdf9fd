//! Checks made before a handler runs.
//!
//! * API requests that change data must come from this receiver's own pages or an allowed
//!   origin (`403 request.cross_site`), and a `POST` must say `Content-Type: application/json`
//!   (`415 body.not_json`), so that a browser page elsewhere can't send one without a CORS
//!   preflight; a compressed body is refused (`415 body.encoded`).
//! * The body is read here, whole, under a size limit (`413 body.too_large`, answered from
//!   `Content-Length` before any of it is read, so no `100 Continue` is sent for it) and a
//!   deadline (`408 body.timeout`).
//! * Every HTTP/1.1 request names its host once (`400 request.host`, RFC 9112, section 3.2).
//! * Static files: nothing whose path has a segment starting with `.` is served, nor a file
//!   (or precompressed variant) that resolves outside the site folder or into the data
//!   directory.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::api::error_body;

/// What the API guard checks against.
#[derive(Debug, Clone)]
pub(crate) struct ApiGuard {
    /// Origins allowed besides the receiver's own, lower-cased; `None`: any origin (`*`).
    pub allowed_origins: Option<Vec<String>>,
    pub body_timeout: Duration,
    pub max_body: usize,
}

/// Most of a too-large body read (and discarded) before answering `413`.
const DRAIN_LIMIT: usize = 8 * 1024 * 1024;

fn changes_data(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// `application/json`, with any parameters (`; charset=utf-8`), said once: of two
/// `Content-Type` headers neither is taken over the other.
fn is_json(headers: &HeaderMap) -> bool {
    let mut types = headers.get_all(header::CONTENT_TYPE).iter();
    let (Some(only), None) = (types.next(), types.next()) else {
        return false;
    };
    Some(only)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// `host[:port]` of an origin (`scheme://host[:port]`), without the scheme's default port.
fn origin_authority(origin: &str) -> Option<(String, &'static str)> {
    let (scheme, rest) = origin.split_once("://")?;
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    if rest.is_empty() || rest.contains(['/', '?', '#', '@']) {
        return None;
    }
    Some((rest.to_ascii_lowercase(), default_port))
}

/// The request's `Origin` names the host (and port) the request was sent to.
fn is_same_origin(origin: &str, request: &axum::http::request::Parts) -> bool {
    let Some((authority, default_port)) = origin_authority(origin) else {
        return false;
    };
    let host = request
        .headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri.authority().map(|a| a.as_str().to_owned()));
    let Some(host) = host else {
        return false;
    };
    let host = host.trim().to_ascii_lowercase();
    let strip = |s: &str| s.strip_suffix(default_port).unwrap_or(s).to_owned();
    strip(&host) == strip(&authority)
}

impl ApiGuard {
    fn allows(&self, origin: &str) -> bool {
        match &self.allowed_origins {
            None => true,
            Some(list) => {
                let origin = origin.trim_end_matches('/').to_ascii_lowercase();
                list.contains(&origin)
            }
        }
    }

    /// Whether a request that changes data may come from where it says it comes from. Of two
    /// `Origin` headers neither is taken over the other: the request is refused.
    fn origin_ok(&self, request: &axum::http::request::Parts) -> bool {
        let mut origins = request.headers.get_all(header::ORIGIN).iter();
        let origin = match (origins.next(), origins.next()) {
            (_, Some(_)) => return false,
            (origin, None) => origin.map(HeaderValue::to_str),
        };
        let cross_site_fetch = request
            .headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("cross-site"));
        match origin {
            None => !cross_site_fetch || self.allowed_origins.is_none(),
            Some(Err(_)) => false,
            Some(Ok(origin)) if self.allows(origin) => true,
            Some(Ok(origin)) => !cross_site_fetch && is_same_origin(origin, request),
        }
    }
}

fn closing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

pub(crate) fn too_large(max_body: usize) -> Response {
    error_body(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body.too_large",
        format!("the body is larger than {max_body} bytes"),
    )
}

/// The API guard: origin and media type of requests that change data, then the body, read
/// whole under the size limit and the deadline.
pub(crate) async fn api_request(
    State(guard): State<Arc<ApiGuard>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    if !changes_data(&parts.method) {
        return next.run(Request::from_parts(parts, body)).await;
    }
    if !guard.origin_ok(&parts) {
        return error_body(
            StatusCode::FORBIDDEN,
            "request.cross_site",
            "requests that change data are accepted from this receiver's own pages and the origins it allows (--allow-origin)",
        );
    }
    if (parts.method == Method::POST || parts.method == Method::PUT) && !is_json(&parts.headers) {
        return error_body(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "body.not_json",
            "send the body as JSON with Content-Type: application/json",
        );
    }
    // A compressed body would be read as text and refused as not UTF-8, which misleads.
    if parts
        .headers
        .get_all(header::CONTENT_ENCODING)
        .iter()
        .any(|v| {
            !v.to_str()
                .is_ok_and(|v| v.trim().eq_ignore_ascii_case("identity"))
        })
    {
        return error_body(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "body.encoded",
            "send the body uncompressed (no Content-Encoding)",
        );
    }
    match read_body(&guard, &parts.headers, body).await {
        // Read whole, the request is handled to its end even if the client goes away now
        // (docs/http-contract.md): on a task of its own, which the connection's end does not
        // cancel. A panic in it goes on here, to the panic layer.
        Ok(bytes) => {
            let handling = tokio::spawn(next.run(Request::from_parts(parts, Body::from(bytes))));
            match handling.await {
                Ok(response) => response,
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(_) => crate::api::stopping(),
            }
        }
        Err(refused) => refused,
    }
}

/// Reads a request body whole, under the size limit and the deadline.
///
/// A body declared over the limit is answered at once and read (and discarded) up to
/// [`DRAIN_LIMIT`] behind the answer, so that the client, which may be sending it, gets to
/// read the `413` instead of a reset connection; a larger one, or one the client waits to
/// send (`Expect: 100-continue`), is answered and the connection closed. A body that grows
/// over the limit without saying so is read to its end (up to [`DRAIN_LIMIT`]) first.
async fn read_body(guard: &ApiGuard, headers: &HeaderMap, body: Body) -> Result<Bytes, Response> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let waits_for_continue = headers
        .get(header::EXPECT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("100-continue"));
    let mut over = declared.is_some_and(|n| n > guard.max_body as u64);
    if over && (waits_for_continue || declared.is_some_and(|n| n > DRAIN_LIMIT as u64)) {
        // Answered before the body is touched: hyper sends no `100 Continue`.
        return Err(closing(too_large(guard.max_body)));
    }
    if over {
        // Answered at once, as the contract says, for a client that waits for it before
        // sending; one that is sending reads the answer while the rest is discarded.
        tokio::spawn(drain(body, guard.body_timeout));
        return Err(closing(too_large(guard.max_body)));
    }
    let deadline = tokio::time::Instant::now() + guard.body_timeout;
    let capacity = declared.map_or(0, |n| n.min(guard.max_body as u64) as usize);
    let mut data = Vec::with_capacity(capacity);
    let mut total = 0usize;
    let mut body = body;
    loop {
        let frame = match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => {
                return Err(closing(error_body(
                    StatusCode::REQUEST_TIMEOUT,
                    "body.timeout",
                    format!(
                        "the body did not arrive within {} s",
                        guard.body_timeout.as_secs_f64()
                    ),
                )))
            }
            Ok(None) => break,
            Ok(Some(Err(_))) => {
                return Err(closing(error_body(
                    StatusCode::BAD_REQUEST,
                    "body.unreadable",
                    "the body could not be read",
                )))
            }
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(chunk) = frame.into_data() else {
            continue;
        };
        total = total.saturating_add(chunk.len());
        if total > DRAIN_LIMIT {
            return Err(closing(too_large(guard.max_body)));
        }
        over |= total > guard.max_body;
        if !over {
            data.extend_from_slice(&chunk);
        }
    }
    if over {
        return Err(too_large(guard.max_body));
    }
    Ok(Bytes::from(data))
}

/// Reads and discards a refused body, up to [`DRAIN_LIMIT`] bytes and for `timeout` at most,
/// so that the client sending it gets to read the answer instead of a reset connection.
async fn drain(mut body: Body, timeout: Duration) {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut total = 0usize;
    while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(deadline, body.frame()).await {
        total = total.saturating_add(frame.data_ref().map_or(0, Bytes::len));
        if total > DRAIN_LIMIT {
            break;
        }
    }
}

/// Any request: an HTTP/1.1 request without a `Host` header, or with more than one, gets
/// `400 request.host`, as RFC 9112, section 3.2 requires of a server (HTTP/1.0 may leave it out).
pub(crate) async fn one_host(request: Request, next: Next) -> Response {
    let hosts = request.headers().get_all(header::HOST).iter().count();
    let needs_one = request.version() == axum::http::Version::HTTP_11;
    if hosts > 1 || (needs_one && hosts == 0) {
        return closing(error_body(
            StatusCode::BAD_REQUEST,
            "request.host",
            "an HTTP/1.1 request names its host once, in one Host header",
        ));
    }
    next.run(request).await
}

/// Static files: `404` for any path with a segment that starts with `.` once decoded
/// (`/.git/config`, `/.env`, `/%2eenv`, `/a/../b`), or that does not decode.
pub(crate) async fn no_hidden_files(request: Request, next: Next) -> Response {
    let hidden = match percent_encoding::percent_decode_str(request.uri().path()).decode_utf8() {
        Ok(path) => path
            .split(['/', '\\'])
            .any(|segment| segment.starts_with('.') || segment.contains('\0')),
        Err(_) => true,
    };
    if hidden {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}

/// Where static files may come from: the site folder, never the data directory.
#[derive(Clone)]
pub(crate) struct SiteBounds {
    /// Both canonical.
    pub site: std::path::PathBuf,
    pub data: std::path::PathBuf,
}

/// Static files: `404` for a path that resolves (through a symbolic link) outside the site
/// folder or into the data directory. Every file the answer may be read from counts: the
/// path, a folder's `index.html` and the precompressed variants (`FILE.br`, `FILE.gz`), which
/// are sent in place of `FILE` (even when `FILE` itself is missing).
pub(crate) async fn only_inside_the_site(
    axum::extract::State(bounds): axum::extract::State<std::sync::Arc<SiteBounds>>,
    request: Request,
    next: Next,
) -> Response {
    let Ok(path) = percent_encoding::percent_decode_str(request.uri().path()).decode_utf8() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let path = path.into_owned();
    let inside = tokio::task::spawn_blocking(move || {
        crate::site::files_read_for(&bounds.site, &path)
            .iter()
            // A file that does not exist is ServeDir's 404 to give.
            .all(|file| match file.canonicalize() {
                Ok(real) => real.starts_with(&bounds.site) && !real.starts_with(&bounds.data),
                Err(_) => true,
            })
    })
    .await
    .unwrap_or(false);
    if !inside {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(host: &str) -> axum::http::request::Parts {
        axum::http::Request::builder()
            .uri("/api/filings")
            .header("host", host)
            .body(())
            .unwrap()
            .into_parts()
            .0
    }

    #[test]
    fn the_own_origin_is_the_host_the_request_was_sent_to() {
        for (origin, host, same) in [
            ("http://127.0.0.1:8080", "127.0.0.1:8080", true),
            ("http://LOCALHOST:8080", "localhost:8080", true),
            ("https://filing.example.com", "filing.example.com", true),
            ("https://filing.example.com", "filing.example.com:443", true),
            ("http://filing.example.com", "filing.example.com:80", true),
            ("http://127.0.0.1:8081", "127.0.0.1:8080", false),
            ("http://localhost:8080", "127.0.0.1:8080", false),
            ("https://evil.example", "filing.example.com", false),
            ("null", "127.0.0.1:8080", false),
            ("file://", "127.0.0.1:8080", false),
            ("http://a@127.0.0.1:8080", "127.0.0.1:8080", false),
        ] {
            assert_eq!(
                is_same_origin(origin, &parts(host)),
                same,
                "{origin} {host}"
            );
        }
    }

    #[test]
    fn json_media_types_are_recognised() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_str(v).unwrap());
            is_json(&h)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(!with("text/plain;charset=UTF-8"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!with("multipart/form-data; boundary=x"));
        assert!(!with("application/jsonp"));
        assert!(!is_json(&HeaderMap::new()));
        for pair in [
            ["application/json", "text/plain"],
            ["text/plain", "application/json"],
        ] {
            let mut h = HeaderMap::new();
            for v in pair {
                h.append(header::CONTENT_TYPE, HeaderValue::from_static(v));
            }
            assert!(!is_json(&h), "{pair:?}");
        }
    }
}
