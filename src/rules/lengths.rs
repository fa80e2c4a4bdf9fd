//! Upper bounds on free text (form): a name of over 100 characters, or an address or a remark
//! of over 1,000, is no filing's; without a bound such text reaches the endpoint and is refused
//! there as too large a body, with no field named. Structured values (numbers, phones,
//! domains, e-mail) have their own format checks.

use super::view::FilingView;
use crate::ident::Trimmed;
use crate::report::Collector;

/// Names: the subject's (checked with its own rules in `subject`; registered enterprise
/// names stay well below it), a person's, a website's or an APP's.
pub(super) const MAX_NAME_CHARS: usize = 100;
/// Addresses, remarks and approval numbers.
const MAX_TEXT_CHARS: usize = 1000;

/// Records `text.too_long` at each free-text field over its bound.
pub(super) fn check(filing: &FilingView, out: &mut Collector) {
    let mut bound = |path: String, text: &str, label: &'static str, max: usize| {
        // Counting stops at the bound: a pasted megabyte is not walked to its end.
        if text.trimmed().chars().nth(max).is_some() {
            out.error(path, "text.too_long")
                .param("field", label)
                .param("max", max);
        }
    };
    let subject = &filing.subject;
    bound(
        "subject.certificateAddress".into(),
        subject.certificate_address,
        "subject.certificateAddress",
        MAX_TEXT_CHARS,
    );
    bound(
        "subject.address.detail".into(),
        &subject.address.detail,
        "address.detail",
        MAX_TEXT_CHARS,
    );
    bound(
        "subject.remark".into(),
        subject.remark,
        "remark",
        MAX_TEXT_CHARS,
    );
    bound(
        "subject.principal.name".into(),
        &subject.principal.name,
        "person.name",
        MAX_NAME_CHARS,
    );
    // Filed only when asked for (the principal is not the legal representative).
    if subject.legal_representative_asked() {
        bound(
            "subject.legalRepresentative.name".into(),
            &subject.legal_representative.name,
            "person.name",
            MAX_NAME_CHARS,
        );
    }
    for (i, w) in filing.websites.iter().enumerate() {
        let base = format!("websites[{i}]");
        bound(
            format!("{base}.name"),
            &w.name,
            "website.name",
            MAX_NAME_CHARS,
        );
        bound(format!("{base}.remark"), w.remark, "remark", MAX_TEXT_CHARS);
        for (j, a) in w.pre_approvals.iter().enumerate() {
            bound(
                format!("{base}.preApprovals[{j}].number"),
                &a.number,
                "preApproval.number",
                MAX_TEXT_CHARS,
            );
        }
        bound(
            format!("{base}.responsible.name"),
            &w.responsible.name,
            "person.name",
            MAX_NAME_CHARS,
        );
    }
    for (i, a) in filing.apps.iter().enumerate() {
        let base = format!("apps[{i}]");
        bound(format!("{base}.name"), a.name, "app.name", MAX_NAME_CHARS);
        bound(format!("{base}.remark"), a.remark, "remark", MAX_TEXT_CHARS);
        for (j, p) in a.pre_approvals.iter().enumerate() {
            bound(
                format!("{base}.preApprovals[{j}].number"),
                &p.number,
                "preApproval.number",
                MAX_TEXT_CHARS,
            );
        }
        bound(
            format!("{base}.responsible.name"),
            &a.responsible.name,
            "person.name",
            MAX_NAME_CHARS,
        );
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::model::parse_filing;
    use crate::rules::{validate, RuleContext};

    #[test]
    fn free_text_over_its_bound_is_named_at_its_field() {
        let mut filing = parse_filing(include_str!(
            "../../tests/fixtures/enterprise-guangdong-two-websites.json"
        ))
        .unwrap();
        let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        let too_long = |filing: &crate::model::Filing| -> Vec<(String, String)> {
            validate(filing, &ctx)
                .issues
                .into_iter()
                .filter(|i| i.code == "text.too_long")
                .map(|i| (i.path, i.message))
                .collect()
        };
        assert_eq!(too_long(&filing), []);
        filing.websites[1].name = "文".repeat(100);
        filing.websites[0].remark = "备注".repeat(500);
        assert_eq!(too_long(&filing), [], "at the bound is within it");
        filing.websites[1].name.push('档');
        filing.websites[0].remark.push('。');
        filing.subject.certificate_address = "地".repeat(400_000);
        assert_eq!(
            too_long(&filing),
            [
                (
                    "subject.certificateAddress".to_owned(),
                    "证件住所不能超过1000个字".to_owned()
                ),
                (
                    "websites[0].remark".to_owned(),
                    "备注不能超过1000个字".to_owned()
                ),
                (
                    "websites[1].name".to_owned(),
                    "网站名称不能超过100个字".to_owned()
                ),
            ]
        );
    }
}
