//! The review status endpoint and the demo's advance, over real HTTP; the status payload is
//! fed to the core's progress preview exactly as a widget would.

mod common;

use std::path::Path;

use chrono::TimeDelta;
use common::{good_filing, stored_count, Running};
use icp_filing::calendar::HolidayCalendar;
use icp_filing::timeline::{progress, Progress, ProgressInput, ProgressStatus, ReviewPolicy};
use icp_receiver::{now_in_china, Config, Store};
use serde_json::{json, Value};

fn demo(dir: &Path) -> Running {
    Running::with(Config {
        data_dir: dir.to_owned(),
        demo: true,
        ..Config::default()
    })
}

fn create(server: &Running) -> String {
    let reply = server.post_filing(&good_filing().to_string(), None);
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.json["id"].as_str().unwrap().to_owned()
}

fn advance(server: &Running, id: &str, body: Option<&str>) -> (u16, Value) {
    let reply = server.send(
        "POST",
        &format!("/api/filings/{id}/advance"),
        &[("content-type", "application/json")],
        body,
    );
    (reply.status, reply.json)
}

/// The status payload plus `now`, through the core's progress preview, as the widget's
/// `progress()` export does.
fn preview(status: &Value) -> Progress {
    let mut input = status.clone();
    let now = now_in_china() + TimeDelta::minutes(5);
    input["now"] = json!(icp_filing::dates::format_datetime(now));
    let input: ProgressInput =
        serde_json::from_value(input).expect("status reads as progress input");
    let progress = progress(
        &input,
        ReviewPolicy::embedded(),
        &HolidayCalendar::official(),
    )
    .expect("preview");
    assert_eq!(progress.errors, [], "events the preview skipped: {status}");
    progress
}

