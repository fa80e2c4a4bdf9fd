//! Every issue code of the catalogue (`messages::CATALOGUE`) is emitted by some filing.
//!
//! `tests/fixtures/codes/<code>.json` holds one small filing per code, in the form
//! `{"about": "<what is wrong, one line>", "today": "YYYY-MM-DD", "filing": {…}}`: a valid
//! filing with one realistic mistake, whose validation on `today` (zh-CN) reports that code.
//! A catalogue code without such a file, a file for a code the catalogue doesn't have, or a
//! file whose filing no longer reports its code fails here. A code reported against an
//! approved filing (a change that changes nothing) has the approval beside the filing:
//! `"approved": {"filingNumber": "…", "filing": {…}}`, and one that compares with the approval
//! before it too has that as `"previous": {…}` (a filing). The other fixtures
//! (`tests/fixtures/*.json`, `tests/fixtures/realistic/*.json`) are validated too, but only
//! to say in a failure message which uncovered codes they do emit.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use icp_filing::correction::{amend_reverted, Approved};
use icp_filing::messages::{Locale, CATALOGUE};
use icp_filing::model::{parse_filing, Filing};
use icp_filing::report::Report;
use icp_filing::report::Severity;
use icp_filing::rules::{validate, RuleContext};
use serde_json::Value;

/// The day fixtures without their own `today` are validated on.
fn default_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The `*.json` files directly in `dir`, sorted; none when the directory doesn't exist.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// One file of `tests/fixtures/codes/`.
struct CodeFile {
    /// The file name without `.json`: the code the filing must report.
    code: String,
    about: String,
    today: NaiveDate,
    filing: Filing,
    /// The approved filing the filing changes, for codes that compare with one.
    approved: Option<Approved>,
    /// The approval before `approved`, for codes that compare with both.
    previous: Option<Filing>,
}

impl CodeFile {
    /// The filing's report on its `today` in `locale`, compared with its approval if any.
    fn report(&self, locale: Locale) -> Report {
        let ctx = RuleContext::new(self.today).with_locale(locale);
        let mut report = validate(&self.filing, &ctx);
        if let Some(approved) = &self.approved {
            if let Some(previous) = &self.previous {
                report = amend_reverted(
                    report,
                    &approved.filing_number,
                    previous,
                    &approved.filing,
                    &self.filing,
                    locale,
                    ctx.data,
                );
            }
            report = approved.amend(report, &self.filing, locale, ctx.data);
        }
        report
    }
}

const CODE_FILE_KEYS: [&str; 5] = ["about", "today", "filing", "approved", "previous"];

