//! After approval (docs/sources.md §1.3, §1.4): the footer a website must carry and a check of
//! a page's footer, the upkeep calendar of an approved filing, and what a change filing
//! (变更备案) changes, field by field.
//!
//! * [`footer_snippet`]: the number at the bottom centre of the home page, linked to the MIIT
//!   filing system at https://beian.miit.gov.cn/ (a missing number or link: fine of RMB
//!   5,000–10,000) [S12-after][S10][S37]. [`footer_number`]: the website's own number
//!   (`…号-1`), or the subject's where the province's footers show that (Guangdong) [S12-after].
//! * [`check_footer`]: whether a pasted page shows the number and links it there. Links to
//!   the system's retired addresses (`www.miibeian.gov.cn`, `www.miitbeian.gov.cn`, still in
//!   older provider pages and footers) are told apart from other links [S10][S37].
//! * [`upkeep`]: the public-security filing (公安联网备案) at the national platform,
//!   https://beian.mps.gov.cn/ [S36] (the earlier address www.beian.gov.cn is the one [S9]
//!   links), due within 30 days of the site going live — counted from the approval, since a
//!   site may not go live before it [S9][S12-after]; domain expiry (a lapsed domain registered
//!   by someone else gets the filing cancelled) [S10]; the end of each certificate's validity;
//!   and the changes that need a change filing, 30 days ahead (33号令 as Huawei cites it, M)
//!   [S12-change].
//! * [`diff`]: the differences between the approved filing and its change, by report path
//!   (the `Display` of [`crate::form::path::FieldPath`]). It covers every field that is filed:
//!   `province`; the subject's kind, name, certificate (type, number, validity), certificate
//!   address, address, principal (name, certificate, mobile, e-mail, emergency and office
//!   phones), `principalIsLegalRepresentative`, the legal representative (name, certificate
//!   type and number) and remark; each website's and APP's name,
//!   domains (item by item), homepage, service content and languages (as sets: another order
//!   is no change), pre-approvals and APP platforms (item by item, field by field),
//!   responsible person and remark. An item only one side has is compared with an empty one.
//!   It ignores what is not filed data: `schemaVersion`, `filingType` and `filingNumber`, the
//!   subject's and each website's and APP's (they name the filing act or the number held, and
//!   the approval and its change number them differently),
//!   `domainFacts` (the registrar's facts, looked up again for every filing) and
//!   `acknowledgedWarnings` (the filer's answers to the precheck). [`reverted`]: what a
//!   change sets back of the latest approval's own changes (a change started before it).
//!
//! Everything here is pure: the caller gives the date ("today") and the locale.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dates::parse_iso_date;
use crate::form::path::{
    AddressField, CertificateField, Field, FieldPath, PersonField, PlatformField, PreApprovalField,
    Service, ServiceField, SubjectField,
};
use crate::locale::Locale;
use crate::model::{App, ChangeScope, Filing, FilingType, Person, SubjectKind, Website};
use crate::ruledata::RuleData;

/// The MIIT filing system a footer number links to (docs/sources.md §1.4, [S37]).
pub const MIIT_BEIAN_URL: &str = "https://beian.miit.gov.cn/";
/// The national public-security filing platform (全国互联网安全管理服务平台, §1.4, [S36]).
pub const PUBLIC_SECURITY_URL: &str = "https://beian.mps.gov.cn/";
/// Days after going online within which the public-security filing is due (§1.4, [S9]).
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

/// What is known of an approved filing. Dates stay `YYYY-MM-DD` text: chrono's own serde
/// would bring its formatter into the WebAssembly build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    /// The subject's number, e.g. `京ICP备2026012345号`.
    pub filing_number: String,
    /// `YYYY-MM-DD`: the day the result reached the provider.
    pub approved_on: String,
    #[serde(default)]
    pub service_numbers: Vec<ServiceNumber>,
    /// Only what the host's registrar data says; an unknown expiry is not listed.
    #[serde(default)]
    pub domain_expiry: Vec<DomainExpiry>,
}

impl Approval {
    /// The approval of `filing` on `approved_on`, with the domains' expiry dates the host's
    /// registrar lookup reported for it.
    pub fn of(
        filing: &Filing,
        filing_number: String,
        service_numbers: Vec<ServiceNumber>,
        approved_on: NaiveDate,
    ) -> Self {
        Approval {
            filing_number,
            approved_on: crate::dates::format_date(approved_on),
            service_numbers,
            domain_expiry: filing
                .domain_facts
                .iter()
                .filter(|f| !f.expires_on.is_empty())
                .map(|f| DomainExpiry {
                    domain: f.domain.clone(),
                    expires_on: f.expires_on.clone(),
                })
                .collect(),
        }
    }
}

/// One entry of the upkeep calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpkeepItem {
    /// `publicSecurity`, `domainExpiry`, `certificateExpiry`, `domainRenewal` (the domains
    /// whose expiry is not known, undated) or `changeFiling`.
    pub kind: String,
    /// `YYYY-MM-DD`; none for a change that needs a filing whenever it happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// The part of the filing it concerns (a report path: `websites[0].domains[0]`,
    /// `subject.principal.certificate.validUntil`), or empty.
    pub path: String,
    pub text: String,
    /// The due date has passed.
    pub overdue: bool,
}

/// The texts of the dated upkeep items: `(kind, zh-CN, en)`; `{url}`, `{domain}` and `{holder}`
/// are filled in. Kept here rather than in the message catalogue, which is about the form.
pub const TEXTS: [(&str, &str, &str); 4] = [
    (
        "publicSecurity",
        "网站开通之日起30日内，在全国互联网安全管理服务平台（{url}）办理公安联网备案，通过后在首页展示公安备案号",
        "Within 30 days of going live: the public-security filing at the national platform ({url}), then show its number on the home page",
    ),
    (
        "domainExpiry",
        "域名 {domain} 到期：请及时续费，域名过期被他人注册会导致备案被注销",
        "The domain {domain} expires: renew it; a lapsed domain registered by someone else cancels the filing",
    ),
    (
        "certificateExpiry",
        "{holder}的证件到期：请在到期前更新证件并办理变更备案",
        "{holder}'s certificate expires: renew it and file the change before then",
    ),
    (
        "domainRenewal",
        "请在域名到期前续费（{domains}）：域名过期被他人注册会导致备案被注销",
        "Renew the domains before they expire ({domains}); a lapsed domain registered by someone else cancels the filing",
    ),
];

/// What a change concerns: every filing, one with websites, or one with APPs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concerns {
    Any,
    Websites,
    Apps,
    /// A unit's filing: its principal can be replaced.
    Units,
    /// An individual's filing: the filer is the principal, and another person would be
    /// another subject.
    Individuals,
}

/// The changes that need a filing before they happen (the undated items), listed for the
/// filings they concern: `(concerns, zh-CN, en)`. An APP's added platform or new package is a
/// change filing too (§2.1 [S12-app]).
pub const CHANGES: [(Concerns, &str, &str); 6] = [
    (
        Concerns::Any,
        "更换接入商（服务器）前，需在新接入商处办理新增接入",
        "Before moving to another provider: a new-access filing there",
    ),
    (
        Concerns::Websites,
        "网站使用新域名前，需提前30日办理变更备案",
        "Before a website uses a new domain: a change filing, 30 days ahead",
    ),
    (
        Concerns::Websites,
        "网站服务内容改变前，需提前30日办理变更备案",
        "Before a website's content changes: a change filing, 30 days ahead",
    ),
    (
        Concerns::Apps,
        "APP新增平台、更换包名或签名前，需办理变更备案",
        "Before an APP adds a platform or changes its package name or signing key: a change filing",
    ),
    (
        Concerns::Units,
        "更换主体负责人或网站、APP负责人，需提前30日办理变更备案",
        "Before a principal or responsible person changes: a change filing, 30 days ahead",
    ),
    (
        Concerns::Individuals,
        "更换网站、APP负责人，需提前30日办理变更备案",
        "Before a website's or APP's responsible person changes: a change filing, 30 days ahead",
    ),
];

