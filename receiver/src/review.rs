//! Review events of a stored filing, in the format of the core's progress preview
//! (`icp_filing::timeline::StageEvent`: `{stage, status, at}`), and the demo's walk through
//! the stages (docs/sources.md §1.2).

use chrono::{Datelike, NaiveDateTime};
use icp_filing::timeline::{EventStatus, Stage};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// One event as the status endpoint returns it. `stage` and `status` are the core's codes;
/// `at` is RFC 3339 in China Standard Time (`2026-03-02T10:15:00+08:00`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewEvent {
    pub stage: String,
    pub status: String,
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the reviewer named, on a `rejected` event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<icp_filing::rejections::RejectionReason>,
}

/// What the demo should report next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// The next step of a successful review.
    #[default]
    Passed,
    /// The stage under way rejects the order.
    Rejected,
}

/// Why the demo cannot add an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AdvanceError {
    #[error("the review is finished: the result has reached the provider")]
    Finished,
    #[error("the order is awaiting resubmission; only a passing step can follow a rejection")]
    AlreadyRejected,
    #[error("the stage {0} does not reject orders")]
    CannotReject(Stage),
    #[error("a stored event has an unknown stage or status")]
    UnknownEvent,
}

/// `2026-03-02T10:15:00+08:00` for a CST wall-clock time.
pub fn format_cst(at: NaiveDateTime) -> String {
    format!("{}+08:00", icp_filing::dates::format_datetime(at))
}

/// The event that follows `last` (the latest stored one, as `(stage, status)` codes).
///
/// A passing walk: provider review started → passed → submission to the 管局 passed → MIIT
/// SMS verification started → passed → 管局 review started → passed → result synced (passed).
/// A rejection at the provider review or the 管局 review restarts at the provider review; a
/// failed SMS verification restarts at the submission (docs/sources.md §1.2 stage 4).
///
/// # Errors
/// [`AdvanceError`] when the review is finished, when a rejection follows a rejection, when
/// the stage under way is not one that rejects, or when `last` holds unknown codes.
pub fn next_event(
    last: Option<(&str, &str)>,
    outcome: Outcome,
) -> Result<(Stage, EventStatus), AdvanceError> {
    let last = match last {
        None => None,
        Some((stage, status)) => Some((
            Stage::parse(stage).ok_or(AdvanceError::UnknownEvent)?,
            EventStatus::parse(status).ok_or(AdvanceError::UnknownEvent)?,
        )),
    };
    // The stage under way and whether its start was reported.
    let (current, started) = match last {
        None => (Stage::ProviderReview, false),
        Some((stage, EventStatus::Started)) => (stage, true),
        Some((Stage::ResultSync, EventStatus::Passed)) => return Err(AdvanceError::Finished),
        Some((stage, EventStatus::Passed)) => {
            let next = Stage::ALL
                .get(stage.index() + 1)
                .copied()
                .ok_or(AdvanceError::Finished)?;
            (next, false)
        }
        Some((stage, EventStatus::Rejected)) => {
            if outcome == Outcome::Rejected {
                return Err(AdvanceError::AlreadyRejected);
            }
            return Ok((restart_after(stage), EventStatus::Started));
        }
    };
    match outcome {
        Outcome::Rejected => match current {
            Stage::ProviderReview | Stage::SmsVerification | Stage::BureauReview => {
                Ok((current, EventStatus::Rejected))
            }
            other => Err(AdvanceError::CannotReject(other)),
        },
        Outcome::Passed if started => Ok((current, EventStatus::Passed)),
        // Reviews and the SMS window report their start; the provider's submission and the
        // result sync are single steps.
        Outcome::Passed => match current {
            Stage::ProviderReview | Stage::SmsVerification | Stage::BureauReview => {
                Ok((current, EventStatus::Started))
            }
            Stage::Submission | Stage::ResultSync => Ok((current, EventStatus::Passed)),
        },
    }
}

/// Where an order goes after a rejection at `stage`: the same rule as the core's progress
/// preview (a failed SMS verification is resubmitted by the provider).
pub fn restart_after(stage: Stage) -> Stage {
    if stage == Stage::SmsVerification {
        Stage::Submission
    } else {
        Stage::ProviderReview
    }
}

