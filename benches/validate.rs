//! `validate` on the fixture filings (native). Run: `./dev.sh bench`.

#[path = "support/timing.rs"]
mod timing;

use std::hint::black_box;

use chrono::NaiveDate;
use icp_filing::model::parse_filing;
use icp_filing::rules::{validate, RuleContext};

const FIXTURES: [(&str, &str); 4] = [
    (
        "individual, Beijing",
        include_str!("../tests/fixtures/individual-beijing.json"),
    ),
    (
        "enterprise, Guangdong, two websites",
        include_str!("../tests/fixtures/enterprise-guangdong-two-websites.json"),
    ),
    (
        "enterprise APP, Zhejiang",
        include_str!("../tests/fixtures/enterprise-app-zhejiang.json"),
    ),
    (
        "government site, Sichuan",
        include_str!("../tests/fixtures/government-sichuan.json"),
    ),
];

fn main() {
    let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date"));
    timing::header("validate (native)");
    for (label, json) in FIXTURES {
        let filing = parse_filing(json).expect("fixture parses");
        timing::measure(label, 9, 2_000, || validate(black_box(&filing), &ctx));
    }
    let (label, json) = FIXTURES[1];
    timing::measure(&format!("parse + validate: {label}"), 9, 2_000, || {
        parse_filing(black_box(json)).map(|f| validate(&f, &ctx).ok)
    });
}
