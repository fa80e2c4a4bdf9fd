//! Upper bounds on free text (form): a name of over 100 characters, or an address or a remark
//! of over 1,000, is no filing's; without a bound such text reaches the endpoint and is refused
//! there as too large a body, with no field named. Structured values (numbers, phones,
//! domains, e-mail) have their own format checks. Addresses, remarks and approval numbers hold
//! no control characters (a NUL, a right-to-left override pasted with the text).

use super::view::FilingView;
use crate::ident::Trimmed;
use crate::model::PreApproval;
use crate::report::Collector;

/// Names: the subject's (checked with its own rules in `subject`; registered enterprise
/// names stay well below it), a person's, a website's or an APP's.
pub(super) const MAX_NAME_CHARS: usize = 100;
/// Addresses, remarks and approval numbers.
const MAX_TEXT_CHARS: usize = 1000;

/// Records `text.too_long` at each free-text field over its bound.
pub(super) fn check(filing: &FilingView, out: &mut Collector) {
    let mut bounds = Bounds { out };
    let subject = &filing.subject;
    bounds.text(
        subject.certificate_address,
        MAX_TEXT_CHARS,
        "subject.certificateAddress",
        || "subject.certificateAddress".into(),
    );
    bounds.text(
        &subject.address.detail,
        MAX_TEXT_CHARS,
        "address.detail",
        || "subject.address.detail".into(),
    );
    bounds.text(subject.remark, MAX_TEXT_CHARS, "remark", || {
        "subject.remark".into()
    });
    bounds.text(
        &subject.principal.name,
        MAX_NAME_CHARS,
        "person.name",
        || "subject.principal.name".into(),
    );
    // Filed only when asked for (the principal is not the legal representative).
    if subject.legal_representative_asked() {
        bounds.text(
            &subject.legal_representative.name,
            MAX_NAME_CHARS,
            "person.name",
            || "subject.legalRepresentative.name".into(),
        );
    }
    for (i, w) in filing.websites.iter().enumerate() {
        let service = Service {
            base: format_args!("websites[{i}]"),
            name_label: "website.name",
        };
        bounds.service(
            &service,
            &w.name,
            w.remark,
            w.pre_approvals,
            &w.responsible.name,
        );
    }
    for (i, a) in filing.apps.iter().enumerate() {
        let service = Service {
            base: format_args!("apps[{i}]"),
            name_label: "app.name",
        };
        bounds.service(
            &service,
            a.name,
            a.remark,
            a.pre_approvals,
            &a.responsible.name,
        );
    }
}

/// A website or an APP: its report path and its name's label.
struct Service<'a> {
    base: std::fmt::Arguments<'a>,
    name_label: &'static str,
}

/// A character no address, remark or number holds and that shows as nothing or reorders
/// what is shown: C0 and C1 controls other than line breaks and tabs, and the bidirectional
/// marks, embeddings, overrides and isolates (Unicode's Bidi_Control), which text copied
/// from elsewhere can carry and which make the stored text read differently from how it shows.
pub(super) fn is_control_character(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

struct Bounds<'o> {
    out: &'o mut Collector,
}

impl Bounds<'_> {
    /// `text` over `max` characters: the error at the field `path()` names (made only then,
    /// as this runs on every keystroke). An address, a remark or an approval number within
    /// its bound is checked for control characters too.
    fn text(&mut self, text: &str, max: usize, label: &'static str, path: impl FnOnce() -> String) {
        // Counting stops at the bound: a pasted megabyte is not walked to its end.
        if text.trimmed().chars().nth(max).is_some() {
            self.out
                .error(path(), "text.too_long")
                .param("field", label)
                .param("max", max);
        } else if max == MAX_TEXT_CHARS {
            if let Some(c) = text.chars().find(|&c| is_control_character(c)) {
                self.out
                    .error(path(), "text.control_character")
                    .param("field", label)
                    .param("char", super::subject::shown(c));
            }
        }
    }

    fn service(
        &mut self,
        service: &Service,
        name: &str,
        remark: &str,
        approvals: &[PreApproval],
        responsible: &str,
    ) {
        let base = &service.base;
        self.text(name, MAX_NAME_CHARS, service.name_label, || {
            format!("{base}.name")
        });
        self.text(remark, MAX_TEXT_CHARS, "remark", || {
            format!("{base}.remark")
        });
        for (j, approval) in approvals.iter().enumerate() {
            self.text(
                &approval.number,
                MAX_TEXT_CHARS,
                "preApproval.number",
                || format!("{base}.preApprovals[{j}].number"),
            );
        }
        self.text(responsible, MAX_NAME_CHARS, "person.name", || {
            format!("{base}.responsible.name")
        });
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::model::parse_filing;
    use crate::rules::{validate, RuleContext};

    #[test]
    fn control_characters_in_addresses_remarks_and_numbers_are_named_by_code_point() {
        let mut filing = parse_filing(include_str!(
            "../../tests/fixtures/enterprise-guangdong-two-websites.json"
        ))
        .unwrap();
        let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        let found = |filing: &crate::model::Filing| -> Vec<(String, String)> {
            validate(filing, &ctx)
                .issues
                .into_iter()
                .filter(|i| i.code == "text.control_character")
                .map(|i| (i.path, i.params["char"].as_str().to_owned()))
                .collect()
        };
        // Line breaks and tabs in a remark are text.
        filing.websites[0].remark = "第一行\n第二行\t说明".into();
        assert_eq!(found(&filing), []);
        filing.subject.certificate_address.insert(3, '\0');
        filing.subject.address.detail.push('\u{202E}');
        filing.websites[1].remark = "\u{2066}备注\u{2069}".into();
        filing.websites[0].remark.push('\u{85}');
        assert_eq!(
            found(&filing),
            [
                ("subject.certificateAddress".into(), "U+0000".into()),
                ("subject.address.detail".into(), "U+202E".into()),
                ("websites[0].remark".into(), "U+0085".into()),
                ("websites[1].remark".into(), "U+2066".into()),
            ]
        );
    }

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
