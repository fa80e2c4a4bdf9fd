//! Corrections (补正) over real HTTP and SQLite: a rejection with field reasons, the corrected
//! filing sent to `PUT /api/filings/{id}` (idempotent, versioned, restarting the review), and
//! the numbers of an approved filing with two websites and an APP.

mod common;

use std::path::Path;

use common::{good_filing, Running};
use icp_receiver::{Config, Store};
use rusqlite::Connection;
use serde_json::{json, Value};

fn demo(dir: &Path) -> Running {
    Running::with(Config {
        data_dir: dir.to_owned(),
        demo: true,
        ..Config::default()
    })
}

const JSON: (&str, &str) = ("content-type", "application/json");

fn create(server: &Running, filing: &Value) -> String {
    let reply = server.post_filing(&filing.to_string(), None);
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.json["id"].as_str().unwrap().to_owned()
}

fn advance(server: &Running, id: &str, body: &Value) -> common::Reply {
    server.send(
        "POST",
        &format!("/api/filings/{id}/advance"),
        &[JSON],
        Some(&body.to_string()),
    )
}

fn put(server: &Running, id: &str, filing: &Value, key: &str) -> common::Reply {
    server.send(
        "PUT",
        &format!("/api/filings/{id}"),
        &[JSON, ("idempotency-key", key)],
        Some(&filing.to_string()),
    )
}

/// The APP of the Zhejiang fixture.
fn app() -> Value {
    let filing: Value = serde_json::from_str(include_str!(
        "../../tests/fixtures/enterprise-app-zhejiang.json"
    ))
    .unwrap();
    filing["apps"][0].clone()
}

fn versions(dir: &Path, id: &str) -> Vec<(i64, String)> {
    let conn = Connection::open(dir.join(Store::FILE_NAME)).unwrap();
    let mut stmt = conn
        .prepare("SELECT version, body FROM filing_versions WHERE filing_id = ?1 ORDER BY version")
        .unwrap();
    stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_rejection_names_fields_and_the_correction_restarts_the_review_as_version_two() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let id = create(&server, &good_filing());

    let reasons = json!([
        { "path": "websites[1].name", "code": "website.nameNotCompliant", "comment": "名称与内容不符" },
        { "path": "subject.principal.mobile", "code": "phone.unreachable", "comment": "" },
    ]);
    let rejected = advance(
        &server,
        &id,
        &json!({ "outcome": "rejected", "reasons": reasons }),
    );
    assert_eq!(rejected.status, 200, "{}", rejected.text);
    let last = rejected.json["events"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["status"], "rejected");
    assert_eq!(last["reasons"], reasons);
    assert_eq!(rejected.json["version"], 1);
    // The status reads them back from the store.
    let status = server.get(&format!("/api/filings/{id}/status"));
    assert_eq!(
        status.json["events"].as_array().unwrap().last(),
        Some(&last)
    );

    // Bad reasons are refused and add nothing.
    for bad in [
        json!([{ "path": "websites[0].name", "code": "no.such.code" }]),
        json!([{ "path": "websites[0].nmae", "code": "other" }]),
        json!([{ "path": "websites[0].name", "code": "other", "comment": "长".repeat(501) }]),
    ] {
        let reply = advance(
            &server,
            &id,
            &json!({ "outcome": "rejected", "reasons": bad }),
        );
        assert_eq!(reply.status, 400, "{bad}");
        assert_eq!(reply.json["error"]["code"], "body.invalid");
    }
    let passed_with_reasons = advance(&server, &id, &json!({ "outcome": "passed", "reasons": [] }));
    assert_eq!(passed_with_reasons.status, 400);

    // An invalid correction stores nothing.
    let mut broken = good_filing();
    broken["subject"]["certificate"]["number"] = json!("9144030070846113");
    assert_eq!(put(&server, &id, &broken, "k-bad").status, 422);
    assert_eq!(versions(dir.path(), &id).len(), 1);
    let unchanged = server.get(&format!("/api/filings/{id}/status"));
    assert_eq!(
        unchanged.json, status.json,
        "a refused correction changes nothing"
    );

    let mut corrected = good_filing();
    corrected["websites"][1]["name"] = json!("深圳市示例科技产品官网");
    corrected["subject"]["principal"]["mobile"] = json!("13800138001");
    let stored = put(&server, &id, &corrected, "k-1");
    assert_eq!(stored.status, 200, "{}", stored.text);
    assert_eq!(stored.json["id"], id.as_str());
    assert_eq!(stored.json["version"], 2);
    // The same request again: the first answer, no third version.
    let replay = put(&server, &id, &corrected, "k-1");
    assert_eq!(replay.status, 200);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert_eq!(replay.json, stored.json);
    // The same key for another body is refused.
    assert_eq!(put(&server, &id, &good_filing(), "k-1").status, 409);
    let kept = versions(dir.path(), &id);
    assert_eq!(kept.iter().map(|(v, _)| *v).collect::<Vec<_>>(), [1, 2]);
    assert!(kept[1].1.contains("深圳市示例科技产品官网"));
    assert!(!kept[0].1.contains("深圳市示例科技产品官网"));

    // The filing now reads as corrected, and the review restarted at the provider.
    let record = server.get(&format!("/api/filings/{id}"));
    assert_eq!(
        record.json["filing"]["websites"][1]["name"],
        "深圳市示例科技产品官网"
    );
    let status = server.get(&format!("/api/filings/{id}/status"));
    assert_eq!(status.json["version"], 2);
    let events = status.json["events"].as_array().unwrap();
    let restart = events.last().unwrap();
    assert_eq!(
        (restart["stage"].as_str(), restart["status"].as_str()),
        (Some("providerReview"), Some("started"))
    );
    assert!(restart.get("reasons").is_none());

    // No second correction until the reviewer sends it back again.
    let early = put(&server, &id, &corrected, "k-2");
    assert_eq!(early.status, 409);
    assert_eq!(
        early.json["error"]["code"],
        "review.not_awaiting_correction"
    );
    assert_eq!(
        put(&server, "icpf_000000000000000000000000", &corrected, "k-3").status,
        404
    );
}

