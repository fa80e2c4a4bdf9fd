//! Filing numbers over real HTTP and SQLite: one subject number per subject, and one growing
//! sequence of website and APP numbers under it, remembered across filings (a later filing of
//! the same subject continues it, a change filing keeps the numbers of what it keeps), and
//! kept for filings approved before the numbers were stored.

mod common;

use std::path::Path;

use common::{good_filing, Running};
use icp_receiver::review::Outcome;
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

/// Sends `filing` and steps its review to the approval; the final status.
fn approve(server: &Running, filing: &Value) -> Value {
    let reply = server.post_filing(&filing.to_string(), None);
    assert_eq!(reply.status, 201, "{}", reply.text);
    let id = reply.json["id"].as_str().unwrap().to_owned();
    let mut last = Value::Null;
    for _ in 0..7 {
        let reply = server.send(
            "POST",
            &format!("/api/filings/{id}/advance"),
            &[("content-type", "application/json")],
            Some("{}"),
        );
        assert_eq!(reply.status, 200, "{}", reply.text);
        last = reply.json;
    }
    assert_eq!(
        last["events"].as_array().unwrap().last().unwrap()["stage"],
        "resultSync"
    );
    last
}

fn numbers(status: &Value) -> Vec<(String, String)> {
    status["serviceNumbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["service"].as_str().unwrap().to_owned(),
                n["number"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The APP of the Zhejiang fixture.
fn app() -> Value {
    let filing: Value = serde_json::from_str(include_str!(
        "../../tests/fixtures/enterprise-app-zhejiang.json"
    ))
    .unwrap();
    filing["apps"][0].clone()
}

fn website(domain: &str, name: &str) -> Value {
    let mut site = good_filing()["websites"][0].clone();
    site["domains"] = json!([domain]);
    site["homepage"] = json!(format!("www.{domain}"));
    site["name"] = json!(name);
    site
}

#[test]
fn a_later_filing_of_the_same_subject_keeps_its_number_and_continues_the_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let mut first = good_filing();
    first["apps"] = json!([app()]);
    let status = approve(&server, &first);
    let subject = status["filingNumber"].as_str().unwrap().to_owned();
    assert_eq!(
        numbers(&status),
        [
            ("websites[0]".into(), format!("{subject}-1")),
            ("websites[1]".into(), format!("{subject}-2")),
            ("apps[0]".into(), format!("{subject}-3A")),
        ]
    );

    // The same company (its credit code written without the spaces) files again, not giving
    // its number: the receiver knows it.
    let mut second = good_filing();
    second["subject"]["certificate"]["number"] = json!("91440300708461136T");
    second["websites"] = json!([website("example-shop.cn", "示例科技商城官网")]);
    let status = approve(&server, &second);
    assert_eq!(status["filingNumber"], json!(subject));
    assert_eq!(
        numbers(&status),
        [("websites[0]".into(), format!("{subject}-4"))]
    );
}

#[test]
fn a_change_filing_keeps_the_numbers_of_what_it_keeps_and_numbers_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let status = approve(&server, &good_filing());
    let subject = status["filingNumber"].as_str().unwrap().to_owned();
    let before = numbers(&status);
    assert_eq!(before.len(), 2);

    // The change keeps the second website (its domain written in capitals), drops the first
    // and adds one; the first's number is not handed out again.
    let mut change = good_filing();
    change["filingType"] = json!("change");
    change["changeScope"] = json!("services");
    change["filingNumber"] = json!(subject);
    let mut kept = good_filing()["websites"][1].clone();
    let domain = kept["domains"][0].as_str().unwrap().to_uppercase();
    kept["domains"] = json!([domain]);
    kept["name"] = json!("示例科技文档官网");
    change["websites"] = json!([website("example-new.cn", "示例科技新品官网"), kept]);
    let status = approve(&server, &change);
    assert_eq!(status["filingNumber"], json!(subject));
    assert_eq!(
        numbers(&status),
        [
            ("websites[0]".into(), format!("{subject}-3")),
            ("websites[1]".into(), before[1].1.clone()),
        ]
    );
}

#[test]
fn another_subject_gets_its_own_number_starting_at_one() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let first = approve(&server, &good_filing());
    let individual: Value =
        serde_json::from_str(include_str!("../../tests/fixtures/individual-beijing.json")).unwrap();
    let other = approve(&server, &individual);
    let number = other["filingNumber"].as_str().unwrap();
    assert_ne!(first["filingNumber"].as_str().unwrap(), number);
    assert!(number.starts_with("京ICP备"), "{number}");
    assert_eq!(
        numbers(&other),
        [("websites[0]".into(), format!("{number}-1"))]
    );
}

