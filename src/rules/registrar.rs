//! MIIT's domain check (§5.2, §12) on the registrar facts the host supplies with the filing
//! (`domainFacts`): the holder is the subject, the registration is valid for long enough,
//! and real-name verification is done and has had time to reach the MIIT. A fact that is not
//! given is not checked.

use std::fmt::Display;

use super::person::add_months;
use super::view::{DomainView, FilingView, Service};
use super::RuleContext;
use crate::dates::parse_iso_date;
use crate::ident::{to_half_width, Domain, Trimmed};
use crate::model::{DomainFacts, SubjectKind};
use crate::report::Collector;
use chrono::NaiveDate;

/// Days after real-name verification during which the MIIT may not have it yet (Tencent 3
/// working days, Huawei 3–5: a calendar week covers both).
const REAL_NAME_SYNC_DAYS: i64 = 7;

pub(super) fn check(filing: &FilingView, ctx: &RuleContext, out: &mut Collector) {
    if filing.domain_facts.is_empty() {
        return;
    }
    let facts: Vec<(Domain, &DomainFacts)> = filing
        .domain_facts
        .iter()
        .filter_map(|f| Some((Domain::parse(&f.domain).ok()?, f)))
        .collect();
    let services = filing
        .websites
        .iter()
        .enumerate()
        .map(|(i, w)| (Service::Website(i), &w.domains))
        .chain(
            filing
                .apps
                .iter()
                .enumerate()
                .map(|(i, a)| (Service::App(i), &a.domains)),
        );
    for (service, domains) in services {
        for (j, domain) in domains.iter().enumerate() {
            if let Some(f) = facts_for(domain, &facts) {
                let path = format_args!("{service}.domains[{j}]");
                check_domain(f, &path, filing, ctx, out);
            }
        }
    }
}

fn facts_for<'a>(
    domain: &DomainView,
    facts: &[(Domain, &'a DomainFacts)],
) -> Option<&'a DomainFacts> {
    let domain = domain.parsed.as_ref().ok()?;
    facts.iter().find(|(d, _)| d == domain).map(|(_, f)| *f)
}

fn check_domain(
    facts: &DomainFacts,
    path: &dyn Display,
    filing: &FilingView,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    check_holder(facts.holder_name.trimmed(), path, filing, out);
    let expires_on = registrar_date(facts.expires_on.trimmed(), path, out);
    if let Some(expires) = expires_on {
        let minimum = ctx.data.domain_min_validity_months(filing.province);
        if expires < ctx.today {
            out.error(path, "domain.expired").param("date", expires);
        } else if expires < add_months(ctx.today, u32::from(minimum.value)) {
            out.issue(minimum.severity(), path, "domain.expiring_soon")
                .param("date", expires)
                .param("months", minimum.value);
        }
    }
    if facts.real_name_verified == Some(false) {
        out.error(path, "domain.real_name_missing");
    } else if let Some(on) = registrar_date(facts.real_name_verified_on.trimmed(), path, out) {
        let days = (ctx.today - on).num_days();
        if (0..REAL_NAME_SYNC_DAYS).contains(&days) {
            out.warning(path, "domain.real_name_recent")
                .param("date", on);
        }
    }
}

/// A registrar date: none when not given, and a warning (not a refusal: the host supplies
/// it, not the filer) when it is not a real `YYYY-MM-DD` date.
fn registrar_date(text: &str, path: &dyn Display, out: &mut Collector) -> Option<NaiveDate> {
    if text.is_empty() {
        return None;
    }
    let date = parse_iso_date(text);
    if date.is_none() {
        out.warning(path, "domain.facts_date_invalid")
            .param("value", text);
    }
    date
}

/// The holder must be the subject (§5.2 MIIT check). A unit's domain may also be held by
/// its legal representative except where the province says otherwise (§6
/// `unitDomainHolderMustBeUnit`); when the filing can't tell whether the holder is the legal
/// representative (the principal is not, and the legal representative's name is not given),
/// the filer is asked to confirm instead of being refused.
fn check_holder(holder: &str, path: &dyn Display, filing: &FilingView, out: &mut Collector) {
    let subject = &filing.subject;
    if holder.is_empty() || subject.name.is_empty() || same_name(holder, &subject.name) {
        return;
    }
    let unit = subject.kind.is_some_and(|k| k != SubjectKind::Individual);
    if !unit {
        out.error(path, "domain.holder_mismatch")
            .param("holder", holder);
        return;
    }
    // The legal representative's name, where the filing tells it.
    let legal_rep = match subject.principal_is_legal_representative {
        Some(true) => Some(&subject.principal.name),
        Some(false) => Some(&subject.legal_representative.name).filter(|n| !n.is_empty()),
        None => None,
    };
    match legal_rep {
        Some(name) if same_name(holder, name) => {
            let rule = filing
                .province_rules
                .and_then(|p| Some((p, p.unit_domain_holder_must_be_unit.as_ref()?)))
                .filter(|(_, r)| r.value);
            if let Some((p, rule)) = rule {
                out.issue(rule.severity(), path, "domain.holder_not_unit")
                    .param("province", &p.code)
                    .param("holder", holder);
            }
        }
        Some(_) => {
            out.error(path, "domain.holder_mismatch")
                .param("holder", holder);
        }
        None => {
            out.warning(path, "domain.holder_unconfirmed")
                .param("holder", holder);
        }
    }
}

/// Names compared as registrars and certificates write them: full-width and half-width
/// brackets alike, the middle dot's look-alikes as the dot (§4.6), spaces ignored, letters in
/// either case (`JOHN SMITH` is `John Smith`, `MÜLLER` is `Müller`).
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        super::view::normalize_name(s)
            .chars()
            .map(to_half_width)
            .filter(|c| !c.is_whitespace())
            .map(super::view::fold_case)
            .collect::<String>()
    };
    fold(a) == fold(b)
}
