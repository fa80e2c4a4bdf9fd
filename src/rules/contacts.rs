//! Contacts across persons (icp-rules.md §4.4, §7): different persons use different phones
//! and e-mails, the same person the same ones; the emergency phone belongs to nobody else.

use super::person::Contacts;
use crate::model::{Filing, Person};
use crate::report::Collector;

/// Every person in the filing with its path, in form order.
pub(super) fn persons(filing: &Filing) -> Vec<(String, &Person)> {
    let mut all = vec![("subject.principal".to_owned(), &filing.subject.principal)];
    for (i, site) in filing.websites.iter().enumerate() {
        all.push((format!("websites[{i}].responsible"), &site.responsible));
    }
    for (i, app) in filing.apps.iter().enumerate() {
        all.push((format!("apps[{i}].responsible"), &app.responsible));
    }
    all
}

/// Two entries describe the same person when their certificate numbers match (or, without
/// numbers, their names).
pub(super) fn same_person(a: &Person, b: &Person) -> bool {
    if !a.certificate.number.is_empty() && !b.certificate.number.is_empty() {
        a.certificate.number == b.certificate.number
    } else {
        !a.name.is_empty() && a.name == b.name
    }
}

pub(super) fn check(filing: &Filing, out: &mut Collector) {
    let persons = persons(filing);
    let contacts: Vec<Contacts> = persons.iter().map(|(_, p)| Contacts::of(p)).collect();
    for (j, (path, person)) in persons.iter().enumerate() {
        for (i, (earlier_path, earlier)) in persons[..j].iter().enumerate() {
            let (a, b) = (&contacts[i], &contacts[j]);
            if same_person(earlier, person) {
                let differs =
                    |x: &Option<String>, y: &Option<String>| x.is_some() && y.is_some() && x != y;
                if differs(&a.mobile, &b.mobile) {
                    out.warning(format!("{path}.mobile"), "person.contacts_inconsistent")
                        .param("other", format!("{earlier_path}.mobile"));
                }
                if differs(&a.email, &b.email) {
                    out.warning(format!("{path}.email"), "person.contacts_inconsistent")
                        .param("other", format!("{earlier_path}.email"));
                }
                break;
            }
            let equal = |x: &Option<String>, y: &Option<String>| x.is_some() && x == y;
            if equal(&a.mobile, &b.mobile) {
                out.error(format!("{path}.mobile"), "person.contact_reused")
                    .param("other", format!("{earlier_path}.mobile"));
            }
            if equal(&a.email, &b.email) {
                out.error(format!("{path}.email"), "person.contact_reused")
                    .param("other", format!("{earlier_path}.email"));
            }
        }
        // The emergency phone is nobody's mobile (§4.4, H).
        if let Some(emergency) = &contacts[j].emergency {
            if let Some((other_path, _)) = persons
                .iter()
                .zip(&contacts)
                .find(|(_, c)| c.mobile.as_deref() == Some(emergency.as_str()))
                .map(|(p, _)| p)
            {
                out.error(
                    format!("{path}.emergencyPhone"),
                    "emergency_phone.same_as_mobile",
                )
                .param("other", format!("{other_path}.mobile"));
            }
        }
    }
}

/// Individual filings: the website/APP responsible is normally the filer (§7, L: no source
/// forbids another person, so only a warning).
pub(super) fn check_individual_responsible(
    filing: &Filing,
    responsible: &Person,
    base: &str,
    out: &mut Collector,
) {
    let principal = &filing.subject.principal;
    let filled = !responsible.name.is_empty() || !responsible.certificate.number.is_empty();
    if filled && !same_person(principal, responsible) {
        out.warning(
            format!("{base}.responsible.name"),
            "individual.responsible_differs",
        );
    }
}
