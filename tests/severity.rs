//! The severity policy (docs/codes.md): an error only where the rule is certain. Each
//! catalogue entry names its basis in brackets at the end of its source; only `standard`,
//! `contract`, `form` and `H` may be errors, and `data` codes take their severity from rule
//! data that may only say "error" on a confidence-H source.

use std::path::Path;

use chrono::NaiveDate;
use icp_filing::messages::CATALOGUE;
use icp_filing::model::{parse_filing, Filing};
use icp_filing::report::Severity;
use icp_filing::ruledata::{Confidence, RuleData};
use icp_filing::rules::{validate, RuleContext};
use serde_json::Value;

const CERTAIN: [&str; 4] = ["standard", "contract", "form", "H"];

/// The basis written at the end of a catalogue source: `"§4.1 (standard)"` → `standard`.
fn basis(source: &str) -> Option<&str> {
    source.strip_suffix(')')?.rsplit_once('(').map(|(_, b)| b)
}

fn catalogue_entry(code: &str) -> (&'static str, &'static str) {
    CATALOGUE
        .iter()
        .find(|c| c.0 == code)
        .map(|c| (c.1, basis(c.4).unwrap_or("")))
        .unwrap_or_else(|| panic!("{code} is not in the catalogue"))
}

#[test]
fn every_code_names_its_basis_and_errors_rest_on_certain_ones() {
    let mut wrong = Vec::new();
    for (code, severity, _, _, source) in CATALOGUE {
        match basis(source) {
            Some(b) if CERTAIN.contains(&b) || b == "data" => {}
            Some("M" | "L") if *severity == "warning" => {}
            other => wrong.push(format!(
                "{code} ({severity}): basis {other:?} in {source:?}"
            )),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Every filing the test suite holds: the fixtures, and the `filing` of each envelope in
/// the realistic corpus and the per-code files.
fn all_fixture_filings() -> Vec<(String, Filing)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("realistic"), root.join("codes")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let text = std::fs::read_to_string(&path).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            let filing = match value.get("filing") {
                Some(filing) => filing.to_string(),
                None => text,
            };
            let filing = parse_filing(&filing).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            out.push((path.display().to_string(), filing));
        }
    }
    out
}

#[test]
fn the_rules_emit_each_code_at_a_severity_its_basis_allows() {
    let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap());
    let filings = all_fixture_filings();
    assert!(filings.len() >= 6);
    let mut wrong = Vec::new();
    for (name, filing) in &filings {
        let report = validate(filing, &ctx);
        let mut keys: Vec<String> = report
            .issues
            .iter()
            .map(|i| i.acknowledgement_key())
            .collect();
        keys.sort();
        keys.dedup();
        if keys.len() != report.issues.len() {
            wrong.push(format!(
                "{name}: two issues share a code@path key, one confirmation for both"
            ));
        }
        for issue in report.issues {
            let (severity, basis) = catalogue_entry(&issue.code);
            let error = issue.severity == Severity::Error;
            let fixed = basis != "data";
            if (error && !CERTAIN.contains(&basis) && basis != "data")
                || (fixed && error != (severity == "error"))
            {
                wrong.push(format!(
                    "{name}: {}@{} emitted as {:?}; the catalogue says {severity} ({basis})",
                    issue.code, issue.path, issue.severity
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn rule_data_marks_errors_only_on_confidence_h_sources() {
    let data = RuleData::embedded();
    for (name, list) in data.words().lists() {
        if list.severity == Severity::Error {
            assert_eq!(list.confidence, Confidence::H, "words.{name}");
        }
    }
    let tlds = data.tlds();
    for group in tlds.not_fileable.iter().chain([&tlds.government_only]) {
        assert_eq!(
            group.severity() == Severity::Error,
            group.confidence == Confidence::H,
            "{}",
            group.source
        );
    }
    // Province rules are always warnings; two national figures are errors, both stated by
    // confidence-H sources (docs/codes.md, "data").
    let json: Value =
        serde_json::from_str(include_str!("../data/provinces.json")).expect("provinces.json");
    let mut errors = Vec::new();
    collect_errors(&json["provinces"], "provinces", &mut errors);
    assert!(
        errors.is_empty(),
        "province rules marked as errors: {errors:?}"
    );
    collect_errors(&json["national"], "national", &mut errors);
    assert_eq!(
        errors,
        [
            "national.absoluteMinimumAge",
            "national.websiteNameMinChars"
        ]
    );
}

fn collect_errors(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if map.get("severity").and_then(Value::as_str) == Some("error") {
                out.push(at.to_owned());
            }
            for (key, v) in map {
                collect_errors(v, &format!("{at}.{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_errors(v, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn an_override_cannot_make_an_inferred_rule_an_error() {
    let data = RuleData::embedded();
    let province_error = r#"{"version": "t", "provinces": [{"code": "110000",
        "localMobileRequired": {"value": true, "source": "test", "severity": "error"}}]}"#;
    assert!(data.with_override(province_error).is_err());
    let word_error = r#"{"version": "t", "words": {"appNameGeneric": {"severity": "error"}}}"#;
    assert!(data.with_override(word_error).is_err());
    let word_h = r#"{"version": "t", "words": {"appNameGeneric": {"severity": "error", "confidence": "H"}}}"#;
    assert!(data.with_override(word_h).is_ok());
}
