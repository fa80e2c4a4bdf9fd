//! The reference receiver over real HTTP on loopback, with its SQLite store on disk.

mod common;

use common::{good_filing, stored_count, Running};
use serde_json::{json, Value};

/// `(status, body, Idempotent-Replayed)` of a `POST /api/filings`.
fn post(server: &Running, body: &str, key: Option<&str>) -> (u16, Value, Option<String>) {
    let reply = server.post_filing(body, key);
    let replayed = reply.header("idempotent-replayed").map(str::to_owned);
    (reply.status, reply.json, replayed)
}

/// `(status, body)` of a GET.
fn get(server: &Running, path: &str) -> (u16, Value) {
    let reply = server.get(path);
    (reply.status, reply.json)
}

#[test]
fn a_valid_filing_is_created_stored_normalised_and_readable() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let (status, body, _) = post(&server, &good_filing().to_string(), None);
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("icpf_"));
    assert!(body["receivedAt"].as_str().unwrap().ends_with('Z'));

    let (status, record) = get(&server, &format!("/api/filings/{id}"));
    assert_eq!(status, 200);
    assert_eq!(
        record["filing"]["subject"]["certificate"]["number"],
        "91440300708461136T"
    );
    assert_eq!(
        record["filing"]["subject"]["name"],
        "深圳市腾讯计算机系统有限公司"
    );
    drop(server);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn an_invalid_filing_gets_422_with_the_report_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let mut bad = good_filing();
    bad["subject"]["certificate"]["number"] = json!("9144030070846113");
    let (status, report, _) = post(&server, &bad.to_string(), Some("k-bad"));
    assert_eq!(status, 422);
    assert_eq!(report["ok"], false);
    assert_eq!(report["issues"][0]["code"], "uscc.length");
    assert_eq!(report["issues"][0]["path"], "subject.certificate.number");
    assert!(report["rulesetVersion"]
        .as_str()
        .unwrap()
        .starts_with("icp-rules/"));
    drop(server);
    assert_eq!(stored_count(dir.path()), 0);
}

#[test]
fn an_unacknowledged_warning_is_rejected_and_an_acknowledged_one_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let mut filing = good_filing();
    filing["subject"]["certificate"]["number"] = json!("91350203M0001QAY9B");
    let (status, report, _) = post(&server, &filing.to_string(), None);
    assert_eq!(status, 422);
    assert_eq!(report["issues"][0]["severity"], "warning");
    // Both new warnings (check character; a Fujian code filed in Guangdong) confirmed by the
    // filer, with the one the fixture already confirms (its second site is not "…官网").
    let keys: Vec<String> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["severity"], "warning");
            format!(
                "{}@{}",
                i["code"].as_str().unwrap(),
                i["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(keys.len(), 3);
    filing["acknowledgedWarnings"] = json!(keys);
    let (status, _, _) = post(&server, &filing.to_string(), None);
    assert_eq!(status, 201);
}

#[test]
fn a_body_that_is_not_a_filing_gets_400() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    for body in ["not json", r#"{"subject": {"kind": "robot"}}"#, "[]"] {
        let (status, err, _) = post(&server, body, None);
        assert_eq!(status, 400, "{body}");
        assert_eq!(err["error"]["code"], "body.not_a_filing");
    }
    // A field of the wrong type is named by its path, and its value is not repeated.
    let body = r#"{"subject": {"principal": {"certificate": {"number": 110101199003074775}}}}"#;
    let (status, err, _) = post(&server, body, None);
    assert_eq!(status, 400);
    let message = err["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("subject.principal.certificate.number has the wrong type"),
        "{message}"
    );
    assert!(!message.contains("110101199003074775"), "{message}");
    drop(server);
    assert_eq!(stored_count(dir.path()), 0);
}

#[test]
fn a_repeated_idempotency_key_returns_the_first_response_and_stores_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let body = good_filing().to_string();
    let (s1, first, replayed1) = post(&server, &body, Some("key-123"));
    let (s2, second, replayed2) = post(&server, &body, Some("key-123"));
    assert_eq!((s1, s2), (201, 201));
    assert_eq!(first, second);
    assert_eq!(replayed1, None);
    assert_eq!(replayed2.as_deref(), Some("true"));

    // Same key, different body: refused, nothing stored.
    let mut other = good_filing();
    other["subject"]["name"] = json!("另一家公司");
    let (s3, err, _) = post(&server, &other.to_string(), Some("key-123"));
    assert_eq!(s3, 409);
    assert_eq!(err["error"]["code"], "idempotency.key_reused");

    // Without a key every POST is a new filing.
    let (s4, third, _) = post(&server, &body, None);
    assert_eq!(s4, 201);
    assert_ne!(third["id"], first["id"]);
    drop(server);
    assert_eq!(stored_count(dir.path()), 2);
}

