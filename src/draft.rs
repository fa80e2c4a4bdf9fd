//! Saved drafts: the filing as typed, the section the filer was on, when it was saved and
//! when it stops being offered as current (45 days, the age at which providers delete an
//! order that saw no update, docs/sources.md §1.2 "Other timing facts").
//!
//! Times are China Standard Time wall clocks written as RFC 3339 with `+08:00`. The browser
//! reads the clock; this module only encodes, decodes and compares.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::dates::{format_datetime, parse_cst_datetime};
use crate::model::{parse_filing, Filing};

/// Days a draft stays current.
pub const DRAFT_LIFETIME_DAYS: i64 = 45;

/// What is written to storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    draft_version: u32,
    saved_at: String,
    expires_at: String,
    section: String,
    filing: Value,
}

/// A draft read back from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedDraft {
    pub filing: Filing,
    /// The section slug the filer was on (`subject`); empty when unknown.
    pub section: String,
    /// When it was saved (CST); `None` for a draft written without a date.
    pub saved_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    /// Older than [`DRAFT_LIFETIME_DAYS`]: offered, but flagged.
    pub expired: bool,
}

fn rfc3339(at: NaiveDateTime) -> String {
    format!("{}+08:00", format_datetime(at))
}

/// The storage text for `filing`, saved at `now` (CST) while on `section`.
pub fn encode(filing: &Filing, section: &str, now: NaiveDateTime) -> String {
    let envelope = Envelope {
        draft_version: 1,
        saved_at: rfc3339(now),
        expires_at: rfc3339(now + Duration::days(DRAFT_LIFETIME_DAYS)),
        section: section.to_owned(),
        filing: serde_json::to_value(filing).unwrap_or(Value::Null),
    };
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// Reads a stored draft at `now` (CST). Accepts the envelope and a bare filing (what a host
/// may have written itself). `None` when the text is neither.
pub fn decode(text: &str, now: NaiveDateTime) -> Option<SavedDraft> {
    if let Ok(envelope) = serde_json::from_str::<Envelope>(text) {
        let filing = parse_filing(&envelope.filing.to_string()).ok()?;
        let saved_at = parse_cst_datetime(&envelope.saved_at).ok();
        let expires_at = parse_cst_datetime(&envelope.expires_at).ok();
        return Some(SavedDraft {
            filing,
            section: envelope.section,
            saved_at,
            expires_at,
            expired: expires_at.is_some_and(|at| at <= now),
        });
    }
    let filing = parse_filing(text).ok()?;
    Some(SavedDraft {
        filing,
        section: String::new(),
        saved_at: None,
        expires_at: None,
        expired: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_cst_datetime;

    fn at(text: &str) -> NaiveDateTime {
        parse_cst_datetime(text).unwrap()
    }

    #[test]
    fn a_draft_round_trips_with_its_section_and_dates() {
        let mut filing = Filing::default();
        filing.subject.name = "张三".into();
        let text = encode(&filing, "subject", at("2026-11-28T10:00:00"));
        assert!(text.contains("\"savedAt\":\"2026-11-28T10:00:00+08:00\""));
        assert!(text.contains("\"expiresAt\":\"2027-01-12T10:00:00+08:00\""));
        let draft = decode(&text, at("2026-12-01T09:00:00")).unwrap();
        assert_eq!(draft.filing, filing);
        assert_eq!(draft.section, "subject");
        assert_eq!(draft.saved_at, Some(at("2026-11-28T10:00:00")));
        assert!(!draft.expired);
    }

    #[test]
    fn a_draft_older_than_45_days_is_flagged_not_dropped() {
        let text = encode(&Filing::default(), "basics", at("2026-01-01T08:00:00"));
        let draft = decode(&text, at("2026-02-15T08:00:00")).unwrap();
        assert!(draft.expired);
        let draft = decode(&text, at("2026-02-15T07:59:59")).unwrap();
        assert!(!draft.expired);
    }

    #[test]
    fn a_bare_filing_is_accepted_and_garbage_is_not() {
        let draft = decode(
            r#"{"schemaVersion":1,"province":"110000"}"#,
            at("2026-11-28T10:00"),
        )
        .unwrap();
        assert_eq!(draft.filing.province, "110000");
        assert_eq!(draft.saved_at, None);
        assert!(decode("not json", at("2026-11-28T10:00")).is_none());
        assert!(decode("[1,2]", at("2026-11-28T10:00")).is_none());
    }
}
