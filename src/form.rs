//! The form's state machine: the draft, the section on screen, which fields have been
//! validated, and the submit phase. Pure (no web dependency) so the UI stays thin and this
//! logic is tested natively.
//!
//! Edits address the draft by typed field path ([`FieldPath`]), which prints as the report
//! path the rules use for the field (`websites[0].domains[1]`), so one generic control serves
//! every field and an issue always finds its input; the value is written in place, with no
//! JSON in between. The report itself is never stored: it is derived from the draft by
//! [`crate::rules::validate`]. What the state decides is *which* issues the filer sees: a
//! field's issues show once the field has been left (blur), its section was continued, or a
//! submit was attempted.

use serde::{Deserialize, Serialize};

use crate::correction::{Approved, Correction};
use crate::delivery::{body_digest, PendingAttempt};
use crate::ident::Domain;
use crate::model::{DomainFacts, Filing, FilingType, Person, SubjectKind};
use crate::report::{Issue, Report, Severity};
use crate::rules::{allowed_certificates, normalize};

pub mod path;
mod set;
pub use set::SmallSet;

pub use path::{
    AddressField, CertificateField, CertificatePath, Field, FieldMut, FieldPath, FieldValue,
    ListPath, PersonField, PersonPath, PlatformField, PreApprovalField, Service, ServiceField,
    SubjectField,
};

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
    /// `notice` says so in the filer's language with what to do; `detail` is the endpoint's
    /// or the set-up's own text, for support (empty when the notice says it all).
    Failed {
        notice: String,
        detail: String,
        /// Whether sending the same filing again may help (not after a refusal such as a
        /// 400 or 413, or a set-up error): the check page's button says 重试 only then.
        retry: bool,
    },
}

/// A report, or what makes one when it is first read (the widget validates a new filing
/// only once something needs the result).
pub trait ReportSource {
    fn report(&self) -> &Report;
}

impl ReportSource for Report {
    fn report(&self) -> &Report {
        self
    }
}

