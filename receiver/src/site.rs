//! Static files of the site (`--site DIR`), served the way a host should serve the widget
//! (`docs/serving.md`).
//!
//! * Precompressed: `FILE.br` or `FILE.gz` next to `FILE` is sent instead of `FILE` when the
//!   request's `Accept-Encoding` allows it (brotli first), with `Content-Encoding` and `FILE`'s
//!   `Content-Type`. `./dev.sh build` writes both for the widget package.
//! * Validators: a strong `ETag` made of the length and modification time (ns) of the file
//!   sent, the encoding appended for a compressed variant, and `Last-Modified`.
//!   `If-None-Match` (or, without it, `If-Modified-Since`) answers `304 Not Modified`; a
//!   `Range` with an `If-Range` that no longer matches gets the whole file.
//! * `Cache-Control`: `/pkg/…` [`PKG_CACHE_CONTROL`] (the package's names carry no content
//!   hash, so a cache must ask again, cheaply with the `ETag`), everything else
//!   [`PAGE_CACHE_CONTROL`]. Every file answer says `Vary: Accept-Encoding`.
//!
//! Which files may be read at all is the guard's business ([`crate::guard`]); it checks every
//! file listed by [`files_read_for`].

use std::convert::Infallible;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::{Service, ServiceExt};
use tower_http::services::ServeDir;

/// `Cache-Control` of the widget package (`/pkg/…`).
pub(crate) const PKG_CACHE_CONTROL: &str = "public, max-age=0, must-revalidate";
/// `Cache-Control` of the other static files (the pages and their scripts).
pub(crate) const PAGE_CACHE_CONTROL: &str = "no-cache";

/// The precompressed variants that may be sent instead of a file, in the order they are
/// preferred: `Content-Encoding` and the suffix of the variant's file name.
const VARIANTS: [(&str, &str); 2] = [("br", ".br"), ("gzip", ".gz")];

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The file a `GET` of `path` (decoded) sends uncompressed: `root/path`, or its
/// `index.html` when that is a folder. Touches the file system.
fn base_file(root: &Path, path: &str) -> PathBuf {
    let named = root.join(path.trim_start_matches('/'));
    if named.is_dir() {
        named.join("index.html")
    } else {
        named
    }
}

/// Every file a `GET` of `path` (decoded) may read under `root`: the path itself, a folder's
/// `index.html`, and the precompressed variants. Touches the file system.
pub(crate) fn files_read_for(root: &Path, path: &str) -> Vec<PathBuf> {
    let named = root.join(path.trim_start_matches('/'));
    let base = base_file(root, path);
    let mut files = vec![named];
    if files[0] != base {
        files.push(base.clone());
    }
    files.extend(
        VARIANTS
            .iter()
            .map(|(_, suffix)| with_suffix(&base, suffix)),
    );
    files
}

/// What identifies one version of a file: its length and modification time (and, to notice
/// a file replaced by another, its device and inode on Unix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified_ns: u128,
    id: (u64, u64),
}

impl Stamp {
    /// The file's stamp; `None` when it is missing or no regular file.
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let modified_ns = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let id = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let id = (0, 0);
        Some(Stamp {
            len: meta.len(),
            modified_ns,
            id,
        })
    }

    /// The strong `ETag` of this version sent with `encoding` (`None`: as it is). The inode
    /// is left out: it differs between the servers of a farm that hold the same files.
    fn etag(&self, encoding: Option<&str>) -> Option<HeaderValue> {
        let suffix = encoding.map(|e| format!("-{e}")).unwrap_or_default();
        HeaderValue::from_str(&format!(
            "\"{:x}-{:x}{suffix}\"",
            self.len, self.modified_ns
        ))
        .ok()
    }
}

/// The stamps of a request's file and its variants, taken before it is opened.
struct Before {
    base: PathBuf,
    /// As it is, then [`VARIANTS`]' order.
    stamps: [Option<Stamp>; 3],
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(f).await.ok()
}

