//! The invariants [`RuleData::validate`] checks: every province present once with a
//! GB/T 2260 code and its abbreviation, every rule sourced (and never an error when disputed),
//! slugs known and unique, TLDs lower-case Unicode without dots at the ends and in one status
//! list only, no empty or repeated words, keyword categories in the catalogue.

use std::collections::BTreeSet;

use super::tlds::{tld_problem, TldRef};
use super::words;
use super::{
    build_tld_index, invalid, CatalogueFile, Item, NonLocalRule, PerKind, Province, RuleData,
    RuleDataError, Sourced, APP_PLATFORM_FIELDS, PROVINCE_CODES,
};
use crate::model::{CertificateType, FilingType, SubjectKind};
use crate::severity::Severity;

impl RuleData {
    pub(super) fn validate_catalogues(&self) -> Result<(), RuleDataError> {
        let c = &self.catalogues;
        source("catalogues.serviceContentSource", &c.service_content_source)?;
        source("catalogues.languagesSource", &c.languages_source)?;

        let list = "catalogues.serviceContent";
        unique_slugs(list, c.service_content.iter().map(|s| s.slug.as_str()))?;
        let mut bits = BTreeSet::new();
        for s in &c.service_content {
            texts(&format!("{list}[{}]", s.slug), &[&s.zh, &s.en])?;
            if !s.miit_bit.is_power_of_two() || !bits.insert(s.miit_bit) {
                return Err(invalid(
                    format!("{list}[{}].miitBit", s.slug),
                    format!("{} must be a power of two used once", s.miit_bit),
                ));
            }
        }

        let allowed = &c.personal_allowed_service_content;
        source("catalogues.personalAllowedServiceContent", &allowed.source)?;
        known_service_contents(
            &self.catalogues,
            "catalogues.personalAllowedServiceContent",
            &allowed.values,
        )?;

        let list = "catalogues.languages";
        unique_slugs(list, c.languages.iter().map(|l| l.slug.as_str()))?;
        let mut ids = BTreeSet::new();
        for l in &c.languages {
            texts(&format!("{list}[{}]", l.slug), &[&l.zh, &l.en])?;
            if l.miit_id == 0 || !ids.insert(l.miit_id) {
                return Err(invalid(
                    format!("{list}[{}].miitId", l.slug),
                    "must be positive and used once",
                ));
            }
        }

        let list = "catalogues.preApprovalCategories";
        unique_slugs(
            list,
            c.pre_approval_categories.iter().map(|p| p.slug.as_str()),
        )?;
        let (mut bits, mut wechat) = (BTreeSet::new(), BTreeSet::new());
        for p in &c.pre_approval_categories {
            let what = format!("{list}[{}]", p.slug);
            texts(&what, &[&p.zh, &p.en])?;
            source(&what, &p.source)?;
            for zh_en in [&p.approver, &p.document].into_iter().flatten() {
                texts(&what, &[&zh_en.zh, &zh_en.en])?;
            }
            if let Some(bit) = p.miit_bit {
                if !bit.is_power_of_two() || !bits.insert(bit) {
                    return Err(invalid(
                        format!("{what}.miitBit"),
                        format!("{bit} must be a power of two used once"),
                    ));
                }
            }
            if let Some(id) = p.wechat_id {
                if !wechat.insert(id) {
                    return Err(invalid(
                        format!("{what}.wechatId"),
                        format!("{id} is used twice"),
                    ));
                }
            }
        }

        let list = "catalogues.appPlatforms";
        unique_slugs(list, c.app_platforms.iter().map(|p| p.slug.as_str()))?;
        for p in &c.app_platforms {
            let what = format!("{list}[{}]", p.slug);
            texts(&what, &[&p.zh, &p.en])?;
            source(&what, &p.source)?;
            let mut suffix = p.filing_suffix.chars();
            if !matches!((suffix.next(), suffix.next()), (Some(ch), None) if ch.is_ascii_uppercase())
            {
                return Err(invalid(
                    format!("{what}.filingSuffix"),
                    "must be one capital letter",
                ));
            }
            for field in p.required.iter().chain(&p.recommended) {
                if !APP_PLATFORM_FIELDS.contains(&field.as_str()) {
                    return Err(RuleDataError::UnknownSlug {
                        list: what,
                        kind: "platform field",
                        slug: field.clone(),
                    });
                }
            }
        }

        let list = "catalogues.nonLocalPermits";
        unique_slugs(list, c.non_local_permits.iter().map(|p| p.id.as_str()))?;
        for p in &c.non_local_permits {
            texts(&format!("{list}[{}]", p.id), &[&p.zh, &p.en])?;
        }
        Ok(())
    }

