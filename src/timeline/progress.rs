//! The progress preview: where an order stands, given the events the provider reported.
//!
//! Events `{stage, status, at}` are read in list order. An event for a later stage implies that
//! the stages before it passed (their times unknown). A rejection sends the order back: after a
//! rejected SMS verification the provider resubmits (the next cycle starts at `submission`),
//! after any other rejection the filer fixes the order and it goes through the provider review
//! again. When the SMS window closes without a `passed` event, the window counts as missed.
//!
//! Problems with the events (unknown stage or status, duplicates, going back in time or in the
//! stage order, events after `now`) never stop the preview: the event is skipped and the
//! problem is listed in [`Progress::errors`].

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::estimate::{
    hours_of, plan_from, Chainer, EstimateInput, Paths, PlanItem, StageEstimate,
};
use super::json::{self, Fields};
use super::policy::{ReviewPolicy, WorkingHours};
use super::{cst, fmt_datetime, notice_codes, province_key, Notice, Stage, TimelineError};
use crate::calendar::{CalendarError, HolidayCalendar, Provenance, FIRST_DATE, LAST_DATE};

/// What the provider reported about a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EventStatus {
    /// The stage began.
    Started,
    /// The stage ended successfully.
    Passed,
    /// The stage ended with a rejection (or, for the SMS stage, a failed verification).
    Rejected,
}

impl EventStatus {
    /// The camelCase code.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Started => "started",
            EventStatus::Passed => "passed",
            EventStatus::Rejected => "rejected",
        }
    }

    /// Reads a code; `None` for anything else.
    pub fn parse(code: &str) -> Option<Self> {
        [Self::Started, Self::Passed, Self::Rejected]
            .into_iter()
            .find(|s| s.as_str() == code)
    }
}

/// One reported event. `stage` and `status` are kept as text so that an unknown value becomes
/// an error in the result rather than a failure to read the whole input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StageEvent {
    /// A [`Stage`] code, e.g. `"bureauReview"`.
    pub stage: String,
    /// `"started"`, `"passed"` or `"rejected"`.
    pub status: String,
    /// When it happened (CST).
    #[serde(with = "cst")]
    pub at: NaiveDateTime,
    /// What the reviewer named, on a `rejected` event (docs/http-contract.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<crate::rejections::RejectionReason>,
    /// The provider's own words for the filer (「工信部短信已发送…」), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl StageEvent {
    /// A typed event.
    pub fn new(stage: Stage, status: EventStatus, at: NaiveDateTime) -> Self {
        Self {
            stage: stage.as_str().to_owned(),
            status: status.as_str().to_owned(),
            at,
            reasons: Vec::new(),
            note: None,
        }
    }
}

/// The estimate's inputs plus the events and the current time.
///
/// JSON: the [`EstimateInput`] keys plus `events` (default none) and `now`; other keys are
/// ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressInput {
    /// Filing type, province, submission time, working hours (rework is used only before the
    /// submission; afterwards the events say what happened).
    #[serde(flatten)]
    pub estimate: EstimateInput,
    /// The provider's events, oldest first.
    pub events: Vec<StageEvent>,
    /// The current time (CST), supplied by the caller.
    #[serde(serialize_with = "cst::serialize")]
    pub now: NaiveDateTime,
}

impl<'de> Deserialize<'de> for ProgressInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::from_value(&Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl ProgressInput {
    /// Reads the JSON form from a parsed value (see [`super::json`]).
    fn from_value(value: &Value) -> Result<Self, String> {
        let f = Fields::of(value, "input", None)?;
        let mut events = Vec::new();
        if let Some(list) = f.get("events") {
            let list = list
                .as_array()
                .ok_or_else(|| json::expected("events", "a list"))?;
            for event in list {
                let e = Fields::of(event, "events", None)?;
                events.push(StageEvent {
                    stage: e.str("stage")?.to_owned(),
                    status: e.str("status")?.to_owned(),
                    at: e.datetime("at")?,
                    reasons: Vec::new(),
                    note: None,
                });
            }
        }
        Ok(Self {
            estimate: EstimateInput::from_value(value)?,
            events,
            now: f.datetime("now")?,
        })
    }
}

/// Where the order stands overall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ProgressStatus {
    /// `now` is before the submission time.
    NotSubmitted,
    /// A stage is under way.
    InProgress,
    /// Rejected (or SMS window missed): waiting for the order to be fixed and resubmitted.
    AwaitingResubmission,
    /// The result has reached the provider.
    Finished,
}

