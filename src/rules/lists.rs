//! Rules driven by the lists in the rule data (docs/sources.md §2.1, §5.1–§5.6): name words,
//! TLDs, catalogues, pre-approval keywords, per-order limits and remark requirements.

use std::fmt::Display;

use super::view::{Field, FilingView, Phone, PlatformView, Service, WebsiteView};
use super::RuleContext;
use crate::ident::{Domain, Trimmed};
use crate::model::{FilingType, PreApproval, SubjectKind};
use crate::report::{Collector, Severity};
use crate::ruledata::{
    has_word, Condition, Confidence, Item, PackageNameFormat, PerKind, Sourced, TldStatus,
};

fn kind(filing: &FilingView) -> Option<SubjectKind> {
    filing.subject.kind
}

fn is_individual(filing: &FilingView) -> bool {
    kind(filing) == Some(SubjectKind::Individual)
}

/// Names that begin a street's or a square's name: every city has a 人民路 and a 中华路.
const PLACE_AFTER_PREFIX: [&str; 14] = [
    "路", "街", "巷", "桥", "村", "大道", "大街", "广场", "公园", "东路", "西路", "南路", "北路",
    "中路",
];

/// Whether a name's national prefix `word` is no claim to national level: the subject's own
/// name starts with it (a national-level unit), the name's first words are part of the
/// subject's name (「人民医院网站」 of 「某县人民医院」), or the word begins a place's name
/// (人民路小学, 中华路街道办事处).
fn national_prefix_explained(name: &str, word: &str, subject: &str) -> bool {
    let (name, subject) = (name.trim_start(), subject.trim());
    if subject.starts_with(word) {
        return true;
    }
    let Some(rest) = name.strip_prefix(word) else {
        return false;
    };
    if PLACE_AFTER_PREFIX
        .iter()
        .any(|place| rest.starts_with(place))
    {
        return true;
    }
    let head_len = word.len() + rest.chars().take(2).map(char::len_utf8).sum::<usize>();
    head_len > word.len() && subject.contains(&name[..head_len])
}

/// Words of a website or APP name that every service name is held to (§5.1): a national
/// prefix (中国, 国家, …; national-level units may use one with documents, so a warning, and
/// none when the subject's own name starts with the same word) and sensitive words (an error,
/// a warning for a unit's 廉政 or 反腐, none for 党政机关, whose work they may name).
pub(super) fn check_common_name_words(
    name: &str,
    path: impl Display + Copy,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let data = ctx.data;
    if let Some(word) = data.national_prefix_of(name) {
        if !national_prefix_explained(name, word, &filing.subject.name) {
            out.issue(
                data.words().national_prefixes.severity,
                path,
                "website.name_national_prefix",
            )
            .param("word", word);
        }
    }
    let words = data.sensitive_words_in(name);
    let unit = !matches!(kind(filing), Some(SubjectKind::Individual) | None);
    // A unit's own discipline work (its 纪检监察's 廉政 pages) is a word to confirm; any other
    // sensitive word in the same name is what is told.
    let work = |word: &&str| UNIT_WORK_WORDS.contains(word);
    let word = match unit {
        true => words.iter().find(|w| !work(w)).or(words.first()),
        false => words.first(),
    };
    match word {
        // A discipline commission's 廉政网 names its work (§5.1).
        _ if kind(filing) == Some(SubjectKind::Government) => {}
        None => {}
        Some(word) if unit && work(word) => {
            out.warning(path, "website.name_sensitive_unit")
                .param("word", word);
        }
        // After another Chinese character it may be the end of one word and the start of
        // the next (秋色 + 情怀), or it is part of a harmless longer word (反腐蚀,
        // anti-corrosion): the filer confirms.
        Some(word) if data.may_straddle_words(name, word) || only_in_harmless_words(name, word) => {
            out.warning(path, "website.name_sensitive_inside")
                .param("word", word);
        }
        Some(word) => {
            out.issue(
                data.words().sensitive.severity,
                path,
                "website.name_sensitive",
            )
            .param("word", word);
        }
    }
}

