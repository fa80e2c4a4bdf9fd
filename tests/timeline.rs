//! Review-timeline estimates and the progress preview, on the official 2024–2026 calendar.
//!
//! Expected dates are worked out by hand in the comments: "+n" means the n-th working day after.

use chrono::{NaiveDate, NaiveDateTime};
use icp_filing::calendar::HolidayCalendar;
use icp_filing::messages::Locale;
use icp_filing::model::{ChangeScope, FilingType};
use icp_filing::timeline::estimate::AssumptionCode;
use icp_filing::timeline::progress::{FlagCode, IssueCode};
use icp_filing::timeline::{
    estimate, parse_cst_datetime, progress, Estimate, EstimateInput, EventStatus, PolicyError,
    ProgressInput, ProgressStatus, ReviewPolicy, Rework, SmsPerson, Stage, StageEvent, StageState,
    TimelineError, WorkingHours,
};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day)
        .and_hms_opt(h, min, 0)
        .expect("valid test time")
}

fn run(filing_type: FilingType, province: &str, submitted: NaiveDateTime) -> Estimate {
    let input = EstimateInput::new(filing_type, province, submitted);
    estimate(
        &input,
        &ReviewPolicy::default(),
        &HolidayCalendar::official(),
    )
    .expect("estimate")
}

/// (stage, start, likely end, late start, late end) of every stage.
fn rows(est: &Estimate) -> Vec<(Stage, NaiveDate, NaiveDate, NaiveDate, NaiveDate)> {
    est.stages
        .iter()
        .map(|s| (s.stage, s.start, s.likely_end, s.late_start, s.late_end))
        .collect()
}

fn codes(est: &Estimate) -> Vec<AssumptionCode> {
    est.assumptions.iter().map(|a| a.code).collect()
}

#[test]
fn golden_guangdong_first_filing_across_mid_autumn_and_national_day() {
    // Submitted Friday 2026-09-25 10:00, a day off (中秋节 09-25…27): starts Monday 09-28.
    let est = run(FilingType::First, "440000", at(2026, 9, 25, 10, 0));
    assert_eq!(est.starts_on, d(2026, 9, 28));
    assert_eq!(
        rows(&est),
        vec![
            // 初审 1 / 2 WD: 09-29 / 09-30.
            (
                Stage::ProviderReview,
                d(2026, 9, 28),
                d(2026, 9, 29),
                d(2026, 9, 28),
                d(2026, 9, 30)
            ),
            // Submission 1 / 3 WD: 09-30 / (10-01…07 off) 10-08, 10-09, 10-10 (make-up Saturday).
            (
                Stage::Submission,
                d(2026, 9, 29),
                d(2026, 9, 30),
                d(2026, 9, 30),
                d(2026, 10, 10)
            ),
            // SMS: same day / within 24 h (next calendar day, Sunday 10-11).
            (
                Stage::SmsVerification,
                d(2026, 9, 30),
                d(2026, 9, 30),
                d(2026, 10, 10),
                d(2026, 10, 11)
            ),
            // 管局 5 WD after 09-30: 10-08, 09, 10, 12, 13. 20 WD after 10-11: 10-12 … 11-06.
            (
                Stage::BureauReview,
                d(2026, 9, 30),
                d(2026, 10, 13),
                d(2026, 10, 11),
                d(2026, 11, 6)
            ),
            // Sync 1 / 2 WD: 10-14 / 11-09, 11-10.
            (
                Stage::ResultSync,
                d(2026, 10, 13),
                d(2026, 10, 14),
                d(2026, 11, 6),
                d(2026, 11, 10)
            ),
        ]
    );
    assert_eq!(est.likely_completion, d(2026, 10, 14));
    assert_eq!(est.late_completion, d(2026, 11, 10));
    // Earliest: 09-29, 09-30, 09-30, 10-08, +0.
    assert_eq!(est.earliest_completion, d(2026, 10, 8));
    // Legal: 20 WD after 09-30 = 10-08, 09, 10 (3), 12–16 (8), 19–23 (13), 26–30 (18), 11-02, 11-03.
    assert_eq!(est.bureau_legal_deadline.likely_receipt, d(2026, 9, 30));
    assert_eq!(est.bureau_legal_deadline.likely, d(2026, 11, 3));
    assert_eq!(est.bureau_legal_deadline.late, d(2026, 11, 6));
    assert_eq!(est.bureau_legal_deadline.working_days, 20);
    assert!(!est.provenance.provisional);
    assert_eq!(est.provenance.years, vec![2026]);
    assert_eq!(
        est.sms_persons,
        vec![SmsPerson::SubjectPrincipal, SmsPerson::WebsiteResponsible]
    );
    let codes = codes(&est);
    assert!(codes.contains(&AssumptionCode::StartsNextWorkingDayDayOff));
    assert!(codes.contains(&AssumptionCode::DefaultFigures));
    assert!(codes.contains(&AssumptionCode::SmsPersonsPrincipalAndWebsite));
    assert!(!codes.contains(&AssumptionCode::ProvisionalYears));
    let holidays = est
        .assumptions
        .iter()
        .find(|a| a.code == AssumptionCode::HolidaysCrossed)
        .expect("holidays");
    assert_eq!(holidays.params["names"], "中秋节、国庆节");
    let make_up = est
        .assumptions
        .iter()
        .find(|a| a.code == AssumptionCode::MakeUpDaysCounted)
        .expect("make-up");
    assert_eq!(make_up.params["dates"], "2026-10-10");
}