/// A stage's state in the current cycle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StageState {
    /// Passed.
    Done,
    /// Under way.
    Current,
    /// Not reached yet.
    #[default]
    Pending,
    /// Ended with a rejection.
    Rejected,
}

/// One stage of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StageProgress {
    /// The stage.
    pub stage: Stage,
    /// Its state.
    pub state: StageState,
    /// When it started, if known.
    #[serde(default, with = "cst::option", skip_serializing_if = "Option::is_none")]
    pub started_at: Option<NaiveDateTime>,
    /// When it ended, if known.
    #[serde(default, with = "cst::option", skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<NaiveDateTime>,
    /// Actual working days taken (done or rejected stages with known times).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_working_days: Option<u32>,
    /// Actual calendar hours taken (done or rejected stages with known times).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_hours: Option<u32>,
    /// Likely end (current and pending stages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely_end: Option<NaiveDate>,
    /// Late end (current and pending stages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_end: Option<NaiveDate>,
}

/// Working days left in the current stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemainingRange {
    /// Against the typical figure (0 when it is already exceeded).
    pub likely: u32,
    /// Against the maximum figure (0 when it is already exceeded).
    pub late: u32,
}

/// A rejection seen in the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejection {
    /// The stage that rejected.
    pub stage: Stage,
    /// The cycle it happened in.
    pub cycle: u32,
    /// When.
    #[serde(with = "cst")]
    pub at: NaiveDateTime,
}

notice_codes! {
    /// What the filer should see; rendered by [`super::text`].
    FlagCode {
        /// `now` is before the submission (`submittedAt`).
        NotYetSubmitted = "notYetSubmitted",
        /// The SMS window is open (`deadline`, `hoursLeft`, `minutesLeft`).
        SmsWindowOpen = "smsWindowOpen",
        /// The SMS window closed without verification (`deadline`).
        SmsWindowMissed = "smsWindowMissed",
        /// The 管局 review is past its legal maximum (`deadline`, `elapsed`, `legal`).
        BureauPastLegalDeadline = "bureauPastLegalDeadline",
        /// The current stage is past its late end (`stage`, `lateEnd`).
        StageOverdue = "stageOverdue",
        /// The order was rejected (`stage`, `at`).
        Rejected = "rejected",
        /// The result has reached the provider (`at`).
        Finished = "finished",
    }
}

notice_codes! {
    /// A problem with the reported events; rendered by [`super::text`]. `event` is 1-based.
    IssueCode {
        /// Unknown stage (`event`, `value`).
        UnknownStage = "unknownStage",
        /// Unknown status (`event`, `value`).
        UnknownStatus = "unknownStatus",
        /// The same event twice (`event`, `stage`, `status`).
        DuplicateEvent = "duplicateEvent",
        /// After `now` (`event`, `at`, `now`).
        EventInFuture = "eventInFuture",
        /// Before the submission (`event`, `at`, `submittedAt`).
        EventBeforeSubmission = "eventBeforeSubmission",
        /// Earlier than the event before it (`event`, `at`, `previous`).
        EventOutOfOrder = "eventOutOfOrder",
        /// For a stage already passed (`event`, `stage`, `current`).
        StageWentBack = "stageWentBack",
        /// A second `started` for the current stage (`event`, `stage`).
        StageAlreadyStarted = "stageAlreadyStarted",
        /// After the result was synced (`event`).
        EventAfterFinish = "eventAfterFinish",
        /// Outside the calendar's 1900–2200 range (`event`, `at`).
        EventOutOfRange = "eventOutOfRange",
    }
}

