//! 网站信息 and APP信息: names, domains, home page, service content, languages,
//! pre-approvals and the responsible person (docs/sources.md §2.1, §5.1–§5.6, §10 rules 6–11, 20).

use std::collections::BTreeMap;
use std::fmt::{self, Display};

use super::lists;
use super::person::check_person;
use super::subject::is_alphanumeric;
use super::view::{AppView, DomainView, Field, FilingView, PersonView, Service, WebsiteView};
use super::RuleContext;
use crate::ident::{Domain, DomainError, Trimmed};
use crate::model::{PreApproval, SubjectKind};
use crate::report::Collector;

/// The symbols a website name may use (§5.1): brackets and the hyphen, in their half- and
/// full-width forms (a Chinese input method types the full-width ones), spaces and the
/// middle dot. The hyphen's dash forms (‐ – —) and the middle dot's look-alikes (・ • ‧), which
/// input methods and fonts substitute for them, count as those symbols.
fn is_name_symbol(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '（'
            | '）'
            | '-'
            | '－'
            | '\u{2010}'
            | '–'
            | '—'
            | ' '
            | '·'
            | '・'
            | '•'
            | '‧'
    )
}

/// Counts a name's length the way §5.1 (Alibaba) does: every character counts except the
/// allowed symbols `(` `)` `-` and spaces.
pub(super) fn counted_length(name: &str) -> usize {
    name.chars().filter(|&c| !is_name_symbol(c)).count()
}

/// Website name rules (§5.1).
fn check_website_name(
    name: &str,
    path: impl Display + Copy,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let name = name.trimmed();
    if name.is_empty() {
        out.error(path, "required").param("field", "website.name");
        return;
    }
    // A domain ends with a suffix on the lists: 「林晓的.NET笔记」 is a name with a dot,
    // which the symbol rule names.
    if name.contains('.')
        && Domain::parse(name).is_ok()
        && ctx.data.tld_status(name).suffix().is_some()
    {
        out.error(path, "website.name_is_domain");
        return;
    }
    if let Some(c) = name
        .chars()
        .find(|&c| !(is_alphanumeric(c) || is_name_symbol(c)))
    {
        out.error(path, "website.name_symbols")
            .param("character", super::subject::shown(c));
        return;
    }
    if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || !is_alphanumeric(c))
    {
        out.error(path, "website.name_latin_only");
        return;
    }
    let length = counted_length(name);
    let minimum = &ctx.data.national().website_name_min_chars;
    if length < usize::from(minimum.value) {
        out.issue(minimum.severity(), path, "website.name_too_short")
            .param("length", length)
            .param("minimum", minimum.value);
        return;
    }
    lists::check_name_words(name, path, filing, ctx, out);
}

/// APP name rules (§2.1, §12): APP names follow the app stores, not website-name rules, so
/// two-character and Latin names (记账, Keep, WPS Office) are fine. Sensitive words and
/// national prefixes are checked as for websites; symbols or emoji and generic, placeholder
/// or marketing words are warnings.
fn check_app_name(
    name: &str,
    path: impl Display + Copy,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let name = name.trimmed();
    if name.is_empty() {
        out.error(path, "required").param("field", "app.name");
        return;
    }
    if let Some(c) = name.chars().find(|&c| {
        !(is_alphanumeric(c)
            || matches!(
                c,
                ' ' | '('
                    | ')'
                    | '（'
                    | '）'
                    | '-'
                    | '·'
                    | '&'
                    | '+'
                    | '.'
                    | '\''
                    | '_'
                    | ':'
                    | '：'
            ))
    }) {
        out.warning(path, "app.name_symbols")
            .param("character", super::subject::shown(c));
    }
    lists::check_common_name_words(name, path, filing, ctx, out);
    lists::check_app_name_words(name, path, ctx, out);
}