#[test]
fn golden_zhejiang_first_filing_across_spring_festival() {
    // Submitted Thursday 2026-02-12 10:00, a working day: starts that day.
    let est = run(FilingType::First, "330000", at(2026, 2, 12, 10, 0));
    assert_eq!(est.starts_on, d(2026, 2, 12));
    assert_eq!(
        rows(&est),
        vec![
            // 初审: +1 = 02-13; +2 = 02-14 (make-up Saturday).
            (
                Stage::ProviderReview,
                d(2026, 2, 12),
                d(2026, 2, 13),
                d(2026, 2, 12),
                d(2026, 2, 14)
            ),
            // Submission: +1 = 02-14; +3 after 02-14 = (15–23 off) 02-24, 25, 26.
            (
                Stage::Submission,
                d(2026, 2, 13),
                d(2026, 2, 14),
                d(2026, 2, 14),
                d(2026, 2, 26)
            ),
            (
                Stage::SmsVerification,
                d(2026, 2, 14),
                d(2026, 2, 14),
                d(2026, 2, 26),
                d(2026, 2, 27)
            ),
            // 管局 5 WD after 02-14: 24, 25, 26, 27, 28 (make-up Saturday).
            // Zhejiang max 30 WD after 02-27: 02-28 (1), 03-02…06 (6), 09–13 (11), 16–20 (16),
            // 23–27 (21), 30, 31, 04-01, 02, 03 (26), (04-04…06 清明) 07, 08, 09, 10 (30).
            (
                Stage::BureauReview,
                d(2026, 2, 14),
                d(2026, 2, 28),
                d(2026, 2, 27),
                d(2026, 4, 10)
            ),
            // Sync: +1 after 02-28 = 03-02; +2 after 04-10 = 04-13, 04-14.
            (
                Stage::ResultSync,
                d(2026, 2, 28),
                d(2026, 3, 2),
                d(2026, 4, 10),
                d(2026, 4, 14)
            ),
        ]
    );
    assert_eq!(est.likely_completion, d(2026, 3, 2));
    assert_eq!(est.late_completion, d(2026, 4, 14));
    // Legal 20 WD still applies: after 02-14 → 03-20; after 02-27 → 03-26.
    assert_eq!(est.bureau_legal_deadline.likely, d(2026, 3, 20));
    assert_eq!(est.bureau_legal_deadline.late, d(2026, 3, 26));
    assert!(est.bureau_legal_deadline.late < est.late_completion);
    let codes = codes(&est);
    assert!(codes.contains(&AssumptionCode::ProvinceFigure));
    assert!(codes.contains(&AssumptionCode::BureauMaxAboveLegal));
    assert!(!codes.contains(&AssumptionCode::DefaultFigures));
    let figure = est
        .assumptions
        .iter()
        .find(|a| a.code == AssumptionCode::ProvinceFigure)
        .expect("override");
    assert_eq!(figure.params["days"], "30");
    assert_eq!(figure.params["figure"], "max");
    assert!(figure.params["source"].contains("[S1]"));
    let make_up = est
        .assumptions
        .iter()
        .find(|a| a.code == AssumptionCode::MakeUpDaysCounted)
        .expect("make-up");
    assert_eq!(make_up.params["dates"], "2026-02-14, 2026-02-28");
}

#[test]
fn golden_beijing_new_website_runs_into_provisional_2027() {
    // Submitted Sunday 2026-12-20: starts Monday 12-21.
    let est = run(FilingType::NewWebsite, "110000", at(2026, 12, 20, 10, 0));
    assert_eq!(est.starts_on, d(2026, 12, 21));
    assert_eq!(
        rows(&est),
        vec![
            (
                Stage::ProviderReview,
                d(2026, 12, 21),
                d(2026, 12, 22),
                d(2026, 12, 21),
                d(2026, 12, 23)
            ),
            // Late: +3 after 12-23 = 24, 25, 28.
            (
                Stage::Submission,
                d(2026, 12, 22),
                d(2026, 12, 23),
                d(2026, 12, 23),
                d(2026, 12, 28)
            ),
            (
                Stage::SmsVerification,
                d(2026, 12, 23),
                d(2026, 12, 23),
                d(2026, 12, 28),
                d(2026, 12, 29)
            ),
            // Beijing typical 12 WD after 12-23: 24, 25, 28, 29, 30, 31 (6), (01-01 provisional
            // 元旦) 01-04…08 (11), 01-11 (12). Max 20 after 12-29: 30, 31, 01-04…08 (7),
            // 11–15 (12), 18–22 (17), 25, 26, 27 (20).
            (
                Stage::BureauReview,
                d(2026, 12, 23),
                d(2027, 1, 11),
                d(2026, 12, 29),
                d(2027, 1, 27)
            ),
            (
                Stage::ResultSync,
                d(2027, 1, 11),
                d(2027, 1, 12),
                d(2027, 1, 27),
                d(2027, 1, 29)
            ),
        ]
    );
    assert_eq!(est.likely_completion, d(2027, 1, 12));
    assert_eq!(est.late_completion, d(2027, 1, 29));
    assert_eq!(est.bureau_legal_deadline.likely, d(2027, 1, 21));
    assert!(est.provenance.provisional);
    assert_eq!(est.provenance.years, vec![2026, 2027]);
    assert_eq!(est.provenance.provisional_years, vec![2027]);
    let codes = codes(&est);
    assert!(codes.contains(&AssumptionCode::ProvisionalYears));
    assert!(
        codes.contains(&AssumptionCode::StaleFigure),
        "Beijing 10–14 WD is an old source"
    );
    let provisional = est
        .assumptions
        .iter()
        .find(|a| a.code == AssumptionCode::ProvisionalYears)
        .expect("years");
    assert_eq!(provisional.params["years"], "2027");
    let texts = est.assumption_texts(Locale::En);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("The bundled holiday data has no schedule for 2027")),
        "{texts:?}"
    );
    let texts = est.assumption_texts(Locale::ZhCn);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("本组件内置的节假日数据不含 2027 年")),
        "{texts:?}"
    );
}

#[test]
fn injecting_2027_removes_the_provisional_flag_from_an_estimate() {
    let json = r#"{"year": 2027, "papers": [], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#;
    let cal = HolidayCalendar::official()
        .with_year_data(json)
        .expect("valid");
    let input = EstimateInput::new(FilingType::NewWebsite, "110000", at(2026, 12, 20, 10, 0));
    let est = estimate(&input, &ReviewPolicy::default(), &cal).expect("estimate");
    assert!(!est.provenance.provisional);
    assert_eq!(est.likely_completion, d(2027, 1, 12));
}

