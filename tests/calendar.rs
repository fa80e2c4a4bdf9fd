//! Working-day calendar: real 2024–2026 dates, the provisional rule, data validation, run-time
//! injection and properties over 1900–2200.

use chrono::{Datelike, NaiveDate, Weekday};
use icp_filing::calendar::{
    Answer, CalendarError, DayKind, HolidayCalendar, HolidayYear, FIRST_DATE, LAST_DATE,
};
use proptest::prelude::*;

const FILES: [(i32, &str); 3] = [
    (2024, include_str!("../data/holidays/2024.json")),
    (2025, include_str!("../data/holidays/2025.json")),
    (2026, include_str!("../data/holidays/2026.json")),
];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn cal() -> HolidayCalendar {
    HolidayCalendar::official()
}

/// The rule of docs/sources.md §9, computed straight from the JSON with serde_json (independent of
/// the calendar's own parsing): listed dates follow `isOffDay`, others Mon–Fri.
fn expected_from_files() -> std::collections::BTreeMap<NaiveDate, bool> {
    let mut listed = std::collections::BTreeMap::new();
    for (_, json) in FILES {
        let value: serde_json::Value = serde_json::from_str(json).expect("test data is JSON");
        for day in value["days"].as_array().expect("days array") {
            let date = NaiveDate::parse_from_str(day["date"].as_str().expect("date"), "%Y-%m-%d")
                .expect("date format");
            let off = day["isOffDay"].as_bool().expect("isOffDay");
            listed.insert(date, !off);
        }
    }
    listed
}