fn stages(status: &Value) -> Vec<String> {
    status["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}:{}",
                e["stage"].as_str().unwrap(),
                e["status"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_new_filing_is_in_the_provider_review() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let id = create(&server);
    let reply = server.get(&format!("/api/filings/{id}/status"));
    assert_eq!(reply.status, 200);
    let status = &reply.json;
    assert_eq!(status["id"], id.as_str());
    assert_eq!(status["filingType"], "first");
    assert_eq!(status["province"], "440000");
    let submitted = status["submittedAt"].as_str().unwrap();
    assert!(submitted.ends_with("+08:00"), "{submitted}");
    assert_eq!(
        status["events"],
        json!([{ "stage": "providerReview", "status": "started", "at": submitted }])
    );
    assert_eq!(status.get("filingNumber"), None);
    let progress = preview(status);
    assert_eq!(progress.status, ProgressStatus::InProgress);
    assert_eq!(
        progress.current_stage,
        Some(icp_filing::timeline::Stage::ProviderReview)
    );

    assert_eq!(server.get("/api/filings/icpf_nope/status").status, 404);
}

#[test]
fn the_demo_walks_a_filing_to_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let id = create(&server);
    let mut last = Value::Null;
    for _ in 0..7 {
        let (code, status) = advance(&server, &id, None);
        assert_eq!(code, 200, "{status}");
        let progress = preview(&status);
        assert_ne!(progress.status, ProgressStatus::AwaitingResubmission);
        last = status;
    }
    assert_eq!(
        stages(&last),
        [
            "providerReview:started",
            "providerReview:passed",
            "submission:passed",
            "smsVerification:started",
            "smsVerification:passed",
            "bureauReview:started",
            "bureauReview:passed",
            "resultSync:passed",
        ]
    );
    let number = last["filingNumber"].as_str().unwrap();
    assert!(number.starts_with("粤ICP备20"), "{number}");
    assert!(number.ends_with('号'), "{number}");
    assert_eq!(
        number.chars().count(),
        "粤ICP备2026012345号".chars().count()
    );
    assert_eq!(last["events"][7]["note"], format!("已取得备案号 {number}"));
    assert_eq!(preview(&last).status, ProgressStatus::Finished);
    // The status endpoint says the same as the last advance.
    assert_eq!(server.get(&format!("/api/filings/{id}/status")).json, last);

    let (code, err) = advance(&server, &id, None);
    assert_eq!(code, 409);
    assert_eq!(err["error"]["code"], "review.finished");
}

#[test]
fn the_demo_can_reject_and_resubmit() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let id = create(&server);
    let reject = Some(r#"{"outcome": "rejected"}"#);

    let (code, status) = advance(&server, &id, reject);
    assert_eq!(code, 200);
    let progress = preview(&status);
    assert_eq!(progress.status, ProgressStatus::AwaitingResubmission);
    assert_eq!(progress.rejections.len(), 1);

    let (code, err) = advance(&server, &id, reject);
    assert_eq!(code, 409);
    assert_eq!(err["error"]["code"], "review.awaiting_resubmission");

    // Resubmitted: the provider review starts again (a second cycle, same second or not).
    let (_, status) = advance(&server, &id, None);
    assert_eq!(preview(&status).cycle, 2);
    advance(&server, &id, None); // provider review passed
    let (code, err) = advance(&server, &id, reject);
    assert_eq!(code, 409, "the submission step does not reject");
    assert_eq!(err["error"]["code"], "review.cannot_reject");
    advance(&server, &id, None); // submitted to the bureau
    advance(&server, &id, None); // SMS sent
    let (_, status) = advance(&server, &id, reject); // SMS missed
    let progress = preview(&status);
    assert_eq!(progress.status, ProgressStatus::AwaitingResubmission);
    assert_eq!(progress.rejections.len(), 2);
    assert_eq!(
        stages(&status)[4..],
        [
            "submission:passed",
            "smsVerification:started",
            "smsVerification:rejected"
        ]
    );
    let (_, status) = advance(&server, &id, None);
    assert_eq!(stages(&status).last().unwrap(), "submission:started");
    assert_eq!(preview(&status).cycle, 3);

    let (code, err) = advance(&server, &id, Some(r#"{"outcome": "approved"}"#));
    assert_eq!(code, 400);
    assert_eq!(err["error"]["code"], "body.invalid");
    assert_eq!(advance(&server, "icpf_nope", None).0, 404);
}

#[test]
fn without_demo_there_is_no_advance() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let id = create(&server);
    let (code, err) = advance(&server, &id, None);
    assert_eq!(code, 404);
    assert_eq!(err["error"]["code"], "route.not_found");
}

/// The schema the receiver wrote before review events were stored.
const SCHEMA_WITHOUT_EVENTS: &str = "
    CREATE TABLE filings (
        id TEXT PRIMARY KEY,
        received_at TEXT NOT NULL,
        subject_name TEXT NOT NULL,
        certificate_number TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        request_sha256 TEXT NOT NULL,
        filing_id TEXT NOT NULL REFERENCES filings(id),
        status INTEGER NOT NULL,
        response TEXT NOT NULL
    );";

#[test]
fn a_database_from_before_review_events_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
        conn.execute_batch(SCHEMA_WITHOUT_EVENTS).unwrap();
        let mut filing = good_filing();
        filing["subject"]["certificate"]["number"] = json!("91440300708461136T");
        conn.execute(
            "INSERT INTO filings VALUES ('icpf_old', '2026-03-02T01:30:00.250Z', 'x', 'y', ?1)",
            [filing.to_string()],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO idempotency_keys VALUES ('old-key', 'abc', 'icpf_old', 201, '{}')",
            [],
        )
        .unwrap();
    }
    let server = demo(dir.path());
    let status = server.get("/api/filings/icpf_old/status").json;
    assert_eq!(status["submittedAt"], "2026-03-02T09:30:00+08:00");
    assert_eq!(
        status["events"],
        json!([{ "stage": "providerReview", "status": "started", "at": "2026-03-02T09:30:00+08:00" }])
    );
    let (code, status) = advance(&server, "icpf_old", None);
    assert_eq!(code, 200);
    assert_eq!(
        stages(&status),
        ["providerReview:started", "providerReview:passed"]
    );
    let id = create(&server);
    assert_eq!(server.get(&format!("/api/filings/{id}/status")).status, 200);
    drop(server);
    assert_eq!(stored_count(dir.path()), 2);

    // Opening again changes nothing; a newer schema is refused rather than misread.
    let conn = rusqlite::Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, Store::SCHEMA_VERSION);
    Store::open(dir.path()).unwrap();
    let events: i64 = conn
        .query_row("SELECT COUNT(*) FROM review_events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events, 3);
    conn.pragma_update(None, "user_version", Store::SCHEMA_VERSION + 1)
        .unwrap();
    let err = Store::open(dir.path()).err().expect("newer schema refused");
    assert!(err.to_string().contains("schema version"), "{err}");
}
