//! The filing as the checks read it: normalised once, with every contact, certificate number
//! and domain parsed once. Each parse result sits next to the normalised value, so no check
//! parses a field again; values that normalising leaves unchanged are borrowed.

use std::borrow::Cow;
use std::fmt;

use crate::ident::{
    normalized_email, normalized_identifier, normalized_landline, normalized_mobile,
    parse_other_phone, to_half_width, Domain, DomainError, EmailError, MobileError, OtherPhone,
    ResidentId, ResidentIdError, Trimmed, Uscc, UsccError,
};
use crate::model::{
    Address, App, AppPlatform, Certificate, CertificateType, ChangeScope, DomainFacts, Filing,
    FilingType, LegalRepresentative, Person, PreApproval, Subject, SubjectKind, Website,
};
use crate::ruledata::{Province, CITIES_WITHOUT_DISTRICTS};

/// A normalised filing (see [`super::normalize`]) with its parse results.
pub(super) struct FilingView<'a> {
    pub schema_version: u32,
    pub filing_type: Option<FilingType>,
    /// Only a change filing's: one chosen before the type changed is not kept.
    pub change_scope: Option<ChangeScope>,
    pub province: &'a str,
    /// The rule data of `province`; looked up by `validate` (not needed to normalise).
    pub province_rules: Option<&'a Province>,
    /// Normalised ([`crate::ident::normalized_filing_number`]).
    pub filing_number: Cow<'a, str>,
    pub subject: SubjectView<'a>,
    pub websites: Vec<WebsiteView<'a>>,
    pub apps: Vec<AppView<'a>>,
    pub domain_facts: &'a [DomainFacts],
    pub acknowledged_warnings: &'a [String],
}

pub(super) struct SubjectView<'a> {
    pub kind: Option<SubjectKind>,
    pub name: Cow<'a, str>,
    pub certificate: CertificateView<'a>,
    pub certificate_address: &'a str,
    /// A city without districts (东莞 …) given no district has its own code there, as the
    /// address selects give it ([`crate::regions`]).
    pub address: Cow<'a, Address>,
    pub principal: PersonView<'a>,
    pub principal_is_legal_representative: Option<bool>,
    pub legal_representative: LegalRepresentativeView<'a>,
    pub remark: &'a str,
}

/// The legal representative as normalised: the name as a person's, the certificate as any.
pub(super) struct LegalRepresentativeView<'a> {
    pub name: Cow<'a, str>,
    pub certificate: CertificateView<'a>,
}

pub(super) struct CertificateView<'a> {
    pub kind: Option<CertificateType>,
    pub number: Cow<'a, str>,
    pub valid_until: &'a str,
    /// The number parsed for its type.
    pub parsed: NumberFacts,
}

/// A person; `mobile` and `email` are normalised when valid, else exactly as typed.
pub(super) struct PersonView<'a> {
    pub name: Cow<'a, str>,
    pub certificate: CertificateView<'a>,
    pub mobile: Cow<'a, str>,
    pub mobile_parsed: Result<(), MobileError>,
    pub email: Cow<'a, str>,
    pub email_parsed: Result<(), EmailError>,
    pub emergency_phone: PhoneView<'a>,
    pub office_phone: PhoneView<'a>,
}

pub(super) struct WebsiteView<'a> {
    /// Trimmed; the full-width hyphen a Chinese input method types is the hyphen.
    pub name: Cow<'a, str>,
    /// Normalised ([`crate::ident::normalized_filing_number`]).
    pub filing_number: Cow<'a, str>,
    pub domains: Vec<DomainView<'a>>,
    pub homepage: &'a str,
    pub service_content: &'a [String],
    pub languages: &'a [String],
    pub pre_approvals: &'a [PreApproval],
    pub responsible: PersonView<'a>,
    pub remark: &'a str,
}

pub(super) struct AppView<'a> {
    pub name: &'a str,
    /// Normalised ([`crate::ident::normalized_filing_number`]).
    pub filing_number: Cow<'a, str>,
    pub platforms: Vec<PlatformView<'a>>,
    pub domains: Vec<DomainView<'a>>,
    pub service_content: &'a [String],
    pub languages: &'a [String],
    pub pre_approvals: &'a [PreApproval],
    pub responsible: PersonView<'a>,
    pub remark: &'a str,
}