/// `ServeDir` (precompressed brotli and gzip) with validators and caching headers.
struct Files {
    root: PathBuf,
    serve: ServeDir,
}

/// The service that answers static file requests from `root`.
pub(crate) fn service(
    root: &Path,
) -> impl Service<
    Request,
    Response = Response,
    Error = Infallible,
    Future = impl Future<Output = Result<Response, Infallible>> + Send,
> + Clone
       + Send
       + Sync
       + 'static {
    let files = Arc::new(Files {
        root: root.to_owned(),
        serve: ServeDir::new(root).precompressed_br().precompressed_gzip(),
    });
    tower::service_fn(move |request: Request| {
        let files = Arc::clone(&files);
        async move { Ok(files.answer(request).await) }
    })
}

/// A file answer: the file (or part of it) or a range it does not have.
fn is_file_answer(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::RANGE_NOT_SATISFIABLE
    )
}

impl Files {
    async fn answer(&self, request: Request) -> Response {
        let (parts, _body) = request.into_parts();
        let Ok(path) = percent_encoding::percent_decode_str(parts.uri.path()).decode_utf8() else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let (root, path) = (self.root.clone(), path.into_owned());
        let before = blocking(move || {
            let base = base_file(&root, &path);
            let stamps = [
                Stamp::of(&base),
                Stamp::of(&with_suffix(&base, VARIANTS[0].1)),
                Stamp::of(&with_suffix(&base, VARIANTS[1].1)),
            ];
            Before { base, stamps }
        })
        .await;

        let mut response = self.serve(&parts, true).await;
        let mut etag = Self::etag(&response, before.as_ref()).await;
        if let Some(if_range) = parts.headers.get(header::IF_RANGE) {
            if parts.headers.contains_key(header::RANGE)
                && matches!(
                    response.status(),
                    StatusCode::PARTIAL_CONTENT | StatusCode::RANGE_NOT_SATISFIABLE
                )
                && !if_range_matches(if_range, etag.as_ref(), response.headers())
            {
                // The client's copy is another version: the whole file, not a part.
                response = self.serve(&parts, false).await;
                etag = Self::etag(&response, before.as_ref()).await;
            }
        }
        if !is_file_answer(response.status()) {
            return response;
        }
        let headers = response.headers_mut();
        if let Some(etag) = &etag {
            headers.insert(header::ETAG, etag.clone());
        }
        let cache_control = if parts.uri.path().starts_with("/pkg/") {
            PKG_CACHE_CONTROL
        } else {
            PAGE_CACHE_CONTROL
        };
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        if (parts.method == Method::GET || parts.method == Method::HEAD)
            && not_modified(&parts.headers, etag.as_ref(), response.headers())
        {
            return not_modified_answer(response.headers());
        }
        response
    }

    /// `ServeDir`'s answer, without the conditions this module evaluates itself (and without
    /// `Range` unless `with_range`).
    async fn serve(&self, parts: &Parts, with_range: bool) -> Response {
        let mut headers = parts.headers.clone();
        for name in [
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
            header::IF_RANGE,
        ] {
            headers.remove(name);
        }
        if !with_range {
            headers.remove(header::RANGE);
        }
        let mut request = Request::new(Body::empty());
        *request.method_mut() = parts.method.clone();
        *request.uri_mut() = parts.uri.clone();
        *request.version_mut() = parts.version;
        *request.headers_mut() = headers;
        match self.serve.clone().oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        }
    }

    /// The `ETag` of the file `response` sends: the variant its `Content-Encoding` names,
    /// if that file is still the one stamped before it was opened (else it changed in
    /// between and the answer gets no `ETag`).
    fn etag(
        response: &Response,
        before: Option<&Before>,
    ) -> impl Future<Output = Option<HeaderValue>> + Send + 'static {
        let checked = Self::variant_stamp(response, before);
        async move {
            let (path, stamp, encoding) = checked?;
            still_the_same(path, stamp, encoding).await
        }
    }

    /// The variant `response` sends (its `Content-Encoding`), its file and its stamp from
    /// before it was opened.
    fn variant_stamp(
        response: &Response,
        before: Option<&Before>,
    ) -> Option<(PathBuf, Stamp, Option<String>)> {
        if !is_file_answer(response.status()) {
            return None;
        }
        let encoding = match response.headers().get(header::CONTENT_ENCODING) {
            None => None,
            Some(value) => Some(value.to_str().ok()?.to_owned()),
        };
        let before = before?;
        let (index, path) = match encoding.as_deref() {
            None => (0, before.base.clone()),
            Some(encoding) => {
                let i = VARIANTS.iter().position(|(e, _)| *e == encoding)?;
                (i + 1, with_suffix(&before.base, VARIANTS[i].1))
            }
        };
        Some((path, before.stamps[index]?, encoding))
    }
}