#[test]
fn a_demo_rejection_without_reasons_names_a_field_itself() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let id = create(&server, &good_filing());
    let reply = advance(&server, &id, &json!({ "outcome": "rejected" }));
    let last = reply.json["events"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["reasons"][0]["path"], "websites[0].name");
    assert_eq!(last["reasons"][0]["code"], "website.nameNotCompliant");
}

#[test]
fn an_approved_filing_carries_its_websites_and_apps_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let mut filing = good_filing();
    filing["apps"] = json!([app()]);
    let id = create(&server, &filing);
    let mut last = Value::Null;
    // The first event (provider review started) is there; seven steps reach the result.
    for _ in 0..7 {
        let reply = advance(&server, &id, &json!({}));
        assert_eq!(reply.status, 200, "{}", reply.text);
        last = reply.json;
    }
    let number = last["filingNumber"].as_str().unwrap().to_owned();
    assert!(
        number.starts_with("粤ICP备") && number.ends_with('号'),
        "{number}"
    );
    assert_eq!(
        last["serviceNumbers"],
        json!([
            { "service": "websites[0]", "number": format!("{number}-1") },
            { "service": "websites[1]", "number": format!("{number}-2") },
            { "service": "apps[0]", "number": format!("{number}-3A") },
        ])
    );
    // Before approval there are no numbers.
    let other = create(&server, &good_filing());
    let status = server.get(&format!("/api/filings/{other}/status"));
    assert!(status.json.get("serviceNumbers").is_none());
    assert!(status.json.get("filingNumber").is_none());
}

