//! The form's state machine: the draft, which fields have been validated, and the submit
//! phase. Pure (no web dependency) so the UI stays thin and this logic is tested natively.
//!
//! The report is never stored here: it is derived from the draft by [`crate::rules::validate`]
//! whenever the draft changes. What the state decides is *which* issues the filer sees:
//! a field's issues show once the field has been left (blur) or a submit was attempted.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::{CertificateType, Filing, SubjectKind};
use crate::report::{Issue, Report, Severity};
use crate::rules::{allowed_certificates, normalize};

/// A typed-in field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    SubjectName,
    CertificateNumber,
    /// `YYYY-MM-DD` or `longTerm`.
    CertificateValidUntil,
}

impl Field {
    /// The report path of the field.
    pub fn path(self) -> &'static str {
        match self {
            Field::SubjectName => "subject.name",
            Field::CertificateNumber => "subject.certificate.number",
            Field::CertificateValidUntil => "subject.certificate.validUntil",
        }
    }
}

/// What the receiver answered for an accepted filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    pub id: String,
    pub received_at: String,
}

impl Receipt {
    /// `receivedAt` (RFC 3339) as a Beijing-time wall clock: `2026-11-28 10:30`.
    /// Falls back to the text as received when it is not in that form.
    pub fn received_at_in_china(&self) -> String {
        match crate::dates::parse_cst_datetime(&self.received_at) {
            Ok(t) => {
                use chrono::{Datelike, Timelike};
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}",
                    t.year(),
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute()
                )
            }
            Err(_) => self.received_at.clone(),
        }
    }
}

/// Where the form is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Editing,
    Submitting,
    Submitted(Receipt),
    /// The filing could not be delivered; the draft is kept and a retry reuses the key.
    Failed(String),
}

/// Everything the form remembers.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    pub draft: Filing,
    /// Paths whose issues are shown (the filer has left the field).
    pub touched: BTreeSet<String>,
    pub submit_attempted: bool,
    pub phase: Phase,
    /// The report the receiver returned with a 422, shown until the draft changes.
    pub server_report: Option<Report>,
    /// Idempotency key and the exact body it was first sent with.
    pub pending: Option<(String, String)>,
}

/// Something the filer or the network did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetKind(SubjectKind),
    SetCertificateType(Option<CertificateType>),
    Edit(Field, String),
    /// The filer left a field; `reveal` says whether its issues show now.
    Blur {
        field: Field,
        reveal: bool,
    },
    Acknowledge {
        key: String,
        confirmed: bool,
    },
    SubmitAttempted,
    SubmitStarted {
        key: String,
        body: String,
    },
    SubmitSucceeded(Receipt),
    SubmitRejected(Report),
    SubmitFailed(String),
    /// Begin a new filing from `draft` (the host's seed, or empty).
    StartOver(Box<Filing>),
}