/// Sensitive words that name the work of a unit's discipline inspection (廉政, 反腐): a unit
/// other than a 党政机关 using one confirms it; the others (赌博, 色情) no unit's site uses.
const UNIT_WORK_WORDS: &[&str] = &["反腐", "廉政"];

/// Longer words that hold a sensitive word but mean something else: 反腐蚀 (anti-corrosion,
/// as in 防腐反腐蚀 coatings) is not 反腐 (anti-corruption).
const HARMLESS_WORDS: &[&str] = &["反腐蚀"];

/// Whether every occurrence of `word` in `name` lies inside one of [`HARMLESS_WORDS`].
fn only_in_harmless_words(name: &str, word: &str) -> bool {
    let inside = |at: usize| {
        HARMLESS_WORDS.iter().any(|harmless| {
            harmless.match_indices(word).any(|(offset, _)| {
                at.checked_sub(offset)
                    .and_then(|start| name.get(start..))
                    .is_some_and(|rest| rest.starts_with(harmless))
            })
        })
    };
    has_word(name, word) && name.match_indices(word).all(|(at, _)| inside(at))
}

/// Words that name a site as a person's own (陈立的个人博客), which a unit's site is not.
const PERSONAL_SITE_WORDS: &[&str] = &[
    "个人博客",
    "个人网站",
    "个人主页",
    "个人空间",
    "个人站点",
    "个人日志",
    "个人笔记",
];

/// Website name words (§5.1): the common ones, then the personal-site lists.
pub(super) fn check_name_words(
    name: &str,
    path: impl Display + Copy,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let data = ctx.data;
    check_common_name_words(name, path, filing, ctx, out);
    if is_individual(filing) {
        // A word on both lists (反腐) is told once, as the sensitive word it is: not also as a
        // forbidden word the filer could confirm away.
        let told = data.sensitive_words_in(name).first().copied();
        for (word, severity) in data
            .personal_forbidden_words_in(name)
            .into_iter()
            .filter(|(word, _)| Some(*word) != told)
        {
            let code = match severity {
                Severity::Error => "website.name_forbidden_word",
                _ if data
                    .words()
                    .personal_forbidden
                    .words
                    .iter()
                    .any(|w| w == word) =>
                {
                    "website.name_forbidden_word_inside"
                }
                Severity::Warning => "website.name_discouraged_word",
            };
            out.issue(severity, path, code).param("word", word);
        }
        if let Some(word) = data.place_prefix_in(name) {
            out.warning(path, "website.name_discouraged_word")
                .param("word", word);
        }
    } else if kind(filing).is_some() {
        // A unit's site is named for the unit or its business (§5.1, M).
        if let Some(word) = PERSONAL_SITE_WORDS.iter().find(|w| has_word(name, w)) {
            out.warning(path, "website.unit_name_personal")
                .param("word", word);
        }
    }
}

/// Generic or marketing words in an APP name (§2.1, L: warnings).
pub(super) fn check_app_name_words(
    name: &str,
    path: impl Display + Copy,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    for (word, severity) in ctx.data.app_name_words_in(name) {
        out.issue(severity, path, "app.name_generic")
            .param("word", word);
    }
}

/// Services per order (websites and APPs together, §5.3, §12: an individual's order holds
/// one) and new domains per order (§6).
pub(super) fn check_order_limits(filing: &FilingView, ctx: &RuleContext, out: &mut Collector) {
    let Some(kind) = kind(filing) else { return };
    let province = if filing.province.is_empty() {
        "000000"
    } else {
        filing.province
    };
    if let Some((max, rule)) = ctx.data.max_websites_per_order(filing.province, kind) {
        let count = filing.websites.len() + filing.apps.len();
        if count > max as usize {
            out.issue(rule.severity(), "websites", "websites.too_many")
                .param("province", province)
                .param("max", max)
                .param("count", count)
                .param("what", "services");
        }
    }
    if let Some((max, rule)) = ctx.data.max_new_domains_per_order(filing.province, kind) {
        let count: usize = filing.websites.iter().map(|w| w.domains.len()).sum();
        if count > max as usize {
            out.issue(rule.severity(), "websites", "websites.too_many")
                .param("province", province)
                .param("max", max)
                .param("count", count)
                .param("what", "domains");
        }
    }
}

