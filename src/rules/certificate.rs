//! Certificates: which types each subject kind may use (docs/sources.md §3) and the number
//! checks per type (§4.1 resident ID, §4.2 credit code, §4.3 other personal certificates,
//! §12 the 2023 foreign permanent resident ID and first-generation resident IDs).

use std::fmt::Display;

use chrono::NaiveDate;

use super::view::NumberFacts;
use crate::ident::{
    category_fits, normalize_identifier, ForeignPermanentId, ForeignPermanentIdError, ResidentId,
    ResidentIdError, UsccError,
};
use crate::model::{CertificateType, SubjectKind};
use crate::report::Collector;

/// The certificate types a subject kind may file with — §3 table (MIIT numbering from
/// [S17a/S18]); the credit code is listed where the kind's registration certificate carries one.
pub fn allowed_certificates(kind: SubjectKind) -> &'static [CertificateType] {
    use CertificateType as C;
    use SubjectKind as K;
    match kind {
        K::Enterprise => &[
            C::Uscc,
            C::BusinessLicense,
            C::OrganizationCode,
            C::ForeignEnterpriseRepOffice,
        ],
        K::Individual => &[
            C::ResidentId,
            C::Passport,
            C::HkMacaoPermit,
            C::TaiwanPermit,
            C::ForeignPermanentResidentId,
            C::HkMacaoTaiwanResidencePermit,
        ],
        K::Government => &[C::Uscc, C::OrganizationCode],
        K::Institution => &[C::Uscc, C::InstitutionLegalPerson, C::OrganizationCode],
        K::Military => &[C::MilitaryCode, C::MilitaryServiceLicense],
        K::SocialGroup => &[C::SocialGroupRegistration, C::OrganizationCode],
        K::PrivateNonEnterprise => &[
            C::PrivateNonEnterpriseRegistration,
            C::SocialServiceRegistration,
            C::PrivateSchoolLicense,
            C::OrganizationCode,
        ],
        K::Foundation => &[C::FoundationRegistration, C::OrganizationCode],
        K::LawFirm => &[C::LawFirmLicense, C::OrganizationCode],
        K::ForeignCultureCenter => &[
            C::ForeignCultureCenterRegistration,
            C::ForeignTourismOfficeRegistration,
            C::EmbassySchoolLicense,
        ],
        K::MassOrganization => &[C::Uscc],
        K::JudicialExpertise => &[C::JudicialExpertiseLicense],
        K::Religious => &[C::ReligiousVenueRegistration],
        K::OverseasOrganization => &[C::OverseasOrganizationCertificate],
        K::Medical => &[C::MedicalInstitutionLicense],
        K::Notary => &[C::NotaryLicense],
        K::CollectiveEconomy => &[C::CollectiveEconomyRegistration],
        K::Arbitration => &[C::ArbitrationRegistration],
    }
}

/// Checks a certificate number for its type, recording issues at `path`.
///
/// `subject_kind` enables the credit-code category check; `today` bounds birth dates.
pub fn check_certificate_number(
    kind: CertificateType,
    number: &str,
    subject_kind: Option<SubjectKind>,
    today: NaiveDate,
    path: &str,
    out: &mut Collector,
) {
    let facts = NumberFacts::parse(Some(kind), number);
    // Credit-code issues quote the normalised code; other types are checked as given.
    let normalized;
    let number = if matches!(facts, NumberFacts::Uscc(_)) {
        normalized = normalize_identifier(number);
        &normalized
    } else {
        number
    };
    check_number(kind, number, &facts, subject_kind, today, path, out);
}

/// [`check_certificate_number`] for a normalised `number` already parsed into `facts`.
pub(super) fn check_number(
    kind: CertificateType,
    number: &str,
    facts: &NumberFacts,
    subject_kind: Option<SubjectKind>,
    today: NaiveDate,
    path: impl Display + Copy,
    out: &mut Collector,
) {
    match facts {
        NumberFacts::ResidentId(id) => check_resident_id(kind, id, today, path, out),
        NumberFacts::Uscc(layout) => check_uscc(number, layout, subject_kind, path, out),
        NumberFacts::Other if kind == CertificateType::ForeignPermanentResidentId => {
            check_foreign_permanent_id(number, today, path, out);
        }
        // A unit's registration certificate (社会团体法人登记证书 …) shows its credit code
        // today: a number that is one, check character and all, has its category checked.
        NumberFacts::Other
            if !kind.is_non_mainland() && crate::ident::Uscc::check(number) == Ok(true) =>
        {
            check_category(number, subject_kind, path, out);
        }
        // Of a credit code's shape and with a category of the subject's kind, but its check
        // character does not match: most likely a slip in copying it (a warning, as for a
        // licence's code: a few real codes fail the check).
        NumberFacts::Other
            if !kind.is_non_mainland()
                && crate::ident::Uscc::check(number) == Ok(false)
                && subject_kind.is_some_and(|k| {
                    number.get(..2).and_then(|c| category_fits(c, k)) == Some(true)
                }) =>
        {
            out.warning(path, "certificate.credit_code_checksum")
                .param("type", kind.slug());
        }
        NumberFacts::Other => match crate::ident::permit_format_ok(kind, number) {
            Some(true) => {}
            Some(false) => {
                out.warning(path, "certificate.format")
                    .param("type", kind.slug());
            }
            None => check_generic(kind, number, path, out),
        },
    }
}

