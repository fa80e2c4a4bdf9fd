//! The shared rules for the subject section: identifiers, certificate types, normalisation,
//! every code the section can produce, and messages in both locales.

use chrono::NaiveDate;
use icp_filing::ident::{ResidentId, ResidentIdError, Uscc, UsccError};
use icp_filing::messages::{Locale, CATALOGUE};
use icp_filing::model::{CertificateType, Filing, SubjectKind};
use icp_filing::report::{Report, Severity};
use icp_filing::rules::{normalize, validate, RuleContext};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn filing(kind: SubjectKind, name: &str, ty: CertificateType, number: &str) -> Filing {
    let mut f = Filing::default();
    f.subject.kind = Some(kind);
    f.subject.name = name.into();
    f.subject.certificate.kind = Some(ty);
    f.subject.certificate.number = number.into();
    f
}

fn codes(report: &Report) -> Vec<(&str, &str)> {
    report
        .issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect()
}

fn person(number: &str) -> Report {
    let f = filing(
        SubjectKind::Individual,
        "张三",
        CertificateType::ResidentId,
        number,
    );
    validate(&f, &RuleContext::new(today()))
}

fn company(number: &str) -> Report {
    let f = filing(
        SubjectKind::Enterprise,
        "示例科技有限公司",
        CertificateType::Uscc,
        number,
    );
    validate(&f, &RuleContext::new(today()))
}

#[test]
fn valid_resident_ids_pass_in_every_form_people_type_them() {
    for number in [
        "11010519491231002X",
        "11010519491231002x",
        " 110105 19491231 002X ",
        "110105-19491231-002X",
        "１１０１０５１９４９１２３１００２Ｘ",
    ]
    .into_iter()
    .map(String::from)
    .chain([
        with_id_check("44030119900101123"),
        with_id_check("81000019940823002"), // HK residents' residence permit prefix
    ]) {
        let report = person(&number);
        assert!(report.ok, "{number}: {:?}", report.issues);
    }
}

#[test]
fn resident_id_failures_name_the_part_that_failed() {
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        ("1101051949123100", "id.length", &[("length", "16")]),
        ("11010519491231002X1", "id.length", &[("length", "19")]),
        ("11010519491231A02X", "id.format", &[("position", "15")]),
        ("X10105194912310021", "id.format", &[("position", "1")]),
        (
            "110105194902300023",
            "id.birth_date",
            &[("date", "1949-02-30")],
        ),
        (
            "110105189912310021",
            "id.birth_date",
            &[("date", "1899-12-31")],
        ),
        ("110105194912310021", "id.checksum", &[]),
    ];
    for (number, code, params) in cases {
        let report = person(number);
        let issue = report
            .issues
            .iter()
            .find(|i| i.path == "subject.certificate.number")
            .unwrap_or_else(|| panic!("{number}: no issue"));
        assert_eq!(issue.code, *code, "{number}");
        assert_eq!(issue.severity, Severity::Error);
        for (k, v) in *params {
            assert_eq!(
                issue.params.get(*k).map(String::as_str),
                Some(*v),
                "{number} param {k}"
            );
        }
        assert!(!report.ok);
    }
}