    pub(super) fn validate_provinces(&self) -> Result<(), RuleDataError> {
        let national = &self.provinces.national;
        let rules: [(&str, &dyn RuleMeta); 8] = [
            ("minimumAge", &national.minimum_age),
            ("absoluteMinimumAge", &national.absolute_minimum_age),
            ("maxWebsitesPerOrder", &national.max_websites_per_order),
            ("maxDomainsPerWebsite", &national.max_domains_per_website),
            (
                "domainMinValidityMonths",
                &national.domain_min_validity_months,
            ),
            (
                "certificateMinValidityMonths",
                &national.certificate_min_validity_months,
            ),
            ("websiteNameMinChars", &national.website_name_min_chars),
            (
                "individualResponsibleIsPrincipal",
                &national.individual_responsible_is_principal,
            ),
        ];
        for (name, rule) in rules {
            check_meta(&format!("national.{name}"), rule)?;
        }
        age("national.minimumAge", national.minimum_age.value)?;
        age(
            "national.absoluteMinimumAge",
            national.absolute_minimum_age.value,
        )?;
        if national.absolute_minimum_age.value > national.minimum_age.value {
            return Err(invalid(
                "national.absoluteMinimumAge",
                "must not exceed minimumAge",
            ));
        }
        per_kind_ok(
            "national.maxWebsitesPerOrder",
            &national.max_websites_per_order.value,
        )?;
        per_kind_ok(
            "national.maxDomainsPerWebsite",
            &national.max_domains_per_website.value,
        )?;
        months(
            "national.domainMinValidityMonths",
            national.domain_min_validity_months.value,
        )?;
        months(
            "national.certificateMinValidityMonths",
            national.certificate_min_validity_months.value,
        )?;
        if national.website_name_min_chars.value == 0 {
            return Err(invalid("national.websiteNameMinChars", "must be positive"));
        }
        items("national.remarkRequirements", &national.remark_requirements)?;

        let mut codes = BTreeSet::new();
        let mut abbrs = BTreeSet::new();
        for p in &self.provinces.provinces {
            let well_formed = p.code.len() == 6
                && p.code.bytes().all(|b| b.is_ascii_digit())
                && p.code.ends_with("0000");
            if !well_formed || !PROVINCE_CODES.contains(&p.code.as_str()) {
                return Err(RuleDataError::ProvinceCode {
                    code: p.code.clone(),
                });
            }
            if !codes.insert(p.code.as_str()) {
                return Err(RuleDataError::DuplicateProvince {
                    code: p.code.clone(),
                });
            }
            self.validate_province(p)?;
            if !abbrs.insert(p.abbr.as_str()) {
                return Err(RuleDataError::DuplicateSlug {
                    list: "province abbreviations".into(),
                    slug: p.abbr.clone(),
                });
            }
        }
        if let Some(code) = PROVINCE_CODES.iter().find(|c| !codes.contains(*c)) {
            return Err(RuleDataError::MissingProvince {
                code: (*code).to_owned(),
            });
        }
        Ok(())
    }

