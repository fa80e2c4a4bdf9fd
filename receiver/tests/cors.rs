//! CORS for a console on another origin (`--allow-origin`), over real HTTP.

mod common;

use std::path::Path;

use common::{good_filing, Running};
use icp_receiver::Config;

const CONSOLE: &str = "https://console.example.com";

fn allowing(dir: &Path, origins: &[&str]) -> Running {
    Running::with(Config {
        data_dir: dir.to_owned(),
        allow_origins: origins.iter().map(|o| o.to_string()).collect(),
        ..Config::default()
    })
}

fn preflight(server: &Running, origin: &str) -> common::Reply {
    server.send(
        "OPTIONS",
        "/api/filings",
        &[
            ("origin", origin),
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "content-type,idempotency-key,authorization,x-csrf-token",
            ),
        ],
        None,
    )
}

fn listed(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or_default()
        .split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect()
}

#[test]
fn a_preflight_from_an_allowed_origin_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let server = allowing(dir.path(), &[CONSOLE, "http://127.0.0.1:5173"]);
    let reply = preflight(&server, CONSOLE);
    assert!((200..300).contains(&reply.status), "{}", reply.status);
    assert_eq!(reply.header("access-control-allow-origin"), Some(CONSOLE));
    assert_eq!(
        reply.header("access-control-allow-credentials"),
        Some("true")
    );
    // Like every answer under /api, a preflight is never kept by a cache.
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let methods = listed(reply.header("access-control-allow-methods"));
    assert!(methods.contains(&"post".to_owned()), "{methods:?}");
    // A correction is a PUT (docs/http-contract.md).
    assert!(methods.contains(&"put".to_owned()), "{methods:?}");
    let headers = listed(reply.header("access-control-allow-headers"));
    for needed in [
        "content-type",
        "idempotency-key",
        "authorization",
        "x-csrf-token",
    ] {
        assert!(
            headers.contains(&needed.to_owned()),
            "{needed} in {headers:?}"
        );
    }
    assert_eq!(reply.header("access-control-max-age"), Some("600"));
}

#[test]
fn a_cross_origin_post_exposes_the_replay_header() {
    let dir = tempfile::tempdir().unwrap();
    let server = allowing(dir.path(), &[CONSOLE]);
    let body = good_filing().to_string();
    let headers = [
        ("origin", CONSOLE),
        ("content-type", "application/json"),
        ("idempotency-key", "cors-1"),
    ];
    let first = server.send("POST", "/api/filings", &headers, Some(&body));
    assert_eq!(first.status, 201);
    assert_eq!(first.header("access-control-allow-origin"), Some(CONSOLE));
    let exposed = listed(first.header("access-control-expose-headers"));
    for needed in ["idempotent-replayed", "location", "retry-after"] {
        assert!(
            exposed.contains(&needed.to_owned()),
            "{needed} in {exposed:?}"
        );
    }
    let again = server.send("POST", "/api/filings", &headers, Some(&body));
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.header("access-control-allow-origin"), Some(CONSOLE));
}

#[test]
fn other_origins_get_no_cors_headers() {
    let dir = tempfile::tempdir().unwrap();
    let server = allowing(dir.path(), &[CONSOLE]);
    let reply = preflight(&server, "https://evil.example");
    assert_eq!(reply.header("access-control-allow-origin"), None);
    let reply = server.send(
        "GET",
        "/api/health",
        &[("origin", "https://evil.example")],
        None,
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), None);
}

#[test]
fn without_allowed_origins_there_is_no_cors() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let reply = preflight(&server, CONSOLE);
    assert_eq!(reply.header("access-control-allow-origin"), None);
    let reply = server.send("GET", "/api/health", &[("origin", CONSOLE)], None);
    assert_eq!(reply.header("access-control-allow-origin"), None);
}

#[test]
fn any_origin_is_allowed_without_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let server = allowing(dir.path(), &["*"]);
    let reply = preflight(&server, "https://anywhere.example");
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    assert_eq!(reply.header("access-control-allow-credentials"), None);
}

#[test]
fn a_correction_from_an_allowed_origin_is_preflighted_and_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::with(Config {
        data_dir: dir.path().to_owned(),
        allow_origins: vec![CONSOLE.to_owned()],
        demo: true,
        ..Config::default()
    });
    let body = good_filing().to_string();
    let created = server.post_filing(&body, None);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let path = format!("/api/filings/{id}");

    let reply = server.send(
        "OPTIONS",
        &path,
        &[
            ("origin", CONSOLE),
            ("access-control-request-method", "PUT"),
            (
                "access-control-request-headers",
                "content-type,idempotency-key,accept-language",
            ),
        ],
        None,
    );
    assert!((200..300).contains(&reply.status), "{}", reply.status);
    assert_eq!(reply.header("access-control-allow-origin"), Some(CONSOLE));
    let methods = listed(reply.header("access-control-allow-methods"));
    assert!(methods.contains(&"put".to_owned()), "{methods:?}");

    let json = ("content-type", "application/json");
    let rejected = server.send(
        "POST",
        &format!("{path}/advance"),
        &[("origin", CONSOLE), json],
        Some(r#"{"outcome": "rejected"}"#),
    );
    assert_eq!(rejected.status, 200, "{}", rejected.text);
    let headers = [("origin", CONSOLE), json, ("idempotency-key", "cors-put")];
    let first = server.send("PUT", &path, &headers, Some(&body));
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(first.header("access-control-allow-origin"), Some(CONSOLE));
    let again = server.send("PUT", &path, &headers, Some(&body));
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    // From a site the receiver does not allow, a correction is refused.
    let evil = server.send(
        "PUT",
        &path,
        &[("origin", "https://evil.example"), json],
        Some(&body),
    );
    assert_eq!(evil.status, 403);
}