/// Fields of `written` the filing contract did not read back (misspelt keys would otherwise
/// be dropped silently and leave a filing that shows nothing). Empty values are skipped:
/// the contract leaves some of them out when writing.
fn unread_keys(written: &Value, read: &Value, path: &str, out: &mut Vec<String>) {
    let empty = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    match (written, read) {
        (Value::Object(w), Value::Object(r)) => {
            for (key, value) in w {
                let here = format!("{path}.{key}");
                match r.get(key) {
                    Some(back) => unread_keys(value, back, &here, out),
                    None if empty(value) => {}
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

fn read_code_file(path: &Path) -> Result<CodeFile, String> {
    let code = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("file name is not UTF-8")?
        .to_owned();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let object = doc.as_object().ok_or("not a JSON object")?;
    let unknown: Vec<&String> = object
        .keys()
        .filter(|k| !CODE_FILE_KEYS.contains(&k.as_str()))
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "unknown keys {unknown:?} (expected {CODE_FILE_KEYS:?})"
        ));
    }
    let about = object
        .get("about")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty() && !s.contains('\n'))
        .ok_or("`about` must be a non-empty one-line text")?
        .to_owned();
    let today = object
        .get("today")
        .and_then(Value::as_str)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .ok_or("`today` must be a date, YYYY-MM-DD")?;
    let written = object.get("filing").ok_or("no `filing`")?;
    let filing = parse_filing(&written.to_string())
        .map_err(|e| format!("the filing does not parse: {e}"))?;
    let read = serde_json::to_value(&filing).map_err(|e| format!("cannot write back: {e}"))?;
    let mut unread = Vec::new();
    unread_keys(written, &read, "filing", &mut unread);
    if !unread.is_empty() {
        return Err(format!(
            "fields the filing contract does not know: {unread:?}"
        ));
    }
    let approved = match object.get("approved") {
        Some(approved) => Some(
            serde_json::from_value::<Approved>(approved.clone())
                .map_err(|e| format!("`approved` is not an approved filing: {e}"))?,
        ),
        None => None,
    };
    let previous = match object.get("previous") {
        Some(previous) => Some(
            parse_filing(&previous.to_string())
                .map_err(|e| format!("`previous` does not parse: {e}"))?,
        ),
        None => None,
    };
    Ok(CodeFile {
        code,
        about,
        today,
        filing,
        approved,
        previous,
    })
}

/// Every code file, or the problems of those that can't be read.
fn code_files() -> Vec<CodeFile> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in json_files(&fixtures_dir().join("codes")) {
        match read_code_file(&path) {
            Ok(file) => files.push(file),
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    files
}

/// `(code, severity, path)` of every issue the filing gets on `today`, in zh-CN.
fn issues(filing: &Filing, today: NaiveDate) -> Vec<(String, Severity, String)> {
    let ctx = RuleContext::new(today).with_locale(Locale::ZhCn);
    validate(filing, &ctx)
        .issues
        .into_iter()
        .map(|i| (i.code, i.severity, i.path))
        .collect()
}

fn catalogue_codes() -> BTreeSet<&'static str> {
    CATALOGUE.iter().map(|(code, ..)| *code).collect()
}

#[test]
fn every_code_file_reports_its_code() {
    let mut failures = Vec::new();
    for file in code_files() {
        let found: Vec<(String, Severity, String)> = file
            .report(Locale::ZhCn)
            .issues
            .into_iter()
            .map(|i| (i.code, i.severity, i.path))
            .collect();
        if !found.iter().any(|(code, ..)| *code == file.code) {
            let listed: Vec<String> = found
                .iter()
                .map(|(code, severity, path)| format!("{code}@{path} ({severity:?})"))
                .collect();
            failures.push(format!(
                "codes/{}.json ({}) does not report `{}`; it reports: {}",
                file.code,
                file.about,
                file.code,
                if listed.is_empty() {
                    "nothing".to_owned()
                } else {
                    listed.join(", ")
                }
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Whether `text` holds a report path such as `websites[0].name`: what a message must name
/// in words (网站 1) instead.
fn shows_a_path(text: &str) -> bool {
    ["websites[", "apps[", "subject.", "platforms["]
        .iter()
        .any(|p| text.contains(p))
}

#[test]
fn no_message_shows_a_report_path() {
    let mut leaks = Vec::new();
    for file in code_files() {
        for locale in [Locale::ZhCn, Locale::En] {
            for issue in file.report(locale).issues {
                if shows_a_path(&issue.message) {
                    leaks.push(format!("codes/{}.json: {}", file.code, issue.message));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "\n{}", leaks.join("\n"));
}

/// Codes the other fixtures report, each with the first fixture that reports it.
fn codes_of_other_fixtures() -> BTreeMap<String, String> {
    let dir = fixtures_dir();
    let mut filings: Vec<(String, Filing)> = Vec::new();
    for path in json_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if let Ok(filing) = parse_filing(&text) {
            filings.push((format!("{}", path.display()), filing));
        }
    }
    for path in json_files(&dir.join("realistic")) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let filing = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|doc| doc.get("filing").map(Value::to_string))
            .and_then(|json| parse_filing(&json).ok());
        if let Some(filing) = filing {
            filings.push((format!("{}", path.display()), filing));
        }
    }
    let mut out = BTreeMap::new();
    for (name, filing) in filings {
        for (code, ..) in issues(&filing, default_day()) {
            out.entry(code).or_insert_with(|| name.clone());
        }
    }
    out
}

#[test]
fn the_code_files_cover_the_catalogue_and_nothing_else() {
    let catalogue = catalogue_codes();
    let files: BTreeSet<String> = code_files().into_iter().map(|f| f.code).collect();
    let unknown: Vec<&String> = files
        .iter()
        .filter(|c| !catalogue.contains(c.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "tests/fixtures/codes/ has files for codes the catalogue doesn't have: {unknown:?}"
    );
    let missing: Vec<&str> = catalogue
        .iter()
        .copied()
        .filter(|c| !files.contains(*c))
        .collect();
    if !missing.is_empty() {
        let others = codes_of_other_fixtures();
        let lines: Vec<String> = missing
            .iter()
            .map(|code| match others.get(*code) {
                Some(fixture) => format!("  {code} (reported by {fixture})"),
                None => format!("  {code} (reported by no fixture at all)"),
            })
            .collect();
        panic!(
            "catalogue codes without a file tests/fixtures/codes/<code>.json:\n{}",
            lines.join("\n")
        );
    }
}