/// `stamp`'s `ETag` for `encoding`, if the file at `path` still has that stamp.
async fn still_the_same(
    path: PathBuf,
    stamp: Stamp,
    encoding: Option<String>,
) -> Option<HeaderValue> {
    let now = blocking(move || Stamp::of(&path)).await??;
    (now == stamp).then(|| stamp.etag(encoding.as_deref()))?
}

/// The entity tags listed in `If-None-Match` values, without `W/` (the comparison is weak);
/// `None` for `*`.
fn entity_tags<'a>(values: impl Iterator<Item = &'a HeaderValue>) -> Option<Vec<String>> {
    let mut tags = Vec::new();
    for value in values {
        let Ok(mut rest) = value.to_str() else {
            continue;
        };
        loop {
            rest = rest.trim_start_matches([' ', '\t', ',']);
            if rest.is_empty() {
                break;
            }
            if rest.starts_with('*') {
                return None;
            }
            rest = rest.strip_prefix("W/").unwrap_or(rest);
            let Some(quoted) = rest.strip_prefix('"') else {
                break; // not an entity tag: the rest is ignored
            };
            let Some(end) = quoted.find('"') else {
                break;
            };
            tags.push(format!("\"{}\"", &quoted[..end]));
            rest = &quoted[end + 1..];
        }
    }
    Some(tags)
}

/// Whether the request's `If-None-Match` (weak comparison) or, without it, its
/// `If-Modified-Since` says the client's copy is current.
fn not_modified(request: &HeaderMap, etag: Option<&HeaderValue>, response: &HeaderMap) -> bool {
    if request.contains_key(header::IF_NONE_MATCH) {
        return match entity_tags(request.get_all(header::IF_NONE_MATCH).iter()) {
            None => true,
            Some(tags) => etag
                .and_then(|e| e.to_str().ok())
                .is_some_and(|etag| tags.iter().any(|tag| tag == etag)),
        };
    }
    let date = |headers: &HeaderMap, name| {
        let value = headers.get(name)?.to_str().ok()?;
        chrono::DateTime::parse_from_rfc2822(value.trim()).ok()
    };
    match (
        date(request, header::IF_MODIFIED_SINCE),
        date(response, header::LAST_MODIFIED),
    ) {
        (Some(since), Some(modified)) => modified <= since,
        _ => false,
    }
}

/// Whether an `If-Range` still names the version being sent: the same strong `ETag`, or
/// exactly its `Last-Modified` date.
fn if_range_matches(
    if_range: &HeaderValue,
    etag: Option<&HeaderValue>,
    response: &HeaderMap,
) -> bool {
    let Ok(value) = if_range.to_str() else {
        return false;
    };
    let value = value.trim();
    if value.starts_with('"') || value.starts_with("W/") {
        let current = etag.and_then(|e| e.to_str().ok());
        return value.starts_with('"') && current == Some(value);
    }
    response
        .get(header::LAST_MODIFIED)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|modified| modified == value)
}