#[test]
fn concurrent_requests_with_one_key_store_one_filing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let body = good_filing().to_string();
    let ids: Vec<Value> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| post(&server, &body, Some("same-key")).1["id"].clone()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    drop(server);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn filings_and_keys_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let body = good_filing().to_string();
    let first = Running::start(dir.path());
    let (_, created, _) = post(&first, &body, Some("restart-key"));
    let id = created["id"].as_str().unwrap().to_owned();
    drop(first);

    let second = Running::start(dir.path());
    let (status, record) = get(&second, &format!("/api/filings/{id}"));
    assert_eq!(status, 200);
    assert_eq!(record["id"], id.as_str());
    let (status, replay, replayed) = post(&second, &body, Some("restart-key"));
    assert_eq!(status, 201);
    assert_eq!(replay["id"], id.as_str());
    assert_eq!(replayed.as_deref(), Some("true"));
    drop(second);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn an_unknown_id_is_404() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let (status, err) = get(&server, "/api/filings/icpf_nope");
    assert_eq!(status, 404);
    assert_eq!(err["error"]["code"], "filing.not_found");
}

#[test]
fn messages_follow_accept_language() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let mut filing = good_filing();
    filing["subject"]["principal"]["certificate"]["number"] = json!("123");
    let body = filing.to_string();
    for (lang, expected) in [
        (
            "en-US,en;q=0.9",
            "A resident ID number has 18 characters; this one has 3",
        ),
        ("zh-CN", "居民身份证号码应为18位，当前为3位"),
    ] {
        let report = server
            .send(
                "POST",
                "/api/filings",
                &[
                    ("accept-language", lang),
                    ("content-type", "application/json"),
                ],
                Some(&body),
            )
            .json;
        assert_eq!(
            report["issues"][0]["path"],
            "subject.principal.certificate.number"
        );
        assert_eq!(report["issues"][0]["message"], expected);
    }
}

#[test]
fn unknown_api_paths_and_oversized_bodies_get_json_errors() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    for (method, path) in [
        ("GET", "/api/nothing"),
        ("POST", "/api/filings/x/y/z"),
        ("POST", "/api/filings/icpf_x/advance"),
        ("GET", "/__faults"),
        ("GET", "/api"),
        ("GET", "/api/"),
    ] {
        let reply = server.send(method, path, &[], None);
        assert_eq!(reply.status, 404, "{method} {path}");
        if path.starts_with("/api") {
            assert_eq!(reply.json["error"]["code"], "route.not_found", "{path}");
        }
    }
    let big = format!(
        "{{\"pad\": \"{}\"}}",
        "x".repeat(icp_receiver::MAX_BODY_BYTES)
    );
    let reply = server.post_filing(&big, None);
    assert_eq!(reply.status, 413);
    assert_eq!(reply.json["error"]["code"], "body.too_large");
    for key in [" ", "a b", "tab\tkey"] {
        let reply = server.post_filing(&good_filing().to_string(), Some(key));
        assert_eq!(reply.status, 400, "{key:?}");
        assert_eq!(reply.json["error"]["code"], "idempotency.key_invalid");
    }
    // Two keys: a proxy on the way could keep either, and a retry would bind another.
    let reply = server.send(
        "POST",
        "/api/filings",
        &[
            ("content-type", "application/json"),
            ("idempotency-key", "two-a"),
            ("idempotency-key", "two-b"),
        ],
        Some(&good_filing().to_string()),
    );
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json["error"]["code"], "idempotency.key_invalid");
    // An endpoint asked with a method it doesn't take: 405 with the body and the Allow header.
    for (method, path) in [("GET", "/api/filings"), ("DELETE", "/api/filings/icpf_x")] {
        let reply = server.send(method, path, &[], None);
        assert_eq!(reply.status, 405, "{method} {path}");
        assert_eq!(reply.json["error"]["code"], "route.method_not_allowed");
        assert!(reply.headers.contains_key("allow"), "{method} {path}");
    }
    drop(server);
    assert_eq!(stored_count(dir.path()), 0);
}

