//! Typed addresses of the draft's editable fields and lists.
//!
//! A [`FieldPath`] names one field of a [`Filing`] (`websites[1].domains[0]`,
//! `apps[0].platforms[1].packageName`): it reads and writes that field in place, and prints
//! as the report path the rules use for it, which element ids are also made from. A
//! [`ListPath`] names a list the filer adds items to and removes them from. Edits are typed
//! end to end: no JSON between a control and the draft.

use std::fmt;

use crate::model::{
    App, AppPlatform, Certificate, CertificateType, ChangeScope, Filing, FilingType, Person,
    PreApproval, SubjectKind, Website,
};

/// A website or an APP, by its index in the filing's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    /// `websites[i]`
    Website(usize),
    /// `apps[i]`
    App(usize),
}

/// Generates a field enum without data, with its report-path names both ways.
macro_rules! leaf_fields {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every field, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The field's name in report paths (the JSON key).
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

leaf_fields! {
    /// A field of a [`Certificate`].
    pub enum CertificateField {
        /// The certificate type (a [`CertificateType`] slug).
        Type = "type",
        Number = "number",
        /// `YYYY-MM-DD`, `longTerm` or empty.
        ValidUntil = "validUntil",
    }
}

leaf_fields! {
    /// A field of the subject's [`crate::model::Address`].
    pub enum AddressField {
        Province = "province",
        City = "city",
        District = "district",
        Detail = "detail",
    }
}

leaf_fields! {
    /// A field of a [`PreApproval`].
    pub enum PreApprovalField {
        Category = "category",
        Number = "number",
    }
}

leaf_fields! {
    /// A field of an [`AppPlatform`].
    pub enum PlatformField {
        Platform = "platform",
        PackageName = "packageName",
        SignatureMd5 = "signatureMd5",
        PublicKey = "publicKey",
        CertSha1 = "certSha1",
    }
}

/// A field of a [`Person`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonField {
    Name,
    Certificate(CertificateField),
    Mobile,
    Email,
    EmergencyPhone,
    OfficePhone,
}

/// A field of the [`crate::model::Subject`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectField {
    /// The subject kind (a [`SubjectKind`] slug).
    Kind,
    Name,
    Certificate(CertificateField),
    CertificateAddress,
    Address(AddressField),
    Principal(PersonField),
    /// Whether the principal is the legal representative (a yes/no answer).
    PrincipalIsLegalRepresentative,
    /// `legalRepresentative.name`
    LegalRepresentativeName,
    /// `legalRepresentative.certificate.*`
    LegalRepresentativeCertificate(CertificateField),
    Remark,
}

/// A field websites and APPs both have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceField {
    Name,
    /// The website's or APP's own filing number (`filingNumber`).
    FilingNumber,
    /// The whole list of domains.
    Domains,
    /// One domain: `domains[j]`.
    Domain(usize),
    /// The chosen service-content slugs.
    ServiceContent,
    /// The chosen language slugs.
    Languages,
    /// A field of pre-approval `j`: `preApprovals[j].category`.
    PreApproval(usize, PreApprovalField),
    Responsible(PersonField),
    Remark,
}

/// One editable field of a [`Filing`]. Its `Display` is the field's report path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldPath {
    /// `filingType` (a [`FilingType`] slug).
    FilingType,
    /// `changeScope` (a [`ChangeScope`] slug).
    ChangeScope,
    Province,
    FilingNumber,
    Subject(SubjectField),
    /// A field of a website or an APP: `websites[0].domains[1]`, `apps[2].name`.
    Service(Service, ServiceField),
    /// `websites[i].homepage`.
    Homepage(usize),
    /// A field of platform `j` of APP `i`: `apps[i].platforms[j].packageName`.
    Platform(usize, usize, PlatformField),
}

/// A value a control sends for a field.
///
/// Text goes into text fields as typed. Into a choice (`filingType`, `subject.kind`, a
/// certificate's `type`) it goes as its slug: an unknown slug, the empty one included,
/// changes nothing. A yes/no answer takes a [`FieldValue::Flag`]; lists of choices and the
/// whole list of domains take [`FieldValue::Texts`]. A value of the wrong kind for the field
/// changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    Flag(bool),
    Texts(Vec<String>),
}