fn weekday_rule(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[test]
fn every_day_of_2024_to_2026_matches_the_data_files() {
    let cal = cal();
    let listed = expected_from_files();
    let mut date = d(2024, 1, 1);
    let mut checked = 0;
    while date <= d(2026, 12, 31) {
        let expected = listed
            .get(&date)
            .copied()
            .unwrap_or_else(|| weekday_rule(date));
        let answer = cal.is_working_day(date).expect("in range");
        assert_eq!(answer.value, expected, "{date}");
        // Only the last week of December 2026 depends on the (missing) 2027 notice.
        let late_december_2026 = date >= d(2026, 12, 24);
        assert_eq!(
            answer.provenance.provisional, late_december_2026,
            "{date} provisional flag"
        );
        checked += 1;
        date = date.succ_opt().expect("next day");
    }
    assert_eq!(checked, 366 + 365 + 365);
}

#[test]
fn named_days_around_spring_festival_and_national_day() {
    let cal = cal();
    // (date, working?, why)
    let table = [
        (d(2024, 2, 4), true, "Sunday, Spring Festival make-up day"),
        (
            d(2024, 2, 10),
            false,
            "Spring Festival 2024 starts (Saturday)",
        ),
        (d(2024, 2, 16), false, "Friday inside Spring Festival 2024"),
        (d(2024, 2, 18), true, "Sunday, Spring Festival make-up day"),
        (d(2024, 4, 7), true, "Sunday, Qingming make-up day"),
        (d(2024, 9, 14), true, "Saturday, Mid-Autumn make-up day"),
        (d(2024, 10, 7), false, "Monday, National Day 2024"),
        (d(2024, 10, 12), true, "Saturday, National Day make-up day"),
        (d(2025, 1, 1), false, "New Year's Day 2025"),
        (d(2025, 1, 26), true, "Sunday, Spring Festival make-up day"),
        (
            d(2025, 1, 28),
            false,
            "New Year's Eve 2025 (first year it is a holiday)",
        ),
        (
            d(2025, 2, 4),
            false,
            "Tuesday, last day of Spring Festival 2025",
        ),
        (d(2025, 2, 8), true, "Saturday, Spring Festival make-up day"),
        (d(2025, 4, 27), true, "Sunday, Labour Day make-up day"),
        (d(2025, 9, 28), true, "Sunday, National Day make-up day"),
        (
            d(2025, 10, 8),
            false,
            "Wednesday, National Day + Mid-Autumn 2025",
        ),
        (d(2025, 10, 11), true, "Saturday, National Day make-up day"),
        (d(2026, 1, 2), false, "Friday, New Year 2026"),
        (d(2026, 1, 4), true, "Sunday, New Year make-up day"),
        (d(2026, 2, 13), true, "Friday before Spring Festival 2026"),
        (
            d(2026, 2, 14),
            true,
            "Saturday, Spring Festival make-up day",
        ),
        (d(2026, 2, 15), false, "Sunday, Spring Festival 2026 starts"),
        (d(2026, 2, 16), false, "Monday, Spring Festival 2026"),
        (
            d(2026, 2, 23),
            false,
            "Monday, last day of Spring Festival 2026",
        ),
        (d(2026, 2, 24), true, "Tuesday after Spring Festival 2026"),
        (
            d(2026, 2, 28),
            true,
            "Saturday, Spring Festival make-up day",
        ),
        (d(2026, 3, 2), true, "ordinary Monday"),
        (d(2026, 3, 7), false, "ordinary Saturday"),
        (d(2026, 5, 5), false, "Tuesday, Labour Day 2026"),
        (d(2026, 5, 9), true, "Saturday, Labour Day make-up day"),
        (d(2026, 9, 20), true, "Sunday, National Day make-up day"),
        (d(2026, 9, 25), false, "Friday, Mid-Autumn 2026"),
        (
            d(2026, 9, 28),
            true,
            "Monday between Mid-Autumn and National Day",
        ),
        (d(2026, 10, 1), false, "National Day 2026"),
        (d(2026, 10, 2), false, "National Day 2026"),
        (d(2026, 10, 3), false, "National Day 2026"),
        (d(2026, 10, 4), false, "National Day 2026"),
        (d(2026, 10, 5), false, "National Day 2026"),
        (d(2026, 10, 6), false, "National Day 2026"),
        (d(2026, 10, 7), false, "National Day 2026"),
        (d(2026, 10, 8), true, "Thursday after National Day 2026"),
        (d(2026, 10, 10), true, "Saturday, National Day make-up day"),
    ];
    for (date, working, why) in table {
        let answer = cal.is_working_day(date).expect("in range");
        assert_eq!(answer.value, working, "{date}: {why}");
        assert!(!answer.provenance.provisional, "{date} is official");
        assert_eq!(cal.is_working_day_value(date), Ok(working), "{date}");
    }
}

#[test]
fn day_info_names_the_holiday_and_the_kind() {
    let cal = cal();
    let info = cal.day_info(d(2026, 2, 14)).expect("in range").value;
    assert_eq!(
        (info.working, info.kind, info.name.as_deref()),
        (true, DayKind::AdjustedWorkday, Some("春节"))
    );
    let info = cal.day_info(d(2026, 10, 1)).expect("in range").value;
    assert_eq!(
        (info.working, info.kind, info.name.as_deref()),
        (false, DayKind::Holiday, Some("国庆节"))
    );
    let info = cal.day_info(d(2026, 3, 7)).expect("in range").value;
    assert_eq!(
        (info.working, info.kind, info.name),
        (false, DayKind::Weekend, None)
    );
    let info = cal.day_info(d(2026, 3, 9)).expect("in range").value;
    assert_eq!((info.working, info.kind), (true, DayKind::Workday));
    let info = cal.day_info(d(2027, 10, 1)).expect("in range");
    assert_eq!(info.value.kind, DayKind::ProvisionalHoliday);
    assert_eq!(info.value.name.as_deref(), Some("国庆节"));
    assert!(info.provenance.provisional);
}

#[test]
fn add_working_days_across_spring_festival_and_national_day() {
    let cal = cal();
    let table = [
        (d(2026, 2, 13), 1, d(2026, 2, 14)), // the make-up Saturday counts
        (d(2026, 2, 13), 2, d(2026, 2, 24)), // then nine days off
        (d(2026, 2, 12), 5, d(2026, 2, 26)), // 13, 14, 24, 25, 26
        (d(2026, 2, 15), 1, d(2026, 2, 24)), // from inside the holiday
        (d(2026, 2, 27), 1, d(2026, 2, 28)), // Friday → make-up Saturday
        (d(2026, 9, 24), 1, d(2026, 9, 28)), // Mid-Autumn Fri–Sun
        (d(2026, 9, 30), 1, d(2026, 10, 8)),
        (d(2026, 9, 30), 3, d(2026, 10, 10)), // 8, 9, 10 (make-up Saturday)
        (d(2026, 9, 30), 4, d(2026, 10, 12)),
        (d(2025, 1, 24), 1, d(2025, 1, 26)), // Friday → make-up Sunday
        (d(2025, 1, 27), 1, d(2025, 2, 5)),
        (d(2024, 12, 31), 1, d(2025, 1, 2)), // across the year and New Year's Day
        (d(2026, 10, 1), 0, d(2026, 10, 1)), // n = 0 is the date itself, even a holiday
    ];
    for (from, n, expected) in table {
        let answer = cal.add_working_days(from, n).expect("in range");
        assert_eq!(answer.value, expected, "{from} + {n}");
        assert!(!answer.provenance.provisional, "{from} + {n}");
    }
    assert_eq!(
        cal.next_working_day(d(2026, 10, 1)).expect("ok").value,
        d(2026, 10, 8)
    );
    assert_eq!(
        cal.next_working_day(d(2026, 2, 13)).expect("ok").value,
        d(2026, 2, 14)
    );
    let across = cal.add_working_days(d(2024, 12, 31), 1).expect("ok");
    assert_eq!(across.provenance.years, vec![2025]);
}

#[test]
fn working_days_between_counts_after_a_up_to_b() {
    let cal = cal();
    let table = [
        (d(2026, 2, 13), d(2026, 2, 24), 2),
        (d(2026, 2, 13), d(2026, 2, 13), 0),
        (d(2026, 2, 24), d(2026, 2, 13), 0), // b before a
        (d(2026, 9, 30), d(2026, 10, 12), 4),
        (d(2026, 9, 24), d(2026, 9, 28), 1),
        (d(2026, 3, 6), d(2026, 3, 9), 1), // Fri → Mon
        (d(2026, 3, 2), d(2026, 3, 6), 4), // Mon → Fri: Mon itself not counted
    ];
    for (a, b, expected) in table {
        assert_eq!(
            cal.working_days_between(a, b).expect("in range").value,
            expected,
            "({a}, {b}]"
        );
    }
    // Whole years, against the independent reading of the files.
    let listed = expected_from_files();
    for year in [2024, 2025, 2026] {
        let mut expected = 0;
        let mut date = d(year, 1, 1);
        while date.year() == year {
            if listed
                .get(&date)
                .copied()
                .unwrap_or_else(|| weekday_rule(date))
            {
                expected += 1;
            }
            date = date.succ_opt().expect("next day");
        }
        let answer = cal
            .working_days_between(d(year - 1, 12, 31), d(year, 12, 31))
            .expect("ok");
        assert_eq!(answer.value, expected, "{year}");
    }
}

#[test]
fn add_and_between_round_trip_over_the_official_years() {
    let cal = cal();
    let mut a = d(2024, 1, 1);
    while a <= d(2026, 10, 31) {
        for n in [1, 2, 5, 10, 20, 30] {
            let b = cal.add_working_days(a, n).expect("in range").value;
            assert_eq!(
                cal.working_days_between(a, b).expect("ok").value,
                n,
                "{a} + {n} = {b}"
            );
            assert!(
                cal.is_working_day_value(b).expect("ok"),
                "{b} is a working day"
            );
            // b is the first date after a with n working days.
            let before = b.pred_opt().expect("previous day");
            assert_eq!(
                cal.working_days_between(a, before).expect("ok").value,
                n - 1
            );
        }
        a = a.succ_opt().expect("next day");
    }
}

#[test]
fn years_without_a_notice_are_provisional() {
    let cal = cal();
    let answer = cal.is_working_day(d(2027, 3, 1)).expect("in range");
    assert!(answer.value);
    assert_eq!(answer.provenance.years, vec![2027]);
    assert_eq!(answer.provenance.provisional_years, vec![2027]);
    assert!(answer.provenance.provisional);
    // Fixed-date statutory days are off; weekends are off; no make-up days are invented.
    for (date, working) in [
        (d(2027, 1, 1), false),  // Friday, 元旦
        (d(2027, 5, 3), true),   // Monday: only 1–2 May are fixed
        (d(2027, 10, 1), false), // Friday, 国庆节
        (d(2027, 10, 4), true),  // Monday: only 1–3 October are fixed
        (d(2027, 10, 9), false), // Saturday
        (d(2023, 10, 2), false), // Monday, 2023 provisional too
        (d(2023, 1, 2), true),   // (officially a day off in 2023: provisional means approximate)
    ] {
        let answer = cal.is_working_day(date).expect("in range");
        assert_eq!(answer.value, working, "{date}");
        assert!(answer.provenance.provisional, "{date}");
    }
    // An official year stays official; late December waits for the next notice.
    assert!(
        !cal.is_working_day(d(2026, 6, 1))
            .expect("ok")
            .provenance
            .provisional
    );
    let december = cal.is_working_day(d(2026, 12, 28)).expect("ok");
    assert_eq!(december.provenance.years, vec![2026, 2027]);
    assert_eq!(december.provenance.provisional_years, vec![2027]);
    // A count that crosses into 2027 says so.
    let across = cal.add_working_days(d(2026, 12, 30), 2).expect("ok");
    assert_eq!(across.value, d(2027, 1, 4)); // 31 Dec, (1 Jan off), 4 Jan
    assert_eq!(across.provenance.years, vec![2026, 2027]);
    assert!(across.provenance.provisional);
    assert!(cal.is_provisional_year(2027));
    assert!(!cal.is_provisional_year(2026));
}

const FAKE_2027: &str = r#"{
  "year": 2027,
  "papers": ["https://example.invalid/2027-notice"],
  "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
    {"name": "春节", "date": "2027-02-05", "isOffDay": true},
    {"name": "春节", "date": "2027-02-06", "isOffDay": true},
    {"name": "春节", "date": "2027-02-07", "isOffDay": true},
    {"name": "春节", "date": "2027-02-08", "isOffDay": true},
    {"name": "春节", "date": "2027-02-09", "isOffDay": true},
    {"name": "春节", "date": "2027-02-10", "isOffDay": true},
    {"name": "春节", "date": "2027-02-11", "isOffDay": true},
    {"name": "春节", "date": "2027-02-20", "isOffDay": false}
  ]
}"#;