    fn validate_province(&self, p: &Province) -> Result<(), RuleDataError> {
        let at = |field: &str| format!("provinces[{}].{field}", p.code);
        texts(&at("name"), &[&p.name, &p.name_en])?;
        if p.abbr.chars().count() != 1 {
            return Err(invalid(at("abbr"), "must be one character, e.g. \"粤\""));
        }
        fn meta<T: RuleMeta>(rule: &Option<T>) -> Option<&dyn RuleMeta> {
            rule.as_ref().map(|r| r as &dyn RuleMeta)
        }
        let rules: [(&str, Option<&dyn RuleMeta>); 28] = [
            ("individualNonLocal", meta(&p.individual_non_local)),
            (
                "refusedIndividualCertificates",
                meta(&p.refused_individual_certificates),
            ),
            ("minimumAge", meta(&p.minimum_age)),
            ("minorsWithProofFrom", meta(&p.minors_with_proof_from)),
            ("localMobileRequired", meta(&p.local_mobile_required)),
            (
                "principalMustBeLegalRep",
                meta(&p.principal_must_be_legal_rep),
            ),
            (
                "nonMainlandLegalRepAuthorises",
                meta(&p.non_mainland_legal_rep_authorises),
            ),
            (
                "websiteResponsibleAuthorisationLetter",
                meta(&p.website_responsible_authorisation_letter),
            ),
            (
                "principalEqualsResponsibleWhenNotLegalRep",
                meta(&p.principal_equals_responsible_when_not_legal_rep),
            ),
            (
                "responsibleMustDifferFromPrincipal",
                meta(&p.responsible_must_differ_from_principal),
            ),
            (
                "responsibleMustDifferWhenNotLegalRep",
                meta(&p.responsible_must_differ_when_not_legal_rep),
            ),
            (
                "landlineRequiredForUnits",
                meta(&p.landline_required_for_units),
            ),
            (
                "officePhoneDiffersFromPrincipalMobile",
                meta(&p.office_phone_differs_from_principal_mobile),
            ),
            ("sameCityAddress", meta(&p.same_city_address)),
            (
                "addressHouseNumberRequired",
                meta(&p.address_house_number_required),
            ),
            (
                "domainCertificateRequired",
                meta(&p.domain_certificate_required),
            ),
            (
                "domainMinValidityMonths",
                meta(&p.domain_min_validity_months),
            ),
            (
                "unitDomainHolderMustBeUnit",
                meta(&p.unit_domain_holder_must_be_unit),
            ),
            (
                "individualForbiddenTlds",
                meta(&p.individual_forbidden_tlds),
            ),
            ("maxNewDomainsPerOrder", meta(&p.max_new_domains_per_order)),
            (
                "oneDomainPerOrderWhenFiledExceeds",
                meta(&p.one_domain_per_order_when_filed_exceeds),
            ),
            ("maxDomainsPerWebsite", meta(&p.max_domains_per_website)),
            ("maxWebsitesPerOrder", meta(&p.max_websites_per_order)),
            (
                "distinctPrefixesAreSeparateWebsites",
                meta(&p.distinct_prefixes_are_separate_websites),
            ),
            (
                "constructionPlanThreshold",
                meta(&p.construction_plan_threshold),
            ),
            ("distinctWebsiteNames", meta(&p.distinct_website_names)),
            ("unitWebsiteNameSuffix", meta(&p.unit_website_name_suffix)),
            (
                "personalAllowedServiceContent",
                meta(&p.personal_allowed_service_content),
            ),
        ];
        for (name, rule) in rules {
            if let Some(rule) = rule {
                check_meta(&at(name), rule)?;
                // Province rules differ between sources and change often: never an error.
                if rule.meta().1 == Some(Severity::Error) {
                    return Err(invalid(
                        at(name),
                        "a province rule is a warning (severity \"error\" is for national facts)",
                    ));
                }
            }
        }

        if let Some(rule) = &p.individual_non_local {
            for permit in &rule.permits {
                if self.non_local_permit(permit).is_none() {
                    return Err(RuleDataError::UnknownSlug {
                        list: at("individualNonLocal.permits"),
                        kind: "permit (catalogues.nonLocalPermits)",
                        slug: permit.clone(),
                    });
                }
            }
        }
        if let Some(rule) = &p.refused_individual_certificates {
            for slug in &rule.value {
                if CertificateType::from_slug(slug).is_none() {
                    return Err(RuleDataError::UnknownSlug {
                        list: at("refusedIndividualCertificates"),
                        kind: "certificate type",
                        slug: slug.clone(),
                    });
                }
            }
        }
        let minimum = self.minimum_age(&p.code).value;
        if let Some(rule) = &p.minimum_age {
            age(&at("minimumAge"), rule.value)?;
        }
        if let Some(rule) = &p.minors_with_proof_from {
            age(&at("minorsWithProofFrom"), rule.value)?;
            if rule.value >= minimum {
                return Err(invalid(
                    at("minorsWithProofFrom"),
                    "must be below the minimum age",
                ));
            }
        }
        if let Some(rule) = &p.domain_min_validity_months {
            months(&at("domainMinValidityMonths"), rule.value)?;
        }
        if let Some(rule) = &p.individual_forbidden_tlds {
            for tld in &rule.value {
                if let Some(problem) = tld_problem(tld) {
                    return Err(RuleDataError::Tld {
                        tld: tld.clone(),
                        group: at("individualForbiddenTlds"),
                        problem,
                    });
                }
            }
        }
        for (name, rule) in [
            ("maxNewDomainsPerOrder", &p.max_new_domains_per_order),
            (
                "oneDomainPerOrderWhenFiledExceeds",
                &p.one_domain_per_order_when_filed_exceeds,
            ),
            ("maxDomainsPerWebsite", &p.max_domains_per_website),
            ("maxWebsitesPerOrder", &p.max_websites_per_order),
        ] {
            if let Some(rule) = rule {
                per_kind_ok(&at(name), &rule.value)?;
            }
        }
        if let Some(rule) = &p.construction_plan_threshold {
            if rule.value.personal.is_none() && rule.value.unit.is_none() {
                return Err(invalid(
                    at("constructionPlanThreshold"),
                    "needs a personal or unit figure",
                ));
            }
        }
        if let Some(rule) = &p.unit_website_name_suffix {
            texts(&at("unitWebsiteNameSuffix"), &[&rule.value])?;
        }
        if let Some(rule) = &p.personal_allowed_service_content {
            known_service_contents(
                &self.catalogues,
                &at("personalAllowedServiceContent"),
                &rule.value,
            )?;
        }
        items(&at("remarkRequirements"), &p.remark_requirements)?;
        items(&at("extraMaterials"), &p.extra_materials)?;
        items(&at("notes"), &p.notes)
    }