impl FormState {
    /// A form over `draft`.
    pub fn new(draft: Filing) -> Self {
        Self {
            draft,
            touched: BTreeSet::new(),
            submit_attempted: false,
            phase: Phase::Editing,
            server_report: None,
            pending: None,
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        let editable = !matches!(self.phase, Phase::Submitting | Phase::Submitted(_));
        match action {
            Action::SetKind(kind) if editable => {
                let subject = &mut self.draft.subject;
                subject.kind = Some(kind);
                let allowed = allowed_certificates(kind);
                if !subject
                    .certificate
                    .kind
                    .is_some_and(|t| allowed.contains(&t))
                {
                    subject.certificate.kind = allowed.first().copied();
                }
                self.edited();
            }
            Action::SetCertificateType(ty) if editable => {
                self.draft.subject.certificate.kind = ty;
                self.edited();
            }
            Action::Edit(field, value) if editable => {
                let subject = &mut self.draft.subject;
                match field {
                    Field::SubjectName => subject.name = value,
                    Field::CertificateNumber => subject.certificate.number = value,
                    Field::CertificateValidUntil => subject.certificate.valid_until = value,
                }
                self.edited();
            }
            Action::Blur { field, reveal } => {
                // Show the value the way it will be submitted.
                let normalized = normalize(&self.draft);
                let subject = &mut self.draft.subject;
                match field {
                    Field::SubjectName => subject.name = normalized.subject.name,
                    Field::CertificateNumber => {
                        subject.certificate.number = normalized.subject.certificate.number
                    }
                    Field::CertificateValidUntil => {}
                }
                self.mirror_individual();
                if reveal {
                    self.touched.insert(field.path().to_owned());
                }
            }
            Action::Acknowledge { key, confirmed } if editable => {
                let acks = &mut self.draft.acknowledged_warnings;
                acks.retain(|k| *k != key);
                if confirmed {
                    acks.push(key);
                }
            }
            Action::SubmitAttempted => self.submit_attempted = true,
            Action::SubmitStarted { key, body } => {
                self.pending = Some((key, body));
                self.phase = Phase::Submitting;
            }
            Action::SubmitSucceeded(receipt) => {
                self.pending = None;
                self.phase = Phase::Submitted(receipt);
            }
            Action::SubmitRejected(report) => {
                self.server_report = Some(report);
                self.submit_attempted = true;
                self.phase = Phase::Editing;
            }
            Action::SubmitFailed(message) => self.phase = Phase::Failed(message),
            Action::StartOver(draft) => *self = Self::new(*draft),
            _ => {}
        }
    }

    /// For an individual the filer is the principal, and every responsible person who was
    /// the filer stays the filer (§7): their name and certificate follow the subject's.
    fn mirror_individual(&mut self) {
        let subject = &mut self.draft.subject;
        if subject.kind != Some(SubjectKind::Individual) {
            return;
        }
        let previous = subject.principal.certificate.number.clone();
        subject.principal.name = subject.name.clone();
        subject.principal.certificate = subject.certificate.clone();
        let (name, certificate) = (subject.name.clone(), subject.certificate.clone());
        let responsibles = self
            .draft
            .websites
            .iter_mut()
            .map(|w| &mut w.responsible)
            .chain(self.draft.apps.iter_mut().map(|a| &mut a.responsible));
        for person in responsibles {
            if person.certificate.number == previous || person.certificate.number.is_empty() {
                person.name = name.clone();
                person.certificate = certificate.clone();
            }
        }
    }

    fn edited(&mut self) {
        self.mirror_individual();
        self.server_report = None;
        if matches!(self.phase, Phase::Failed(_)) {
            self.phase = Phase::Editing;
        }
    }

    /// Whether issues at `path` are shown.
    pub fn is_revealed(&self, path: &str) -> bool {
        self.submit_attempted || self.touched.contains(path)
    }

    /// The issues the filer sees now: the local report's revealed issues, or the
    /// receiver's report after a rejection.
    pub fn visible_issues<'a>(&'a self, report: &'a Report) -> Vec<&'a Issue> {
        let source = self.server_report.as_ref().unwrap_or(report);
        source
            .issues
            .iter()
            .filter(|i| self.is_revealed(&i.path))
            .collect()
    }

    /// The idempotency key to send `body` with: the pending one when the body is the same
    /// (a retry), else `fresh`.
    pub fn key_for(&self, body: &str, fresh: impl FnOnce() -> String) -> String {
        match &self.pending {
            Some((key, sent)) if sent == body => key.clone(),
            _ => fresh(),
        }
    }
}

/// Whether the filing may be sent: no error and every warning acknowledged.
pub fn can_submit(report: &Report) -> bool {
    report.ok
}

/// Number of visible blocking problems (errors plus unconfirmed warnings).
pub fn blocking_count(issues: &[&Issue], acknowledged: &[String]) -> usize {
    issues
        .iter()
        .filter(|i| {
            i.severity == Severity::Error || !acknowledged.contains(&i.acknowledgement_key())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{validate, RuleContext};
    use chrono::NaiveDate;

    fn ctx() -> RuleContext<'static> {
        RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    }

    #[test]
    fn issues_appear_only_after_blur_or_submit() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Edit(Field::SubjectName, "".into()));
        let report = validate(&form.draft, &ctx());
        assert!(form.visible_issues(&report).is_empty());
        form.apply(Action::Blur {
            field: Field::SubjectName,
            reveal: true,
        });
        let report = validate(&form.draft, &ctx());
        let visible: Vec<_> = form
            .visible_issues(&report)
            .iter()
            .map(|i| i.path.clone())
            .collect();
        assert_eq!(visible, ["subject.name"]);
        form.apply(Action::SubmitAttempted);
        assert_eq!(form.visible_issues(&report).len(), report.issues.len());
    }

