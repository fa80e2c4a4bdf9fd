//! The `icp-precheck` binary: exit codes, report on stdout, errors on stderr.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_icp-precheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("icp-precheck runs");
    // The process may exit before reading its input (e.g. an unreadable file argument).
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

const GOOD: &str = r#"{"subject":{"kind":"individual","name":"张三","certificate":{"type":"residentId","number":"11010519491231002x"}}}"#;

#[test]
fn a_good_filing_exits_0_with_an_ok_report() {
    let out = run(&["validate", "-", "--today", "2026-11-28"], GOOD);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["issues"].as_array().unwrap().len(), 0);
}

#[test]
fn a_filing_with_errors_exits_1_and_messages_follow_the_locale() {
    let bad = GOOD.replace("002x", "0021");
    let out = run(&["validate", "--locale", "en"], &bad);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["issues"][0]["code"], "id.checksum");
    assert!(report["issues"][0]["message"]
        .as_str()
        .unwrap()
        .contains("check character"));
}

#[test]
fn today_decides_whether_a_birth_date_is_in_the_future() {
    // Born 2026-12-01 (check digit computed for this number).
    let number = "110105202612010022";
    let filing = GOOD.replace("11010519491231002x", number);
    assert_eq!(
        run(&["validate", "--today", "2026-11-28"], &filing)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["validate", "--today", "2027-01-01"], &filing)
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn unreadable_input_exits_2_naming_the_line_and_column() {
    let out = run(&["validate"], "{\n  \"subject\": {\"kind\": 5}\n}");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    assert!(out.stdout.is_empty());

    let out = run(&["validate", "/no/such/file.json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.json"));

    let out = run(&["validate", "--today", "28/11/2026"], GOOD);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn codes_lists_every_code_once() {
    let out = run(&["codes"], "");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for code in [
        "required",
        "id.checksum",
        "uscc.checksum",
        "certificate.type_not_allowed",
    ] {
        assert_eq!(text.matches(&format!("| `{code}` |")).count(), 1, "{code}");
    }
}