#[test]
fn submissions_after_hours_or_on_days_off_start_the_next_working_day() {
    let policy = ReviewPolicy::default();
    let cal = HolidayCalendar::official();
    let custom = WorkingHours {
        start: chrono::NaiveTime::from_hms_opt(8, 30, 0).expect("time"),
        end: chrono::NaiveTime::from_hms_opt(17, 0, 0).expect("time"),
    };
    // (submitted, working hours, starts on, rule)
    let table = [
        (
            at(2026, 3, 2, 10, 0),
            None,
            d(2026, 3, 2),
            AssumptionCode::StartsOnSubmissionDay,
        ),
        (
            at(2026, 3, 2, 7, 30),
            None,
            d(2026, 3, 2),
            AssumptionCode::StartsOnSubmissionDay,
        ),
        (
            at(2026, 3, 2, 17, 59),
            None,
            d(2026, 3, 2),
            AssumptionCode::StartsOnSubmissionDay,
        ),
        (
            at(2026, 3, 2, 18, 0),
            None,
            d(2026, 3, 3),
            AssumptionCode::StartsNextWorkingDayAfterHours,
        ),
        (
            at(2026, 3, 2, 23, 30),
            None,
            d(2026, 3, 3),
            AssumptionCode::StartsNextWorkingDayAfterHours,
        ),
        (
            at(2026, 3, 6, 19, 0),
            None,
            d(2026, 3, 9),
            AssumptionCode::StartsNextWorkingDayAfterHours,
        ),
        (
            at(2026, 3, 2, 17, 30),
            Some(custom),
            d(2026, 3, 3),
            AssumptionCode::StartsNextWorkingDayAfterHours,
        ),
        // Friday 02-13 after hours: the next working day is the make-up Saturday 02-14.
        (
            at(2026, 2, 13, 20, 0),
            None,
            d(2026, 2, 14),
            AssumptionCode::StartsNextWorkingDayAfterHours,
        ),
        (
            at(2026, 3, 7, 10, 0),
            None,
            d(2026, 3, 9),
            AssumptionCode::StartsNextWorkingDayDayOff,
        ),
        (
            at(2026, 10, 1, 10, 0),
            None,
            d(2026, 10, 8),
            AssumptionCode::StartsNextWorkingDayDayOff,
        ),
    ];
    for (submitted, hours, starts_on, rule) in table {
        let mut input = EstimateInput::new(FilingType::First, "440000", submitted);
        input.working_hours = hours;
        let est = estimate(&input, &policy, &cal).expect("estimate");
        assert_eq!(est.starts_on, starts_on, "{submitted}");
        assert_eq!(
            est.assumptions.first().map(|a| a.code),
            Some(rule),
            "{submitted}"
        );
        assert_eq!(est.stages[0].start, starts_on);
    }
    // The same estimate whether submitted Monday 19:00 or Tuesday 10:00.
    let evening = run(FilingType::First, "440000", at(2026, 3, 2, 19, 0));
    let morning = run(FilingType::First, "440000", at(2026, 3, 3, 10, 0));
    assert_eq!(rows(&evening), rows(&morning));
}

#[test]
fn rework_adds_a_provider_review_cycle() {
    let policy = ReviewPolicy::default();
    let cal = HolidayCalendar::official();
    let plain = run(FilingType::First, "440000", at(2026, 3, 2, 10, 0));
    // 03-02 → 初审 03-03 → submission 03-04 → SMS 03-04 → 管局 +5 = 03-11 → sync 03-12.
    assert_eq!(plain.likely_completion, d(2026, 3, 12));
    let mut input = EstimateInput::new(FilingType::First, "440000", at(2026, 3, 2, 10, 0));
    input.rework = Some(Rework {
        resubmit_after_working_days: 1,
    });
    let est = estimate(&input, &policy, &cal).expect("estimate");
    assert_eq!(est.stages.len(), 6);
    let second = &est.stages[1];
    assert_eq!((second.stage, second.cycle), (Stage::ProviderReview, 2));
    // Rejected 03-03, resubmitted 1 WD later (03-04), reviewed by 03-05.
    assert_eq!(
        (second.start, second.likely_end),
        (d(2026, 3, 4), d(2026, 3, 5))
    );
    // Two working days later than without rework: 03-13, 03-16.
    assert_eq!(est.likely_completion, d(2026, 3, 16));
    assert!(est.late_completion > plain.late_completion);
    assert!(codes(&est).contains(&AssumptionCode::Rework));
}

#[test]
fn sms_persons_follow_the_filing_type() {
    let table = [
        (
            FilingType::First,
            vec![SmsPerson::SubjectPrincipal, SmsPerson::WebsiteResponsible],
            AssumptionCode::SmsPersonsPrincipalAndWebsite,
        ),
        (
            FilingType::NewWebsite,
            vec![SmsPerson::SubjectPrincipal, SmsPerson::WebsiteResponsible],
            AssumptionCode::SmsPersonsPrincipalAndWebsite,
        ),
        (
            FilingType::NewAccess,
            vec![SmsPerson::WebsiteResponsible],
            AssumptionCode::SmsPersonsWebsiteOnly,
        ),
        (
            FilingType::Change,
            vec![SmsPerson::SubjectPrincipal, SmsPerson::WebsiteResponsible],
            AssumptionCode::SmsPersonsDependOnChange,
        ),
    ];
    for (filing_type, persons, code) in table {
        let est = run(filing_type, "440000", at(2026, 3, 2, 10, 0));
        assert_eq!(est.sms_persons, persons, "{filing_type:?}");
        assert!(codes(&est).contains(&code), "{filing_type:?}");
    }
}

