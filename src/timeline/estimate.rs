//! The timeline estimate: for a submission, when each stage is expected to start and end.
//!
//! Three paths are chained through the stages on the working-day calendar: *earliest* (minimum
//! figures), *likely* (typical figures) and *late* (maximum figures). A stage of `n` working
//! days that starts on day `S` ends on the `n`-th working day after `S` (`S` itself does not
//! count, as in administrative deadlines); the next stage starts on that end date. The MIIT SMS
//! stage is in calendar hours: on the likely path the code is entered the day it arrives, on
//! the late path at the end of the 24-hour window (the next calendar day).
//!
//! A submission on a working day before the end of the provider's working hours starts that
//! day; after hours or on a day off it starts on the next working day.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::json::{self, Fields};
use super::policy::{ReviewPolicy, StageDurations, WorkingHours};
use super::{
    cst, fmt_datetime, fmt_hhmm, notice_codes, province_key, Notice, Stage, TimelineError,
};
use crate::calendar::{CalendarError, HolidayCalendar, Provenance, YearSpan, LAST_DATE};
use crate::model::{ChangeScope, Filing, FilingType, SubjectKind};

/// What the estimate is asked about.
///
/// JSON: `{filingType, changeScope?, subjectKind?, province, submittedAt, workingHours?,
/// rework?}`; other keys are ignored
/// (the JS API passes overrides next to them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EstimateInput {
    /// 备案类型.
    pub filing_type: FilingType,
    /// What a change filing changes; it decides who answers the SMS. Read only for a change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_scope: Option<ChangeScope>,
    /// 主办单位性质: whether the subject principal who answers the SMS is the filer (an
    /// individual) or a unit's principal. Only the wording depends on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_kind: Option<SubjectKind>,
    /// The filing province, a 6-digit GB/T 2260 code (`"330000"`; a city or district code is
    /// reduced to its province).
    pub province: String,
    /// When the filer submitted the order to the provider (CST).
    #[serde(serialize_with = "cst::serialize")]
    pub submitted_at: NaiveDateTime,
    /// The provider's working hours; the policy's (default 09:00–18:00) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_hours: Option<WorkingHours>,
    /// Ask for the effect of one rejection and resubmission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rework: Option<Rework>,
}

impl<'de> Deserialize<'de> for EstimateInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::from_value(&Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl EstimateInput {
    /// Reads the JSON form from a parsed value (see [`super::json`]).
    pub(super) fn from_value(value: &Value) -> Result<Self, String> {
        let f = Fields::of(value, "input", None)?;
        let filing_type = f.str("filingType")?;
        Ok(Self {
            filing_type: FilingType::from_slug(filing_type).ok_or_else(|| {
                format!(
                    "unknown filingType `{filing_type}`, expected one of first, newWebsite, newAccess, change"
                )
            })?,
            change_scope: optional_slug(
                &f,
                "changeScope",
                ChangeScope::from_slug,
                "one of subject, services, both",
            )?,
            subject_kind: optional_slug(
                &f,
                "subjectKind",
                SubjectKind::from_slug,
                "a subject kind such as individual or enterprise",
            )?,
            province: f.str("province")?.to_owned(),
            submitted_at: f.datetime("submittedAt")?,
            working_hours: f.get("workingHours").map(json::working_hours).transpose()?,
            rework: match f.get("rework") {
                Some(v) => Some(Rework {
                    resubmit_after_working_days: match Fields::of(v, "rework", None)?
                        .get("resubmitAfterWorkingDays")
                    {
                        Some(n) => json::u32(n, "resubmitAfterWorkingDays")?,
                        None => 0,
                    },
                }),
                None => None,
            },
        })
    }

    /// An input with the policy's working hours and no rework.
    pub fn new(filing_type: FilingType, province: &str, submitted_at: NaiveDateTime) -> Self {
        Self {
            filing_type,
            change_scope: None,
            subject_kind: None,
            province: province.to_owned(),
            submitted_at,
            working_hours: None,
            rework: None,
        }
    }

    /// The input for `filing` submitted at `submitted_at`: its type, change scope, subject
    /// kind and province; `None` until the type is chosen.
    pub fn for_filing(filing: &Filing, submitted_at: NaiveDateTime) -> Option<Self> {
        Some(Self {
            change_scope: filing.change_scope,
            subject_kind: filing.subject.kind,
            ..Self::new(filing.filing_type?, &filing.province, submitted_at)
        })
    }
}

/// The optional member `key`, a slug `parse` reads; an unknown one is named with what was
/// `expected`.
fn optional_slug<T>(
    f: &Fields<'_>,
    key: &str,
    parse: fn(&str) -> Option<T>,
    expected: &str,
) -> Result<Option<T>, String> {
    f.get(key)
        .map(|v| {
            let slug = json::str(v, key)?;
            parse(slug).ok_or_else(|| format!("unknown {key} `{slug}`, expected {expected}"))
        })
        .transpose()
}

/// One rejection at the provider's review and a resubmission: a second 初审 cycle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rework {
    /// Working days the filer needs to fix and resubmit after the rejection (default 0: the same
    /// day).
    #[serde(default)]
    pub resubmit_after_working_days: u32,
}