/// Domains per website (§5.3: Tencent 1; disputed, so the data's severity applies).
/// `limit`: [`domains_per_website_limit`].
pub(super) fn check_domains_per_website(
    count: usize,
    limit: Option<(u32, &Sourced<PerKind>)>,
    path: impl Display,
    out: &mut Collector,
) {
    if let Some((max, rule)) = limit {
        if count > max as usize {
            out.issue(rule.severity(), path, "domains.too_many")
                .param("max", max)
                .param("count", count);
        }
    }
}

/// The most domains a website of this filing should have, and the rule saying so. The
/// limit is for websites filed now (first filings, new websites): a website filed earlier
/// with several domains keeps them when it moves to this provider (new access) or when its
/// filing changes.
pub(super) fn domains_per_website_limit<'a>(
    filing: &FilingView,
    ctx: &RuleContext<'a>,
) -> Option<(u32, &'a Sourced<PerKind>)> {
    if matches!(
        filing.filing_type,
        Some(FilingType::NewAccess | FilingType::Change)
    ) {
        return None;
    }
    ctx.data
        .max_domains_per_website(filing.province, kind(filing)?)
}

/// Remark requirements (§6 national and per province) that apply to one website: those
/// for its subject kind and filing type whose condition (`onlyIf`) the filing shows to be
/// true. A condition no filing can show (a non-local mobile) never makes a remark required;
/// the field's hint tells the filer instead.
pub(super) fn check_remark(
    site: &WebsiteView,
    path: impl Display + Copy,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    if !site.remark.trimmed().is_empty() {
        return;
    }
    let holds = |condition: Option<Condition>| match condition {
        None => true,
        // The subject's remark, which `address.no_house_number` already asks for; and a
        // fact no filing can show.
        Some(Condition::NoHouseNumber | Condition::NonLocalMobile) => false,
        Some(Condition::OfficePhoneIsMobile) => filing
            .persons()
            .any(|(_, p)| matches!(p.office_phone.kind, Phone::Mobile)),
        Some(Condition::NameIsNotSubjectName) => {
            let name = site.name.trimmed();
            !name.is_empty() && !name.contains(filing.subject.name.trimmed())
        }
        Some(Condition::SeveralDomains) => site.domains.len() > 1,
    };
    // Every requirement that applies, in one issue (one confirmation covers them all).
    let due: Vec<&Item> = ctx
        .data
        .remark_requirements(filing.province_rules)
        .filter(|item| {
            item.applies(kind(filing), filing.filing_type)
                && item.when.is_none()
                && holds(item.only_if)
        })
        .collect();
    let Some(first) = due.first() else {
        return;
    };
    let severity = if due.iter().any(|item| item.severity() == Severity::Error) {
        Severity::Error
    } else {
        first.severity()
    };
    let ids: Vec<&str> = due.iter().map(|item| item.id.as_str()).collect();
    out.issue(severity, path, "remark.required")
        .param(
            "province",
            if filing.province.is_empty() {
                "000000"
            } else {
                filing.province
            },
        )
        .param("requirement", ids.join(","));
}