#[test]
fn a_change_names_who_answers_the_sms_by_what_it_changes() {
    let table = [
        (
            Some(ChangeScope::Subject),
            vec![SmsPerson::SubjectPrincipal],
            AssumptionCode::SmsPersonsChangeSubject,
        ),
        (
            Some(ChangeScope::Services),
            vec![SmsPerson::WebsiteResponsible],
            AssumptionCode::SmsPersonsChangeServices,
        ),
        (
            Some(ChangeScope::Both),
            vec![SmsPerson::SubjectPrincipal, SmsPerson::WebsiteResponsible],
            AssumptionCode::SmsPersonsChangeBoth,
        ),
        (
            None,
            vec![SmsPerson::SubjectPrincipal, SmsPerson::WebsiteResponsible],
            AssumptionCode::SmsPersonsDependOnChange,
        ),
    ];
    let submitted = at(2026, 3, 2, 10, 0);
    let plain = run(FilingType::Change, "440000", submitted);
    for (scope, persons, code) in table {
        let mut input = EstimateInput::new(FilingType::Change, "440000", submitted);
        input.change_scope = scope;
        let est = estimate(
            &input,
            &ReviewPolicy::default(),
            &HolidayCalendar::official(),
        )
        .expect("estimate");
        assert_eq!(est.sms_persons, persons, "{scope:?}");
        assert_eq!(
            est.sms_assumption().map(|a| a.code),
            Some(code),
            "{scope:?}"
        );
        // Who answers changes no date.
        assert_eq!(est.stages, plain.stages, "{scope:?}");
    }
    // A scope given with another filing type is not read.
    let mut input = EstimateInput::new(FilingType::First, "440000", submitted);
    input.change_scope = Some(ChangeScope::Subject);
    let est = estimate(
        &input,
        &ReviewPolicy::default(),
        &HolidayCalendar::official(),
    )
    .unwrap();
    assert_eq!(
        est.sms_persons,
        vec![SmsPerson::SubjectPrincipal, SmsPerson::WebsiteResponsible]
    );
    // JSON: the scope is read, and an unknown one is refused by name.
    let json = |scope: &str| {
        serde_json::from_str::<EstimateInput>(&format!(
            r#"{{"filingType": "change", "changeScope": "{scope}", "province": "440000",
                "submittedAt": "2026-03-02T10:00"}}"#
        ))
    };
    assert_eq!(
        json("services").unwrap().change_scope,
        Some(ChangeScope::Services)
    );
    let err = json("website").unwrap_err().to_string();
    assert!(err.contains("unknown changeScope `website`"), "{err}");
}

