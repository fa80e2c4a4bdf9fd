//! Responsible persons (主体负责人, 网站/APP负责人): name, certificate, validity and contact
//! formats (docs/sources.md §4.1–§4.4, §7).

use std::fmt::Display;

use chrono::{Datelike, NaiveDate};

use super::certificate::check_number;
use super::view::{CertificateView, Field, FilingView, OtherKind, PersonView, PhoneView, Who};
use super::RuleContext;
use crate::ident::{has_non_ascii_local, MobileError, Trimmed};
use crate::model::{CertificateType, SubjectKind};
use crate::report::Collector;

/// Certificates a person may hold (the individual subject's list, §3).
fn personal_certificate_allowed(cert: &CertificateView) -> bool {
    cert.kind
        .is_some_and(|t| super::allowed_certificates(SubjectKind::Individual).contains(&t))
}

/// Checks one person (`who`: the principal or a website/APP responsible).
/// `unit` says whether the filing subject is a unit (office phone then required).
pub(super) fn check_person(
    person: &PersonView,
    who: Who,
    unit: bool,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let name_path = Field(who, "name");
    if person.name.is_empty() {
        out.error(name_path, "required")
            .param("field", "person.name");
    } else {
        super::subject::check_person_name(&person.name, person.certificate.kind, name_path, out);
    }

    let cert = &person.certificate;
    let personal_type = check_personal_type(cert, &Field(who, "certificate.type"), out);
    let number_path = Field(who, "certificate.number");
    if cert.number.is_empty() {
        out.error(number_path, "required")
            .param("field", "person.certificate.number");
    } else if let Some(ty) = personal_type {
        check_number(
            ty,
            &cert.number,
            &cert.parsed,
            None,
            ctx.today,
            number_path,
            out,
        );
    }
    check_validity(cert, Field(who, "certificate.validUntil"), ctx, out);

    let mobile_path = Field(who, "mobile");
    if person.mobile.is_empty() {
        out.error(mobile_path, "required")
            .param("field", "person.mobile");
    } else if let Err(e) = &person.mobile_parsed {
        let reason = match e {
            MobileError::Length { .. } => "length",
            MobileError::Prefix => "prefix",
            MobileError::Characters => "characters",
        };
        out.error(mobile_path, "mobile.format")
            .param("reason", reason);
    } else if let Some(prefix) = virtual_operator_prefix(&person.mobile) {
        out.warning(mobile_path, "mobile.virtual_operator")
            .param("prefix", prefix);
    }

    let email_path = Field(who, "email");
    if person.email.is_empty() {
        out.error(email_path, "required")
            .param("field", "person.email");
    } else if person.email_parsed.is_err() {
        out.error(email_path, "email.format");
    } else if has_non_ascii_local(&person.email) {
        out.warning(email_path, "email.non_ascii_local");
    }

    let emergency_path = Field(who, "emergencyPhone");
    // Some provinces make it mandatory, so not all do (§4.4): left out, it is the filer's to
    // confirm.
    if person.emergency_phone.is_empty() {
        out.warning(emergency_path, "emergency_phone.missing");
    } else {
        check_phone(&person.emergency_phone, emergency_path, out);
    }

    let office_path = Field(who, "officePhone");
    if person.office_phone.is_empty() {
        if unit {
            out.error(office_path, "required")
                .param("field", "person.officePhone");
        }
    } else {
        check_phone(&person.office_phone, office_path, out);
    }
}

/// An emergency or office phone that is given: a mainland mobile or landline; a number
/// outside the mainland or a 400/800 number is callable, but not every 管局 accepts it, so
/// the filer confirms it (§4.4).
fn check_phone(phone: &PhoneView, path: impl Display + Copy, out: &mut Collector) {
    match phone.other() {
        Some(OtherKind::OutsideMainland) => {
            out.warning(path, "phone.outside_mainland");
        }
        Some(OtherKind::ServiceNumber) => {
            out.warning(path, "phone.service_number");
        }
        // A local number alone (58881234): what is missing is the area code.
        None if !phone.is_valid() => match local_number_alone(&phone.text) {
            Some(number) => {
                out.error(path, "phone.area_code_missing")
                    .param("number", number);
            }
            None => {
                out.error(path, "phone.format");
            }
        },
        None => {}
    }
}

/// The digits of `text` when it is a landline's local number alone: 7 or 8 digits, not
/// starting with 0 or 1, with spaces or dashes at most.
fn local_number_alone(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    ((7..=8).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with(['0', '1']))
    .then_some(digits)
}

