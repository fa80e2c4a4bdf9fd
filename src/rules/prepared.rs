//! The filing as the checks read it: normalised once, with every contact, certificate number
//! and domain parsed once. The parse results sit next to the normalised values, so no check
//! parses a field again.

use std::fmt;

use super::certificate::normalize_number;
use super::subject::normalize_name;
use crate::ident::{
    parse_email, parse_landline, parse_mobile, to_half_width, Domain, DomainError, EmailError,
    MobileError, ResidentId, ResidentIdError, Uscc, UsccError,
};
use crate::model::{
    App, AppPlatform, Certificate, CertificateType, Filing, Person, Subject, SubjectKind, Website,
};

/// The normalised filing and what parsing its fields found.
pub(super) struct Prepared {
    /// The filing as it would be submitted (see [`super::normalize`]).
    pub filing: Filing,
    /// The subject's certificate number, parsed for its type.
    pub subject_number: NumberFacts,
    pub principal: PersonFacts,
    /// One entry per website, in order.
    pub websites: Vec<ServiceFacts>,
    /// One entry per APP, in order.
    pub apps: Vec<ServiceFacts>,
}

/// What parsing a website's or APP's fields found.
pub(super) struct ServiceFacts {
    pub responsible: PersonFacts,
    /// One entry per domain, in order.
    pub domains: Vec<Result<Domain, DomainError>>,
}

/// What parsing a person's fields found. The normalised values themselves are in the
/// person of [`Prepared::filing`].
pub(super) struct PersonFacts {
    pub mobile: Result<(), MobileError>,
    pub email: Result<(), EmailError>,
    pub emergency_phone: Phone,
    pub office_phone: Phone,
    pub number: NumberFacts,
}

/// A certificate number parsed for its type (resident IDs and credit codes; other types
/// are checked by shape only).
pub(super) enum NumberFacts {
    ResidentId(Result<ResidentId, ResidentIdError>),
    /// Layout and whether the check character matches.
    Uscc(Result<bool, UsccError>),
    Other,
}

impl NumberFacts {
    /// Parses a normalised `number` as certificate type `kind`.
    pub fn parse(kind: Option<CertificateType>, number: &str) -> Self {
        match kind {
            Some(CertificateType::ResidentId | CertificateType::HkMacaoTaiwanResidencePermit) => {
                Self::ResidentId(ResidentId::parse(number))
            }
            Some(CertificateType::Uscc) => {
                Self::Uscc(Uscc::check_layout(number).map(|code| Uscc::parse(&code).is_ok()))
            }
            _ => Self::Other,
        }
    }

    /// The resident ID, when the number is one and valid.
    pub fn resident_id(&self) -> Option<&ResidentId> {
        match self {
            Self::ResidentId(Ok(id)) => Some(id),
            _ => None,
        }
    }
}

/// A phone field after parsing: a mobile, a landline or neither.
pub(super) enum Phone {
    Mobile,
    /// `as_mobile`: the normalised landline read as a mobile, which a few odd inputs
    /// (`0086` area code with an extension) also are.
    Landline {
        as_mobile: Option<String>,
    },
    Invalid,
}

impl Phone {
    /// Parses `raw`, returning the normalised text (trimmed when it is no phone number).
    fn parse(raw: &str) -> (String, Self) {
        if let Ok(mobile) = parse_mobile(raw) {
            return (mobile, Phone::Mobile);
        }
        match parse_landline(raw) {
            Ok(landline) => {
                let as_mobile = parse_mobile(&landline).ok();
                (landline, Phone::Landline { as_mobile })
            }
            Err(_) => (raw.trim().to_owned(), Phone::Invalid),
        }
    }

    pub fn is_valid(&self) -> bool {
        !matches!(self, Phone::Invalid)
    }

    pub fn is_landline(&self) -> bool {
        matches!(self, Phone::Landline { .. })
    }

    /// The number as a mobile, given its normalised text.
    pub fn as_mobile<'a>(&'a self, normalized: &'a str) -> Option<&'a str> {
        match self {
            Phone::Mobile => Some(normalized),
            Phone::Landline { as_mobile } => as_mobile.as_deref(),
            Phone::Invalid => None,
        }
    }

    /// The number compared between persons: as a mobile when it reads as one, else as a
    /// landline.
    pub fn comparable<'a>(&'a self, normalized: &'a str) -> Option<&'a str> {
        match self {
            Phone::Landline { as_mobile: None } => Some(normalized),
            _ => self.as_mobile(normalized),
        }
    }
}

/// Where a person sits in the form; displays as the report path of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    Principal,
    Website(usize),
    App(usize),
}

impl fmt::Display for Who {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Who::Principal => f.write_str("subject.principal"),
            Who::Website(i) => write!(f, "websites[{i}].responsible"),
            Who::App(i) => write!(f, "apps[{i}].responsible"),
        }
    }
}

/// A website or an APP; displays as its report path (`websites[0]`, `apps[1]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Service {
    Website(usize),
    App(usize),
}

impl Service {
    /// The responsible person of this service.
    pub fn responsible(self) -> Who {
        match self {
            Service::Website(i) => Who::Website(i),
            Service::App(i) => Who::App(i),
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Service::Website(i) => write!(f, "websites[{i}]"),
            Service::App(i) => write!(f, "apps[{i}]"),
        }
    }
}

/// `{prefix}.{field}`, e.g. `subject.principal.mobile`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field<P>(pub P, pub &'static str);

impl<P: fmt::Display> fmt::Display for Field<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