#[test]
fn injected_2027_data_replace_the_provisional_year() {
    let mut cal = cal();
    // Provisionally only the statutory days are off: 除夕 to 初三, not the days the notice adds.
    assert!(!cal.is_working_day(d(2027, 2, 8)).expect("ok").value);
    assert!(
        cal.is_working_day(d(2027, 2, 10)).expect("ok").value,
        "provisional: the notice's extra days are not guessed"
    );
    assert_eq!(cal.add_year_data(FAKE_2027), Ok(2027));
    assert_eq!(cal.official_years(), vec![2024, 2025, 2026, 2027]);
    let answer = cal.is_working_day(d(2027, 2, 8)).expect("ok");
    assert!(!answer.value);
    assert!(!answer.provenance.provisional);
    assert!(
        cal.is_working_day(d(2027, 2, 20)).expect("ok").value,
        "make-up Saturday"
    );
    // A 2027 weekday not listed follows Mon–Fri; the fixed-date rule no longer applies.
    assert!(cal.is_working_day(d(2027, 10, 1)).expect("ok").value);
    // Late December 2026 now depends on official data only.
    assert!(
        !cal.is_working_day(d(2026, 12, 28))
            .expect("ok")
            .provenance
            .provisional
    );
    assert_eq!(
        cal.next_working_day(d(2027, 2, 4)).expect("ok").value,
        d(2027, 2, 12)
    );
    // Builder form; the embedded calendar itself is unchanged.
    let built = HolidayCalendar::official()
        .with_year_data(FAKE_2027)
        .expect("valid");
    assert_eq!(built, cal);
    assert!(HolidayCalendar::official().is_provisional_year(2027));
}

