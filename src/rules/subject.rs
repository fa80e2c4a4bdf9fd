//! 主办者信息: subject kind, name, certificate, addresses and principal (docs/sources.md §3,
//! §4.1, §4.2, §4.5, §4.6, §7).

use super::certificate::{allowed_certificates, check_number};
use super::person::{check_person, check_validity};
use super::view::{FilingView, NumberFacts, Who};
use super::RuleContext;
use crate::ident::Trimmed;
use crate::model::{CertificateType, SubjectKind};
use crate::report::Collector;

use super::lengths::MAX_NAME_CHARS;

pub(super) fn check(filing: &FilingView, ctx: &RuleContext, out: &mut Collector) {
    let subject = &filing.subject;
    let unit = subject.kind.is_some_and(|k| k != SubjectKind::Individual);

    if subject.kind.is_none() {
        out.error("subject.kind", "required")
            .param("field", "subject.kind");
    }

    let name: &str = &subject.name;
    // Named as the filer sees the field: an individual's is 姓名, a unit's 主办单位名称.
    let name_field = if subject.kind == Some(SubjectKind::Individual) {
        "subject.name.individual"
    } else {
        "subject.name"
    };
    if name.is_empty() {
        out.error("subject.name", "required")
            .param("field", name_field);
    } else if name.chars().count() > MAX_NAME_CHARS {
        out.error("subject.name", "text.too_long")
            .param("field", name_field)
            .param("max", MAX_NAME_CHARS);
    } else if subject.kind == Some(SubjectKind::Individual) {
        check_person_name(name, subject.certificate.kind, "subject.name", out);
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
        check_number(
            ty,
            &cert.number,
            &cert.parsed,
            subject.kind,
            ctx.today,
            number_path,
            out,
        );
        check_certificate_province(filing, ty, out);
    }
    super::province::check_refused_certificate(filing, out);
    check_validity(cert, "subject.certificate.validUntil", ctx, out);

    if subject.certificate_address.trimmed().is_empty() {
        out.error("subject.certificateAddress", "required")
            .param("field", "subject.certificateAddress");
    }
    super::province::check_non_local_individual(filing, ctx, out);
    check_address(filing, out);
    super::province::check_same_city(filing, out);
    check_detail_repeats_region(filing, out);

    if unit && subject.principal_is_legal_representative.is_none() {
        out.error("subject.principalIsLegalRepresentative", "required")
            .param("field", "subject.principalIsLegalRepresentative");
    }
    if unit {
        super::province::check_legal_representative(filing, out);
        super::province::check_non_mainland_principal(filing, out);
        super::person::check_legal_representative_identity(filing, ctx, out);
    }

    check_person(&subject.principal, Who::Principal, unit, ctx, out);
    if subject.kind == Some(SubjectKind::Individual) {
        check_individual_is_principal(filing, out);
    }
    super::province::check_person_province(filing, &subject.principal, Who::Principal, out);
}

/// For an individual the filer is the principal: same name and certificate (§7).
fn check_individual_is_principal(filing: &FilingView, out: &mut Collector) {
    let subject = &filing.subject;
    let principal = &subject.principal;
    // A passport's name may be typed in another case (`JOHN SMITH`, `John Smith`).
    let same_name = super::view::same_ignoring_case(&principal.name, &subject.name);
    if !principal.name.is_empty() && !subject.name.is_empty() && !same_name {
        out.error("subject.principal.name", "individual.principal_mismatch")
            .param("field", "person.name");
    }
    let same_cert = principal.certificate.kind == subject.certificate.kind
        && principal.certificate.number == subject.certificate.number;
    if !principal.certificate.number.is_empty()
        && !subject.certificate.number.is_empty()
        && !same_cert
    {
        out.error(
            "subject.principal.certificate.number",
            "individual.principal_mismatch",
        )
        .param("field", "person.certificate.number");
    }
}

/// A unit files where its certificate was issued (§4.5, §4.2 region code); an individual's
/// ID region against the province's non-local rule is checked with the province data.
fn check_certificate_province(filing: &FilingView, ty: CertificateType, out: &mut Collector) {
    let path = "subject.certificate.number";
    let filing_prefix = filing.province.get(..2).unwrap_or("");
    if filing_prefix.len() != 2 || out.has_error_at(path) {
        return;
    }
    let cert_prefix = match (ty, &filing.subject.certificate.parsed) {
        // A valid layout: 18 ASCII characters.
        (CertificateType::Uscc, NumberFacts::Uscc(Ok(_))) => {
            filing.subject.certificate.number.get(2..4)
        }
        _ => None,
    };
    if let Some(prefix) = cert_prefix {
        let known = crate::ident::PROVINCE_PREFIXES.contains(&prefix);
        if known && prefix != filing_prefix {
            out.warning(path, "subject.certificate_province_mismatch")
                .param("certificateProvince", format!("{prefix}0000"))
                .param("province", filing.province);
        }
    }
}

