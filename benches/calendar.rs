//! Calendar and estimate timings (native). Run: `./dev.sh bench`.

#[path = "support/timing.rs"]
mod timing;

use std::hint::black_box;

use chrono::NaiveDate;
use icp_filing::calendar::HolidayCalendar;
use icp_filing::model::FilingType;
use icp_filing::timeline::{estimate, EstimateInput, ReviewPolicy};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn main() {
    let cal = HolidayCalendar::official();
    let dates: Vec<NaiveDate> = (0..10_000)
        .map(|i| d(2024, 1, 1) + chrono::Duration::days(i % 1096))
        .collect();
    timing::header("calendar (native)");
    timing::measure("is_working_day_value x 10,000", 9, 20, || {
        dates
            .iter()
            .filter(|date| cal.is_working_day_value(black_box(**date)).unwrap_or(false))
            .count()
    });
    timing::measure("is_working_day (with provenance) x 10,000", 9, 5, || {
        dates
            .iter()
            .filter_map(|date| cal.is_working_day(black_box(*date)).ok())
            .count()
    });
    timing::measure("add_working_days(2025-01-01, 250)", 9, 2_000, || {
        cal.add_working_days(black_box(d(2025, 1, 1)), 250)
    });
    timing::measure("working_days_between over 2025", 9, 2_000, || {
        cal.working_days_between(black_box(d(2024, 12, 31)), black_box(d(2025, 12, 31)))
    });
    let policy = ReviewPolicy::embedded();
    let input = EstimateInput::new(
        FilingType::First,
        "440000",
        d(2026, 9, 25).and_hms_opt(10, 0, 0).expect("valid time"),
    );
    timing::measure("estimate (Guangdong, 2026-09-25)", 9, 5_000, || {
        estimate(black_box(&input), policy, &cal)
    });
    match timing::input_lines("calendar-queries.tsv") {
        Some(lines) => queries(&cal, &lines),
        None => {
            println!("\n(query list skipped: run `node bench/inputs.mjs` and set ICP_BENCH_OUT)")
        }
    }
    timing::save("calendar");
}

/// One generated query: `is` a working day, or the `n`-th working day after `date`.
enum Query {
    Is(NaiveDate),
    Add(NaiveDate, u32),
}

/// What one pass over the queries answers: working days among the `is` queries and the sum
/// of the `add` results as days since 1970-01-01 (the Node side computes the same).
fn run(cal: &HolidayCalendar, queries: &[Query]) -> (u64, i64) {
    let epoch = d(1970, 1, 1);
    let (mut working, mut day_sum) = (0u64, 0i64);
    for q in queries {
        match *q {
            Query::Is(date) => {
                working += u64::from(cal.is_working_day_value(black_box(date)).unwrap_or(false));
            }
            Query::Add(date, n) => {
                if let Ok(answer) = cal.add_working_days(black_box(date), n) {
                    day_sum += (answer.value - epoch).num_days();
                }
            }
        }
    }
    (working, day_sum)
}

fn queries(cal: &HolidayCalendar, lines: &[Vec<String>]) {
    let parsed: Vec<Query> = lines
        .iter()
        .filter_map(|l| {
            let date = icp_filing::dates::parse_iso_date(l.get(1)?)?;
            match l.first()?.as_str() {
                "is" => Some(Query::Is(date)),
                "add" => Some(Query::Add(date, l.get(2)?.parse().ok()?)),
                _ => None,
            }
        })
        .collect();
    let (working, day_sum) = run(cal, &parsed);
    timing::fact("queries", parsed.len());
    timing::fact("working days among is-queries", working);
    timing::fact("sum of add results (days since 1970-01-01)", day_sum);
    timing::header(&format!(
        "calendar (native), the generated {} queries per call",
        parsed.len()
    ));
    timing::measure(
        "is_working_day_value / add_working_days, all queries",
        9,
        20,
        || run(cal, &parsed),
    );
}