    pub(super) fn validate_tlds(&self) -> Result<(), RuleDataError> {
        let t = &self.tlds;
        let groups = t
            .fileable
            .iter()
            .map(|g| ("fileable", g))
            .chain(t.not_fileable.iter().map(|g| ("notFileable", g)))
            .chain([
                ("governmentOnly", &t.government_only),
                ("institutionAllowed", &t.institution_allowed),
            ]);
        for (name, group) in groups {
            source(&format!("tlds.{name}"), &group.source)?;
            for tld in &group.tlds {
                if let Some(problem) = tld_problem(tld) {
                    return Err(RuleDataError::Tld {
                        tld: tld.clone(),
                        group: name.to_owned(),
                        problem,
                    });
                }
            }
        }
        for warning in &t.warn {
            let what = format!("tlds.warn[{}]", warning.tld);
            source(&what, &warning.source)?;
            texts(&what, &[&warning.zh, &warning.en])?;
            if let Some(problem) = tld_problem(&warning.tld) {
                return Err(RuleDataError::Tld {
                    tld: warning.tld.clone(),
                    group: "warn".into(),
                    problem,
                });
            }
        }
        build_tld_index(t)?;
        for tld in &t.institution_allowed.tlds {
            if !matches!(self.tld_place(tld), Some((_, TldRef::Fileable(_)))) {
                return Err(invalid(
                    format!("tlds.institutionAllowed[{tld}]"),
                    "must also be in a fileable group",
                ));
            }
        }
        Ok(())
    }

    pub(super) fn validate_words(&self) -> Result<(), RuleDataError> {
        for (name, list) in self.words.lists() {
            let name = format!("words.{name}");
            source(&name, &list.source)?;
            if list.severity == Severity::Error && list.confidence != words::Confidence::H {
                return Err(invalid(
                    name,
                    "only a confidence-H list may be an error; an inferred one is a warning",
                ));
            }
            let mut seen = BTreeSet::new();
            for word in &list.words {
                if word.trim().is_empty() || word.trim() != word {
                    return Err(RuleDataError::EmptyWord { list: name });
                }
                if !seen.insert(words::fold(word)) {
                    return Err(RuleDataError::DuplicateWord {
                        list: name,
                        word: word.clone(),
                    });
                }
            }
        }
        for slug in self.words.pre_approval_keywords.keys() {
            if self.pre_approval_category(slug).is_none() {
                return Err(RuleDataError::UnknownSlug {
                    list: "words.preApprovalKeywords".into(),
                    kind: "pre-approval category (catalogues.preApprovalCategories)",
                    slug: slug.clone(),
                });
            }
        }
        Ok(())
    }
}

/// The provenance fields every sourced rule has.
trait RuleMeta {
    fn meta(&self) -> (&str, Option<Severity>, Option<&str>);
}

impl<T> RuleMeta for Sourced<T> {
    fn meta(&self) -> (&str, Option<Severity>, Option<&str>) {
        (&self.source, self.severity, self.disputed.as_deref())
    }
}