#[test]
fn the_sms_text_names_the_filer_as_principal_only_for_a_personal_filing() {
    let sms = |filing_type: FilingType, scope: Option<ChangeScope>, kind: &str| {
        let mut json = serde_json::json!({
            "filingType": filing_type.slug(), "subjectKind": kind, "province": "440000",
            "submittedAt": "2026-03-02T10:00"
        });
        if let Some(scope) = scope {
            json["changeScope"] = scope.slug().into();
        }
        let input: EstimateInput = serde_json::from_value(json).expect("input");
        let est = estimate(
            &input,
            &ReviewPolicy::default(),
            &HolidayCalendar::official(),
        )
        .expect("estimate");
        let a = est.sms_assumption().expect("sms assumption");
        (a.render(Locale::ZhCn), a.render(Locale::En))
    };
    let (zh, en) = sms(FilingType::First, None, "enterprise");
    assert_eq!(
        zh,
        "工信部核验短信发给主体负责人和网站或APP负责人，须在 24 小时内完成核验。"
    );
    assert!(
        en.starts_with("The MIIT verification SMS goes to the subject principal and"),
        "{en}"
    );
    let (zh, en) = sms(FilingType::First, None, "individual");
    assert!(
        zh.starts_with("工信部核验短信发给主体负责人（即您本人）和"),
        "{zh}"
    );
    assert!(en.contains("the subject principal (you)"), "{en}");
    let (zh, _) = sms(FilingType::Change, Some(ChangeScope::Subject), "government");
    assert_eq!(
        zh,
        "变更主体信息由主体负责人完成工信部短信核验（24 小时内）。"
    );
    let (zh, _) = sms(FilingType::Change, Some(ChangeScope::Both), "individual");
    assert!(
        zh.starts_with("同时变更主体和网站或APP信息，主体负责人（即您本人）和"),
        "{zh}"
    );
    // Without a subject kind the text covers both.
    let mut input = EstimateInput::new(FilingType::First, "440000", at(2026, 3, 2, 10, 0));
    let est = estimate(
        &input,
        &ReviewPolicy::default(),
        &HolidayCalendar::official(),
    )
    .unwrap();
    assert!(est
        .sms_assumption()
        .unwrap()
        .render(Locale::ZhCn)
        .contains("主体负责人（个人备案即您本人）和"));
    // The kind changes no date, and an unknown one is refused by name.
    input.subject_kind = Some(icp_filing::model::SubjectKind::Individual);
    let personal = estimate(
        &input,
        &ReviewPolicy::default(),
        &HolidayCalendar::official(),
    )
    .unwrap();
    assert_eq!(personal.stages, est.stages);
    let err = serde_json::from_str::<EstimateInput>(
        r#"{"filingType": "first", "subjectKind": "person", "province": "440000", "submittedAt": "2026-03-02T10:00"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown subjectKind `person`"), "{err}");
}

#[test]
fn province_figures_apply_by_province_code() {
    let policy = ReviewPolicy::default();
    let bureau = |province: &str| {
        policy
            .stage_durations(Some(province), Stage::BureauReview)
            .map(|f| (f.min.days, f.typical.days, f.max.days))
    };
    assert_eq!(bureau("330000"), Some((1, 5, 30)));
    assert_eq!(bureau("110000"), Some((1, 12, 20)));
    assert_eq!(bureau("210000"), Some((1, 12, 20)));
    // Shandong has no province-wide figure: 10 working days was one city's promise, so the
    // legal 20 applies.
    assert_eq!(bureau("370000"), Some((1, 5, 20)));
    assert_eq!(bureau("440000"), Some((1, 5, 20)));
    assert_eq!(policy.stage_durations(None, Stage::SmsVerification), None);
    // A district code is reduced to its province: Hangzhou Xihu 330106 → 330000.
    let est = run(FilingType::First, "330106", at(2026, 2, 12, 10, 0));
    assert_eq!(est.province, "330000");
    assert_eq!(est.late_completion, d(2026, 4, 14));
    // Every figure names its source.
    let text = serde_json::to_string(&policy).expect("serializes");
    assert!(text.contains("§1.2"));
}

#[test]
fn provider_overrides_merge_into_the_policy() {
    let base = ReviewPolicy::default();
    let merged = base
        .with_overrides(r#"{"stages": {"providerReview": {"max": {"days": 3}}},
            "provinces": {"440000": {"stages": {"bureauReview": {"typical": {"days": 4, "source": "our 2026 data"}}}}},
            "workingHours": {"end": "17:30"}}"#)
        .expect("valid override");
    let review = merged
        .stage_durations(None, Stage::ProviderReview)
        .expect("stage");
    assert_eq!(
        (review.min.days, review.typical.days, review.max.days),
        (1, 1, 3)
    );
    assert_eq!(&*review.max.source, "provider override");
    assert_eq!(
        review.typical.source,
        base.stages.provider_review.typical.source
    );
    let bureau = merged
        .stage_durations(Some("440000"), Stage::BureauReview)
        .expect("stage");
    assert_eq!(
        (bureau.typical.days, &*bureau.typical.source),
        (4, "our 2026 data")
    );
    assert_eq!(
        merged.working_hours.end,
        chrono::NaiveTime::from_hms_opt(17, 30, 0).expect("time")
    );
    assert_eq!(merged.working_hours.start, base.working_hours.start);
    // Zhejiang's embedded override survives a merge that does not touch it.
    assert_eq!(
        merged
            .stage_durations(Some("330000"), Stage::BureauReview)
            .map(|f| f.max.days),
        Some(30)
    );
    // The merged policy changes the estimate: 17:45 is now after hours.
    let input = EstimateInput::new(FilingType::First, "440000", at(2026, 3, 2, 17, 45));
    let est = estimate(&input, &merged, &HolidayCalendar::official()).expect("estimate");
    assert_eq!(est.starts_on, d(2026, 3, 3));

    // Refused overrides say why and leave the base untouched.
    assert!(matches!(
        base.with_overrides(r#"{"stages": {"providerReview": {"typical": {"days": 5}}}}"#),
        Err(PolicyError::Inconsistent {
            stage: Stage::ProviderReview,
            min: 1,
            typical: 5,
            max: 2,
            ..
        })
    ));
    assert!(matches!(
        base.with_overrides(r#"{"stagez": {}}"#),
        Err(PolicyError::Malformed { .. })
    ));
    assert!(matches!(
        base.with_overrides(
            r#"{"stages": {"bureauReview": {"max": {"days": 20, "source": "x", "typo": 1}}}}"#
        ),
        Err(PolicyError::Malformed { .. })
    ));
    assert!(matches!(
        base.with_overrides(r#"{"provinces": {"3300": {"name": "x"}}}"#),
        Err(PolicyError::InvalidProvinceKey { .. })
    ));
    assert!(matches!(
        base.with_overrides("[1]"),
        Err(PolicyError::Malformed { .. })
    ));
    assert!(matches!(
        base.with_overrides(r#"{"workingHours": {"start": "19:00"}}"#),
        Err(PolicyError::WorkingHours)
    ));
    assert!(matches!(
        base.with_overrides(r#"{"smsWindowHours": {"value": 0}}"#),
        Err(PolicyError::OutOfBounds { .. })
    ));
    assert_eq!(base, ReviewPolicy::default());
}

#[test]
fn bad_inputs_are_errors() {
    let policy = ReviewPolicy::default();
    let cal = HolidayCalendar::official();
    for province in ["33", "33000a", "", "3300000"] {
        let input = EstimateInput::new(FilingType::First, province, at(2026, 3, 2, 10, 0));
        assert!(
            matches!(
                estimate(&input, &policy, &cal),
                Err(TimelineError::InvalidProvince { .. })
            ),
            "{province:?}"
        );
    }
    let mut input = EstimateInput::new(FilingType::First, "440000", at(2026, 3, 2, 10, 0));
    input.working_hours = Some(WorkingHours {
        start: chrono::NaiveTime::from_hms_opt(18, 0, 0).expect("time"),
        end: chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
    });
    assert!(matches!(
        estimate(&input, &policy, &cal),
        Err(TimelineError::InvalidWorkingHours { .. })
    ));
    let late = EstimateInput::new(FilingType::First, "440000", at(2200, 12, 20, 10, 0));
    assert!(matches!(
        estimate(&late, &policy, &cal),
        Err(TimelineError::Calendar(_))
    ));
}

#[test]
fn estimates_read_and_write_camel_case_json() {
    let input: EstimateInput = serde_json::from_str(
        r#"{"filingType": "newAccess", "province": "440000", "submittedAt": "2026-09-25T02:00:00Z",
            "workingHours": {"start": "09:00", "end": "18:00"}, "rework": {}}"#,
    )
    .expect("input JSON");
    assert_eq!(
        input.submitted_at,
        at(2026, 9, 25, 10, 0),
        "UTC converted to CST"
    );
    assert_eq!(
        input.rework,
        Some(Rework {
            resubmit_after_working_days: 0
        })
    );
    let est = estimate(
        &input,
        &ReviewPolicy::default(),
        &HolidayCalendar::official(),
    )
    .expect("estimate");
    let json = serde_json::to_value(&est).expect("serializes");
    for key in [
        "likelyCompletion",
        "lateCompletion",
        "bureauLegalDeadline",
        "provisionalYears",
        "smsPersons",
        "startsOn",
    ] {
        assert!(json.get(key).is_some(), "{key} in {json}");
    }
    assert_eq!(json["submittedAt"], "2026-09-25T10:00:00");
    assert_eq!(json["smsPersons"][0], "websiteResponsible");
    assert_eq!(json["stages"][0]["stage"], "providerReview");
    // With rework there are six stages: 初审 twice, then submission, SMS, 管局, sync.
    assert_eq!(json["stages"][1]["cycle"], 2);
    assert_eq!(json["stages"][3]["stage"], "smsVerification");
    assert_eq!(json["stages"][3]["windowHours"], 24);
    assert!(json["stages"][4]["workingDays"]["max"]["source"]
        .as_str()
        .is_some());
    assert!(json["stages"][4]["legalDeadline"].as_str().is_some());
    assert_eq!(json["assumptions"][0]["code"], "startsNextWorkingDayDayOff");
    let back: Estimate = serde_json::from_value(json).expect("round trip");
    assert_eq!(back, est);
    assert_eq!(
        parse_cst_datetime("2026-09-25 10:00"),
        Ok(at(2026, 9, 25, 10, 0))
    );
    assert_eq!(
        parse_cst_datetime("2026-09-25T10:00:00+08:00"),
        Ok(at(2026, 9, 25, 10, 0))
    );
    assert!(parse_cst_datetime("yesterday").is_err());
}

#[test]
fn assumptions_render_in_both_locales() {
    let est = run(FilingType::First, "330000", at(2026, 2, 12, 10, 0));
    let zh = est.assumption_texts(Locale::ZhCn);
    let en = est.assumption_texts(Locale::En);
    assert_eq!(zh.len(), est.assumptions.len());
    assert!(
        zh.iter().chain(&en).all(|t| !t.contains('{')),
        "{zh:?} {en:?}"
    );
    assert!(
        zh.iter()
            .any(|t| t.contains("浙江：") && t.contains("30 个工作日")),
        "{zh:?}"
    );
    assert!(
        en.iter().any(|t| t.contains(
            "maximum duration of the provincial bureau (管局) review is 30 working days"
        )),
        "{en:?}"
    );
    // The province is named in the text's language.
    assert!(en.iter().any(|t| t.starts_with("Zhejiang: ")), "{en:?}");
    assert!(!en.iter().any(|t| t.contains("浙江")), "{en:?}");
    assert!(zh.iter().any(|t| t.contains("春节")), "{zh:?}");
}

// ---------------------------------------------------------------- progress

fn progress_input(
    submitted: NaiveDateTime,
    events: Vec<StageEvent>,
    now: NaiveDateTime,
) -> ProgressInput {
    ProgressInput {
        estimate: EstimateInput::new(FilingType::First, "440000", submitted),
        events,
        now,
    }
}

fn ev(stage: Stage, status: EventStatus, time: NaiveDateTime) -> StageEvent {
    StageEvent::new(stage, status, time)
}

fn flags(p: &icp_filing::timeline::Progress) -> Vec<FlagCode> {
    p.flags.iter().map(|f| f.code).collect()
}

fn states(p: &icp_filing::timeline::Progress) -> Vec<StageState> {
    p.stages.iter().map(|s| s.state).collect()
}

fn preview(input: &ProgressInput) -> icp_filing::timeline::Progress {
    progress(
        input,
        &ReviewPolicy::default(),
        &HolidayCalendar::official(),
    )
    .expect("progress")
}

use StageState::{Current, Done, Pending, Rejected};

#[test]
fn progress_without_events_is_in_the_provider_review() {
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        vec![],
        at(2026, 3, 3, 15, 0),
    ));
    assert_eq!(p.status, ProgressStatus::InProgress);
    assert_eq!(p.current_stage, Some(Stage::ProviderReview));
    assert_eq!(
        states(&p),
        vec![Current, Pending, Pending, Pending, Pending]
    );
    // (03-02, 03-03] = 1 working day; typical 1, max 2.
    assert_eq!(p.elapsed_working_days, Some(1));
    let remaining = p.remaining_working_days.expect("range");
    assert_eq!((remaining.likely, remaining.late), (0, 1));
    assert!(!p.overdue);
    assert_eq!(p.likely_completion, Some(d(2026, 3, 12)));
    assert!(p.errors.is_empty());
}

#[test]
fn progress_in_the_sms_window_shows_the_deadline() {
    let events = vec![
        ev(
            Stage::ProviderReview,
            EventStatus::Passed,
            at(2026, 3, 3, 11, 0),
        ),
        ev(
            Stage::Submission,
            EventStatus::Passed,
            at(2026, 3, 4, 16, 0),
        ),
    ];
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        events,
        at(2026, 3, 5, 9, 0),
    ));
    assert_eq!(p.current_stage, Some(Stage::SmsVerification));
    assert_eq!(states(&p), vec![Done, Done, Current, Pending, Pending]);
    assert_eq!(p.sms_deadline, Some(at(2026, 3, 5, 16, 0)));
    let open = p
        .flags
        .iter()
        .find(|f| f.code == FlagCode::SmsWindowOpen)
        .expect("flag");
    assert_eq!(
        (
            open.params["hoursLeft"].as_str(),
            open.params["minutesLeft"].as_str()
        ),
        ("7", "0")
    );
    assert!(open.render(Locale::ZhCn).contains("2026-03-05 16:00"));
    // Actual durations: 初审 (03-02, 03-03] = 1 WD, 25 h; submission 1 WD, 29 h.
    assert_eq!(
        (p.stages[0].actual_working_days, p.stages[0].actual_hours),
        (Some(1), Some(25))
    );
    assert_eq!(
        (p.stages[1].actual_working_days, p.stages[1].actual_hours),
        (Some(1), Some(29))
    );
    // Re-estimate: SMS today (03-05), 管局 +5 = 03-12, sync 03-13.
    assert_eq!(
        p.remaining_stages.first().map(|s| s.stage),
        Some(Stage::SmsVerification)
    );
    assert_eq!(p.likely_completion, Some(d(2026, 3, 13)));
}

#[test]
fn progress_after_a_missed_sms_window_awaits_resubmission() {
    let events = vec![
        ev(
            Stage::ProviderReview,
            EventStatus::Passed,
            at(2026, 3, 3, 11, 0),
        ),
        ev(
            Stage::Submission,
            EventStatus::Passed,
            at(2026, 3, 4, 16, 0),
        ),
    ];
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        events,
        at(2026, 3, 5, 17, 0),
    ));
    assert_eq!(p.status, ProgressStatus::AwaitingResubmission);
    assert_eq!(p.current_stage, Some(Stage::SmsVerification));
    assert_eq!(flags(&p), vec![FlagCode::SmsWindowMissed]);
    assert_eq!(states(&p), vec![Done, Done, Rejected, Pending, Pending]);
    // The provider resubmits: the re-estimate restarts at the submission, in cycle 2.
    let first = p.remaining_stages.first().expect("re-estimate");
    assert_eq!(
        (first.stage, first.cycle, first.start),
        (Stage::Submission, 2, d(2026, 3, 5))
    );
}

