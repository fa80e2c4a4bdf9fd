//! Saved drafts: the filing as typed, the section the filer was on, the idempotency key of a
//! submission still waiting for its answer, when it was saved and when it expires (45 days,
//! the age at which providers delete an order that saw no update, docs/sources.md §1.2 "Other
//! timing facts"). An expired draft is deleted, not offered.
//!
//! A filing the endpoint accepted stays stored with its receipt, so a reload reopens its
//! progress (and the correction or change that may follow) instead of an empty form; it is
//! removed when the filer starts a new filing, and expires like a draft, 45 days after the
//! last time it was saved.
//!
//! Times are China Standard Time wall clocks written as RFC 3339 with `+08:00`. The browser
//! reads the clock; this module only encodes, decodes and compares.

use chrono::{Duration, NaiveDateTime};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::correction::{Approved, Correction};
use crate::dates::{format_datetime, parse_cst_datetime};
use crate::delivery::PendingAttempt;
use crate::form::Receipt;
use crate::model::Filing;

/// Days a draft stays current.
pub const DRAFT_LIFETIME_DAYS: i64 = 45;

/// What is written to storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    draft_version: u32,
    saved_at: String,
    expires_at: String,
    section: String,
    /// The fields the filer had left, whose issues were shown: a reload shows them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    touched: Vec<String>,
    filing: Filing,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending: Option<PendingAttempt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    correction: Option<Box<Correction>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    baseline: Option<Box<Approved>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    submitted: Option<Receipt>,
}

impl Envelope {
    /// When it was saved (RFC 3339, CST).
    pub fn saved_at(&self) -> &str {
        &self.saved_at
    }

    /// The draft corrects a filing the reviewer sent back, or changes an approved one.
    pub fn following(
        mut self,
        correction: Option<Box<Correction>>,
        baseline: Option<Box<Approved>>,
    ) -> Self {
        self.correction = correction;
        self.baseline = baseline;
        self
    }

    /// The fields whose issues were shown.
    pub fn touched(mut self, paths: Vec<String>) -> Self {
        self.touched = paths;
        self
    }

    /// The filing was accepted with `receipt`: the draft follows it.
    pub fn accepted(mut self, receipt: Receipt) -> Self {
        self.submitted = Some(receipt);
        self
    }
}

/// How stored text is read as JSON: `serde_json` natively ([`SerdeJson`]), the browser's
/// `JSON.parse` in the widget, so the wasm carries no JSON reader.
pub trait ReadJson {
    /// The text as a `T`; `None` when it is not JSON or not a `T`.
    fn read<T: DeserializeOwned>(&self, text: &str) -> Option<T>;

    /// Whether the text is a JSON object with `key` (what tells an envelope from a bare
    /// filing); `None` when it is not JSON.
    fn has_key(&self, text: &str, key: &str) -> Option<bool>;
}

/// [`ReadJson`] with `serde_json`.
#[cfg(not(target_arch = "wasm32"))]
pub struct SerdeJson;

#[cfg(not(target_arch = "wasm32"))]
impl ReadJson for SerdeJson {
    fn read<T: DeserializeOwned>(&self, text: &str) -> Option<T> {
        serde_json::from_str(text).ok()
    }

    fn has_key(&self, text: &str, key: &str) -> Option<bool> {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        Some(value.get(key).is_some())
    }
}

/// A draft read back from storage.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedDraft {
    pub filing: Filing,
    /// The section slug the filer was on (`subject`); empty when unknown.
    pub section: String,
    /// The fields the filer had left (report paths), whose issues were shown.
    pub touched: Vec<String>,
    /// When it was saved (CST); `None` for a draft written without a date.
    pub saved_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    /// Older than [`DRAFT_LIFETIME_DAYS`]: the caller deletes it and starts afresh.
    pub expired: bool,
    /// A submission sent but not answered (see [`PendingAttempt`]).
    pub pending: Option<PendingAttempt>,
    /// The draft corrects a filing the reviewer sent back.
    pub correction: Option<Box<Correction>>,
    /// The draft changes this approved filing.
    pub baseline: Option<Box<Approved>>,
    /// The filing was accepted with this receipt: the widget reopens on its progress.
    pub submitted: Option<Receipt>,
}