/// Everything the form remembers.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    pub draft: Filing,
    /// The page on screen.
    pub section: Section,
    /// Sections the filer has opened.
    pub visited: SmallSet<Section>,
    /// Sections the filer tried to leave with "continue": all their issues show.
    pub continued: SmallSet<Section>,
    /// Paths whose issues are shown (the filer has left the field).
    pub touched: SmallSet<String>,
    /// Fields left while a pointer was pressed: their issues show once the click is over
    /// ([`Action::RevealHeld`]), so a message appearing can't move what is being clicked.
    pub held: SmallSet<String>,
    /// The field the filer has just left, whose issues that showed: the form reads them
    /// out, as focus is on the next field by then. Cleared by the next other action.
    pub just_left: Option<String>,
    /// Websites and APPs whose responsible person is kept equal to the subject's principal.
    pub linked: SmallSet<Service>,
    pub submit_attempted: bool,
    pub phase: Phase,
    /// The report the receiver returned with a 422, shown until the draft changes.
    pub server_report: Option<Report>,
    /// The idempotency key of the last submission not answered with a receipt, and a digest
    /// of the body it was sent with; saved with the draft.
    pub pending: Option<PendingAttempt>,
    /// Whether the filer changed anything since the form was created.
    pub dirty: bool,
    /// The form reopened a saved draft: what it shows (the section too) is kept as the
    /// draft, changed or not.
    pub resumed: bool,
    /// The filer came from the check page to change an answer: continuing goes straight
    /// back there instead of through the sections in between.
    pub returning_to_review: bool,
    /// The draft corrects a filing the reviewer sent back (its fields outside the reasons
    /// are read-only until unlocked); submitting sends it to the same filing.
    pub correction: Option<Box<Correction>>,
    /// The draft changes this approved filing (变更): the check page shows what changed.
    pub baseline: Option<Box<Approved>>,
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
    /// Sets a field (`subject.name`, `websites[1].languages`); a value the field cannot hold
    /// changes nothing (see [`FieldValue`]).
    Set {
        path: FieldPath,
        value: FieldValue,
    },
    /// Appends the list's new item (see [`ListPath::push_new`]).
    Push {
        list: ListPath,
    },
    /// Removes item `index` of a list.
    Remove {
        list: ListPath,
        index: usize,
    },
    /// Keeps the responsible person of a website or APP equal to the principal (`true`) or
    /// lets it differ.
    LinkToPrincipal {
        service: Service,
        linked: bool,
    },
    /// Copies another website's or APP's responsible person into `to` (instead of typing the
    /// same person again); `to` no longer follows the principal.
    CopyResponsible {
        from: Service,
        to: Service,
    },
    /// The filer left a field; `reveal` says whether its issues show now or are held until
    /// [`Action::RevealHeld`].
    Blur {
        path: FieldPath,
        reveal: bool,
    },
    /// The click that took focus away is over: the held fields' issues show.
    RevealHeld,
    Acknowledge {
        key: String,
        confirmed: bool,
    },
    /// Open a section.
    Goto(Section),
    /// Open a section from the check page to change an answer there (修改).
    ChangeFromReview(Section),
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
        notice: String,
        detail: String,
        uncertain: bool,
        retry: bool,
    },
    /// Begin a new filing from `draft` (the host's seed, or empty).
    StartOver(Box<Filing>),
    /// Reopen a filing the reviewer sent back, at the first section a reason names.
    StartCorrection(Box<Correction>),
    /// Make every field of a correction editable.
    UnlockCorrection,
    /// Begin a change filing (变更) from an approved filing and its number.
    StartChange(Box<Approved>),
    /// The host replaced the filing (`setFiling`); the section stays.
    Replace(Box<Filing>),
    /// Take over a whole state (a draft another tab saved, loaded at the filer's request).
    Resume(Box<FormState>),
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
            visited: SmallSet::from([Section::Basics]),
            continued: SmallSet::new(),
            touched: SmallSet::new(),
            held: SmallSet::new(),
            just_left: None,
            linked: SmallSet::new(),
            submit_attempted: false,
            phase: Phase::Editing,
            server_report: None,
            pending: None,
            dirty: false,
            resumed: false,
            returning_to_review: false,
            correction: None,
            baseline: None,
        };
        state.linked = state.persons_equal_to_principal();
        // As after any edit: a host's filing of an individual whose principal differs from
        // the filer reads, validates and submits as the form shows it.
        state.mirror();
        state
    }

    /// A restored draft reopens where the filer was; earlier sections count as visited. The
    /// key of a submission that was not answered is kept for the next one.
    pub fn resume(draft: Filing, section: Section, pending: Option<PendingAttempt>) -> Self {
        let mut state = Self::new(draft);
        state.pending = pending;
        state.resumed = true;
        state.section = section;
        state.visited = Section::ALL.into_iter().filter(|s| *s <= section).collect();
        // The filer went past the earlier sections with "continue".
        state.continued = Section::ALL.into_iter().filter(|s| *s < section).collect();
        state
    }

    /// A change filing holding more websites or APPs than its approved filing: a change edits
    /// what is filed, and a new one is filed with 新增网站 after it (§2).
    pub fn change_adds_services(&self) -> bool {
        self.draft.filing_type == Some(FilingType::Change)
            && self.baseline.as_ref().is_some_and(|b| {
                self.draft.websites.len() > b.filing.websites.len()
                    || self.draft.apps.len() > b.filing.apps.len()
            })
    }

    fn editable(&self) -> bool {
        !matches!(self.phase, Phase::Submitting | Phase::Submitted(_))
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        let editable = self.editable();
        if !matches!(action, Action::Blur { .. } | Action::RevealHeld) {
            self.just_left = None;
        }
        match action {
            Action::Set { path, value } if editable => self.set(path, value),
            Action::Push { list } if editable => self.push(list),
            Action::Remove { list, index } if editable => self.remove(list, index),
            Action::LinkToPrincipal { service, linked } if editable => {
                if linked {
                    self.linked.insert(service);
                } else {
                    self.linked.remove(&service);
                }
                self.edited();
            }
            Action::CopyResponsible { from, to } if editable && from != to => {
                let person = self.responsible(from).cloned();
                if let (Some(person), Some(target)) = (person, self.responsible_mut(to)) {
                    *target = person;
                    self.linked.remove(&to);
                    self.edited();
                }
            }
            Action::Blur { path, reveal } => {
                // Show the value the way it will be submitted.
                path.take_into(&mut normalize(&self.draft), &mut self.draft);
                self.mirror();
                // An empty field the filer only tabbed through says nothing yet: its
                // "required" shows when the section is continued or the filing submitted.
                let empty =
                    matches!(path.get(&self.draft), Some(Field::Text(t)) if t.trim().is_empty());
                if !empty {
                    let shown = if reveal {
                        &mut self.touched
                    } else {
                        &mut self.held
                    };
                    shown.insert(path.to_string());
                }
                // What this blur revealed, for the form to read out.
                self.just_left = (reveal && !empty).then(|| path.to_string());
            }
            Action::RevealHeld => {
                self.just_left = (self.held.len() == 1)
                    .then(|| self.held.iter().next().cloned())
                    .flatten();
                self.touched.append(&mut self.held);
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
                self.returning_to_review = false;
            }
            Action::ChangeFromReview(section) => {
                self.section = section;
                self.visited.insert(section);
                self.returning_to_review = section != Section::Review;
            }
            Action::Continue { section_ok } => {
                self.continued.insert(self.section);
                if section_ok {
                    let next = if std::mem::take(&mut self.returning_to_review) {
                        Section::Review
                    } else {
                        self.section.next()
                    };
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
                self.correction = None;
                self.baseline = None;
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
            Action::SubmitFailed {
                notice,
                detail,
                uncertain,
                retry,
            } => {
                if let Some(p) = &mut self.pending {
                    p.uncertain |= uncertain;
                }
                self.phase = Phase::Failed {
                    notice,
                    detail,
                    retry,
                };
                self.section = Section::Review;
            }
            Action::StartOver(draft) => *self = Self::new(*draft),
            Action::StartCorrection(correction) => {
                let section = correction
                    .reasons
                    .iter()
                    .map(|r| Section::of_path(&r.path))
                    .min()
                    .unwrap_or(Section::Review);
                let mut next = Self::resume(correction.rejected.clone(), section, None);
                // Every section was sent: all of it can be opened and its issues show.
                next.visited = Section::ALL.into_iter().collect();
                next.continued = next.visited.clone();
                next.correction = Some(correction);
                next.dirty = true;
                *self = next;
            }
            Action::UnlockCorrection if editable => {
                if let Some(correction) = &mut self.correction {
                    correction.unlocked = true;
                    self.dirty = true;
                }
            }
            Action::StartChange(approved) => {
                let mut draft = approved.filing.clone();
                draft.filing_type = Some(crate::model::FilingType::Change);
                // What this change changes is asked anew.
                draft.change_scope = None;
                draft.filing_number = approved.filing_number.clone();
                draft.acknowledged_warnings.clear();
                let mut next = Self::new(draft);
                next.visited = Section::ALL.into_iter().collect();
                next.baseline = Some(approved);
                next.dirty = true;
                *self = next;
            }
            Action::Resume(state) => *self = *state,
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

    fn set(&mut self, path: FieldPath, value: FieldValue) {
        let filing_province = self.draft.province.clone();
        if !path.set(&mut self.draft, value) {
            return;
        }
        // A warning confirmed for a field was about its value then: an edit asks again (a
        // name confirmed for one word may now hold another).
        let at = format!("@{path}");
        self.draft
            .acknowledged_warnings
            .retain(|ack| !ack.ends_with(&at));
        let address = &mut self.draft.subject.address;
        match path {
            FieldPath::Subject(SubjectField::Kind) => self.fit_certificate_type(),
            // The cascade: a new province or city invalidates what was below it.
            FieldPath::Subject(SubjectField::Address(AddressField::Province)) => {
                address.city.clear();
                address.district.clear();
            }
            FieldPath::Subject(SubjectField::Address(AddressField::City)) => {
                address.district.clear()
            }
            // The mailing address starts in the filing province (most filers live there) and
            // follows it until the filer picks another province or goes on to the city; what
            // the filer chose is never replaced.
            FieldPath::Province
                if address.province.is_empty()
                    || (address.province == filing_province && address.city.is_empty()) =>
            {
                address.province = self.draft.province.clone();
            }
            _ => {}
        }
        self.edited();
    }

    fn push(&mut self, list: ListPath) {
        if !list.push_new(&mut self.draft) {
            return;
        }
        // An individual's new website or APP starts with the filer as its responsible
        // person; the others keep what the filer chose (a domain or an approval added to a
        // card never links its person again).
        let added = match list {
            ListPath::Websites => Some(Service::Website(self.draft.websites.len() - 1)),
            ListPath::Apps => Some(Service::App(self.draft.apps.len() - 1)),
            _ => None,
        };
        if let Some(service) = added {
            if self.draft.subject.kind == Some(SubjectKind::Individual) {
                self.linked.insert(service);
            }
        }
        self.edited();
    }

    fn remove(&mut self, list: ListPath, index: usize) {
        if !list.remove(&mut self.draft, index) {
            return;
        }
        // Indices after the removed item shift: forget what was shown below it.
        let prefix = format!("{list}[");
        self.touched.retain(|p| !p.starts_with(&prefix));
        self.held.retain(|p| !p.starts_with(&prefix));
        self.linked = self.persons_equal_to_principal();
        self.edited();
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
            self.linked.extend(self.services());
        }
    }

    /// Every website and APP of the draft.
    fn services(&self) -> Vec<Service> {
        let websites = (0..self.draft.websites.len()).map(Service::Website);
        let apps = (0..self.draft.apps.len()).map(Service::App);
        websites.chain(apps).collect()
    }

    /// Websites and APPs whose responsible person equals a filled-in principal.
    fn persons_equal_to_principal(&self) -> SmallSet<Service> {
        let principal = &self.draft.subject.principal;
        if principal.name.is_empty() && principal.certificate.number.is_empty() {
            return SmallSet::new();
        }
        self.services()
            .into_iter()
            .filter(|s| self.responsible(*s) == Some(principal))
            .collect()
    }

    fn responsible(&self, service: Service) -> Option<&Person> {
        match service {
            Service::Website(i) => self.draft.websites.get(i).map(|w| &w.responsible),
            Service::App(i) => self.draft.apps.get(i).map(|a| &a.responsible),
        }
    }

    fn responsible_mut(&mut self, service: Service) -> Option<&mut Person> {
        match service {
            Service::Website(i) => self.draft.websites.get_mut(i).map(|w| &mut w.responsible),
            Service::App(i) => self.draft.apps.get_mut(i).map(|a| &mut a.responsible),
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
        let linked: Vec<Service> = self.linked.iter().copied().collect();
        for service in linked {
            if let Some(person) = self.responsible_mut(service) {
                person.clone_from(&principal);
            }
        }
    }

    fn edited(&mut self) {
        self.mirror();
        self.dirty = true;
        self.server_report = None;
        if matches!(self.phase, Phase::Failed { .. }) {
            self.phase = Phase::Editing;
        }
    }

    /// The path of the control where an issue at `path` is fixed: a linked responsible
    /// person is edited as the principal, and an individual's principal identity as the
    /// subject's name and certificate.
    pub fn control_path(&self, path: &str) -> String {
        let mut path = path.to_owned();
        let linked_rest = self.linked.iter().find_map(|service| {
            let person = format!("{service}.responsible.");
            path.strip_prefix(&person).map(str::to_owned)
        });
        if let Some(rest) = linked_rest {
            path = format!("subject.principal.{rest}");
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

    /// Whether the field at `path` stays as it was sent (a correction not unlocked, and no
    /// reviewer reason names it).
    pub fn locked(&self, path: &str) -> bool {
        self.correction.as_ref().is_some_and(|c| c.locks(path))
    }

    /// Whether nothing at or inside `path` can be changed (see [`Correction::locks_all`]).
    pub fn locked_all(&self, path: &str) -> bool {
        self.correction.as_ref().is_some_and(|c| c.locks_all(path))
    }

    /// Whether the responsible person of a website or APP follows the principal.
    pub fn is_linked(&self, service: Service) -> bool {
        self.linked.contains(&service)
    }

    /// Whether issues at `path` are shown.
    pub fn is_revealed(&self, path: &str) -> bool {
        self.submit_attempted
            || self.continued.contains(&Section::of_path(path))
            || self.touched.contains(path)
    }

    /// Whether any issue can be visible: a receiver's report, a submission attempt, a
    /// section continued or a field touched.
    fn reveals_any(&self) -> bool {
        self.server_report.is_some()
            || self.submit_attempted
            || !self.continued.is_empty()
            || !self.touched.is_empty()
    }

    /// The issues the filer sees now: the local report's revealed issues, or the
    /// receiver's report after a rejection. While nothing can be revealed (a new filing),
    /// the report is not read.
    pub fn visible_issues<'a>(&'a self, report: &'a impl ReportSource) -> Vec<&'a Issue> {
        if !self.reveals_any() {
            return Vec::new();
        }
        let source = self
            .server_report
            .as_ref()
            .unwrap_or_else(|| report.report());
        source
            .issues
            .iter()
            .filter(|i| self.is_revealed(&i.path))
            .collect()
    }

    /// The task-list tag of a section, from the receiver's report after a rejection (until
    /// the next edit), else the local one. The report is read only when the tag depends on
    /// it: not for a section not started, nor for the check page before it is visited.
    pub fn status(&self, section: Section, report: &impl ReportSource) -> SectionStatus {
        let source: &dyn ReportSource = match &self.server_report {
            Some(server) => server,
            None => report,
        };
        self.status_by(section, source)
    }

    fn status_by(&self, section: Section, report: &dyn ReportSource) -> SectionStatus {
        if section == Section::Review {
            if !self.visited.contains(&section) {
                return SectionStatus::NotStarted;
            }
            let others_complete = Section::ALL[..3]
                .iter()
                .all(|s| self.status_by(*s, report) == SectionStatus::Complete);
            return match others_complete {
                true if report.report().ok => SectionStatus::Complete,
                _ if self.submit_attempted => SectionStatus::HasProblems,
                _ => SectionStatus::InProgress,
            };
        }
        // Derived from the data, not from where the filer clicked: a restored draft (or a
        // host's filing) whose websites were entered earlier is never "not started".
        let started = self.has_input(section);
        if !started && !self.continued.contains(&section) {
            return SectionStatus::NotStarted;
        }
        let errors = report
            .report()
            .issues
            .iter()
            .any(|i| i.severity == Severity::Error && Section::of_path(&i.path) == section);
        // A field a reviewer sent back, neither changed nor confirmed, is still to do.
        let returned = report.report().issues.iter().any(|i| {
            i.code == crate::correction::RETURNED
                && Section::of_path(&i.path) == section
                && !self
                    .draft
                    .acknowledged_warnings
                    .contains(&i.acknowledgement_key())
        });
        // A section without errors is complete whether the filer continued it or the data
        // came whole (a restored draft, `setFiling()` of a complete filing).
        let tried = self.continued.contains(&section) || self.submit_attempted;
        match (errors, tried) {
            (true, true) => SectionStatus::HasProblems,
            (true, false) => SectionStatus::InProgress,
            (false, _) if returned => SectionStatus::InProgress,
            (false, _) => SectionStatus::Complete,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_filing, CertificateType};
    use crate::rules::{validate, RuleContext};
    use chrono::NaiveDate;
    use serde_json::{json, Value};
    use std::collections::BTreeSet;

    fn ctx() -> RuleContext<'static> {
        RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    }

    /// The field at a report path (which must be one).
    fn field(path: &str) -> FieldPath {
        FieldPath::parse(path).unwrap_or_else(|| panic!("{path} is not a field path"))
    }

    fn text(value: &str) -> FieldValue {
        FieldValue::Text(value.to_owned())
    }

    fn set(form: &mut FormState, path: &str, value: FieldValue) {
        form.apply(Action::Set {
            path: field(path),
            value,
        });
    }

    fn blur(form: &mut FormState, path: &str) {
        form.apply(Action::Blur {
            path: field(path),
            reveal: true,
        });
    }

    fn push(form: &mut FormState, list: ListPath) {
        form.apply(Action::Push { list });
    }

    #[test]
    fn the_field_just_left_is_named_until_the_next_edit() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "subject.name", text("某某"));
        assert_eq!(form.just_left, None);
        blur(&mut form, "subject.name");
        assert_eq!(form.just_left.as_deref(), Some("subject.name"));
        // Tabbing through an empty field reveals nothing, so there is nothing to read out.
        blur(&mut form, "subject.principal.mobile");
        assert_eq!(form.just_left, None);
        blur(&mut form, "subject.name");
        set(&mut form, "subject.principal.mobile", text("1"));
        assert_eq!(form.just_left, None);
        // Left during a click: named when the click is over, as its messages show then.
        form.apply(Action::Blur {
            path: field("subject.principal.mobile"),
            reveal: false,
        });
        assert_eq!(form.just_left, None);
        form.apply(Action::RevealHeld);
        assert_eq!(form.just_left.as_deref(), Some("subject.principal.mobile"));
    }

    #[test]
    fn edits_reach_nested_lists_and_wrong_types_are_ignored() {
        let mut form = FormState::new(Filing::default());
        push(&mut form, ListPath::Websites);
        push(&mut form, ListPath::Domains(Service::Website(0)));
        assert_eq!(form.draft.websites[0].domains, ["", ""]);
        set(&mut form, "websites[0].domains[1]", text("Example.COM"));
        assert_eq!(form.draft.websites[0].domains, ["", "Example.COM"]);
        set(
            &mut form,
            "websites[0].languages",
            FieldValue::Texts(vec!["zh".into(), "en".into()]),
        );
        assert_eq!(form.draft.websites[0].languages, ["zh", "en"]);
        form.dirty = false;
        let before = form.draft.clone();
        set(&mut form, "websites[0].domains", text("42"));
        set(&mut form, "websites[0].domains[2]", text("x"));
        set(&mut form, "websites[7].name", text("x"));
        set(
            &mut form,
            "subject.principalIsLegalRepresentative",
            text("true"),
        );
        set(&mut form, "subject.name", FieldValue::Flag(true));
        assert_eq!(form.draft, before, "a bad edit changes nothing");
        assert!(!form.dirty, "nor counts as a change");
        form.apply(Action::Remove {
            list: ListPath::Domains(Service::Website(0)),
            index: 0,
        });
        assert_eq!(form.draft.websites[0].domains, ["Example.COM"]);
        form.apply(Action::Remove {
            list: ListPath::Websites,
            index: 0,
        });
        assert!(form.draft.websites.is_empty());
    }

    #[test]
    fn issues_appear_only_after_blur_continue_or_submit() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Goto(Section::Subject));
        set(&mut form, "subject.kind", text("individual"));
        set(&mut form, "subject.name", text("张<>"));
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
        set(&mut form, "subject.address.province", text("440000"));
        set(&mut form, "subject.address.city", text("440300"));
        set(&mut form, "subject.address.district", text("440305"));
        set(&mut form, "subject.address.city", text("440100"));
        assert_eq!(form.draft.subject.address.district, "");
        set(&mut form, "subject.address.district", text("440106"));
        set(&mut form, "subject.address.province", text("110000"));
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
        set(&mut form, "province", text("110000"));
        assert_eq!(status(&form), SectionStatus::InProgress);
        form.apply(Action::Continue { section_ok: false });
        assert_eq!(status(&form), SectionStatus::HasProblems, "no filing type");
        set(&mut form, "filingType", text("first"));
        assert_eq!(status(&form), SectionStatus::Complete);
    }

    #[test]
    fn a_replaced_complete_filing_shows_its_sections_complete() {
        let filing =
            parse_filing(include_str!("../tests/fixtures/individual-beijing.json")).unwrap();
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Replace(Box::new(filing)));
        let report = validate(&form.draft, &ctx());
        assert!(report.ok, "{:?}", report.issues);
        for section in [Section::Basics, Section::Subject, Section::Services] {
            assert_eq!(
                form.status(section, &report),
                SectionStatus::Complete,
                "{section:?}"
            );
        }
        // A section with a mistake is not complete before the filer has seen it.
        let mut broken = form.draft.clone();
        broken.subject.name.clear();
        form.apply(Action::Replace(Box::new(broken)));
        let report = validate(&form.draft, &ctx());
        assert_eq!(
            form.status(Section::Subject, &report),
            SectionStatus::InProgress
        );
    }

    #[test]
    fn a_section_with_a_returned_field_is_in_progress_until_it_is_changed_or_confirmed() {
        let filing =
            parse_filing(include_str!("../tests/fixtures/individual-beijing.json")).unwrap();
        let mut form = FormState::resume(filing, Section::Services, None);
        let mut report = validate(&form.draft, &ctx());
        assert_eq!(
            form.status(Section::Services, &report),
            SectionStatus::Complete
        );
        let returned = Issue {
            path: "websites[0].name".into(),
            code: crate::correction::RETURNED.into(),
            severity: Severity::Warning,
            params: Default::default(),
            message: "审核退回".into(),
        };
        let key = returned.acknowledgement_key();
        report.issues.push(returned);
        assert_eq!(
            form.status(Section::Services, &report),
            SectionStatus::InProgress
        );
        assert_eq!(
            form.status(Section::Subject, &report),
            SectionStatus::Complete,
            "another section"
        );
        form.draft.acknowledged_warnings.push(key);
        assert_eq!(
            form.status(Section::Services, &report),
            SectionStatus::Complete
        );
    }

    #[test]
    fn a_restored_section_that_holds_data_is_never_not_started() {
        // The filer entered a website, then went back to the subject with the task list and
        // reloaded: the draft reopens on the subject page.
        let filing =
            parse_filing(include_str!("../tests/fixtures/individual-beijing.json")).unwrap();
        let form = FormState::resume(filing, Section::Subject, None);
        let report = validate(&form.draft, &ctx());
        assert_eq!(form.section, Section::Subject);
        assert_ne!(
            form.status(Section::Services, &report),
            SectionStatus::NotStarted
        );
        let empty = FormState::resume(Filing::default(), Section::Subject, None);
        let report = validate(&empty.draft, &ctx());
        assert_eq!(
            empty.status(Section::Services, &report),
            SectionStatus::NotStarted
        );
    }

    #[test]
    fn a_change_from_the_check_page_returns_there_in_one_step() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Goto(Section::Review));
        form.apply(Action::ChangeFromReview(Section::Basics));
        assert_eq!(form.section, Section::Basics);
        assert!(form.returning_to_review);
        form.apply(Action::Continue { section_ok: false });
        assert_eq!(form.section, Section::Basics, "errors keep the filer here");
        form.apply(Action::Continue { section_ok: true });
        assert_eq!(
            form.section,
            Section::Review,
            "not through the subject page"
        );
        // Continuing again from a section reached otherwise goes on as usual.
        form.apply(Action::ChangeFromReview(Section::Subject));
        form.apply(Action::Goto(Section::Basics));
        form.apply(Action::Continue { section_ok: true });
        assert_eq!(form.section, Section::Subject);
    }

    #[test]
    fn the_mailing_address_starts_in_the_filing_province() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "province", text("110000"));
        assert_eq!(form.draft.subject.address.province, "110000");
        // A filing province chosen by mistake and corrected: the address follows.
        set(&mut form, "province", text("310000"));
        assert_eq!(form.draft.subject.address.province, "310000");
        // Once the filer went on to the city, the address is theirs.
        set(&mut form, "subject.address.city", text("310100"));
        set(&mut form, "province", text("120000"));
        assert_eq!(form.draft.subject.address.province, "310000");
        assert_eq!(form.draft.subject.address.city, "310100");
        set(&mut form, "subject.address.province", text("440000"));
        set(&mut form, "province", text("310000"));
        assert_eq!(
            form.draft.subject.address.province, "440000",
            "a province the filer chose stays"
        );
    }

    #[test]
    fn a_correction_opens_where_the_reviewer_pointed_and_a_change_starts_from_the_approved_filing()
    {
        use crate::correction::{Approved, Correction, RejectionReason};
        let sent = parse_filing(include_str!(
            "../tests/fixtures/enterprise-guangdong-two-websites.json"
        ))
        .unwrap();
        let mut form = FormState::new(Filing::default());
        form.apply(Action::StartCorrection(Box::new(Correction {
            id: "icpf_1".into(),
            reasons: vec![
                RejectionReason {
                    path: "websites[1].name".into(),
                    code: "other".into(),
                    comment: String::new(),
                },
                RejectionReason {
                    path: "subject.principal.mobile".into(),
                    code: "other".into(),
                    comment: String::new(),
                },
            ],
            rejected: sent.clone(),
            unlocked: false,
        })));
        assert_eq!(
            form.section,
            Section::Subject,
            "the first section a reason names"
        );
        assert_eq!(form.draft, sent);
        assert!(form.visited.contains(&Section::Review));
        assert!(!form.locked("websites[1].name"));
        assert!(form.locked("websites[1].remark"));
        form.apply(Action::UnlockCorrection);
        assert!(!form.locked("websites[1].remark"));
        // Sent: the correction is over.
        form.apply(Action::SubmitSucceeded(Receipt {
            id: "icpf_1".into(),
            received_at: "2026-12-05T01:00:00Z".into(),
        }));
        assert!(form.correction.is_none());

        form.apply(Action::StartChange(Box::new(Approved {
            filing_number: "粤ICP备2026012345号".into(),
            filing: sent.clone(),
        })));
        assert_eq!(
            form.draft.filing_type,
            Some(crate::model::FilingType::Change)
        );
        assert_eq!(form.draft.filing_number, "粤ICP备2026012345号");
        assert_eq!(form.draft.websites, sent.websites);
        assert!(form.baseline.is_some());
        assert!(
            !form.locked("subject.name"),
            "a change filing locks nothing"
        );
    }

    #[test]
    fn a_responsible_person_is_copied_from_another_website_or_app() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "subject.kind", text("enterprise"));
        push(&mut form, ListPath::Websites);
        push(&mut form, ListPath::Apps);
        set(&mut form, "websites[0].responsible.name", text("李四"));
        set(
            &mut form,
            "websites[0].responsible.mobile",
            text("13800138000"),
        );
        set(
            &mut form,
            "websites[0].responsible.certificate.number",
            text("11010819900307106X"),
        );
        form.apply(Action::CopyResponsible {
            from: Service::Website(0),
            to: Service::App(0),
        });
        assert_eq!(
            form.draft.apps[0].responsible,
            form.draft.websites[0].responsible
        );
        assert!(form.dirty);
        // A copy, not a link: changing one leaves the other.
        set(&mut form, "apps[0].responsible.mobile", text("13900139000"));
        assert_eq!(form.draft.websites[0].responsible.mobile, "13800138000");
        // Nothing to copy from a service that isn't there.
        let before = form.draft.clone();
        form.apply(Action::CopyResponsible {
            from: Service::Website(5),
            to: Service::App(0),
        });
        assert_eq!(form.draft, before);
    }

    #[test]
    fn a_field_left_during_a_click_shows_its_issues_after_the_click() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Goto(Section::Services));
        push(&mut form, ListPath::Websites);
        set(
            &mut form,
            "websites[0].domains[0]",
            text("example.invalid-tld"),
        );
        form.apply(Action::Blur {
            path: field("websites[0].domains[0]"),
            reveal: false,
        });
        assert!(!form.is_revealed("websites[0].domains[0]"));
        // The click lands (a service ticked) before the message moves anything.
        set(
            &mut form,
            "websites[0].serviceContent",
            FieldValue::Texts(vec!["blog".into()]),
        );
        assert!(!form.is_revealed("websites[0].domains[0]"));
        form.apply(Action::RevealHeld);
        assert!(form.is_revealed("websites[0].domains[0]"));
        assert!(form.held.is_empty());
        let report = validate(&form.draft, &ctx());
        assert!(form
            .visible_issues(&report)
            .iter()
            .any(|i| i.path == "websites[0].domains[0]"));
    }

    #[test]
    fn tabbing_through_an_empty_field_reveals_nothing_until_continue() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Blur {
            path: field("province"),
            reveal: true,
        });
        form.apply(Action::Goto(Section::Subject));
        form.apply(Action::Blur {
            path: field("subject.name"),
            reveal: true,
        });
        assert!(!form.is_revealed("subject.name"));
        let report = validate(&form.draft, &ctx());
        assert!(form.visible_issues(&report).is_empty());
        // A value, even a wrong one, shows its issues when the filer leaves the field.
        set(&mut form, "subject.name", text("x"));
        form.apply(Action::Blur {
            path: field("subject.name"),
            reveal: true,
        });
        assert!(form.is_revealed("subject.name"));
        // Continuing shows everything the section lacks.
        form.apply(Action::Continue { section_ok: false });
        let report = validate(&form.draft, &ctx());
        assert!(form
            .visible_issues(&report)
            .iter()
            .any(|i| i.path == "subject.kind"));
    }

    #[test]
    fn blur_normalises_the_certificate_number() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "subject.kind", text("individual"));
        set(
            &mut form,
            "subject.certificate.number",
            text(" 110105 19491231 002x"),
        );
        form.apply(Action::Blur {
            path: field("subject.certificate.number"),
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
        set(&mut form, "subject.kind", text("individual"));
        assert_eq!(
            form.draft.subject.certificate.kind,
            Some(CertificateType::ResidentId)
        );
        set(&mut form, "subject.kind", text("enterprise"));
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
            notice: "offline".into(),
            detail: String::new(),
            uncertain: true,
            retry: true,
        });
        assert_eq!(form.key_for("{a}", || "k2".into()), "k1");
        assert_eq!(form.key_for("{b}", || "k2".into()), "k2");
        assert_eq!(
            form.phase,
            Phase::Failed {
                notice: "offline".into(),
                detail: String::new(),
                retry: true,
            }
        );
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
            notice: "config".into(),
            detail: String::new(),
            uncertain: false,
            retry: false,
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
        set(&mut form, "subject.kind", text("individual"));
        push(&mut form, ListPath::Websites);
        push(&mut form, ListPath::Websites);
        assert!(form.is_linked(Service::Website(1)));
        form.apply(Action::LinkToPrincipal {
            service: Service::Website(0),
            linked: false,
        });
        set(&mut form, "websites[0].responsible.name", text("李四"));
        set(&mut form, "subject.name", text("张三"));
        set(&mut form, "subject.principal.mobile", text("13800138000"));
        let d = &form.draft;
        assert_eq!(d.subject.principal.name, "张三");
        assert_eq!(d.websites[1].responsible.name, "张三");
        assert_eq!(d.websites[1].responsible.mobile, "13800138000");
        assert_eq!(d.websites[0].responsible.name, "李四", "unlinked stays");
        // Adding to the card, or another card, leaves the filer's choice as it is.
        push(&mut form, ListPath::Domains(Service::Website(0)));
        push(&mut form, ListPath::PreApprovals(Service::Website(0)));
        push(&mut form, ListPath::Apps);
        push(&mut form, ListPath::Websites);
        assert!(!form.is_linked(Service::Website(0)));
        assert_eq!(form.draft.websites[0].responsible.name, "李四");
        assert!(form.is_linked(Service::Website(2)));
        assert!(form.is_linked(Service::App(0)));
        assert_eq!(form.draft.apps[0].responsible.name, "张三");
    }

    #[test]
    fn issues_of_mirrored_persons_point_at_the_control_that_edits_them() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "subject.kind", text("individual"));
        push(&mut form, ListPath::Websites);
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
        assert!(form.is_linked(Service::Website(0)));
        assert!(form.visited.contains(&Section::Subject));
        assert!(!form.visited.contains(&Section::Review));
        assert!(form.continued.contains(&Section::Subject));
        assert!(!form.continued.contains(&Section::Services));
    }

    #[test]
    fn nothing_is_editable_while_submitting() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::SubmitStarted(attempt("k", "b", false)));
        set(&mut form, "subject.name", text("changed"));
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
    fn after_a_server_rejection_the_task_list_follows_its_report_until_the_next_edit() {
        let filing =
            parse_filing(include_str!("../tests/fixtures/individual-beijing.json")).unwrap();
        let mut form = FormState::resume(filing, Section::Review, None);
        let statuses = |form: &FormState| {
            let report = validate(&form.draft, &ctx());
            assert!(report.ok, "{:?}", report.issues);
            Section::ALL.map(|s| form.status(s, &report))
        };
        use SectionStatus::{Complete, HasProblems};
        assert_eq!(statuses(&form), [Complete; 4]);
        let report: Report = serde_json::from_value(json!({
            "rulesetVersion": "x", "ok": false,
            "issues": [{"path": "websites[0].name", "code": "website_name.banned_word",
                        "severity": "error", "params": {}, "message": "m"}]
        }))
        .unwrap();
        form.apply(Action::SubmitRejected(report));
        assert_eq!(
            statuses(&form),
            [Complete, Complete, HasProblems, HasProblems]
        );
        set(&mut form, "websites[0].name", text("张三的摄影日志"));
        assert_eq!(statuses(&form), [Complete; 4]);
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
    fn an_edit_takes_back_the_confirmations_of_that_field_only() {
        let mut form = FormState::new(Filing::default());
        form.apply(Action::Push {
            list: ListPath::Websites,
        });
        for key in [
            "website.name_forbidden_word_inside@websites[0].name",
            "address.no_house_number@subject.address.detail",
        ] {
            form.apply(Action::Acknowledge {
                key: key.to_owned(),
                confirmed: true,
            });
        }
        set(&mut form, "websites[0].name", text("张三的博客吧"));
        assert_eq!(
            form.draft.acknowledged_warnings,
            ["address.no_house_number@subject.address.detail"]
        );
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

    /// Every field path with indices below `n` (each list item `0..n`).
    fn all_paths(n: usize) -> Vec<FieldPath> {
        let certificate = || CertificateField::ALL.iter().copied();
        let person = || {
            [PersonField::Name]
                .into_iter()
                .chain(certificate().map(PersonField::Certificate))
                .chain([
                    PersonField::Mobile,
                    PersonField::Email,
                    PersonField::EmergencyPhone,
                    PersonField::OfficePhone,
                ])
        };
        let mut subject = vec![SubjectField::Kind, SubjectField::Name];
        subject.extend(certificate().map(SubjectField::Certificate));
        subject.push(SubjectField::CertificateAddress);
        subject.extend(AddressField::ALL.iter().copied().map(SubjectField::Address));
        subject.extend(person().map(SubjectField::Principal));
        subject.extend([
            SubjectField::PrincipalIsLegalRepresentative,
            SubjectField::LegalRepresentativeName,
        ]);
        subject.extend(certificate().map(SubjectField::LegalRepresentativeCertificate));
        subject.push(SubjectField::Remark);
        let mut service = vec![
            ServiceField::Name,
            ServiceField::FilingNumber,
            ServiceField::Domains,
        ];
        service.extend((0..n).map(ServiceField::Domain));
        service.extend([ServiceField::ServiceContent, ServiceField::Languages]);
        for j in 0..n {
            service.extend(
                PreApprovalField::ALL
                    .iter()
                    .map(|f| ServiceField::PreApproval(j, *f)),
            );
        }
        service.extend(person().map(ServiceField::Responsible));
        service.push(ServiceField::Remark);

        let mut paths = vec![
            FieldPath::FilingType,
            FieldPath::ChangeScope,
            FieldPath::Province,
            FieldPath::FilingNumber,
        ];
        paths.extend(subject.into_iter().map(FieldPath::Subject));
        for i in 0..n {
            for s in [Service::Website(i), Service::App(i)] {
                paths.extend(service.iter().map(|f| s.field(*f)));
            }
            paths.push(FieldPath::Homepage(i));
            for j in 0..n {
                paths.extend(
                    PlatformField::ALL
                        .iter()
                        .map(|f| FieldPath::Platform(i, j, *f)),
                );
            }
        }
        paths
    }

    /// The JSON leaves of a value by report path: texts, yes/no answers, and lists of texts
    /// both whole and item by item.
    fn leaves(value: &Value, at: &str, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    let path = if at.is_empty() {
                        key.clone()
                    } else {
                        format!("{at}.{key}")
                    };
                    leaves(v, &path, out);
                }
            }
            Value::Array(items) => {
                if items.iter().all(Value::is_string) {
                    out.push((at.to_owned(), value.clone()));
                }
                for (i, item) in items.iter().enumerate() {
                    leaves(item, &format!("{at}[{i}]"), out);
                }
            }
            _ => out.push((at.to_owned(), value.clone())),
        }
    }

    /// Every field of the model filled in, two of each list item, each text its own report
    /// path (so a field read from the wrong place shows); choices are valid slugs.
    fn full_filing() -> Filing {
        let person = json!({"name": "", "certificate": {"type": "residentId", "number": "",
            "validUntil": ""}, "mobile": "", "email": "", "emergencyPhone": "", "officePhone": ""});
        let service = |platforms: bool| {
            let mut s = json!({"name": "", "filingNumber": "", "domains": ["", ""], "serviceContent": ["", ""],
                "languages": ["", ""], "preApprovals": [{"category": "", "number": ""},
                {"category": "", "number": ""}], "responsible": person, "remark": ""});
            if platforms {
                let platform = json!({"platform": "", "packageName": "", "signatureMd5": "",
                    "publicKey": "", "certSha1": ""});
                s["platforms"] = json!([platform, platform]);
            } else {
                s["homepage"] = json!("");
            }
            s
        };
        let mut value = json!({
            "schemaVersion": 1, "filingType": "change", "changeScope": "both", "province": "",
            "filingNumber": "",
            "subject": {"kind": "enterprise", "name": "",
                "certificate": {"type": "uscc", "number": "", "validUntil": ""},
                "certificateAddress": "", "address": {"province": "", "city": "",
                "district": "", "detail": ""}, "principal": person,
                "principalIsLegalRepresentative": true,
                "legalRepresentative": {"name": "",
                    "certificate": {"type": "residentId", "number": "", "validUntil": ""}},
                "remark": ""},
            "websites": [service(false), service(false)],
            "apps": [service(true), service(true)],
            "domainFacts": [{"domain": "", "holderName": ""}],
            "acknowledgedWarnings": [""],
        });
        fn fill(value: &mut Value, at: &str) {
            match value {
                Value::Object(map) => {
                    for (key, v) in map.iter_mut() {
                        if !matches!(key.as_str(), "filingType" | "changeScope" | "kind" | "type") {
                            let path = if at.is_empty() {
                                key.clone()
                            } else {
                                format!("{at}.{key}")
                            };
                            fill(v, &path);
                        }
                    }
                }
                Value::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        fill(item, &format!("{at}[{i}]"));
                    }
                }
                Value::String(text) => *text = at.to_owned(),
                _ => {}
            }
        }
        fill(&mut value, "");
        serde_json::from_value(value).unwrap()
    }

    /// A field as JSON, the way the filing serialises it.
    fn field_json(field: Field<'_>) -> Value {
        match field {
            Field::Text(text) => json!(text),
            Field::Texts(texts) => json!(texts),
            Field::FilingType(t) => json!(t.map(|t| t.slug())),
            Field::ChangeScope(s) => json!(s.map(|s| s.slug())),
            Field::SubjectKind(k) => json!(k.map(|k| k.slug())),
            Field::CertificateType(t) => json!(t.map(|t| t.slug())),
            Field::Flag(flag) => json!(flag),
        }
    }

    fn value_json(value: &FieldValue) -> Value {
        match value {
            FieldValue::Text(text) => json!(text),
            FieldValue::Flag(flag) => json!(flag),
            FieldValue::Texts(texts) => json!(texts),
        }
    }

    /// The JSON edits the typed ones replaced (the reducer's code before them), kept as the
    /// reference the typed edits must agree with.
    mod json_edit {
        use super::*;

        fn pointer(path: &str) -> String {
            let mut pointer = String::new();
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

        pub fn value_at(filing: &Filing, path: &str) -> Option<Value> {
            let value = serde_json::to_value(filing).ok()?;
            value.pointer(&pointer(path)).cloned()
        }

        pub fn edit(
            filing: &Filing,
            path: &str,
            change: impl FnOnce(&mut Value),
        ) -> Option<Filing> {
            let mut value = serde_json::to_value(filing).ok()?;
            let pointer = pointer(path);
            if value.pointer(&pointer).is_none() {
                // The model leaves empty fields and objects out: put them back on the way.
                let parts: Vec<&str> = pointer.split('/').skip(1).collect();
                let mut node = &mut value;
                for (k, part) in parts.iter().enumerate() {
                    let missing = match k + 1 == parts.len() {
                        true => Value::Null,
                        false => json!({}),
                    };
                    node = match node {
                        Value::Object(map) => map.entry(part.to_string()).or_insert(missing),
                        Value::Array(items) => items.get_mut(part.parse::<usize>().ok()?)?,
                        _ => return None,
                    };
                }
            }
            change(value.pointer_mut(&pointer)?);
            parse_filing(&value.to_string()).ok()
        }

        /// What the form's controls used to push onto each list.
        pub fn new_item(list: ListPath) -> Value {
            match list {
                ListPath::Websites => {
                    json!({"domains": [""], "languages": ["simplifiedChinese"]})
                }
                ListPath::Apps => json!({"platforms": [{"platform": "android"}],
                    "domains": [""], "languages": ["simplifiedChinese"]}),
                ListPath::Domains(_) => json!(""),
                ListPath::PreApprovals(_) => json!({"category": "", "number": ""}),
                ListPath::Platforms(_) => json!({"platform": ""}),
            }
        }

        pub fn push(filing: &Filing, list: ListPath) -> Option<Filing> {
            let item = new_item(list);
            edit(filing, &list.to_string(), |slot| match slot {
                Value::Array(items) => items.push(item),
                other => *other = Value::Array(vec![item]),
            })
        }

        pub fn remove(filing: &Filing, list: ListPath, index: usize) -> Option<Filing> {
            edit(filing, &list.to_string(), |slot| {
                if let Value::Array(items) = slot {
                    if index < items.len() {
                        items.remove(index);
                    }
                }
            })
        }
    }

    #[test]
    fn field_paths_print_as_report_paths_and_parse_back() {
        let paths = all_paths(12);
        for path in &paths {
            let text = path.to_string();
            assert_eq!(FieldPath::parse(&text), Some(*path), "{text}");
        }
        let texts: BTreeSet<String> = paths.iter().map(ToString::to_string).collect();
        assert_eq!(texts.len(), paths.len(), "no two fields print the same");
        for (path, text) in [
            (FieldPath::FilingType, "filingType"),
            (
                FieldPath::Subject(SubjectField::Principal(PersonField::Certificate(
                    CertificateField::Number,
                ))),
                "subject.principal.certificate.number",
            ),
            (
                FieldPath::Subject(SubjectField::Certificate(CertificateField::Type)),
                "subject.certificate.type",
            ),
            (
                FieldPath::Subject(SubjectField::PrincipalIsLegalRepresentative),
                "subject.principalIsLegalRepresentative",
            ),
            (
                FieldPath::Subject(SubjectField::LegalRepresentativeCertificate(
                    CertificateField::Number,
                )),
                "subject.legalRepresentative.certificate.number",
            ),
            (
                Service::Website(0).field(ServiceField::Languages),
                "websites[0].languages",
            ),
            (
                Service::Website(1).field(ServiceField::Domain(0)),
                "websites[1].domains[0]",
            ),
            (
                Service::App(3).field(ServiceField::PreApproval(10, PreApprovalField::Category)),
                "apps[3].preApprovals[10].category",
            ),
            (
                Service::App(0).field(ServiceField::Responsible(PersonField::EmergencyPhone)),
                "apps[0].responsible.emergencyPhone",
            ),
            (FieldPath::Homepage(2), "websites[2].homepage"),
            (
                FieldPath::Platform(0, 1, PlatformField::PackageName),
                "apps[0].platforms[1].packageName",
            ),
        ] {
            assert_eq!(path.to_string(), text);
        }
        for (list, text) in [
            (ListPath::Websites, "websites"),
            (ListPath::Apps, "apps"),
            (ListPath::Domains(Service::App(1)), "apps[1].domains"),
            (
                ListPath::PreApprovals(Service::Website(0)),
                "websites[0].preApprovals",
            ),
            (ListPath::Platforms(2), "apps[2].platforms"),
        ] {
            assert_eq!(list.to_string(), text);
        }
    }

    #[test]
    fn only_field_paths_written_as_displayed_parse() {
        for text in [
            "",
            "subject",
            "subject.kind.x",
            "subject.principal.certificate",
            "subject.address",
            "subject.homepage",
            "websites",
            "websites[0]",
            "websites[01].name",
            "websites[+1].name",
            "websites[-1].name",
            "websites[].name",
            "websites[1.name",
            "websites[99999999999999999999999].name",
            "websites [0].name",
            "websites[0].homepage.x",
            "websites[0].domains[0].x",
            "websites[0].preApprovals[0]",
            "websites[0].preApprovals",
            "websites[0].serviceContent[1]",
            "websites[0].platforms[0].platform",
            "apps[0].homepage",
            "apps[0].platforms",
            "apps[0].platforms[0]",
            "apps[0].platforms[0].x",
            "acknowledgedWarnings",
            "domainFacts[0].domain",
            "schemaVersion",
            "filingType.x",
            " province",
            "Province",
        ] {
            assert_eq!(FieldPath::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn every_field_of_the_model_is_a_field_path_reading_its_value() {
        let filing = full_filing();
        let mut found = Vec::new();
        leaves(&serde_json::to_value(&filing).unwrap(), "", &mut found);
        let not_fields = ["schemaVersion", "domainFacts", "acknowledgedWarnings"];
        let mut fields = BTreeSet::new();
        for (text, value) in &found {
            let editable = !not_fields.iter().any(|n| text.starts_with(n))
                && !text.contains(".serviceContent[")
                && !text.contains(".languages[");
            let parsed = FieldPath::parse(text);
            assert_eq!(parsed.is_some(), editable, "{text}");
            let Some(path) = parsed else { continue };
            assert_eq!(path.to_string(), *text);
            assert_eq!(
                path.get(&filing).map(field_json),
                Some(value.clone()),
                "{text}"
            );
            let shown = value.as_str().unwrap_or_default();
            assert_eq!(path.text(&filing), shown, "{text}");
            fields.insert(path.to_string());
        }
        // And the other way round: every path there is names one of those fields (or an item
        // past the end of its list).
        for path in all_paths(3) {
            let present = path.get(&filing).is_some();
            assert_eq!(present, fields.contains(&path.to_string()), "{path}");
        }
        assert!(fields.len() > 100, "{} fields", fields.len());
    }

    #[test]
    fn typed_edits_give_the_filing_the_json_edits_gave() {
        let values = [
            text(""),
            text("新 值"),
            text("first"),
            text("change"),
            text("individual"),
            text("enterprise"),
            text("uscc"),
            text("residentId"),
            text("android"),
            text("longTerm"),
            text("true"),
            text("Individual"),
            FieldValue::Flag(true),
            FieldValue::Flag(false),
            FieldValue::Texts(Vec::new()),
            FieldValue::Texts(vec!["website".into(), "".into()]),
        ];
        let mut refused = 0;
        for filing in [full_filing(), Filing::default()] {
            for path in all_paths(3) {
                for value in &values {
                    let mut typed = filing.clone();
                    let done = path.set(&mut typed, value.clone());
                    let expected = json_edit::edit(&filing, &path.to_string(), |slot| {
                        *slot = value_json(value)
                    });
                    assert_eq!(done, expected.is_some(), "{path} = {value:?}");
                    assert_eq!(typed, expected.unwrap_or_else(|| filing.clone()), "{path}");
                    refused += usize::from(!done);
                }
            }
        }
        assert!(refused > 0);
    }

    #[test]
    fn typed_pushes_and_removals_give_the_filing_the_json_edits_gave() {
        let mut lists = vec![ListPath::Websites, ListPath::Apps];
        for i in 0..3 {
            for s in [Service::Website(i), Service::App(i)] {
                lists.extend([ListPath::Domains(s), ListPath::PreApprovals(s)]);
            }
            lists.push(ListPath::Platforms(i));
        }
        for filing in [full_filing(), Filing::default()] {
            for list in &lists {
                let mut typed = filing.clone();
                let done = list.push_new(&mut typed);
                let expected = json_edit::push(&filing, *list);
                assert_eq!(done, expected.is_some(), "push {list}");
                assert_eq!(typed, expected.unwrap_or_else(|| filing.clone()), "{list}");
                for index in 0..3 {
                    let mut typed = filing.clone();
                    let done = list.remove(&mut typed, index);
                    let expected = json_edit::remove(&filing, *list, index);
                    assert_eq!(done, expected.is_some(), "remove {list}[{index}]");
                    assert_eq!(typed, expected.unwrap_or_else(|| filing.clone()), "{list}");
                }
            }
        }
        let mut filing = Filing::default();
        ListPath::Apps.push_new(&mut filing);
        assert_eq!(filing.apps[0].platforms[0].platform, "android");
        assert_eq!(filing.apps[0].domains, [""]);
        assert_eq!(filing.apps[0].languages, ["simplifiedChinese"]);
    }

    #[test]
    fn blur_copies_the_normalised_field_like_the_json_edit_did() {
        let mut messy = full_filing();
        let s = &mut messy.subject;
        s.kind = Some(SubjectKind::Individual);
        s.name = " 张•三 ".into();
        s.certificate = crate::model::Certificate {
            kind: Some(CertificateType::ResidentId),
            number: " 110105 19491231 002x".into(),
            valid_until: " 2030-01-01 ".into(),
        };
        s.principal.mobile = "+86 138 0013 8000".into();
        s.principal.email = " Zhang@Example.CN ".into();
        s.principal.certificate.number = "1101051949 1231002x".into();
        messy.websites[0].domains = vec![" Example.COM ".into(), "例子.中国".into()];
        messy.apps[0].platforms[0].signature_md5 = "ab:cd:ef".into();
        messy.apps[0].platforms[1].cert_sha1 = "ab cd ef".into();
        let normalized = normalize(&messy);
        assert_ne!(normalized, messy);
        let mut changed = 0;
        // The legal representative is not asked of an individual: normalising drops it, and
        // the form has no control of it to leave.
        let asked = |path: &FieldPath| !path.to_string().starts_with("subject.legalRepresentative");
        for path in all_paths(3).into_iter().filter(asked) {
            let mut typed = messy.clone();
            path.take_into(&mut normalized.clone(), &mut typed);
            let text = path.to_string();
            let expected = json_edit::value_at(&normalized, &text)
                .and_then(|value| json_edit::edit(&messy, &text, |slot| *slot = value))
                .unwrap_or_else(|| messy.clone());
            assert_eq!(typed, expected, "{path}");
            changed += usize::from(typed != messy);
        }
        assert!(changed >= 8, "{changed} fields normalised");
    }

    #[test]
    fn a_choice_takes_only_its_slugs_and_a_yes_no_answer_only_a_flag() {
        let mut form = FormState::new(Filing::default());
        set(&mut form, "filingType", text("newAccess"));
        set(&mut form, "filingType", text(""));
        set(&mut form, "filingType", text("second"));
        assert_eq!(
            form.draft.filing_type,
            Some(crate::model::FilingType::NewAccess)
        );
        set(&mut form, "subject.kind", text("government"));
        set(&mut form, "subject.kind", text(""));
        assert_eq!(form.draft.subject.kind, Some(SubjectKind::Government));
        set(&mut form, "subject.certificate.type", text("uscc"));
        set(&mut form, "subject.certificate.type", text("USCC"));
        assert_eq!(
            form.draft.subject.certificate.kind,
            Some(CertificateType::Uscc)
        );
        set(
            &mut form,
            "subject.principalIsLegalRepresentative",
            FieldValue::Flag(false),
        );
        set(
            &mut form,
            "subject.principalIsLegalRepresentative",
            text("true"),
        );
        assert_eq!(
            form.draft.subject.principal_is_legal_representative,
            Some(false)
        );
        set(
            &mut form,
            "subject.certificate.validUntil",
            text("longTerm"),
        );
        assert_eq!(form.draft.subject.certificate.valid_until, "longTerm");
        let stored = serde_json::to_value(&form.draft).unwrap();
        assert_eq!(stored["filingType"], "newAccess");
        assert_eq!(stored["subject"]["certificate"]["type"], "uscc");
        assert_eq!(stored["subject"]["principalIsLegalRepresentative"], false);
    }

    #[test]
    fn removing_an_item_forgets_what_was_shown_at_and_after_it() {
        let mut form = FormState::new(full_filing());
        for path in [
            "websites[0].name",
            "websites[1].name",
            "websites[0].domains[1]",
            "websites[0].domains",
            "apps[0].name",
        ] {
            blur(&mut form, path);
        }
        form.apply(Action::Remove {
            list: ListPath::Domains(Service::Website(0)),
            index: 0,
        });
        assert_eq!(form.draft.websites[0].domains, ["websites[0].domains[1]"]);
        assert!(!form.is_revealed("websites[0].domains[1]"));
        assert!(
            form.is_revealed("websites[0].domains"),
            "the list is not an item"
        );
        assert!(form.is_revealed("websites[0].name"));
        form.apply(Action::Remove {
            list: ListPath::Websites,
            index: 0,
        });
        assert_eq!(form.draft.websites.len(), 1);
        assert!(!form.is_revealed("websites[0].name"));
        assert!(!form.is_revealed("websites[1].name"));
        assert!(form.is_revealed("apps[0].name"));
    }
}
