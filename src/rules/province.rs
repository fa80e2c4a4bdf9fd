//! Province rules (icp-rules.md §6) applied from the rule data: non-local individuals,
//! minimum age, legal representative, office phone, responsible-person pairing, same-city
//! addresses. Each issue takes its severity from the data (province rules are soft unless
//! marked national).

use std::fmt::Display;

use super::view::{Field, FilingView, PersonView, Service, Who};
use super::RuleContext;
use crate::ident::ResidentId;
use crate::model::{CertificateType, SubjectKind};
use crate::report::{Collector, Severity};
use crate::ruledata::{LegalRepRule, NonLocal, Sourced};

/// Unit principal vs legal representative, and the pairing of principal and website
/// responsible persons that some provinces require (§6, §7).
pub(super) fn check_legal_representative(filing: &FilingView, out: &mut Collector) {
    let Some(p) = filing.province_rules else {
        return;
    };
    let not_legal_rep = filing.subject.principal_is_legal_representative == Some(false);
    if not_legal_rep {
        if let Some(rule) = &p.principal_must_be_legal_rep {
            if rule.value == LegalRepRule::Required {
                out.issue(
                    rule.severity(),
                    "subject.principalIsLegalRepresentative",
                    "principal.legal_rep_required",
                )
                .param("province", &p.code);
            }
        }
    }
    let principal = &filing.subject.principal;
    let same = |r: &PersonView| super::contacts::same_person(principal, r);
    let sites = filing
        .websites
        .iter()
        .enumerate()
        .map(|(i, w)| (Service::Website(i), &w.responsible))
        .chain(
            filing
                .apps
                .iter()
                .enumerate()
                .map(|(i, a)| (Service::App(i), &a.responsible)),
        );
    for (service, responsible) in sites {
        let name_path = Field(service.responsible(), "name");
        if responsible.name.is_empty() && responsible.certificate.number.is_empty() {
            continue;
        }
        if let Some(rule) = p
            .responsible_must_differ_from_principal
            .as_ref()
            .filter(|r| r.value)
        {
            if same(responsible) {
                out.issue(rule.severity(), name_path, "responsible.must_differ")
                    .param("province", &p.code);
            }
        }
        if let Some(rule) = p
            .principal_equals_responsible_when_not_legal_rep
            .as_ref()
            .filter(|r| r.value)
        {
            if not_legal_rep && !same(responsible) {
                out.issue(
                    rule.severity(),
                    name_path,
                    "responsible.must_equal_principal",
                )
                .param("province", &p.code);
            }
        }
    }
}

/// Age against the minimum (§6, national 18; under 16 always refused) and the office-phone
/// rules, for one person.
pub(super) fn check_person_province(
    filing: &FilingView,
    person: &PersonView,
    who: Who,
    out: &mut Collector,
) {
    let unit = filing
        .subject
        .kind
        .is_some_and(|k| k != SubjectKind::Individual);
    let Some(p) = filing.province_rules else {
        return;
    };
    let office_path = Field(who, "officePhone");
    if person.office_phone.is_empty() || out.has_error_at(office_path) {
        return;
    }
    if let Some(rule) = p
        .landline_required_for_units
        .as_ref()
        .filter(|r| r.value && unit)
    {
        if !person.office_phone.is_landline() {
            out.issue(
                rule.severity(),
                office_path,
                "office_phone.landline_required",
            )
            .param("province", &p.code);
        }
    }
    if let Some(rule) = p
        .office_phone_differs_from_principal_mobile
        .as_ref()
        .filter(|r| r.value)
    {
        let principal = &filing.subject.principal;
        let principal_mobile = principal
            .mobile_parsed
            .is_ok()
            .then_some(principal.mobile.as_ref());
        if principal_mobile.is_some() && person.office_phone.as_mobile() == principal_mobile {
            out.issue(rule.severity(), office_path, "office_phone.same_as_mobile")
                .param("province", &p.code);
        }
    }
}

