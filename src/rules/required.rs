//! Which fields a filing must have filled, for the form to mark (`*`, `aria-required`).
//!
//! Read off the rules themselves, so the marks and the errors can't disagree: every typed
//! value is left out, every choice kept (filing type, province, subject kind, certificate
//! types, whether the principal is the legal representative, the address's region, platforms,
//! pre-approval categories), and the fields the rules then answer `required` for are the required ones.
//! Which fields those are depends only on the choices: an office phone for a unit, a filing
//! number for a change, a legal representative when the principal is not one.

use super::{validate, RuleContext};
use crate::model::{Certificate, Filing, FilingType, Person, PreApproval, SubjectKind};
use crate::report::Severity;

/// `filing` with every typed value left out and every choice kept: two filings that differ
/// only in what was typed give the same one, so it is what a cache of
/// [`required_fields`] is keyed on.
pub fn choices_of(filing: &Filing) -> Filing {
    fn clear_certificate(c: &mut Certificate) {
        c.number.clear();
        c.valid_until.clear();
    }
    fn clear_person(p: &mut Person) {
        let Person {
            name,
            certificate,
            mobile,
            email,
            emergency_phone,
            office_phone,
        } = p;
        for text in [name, mobile, email, emergency_phone, office_phone] {
            text.clear();
        }
        clear_certificate(certificate);
    }
    fn clear_service(
        name: &mut String,
        filing_number: &mut String,
        lists: [&mut Vec<String>; 3],
        pre_approvals: &mut [PreApproval],
        responsible: &mut Person,
        remark: &mut String,
    ) {
        for text in [name, filing_number, remark] {
            text.clear();
        }
        for list in lists {
            list.clear();
        }
        for approval in pre_approvals {
            approval.number.clear();
        }
        clear_person(responsible);
    }
    let mut f = filing.clone();
    f.filing_number.clear();
    f.domain_facts.clear();
    f.acknowledged_warnings.clear();
    let s = &mut f.subject;
    // Whether the legal representative's number is given decides whether its type must be.
    let representative_number = legal_representative_number(filing);
    for text in [
        &mut s.name,
        &mut s.certificate_address,
        &mut s.address.detail,
        &mut s.remark,
    ] {
        text.clear();
    }
    clear_certificate(&mut s.certificate);
    clear_person(&mut s.principal);
    s.legal_representative.name.clear();
    clear_certificate(&mut s.legal_representative.certificate);
    s.legal_representative
        .certificate
        .number
        .push_str(representative_number);
    for w in &mut f.websites {
        w.homepage.clear();
        clear_service(
            &mut w.name,
            &mut w.filing_number,
            [&mut w.domains, &mut w.service_content, &mut w.languages],
            &mut w.pre_approvals,
            &mut w.responsible,
            &mut w.remark,
        );
    }
    for a in &mut f.apps {
        for p in &mut a.platforms {
            for text in [
                &mut p.package_name,
                &mut p.signature_md5,
                &mut p.public_key,
                &mut p.cert_sha1,
            ] {
                text.clear();
            }
        }
        clear_service(
            &mut a.name,
            &mut a.filing_number,
            [&mut a.domains, &mut a.service_content, &mut a.languages],
            &mut a.pre_approvals,
            &mut a.responsible,
            &mut a.remark,
        );
    }
    f
}

/// The report paths (`subject.name`, `websites[0].domains`) of the fields `filing` must
/// have filled, given its choices (see the module's note).
///
/// ```
/// use chrono::NaiveDate;
/// use icp_filing::model::parse_filing;
/// use icp_filing::rules::{required_fields, RuleContext};
///
/// let json = include_str!("../../tests/fixtures/individual-beijing.json");
/// let filing = parse_filing(json).unwrap();
/// let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
/// let required = required_fields(&filing, &ctx);
/// assert!(required.iter().any(|p| p == "subject.principal.mobile"));
/// // An individual's office phone is optional.
/// assert!(!required.iter().any(|p| p == "subject.principal.officePhone"));
/// ```
pub fn required_fields(filing: &Filing, ctx: &RuleContext) -> Vec<String> {
    let mut paths = required_choices(filing);
    for issue in validate(&choices_of(filing), ctx).issues {
        // A choice not made yet is refused there too: listed once.
        if issue.code == "required"
            && issue.severity == Severity::Error
            && !paths.contains(&issue.path)
        {
            paths.push(issue.path);
        }
    }
    paths
}

/// `"0"` when the legal representative's certificate number is given, else empty.
fn legal_representative_number(filing: &Filing) -> &'static str {
    let given = !filing
        .subject
        .legal_representative
        .certificate
        .number
        .trim()
        .is_empty();
    if given {
        "0"
    } else {
        ""
    }
}

/// The choices the rules refuse unmade, of those the form shows for `filing`: every one,
/// except that the legal representative's certificate type is asked only with a number
/// (their identity is asked, not required: [`super::person`]).
fn required_choices(filing: &Filing) -> Vec<String> {
    let mut paths: Vec<String> = [
        "filingType",
        "province",
        "subject.kind",
        "subject.certificate.type",
        "subject.address.province",
        "subject.address.city",
        "subject.address.district",
        "subject.principal.certificate.type",
    ]
    .map(String::from)
    .to_vec();
    if filing.filing_type == Some(FilingType::Change) {
        paths.push("changeScope".into());
    }
    if filing
        .subject
        .kind
        .is_some_and(|k| k != SubjectKind::Individual)
    {
        paths.push("subject.principalIsLegalRepresentative".into());
        if !legal_representative_number(filing).is_empty() {
            paths.push("subject.legalRepresentative.certificate.type".into());
        }
    }
    let services = filing
        .websites
        .iter()
        .enumerate()
        .map(|(i, w)| (format!("websites[{i}]"), &w.pre_approvals, &[][..]))
        .chain(
            filing
                .apps
                .iter()
                .enumerate()
                .map(|(i, a)| (format!("apps[{i}]"), &a.pre_approvals, &a.platforms[..])),
        );
    for (service, pre_approvals, platforms) in services {
        paths.push(format!("{service}.responsible.certificate.type"));
        paths.extend((0..platforms.len()).map(|j| format!("{service}.platforms[{j}].platform")));
        paths.extend(
            (0..pre_approvals.len()).map(|j| format!("{service}.preApprovals[{j}].category")),
        );
    }
    paths
}