/// The legal representative of a unit whose principal is not the legal representative: the
/// authorisation letter is theirs, and WeChat's filing API requires their name and
/// certificate number then (§6, [S17f]). Not every provider's form asks, so what is missing
/// is a warning; what is given is checked as a person's name and certificate.
pub(super) fn check_legal_representative_identity(
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    const NAME: &str = "subject.legalRepresentative.name";
    const TYPE: &str = "subject.legalRepresentative.certificate.type";
    const NUMBER: &str = "subject.legalRepresentative.certificate.number";
    let subject = &filing.subject;
    if !subject.legal_representative_asked() {
        return;
    }
    let rep = &subject.legal_representative;
    let cert = &rep.certificate;
    if rep.name.is_empty() {
        out.warning(NAME, "legal_representative.missing");
    } else {
        super::subject::check_person_name(&rep.name, cert.kind, NAME, out);
    }
    if cert.number.is_empty() {
        if !rep.name.is_empty() {
            out.warning(NUMBER, "legal_representative.missing");
        }
        return;
    }
    if let Some(ty) = check_personal_type(cert, &TYPE, out) {
        check_number(ty, &cert.number, &cert.parsed, None, ctx.today, NUMBER, out);
    }
}

/// A person's certificate type: missing or not one a person holds is an error. The type,
/// when it is one to check the number as.
fn check_personal_type(
    cert: &CertificateView,
    path: &dyn Display,
    out: &mut Collector,
) -> Option<CertificateType> {
    match cert.kind {
        None => {
            out.error(path, "required")
                .param("field", "person.certificate.type");
            None
        }
        Some(ty) if !personal_certificate_allowed(cert) => {
            out.error(path, "certificate.type_not_allowed")
                .param("kind", SubjectKind::Individual.slug())
                .param("type", ty.slug());
            None
        }
        Some(ty) => Some(ty),
    }
}

/// The number range of a virtual operator (170, 171, 162, 165, 167), whose numbers often
/// can't receive the MIIT verification SMS (§12, Tencent SMS FAQ). `mobile` is a valid,
/// normalised 11-digit number.
fn virtual_operator_prefix(mobile: &str) -> Option<&str> {
    let prefix = mobile.get(..3)?;
    matches!(prefix, "170" | "171" | "162" | "165" | "167").then_some(prefix)
}

/// Certificate validity (§4.1 provider extras): `YYYY-MM-DD` or `longTerm`; expired is an
/// error, less than the data's `certificateMinValidityMonths` (3: Huawei and old Shanghai
/// rule) left a warning.
pub(super) fn check_validity(
    cert: &CertificateView,
    path: impl Display + Copy,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let today = ctx.today;
    let text = cert.valid_until.trimmed();
    if text.is_empty() {
        out.error(path, "required")
            .param("field", "certificate.validUntil");
        return;
    }
    if text == "longTerm" {
        // A long-term resident ID is issued only at 46 or over (居民身份证法 §5, [S39]).
        let holder = cert
            .parsed
            .resident_id()
            .filter(|_| cert.kind == Some(CertificateType::ResidentId));
        if let Some(id) = holder.filter(|id| id.age_on(today) < LONG_TERM_ID_AGE) {
            out.error(path, "certificate.long_term_too_young")
                .param("age", id.age_on(today));
        }
        return;
    }
    let Some(until) = crate::options::parse_iso_date(text) else {
        out.error(path, "validity.format").param("value", text);
        return;
    };
    if until < today {
        out.error(path, "certificate.expired").param("date", until);
    } else {
        let minimum = &ctx.data.national().certificate_min_validity_months;
        if until < add_months(today, u32::from(minimum.value)) {
            out.issue(minimum.severity(), path, "certificate.expiring_soon")
                .param("date", until)
                .param("months", minimum.value);
        }
    }
}

/// The age from which a resident ID is issued long-term (居民身份证法 §5, [S39]).
const LONG_TERM_ID_AGE: u32 = 46;

/// `date` plus `months` calendar months, clamped to the month's last day.
pub(super) fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months as i32;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    (1..=date.day())
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_months_clamps_to_month_end() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(add_months(d(2026, 11, 28), 3), d(2027, 2, 28));
        assert_eq!(add_months(d(2026, 11, 30), 3), d(2027, 2, 28));
        assert_eq!(add_months(d(2024, 11, 30), 3), d(2025, 2, 28));
        assert_eq!(add_months(d(2023, 11, 29), 3), d(2024, 2, 29));
    }
}