/// 通信地址 (§4.5): GB/T 2260 codes that nest, inside the filing province, and a detail
/// that reaches the house number (where the province requires one, §6, the message says
/// so).
fn check_address(filing: &FilingView, out: &mut Collector) {
    let address = &*filing.subject.address;
    let filing_province = filing.province;
    let six_digits = |s: &str| s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit());
    let parts = [
        (
            "subject.address.province",
            &address.province,
            "address.province",
        ),
        ("subject.address.city", &address.city, "address.city"),
        (
            "subject.address.district",
            &address.district,
            "address.district",
        ),
    ];
    let mut codes_ok = true;
    for (path, value, field) in parts {
        if value.is_empty() {
            out.error(path, "required").param("field", field);
            codes_ok = false;
        } else if !six_digits(value) {
            out.error(path, "address.code_format").param("value", value);
            codes_ok = false;
        }
    }
    if codes_ok {
        if !address.province.ends_with("0000") || address.city.get(..2) != address.province.get(..2)
        {
            out.error("subject.address.city", "address.code_mismatch");
        } else if address.district.get(..4) != address.city.get(..4)
            && address.city.get(2..4) != Some("00")
        {
            out.error("subject.address.district", "address.code_mismatch");
        } else if !filing_province.is_empty() && address.province != filing_province {
            out.warning(
                "subject.address.province",
                "address.outside_filing_province",
            )
            .param("province", filing_province);
        }
    }
    let detail = address.detail.trimmed();
    if detail.is_empty() {
        out.error("subject.address.detail", "required")
            .param("field", "address.detail");
    } else if !has_house_number(detail) {
        let required = filing
            .province_rules
            .and_then(|p| Some((p, p.address_house_number_required.as_ref()?)))
            .filter(|(_, rule)| rule.value);
        match required {
            Some((p, rule)) => {
                out.issue(
                    rule.severity(),
                    "subject.address.detail",
                    "address.house_number_required",
                )
                .param("province", &p.code);
            }
            None => {
                out.warning("subject.address.detail", "address.no_house_number");
            }
        }
    }
}

/// Whether a detailed address reaches a house number: a digit or a number word (号, 弄, 栋,
/// 幢, 室, 楼).
pub(super) fn has_house_number(detail: &str) -> bool {
    detail.chars().any(|c| {
        c.is_ascii_digit()
            || matches!(c, '号' | '弄' | '栋' | '幢' | '室' | '楼')
            || ('０'..='９').contains(&c)
    })
}

/// 详细地址 must not repeat the province and city chosen above it (§10 rule 17): flagged when
/// it starts with the filing province's name (广东省) or the city's (深圳市, 黔东南州), and
/// only when the mailing address is in the filing province.
fn check_detail_repeats_region(filing: &FilingView, out: &mut Collector) {
    let address = &*filing.subject.address;
    let detail = address.detail.trimmed();
    let Some(p) = filing.province_rules else {
        return;
    };
    if detail.is_empty() || address.province != p.code {
        return;
    }
    let names_city = super::province::city_name(&address.city).is_some_and(|city| {
        detail.strip_prefix(city).is_some_and(|rest| {
            ["市", "州", "地区", "盟"]
                .iter()
                .any(|s| rest.starts_with(s))
        })
    });
    if names_city || detail.starts_with(p.name.as_str()) {
        out.warning("subject.address.detail", "address.detail_repeats_region");
    }
}

/// What a person's name holds that a certificate does not print.
pub(super) enum NameProblem {
    /// A digit or a symbol no certificate prints in a name (`@`, `/`, `《`): an error.
    NeverInAName(char),
    /// A character names rarely hold (a comma, a bracket): a warning the filer confirms.
    Unusual(char),
}

/// Checks a person's name. Letters of any script with their accents, spaces, the middle dot
/// (U+00B7 and its look-alikes, §4.6), and the full stop, hyphen and apostrophes of foreign
/// names as passports print them (`O'NEIL`, `JEAN-LUC`, `JR.`) are a name's; a digit or a
/// symbol certainly is not; anything else is only unusual.
pub(super) fn person_name_problem(name: &str) -> Option<NameProblem> {
    let mut unusual = None;
    for c in name.chars() {
        if is_alphabetic(c) || is_combining_mark(c) || " ·•・.-'’‘ʼ".contains(c) {
            continue;
        }
        // A control character (NUL, a tab) is in no printed name either.
        if c.is_numeric() || c.is_control() || NEVER_IN_A_NAME.contains(c) {
            return Some(NameProblem::NeverInAName(c));
        }
        unusual.get_or_insert(NameProblem::Unusual(c));
    }
    unusual
}

/// Symbols, half- and full-width, that no certificate prints in a name.
const NEVER_IN_A_NAME: &str =
    "@#$%^&*_=+<>{}[]|\\/~!?;:\"＠＃＄％＾＆＊＿＝＋＜＞｛｝［］｜＼／～！？；：“”《》【】。、";