/// A flag of the preview.
pub type ProgressFlag = Notice<FlagCode>;
/// A problem with an event.
pub type EventIssue = Notice<IssueCode>;

/// The preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Overall status.
    pub status: ProgressStatus,
    /// The stage under way, or the one that rejected while awaiting resubmission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_stage: Option<Stage>,
    /// 1 + the number of resubmissions seen.
    pub cycle: u32,
    /// All five stages, in order, for the current cycle.
    pub stages: Vec<StageProgress>,
    /// Working days elapsed in the current stage (after the day it started, up to today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_working_days: Option<u32>,
    /// Working days left in the current stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_working_days: Option<RemainingRange>,
    /// SMS stage under way: when the 24-hour window closes.
    #[serde(default, with = "cst::option", skip_serializing_if = "Option::is_none")]
    pub sms_deadline: Option<NaiveDateTime>,
    /// The 管局's legal deadline (actual when the review is under way, else on the likely path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bureau_legal_deadline: Option<NaiveDate>,
    /// Past the current stage's late end or the legal deadline.
    pub overdue: bool,
    /// Re-estimate of the current and the remaining stages (a new cycle when awaiting
    /// resubmission, assuming it happens now).
    pub remaining_stages: Vec<StageEstimate>,
    /// Likely completion of the re-estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely_completion: Option<NaiveDate>,
    /// Late completion of the re-estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_completion: Option<NaiveDate>,
    /// Rejections seen, oldest first.
    pub rejections: Vec<Rejection>,
    /// What the filer should see.
    pub flags: Vec<ProgressFlag>,
    /// Problems with the events (each skipped event has one).
    pub errors: Vec<EventIssue>,
    /// Years the dates depend on.
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Copy, Default)]
struct Record {
    state: StageState,
    started: Option<NaiveDateTime>,
    explicit_start: bool,
    ended: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy)]
enum Phase {
    InProgress(usize),
    Awaiting {
        rejected: usize,
        restart: usize,
        at: NaiveDateTime,
    },
    Finished(NaiveDateTime),
}

const STAGES: usize = Stage::ALL.len();

fn stage_at(index: usize) -> Stage {
    Stage::ALL.get(index).copied().unwrap_or(Stage::ResultSync)
}

/// Where an order restarts after a rejection at `stage`.
fn restart_after(stage: usize) -> usize {
    if stage_at(stage) == Stage::SmsVerification {
        Stage::Submission.index()
    } else {
        Stage::ProviderReview.index()
    }
}