/// A person who must answer the MIIT SMS verification (docs/sources.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SmsPerson {
    /// 主体负责人.
    SubjectPrincipal,
    /// 网站(互联网信息服务)负责人.
    WebsiteResponsible,
}

/// The persons who get the SMS for a filing type. For a change filing it depends on what
/// changes (principal for subject data, website responsible for website data, nobody for an
/// access-only change): with no scope given both are listed and an assumption says so.
pub fn sms_persons(filing_type: FilingType, change_scope: Option<ChangeScope>) -> Vec<SmsPerson> {
    match (filing_type, change_scope) {
        (FilingType::NewAccess, _) | (FilingType::Change, Some(ChangeScope::Services)) => {
            vec![SmsPerson::WebsiteResponsible]
        }
        (FilingType::Change, Some(ChangeScope::Subject)) => vec![SmsPerson::SubjectPrincipal],
        _ => vec![SmsPerson::SubjectPrincipal, SmsPerson::WebsiteResponsible],
    }
}

/// One stage on the three paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StageEstimate {
    /// The stage.
    pub stage: Stage,
    /// 1, or 2 for the provider review repeated after a rework.
    pub cycle: u32,
    /// Expected start (likely path).
    pub start: NaiveDate,
    /// Start on the late path.
    pub late_start: NaiveDate,
    /// End on the earliest path (minimum figures).
    pub earliest_end: NaiveDate,
    /// Likely end (typical figures).
    pub likely_end: NaiveDate,
    /// Late end (maximum figures).
    pub late_end: NaiveDate,
    /// The figures used, with their sources (working-day stages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<StageDurations>,
    /// The window in calendar hours (SMS stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_hours: Option<u32>,
    /// 管局 stage: the legal deadline counted from the likely start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_deadline: Option<NaiveDate>,
    /// 管局 stage: the legal deadline counted from the late start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_legal_deadline: Option<NaiveDate>,
}

/// The 管局's legal deadline: `working_days` working days after it receives the filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegalDeadline {
    /// The legal maximum (20).
    pub working_days: u32,
    /// Receipt on the likely path.
    pub likely_receipt: NaiveDate,
    /// Deadline on the likely path.
    pub likely: NaiveDate,
    /// Receipt on the late path.
    pub late_receipt: NaiveDate,
    /// Deadline on the late path.
    pub late: NaiveDate,
}