#[test]
fn progress_flags_a_bureau_review_past_its_legal_deadline() {
    let events = vec![
        ev(
            Stage::ProviderReview,
            EventStatus::Passed,
            at(2026, 3, 3, 11, 0),
        ),
        ev(
            Stage::Submission,
            EventStatus::Passed,
            at(2026, 3, 4, 16, 0),
        ),
        ev(
            Stage::SmsVerification,
            EventStatus::Passed,
            at(2026, 3, 5, 10, 0),
        ),
    ];
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        events,
        at(2026, 4, 10, 10, 0),
    ));
    assert_eq!(p.current_stage, Some(Stage::BureauReview));
    // Legal: 20 WD after 03-05 = 03-06 (1), 09–13 (6), 16–20 (11), 23–27 (16), 30, 31, 04-01, 02.
    assert_eq!(p.bureau_legal_deadline, Some(d(2026, 4, 2)));
    // Elapsed (03-05, 04-10]: … 03-30…04-03 (21), (04-04…06 清明) 07, 08, 09, 10 (25).
    assert_eq!(p.elapsed_working_days, Some(25));
    assert!(p.overdue);
    assert!(flags(&p).contains(&FlagCode::BureauPastLegalDeadline));
    assert!(flags(&p).contains(&FlagCode::StageOverdue));
    let remaining = p.remaining_working_days.expect("range");
    assert_eq!((remaining.likely, remaining.late), (0, 0));
    // Nothing is projected into the past: the review may end today at the earliest.
    assert_eq!(p.remaining_stages[0].likely_end, d(2026, 4, 10));
    assert_eq!(p.likely_completion, Some(d(2026, 4, 13)));

    // Ten days in, it is neither overdue nor past the legal deadline.
    let events = vec![ev(
        Stage::SmsVerification,
        EventStatus::Passed,
        at(2026, 3, 5, 10, 0),
    )];
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        events,
        at(2026, 3, 19, 10, 0),
    ));
    assert_eq!(states(&p), vec![Done, Done, Done, Current, Pending]);
    assert_eq!(
        p.stages[0].actual_working_days, None,
        "implied stage: times unknown"
    );
    assert_eq!(p.elapsed_working_days, Some(10));
    assert!(!p.overdue);
    assert!(p.flags.is_empty());
}