/// Text `index` of [`TEXTS`] in `locale`, with `placeholder` (`{url}`) replaced by `value`.
fn upkeep_text(index: usize, locale: Locale, placeholder: &str, value: &str) -> String {
    let (_, zh, en) = TEXTS[index];
    locale.choose(zh, en).replace(placeholder, value)
}

/// The id of the province note (rule data `notes`) that says the province's websites show the
/// subject's number in their footer, not their own (Guangdong, §1.3 [S12-after]).
pub const FOOTER_SUBJECT_NUMBER: &str = "footerSubjectNumber";

/// The number website `index` of `filing`, approved as `approval`, shows in its footer: its
/// own (`…号-1`), or the subject's (`…号`) where the province's rule data says footers show
/// the subject number, or when the approval gives the website none.
pub fn footer_number<'a>(
    filing: &Filing,
    approval: &'a Approval,
    index: usize,
    data: &RuleData,
) -> &'a str {
    let service = format!("websites[{index}]");
    let own = approval
        .service_numbers
        .iter()
        .find(|s| s.service == service)
        .map(|s| s.number.as_str());
    match own {
        Some(own) if !footer_shows_subject_number(&filing.province, data) => own,
        _ => approval.filing_number.as_str(),
    }
}

/// Whether websites filed in `province` show the subject's number in their footer.
pub fn footer_shows_subject_number(province: &str, data: &RuleData) -> bool {
    data.province(province)
        .is_some_and(|p| p.notes.iter().any(|n| n.id == FOOTER_SUBJECT_NUMBER))
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

slug_enum! {
    /// What [`check_footer`] found for the number on a page, best first.
    pub enum FooterCheck {
        /// Shown and linked to the MIIT filing system (`http(s)://beian.miit.gov.cn`, any path).
        Linked = "linked",
        /// Shown and linked to the system's retired address (`miibeian.gov.cn`,
        /// `miitbeian.gov.cn`): the link needs updating.
        OldLink = "oldLink",
        /// Shown inside a link to somewhere else.
        OtherLink = "otherLink",
        /// Shown, but not inside a link.
        Unlinked = "unlinked",
        /// Not in the page's text (attributes, comments, scripts, styles, titles and text
        /// areas do not count).
        Missing = "missing",
    }
}

impl FooterCheck {
    /// Whether the footer is as required.
    pub fn is_ok(self) -> bool {
        self == FooterCheck::Linked
    }
}

/// Checks a page's HTML for `number` as text and for the link around it. Whitespace (also
/// `&nbsp;` and the ideographic space), full-width forms, dash variants and letter case do
/// not matter; the number may be split across elements (`<span>京ICP备</span>…`) but all of
/// it must sit in one link to count as linked. A longer number is another one: `…号-12` is not
/// `…号-1`. A scan, not a parser: an unclosed tag or comment ends the page, and no input
/// makes it panic.
pub fn check_footer(html: &str, number: &str) -> FooterCheck {
    let mut wanted: Vec<char> = Vec::new();
    for c in number.chars() {
        if let Some(c) = fold(c) {
            wanted.push(c);
        }
    }
    // The page's text, folded, with a mark where a link starts (its kind) or ends. Marks are
    // private-use characters, which `fold` removes from the text itself.
    let mut page: Vec<char> = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(c) = html.get(i..).and_then(|rest| rest.chars().next()) {
        if c == '<' {
            if b[i..].starts_with(b"<!--") {
                i = find_ci(b, i + 4, b"-->").map_or(b.len(), |end| end + 3);
                continue;
            }
            let closing = b.get(i + 1) == Some(&b'/');
            let name_start = i + 1 + usize::from(closing);
            let is_tag = b.get(name_start).is_some_and(|&x| {
                x.is_ascii_alphabetic() || (!closing && (x == b'!' || x == b'?'))
            });
            if is_tag {
                let end = tag_end(b, name_start);
                let mut name_end = name_start;
                while name_end < end && b[name_end].is_ascii_alphanumeric() {
                    name_end += 1;
                }
                let name = &b[name_start..name_end];
                i = end + 1;
                if name.eq_ignore_ascii_case(b"a") {
                    page.push(LINK_END);
                    if let (false, Some(href)) = (closing, href(&b[name_end..end])) {
                        page.push(link_mark(link_kind(href)));
                    }
                } else if let (false, Some(end_tag)) = (
                    closing,
                    RAW_TEXT.iter().find(|t| name.eq_ignore_ascii_case(&t[2..])),
                ) {
                    // Not the page's visible text, up to the element's end tag.
                    i = find_ci(b, i, end_tag).unwrap_or(b.len());
                }
                continue;
            }
        }
        let (c, len) = match c {
            '&' => entity(&b[i..]).unwrap_or(('&', 1)),
            c => (c, c.len_utf8()),
        };
        i += len;
        if let Some(c) = fold(c) {
            page.push(c);
        }
    }

    let mark = |c: &char| (LINK_END..=link_mark(FooterCheck::OtherLink)).contains(c);
    let digit = |c: Option<&char>| c.is_some_and(char::is_ascii_digit);
    let mut best = FooterCheck::Missing;
    for start in 0..page.len() {
        if wanted.first() != Some(&page[start]) {
            continue;
        }
        // The number from `start`, over any link marks inside it.
        let (mut j, mut k, mut split) = (0, start, false);
        while let (Some(w), Some(c)) = (wanted.get(j), page.get(k)) {
            k += 1;
            if mark(c) {
                split = true;
            } else if w == c {
                j += 1;
            } else {
                break;
            }
        }
        let longer = digit(wanted.last()) && digit(page.get(k))
            || digit(wanted.first()) && start > 0 && digit(page.get(start - 1));
        if j < wanted.len() || longer {
            continue;
        }
        let found = match page[..start].iter().rev().find(|c| mark(c)) {
            _ if split => FooterCheck::Unlinked,
            Some(&c) if c != LINK_END => FooterCheck::ALL
                .get(c as usize - 0xe001)
                .copied()
                .unwrap_or(FooterCheck::Unlinked),
            _ => FooterCheck::Unlinked,
        };
        if (found as u8) < (best as u8) {
            best = found;
        }
    }
    best
}

/// The mark of a link's end in [`check_footer`]'s text.
const LINK_END: char = '\u{e000}';

/// The mark of the start of a link to `kind` (`Linked`, `OldLink` or `OtherLink`): the
/// private-use characters after [`LINK_END`].
fn link_mark(kind: FooterCheck) -> char {
    char::from_u32(0xe001 + kind as u32).unwrap_or(LINK_END)
}

/// End tags of the elements whose content is not the page's text.
const RAW_TEXT: [&[u8]; 4] = [b"</script", b"</style", b"</textarea", b"</title"];

/// A character as the footer check compares it: `None` for whitespace, zero-width and
/// private-use characters (icon fonts); full-width forms as ASCII, dashes as `-`, ASCII
/// letters in lower case.
fn fold(c: char) -> Option<char> {
    let c = match c {
        '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{e000}'..='\u{f8ff}' => return None,
        c if c.is_whitespace() => return None,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' => '-',
        c => c,
    };
    Some(c.to_ascii_lowercase())
}

/// Where `needle` next starts in `b` at or after `from`, ASCII letter case ignored.
fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    (from..b.len()).find(|&k| {
        b.get(k..k + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// The index of the `>` that ends the tag whose name starts at `from`, or `b.len()` when it
/// never ends. A quoted attribute value may hold `>`.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'>' => return i,
            b'=' => {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&quote @ (b'"' | b'\'')) = b.get(i) {
                    i = find_ci(b, i + 1, &[quote]).map_or(b.len(), |end| end + 1);
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// The value of the `href` attribute in a tag's attribute text (`href="…"`, `href='…'`,
/// `href=…`), the first one if repeated.
fn href(attrs: &[u8]) -> Option<&[u8]> {
    let n = attrs.len();
    let space = |i: usize| attrs.get(i).is_some_and(u8::is_ascii_whitespace);
    let mut i = 0;
    while i < n {
        while space(i) || attrs.get(i) == Some(&b'/') {
            i += 1;
        }
        let start = i;
        while i < n && !space(i) && attrs[i] != b'=' && attrs[i] != b'/' {
            i += 1;
        }
        let name = &attrs[start..i];
        while space(i) {
            i += 1;
        }
        let mut value: &[u8] = &[];
        if attrs.get(i) == Some(&b'=') {
            i += 1;
            while space(i) {
                i += 1;
            }
            let quote = attrs.get(i).copied().filter(|q| *q == b'"' || *q == b'\'');
            i += usize::from(quote.is_some());
            let start = i;
            while i < n && quote.map_or(!space(i), |q| attrs[i] != q) {
                i += 1;
            }
            value = &attrs[start.min(i)..i];
            i += 1;
        }
        if name.eq_ignore_ascii_case(b"href") {
            return Some(value);
        }
    }
    None
}

/// The character reference `b` starts with (`&nbsp;`, `&#20140;`, `&#x4eac;`) and its length;
/// `None` for an unknown or unterminated one.
fn entity(b: &[u8]) -> Option<(char, usize)> {
    let semi = b.iter().take(12).position(|&x| x == b';')?;
    let name = b.get(1..semi)?;
    let c = match name {
        [b'#', b'x' | b'X', digits @ ..] => code_point(digits, 16)?,
        [b'#', digits @ ..] => code_point(digits, 10)?,
        _ => ENTITIES.iter().find(|(n, _)| *n == name)?.1,
    };
    Some((c, semi + 1))
}

/// The named character references a footer number is written with.
const ENTITIES: [(&[u8], char); 6] = [
    (b"nbsp", ' '),
    (b"amp", '&'),
    (b"lt", '<'),
    (b"gt", '>'),
    (b"quot", '"'),
    (b"ndash", '-'),
];

/// The character with the code point `digits` in `radix`.
fn code_point(digits: &[u8], radix: u32) -> Option<char> {
    let mut code: u32 = 0;
    for &d in digits {
        code = code
            .checked_mul(radix)?
            .checked_add(char::from(d).to_digit(radix)?)?;
    }
    (!digits.is_empty()).then(|| char::from_u32(code))?
}

/// Where a link's `href` points, for [`check_footer`]: the MIIT system, its retired address,
/// or elsewhere (a relative link, another host, the host only in the path or the user part).
fn link_kind(href: &[u8]) -> FooterCheck {
    let href = href.trim_ascii();
    let after = |scheme: &[u8]| {
        href.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &href[scheme.len()..])
    };
    let Some(rest) = after(b"https://")
        .or_else(|| after(b"http://"))
        .or_else(|| after(b"//"))
    else {
        return FooterCheck::OtherLink;
    };
    let mut host = rest;
    if let Some(end) = host.iter().position(|x| b"/?#\\".contains(x)) {
        host = &host[..end];
    }
    if let Some(at) = host.iter().rposition(|&x| x == b'@') {
        host = &host[at + 1..];
    }
    if let Some(port) = host.iter().position(|&x| x == b':') {
        host = &host[..port];
    }
    if let [name @ .., b'.'] = host {
        host = name;
    }
    if host.eq_ignore_ascii_case(b"beian.miit.gov.cn") {
        return FooterCheck::Linked;
    }
    if let Some(bare) = host
        .get(4..)
        .filter(|_| host[..4].eq_ignore_ascii_case(b"www."))
    {
        host = bare;
    }
    if host.eq_ignore_ascii_case(b"miibeian.gov.cn")
        || host.eq_ignore_ascii_case(b"miitbeian.gov.cn")
    {
        FooterCheck::OldLink
    } else {
        FooterCheck::OtherLink
    }
}

/// Whether the filing puts websites online for the first time (a first filing or a new
/// website): a new access or a change concerns sites that may already be live, whose
/// public-security filing is not due 30 days from this approval.
pub fn opens_new_sites(filing: &Filing) -> bool {
    !filing
        .filing_type
        .is_some_and(FilingType::concerns_filed_services)
}

/// The upkeep calendar of `filing`, approved as `approval`, seen on `today`: dated items by
/// date (overdue ones flagged), then the changes that need a change filing. `None` when
/// `approvedOn` is not a date. The public-security filing is dated only for sites this
/// filing opens ([`opens_new_sites`]).
pub fn upkeep(
    filing: &Filing,
    approval: &Approval,
    today: NaiveDate,
    locale: Locale,
) -> Option<Vec<UpkeepItem>> {
    let approved = parse_iso_date(&approval.approved_on)?;
    // Names and numbers as filed (「李 四」 was filed as 李四), whatever form the host kept.
    let normalized = crate::rules::normalize(filing);
    let filing = &normalized;
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
    if !filing.websites.is_empty() && opens_new_sites(filing) {
        add(
            "publicSecurity",
            approved + Duration::days(PUBLIC_SECURITY_DAYS),
            String::new(),
            upkeep_text(0, locale, "{url}", PUBLIC_SECURITY_URL),
        );
    }
    for expiry in &approval.domain_expiry {
        if let Some(due) = parse_iso_date(&expiry.expires_on) {
            let domain = expiry.domain.trim();
            add(
                "domainExpiry",
                due,
                domain_path(filing, domain),
                upkeep_text(1, locale, "{domain}", domain),
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
            upkeep_text(2, locale, "{holder}", holder),
        );
    }
    crate::sort::by_key(&mut dated, |(due, _)| *due);
    let mut items: Vec<UpkeepItem> = dated.into_iter().map(|(_, item)| item).collect();
    // Domains whose expiry the registrar data does not give still lapse: one undated line.
    let undated: Vec<(String, &str)> = filing
        .websites
        .iter()
        .enumerate()
        .flat_map(|(i, w)| (0..w.domains.len()).map(move |j| (i, j, &w.domains[j])))
        .map(|(i, j, d)| (format!("websites[{i}].domains[{j}]"), d.trim()))
        .chain(filing.apps.iter().enumerate().flat_map(|(i, a)| {
            a.domains
                .iter()
                .enumerate()
                .map(move |(j, d)| (format!("apps[{i}].domains[{j}]"), d.trim()))
        }))
        .filter(|(_, d)| {
            !d.is_empty()
                && !approval
                    .domain_expiry
                    .iter()
                    .any(|e| e.domain.trim().eq_ignore_ascii_case(d))
        })
        .collect();
    if let Some((path, _)) = undated.first() {
        let mut names: Vec<&str> = Vec::new();
        for (_, d) in &undated {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(d)) {
                names.push(d);
            }
        }
        items.push(UpkeepItem {
            kind: "domainRenewal".to_owned(),
            due: None,
            path: path.clone(),
            text: upkeep_text(
                3,
                locale,
                "{domains}",
                &names.join(locale.choose("、", ", ")),
            ),
            overdue: false,
        });
    }
    let concerned = |c: &Concerns| match c {
        Concerns::Any => true,
        Concerns::Websites => !filing.websites.is_empty(),
        Concerns::Apps => !filing.apps.is_empty(),
        Concerns::Units => filing.subject.kind != Some(SubjectKind::Individual),
        Concerns::Individuals => filing.subject.kind == Some(SubjectKind::Individual),
    };
    items.extend(
        CHANGES
            .iter()
            .filter(|(c, ..)| concerned(c))
            .map(|(_, zh, en)| UpkeepItem {
                kind: "changeFiling".to_owned(),
                due: None,
                path: String::new(),
                text: locale.choose(zh, en).to_owned(),
                overdue: false,
            }),
    );
    Some(items)
}

/// The report path of `domain` in the filing (`websites[0].domains[1]`), or empty.
fn domain_path(filing: &Filing, domain: &str) -> String {
    let find = |domains: &[String]| {
        domains
            .iter()
            .position(|d| d.trim().eq_ignore_ascii_case(domain))
    };
    for (i, w) in filing.websites.iter().enumerate() {
        if let Some(j) = find(&w.domains) {
            return format!("websites[{i}].domains[{j}]");
        }
    }
    for (i, a) in filing.apps.iter().enumerate() {
        if let Some(j) = find(&a.domains) {
            return format!("apps[{i}].domains[{j}]");
        }
    }
    String::new()
}

/// One difference between two filings: the report path and both values (trimmed; empty when
/// absent). Lists of choices (service content, languages) are given joined with `", "`, a
/// yes/no answer as `true` / `false`, a kind or certificate type as its slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub path: String,
    pub before: String,
    pub after: String,
}

/// The differences between `before` (the approved filing) and `after` (its change), in the
/// filing's field order; see the module documentation for what is compared. Text is compared
/// trimmed: normalise both filings ([`crate::rules::normalize`]) to ignore typing differences
/// such as spaces inside an identity number.
pub fn diff(before: &Filing, after: &Filing) -> Vec<Change> {
    let mut d = Diff {
        before,
        after,
        changes: Vec::new(),
    };
    d.at(FieldPath::Province);
    for field in SUBJECT_FIELDS {
        d.at(FieldPath::Subject(field));
    }
    let most = |a: usize, b: usize| a.max(b);
    for i in 0..most(before.websites.len(), after.websites.len()) {
        let (x, y) = (before.websites.get(i), after.websites.get(i));
        let count = |f: fn(&Website) -> usize| most(x.map_or(0, f), y.map_or(0, f));
        d.service(
            Service::Website(i),
            count(|w| w.domains.len()),
            count(|w| w.pre_approvals.len()),
            0,
        );
    }
    for i in 0..most(before.apps.len(), after.apps.len()) {
        let (x, y) = (before.apps.get(i), after.apps.get(i));
        let count = |f: fn(&App) -> usize| most(x.map_or(0, f), y.map_or(0, f));
        d.service(
            Service::App(i),
            count(|a| a.domains.len()),
            count(|a| a.pre_approvals.len()),
            count(|a| a.platforms.len()),
        );
    }
    d.changes
}

/// What going from `before` (the approved filing) to `after` changes, by [`diff`] of the
/// normalised filings: the subject's data (the province included), a website's or APP's, or
/// both; `None` when nothing filed differs.
pub fn changed_scope(before: &Filing, after: &Filing) -> Option<ChangeScope> {
    let normalize = crate::rules::normalize;
    diff(&normalize(before), &normalize(after))
        .iter()
        .map(|c| {
            if c.path.starts_with("websites[") || c.path.starts_with("apps[") {
                ChangeScope::Services
            } else {
                ChangeScope::Subject
            }
        })
        .reduce(ChangeScope::with)
}

/// What `change` sets back: the fields the `latest` approval changed from the `previous` one
/// that `change` gives their `previous` value again, as `before` (the latest approval's
/// value) → `after` (the change's). A change started from an approval that a later change
/// has since replaced does this to every field that later change made; all three filings are
/// compared normalised.
pub fn reverted(previous: &Filing, latest: &Filing, change: &Filing) -> Vec<Change> {
    let normalize = crate::rules::normalize;
    let (previous, latest, change) = (normalize(previous), normalize(latest), normalize(change));
    let approved = diff(&previous, &latest);
    diff(&latest, &change)
        .into_iter()
        .filter(|c| {
            approved
                .iter()
                .any(|a| a.path == c.path && a.before == c.after)
        })
        .collect()
}

/// The fields of a person, in the model's order.
const PERSON_FIELDS: [PersonField; 8] = [
    PersonField::Name,
    PersonField::Certificate(CertificateField::Type),
    PersonField::Certificate(CertificateField::Number),
    PersonField::Certificate(CertificateField::ValidUntil),
    PersonField::Mobile,
    PersonField::Email,
    PersonField::EmergencyPhone,
    PersonField::OfficePhone,
];

/// The subject's fields, in the model's order, its principal's included.
const SUBJECT_FIELDS: [SubjectField; 23] = [
    SubjectField::Kind,
    SubjectField::Name,
    SubjectField::Certificate(CertificateField::Type),
    SubjectField::Certificate(CertificateField::Number),
    SubjectField::Certificate(CertificateField::ValidUntil),
    SubjectField::CertificateAddress,
    SubjectField::Address(AddressField::Province),
    SubjectField::Address(AddressField::City),
    SubjectField::Address(AddressField::District),
    SubjectField::Address(AddressField::Detail),
    SubjectField::Principal(PERSON_FIELDS[0]),
    SubjectField::Principal(PERSON_FIELDS[1]),
    SubjectField::Principal(PERSON_FIELDS[2]),
    SubjectField::Principal(PERSON_FIELDS[3]),
    SubjectField::Principal(PERSON_FIELDS[4]),
    SubjectField::Principal(PERSON_FIELDS[5]),
    SubjectField::Principal(PERSON_FIELDS[6]),
    SubjectField::Principal(PERSON_FIELDS[7]),
    SubjectField::PrincipalIsLegalRepresentative,
    SubjectField::LegalRepresentativeName,
    SubjectField::LegalRepresentativeCertificate(CertificateField::Type),
    SubjectField::LegalRepresentativeCertificate(CertificateField::Number),
    SubjectField::Remark,
];

/// The two filings [`diff`] compares and the changes found so far.
struct Diff<'a> {
    before: &'a Filing,
    after: &'a Filing,
    changes: Vec<Change>,
}

impl Diff<'_> {
    /// The fields of a website or APP, lists item by item up to the longer side's length.
    fn service(&mut self, s: Service, domains: usize, pre_approvals: usize, platforms: usize) {
        self.at(s.field(ServiceField::Name));
        if let Service::App(i) = s {
            for j in 0..platforms {
                for field in PlatformField::ALL {
                    self.at(FieldPath::Platform(i, j, *field));
                }
            }
        }
        for j in 0..domains {
            self.at(s.field(ServiceField::Domain(j)));
        }
        if let Service::Website(i) = s {
            self.at(FieldPath::Homepage(i));
        }
        self.at(s.field(ServiceField::ServiceContent));
        self.at(s.field(ServiceField::Languages));
        for j in 0..pre_approvals {
            for field in PreApprovalField::ALL {
                self.at(s.field(ServiceField::PreApproval(j, *field)));
            }
        }
        for field in PERSON_FIELDS {
            self.at(s.field(ServiceField::Responsible(field)));
        }
        self.at(s.field(ServiceField::Remark));
    }

    /// Compares the field at `path`; a field only one filing has is compared with empty.
    fn at(&mut self, path: FieldPath) {
        let (a, b) = (path.get(self.before), path.get(self.after));
        if let (Some(Field::Texts(a)), Some(Field::Texts(b))) = (&a, &b) {
            // Chosen options: another order is no change.
            if a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x)) {
                return;
            }
        }
        let (before, after) = (field_text(a), field_text(b));
        if before != after {
            self.changes.push(Change {
                path: path.to_string(),
                before,
                after,
            });
        }
    }
}