/// Computes the progress preview.
///
/// # Errors
///
/// [`TimelineError::InvalidProvince`], [`TimelineError::InvalidWorkingHours`], or
/// [`TimelineError::Calendar`] when the submission time or `now` is outside 1900–2200. Problems
/// with the events are reported in [`Progress::errors`], not as an error.
pub fn progress(
    input: &ProgressInput,
    policy: &ReviewPolicy,
    calendar: &HolidayCalendar,
) -> Result<Progress, TimelineError> {
    let province = province_key(&input.estimate.province)?;
    let hours = hours_of(&input.estimate, policy)?;
    let submitted_at = input.estimate.submitted_at;
    let now = input.now;
    for at in [submitted_at, now] {
        if !(FIRST_DATE..=LAST_DATE).contains(&at.date()) {
            return Err(CalendarError::OutOfRange { date: at.date() }.into());
        }
    }

    let mut state = Replay::new(submitted_at);
    for (index, event) in input.events.iter().enumerate() {
        if let Err(issue) = state.apply(index + 1, event, now, submitted_at) {
            state.errors.push(issue);
        }
    }

    let mut chainer = Chainer::new(policy, calendar, &province);
    let mut out = Progress {
        status: ProgressStatus::InProgress,
        current_stage: None,
        cycle: state.cycle,
        stages: Vec::new(),
        elapsed_working_days: None,
        remaining_working_days: None,
        sms_deadline: None,
        bureau_legal_deadline: None,
        overdue: false,
        remaining_stages: Vec::new(),
        likely_completion: None,
        late_completion: None,
        rejections: state.rejections.clone(),
        flags: Vec::new(),
        errors: std::mem::take(&mut state.errors),
        provenance: Provenance::default(),
    };

    let sms_window = Duration::hours(i64::from(policy.sms_window_hours.value));
    if now < submitted_at {
        out.status = ProgressStatus::NotSubmitted;
        state.records[0] = Record::default();
        out.flags.push(
            ProgressFlag::new(FlagCode::NotYetSubmitted)
                .with("submittedAt", fmt_datetime(submitted_at)),
        );
        let (start, _) = chainer.start_date(submitted_at, &hours)?;
        let mut items = plan_from(Stage::ProviderReview, 1);
        if let Some(rework) = &input.estimate.rework {
            items.insert(
                1,
                PlanItem {
                    stage: Stage::ProviderReview,
                    cycle: 2,
                    lead_in: rework.resubmit_after_working_days,
                },
            );
        }
        out.remaining_stages = chainer.chain(&items, Paths::all(start))?;
    } else {
        // An SMS window that closed without a pass is a miss: the order goes back.
        if let Phase::InProgress(p) = state.phase {
            if stage_at(p) == Stage::SmsVerification {
                let opened = state.records[p].started.unwrap_or(state.last_at);
                let deadline = opened + sms_window;
                if now >= deadline {
                    state.records[p].state = StageState::Rejected;
                    state.records[p].ended = Some(deadline);
                    state.phase = Phase::Awaiting {
                        rejected: p,
                        restart: restart_after(p),
                        at: deadline,
                    };
                    out.flags.push(
                        ProgressFlag::new(FlagCode::SmsWindowMissed)
                            .with("deadline", fmt_datetime(deadline)),
                    );
                }
            }
        }
        match state.phase {
            Phase::Finished(at) => {
                out.status = ProgressStatus::Finished;
                out.flags
                    .push(ProgressFlag::new(FlagCode::Finished).with("at", fmt_datetime(at)));
            }
            Phase::Awaiting {
                rejected,
                restart,
                at,
            } => {
                out.status = ProgressStatus::AwaitingResubmission;
                out.current_stage = Some(stage_at(rejected));
                if !out
                    .flags
                    .iter()
                    .any(|f| f.code == FlagCode::SmsWindowMissed)
                {
                    out.flags.push(
                        ProgressFlag::new(FlagCode::Rejected)
                            .with("stage", stage_at(rejected))
                            .with("at", fmt_datetime(at)),
                    );
                }
                let (start, _) = chainer.start_date(now.max(at), &hours)?;
                out.remaining_stages = chainer.chain(
                    &plan_from(stage_at(restart), state.cycle + 1),
                    Paths::all(start),
                )?;
            }
            Phase::InProgress(p) => {
                out.status = ProgressStatus::InProgress;
                out.current_stage = Some(stage_at(p));
                let started = state.records[p].started.unwrap_or(state.last_at);
                current_stage(
                    &mut out,
                    &mut chainer,
                    &hours,
                    p,
                    started,
                    now,
                    state.cycle,
                    sms_window,
                )?;
            }
        }
    }

    if out.bureau_legal_deadline.is_none() {
        out.bureau_legal_deadline = out
            .remaining_stages
            .iter()
            .find(|s| s.stage == Stage::BureauReview)
            .and_then(|s| s.legal_deadline);
    }
    if let Some(last) = out.remaining_stages.last() {
        out.likely_completion = Some(last.likely_end);
        out.late_completion = Some(last.late_end);
    }
    out.stages = stage_list(&state, &out.remaining_stages, &mut chainer, &hours)?;
    out.provenance = calendar.provenance(chainer.span);
    Ok(out)
}