fn year_json(year: i32, days: &[(&str, bool)]) -> String {
    let days: Vec<String> = days
        .iter()
        .map(|(date, off)| format!(r#"{{"name": "x", "date": "{date}", "isOffDay": {off}}}"#))
        .collect();
    format!(
        r#"{{"year": {year}, "papers": [], "days": [{}]}}"#,
        days.join(",")
    )
}

#[test]
fn bad_holiday_data_is_refused_with_the_reason() {
    let malformed = |json: &str, needle: &str| match HolidayYear::from_json(json) {
        Err(CalendarError::Malformed { message }) => {
            assert!(
                message.contains(needle),
                "{message:?} should mention {needle:?}"
            )
        }
        other => panic!("{json}: expected Malformed, got {other:?}"),
    };
    malformed("not json", "expected");
    malformed(r#"{"year": 2027, "papers": []}"#, "days");
    malformed(
        r#"{"year": 2027, "days": [{"name": "x", "date": "2027-01-01", "isOffDay": "yes"}]}"#,
        "invalid type",
    );
    malformed(r#"{"year": "2027", "days": []}"#, "invalid type");

    let cases: Vec<(String, CalendarError)> = vec![
        (
            year_json(1800, &[("1800-01-01", true)]),
            CalendarError::YearOutOfRange { year: 1800 },
        ),
        (
            year_json(2027, &[("2027-2-1", true)]),
            CalendarError::BadDate {
                year: 2027,
                value: "2027-2-1".into(),
            },
        ),
        (
            year_json(2027, &[("2027-02-30", true)]),
            CalendarError::BadDate {
                year: 2027,
                value: "2027-02-30".into(),
            },
        ),
        (
            year_json(2027, &[("2025-06-01", true)]),
            CalendarError::DateOutsideYear {
                year: 2027,
                date: d(2025, 6, 1),
            },
        ),
        (
            year_json(2027, &[("2026-11-30", false)]),
            CalendarError::DateOutsideYear {
                year: 2027,
                date: d(2026, 11, 30),
            },
        ),
        (
            year_json(2027, &[("2027-05-01", true), ("2027-05-01", false)]),
            CalendarError::Conflict {
                year: 2027,
                date: d(2027, 5, 1),
            },
        ),
        (
            year_json(2027, &[]),
            CalendarError::NotPublished { year: 2027 },
        ),
    ];
    for (json, expected) in cases {
        assert_eq!(
            HolidayYear::from_json(&json),
            Err(expected.clone()),
            "{json}"
        );
        let mut cal = cal();
        assert_eq!(cal.add_year_data(&json), Err(expected), "{json}");
        assert_eq!(
            cal,
            HolidayCalendar::official(),
            "a refused file leaves the calendar unchanged"
        );
    }
    // The messages say what is wrong.
    let message = HolidayYear::from_json(&year_json(
        2027,
        &[("2027-05-01", true), ("2027-05-01", false)],
    ))
    .expect_err("conflict")
    .to_string();
    assert!(
        message.contains("2027-05-01") && message.contains("both"),
        "{message}"
    );
}

#[test]
fn adjacent_december_and_january_dates_are_accepted() {
    // holiday-cn's 2012.json really lists 2011-12-31 (a Saturday) as a working day.
    let json = year_json(
        2012,
        &[
            ("2011-12-31", false),
            ("2012-01-01", true),
            ("2013-01-01", true),
        ],
    );
    let cal = HolidayCalendar::from_json_files([json.as_str()]).expect("adjacent dates are valid");
    let answer = cal.is_working_day(d(2011, 12, 31)).expect("ok");
    assert!(answer.value);
    assert_eq!(answer.provenance.years, vec![2011, 2012]);
    assert_eq!(answer.provenance.provisional_years, vec![2011]);
    assert!(!cal.is_working_day(d(2013, 1, 1)).expect("ok").value);
}

#[test]
fn files_that_disagree_about_a_date_are_refused() {
    let a = year_json(2026, &[("2026-12-31", true)]);
    let b = year_json(2027, &[("2026-12-31", false)]);
    assert_eq!(
        HolidayCalendar::from_json_files([a.as_str(), b.as_str()]),
        Err(CalendarError::CrossFileConflict {
            date: d(2026, 12, 31),
            off_in: 2026,
            working_in: 2027
        })
    );
    // Replacing the same year is not a conflict: the new file wins.
    let mut cal = HolidayCalendar::from_json_files([a.as_str()]).expect("valid");
    let replacement = year_json(2026, &[("2026-12-31", false)]);
    assert_eq!(cal.add_year_data(&replacement), Ok(2026));
    assert!(cal.is_working_day(d(2026, 12, 31)).expect("ok").value);
}

#[test]
fn out_of_range_dates_are_errors_not_panics() {
    let cal = cal();
    let before = d(1899, 12, 31);
    let after = d(2201, 1, 1);
    assert_eq!(
        cal.is_working_day(before),
        Err(CalendarError::OutOfRange { date: before })
    );
    assert_eq!(
        cal.is_working_day_value(after),
        Err(CalendarError::OutOfRange { date: after })
    );
    assert_eq!(
        cal.working_days_between(before, d(2000, 1, 1)),
        Err(CalendarError::OutOfRange { date: before })
    );
    assert_eq!(
        cal.add_working_days(after, 0),
        Err(CalendarError::OutOfRange { date: after })
    );
    assert_eq!(
        cal.next_working_day(LAST_DATE),
        Err(CalendarError::ResultOutOfRange { start: LAST_DATE })
    );
    assert_eq!(
        cal.add_working_days(FIRST_DATE, u32::MAX),
        Err(CalendarError::ResultOutOfRange { start: FIRST_DATE })
    );
    assert!(cal.is_working_day(FIRST_DATE).is_ok());
    assert!(cal.is_working_day(LAST_DATE).is_ok());
    let all = cal
        .working_days_between(FIRST_DATE, LAST_DATE)
        .expect("whole range");
    assert_eq!(all.provenance.years.len(), 301);
    assert!(all.value > 70_000);
}

#[test]
fn answers_and_calendars_serialize_as_camel_case_json() {
    let cal = cal();
    let answer = cal.is_working_day(d(2026, 12, 28)).expect("ok");
    let json = serde_json::to_value(&answer).expect("serializes");
    assert_eq!(
        json,
        serde_json::json!({"value": true, "years": [2026, 2027], "provisionalYears": [2027], "provisional": true})
    );
    let back: Answer<bool> = serde_json::from_value(json).expect("deserializes");
    assert_eq!(back, answer);

    let text = serde_json::to_string(&cal).expect("serializes");
    assert!(text.contains("\"isOffDay\""));
    let back: HolidayCalendar = serde_json::from_str(&text).expect("round trip");
    assert_eq!(back, cal);
    let conflicting = r#"{"years": [{"year": 2027, "papers": [], "days": [
        {"name": "x", "date": "2027-05-01", "isOffDay": true},
        {"name": "x", "date": "2027-05-01", "isOffDay": false}]}]}"#;
    assert!(serde_json::from_str::<HolidayCalendar>(conflicting).is_err());
}