/// A field of a filing, borrowed.
#[derive(Debug, PartialEq, Eq)]
pub enum Field<'a> {
    Text(&'a String),
    Texts(&'a Vec<String>),
    FilingType(&'a Option<FilingType>),
    ChangeScope(&'a Option<ChangeScope>),
    SubjectKind(&'a Option<SubjectKind>),
    CertificateType(&'a Option<CertificateType>),
    Flag(&'a Option<bool>),
}

/// A field of a filing, borrowed for a change.
#[derive(Debug, PartialEq, Eq)]
pub enum FieldMut<'a> {
    Text(&'a mut String),
    Texts(&'a mut Vec<String>),
    FilingType(&'a mut Option<FilingType>),
    ChangeScope(&'a mut Option<ChangeScope>),
    SubjectKind(&'a mut Option<SubjectKind>),
    CertificateType(&'a mut Option<CertificateType>),
    Flag(&'a mut Option<bool>),
}

/// The fields websites and APPs share, for `$service` (a `&Website`/`&App`, or `&mut`).
macro_rules! service_field {
    ($service:expr, $field:expr, $Slot:ident, $get:ident $(, $mut:ident)?) => {{
        let s = $service;
        match $field {
            ServiceField::Name => $Slot::Text(&$($mut)? s.name),
            ServiceField::FilingNumber => $Slot::Text(&$($mut)? s.filing_number),
            ServiceField::Domains => $Slot::Texts(&$($mut)? s.domains),
            ServiceField::Domain(j) => $Slot::Text(s.domains.$get(j)?),
            ServiceField::ServiceContent => $Slot::Texts(&$($mut)? s.service_content),
            ServiceField::Languages => $Slot::Texts(&$($mut)? s.languages),
            ServiceField::PreApproval(j, field) => {
                let approval = s.pre_approvals.$get(j)?;
                $Slot::Text(match field {
                    PreApprovalField::Category => &$($mut)? approval.category,
                    PreApprovalField::Number => &$($mut)? approval.number,
                })
            }
            ServiceField::Responsible(field) => person(&$($mut)? s.responsible, field),
            ServiceField::Remark => $Slot::Text(&$($mut)? s.remark),
        }
    }};
}

/// One accessor, shared or mutable: `$Slot` is [`Field`] or [`FieldMut`], `$get` is `get` or
/// `get_mut`, and `mut` is given for the mutable one.
macro_rules! accessor {
    ($(#[$meta:meta])* fn $name:ident -> $Slot:ident, $get:ident $(, $mut:ident)?) => {
        $(#[$meta])*
        pub fn $name<'a>(&self, filing: &'a $($mut)? Filing) -> Option<$Slot<'a>> {
            fn certificate<'a>(c: &'a $($mut)? Certificate, field: CertificateField) -> $Slot<'a> {
                match field {
                    CertificateField::Type => $Slot::CertificateType(&$($mut)? c.kind),
                    CertificateField::Number => $Slot::Text(&$($mut)? c.number),
                    CertificateField::ValidUntil => $Slot::Text(&$($mut)? c.valid_until),
                }
            }
            fn person<'a>(p: &'a $($mut)? Person, field: PersonField) -> $Slot<'a> {
                match field {
                    PersonField::Name => $Slot::Text(&$($mut)? p.name),
                    PersonField::Certificate(field) => certificate(&$($mut)? p.certificate, field),
                    PersonField::Mobile => $Slot::Text(&$($mut)? p.mobile),
                    PersonField::Email => $Slot::Text(&$($mut)? p.email),
                    PersonField::EmergencyPhone => $Slot::Text(&$($mut)? p.emergency_phone),
                    PersonField::OfficePhone => $Slot::Text(&$($mut)? p.office_phone),
                }
            }
            Some(match *self {
                FieldPath::FilingType => $Slot::FilingType(&$($mut)? filing.filing_type),
                FieldPath::ChangeScope => $Slot::ChangeScope(&$($mut)? filing.change_scope),
                FieldPath::Province => $Slot::Text(&$($mut)? filing.province),
                FieldPath::FilingNumber => $Slot::Text(&$($mut)? filing.filing_number),
                FieldPath::Subject(field) => {
                    let s = &$($mut)? filing.subject;
                    match field {
                        SubjectField::Kind => $Slot::SubjectKind(&$($mut)? s.kind),
                        SubjectField::Name => $Slot::Text(&$($mut)? s.name),
                        SubjectField::Certificate(field) => certificate(&$($mut)? s.certificate, field),
                        SubjectField::CertificateAddress => $Slot::Text(&$($mut)? s.certificate_address),
                        SubjectField::Address(field) => {
                            let a = &$($mut)? s.address;
                            $Slot::Text(match field {
                                AddressField::Province => &$($mut)? a.province,
                                AddressField::City => &$($mut)? a.city,
                                AddressField::District => &$($mut)? a.district,
                                AddressField::Detail => &$($mut)? a.detail,
                            })
                        }
                        SubjectField::Principal(field) => person(&$($mut)? s.principal, field),
                        SubjectField::PrincipalIsLegalRepresentative => {
                            $Slot::Flag(&$($mut)? s.principal_is_legal_representative)
                        }
                        SubjectField::LegalRepresentativeName => {
                            $Slot::Text(&$($mut)? s.legal_representative.name)
                        }
                        SubjectField::LegalRepresentativeCertificate(field) => {
                            certificate(&$($mut)? s.legal_representative.certificate, field)
                        }
                        SubjectField::Remark => $Slot::Text(&$($mut)? s.remark),
                    }
                }
                FieldPath::Service(Service::Website(i), field) => {
                    service_field!(filing.websites.$get(i)?, field, $Slot, $get $(, $mut)?)
                }
                FieldPath::Service(Service::App(i), field) => {
                    service_field!(filing.apps.$get(i)?, field, $Slot, $get $(, $mut)?)
                }
                FieldPath::Homepage(i) => $Slot::Text(&$($mut)? filing.websites.$get(i)?.homepage),
                FieldPath::Platform(i, j, field) => {
                    let p = filing.apps.$get(i)?.platforms.$get(j)?;
                    $Slot::Text(match field {
                        PlatformField::Platform => &$($mut)? p.platform,
                        PlatformField::PackageName => &$($mut)? p.package_name,
                        PlatformField::SignatureMd5 => &$($mut)? p.signature_md5,
                        PlatformField::PublicKey => &$($mut)? p.public_key,
                        PlatformField::CertSha1 => &$($mut)? p.cert_sha1,
                    })
                }
            })
        }
    };
}

impl FieldPath {
    accessor! {
        /// The field in `filing`; `None` when an index is past the end of its list.
        fn get -> Field, get
    }

    accessor! {
        /// The field in `filing`, to change; `None` when an index is past the end of its list.
        fn get_mut -> FieldMut, get_mut, mut
    }

    /// Writes `value` into the field; `false` (and nothing changed) when the field is not in
    /// `filing` or cannot hold the value (see [`FieldValue`]).
    pub fn set(&self, filing: &mut Filing, value: FieldValue) -> bool {
        fn slug<T>(slot: &mut Option<T>, parsed: Option<T>) -> bool {
            let Some(value) = parsed else { return false };
            *slot = Some(value);
            true
        }
        let Some(slot) = self.get_mut(filing) else {
            return false;
        };
        match (slot, value) {
            (FieldMut::Text(slot), FieldValue::Text(text)) => *slot = text,
            (FieldMut::Texts(slot), FieldValue::Texts(texts)) => *slot = texts,
            (FieldMut::Flag(slot), FieldValue::Flag(flag)) => *slot = Some(flag),
            (FieldMut::FilingType(slot), FieldValue::Text(text)) => {
                return slug(slot, FilingType::from_slug(&text));
            }
            (FieldMut::ChangeScope(slot), FieldValue::Text(text)) => {
                return slug(slot, ChangeScope::from_slug(&text));
            }
            (FieldMut::SubjectKind(slot), FieldValue::Text(text)) => {
                return slug(slot, SubjectKind::from_slug(&text));
            }
            (FieldMut::CertificateType(slot), FieldValue::Text(text)) => {
                return slug(slot, CertificateType::from_slug(&text));
            }
            _ => return false,
        }
        true
    }

    /// Moves the field of `from` into `to`, where both have it (`from` gets `to`'s value).
    /// Blur takes a field from a normalised copy of the draft this way; moving rather than
    /// copying needs only the mutable accessor.
    pub fn take_into(&self, from: &mut Filing, to: &mut Filing) {
        let (Some(source), Some(target)) = (self.get_mut(from), self.get_mut(to)) else {
            return;
        };
        match (source, target) {
            (FieldMut::Text(a), FieldMut::Text(b)) => std::mem::swap(a, b),
            (FieldMut::Texts(a), FieldMut::Texts(b)) => std::mem::swap(a, b),
            (FieldMut::FilingType(a), FieldMut::FilingType(b)) => std::mem::swap(a, b),
            (FieldMut::ChangeScope(a), FieldMut::ChangeScope(b)) => std::mem::swap(a, b),
            (FieldMut::SubjectKind(a), FieldMut::SubjectKind(b)) => std::mem::swap(a, b),
            (FieldMut::CertificateType(a), FieldMut::CertificateType(b)) => std::mem::swap(a, b),
            (FieldMut::Flag(a), FieldMut::Flag(b)) => std::mem::swap(a, b),
            _ => {}
        }
    }

    /// The field as a control's text: the text, or a choice's slug; empty for an absent
    /// field, a list or a yes/no answer.
    pub fn text<'a>(&self, filing: &'a Filing) -> &'a str {
        match self.get(filing) {
            Some(Field::Text(text)) => text,
            Some(Field::FilingType(Some(t))) => t.slug(),
            Some(Field::ChangeScope(Some(s))) => s.slug(),
            Some(Field::SubjectKind(Some(k))) => k.slug(),
            Some(Field::CertificateType(Some(t))) => t.slug(),
            _ => "",
        }
    }

    /// The field at a report path (`subject.principal.certificate.number`,
    /// `websites[0].languages`); `None` for anything else, including a path written other
    /// than its field's `Display` (`websites[01].name`).
    pub fn parse(path: &str) -> Option<FieldPath> {
        let (head, rest) = split(path);
        Some(match (head, rest) {
            ("filingType", None) => FieldPath::FilingType,
            ("changeScope", None) => FieldPath::ChangeScope,
            ("province", None) => FieldPath::Province,
            ("filingNumber", None) => FieldPath::FilingNumber,
            ("subject", Some(rest)) => FieldPath::Subject(SubjectField::parse(rest)?),
            (head, Some(rest)) => match (indexed(head, "websites"), indexed(head, "apps")) {
                (Some(i), _) if rest == "homepage" => FieldPath::Homepage(i),
                (Some(i), _) => FieldPath::Service(Service::Website(i), ServiceField::parse(rest)?),
                (_, Some(i)) => {
                    let (head, field) = split(rest);
                    match indexed(head, "platforms") {
                        Some(j) => FieldPath::Platform(i, j, PlatformField::parse(field?)?),
                        None => FieldPath::Service(Service::App(i), ServiceField::parse(rest)?),
                    }
                }
                _ => return None,
            },
            _ => return None,
        })
    }
}

/// `head.rest` → `(head, Some(rest))`; no dot → `(path, None)`.
fn split(path: &str) -> (&str, Option<&str>) {
    match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    }
}

/// The index in `name[index]`, written the way `Display` writes it (no sign, no leading zero).
fn indexed(segment: &str, name: &str) -> Option<usize> {
    let digits = segment
        .strip_prefix(name)?
        .strip_prefix('[')?
        .strip_suffix(']')?;
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    canonical.then(|| digits.parse().ok()).flatten()
}

impl PersonField {
    fn parse(path: &str) -> Option<Self> {
        let (head, rest) = split(path);
        Some(match (head, rest) {
            ("name", None) => PersonField::Name,
            ("certificate", Some(rest)) => PersonField::Certificate(CertificateField::parse(rest)?),
            ("mobile", None) => PersonField::Mobile,
            ("email", None) => PersonField::Email,
            ("emergencyPhone", None) => PersonField::EmergencyPhone,
            ("officePhone", None) => PersonField::OfficePhone,
            _ => return None,
        })
    }
}

impl SubjectField {
    fn parse(path: &str) -> Option<Self> {
        let (head, rest) = split(path);
        Some(match (head, rest) {
            ("kind", None) => SubjectField::Kind,
            ("name", None) => SubjectField::Name,
            ("certificate", Some(rest)) => {
                SubjectField::Certificate(CertificateField::parse(rest)?)
            }
            ("certificateAddress", None) => SubjectField::CertificateAddress,
            ("address", Some(rest)) => SubjectField::Address(AddressField::parse(rest)?),
            ("principal", Some(rest)) => SubjectField::Principal(PersonField::parse(rest)?),
            ("principalIsLegalRepresentative", None) => {
                SubjectField::PrincipalIsLegalRepresentative
            }
            ("legalRepresentative", Some(rest)) => match split(rest) {
                ("name", None) => SubjectField::LegalRepresentativeName,
                ("certificate", Some(rest)) => {
                    SubjectField::LegalRepresentativeCertificate(CertificateField::parse(rest)?)
                }
                _ => return None,
            },
            ("remark", None) => SubjectField::Remark,
            _ => return None,
        })
    }
}

impl ServiceField {
    fn parse(path: &str) -> Option<Self> {
        let (head, rest) = split(path);
        if let Some(j) = indexed(head, "domains") {
            return rest.is_none().then_some(ServiceField::Domain(j));
        }
        if let Some(j) = indexed(head, "preApprovals") {
            return Some(ServiceField::PreApproval(
                j,
                PreApprovalField::parse(rest?)?,
            ));
        }
        Some(match (head, rest) {
            ("name", None) => ServiceField::Name,
            ("filingNumber", None) => ServiceField::FilingNumber,
            ("domains", None) => ServiceField::Domains,
            ("serviceContent", None) => ServiceField::ServiceContent,
            ("languages", None) => ServiceField::Languages,
            ("responsible", Some(rest)) => ServiceField::Responsible(PersonField::parse(rest)?),
            ("remark", None) => ServiceField::Remark,
            _ => return None,
        })
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

impl fmt::Display for PersonField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PersonField::Name => "name",
            PersonField::Certificate(field) => return write!(f, "certificate.{field}"),
            PersonField::Mobile => "mobile",
            PersonField::Email => "email",
            PersonField::EmergencyPhone => "emergencyPhone",
            PersonField::OfficePhone => "officePhone",
        })
    }
}

impl fmt::Display for SubjectField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SubjectField::Kind => "kind",
            SubjectField::Name => "name",
            SubjectField::Certificate(field) => return write!(f, "certificate.{field}"),
            SubjectField::CertificateAddress => "certificateAddress",
            SubjectField::Address(field) => return write!(f, "address.{field}"),
            SubjectField::Principal(field) => return write!(f, "principal.{field}"),
            SubjectField::PrincipalIsLegalRepresentative => "principalIsLegalRepresentative",
            SubjectField::LegalRepresentativeName => "legalRepresentative.name",
            SubjectField::LegalRepresentativeCertificate(field) => {
                return write!(f, "legalRepresentative.certificate.{field}")
            }
            SubjectField::Remark => "remark",
        })
    }
}