notice_codes! {
    /// What an estimate assumed; rendered by [`super::text`].
    AssumptionCode {
        /// The submission starts the day it is made (`submittedAt`, `start`).
        StartsOnSubmissionDay = "startsOnSubmissionDay",
        /// After the provider's hours: starts the next working day (`submittedAt`, `end`, `start`).
        StartsNextWorkingDayAfterHours = "startsNextWorkingDayAfterHours",
        /// On a day off: starts the next working day (`submittedAt`, `start`).
        StartsNextWorkingDayDayOff = "startsNextWorkingDayDayOff",
        /// How working days are counted.
        CountingRule = "countingRule",
        /// SMS to the subject principal and the website responsible (`hours`).
        SmsPersonsPrincipalAndWebsite = "smsPersonsPrincipalAndWebsite",
        /// SMS to the website responsible only (`hours`).
        SmsPersonsWebsiteOnly = "smsPersonsWebsiteOnly",
        /// Change of the subject's data: SMS to the subject principal only (`hours`).
        SmsPersonsChangeSubject = "smsPersonsChangeSubject",
        /// Change of a website's or APP's data: SMS to its responsible person only (`hours`).
        SmsPersonsChangeServices = "smsPersonsChangeServices",
        /// Change of both: SMS to the subject principal and the responsible person (`hours`).
        SmsPersonsChangeBoth = "smsPersonsChangeBoth",
        /// Change filing: who gets the SMS depends on what changes (`hours`).
        SmsPersonsDependOnChange = "smsPersonsDependOnChange",
        /// Likely path: code entered the day it arrives; late path: the full window (`hours`).
        SmsAnsweredSameDay = "smsAnsweredSameDay",
        /// A province figure replaced a default (`province`, `stage`, `figure`, `days`, `source`).
        ProvinceFigure = "provinceFigure",
        /// No province figures: defaults used (`province`).
        DefaultFigures = "defaultFigures",
        /// The province maximum exceeds the legal maximum (`province`, `max`, `legal`).
        BureauMaxAboveLegal = "bureauMaxAboveLegal",
        /// A figure comes from an old source (`stage`, `figure`, `days`, `source`).
        StaleFigure = "staleFigure",
        /// One rejection and resubmission added (`resubmitAfter`).
        Rework = "rework",
        /// Official holidays inside the estimate (`names`).
        HolidaysCrossed = "holidaysCrossed",
        /// Make-up working days counted as working days (`dates`).
        MakeUpDaysCounted = "makeUpDaysCounted",
        /// Years without an official schedule (`years`).
        ProvisionalYears = "provisionalYears",
    }
}

/// An assumption of an estimate.
pub type Assumption = Notice<AssumptionCode>;

/// The estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    /// 备案类型.
    pub filing_type: FilingType,
    /// The province-level code used (`"330000"`).
    pub province: String,
    /// When the order was submitted (CST).
    #[serde(with = "cst")]
    pub submitted_at: NaiveDateTime,
    /// The working hours applied.
    pub working_hours: WorkingHours,
    /// The day the provider's review starts.
    pub starts_on: NaiveDate,
    /// Who receives the MIIT SMS.
    pub sms_persons: Vec<SmsPerson>,
    /// The stages in order.
    pub stages: Vec<StageEstimate>,
    /// Completion on the earliest path.
    pub earliest_completion: NaiveDate,
    /// Likely completion (typical figures).
    pub likely_completion: NaiveDate,
    /// Late completion (maximum figures).
    pub late_completion: NaiveDate,
    /// The 管局's legal deadline.
    pub bureau_legal_deadline: LegalDeadline,
    /// Years the dates depend on; `provisional` when any has no official schedule.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// What the estimate assumed (render with [`Estimate::assumption_texts`]).
    pub assumptions: Vec<Assumption>,
}

impl Estimate {
    /// The assumptions in words.
    pub fn assumption_texts(&self, locale: crate::messages::Locale) -> Vec<String> {
        self.assumptions.iter().map(|a| a.render(locale)).collect()
    }