impl Prepared {
    /// Every person in the filing with its place and facts, in form order.
    pub fn persons(&self) -> impl Iterator<Item = (Who, &Person, &PersonFacts)> {
        let f = &self.filing;
        std::iter::once((Who::Principal, &f.subject.principal, &self.principal))
            .chain(
                f.websites
                    .iter()
                    .zip(&self.websites)
                    .enumerate()
                    .map(|(i, (w, facts))| (Who::Website(i), &w.responsible, &facts.responsible)),
            )
            .chain(
                f.apps
                    .iter()
                    .zip(&self.apps)
                    .enumerate()
                    .map(|(i, (a, facts))| (Who::App(i), &a.responsible, &facts.responsible)),
            )
    }
}

/// Normalises `filing` and parses its fields, each once.
pub(super) fn prepare(filing: &Filing) -> Prepared {
    let (subject, subject_number, principal) = prepare_subject(&filing.subject);
    let (websites, website_facts) = filing.websites.iter().map(prepare_website).unzip();
    let (apps, app_facts) = filing.apps.iter().map(prepare_app).unzip();
    Prepared {
        filing: Filing {
            schema_version: filing.schema_version,
            filing_type: filing.filing_type,
            province: filing.province.trim().to_owned(),
            filing_number: filing.filing_number.trim().to_owned(),
            subject,
            websites,
            apps,
            acknowledged_warnings: filing.acknowledged_warnings.clone(),
        },
        subject_number,
        principal,
        websites: website_facts,
        apps: app_facts,
    }
}

fn prepare_subject(s: &Subject) -> (Subject, NumberFacts, PersonFacts) {
    let name = if s.kind == Some(SubjectKind::Individual) {
        normalize_name(&s.name)
    } else {
        s.name.trim().to_owned()
    };
    let certificate = prepare_certificate(&s.certificate);
    let number = NumberFacts::parse(certificate.kind, &certificate.number);
    let (principal, principal_facts) = prepare_person(&s.principal);
    let subject = Subject {
        kind: s.kind,
        name,
        certificate,
        certificate_address: s.certificate_address.clone(),
        address: s.address.clone(),
        principal,
        principal_is_legal_representative: s.principal_is_legal_representative,
        remark: s.remark.clone(),
    };
    (subject, number, principal_facts)
}

fn prepare_certificate(c: &Certificate) -> Certificate {
    Certificate {
        kind: c.kind,
        number: normalize_number(c.kind, &c.number),
        valid_until: c.valid_until.trim().to_owned(),
    }
}

fn prepare_person(p: &Person) -> (Person, PersonFacts) {
    let certificate = prepare_certificate(&p.certificate);
    let number = NumberFacts::parse(certificate.kind, &certificate.number);
    // Unparseable mobiles and e-mails are kept exactly as typed.
    let (mobile, mobile_ok) = match parse_mobile(&p.mobile) {
        Ok(m) => (m, Ok(())),
        Err(e) => (p.mobile.clone(), Err(e)),
    };
    let (email, email_ok) = match parse_email(&p.email) {
        Ok(e) => (e, Ok(())),
        Err(e) => (p.email.clone(), Err(e)),
    };
    let (emergency_phone, emergency) = Phone::parse(&p.emergency_phone);
    let (office_phone, office) = Phone::parse(&p.office_phone);
    let person = Person {
        name: normalize_name(&p.name),
        certificate,
        mobile,
        email,
        emergency_phone,
        office_phone,
    };
    let facts = PersonFacts {
        mobile: mobile_ok,
        email: email_ok,
        emergency_phone: emergency,
        office_phone: office,
        number,
    };
    (person, facts)
}

/// Domains as they will be filed: lower case, no trailing dot (unparseable ones trimmed).
fn prepare_domains(raw: &[String]) -> (Vec<String>, Vec<Result<Domain, DomainError>>) {
    raw.iter()
        .map(|d| {
            let parsed = Domain::parse(d);
            let text = match &parsed {
                Ok(domain) => domain.as_str().to_owned(),
                Err(_) => d.trim().to_owned(),
            };
            (text, parsed)
        })
        .unzip()
}

fn prepare_website(w: &Website) -> (Website, ServiceFacts) {
    let (domains, domain_facts) = prepare_domains(&w.domains);
    let (responsible, responsible_facts) = prepare_person(&w.responsible);
    let site = Website {
        name: w.name.trim().to_owned(),
        domains,
        homepage: w.homepage.trim().to_owned(),
        service_content: w.service_content.clone(),
        languages: w.languages.clone(),
        pre_approvals: w.pre_approvals.clone(),
        responsible,
        remark: w.remark.clone(),
    };
    let facts = ServiceFacts {
        responsible: responsible_facts,
        domains: domain_facts,
    };
    (site, facts)
}

fn prepare_app(a: &App) -> (App, ServiceFacts) {
    let (domains, domain_facts) = prepare_domains(&a.domains);
    let (responsible, responsible_facts) = prepare_person(&a.responsible);
    let app = App {
        name: a.name.trim().to_owned(),
        platforms: a
            .platforms
            .iter()
            .map(|p| AppPlatform {
                platform: p.platform.clone(),
                package_name: p.package_name.trim().to_owned(),
                signature_md5: compact_hex(&p.signature_md5),
                public_key: p.public_key.clone(),
                cert_sha1: compact_hex(&p.cert_sha1),
            })
            .collect(),
        domains,
        service_content: a.service_content.clone(),
        languages: a.languages.clone(),
        pre_approvals: a.pre_approvals.clone(),
        responsible,
        remark: a.remark.clone(),
    };
    let facts = ServiceFacts {
        responsible: responsible_facts,
        domains: domain_facts,
    };
    (app, facts)
}

/// A hex fingerprint without separators, upper case (`ab:cd` → `ABCD`).
fn compact_hex(raw: &str) -> String {
    raw.chars()
        .map(to_half_width)
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}