impl fmt::Display for ServiceField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ServiceField::Name => "name",
            ServiceField::FilingNumber => "filingNumber",
            ServiceField::Domains => "domains",
            ServiceField::Domain(j) => return write!(f, "domains[{j}]"),
            ServiceField::ServiceContent => "serviceContent",
            ServiceField::Languages => "languages",
            ServiceField::PreApproval(j, field) => return write!(f, "preApprovals[{j}].{field}"),
            ServiceField::Responsible(field) => return write!(f, "responsible.{field}"),
            ServiceField::Remark => "remark",
        })
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::FilingType => f.write_str("filingType"),
            FieldPath::ChangeScope => f.write_str("changeScope"),
            FieldPath::Province => f.write_str("province"),
            FieldPath::FilingNumber => f.write_str("filingNumber"),
            FieldPath::Subject(field) => write!(f, "subject.{field}"),
            FieldPath::Service(service, field) => write!(f, "{service}.{field}"),
            FieldPath::Homepage(i) => write!(f, "websites[{i}].homepage"),
            FieldPath::Platform(i, j, field) => write!(f, "apps[{i}].platforms[{j}].{field}"),
        }
    }
}

impl Service {
    /// A field of this website or APP.
    pub fn field(self, field: ServiceField) -> FieldPath {
        FieldPath::Service(self, field)
    }
}

