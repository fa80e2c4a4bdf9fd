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
    let app: Value = serde_json::from_str(include_str!(
        "../../tests/fixtures/enterprise-app-zhejiang.json"
    ))
    .map(|f: Value| f["apps"][0].clone())
    .unwrap();
    filing["apps"] = json!([app]);
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