#[test]
fn a_retry_of_a_stored_filing_gets_its_first_answer_even_when_the_rules_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("override.json");
    std::fs::write(
        &rules,
        json!({"version": "io-ok", "tlds": {"fileable": {"add": [{"tlds": ["io"]}]}}}).to_string(),
    )
    .unwrap();
    let data_dir = dir.path().join("data");
    let mut filing = good_filing();
    filing["websites"][0]["domains"] = json!(["gdyf-tech.io"]);
    filing["websites"][0]["homepage"] = json!("www.gdyf-tech.io");
    let body = filing.to_string();

    let with_override = Running::with(icp_receiver::Config {
        data_dir: data_dir.clone(),
        rules: Some(rules),
        ..icp_receiver::Config::default()
    });
    let (status, created, _) = post(&with_override, &body, Some("io-key"));
    assert_eq!(status, 201, "{created}");
    drop(with_override);

    // Without the override `.io` is not fileable: a new submission is refused, but the retry
    // of the stored one is told it was stored, so its client never files it twice.
    let embedded = Running::start(&data_dir);
    let (status, refused, _) = post(&embedded, &body, Some("another-key"));
    assert_eq!(status, 422, "{refused}");
    let (status, replay, replayed) = post(&embedded, &body, Some("io-key"));
    assert_eq!(status, 201, "{replay}");
    assert_eq!(replay, created);
    assert_eq!(replayed.as_deref(), Some("true"));
    // A reused key is reported as reused, whatever the new body's own problems.
    let (status, err, _) = post(&embedded, r#"{"schemaVersion": 1}"#, Some("io-key"));
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["error"]["code"], "idempotency.key_reused");
    drop(embedded);
    assert_eq!(stored_count(&data_dir), 1);
}

#[test]
fn a_filing_of_another_schema_version_is_not_a_filing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    for version in [json!(0), json!(2)] {
        let mut filing = good_filing();
        filing["schemaVersion"] = version;
        let (status, err, _) = post(&server, &filing.to_string(), None);
        assert_eq!(status, 400, "{err}");
        assert_eq!(err["error"]["code"], "body.not_a_filing");
        assert!(err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("schemaVersion"));
    }
    // Left out, it is the one version there is.
    let mut filing = good_filing();
    filing.as_object_mut().unwrap().remove("schemaVersion");
    let (status, body, _) = post(&server, &filing.to_string(), None);
    assert_eq!(status, 201, "{body}");
    drop(server);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn a_422_lists_the_first_200_issues_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let mut filing = good_filing();
    let domains: Vec<String> = (0..3000)
        .map(|i| format!("bad_{i}.example.notasuffix"))
        .collect();
    filing["websites"][0]["domains"] = json!(domains);
    let body = filing.to_string();
    let reply = server.post_filing(&body, None);
    assert_eq!(reply.status, 422, "{}", reply.text);
    let parsed = icp_filing::model::parse_filing(&body).unwrap();
    let ctx = icp_filing::rules::RuleContext::new(icp_receiver::today_in_china());
    let full = icp_filing::rules::validate(&parsed, &ctx);
    assert!(full.issues.len() > 3000, "{}", full.issues.len());
    let listed = reply.json["issues"].as_array().unwrap();
    assert_eq!(listed.len(), icp_receiver::MAX_REPORTED_ISSUES);
    let paths = |issues: &[Value]| -> Vec<String> {
        issues
            .iter()
            .map(|i| i["path"].as_str().unwrap().to_owned())
            .collect()
    };
    let expected: Vec<String> = full.issues[..listed.len()]
        .iter()
        .map(|i| i.path.clone())
        .collect();
    assert_eq!(paths(listed), expected, "the first issues in form order");
    assert_eq!(
        reply.json["issuesOmitted"],
        json!(full.issues.len() - listed.len())
    );
    eprintln!(
        "{} B body with {} issues: 422 of {} B",
        body.len(),
        full.issues.len(),
        reply.text.len()
    );
    assert!(reply.text.len() < body.len(), "{} B", reply.text.len());
    // A report within the bound says nothing about omitted issues.
    let mut few = good_filing();
    few["subject"]["certificate"]["number"] = json!("9144030070846113");
    let reply = server.post_filing(&few.to_string(), None);
    assert_eq!(reply.status, 422);
    assert!(reply.json.get("issuesOmitted").is_none(), "{}", reply.text);
    assert_eq!(stored_count(dir.path()), 0);
}