    /// The assumption that says who answers the MIIT SMS ([`Estimate::sms_persons`]).
    pub fn sms_assumption(&self) -> Option<&Assumption> {
        self.assumptions.iter().find(|a| {
            matches!(
                a.code,
                AssumptionCode::SmsPersonsPrincipalAndWebsite
                    | AssumptionCode::SmsPersonsWebsiteOnly
                    | AssumptionCode::SmsPersonsChangeSubject
                    | AssumptionCode::SmsPersonsChangeServices
                    | AssumptionCode::SmsPersonsChangeBoth
                    | AssumptionCode::SmsPersonsDependOnChange
            )
        })
    }
}

/// How a submission time maps to the day work starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StartRule {
    SameDay,
    AfterHours,
    DayOff,
}

/// A stage to chain, with working days to wait before it starts (rework).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlanItem {
    pub stage: Stage,
    pub cycle: u32,
    pub lead_in: u32,
}

/// The start of the next stage on each path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paths {
    pub earliest: NaiveDate,
    pub likely: NaiveDate,
    pub late: NaiveDate,
}

impl Paths {
    pub fn all(date: NaiveDate) -> Self {
        Self {
            earliest: date,
            likely: date,
            late: date,
        }
    }
}

/// Chains stages on the calendar and records which years it looked at.
pub(crate) struct Chainer<'a> {
    pub policy: &'a ReviewPolicy,
    pub calendar: &'a HolidayCalendar,
    pub province: &'a str,
    pub span: Option<YearSpan>,
}

impl<'a> Chainer<'a> {
    pub fn new(policy: &'a ReviewPolicy, calendar: &'a HolidayCalendar, province: &'a str) -> Self {
        Self {
            policy,
            calendar,
            province,
            span: None,
        }
    }

    pub fn add(&mut self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let (value, span) = self.calendar.add_working_days_span(date, n)?;
        self.span = YearSpan::union(self.span, span);
        Ok(value)
    }

    pub fn between(&mut self, a: NaiveDate, b: NaiveDate) -> Result<u32, CalendarError> {
        let (value, span) = self.calendar.working_days_between_span(a, b)?;
        self.span = YearSpan::union(self.span, span);
        Ok(value)
    }

    /// The day work on something handed over at `at` starts (working-hours rule).
    pub fn start_date(
        &mut self,
        at: NaiveDateTime,
        hours: &WorkingHours,
    ) -> Result<(NaiveDate, StartRule), CalendarError> {
        let date = at.date();
        let working = self.calendar.is_working_day_value(date)?;
        self.span = YearSpan::union(self.span, Some(YearSpan::of_dates(date, date)));
        if working && at.time() < hours.end {
            return Ok((date, StartRule::SameDay));
        }
        let next = self.add(date, 1)?;
        let rule = if working {
            StartRule::AfterHours
        } else {
            StartRule::DayOff
        };
        Ok((next, rule))
    }

    pub fn durations(&self, stage: Stage) -> Option<StageDurations> {
        self.policy.stage_durations(Some(self.province), stage)
    }

    /// One stage starting on `start` (before its lead-in).
    pub fn stage(&mut self, item: PlanItem, start: Paths) -> Result<StageEstimate, CalendarError> {
        let start = Paths {
            earliest: self.add(start.earliest, item.lead_in)?,
            likely: self.add(start.likely, item.lead_in)?,
            late: self.add(start.late, item.lead_in)?,
        };
        let mut estimate = StageEstimate {
            stage: item.stage,
            cycle: item.cycle,
            start: start.likely,
            late_start: start.late,
            earliest_end: start.earliest,
            likely_end: start.likely,
            late_end: start.late,
            working_days: None,
            window_hours: None,
            legal_deadline: None,
            late_legal_deadline: None,
        };
        match self.durations(item.stage) {
            Some(figures) => {
                estimate.earliest_end = self.add(start.earliest, figures.min.days)?;
                estimate.likely_end = self.add(start.likely, figures.typical.days)?;
                estimate.late_end = self.add(start.late, figures.max.days)?;
                estimate.working_days = Some(figures);
            }
            None => {
                let hours = self.policy.sms_window_hours.value;
                let days = u64::from(hours.div_ceil(24));
                estimate.late_end = start
                    .late
                    .checked_add_days(chrono::Days::new(days))
                    .filter(|d| *d <= LAST_DATE)
                    .ok_or(CalendarError::ResultOutOfRange { start: start.late })?;
                estimate.window_hours = Some(hours);
            }
        }
        if item.stage == Stage::BureauReview {
            let legal = self.policy.bureau_legal_max_working_days.value;
            estimate.legal_deadline = Some(self.add(start.likely, legal)?);
            estimate.late_legal_deadline = Some(self.add(start.late, legal)?);
        }
        Ok(estimate)
    }