impl RuleMeta for NonLocalRule {
    fn meta(&self) -> (&str, Option<Severity>, Option<&str>) {
        (&self.source, self.severity, self.disputed.as_deref())
    }
}

/// A source is given; a disputed rule has a non-empty note and is never an error.
fn check_meta(what: &str, rule: &dyn RuleMeta) -> Result<(), RuleDataError> {
    let (src, severity, disputed) = rule.meta();
    source(what, src)?;
    if let Some(disputed) = disputed {
        if disputed.trim().is_empty() {
            return Err(invalid(
                what,
                "\"disputed\" must name the sources that disagree",
            ));
        }
        if severity == Some(Severity::Error) {
            return Err(invalid(
                what,
                "a disputed rule must be a warning, not an error",
            ));
        }
    }
    Ok(())
}

fn source(what: &str, source: &str) -> Result<(), RuleDataError> {
    if source.trim().is_empty() {
        Err(RuleDataError::EmptySource {
            what: what.to_owned(),
        })
    } else {
        Ok(())
    }
}

fn texts(what: &str, texts: &[&String]) -> Result<(), RuleDataError> {
    if texts.iter().any(|t| t.trim().is_empty()) {
        Err(invalid(what, "display texts must not be empty"))
    } else {
        Ok(())
    }
}

fn age(what: &str, value: u8) -> Result<(), RuleDataError> {
    if (10..=30).contains(&value) {
        Ok(())
    } else {
        Err(invalid(what, format!("age {value} is outside 10–30")))
    }
}

fn months(what: &str, value: u8) -> Result<(), RuleDataError> {
    if value <= 24 {
        Ok(())
    } else {
        Err(invalid(what, format!("{value} months is more than 24")))
    }
}

fn per_kind_ok(what: &str, value: &PerKind) -> Result<(), RuleDataError> {
    if value.personal.is_none() && value.unit.is_none() {
        return Err(invalid(what, "needs a personal or unit figure"));
    }
    if value.personal == Some(0) || value.unit == Some(0) {
        return Err(invalid(what, "a limit must be at least 1"));
    }
    Ok(())
}

/// A camelCase ASCII identifier (`instantMessaging`).
fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

fn unique_slugs<'a>(list: &str, slugs: impl Iterator<Item = &'a str>) -> Result<(), RuleDataError> {
    let mut seen = BTreeSet::new();
    for slug in slugs {
        if !is_slug(slug) {
            return Err(invalid(list, format!("{slug:?} is not a camelCase slug")));
        }
        if !seen.insert(slug) {
            return Err(RuleDataError::DuplicateSlug {
                list: list.to_owned(),
                slug: slug.to_owned(),
            });
        }
    }
    Ok(())
}

fn known_service_contents(
    catalogues: &CatalogueFile,
    list: &str,
    slugs: &[String],
) -> Result<(), RuleDataError> {
    for slug in slugs {
        if !catalogues.service_content.iter().any(|s| &s.slug == slug) {
            return Err(RuleDataError::UnknownSlug {
                list: list.to_owned(),
                kind: "service content",
                slug: slug.clone(),
            });
        }
    }
    Ok(())
}

/// Every slug of `slugs` is one `is_known` takes, else the first that isn't, named as a
/// `kind` in `what`.
fn known(
    what: &str,
    kind: &'static str,
    slugs: &[String],
    is_known: impl Fn(&str) -> bool,
) -> Result<(), RuleDataError> {
    match slugs.iter().find(|s| !is_known(s)) {
        Some(slug) => Err(RuleDataError::UnknownSlug {
            list: what.to_owned(),
            kind,
            slug: slug.clone(),
        }),
        None => Ok(()),
    }
}

fn items(list: &str, items: &[Item]) -> Result<(), RuleDataError> {
    unique_slugs(list, items.iter().map(|i| i.id.as_str()))?;
    for item in items {
        let what = format!("{list}[{}]", item.id);
        texts(&what, &[&item.zh, &item.en])?;
        source(&what, &item.source)?;
        known(&what, "subject kind", &item.kinds, |k| {
            SubjectKind::from_slug(k).is_some()
        })?;
        known(&what, "certificate type", &item.certificates, |c| {
            CertificateType::from_slug(c).is_some()
        })?;
        known(&what, "filing type", &item.filing_types, |t| {
            FilingType::from_slug(t).is_some()
        })?;
    }
    Ok(())
}
