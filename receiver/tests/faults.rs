//! Fault injection (`--faults`) over real HTTP: what a client sees for each fault, and how
//! many filings are stored after it retries.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{good_filing, stored_count, Running};
use icp_receiver::Config;
use serde_json::json;

fn with_faults(dir: &Path) -> Running {
    Running::with(Config {
        data_dir: dir.to_owned(),
        faults: true,
        ..Config::default()
    })
}

#[test]
fn a_dropped_response_is_stored_and_the_retry_with_the_same_key_is_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let body = good_filing().to_string();
    server.inject(json!([{ "kind": "drop" }]));

    let lost = server.try_post_filing(&body, Some("drop-1"), None);
    assert!(lost.is_err(), "the client must see no response: {lost:?}");
    assert_eq!(stored_count(dir.path()), 1, "the filing was stored anyway");

    let retry = server.post_filing(&body, Some("drop-1"));
    assert_eq!(retry.status, 201, "{}", retry.text);
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    let id = retry.json["id"].as_str().unwrap();
    assert_eq!(server.get(&format!("/api/filings/{id}")).status, 200);
    assert_eq!(stored_count(dir.path()), 1, "the retry stored nothing new");

    let state = server.get("/__faults").json;
    assert_eq!(state["pending"], json!([]));
    assert_eq!(state["fired"][0]["kind"], "drop");
    assert_eq!(state["fired"][0]["idempotencyKey"], "drop-1");
}

#[test]
fn a_dropped_response_retried_without_a_key_stores_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let body = good_filing().to_string();
    server.inject(json!({ "kind": "drop" }));
    assert!(server.try_post_filing(&body, None, None).is_err());
    assert_eq!(server.post_filing(&body, None).status, 201);
    assert_eq!(stored_count(dir.path()), 2, "why clients must send a key");
}

#[test]
fn server_errors_store_nothing_and_the_retry_stores_one() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let body = good_filing().to_string();
    server.inject(json!([
        { "kind": "status", "status": 500 },
        { "kind": "status", "status": 502 },
        { "kind": "status", "status": 503, "times": 2 },
    ]));
    for expected in [500, 502, 503, 503] {
        let reply = server.post_filing(&body, Some("5xx-1"));
        assert_eq!(reply.status, expected);
        assert_eq!(reply.json["error"]["code"], "fault.injected");
        assert_eq!(stored_count(dir.path()), 0);
    }
    let reply = server.post_filing(&body, Some("5xx-1"));
    assert_eq!(reply.status, 201);
    assert_eq!(
        reply.header("idempotent-replayed"),
        None,
        "the failed attempts bound nothing to the key"
    );
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn a_delayed_response_arrives_late_and_stores_one() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let body = good_filing().to_string();
    server.inject(json!({ "kind": "delay", "ms": 400 }));
    let started = Instant::now();
    let reply = server.post_filing(&body, Some("slow-1"));
    let took = started.elapsed();
    assert_eq!(reply.status, 201);
    assert!(took >= Duration::from_millis(400), "{took:?}");
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn a_client_timeout_during_a_delay_then_a_retry_stores_one() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let body = good_filing().to_string();
    server.inject(json!({ "kind": "delay", "ms": 600 }));
    let gave_up = server.try_post_filing(&body, Some("slow-2"), Some(Duration::from_millis(150)));
    assert!(gave_up.is_err(), "{gave_up:?}");
    // Stored before the response was held back, whenever the client gave up.
    let deadline = Instant::now() + Duration::from_secs(5);
    while stored_count(dir.path()) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(stored_count(dir.path()), 1);
    let retry = server.post_filing(&body, Some("slow-2"));
    assert_eq!(retry.status, 201);
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn too_many_requests_carries_retry_after_and_stores_nothing_until_the_retry() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let body = good_filing().to_string();
    server.inject(json!({ "kind": "retryAfter", "seconds": 2 }));
    let reply = server.post_filing(&body, Some("busy-1"));
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("2"));
    assert_eq!(reply.json["error"]["code"], "rate_limited");
    assert_eq!(stored_count(dir.path()), 0);
    let retry = server.post_filing(&body, Some("busy-1"));
    assert_eq!(retry.status, 201);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn an_injected_rejection_is_a_report_in_the_rules_format_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let body = good_filing().to_string();
    server.inject(json!({
        "kind": "reject422",
        "issues": [
            { "path": "subject.certificate.number", "code": "uscc.length", "params": { "length": "16" } },
            { "path": "websites[0].name", "code": "website.custom", "severity": "warning", "message": "换个名字" },
        ],
    }));
    let reply = server.send(
        "POST",
        "/api/filings",
        &[
            ("content-type", "application/json"),
            ("accept-language", "en"),
        ],
        Some(&body),
    );
    assert_eq!(reply.status, 422);
    let report = &reply.json;
    assert_eq!(report["ok"], false);
    assert!(report["rulesetVersion"]
        .as_str()
        .unwrap()
        .starts_with("icp-rules/"));
    assert_eq!(
        report["issues"][0],
        json!({
            "path": "subject.certificate.number",
            "code": "uscc.length",
            "severity": "error",
            "params": { "length": "16" },
            "message": "A unified social credit code has 18 characters; this one has 16",
        })
    );
    assert_eq!(report["issues"][1]["severity"], "warning");
    assert_eq!(report["issues"][1]["message"], "换个名字");
    assert_eq!(stored_count(dir.path()), 0);
    assert_eq!(server.post_filing(&body, None).status, 201);
}

#[test]
fn a_fault_for_one_key_leaves_other_requests_alone() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let body = good_filing().to_string();
    server.inject(json!({ "kind": "status", "status": 503, "idempotencyKey": "mine" }));
    assert_eq!(server.post_filing(&body, Some("theirs")).status, 201);
    assert_eq!(server.post_filing(&body, None).status, 201);
    assert_eq!(server.post_filing(&body, Some("mine")).status, 503);
    assert_eq!(server.post_filing(&body, Some("mine")).status, 201);
    assert_eq!(stored_count(dir.path()), 3);
}

#[test]
fn the_fault_queue_is_listed_validated_and_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let server = with_faults(dir.path());
    let state = server
        .inject(json!([{ "kind": "delay", "ms": 5, "times": 3 }, { "kind": "drop" }]))
        .json;
    assert_eq!(
        state["pending"],
        json!([{ "kind": "delay", "ms": 5, "times": 3 }, { "kind": "drop", "times": 1 }])
    );
    assert_eq!(state["fired"], json!([]));

    let bad = server.send(
        "POST",
        "/__faults",
        &[("content-type", "application/json")],
        Some(r#"[{"kind": "status", "status": 302}]"#),
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json["error"]["code"], "faults.invalid");
    assert!(bad.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("fault 0"));

    let cleared = server.send("DELETE", "/__faults", &[], None);
    assert_eq!(cleared.status, 204);
    assert_eq!(cleared.text, "");
    assert_eq!(
        server.get("/__faults").json,
        json!({ "pending": [], "fired": [] })
    );
    assert_eq!(
        server.post_filing(&good_filing().to_string(), None).status,
        201
    );
}

#[test]
fn without_the_flag_there_are_no_faults() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    for method in ["GET", "POST", "DELETE"] {
        let body = (method == "POST").then_some("[]");
        let reply = server.send(method, "/__faults", &[], body);
        assert_eq!(reply.status, 404, "{method}");
    }
}