    /// Chains `items` from `start`.
    pub fn chain(
        &mut self,
        items: &[PlanItem],
        start: Paths,
    ) -> Result<Vec<StageEstimate>, CalendarError> {
        let mut out = Vec::with_capacity(items.len());
        let mut next = start;
        for &item in items {
            let stage = self.stage(item, next)?;
            next = Paths {
                earliest: stage.earliest_end,
                likely: stage.likely_end,
                late: stage.late_end,
            };
            out.push(stage);
        }
        Ok(out)
    }
}

/// The stages from `from` to the end, in cycle `cycle`.
pub(crate) fn plan_from(from: Stage, cycle: u32) -> Vec<PlanItem> {
    Stage::ALL
        .into_iter()
        .filter(|s| *s >= from)
        .map(|stage| PlanItem {
            stage,
            cycle,
            lead_in: 0,
        })
        .collect()
}

fn plan(rework: Option<&Rework>) -> Vec<PlanItem> {
    let mut items = plan_from(Stage::ProviderReview, 1);
    if let Some(rework) = rework {
        items.insert(
            1,
            PlanItem {
                stage: Stage::ProviderReview,
                cycle: 2,
                lead_in: rework.resubmit_after_working_days,
            },
        );
    }
    items
}

/// Checks working hours and picks the input's or the policy's.
pub(crate) fn hours_of(
    input: &EstimateInput,
    policy: &ReviewPolicy,
) -> Result<WorkingHours, TimelineError> {
    let hours = input.working_hours.unwrap_or(policy.working_hours);
    if hours.start >= hours.end {
        return Err(TimelineError::InvalidWorkingHours {
            start: fmt_hhmm(hours.start),
            end: fmt_hhmm(hours.end),
        });
    }
    Ok(hours)
}