#[test]
fn the_same_certificate_filed_in_another_province_is_another_subject() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let guangdong = approve(&server, &good_filing());
    let subject = guangdong["filingNumber"].as_str().unwrap().to_owned();
    assert!(subject.starts_with("粤ICP备"), "{subject}");

    // The same company files a website in Beijing: the Guangdong number is not its number
    // there, and the Beijing sequence starts at one.
    let mut beijing = good_filing();
    beijing["province"] = json!("110000");
    beijing["subject"]["address"] = json!({ "province": "110000", "city": "110100", "district": "110108", "detail": "中关村大街27号" });
    beijing["websites"] = json!([website("example-north.cn", "示例科技北方官网")]);
    beijing["acknowledgedWarnings"] =
        json!(["subject.certificate_province_mismatch@subject.certificate.number"]);
    let status = approve(&server, &beijing);
    let other = status["filingNumber"].as_str().unwrap().to_owned();
    assert!(other.starts_with("京ICP备"), "{other}");
    assert_eq!(
        numbers(&status),
        [("websites[0]".into(), format!("{other}-1"))]
    );

    // Back in Guangdong it still holds its number, whose sequence went on without Beijing.
    let mut again = good_filing();
    again["websites"] = json!([website("example-shop.cn", "示例科技商城官网")]);
    let status = approve(&server, &again);
    assert_eq!(status["filingNumber"], json!(subject));
    assert_eq!(
        numbers(&status),
        [("websites[0]".into(), format!("{subject}-3"))]
    );
}

#[test]
fn the_same_number_on_another_certificate_type_is_another_subject() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let individual: Value =
        serde_json::from_str(include_str!("../../tests/fixtures/individual-beijing.json")).unwrap();
    let first = approve(&server, &individual);
    let subject = first["filingNumber"].as_str().unwrap().to_owned();

    // The same digits on a residence permit are another person's certificate.
    let mut permit = individual.clone();
    permit["subject"]["certificate"]["type"] = json!("hkMacaoTaiwanResidencePermit");
    permit["subject"]["principal"]["certificate"]["type"] = json!("hkMacaoTaiwanResidencePermit");
    permit["websites"][0]["domains"] = json!(["example-permit.cn"]);
    permit["websites"][0]["homepage"] = json!("www.example-permit.cn");
    // Digits without the permit's 810000/820000/830000 prefix: confirmed by the filer.
    permit["acknowledgedWarnings"] = json!([
        "certificate.format@subject.certificate.number",
        "certificate.format@subject.principal.certificate.number"
    ]);
    let status = approve(&server, &permit);
    let other = status["filingNumber"].as_str().unwrap().to_owned();
    assert_ne!(other, subject);
    assert_eq!(
        numbers(&status),
        [("websites[0]".into(), format!("{other}-1"))]
    );

    // The resident id again: the first number, its sequence continued.
    let mut again = individual.clone();
    again["websites"][0]["domains"] = json!(["example-again.cn"]);
    again["websites"][0]["homepage"] = json!("www.example-again.cn");
    let status = approve(&server, &again);
    assert_eq!(status["filingNumber"], json!(subject));
    assert_eq!(
        numbers(&status),
        [("websites[0]".into(), format!("{subject}-2"))]
    );
}

