//! The checklist of documents to prepare (需准备的材料) for a filing, derived from the
//! subject, its persons and services, the filing province's rules and the filing type.
//!
//! [`materials`] returns codes with params, in the order a filer gathers them (subject,
//! persons, services, province); [`material_text`] turns one into a title and a one-line
//! reason in zh-CN or en from the table in this module. Everything comes from docs/sources.md
//! (§2, §3, §4.7, §5, §6, §7, §8) and the rule data; sections are cited where each item is
//! derived. Uploads in general: colour scans or photos of originals, edges complete, no glare
//! (§4.7, §8 #8).
//!
//! ```
//! use icp_filing::materials::{material_text, materials};
//! use icp_filing::messages::Locale;
//! use icp_filing::model::parse_filing;
//! use icp_filing::ruledata::RuleData;
//!
//! let filing = parse_filing(include_str!("../tests/fixtures/individual-beijing.json")).unwrap();
//! let list = materials(&filing, RuleData::embedded());
//! let codes: Vec<&str> = list.iter().map(|m| m.code).collect();
//! assert_eq!(codes, ["subject_certificate", "verification_form"]);
//! let (title, _reason) = material_text(&list[0], Locale::ZhCn);
//! assert_eq!(title, "居民身份证（正反面）：张伟");
//! ```

use crate::ident::ResidentId;
use crate::messages::{certificate_type_name, Locale};
use crate::model::{CertificateType, Filing, Person, PreApproval, SubjectKind};
use crate::ruledata::{normalize_domain, CountKind, Item, LegalRepRule, NonLocal, RuleData};

