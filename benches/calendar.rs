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
}
