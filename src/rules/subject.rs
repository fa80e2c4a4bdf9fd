//! 主办者信息: subject kind, name and certificate (icp-rules.md §3, §4.1, §4.2, §4.6).

use super::certificate::{allowed_certificates, check_certificate_number};
use super::RuleContext;
use crate::model::{Filing, SubjectKind};
use crate::report::Collector;

/// Longest subject name accepted; registered enterprise names stay well below this.
const MAX_NAME_CHARS: usize = 100;

pub(super) fn check(filing: &Filing, ctx: &RuleContext, out: &mut Collector) {
    let subject = &filing.subject;

    if subject.kind.is_none() {
        out.error("subject.kind", "required")
            .param("field", "subject.kind");
    }

    let name = subject.name.as_str();
    if name.is_empty() {
        out.error("subject.name", "required")
            .param("field", "subject.name");
    } else if name.chars().count() > MAX_NAME_CHARS {
        out.error("subject.name", "text.too_long")
            .param("field", "subject.name")
            .param("max", MAX_NAME_CHARS);
    } else if subject.kind == Some(SubjectKind::Individual) && !is_person_name(name) {
        out.error("subject.name", "person_name.format");
    }

    let cert = &subject.certificate;
    match (subject.kind, cert.kind) {
        (_, None) => {
            out.error("subject.certificate.type", "required")
                .param("field", "subject.certificate.type");
        }
        (Some(kind), Some(ty)) if !allowed_certificates(kind).contains(&ty) => {
            out.error("subject.certificate.type", "certificate.type_not_allowed")
                .param("kind", kind.slug())
                .param("type", ty.slug());
        }
        _ => {}
    }

    let number_path = "subject.certificate.number";
    if cert.number.is_empty() {
        out.error(number_path, "required")
            .param("field", number_path);
    } else if let Some(ty) = cert.kind {
        check_certificate_number(ty, &cert.number, subject.kind, ctx.today, number_path, out);
    }
}

/// A person's name: letters of any script, spaces and the middle dot (U+00B7 and its
/// look-alikes, §4.6).
fn is_person_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphabetic() || c == ' ' || matches!(c, '·' | '•' | '・' | '.' | '-'))
}
