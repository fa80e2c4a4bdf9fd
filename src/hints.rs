//! Requirements shown where a field is typed, before any check runs (§6): a local
//! mobile number, a house number in the address, a landline for units, the 官网 ending of a
//! Guangdong enterprise's site name, one domain per new site in Jiangxi, and the words a
//! personal site's name can't use (every province). The rules check
//! what a filing can show; these say what a filer should know while typing, including
//! requirements no filing can show (whether a mobile number is local).

use crate::messages::Locale;
use crate::model::{CertificateType, Filing, SubjectKind};
use crate::ruledata::{Item, RuleData};

/// A field that can carry a province note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintField {
    /// Any person's mobile number.
    Mobile,
    /// A unit person's office phone.
    OfficePhone,
    /// The subject's detailed mailing address.
    AddressDetail,
    /// A website's name.
    WebsiteName,
    /// A website's domains.
    Domains,
    /// A website's remark: what the filing's rules require it to state.
    WebsiteRemark,
}

/// The province's note for `field`, in `locale`, for a filing in `province` by a subject of
/// `kind`; `None` when the province has no rule about that field.
///
/// ```
/// use icp_filing::hints::{province_hint, HintField};
/// use icp_filing::messages::Locale;
/// use icp_filing::model::SubjectKind;
/// use icp_filing::ruledata::RuleData;
/// let data = RuleData::embedded();
/// let hint = province_hint(HintField::Mobile, "110000", Some(SubjectKind::Individual), data, Locale::ZhCn);
/// assert_eq!(
///     hint.as_deref(),
///     Some("北京市曾要求使用本地（北京市）号段的手机号码（2017年资料），以接入商的要求为准")
/// );
/// let jiangsu = province_hint(HintField::Mobile, "320000", None, data, Locale::ZhCn);
/// assert_eq!(jiangsu.as_deref(), Some("江苏省要求使用本地（江苏省）号段的手机号码"));
/// assert_eq!(province_hint(HintField::Mobile, "440000", None, data, Locale::ZhCn), None);
/// ```
pub fn province_hint(
    field: HintField,
    province: &str,
    kind: Option<SubjectKind>,
    data: &RuleData,
    locale: Locale,
) -> Option<String> {
    let p = data.province(province)?;
    let name = p.display_name(locale);
    let unit = kind.is_some_and(|k| k != SubjectKind::Individual);
    let on = |rule: Option<&crate::ruledata::Sourced<bool>>| rule.is_some_and(|r| r.value);
    let text = match field {
        // Where the only source is the 2017 guidance (T17), the hint says so.
        HintField::Mobile if on(p.local_mobile_required.as_ref()) => {
            let old = p
                .local_mobile_required
                .as_ref()
                .is_some_and(|r| r.source.contains("T17"));
            match (locale, old) {
                (Locale::ZhCn, false) => format!("{name}要求使用本地（{name}）号段的手机号码"),
                (Locale::ZhCn, true) => format!(
                    "{name}曾要求使用本地（{name}）号段的手机号码（2017年资料），以接入商的要求为准"
                ),
                (Locale::En, false) => format!("{name} asks for a mobile number registered in {name}"),
                (Locale::En, true) => format!(
                    "{name} used to ask for a mobile number registered in {name} (2017 guidance); your provider's rules come first"
                ),
            }
        }
        HintField::OfficePhone if unit && on(p.landline_required_for_units.as_ref()) => {
            match locale {
                Locale::ZhCn => format!("{name}要求单位填写固定电话"),
                Locale::En => format!("{name} asks units for a landline"),
            }
        }
        HintField::AddressDetail if on(p.address_house_number_required.as_ref()) => match locale {
            Locale::ZhCn => format!("{name}要求写到门牌号"),
            Locale::En => format!("{name} asks for the house number"),
        },
        HintField::WebsiteName if kind == Some(SubjectKind::Enterprise) => {
            let suffix = &p.unit_website_name_suffix.as_ref()?.value;
            match locale {
                Locale::ZhCn => format!("{name}：单位全称或简称加“{suffix}”"),
                Locale::En => {
                    format!("{name}: the company's full or short name followed by “{suffix}”")
                }
            }
        }
        // Not a province rule, but one every province applies: the words a personal site's
        // name can't use, as the rules check them.
        HintField::WebsiteName if kind == Some(SubjectKind::Individual) => {
            let words = data
                .words()
                .personal_forbidden
                .words
                .join(locale.choose("、", ", "));
            match locale {
                Locale::ZhCn => format!("个人网站名称不能含：{words}"),
                Locale::En => format!("A personal site's name can't contain: {words}"),
            }
        }
        HintField::Domains => {
            let limits = p.one_domain_per_order_when_filed_exceeds.as_ref()?.value;
            let over = if unit { limits.unit } else { limits.personal }?;
            match locale {
                Locale::ZhCn => {
                    format!("{name}：主体已备案的网站超过{over}个时，每次新增网站只能填写1个域名")
                }
                Locale::En => format!(
                    "{name}: once a subject has more than {over} filed websites, each new website holds one domain"
                ),
            }
        }
        HintField::WebsiteRemark => {
            // The requirements that hold for every filing of this kind (those that depend on
            // other answers are reported by the rules when they apply).
            let items: Vec<&str> = data
                .remark_requirements(Some(p))
                .filter(|i| i.applies(kind, None) && i.when.is_none() && i.only_if.is_none())
                .map(|i| i.text(locale))
                .collect();
            if items.is_empty() {
                return None;
            }
            // Each item is an instruction that names the remark itself.
            items.join(locale.choose("；", "; "))
        }
        _ => return None,
    };
    Some(text)
}