/// The note the demo attaches to an event.
pub fn note_for(stage: Stage, status: EventStatus, filing_number: Option<&str>) -> Option<String> {
    match (stage, status) {
        (Stage::SmsVerification, EventStatus::Started) => {
            Some("工信部短信已发送（12381），请在24小时内完成核验".to_owned())
        }
        (Stage::ResultSync, EventStatus::Passed) => {
            filing_number.map(|n| format!("已取得备案号 {n}"))
        }
        (_, EventStatus::Rejected) => Some("审核驳回，请按驳回原因修改后重新提交".to_owned()),
        _ => None,
    }
}

/// A subject filing number in the form of docs/sources.md §1.3: province abbreviation, `ICP备`,
/// the year and six digits taken from the filing id, `号` — e.g. `京ICP备2026012345号`.
/// Another `attempt` gives another number, for when that one is taken.
pub fn filing_number(abbr: &str, at: NaiveDateTime, filing_id: &str, attempt: u32) -> String {
    let mut hasher = Sha256::new();
    hasher.update(filing_id.as_bytes());
    if attempt > 0 {
        hasher.update(attempt.to_be_bytes());
    }
    let digest = hasher.finalize();
    let n = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 1_000_000;
    format!("{abbr}ICP备{:04}{n:06}号", at.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(steps: &[Outcome]) -> Result<Vec<(Stage, EventStatus)>, AdvanceError> {
        let mut events: Vec<(Stage, EventStatus)> = Vec::new();
        for &outcome in steps {
            let last = events.last().map(|(s, st)| (s.as_str(), st.as_str()));
            events.push(next_event(last, outcome)?);
        }
        Ok(events)
    }

    #[test]
    fn a_passing_walk_goes_through_every_stage_then_stops() {
        use EventStatus::{Passed, Started};
        use Stage::*;
        let events = walk(&[Outcome::Passed; 8]).unwrap();
        assert_eq!(
            events,
            [
                (ProviderReview, Started),
                (ProviderReview, Passed),
                (Submission, Passed),
                (SmsVerification, Started),
                (SmsVerification, Passed),
                (BureauReview, Started),
                (BureauReview, Passed),
                (ResultSync, Passed),
            ]
        );
        assert_eq!(
            walk(&[Outcome::Passed; 9]),
            Err(AdvanceError::Finished),
            "nothing follows the result"
        );
    }

    #[test]
    fn rejections_restart_where_the_core_restarts() {
        use EventStatus::{Passed, Rejected, Started};
        use Stage::*;
        let p = Outcome::Passed;
        let r = Outcome::Rejected;
        // Rejected at the provider review: back to the provider review.
        let events = walk(&[p, r, p]).unwrap();
        assert_eq!(events[1], (ProviderReview, Rejected));
        assert_eq!(events[2], (ProviderReview, Started));
        // Failed SMS verification: the provider resubmits.
        let events = walk(&[p, p, p, p, r, p, p]).unwrap();
        assert_eq!(events[4], (SmsVerification, Rejected));
        assert_eq!(events[5], (Submission, Started));
        assert_eq!(events[6], (Submission, Passed));
        // A 管局 rejection right after the SMS passed rejects the implied review.
        let events = walk(&[p, p, p, p, p, r]).unwrap();
        assert_eq!(events[5], (BureauReview, Rejected));
    }

    #[test]
    fn impossible_rejections_are_refused() {
        let p = Outcome::Passed;
        let r = Outcome::Rejected;
        assert_eq!(walk(&[p, r, r]), Err(AdvanceError::AlreadyRejected));
        assert_eq!(
            walk(&[p, p, r]),
            Err(AdvanceError::CannotReject(Stage::Submission))
        );
        assert_eq!(
            next_event(Some(("resultSync", "passed")), r),
            Err(AdvanceError::Finished)
        );
        assert_eq!(
            next_event(Some(("approval", "passed")), p),
            Err(AdvanceError::UnknownEvent)
        );
    }

    #[test]
    fn filing_numbers_have_the_subject_number_form() {
        let at = icp_filing::dates::parse_cst_datetime("2026-03-02T10:15:00").unwrap();
        let number = filing_number("京", at, "icpf_0123456789abcdef01234567", 0);
        let digits: String = number
            .trim_start_matches("京ICP备")
            .trim_end_matches('号')
            .to_owned();
        assert!(number.starts_with("京ICP备2026"), "{number}");
        assert_eq!(digits.len(), 10, "{number}");
        assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{number}");
        assert_eq!(
            number,
            filing_number("京", at, "icpf_0123456789abcdef01234567", 0)
        );
        assert_ne!(
            number,
            filing_number("京", at, "icpf_0123456789abcdef01234567", 1)
        );
        assert_eq!(format_cst(at), "2026-03-02T10:15:00+08:00");
    }
}
