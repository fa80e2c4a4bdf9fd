//! `validate` on the fixture filings and the identifier checks (native). Run: `./dev.sh bench`.

#[path = "support/timing.rs"]
mod timing;

use std::hint::black_box;

use chrono::NaiveDate;
use icp_filing::ident::{ResidentId, Uscc};
use icp_filing::model::parse_filing;
use icp_filing::rules::{validate, RuleContext};

/// (fixture file, label, JSON): the same list `bench/node.mjs` runs in wasm.
const FIXTURES: [(&str, &str, &str); 6] = [
    (
        "individual-beijing.json",
        "individual, Beijing",
        include_str!("../tests/fixtures/individual-beijing.json"),
    ),
    (
        "enterprise-guangdong-two-websites.json",
        "enterprise, Guangdong, two websites",
        include_str!("../tests/fixtures/enterprise-guangdong-two-websites.json"),
    ),
    (
        "enterprise-app-zhejiang.json",
        "enterprise APP, Zhejiang",
        include_str!("../tests/fixtures/enterprise-app-zhejiang.json"),
    ),
    (
        "government-sichuan.json",
        "government site, Sichuan",
        include_str!("../tests/fixtures/government-sichuan.json"),
    ),
    (
        "individual-problems.json",
        "individual with problems",
        include_str!("../tests/fixtures/individual-problems.json"),
    ),
    (
        "enterprise-problems.json",
        "enterprise with problems",
        include_str!("../tests/fixtures/enterprise-problems.json"),
    ),
];

fn main() {
    let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date"));
    timing::header("validate (native)");
    for (file, label, json) in FIXTURES {
        let filing = parse_filing(json).expect("fixture parses");
        let report = validate(&filing, &ctx);
        timing::fact(&format!("issues {file}"), report.issues.len());
        timing::measure(&format!("validate {file}: {label}"), 9, 2_000, || {
            validate(black_box(&filing), &ctx)
        });
    }
    let (file, label, json) = FIXTURES[1];
    timing::measure(
        &format!("parse + validate {file}: {label}"),
        9,
        2_000,
        || parse_filing(black_box(json)).map(|f| validate(&f, &ctx).ok),
    );

    match timing::input_lines("identifiers.tsv") {
        Some(lines) => identifiers(&lines),
        None => println!(
            "\n(identifier checks skipped: run `node bench/inputs.mjs` and set ICP_BENCH_OUT)"
        ),
    }
    timing::save("validate");
}

/// The identifier checks on the generated list (`type \t value` per line).
fn identifiers(lines: &[Vec<String>]) {
    let split = |kind: &str| -> Vec<&str> {
        lines
            .iter()
            .filter(|l| l.first().map(String::as_str) == Some(kind))
            .filter_map(|l| l.get(1).map(String::as_str))
            .collect()
    };
    let ids = split("residentId");
    let codes = split("uscc");
    let valid_ids = ids.iter().filter(|s| ResidentId::parse(s).is_ok()).count();
    let valid_codes = codes.iter().filter(|s| Uscc::parse(s).is_ok()).count();
    timing::fact("resident IDs", ids.len());
    timing::fact("resident IDs valid", valid_ids);
    timing::fact("credit codes", codes.len());
    timing::fact("credit codes valid", valid_codes);
    timing::header(&format!(
        "identifier checks (native), per whole list: {} resident IDs, {} credit codes",
        ids.len(),
        codes.len()
    ));
    timing::measure("ResidentId::parse, all resident IDs", 9, 20, || {
        ids.iter()
            .filter(|s| ResidentId::parse(black_box(s)).is_ok())
            .count()
    });
    timing::measure("Uscc::parse, all credit codes", 9, 20, || {
        codes
            .iter()
            .filter(|s| Uscc::parse(black_box(s)).is_ok())
            .count()
    });
    timing::measure("all identifiers", 9, 20, || {
        lines
            .iter()
            .filter(|l| match (l.first().map(String::as_str), l.get(1)) {
                (Some("residentId"), Some(v)) => ResidentId::parse(black_box(v)).is_ok(),
                (Some("uscc"), Some(v)) => Uscc::parse(black_box(v)).is_ok(),
                _ => false,
            })
            .count()
    });
}
