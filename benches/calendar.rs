//! Timing of the calendar and the estimate, without a benchmark framework.
//!
//! The functions are ignored tests so that they compile on stable under the default bench
//! harness and stay out of ordinary test runs. Run them optimised with:
//!
//! ```text
//! cargo test --profile release-native --bench calendar -- --ignored --nocapture --test-threads 1
//! ```
//!
//! Reference points: `estimate` under 5 µs native; `add_working_days` over a year.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use icp_filing::calendar::HolidayCalendar;
use icp_filing::model::FilingType;
use icp_filing::timeline::{estimate, EstimateInput, ReviewPolicy};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// Runs `f` `iterations` times (after a warm-up) and prints the mean time per call.
fn time<T>(label: &str, iterations: u32, mut f: impl FnMut(u32) -> T) -> Duration {
    for i in 0..iterations / 10 {
        black_box(f(i));
    }
    let start = Instant::now();
    for i in 0..iterations {
        black_box(f(i));
    }
    let per_call = start.elapsed() / iterations;
    println!("{label}: {per_call:?} per call ({iterations} calls)");
    per_call
}

#[test]
#[ignore = "timing; run with --ignored in an optimised profile"]
fn bench_is_working_day_10000_queries() {
    let cal = HolidayCalendar::official();
    let dates: Vec<NaiveDate> = (0..10_000)
        .map(|i| d(2024, 1, 1) + chrono::Duration::days(i % 1096))
        .collect();
    let start = Instant::now();
    let mut working = 0;
    for date in &dates {
        if cal.is_working_day_value(black_box(*date)).unwrap_or(false) {
            working += 1;
        }
    }
    println!(
        "is_working_day_value x 10,000: {:?} ({working} working)",
        start.elapsed()
    );
    let start = Instant::now();
    for date in &dates {
        black_box(cal.is_working_day(black_box(*date)).ok());
    }
    println!(
        "is_working_day (with provenance) x 10,000: {:?}",
        start.elapsed()
    );
}

#[test]
#[ignore = "timing; run with --ignored in an optimised profile"]
fn bench_add_working_days_over_a_year() {
    let cal = HolidayCalendar::official();
    time("add_working_days(2025-01-01, 250)", 20_000, |_| {
        cal.add_working_days(black_box(d(2025, 1, 1)), 250)
    });
    time("working_days_between over 2025", 20_000, |_| {
        cal.working_days_between(black_box(d(2024, 12, 31)), black_box(d(2025, 12, 31)))
    });
}

#[test]
#[ignore = "timing; run with --ignored in an optimised profile"]
fn bench_estimate() {
    let cal = HolidayCalendar::official();
    let policy = ReviewPolicy::default();
    let submitted = d(2026, 9, 25).and_hms_opt(10, 0, 0).expect("valid time");
    let input = EstimateInput::new(FilingType::First, "440000", submitted);
    time("estimate (Guangdong, 2026-09-25)", 50_000, |_| {
        estimate(black_box(&input), &policy, &cal)
    });
    time("HolidayCalendar::official() clone", 50_000, |_| {
        HolidayCalendar::official()
    });
}
