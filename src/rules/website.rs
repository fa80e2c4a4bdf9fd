//! 网站信息 and APP信息: names, domains, home page, service content, languages,
//! pre-approvals and the responsible person (icp-rules.md §2.1, §5.1–§5.6, §10 rules 6–11, 20).

use std::collections::HashMap;

use super::lists;
use super::person::check_person;
use super::RuleContext;
use crate::ident::{Domain, DomainError};
use crate::model::{App, Filing, PreApproval, SubjectKind, Website};
use crate::report::Collector;

/// Counts a name's length the way §5.1 (Alibaba) does: every character counts except the
/// allowed symbols `(` `)` `-` and spaces.
pub(super) fn counted_length(name: &str) -> usize {
    name.chars()
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | '-' | ' ' | '·'))
        .count()
}

/// Name rules shared by websites and APPs (§5.1 baseline, §2.1 for APPs).
fn check_service_name(
    name: &str,
    path: &str,
    filing: &Filing,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let name = name.trim();
    if name.is_empty() {
        out.error(path, "required").param("field", "service.name");
        return;
    }
    if name.contains('.') && Domain::parse(name).is_ok() {
        out.error(path, "website.name_is_domain");
        return;
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '(' | ')' | '（' | '）' | '-' | ' ' | '·')))
    {
        out.error(path, "website.name_symbols")
            .param("character", c);
        return;
    }
    if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || !c.is_alphanumeric())
    {
        out.error(path, "website.name_latin_only");
        return;
    }
    let length = counted_length(name);
    if length < 3 {
        out.error(path, "website.name_too_short")
            .param("length", length);
        return;
    }
    lists::check_name_words(name, path, filing, ctx, out);
}

pub(super) fn check_websites(filing: &Filing, ctx: &RuleContext, out: &mut Collector) {
    let unit = filing
        .subject
        .kind
        .is_some_and(|k| k != SubjectKind::Individual);
    let individual = filing.subject.kind == Some(SubjectKind::Individual);
    lists::check_order_limits(filing, ctx, out);
    // Every domain in the filing, normalised, to its first path (duplicates, §5.3).
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, site) in filing.websites.iter().enumerate() {
        let base = format!("websites[{i}]");
        check_website(site, &base, filing, &mut seen, ctx, out);
        check_common(
            &site.service_content,
            &site.languages,
            &site.pre_approvals,
            &[&site.name, &site.remark],
            &base,
            filing,
            ctx,
            out,
        );
        check_person(
            &site.responsible,
            &format!("{base}.responsible"),
            unit,
            ctx,
            out,
        );
        if individual {
            super::contacts::check_individual_responsible(filing, &site.responsible, &base, out);
        }
        super::province::check_person_province(
            filing,
            &site.responsible,
            &format!("{base}.responsible"),
            ctx,
            out,
        );
        lists::check_remark(&site.remark, &format!("{base}.remark"), filing, ctx, out);
    }
    for (i, app) in filing.apps.iter().enumerate() {
        let base = format!("apps[{i}]");
        check_app(app, &base, filing, &mut seen, ctx, out);
        check_common(
            &app.service_content,
            &app.languages,
            &app.pre_approvals,
            &[&app.name, &app.remark],
            &base,
            filing,
            ctx,
            out,
        );
        check_person(
            &app.responsible,
            &format!("{base}.responsible"),
            unit,
            ctx,
            out,
        );
        if individual {
            super::contacts::check_individual_responsible(filing, &app.responsible, &base, out);
        }
        super::province::check_person_province(
            filing,
            &app.responsible,
            &format!("{base}.responsible"),
            ctx,
            out,
        );
    }
}

fn check_website(
    site: &Website,
    base: &str,
    filing: &Filing,
    seen: &mut HashMap<String, String>,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    check_service_name(&site.name, &format!("{base}.name"), filing, ctx, out);
    if site.domains.is_empty() {
        out.error(format!("{base}.domains"), "required")
            .param("field", "website.domains");
    }
    let mut parsed = Vec::new();
    for (j, raw) in site.domains.iter().enumerate() {
        let path = format!("{base}.domains[{j}]");
        if let Some(domain) = check_domain(raw, &path, filing, seen, false, ctx, out) {
            parsed.push(domain);
        }
    }
    lists::check_domains_per_website(
        site.domains.len(),
        &format!("{base}.domains"),
        filing,
        ctx,
        out,
    );
    check_homepage(&site.homepage, &parsed, &format!("{base}.homepage"), out);
}