pub(super) fn check_websites(filing: &FilingView, ctx: &RuleContext, out: &mut Collector) {
    let unit = filing
        .subject
        .kind
        .is_some_and(|k| k != SubjectKind::Individual);
    let individual = filing.subject.kind == Some(SubjectKind::Individual);
    let principal = &filing.subject.principal;
    lists::check_order_limits(filing, ctx, out);
    // The subject's name is searched for pre-approval keywords with every service; a party or
    // government body's name names its remit (教育局, 广播电视局), not a service it runs.
    let subject_topics = if filing.subject.kind == Some(SubjectKind::Government) {
        Vec::new()
    } else {
        ctx.data.pre_approval_matches(&filing.subject.name)
    };
    let domains_limit = lists::domains_per_website_limit(filing, ctx);
    // Every domain in the filing, normalised, to its first path (duplicates, §5.3).
    let mut seen = FirstSeen::new();
    for (i, site) in filing.websites.iter().enumerate() {
        let service = Service::Website(i);
        check_website(site, service, filing, &mut seen, ctx, out);
        super::province::check_website_province(filing, i, ctx, out);
        lists::check_domains_per_website(
            site.domains.len(),
            domains_limit,
            Field(service, "domains"),
            out,
        );
        check_common(
            site.service_content,
            site.languages,
            site.pre_approvals,
            [&site.name, site.remark],
            &subject_topics,
            service,
            filing,
            ctx,
            out,
        );
        check_responsible(filing, &site.responsible, service, unit, ctx, out);
        if individual {
            super::contacts::check_individual_responsible(
                principal,
                &site.responsible,
                service,
                ctx,
                out,
            );
        }
        lists::check_remark(site, Field(service, "remark"), filing, ctx, out);
    }
    for (i, app) in filing.apps.iter().enumerate() {
        let service = Service::App(i);
        check_app(app, service, filing, &mut seen, ctx, out);
        check_common(
            app.service_content,
            app.languages,
            app.pre_approvals,
            [app.name, app.remark],
            &subject_topics,
            service,
            filing,
            ctx,
            out,
        );
        check_responsible(filing, &app.responsible, service, unit, ctx, out);
        if individual {
            super::contacts::check_individual_responsible(
                principal,
                &app.responsible,
                service,
                ctx,
                out,
            );
        }
    }
}

/// The responsible person's own fields and the province rules about them.
fn check_responsible(
    filing: &FilingView,
    responsible: &PersonView,
    service: Service,
    unit: bool,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let who = service.responsible();
    check_person(responsible, who, unit, ctx, out);
    super::province::check_person_province(filing, responsible, who, out);
}

fn check_website(
    site: &WebsiteView,
    service: Service,
    filing: &FilingView,
    seen: &mut FirstSeen,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    check_website_name(&site.name, Field(service, "name"), filing, ctx, out);
    let domains_path = Field(service, "domains");
    if site.domains.is_empty() {
        out.error(domains_path, "required")
            .param("field", "website.domains");
    }
    for (j, domain) in site.domains.iter().enumerate() {
        check_domain(domain, DomainAt(service, j), filing, seen, ctx, out);
    }
    check_homepage(
        site.homepage,
        &site.domains,
        Field(service, "homepage"),
        out,
    );
}

fn check_app(
    app: &AppView,
    service: Service,
    filing: &FilingView,
    seen: &mut FirstSeen,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    check_app_name(app.name, Field(service, "name"), filing, ctx, out);
    if app.platforms.is_empty() {
        out.error(Field(service, "platforms"), "required")
            .param("field", "app.platforms");
    }
    for (j, platform) in app.platforms.iter().enumerate() {
        let at = PlatformAt(service, j);
        if app.platforms[..j]
            .iter()
            .any(|earlier| earlier.platform == platform.platform)
        {
            out.error(Field(at, "platform"), "app.platform_duplicate")
                .param("platform", platform.platform);
        }
        // A package name is one APP's on its platform: another APP of this filing with it
        // is most likely the same APP entered twice.
        let package = platform.package_name.trimmed();
        let earlier = match service {
            Service::App(index) => filing.apps.get(..index).unwrap_or_default(),
            Service::Website(_) => &[],
        };
        let other = earlier.iter().position(|a| {
            a.platforms.iter().any(|p| {
                p.platform == platform.platform
                    && !package.is_empty()
                    && p.package_name.trimmed() == package
            })
        });
        if let Some(other) = other {
            out.warning(Field(at, "packageName"), "app.package_duplicate")
                .param("other", Field(Service::App(other), "name"));
        }
        lists::check_app_platform(platform, at, ctx, out);
    }
    for (j, domain) in app.domains.iter().enumerate() {
        check_domain(domain, DomainAt(service, j), filing, seen, ctx, out);
    }
}

/// Each domain of the filing with the path where it first appears (`websites[0].domains[1]`).
/// A map, not a list, so that a body with thousands of domains is checked in n·log n; keyed and
/// valued by text, the type the issue parameters already use.
type FirstSeen = BTreeMap<String, String>;

/// `{service}.domains[{j}]`.
#[derive(Clone, Copy)]
struct DomainAt(Service, usize);

impl fmt::Display for DomainAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.domains[{}]", self.0, self.1)
    }
}

/// `{service}.platforms[{j}]`.
#[derive(Clone, Copy)]
struct PlatformAt(Service, usize);

impl fmt::Display for PlatformAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.platforms[{}]", self.0, self.1)
    }
}

