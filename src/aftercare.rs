//! After approval (docs/sources.md §1.3, §1.4): the footer a website must carry, and the
//! upkeep calendar of an approved filing — the public-security filing due within 30 days of
//! going online, domain expiry (when the host knows it), certificate validity, and the changes
//! that need a change filing (变更备案) before they happen.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dates::parse_iso_date;
use crate::messages::Locale;
use crate::model::{Filing, Person};

/// The MIIT filing system a footer number links to (docs/sources.md §1.4).
pub const MIIT_BEIAN_URL: &str = "https://beian.miit.gov.cn/";
/// The national public-security filing platform (全国互联网安全管理服务平台, §1.4).
pub const PUBLIC_SECURITY_URL: &str = "https://beian.mps.gov.cn/";
/// Days after going online within which the public-security filing is due (§1.4).
pub const PUBLIC_SECURITY_DAYS: i64 = 30;

/// The number of one website or APP of an approved filing (`websites[0]`, `…号-1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceNumber {
    pub service: String,
    pub number: String,
}

/// A domain's expiry date, as the host's registrar data gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DomainExpiry {
    pub domain: String,
    /// `YYYY-MM-DD`.
    pub expires_on: String,
}

/// What is known of an approved filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    /// The subject's number, e.g. `京ICP备2026012345号`.
    pub filing_number: String,
    /// `YYYY-MM-DD`: the day the result reached the provider.
    pub approved_on: String,
    #[serde(default)]
    pub service_numbers: Vec<ServiceNumber>,
    #[serde(default)]
    pub domain_expiry: Vec<DomainExpiry>,
}

/// One entry of the upkeep calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpkeepItem {
    /// `publicSecurity`, `domainExpiry`, `certificateExpiry` or `changeFiling`.
    pub kind: String,
    /// `YYYY-MM-DD`; none for a change that needs a filing whenever it happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// The part of the filing it concerns (a report path), or empty.
    pub path: String,
    pub text: String,
    /// The due date has passed.
    pub overdue: bool,
}

/// The HTML a website puts at the bottom centre of its home page: the number, linking to
/// the MIIT filing system in a new tab.
pub fn footer_snippet(number: &str) -> String {
    let mut escaped = String::with_capacity(number.len());
    for c in number.trim().chars() {
        match c {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            c => escaped.push(c),
        }
    }
    format!(
        "<a href=\"{MIIT_BEIAN_URL}\" target=\"_blank\" rel=\"noopener noreferrer\">{escaped}</a>"
    )
}