#[test]
fn the_embedded_calendar_is_exactly_the_data_files() {
    let from_files = HolidayCalendar::from_json_files(FILES.map(|(_, json)| json)).expect("valid");
    assert_eq!(from_files, HolidayCalendar::official());
    for (year, _) in FILES {
        let data = HolidayCalendar::official_ref()
            .year_data(year)
            .expect("present");
        assert!(data
            .papers
            .iter()
            .all(|p| p.starts_with("https://www.gov.cn/")));
    }
    let listed =
        HolidayCalendar::official_ref().listed_days_between(d(2026, 9, 20), d(2026, 10, 10));
    assert_eq!(listed.first().map(|x| x.date), Some(d(2026, 9, 20)));
    assert_eq!(listed.last().map(|x| x.date), Some(d(2026, 10, 10)));
}

fn range_days() -> i64 {
    (LAST_DATE - FIRST_DATE).num_days()
}

fn date_at(offset: i64) -> NaiveDate {
    FIRST_DATE + chrono::Duration::days(offset)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_date_from_1900_to_2200_panics(offset in 0i64..=range_days()) {
        let cal = HolidayCalendar::official_ref();
        let date = date_at(offset);
        let answer = cal.is_working_day(date).expect("in range");
        prop_assert_eq!(cal.day_info(date).expect("in range").value.working, answer.value);
        let provisional = date.year() < 2024 || date.year() > 2026
            || (date.year() == 2026 && date >= NaiveDate::from_ymd_opt(2026, 12, 24).expect("date"));
        prop_assert_eq!(answer.provenance.provisional, provisional);
        match cal.next_working_day(date) {
            Ok(next) => prop_assert!(next.value > date),
            Err(e) => prop_assert_eq!(e, CalendarError::ResultOutOfRange { start: date }),
        }
    }

    #[test]
    fn provisional_years_follow_the_weekday_and_fixed_date_rule(offset in 0i64..=range_days()) {
        let date = date_at(offset);
        prop_assume!(!(2024..=2026).contains(&date.year()));
        let fixed = matches!((date.month(), date.day()), (1, 1) | (5, 1..=2) | (10, 1..=3));
        // 2027's lunar statutory days (春节 除夕–初三, 清明, 端午, 中秋; docs/sources.md [S40]).
        let lunar = date.year() == 2027
            && [(2, 5), (2, 6), (2, 7), (2, 8), (4, 5), (6, 9), (9, 15)]
                .contains(&(date.month(), date.day()));
        let expected = weekday_rule(date) && !fixed && !lunar;
        prop_assert_eq!(HolidayCalendar::official_ref().is_working_day_value(date), Ok(expected));
    }

    #[test]
    fn between_matches_a_day_by_day_count(offset in 0i64..=range_days(), len in 0i64..800) {
        let cal = HolidayCalendar::official_ref();
        let a = date_at(offset);
        let b = (a + chrono::Duration::days(len)).min(LAST_DATE);
        let mut expected = 0;
        let mut day = a;
        while day < b {
            day = day.succ_opt().expect("in range");
            if cal.is_working_day_value(day).expect("in range") {
                expected += 1;
            }
        }
        prop_assert_eq!(cal.working_days_between(a, b).expect("in range").value, expected);
    }

    #[test]
    fn between_undoes_add(offset in 0i64..=range_days(), n in 0u32..400) {
        let cal = HolidayCalendar::official_ref();
        let a = date_at(offset);
        match cal.add_working_days(a, n) {
            Ok(b) => {
                prop_assert_eq!(cal.working_days_between(a, b.value).expect("in range").value, n);
                if n > 0 {
                    prop_assert!(cal.is_working_day_value(b.value).expect("in range"));
                }
            }
            Err(e) => prop_assert_eq!(e, CalendarError::ResultOutOfRange { start: a }),
        }
    }

    #[test]
    fn any_date_at_all_is_answered_or_refused(days in -1_000_000i32..1_000_000) {
        let cal = HolidayCalendar::official_ref();
        if let Some(date) = NaiveDate::from_num_days_from_ce_opt(days) {
            let in_range = (FIRST_DATE..=LAST_DATE).contains(&date);
            prop_assert_eq!(cal.is_working_day(date).is_ok(), in_range);
            let added = cal.add_working_days(date, 3);
            if !in_range {
                prop_assert_eq!(added, Err(CalendarError::OutOfRange { date }));
            } else if date <= LAST_DATE - chrono::Duration::days(10) {
                prop_assert!(added.is_ok());
            }
            let _ = cal.working_days_between(date, FIRST_DATE + chrono::Duration::days(40_000));
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in ".{0,200}") {
        let _ = HolidayYear::from_json(&text);
        let _ = HolidayCalendar::official().add_year_data(&text);
    }
}