/// One domain: syntax, duplicates in the filing, TLD and suffix rules. APPs may file
/// sub-domains (they file the level they use, §2.1) and, for units, a domain shared with a
/// website (individuals need two orders).
fn check_domain(
    domain: &DomainView,
    path: DomainAt,
    filing: &FilingView,
    seen: &mut FirstSeen,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let text = domain.text();
    let for_app = matches!(path.0, Service::App(_));
    if text.is_empty() {
        // An APP's domains are optional: a row left empty is no domain, not a missing one.
        if !for_app {
            out.error(path, "required").param("field", "website.domain");
        }
        return;
    }
    let domain = match &domain.parsed {
        Ok(d) => d,
        Err(e) => {
            let mut issue = out.error(
                path,
                match e {
                    DomainError::Scheme => "domain.scheme",
                    DomainError::Path => "domain.path",
                    DomainError::IpAddress => "domain.ip_address",
                    _ => "domain.format",
                },
            );
            if let DomainError::Character { character } = e {
                issue = issue.param("character", character);
            }
            let _ = issue.param("value", text);
            return;
        }
    };
    let individual = filing.subject.kind == Some(SubjectKind::Individual);
    match seen.get(domain.as_str()) {
        Some(first) => {
            let first_is_website = first.starts_with("websites");
            // An APP may use a domain a website or another APP of the subject uses (an API
            // host shared by a consumer and a merchant app, §2.1); within one service, or
            // between two websites, a domain is given once.
            let same_service = first
                .strip_prefix(&path.0.to_string())
                .is_some_and(|rest| rest.starts_with('.'));
            let shared = for_app && !same_service;
            if !shared {
                out.error(path, "domain.duplicate").param("other", first);
            } else if individual && first_is_website {
                out.warning(path, "domain.personal_site_and_app")
                    .param("other", first);
            }
        }
        None => {
            seen.insert(domain.as_str().to_owned(), path.to_string());
        }
    }
    lists::check_tld(domain, path, filing, for_app, ctx, out);
}

/// 网站首页: under one of the website's domains (§5.3), optional scheme, no spaces.
fn check_homepage(
    raw: &str,
    domains: &[DomainView],
    path: impl Display + Copy,
    out: &mut Collector,
) {
    let text = raw.trimmed();
    if text.is_empty() {
        out.error(path, "required")
            .param("field", "website.homepage");
        return;
    }
    // The scheme in any case; the host is folded by `Domain::parse`.
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| {
            text.get(..scheme.len())
                .filter(|head| head.eq_ignore_ascii_case(scheme))
                .map(|_| &text[scheme.len()..])
        })
        .unwrap_or(text);
    let host_end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let host_port = &rest[..host_end];
    let host = host_port.split(':').next().unwrap_or("");
    let Ok(host) = Domain::parse(host) else {
        out.error(path, "homepage.format");
        return;
    };
    let mut valid = domains
        .iter()
        .filter_map(|d| d.parsed.as_ref().ok())
        .peekable();
    if valid.peek().is_some() && !valid.any(|d| d.covers(host.as_str())) {
        out.warning(path, "homepage.not_under_domain")
            .param("host", host.as_str());
    }
}

/// Service content, languages and pre-approvals, shared by websites and APPs.
/// `subject_topics`: the pre-approval keywords in the subject's name.
#[allow(clippy::too_many_arguments)]
fn check_common(
    service_content: &[String],
    languages: &[String],
    pre_approvals: &[PreApproval],
    [name, remark]: [&str; 2],
    subject_topics: &[(&str, &str)],
    service: Service,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let individual = filing.subject.kind == Some(SubjectKind::Individual);
    if service_content.is_empty() {
        out.error(Field(service, "serviceContent"), "required")
            .param("field", "service.serviceContent");
    }
    for (j, slug) in service_content.iter().enumerate() {
        lists::check_service_content(
            slug,
            format_args!("{service}.serviceContent[{j}]"),
            matches!(service, Service::Website(_)),
            filing,
            ctx,
            out,
        );
    }
    if languages.is_empty() {
        out.error(Field(service, "languages"), "required")
            .param("field", "service.languages");
    }
    for (j, slug) in languages.iter().enumerate() {
        if !lists::language_known(slug, ctx) {
            out.error(format_args!("{service}.languages[{j}]"), "language.unknown")
                .param("value", slug);
        }
    }
    for (j, approval) in pre_approvals.iter().enumerate() {
        let category_path = format_args!("{service}.preApprovals[{j}].category");
        if individual {
            out.error(category_path, "pre_approval.individual_not_allowed");
            continue;
        }
        if !lists::pre_approval_category_known(&approval.category, ctx) {
            out.error(category_path, "pre_approval.category_unknown")
                .param("value", &approval.category);
        }
        if approval.number.trimmed().is_empty() {
            out.error(
                format_args!("{service}.preApprovals[{j}].number"),
                "required",
            )
            .param("field", "preApproval.number");
        }
    }
    lists::check_pre_approval_topics(
        name,
        remark,
        subject_topics,
        pre_approvals,
        service,
        filing,
        ctx,
        out,
    );
}