/// The province's other requirements (`notes` in the rule data: live-site checks, processes,
/// things no field can show) that concern this filing's subject kind, type and the
/// certificates its subject and persons hold, for the check page. An answer not given yet
/// hides nothing.
///
/// ```
/// use icp_filing::hints::province_notes;
/// use icp_filing::model::{Filing, SubjectKind};
/// use icp_filing::ruledata::RuleData;
/// let mut filing = Filing { province: "320000".into(), ..Filing::default() };
/// filing.subject.kind = Some(SubjectKind::Enterprise);
/// let notes = province_notes(&filing, RuleData::embedded());
/// assert!(notes.iter().any(|n| n.id == "copyrightFooter"));
/// filing.province = "999999".into();
/// assert!(province_notes(&filing, RuleData::embedded()).is_empty());
/// ```
pub fn province_notes<'a>(filing: &Filing, data: &'a RuleData) -> Vec<&'a Item> {
    let mut held: Vec<CertificateType> = Vec::new();
    held.extend(filing.subject.certificate.kind);
    held.extend(filing.subject.principal.certificate.kind);
    for website in &filing.websites {
        held.extend(website.responsible.certificate.kind);
    }
    for app in &filing.apps {
        held.extend(app.responsible.certificate.kind);
    }
    data.province(&filing.province)
        .map(|p| {
            p.notes
                .iter()
                .filter(|n| {
                    n.applies(filing.subject.kind, filing.filing_type)
                        && n.concerns_certificates(&held)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod remark_tests {
    use super::*;
    use crate::model::FilingType;

    #[test]
    fn a_province_note_is_shown_only_to_the_subjects_and_filings_it_concerns() {
        let data = RuleData::embedded();
        let ids = |province: &str, kind, filing_type| -> Vec<&str> {
            let mut filing = Filing {
                province: province.into(),
                filing_type: Some(filing_type),
                ..Filing::default()
            };
            filing.subject.kind = Some(kind);
            province_notes(&filing, data)
                .iter()
                .map(|n| n.id.as_str())
                .collect()
        };
        // Zhejiang: the sole traders' seal concerns enterprises (a sole trader files as one).
        let individual = ids("330000", SubjectKind::Individual, FilingType::First);
        assert!(!individual.contains(&"soleTraderSeal"), "{individual:?}");
        assert!(individual.contains(&"siteTitleIsName"), "{individual:?}");
        let enterprise = ids("330000", SubjectKind::Enterprise, FilingType::First);
        assert!(enterprise.contains(&"soleTraderSeal"), "{enterprise:?}");
        // Sichuan: renaming is a change, matching the original an access filing.
        let first = ids("510000", SubjectKind::Enterprise, FilingType::First);
        assert!(!first.contains(&"renameWithLetter"), "{first:?}");
        assert!(!first.contains(&"accessMatchesOriginal"), "{first:?}");
        let change = ids("510000", SubjectKind::Enterprise, FilingType::Change);
        assert!(change.contains(&"renameWithLetter"), "{change:?}");
        let access = ids("510000", SubjectKind::Enterprise, FilingType::NewAccess);
        assert!(access.contains(&"accessMatchesOriginal"), "{access:?}");
        // Unknown answers hide nothing.
        let unanswered = Filing {
            province: "510000".into(),
            ..Filing::default()
        };
        assert!(province_notes(&unanswered, data)
            .iter()
            .any(|n| n.id == "renameWithLetter"));
    }

    #[test]
    fn a_note_about_one_certificate_is_shown_only_when_someone_holds_it() {
        let data = RuleData::embedded();
        let mut filing = Filing {
            province: "330000".into(),
            ..Filing::default()
        };
        let shown = |filing: &Filing| {
            province_notes(filing, data)
                .iter()
                .any(|n| n.id == "smsPermitDigits")
        };
        // No certificate chosen yet: shown.
        assert!(shown(&filing));
        filing.subject.kind = Some(SubjectKind::Enterprise);
        filing.subject.certificate.kind = Some(CertificateType::Uscc);
        filing.subject.principal.certificate.kind = Some(CertificateType::ResidentId);
        assert!(!shown(&filing), "a credit code and an ID card");
        // A website's responsible person with a Hong Kong and Macao permit gets the SMS too.
        let mut website = crate::model::Website::default();
        website.responsible.certificate.kind = Some(CertificateType::HkMacaoPermit);
        filing.websites.push(website);
        assert!(shown(&filing));
    }

    #[test]
    fn a_required_remark_says_so_and_an_optional_one_does_not() {
        let data = RuleData::embedded();
        let hint = |province, kind| {
            province_hint(HintField::WebsiteRemark, province, kind, data, Locale::ZhCn)
        };
        let individual = hint("110000", Some(SubjectKind::Individual)).unwrap();
        assert_eq!(individual, "备注中说明网站拟发布的内容");
        let shandong = hint("370000", Some(SubjectKind::Enterprise)).unwrap();
        assert!(shandong.contains("网站内容"), "{shandong}");
        // A condition only the rules can judge (several domains) is not announced.
        assert!(!shandong.contains("多个域名"), "{shandong}");
        assert_eq!(hint("440000", Some(SubjectKind::Enterprise)), None);
    }

    #[test]
    fn a_personal_site_name_hint_lists_the_words_the_rules_refuse() {
        let data = RuleData::embedded();
        let hint = |kind| province_hint(HintField::WebsiteName, "110000", kind, data, Locale::ZhCn);
        let individual = hint(Some(SubjectKind::Individual)).unwrap();
        for word in &data.words().personal_forbidden.words {
            assert!(individual.contains(word.as_str()), "{word} in {individual}");
        }
        // Every word listed is one the rules refuse in an individual's site name.
        let filing = |name: &str| {
            let mut f: crate::model::Filing =
                serde_json::from_str(include_str!("../tests/fixtures/individual-beijing.json"))
                    .unwrap();
            f.websites[0].name = name.into();
            crate::rules::validate(
                &f,
                &crate::rules::RuleContext::new(
                    chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
                ),
            )
        };
        let refused = filing("张伟的博客");
        assert!(
            refused
                .issues
                .iter()
                .any(|i| i.path == "websites[0].name"
                    && i.severity == crate::severity::Severity::Error),
            "{refused:?}"
        );
        assert!(individual.contains("博客"));
        assert_eq!(hint(Some(SubjectKind::Institution)), None);
    }
}