/// Estimates every stage of a filing submitted at `input.submitted_at`.
///
/// # Errors
///
/// [`TimelineError::InvalidProvince`] for a province that is not 6 digits,
/// [`TimelineError::InvalidWorkingHours`], and [`TimelineError::Calendar`] when a date falls
/// outside 1900–2200.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use icp_filing::calendar::HolidayCalendar;
/// use icp_filing::model::FilingType;
/// use icp_filing::timeline::{estimate, EstimateInput, ReviewPolicy};
///
/// let at = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(10, 0, 0).unwrap();
/// let input = EstimateInput::new(FilingType::First, "440000", at);
/// let est = estimate(&input, &ReviewPolicy::default(), &HolidayCalendar::official()).unwrap();
/// assert_eq!(est.starts_on, at.date());
/// assert!(est.likely_completion <= est.late_completion);
/// assert!(!est.provenance.provisional);
/// ```
pub fn estimate(
    input: &EstimateInput,
    policy: &ReviewPolicy,
    calendar: &HolidayCalendar,
) -> Result<Estimate, TimelineError> {
    let province = province_key(&input.province)?;
    let hours = hours_of(input, policy)?;
    let mut chainer = Chainer::new(policy, calendar, &province);
    let (starts_on, rule) = chainer.start_date(input.submitted_at, &hours)?;
    let stages = chainer.chain(&plan(input.rework.as_ref()), Paths::all(starts_on))?;
    let Some(last) = stages.last() else {
        return Err(CalendarError::ResultOutOfRange { start: starts_on }.into());
    };
    let (earliest_completion, likely_completion, late_completion) =
        (last.earliest_end, last.likely_end, last.late_end);
    let bureau_legal_deadline = legal_deadline(&stages, policy).unwrap_or(LegalDeadline {
        working_days: policy.bureau_legal_max_working_days.value,
        likely_receipt: starts_on,
        likely: starts_on,
        late_receipt: starts_on,
        late: starts_on,
    });
    let provenance = calendar.provenance(chainer.span);

    let mut assumptions = Vec::new();
    assumptions.push(start_assumption(
        input.submitted_at,
        starts_on,
        rule,
        &hours,
    ));
    assumptions.push(Assumption::new(AssumptionCode::CountingRule));
    assumptions.extend(sms_assumptions(input, policy));
    assumptions.extend(figure_assumptions(policy, &province, &stages));
    if let Some(rework) = &input.rework {
        assumptions.push(
            Assumption::new(AssumptionCode::Rework)
                .with("resubmitAfter", rework.resubmit_after_working_days),
        );
    }
    assumptions.extend(calendar_assumptions(
        calendar,
        input.submitted_at.date().min(starts_on),
        late_completion,
        &provenance,
    ));

    Ok(Estimate {
        filing_type: input.filing_type,
        province,
        submitted_at: input.submitted_at,
        working_hours: hours,
        starts_on,
        sms_persons: sms_persons(input.filing_type, input.change_scope),
        stages,
        earliest_completion,
        likely_completion,
        late_completion,
        bureau_legal_deadline,
        provenance,
        assumptions,
    })
}

fn legal_deadline(stages: &[StageEstimate], policy: &ReviewPolicy) -> Option<LegalDeadline> {
    let bureau = stages
        .iter()
        .rev()
        .find(|s| s.stage == Stage::BureauReview)?;
    Some(LegalDeadline {
        working_days: policy.bureau_legal_max_working_days.value,
        likely_receipt: bureau.start,
        likely: bureau.legal_deadline?,
        late_receipt: bureau.late_start,
        late: bureau.late_legal_deadline?,
    })
}

pub(crate) fn start_assumption(
    at: NaiveDateTime,
    start: NaiveDate,
    rule: StartRule,
    hours: &WorkingHours,
) -> Assumption {
    let code = match rule {
        StartRule::SameDay => AssumptionCode::StartsOnSubmissionDay,
        StartRule::AfterHours => AssumptionCode::StartsNextWorkingDayAfterHours,
        StartRule::DayOff => AssumptionCode::StartsNextWorkingDayDayOff,
    };
    let assumption = Assumption::new(code)
        .with("submittedAt", fmt_datetime(at))
        .with("start", start);
    if rule == StartRule::AfterHours {
        assumption.with("end", fmt_hhmm(hours.end))
    } else {
        assumption
    }
}

pub(crate) fn sms_assumptions(input: &EstimateInput, policy: &ReviewPolicy) -> Vec<Assumption> {
    let hours = policy.sms_window_hours.value;
    let persons = match (input.filing_type, input.change_scope) {
        (FilingType::First | FilingType::NewWebsite, _) => {
            AssumptionCode::SmsPersonsPrincipalAndWebsite
        }
        (FilingType::NewAccess, _) => AssumptionCode::SmsPersonsWebsiteOnly,
        (FilingType::Change, None) => AssumptionCode::SmsPersonsDependOnChange,
        (FilingType::Change, Some(ChangeScope::Subject)) => AssumptionCode::SmsPersonsChangeSubject,
        (FilingType::Change, Some(ChangeScope::Services)) => {
            AssumptionCode::SmsPersonsChangeServices
        }
        (FilingType::Change, Some(ChangeScope::Both)) => AssumptionCode::SmsPersonsChangeBoth,
    };
    // Who the subject principal is: the filer of a personal filing; named so only when the
    // subject kind is known.
    let principal = match input.subject_kind {
        Some(SubjectKind::Individual) => "individual",
        Some(_) => "unit",
        None => "either",
    };
    let persons = Assumption::new(persons).with("hours", hours);
    let persons = match persons.code {
        AssumptionCode::SmsPersonsPrincipalAndWebsite
        | AssumptionCode::SmsPersonsChangeSubject
        | AssumptionCode::SmsPersonsChangeBoth => persons.with("principal", principal),
        _ => persons,
    };
    vec![
        persons,
        Assumption::new(AssumptionCode::SmsAnsweredSameDay).with("hours", hours),
    ]
}

