//! Province rules (docs/sources.md §6) applied from the rule data: non-local individuals,
//! minimum age, legal representative, office phone, responsible-person pairing, same-city
//! addresses. Each issue takes its severity from the data (province rules are soft unless
//! marked national).

use std::fmt::Display;

use super::view::{Field, FilingView, PersonView, Service, Who};
use super::RuleContext;
use crate::ident::{ResidentId, Trimmed};
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
            .responsible_must_differ_when_not_legal_rep
            .as_ref()
            .filter(|r| r.value)
        {
            if not_legal_rep && same(responsible) {
                out.issue(
                    rule.severity(),
                    name_path,
                    "responsible.must_differ_when_not_legal_rep",
                )
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

/// An individual's certificate type the province does not accept (§6: 河北 takes no
/// passports or foreign permanent residence IDs from individuals).
pub(super) fn check_refused_certificate(filing: &FilingView, out: &mut Collector) {
    let (Some(p), Some(SubjectKind::Individual), Some(ty)) = (
        filing.province_rules,
        filing.subject.kind,
        filing.subject.certificate.kind,
    ) else {
        return;
    };
    if let Some(rule) = &p.refused_individual_certificates {
        if rule.value.iter().any(|slug| slug == ty.slug()) {
            out.issue(
                rule.severity(),
                "subject.certificate.type",
                "province.certificate_refused",
            )
            .param("province", &p.code)
            .param("type", ty.slug());
        }
    }
}

/// A unit's principal holding a non-mainland certificate where the province asks a
/// non-mainland legal representative to authorise a mainland resident as principal (§6:
/// 河北, 山西, 山东).
pub(super) fn check_non_mainland_principal(filing: &FilingView, out: &mut Collector) {
    let Some(p) = filing.province_rules else {
        return;
    };
    let unit = filing
        .subject
        .kind
        .is_some_and(|k| k != SubjectKind::Individual);
    let Some(rule) = p
        .non_mainland_legal_rep_authorises
        .as_ref()
        .filter(|r| r.value && unit)
    else {
        return;
    };
    let held = filing.subject.principal.certificate.kind;
    if held.is_some_and(CertificateType::is_non_mainland) {
        out.issue(
            rule.severity(),
            "subject.principal.certificate.type",
            "principal.non_mainland",
        )
        .param("province", &p.code);
    }
}

/// Province rules on one website's name and domains (§5.1, §5.3, §6): 陕西 wants distinct
/// names within a subject, 广东 an enterprise's name ending in 官网 (the company's name
/// followed by it), 广东 and 广西 count domains with different names as different websites.
pub(super) fn check_website_province(
    filing: &FilingView,
    index: usize,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let Some(p) = filing.province_rules else {
        return;
    };
    let site = &filing.websites[index];
    let name = site.name.trimmed();
    let service = Service::Website(index);
    if let Some(rule) = p.distinct_website_names.as_ref().filter(|r| r.value) {
        let earlier = filing.websites[..index]
            .iter()
            .position(|w| !name.is_empty() && w.name.trimmed() == name);
        if let Some(first) = earlier {
            out.issue(
                rule.severity(),
                Field(service, "name"),
                "website.name_duplicate",
            )
            .param("province", &p.code)
            .param("other", Field(Service::Website(first), "name"));
        }
    }
    let enterprise = filing.subject.kind == Some(SubjectKind::Enterprise);
    if let Some(rule) = p.unit_website_name_suffix.as_ref().filter(|_| enterprise) {
        if !name.is_empty() && !name.ends_with(rule.value.as_str()) {
            out.issue(
                rule.severity(),
                Field(service, "name"),
                "website.name_suffix",
            )
            .param("province", &p.code)
            .param("suffix", &rule.value);
        }
    }
    if let Some(rule) = p
        .distinct_prefixes_are_separate_websites
        .as_ref()
        .filter(|r| r.value)
    {
        // Two prefixes are enough to know (one pass, however many domains a body carries).
        let mut prefixes = site
            .domains
            .iter()
            .filter_map(|d| d.parsed.as_ref().ok())
            .filter_map(|domain| ctx.data.registrable_domain(domain.as_str()))
            .map(|registrable| registrable.split('.').next().unwrap_or(registrable));
        let first = prefixes.next();
        if first.is_some_and(|first| prefixes.any(|other| other != first)) {
            out.issue(
                rule.severity(),
                Field(service, "domains"),
                "domains.distinct_prefixes",
            )
            .param("province", &p.code);
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
    // A unit's rule (Tencent lists it for companies); an individual may give the mobile.
    if let Some(rule) = p
        .office_phone_differs_from_principal_mobile
        .as_ref()
        .filter(|r| r.value && unit)
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
        // The national floor: 「全国要求…」, not the province's rule.
        out.issue(
            national.absolute_minimum_age.severity(),
            path,
            "age.under_minimum",
        )
        .param("province", "000000")
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

/// An individual from another province (§6 "non-local", §10 rule 16, §12). "Non-local" is
/// decided by the address printed on the certificate (`certificateAddress`): the first six
/// digits of a resident ID record where the number was first issued and never change when
/// the household registration moves. When the address names no province or city, an ID
/// issued elsewhere only adds a hint.
pub(super) fn check_non_local_individual(
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    if filing.subject.kind != Some(SubjectKind::Individual) {
        return;
    }
    let Some(p) = filing.province_rules else {
        return;
    };
    let Some(rule) = &p.individual_non_local else {
        return;
    };
    let slug = match rule.value {
        NonLocal::Allowed => return,
        NonLocal::WithResidencePermit => "withResidencePermit",
        NonLocal::NotAllowed => "notAllowed",
    };
    let path = "subject.certificateAddress";
    let address = filing.subject.certificate_address.trimmed();
    match address_province(address, ctx).or_else(|| outside_mainland(address)) {
        Some(code) if code == p.code => {}
        Some(code) => {
            out.issue(rule.severity(), path, "subject.non_local_individual")
                .param("province", &p.code)
                .param("certificateProvince", code)
                .param("rule", slug);
        }
        None if address.is_empty() => {}
        None => {
            // A resident ID's region is where it was first issued; a residence permit's
            // 81/82/83 says only where its holder comes from.
            let id_prefix = filing
                .subject
                .certificate
                .parsed
                .resident_id()
                .filter(|_| filing.subject.certificate.kind == Some(CertificateType::ResidentId))
                .and_then(|id| id.region_code().get(..2));
            if let Some(prefix) = id_prefix.filter(|&pre| Some(pre) != p.code.get(..2)) {
                out.warning(path, "subject.non_local_hint")
                    .param("province", &p.code)
                    .param("idProvince", format!("{prefix}0000"))
                    .param("rule", slug);
            }
        }
    }
}

/// Hong Kong, Macao or Taiwan when an address starts with it (in simplified or traditional
/// characters, or in English, after an optional 中国): their GB/T 2260 codes.
fn outside_mainland(address: &str) -> Option<&'static str> {
    const PLACES: [(&str, &str); 10] = [
        ("香港", "810000"),
        ("HONG KONG", "810000"),
        ("澳门", "820000"),
        ("澳門", "820000"),
        ("MACAO", "820000"),
        ("MACAU", "820000"),
        ("台湾", "710000"),
        ("台灣", "710000"),
        ("臺灣", "710000"),
        ("TAIWAN", "710000"),
    ];
    let rest = ["中国", "中國"]
        .iter()
        .find_map(|c| address.strip_prefix(c))
        .unwrap_or(address)
        .trim_start();
    PLACES.iter().find_map(|(name, code)| {
        let head = rest.get(..name.len())?;
        head.eq_ignore_ascii_case(name).then_some(*code)
    })
}

/// The province an address names at its start: a province (广东省…, 北京市…, 内蒙古…) or a
/// prefecture-level city written with its ending (深圳市…, 黔东南州…).
pub(super) fn address_province<'a>(address: &str, ctx: &RuleContext<'a>) -> Option<&'a str> {
    if address.is_empty() {
        return None;
    }
    let by_province = ctx.data.provinces().iter().find(|p| {
        let short = province_short_name(&p.name);
        !short.is_empty() && address.starts_with(short)
    });
    if let Some(p) = by_province {
        return Some(p.code.as_str());
    }
    let (code, _) = CITY_NAMES.iter().find(|(_, name)| {
        address.strip_prefix(name).is_some_and(|rest| {
            ["市", "州", "地区", "盟"]
                .iter()
                .any(|s| rest.starts_with(s))
        })
    })?;
    ctx.data.province_for_region(code).map(|p| p.code.as_str())
}

/// 广东 for 广东省, 内蒙古 for 内蒙古自治区, 广西 for 广西壮族自治区.
fn province_short_name(name: &str) -> &str {
    for ending in [
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
        "自治区",
        "省",
        "市",
    ] {
        if let Some(short) = name.strip_suffix(ending) {
            return short;
        }
    }
    name
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
    if city.get(..2) != p.code.get(..2) || certificate_address.trimmed().is_empty() {
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
