//! Static files as a host should serve the widget (docs/serving.md), over real HTTP:
//! precompressed variants by `Accept-Encoding`, `ETag`s and `304`, `Cache-Control`, and the
//! site's bounds for the variants too.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{raw_exchange, Running};
use icp_receiver::Config;
use ureq::http;

const WASM: &[u8] = b"\0asm\x01\0\0\0 the plain module";
// Stand-ins: the receiver sends a variant's bytes as they are, so which file was sent is
// what the tests look at.
const WASM_BR: &[u8] = b"brotli bytes of the module";
const WASM_GZ: &[u8] = b"\x1f\x8b gzip bytes of the module, longer";
const GLUE_JS: &[u8] = b"export default function init() {}";
const GLUE_JS_GZ: &[u8] = b"\x1f\x8b gzip bytes of the glue";
const PAGE: &[u8] = b"<!doctype html><title>console</title>";

const PKG_CACHE: &str = "public, max-age=0, must-revalidate";

/// An answer as sent: no `Accept-Encoding` of the client's own, nothing decompressed.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every value of a list header (`Vary`), lower-cased, over all its fields.
    fn listed(&self, name: &str) -> Vec<String> {
        self.headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|v| v.trim().to_ascii_lowercase())
            .filter(|v| !v.is_empty())
            .collect()
    }
}

fn fetch(server: &Running, method: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    // ureq is built without its gzip and brotli features (Cargo.toml): it neither asks for
    // an encoding nor decodes one; `None` keeps it from adding `Accept-Encoding` regardless.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_idle_connections(0)
        .accept_encoding(ureq::config::AutoHeaderValue::None)
        .build()
        .into();
    let mut request = http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", server.url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut res = agent
        .run(request.body(()).unwrap())
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    Answer {
        status: res.status().as_u16(),
        headers: res.headers().clone(),
        body: res.body_mut().read_to_vec().unwrap(),
    }
}

fn get(server: &Running, path: &str, accept_encoding: Option<&str>) -> Answer {
    match accept_encoding {
        Some(value) => fetch(server, "GET", path, &[("accept-encoding", value)]),
        None => fetch(server, "GET", path, &[]),
    }
}

/// A site with a package: the module with both variants, the glue with gzip only, a page.
fn site(dir: &Path) {
    std::fs::create_dir_all(dir.join("pkg/snippets")).unwrap();
    std::fs::write(dir.join("index.html"), PAGE).unwrap();
    std::fs::write(dir.join("pkg/x.wasm"), WASM).unwrap();
    std::fs::write(dir.join("pkg/x.wasm.br"), WASM_BR).unwrap();
    std::fs::write(dir.join("pkg/x.wasm.gz"), WASM_GZ).unwrap();
    std::fs::write(dir.join("pkg/snippets/glue.js"), GLUE_JS).unwrap();
    std::fs::write(dir.join("pkg/snippets/glue.js.gz"), GLUE_JS_GZ).unwrap();
}

fn serving(data: &Path, site_dir: &Path) -> Running {
    Running::with(Config {
        data_dir: data.to_owned(),
        site_dir: Some(site_dir.to_owned()),
        ..Config::default()
    })
}