pub(crate) fn figure_assumptions(
    policy: &ReviewPolicy,
    province: &str,
    stages: &[StageEstimate],
) -> Vec<Assumption> {
    let mut out = Vec::new();
    let mut any_override = false;
    let mut seen = Vec::new();
    let label = province_label(policy, province);
    for stage in stages {
        if seen.contains(&stage.stage) {
            continue;
        }
        seen.push(stage.stage);
        let Some(figures) = &stage.working_days else {
            continue;
        };
        let overridden = policy.overridden(province, stage.stage);
        for (name, figure, is_override) in [
            ("min", &figures.min, overridden.min),
            ("typical", &figures.typical, overridden.typical),
            ("max", &figures.max, overridden.max),
        ] {
            if is_override {
                any_override = true;
                out.push(
                    Assumption::new(AssumptionCode::ProvinceFigure)
                        .with("province", &label)
                        .with("stage", stage.stage)
                        .with("figure", name)
                        .with("days", figure.days)
                        .with("source", &figure.source),
                );
            }
            if figure.stale && name != "min" {
                out.push(
                    Assumption::new(AssumptionCode::StaleFigure)
                        .with("stage", stage.stage)
                        .with("figure", name)
                        .with("days", figure.days)
                        .with("source", &figure.source),
                );
            }
        }
        if stage.stage == Stage::BureauReview {
            let legal = policy.bureau_legal_max_working_days.value;
            if figures.max.days > legal {
                out.push(
                    Assumption::new(AssumptionCode::BureauMaxAboveLegal)
                        .with("province", &label)
                        .with("max", figures.max.days)
                        .with("legal", legal),
                );
            }
        }
    }
    if !any_override {
        out.insert(
            0,
            Assumption::new(AssumptionCode::DefaultFigures).with("province", &label),
        );
    }
    out
}

/// `浙江` when the policy names the province, else the code (filers read these texts).
fn province_label(policy: &ReviewPolicy, province: &str) -> String {
    match policy.provinces.get(province) {
        Some(p) if !p.name.trim().is_empty() => p.name.trim().to_owned(),
        _ => province.to_owned(),
    }
}

pub(crate) fn calendar_assumptions(
    calendar: &HolidayCalendar,
    first: NaiveDate,
    last: NaiveDate,
    provenance: &Provenance,
) -> Vec<Assumption> {
    let mut out = Vec::new();
    let listed = calendar.listed_days_between(first, last);
    let mut names: Vec<&str> = Vec::new();
    let mut make_up: Vec<String> = Vec::new();
    for day in listed {
        if day.is_off_day {
            if !names.contains(&day.name.as_str()) {
                names.push(&day.name);
            }
        } else {
            make_up.push(day.date.to_string());
        }
    }
    if !names.is_empty() {
        out.push(Assumption::new(AssumptionCode::HolidaysCrossed).with("names", names.join("、")));
    }
    if !make_up.is_empty() {
        out.push(
            Assumption::new(AssumptionCode::MakeUpDaysCounted).with("dates", make_up.join(", ")),
        );
    }
    if provenance.provisional {
        let years: Vec<String> = provenance
            .provisional_years
            .iter()
            .map(i32::to_string)
            .collect();
        out.push(Assumption::new(AssumptionCode::ProvisionalYears).with("years", years.join(", ")));
    }
    out
}