/// `kind` is a resident ID or an HK/Macao/Taiwan residence permit (same number structure).
fn check_resident_id(
    kind: CertificateType,
    id: &Result<ResidentId, ResidentIdError>,
    today: NaiveDate,
    path: impl Display,
    out: &mut Collector,
) {
    match id {
        Ok(id) if id.birth_date() > today => {
            out.error(path, "id.birth_date")
                .param("date", id.birth_date());
        }
        // A residence permit's number starts with 810000 (Hong Kong), 820000 (Macao) or
        // 830000 (Taiwan) where a resident ID has the holder's region (§4.3).
        Ok(id)
            if kind == CertificateType::HkMacaoTaiwanResidencePermit
                && !["810000", "820000", "830000"]
                    .contains(&id.as_str().get(..6).unwrap_or_default()) =>
        {
            out.warning(path, "certificate.format")
                .param("type", kind.slug());
        }
        Ok(id) if !id.has_known_province() => {
            out.warning(path, "id.region_unknown")
                .param("prefix", id.as_str().get(..2).unwrap_or_default());
        }
        Ok(_) => {}
        Err(ResidentIdError::Length { len }) => {
            out.error(path, "id.length").param("length", len);
        }
        // Residence permits were first issued in 2018: 15 digits is a wrong length there.
        Err(ResidentIdError::FirstGeneration) if kind == CertificateType::ResidentId => {
            out.error(path, "id.first_generation");
        }
        Err(ResidentIdError::FirstGeneration) => {
            out.error(path, "id.length").param("length", 15);
        }
        Err(ResidentIdError::Format { position }) => {
            out.error(path, "id.format").param("position", position);
        }
        // A residence permit is named as itself, not as a resident ID.
        Err(ResidentIdError::BirthDate { text }) if kind == CertificateType::ResidentId => {
            out.error(path, "id.birth_date").param("date", text);
        }
        Err(ResidentIdError::BirthDate { text }) => {
            out.error(path, "certificate.birth_date")
                .param("type", kind.slug())
                .param("date", text);
        }
        Err(ResidentIdError::Checksum) if kind == CertificateType::ResidentId => {
            out.error(path, "id.checksum");
        }
        Err(ResidentIdError::Checksum) => {
            out.error(path, "certificate.check_character")
                .param("type", kind.slug());
        }
    }
}

/// The 2023 format's birth date and check character rest on the NIA standard (§12, H) and
/// are errors; a number of neither format's shape gets the §4.3 format warning.
fn check_foreign_permanent_id(
    number: &str,
    today: NaiveDate,
    path: impl Display,
    out: &mut Collector,
) {
    let kind = CertificateType::ForeignPermanentResidentId;
    match ForeignPermanentId::parse(number) {
        Ok(id) => {
            if let Some(date) = id.birth_date().filter(|d| *d > today) {
                out.error(path, "certificate.birth_date")
                    .param("type", kind.slug())
                    .param("date", date);
            }
        }
        Err(ForeignPermanentIdError::Format) => {
            out.warning(path, "certificate.format")
                .param("type", kind.slug());
        }
        Err(ForeignPermanentIdError::BirthDate { text }) => {
            out.error(path, "certificate.birth_date")
                .param("type", kind.slug())
                .param("date", text);
        }
        Err(ForeignPermanentIdError::Checksum) => {
            out.error(path, "certificate.check_character")
                .param("type", kind.slug());
        }
    }
}

/// `number` is the normalised code, `layout` what parsing it found (check character
/// matching or not).
fn check_uscc(
    number: &str,
    layout: &Result<bool, UsccError>,
    subject_kind: Option<SubjectKind>,
    path: impl Display + Copy,
    out: &mut Collector,
) {
    let checksum_ok = match layout {
        Ok(ok) => *ok,
        Err(UsccError::Length { len }) => {
            out.error(path, "uscc.length").param("length", len);
            return;
        }
        Err(UsccError::Format {
            position,
            character,
        }) => {
            out.error(path, "uscc.format")
                .param("position", position)
                .param("character", character);
            return;
        }
        Err(UsccError::Checksum) => return,
    };
    if !checksum_ok {
        out.warning(path, "uscc.checksum").param("value", number);
    }
    check_category(number, subject_kind, path, out);
}

/// A credit code's registration category (`91` an enterprise, `52` a private non-enterprise
/// unit …) against the subject kind chosen (§4.2, a warning).
fn check_category(
    code: &str,
    subject_kind: Option<SubjectKind>,
    path: impl Display,
    out: &mut Collector,
) {
    // `get`: a valid layout means 18 ASCII characters, but a slice must not be able to panic.
    if let (Some(kind), Some(category)) = (subject_kind, code.get(..2)) {
        if category_fits(category, kind) == Some(false) {
            out.warning(path, "uscc.category_mismatch")
                .param("category", category)
                .param("kind", kind.slug());
        }
    }
}

/// Certificates without a published check algorithm: 5–40 characters of letters, digits,
/// brackets and dashes, at least four of them digits. Chinese characters count too: a
/// certificate may print them in its number (a private school licence's 教民…号, §3), while a
/// name pasted instead of the number has no digits (§4.3 gives no stricter format from a
/// primary source).
fn check_generic(kind: CertificateType, number: &str, path: impl Display, out: &mut Collector) {
    let len = number.chars().count();
    let plausible = (5..=40).contains(&len)
        && number.bytes().filter(u8::is_ascii_digit).count() >= 4
        && number.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || super::view::is_han(c)
                || matches!(
                    c,
                    '(' | ')' | '（' | '）' | '〔' | '〕' | '[' | ']' | '【' | '】' | '-'
                )
        });
    let free_form = matches!(
        kind,
        CertificateType::MilitaryCode | CertificateType::OverseasOrganizationCertificate
    );
    if !(plausible || (free_form && len > 0)) {
        out.warning(path, "certificate.format")
            .param("type", kind.slug());
    }
}