pub(super) struct PlatformView<'a> {
    pub platform: &'a str,
    /// Half-width, with the ideographic full stop as a period (typed with a Chinese input
    /// method: com。example。app).
    pub package_name: Cow<'a, str>,
    pub signature_md5: Cow<'a, str>,
    pub public_key: &'a str,
    pub cert_sha1: Cow<'a, str>,
}

/// A domain as typed and as parsed.
pub(super) struct DomainView<'a> {
    raw: &'a str,
    pub parsed: Result<Domain, DomainError>,
}

impl DomainView<'_> {
    /// As it will be filed: lower case, no trailing dot (unparseable ones trimmed).
    pub fn text(&self) -> &str {
        match &self.parsed {
            Ok(domain) => domain.as_str(),
            Err(_) => self.raw.trimmed(),
        }
    }
}

/// A certificate number parsed for its type (resident IDs and credit codes; other types
/// are checked by shape only).
pub(super) enum NumberFacts {
    ResidentId(Result<ResidentId, ResidentIdError>),
    /// Layout, and whether the check character matches.
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
            Some(CertificateType::Uscc) => Self::Uscc(Uscc::check(number)),
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

/// A phone field: its normalised text (trimmed when it is no phone number) and kind.
pub(super) struct PhoneView<'a> {
    pub text: Cow<'a, str>,
    pub kind: Phone,
}

/// What a phone field turned out to be.
pub(super) enum Phone {
    Mobile,
    /// `as_mobile`: the normalised landline read as a mobile, which a few odd inputs
    /// (`0086` area code with an extension) also are.
    Landline {
        as_mobile: Option<String>,
    },
    /// A number outside the mainland or a 400/800 number: callable, but not what every
    /// 管局 accepts (§4.4).
    Other(OtherKind),
    Invalid,
}

/// Which [`Phone::Other`] a number is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum OtherKind {
    OutsideMainland,
    ServiceNumber,
}

impl<'a> PhoneView<'a> {
    /// Parses `raw` as a mobile, else as a landline.
    fn parse(raw: &'a str) -> Self {
        if let Ok(text) = normalized_mobile(raw) {
            return Self {
                text,
                kind: Phone::Mobile,
            };
        }
        match normalized_landline(raw) {
            Ok(text) => {
                // A landline's digits start with its area code, so only a `0086` one can
                // also read as a mobile (after that country prefix).
                let as_mobile = if text.starts_with("0086") {
                    normalized_mobile(&text).ok().map(Cow::into_owned)
                } else {
                    None
                };
                // Such a number keeps what the filer typed: its landline form
                // (`0086-14863904-078`) would read as a mobile the next time it is parsed.
                let text = if as_mobile.is_some() {
                    Cow::Borrowed(raw.trimmed())
                } else {
                    text
                };
                Self {
                    text,
                    kind: Phone::Landline { as_mobile },
                }
            }
            Err(_) => match parse_other_phone(raw) {
                Some(OtherPhone::OutsideMainland(text)) => Self {
                    text: Cow::Owned(text),
                    kind: Phone::Other(OtherKind::OutsideMainland),
                },
                Some(OtherPhone::ServiceNumber(text)) => Self {
                    text: Cow::Owned(text),
                    kind: Phone::Other(OtherKind::ServiceNumber),
                },
                None => Self {
                    text: Cow::Borrowed(raw.trimmed()),
                    kind: Phone::Invalid,
                },
            },
        }
    }

