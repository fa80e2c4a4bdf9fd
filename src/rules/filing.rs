//! 备案类型与地区: filing type, province and the existing filing number (docs/sources.md §1.3,
//! §2, §10 rule 1).

use super::view::{Field, FilingView, Service};
use crate::model::FilingType;
use crate::report::Collector;

pub(super) fn check(filing: &FilingView, out: &mut Collector) {
    if filing.filing_type.is_none() {
        out.error("filingType", "required")
            .param("field", "filingType");
    }
    if filing.province.is_empty() {
        out.error("province", "required").param("field", "province");
    } else if filing.province_rules.is_none() {
        out.error("province", "province.unknown")
            .param("value", filing.province);
    }
    let needs_number = filing.filing_type.is_some_and(|t| t != FilingType::First);
    let number = filing.filing_number.as_ref();
    if needs_number && number.is_empty() {
        out.error("filingNumber", "required")
            .param("field", "filingNumber");
    } else if !number.is_empty() && filing.filing_type != Some(FilingType::First) {
        // A first filing has no number to check: the form doesn't ask, nor is it kept.
        check_filing_number(number, filing, out);
    }
    // What a change changes decides who answers the MIIT SMS; every provider's change
    // starts with it (§2).
    if filing.filing_type == Some(FilingType::Change) && filing.change_scope.is_none() {
        out.error("changeScope", "required")
            .param("field", "changeScope");
    }
    check_service_numbers(filing, out);
}

/// `<abbr>ICP备<6–10 digits>号`, optionally `-<n>` with an A/X/K suffix (§1.3): `None` when
/// not of that shape, else the subject's number when a website's or APP's tail follows it.
fn parse_number(number: &str) -> Option<Option<&str>> {
    let mut chars = number.chars();
    chars.next()?;
    let rest = chars.as_str();
    rest.strip_prefix("ICP备")
        .and_then(|r| {
            let digits = r.chars().take_while(char::is_ascii_digit).count();
            (6..=10).contains(&digits).then(|| &r[digits..])
        })
        .and_then(|r| r.strip_prefix('号'))
        .and_then(|tail| {
            if tail.is_empty() {
                return Some(None);
            }
            let n = tail.strip_prefix('-')?;
            let n = n.strip_suffix(['A', 'X', 'K']).unwrap_or(n);
            (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                .then(|| Some(&number[..number.len() - tail.len()]))
        })
}

/// The filing's number (warn-only, §1.3): with a website's or APP's tail it is a service's
/// number, which a new-website filing does not ask for.
fn check_filing_number(number: &str, filing: &FilingView, out: &mut Collector) {
    let path = "filingNumber";
    match parse_number(number) {
        None => {
            out.warning(path, "filing_number.format")
                .param("value", number);
            return;
        }
        // Adding a website or APP to a filed subject asks for the subject's number; a new
        // access or a change may name the website's own.
        Some(Some(subject_number)) if filing.filing_type == Some(FilingType::NewWebsite) => {
            out.warning(path, "filing_number.service_number")
                .param("value", number)
                .param("subject", subject_number);
        }
        Some(_) => {}
    }
    let abbr = number.chars().next().unwrap_or(' ');
    if let Some(expected) = filing.province_rules.map(|p| p.abbr.as_str()) {
        if !expected.starts_with(abbr) {
            out.warning(path, "filing_number.province_mismatch")
                .param("abbr", abbr)
                .param("expected", expected);
        }
    }
}

/// `-<n>` for a website, `-<n>A` (`X`, `K`) for an APP; `n` from 1, without a leading zero.
fn service_tail_fits(tail: &str, app: bool) -> bool {
    let Some(n) = tail.strip_prefix('-') else {
        return false;
    };
    let (n, letter) = match n.strip_suffix(['A', 'X', 'K']) {
        Some(n) => (n, true),
        None => (n, false),
    };
    letter == app && !n.starts_with('0') && !n.is_empty()
}

/// Each website's and APP's own number in a new access or a change (warn-only, §1.3): given
/// in a new access, of the filing's shape, with its tail (…号-1), and under the subject's
/// number.
fn check_service_numbers(filing: &FilingView, out: &mut Collector) {
    if !filing.asks_service_numbers() {
        return;
    }
    let subject = crate::ident::subject_filing_number(&filing.filing_number);
    let numbers = filing
        .websites
        .iter()
        .enumerate()
        .map(|(i, w)| (Service::Website(i), &w.filing_number))
        .chain(
            filing
                .apps
                .iter()
                .enumerate()
                .map(|(i, a)| (Service::App(i), &a.filing_number)),
        );
    let mut seen: Vec<&str> = Vec::new();
    // The filing's own field may name a website's number (…号-1) instead of the subject's;
    // the provider takes it for a website stating none.
    let new_access = filing.filing_type == Some(FilingType::NewAccess)
        && !matches!(parse_number(&filing.filing_number), Some(Some(_)));
    for (service, number) in numbers {
        let path = Field(service, "filingNumber");
        // A new access moves filed websites and APPs: each has its number (§2). A change
        // may leave the services as they are, so their numbers may stay out.
        if number.is_empty() {
            if new_access {
                out.warning(path, "filing_number.service_missing");
            }
            continue;
        }
        let app = matches!(service, Service::App(_));
        if seen.contains(&number.as_ref()) {
            out.warning(path, "filing_number.service_duplicate")
                .param("value", number.as_ref());
        }
        seen.push(number);
        match parse_number(number) {
            Some(None) => {
                let example = format!("{number}-1{}", if app { "A" } else { "" });
                out.warning(path, "filing_number.service_tail_missing")
                    .param("example", example);
            }
            // A website's tail is a number from 1; an APP's (and a mini-program's, a quick
            // app's) has its letter after it.
            Some(Some(own_subject)) if !service_tail_fits(&number[own_subject.len()..], app) => {
                out.warning(path, "filing_number.service_format")
                    .param("value", number.as_ref());
            }
            None => {
                out.warning(path, "filing_number.service_format")
                    .param("value", number.as_ref());
            }
            Some(Some(own_subject)) if !subject.is_empty() && own_subject != subject => {
                out.warning(path, "filing_number.other_subject")
                    .param("value", number.as_ref())
                    .param("subject", subject);
            }
            Some(Some(_)) => {}
        }
    }
}