/// One APP platform entry (§2.1, §10 rule 20): known platform, its required fields, the
/// package name's shape and the fingerprints' lengths.
pub(super) fn check_app_platform(
    platform: &PlatformView,
    path: impl Display + Copy,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let Some(info) = ctx.data.app_platform(platform.platform) else {
        if platform.platform.is_empty() {
            out.error(Field(path, "platform"), "required")
                .param("field", "app.platform");
        } else {
            out.error(Field(path, "platform"), "app.platform_unknown")
                .param("value", platform.platform);
        }
        return;
    };
    let field = |name: &str| -> &str {
        match name {
            "packageName" => &platform.package_name,
            "signatureMd5" => &platform.signature_md5,
            "publicKey" => platform.public_key,
            "certSha1" => &platform.cert_sha1,
            _ => "",
        }
    };
    for name in &info.required {
        if field(name).trimmed().is_empty() {
            out.error(format_args!("{path}.{name}"), "required")
                .param("field", format!("app.{name}"));
        }
    }
    let package = platform.package_name.trimmed();
    let package_ok = match info.package_name_format {
        PackageNameFormat::ReverseDns if platform.platform == "harmony" => {
            is_harmony_bundle_name(package)
        }
        PackageNameFormat::ReverseDns => is_reverse_dns(package),
        PackageNameFormat::BundleId => is_bundle_id(package),
        PackageNameFormat::AppId => is_app_id(package),
    };
    if !package.is_empty() && !package_ok {
        let package_path = Field(path, "packageName");
        match info.package_name_format {
            // Apple's characters are a rule (§12, H); reverse-DNS is only what it recommends.
            PackageNameFormat::BundleId if is_bundle_id_text(package) => {
                out.warning(package_path, "app.bundle_id_reverse_dns");
            }
            PackageNameFormat::BundleId => {
                out.error(package_path, "app.bundle_id_format");
            }
            // Each platform gives its own AppID; only their common form is known (§2.1, L).
            PackageNameFormat::AppId => {
                out.warning(package_path, "app.app_id_format");
            }
            // Android's applicationId rule is certain; other platforms' formats are inferred.
            _ => {
                let severity = if info.confidence == Confidence::H {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                out.issue(severity, package_path, "app.package_name_format");
            }
        }
    }
    let hex = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit());
    let md5 = compact(&platform.signature_md5);
    // How many characters were given says what was pasted (40: a SHA-1, 32: an MD5).
    if !md5.is_empty() && !hex(&md5, 32) {
        out.error(Field(path, "signatureMd5"), "app.md5_format")
            .param("length", md5.chars().count());
    }
    let sha1 = compact(&platform.cert_sha1);
    if !sha1.is_empty() && !hex(&sha1, 40) {
        out.error(Field(path, "certSha1"), "app.sha1_format")
            .param("length", sha1.chars().count());
    } else if sha1.is_empty() && info.recommended.iter().any(|r| r == "certSha1") {
        out.warning(Field(path, "certSha1"), "app.sha1_missing");
    }
}

fn compact(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .collect()
}

/// A mini-program's AppID as the platforms give it: ASCII letters and digits only (no name or
/// spaces pasted), and a WeChat one (`wx…`) is `wx` and 16 more (`wx8a9f8b7c6d5e4f3a`, [S41]).
fn is_app_id(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_alphanumeric()) && (!id.starts_with("wx") || id.len() == 18)
}