#[test]
fn the_variant_follows_accept_encoding() {
    let (data, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    site(dir.path());
    let server = serving(data.path(), dir.path());
    for (accept, encoding, body) in [
        (Some("br, gzip"), Some("br"), WASM_BR),
        (Some("gzip, deflate, br, zstd"), Some("br"), WASM_BR),
        (Some("gzip"), Some("gzip"), WASM_GZ),
        (Some("br;q=0, gzip"), Some("gzip"), WASM_GZ),
        (Some("identity"), None, WASM),
        (Some("deflate"), None, WASM),
        (None, None, WASM),
    ] {
        let reply = get(&server, "/pkg/x.wasm", accept);
        assert_eq!(reply.status, 200, "{accept:?}");
        assert_eq!(reply.header("content-encoding"), encoding, "{accept:?}");
        assert_eq!(reply.body, body, "{accept:?}");
        // The module's type, whichever file was sent: needed for streaming compilation.
        assert_eq!(
            reply.header("content-type"),
            Some("application/wasm"),
            "{accept:?}"
        );
        assert!(
            reply.listed("vary").contains(&"accept-encoding".to_owned()),
            "{accept:?}: {:?}",
            reply.headers
        );
    }
    // Only a gzip file next to it: brotli is not there to send.
    let glue = get(&server, "/pkg/snippets/glue.js", Some("br, gzip"));
    assert_eq!(glue.header("content-encoding"), Some("gzip"));
    assert_eq!(glue.body, GLUE_JS_GZ);
    assert_eq!(glue.header("content-type"), Some("text/javascript"));
    let page = get(&server, "/index.html", Some("br, gzip"));
    assert_eq!(page.header("content-encoding"), None);
    assert_eq!(page.body, PAGE);
    assert!(page.listed("vary").contains(&"accept-encoding".to_owned()));
    // HEAD says the same as GET.
    let head = fetch(&server, "HEAD", "/pkg/x.wasm", &[("accept-encoding", "br")]);
    let full = get(&server, "/pkg/x.wasm", Some("br"));
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-encoding"), Some("br"));
    assert_eq!(head.header("etag"), full.header("etag"));
    assert!(head.body.is_empty());
}

#[test]
fn each_variant_has_its_own_etag_and_revalidates_to_304() {
    let (data, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    site(dir.path());
    let server = serving(data.path(), dir.path());
    let etag_of = |accept: &str| {
        let reply = get(&server, "/pkg/x.wasm", Some(accept));
        let etag = reply.header("etag").expect("an ETag").to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        etag
    };
    let (br, gz, plain) = (etag_of("br"), etag_of("gzip"), etag_of("identity"));
    assert!(br != gz && gz != plain && br != plain, "{br} {gz} {plain}");
    // Stable while the file does not change.
    assert_eq!(etag_of("br"), br);

    for (accept, etag) in [("br", &br), ("gzip", &gz), ("identity", &plain)] {
        let reply = fetch(
            &server,
            "GET",
            "/pkg/x.wasm",
            &[("accept-encoding", accept), ("if-none-match", etag)],
        );
        assert_eq!(reply.status, 304, "{accept}");
        assert!(reply.body.is_empty(), "{accept}");
        assert_eq!(reply.header("etag"), Some(etag.as_str()), "{accept}");
        assert_eq!(reply.header("cache-control"), Some(PKG_CACHE), "{accept}");
        assert!(reply.listed("vary").contains(&"accept-encoding".to_owned()));
        assert_eq!(reply.header("content-encoding"), None, "{accept}");
    }
    // In a list, and weak comparison.
    let listed = format!("\"other\", W/{br}");
    let reply = fetch(
        &server,
        "GET",
        "/pkg/x.wasm",
        &[("accept-encoding", "br, gzip"), ("if-none-match", &listed)],
    );
    assert_eq!(reply.status, 304);
    // Another variant's ETag does not stand for this one.
    let reply = fetch(
        &server,
        "GET",
        "/pkg/x.wasm",
        &[("accept-encoding", "gzip"), ("if-none-match", &br)],
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, WASM_GZ);
    // If-Modified-Since works too, but If-None-Match wins over it.
    let modified = get(&server, "/pkg/x.wasm", Some("br"))
        .header("last-modified")
        .expect("Last-Modified")
        .to_owned();
    let reply = fetch(
        &server,
        "GET",
        "/pkg/x.wasm",
        &[("accept-encoding", "br"), ("if-modified-since", &modified)],
    );
    assert_eq!(reply.status, 304);
    assert_eq!(reply.header("etag"), Some(br.as_str()));
    let reply = fetch(
        &server,
        "GET",
        "/pkg/x.wasm",
        &[
            ("accept-encoding", "br"),
            ("if-modified-since", &modified),
            ("if-none-match", "\"stale\""),
        ],
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, WASM_BR);

    // A new build: a new ETag, and the old one gets the new file.
    std::fs::write(dir.path().join("pkg/x.wasm.br"), b"brotli bytes of build 2").unwrap();
    let reply = fetch(
        &server,
        "GET",
        "/pkg/x.wasm",
        &[("accept-encoding", "br"), ("if-none-match", &br)],
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, b"brotli bytes of build 2");
    assert_ne!(reply.header("etag"), Some(br.as_str()));
}

#[test]
fn a_range_for_another_version_gets_the_whole_file() {
    let (data, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    site(dir.path());
    let server = serving(data.path(), dir.path());
    let etag = get(&server, "/pkg/x.wasm", None)
        .header("etag")
        .unwrap()
        .to_owned();
    let ranged = |if_range: &str| {
        fetch(
            &server,
            "GET",
            "/pkg/x.wasm",
            &[("range", "bytes=0-3"), ("if-range", if_range)],
        )
    };
    let part = ranged(&etag);
    assert_eq!(part.status, 206);
    assert_eq!(part.body, &WASM[..4]);
    assert_eq!(part.header("etag"), Some(etag.as_str()));
    for stale in ["\"stale\"", &format!("W/{etag}")] {
        let whole = ranged(stale);
        assert_eq!(whole.status, 200, "{stale}");
        assert_eq!(whole.body, WASM, "{stale}");
    }
}

#[test]
fn caches_revalidate_the_package_and_the_pages_and_never_store_the_api() {
    let (data, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    site(dir.path());
    let server = serving(data.path(), dir.path());
    for (path, accept, expected) in [
        ("/pkg/x.wasm", Some("br"), PKG_CACHE),
        ("/pkg/x.wasm", None, PKG_CACHE),
        ("/pkg/snippets/glue.js", Some("gzip"), PKG_CACHE),
        ("/index.html", None, "no-cache"),
        ("/", Some("br, gzip"), "no-cache"),
    ] {
        let reply = get(&server, path, accept);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("cache-control"), Some(expected), "{path}");
        assert!(reply.header("etag").is_some(), "{path}");
    }
    for path in ["/api/health", "/api/filings/icpf_nope", "/api/nothing"] {
        let reply = get(&server, path, Some("br, gzip"));
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{path}");
        assert_eq!(reply.header("etag"), None, "{path}");
        assert_eq!(reply.header("content-encoding"), None, "{path}");
    }
    assert_eq!(get(&server, "/pkg/missing.wasm", Some("br")).status, 404);
}

#[cfg(unix)]
#[test]
fn variants_never_lead_outside_the_site_or_into_the_data() {
    use std::os::unix::fs::symlink;
    let (data, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let outside = tempfile::tempdir().unwrap();
    let (s, o) = (dir.path(), outside.path());
    site(s);
    std::fs::write(o.join("secret"), "SECRET-OUTSIDE").unwrap();
    std::fs::write(o.join("z.wasm"), WASM).unwrap();
    std::fs::write(o.join("z.wasm.br"), "SECRET-OUTSIDE-BR").unwrap();
    std::fs::create_dir_all(s.join("sub")).unwrap();
    std::fs::write(s.join("sub/index.html"), PAGE).unwrap();
    std::fs::write(s.join("pkg/y.wasm"), WASM).unwrap();
    std::fs::write(s.join("pkg/w.wasm"), WASM).unwrap();
    let server = serving(data.path(), s);
    // Linked after the start: the database file exists by now.
    let database = data.path().join("filings.sqlite3");
    assert!(database.exists());
    symlink(o.join("secret"), s.join("pkg/y.wasm.br")).unwrap();
    symlink(o.join("secret"), s.join("pkg/ghost.wasm.br")).unwrap();
    symlink(&database, s.join("pkg/w.wasm.gz")).unwrap();
    symlink(o.join("secret"), s.join("sub/index.html.br")).unwrap();
    symlink(o, s.join("linked")).unwrap();

    for (path, accept) in [
        // The file is inside, its brotli variant is not.
        ("/pkg/y.wasm", "br, gzip"),
        ("/pkg/y.wasm", "identity"),
        // Only a variant, linked outside.
        ("/pkg/ghost.wasm", "br"),
        ("/pkg/y.wasm.br", "identity"),
        // A gzip variant that is the database.
        ("/pkg/w.wasm", "gzip"),
        // A folder's index.html.br.
        ("/sub/", "br"),
        // A linked folder.
        ("/linked/z.wasm", "br"),
    ] {
        let reply = get(&server, path, Some(accept));
        assert_eq!(reply.status, 404, "{path} {accept}");
        let text = String::from_utf8_lossy(&reply.body);
        assert!(!text.contains("SECRET"), "{path}: {text}");
        assert!(!reply.body.starts_with(b"SQLite"), "{path}");
    }
    for path in [
        "/pkg/../pkg/y.wasm.br",
        "/pkg/%2e%2e/pkg/y.wasm.br",
        "/pkg/..%2fpkg/ghost.wasm.br",
        "/linked/%2e%2e/secret",
    ] {
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n"
        );
        let reply = raw_exchange(server.addr, request.as_bytes(), Duration::from_secs(5))
            .unwrap_or_else(|| panic!("{path}: no answer"));
        assert!(
            (400..500).contains(&reply.status),
            "{path}: {}",
            reply.status
        );
        let text = String::from_utf8_lossy(&reply.body);
        assert!(!text.contains("SECRET"), "{path}: {text}");
    }
    // What is inside is still served, compressed.
    let reply = get(&server, "/pkg/x.wasm", Some("br"));
    assert_eq!((reply.status, reply.body.as_slice()), (200, WASM_BR));
}

#[test]
fn the_package_loads_from_another_origin() {
    const CONSOLE: &str = "https://console.example.com";
    let (data, dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    site(dir.path());
    let server = Running::with(Config {
        data_dir: data.path().to_owned(),
        site_dir: Some(dir.path().to_owned()),
        allow_origins: vec![CONSOLE.to_owned()],
        ..Config::default()
    });
    let reply = fetch(
        &server,
        "GET",
        "/pkg/x.wasm",
        &[("origin", CONSOLE), ("accept-encoding", "br")],
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), Some(CONSOLE));
    assert_eq!(reply.header("content-encoding"), Some("br"));
    let vary = reply.listed("vary");
    for needed in ["accept-encoding", "origin"] {
        assert!(vary.contains(&needed.to_owned()), "{needed} in {vary:?}");
    }
    // The preflight allows every method of the API.
    let preflight = fetch(
        &server,
        "OPTIONS",
        "/api/filings/icpf_x",
        &[
            ("origin", CONSOLE),
            ("access-control-request-method", "PUT"),
        ],
    );
    let methods = preflight.listed("access-control-allow-methods");
    for needed in ["get", "post", "put", "options"] {
        assert!(
            methods.contains(&needed.to_owned()),
            "{needed} in {methods:?}"
        );
    }
}
