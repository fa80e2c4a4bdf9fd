//! A corpus of realistic filings (tests/fixtures/realistic/), shaped like those filers submit
//! through the big providers' consoles, each with the outcome a provider's reviewer gives it
//! and the source for that outcome.
//!
//! * `"expect": "accept"` — the reviewers accept it, so the rules must report no error: a
//!   false reject is the worst defect a precheck can have.
//! * `"expect": "reject"` — certainly refused: every code in `errors` must be reported as an
//!   error.
//! * `"expect": "confirm"` — reviewers usually refuse it, but the rule rests on one
//!   provider's practice or a list that changes (confidence M, docs/codes.md): no error, and
//!   every code in `warnings` is reported so the filer has to confirm it.
//! * `warnings` (optional) — codes that must be reported as warnings.
//!
//! Every file is checked and all failures are reported together. The corpus must also keep
//! its coverage: enough filings and provinces, every subject kind, certificate type and APP
//! platform, IDN domains.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use icp_filing::model::{parse_filing, CertificateType, Filing, SubjectKind};
use icp_filing::report::{Report, Severity};
use icp_filing::rules::{validate, RuleContext};
use serde_json::Value;

/// The day the corpus is validated on; certificate dates are written against it.
fn validation_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realistic")
}

const ENVELOPE_KEYS: [&str; 6] = ["about", "source", "expect", "errors", "warnings", "filing"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Accept,
    Reject,
    Confirm,
}

/// One corpus file, read and checked for shape.
struct Entry {
    name: String,
    expect: Expect,
    errors: Vec<String>,
    warnings: Vec<String>,
    filing: Filing,
}

fn string_list(value: Option<&Value>, key: &str) -> Result<Vec<String>, String> {
    match value {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .filter(|s| !s.trim().is_empty())
                    .map(str::to_owned)
                    .ok_or_else(|| format!("`{key}` holds something other than a code: {v}"))
            })
            .collect(),
        Some(other) => Err(format!("`{key}` is not a list: {other}")),
    }
}

/// Keys of `written` (the fixture) that the contract did not read, i.e. that are missing
/// from `read` (the parsed filing written back). Catches misspelt fields, which would
/// otherwise be dropped silently and leave a filing that tests nothing.
fn unread_keys(written: &Value, read: &Value, path: &str, out: &mut Vec<String>) {
    match (written, read) {
        (Value::Object(w), Value::Object(r)) => {
            for (key, value) in w {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match r.get(key) {
                    Some(back) => unread_keys(value, back, &here, out),
                    None => out.push(here),
                }
            }
        }
        (Value::Array(w), Value::Array(r)) => {
            for (i, (value, back)) in w.iter().zip(r).enumerate() {
                unread_keys(value, back, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn read_entry(path: &Path) -> Result<Entry, String> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let envelope: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let object = envelope
        .as_object()
        .ok_or("the envelope is not a JSON object")?;
    let unknown: Vec<&str> = object
        .keys()
        .map(String::as_str)
        .filter(|k| !ENVELOPE_KEYS.contains(k))
        .collect();
    if !unknown.is_empty() {
        return Err(format!("unknown envelope keys {unknown:?}"));
    }
    for key in ["about", "source"] {
        let ok = object
            .get(key)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty());
        if !ok {
            return Err(format!("`{key}` must be a non-empty one-line text"));
        }
    }
    let expect = match object.get("expect").and_then(Value::as_str) {
        Some("accept") => Expect::Accept,
        Some("reject") => Expect::Reject,
        Some("confirm") => Expect::Confirm,
        other => {
            return Err(format!(
                "`expect` must be \"accept\", \"reject\" or \"confirm\", not {other:?}"
            ))
        }
    };
    let errors = string_list(object.get("errors"), "errors")?;
    let warnings = string_list(object.get("warnings"), "warnings")?;
    match expect {
        Expect::Accept if !errors.is_empty() => {
            return Err(format!("an accepted filing lists errors {errors:?}"));
        }
        Expect::Reject if errors.is_empty() => {
            return Err("a refused filing must list the error codes it is refused for".into());
        }
        Expect::Confirm if !errors.is_empty() || warnings.is_empty() => {
            return Err("a filing to confirm lists the warnings it gets and no errors".into());
        }
        _ => {}
    }
    let written = object.get("filing").ok_or("no `filing`")?;
    let filing = parse_filing(&written.to_string())
        .map_err(|e| format!("the filing does not parse: {e}"))?;
    let read = serde_json::to_value(&filing).map_err(|e| format!("cannot write back: {e}"))?;
    let mut unread = Vec::new();
    unread_keys(written, &read, "filing", &mut unread);
    if !unread.is_empty() {
        return Err(format!("fields the contract does not know: {unread:?}"));
    }
    Ok(Entry {
        name,
        expect,
        errors,
        warnings,
        filing,
    })
}

fn describe(report: &Report) -> String {
    if report.issues.is_empty() {
        return "      (no issues)\n".into();
    }
    let mut out = String::new();
    for issue in &report.issues {
        let severity = match issue.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "      {severity} {}@{}: {}",
            issue.code, issue.path, issue.message
        );
    }
    out
}

/// What is wrong with the report for `entry`, if anything.
fn check_entry(entry: &Entry, report: &Report) -> Option<String> {
    let has = |code: &str, severity: Severity| {
        report
            .issues
            .iter()
            .any(|i| i.code == code && i.severity == severity)
    };
    let mut problems = Vec::new();
    match entry.expect {
        Expect::Accept | Expect::Confirm => {
            let errors = report.count(Severity::Error);
            if errors > 0 {
                problems.push(format!(
                    "expected accept (no error), got {errors} error(s) — a false reject"
                ));
            }
        }
        Expect::Reject => {
            let missing: Vec<&str> = entry
                .errors
                .iter()
                .map(String::as_str)
                .filter(|c| !has(c, Severity::Error))
                .collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "expected reject with error(s) {:?}; not reported as error: {missing:?}",
                    entry.errors
                ));
            }
        }
    }
    let missing: Vec<&str> = entry
        .warnings
        .iter()
        .map(String::as_str)
        .filter(|c| !has(c, Severity::Warning))
        .collect();
    if !missing.is_empty() {
        problems.push(format!("expected warning(s) not reported: {missing:?}"));
    }
    if problems.is_empty() {
        return None;
    }
    Some(format!(
        "  {}: {}\n    reported:\n{}",
        entry.name,
        problems.join("; "),
        describe(report)
    ))
}