/// A person of the filing: the subject's principal or a website's or APP's responsible
/// person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonPath {
    /// `subject.principal`
    Principal,
    /// `websites[i].responsible`, `apps[i].responsible`
    Responsible(Service),
}

impl PersonPath {
    /// A field of this person.
    pub fn field(self, field: PersonField) -> FieldPath {
        match self {
            PersonPath::Principal => FieldPath::Subject(SubjectField::Principal(field)),
            PersonPath::Responsible(service) => service.field(ServiceField::Responsible(field)),
        }
    }
}

/// A certificate of the filing: the subject's, a person's or the legal representative's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificatePath {
    /// `subject.certificate`
    Subject,
    /// `<person>.certificate`
    Person(PersonPath),
    /// `subject.legalRepresentative.certificate`
    LegalRepresentative,
}

impl CertificatePath {
    /// A field of this certificate.
    pub fn field(self, field: CertificateField) -> FieldPath {
        match self {
            CertificatePath::Subject => FieldPath::Subject(SubjectField::Certificate(field)),
            CertificatePath::Person(person) => person.field(PersonField::Certificate(field)),
            CertificatePath::LegalRepresentative => {
                FieldPath::Subject(SubjectField::LegalRepresentativeCertificate(field))
            }
        }
    }
}

/// A list of the filing the filer adds items to and removes them from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListPath {
    /// `websites`
    Websites,
    /// `apps`
    Apps,
    /// `websites[i].domains`, `apps[i].domains`
    Domains(Service),
    /// `websites[i].preApprovals`, `apps[i].preApprovals`
    PreApprovals(Service),
    /// `apps[i].platforms`
    Platforms(usize),
}