/// `com.example.app`: at least two dot-separated segments, each a letter followed by
/// letters, digits or underscores.
fn is_reverse_dns(name: &str) -> bool {
    let segments: Vec<&str> = name.split('.').collect();
    segments.len() >= 2
        && segments.iter().all(|s| {
            let mut chars = s.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// A HarmonyOS bundle name ([S44]): dot-separated segments of letters, digits and `_`, the
/// first starting with a letter, the others with a letter or digit, each ending with one; an
/// atomic service's is `com.atomicservice.` and its numeric APP ID.
fn is_harmony_bundle_name(name: &str) -> bool {
    let mut segments = 0;
    for segment in name.split('.') {
        let bytes = segment.as_bytes();
        let ok = match (bytes.first(), bytes.last()) {
            (Some(first), Some(last)) => {
                (first.is_ascii_alphabetic() || (segments > 0 && first.is_ascii_digit()))
                    && last.is_ascii_alphanumeric()
                    && bytes
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
            }
            _ => false,
        };
        if !ok {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

/// An iOS Bundle ID (Apple: "A–Z, a–z, 0–9, hyphen and period"): at least two non-empty
/// dot-separated segments of those characters.
/// Only the characters Apple allows in a Bundle ID, in non-empty dot-separated segments.
fn is_bundle_id_text(name: &str) -> bool {
    name.split('.').all(|segment| {
        !segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

fn is_bundle_id(name: &str) -> bool {
    let mut segments = 0;
    for segment in name.split('.') {
        if segment.is_empty()
            || !segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

/// TLD and suffix rules for one domain (§5.2, §10 rule 6): not fileable is an error, a
/// disputed TLD or one on no list a warning; `.gov.cn`/`.政务` only for government bodies;
/// government and public-institution sites on their suffixes; websites file the registrable
/// domain, APPs the level they use.
pub(super) fn check_tld(
    domain: &Domain,
    path: impl Display + Copy,
    filing: &FilingView,
    for_app: bool,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let name = domain.as_str();
    let status = ctx.data.tld_status_normalized(name);
    let kind = kind(filing);
    match &status {
        TldStatus::NotFileable { suffix, group } => {
            out.issue(group.severity(), path, "domain.tld_not_fileable")
                .param("suffix", suffix);
            return;
        }
        TldStatus::Warn { suffix, .. } => {
            out.warning(path, "domain.tld_caution")
                .param("suffix", suffix);
        }
        TldStatus::GovernmentOnly { suffix, group } if kind != Some(SubjectKind::Government) => {
            out.issue(group.severity(), path, "domain.government_only")
                .param("suffix", suffix);
            return;
        }
        TldStatus::Unknown => {
            let suffix = name.rsplit('.').next().unwrap_or(name);
            match TLD_TYPOS.iter().find(|(typo, _)| *typo == suffix) {
                Some((_, meant)) => out
                    .warning(path, "domain.tld_typo")
                    .param("suffix", suffix)
                    .param("suggestion", meant),
                None => out
                    .warning(path, "domain.tld_unlisted")
                    .param("suffix", suffix),
            };
            return;
        }
        _ => {}
    }
    // Which suffix a government body's or public institution's website uses (§5.2); an APP's
    // domains serve its API and are not its website.
    match kind {
        Some(SubjectKind::Government) if !for_app && !ctx.data.is_government_domain(name) => {
            out.warning(path, "domain.government_suffix");
        }
        Some(SubjectKind::Institution)
            if !for_app && !ctx.data.institution_domain_allowed(name) =>
        {
            out.warning(path, "domain.institution_suffix");
        }
        _ => {}
    }
    if is_individual(filing) {
        if let Some(p) = filing.province_rules {
            if let Some(rule) = &p.individual_forbidden_tlds {
                let tld = name.rsplit('.').next().unwrap_or(name);
                if rule.value.iter().any(|t| t == tld) {
                    out.issue(rule.severity(), path, "domain.tld_refused_for_individuals")
                        .param("province", &p.code)
                        .param("suffix", tld);
                }
            }
        }
    }
    // linxiao.cn.com is a name sold under cn.com, not a sub-domain of a domain to file.
    if let Some(registry) = crate::ruledata::second_level_registry(name) {
        out.warning(path, "domain.second_level_registry")
            .param("registry", registry);
    } else if !for_app && !name.ends_with(".gov.cn") {
        // Under gov.cn a department files its own name (fgw.beijing.gov.cn): the sub-domain
        // exception does not hold there ([S12-domain]).
        let registrable = crate::ruledata::registrable_domain(name, status.suffix());
        if let Some(registrable) = registrable.filter(|r| *r != name) {
            out.warning(path, "domain.subdomain")
                .param("domain", name)
                .param("registrable", registrable);
        }
    }
}

/// Slips of the keyboard for .com, .net and .org that are no top-level domain (IANA root zone),
/// with the suffix meant.
const TLD_TYPOS: &[(&str, &str)] = &[
    ("con", "com"),
    ("cpm", "com"),
    ("ocm", "com"),
    ("cmo", "com"),
    ("vom", "com"),
    ("xom", "com"),
    ("comm", "com"),
    ("coom", "com"),
    ("nte", "net"),
    ("ner", "net"),
    ("nett", "net"),
    ("ogr", "org"),
    ("rog", "org"),
    ("orgg", "org"),
];

/// One service-content slug (§5.4): known, and for a personal website one of those personal
/// sites may choose (the list is a website's: an APP's content, such as `app`, is not held
/// to it).
pub(super) fn check_service_content(
    slug: &str,
    path: impl Display + Copy,
    for_website: bool,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    if ctx.data.service_content(slug).is_none() {
        out.error(path, "service_content.unknown")
            .param("value", slug);
        return;
    }
    if for_website && is_individual(filing) {
        let allowed = ctx.data.personal_allowed_service_content(filing.province);
        if !allowed.iter().any(|a| a == slug) {
            out.warning(path, "service_content.personal_not_allowed")
                .param("value", slug)
                .param("allowed", allowed.join(","));
        }
    }
}

pub(super) fn language_known(slug: &str, ctx: &RuleContext) -> bool {
    ctx.data.language(slug).is_some()
}

pub(super) fn pre_approval_category_known(slug: &str, ctx: &RuleContext) -> bool {
    ctx.data.pre_approval_category(slug).is_some()
}

/// Pre-approval keywords (§5.6, §10 rule 10, §12): in the service's name, in what its remark
/// affirms (a remark saying what the site does *not* cover is what providers ask for) and,
/// for units, in the subject's name (`subject_topics`, found once per filing; a government
/// body's words that its own name holds are its remit, not a service). The keyword
/// lists are mostly inferred, so every finding is a warning: an individual is told at the
/// field that matched that such content needs a pre-approval individuals can't hold; a unit
/// is asked to add the approval or confirm it doesn't apply.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_pre_approval_topics(
    name: &str,
    remark: &str,
    subject_topics: &[(&str, &str)],
    pre_approvals: &[PreApproval],
    service: Service,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let individual = is_individual(filing);
    let unit_subject: &[(&str, &str)] = if individual { &[] } else { subject_topics };
    let found = ctx.data.service_topics(name, remark);
    // One issue per field, naming every category found there: a filer confirms each
    // warning once, under one "code@path" key.
    let mut reported: Vec<&str> = Vec::new();
    // (field, abolished nationally, categories, words): the approvals abolished nationally,
    // which only some bureaus still ask for, are told apart from the others (§5.6).
    let mut at_field: Vec<(&str, bool, Vec<&str>, Vec<&str>)> = Vec::new();
    let own = found
        .iter()
        .flat_map(|(field, matches)| matches.iter().map(move |m| (*field, *m)));
    let subject = unit_subject.iter().map(|m| ("subject", *m));
    // A party or government body's website that names the body (海淀区教育委员会网站) names its
    // remit, as the body's own name does.
    let government = kind(filing) == Some(SubjectKind::Government);
    for (field, (category, keyword)) in own.chain(subject) {
        if reported.contains(&category) || pre_approvals.iter().any(|p| p.category == category) {
            continue;
        }
        if government && filing.subject.name.contains(keyword) {
            continue;
        }
        // An individual is told to deny the topic in the remark: once it does, the keyword in
        // the name or elsewhere in the remark is answered.
        if individual && ctx.data.remark_denies(remark, category, keyword) {
            continue;
        }
        reported.push(category);
        // A unit adds the approval in one place whatever matched.
        let field = if individual { field } else { "preApprovals" };
        let abolished = ctx
            .data
            .pre_approval_category(category)
            .is_some_and(|c| c.abolished_nationally);
        match at_field
            .iter_mut()
            .find(|(f, a, ..)| *f == field && *a == abolished)
        {
            Some((_, _, categories, words)) => {
                categories.push(category);
                words.push(keyword);
            }
            None => at_field.push((field, abolished, vec![category], vec![keyword])),
        }
    }
    for (field, abolished, categories, words) in at_field {
        let code = match (individual, abolished) {
            (true, false) => "website.personal_pre_approval_topic",
            (true, true) => "website.personal_abolished_topic",
            (false, true) => "pre_approval.abolished_topic",
            (false, false) => "pre_approval.required",
        };
        out.warning(Field(service, field), code)
            .param("category", categories.join(","))
            .param("word", words.join("”“"));
    }
}