#[test]
fn zhejiang_can_pass_the_legal_deadline_before_its_late_end() {
    let mut input = progress_input(
        at(2026, 3, 2, 10, 0),
        vec![ev(
            Stage::BureauReview,
            EventStatus::Started,
            at(2026, 3, 5, 10, 0),
        )],
        at(2026, 4, 10, 10, 0),
    );
    input.estimate.province = "330000".into();
    let p = preview(&input);
    assert_eq!(flags(&p), vec![FlagCode::BureauPastLegalDeadline]);
    assert!(p.overdue);
    let remaining = p.remaining_working_days.expect("range");
    assert_eq!((remaining.likely, remaining.late), (0, 5)); // 30 − 25
}

#[test]
fn progress_after_a_rejection_and_a_new_cycle() {
    let rejected = vec![ev(
        Stage::ProviderReview,
        EventStatus::Rejected,
        at(2026, 3, 3, 11, 0),
    )];
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        rejected.clone(),
        at(2026, 3, 3, 15, 0),
    ));
    assert_eq!(p.status, ProgressStatus::AwaitingResubmission);
    assert_eq!(flags(&p), vec![FlagCode::Rejected]);
    assert_eq!(p.flags[0].render(Locale::En), "Rejected at the provider's preliminary review on 2026-03-03 11:00: fix the order and resubmit.");
    assert_eq!(
        states(&p),
        vec![Rejected, Pending, Pending, Pending, Pending]
    );
    assert_eq!(p.rejections.len(), 1);
    let first = p.remaining_stages.first().expect("re-estimate");
    assert_eq!(
        (first.stage, first.cycle, first.start),
        (Stage::ProviderReview, 2, d(2026, 3, 3))
    );

    let mut events = rejected;
    events.push(ev(
        Stage::ProviderReview,
        EventStatus::Started,
        at(2026, 3, 4, 9, 0),
    ));
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        events,
        at(2026, 3, 4, 12, 0),
    ));
    assert_eq!(p.status, ProgressStatus::InProgress);
    assert_eq!(p.cycle, 2);
    assert_eq!(
        states(&p),
        vec![Current, Pending, Pending, Pending, Pending]
    );
    assert!(p.flags.is_empty());
}

#[test]
fn progress_finishes_when_the_result_is_synced() {
    let events = vec![
        ev(
            Stage::ProviderReview,
            EventStatus::Passed,
            at(2026, 3, 3, 11, 0),
        ),
        ev(
            Stage::Submission,
            EventStatus::Passed,
            at(2026, 3, 4, 16, 0),
        ),
        ev(
            Stage::SmsVerification,
            EventStatus::Passed,
            at(2026, 3, 4, 18, 0),
        ),
        ev(
            Stage::BureauReview,
            EventStatus::Passed,
            at(2026, 3, 12, 15, 0),
        ),
        ev(
            Stage::ResultSync,
            EventStatus::Passed,
            at(2026, 3, 13, 9, 0),
        ),
    ];
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        events,
        at(2026, 3, 20, 9, 0),
    ));
    assert_eq!(p.status, ProgressStatus::Finished);
    assert_eq!(p.current_stage, None);
    assert_eq!(states(&p), vec![Done; 5]);
    assert_eq!(flags(&p), vec![FlagCode::Finished]);
    // 管局: SMS passed 03-04 18:00 (after hours → counted from 03-05), passed 03-12: 5 WD.
    assert_eq!(p.stages[3].actual_working_days, Some(5));
    assert!(p.remaining_stages.is_empty());
}