/// One document to prepare: a stable `code` and the params its text needs.
///
/// A param key may repeat (one `service` per website or APP). Keys ending in `.zh` / `.en`
/// hold a text in that language (names from the rule data); [`material_text`] picks the
/// one for its locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl Material {
    fn new(code: &'static str) -> Self {
        Self {
            code,
            params: Vec::new(),
        }
    }

    fn with(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.params.push((key, value.into()));
        self
    }

    /// The first value of a param.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a (repeatable) param, in order.
    pub fn params_named<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params
            .iter()
            .filter(move |(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Province extra material folded into [`materials`]' per-domain verification forms (浙江,
/// §6 Q "one verification form per domain").
const VERIFICATION_FORM_PER_DOMAIN: &str = "verificationFormPerDomain";
/// Province extra material that only concerns finance-related subjects (广东, §5.6 [S6]).
const FINANCE_COMMITMENT: &str = "financeCommitment";

/// The documents `filing` needs, in the order: subject, persons, services, province.
///
/// Derived only from what the filing says; an unanswered question (no subject kind, legal
/// representative not stated) adds nothing for it. Never panics on partial drafts.
pub fn materials(filing: &Filing, data: &RuleData) -> Vec<Material> {
    let province = data.province(&filing.province);
    let kind = filing.subject.kind;
    let unit = kind.is_some_and(|k| k != SubjectKind::Individual);
    let individual = kind == Some(SubjectKind::Individual);
    let subject = &filing.subject;
    let principal = &subject.principal;
    let mut out = Vec::new();

    // §3: the certificate allowed for the subject kind; for an individual it is the filer's
    // own ID (§7: the filer is the principal).
    out.push(
        localized(
            Material::new("subject_certificate"),
            ["cert.zh", "cert.en"],
            subject_certificate_name(kind, subject.certificate.kind),
        )
        .with("name", subject.name.trim()),
    );

    // §7: the principal's certificate images (units; an individual's is the one above).
    let principal_is_filer = individual
        && (principal.certificate.number.trim().is_empty()
            || principal.certificate.number.trim() == subject.certificate.number.trim());
    if !principal_is_filer {
        out.push(person_material("principal_id", principal));
    }

    // §6, §10 #15, §12: a principal who is not the legal representative, wherever the
    // province wants the legal representative (an authorisation letter is what makes another
    // principal acceptable), and a principal from outside the mainland where the province
    // asks the legal representative to authorise a mainland resident. Beijing (Q) asks for
    // the legal representative's ID with the letter; applied to every such province
    // (inference).
    let principal_not_legal_rep = subject.principal_is_legal_representative == Some(false);
    if let Some(p) = province.filter(|_| unit) {
        let wants_legal_rep = principal_not_legal_rep
            && p.principal_must_be_legal_rep.as_ref().is_some_and(|r| {
                matches!(
                    r.value,
                    LegalRepRule::AuthorisationLetter | LegalRepRule::Required
                )
            });
        let non_mainland = p
            .non_mainland_legal_rep_authorises
            .as_ref()
            .is_some_and(|r| r.value)
            && principal
                .certificate
                .kind
                .is_some_and(CertificateType::is_non_mainland);
        if wants_legal_rep || non_mainland {
            out.push(province_params(
                Material::new("authorisation_letter").with("name", principal.name.trim()),
                p,
            ));
            out.push(Material::new("legal_rep_id"));
        }
    }

    // §6 non-local individuals, §10 #16: a resident ID from another province, where the
    // province accepts a local residence permit (or the listed proof).
    if individual {
        if let Some(m) = residence_permit(filing, data) {
            out.push(m);
        }
    }

    // §7: every distinct website/APP responsible person who is not the principal, named,
    // with the services they answer for; §6 T3: an authorisation letter where the province
    // asks for one when the responsible person is not the legal representative.
    let letter_province = province.filter(|p| {
        unit && p
            .website_responsible_authorisation_letter
            .as_ref()
            .is_some_and(|r| r.value)
    });
    for (person, services) in responsible_persons(filing) {
        let is_principal = same_person(person, principal);
        if !is_principal {
            let mut m = person_material("responsible_id", person);
            for service in &services {
                m = m.with("service", *service);
            }
            out.push(m);
        }
        // The principal answers for a service: a letter only if they are known not to be
        // the legal representative.
        let needs_letter = if is_principal {
            principal_not_legal_rep
        } else {
            true
        };
        if let Some(p) = letter_province.filter(|_| needs_letter) {
            let mut m =
                Material::new("responsible_authorisation_letter").with("name", person.name.trim());
            for service in &services {
                m = m.with("service", *service);
            }
            out.push(province_params(m, p));
        }
    }

    // §5.6: pre-approval documents per category; individuals cannot obtain them, so only
    // units list them. §12: when an individual's service name or remark suggests such
    // content, some provinces ask for a signed pledge that the site doesn't cover it.
    if unit {
        out.extend(pre_approvals(filing, data));
    } else if individual {
        let topics = filing
            .websites
            .iter()
            .map(|w| (w.name.as_str(), w.remark.as_str()))
            .chain(
                filing
                    .apps
                    .iter()
                    .map(|a| (a.name.as_str(), a.remark.as_str())),
            )
            .any(|(name, remark)| {
                data.service_topics(name, remark)
                    .iter()
                    .any(|(_, found)| !found.is_empty())
            });
        if topics {
            out.push(Material::new("no_pre_approval_pledge"));
        }
    }

    // §5.2: domain certificates where the province asks for them (江苏, 贵州).
    if let Some(p) = province.filter(|p| {
        p.domain_certificate_required
            .as_ref()
            .is_some_and(|r| r.value)
    }) {
        for domain in website_domains(filing) {
            out.push(province_params(
                Material::new("domain_certificate").with("domain", domain),
                p,
            ));
        }
    }

    // §1.2 stage 1 (真实性核验): the provider's verification form, one per website or APP;
    // 浙江 one per domain (§6 Q).
    let per_domain = province.filter(|p| {
        p.extra_materials
            .iter()
            .any(|i| i.id == VERIFICATION_FORM_PER_DOMAIN && i.applies(kind, filing.filing_type))
    });
    for site in &filing.websites {
        match per_domain {
            Some(p) => {
                for domain in site.domains.iter().map(|d| normalize_domain(d)) {
                    if !domain.is_empty() {
                        out.push(province_params(
                            Material::new("verification_form_per_domain")
                                .with("domain", domain)
                                .with("service", site.name.trim()),
                            p,
                        ));
                    }
                }
            }
            None => out.push(Material::new("verification_form").with("service", site.name.trim())),
        }
    }
    for app in &filing.apps {
        out.push(Material::new("verification_form").with("service", app.name.trim()));
    }

    // §2.1 [S12-app]: the APP icon (≤100 KB).
    for app in &filing.apps {
        out.push(Material::new("app_icon").with("service", app.name.trim()));
    }

    if let Some(p) = province {
        // §5.3: 网站建设方案书 above the province's threshold.
        if let (Some(rule), Some(kind)) = (&p.construction_plan_threshold, kind) {
            let plan = rule.value;
            if let Some(count) = count(filing, plan.counts, data) {
                let limit = if individual { plan.personal } else { plan.unit };
                if let Some(limit) = limit.filter(|_| plan.needs_plan(kind, count)) {
                    let m = Material::new("construction_plan")
                        .with("count", count.to_string())
                        .with("limit", limit.to_string());
                    out.push(province_params(what_params(m, plan.counts), p));
                }
            }
        }
        // §6 "Other notable rules": the province's extra materials from the rule data.
        for item in &p.extra_materials {
            if item.id == VERIFICATION_FORM_PER_DOMAIN || !extra_applies(item, filing, data) {
                continue;
            }
            let m = Material::new("province_material")
                .with("id", item.id.as_str())
                .with("item.zh", item.zh.as_str())
                .with("item.en", item.en.as_str())
                .with("source", item.source.as_str());
            out.push(province_params(m, p));
        }
    }
    out
}

/// `(zh title, en title, zh reason, en reason)` per code; `{name}` is a param (a repeated
/// param is joined with 、 or ", "; `name.zh` / `name.en` are chosen by locale).
const TEXTS: &[(&str, [&str; 4])] = &[
    (
        "subject_certificate",
        [
            "{cert}：{name}",
            "{cert}: {name}",
            "主办者证件：原件的彩色扫描件或照片，四角完整、无反光",
            "The subject's certificate: a colour scan or photo of the original, all edges visible, no glare",
        ],
    ),
    (
        "principal_id",
        [
            "主体负责人{name}的{cert}",
            "{cert} of the principal, {name}",
            "主体负责人的证件，须与填写的证件号码一致",
            "The subject principal's (主体负责人) ID, matching the number entered",
        ],
    ),
    (
        "authorisation_letter",
        [
            "法定代表人授权书（授权{name}为主体负责人）",
            "Authorisation letter from the legal representative for {name} as principal",
            "{province}：主体负责人不是法定代表人（或不是中国大陆居民）时，须由法定代表人授权",
            "{province}: a principal who is not the legal representative (or not a mainland resident) needs the legal representative's authorisation",
        ],
    ),
    (
        "legal_rep_id",
        [
            "法定代表人的身份证件",
            "ID of the legal representative",
            "与授权书一并提交",
            "Submitted with the authorisation letter",
        ],
    ),
    (
        "residence_permit",
        [
            "{province}居住证明（任一）：{permit}",
            "Proof of residence in {province} (any one): {permit}",
            "身份证不是{province}签发的，{province}要求外省个人提供本地居住证明",
            "Your ID was issued outside {province}, which asks people from other provinces for local proof of residence",
        ],
    ),
    (
        "responsible_id",
        [
            "负责人{name}的{cert}",
            "{cert} of {name}",
            "{service}的负责人，须提供本人证件",
            "Responsible person for {service}: their own ID is needed",
        ],
    ),
    (
        "responsible_authorisation_letter",
        [
            "授权书（授权{name}为{service}的负责人）",
            "Authorisation letter for {name} as responsible person for {service}",
            "{province}：负责人不是法定代表人时须提供授权书",
            "{province}: a responsible person who is not the legal representative needs an authorisation letter",
        ],
    ),
    (
        "pre_approval",
        [
            "{document}（{category}）",
            "{document} ({category})",
            "{service}涉及{category}，须提供主管部门的前置审批文件",
            "{service} involves {category}: the authority's pre-approval is needed",
        ],
    ),
    (
        "pre_approval_abolished",
        [
            "{document}（{category}）",
            "{document} ({category})",
            "{category}前置审批已在全国取消，但部分管局仍要求提供",
            "The {category} pre-approval was abolished nationally, but some bureaus still ask for it",
        ],
    ),
    (
        "no_pre_approval_pledge",
        [
            "不涉及前置审批承诺书",
            "Pledge that the site involves no pre-approval content (不涉及前置审批承诺书)",
            "网站名称或备注中的字词可能被认为涉及前置审批内容，部分省份要求个人签署此承诺书",
            "Words in a site's name or remark may be read as pre-approval content; some provinces ask individuals to sign this pledge",
        ],
    ),
    (
        "domain_certificate",
        [
            "域名证书：{domain}",
            "Domain certificate: {domain}",
            "{province}要求上传域名证书",
            "{province} asks for the domain certificate",
        ],
    ),
    (
        "verification_form",
        [
            "备案信息真实性核验单：{service}",
            "Filing verification form (真实性核验单): {service}",
            "接入商自己的材料（并非所有接入商都要求）：按其模板填写并签字，在核验环节提交",
            "Your provider's own document (not every provider asks for it): fill in and sign its template for the verification step",
        ],
    ),
    (
        "verification_form_per_domain",
        [
            "备案信息真实性核验单：{domain}",
            "Filing verification form (真实性核验单): {domain}",
            "接入商自己的材料；{province}要求每个域名一份（{service}）",
            "Your provider's own document; {province} asks for one per domain ({service})",
        ],
    ),
    (
        "app_icon",
        [
            "APP图标：{service}（不超过100 KB）",
            "App icon: {service} (at most 100 KB)",
            "APP备案须上传图标，不得使用系统图标或虚假角标",
            "App filings include the icon; no system icons or fake badges",
        ],
    ),
    (
        "construction_plan",
        [
            "网站建设方案书",
            "Website construction plan (网站建设方案书)",
            "本次{what}共{count}个，超过{province}规定的{limit}个",
            "{count} {what} in this filing, more than the {limit} {province} allows without one",
        ],
    ),
    (
        "province_material",
        [
            "{item}",
            "{item}",
            "{province}管局的要求",
            "Required by the {province} bureau",
        ],
    ),
];

/// The title and one-line reason of a material in `locale`. An unknown code gives the code
/// as title and an empty reason.
pub fn material_text(material: &Material, locale: Locale) -> (String, String) {
    let Some((_, texts)) = TEXTS.iter().find(|(code, _)| *code == material.code) else {
        return (material.code.to_owned(), String::new());
    };
    let (title, reason) = match locale {
        Locale::ZhCn => (texts[0], texts[2]),
        Locale::En => (texts[1], texts[3]),
    };
    (
        fill(title, material, locale),
        fill(reason, material, locale),
    )
}

fn fill(template: &str, material: &Material, locale: Locale) -> String {
    crate::template::fill(template, |name| {
        Some(param_text(material, name, locale).into())
    })
}

/// A param's values for `locale`, joined: `name.zh` / `name.en` if present, else `name`.
fn param_text(material: &Material, name: &str, locale: Locale) -> String {
    let suffix = locale.choose(".zh", ".en");
    let localized: Vec<&str> = material
        .params
        .iter()
        .filter(|(k, _)| k.strip_suffix(suffix) == Some(name))
        .map(|(_, v)| v.as_str())
        .collect();
    let values = if localized.is_empty() {
        material.params_named(name).collect()
    } else {
        localized
    };
    values.join(locale.choose("、", ", "))
}

/// Adds a `…zh` / `…en` param pair.
fn localized(m: Material, keys: [&'static str; 2], (zh, en): (String, String)) -> Material {
    m.with(keys[0], zh).with(keys[1], en)
}

/// The province's code and names.
fn province_params(m: Material, p: &crate::ruledata::Province) -> Material {
    localized(
        m.with("province", p.code.as_str()),
        ["province.zh", "province.en"],
        (p.name.clone(), p.name_en.clone()),
    )
}

/// How a subject's certificate is called on the checklist (§3): a 营业执照 for enterprises
/// (certificate id 1 "营业执照(个人或企业)"), the 统一社会信用代码证书 for other units.
fn subject_certificate_name(
    kind: Option<SubjectKind>,
    cert: Option<CertificateType>,
) -> (String, String) {
    match (kind, cert) {
        (Some(SubjectKind::Enterprise), Some(CertificateType::Uscc))
        | (_, Some(CertificateType::BusinessLicense)) => {
            ("营业执照".to_owned(), "Business licence".to_owned())
        }
        (_, Some(CertificateType::Uscc)) => (
            "统一社会信用代码证书".to_owned(),
            "Unified social credit code certificate".to_owned(),
        ),
        (_, cert) => certificate_name(cert),
    }
}

/// A personal certificate's name; cards are needed front and back.
fn certificate_name(cert: Option<CertificateType>) -> (String, String) {
    use CertificateType as C;
    let Some(cert) = cert else {
        return ("身份证件".to_owned(), "Identity document".to_owned());
    };
    let zh = certificate_type_name(cert, Locale::ZhCn);
    let en = certificate_type_name(cert, Locale::En);
    let two_sided = matches!(
        cert,
        C::ResidentId
            | C::HkMacaoPermit
            | C::TaiwanPermit
            | C::HkMacaoTaiwanResidencePermit
            | C::ForeignPermanentResidentId
    );
    let mut en_title = en.to_owned();
    if let Some(first) = en_title.get(..1).map(str::to_ascii_uppercase) {
        en_title.replace_range(..1, &first);
    }
    if two_sided {
        (
            format!("{zh}（正反面）"),
            format!("{en_title} (front and back)"),
        )
    } else {
        (zh.to_owned(), en_title)
    }
}

fn person_material(code: &'static str, person: &Person) -> Material {
    localized(
        Material::new(code),
        ["cert.zh", "cert.en"],
        certificate_name(person.certificate.kind),
    )
    .with("name", person.name.trim())
}

/// Same person: equal certificate numbers, or without numbers, equal names (as the rules
/// compare persons, §7).
fn same_person(a: &Person, b: &Person) -> bool {
    let (na, nb) = (a.certificate.number.trim(), b.certificate.number.trim());
    if !na.is_empty() && !nb.is_empty() {
        na == nb
    } else {
        !a.name.trim().is_empty() && a.name.trim() == b.name.trim()
    }
}

/// Distinct website/APP responsible persons (blank entries skipped), each with the names of
/// the services they answer for, in form order.
fn responsible_persons(filing: &Filing) -> Vec<(&Person, Vec<&str>)> {
    let services = filing
        .websites
        .iter()
        .map(|w| (&w.responsible, w.name.trim()))
        .chain(filing.apps.iter().map(|a| (&a.responsible, a.name.trim())));
    let mut out: Vec<(&Person, Vec<&str>)> = Vec::new();
    for (person, service) in services {
        if person.name.trim().is_empty() && person.certificate.number.trim().is_empty() {
            continue;
        }
        match out.iter_mut().find(|(p, _)| same_person(p, person)) {
            Some((_, list)) => list.push(service),
            None => out.push((person, vec![service])),
        }
    }
    out
}

fn residence_permit(filing: &Filing, data: &RuleData) -> Option<Material> {
    let p = data.province(&filing.province)?;
    let rule = p.individual_non_local.as_ref()?;
    if rule.value != NonLocal::WithResidencePermit
        || filing.subject.certificate.kind != Some(CertificateType::ResidentId)
    {
        return None;
    }
    let id = ResidentId::parse(&filing.subject.certificate.number).ok()?;
    if id.region_code().get(..2) == filing.province.get(..2) || id.is_residence_permit() {
        return None;
    }
    let mut m = Material::new("residence_permit");
    for permit in rule
        .permits
        .iter()
        .filter_map(|id| data.non_local_permit(id))
    {
        m = m
            .with("permit.zh", permit.zh.as_str())
            .with("permit.en", permit.en.as_str());
    }
    Some(province_params(m, p))
}

/// One material per distinct (category, number), naming every service that declared it.
fn pre_approvals(filing: &Filing, data: &RuleData) -> Vec<Material> {
    let declared = filing
        .websites
        .iter()
        .map(|w| (&w.pre_approvals, w.name.trim()))
        .chain(
            filing
                .apps
                .iter()
                .map(|a| (&a.pre_approvals, a.name.trim())),
        );
    let mut seen: Vec<(&PreApproval, Material)> = Vec::new();
    for (list, service) in declared {
        for entry in list.iter().filter(|e| !e.category.trim().is_empty()) {
            let key = |e: &PreApproval| (e.category.trim().to_owned(), e.number.trim().to_owned());
            if let Some((_, m)) = seen.iter_mut().find(|(e, _)| key(e) == key(entry)) {
                if m.params_named("service").all(|s| s != service) {
                    m.params.push(("service", service.to_owned()));
                }
                continue;
            }
            let slug = entry.category.trim();
            let category = data.pre_approval_category(slug);
            let code = if category.is_some_and(|c| c.abolished_nationally) {
                "pre_approval_abolished"
            } else {
                "pre_approval"
            };
            let (name_zh, name_en) =
                category.map_or((slug, slug), |c| (c.zh.as_str(), c.en.as_str()));
            let (doc_zh, doc_en) = category.and_then(|c| c.document.as_ref()).map_or_else(
                || {
                    (
                        format!("{name_zh}前置审批文件"),
                        format!("{name_en} pre-approval document"),
                    )
                },
                |d| (d.zh.clone(), d.en.clone()),
            );
            let m = Material::new(code)
                .with("category", slug)
                .with("category.zh", name_zh)
                .with("category.en", name_en)
                .with("document.zh", doc_zh)
                .with("document.en", doc_en)
                .with("number", entry.number.trim())
                .with("service", service);
            seen.push((entry, m));
        }
    }
    seen.into_iter().map(|(_, m)| m).collect()
}

/// Distinct normalised website domains, in form order.
fn website_domains(filing: &Filing) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for domain in filing.websites.iter().flat_map(|w| &w.domains) {
        let domain = normalize_domain(domain);
        if !domain.is_empty() && !out.contains(&domain) {
            out.push(domain);
        }
    }
    out
}

/// What a count-based rule counts in this filing; `None` when the filing can't tell
/// (websites already filed).
fn count(filing: &Filing, counts: CountKind, data: &RuleData) -> Option<u32> {
    let n = match counts {
        CountKind::Domains => website_domains(filing).len(),
        CountKind::Websites => filing.websites.len(),
        CountKind::DomainPrefixes => {
            // The label left of the registry suffix (example.com and example.cn share one).
            let mut prefixes: Vec<String> = Vec::new();
            for domain in website_domains(filing) {
                // An unknown suffix counts as the last label.
                let suffix_len = data.tld_status_normalized(&domain).suffix().map_or_else(
                    || domain.rsplit('.').next().map_or(0, |last| last.len() + 1),
                    |s| s.len() + 1,
                );
                let head = domain
                    .get(..domain.len().saturating_sub(suffix_len))
                    .unwrap_or("");
                let prefix = head.rsplit('.').next().unwrap_or(head).to_owned();
                if !prefix.is_empty() && !prefixes.contains(&prefix) {
                    prefixes.push(prefix);
                }
            }
            prefixes.len()
        }
        CountKind::FiledWebsites => return None,
    };
    u32::try_from(n).ok()
}

fn what_params(m: Material, counts: CountKind) -> Material {
    let names = match counts {
        CountKind::Domains => ("域名", "domains"),
        CountKind::DomainPrefixes => ("不同域名前缀", "distinct domain names"),
        CountKind::Websites | CountKind::FiledWebsites => ("网站", "websites"),
    };
    localized(
        m,
        ["what.zh", "what.en"],
        (names.0.to_owned(), names.1.to_owned()),
    )
}

/// Whether a province extra material concerns this filing: subject kind and filing type
/// (`Item::applies`), its count threshold, and for the finance commitment a finance-related
/// subject (§5.6: finance keywords in the subject name, site names or content).
fn extra_applies(item: &Item, filing: &Filing, data: &RuleData) -> bool {
    if !item.applies(filing.subject.kind, filing.filing_type) {
        return false;
    }
    if let Some(when) = &item.when {
        match count(filing, when.counts, data) {
            Some(n) if n > when.over => {}
            _ => return false,
        }
    }
    item.id != FINANCE_COMMITMENT || finance_related(filing, data)
}

fn finance_related(filing: &Filing, data: &RuleData) -> bool {
    let declared = filing
        .websites
        .iter()
        .flat_map(|w| &w.pre_approvals)
        .chain(filing.apps.iter().flat_map(|a| &a.pre_approvals))
        .any(|p| p.category.trim() == "finance");
    let texts = std::iter::once(filing.subject.name.as_str())
        .chain(
            filing
                .websites
                .iter()
                .flat_map(|w| [w.name.as_str(), w.remark.as_str()]),
        )
        .chain(
            filing
                .apps
                .iter()
                .flat_map(|a| [a.name.as_str(), a.remark.as_str()]),
        );
    declared
        || texts
            .into_iter()
            .any(|t| data.pre_approval_categories_for(t).contains(&"finance"))
}