#[test]
fn reasons_name_fields_items_and_lists_of_this_filing_only() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let id = create(&server, &good_filing());
    let reject = |path: &str| {
        advance(
            &server,
            &id,
            &json!({ "outcome": "rejected", "reasons": [
                { "path": "websites[0].name", "code": "other" },
                { "path": path, "code": "other" },
            ] }),
        )
    };
    // The fixture has two websites of one domain each, and no APP.
    for bad in [
        "",
        "websites[2]",
        "websites[2].name",
        "websites[0].domains[1]",
        "websites[01].name",
        "websites[0].preApprovals[0]",
        "apps[0]",
        "apps[0].platforms",
        "subject.principal.certificate.colour",
        "subject.",
        "websites[0].",
        "filing",
    ] {
        let reply = reject(bad);
        assert_eq!(reply.status, 400, "{bad:?} was accepted");
        assert_eq!(reply.json["error"]["code"], "body.invalid");
        assert!(
            reply.json["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("reasons[1].path"),
            "{}",
            reply.text
        );
    }
    let good = [
        "websites[1].domains[0]",
        "websites[0].responsible",
        "websites[0].responsible.certificate",
        "websites[0].preApprovals",
        "websites[1]",
        "websites",
        "subject",
        "subject.address",
        "subject.principal.certificate",
        "subject.certificate.validUntil",
        "filingType",
        "province",
    ];
    let mut events = 1;
    for path in good {
        let reply = reject(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.text);
        let last = reply.json["events"].as_array().unwrap().last().unwrap();
        assert_eq!(last["reasons"][1]["path"], path);
        // Resubmitted unchanged (the demo's passing step), ready for the next rejection.
        assert_eq!(advance(&server, &id, &json!({})).status, 200);
        events += 2;
    }
    let status = server.get(&format!("/api/filings/{id}/status"));
    assert_eq!(status.json["events"].as_array().unwrap().len(), events);

    // An APP's platform is an item a reviewer can name.
    let mut filing = good_filing();
    filing["apps"] = json!([app()]);
    let with_app = create(&server, &filing);
    let reply = advance(
        &server,
        &with_app,
        &json!({ "outcome": "rejected", "reasons": [
            { "path": "apps[0].platforms[0]", "code": "other" },
            { "path": "apps[0].platforms", "code": "other" },
            { "path": "apps[0]", "code": "other" },
        ] }),
    );
    assert_eq!(reply.status, 200, "{}", reply.text);
}

#[test]
fn a_correction_after_a_failed_sms_check_restarts_at_the_submission() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let id = create(&server, &good_filing());
    // Provider review passed, submitted, SMS sent; then the SMS check fails.
    for _ in 0..3 {
        assert_eq!(advance(&server, &id, &json!({})).status, 200);
    }
    let rejected = advance(
        &server,
        &id,
        &json!({ "outcome": "rejected", "reasons": [
            { "path": "subject.principal.mobile", "code": "sms.notCompleted" },
        ] }),
    );
    assert_eq!(rejected.status, 200, "{}", rejected.text);
    let mut corrected = good_filing();
    corrected["subject"]["principal"]["mobile"] = json!("13800138001");
    let stored = put(&server, &id, &corrected, "sms-1");
    assert_eq!(stored.status, 200, "{}", stored.text);
    assert_eq!(stored.json["version"], 2);
    let status = server.get(&format!("/api/filings/{id}/status"));
    let last = status.json["events"].as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["stage"].as_str(), last["status"].as_str()),
        (Some("submission"), Some("started"))
    );
    // The walk goes on from there: the provider submits again.
    let next = advance(&server, &id, &json!({}));
    let last = next.json["events"].as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["stage"].as_str(), last["status"].as_str()),
        (Some("submission"), Some("passed"))
    );
}

#[test]
fn a_key_of_a_first_submission_is_not_a_corrections_and_the_other_way_round() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let filing = good_filing();
    let first = server.post_filing(&filing.to_string(), Some("same-key"));
    assert_eq!(first.status, 201);
    let id = first.json["id"].as_str().unwrap().to_owned();
    assert_eq!(
        advance(&server, &id, &json!({ "outcome": "rejected" })).status,
        200
    );

    // The POST's key and body sent again as the correction: refused, nothing stored.
    let reused = put(&server, &id, &filing, "same-key");
    assert_eq!(reused.status, 409, "{}", reused.text);
    assert_eq!(reused.json["error"]["code"], "idempotency.key_reused");
    assert_eq!(versions(dir.path(), &id).len(), 1);

    // A correction's key and body sent again as a new filing: refused, nothing stored.
    assert_eq!(put(&server, &id, &filing, "put-key").status, 200);
    let again = server.send(
        "POST",
        "/api/filings",
        &[JSON, ("idempotency-key", "put-key")],
        Some(&filing.to_string()),
    );
    assert_eq!(again.status, 409, "{}", again.text);
    assert_eq!(again.json["error"]["code"], "idempotency.key_reused");
    assert_eq!(common::stored_count(dir.path()), 1);
    // The correction's own replay still works after the review moved on.
    assert_eq!(advance(&server, &id, &json!({})).status, 200);
    let replay = put(&server, &id, &filing, "put-key");
    assert_eq!(replay.status, 200);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert_eq!(replay.json["version"], 2);
}

/// The schema the receiver wrote before versions and reasons were stored (version 2).
const SCHEMA_WITHOUT_VERSIONS: &str = "
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
    );
    CREATE TABLE review_events (
        filing_id TEXT NOT NULL REFERENCES filings(id),
        seq INTEGER NOT NULL,
        stage TEXT NOT NULL,
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT,
        filing_number TEXT,
        PRIMARY KEY (filing_id, seq)
    );
    PRAGMA user_version = 2;";