/// The upkeep calendar of `filing`, approved as `approval`, seen on `today`: dated items by
/// date, then the changes that need a change filing. `None` when `approvedOn` is not a date.
pub fn upkeep(
    filing: &Filing,
    approval: &Approval,
    today: NaiveDate,
    locale: Locale,
) -> Option<Vec<UpkeepItem>> {
    let approved = parse_iso_date(&approval.approved_on)?;
    let zh = locale == Locale::ZhCn;
    let mut dated: Vec<(NaiveDate, UpkeepItem)> = Vec::new();
    let mut add = |kind: &str, due: NaiveDate, path: String, text: String| {
        dated.push((
            due,
            UpkeepItem {
                kind: kind.to_owned(),
                due: Some(crate::dates::format_date(due)),
                path,
                text,
                overdue: due < today,
            },
        ));
    };
    if !filing.websites.is_empty() {
        add(
            "publicSecurity",
            approved + Duration::days(PUBLIC_SECURITY_DAYS),
            String::new(),
            if zh {
                format!("网站上线后30日内办理公安联网备案（{PUBLIC_SECURITY_URL}），并在首页展示公网安备号")
            } else {
                format!("Within 30 days of going live: the public-security filing ({PUBLIC_SECURITY_URL}), then show its number on the home page")
            },
        );
    }
    for expiry in &approval.domain_expiry {
        if let Some(due) = parse_iso_date(&expiry.expires_on) {
            let domain = &expiry.domain;
            add(
                "domainExpiry",
                due,
                String::new(),
                if zh {
                    format!("域名 {domain} 到期：请及时续费，域名过期被他人注册会导致备案被注销")
                } else {
                    format!("The domain {domain} expires: renew it; a lapsed domain registered by someone else cancels the filing")
                },
            );
        }
    }
    let mut persons: Vec<(String, &Person)> =
        vec![("subject.principal".into(), &filing.subject.principal)];
    for (i, w) in filing.websites.iter().enumerate() {
        persons.push((format!("websites[{i}].responsible"), &w.responsible));
    }
    for (i, a) in filing.apps.iter().enumerate() {
        persons.push((format!("apps[{i}].responsible"), &a.responsible));
    }
    let mut certificates = vec![(
        "subject.certificate".to_owned(),
        filing.subject.name.as_str(),
        &filing.subject.certificate,
    )];
    certificates.extend(persons.iter().map(|(base, p)| {
        (
            format!("{base}.certificate"),
            p.name.as_str(),
            &p.certificate,
        )
    }));
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (base, holder, certificate) in certificates {
        // Long-term and blank validity have no date; one person named twice is listed once.
        let Some(due) = parse_iso_date(&certificate.valid_until) else {
            continue;
        };
        let key = (
            certificate.number.as_str(),
            certificate.valid_until.as_str(),
        );
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        add(
            "certificateExpiry",
            due,
            format!("{base}.validUntil"),
            if zh {
                format!("{holder}的证件到期：请在到期前更新证件并提交变更")
            } else {
                format!("{holder}'s certificate expires: renew it and file the change before then")
            },
        );
    }
    crate::sort::by_key(&mut dated, |(due, _)| *due);
    let mut items: Vec<UpkeepItem> = dated.into_iter().map(|(_, item)| item).collect();
    let changes: [(&str, &str); 4] = [
        (
            "更换接入商（服务器）前，需在新接入商处办理新增接入",
            "Before moving to another provider: a new-access filing there",
        ),
        (
            "网站使用新域名前，需先变更备案",
            "Before a website uses a new domain: a change filing",
        ),
        (
            "网站服务内容改变前，需先变更备案",
            "Before a website's content changes: a change filing",
        ),
        (
            "主体负责人或网站负责人更换后，需变更备案",
            "After a principal or responsible person changes: a change filing",
        ),
    ];
    items.extend(changes.iter().map(|(z, e)| UpkeepItem {
        kind: "changeFiling".to_owned(),
        due: None,
        path: String::new(),
        text: locale.choose(z, e).to_owned(),
        overdue: false,
    }));
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_filing;

    fn approval(on: &str) -> Approval {
        Approval {
            filing_number: "粤ICP备2026012345号".into(),
            approved_on: on.into(),
            service_numbers: Vec::new(),
            domain_expiry: vec![DomainExpiry {
                domain: "example.cn".into(),
                expires_on: "2027-01-10".into(),
            }],
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_footer_links_the_number_to_the_miit_system_in_a_new_tab() {
        assert_eq!(
            footer_snippet(" 京ICP备2026012345号-1 "),
            "<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\" rel=\"noopener noreferrer\">京ICP备2026012345号-1</a>"
        );
        assert!(footer_snippet("<script>").contains("&lt;script&gt;"));
    }

    #[test]
    fn dated_items_come_by_date_then_the_changes_that_need_a_filing() {
        let filing = parse_filing(include_str!(
            "../tests/fixtures/enterprise-guangdong-two-websites.json"
        ))
        .unwrap();
        let items = upkeep(
            &filing,
            &approval("2026-12-20"),
            day(2027, 1, 15),
            Locale::ZhCn,
        )
        .unwrap();
        let dated: Vec<&UpkeepItem> = items.iter().filter(|i| i.due.is_some()).collect();
        assert!(dated.windows(2).all(|w| w[0].due <= w[1].due), "{dated:?}");
        let police = items.iter().find(|i| i.kind == "publicSecurity").unwrap();
        assert_eq!(police.due.as_deref(), Some("2027-01-19"));
        assert!(!police.overdue);
        let domain = items.iter().find(|i| i.kind == "domainExpiry").unwrap();
        assert!(domain.overdue, "2027-01-10 is before 2027-01-15");
        assert!(domain.text.contains("example.cn"));
        let undated: Vec<&UpkeepItem> = items.iter().filter(|i| i.due.is_none()).collect();
        assert_eq!(undated.len(), 4);
        assert!(undated.iter().all(|i| i.kind == "changeFiling"));
        assert!(items.iter().position(|i| i.due.is_none()).unwrap() >= dated.len());
        // Every dated certificate is listed once, long-term ones not at all.
        for item in items.iter().filter(|i| i.kind == "certificateExpiry") {
            assert!(
                item.path.ends_with(".certificate.validUntil"),
                "{}",
                item.path
            );
        }
        assert_eq!(
            upkeep(&filing, &approval("soon"), day(2027, 1, 1), Locale::En),
            None
        );
    }

    #[test]
    fn a_long_term_certificate_has_no_upkeep_date() {
        let mut filing = parse_filing(include_str!(
            "../tests/fixtures/enterprise-guangdong-two-websites.json"
        ))
        .unwrap();
        filing.subject.certificate.valid_until = "longTerm".into();
        filing.subject.principal.certificate.valid_until = "2030-05-01".into();
        let items = upkeep(
            &filing,
            &approval("2026-12-20"),
            day(2026, 12, 20),
            Locale::En,
        )
        .unwrap();
        assert!(!items
            .iter()
            .any(|i| i.path == "subject.certificate.validUntil"));
        assert!(items
            .iter()
            .any(|i| i.path == "subject.principal.certificate.validUntil"
                && i.due.as_deref() == Some("2030-05-01")));
    }
}
