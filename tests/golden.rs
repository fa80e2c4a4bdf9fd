//! Golden reports: each fixture filing in tests/fixtures/ has the report the rules must
//! produce for it (zh-CN, today = 2026-11-28) in tests/fixtures/golden/. Regenerate after an
//! intended change with `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

use std::path::Path;

use chrono::NaiveDate;
use icp_filing::messages::Locale;
use icp_filing::model::parse_filing;
use icp_filing::rules::{validate, RuleContext};

const FIXTURES: [&str; 6] = [
    "individual-beijing",
    "enterprise-guangdong-two-websites",
    "enterprise-app-zhejiang",
    "government-sichuan",
    "individual-problems",
    "enterprise-problems",
];

#[test]
fn every_fixture_gives_its_golden_report() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for name in FIXTURES {
        let filing =
            parse_filing(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        for locale in [Locale::ZhCn, Locale::En] {
            let report = validate(&filing, &ctx.clone().with_locale(locale));
            let actual = serde_json::to_string_pretty(&report).unwrap() + "\n";
            let golden = dir.join(format!("golden/{name}.{}.json", locale.tag()));
            if update {
                std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
                std::fs::write(&golden, &actual).unwrap();
            } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(actual.as_str()) {
                mismatches.push(format!("{}\n{actual}", golden.display()));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "reports differ from golden files:\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn the_valid_fixtures_pass_and_the_problem_fixtures_do_not() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    for name in FIXTURES {
        let filing =
            parse_filing(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap())
                .unwrap();
        let report = validate(&filing, &ctx);
        let expect_ok = !name.ends_with("-problems");
        assert_eq!(report.ok, expect_ok, "{name}: {:#?}", report.issues);
    }
}
