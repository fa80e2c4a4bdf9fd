//! The `icp-precheck` binary: exit codes, report on stdout, errors on stderr, rule
//! overrides, the codes table (kept in docs/codes.md) and the estimate/calendar commands.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_icp-precheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("icp-precheck runs");
    // The process may exit before reading its input (e.g. an unreadable file argument).
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn report(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("report JSON on stdout")
}

/// Runs a command that must succeed and returns the JSON it prints.
fn run_json(args: &[&str]) -> serde_json::Value {
    let out = run(args, "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

const GOOD: &str = include_str!("fixtures/individual-beijing.json");

#[test]
fn a_good_filing_exits_0_with_an_ok_report() {
    let out = run(
        &[
            "validate",
            "tests/fixtures/individual-beijing.json",
            "--today",
            "2026-11-28",
        ],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(report(&out)["ok"], true);
    let out = run(&["validate", "-", "--today", "2026-11-28"], GOOD);
    assert_eq!(out.status.code(), Some(0));
    // Saved by an editor that writes a byte-order mark first.
    let out = run(
        &["validate", "-", "--today", "2026-11-28"],
        &format!("\u{feff}{GOOD}"),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_filing_with_problems_exits_1_and_messages_follow_the_locale() {
    let out = run(
        &[
            "validate",
            "tests/fixtures/individual-problems.json",
            "--locale",
            "en",
            "--today",
            "2026-11-28",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let r = report(&out);
    assert_eq!(r["ok"], false);
    assert_eq!(r["issues"][0]["code"], "mobile.format");
    assert!(r["issues"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("A mobile number has 11 digits"));
}

#[test]
fn today_decides_whether_a_certificate_has_expired() {
    // The fixture's certificates are valid until 2035-06-30: fine with three months left,
    // a warning with less, an error the day after.
    assert_eq!(
        run(&["validate", "--today", "2035-03-30"], GOOD)
            .status
            .code(),
        Some(0)
    );
    let out = run(&["validate", "--today", "2035-04-01"], GOOD);
    assert!(report(&out)["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["code"] == "certificate.expiring_soon"));
    let out = run(&["validate", "--today", "2035-07-01"], GOOD);
    assert_eq!(out.status.code(), Some(1));
    assert!(report(&out)["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["code"] == "certificate.expired"));
}

#[test]
fn a_rules_override_changes_the_outcome_and_names_its_version() {
    let filing = GOOD.replace("zhangwei-notes.cn", "zhangwei.io");
    let out = run(&["validate", "--today", "2026-11-28"], &filing);
    assert_eq!(out.status.code(), Some(1));
    let dir = tempfile_dir();
    let override_path = dir.join("override.json");
    std::fs::write(&override_path, r#"{"version": "provider-7", "tlds": {"fileable": {"add": [{"source": "provider list", "confidence": "M", "tlds": ["io"]}]}}}"#).unwrap();
    let out = run(
        &[
            "validate",
            "--today",
            "2026-11-28",
            "--rules",
            override_path.to_str().unwrap(),
        ],
        &filing,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report(&out)["rulesetVersion"]
        .as_str()
        .unwrap()
        .ends_with("+provider-7"));
    std::fs::write(
        &override_path,
        r#"{"version": "x", "provinces": [{"code": "990000"}]}"#,
    )
    .unwrap();
    let out = run(
        &["validate", "--rules", override_path.to_str().unwrap()],
        GOOD,
    );
    assert_eq!(out.status.code(), Some(2));
}

/// A folder for the tests' input files, under the target directory (so nothing is left in the
/// system's temporary folder).
fn tempfile_dir() -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("icp-precheck-test");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn unreadable_input_exits_2_naming_the_field_line_and_column() {
    let out = run(&["validate"], "{\n  \"subject\": {\"kind\": 5}\n}");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("subject.kind (line 2, column"), "{err}");
    assert!(out.stdout.is_empty());
    // In the contract's terms, and without the usage, which belongs to a bad command line.
    let out = run(&["validate"], r#"{"websites": [{"responsible": "x"}]}"#);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("websites[0].responsible (line 1, column 33): invalid type: string \"x\", expected an object"),
        "{err}"
    );
    assert!(!err.contains("usage:"), "{err}");
    let out = run(&["vaildate"], GOOD);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown command vaildate") && err.contains("usage:"),
        "{err}"
    );
    let out = run(&["validate", "/no/such/file.json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.json"));
    assert_eq!(run(&["validate"], "[]").status.code(), Some(2));
    assert_eq!(
        run(&["validate", "--today", "28/11/2026"], GOOD)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn the_codes_table_is_documented_in_docs_codes_md() {
    let out = run(&["codes"], "");
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/codes.md"))
        .unwrap();
    assert!(
        doc.contains(&table),
        "docs/codes.md is out of date: regenerate it with `icp-precheck codes`"
    );
    for code in [
        "required",
        "id.checksum",
        "uscc.checksum",
        "domain.tld_not_fileable",
        "person.contact_reused",
    ] {
        assert_eq!(table.matches(&format!("| `{code}` |")).count(), 1, "{code}");
    }
}

/// A first filing in Zhejiang submitted on 2026-02-12, 10:00.
const ZHEJIANG_FIRST_FILING: [&str; 7] = [
    "estimate",
    "--filing-type",
    "first",
    "--province",
    "330000",
    "--submitted",
    "2026-02-12T10:00:00+08:00",
];

#[test]
fn estimate_prints_the_timeline_as_json_or_text() {
    let estimate = run_json(&ZHEJIANG_FIRST_FILING);
    assert_eq!(estimate["likelyCompletion"], "2026-03-02");
    assert_eq!(estimate["lateCompletion"], "2026-04-14");
    let out = run(
        &[
            "estimate",
            "--filing-type",
            "first",
            "--province",
            "440000",
            "--submitted",
            "2026-09-25 10:00",
            "--locale",
            "en",
            "--text",
        ],
        "",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("likely completion: 2026-10-14"), "{text}");
    let bad = [
        "estimate",
        "--filing-type",
        "later",
        "--province",
        "440000",
        "--submitted",
        "x",
    ];
    assert_eq!(run(&bad, "").status.code(), Some(2));
    let missing = [
        "estimate",
        "--province",
        "440000",
        "--submitted",
        "2026-09-25 10:00",
    ];
    assert_eq!(run(&missing, "").status.code(), Some(2));
}

#[test]
fn estimate_uses_the_review_policy_of_the_rules_file() {
    let dir = tempfile_dir();
    let override_path = dir.join("sla-override.json");
    std::fs::write(
        &override_path,
        r#"{"version": "sla-1", "reviewPolicy": {"stages": {"providerReview": {"max": {"days": 6, "source": "acme SLA"}}}}}"#,
    )
    .unwrap();
    let compiled = run(&["rules", "compile", override_path.to_str().unwrap()], "");
    assert_eq!(compiled.status.code(), Some(0));
    let compiled_path = dir.join("sla-override.txt");
    std::fs::write(&compiled_path, &compiled.stdout).unwrap();
    let policy_path = dir.join("sla-policy.json");
    std::fs::write(
        &policy_path,
        r#"{"stages": {"providerReview": {"max": {"days": 8}}}}"#,
    )
    .unwrap();

    let provider_max = |extra: &[&str]| {
        let args = [&ZHEJIANG_FIRST_FILING[..], extra].concat();
        let estimate = run_json(&args);
        let max = &estimate["stages"][0]["workingDays"]["max"];
        (
            max["days"].as_u64().unwrap(),
            max["source"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(provider_max(&[]).0, 2);
    let sla = (6, "acme SLA".to_owned());
    assert_eq!(
        provider_max(&["--rules", override_path.to_str().unwrap()]),
        sla
    );
    assert_eq!(
        provider_max(&["--rules", compiled_path.to_str().unwrap()]),
        sla
    );
    assert_eq!(
        provider_max(&[
            "--rules",
            compiled_path.to_str().unwrap(),
            "--policy",
            policy_path.to_str().unwrap()
        ]),
        (8, "provider override".to_owned()),
        "--policy applies over the rules' policy"
    );
}

#[test]
fn estimate_with_events_adds_the_progress() {
    let dir = tempfile_dir();
    let events = dir.join("events.json");
    std::fs::write(
        &events,
        r#"[{"stage": "providerReview", "status": "passed", "at": "2026-09-28T15:00:00+08:00"},
            {"stage": "bureauReview", "status": "started", "at": "2026-09-30T09:00:00+08:00"}]"#,
    )
    .unwrap();
    let events = events.to_str().unwrap();
    let args = [
        "estimate",
        "--filing-type",
        "first",
        "--province",
        "440000",
        "--submitted",
        "2026-09-25T10:00:00+08:00",
        "--events",
        events,
        "--now",
        "2026-10-12T10:00:00+08:00",
    ];
    let v = run_json(&args);
    assert_eq!(v["estimate"]["likelyCompletion"], "2026-10-14");
    assert_eq!(v["progress"]["currentStage"], "bureauReview");
    std::fs::write(dir.join("bad.json"), "[{]").unwrap();
    let bad = dir.join("bad.json");
    let args = [
        "estimate",
        "--filing-type",
        "first",
        "--province",
        "440000",
        "--submitted",
        "2026-09-25 10:00",
        "--events",
        bad.to_str().unwrap(),
    ];
    assert_eq!(run(&args, "").status.code(), Some(2));
}

#[test]
fn calendar_commands_answer_one_line_each() {
    let text = |out: Output| String::from_utf8(out.stdout).unwrap();
    let out = run(
        &[
            "calendar",
            "is-workday",
            "2026-02-14",
            "2026-02-15",
            "2026-10-08",
            "2027-05-01",
        ],
        "",
    );
    assert_eq!(
        text(out),
        "2026-02-14 workday\n2026-02-15 off\n2026-10-08 workday\n2027-05-01 off provisional\n"
    );
    assert_eq!(
        text(run(
            &["calendar", "between", "2026-09-30", "2026-10-12"],
            ""
        )),
        "4\n"
    );
    assert_eq!(
        text(run(&["calendar", "add", "2026-02-13", "1"], "")),
        "2026-02-14\n"
    );
    // 2027 has no official schedule yet: 1–2 May are the only fixed days off, so the answer
    // is Monday 3 May, marked provisional.
    assert_eq!(
        text(run(&["calendar", "add", "2027-04-30", "1"], "")),
        "2027-05-03 provisional\n"
    );
    assert_eq!(
        run(&["calendar", "add", "2026-02-13", "0"], "")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["calendar", "is-workday", "2026-13-01"], "")
            .status
            .code(),
        Some(2)
    );
}
