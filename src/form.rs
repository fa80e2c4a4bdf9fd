//! The form's state machine: the draft, the section on screen, which fields have been
//! validated, and the submit phase. Pure (no web dependency) so the UI stays thin and this
//! logic is tested natively.
//!
//! Edits address the draft by report path (`websites[0].domains[1]`), the same paths the
//! rules report on, so one generic control serves every field and an issue always finds its
//! input. The report itself is never stored: it is derived from the draft by
//! [`crate::rules::validate`]. What the state decides is *which* issues the filer sees: a
//! field's issues show once the field has been left (blur), its section was continued, or a
//! submit was attempted.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::delivery::{body_digest, PendingAttempt};
use crate::ident::Domain;
use crate::model::{parse_filing, DomainFacts, Filing, Person, SubjectKind};
use crate::report::{Issue, Report, Severity};
use crate::rules::{allowed_certificates, normalize};

/// The pages of the filing, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Section {
    /// 备案类型与地区.
    #[default]
    Basics,
    /// 主办者信息.
    Subject,
    /// 网站 / APP信息.
    Services,
    /// 核对信息: every answer, warnings to confirm, materials, timeline, submit.
    Review,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Basics,
        Section::Subject,
        Section::Services,
        Section::Review,
    ];

    /// Stable name (draft storage, element ids, events).
    pub fn slug(self) -> &'static str {
        match self {
            Section::Basics => "basics",
            Section::Subject => "subject",
            Section::Services => "services",
            Section::Review => "review",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The section whose page has the control for a report path.
    pub fn of_path(path: &str) -> Section {
        if path.starts_with("subject") {
            Section::Subject
        } else if path.starts_with("websites") || path.starts_with("apps") {
            Section::Services
        } else if path.starts_with("acknowledgedWarnings") {
            Section::Review
        } else {
            Section::Basics
        }
    }

    pub fn next(self) -> Section {
        match self {
            Section::Basics => Section::Subject,
            Section::Subject => Section::Services,
            Section::Services | Section::Review => Section::Review,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A section's tag in the task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionStatus {
    NotStarted,
    InProgress,
    HasProblems,
    Complete,
}

impl SectionStatus {
    pub fn slug(self) -> &'static str {
        match self {
            SectionStatus::NotStarted => "notStarted",
            SectionStatus::InProgress => "inProgress",
            SectionStatus::HasProblems => "hasProblems",
            SectionStatus::Complete => "complete",
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
            Ok(t) => crate::dates::format_minutes(t),
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
    /// The page on screen.
    pub section: Section,
    /// Sections the filer has opened.
    pub visited: BTreeSet<Section>,
    /// Sections the filer tried to leave with "continue": all their issues show.
    pub continued: BTreeSet<Section>,
    /// Paths whose issues are shown (the filer has left the field).
    pub touched: BTreeSet<String>,
    /// Responsible persons (`websites[0].responsible`) kept equal to the subject's principal.
    pub linked: BTreeSet<String>,
    pub submit_attempted: bool,
    pub phase: Phase,
    /// The report the receiver returned with a 422, shown until the draft changes.
    pub server_report: Option<Report>,
    /// The idempotency key of the last submission not answered with a receipt, and a digest
    /// of the body it was sent with; saved with the draft.
    pub pending: Option<PendingAttempt>,
    /// Whether the filer changed anything since the form was created.
    pub dirty: bool,
}

/// Every valid domain of the filing's websites and APPs, each once, in form order.
fn filing_domains(filing: &Filing) -> Vec<Domain> {
    let mut out: Vec<Domain> = Vec::new();
    let typed = filing
        .websites
        .iter()
        .flat_map(|w| &w.domains)
        .chain(filing.apps.iter().flat_map(|a| &a.domains));
    for domain in typed.filter_map(|d| Domain::parse(d).ok()) {
        if !out.contains(&domain) {
            out.push(domain);
        }
    }
    out
}

/// Something the filer or the network did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Sets the value at a report path (`subject.name`, `websites[1].languages`).
    Set {
        path: String,
        value: Value,
    },
    /// Appends an item to the list at `path` (`websites`, `websites[0].domains`).
    Push {
        path: String,
        item: Value,
    },
    /// Removes item `index` of the list at `path`.
    Remove {
        path: String,
        index: usize,
    },
    /// Keeps the person at `path` equal to the principal (`true`) or lets it differ.
    LinkToPrincipal {
        path: String,
        linked: bool,
    },
    /// The filer left a field; `reveal` says whether its issues show now.
    Blur {
        path: String,
        reveal: bool,
    },
    Acknowledge {
        key: String,
        confirmed: bool,
    },
    /// Open a section.
    Goto(Section),
    /// "Continue" on the current section; `section_ok` says whether it has no errors.
    Continue {
        section_ok: bool,
    },
    SubmitAttempted,
    SubmitStarted(PendingAttempt),
    SubmitSucceeded(Receipt),
    SubmitRejected(Report),
    /// Delivery failed; `uncertain` when a request may have reached the endpoint.
    SubmitFailed {
        message: String,
        uncertain: bool,
    },
    /// Begin a new filing from `draft` (the host's seed, or empty).
    StartOver(Box<Filing>),
    /// The host replaced the filing (`setFiling`); the section stays.
    Replace(Box<Filing>),
    /// Registrar facts known for domains (the host's `lookupDomain`): those for domains in
    /// the filing replace any earlier facts for the same domains; facts for domains no longer
    /// in the filing are dropped.
    DomainFacts(Vec<DomainFacts>),
}

impl FormState {
    /// A form over `draft`, opened at `section`.
    pub fn new(draft: Filing) -> Self {
        let mut state = Self {
            draft,
            section: Section::Basics,
            visited: BTreeSet::from([Section::Basics]),
            continued: BTreeSet::new(),
            touched: BTreeSet::new(),
            linked: BTreeSet::new(),
            submit_attempted: false,
            phase: Phase::Editing,
            server_report: None,
            pending: None,
            dirty: false,
        };
        state.linked = state.persons_equal_to_principal();
        state
    }

    /// A restored draft reopens where the filer was; earlier sections count as visited. The
    /// key of a submission that was not answered is kept for the next one.
    pub fn resume(draft: Filing, section: Section, pending: Option<PendingAttempt>) -> Self {
        let mut state = Self::new(draft);
        state.pending = pending;
        state.section = section;
        state.visited = Section::ALL.into_iter().filter(|s| *s <= section).collect();
        // The filer went past the earlier sections with "continue".
        state.continued = Section::ALL.into_iter().filter(|s| *s < section).collect();
        state
    }

    fn editable(&self) -> bool {
        !matches!(self.phase, Phase::Submitting | Phase::Submitted(_))
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        let editable = self.editable();
        match action {
            Action::Set { path, value } if editable => {
                if let Some(next) = edit_value(&self.draft, &path, |slot| *slot = value) {
                    self.draft = next;
                    let address = &mut self.draft.subject.address;
                    match path.as_str() {
                        "subject.kind" => self.fit_certificate_type(),
                        // The cascade: a new province or city invalidates what was below it.
                        "subject.address.province" => {
                            address.city.clear();
                            address.district.clear();
                        }
                        "subject.address.city" => address.district.clear(),
                        _ => {}
                    }
                    self.edited();
                }
            }
            Action::Push { path, item } if editable => {
                let next = edit_value(&self.draft, &path, |slot| match slot {
                    Value::Array(items) => items.push(item),
                    other => *other = Value::Array(vec![item]),
                });
                if let Some(next) = next {
                    self.draft = next;
                    if self.draft.subject.kind == Some(SubjectKind::Individual) {
                        self.linked = self.persons_equal_to_principal();
                        self.linked.extend(self.responsible_paths());
                    }
                    self.edited();
                }
            }
            Action::Remove { path, index } if editable => {
                let next = edit_value(&self.draft, &path, |slot| {
                    if let Value::Array(items) = slot {
                        if index < items.len() {
                            items.remove(index);
                        }
                    }
                });
                if let Some(next) = next {
                    self.draft = next;
                    // Indices after the removed item shift: forget what was shown below it.
                    let prefix = format!("{path}[");
                    self.touched.retain(|p| !p.starts_with(&prefix));
                    self.linked = self.persons_equal_to_principal();
                    self.edited();
                }
            }
            Action::LinkToPrincipal { path, linked } if editable => {
                if linked {
                    self.linked.insert(path);
                } else {
                    self.linked.remove(&path);
                }
                self.edited();
            }
            Action::Blur { path, reveal } => {
                // Show the value the way it will be submitted.
                let normalized = normalize(&self.draft);
                if let Some(value) = value_at(&normalized, &path) {
                    if let Some(next) = edit_value(&self.draft, &path, |slot| *slot = value) {
                        self.draft = next;
                    }
                }
                self.mirror();
                if reveal {
                    self.touched.insert(path);
                }
            }
            Action::Acknowledge { key, confirmed } if editable => {
                let acks = &mut self.draft.acknowledged_warnings;
                acks.retain(|k| *k != key);
                if confirmed {
                    acks.push(key);
                }
                self.dirty = true;
            }
            Action::Goto(section) => {
                self.section = section;
                self.visited.insert(section);
            }
            Action::Continue { section_ok } => {
                self.continued.insert(self.section);
                if section_ok {
                    let next = self.section.next();
                    self.section = next;
                    self.visited.insert(next);
                }
            }
            Action::SubmitAttempted => self.submit_attempted = true,
            Action::SubmitStarted(attempt) => {
                self.pending = Some(attempt);
                self.phase = Phase::Submitting;
            }
            Action::SubmitSucceeded(receipt) => {
                self.pending = None;
                self.phase = Phase::Submitted(receipt);
            }
            Action::SubmitRejected(report) => {
                // The endpoint answered and stored nothing; the fix is a different body.
                self.pending = None;
                self.server_report = Some(report);
                self.submit_attempted = true;
                self.phase = Phase::Editing;
                if let Some(first) = self.server_report.as_ref().and_then(|r| r.issues.first()) {
                    self.section = Section::of_path(&first.path);
                }
            }
            // The failure and its retry button are on the check page, wherever the submission
            // was started from (the host's `submit()` can come from any section).
            Action::SubmitFailed { message, uncertain } => {
                if let Some(p) = &mut self.pending {
                    p.uncertain |= uncertain;
                }
                self.phase = Phase::Failed(message);
                self.section = Section::Review;
            }
            Action::StartOver(draft) => *self = Self::new(*draft),
            Action::Replace(draft) if editable => {
                self.draft = *draft;
                self.linked = self.persons_equal_to_principal();
                self.edited();
            }
            Action::DomainFacts(known) if editable => {
                let filed = filing_domains(&self.draft);
                let incoming: Vec<(Domain, DomainFacts)> = known
                    .into_iter()
                    .filter_map(|f| Some((Domain::parse(&f.domain).ok()?, f)))
                    .filter(|(d, _)| filed.contains(d))
                    .collect();
                let list = &mut self.draft.domain_facts;
                list.retain(|f| {
                    Domain::parse(&f.domain)
                        .is_ok_and(|d| filed.contains(&d) && !incoming.iter().any(|(i, _)| *i == d))
                });
                for (domain, facts) in incoming {
                    list.push(DomainFacts {
                        domain: domain.as_str().to_owned(),
                        ..facts
                    });
                }
            }
            _ => {}
        }
    }

    /// The filing's valid domains (websites and APPs), normalised, in form order, each once:
    /// what the host's `lookupDomain` is asked about.
    pub fn filed_domains(&self) -> Vec<String> {
        filing_domains(&self.draft)
            .into_iter()
            .map(|d| d.as_str().to_owned())
            .collect()
    }

    /// After a kind change the certificate type must be one the kind allows (docs/sources.md §3).
    fn fit_certificate_type(&mut self) {
        let subject = &mut self.draft.subject;
        let Some(kind) = subject.kind else { return };
        let allowed = allowed_certificates(kind);
        if !subject
            .certificate
            .kind
            .is_some_and(|t| allowed.contains(&t))
        {
            subject.certificate.kind = allowed.first().copied();
        }
        if kind == SubjectKind::Individual {
            self.linked.extend(self.responsible_paths());
        }
    }

    /// Paths of every website's and APP's responsible person.
    fn responsible_paths(&self) -> Vec<String> {
        let websites = (0..self.draft.websites.len()).map(|i| format!("websites[{i}].responsible"));
        let apps = (0..self.draft.apps.len()).map(|i| format!("apps[{i}].responsible"));
        websites.chain(apps).collect()
    }

    /// Responsible persons already equal to a filled-in principal.
    fn persons_equal_to_principal(&self) -> BTreeSet<String> {
        let principal = &self.draft.subject.principal;
        if principal.name.is_empty() && principal.certificate.number.is_empty() {
            return BTreeSet::new();
        }
        self.responsible_paths()
            .into_iter()
            .filter(|p| self.person_at(p) == Some(principal))
            .collect()
    }

    fn person_at(&self, path: &str) -> Option<&Person> {
        let (list, rest) = path.split_once('[')?;
        let index: usize = rest.split_once(']')?.0.parse().ok()?;
        match list {
            "websites" => self.draft.websites.get(index).map(|w| &w.responsible),
            "apps" => self.draft.apps.get(index).map(|a| &a.responsible),
            _ => None,
        }
    }

    fn person_at_mut(&mut self, path: &str) -> Option<&mut Person> {
        let (list, rest) = path.split_once('[')?;
        let index: usize = rest.split_once(']')?.0.parse().ok()?;
        match list {
            "websites" => self
                .draft
                .websites
                .get_mut(index)
                .map(|w| &mut w.responsible),
            "apps" => self.draft.apps.get_mut(index).map(|a| &mut a.responsible),
            _ => None,
        }
    }

    /// For an individual the filer is the principal (§7); linked responsible persons follow
    /// the principal.
    fn mirror(&mut self) {
        let subject = &mut self.draft.subject;
        if subject.kind == Some(SubjectKind::Individual) {
            subject.principal.name = subject.name.clone();
            subject.principal.certificate = subject.certificate.clone();
        }
        let principal = self.draft.subject.principal.clone();
        let linked: Vec<String> = self.linked.iter().cloned().collect();
        for path in linked {
            if let Some(person) = self.person_at_mut(&path) {
                *person = principal.clone();
            }
        }
    }

    fn edited(&mut self) {
        self.mirror();
        self.dirty = true;
        self.server_report = None;
        if matches!(self.phase, Phase::Failed(_)) {
            self.phase = Phase::Editing;
        }
    }

    /// The path of the control where an issue at `path` is fixed: a linked responsible
    /// person is edited as the principal, and an individual's principal identity as the
    /// subject's name and certificate.
    pub fn control_path(&self, path: &str) -> String {
        let mut path = path.to_owned();
        if let Some(linked) = self
            .linked
            .iter()
            .find(|p| path.starts_with(p.as_str()) && path[p.len()..].starts_with('.'))
        {
            path = format!("subject.principal{}", &path[linked.len()..]);
        }
        if self.draft.subject.kind == Some(SubjectKind::Individual) {
            for (from, to) in [
                ("subject.principal.name", "subject.name"),
                ("subject.principal.certificate", "subject.certificate"),
            ] {
                if let Some(rest) = path.strip_prefix(from) {
                    if rest.is_empty() || rest.starts_with('.') {
                        return format!("{to}{rest}");
                    }
                }
            }
        }
        path
    }

    /// Whether the person at `path` follows the principal.
    pub fn is_linked(&self, path: &str) -> bool {
        self.linked.contains(path)
    }

    /// Whether issues at `path` are shown.
    pub fn is_revealed(&self, path: &str) -> bool {
        self.submit_attempted
            || self.continued.contains(&Section::of_path(path))
            || self.touched.contains(path)
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

    /// The task-list tag of a section.
    pub fn status(&self, section: Section, report: &Report) -> SectionStatus {
        let in_section = |i: &&Issue| Section::of_path(&i.path) == section;
        let errors = report
            .issues
            .iter()
            .filter(in_section)
            .any(|i| i.severity == Severity::Error);
        if section == Section::Review {
            let others_complete = Section::ALL[..3]
                .iter()
                .all(|s| self.status(*s, report) == SectionStatus::Complete);
            return match (self.visited.contains(&section), others_complete) {
                (false, _) => SectionStatus::NotStarted,
                (true, true) if report.ok => SectionStatus::Complete,
                (true, _) if self.submit_attempted => SectionStatus::HasProblems,
                _ => SectionStatus::InProgress,
            };
        }
        let started = self.visited.contains(&section) && self.has_input(section);
        if !started && !self.continued.contains(&section) {
            return SectionStatus::NotStarted;
        }
        let tried = self.continued.contains(&section) || self.submit_attempted;
        match (errors, tried) {
            (true, true) => SectionStatus::HasProblems,
            (true, false) => SectionStatus::InProgress,
            (false, _) if self.continued.contains(&section) || self.submit_attempted => {
                SectionStatus::Complete
            }
            (false, _) => SectionStatus::InProgress,
        }
    }

    /// Whether the filer has entered anything on a section's page.
    fn has_input(&self, section: Section) -> bool {
        let d = &self.draft;
        match section {
            Section::Basics => d.filing_type.is_some() || !d.province.is_empty(),
            Section::Subject => d.subject.kind.is_some() || !d.subject.name.is_empty(),
            Section::Services => !d.websites.is_empty() || !d.apps.is_empty(),
            Section::Review => true,
        }
    }

    /// The idempotency key to send `body` with: the pending one when the body is the same
    /// (a retry), else `fresh`.
    pub fn key_for(&self, body: &str, fresh: impl FnOnce() -> String) -> String {
        match &self.pending {
            Some(p) if p.digest == body_digest(body) => p.key.clone(),
            _ => fresh(),
        }
    }

    /// What the filer should know about an earlier submission that may have arrived
    /// unanswered, given the body a submission would send now.
    pub fn earlier_attempt(&self, body: &str) -> Option<EarlierAttempt> {
        let pending = self.pending.as_ref().filter(|p| p.uncertain)?;
        if self.phase == Phase::Submitting {
            return None;
        }
        Some(if pending.digest == body_digest(body) {
            EarlierAttempt::SameFiling
        } else {
            EarlierAttempt::Changed
        })
    }
}

/// An earlier submission that may have reached the endpoint without its answer reaching the
/// filer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EarlierAttempt {
    /// Sending again sends the same body with the same key: the endpoint answers with what it
    /// stored, and stores nothing twice.
    SameFiling,
    /// The filing changed since: sending it is a new filing, and the provider may hold both.
    Changed,
}

/// Whether a section can be left: no error on its page.
pub fn section_ok(report: &Report, section: Section) -> bool {
    !report
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && Section::of_path(&i.path) == section)
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

/// A report path as a JSON pointer: `websites[0].domains[1]` → `/websites/0/domains/1`.
pub fn json_pointer(path: &str) -> String {
    let mut pointer = String::with_capacity(path.len() + 4);
    for part in path.split('.') {
        let (name, indices) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            pointer.push('/');
            pointer.push_str(name);
        }
        for index in indices.split('[') {
            let index = index.trim_end_matches(']');
            if !index.is_empty() {
                pointer.push('/');
                pointer.push_str(index);
            }
        }
    }
    pointer
}

/// The value at a report path, as JSON.
pub fn value_at(filing: &Filing, path: &str) -> Option<Value> {
    let value = serde_json::to_value(filing).ok()?;
    value.pointer(&json_pointer(path)).cloned()
}

/// The text at a report path (empty when absent or not text).
pub fn text_at(filing: &Filing, path: &str) -> String {
    match value_at(filing, path) {
        Some(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A copy of `filing` with `change` applied to the value at `path`; `None` when the path
/// doesn't exist or the result isn't a filing (a wrong value type), so bad edits are no-ops.
pub fn edit_value(filing: &Filing, path: &str, change: impl FnOnce(&mut Value)) -> Option<Filing> {
    let mut value = serde_json::to_value(filing).ok()?;
    let pointer = json_pointer(path);
    // Fields left out of the JSON when empty (`subject.kind`) are created on first edit.
    if value.pointer(&pointer).is_none() {
        let (parent, key) = pointer.rsplit_once('/')?;
        value
            .pointer_mut(parent)?
            .as_object_mut()?
            .insert(key.to_owned(), Value::Null);
    }
    change(value.pointer_mut(&pointer)?);
    parse_filing(&value.to_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CertificateType;
    use crate::rules::{validate, RuleContext};
    use chrono::NaiveDate;
    use serde_json::json;

    fn ctx() -> RuleContext<'static> {
        RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    }

    fn set(form: &mut FormState, path: &str, value: Value) {
        form.apply(Action::Set {
            path: path.into(),
            value,
        });
    }

    fn blur(form: &mut FormState, path: &str) {
        form.apply(Action::Blur {
            path: path.into(),
            reveal: true,
        });
    }

    #[test]
    fn paths_become_json_pointers() {
        assert_eq!(json_pointer("subject.name"), "/subject/name");
        assert_eq!(
            json_pointer("websites[10].domains[2]"),
            "/websites/10/domains/2"
        );
        assert_eq!(json_pointer("province"), "/province");
    }

    #[test]
    fn edits_reach_nested_lists_and_wrong_types_are_ignored() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Push {
            path: "websites".into(),
            item: json!({}),
        });
        form.apply(Action::Push {
            path: "websites[0].domains".into(),
            item: json!(""),
        });
        set(&mut form, "websites[0].domains[0]", json!("Example.COM"));
        assert_eq!(form.draft.websites[0].domains, ["Example.COM"]);
        set(&mut form, "websites[0].languages", json!(["zh", "en"]));
        assert_eq!(form.draft.websites[0].languages, ["zh", "en"]);
        let before = form.draft.clone();
        set(&mut form, "websites[0].domains", json!(42));
        set(&mut form, "websites[7].name", json!("x"));
        assert_eq!(form.draft, before, "a bad edit changes nothing");
        form.apply(Action::Remove {
            path: "websites".into(),
            index: 0,
        });
        assert!(form.draft.websites.is_empty());
    }

    #[test]
    fn issues_appear_only_after_blur_continue_or_submit() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Goto(Section::Subject));
        set(&mut form, "subject.name", json!(""));
        let report = validate(&form.draft, &ctx());
        assert!(form.visible_issues(&report).is_empty());
        blur(&mut form, "subject.name");
        let visible: Vec<_> = form
            .visible_issues(&report)
            .iter()
            .map(|i| i.path.clone())
            .collect();
        assert_eq!(visible, ["subject.name"]);
        form.apply(Action::Continue { section_ok: false });
        assert_eq!(form.section, Section::Subject, "errors keep the filer here");
        assert!(form
            .visible_issues(&report)
            .iter()
            .all(|i| i.path.starts_with("subject")));
        assert!(form.visible_issues(&report).len() > 1);
        form.apply(Action::SubmitAttempted);
        assert_eq!(form.visible_issues(&report).len(), report.issues.len());
    }

    #[test]
    fn a_new_province_or_city_clears_what_was_chosen_below_it() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "subject.address.province", json!("440000"));
        set(&mut form, "subject.address.city", json!("440300"));
        set(&mut form, "subject.address.district", json!("440305"));
        set(&mut form, "subject.address.city", json!("440100"));
        assert_eq!(form.draft.subject.address.district, "");
        set(&mut form, "subject.address.district", json!("440106"));
        set(&mut form, "subject.address.province", json!("110000"));
        let a = &form.draft.subject.address;
        assert_eq!((a.city.as_str(), a.district.as_str()), ("", ""));
    }

    #[test]
    fn continue_moves_on_only_when_the_section_is_ok() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Continue { section_ok: true });
        assert_eq!(form.section, Section::Subject);
        assert!(form.visited.contains(&Section::Subject));
    }

    #[test]
    fn section_status_follows_input_and_errors() {
        let mut form = FormState::new(Filing::default());
        let status = |form: &FormState| {
            let report = validate(&form.draft, &ctx());
            form.status(Section::Basics, &report)
        };
        assert_eq!(status(&form), SectionStatus::NotStarted);
        set(&mut form, "province", json!("110000"));
        assert_eq!(status(&form), SectionStatus::InProgress);
        form.apply(Action::Continue { section_ok: false });
        assert_eq!(status(&form), SectionStatus::HasProblems, "no filing type");
        set(&mut form, "filingType", json!("first"));
        assert_eq!(status(&form), SectionStatus::Complete);
    }

    #[test]
    fn blur_normalises_the_certificate_number() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "subject.kind", json!("individual"));
        set(
            &mut form,
            "subject.certificate.number",
            json!(" 110105 19491231 002x"),
        );
        form.apply(Action::Blur {
            path: "subject.certificate.number".into(),
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
        set(&mut form, "subject.kind", json!("individual"));
        assert_eq!(
            form.draft.subject.certificate.kind,
            Some(CertificateType::ResidentId)
        );
        set(&mut form, "subject.kind", json!("enterprise"));
        assert_eq!(
            form.draft.subject.certificate.kind,
            Some(CertificateType::Uscc)
        );
    }

    #[test]
    fn a_retry_of_the_same_body_reuses_the_key_and_a_changed_body_gets_a_new_one() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::SubmitStarted(attempt("k1", "{a}", false)));
        assert_eq!(form.earlier_attempt("{a}"), None, "in flight");
        form.apply(Action::SubmitFailed {
            message: "offline".into(),
            uncertain: true,
        });
        assert_eq!(form.key_for("{a}", || "k2".into()), "k1");
        assert_eq!(form.key_for("{b}", || "k2".into()), "k2");
        assert_eq!(form.phase, Phase::Failed("offline".into()));
        assert_eq!(form.section, Section::Review, "where the retry button is");
        assert_eq!(
            form.earlier_attempt("{a}"),
            Some(EarlierAttempt::SameFiling)
        );
        assert_eq!(form.earlier_attempt("{b}"), Some(EarlierAttempt::Changed));
    }

    fn attempt(key: &str, body: &str, uncertain: bool) -> PendingAttempt {
        PendingAttempt {
            key: key.into(),
            digest: body_digest(body),
            started_at: "2026-11-28T10:00:00+08:00".into(),
            uncertain,
        }
    }

    #[test]
    fn a_restored_key_is_reused_for_the_same_filing_and_a_refusal_forgets_it() {
        let mut form = FormState::resume(
            Filing::default(),
            Section::Review,
            Some(attempt("k1", "{a}", true)),
        );
        assert_eq!(form.key_for("{a}", || "k2".into()), "k1");
        assert_eq!(
            form.earlier_attempt("{a}"),
            Some(EarlierAttempt::SameFiling)
        );
        // A definite refusal (no request left, or a 4xx) does not make an attempt uncertain.
        let mut certain = FormState::new(Filing::default());
        certain.apply(Action::SubmitStarted(attempt("k3", "{a}", false)));
        certain.apply(Action::SubmitFailed {
            message: "config".into(),
            uncertain: false,
        });
        assert_eq!(certain.earlier_attempt("{b}"), None);
        form.apply(Action::SubmitRejected(Report {
            ruleset_version: "x".into(),
            ok: false,
            issues: Vec::new(),
        }));
        assert_eq!(form.pending, None);
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
    fn an_individual_filer_is_principal_and_linked_responsible_persons_follow() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "subject.kind", json!("individual"));
        form.apply(Action::Push {
            path: "websites".into(),
            item: json!({}),
        });
        form.apply(Action::Push {
            path: "websites".into(),
            item: json!({}),
        });
        assert!(form.is_linked("websites[1].responsible"));
        form.apply(Action::LinkToPrincipal {
            path: "websites[0].responsible".into(),
            linked: false,
        });
        set(&mut form, "websites[0].responsible.name", json!("李四"));
        set(&mut form, "subject.name", json!("张三"));
        set(&mut form, "subject.principal.mobile", json!("13800138000"));
        let d = &form.draft;
        assert_eq!(d.subject.principal.name, "张三");
        assert_eq!(d.websites[1].responsible.name, "张三");
        assert_eq!(d.websites[1].responsible.mobile, "13800138000");
        assert_eq!(d.websites[0].responsible.name, "李四", "unlinked stays");
    }

    #[test]
    fn issues_of_mirrored_persons_point_at_the_control_that_edits_them() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "subject.kind", json!("individual"));
        form.apply(Action::Push {
            path: "websites".into(),
            item: json!({}),
        });
        assert_eq!(form.control_path("subject.principal.name"), "subject.name");
        assert_eq!(
            form.control_path("subject.principal.certificate.number"),
            "subject.certificate.number"
        );
        assert_eq!(
            form.control_path("websites[0].responsible.mobile"),
            "subject.principal.mobile"
        );
        assert_eq!(
            form.control_path("websites[0].responsible.certificate.number"),
            "subject.certificate.number"
        );
        assert_eq!(form.control_path("websites[0].name"), "websites[0].name");
        assert_eq!(
            form.control_path("subject.principal.mobile"),
            "subject.principal.mobile"
        );
    }

    #[test]
    fn a_reloaded_draft_relinks_persons_equal_to_the_principal() {
        let mut draft = Filing::default();
        draft.subject.principal.name = "王五".into();
        draft.websites.push(Default::default());
        draft.websites[0].responsible.name = "王五".into();
        let form = FormState::resume(draft, Section::Services, None);
        assert!(form.is_linked("websites[0].responsible"));
        assert!(form.visited.contains(&Section::Subject));
        assert!(!form.visited.contains(&Section::Review));
        assert!(form.continued.contains(&Section::Subject));
        assert!(!form.continued.contains(&Section::Services));
    }

    #[test]
    fn nothing_is_editable_while_submitting() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::SubmitStarted(attempt("k", "b", false)));
        set(&mut form, "subject.name", json!("changed"));
        assert_eq!(form.draft.subject.name, "");
    }

    #[test]
    fn a_server_rejection_opens_the_section_of_its_first_issue() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Goto(Section::Review));
        let report: Report = serde_json::from_value(json!({
            "rulesetVersion": "x", "ok": false,
            "issues": [{"path": "websites[0].name", "code": "required", "severity": "error",
                        "params": {}, "message": "m"}]
        }))
        .unwrap();
        form.apply(Action::SubmitRejected(report));
        assert_eq!(form.section, Section::Services);
        assert_eq!(form.visible_issues(&validate(&form.draft, &ctx())).len(), 1);
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

    #[test]
    fn domain_facts_follow_the_filed_domains() {
        let mut form = FormState::new(
            parse_filing(include_str!("../tests/fixtures/individual-beijing.json")).unwrap(),
        );
        let domain = form.draft.websites[0].domains[0].clone();
        assert_eq!(form.filed_domains(), std::slice::from_ref(&domain));
        let facts = |d: &str, holder: &str| DomainFacts {
            domain: d.to_uppercase(),
            holder_name: holder.into(),
            ..DomainFacts::default()
        };
        form.apply(Action::DomainFacts(vec![facts(&domain, "张伟")]));
        form.apply(Action::DomainFacts(vec![
            facts(&domain, "张伟伟"),
            facts("not-in-this-filing.cn", "x"),
        ]));
        assert_eq!(form.draft.domain_facts.len(), 1);
        assert_eq!(form.draft.domain_facts[0].domain, domain);
        assert_eq!(form.draft.domain_facts[0].holder_name, "张伟伟");
        // Another domain: the old one's facts go; going back brings them back from what the
        // host already answered.
        form.draft.websites[0].domains = vec!["zhangwei.cn".into()];
        assert_eq!(form.filed_domains(), ["zhangwei.cn"]);
        let answered = vec![facts(&domain, "李四"), facts("zhangwei.cn", "张伟")];
        form.apply(Action::DomainFacts(answered.clone()));
        assert_eq!(form.draft.domain_facts.len(), 1);
        assert_eq!(form.draft.domain_facts[0].domain, "zhangwei.cn");
        form.draft.websites[0].domains = vec![domain.clone()];
        form.apply(Action::DomainFacts(answered));
        assert_eq!(form.draft.domain_facts.len(), 1);
        assert_eq!(form.draft.domain_facts[0].holder_name, "李四");
    }
}