    /// Which other kind of number it is, if it is one.
    pub fn other(&self) -> Option<OtherKind> {
        match self.kind {
            Phone::Other(kind) => Some(kind),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn is_valid(&self) -> bool {
        !matches!(self.kind, Phone::Invalid)
    }

    pub fn is_landline(&self) -> bool {
        matches!(self.kind, Phone::Landline { .. })
    }

    /// The number read as a mobile.
    pub fn as_mobile(&self) -> Option<&str> {
        match &self.kind {
            Phone::Mobile => Some(&self.text),
            Phone::Landline { as_mobile } => as_mobile.as_deref(),
            Phone::Other(_) | Phone::Invalid => None,
        }
    }

    /// The number compared between persons: as a mobile when it reads as one, else as a
    /// landline.
    pub fn comparable(&self) -> Option<&str> {
        match &self.kind {
            Phone::Landline { as_mobile: None } | Phone::Other(_) => Some(&self.text),
            _ => self.as_mobile(),
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

impl<'a> FilingView<'a> {
    /// Normalises `filing` and parses its fields, each once.
    pub fn new(filing: &'a Filing) -> Self {
        Self {
            schema_version: filing.schema_version,
            filing_type: filing.filing_type,
            change_scope: filing
                .change_scope
                .filter(|_| filing.filing_type == Some(FilingType::Change)),
            province: filing.province.trimmed(),
            province_rules: None,
            filing_number: crate::ident::normalized_filing_number(&filing.filing_number),
            subject: SubjectView::new(&filing.subject),
            websites: filing.websites.iter().map(WebsiteView::new).collect(),
            apps: filing.apps.iter().map(AppView::new).collect(),
            domain_facts: &filing.domain_facts,
            acknowledged_warnings: &filing.acknowledged_warnings,
        }
    }

    /// Every person in the filing with its place, in form order.
    pub fn persons(&self) -> impl Iterator<Item = (Who, &PersonView<'a>)> {
        std::iter::once((Who::Principal, &self.subject.principal))
            .chain(
                self.websites
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (Who::Website(i), &w.responsible)),
            )
            .chain(
                self.apps
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (Who::App(i), &a.responsible)),
            )
    }

    /// Whether the filing asks each website and APP for its own number: a new access or a
    /// change concerns services already filed.
    pub fn asks_service_numbers(&self) -> bool {
        self.filing_type
            .is_some_and(FilingType::concerns_filed_services)
    }

    /// A website's or APP's number as stored: only where it is asked, so a filing type
    /// changed to 首次备案 leaves none behind.
    fn service_number(&self, number: &str) -> String {
        match self.asks_service_numbers() {
            true => number.to_owned(),
            false => String::new(),
        }
    }

    /// The normalised filing as owned data.
    pub fn to_filing(&self) -> Filing {
        let s = &self.subject;
        Filing {
            schema_version: self.schema_version,
            filing_type: self.filing_type,
            change_scope: self.change_scope,
            province: self.province.to_owned(),
            // A first filing has no number: one typed before the type changed is not kept
            // (a receiver would otherwise number the new subject under it).
            filing_number: match self.filing_type {
                Some(FilingType::First) => String::new(),
                _ => self.filing_number.to_string(),
            },
            subject: Subject {
                kind: s.kind,
                name: s.name.to_string(),
                certificate: s.certificate.to_certificate(),
                certificate_address: s.certificate_address.to_owned(),
                address: s.address.clone().into_owned(),
                principal: s.principal.to_person(),
                principal_is_legal_representative: s.principal_is_legal_representative,
                // Only where it is asked: an answer changed to 是 leaves none behind, so no
                // hidden ID number is stored.
                legal_representative: if s.legal_representative_asked() {
                    LegalRepresentative {
                        name: s.legal_representative.name.to_string(),
                        certificate: s.legal_representative.certificate.to_certificate(),
                    }
                } else {
                    LegalRepresentative::default()
                },
                remark: s.remark.to_owned(),
            },
            websites: self
                .websites
                .iter()
                .map(|w| Website {
                    name: w.name.to_string(),
                    filing_number: self.service_number(&w.filing_number),
                    domains: domain_texts(&w.domains),
                    homepage: w.homepage.to_owned(),
                    service_content: w.service_content.to_vec(),
                    languages: w.languages.to_vec(),
                    pre_approvals: w.pre_approvals.to_vec(),
                    responsible: w.responsible.to_person(),
                    remark: w.remark.to_owned(),
                })
                .collect(),
            apps: self
                .apps
                .iter()
                .map(|a| App {
                    name: a.name.to_owned(),
                    filing_number: self.service_number(&a.filing_number),
                    platforms: a
                        .platforms
                        .iter()
                        .map(|p| AppPlatform {
                            platform: p.platform.to_owned(),
                            package_name: p.package_name.to_string(),
                            signature_md5: p.signature_md5.to_string(),
                            public_key: p.public_key.to_owned(),
                            cert_sha1: p.cert_sha1.to_string(),
                        })
                        .collect(),
                    domains: domain_texts(&a.domains),
                    service_content: a.service_content.to_vec(),
                    languages: a.languages.to_vec(),
                    pre_approvals: a.pre_approvals.to_vec(),
                    responsible: a.responsible.to_person(),
                    remark: a.remark.to_owned(),
                })
                .collect(),
            domain_facts: self.domain_facts.to_vec(),
            acknowledged_warnings: self.acknowledged_warnings.to_vec(),
        }
    }
}

fn domain_texts(domains: &[DomainView]) -> Vec<String> {
    domains.iter().map(|d| d.text().to_owned()).collect()
}

impl<'a> SubjectView<'a> {
    /// Whether the legal representative is asked for: a unit whose principal is not the
    /// legal representative.
    pub fn legal_representative_asked(&self) -> bool {
        self.principal_is_legal_representative == Some(false)
            && self.kind != Some(SubjectKind::Individual)
    }

    fn new(s: &'a Subject) -> Self {
        let name = if s.kind == Some(SubjectKind::Individual) {
            normalize_name(&s.name)
        } else {
            Cow::Borrowed(s.name.trimmed())
        };
        Self {
            kind: s.kind,
            name,
            certificate: CertificateView::new(&s.certificate),
            certificate_address: &s.certificate_address,
            address: if s.address.district.trim().is_empty()
                && CITIES_WITHOUT_DISTRICTS.contains(&s.address.city.trim())
            {
                Cow::Owned(Address {
                    district: s.address.city.trim().to_owned(),
                    ..s.address.clone()
                })
            } else {
                Cow::Borrowed(&s.address)
            },
            principal: PersonView::new(&s.principal),
            principal_is_legal_representative: s.principal_is_legal_representative,
            legal_representative: LegalRepresentativeView {
                name: normalize_name(&s.legal_representative.name),
                certificate: CertificateView::new(&s.legal_representative.certificate),
            },
            remark: &s.remark,
        }
    }
}

/// A validity as the contract has it: 「长期」 or 「长期有效」, as the card says and a filer or an
/// import types it, is `longTerm`.
fn long_term_or(valid_until: &str) -> &str {
    match valid_until {
        "长期" | "长期有效" => "longTerm",
        other => other,
    }
}

impl<'a> CertificateView<'a> {
    fn new(c: &'a Certificate) -> Self {
        let number = normalize_number(c.kind, &c.number);
        let parsed = NumberFacts::parse(c.kind, &number);
        Self {
            kind: c.kind,
            number,
            valid_until: long_term_or(c.valid_until.trimmed()),
            parsed,
        }
    }

    fn to_certificate(&self) -> Certificate {
        Certificate {
            kind: self.kind,
            number: self.number.to_string(),
            valid_until: self.valid_until.to_owned(),
        }
    }
}

impl<'a> PersonView<'a> {
    fn new(p: &'a Person) -> Self {
        // Unparseable mobiles and e-mails are kept exactly as typed.
        let (mobile, mobile_parsed) = match normalized_mobile(&p.mobile) {
            Ok(m) => (m, Ok(())),
            Err(e) => (Cow::Borrowed(p.mobile.as_str()), Err(e)),
        };
        let (email, email_parsed) = match normalized_email(&p.email) {
            Ok(e) => (e, Ok(())),
            Err(e) => (Cow::Borrowed(p.email.as_str()), Err(e)),
        };
        Self {
            name: normalize_name(&p.name),
            certificate: CertificateView::new(&p.certificate),
            mobile,
            mobile_parsed,
            email,
            email_parsed,
            emergency_phone: PhoneView::parse(&p.emergency_phone),
            office_phone: PhoneView::parse(&p.office_phone),
        }
    }

    fn to_person(&self) -> Person {
        Person {
            name: self.name.to_string(),
            certificate: self.certificate.to_certificate(),
            mobile: self.mobile.to_string(),
            email: self.email.to_string(),
            emergency_phone: self.emergency_phone.text.to_string(),
            office_phone: self.office_phone.text.to_string(),
        }
    }
}

fn domains(raw: &[String]) -> Vec<DomainView<'_>> {
    raw.iter()
        .map(|d| DomainView {
            raw: d,
            parsed: Domain::parse(d),
        })
        .collect()
}

impl<'a> WebsiteView<'a> {
    fn new(w: &'a Website) -> Self {
        Self {
            name: match w.name.trimmed() {
                name if name.contains('－') => Cow::Owned(name.replace('－', "-")),
                name => Cow::Borrowed(name),
            },
            filing_number: crate::ident::normalized_filing_number(&w.filing_number),
            domains: domains(&w.domains),
            homepage: w.homepage.trimmed(),
            service_content: &w.service_content,
            languages: &w.languages,
            pre_approvals: &w.pre_approvals,
            responsible: PersonView::new(&w.responsible),
            remark: &w.remark,
        }
    }
}

impl<'a> AppView<'a> {
    fn new(a: &'a App) -> Self {
        Self {
            name: a.name.trimmed(),
            filing_number: crate::ident::normalized_filing_number(&a.filing_number),
            platforms: a
                .platforms
                .iter()
                .map(|p| PlatformView {
                    platform: &p.platform,
                    package_name: half_width_identifier(p.package_name.trimmed()),
                    signature_md5: compact_hex(&p.signature_md5),
                    public_key: &p.public_key,
                    cert_sha1: compact_hex(&p.cert_sha1),
                })
                .collect(),
            domains: domains(&a.domains),
            service_content: &a.service_content,
            languages: &a.languages,
            pre_approvals: &a.pre_approvals,
            responsible: PersonView::new(&a.responsible),
            remark: &a.remark,
        }
    }
}

/// The lower-case form of a letter of the scripts passports print names in: Latin (with
/// Latin-1 and Latin Extended-A accents), Greek and Cyrillic; other characters as they are.
/// Small enough for the widget, unlike the whole Unicode case table.
pub(super) fn fold_case(c: char) -> char {
    let code = c as u32;
    let lower = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            code + 0x20
        }
        0x400..=0x40F => code + 0x50,
        // Greek final sigma is the lower-case Σ at the end of a word.
        0x3C2 => 0x3C3,
        // Latin Extended-A pairs an upper-case letter with the next code point.
        0x100..=0x137 | 0x14A..=0x177 if code.is_multiple_of(2) => code + 1,
        0x139..=0x148 | 0x179..=0x17E if !code.is_multiple_of(2) => code + 1,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Whether two names are the same but for the case of their letters (`THOMAS MÜLLER` is
/// `Thomas Müller`, `ИВАН` is `Иван`).
pub(super) fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars().map(fold_case).eq(b.chars().map(fold_case))
}

/// Trims a name, maps the middle-dot look-alikes to U+00B7 (§4.6), drops spaces between
/// Chinese characters and the middle dot (「李 四」, 「阿卜杜拉 · 买买提」), which no Chinese name
/// has, and the zero-width space, word joiner and byte-order mark text copied from a page can
/// carry; spaces between Latin names (`CONNOR O'NEIL`) stay, and so do the joiners some
/// scripts write names with (U+200C, U+200D).
pub(super) fn normalize_name(name: &str) -> Cow<'_, str> {
    let name = name.trimmed();
    let look_alike = |c: char| matches!(c, '•' | '・' | '．' | '‧');
    let stray = |c: char| matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}');
    if !name.contains(|c: char| look_alike(c) || c.is_whitespace() || stray(c)) {
        return Cow::Borrowed(name);
    }
    let joins = |c: char| c == '·' || is_han(c);
    let mut out = String::with_capacity(name.len());
    let mut space = String::new();
    let mut after_joining = false;
    for c in name.chars().map(|c| if look_alike(c) { '·' } else { c }) {
        if stray(c) {
            continue;
        }
        if c.is_whitespace() {
            space.push(c);
            continue;
        }
        // One space between Latin names (`John  Smith`), none between Chinese characters.
        if !space.is_empty() && (!after_joining || !joins(c)) {
            out.push(' ');
        }
        space.clear();
        out.push(c);
        after_joining = joins(c);
    }
    if out == name {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(out)
    }
}