fn check_app(
    app: &App,
    base: &str,
    filing: &Filing,
    seen: &mut HashMap<String, String>,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let name_path = format!("{base}.name");
    check_service_name(&app.name, &name_path, filing, ctx, out);
    lists::check_app_name_words(&app.name, &name_path, ctx, out);
    if app.platforms.is_empty() {
        out.error(format!("{base}.platforms"), "required")
            .param("field", "app.platforms");
    }
    let mut platforms_seen = Vec::new();
    for (j, platform) in app.platforms.iter().enumerate() {
        let path = format!("{base}.platforms[{j}]");
        if platforms_seen.contains(&platform.platform) {
            out.error(format!("{path}.platform"), "app.platform_duplicate")
                .param("platform", &platform.platform);
        }
        platforms_seen.push(platform.platform.clone());
        lists::check_app_platform(platform, &path, ctx, out);
    }
    for (j, raw) in app.domains.iter().enumerate() {
        let path = format!("{base}.domains[{j}]");
        check_domain(raw, &path, filing, seen, true, ctx, out);
    }
}

/// One domain: syntax, duplicates in the filing, TLD and suffix rules. `for_app` allows
/// sub-domains (APPs file the level they use, §2.1) and, for units, a domain shared with a
/// website (individuals need two orders for that).
fn check_domain(
    raw: &str,
    path: &str,
    filing: &Filing,
    seen: &mut HashMap<String, String>,
    for_app: bool,
    ctx: &RuleContext,
    out: &mut Collector,
) -> Option<Domain> {
    if raw.trim().is_empty() {
        out.error(path, "required").param("field", "website.domain");
        return None;
    }
    let domain = match Domain::parse(raw) {
        Ok(d) => d,
        Err(e) => {
            let mut issue = out.error(
                path,
                match e {
                    DomainError::Scheme => "domain.scheme",
                    DomainError::Path => "domain.path",
                    _ => "domain.format",
                },
            );
            if let DomainError::Character { character } = e {
                issue = issue.param("character", character);
            }
            let _ = issue.param("value", raw.trim());
            return None;
        }
    };
    let key = domain.as_str().to_owned();
    let individual = filing.subject.kind == Some(SubjectKind::Individual);
    match seen.get(&key) {
        Some(first) => {
            let first_is_website = first.starts_with("websites");
            let cross_kind = for_app && first_is_website;
            if !cross_kind {
                out.error(path, "domain.duplicate").param("other", first);
            } else if individual {
                out.error(path, "domain.personal_site_and_app")
                    .param("other", first);
            }
        }
        None => {
            seen.insert(key, path.to_owned());
        }
    }
    lists::check_tld(&domain, path, filing, for_app, ctx, out);
    Some(domain)
}

/// 网站首页: under one of the website's domains (§5.3), optional scheme, no spaces.
fn check_homepage(raw: &str, domains: &[Domain], path: &str, out: &mut Collector) {
    let text = raw.trim();
    if text.is_empty() {
        out.error(path, "required")
            .param("field", "website.homepage");
        return;
    }
    let lower = text.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host_port = &rest[..host_end];
    let host = host_port.split(':').next().unwrap_or("");
    let Ok(host) = Domain::parse(host) else {
        out.error(path, "homepage.format");
        return;
    };
    if !domains.is_empty() && !domains.iter().any(|d| d.covers(host.as_str())) {
        out.error(path, "homepage.not_under_domain")
            .param("host", host.as_str());
    }
}

/// Service content, languages and pre-approvals, shared by websites and APPs.
#[allow(clippy::too_many_arguments)]
fn check_common(
    service_content: &[String],
    languages: &[String],
    pre_approvals: &[PreApproval],
    texts: &[&str],
    base: &str,
    filing: &Filing,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let individual = filing.subject.kind == Some(SubjectKind::Individual);
    if service_content.is_empty() {
        out.error(format!("{base}.serviceContent"), "required")
            .param("field", "service.serviceContent");
    }
    for (j, slug) in service_content.iter().enumerate() {
        lists::check_service_content(
            slug,
            &format!("{base}.serviceContent[{j}]"),
            filing,
            ctx,
            out,
        );
    }
    if languages.is_empty() {
        out.error(format!("{base}.languages"), "required")
            .param("field", "service.languages");
    }
    for (j, slug) in languages.iter().enumerate() {
        if !lists::language_known(slug, ctx) {
            out.error(format!("{base}.languages[{j}]"), "language.unknown")
                .param("value", slug);
        }
    }
    for (j, approval) in pre_approvals.iter().enumerate() {
        let path = format!("{base}.preApprovals[{j}]");
        if individual {
            out.error(
                format!("{path}.category"),
                "pre_approval.individual_not_allowed",
            );
            continue;
        }
        if !lists::pre_approval_category_known(&approval.category, ctx) {
            out.error(format!("{path}.category"), "pre_approval.category_unknown")
                .param("value", &approval.category);
        }
        if approval.number.trim().is_empty() {
            out.error(format!("{path}.number"), "required")
                .param("field", "preApproval.number");
        }
    }
    lists::check_pre_approval_topics(texts, pre_approvals, base, filing, ctx, out);
}