/// A field's value as [`Change`] shows it.
fn field_text(field: Option<Field>) -> String {
    let slug = match field {
        Some(Field::Text(text)) => text.trim(),
        Some(Field::Texts(list)) => return list.join(", "),
        Some(Field::SubjectKind(Some(kind))) => kind.slug(),
        Some(Field::CertificateType(Some(kind))) => kind.slug(),
        Some(Field::FilingType(Some(kind))) => kind.slug(),
        Some(Field::ChangeScope(Some(scope))) => scope.slug(),
        Some(Field::Flag(Some(true))) => "true",
        Some(Field::Flag(Some(false))) => "false",
        _ => "",
    };
    slug.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_filing, PreApproval, Website};

    const NUMBER: &str = "粤ICP备2026012345号-1";

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

    fn guangdong() -> Filing {
        parse_filing(include_str!(
            "../tests/fixtures/enterprise-guangdong-two-websites.json"
        ))
        .unwrap()
    }

    #[test]
    fn guangdong_websites_show_the_subject_number_and_others_their_own() {
        let data = RuleData::embedded();
        let mut approved = approval("2026-12-01");
        approved.service_numbers = vec![ServiceNumber {
            service: "websites[1]".into(),
            number: "粤ICP备2026012345号-2".into(),
        }];
        let mut filing = guangdong();
        assert!(footer_shows_subject_number(&filing.province, data));
        assert_eq!(
            footer_number(&filing, &approved, 1, data),
            "粤ICP备2026012345号"
        );
        filing.province = "110000".into();
        assert!(!footer_shows_subject_number(&filing.province, data));
        assert_eq!(
            footer_number(&filing, &approved, 1, data),
            "粤ICP备2026012345号-2"
        );
        // A website the approval gives no number of shows the subject's.
        assert_eq!(
            footer_number(&filing, &approved, 0, data),
            "粤ICP备2026012345号"
        );
        // The footer check finds the subject number in a footer that also carries `-2`.
        let subject = footer_number(&guangdong(), &approved, 1, data);
        let page = page(&footer_snippet("粤ICP备2026012345号-2"));
        assert_eq!(check_footer(&page, subject), FooterCheck::Linked);
    }

    /// A page whose footer holds `inner`.
    fn page(inner: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><title>腾讯云</title><style>a>b{{color:red}}</style></head>\
             <body><main><h1>欢迎</h1></main><footer class=\"foot\"><p>© 2026 深圳市腾讯计算机系统有限公司 \
             版权所有</p><p>{inner}</p></footer></body></html>"
        )
    }

    #[test]
    fn the_footer_links_the_number_to_the_miit_system_in_a_new_tab() {
        assert_eq!(
            footer_snippet(" 京ICP备2026012345号-1 "),
            "<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\" rel=\"noopener noreferrer\">京ICP备2026012345号-1</a>"
        );
        assert_eq!(
            footer_snippet("<b>&\"x\""),
            "<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\" rel=\"noopener noreferrer\">&lt;b&gt;&amp;&quot;x&quot;</a>"
        );
        // The snippet passes its own check.
        assert_eq!(
            check_footer(&page(&footer_snippet(NUMBER)), NUMBER),
            FooterCheck::Linked
        );
    }

    #[test]
    fn a_number_linked_to_the_miit_system_is_found_however_the_link_is_written() {
        for link in [
            r#"<a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备2026012345号-1</a>"#,
            r#"<a href="http://beian.miit.gov.cn">粤ICP备2026012345号-1</a>"#,
            r#"<a target=_blank href='https://beian.miit.gov.cn/#/Integrated/index'>粤ICP备2026012345号-1</a>"#,
            r#"<A HREF=HTTPS://BEIAN.MIIT.GOV.CN/ class=icp>粤ICP备2026012345号-1</A>"#,
            r#"<a title="a > b" href = "//beian.miit.gov.cn:443/"><span>粤ICP备</span><b>2026012345</b>号-1</a>"#,
            r#"<a href="https://beian.miit.gov.cn/">粤ICP备2026012345号-1"#,
        ] {
            assert_eq!(
                check_footer(&page(link), NUMBER),
                FooterCheck::Linked,
                "{link}"
            );
        }
    }

    #[test]
    fn whitespace_width_case_and_references_in_the_number_do_not_matter() {
        for shown in [
            "粤ICP备 2026012345 号-1",
            "粤\n  ICP备2026\t012345号 - 1",
            "粤ＩＣＰ备２０２６０１２３４５号－１",
            "粤icp备2026012345号‐1",
            "粤ICP备2026012345号&nbsp;&ndash;&nbsp;1",
            "&#31908;ICP&#x5907;2026012345号&#45;1",
            "粤ICP备2026012345号\u{3000}-1",
        ] {
            let html = page(&format!(
                r#"<a href="https://beian.miit.gov.cn/">{shown}</a>"#
            ));
            assert_eq!(check_footer(&html, NUMBER), FooterCheck::Linked, "{shown}");
        }
        // And in the number asked about.
        let html = page(&footer_snippet(NUMBER));
        assert_eq!(
            check_footer(&html, " 粤ＩＣＰ备 2026012345号－1 "),
            FooterCheck::Linked
        );
    }

    #[test]
    fn an_unlinked_old_or_foreign_link_is_told_apart() {
        let cases = [
            ("粤ICP备2026012345号-1", FooterCheck::Unlinked),
            (
                r#"<a href="http://www.miibeian.gov.cn/">粤ICP备2026012345号-1</a>"#,
                FooterCheck::OldLink,
            ),
            (
                r#"<a href="http://miibeian.gov.cn">粤ICP备2026012345号-1</a>"#,
                FooterCheck::OldLink,
            ),
            (
                r#"<a href="http://www.miitbeian.gov.cn/publish/query/indexFirst.action">粤ICP备2026012345号-1</a>"#,
                FooterCheck::OldLink,
            ),
            (
                r#"<a href="https://beian.miit.gov.cn.example.com/">粤ICP备2026012345号-1</a>"#,
                FooterCheck::OtherLink,
            ),
            (
                r#"<a href="https://beian.miit.gov.cn@example.com/">粤ICP备2026012345号-1</a>"#,
                FooterCheck::OtherLink,
            ),
            (
                r#"<a href="https://example.com/?to=beian.miit.gov.cn">粤ICP备2026012345号-1</a>"#,
                FooterCheck::OtherLink,
            ),
            (
                r#"<a href="beian.miit.gov.cn">粤ICP备2026012345号-1</a>"#,
                FooterCheck::OtherLink,
            ),
            // A link without href is no link; a link that ends inside the number is not
            // around all of it.
            (
                r#"<a name="icp">粤ICP备2026012345号-1</a>"#,
                FooterCheck::Unlinked,
            ),
            (
                r#"<a href="https://beian.miit.gov.cn/">粤ICP备</a>2026012345号-1"#,
                FooterCheck::Unlinked,
            ),
        ];
        for (footer, expected) in cases {
            assert_eq!(check_footer(&page(footer), NUMBER), expected, "{footer}");
        }
        assert!(!FooterCheck::OldLink.is_ok() && FooterCheck::Linked.is_ok());
        // The best of several mentions counts.
        let both = page(&format!("{NUMBER} · {}", footer_snippet(NUMBER)));
        assert_eq!(check_footer(&both, NUMBER), FooterCheck::Linked);
    }

    #[test]
    fn another_number_or_one_outside_the_text_is_missing() {
        let missing = [
            page(r#"<a href="https://beian.miit.gov.cn/">粤ICP备2026012345号-12</a>"#),
            page(r#"<a href="https://beian.miit.gov.cn/">粤ICP备2026012346号-1</a>"#),
            page(r#"<a href="https://beian.miit.gov.cn/" title="粤ICP备2026012345号-1">备案</a>"#),
            page("<!-- 粤ICP备2026012345号-1 -->"),
            page("<script>var icp = '粤ICP备2026012345号-1';</script>"),
            page("<textarea><a href=\"https://beian.miit.gov.cn/\">粤ICP备2026012345号-1</a></textarea>"),
            String::new(),
        ];
        for html in &missing {
            assert_eq!(check_footer(html, NUMBER), FooterCheck::Missing, "{html}");
        }
        assert_eq!(check_footer(&page(NUMBER), " "), FooterCheck::Missing);
        // Guangdong sites show the subject number: it is found inside the service number too.
        let subject = "粤ICP备2026012345号";
        assert_eq!(
            check_footer(&page(&footer_snippet(NUMBER)), subject),
            FooterCheck::Linked
        );
        assert_eq!(
            check_footer(&page(&footer_snippet(subject)), NUMBER),
            FooterCheck::Missing
        );
    }

    #[test]
    fn odd_html_never_panics() {
        // Every prefix of a real footer (unclosed tags, quotes, references, cut characters).
        let html = page(&format!(
            "<a title='x>y' href=\"https://beian.miit.gov.cn/\">&#31908;ICP备2026012345号-1</a> &amp; {}",
            "<img src=x alt=\"粤公网安备\"><!-- c --><script>1<2</script>"
        ));
        for (at, _) in html.char_indices() {
            let _ = check_footer(&html[..at], NUMBER);
            let _ = check_footer(&html[at..], NUMBER);
        }
        assert_eq!(check_footer(&html, NUMBER), FooterCheck::Linked);
        // Random sequences of awkward pieces.
        let pieces = [
            "<",
            ">",
            "</",
            "<a",
            " href=",
            "\"",
            "'",
            "=",
            "&",
            "&#",
            "&#x",
            ";",
            "&#1114112;",
            "&#xD800;",
            "京",
            "ICP备",
            "2026012345",
            "号",
            "-1",
            "</a>",
            "<!--",
            "-->",
            "<script>",
            "</script",
            "<!",
            "<?",
            "/",
            " ",
            "\u{3000}",
            "https://beian.miit.gov.cn/",
            "é",
            "𝄞",
            "０",
            "\u{200b}",
            "<title",
            "<a href='//",
            "@",
            ":",
            "\\",
        ];
        let mut seed = 0x2026_1205_u64;
        for _ in 0..4000 {
            let mut html = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 58) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                html.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let _ = check_footer(&html, "京ICP备2026012345号-1");
            let _ = check_footer(&html, &html);
        }
    }

    #[test]
    fn dated_items_come_by_date_then_the_changes_that_need_a_filing() {
        let filing = guangdong();
        let items = upkeep(
            &filing,
            &approval("2026-12-20"),
            day(2027, 1, 15),
            Locale::ZhCn,
        )
        .unwrap();
        let dated: Vec<&UpkeepItem> = items.iter().filter(|i| i.due.is_some()).collect();
        // The public-security filing is added before the earlier domain expiry: sorting moves it.
        assert!(dated.windows(2).all(|w| w[0].due <= w[1].due), "{dated:?}");
        let kinds: Vec<&str> = dated.iter().map(|i| i.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "domainExpiry",
                "publicSecurity",
                "certificateExpiry",
                "certificateExpiry",
                "certificateExpiry"
            ],
            "{dated:?}"
        );
        let police = items.iter().find(|i| i.kind == "publicSecurity").unwrap();
        assert_eq!(police.due.as_deref(), Some("2027-01-19"));
        assert!(!police.overdue);
        assert!(police.text.contains(PUBLIC_SECURITY_URL), "{}", police.text);
        let domain = items.iter().find(|i| i.kind == "domainExpiry").unwrap();
        assert!(domain.overdue, "2027-01-10 is before 2027-01-15");
        assert!(domain.text.contains("example.cn") && domain.text.contains("注销"));
        assert_eq!(domain.path, "", "example.cn is not a domain of the filing");
        let undated: Vec<&UpkeepItem> = items.iter().filter(|i| i.due.is_none()).collect();
        assert_eq!(undated.len(), 5);
        // The filing's own domains have no known expiry: one line reminds of them all.
        assert_eq!(undated[0].kind, "domainRenewal");
        assert_eq!(undated[0].path, "websites[0].domains[0]");
        assert_eq!(
            undated[0].text,
            "请在域名到期前续费（tencent-example.com、tencent-docs-example.cn）：域名过期被他人注册会导致备案被注销"
        );
        assert!(undated[1..]
            .iter()
            .all(|i| i.kind == "changeFiling" && !i.overdue));
        assert_eq!(
            items.iter().position(|i| i.due.is_none()),
            Some(dated.len())
        );
        // The principal and the two responsible persons share one validity date but are three
        // certificates (in the filing's order); the long-term business licence has none.
        let certificates: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == "certificateExpiry")
            .map(|i| i.path.as_str())
            .collect();
        assert_eq!(
            certificates,
            [
                "subject.principal.certificate.validUntil",
                "websites[0].responsible.certificate.validUntil",
                "websites[1].responsible.certificate.validUntil",
            ]
        );
        assert_eq!(
            upkeep(&filing, &approval("soon"), day(2027, 1, 1), Locale::En),
            None
        );
    }

    #[test]
    fn every_dated_certificate_is_listed_once_and_long_term_ones_not_at_all() {
        let mut filing = guangdong();
        filing.subject.certificate.valid_until = "2031-01-01".into();
        filing.subject.principal.certificate.valid_until = "longTerm".into();
        filing.websites[0].responsible.certificate.valid_until = "2030-05-01".into();
        // The second website's responsible person is the first one's.
        filing.websites[1].responsible = filing.websites[0].responsible.clone();
        let items = upkeep(
            &filing,
            &approval("2026-12-20"),
            day(2026, 12, 20),
            Locale::En,
        )
        .unwrap();
        let certificates: Vec<(&str, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == "certificateExpiry")
            .map(|i| (i.path.as_str(), i.due.as_deref()))
            .collect();
        assert_eq!(
            certificates,
            [
                (
                    "websites[0].responsible.certificate.validUntil",
                    Some("2030-05-01")
                ),
                ("subject.certificate.validUntil", Some("2031-01-01")),
            ]
        );
        let first = items
            .iter()
            .find(|i| i.kind == "certificateExpiry")
            .unwrap();
        assert!(first.text.contains("王强"), "{}", first.text);
        // A name the host kept as typed is named as filed.
        filing.websites[0].responsible.name = " 王 强 ".into();
        let items = upkeep(
            &filing,
            &approval("2026-12-20"),
            day(2026, 12, 20),
            Locale::ZhCn,
        );
        let first = items
            .unwrap()
            .into_iter()
            .find(|i| i.kind == "certificateExpiry")
            .unwrap();
        assert!(first.text.starts_with("王强的证件到期"), "{}", first.text);
    }

    #[test]
    fn an_approval_takes_the_expiry_dates_the_registrar_lookup_reported() {
        let mut filing = guangdong();
        filing.domain_facts = vec![
            crate::model::DomainFacts {
                domain: "tencent-example.com".into(),
                expires_on: "2027-03-01".into(),
                ..Default::default()
            },
            // Known holder, unknown expiry: nothing to remind of.
            crate::model::DomainFacts {
                domain: "tencent-docs-example.com".into(),
                holder_name: "深圳市腾讯计算机系统有限公司".into(),
                ..Default::default()
            },
        ];
        let approval = Approval::of(
            &filing,
            "粤ICP备2026012345号".into(),
            Vec::new(),
            day(2026, 12, 20),
        );
        assert_eq!(approval.approved_on, "2026-12-20");
        assert_eq!(
            approval.domain_expiry,
            [DomainExpiry {
                domain: "tencent-example.com".into(),
                expires_on: "2027-03-01".into(),
            }]
        );
        let items = upkeep(&filing, &approval, day(2026, 12, 20), Locale::ZhCn).unwrap();
        let domains: Vec<(&str, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == "domainExpiry")
            .map(|i| (i.path.as_str(), i.due.as_deref()))
            .collect();
        assert_eq!(domains, [("websites[0].domains[0]", Some("2027-03-01"))]);
        // The domain with a known expiry is dated; the others are reminded of undated.
        let renewal = items.iter().find(|i| i.kind == "domainRenewal").unwrap();
        assert_eq!(renewal.path, "websites[1].domains[0]");
        assert!(
            !renewal.text.contains("tencent-example.com"),
            "{}",
            renewal.text
        );
        assert!(
            renewal.text.contains("tencent-docs-example.cn"),
            "{}",
            renewal.text
        );
    }

    #[test]
    fn overdue_means_before_today_and_a_filed_domain_is_named_by_its_path() {
        let mut filing = guangdong();
        filing.websites[1].domains.push("Example.CN".into());
        let mut approval = approval("2026-12-20");
        approval.domain_expiry.push(DomainExpiry {
            domain: "tencent-example.com".into(),
            expires_on: "2027-01-19".into(),
        });
        let items = upkeep(&filing, &approval, day(2027, 1, 19), Locale::En).unwrap();
        let due_today: Vec<&UpkeepItem> = items
            .iter()
            .filter(|i| i.due.as_deref() == Some("2027-01-19"))
            .collect();
        assert_eq!(due_today.len(), 2);
        assert!(due_today.iter().all(|i| !i.overdue), "{due_today:?}");
        let paths: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == "domainExpiry")
            .map(|i| i.path.as_str())
            .collect();
        assert_eq!(paths, ["websites[1].domains[1]", "websites[0].domains[0]"]);
        let later = upkeep(&filing, &approval, day(2027, 1, 20), Locale::En).unwrap();
        assert!(later
            .iter()
            .filter(|i| i.due.as_deref() == Some("2027-01-19"))
            .all(|i| i.overdue));
        // A new access or a change moves or edits a site that may long be live: its
        // public-security filing is not dated from this approval.
        for filing_type in [FilingType::NewAccess, FilingType::Change] {
            let mut moved = filing.clone();
            moved.filing_type = Some(filing_type);
            let items = upkeep(&moved, &approval, day(2027, 1, 1), Locale::En).unwrap();
            assert!(!items.iter().any(|i| i.kind == "publicSecurity"));
        }
        // No website, no public-security filing.
        filing.websites.clear();
        let items = upkeep(&filing, &approval, day(2027, 1, 1), Locale::En).unwrap();
        assert!(!items.iter().any(|i| i.kind == "publicSecurity"));
    }

    #[test]
    fn every_upkeep_text_exists_in_both_locales_with_the_same_placeholders() {
        let names = |t: &str| -> Vec<String> {
            t.split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
                .collect()
        };
        for (key, zh, en) in TEXTS {
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
            assert_eq!(names(zh), names(en), "{key}");
            assert_eq!(names(zh).len(), 1, "{key}");
        }
        for (_, zh, en) in CHANGES {
            assert!(!zh.is_empty() && !en.is_empty() && !zh.contains('{') && !en.contains('{'));
        }
        let items = upkeep(
            &guangdong(),
            &approval("2026-12-20"),
            day(2026, 12, 20),
            Locale::En,
        )
        .unwrap();
        assert!(items.iter().all(|i| !i.text.contains('{')), "{items:?}");
        assert!(items.iter().all(|i| !i.text.contains('的')), "{items:?}");
    }

    /// The guangdong fixture with an APP, a pre-approval and a remark everywhere: every field
    /// the model has holds a value.
    fn full_filing() -> Filing {
        let mut filing = guangdong();
        let zhejiang = parse_filing(include_str!(
            "../tests/fixtures/enterprise-app-zhejiang.json"
        ))
        .unwrap();
        filing.apps = zhejiang.apps;
        filing.subject.remark = "主体备注".into();
        for (i, w) in filing.websites.iter_mut().enumerate() {
            w.remark = format!("网站备注{i}");
            w.pre_approvals.push(PreApproval {
                category: "news".into(),
                number: format!("新闻许可{i}"),
            });
        }
        for a in &mut filing.apps {
            a.remark = "APP备注".into();
            a.pre_approvals.push(PreApproval {
                category: "publishing".into(),
                number: "出版许可1".into(),
            });
            for p in &mut a.platforms {
                for field in [
                    &mut p.package_name,
                    &mut p.signature_md5,
                    &mut p.public_key,
                    &mut p.cert_sha1,
                ] {
                    if field.is_empty() {
                        field.push('X');
                    }
                }
            }
        }
        filing.subject.principal_is_legal_representative = Some(false);
        filing
    }

    /// The report paths of a JSON value's non-empty leaves; lists of choices as a whole.
    fn leaves(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    let path = if at.is_empty() {
                        key.clone()
                    } else {
                        format!("{at}.{key}")
                    };
                    leaves(v, &path, out);
                }
            }
            serde_json::Value::Array(items) => {
                let whole = at.ends_with(".serviceContent") || at.ends_with(".languages");
                if whole && !items.is_empty() {
                    out.push(at.to_owned());
                } else if !whole {
                    for (i, item) in items.iter().enumerate() {
                        leaves(item, &format!("{at}[{i}]"), out);
                    }
                }
            }
            serde_json::Value::String(s) if s.is_empty() => {}
            _ => out.push(at.to_owned()),
        }
    }

    #[test]
    fn the_diff_covers_every_filed_field_and_names_it_by_its_report_path() {
        let filing = full_filing();
        let mut expected = Vec::new();
        leaves(&serde_json::to_value(&filing).unwrap(), "", &mut expected);
        let ignored = [
            "schemaVersion",
            "filingType",
            "filingNumber",
            "domainFacts",
            "acknowledgedWarnings",
        ];
        expected.retain(|p| !ignored.iter().any(|i| p.starts_with(i)));
        assert!(expected.len() > 70, "{}", expected.len());

        let added = diff(&Filing::default(), &filing);
        let mut paths: Vec<String> = added.iter().map(|c| c.path.clone()).collect();
        assert!(added
            .iter()
            .all(|c| c.before.is_empty() && !c.after.is_empty()));
        paths.sort();
        expected.sort();
        assert_eq!(paths, expected);
        for change in &added {
            let parsed = FieldPath::parse(&change.path);
            assert_eq!(
                parsed.map(|p| p.to_string()).as_deref(),
                Some(change.path.as_str())
            );
        }
        // And the other way round: everything removed, against empty.
        let removed = diff(&filing, &Filing::default());
        assert_eq!(removed.len(), added.len());
        assert!(removed
            .iter()
            .zip(&added)
            .all(|(r, a)| r.path == a.path && r.before == a.after && r.after.is_empty()));
        let legal = added
            .iter()
            .find(|c| c.path == "subject.principalIsLegalRepresentative")
            .unwrap();
        assert_eq!(legal.after, "false");
        let languages = added
            .iter()
            .find(|c| c.path == "websites[0].languages")
            .unwrap();
        assert_eq!(languages.after, "simplifiedChinese, english");
    }

    #[test]
    fn identical_filings_and_unfiled_fields_make_no_difference() {
        let filing = full_filing();
        assert_eq!(diff(&filing, &filing.clone()), []);
        let mut other = filing.clone();
        other.filing_type = Some(crate::model::FilingType::Change);
        other.filing_number = "粤ICP备2026012345号".into();
        other
            .acknowledged_warnings
            .push("x@websites[0].name".into());
        other.domain_facts.push(crate::model::DomainFacts {
            domain: "tencent-example.com".into(),
            expires_on: "2030-01-01".into(),
            ..Default::default()
        });
        other.websites[0].languages.reverse();
        other.subject.name.push(' ');
        assert_eq!(diff(&filing, &other), []);
    }

    #[test]
    fn a_changed_name_and_domain_are_exactly_those_paths() {
        let before = guangdong();
        let mut after = before.clone();
        after.subject.name = "深圳市腾讯科技有限公司".into();
        after.websites[1].domains[0] = "tencent-docs-example.com".into();
        assert_eq!(
            diff(&before, &after),
            [
                Change {
                    path: "subject.name".into(),
                    before: "深圳市腾讯计算机系统有限公司".into(),
                    after: "深圳市腾讯科技有限公司".into(),
                },
                Change {
                    path: "websites[1].domains[0]".into(),
                    before: "tencent-docs-example.cn".into(),
                    after: "tencent-docs-example.com".into(),
                },
            ]
        );
        // A domain added to a list is one change against empty; a new choice changes the list.
        after = before.clone();
        after.websites[0].domains.push("tencent-example.cn".into());
        after.websites[0].service_content.push("other".into());
        let changes = diff(&before, &after);
        let shown: Vec<(&str, &str, &str)> = changes
            .iter()
            .map(|c| (c.path.as_str(), c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("websites[0].domains[1]", "", "tencent-example.cn"),
                (
                    "websites[0].serviceContent",
                    "unitPortal",
                    "unitPortal, other"
                ),
            ]
        );
    }

    #[test]
    fn an_added_website_lists_its_fields_against_empty() {
        let before = guangdong();
        let mut after = before.clone();
        after.websites.push(Website {
            name: "腾讯文档".into(),
            domains: vec!["docs-example.cn".into()],
            homepage: "docs-example.cn".into(),
            service_content: vec!["other".into()],
            languages: vec!["simplifiedChinese".into()],
            responsible: before.websites[0].responsible.clone(),
            ..Website::default()
        });
        let changes = diff(&before, &after);
        assert!(changes
            .iter()
            .all(|c| c.path.starts_with("websites[2].") && c.before.is_empty()));
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "websites[2].name",
                "websites[2].domains[0]",
                "websites[2].homepage",
                "websites[2].serviceContent",
                "websites[2].languages",
                "websites[2].responsible.name",
                "websites[2].responsible.certificate.type",
                "websites[2].responsible.certificate.number",
                "websites[2].responsible.certificate.validUntil",
                "websites[2].responsible.mobile",
                "websites[2].responsible.email",
                "websites[2].responsible.emergencyPhone",
                "websites[2].responsible.officePhone",
            ]
        );
        assert_eq!(changes[0].after, "腾讯文档");
        assert_eq!(changes[6].after, "residentId");
    }

    #[test]
    fn what_a_change_changes_is_read_from_the_differences() {
        let before = guangdong();
        let mut after = before.clone();
        assert_eq!(changed_scope(&before, &after), None);
        // Typing differences are no change.
        after.subject.principal.name = format!(" {} ", before.subject.principal.name);
        assert_eq!(changed_scope(&before, &after), None);
        after.websites[1].responsible.mobile = "13900001111".into();
        assert_eq!(changed_scope(&before, &after), Some(ChangeScope::Services));
        after.subject.principal.mobile = "13900002222".into();
        assert_eq!(changed_scope(&before, &after), Some(ChangeScope::Both));
        let mut after = before.clone();
        after.subject.address.detail.push_str("1号");
        assert_eq!(changed_scope(&before, &after), Some(ChangeScope::Subject));
        // A website removed is a change of the services.
        let mut after = before.clone();
        after.websites.pop();
        assert_eq!(changed_scope(&before, &after), Some(ChangeScope::Services));
        assert!(ChangeScope::Both.covers(ChangeScope::Subject));
        assert!(!ChangeScope::Services.covers(ChangeScope::Subject));
        assert_eq!(
            ChangeScope::Services.with(ChangeScope::Subject),
            ChangeScope::Both
        );
    }

    #[test]
    fn the_changes_to_file_first_are_those_of_what_the_filing_holds() {
        let texts = |filing: &Filing| -> Vec<String> {
            upkeep(
                filing,
                &approval("2026-12-20"),
                day(2026, 12, 20),
                Locale::ZhCn,
            )
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == "changeFiling")
            .map(|i| i.text)
            .collect()
        };
        let websites = texts(&guangdong());
        assert!(websites.iter().any(|t| t.starts_with("网站使用新域名前")));
        assert!(!websites.iter().any(|t| t.starts_with("APP")));
        let mut app_only = guangdong();
        app_only.apps = vec![App {
            name: "示例助手".into(),
            ..App::default()
        }];
        app_only.websites.clear();
        let apps = texts(&app_only);
        assert!(!apps.iter().any(|t| t.starts_with("网站")), "{apps:?}");
        assert!(
            apps.iter().any(|t| t.starts_with("APP新增平台")),
            "{apps:?}"
        );
        assert!(apps.iter().any(|t| t.starts_with("更换接入商")));
        // A unit may replace its principal; an individual, who is the principal, may not.
        assert!(websites.iter().any(|t| t.starts_with("更换主体负责人")));
        let mut individual = guangdong();
        individual.subject.kind = Some(SubjectKind::Individual);
        let own = texts(&individual);
        assert!(!own.iter().any(|t| t.contains("主体负责人")), "{own:?}");
        assert!(
            own.iter().any(|t| t.starts_with("更换网站、APP负责人")),
            "{own:?}"
        );
    }
}