/// A Chinese character: the CJK Unified Ideographs, extension A and the compatibility
/// ideographs (the rarer extensions are outside the BMP and as rare in names as in print).
pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// The number as it should be stored: identifiers are compacted and upper-cased; a number
/// of a type with free-form content is only trimmed.
pub(super) fn normalize_number(kind: Option<CertificateType>, raw: &str) -> Cow<'_, str> {
    match kind {
        Some(CertificateType::MilitaryCode | CertificateType::OverseasOrganizationCertificate) => {
            Cow::Borrowed(raw.trimmed())
        }
        _ => normalized_identifier(raw),
    }
}

/// `text` with full-width characters as half-width and 。 as a period; borrowed when ASCII.
fn half_width_identifier(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if c == '。' { '.' } else { to_half_width(c) })
            .collect(),
    )
}

/// A hex fingerprint without separators, upper case (`ab:cd` → `ABCD`).
fn compact_hex(raw: &str) -> Cow<'_, str> {
    let unchanged = raw
        .chars()
        .all(|c| to_half_width(c) == c && !matches!(c, ':' | ' ' | '-') && !c.is_ascii_lowercase());
    if unchanged {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(
        raw.chars()
            .map(to_half_width)
            .filter(|c| !matches!(c, ':' | ' ' | '-'))
            .map(|c| c.to_ascii_uppercase())
            .collect(),
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::super::{normalize, validate, RuleContext};
    use crate::model::{parse_filing, CertificateType, Filing};

    fn filing() -> Filing {
        parse_filing(include_str!(
            "../../tests/fixtures/enterprise-guangdong-two-websites.json"
        ))
        .unwrap()
    }

    #[test]
    fn a_landline_that_also_reads_as_a_mobile_normalises_once_and_for_all() {
        let mut f = filing();
        f.subject.principal.emergency_phone = "008614863904x078".into();
        let once = normalize(&f);
        assert_eq!(once.subject.principal.emergency_phone, "008614863904x078");
        assert_eq!(normalize(&once), once);
    }

    const PHONE: &str =
        "[0-9０-９ +()\\-]{0,6}(转|ext|#|-)?[0-9 ]{0,8}|1[3-9][0-9]{9}|0086-1380013-8000";
    const NUMBER: &str = "[0-9０-９xXｘ \\-]{0,20}|440305198506120023";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// The checks see the filing as `normalize` returns it: validating the normalised
        /// filing gives the same report, and normalising twice changes nothing.
        #[test]
        fn validation_reads_the_normalised_filing(
            mobile in PHONE,
            emergency in PHONE,
            office in PHONE,
            email in " ?[a-zA-Z.]{0,5}@?[a-zA-Z\\-]{0,5}(\\.[a-zA-Z]{0,3})? ?",
            number in NUMBER,
            subject_number in NUMBER,
            domain in " ?[a-zA-Z0-9\\-例]{0,6}[.。]?(cn|com|COM|io|gov.cn)?\\.? ?",
            name in " ?[张李a-z•・．]{0,4} ?",
            kind in 0usize..3,
        ) {
            let mut f = filing();
            let kinds = [CertificateType::ResidentId, CertificateType::Uscc, CertificateType::Passport];
            f.subject.certificate.number = subject_number;
            f.subject.certificate.kind = Some(kinds[kind]);
            let principal = &mut f.subject.principal;
            principal.mobile = mobile.clone();
            principal.emergency_phone = emergency;
            principal.office_phone = office;
            principal.email = email;
            principal.name = name;
            principal.certificate.number = number;
            f.websites[1].responsible.mobile = mobile;
            f.websites[0].domains.push(domain);

            let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
            let normalized = normalize(&f);
            prop_assert_eq!(&normalize(&normalized), &normalized);
            prop_assert_eq!(validate(&normalized, &ctx), validate(&f, &ctx));
        }
    }

    #[test]
    fn names_lose_the_spaces_no_chinese_name_has_and_keep_latin_ones() {
        for (typed, stored) in [
            ("李 四", "李四"),
            ("李\u{3000}四", "李四"),
            (" 欧阳  娜娜 ", "欧阳娜娜"),
            ("阿卜杜拉 · 买买提", "阿卜杜拉·买买提"),
            ("阿卜杜拉 • 买买提", "阿卜杜拉·买买提"),
            ("CONNOR O'NEIL", "CONNOR O'NEIL"),
            ("李 CONNOR", "李 CONNOR"),
            ("John  Smith", "John Smith"),
            ("John\u{3000}Smith", "John Smith"),
            ("张三", "张三"),
            // Copied from a page: a zero-width space inside or at the ends.
            ("张\u{200b}三", "张三"),
            ("\u{feff}张三", "张三"),
            ("John\u{2060} Smith", "John Smith"),
        ] {
            assert_eq!(super::normalize_name(typed), stored, "{typed}");
        }
    }
}