/// `at` (CST) as RFC 3339 with its `+08:00` offset.
pub fn rfc3339(at: NaiveDateTime) -> String {
    format!("{}+08:00", format_datetime(at))
}

/// What is stored for `filing`, saved at `now` (CST) while on `section`, with the key of a
/// submission that has not been answered.
pub fn envelope(
    filing: &Filing,
    section: &str,
    pending: Option<&PendingAttempt>,
    now: NaiveDateTime,
) -> Envelope {
    Envelope {
        draft_version: 1,
        saved_at: rfc3339(now),
        expires_at: rfc3339(now + Duration::days(DRAFT_LIFETIME_DAYS)),
        section: section.to_owned(),
        touched: Vec::new(),
        filing: filing.clone(),
        pending: pending.cloned(),
        correction: None,
        baseline: None,
        submitted: None,
    }
}

/// [`envelope`] as JSON text.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode(
    filing: &Filing,
    section: &str,
    pending: Option<&PendingAttempt>,
    now: NaiveDateTime,
) -> String {
    serde_json::to_string(&envelope(filing, section, pending, now)).unwrap_or_default()
}

/// Reads a stored draft at `now` (CST). Accepts the envelope and a bare filing (what a host
/// may have written itself). `None` when the text is neither, or is an envelope whose
/// filing no longer reads.
pub fn decode(text: &str, now: NaiveDateTime, json: &impl ReadJson) -> Option<SavedDraft> {
    if json.has_key(text, "draftVersion")? {
        let envelope: Envelope = json.read(text)?;
        let saved_at = parse_cst_datetime(&envelope.saved_at).ok();
        let expires_at = parse_cst_datetime(&envelope.expires_at).ok();
        return Some(SavedDraft {
            filing: envelope.filing,
            section: envelope.section,
            touched: envelope.touched,
            saved_at,
            expires_at,
            expired: expires_at.is_some_and(|at| at <= now),
            pending: envelope.pending,
            correction: envelope.correction,
            baseline: envelope.baseline,
            submitted: envelope.submitted,
        });
    }
    Some(SavedDraft {
        filing: json.read(text)?,
        section: String::new(),
        touched: Vec::new(),
        saved_at: None,
        expires_at: None,
        expired: false,
        pending: None,
        correction: None,
        baseline: None,
        submitted: None,
    })
}