impl fmt::Display for ListPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListPath::Websites => f.write_str("websites"),
            ListPath::Apps => f.write_str("apps"),
            ListPath::Domains(service) => write!(f, "{service}.domains"),
            ListPath::PreApprovals(service) => write!(f, "{service}.preApprovals"),
            ListPath::Platforms(i) => write!(f, "apps[{i}].platforms"),
        }
    }
}

/// The language a new website or APP starts with.
const FIRST_LANGUAGE: &str = "simplifiedChinese";

impl ListPath {
    /// Appends the list's new item: a website with one empty domain and simplified Chinese;
    /// an APP with that and one Android platform; an empty domain, pre-approval or platform.
    /// `false` when the list is not in `filing`.
    pub fn push_new(self, filing: &mut Filing) -> bool {
        self.push_in(filing).is_some()
    }

    fn push_in(self, filing: &mut Filing) -> Option<()> {
        fn push_default<T: Default>(list: &mut Vec<T>) {
            list.push(T::default());
        }
        match self {
            ListPath::Websites => filing.websites.push(Website {
                domains: vec![String::new()],
                languages: vec![FIRST_LANGUAGE.to_owned()],
                ..Website::default()
            }),
            ListPath::Apps => filing.apps.push(App {
                platforms: vec![AppPlatform {
                    platform: "android".to_owned(),
                    ..AppPlatform::default()
                }],
                domains: vec![String::new()],
                languages: vec![FIRST_LANGUAGE.to_owned()],
                ..App::default()
            }),
            ListPath::Domains(Service::Website(i)) => {
                push_default(&mut filing.websites.get_mut(i)?.domains)
            }
            ListPath::Domains(Service::App(i)) => {
                push_default(&mut filing.apps.get_mut(i)?.domains)
            }
            ListPath::PreApprovals(Service::Website(i)) => {
                push_default::<PreApproval>(&mut filing.websites.get_mut(i)?.pre_approvals)
            }
            ListPath::PreApprovals(Service::App(i)) => {
                push_default::<PreApproval>(&mut filing.apps.get_mut(i)?.pre_approvals)
            }
            ListPath::Platforms(i) => push_default(&mut filing.apps.get_mut(i)?.platforms),
        }
        Some(())
    }