#[test]
fn a_future_birth_date_is_rejected_relative_to_the_given_today() {
    // Born 2026-12-01: valid date, but after "today" (2026-11-28).
    let number = with_id_check("11010520261201002");
    assert_eq!(
        codes(&person(&number)),
        [("subject.certificate.number", "id.birth_date")]
    );
    let later = RuleContext::new(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    let f = filing(
        SubjectKind::Individual,
        "张三",
        CertificateType::ResidentId,
        &number,
    );
    assert!(validate(&f, &later).ok);
}

#[test]
fn an_unknown_province_prefix_is_only_a_warning() {
    let number = with_id_check("99010519491231002");
    let report = person(&number);
    assert_eq!(
        codes(&report),
        [("subject.certificate.number", "id.region_unknown")]
    );
    assert_eq!(report.issues[0].severity, Severity::Warning);
    assert_eq!(report.issues[0].params["prefix"], "99");
    assert!(!report.ok, "an unacknowledged warning blocks");

    let mut f = filing(
        SubjectKind::Individual,
        "张三",
        CertificateType::ResidentId,
        &number,
    );
    f.acknowledged_warnings = vec!["id.region_unknown@subject.certificate.number".into()];
    assert!(
        validate(&f, &RuleContext::new(today())).ok,
        "acknowledged warning clears"
    );
}

#[test]
fn abolished_county_codes_still_pass() {
    // 332522 (Zhejiang) and 412723 (Henan) were abolished but appear on valid cards.
    for prefix in ["332522", "412723", "370284"] {
        let number = with_id_check(&format!("{prefix}19800101123"));
        assert!(person(&number).ok, "{number}");
    }
}

#[test]
fn real_public_credit_codes_pass() {
    for code in [
        "91440300708461136T", // 深圳市腾讯计算机系统有限公司
        "91330100716105852F", // 阿里巴巴（中国）有限公司
        "914403001922038216", // 华为技术有限公司
        "91110000802100433B", // 北京百度网讯科技有限公司
        "91110108551385082Q", // 小米科技有限责任公司
        "91350100m000100y43", // lowercase, normalised
        "9111 0000 8021 0043 3B",
    ] {
        let report = company(code);
        assert!(report.ok, "{code}: {:?}", report.issues);
    }
}

#[test]
fn credit_code_failures() {
    let cases: &[(&str, &str, Severity)] = &[
        ("91440300708461136", "uscc.length", Severity::Error),
        ("91440300708461136TT", "uscc.length", Severity::Error),
        ("9144030070846I136T", "uscc.format", Severity::Error),
        ("914403A0708461136T", "uscc.format", Severity::Error), // region code must be digits
        ("91440300708461136Z", "uscc.format", Severity::Error),
        ("91440300708461136A", "uscc.checksum", Severity::Warning),
        ("91350203M0001QAY9B", "uscc.checksum", Severity::Warning), // real code failing the check
    ];
    for (code, expected, severity) in cases {
        let report = company(code);
        let issue = &report.issues[0];
        assert_eq!(issue.code, *expected, "{code}");
        assert_eq!(issue.severity, *severity, "{code}");
        assert!(!report.ok);
    }
    let report = company("9144030070846I136T");
    assert_eq!(report.issues[0].params["position"], "14");
    assert_eq!(report.issues[0].params["character"], "I");
}

#[test]
fn credit_code_category_must_fit_the_subject_kind() {
    // 12… is a public institution's code; filing it as an enterprise is suspicious.
    let code = with_uscc_check("12100000400000000");
    let report = company(&code);
    assert_eq!(
        codes(&report),
        [("subject.certificate.number", "uscc.category_mismatch")]
    );
    assert_eq!(report.issues[0].severity, Severity::Warning);
    let mut f = filing(
        SubjectKind::Institution,
        "某某研究所",
        CertificateType::Uscc,
        &code,
    );
    f.subject.kind = Some(SubjectKind::Institution);
    assert!(validate(&f, &RuleContext::new(today())).ok);
}

#[test]
fn certificate_type_must_be_allowed_for_the_subject_kind() {
    let f = filing(
        SubjectKind::Individual,
        "张三",
        CertificateType::Uscc,
        "91440300708461136T",
    );
    let report = validate(&f, &RuleContext::new(today()));
    assert_eq!(
        codes(&report)[0],
        ("subject.certificate.type", "certificate.type_not_allowed")
    );
    assert_eq!(
        report.issues[0].message,
        "个人不能使用统一社会信用代码备案，请改选本类主体可用的证件"
    );
    // An 18-digit resident ID also passes the credit-code check: the chosen type decides.
    let f = filing(
        SubjectKind::Enterprise,
        "示例",
        CertificateType::Uscc,
        "11010519491231002X",
    );
    assert!(validate(&f, &RuleContext::new(today()))
        .issues
        .iter()
        .all(|i| i.code.starts_with("uscc")));
}

#[test]
fn missing_fields_are_reported_in_form_order() {
    let report = validate(&Filing::default(), &RuleContext::new(today()));
    assert_eq!(
        codes(&report),
        [
            ("subject.kind", "required"),
            ("subject.name", "required"),
            ("subject.certificate.type", "required"),
            ("subject.certificate.number", "required"),
        ]
    );
    let messages: Vec<_> = report.issues.iter().map(|i| i.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "请选择主办单位性质",
            "请填写主办单位名称",
            "请选择证件类型",
            "请填写证件号码"
        ]
    );
    let mut en = report.clone();
    en.localize(Locale::En);
    assert_eq!(en.issues[1].message, "Enter the subject name");
}

