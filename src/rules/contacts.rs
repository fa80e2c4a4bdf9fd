//! Contacts across persons (docs/sources.md §4.4, §7): different persons use different phones
//! and e-mails, the same person the same ones; the emergency phone belongs to nobody else.

use super::view::{Field, FilingView, PersonView, Service};
use super::RuleContext;
use crate::report::Collector;

/// Two entries describe the same person when their certificate numbers match (or, without
/// numbers, their names).
pub(super) fn same_person(a: &PersonView, b: &PersonView) -> bool {
    if !a.certificate.number.is_empty() && !b.certificate.number.is_empty() {
        a.certificate.number == b.certificate.number
    } else {
        !a.name.is_empty() && a.name == b.name
    }
}

/// A person's contact values as compared between persons (valid ones only).
struct Contacts<'a> {
    mobile: Option<&'a str>,
    /// Compared without regard to case (a valid address is ASCII).
    email: Option<&'a str>,
    emergency: Option<&'a str>,
}

impl<'a> Contacts<'a> {
    fn of(person: &'a PersonView) -> Self {
        Self {
            mobile: person.mobile_parsed.is_ok().then_some(&person.mobile),
            email: person.email_parsed.is_ok().then_some(&person.email),
            emergency: person.emergency_phone.comparable(),
        }
    }
}

fn same_email(x: Option<&str>, y: Option<&str>) -> Option<bool> {
    Some(x?.eq_ignore_ascii_case(y?))
}

pub(super) fn check(filing: &FilingView, out: &mut Collector) {
    let persons: Vec<_> = filing
        .persons()
        .map(|(who, person)| (who, person, Contacts::of(person)))
        .collect();
    for (j, (who, person, b)) in persons.iter().enumerate() {
        for (earlier_who, earlier, a) in &persons[..j] {
            if same_person(earlier, person) {
                if a.mobile.is_some() && b.mobile.is_some() && a.mobile != b.mobile {
                    out.warning(Field(who, "mobile"), "person.contacts_inconsistent")
                        .param("other", Field(earlier_who, "mobile"));
                }
                if same_email(a.email, b.email) == Some(false) {
                    out.warning(Field(who, "email"), "person.contacts_inconsistent")
                        .param("other", Field(earlier_who, "email"));
                }
                break;
            }
            if a.mobile.is_some() && a.mobile == b.mobile {
                out.error(Field(who, "mobile"), "person.contact_reused")
                    .param("other", Field(earlier_who, "mobile"));
            }
            if same_email(a.email, b.email) == Some(true) {
                out.error(Field(who, "email"), "person.contact_reused")
                    .param("other", Field(earlier_who, "email"));
            }
        }
        // The emergency phone is nobody's mobile (§4.4, H).
        if let Some(emergency) = b.emergency {
            if let Some((other, ..)) = persons.iter().find(|(_, _, c)| c.mobile == Some(emergency))
            {
                out.error(
                    Field(who, "emergencyPhone"),
                    "emergency_phone.same_as_mobile",
                )
                .param("other", Field(other, "mobile"));
            }
        }
    }
}

/// Individual filings: the website/APP responsible is normally the filer (§7, L: no source
/// forbids another person, so only a warning).
pub(super) fn check_individual_responsible(
    principal: &PersonView,
    responsible: &PersonView,
    service: Service,
    ctx: &RuleContext,
    out: &mut Collector,
) {
    let rule = &ctx.data.national().individual_responsible_is_principal;
    let filled = !responsible.name.is_empty() || !responsible.certificate.number.is_empty();
    if rule.value && filled && !same_person(principal, responsible) {
        out.issue(
            rule.severity(),
            Field(service.responsible(), "name"),
            "individual.responsible_differs",
        );
    }
}