    /// Removes item `index` when there is one. `false` when the list is not in `filing`
    /// (an index past the end of an existing list changes nothing but is not refused).
    pub fn remove(self, filing: &mut Filing, index: usize) -> bool {
        self.remove_in(filing, index).is_some()
    }

    fn remove_in(self, filing: &mut Filing, index: usize) -> Option<()> {
        fn remove_from<T>(list: &mut Vec<T>, index: usize) {
            if index < list.len() {
                list.remove(index);
            }
        }
        match self {
            ListPath::Websites => remove_from(&mut filing.websites, index),
            ListPath::Apps => remove_from(&mut filing.apps, index),
            ListPath::Domains(Service::Website(i)) => {
                remove_from(&mut filing.websites.get_mut(i)?.domains, index)
            }
            ListPath::Domains(Service::App(i)) => {
                remove_from(&mut filing.apps.get_mut(i)?.domains, index)
            }
            ListPath::PreApprovals(Service::Website(i)) => {
                remove_from(&mut filing.websites.get_mut(i)?.pre_approvals, index)
            }
            ListPath::PreApprovals(Service::App(i)) => {
                remove_from(&mut filing.apps.get_mut(i)?.pre_approvals, index)
            }
            ListPath::Platforms(i) => remove_from(&mut filing.apps.get_mut(i)?.platforms, index),
        }
        Some(())
    }
}