/// The APP platform slugs of the rule data's catalogue.
fn platform_slugs() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/catalogues.json");
    let catalogues: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("data/catalogues.json"))
            .expect("catalogues JSON");
    catalogues["appPlatforms"]
        .as_array()
        .expect("appPlatforms")
        .iter()
        .map(|p| p["slug"].as_str().expect("platform slug").to_owned())
        .collect()
}

/// Coverage the corpus must keep; each shortfall is one line.
fn coverage_problems(entries: &[Entry]) -> Vec<String> {
    let mut problems = Vec::new();
    let accepted = entries
        .iter()
        .filter(|e| e.expect == Expect::Accept)
        .count();
    if entries.len() < 60 {
        problems.push(format!(
            "the corpus has {} filings; it needs at least 60",
            entries.len()
        ));
    }
    if accepted < 45 {
        problems.push(format!(
            "the corpus has {accepted} accepted filings; it needs at least 45"
        ));
    }

    let provinces: BTreeSet<&str> = entries.iter().map(|e| e.filing.province.as_str()).collect();
    if provinces.len() < 10 {
        problems.push(format!(
            "filings come from {} provinces ({provinces:?}); at least 10 are needed",
            provinces.len()
        ));
    }

    let kinds: BTreeSet<&str> = entries
        .iter()
        .filter_map(|e| e.filing.subject.kind)
        .map(SubjectKind::slug)
        .collect();
    for kind in SubjectKind::ALL {
        if !kinds.contains(kind.slug()) {
            problems.push(format!("no filing has subject kind {}", kind.slug()));
        }
    }

    let mut certificates = BTreeSet::new();
    for e in entries {
        let f = &e.filing;
        let persons = std::iter::once(&f.subject.principal)
            .chain(f.websites.iter().map(|w| &w.responsible))
            .chain(f.apps.iter().map(|a| &a.responsible));
        certificates.extend(f.subject.certificate.kind.map(CertificateType::slug));
        certificates.extend(persons.filter_map(|p| p.certificate.kind.map(CertificateType::slug)));
    }
    for ty in CertificateType::ALL {
        if !certificates.contains(ty.slug()) {
            problems.push(format!("no filing uses certificate type {}", ty.slug()));
        }
    }

    let platforms: BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| &e.filing.apps)
        .flat_map(|a| &a.platforms)
        .map(|p| p.platform.as_str())
        .collect();
    for slug in platform_slugs() {
        if !platforms.contains(slug.as_str()) {
            problems.push(format!("no APP is filed on platform {slug}"));
        }
    }

    let domains: Vec<&str> = entries
        .iter()
        .flat_map(|e| {
            let f = &e.filing;
            f.websites
                .iter()
                .flat_map(|w| &w.domains)
                .chain(f.apps.iter().flat_map(|a| &a.domains))
        })
        .map(String::as_str)
        .collect();
    if !domains.iter().any(|d| !d.is_ascii()) {
        problems.push("no filing has an IDN domain in Unicode (例子.中国)".into());
    }
    if !domains
        .iter()
        .any(|d| d.split('.').any(|label| label.starts_with("xn--")))
    {
        problems.push("no filing has an IDN domain in punycode (xn--…)".into());
    }
    problems
}

#[test]
fn realistic_filings_get_the_reviewers_outcome() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/fixtures/realistic")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();

    let ctx = RuleContext::new(validation_day());
    let mut failures = Vec::new();
    let mut entries = Vec::new();
    for path in &paths {
        match read_entry(path) {
            Ok(entry) => {
                let report = validate(&entry.filing, &ctx);
                failures.extend(check_entry(&entry, &report));
                entries.push(entry);
            }
            Err(why) => failures.push(format!(
                "  {}: malformed corpus file: {why}\n",
                path.file_name().unwrap_or_default().to_string_lossy()
            )),
        }
    }
    let coverage = coverage_problems(&entries);

    let mut message = String::new();
    if !failures.is_empty() {
        let _ = writeln!(
            message,
            "{} of {} realistic filings do not get the reviewers' outcome:\n",
            failures.len(),
            paths.len()
        );
        for failure in &failures {
            let _ = writeln!(message, "{failure}");
        }
    }
    if !coverage.is_empty() {
        let _ = writeln!(message, "the corpus lost coverage:");
        for line in &coverage {
            let _ = writeln!(message, "  {line}");
        }
    }
    assert!(message.is_empty(), "\n{message}");
}