/// Combining diacritical marks (a decomposed `é` is `e` and U+0301).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Records the error or warning [`person_name_problem`] finds in the name at `path`.
pub(super) fn check_person_name(
    name: &str,
    certificate: Option<CertificateType>,
    path: impl std::fmt::Display,
    out: &mut Collector,
) {
    match person_name_problem(name) {
        Some(NameProblem::NeverInAName(c)) => {
            out.error(path, "person_name.format")
                .param("char", shown(c));
        }
        Some(NameProblem::Unusual(c)) => {
            out.warning(path, "person_name.unusual")
                .param("char", shown(c));
        }
        // A resident ID prints the name in Chinese characters, surname and given name (§4.6,
        // M): Latin letters only, or one character, is most likely not what the card says.
        None if certificate == Some(CertificateType::ResidentId) => {
            let characters = name.chars().filter(|&c| c != '·').count();
            if !name.chars().any(super::view::is_han) || characters < 2 {
                out.warning(path, "person_name.resident_id_form");
            }
        }
        None => {}
    }
}

/// A character as a message can show it: itself, or `U+200D` for one that shows as nothing
/// or reorders the text around it.
pub(super) fn shown(c: char) -> String {
    // Line breaks and tabs, the controls `is_control_character` leaves out, are whitespace.
    if c.is_whitespace() || crate::ident::is_invisible(c) || super::lengths::is_control_character(c)
    {
        format!("U+{:04X}", c as u32)
    } else {
        c.to_string()
    }
}

/// [`char::is_alphabetic`], answering for the common CJK ideographs (U+4E00–U+9FFF, all
/// alphabetic) without a table search.
pub(super) fn is_alphabetic(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphabetic()
}

/// [`char::is_alphanumeric`] with the same shortcut.
pub(super) fn is_alphanumeric(c: char) -> bool {
    is_alphabetic(c) || c.is_numeric()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Locale;
    use crate::ruledata::RuleData;

    #[test]
    fn names_as_certificates_print_them_pass_and_symbols_do_not() {
        // Chinese names with the middle dot, and foreign names as passports print them.
        for name in [
            "张三",
            "阿依古丽·买买提",
            "CONNOR O'NEIL",
            "O’NEIL",
            "JEAN-LUC PICARD",
            "SMITH JOHN JR.",
            "José",
            "Jose\u{301}",
            "Ελένη",
            "Сергей",
        ] {
            assert!(person_name_problem(name).is_none(), "{name}");
        }
        for (name, c) in [
            ("张三1", '1'),
            ("李四@", '@'),
            ("王五/赵六", '/'),
            ("《张三》", '《'),
            ("张三２", '２'),
            ("张\u{0}伟", '\u{0}'),
            ("张伟\u{7f}", '\u{7f}'),
        ] {
            assert!(
                matches!(person_name_problem(name), Some(NameProblem::NeverInAName(x)) if x == c),
                "{name}"
            );
        }
        // Unusual, not certainly wrong: the filer confirms.
        for (name, c) in [("SMITH, JOHN", ','), ("张三(小)", '(')] {
            assert!(
                matches!(person_name_problem(name), Some(NameProblem::Unusual(x)) if x == c),
                "{name}"
            );
        }
        // A joiner is kept (some scripts write names with it) and named by its code point.
        let mut out = Collector::default();
        check_person_name("张\u{200d}三", None, "subject.name", &mut out);
        let report = out.finish(&[], Locale::ZhCn, RuleData::embedded());
        assert_eq!(
            report.issues[0].params.get("char").map(String::as_str),
            Some("U+200D")
        );
        // A control character is named by its code point too.
        let mut out = Collector::default();
        check_person_name("张\u{0}伟", None, "subject.name", &mut out);
        let report = out.finish(&[], Locale::ZhCn, RuleData::embedded());
        assert_eq!(
            report.issues[0].message,
            "姓名不能含有“U+0000”：请按证件上的姓名填写"
        );
        // A certain error wins over an unusual character before it.
        assert!(matches!(
            person_name_problem("A, B1"),
            Some(NameProblem::NeverInAName('1'))
        ));
    }

    #[test]
    fn a_resident_id_holders_name_in_latin_letters_or_of_one_character_is_a_warning() {
        let codes = |name: &str, certificate: Option<CertificateType>| {
            let mut out = Collector::default();
            check_person_name(name, certificate, "subject.name", &mut out);
            let report = out.finish(
                &[],
                crate::messages::Locale::ZhCn,
                crate::ruledata::RuleData::embedded(),
            );
            report
                .issues
                .into_iter()
                .map(|i| i.code)
                .collect::<Vec<_>>()
        };
        let resident = Some(CertificateType::ResidentId);
        for name in ["张三", "阿依古丽·买买提", "𠮷野"] {
            assert!(codes(name, resident).is_empty(), "{name}");
        }
        for name in ["张", "Zhang Wei", "A"] {
            assert_eq!(
                codes(name, resident),
                ["person_name.resident_id_form"],
                "{name}"
            );
        }
        // A passport prints Latin letters.
        assert!(codes("ZHANG WEI", Some(CertificateType::Passport)).is_empty());
    }

    #[test]
    fn cjk_shortcut_agrees_with_the_unicode_tables() {
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(c.is_alphabetic(), "{c:?}");
        }
        for c in ['a', '1', '·', '２', 'é', '\u{3400}', '\u{A000}', '-', ' '] {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