/// Age of every distinct person holding a resident ID, reported once per person at the
/// field the filer edits (for an individual: the subject's certificate number).
pub(super) fn check_ages(filing: &FilingView, ctx: &RuleContext, out: &mut Collector) {
    let individual = filing.subject.kind == Some(SubjectKind::Individual);
    let minimum = ctx.data.minimum_age(filing.province);
    let mut seen: Vec<&str> = Vec::new();
    for (who, person) in filing.persons() {
        let number = person.certificate.number.as_ref();
        if person.certificate.kind != Some(CertificateType::ResidentId) || seen.contains(&number) {
            continue;
        }
        seen.push(number);
        let subject_number = individual && who == Who::Principal;
        let has_error = if subject_number {
            out.has_error_at("subject.certificate.number")
        } else {
            out.has_error_at(Field(who, "certificate.number"))
        };
        if has_error {
            continue;
        }
        if let Some(id) = person.certificate.parsed.resident_id() {
            if subject_number {
                check_age(filing, id, minimum, "subject.certificate.number", ctx, out);
            } else {
                check_age(
                    filing,
                    id,
                    minimum,
                    Field(who, "certificate.number"),
                    ctx,
                    out,
                );
            }
        }
    }
}

/// `minimum`: the province's minimum age (or the national one).
fn check_age(
    filing: &FilingView,
    id: &ResidentId,
    minimum: &Sourced<u8>,
    path: impl Display + Copy,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let age = id.age_on(ctx.today);
    let national = ctx.data.national();
    let absolute = national.absolute_minimum_age.value;
    let province_code = if filing.province.is_empty() {
        "000000"
    } else {
        filing.province
    };
    if age < u32::from(absolute) {
        out.issue(
            national.absolute_minimum_age.severity(),
            path,
            "age.under_minimum",
        )
        .param("province", province_code)
        .param("minimum", absolute)
        .param("age", age);
    } else if age < u32::from(minimum.value) {
        let with_proof = filing
            .province_rules
            .and_then(|p| p.minors_with_proof_from.as_ref())
            .is_some_and(|from| age >= u32::from(from.value));
        let code = if with_proof {
            "age.minor_needs_proof"
        } else {
            "age.under_minimum"
        };
        let severity = if with_proof {
            Severity::Warning
        } else {
            minimum.severity()
        };
        out.issue(severity, path, code)
            .param("province", province_code)
            .param("minimum", minimum.value)
            .param("age", age);
    }
}

/// An individual whose ID was issued in another province (§6 "non-local", §10 rule 16).
pub(super) fn check_non_local_individual(filing: &FilingView, out: &mut Collector) {
    if filing.subject.kind != Some(SubjectKind::Individual) {
        return;
    }
    let Some(p) = filing.province_rules else {
        return;
    };
    let Some(id) = filing.subject.certificate.parsed.resident_id() else {
        return;
    };
    if id.region_code().get(..2) == filing.province.get(..2) {
        return;
    }
    let Some(rule) = &p.individual_non_local else {
        return;
    };
    let slug = match rule.value {
        NonLocal::Allowed => return,
        NonLocal::WithResidencePermit => "withResidencePermit",
        NonLocal::NotAllowed => "notAllowed",
    };
    out.issue(
        rule.severity(),
        "subject.certificate.number",
        "subject.non_local_individual",
    )
    .param("province", &p.code)
    .param("rule", slug);
}

// Prefecture-level city names (GB/T 2260, from data/regions) as addresses write them.
include!(concat!(env!("OUT_DIR"), "/cities.rs"));

/// The name addresses use for the prefecture-level city `code` (石家庄 for 130100).
pub(super) fn city_name(code: &str) -> Option<&'static str> {
    CITY_NAMES
        .binary_search_by_key(&code, |(c, _)| c)
        .ok()
        .map(|at| CITY_NAMES[at].1)
}

/// Mailing address and certificate address in the same city (§4.5, §6: 河北, 河南, 贵州).
/// The certificate address is free text: the rule fires only when it names another city of
/// the province and not the one chosen for the mailing address, so an address that names
/// no city is never flagged.
pub(super) fn check_same_city(filing: &FilingView, out: &mut Collector) {
    let Some(p) = filing.province_rules else {
        return;
    };
    let Some(rule) = p.same_city_address.as_ref().filter(|r| r.value) else {
        return;
    };
    let city = &filing.subject.address.city;
    let certificate_address = filing.subject.certificate_address;
    if city.get(..2) != p.code.get(..2) || certificate_address.trim().is_empty() {
        return;
    }
    let Some(name) = city_name(city) else {
        return;
    };
    if certificate_address.contains(name) {
        return;
    }
    let other = CITY_NAMES
        .iter()
        .filter(|(code, _)| code.get(..2) == city.get(..2) && *code != city.as_str())
        .find(|(_, name)| certificate_address.contains(name));
    if let Some((other, _)) = other {
        out.issue(rule.severity(), "subject.address.city", "address.same_city")
            .param("province", &p.code)
            .param("city", city)
            .param("certificateCity", *other);
    }
}