/// Fills the current-stage fields and re-estimates the rest.
#[allow(clippy::too_many_arguments)]
fn current_stage(
    out: &mut Progress,
    chainer: &mut Chainer<'_>,
    hours: &WorkingHours,
    p: usize,
    started: NaiveDateTime,
    now: NaiveDateTime,
    cycle: u32,
    sms_window: Duration,
) -> Result<(), TimelineError> {
    let stage = stage_at(p);
    let today = now.date();
    let (base, _) = chainer.start_date(started, hours)?;
    let elapsed = chainer.between(base, today)?;
    let mut current = StageEstimate {
        stage,
        cycle,
        start: base,
        late_start: base,
        earliest_end: base,
        likely_end: base,
        late_end: base,
        working_days: None,
        window_hours: None,
        legal_deadline: None,
        late_legal_deadline: None,
    };
    match chainer.durations(stage) {
        Some(figures) => {
            out.elapsed_working_days = Some(elapsed);
            out.remaining_working_days = Some(RemainingRange {
                likely: figures.typical.days.saturating_sub(elapsed),
                late: figures.max.days.saturating_sub(elapsed),
            });
            let late_end = chainer.add(base, figures.max.days)?;
            current.earliest_end = chainer.add(base, figures.min.days)?.max(today);
            current.likely_end = chainer.add(base, figures.typical.days)?.max(today);
            current.late_end = late_end.max(today);
            current.working_days = Some(figures);
            if today > late_end {
                out.overdue = true;
                out.flags.push(
                    ProgressFlag::new(FlagCode::StageOverdue)
                        .with("stage", stage)
                        .with("lateEnd", late_end),
                );
            }
        }
        None => {
            let deadline = started + sms_window;
            let left = (deadline - now).num_minutes().max(0);
            out.sms_deadline = Some(deadline);
            out.flags.push(
                ProgressFlag::new(FlagCode::SmsWindowOpen)
                    .with("deadline", fmt_datetime(deadline))
                    .with("hoursLeft", left / 60)
                    .with("minutesLeft", left % 60),
            );
            current.earliest_end = today;
            current.likely_end = today;
            current.late_end = deadline.date().max(today);
            current.window_hours = u32::try_from(sms_window.num_hours()).ok();
        }
    }
    if stage == Stage::BureauReview {
        let legal_days = chainer.policy.bureau_legal_max_working_days.value;
        let deadline = chainer.add(base, legal_days)?;
        current.legal_deadline = Some(deadline);
        current.late_legal_deadline = Some(deadline);
        out.bureau_legal_deadline = Some(deadline);
        if today > deadline {
            out.overdue = true;
            out.flags.push(
                ProgressFlag::new(FlagCode::BureauPastLegalDeadline)
                    .with("deadline", deadline)
                    .with("elapsed", elapsed)
                    .with("legal", legal_days),
            );
        }
    }
    let next = Paths {
        earliest: current.earliest_end,
        likely: current.likely_end,
        late: current.late_end,
    };
    let mut remaining = vec![current];
    if p + 1 < STAGES {
        remaining.extend(chainer.chain(&plan_from(stage_at(p + 1), cycle), next)?);
    }
    out.remaining_stages = remaining;
    Ok(())
}

fn stage_list(
    state: &Replay,
    remaining: &[StageEstimate],
    chainer: &mut Chainer<'_>,
    hours: &WorkingHours,
) -> Result<Vec<StageProgress>, TimelineError> {
    let mut list = Vec::with_capacity(STAGES);
    for (index, record) in state.records.iter().enumerate() {
        let stage = stage_at(index);
        let mut item = StageProgress {
            stage,
            state: record.state,
            started_at: record.started,
            ended_at: record.ended,
            actual_working_days: None,
            actual_hours: None,
            likely_end: None,
            late_end: None,
        };
        if let (Some(start), Some(end)) = (record.started, record.ended) {
            let (base, _) = chainer.start_date(start, hours)?;
            item.actual_working_days = Some(chainer.between(base, end.date())?);
            item.actual_hours = u32::try_from((end - start).num_hours()).ok();
        }
        if matches!(record.state, StageState::Current | StageState::Pending) {
            if let Some(est) = remaining.iter().find(|s| s.stage == stage) {
                item.likely_end = Some(est.likely_end);
                item.late_end = Some(est.late_end);
            }
        }
        list.push(item);
    }
    Ok(list)
}