#[test]
fn a_filing_approved_before_numbers_were_stored_keeps_the_numbers_it_showed() {
    let dir = tempfile::tempdir().unwrap();
    let mut filing = good_filing();
    filing["apps"] = json!([app()]);
    let body = filing.to_string();
    {
        // A database at schema version 3: filings, versions and events, no stored numbers.
        let conn = Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
        conn.execute_batch(
            "CREATE TABLE filings (id TEXT PRIMARY KEY, received_at TEXT NOT NULL,
                 subject_name TEXT NOT NULL, certificate_number TEXT NOT NULL, body TEXT NOT NULL);
             CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, request_sha256 TEXT NOT NULL,
                 filing_id TEXT NOT NULL REFERENCES filings(id), status INTEGER NOT NULL,
                 response TEXT NOT NULL);
             CREATE TABLE review_events (filing_id TEXT NOT NULL REFERENCES filings(id),
                 seq INTEGER NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL, at TEXT NOT NULL,
                 note TEXT, filing_number TEXT, reasons TEXT, PRIMARY KEY (filing_id, seq));
             CREATE TABLE filing_versions (filing_id TEXT NOT NULL REFERENCES filings(id),
                 version INTEGER NOT NULL, received_at TEXT NOT NULL, body TEXT NOT NULL,
                 PRIMARY KEY (filing_id, version));
             PRAGMA user_version = 3;",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO filings VALUES ('icpf_old', '2026-03-02T01:30:00.250Z', 'x', '9144 0300 7084 6113 6t', ?1)",
            [&body],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO filing_versions VALUES ('icpf_old', 1, '2026-03-02T01:30:00.250Z', ?1)",
            [&body],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO review_events VALUES
                 ('icpf_old', 1, 'providerReview', 'started', '2026-03-02T09:30:00+08:00', NULL, NULL, NULL),
                 ('icpf_old', 2, 'resultSync', 'passed', '2026-03-20T10:00:00+08:00', NULL, '粤ICP备2026000001号', NULL);",
        )
        .unwrap();
    }
    let server = demo(dir.path());
    let status = server.get("/api/filings/icpf_old/status");
    assert_eq!(status.status, 200, "{}", status.text);
    assert_eq!(
        numbers(&status.json),
        [
            ("websites[0]".into(), "粤ICP备2026000001号-1".into()),
            ("websites[1]".into(), "粤ICP备2026000001号-2".into()),
            ("apps[0]".into(), "粤ICP备2026000001号-3A".into()),
        ]
    );
    // The same company files again without giving its number: it gets the one the old
    // approval gave it (the store learnt it from the old approval), and its next website
    // continues after the numbers shown.
    let mut unnumbered = good_filing();
    unnumbered["subject"]["certificate"]["number"] = json!("91440300708461136T");
    unnumbered["websites"] = json!([website("example-docs.cn", "示例科技资料官网")]);
    let approved = approve(&server, &unnumbered);
    assert_eq!(approved["filingNumber"], "粤ICP备2026000001号");
    assert_eq!(
        numbers(&approved),
        [("websites[0]".into(), "粤ICP备2026000001号-4".into())]
    );
    // A new website filed with the number continues the same sequence.
    let mut next = good_filing();
    next["filingType"] = json!("newWebsite");
    next["filingNumber"] = json!("粤ICP备2026000001号");
    next["websites"] = json!([website("example-shop.cn", "示例科技商城官网")]);
    let approved = approve(&server, &next);
    assert_eq!(approved["filingNumber"], "粤ICP备2026000001号");
    assert_eq!(
        numbers(&approved),
        [("websites[0]".into(), "粤ICP备2026000001号-5".into())]
    );
    drop(server);
    let conn = Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, Store::SCHEMA_VERSION);
}

#[test]
fn a_proposed_subject_number_another_subject_holds_is_never_given() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let now = icp_filing::dates::parse_cst_datetime("2026-03-02T10:15:00").unwrap();
    let approve = |certificate: &str| {
        let mut filing = good_filing();
        filing["subject"]["certificate"]["number"] = json!(certificate);
        let body = filing.to_string();
        let parsed = icp_filing::model::parse_filing(&body).unwrap();
        let id = store
            .insert_filing(&parsed, body.as_bytes(), None, "2026-03-02T02:15:00.000Z")
            .unwrap()
            .id;
        let mut proposals = Vec::new();
        let mut number = None;
        for _ in 0..20 {
            let advanced = store.advance(&id, Outcome::Passed, &[], now, |_, _, attempt| {
                proposals.push(attempt);
                // Every subject is first offered the same number.
                format!("粤ICP备2026{:06}号", 100 + attempt)
            });
            match advanced {
                Ok(Some(status)) if status.filing_number.is_some() => {
                    number = status.filing_number;
                    break;
                }
                Ok(Some(_)) => {}
                other => panic!("{other:?}"),
            }
        }
        (number.expect("approved"), proposals)
    };
    let (first, first_proposals) = approve("91440300708461136T");
    let (second, second_proposals) = approve("91110108MA01A2B3C4");
    assert_eq!(first, "粤ICP备2026000100号");
    assert_eq!(first_proposals, [0]);
    assert_eq!(
        second, "粤ICP备2026000101号",
        "not the number the first subject holds"
    );
    assert_eq!(second_proposals, [0, 1]);
}

#[test]
fn a_new_access_naming_a_website_number_is_numbered_under_its_subject_number() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let mut filing: Value =
        serde_json::from_str(include_str!("../../tests/fixtures/individual-beijing.json")).unwrap();
    filing["filingType"] = json!("newAccess");
    filing["filingNumber"] = json!("京ICP备2019012345号-1");
    let status = approve(&server, &filing);
    assert_eq!(status["filingNumber"], json!("京ICP备2019012345号"));
    assert_eq!(
        numbers(&status),
        [("websites[0]".into(), "京ICP备2019012345号-1".to_owned())]
    );
}