#[test]
fn individual_names_are_letters_spaces_and_middle_dots() {
    for name in ["张三", "阿依古丽·买买提", "John Smith"] {
        let f = filing(
            SubjectKind::Individual,
            name,
            CertificateType::ResidentId,
            "11010519491231002X",
        );
        assert!(validate(&f, &RuleContext::new(today())).ok, "{name}");
    }
    for name in ["张三123", "张三@"] {
        let f = filing(
            SubjectKind::Individual,
            name,
            CertificateType::ResidentId,
            "11010519491231002X",
        );
        assert_eq!(
            codes(&validate(&f, &RuleContext::new(today())))[0].1,
            "person_name.format",
            "{name}"
        );
    }
    let long = "长".repeat(101);
    let f = filing(
        SubjectKind::Enterprise,
        &long,
        CertificateType::Uscc,
        "91440300708461136T",
    );
    assert_eq!(
        codes(&validate(&f, &RuleContext::new(today()))),
        [("subject.name", "text.too_long")]
    );
}

#[test]
fn normalisation_is_what_gets_submitted() {
    let f = filing(
        SubjectKind::Individual,
        "  张三 ",
        CertificateType::ResidentId,
        "110105 19491231 002x",
    );
    let n = normalize(&f);
    assert_eq!(n.subject.name, "张三");
    assert_eq!(n.subject.certificate.number, "11010519491231002X");
    let report = person("110105 19491231 002y");
    assert_eq!(report.issues[0].params["position"], "18");
}

#[test]
fn identifier_parsers_report_typed_errors() {
    assert_eq!(
        ResidentId::parse("123"),
        Err(ResidentIdError::Length { len: 3 })
    );
    let id = ResidentId::parse("11010519491231002X").unwrap();
    assert_eq!(
        id.birth_date(),
        NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
    );
    assert_eq!(id.region_code(), "110105");
    assert_eq!(id.age_on(today()), 76);
    assert!(ResidentId::parse(&with_id_check("81000019940823002"))
        .unwrap()
        .is_residence_permit());
    assert_eq!(Uscc::parse("91440300708461136A"), Err(UsccError::Checksum));
    assert_eq!(Uscc::parse("91440300708461136T").unwrap().category(), "91");
}

#[test]
fn every_catalogue_code_has_both_messages_and_a_source() {
    for (code, severity, zh, en, source) in CATALOGUE {
        assert!(matches!(*severity, "error" | "warning"), "{code}");
        assert!(
            !zh.is_empty() && !en.is_empty() && !source.is_empty(),
            "{code}"
        );
        assert!(
            code.chars()
                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
            "{code}"
        );
    }
}

#[test]
fn the_filing_contract_round_trips_as_camel_case_json() {
    let mut f = filing(
        SubjectKind::Enterprise,
        "示例",
        CertificateType::Uscc,
        "91440300708461136T",
    );
    f.subject.certificate.valid_until = "longTerm".into();
    f.acknowledged_warnings = vec!["a@b".into()];
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json["schemaVersion"], 1);
    assert_eq!(json["subject"]["certificate"]["type"], "uscc");
    assert_eq!(json["subject"]["certificate"]["validUntil"], "longTerm");
    assert_eq!(json["acknowledgedWarnings"][0], "a@b");
    let back: Filing = serde_json::from_value(json).unwrap();
    assert_eq!(back, f);
    let partial: Filing = serde_json::from_str(r#"{"subject":{"name":"x"}}"#).unwrap();
    assert_eq!(partial.subject.name, "x");
    assert_eq!(partial.schema_version, 1);
}

/// Appends the MOD 11-2 check character to 17 digits (test helper, independent of the crate).
fn with_id_check(first17: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .bytes()
        .zip(W)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!(
        "{first17}{}",
        "10X98765432".as_bytes()[(sum % 11) as usize] as char
    )
}

/// Appends the GB 32100 check character to 17 characters (test helper).
fn with_uscc_check(first17: &str) -> String {
    const A: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let sum: usize = first17
        .chars()
        .enumerate()
        .map(|(i, c)| A.find(c).unwrap() * (3usize.pow(i as u32) % 31))
        .sum();
    format!("{first17}{}", A.as_bytes()[(31 - sum % 31) % 31] as char)
}