/// The events replayed into per-stage records.
struct Replay {
    records: [Record; STAGES],
    phase: Phase,
    cycle: u32,
    last_at: NaiveDateTime,
    accepted: Vec<(Stage, EventStatus, NaiveDateTime)>,
    rejections: Vec<Rejection>,
    errors: Vec<EventIssue>,
}

impl Replay {
    fn new(submitted_at: NaiveDateTime) -> Self {
        let mut records = [Record::default(); STAGES];
        records[0] = Record {
            state: StageState::Current,
            started: Some(submitted_at),
            explicit_start: false,
            ended: None,
        };
        Self {
            records,
            phase: Phase::InProgress(0),
            cycle: 1,
            last_at: submitted_at,
            accepted: Vec::new(),
            rejections: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn apply(
        &mut self,
        number: usize,
        event: &StageEvent,
        now: NaiveDateTime,
        submitted_at: NaiveDateTime,
    ) -> Result<(), EventIssue> {
        let issue = |code| EventIssue::new(code).with("event", number);
        let stage = Stage::parse(event.stage.trim())
            .ok_or_else(|| issue(IssueCode::UnknownStage).with("value", &event.stage))?;
        let status = EventStatus::parse(event.status.trim())
            .ok_or_else(|| issue(IssueCode::UnknownStatus).with("value", &event.status))?;
        let at = event.at;
        if !(FIRST_DATE..=LAST_DATE).contains(&at.date()) {
            return Err(issue(IssueCode::EventOutOfRange).with("at", fmt_datetime(at)));
        }
        // Accepted events are chronological: only those at `at` or later can repeat this one.
        let repeated = self
            .accepted
            .iter()
            .rev()
            .take_while(|(_, _, seen)| *seen >= at)
            .any(|seen| *seen == (stage, status, at));
        if repeated {
            return Err(issue(IssueCode::DuplicateEvent)
                .with("stage", stage)
                .with("status", status.as_str()));
        }
        if at > now {
            return Err(issue(IssueCode::EventInFuture)
                .with("at", fmt_datetime(at))
                .with("now", fmt_datetime(now)));
        }
        if at < submitted_at {
            return Err(issue(IssueCode::EventBeforeSubmission)
                .with("at", fmt_datetime(at))
                .with("submittedAt", fmt_datetime(submitted_at)));
        }
        if at < self.last_at {
            return Err(issue(IssueCode::EventOutOfOrder)
                .with("at", fmt_datetime(at))
                .with("previous", fmt_datetime(self.last_at)));
        }
        let j = stage.index();
        let (p, new_cycle) = match self.phase {
            Phase::Finished(_) => return Err(issue(IssueCode::EventAfterFinish)),
            Phase::Awaiting { restart, .. } => {
                if j < restart {
                    return Err(issue(IssueCode::StageWentBack)
                        .with("stage", stage)
                        .with("current", stage_at(restart)));
                }
                (restart, true)
            }
            Phase::InProgress(p) => {
                if j < p {
                    return Err(issue(IssueCode::StageWentBack)
                        .with("stage", stage)
                        .with("current", stage_at(p)));
                }
                let record = self.records[p];
                if j == p && status == EventStatus::Started && record.explicit_start {
                    return Err(issue(IssueCode::StageAlreadyStarted).with("stage", stage));
                }
                (p, false)
            }
        };

        if new_cycle {
            self.cycle += 1;
            for record in self.records.iter_mut().skip(p) {
                *record = Record::default();
            }
        }
        // Stages skipped over passed at unknown times.
        for record in self.records.iter_mut().take(j).skip(p) {
            record.state = StageState::Done;
        }
        if j > p {
            self.records[j] = Record::default();
        }
        let record = &mut self.records[j];
        match status {
            EventStatus::Started => {
                *record = Record {
                    state: StageState::Current,
                    started: Some(at),
                    explicit_start: true,
                    ended: None,
                };
                self.phase = Phase::InProgress(j);
            }
            EventStatus::Passed => {
                record.state = StageState::Done;
                record.ended = Some(at);
                if j + 1 >= STAGES {
                    self.phase = Phase::Finished(at);
                } else {
                    self.records[j + 1] = Record {
                        state: StageState::Current,
                        started: Some(at),
                        explicit_start: false,
                        ended: None,
                    };
                    self.phase = Phase::InProgress(j + 1);
                }
            }
            EventStatus::Rejected => {
                record.state = StageState::Rejected;
                record.ended = Some(at);
                self.phase = Phase::Awaiting {
                    rejected: j,
                    restart: restart_after(j),
                    at,
                };
                self.rejections.push(Rejection {
                    stage,
                    cycle: self.cycle,
                    at,
                });
            }
        }
        self.last_at = at;
        self.accepted.push((stage, status, at));
        Ok(())
    }
}

#[cfg(test)]
mod json_tests {
    use super::*;
    use crate::model::FilingType;
    use crate::timeline::Rework;

    fn at(text: &str) -> NaiveDateTime {
        crate::dates::parse_cst_datetime(text).expect("test date-time")
    }

    #[test]
    fn inputs_read_back_what_they_write() {
        let mut estimate = EstimateInput::new(FilingType::Change, "330106", at("2026-03-02T10:00"));
        estimate.working_hours = Some(WorkingHours {
            start: chrono::NaiveTime::from_hms_opt(8, 30, 0).expect("time"),
            end: chrono::NaiveTime::from_hms_opt(17, 0, 0).expect("time"),
        });
        estimate.rework = Some(Rework {
            resubmit_after_working_days: 2,
        });
        let input = ProgressInput {
            estimate,
            events: vec![StageEvent::new(
                Stage::ProviderReview,
                EventStatus::Passed,
                at("2026-03-03T09:00"),
            )],
            now: at("2026-03-04T12:00"),
        };
        let text = serde_json::to_string(&input).expect("serializes");
        let back: ProgressInput = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, input);
        let estimate: EstimateInput = serde_json::from_str(&text).expect("extra keys ignored");
        assert_eq!(estimate, input.estimate);
    }

    #[test]
    fn bad_inputs_name_the_key() {
        let base =
            r#""filingType": "first", "province": "440000", "submittedAt": "2026-03-02T10:00""#;
        let cases = [
            (format!("{{{base}}}"), "now"),
            (format!("{{{base}, \"now\": 5}}"), "now"),
            (
                r#"{"filingType": "second", "province": "440000", "submittedAt": "2026-03-02T10:00", "now": "2026-03-02T10:00"}"#.to_owned(),
                "second",
            ),
            (
                format!("{{{base}, \"now\": \"2026-03-02T10:00\", \"workingHours\": {{\"start\": \"09:00\", \"end\": \"18:00\", \"lunch\": 1}}}}"),
                "lunch",
            ),
            (
                format!("{{{base}, \"now\": \"2026-03-02T10:00\", \"events\": [{{\"stage\": \"submission\", \"status\": \"passed\", \"at\": \"soon\"}}]}}"),
                "soon",
            ),
            (
                format!("{{{base}, \"now\": \"2026-03-02T10:00\", \"rework\": {{\"resubmitAfterWorkingDays\": -1}}}}"),
                "resubmitAfterWorkingDays",
            ),
            ("[]".to_owned(), "object"),
        ];
        for (json, needle) in cases {
            let err = serde_json::from_str::<ProgressInput>(&json).expect_err(&json);
            assert!(err.to_string().contains(needle), "{json}: {err}");
        }
    }
}