#[test]
fn a_database_from_before_versions_is_migrated_and_its_rejected_filing_can_be_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let body = good_filing().to_string();
    {
        let conn = Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
        conn.execute_batch(SCHEMA_WITHOUT_VERSIONS).unwrap();
        conn.execute(
            "INSERT INTO filings VALUES ('icpf_old', '2026-03-02T01:30:00.250Z', 'x', 'y', ?1)",
            [&body],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO review_events VALUES
                 ('icpf_old', 1, 'providerReview', 'started', '2026-03-02T09:30:00+08:00', NULL, NULL),
                 ('icpf_old', 2, 'providerReview', 'rejected', '2026-03-03T10:00:00+08:00', NULL, NULL);",
        )
        .unwrap();
    }
    let server = demo(dir.path());
    let status = server.get("/api/filings/icpf_old/status");
    assert_eq!(status.status, 200, "{}", status.text);
    assert_eq!(status.json["version"], 1);
    let rejected = &status.json["events"][1];
    assert_eq!(rejected["status"], "rejected");
    assert!(rejected.get("reasons").is_none(), "{rejected}");
    assert_eq!(
        versions(dir.path(), "icpf_old"),
        [(1, body.clone())],
        "the stored filing is its version 1"
    );

    let mut corrected = good_filing();
    corrected["websites"][0]["name"] = json!("深圳市示例科技产品官网");
    let stored = put(&server, "icpf_old", &corrected, "k-old");
    assert_eq!(stored.status, 200, "{}", stored.text);
    assert_eq!(stored.json["version"], 2);
    assert_eq!(versions(dir.path(), "icpf_old").len(), 2);
    drop(server);
    let conn = Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, Store::SCHEMA_VERSION);
}

#[test]
fn concurrent_corrections_store_one_version_and_answer_every_request() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let id = create(&server, &good_filing());
    let reasons =
        json!([{ "path": "websites[1].name", "code": "website.nameNotCompliant", "comment": "" }]);
    let rejected = advance(
        &server,
        &id,
        &json!({ "outcome": "rejected", "reasons": reasons }),
    );
    assert_eq!(rejected.status, 200, "{}", rejected.text);

    // Eight tabs retry one correction under one key while eight others send corrections of
    // their own, all at once.
    let corrected = |n: &str| {
        let mut filing = good_filing();
        filing["websites"][1]["name"] = json!(format!("深圳市示例科技产品官网{n}"));
        filing
    };
    let same = corrected("");
    let answers: Vec<(bool, u16, Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..16)
            .map(|i| {
                let (server, id, same) = (&server, &id, &same);
                s.spawn(move || {
                    let reply = if i % 2 == 0 {
                        put(server, id, same, "k-same")
                    } else {
                        put(server, id, &corrected(&i.to_string()), &format!("k-{i}"))
                    };
                    (i % 2 == 0, reply.status, reply.json)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let accepted: Vec<&Value> = answers
        .iter()
        .filter(|(_, status, _)| *status == 200)
        .map(|(_, _, json)| json)
        .collect();
    // Whichever came first is version 2; every other request is refused as a correction of
    // a filing no longer sent back, or (the same key) answered with that first answer.
    assert!(!accepted.is_empty());
    assert!(accepted
        .iter()
        .all(|json| json["version"] == 2 && json["id"] == id.as_str()));
    for (_, status, json) in &answers {
        match status {
            200 => {}
            409 => assert_eq!(json["error"]["code"], "review.not_awaiting_correction"),
            other => panic!("answer {other}: {json}"),
        }
    }
    // A distinct correction that won the race is the only one accepted; the key shared by the
    // others was then never stored.
    let distinct_accepted = answers
        .iter()
        .filter(|(same, status, _)| !same && *status == 200);
    assert!(distinct_accepted.count() == 0 || accepted.len() == 1);
    let kept = versions(dir.path(), &id);
    assert_eq!(kept.iter().map(|(v, _)| *v).collect::<Vec<_>>(), [1, 2]);
    let status = server.get(&format!("/api/filings/{id}/status"));
    let events: Vec<(&str, &str)> = status.json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["stage"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        events,
        [
            ("providerReview", "started"),
            ("providerReview", "rejected"),
            ("providerReview", "started")
        ],
        "one restart of the review"
    );
}