#[test]
fn a_new_access_keeps_the_website_number_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let mut filing = good_filing();
    filing["filingType"] = json!("newAccess");
    filing["filingNumber"] = json!("粤ICP备2019012345号-3");
    let status = approve(&server, &filing);
    assert_eq!(
        numbers(&status),
        [
            ("websites[0]".into(), "粤ICP备2019012345号-3".to_owned()),
            ("websites[1]".into(), "粤ICP备2019012345号-4".to_owned()),
        ]
    );
}

#[test]
fn a_new_access_keeps_each_websites_own_number() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let mut filing = good_filing();
    filing["filingType"] = json!("newAccess");
    filing["filingNumber"] = json!("粤ICP备2019012345号");
    filing["websites"][0]["filingNumber"] = json!("粤ICP备2019012345号-5");
    filing["websites"][1]["filingNumber"] = json!(" 粤ICP备2019012345号-2 ");
    let status = approve(&server, &filing);
    assert_eq!(
        numbers(&status),
        [
            ("websites[0]".into(), "粤ICP备2019012345号-5".to_owned()),
            ("websites[1]".into(), "粤ICP备2019012345号-2".to_owned()),
        ]
    );
    // The subject's number naming one of them too gives no number twice.
    let mut filing = good_filing();
    filing["filingType"] = json!("newAccess");
    filing["filingNumber"] = json!("粤ICP备2019054321号-1");
    filing["websites"][0]["filingNumber"] = json!("粤ICP备2019054321号-1");
    let status = approve(&server, &filing);
    assert_eq!(
        numbers(&status),
        [
            ("websites[0]".into(), "粤ICP备2019054321号-1".to_owned()),
            ("websites[1]".into(), "粤ICP备2019054321号-2".to_owned()),
        ]
    );
}

#[test]
fn a_number_a_later_card_states_is_not_given_to_an_earlier_card_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let new_access = |subject: &str| {
        let mut filing = good_filing();
        filing["filingType"] = json!("newAccess");
        filing["filingNumber"] = json!(subject);
        // The filer confirmed that the websites stating no number have none to give.
        let acks = filing["acknowledgedWarnings"].as_array_mut().unwrap();
        for i in 0..2 {
            acks.push(json!(format!(
                "filing_number.service_missing@websites[{i}].filingNumber"
            )));
        }
        filing
    };
    // Website 2 holds -1: website 1, which states nothing, comes after it.
    let mut filing = new_access("粤ICP备2019000001号");
    filing["websites"][1]["filingNumber"] = json!("粤ICP备2019000001号-1");
    assert_eq!(
        numbers(&approve(&server, &filing)),
        [
            ("websites[0]".into(), "粤ICP备2019000001号-2".to_owned()),
            ("websites[1]".into(), "粤ICP备2019000001号-1".to_owned()),
        ]
    );
    // The APP holds -1A: the websites stating nothing take -2 and -3.
    let mut filing = new_access("粤ICP备2019000002号");
    filing["apps"] = json!([app()]);
    filing["apps"][0]["filingNumber"] = json!("粤ICP备2019000002号-1A");
    assert_eq!(
        numbers(&approve(&server, &filing)),
        [
            ("websites[0]".into(), "粤ICP备2019000002号-2".to_owned()),
            ("websites[1]".into(), "粤ICP备2019000002号-3".to_owned()),
            ("apps[0]".into(), "粤ICP备2019000002号-1A".to_owned()),
        ]
    );
    // The filing's own field names -2, which website 2 states too: website 1 gets -3.
    let mut filing = new_access("粤ICP备2019000003号-2");
    filing["websites"][1]["filingNumber"] = json!("粤ICP备2019000003号-2");
    assert_eq!(
        numbers(&approve(&server, &filing)),
        [
            ("websites[0]".into(), "粤ICP备2019000003号-3".to_owned()),
            ("websites[1]".into(), "粤ICP备2019000003号-2".to_owned()),
        ]
    );
}

#[test]
fn a_new_website_of_a_subject_filed_elsewhere_is_not_given_its_first_number() {
    let dir = tempfile::tempdir().unwrap();
    let server = demo(dir.path());
    let mut filing = good_filing();
    filing["filingType"] = json!("newWebsite");
    filing["filingNumber"] = json!("粤ICP备2026009447号");
    let status = approve(&server, &filing);
    assert_eq!(status["filingNumber"], json!("粤ICP备2026009447号"));
    assert_eq!(
        numbers(&status),
        [
            ("websites[0]".into(), "粤ICP备2026009447号-2".to_owned()),
            ("websites[1]".into(), "粤ICP备2026009447号-3".to_owned()),
        ]
    );
}
