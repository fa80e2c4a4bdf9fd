//! Change filings (变更) over real HTTP and SQLite: a change is compared with the filing
//! approved under its number, and one order per subject number is under review at a time
//! (docs/sources.md §2).

mod common;

use std::path::Path;

use common::{good_filing, stored_count, Reply, Running};
use icp_receiver::Config;
use serde_json::{json, Value};

const JSON: (&str, &str) = ("content-type", "application/json");

fn demo(dir: &Path) -> Running {
    Running::with(Config {
        data_dir: dir.to_owned(),
        demo: true,
        ..Config::default()
    })
}

fn advance(server: &Running, id: &str, outcome: &str) -> Reply {
    server.send(
        "POST",
        &format!("/api/filings/{id}/advance"),
        &[JSON],
        Some(&json!({ "outcome": outcome }).to_string()),
    )
}

/// Steps the review of `id` to the approval; the subject's filing number.
fn approve(server: &Running, id: &str) -> String {
    let mut last = Value::Null;
    for _ in 0..7 {
        let reply = advance(server, id, "passed");
        assert_eq!(reply.status, 200, "{}", reply.text);
        last = reply.json;
    }
    last["filingNumber"].as_str().unwrap().to_owned()
}

fn post(server: &Running, filing: &Value, key: &str) -> Reply {
    server.post_filing(&filing.to_string(), Some(key))
}

/// The enterprise fixture approved here, and a change of it that changes nothing yet.
fn approved_and_its_change(server: &Running) -> (String, Value) {
    let reply = post(server, &good_filing(), "first");
    assert_eq!(reply.status, 201, "{}", reply.text);
    let number = approve(server, reply.json["id"].as_str().unwrap());
    let mut change = good_filing();
    change["filingType"] = json!("change");
    change["filingNumber"] = json!(number);
    change["changeScope"] = json!("services");
    (number, change)
}