    #[test]
    fn blur_normalises_the_certificate_number() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::SetKind(SubjectKind::Individual));
        form.apply(Action::Edit(
            Field::CertificateNumber,
            " 110105 19491231 002x".into(),
        ));
        form.apply(Action::Blur {
            field: Field::CertificateNumber,
            reveal: false,
        });
        assert_eq!(form.draft.subject.certificate.number, "11010519491231002X");
        assert!(
            !form.is_revealed("subject.certificate.number"),
            "reveal: false keeps issues hidden"
        );
    }

    #[test]
    fn choosing_a_kind_picks_an_allowed_certificate_type() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::SetKind(SubjectKind::Individual));
        assert_eq!(
            form.draft.subject.certificate.kind,
            Some(CertificateType::ResidentId)
        );
        form.apply(Action::SetKind(SubjectKind::Enterprise));
        assert_eq!(
            form.draft.subject.certificate.kind,
            Some(CertificateType::Uscc)
        );
    }

    #[test]
    fn a_retry_of_the_same_body_reuses_the_key_and_a_changed_body_gets_a_new_one() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::SubmitStarted {
            key: "k1".into(),
            body: "{a}".into(),
        });
        form.apply(Action::SubmitFailed("offline".into()));
        assert_eq!(form.key_for("{a}", || "k2".into()), "k1");
        assert_eq!(form.key_for("{b}", || "k2".into()), "k2");
        assert_eq!(form.phase, Phase::Failed("offline".into()));
    }

    #[test]
    fn receipt_time_is_shown_in_beijing_time() {
        let receipt = |at: &str| Receipt {
            id: "x".into(),
            received_at: at.into(),
        };
        assert_eq!(
            receipt("2026-11-28T02:30:40.060Z").received_at_in_china(),
            "2026-11-28 10:30"
        );
        assert_eq!(
            receipt("2026-12-31T16:05:00Z").received_at_in_china(),
            "2027-01-01 00:05"
        );
        assert_eq!(receipt("yesterday").received_at_in_china(), "yesterday");
    }

    #[test]
    fn an_individual_filer_is_mirrored_into_principal_and_their_responsible_roles() {
        let mut draft = Filing::default();
        draft.websites.push(Default::default());
        draft.websites[0].responsible.certificate.number = "OTHER".into();
        draft.websites.push(Default::default());
        let mut form = FormState::new(draft);
        form.apply(Action::SetKind(SubjectKind::Individual));
        form.apply(Action::Edit(Field::SubjectName, "张三".into()));
        form.apply(Action::Edit(
            Field::CertificateNumber,
            "11010519491231002X".into(),
        ));
        let d = &form.draft;
        assert_eq!(d.subject.principal.name, "张三");
        assert_eq!(d.subject.principal.certificate, d.subject.certificate);
        assert_eq!(
            d.websites[1].responsible.name, "张三",
            "empty responsible becomes the filer"
        );
        assert_eq!(
            d.websites[0].responsible.certificate.number, "OTHER",
            "someone else stays someone else"
        );
    }

    #[test]
    fn nothing_is_editable_while_submitting() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::SubmitStarted {
            key: "k".into(),
            body: "b".into(),
        });
        form.apply(Action::Edit(Field::SubjectName, "changed".into()));
        assert_eq!(form.draft.subject.name, "");
    }

    #[test]
    fn acknowledging_a_warning_toggles_its_key() {
        let mut form = FormState::new(Filing::default());
        let key = "uscc.checksum@subject.certificate.number".to_owned();
        form.apply(Action::Acknowledge {
            key: key.clone(),
            confirmed: true,
        });
        assert_eq!(form.draft.acknowledged_warnings, std::slice::from_ref(&key));
        form.apply(Action::Acknowledge {
            key,
            confirmed: false,
        });
        assert!(form.draft.acknowledged_warnings.is_empty());
    }
}