/// Whether a stored text is a draft this widget wrote (its envelope), and if so whether it
/// has expired at `now`; `None` for anything else, which is never touched.
pub fn widget_draft_expired(text: &str, now: NaiveDateTime, json: &impl ReadJson) -> Option<bool> {
    let envelope: Envelope = json.read(text)?;
    let expires_at = parse_cst_datetime(&envelope.expires_at).ok();
    Some(expires_at.is_some_and(|at| at <= now))
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
        let pending = PendingAttempt {
            key: "k1".into(),
            digest: "0123456789abcdef".into(),
            started_at: "2026-11-28T09:59:00+08:00".into(),
            uncertain: true,
        };
        let text = encode(
            &filing,
            "subject",
            Some(&pending),
            at("2026-11-28T10:00:00"),
        );
        assert!(text.contains("\"savedAt\":\"2026-11-28T10:00:00+08:00\""));
        assert!(text.contains("\"expiresAt\":\"2027-01-12T10:00:00+08:00\""));
        let draft = decode(&text, at("2026-12-01T09:00:00"), &SerdeJson).unwrap();
        assert_eq!(draft.filing, filing);
        assert_eq!(draft.section, "subject");
        assert_eq!(draft.pending, Some(pending));
        assert_eq!(draft.saved_at, Some(at("2026-11-28T10:00:00")));
        assert!(!draft.expired);
        assert!(draft.touched.is_empty());
        // The fields whose issues were shown come back with it.
        let envelope = envelope(&filing, "subject", None, at("2026-11-28T10:00:00"))
            .touched(vec!["subject.principal.email".into()]);
        let text = serde_json::to_string(&envelope).unwrap();
        let draft = decode(&text, at("2026-12-01T09:00:00"), &SerdeJson).unwrap();
        assert_eq!(draft.touched, ["subject.principal.email"]);
    }

    #[test]
    fn an_accepted_filing_is_stored_with_its_receipt() {
        let mut filing = Filing::default();
        filing.subject.name = "张三".into();
        let receipt = Receipt {
            id: "icpf_01".into(),
            received_at: "2026-11-28T02:00:00Z".into(),
        };
        let envelope =
            envelope(&filing, "review", None, at("2026-11-28T10:00:00")).accepted(receipt.clone());
        let text = serde_json::to_string(&envelope).unwrap();
        assert!(
            text.contains(r#""submitted":{"id":"icpf_01","receivedAt":"2026-11-28T02:00:00Z"}"#)
        );
        let draft = decode(&text, at("2026-12-01T09:00:00"), &SerdeJson).unwrap();
        assert_eq!(draft.submitted, Some(receipt));
        assert_eq!(draft.filing, filing);
        // A draft never sent has none, and says nothing of it.
        let text = encode(&filing, "review", None, at("2026-11-28T10:00:00"));
        assert!(!text.contains("submitted"));
        assert_eq!(
            decode(&text, at("2026-12-01T09:00:00"), &SerdeJson)
                .unwrap()
                .submitted,
            None
        );
    }

    #[test]
    fn a_draft_expires_after_45_days_and_only_widget_drafts_are_recognised() {
        let text = encode(
            &Filing::default(),
            "basics",
            None,
            at("2026-01-01T08:00:00"),
        );
        assert!(!text.contains("pending"));
        let draft = decode(&text, at("2026-02-15T08:00:00"), &SerdeJson).unwrap();
        assert!(draft.expired);
        let draft = decode(&text, at("2026-02-15T07:59:59"), &SerdeJson).unwrap();
        assert!(!draft.expired);
        assert_eq!(
            widget_draft_expired(&text, at("2026-02-15T08:00:00"), &SerdeJson),
            Some(true)
        );
        assert_eq!(
            widget_draft_expired(&text, at("2026-02-15T07:59:59"), &SerdeJson),
            Some(false)
        );
        // A host's own entries, even a bare filing, are not the widget's to delete.
        for other in [r#"{"schemaVersion":1}"#, "token", r#"{"savedAt":"x"}"#] {
            assert_eq!(
                widget_draft_expired(other, at("2026-02-15T08:00:00"), &SerdeJson),
                None
            );
        }
    }

    #[test]
    fn a_bare_filing_is_accepted_and_garbage_is_not() {
        let draft = decode(
            r#"{"schemaVersion":1,"province":"110000"}"#,
            at("2026-11-28T10:00"),
            &SerdeJson,
        )
        .unwrap();
        assert_eq!(draft.filing.province, "110000");
        assert_eq!(draft.saved_at, None);
        assert!(decode("not json", at("2026-11-28T10:00"), &SerdeJson).is_none());
        assert!(decode("[1,2]", at("2026-11-28T10:00"), &SerdeJson).is_none());
        // An envelope whose filing no longer reads is not taken for a bare filing (it would
        // restore an empty form and the autosave would overwrite the stored draft).
        let broken = r#"{"draftVersion":1,"savedAt":"2026-11-28T10:00:00+08:00",
            "expiresAt":"2027-01-12T10:00:00+08:00","section":"subject","filing":{"websites":"x"}}"#;
        assert!(decode(broken, at("2026-11-28T10:00"), &SerdeJson).is_none());
    }
}