fn codes(reply: &Reply) -> Vec<(String, String)> {
    reply.json["issues"]
        .as_array()
        .map(|issues| {
            issues
                .iter()
                .map(|i| {
                    (
                        i["code"].as_str().unwrap_or_default().to_owned(),
                        i["path"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_change_that_changes_nothing_is_stored_only_once_the_filer_confirms_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let (number, change) = approved_and_its_change(&server);

    let reply = post(&server, &change, "unchanged");
    assert_eq!(reply.status, 422, "{}", reply.text);
    assert!(
        codes(&reply).contains(&("change.unchanged".into(), "changeScope".into())),
        "{}",
        reply.text
    );
    let issue = reply.json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "change.unchanged")
        .unwrap();
    assert_eq!(issue["severity"], "warning");
    assert!(
        issue["message"].as_str().unwrap().contains(&number),
        "{issue}"
    );
    assert_eq!(stored_count(dir.path()), 1);

    let mut confirmed = change.clone();
    confirmed["acknowledgedWarnings"]
        .as_array_mut()
        .unwrap()
        .push(json!("change.unchanged@changeScope"));
    let reply = post(&server, &confirmed, "confirmed");
    assert_eq!(reply.status, 201, "{}", reply.text);

    // A change that changes something needs no confirmation.
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let (_, mut change) = approved_and_its_change(&server);
    change["websites"][0]["name"] = json!("示例科技产品官网");
    let reply = post(&server, &change, "renamed");
    assert_eq!(reply.status, 201, "{}", reply.text);
}

#[test]
fn a_second_order_for_a_number_waits_until_the_first_is_no_longer_under_review() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let (number, change) = approved_and_its_change(&server);
    let mut first = change.clone();
    first["websites"][0]["name"] = json!("示例科技产品官网");
    let mut second = change.clone();
    second["websites"][1]["remark"] = json!("文档站改为中英双语");

    let reply = post(&server, &first, "first-change");
    assert_eq!(reply.status, 201, "{}", reply.text);
    let first_id = reply.json["id"].as_str().unwrap().to_owned();

    // Under review: another change of the number, also given as a website's number, and a
    // new website under it are refused, and nothing is stored.
    let mut by_website_number = second.clone();
    by_website_number["filingNumber"] = json!(format!("{number}-2"));
    let mut new_website = good_filing();
    new_website["filingType"] = json!("newWebsite");
    new_website["filingNumber"] = json!(number);
    for (body, key) in [
        (&second, "second"),
        (&by_website_number, "by-website-number"),
        (&new_website, "new-website"),
    ] {
        let reply = post(&server, body, key);
        assert_eq!(reply.status, 409, "{key}: {}", reply.text);
        assert_eq!(
            reply.json["error"]["code"], "filing.order_in_review",
            "{key}"
        );
        assert!(
            reply.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&number),
            "{}",
            reply.text
        );
    }
    assert_eq!(stored_count(dir.path()), 2);

    // A retry of the first order gets its first answer, not a conflict with itself.
    let retry = post(&server, &first, "first-change");
    assert_eq!(retry.status, 201, "{}", retry.text);
    assert_eq!(retry.json["id"], json!(first_id));

    // Sent back, the first awaits its correction: the second may go.
    let rejected = advance(&server, &first_id, "rejected");
    assert_eq!(rejected.status, 200, "{}", rejected.text);
    let reply = post(&server, &second, "second-after-rejection");
    assert_eq!(reply.status, 201, "{}", reply.text);
    let second_id = reply.json["id"].as_str().unwrap().to_owned();

    // The first's correction now waits for the second.
    let correction = server.send(
        "PUT",
        &format!("/api/filings/{first_id}"),
        &[JSON, ("idempotency-key", "first-corrected")],
        Some(&first.to_string()),
    );
    assert_eq!(correction.status, 409, "{}", correction.text);
    assert_eq!(correction.json["error"]["code"], "filing.order_in_review");

    // Once the second is approved, the first's correction is taken when it keeps what the
    // second changed; as it was, it would set the remark back.
    approve(&server, &second_id);
    let correct = |body: &Value, key: &str| {
        server.send(
            "PUT",
            &format!("/api/filings/{first_id}"),
            &[JSON, ("idempotency-key", key)],
            Some(&body.to_string()),
        )
    };
    let stale = correct(&first, "first-corrected-stale");
    assert_eq!(stale.status, 422, "{}", stale.text);
    assert!(codes(&stale).contains(&(
        "change.reverts_approved".into(),
        "websites[1].remark".into()
    )));
    let mut current = first.clone();
    current["websites"][1]["remark"] = second["websites"][1]["remark"].clone();
    let correction = correct(&current, "first-corrected-later");
    assert_eq!(correction.status, 200, "{}", correction.text);
}

#[test]
fn a_change_started_before_another_was_approved_must_confirm_what_it_sets_back() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let (number, change) = approved_and_its_change(&server);
    // Started from the first approval, two changes: one of the principal's e-mail, approved,
    // and one of a website's remark, sent after that approval.
    let mut first = change.clone();
    first["changeScope"] = json!("subject");
    first["subject"]["principal"]["email"] = json!("new-principal@example-tech.cn");
    let reply = post(&server, &first, "e-mail");
    assert_eq!(reply.status, 201, "{}", reply.text);
    approve(&server, reply.json["id"].as_str().unwrap());
    let mut stale = change.clone();
    stale["websites"][1]["remark"] = json!("文档站改为中英双语");

    let reply = post(&server, &stale, "stale");
    assert_eq!(reply.status, 422, "{}", reply.text);
    let reverted: Vec<&Value> = reply.json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"] == "change.reverts_approved")
        .collect();
    assert_eq!(reverted.len(), 1, "{}", reply.text);
    assert_eq!(reverted[0]["path"], "subject.principal.email");
    assert_eq!(reverted[0]["severity"], "warning");
    let message = reverted[0]["message"].as_str().unwrap();
    assert!(
        message.contains("new-principal@example-tech.cn"),
        "{message}"
    );
    assert!(message.contains(&number), "{message}");

    // Brought up to date, it is taken; so is a filer's confirmed choice to set it back.
    let mut current = stale.clone();
    current["subject"]["principal"]["email"] = first["subject"]["principal"]["email"].clone();
    current["changeScope"] = json!("services");
    let reply = post(&server, &current, "current");
    assert_eq!(reply.status, 201, "{}", reply.text);
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let (_, change) = approved_and_its_change(&server);
    let mut first = change.clone();
    first["subject"]["principal"]["email"] = json!("new-principal@example-tech.cn");
    let reply = post(&server, &first, "e-mail");
    approve(&server, reply.json["id"].as_str().unwrap());
    let mut back = change.clone();
    back["changeScope"] = json!("subject");
    back["acknowledgedWarnings"]
        .as_array_mut()
        .unwrap()
        .push(json!("change.reverts_approved@subject.principal.email"));
    let reply = post(&server, &back, "back");
    assert_eq!(reply.status, 201, "{}", reply.text);
}