#[test]
fn bad_events_are_reported_and_skipped() {
    let t = |day, h| at(2026, 3, day, h, 0);
    let events = vec![
        StageEvent {
            stage: "approval".into(),
            status: "passed".into(),
            at: t(3, 9),
            reasons: Vec::new(),
            note: None,
        }, // 1 unknown stage
        StageEvent {
            stage: "providerReview".into(),
            status: "approved".into(),
            at: t(3, 9),
            reasons: Vec::new(),
            note: None,
        }, // 2 unknown status
        ev(Stage::ProviderReview, EventStatus::Passed, t(3, 11)), // 3 ok
        ev(Stage::ProviderReview, EventStatus::Passed, t(3, 11)), // 4 duplicate
        ev(Stage::Submission, EventStatus::Started, t(3, 10)),    // 5 out of order
        ev(Stage::ProviderReview, EventStatus::Started, t(3, 12)), // 6 went back
        ev(Stage::Submission, EventStatus::Started, t(3, 13)),    // 7 ok
        ev(Stage::Submission, EventStatus::Started, t(3, 14)),    // 8 started twice
        ev(Stage::Submission, EventStatus::Passed, t(9, 9)),      // 9 in the future
        ev(Stage::Submission, EventStatus::Passed, at(2026, 3, 1, 9, 0)), // 10 before submission
    ];
    let p = preview(&progress_input(t(2, 10), events, t(4, 12)));
    let got: Vec<(IssueCode, String)> = p
        .errors
        .iter()
        .map(|e| (e.code, e.params["event"].clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (IssueCode::UnknownStage, "1".into()),
            (IssueCode::UnknownStatus, "2".into()),
            (IssueCode::DuplicateEvent, "4".into()),
            (IssueCode::EventOutOfOrder, "5".into()),
            (IssueCode::StageWentBack, "6".into()),
            (IssueCode::StageAlreadyStarted, "8".into()),
            (IssueCode::EventInFuture, "9".into()),
            (IssueCode::EventBeforeSubmission, "10".into()),
        ]
    );
    // The valid events still count.
    assert_eq!(p.current_stage, Some(Stage::Submission));
    assert_eq!(p.stages[1].started_at, Some(t(3, 13)));
    for error in &p.errors {
        assert!(!error.render(Locale::ZhCn).contains('{'));
        assert!(!error.render(Locale::En).contains('{'));
    }
    assert!(p.errors[0].render(Locale::En).contains("\"approval\""));
}

#[test]
fn progress_reads_json_with_unknown_stages_without_failing() {
    let input: ProgressInput = serde_json::from_str(
        r#"{"filingType": "first", "province": "440000", "submittedAt": "2026-03-02T10:00:00+08:00",
            "now": "2026-03-03T15:00:00+08:00",
            "events": [{"stage": "mystery", "status": "started", "at": "2026-03-03T09:00:00+08:00"}]}"#,
    )
    .expect("input JSON");
    let p = preview(&input);
    assert_eq!(p.errors.len(), 1);
    let json = serde_json::to_value(&p).expect("serializes");
    assert_eq!(json["status"], "inProgress");
    assert_eq!(json["currentStage"], "providerReview");
    assert_eq!(json["stages"][0]["state"], "current");
    assert_eq!(json["errors"][0]["code"], "unknownStage");
}

#[test]
fn progress_before_the_submission_time() {
    let p = preview(&progress_input(
        at(2026, 3, 2, 10, 0),
        vec![],
        at(2026, 3, 1, 10, 0),
    ));
    assert_eq!(p.status, ProgressStatus::NotSubmitted);
    assert_eq!(flags(&p), vec![FlagCode::NotYetSubmitted]);
    assert_eq!(p.likely_completion, Some(d(2026, 3, 12)));
}

fn arb_event() -> impl Strategy<Value = StageEvent> {
    let stages = prop::sample::select(vec![
        "providerReview",
        "submission",
        "smsVerification",
        "bureauReview",
        "resultSync",
        "bogus",
        "",
    ]);
    let statuses = prop::sample::select(vec!["started", "passed", "rejected", "nope"]);
    (stages, statuses, 0i64..60 * 24 * 60).prop_map(|(stage, status, minutes)| StageEvent {
        stage: stage.to_owned(),
        status: status.to_owned(),
        at: at(2026, 9, 1, 0, 0) + chrono::Duration::minutes(minutes),
        reasons: Vec::new(),
        note: None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn progress_never_fails_on_any_events(
        mut events in prop::collection::vec(arb_event(), 0..12),
        sort in any::<bool>(),
        now_minutes in 0i64..90 * 24 * 60,
        province in prop::sample::select(vec!["110000", "330000", "440000", "370000"]),
    ) {
        if sort {
            events.sort_by_key(|e| e.at);
        }
        let mut input = progress_input(at(2026, 9, 1, 10, 0), events, at(2026, 9, 1, 0, 0) + chrono::Duration::minutes(now_minutes));
        input.estimate.province = province.to_owned();
        let p = progress(&input, &ReviewPolicy::default(), &HolidayCalendar::official());
        prop_assert!(p.is_ok());
        let p = p.expect("checked");
        prop_assert_eq!(p.stages.len(), 5);
        if let (Some(likely), Some(late)) = (p.likely_completion, p.late_completion) {
            prop_assert!(likely <= late);
        }
    }

    #[test]
    fn estimates_are_ordered_for_any_submission(minutes in 0i64..(365 * 3) * 24 * 60) {
        let submitted = at(2024, 1, 1, 0, 0) + chrono::Duration::minutes(minutes);
        let est = run(FilingType::First, "330000", submitted);
        prop_assert!(est.starts_on >= submitted.date());
        prop_assert!(est.earliest_completion <= est.likely_completion);
        prop_assert!(est.likely_completion <= est.late_completion);
        for stage in &est.stages {
            prop_assert!(stage.start <= stage.likely_end && stage.likely_end <= stage.late_end);
        }
    }
}

#[test]
fn a_just_received_filing_expects_the_dates_the_check_page_showed() {
    // The receipt's stages and the check page's estimate count from the same moment, so
    // every stage ends on the same likely and late days, whatever the province, filing type
    // or time of day (before and after the day's cut-off, on a weekend, before a holiday).
    let times = [
        at(2026, 3, 2, 10, 0),
        at(2026, 3, 2, 18, 30),
        at(2026, 3, 7, 9, 0),
        at(2026, 9, 30, 16, 0),
        at(2026, 12, 31, 23, 59),
    ];
    for submitted in times {
        for province in ["110000", "330000", "440000", "650000"] {
            for ty in FilingType::ALL {
                let est = run(*ty, province, submitted);
                let p = preview(&ProgressInput {
                    estimate: EstimateInput::new(*ty, province, submitted),
                    events: vec![],
                    now: submitted,
                });
                let expected: Vec<_> = est
                    .stages
                    .iter()
                    .map(|s| (s.stage, Some(s.likely_end), Some(s.late_end)))
                    .collect();
                let shown: Vec<_> = p
                    .stages
                    .iter()
                    .map(|s| (s.stage, s.likely_end, s.late_end))
                    .collect();
                let case = format!("{ty:?} {province} {submitted}");
                assert_eq!(shown, expected, "{case}");
                assert_eq!(p.likely_completion, Some(est.likely_completion), "{case}");
                assert_eq!(p.late_completion, Some(est.late_completion), "{case}");
            }
        }
    }
}