/// `304` with the headers a cache updates its copy with.
fn not_modified_answer(full: &HeaderMap) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let headers = response.headers_mut();
    for name in [
        header::ETAG,
        header::CACHE_CONTROL,
        header::LAST_MODIFIED,
        header::VARY,
    ] {
        for value in full.get_all(&name) {
            headers.append(name.clone(), value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(values: &[&str]) -> Option<Vec<String>> {
        let values: Vec<HeaderValue> = values
            .iter()
            .map(|v| HeaderValue::from_str(v).unwrap())
            .collect();
        entity_tags(values.iter())
    }

    #[test]
    fn entity_tag_lists_are_read() {
        assert_eq!(tags(&["*"]), None);
        assert_eq!(
            tags(&["\"a\", W/\"b,c\"", " \"d\""]),
            Some(vec![
                "\"a\"".to_owned(),
                "\"b,c\"".to_owned(),
                "\"d\"".to_owned(),
            ])
        );
        assert_eq!(tags(&["a, \"b\""]), Some(vec![]));
        assert_eq!(tags(&["\"unterminated"]), Some(vec![]));
    }

    #[test]
    fn if_none_match_compares_weakly_and_beats_if_modified_since() {
        let etag = HeaderValue::from_static("\"10-5-br\"");
        let mut response = HeaderMap::new();
        response.insert(
            header::LAST_MODIFIED,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        let request = |pairs: &[(header::HeaderName, &'static str)]| {
            let mut h = HeaderMap::new();
            for (name, value) in pairs {
                h.append(name.clone(), HeaderValue::from_static(value));
            }
            h
        };
        let inm = header::IF_NONE_MATCH;
        let ims = header::IF_MODIFIED_SINCE;
        for (headers, expected) in [
            (request(&[(inm.clone(), "\"10-5-br\"")]), true),
            (request(&[(inm.clone(), "W/\"10-5-br\"")]), true),
            (request(&[(inm.clone(), "\"x\", \"10-5-br\"")]), true),
            (request(&[(inm.clone(), "\"10-5\"")]), false),
            (request(&[(inm.clone(), "*")]), true),
            (
                request(&[(ims.clone(), "Sun, 06 Nov 1994 08:49:37 GMT")]),
                true,
            ),
            (
                request(&[(ims.clone(), "Mon, 07 Nov 1994 08:49:37 GMT")]),
                true,
            ),
            (
                request(&[(ims.clone(), "Sat, 05 Nov 1994 08:49:37 GMT")]),
                false,
            ),
            (request(&[(ims.clone(), "yesterday")]), false),
            (
                request(&[
                    (inm.clone(), "\"other\""),
                    (ims.clone(), "Sun, 06 Nov 1994 08:49:37 GMT"),
                ]),
                false,
            ),
            (request(&[]), false),
        ] {
            assert_eq!(
                not_modified(&headers, Some(&etag), &response),
                expected,
                "{headers:?}"
            );
        }
        assert!(!not_modified(
            &request(&[(inm.clone(), "\"10-5-br\"")]),
            None,
            &response
        ));
    }

    #[test]
    fn if_range_needs_the_same_strong_tag_or_date() {
        let etag = HeaderValue::from_static("\"10-5\"");
        let mut response = HeaderMap::new();
        response.insert(
            header::LAST_MODIFIED,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        let matches = |v: &'static str| {
            if_range_matches(&HeaderValue::from_static(v), Some(&etag), &response)
        };
        assert!(matches("\"10-5\""));
        assert!(!matches("W/\"10-5\""));
        assert!(!matches("\"10-6\""));
        assert!(matches("Sun, 06 Nov 1994 08:49:37 GMT"));
        assert!(!matches("Sun, 06 Nov 1994 08:49:38 GMT"));
    }

    #[test]
    fn variants_sit_next_to_the_file() {
        let root = Path::new("/nonexistent-site");
        assert_eq!(
            files_read_for(root, "/pkg/x.wasm"),
            vec![
                root.join("pkg/x.wasm"),
                root.join("pkg/x.wasm.br"),
                root.join("pkg/x.wasm.gz"),
            ]
        );
    }
}
