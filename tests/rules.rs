//! The shared rules, table-driven: each case changes one thing in a valid fixture filing
//! and states the issues expected at the changed field (docs/sources.md sections in comments).

use chrono::NaiveDate;
use icp_filing::ident::{ResidentId, ResidentIdError, Uscc, UsccError};
use icp_filing::messages::{Locale, CATALOGUE};
use icp_filing::model::{parse_filing, CertificateType, Filing, SubjectKind};
use icp_filing::report::{Report, Severity};
use icp_filing::ruledata::RuleData;
use icp_filing::rules::{normalize, validate, RuleContext};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn check(f: &Filing) -> Report {
    validate(f, &RuleContext::new(today()))
}

fn individual() -> Filing {
    parse_filing(include_str!("fixtures/individual-beijing.json")).unwrap()
}

fn enterprise() -> Filing {
    parse_filing(include_str!(
        "fixtures/enterprise-guangdong-two-websites.json"
    ))
    .unwrap()
}

fn app_filing() -> Filing {
    parse_filing(include_str!("fixtures/enterprise-app-zhejiang.json")).unwrap()
}

fn government() -> Filing {
    parse_filing(include_str!("fixtures/government-sichuan.json")).unwrap()
}

/// `(code, severity)` of the issues at `path`.
fn at(report: &Report, path: &str) -> Vec<(String, Severity)> {
    report
        .issues
        .iter()
        .filter(|i| i.path == path)
        .map(|i| (i.code.clone(), i.severity))
        .collect()
}

/// The first issue at `path`; the test fails when there is none.
fn issue_at<'a>(report: &'a Report, path: &str) -> &'a icp_filing::report::Issue {
    report
        .issues
        .iter()
        .find(|i| i.path == path)
        .unwrap_or_else(|| panic!("no issue at {path}: {:#?}", report.issues))
}

fn codes_at(report: &Report, path: &str) -> Vec<String> {
    at(report, path).into_iter().map(|(c, _)| c).collect()
}

/// Sets an individual's ID in both places the filer's identity appears.
fn with_individual_id(number: &str) -> Filing {
    let mut f = individual();
    f.subject.certificate.number = number.into();
    f.subject.principal.certificate.number = number.into();
    f.websites[0].responsible.certificate.number = number.into();
    f
}

/// Appends the MOD 11-2 check character to 17 digits (independent of the crate).
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

/// Appends the GB 32100 check character to 17 characters (independent of the crate).
fn with_uscc_check(first17: &str) -> String {
    const A: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let sum: usize = first17
        .chars()
        .enumerate()
        .map(|(i, c)| A.find(c).unwrap() * (3usize.pow(i as u32) % 31))
        .sum();
    format!("{first17}{}", A.as_bytes()[(31 - sum % 31) % 31] as char)
}

#[test]
fn the_valid_fixtures_have_no_issues() {
    // No issue but those the filer confirmed (the Guangdong fixture's second site is not
    // named "…官网").
    for f in [individual(), enterprise(), app_filing(), government()] {
        let report = check(&f);
        assert!(
            report.ok
                && report
                    .issues
                    .iter()
                    .all(|i| f.acknowledged_warnings.contains(&i.acknowledgement_key())),
            "{:#?}",
            report.issues
        );
    }
}

#[test]
fn resident_ids_are_accepted_in_every_form_people_type_them() {
    let base = individual().subject.certificate.number;
    let spaced = format!(
        "{} {} {}",
        &base[..6],
        &base[6..14],
        &base[14..].to_lowercase()
    );
    let full_width: String = base
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    for number in [
        base.clone(),
        spaced,
        base.replace("", "-").trim_matches('-').to_owned(),
        full_width,
    ] {
        let report = check(&with_individual_id(&number));
        assert!(report.ok, "{number}: {:#?}", report.issues);
    }
}

#[test]
fn resident_id_failures_name_the_part_that_failed() {
    let p = "subject.certificate.number";
    type Case<'a> = (&'a str, &'a str, Option<(&'a str, &'a str)>);
    let cases: &[Case] = &[
        ("1101081990030712", "id.length", Some(("length", "16"))),
        ("11010819900307A23X", "id.format", Some(("position", "15"))),
        (
            "110108199002300023",
            "id.birth_date",
            Some(("date", "1990-02-30")),
        ),
        (
            "110108189912310021",
            "id.birth_date",
            Some(("date", "1899-12-31")),
        ),
        ("110108199003071230", "id.checksum", None),
    ];
    for (number, code, param) in cases {
        let report = check(&with_individual_id(number));
        let issue = report
            .issues
            .iter()
            .find(|i| i.path == p)
            .unwrap_or_else(|| panic!("{number}"));
        assert_eq!(
            (issue.code.as_str(), issue.severity),
            (*code, Severity::Error),
            "{number}"
        );
        if let Some((k, v)) = param {
            assert_eq!(issue.params[*k], *v, "{number}");
        }
    }
}

#[test]
fn an_unknown_province_prefix_is_a_warning_the_filer_can_acknowledge() {
    let number = with_id_check("99010519900307123");
    let mut f = with_individual_id(&number);
    let report = check(&f);
    assert!(at(&report, "subject.certificate.number")
        .contains(&("id.region_unknown".into(), Severity::Warning)));
    assert!(!report.ok);
    f.acknowledged_warnings = report
        .issues
        .iter()
        .map(|i| i.acknowledgement_key())
        .collect();
    assert!(
        check(&f).ok,
        "every warning acknowledged: {:#?}",
        check(&f).issues
    );
}

#[test]
fn abolished_county_codes_still_pass_as_local_ids() {
    // 110229 (延庆县) and 110228 (密云县) became districts; cards with them remain valid.
    for prefix in ["110229", "110228"] {
        let f = with_individual_id(&with_id_check(&format!("{prefix}19800101123")));
        assert!(check(&f).ok, "{prefix}: {:#?}", check(&f).issues);
    }
}

#[test]
fn age_is_checked_against_the_province_minimum() {
    // Born 2010-01-01: 16 on 2026-11-28, under Beijing's (national) 18 → warning (§10 rule 2:
    // warn 16–17); born 2015: under the absolute minimum of 16 → error.
    let id = with_id_check("11010820100101123");
    let f = with_individual_id(&id);
    assert_eq!(
        at(&check(&f), "subject.certificate.number"),
        [("age.under_minimum".to_owned(), Severity::Warning)]
    );
    let young = with_id_check("11010820150101123");
    let report = check(&with_individual_id(&young));
    assert_eq!(
        at(&report, "subject.certificate.number"),
        [("age.under_minimum".to_owned(), Severity::Error)]
    );
    assert!(
        report.issues.iter().any(|i| i.message.contains("16")),
        "absolute minimum 16"
    );
    // The floor of 16 is the national one, not Beijing's.
    let message = &issue_at(&report, "subject.certificate.number").message;
    assert!(message.starts_with("全国要求"), "{message}");
    let mut english = report.clone();
    english.localize(Locale::En, RuleData::embedded());
    let message = &issue_at(&english, "subject.certificate.number").message;
    assert!(
        message.starts_with("China requires responsible persons to be at least 16"),
        "{message}"
    );
}

#[test]
fn a_future_birth_date_is_rejected_relative_to_today() {
    let number = with_id_check("11010820261201002");
    assert_eq!(
        codes_at(
            &check(&with_individual_id(&number)),
            "subject.certificate.number"
        ),
        ["id.birth_date"]
    );
}

#[test]
fn non_local_individuals_follow_the_province_rule() {
    // A Guangdong ID filing in Beijing (allowed), in Shanxi (not allowed), in Jiangsu and
    // Shanghai (permit: a province's own, a municipality's own).
    let id = with_id_check("44030519900307123");
    for (province, expected, local) in [
        ("110000", None, ""),
        ("140000", Some("notAllowed"), "不接受外省个人备案"),
        (
            "320000",
            Some("withResidencePermit"),
            "外省个人需提供本省居住证",
        ),
        (
            "310000",
            Some("withResidencePermit"),
            "外地个人需提供本市居住证",
        ),
    ] {
        let mut f = with_individual_id(&id);
        f.province = province.into();
        f.subject.address.province = province.into();
        f.subject.address.city = format!("{}0100", &province[..2]);
        f.subject.address.district = format!("{}0102", &province[..2]);
        let report = check(&f);
        let issue = report
            .issues
            .iter()
            .find(|i| i.code == "subject.non_local_individual");
        assert_eq!(
            issue.map(|i| i.params["rule"].as_str()),
            expected,
            "{province}: {:#?}",
            report.issues
        );
        if let Some(issue) = issue {
            assert!(issue.message.contains(local), "{}", issue.message);
        }
    }
}

#[test]
fn real_public_credit_codes_pass() {
    for code in [
        "91440300708461136T",
        "914403001922038216",
        "9144 0300 7084 6113 6t",
    ] {
        let mut f = enterprise();
        f.subject.certificate.number = code.into();
        assert!(check(&f).ok, "{code}: {:#?}", check(&f).issues);
    }
    // Beijing and Zhejiang companies pass the check but were issued outside Guangdong.
    for code in [
        "91110000802100433B",
        "91330100716105852F",
        "91110108551385082Q",
    ] {
        let mut f = enterprise();
        f.subject.certificate.number = code.into();
        let report = check(&f);
        assert_eq!(
            at(&report, "subject.certificate.number"),
            [(
                "subject.certificate_province_mismatch".to_owned(),
                Severity::Warning
            )]
        );
    }
}

#[test]
fn credit_code_failures() {
    let cases: &[(&str, &str, Severity)] = &[
        ("91440300708461136", "uscc.length", Severity::Error),
        ("9144030070846I136T", "uscc.format", Severity::Error),
        ("914403A0708461136T", "uscc.format", Severity::Error),
        ("91440300708461136A", "uscc.checksum", Severity::Warning),
        ("91350203M0001QAY9B", "uscc.checksum", Severity::Warning),
    ];
    for (code, expected, severity) in cases {
        let mut f = enterprise();
        f.subject.certificate.number = (*code).into();
        let report = check(&f);
        let first = at(&report, "subject.certificate.number")[0].clone();
        assert_eq!(first, ((*expected).to_owned(), *severity), "{code}");
    }
}

#[test]
fn credit_code_category_must_fit_the_subject_kind() {
    let mut f = enterprise();
    f.subject.certificate.number = with_uscc_check("12440300400000000");
    assert!(codes_at(&check(&f), "subject.certificate.number")
        .contains(&"uscc.category_mismatch".to_owned()));
}

#[test]
fn certificate_types_and_validity() {
    let mut f = individual();
    f.subject.certificate.kind = Some(CertificateType::Uscc);
    assert!(codes_at(&check(&f), "subject.certificate.type")
        .contains(&"certificate.type_not_allowed".to_owned()));

    let cases = [
        ("2026-11-27", "certificate.expired"),
        ("2027-02-27", "certificate.expiring_soon"),
        ("27/02/2030", "validity.format"),
        ("", "required"),
    ];
    for (until, code) in cases {
        let mut f = enterprise();
        f.subject.principal.certificate.valid_until = until.into();
        assert_eq!(
            codes_at(&check(&f), "subject.principal.certificate.validUntil"),
            [code],
            "{until}"
        );
    }
    let mut f = enterprise();
    f.subject.principal.certificate.valid_until = "2027-02-28".into();
    assert!(check(&f).ok, "exactly three months left is enough");
    // 「长期」 as the card prints it is the contract's longTerm.
    let path = "subject.principal.certificate.validUntil";
    f.subject.principal.certificate.valid_until = "longTerm".into();
    let long_term = codes_at(&check(&f), path);
    for typed in ["长期", " 长期有效 "] {
        f.subject.principal.certificate.valid_until = typed.into();
        assert_eq!(codes_at(&check(&f), path), long_term, "{typed}");
        assert_eq!(
            normalize(&f).subject.principal.certificate.valid_until,
            "longTerm"
        );
    }
}

#[test]
fn other_personal_certificate_formats() {
    let cases = [
        (CertificateType::HkMacaoPermit, "H12345678", true),
        (CertificateType::HkMacaoPermit, "h 1234 5678", true),
        (CertificateType::HkMacaoPermit, "12345678", false),
        (CertificateType::TaiwanPermit, "12345678", true),
        (CertificateType::TaiwanPermit, "1234567", false),
        (CertificateType::Passport, "E12345678", true),
        (CertificateType::Passport, "E1", false),
        (
            CertificateType::ForeignPermanentResidentId,
            "91123419900101123X",
            true,
        ),
        (
            CertificateType::ForeignPermanentResidentId,
            "USA123456789012",
            true,
        ),
        (
            CertificateType::ForeignPermanentResidentId,
            "11010519900101123",
            false,
        ),
    ];
    for (ty, number, ok) in cases {
        let mut f = enterprise();
        f.websites[0].responsible.certificate.kind = Some(ty);
        f.websites[0].responsible.certificate.number = number.into();
        let codes = codes_at(&check(&f), "websites[0].responsible.certificate.number");
        assert_eq!(codes.is_empty(), ok, "{ty:?} {number}: {codes:?}");
    }
}

#[test]
fn contact_formats_and_distinctness() {
    let p = "websites[0].responsible";
    let cases: &[(&str, &str, &str)] = &[
        ("mobile", "1380013800", "mobile.format"),
        ("mobile", "12800138000", "mobile.format"),
        ("email", "wang@", "email.format"),
        ("emergencyPhone", "12345", "phone.format"),
        ("officePhone", "8601-2345", "phone.area_code_missing"),
    ];
    for (field, value, code) in cases {
        let mut f = enterprise();
        let person = &mut f.websites[0].responsible;
        match *field {
            "mobile" => person.mobile = (*value).into(),
            "email" => person.email = (*value).into(),
            "emergencyPhone" => person.emergency_phone = (*value).into(),
            _ => person.office_phone = (*value).into(),
        }
        assert_eq!(
            codes_at(&check(&f), &format!("{p}.{field}")),
            [*code],
            "{field}={value}"
        );
    }
    // Another person's mobile and e-mail (§4.4: different persons, different contacts).
    let mut f = enterprise();
    f.websites[0].responsible.mobile = f.subject.principal.mobile.clone();
    f.websites[0].responsible.email = f.subject.principal.email.to_uppercase();
    let report = check(&f);
    assert_eq!(
        codes_at(&report, &format!("{p}.mobile")),
        ["person.contact_reused"]
    );
    assert_eq!(
        codes_at(&report, &format!("{p}.email")),
        ["person.contact_reused"]
    );
    assert!(report
        .issues
        .iter()
        .any(|i| i.message.contains("主体负责人的手机号码")));
    // The emergency phone is nobody's mobile.
    let mut f = enterprise();
    f.websites[1].responsible.emergency_phone = f.websites[0].responsible.mobile.clone();
    assert_eq!(
        codes_at(&check(&f), "websites[1].responsible.emergencyPhone"),
        ["emergency_phone.same_as_mobile"]
    );
    // Contacts in any spelling are compared normalised.
    let mut f = enterprise();
    f.websites[0].responsible.mobile = format!("+86 {}", f.subject.principal.mobile);
    assert_eq!(
        codes_at(&check(&f), &format!("{p}.mobile")),
        ["person.contact_reused"]
    );
}

#[test]
fn the_same_person_in_two_roles_uses_the_same_contacts() {
    let mut f = enterprise();
    f.websites[1].responsible = f.websites[0].responsible.clone();
    assert!(
        check(&f).ok,
        "same person, same contacts: {:#?}",
        check(&f).issues
    );
    f.websites[1].responsible.mobile = "13012345678".into();
    assert_eq!(
        at(&check(&f), "websites[1].responsible.mobile"),
        [("person.contacts_inconsistent".to_owned(), Severity::Warning)]
    );
}

#[test]
fn website_name_rules() {
    let cases: &[(&str, Option<&str>)] = &[
        ("张伟的读书笔记", None),
        ("读书", Some("website.name_too_short")),
        ("(读书)-", Some("website.name_too_short")),
        ("ReadingNotes", Some("website.name_latin_only")),
        ("zhangwei-notes.cn", Some("website.name_is_domain")),
        ("读书笔记！", Some("website.name_symbols")),
        // The hyphen a Chinese input method types in full width is the allowed hyphen.
        ("张伟－读书笔记", None),
        // Its dash forms, and the middle dot's look-alikes, count as those symbols.
        ("张伟—读书笔记", None),
        ("张伟–读书笔记", None),
        ("张伟・读书笔记", None),
        ("张伟•读书笔记", None),
        ("张伟+读书笔记", Some("website.name_symbols")),
        ("张伟的读书笔记.top", Some("website.name_is_domain")),
        // A dot in a name that is no domain is named as the symbol it is.
        ("张伟的.NET笔记", Some("website.name_symbols")),
        ("中国读书笔记", Some("website.name_national_prefix")),
        ("张伟的读书论坛", Some("website.name_forbidden_word")),
        ("张伟的读书社区", Some("website.name_forbidden_word")),
        (
            "张伟的新闻摘录",
            Some("website.personal_pre_approval_topic"),
        ),
    ];
    for (name, code) in cases {
        let mut f = individual();
        f.websites[0].name = (*name).into();
        let codes = codes_at(&check(&f), "websites[0].name");
        match code {
            None => assert!(codes.is_empty(), "{name}: {codes:?}"),
            Some(c) => assert!(codes.contains(&(*c).to_owned()), "{name}: {codes:?}"),
        }
    }
    // Invisible characters pasted with a name: dropped at its ends, named by code point
    // inside it.
    let mut f = individual();
    f.websites[0].name = "\u{200B}张伟的读书笔记\u{FEFF}".into();
    assert!(at(&check(&f), "websites[0].name").is_empty());
    assert_eq!(normalize(&f).websites[0].name, "张伟的读书笔记");
    f.websites[0].name = "张伟的\u{200B}读书笔记".into();
    let report = check(&f);
    assert!(issue_at(&report, "websites[0].name")
        .message
        .contains("“U+200B”"));
    // The full-width hyphen is stored as the hyphen.
    let mut f = individual();
    f.websites[0].name = "张伟－读书笔记".into();
    assert_eq!(normalize(&f).websites[0].name, "张伟-读书笔记");
    let mut f = individual();
    f.websites[0].name = "张伟的.NET笔记".into();
    let report = check(&f);
    assert_eq!(
        codes_at(&report, "websites[0].name"),
        ["website.name_symbols"]
    );
    assert!(issue_at(&report, "websites[0].name")
        .message
        .contains("“.”"));
    // Words forbidden for personal sites are fine for a company (Guangdong only asks for
    // the 官网 ending).
    let mut f = enterprise();
    f.websites[0].name = "腾讯开发者社区".into();
    assert_eq!(
        codes_at(&check(&f), "websites[0].name"),
        ["website.name_suffix"]
    );
}

#[test]
fn sensitive_words_bind_filers_whose_work_they_are_not() {
    // A discipline commission's 廉政网 and a police 禁毒反赌博 site name their work.
    for name in ["成都市纪委监委廉政网", "成都市禁毒反赌博宣传网"] {
        let mut f = government();
        f.websites[0].name = name.into();
        assert_eq!(
            codes_at(&check(&f), "websites[0].name"),
            Vec::<String>::new(),
            "{name}"
        );
    }
    let mut f = enterprise();
    f.websites[0].name = "腾讯廉政文化官网".into();
    assert_eq!(
        at(&check(&f), "websites[0].name"),
        [("website.name_sensitive_unit".to_owned(), Severity::Warning)]
    );
    let mut f = individual();
    f.websites[0].name = "张伟的廉政笔记".into();
    assert!(at(&check(&f), "websites[0].name")
        .contains(&("website.name_sensitive".to_owned(), Severity::Error)));
    // No unit's work is 赌博 or 色情: refused as for an individual, also beside 廉政, and
    // confirmed only where it may straddle two words.
    for (name, code, severity) in [
        ("赌博攻略官网", "website.name_sensitive", Severity::Error),
        (
            "色情防治廉政官网",
            "website.name_sensitive",
            Severity::Error,
        ),
        (
            "云栖赌博攻略官网",
            "website.name_sensitive_inside",
            Severity::Warning,
        ),
    ] {
        let mut f = enterprise();
        f.websites[0].name = name.into();
        assert_eq!(
            at(&check(&f), "websites[0].name"),
            [(code.to_owned(), severity)],
            "{name}"
        );
    }
}

#[test]
fn a_sensitive_word_where_two_words_meet_is_confirmed_not_refused() {
    // 秋色 + 情怀, 夜色 + 情歌, 防腐 + 反腐蚀: the word follows another Chinese character;
    // or it is inside a longer word that means something else (反腐蚀, anti-corrosion).
    for name in [
        "李想的秋色情怀",
        "夜色情歌翻唱集",
        "李想的防腐反腐蚀笔记",
        "李想的反腐蚀笔记",
    ] {
        let mut f = individual();
        f.websites[0].name = name.into();
        let found = at(&check(&f), "websites[0].name");
        assert!(
            found.contains(&(
                "website.name_sensitive_inside".to_owned(),
                Severity::Warning
            )),
            "{name}: {found:?}"
        );
        assert!(
            found.iter().all(|(_, s)| *s == Severity::Warning),
            "{name}: {found:?}"
        );
    }
    // At the start, after 的 or after a space it is the word itself, and so is 反腐 beside
    // a 反腐蚀.
    for name in [
        "色情小说分享",
        "李想的色情小说",
        "李想 色情小说",
        "李想的反腐笔记",
        "李想的反腐蚀与反腐笔记",
    ] {
        let mut f = individual();
        f.websites[0].name = name.into();
        assert!(
            at(&check(&f), "websites[0].name")
                .contains(&("website.name_sensitive".to_owned(), Severity::Error)),
            "{name}"
        );
    }
    // A word on both lists is told once, as the sensitive word: no warning beside the error
    // invites the filer to confirm it away, and 反腐蚀 gets one warning, not two.
    let mut f = individual();
    f.websites[0].name = "李想的反腐笔记".into();
    assert_eq!(
        at(&check(&f), "websites[0].name"),
        [("website.name_sensitive".to_owned(), Severity::Error)]
    );
    f.websites[0].name = "李想的反腐蚀笔记".into();
    assert_eq!(
        at(&check(&f), "websites[0].name"),
        [(
            "website.name_sensitive_inside".to_owned(),
            Severity::Warning
        )]
    );
    // Also where the word occurs twice, once on its own.
    let mut f = individual();
    f.websites[0].name = "色情与秋色情怀".into();
    assert!(at(&check(&f), "websites[0].name")
        .contains(&("website.name_sensitive".to_owned(), Severity::Error)));
}

#[test]
fn a_department_files_its_own_name_under_gov_cn() {
    // fgw.beijing.gov.cn is the commission's own name, not a sub-domain to leave out.
    let mut f = government();
    f.websites[0].domains = vec!["fgw.beijing.gov.cn".into()];
    f.websites[0].homepage = "fgw.beijing.gov.cn".into();
    assert!(
        !codes_at(&check(&f), "websites[0].domains[0]").contains(&"domain.subdomain".to_owned())
    );
    // Elsewhere a sub-domain is still told to file the registrable domain.
    let mut f = enterprise();
    f.websites[0].domains = vec!["news.example.com.cn".into()];
    assert!(codes_at(&check(&f), "websites[0].domains[0]").contains(&"domain.subdomain".to_owned()));
}

#[test]
fn domain_rules() {
    let cases: &[(&str, &str)] = &[
        ("https://zhangwei-notes.cn/blog", "domain.scheme"),
        ("zhangwei-notes.cn/blog", "domain.path"),
        ("zhangwei_notes.cn", "domain.format"),
        ("zhangwei.io", "domain.tld_not_fileable"),
        ("zhangwei.org", "domain.tld_caution"),
        ("zhangwei.zz", "domain.tld_unlisted"),
        // A slip of the keyboard that is no TLD names the one meant.
        ("zhangwei.con", "domain.tld_typo"),
        ("zhangwei.ogr", "domain.tld_typo"),
        ("zhangwei.gov.cn", "domain.government_only"),
        ("blog.zhangwei-notes.cn", "domain.subdomain"),
        // A name sold under CentralNic's cn.com: not advice to file cn.com.
        ("linxiao.cn.com", "domain.second_level_registry"),
        ("www.linxiao.cn.com", "domain.second_level_registry"),
    ];
    for (domain, code) in cases {
        let mut f = individual();
        f.websites[0].domains = vec![(*domain).into()];
        assert_eq!(
            codes_at(&check(&f), "websites[0].domains[0]"),
            [*code],
            "{domain}"
        );
    }
    let mut f = individual();
    f.websites[0].domains = vec!["zhangwei-notes.con".into()];
    assert!(issue_at(&check(&f), "websites[0].domains[0]")
        .message
        .contains("可能是“.com”打错了"));
    let mut f = individual();
    f.websites[0].domains = vec!["例子.中国".into()];
    f.websites[0].homepage = "http://例子.中国/".into();
    assert!(
        check(&f).ok,
        "IDN domains are fileable: {:#?}",
        check(&f).issues
    );
    let mut f = enterprise();
    f.websites[1].domains = vec!["TENCENT-EXAMPLE.COM.".into()];
    f.websites[1].homepage = "tencent-example.com".into();
    assert_eq!(
        codes_at(&check(&f), "websites[1].domains[0]"),
        ["domain.duplicate"]
    );
    let mut f = government();
    f.websites[0].domains = vec!["example-cd.cn".into()];
    f.websites[0].homepage = "example-cd.cn".into();
    assert_eq!(
        codes_at(&check(&f), "websites[0].domains[0]"),
        ["domain.government_suffix"]
    );
}

#[test]
fn home_page_service_content_languages_and_pre_approvals() {
    let mut f = individual();
    f.websites[0].homepage = "www.example.com".into();
    assert_eq!(
        codes_at(&check(&f), "websites[0].homepage"),
        ["homepage.not_under_domain"]
    );
    let mut f = individual();
    f.websites[0].service_content = vec!["shopping".into()];
    assert_eq!(
        codes_at(&check(&f), "websites[0].serviceContent[0]"),
        ["service_content.personal_not_allowed"]
    );
    // An individual's APP (instead of a website) is not held to the personal websites' list.
    let mut f = individual();
    let mut app = app_filing().apps[0].clone();
    app.service_content = vec!["app".into()];
    f.websites.clear();
    f.apps = vec![app];
    assert!(!codes_at(&check(&f), "apps[0].serviceContent[0]")
        .contains(&"service_content.personal_not_allowed".to_owned()));
    let mut f = individual();
    f.websites[0].service_content = vec!["nonsense".into()];
    f.websites[0].languages = vec!["klingon".into()];
    let report = check(&f);
    assert_eq!(
        codes_at(&report, "websites[0].serviceContent[0]"),
        ["service_content.unknown"]
    );
    assert_eq!(
        codes_at(&report, "websites[0].languages[0]"),
        ["language.unknown"]
    );
    // A company news site should carry its approval; once it does, the warning goes.
    let mut f = enterprise();
    f.websites[0].name = "腾讯新闻官网".into();
    assert_eq!(
        at(&check(&f), "websites[0].preApprovals"),
        [("pre_approval.required".to_owned(), Severity::Warning)]
    );
    f.websites[0].pre_approvals = vec![icp_filing::model::PreApproval {
        category: "news".into(),
        number: "10120170019".into(),
    }];
    assert!(check(&f).ok, "{:#?}", check(&f).issues);
    // Education, medical care and bulletin boards were abolished nationally: a unit is told
    // that only some bureaus still ask, apart from the approvals still needed.
    let mut f = enterprise();
    f.websites[0].name = "示例科技学院理财官网".into();
    assert_eq!(
        codes_at(&check(&f), "websites[0].preApprovals"),
        ["pre_approval.abolished_topic", "pre_approval.required"]
    );
    f.websites[0].name = "示例科技在线问诊官网".into();
    let report = check(&f);
    assert_eq!(
        codes_at(&report, "websites[0].preApprovals"),
        ["pre_approval.abolished_topic"]
    );
    assert!(issue_at(&report, "websites[0].preApprovals")
        .message
        .contains("已在全国取消"));
    // A word that holds a keyword without being its topic is no topic: an academy of sciences
    // is no school, a public-resources trading centre no exchange, a treasury payment centre
    // no payment service.
    for name in [
        "示例省农业科学院官网",
        "深圳市公共资源交易中心官网",
        "示例市财政国库支付中心官网",
    ] {
        let mut f = enterprise();
        f.websites[0].name = name.into();
        assert_eq!(
            codes_at(&check(&f), "websites[0].preApprovals"),
            Vec::<String>::new(),
            "{name}"
        );
    }
    // A party or government body's name names its remit, not a service it runs; its
    // website's own name is still read.
    let mut f = government();
    f.subject.name = "成都市示例区教育局".into();
    assert_eq!(
        codes_at(&check(&f), "websites[0].preApprovals"),
        Vec::<String>::new()
    );
    f.websites[0].name = "示例区新闻网".into();
    assert_eq!(
        codes_at(&check(&f), "websites[0].preApprovals"),
        ["pre_approval.required"]
    );
    // A website named for the body names the same remit.
    f.websites[0].name = "示例区教育局网站".into();
    assert_eq!(
        codes_at(&check(&f), "websites[0].preApprovals"),
        Vec::<String>::new()
    );
    f.websites[0].remark = "发布本区教育政策和招生信息".into();
    assert_eq!(
        codes_at(&check(&f), "websites[0].preApprovals"),
        Vec::<String>::new()
    );
    let mut f = individual();
    f.websites[0].pre_approvals = vec![icp_filing::model::PreApproval {
        category: "news".into(),
        number: "x".into(),
    }];
    assert_eq!(
        codes_at(&check(&f), "websites[0].preApprovals[0].category"),
        ["pre_approval.individual_not_allowed"]
    );
}

#[test]
fn harmonyos_bundle_names_follow_huaweis_rule_not_androids() {
    let package_codes = |platform: &str, name: &str| {
        let mut f = app_filing();
        f.apps[0].platforms[0].platform = platform.into();
        f.apps[0].platforms[0].package_name = name.into();
        codes_at(&check(&f), "apps[0].platforms[0].packageName")
    };
    // An atomic service's bundle name ends with its numeric APP ID; a later segment may start
    // with a digit.
    for name in [
        "com.atomicservice.5765880207854649689",
        "com.01example.myapplication",
        "com.huawei.hmos.health",
    ] {
        assert_eq!(
            package_codes("harmony", name),
            Vec::<String>::new(),
            "{name}"
        );
    }
    for name in [
        "1com.example.app",
        "com.example_.app",
        "com..example",
        "com.例子.app",
    ] {
        assert_eq!(
            package_codes("harmony", name),
            ["app.package_name_format"],
            "{name}"
        );
    }
    // Android keeps its own rule: a segment starts with a letter.
    assert_eq!(
        package_codes("android", "com.01example.myapplication"),
        ["app.package_name_format"]
    );
}

#[test]
fn app_rules() {
    let p = "apps[0].platforms";
    let mut f = app_filing();
    f.apps[0].platforms[0].package_name = "aliyundrive".into();
    f.apps[0].platforms[0].signature_md5 = "9F2A1B3C".into();
    f.apps[0].platforms[1].cert_sha1 = String::new();
    let report = check(&f);
    assert_eq!(
        codes_at(&report, &format!("{p}[0].packageName")),
        ["app.package_name_format"]
    );
    assert_eq!(
        codes_at(&report, &format!("{p}[0].signatureMd5")),
        ["app.md5_format"]
    );
    // A SHA-1 pasted as the MD5 is told by its length.
    let mut sha1_as_md5 = app_filing();
    sha1_as_md5.apps[0].platforms[0].signature_md5 =
        "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678".into();
    assert!(
        issue_at(&check(&sha1_as_md5), &format!("{p}[0].signatureMd5"))
            .message
            .ends_with("这里是40位")
    );
    assert_eq!(
        at(&report, &format!("{p}[1].certSha1")),
        [("app.sha1_missing".to_owned(), Severity::Warning)]
    );
    let mut f = app_filing();
    f.apps[0].platforms[1].platform = "android".into();
    assert_eq!(
        codes_at(&check(&f), &format!("{p}[1].platform")),
        ["app.platform_duplicate"]
    );
    let mut f = app_filing();
    f.apps[0].platforms.clear();
    assert_eq!(codes_at(&check(&f), p), ["required"]);
    let mut f = app_filing();
    f.apps[0].platforms[0].signature_md5 = "9f:2a:1b:3c:4d:5e:6f:70:81:92:a3:b4:c5:d6:e7:f8".into();
    assert!(
        check(&f).ok,
        "colon-separated fingerprints are normalised: {:#?}",
        check(&f).issues
    );
    assert_eq!(
        normalize(&f).apps[0].platforms[0].signature_md5,
        "9F2A1B3C4D5E6F708192A3B4C5D6E7F8"
    );
}

#[test]
fn filing_level_rules() {
    let mut f = individual();
    f.websites.clear();
    assert_eq!(codes_at(&check(&f), "websites"), ["filing.no_services"]);
    let mut f = enterprise();
    f.filing_type = Some(icp_filing::model::FilingType::NewWebsite);
    assert_eq!(codes_at(&check(&f), "filingNumber"), ["required"]);
    f.filing_number = "粤ICP备09003456号".into();
    assert!(check(&f).ok);
    f.filing_number = "京ICP备09003456号".into();
    assert_eq!(
        codes_at(&check(&f), "filingNumber"),
        ["filing_number.province_mismatch"]
    );
    f.filing_number = "ICP 09003456".into();
    assert_eq!(
        codes_at(&check(&f), "filingNumber"),
        ["filing_number.format"]
    );
    // As filers type it: spaces, full-width digits, a lower-case icp, another dash.
    f.filing_number = " 粤icp备 ０９００３４５６ 号 ".into();
    assert!(check(&f).ok, "{:#?}", check(&f).issues);
    assert_eq!(normalize(&f).filing_number, "粤ICP备09003456号");
    // A website's number where the subject's belongs: said, with the subject's number.
    for typed in ["粤ICP备09003456号-1", "粤ICP备09003456号－2A"] {
        f.filing_number = typed.into();
        let report = check(&f);
        let issue = issue_at(&report, "filingNumber");
        assert_eq!(issue.code, "filing_number.service_number");
        assert!(
            issue.message.ends_with("粤ICP备09003456号"),
            "{}",
            issue.message
        );
    }
    let mut f = enterprise();
    f.province = "990000".into();
    assert!(codes_at(&check(&f), "province").contains(&"province.unknown".to_owned()));
    // Two websites are too many for a personal order (§5.3).
    let mut f = individual();
    let mut second = f.websites[0].clone();
    second.domains = vec!["zhangwei-photos.cn".into()];
    second.homepage = "zhangwei-photos.cn".into();
    second.name = "张伟的摄影作品".into();
    f.websites.push(second);
    assert_eq!(
        at(&check(&f), "websites"),
        [("websites.too_many".to_owned(), Severity::Warning)]
    );
}

#[test]
fn province_rules_for_units() {
    // Jiangsu: units give a landline as office phone; Beijing: office phone ≠ principal mobile.
    let mut f = enterprise();
    f.province = "320000".into();
    f.subject.certificate.number = with_uscc_check("91320100MA1000000");
    f.subject.address.province = "320000".into();
    f.subject.address.city = "320100".into();
    f.subject.address.district = "320102".into();
    f.websites[0].responsible.office_phone = "13812345678".into();
    let report = check(&f);
    assert_eq!(
        codes_at(&report, "websites[0].responsible.officePhone"),
        ["office_phone.landline_required"]
    );
    // Not the legal representative in a province that requires it (Tianjin).
    let mut f = enterprise();
    f.province = "120000".into();
    f.subject.principal_is_legal_representative = Some(false);
    assert!(
        codes_at(&check(&f), "subject.principalIsLegalRepresentative")
            .contains(&"principal.legal_rep_required".to_owned())
    );
}

#[test]
fn the_legal_representative_is_asked_for_when_the_principal_is_not() {
    const NAME: &str = "subject.legalRepresentative.name";
    const TYPE: &str = "subject.legalRepresentative.certificate.type";
    const NUMBER: &str = "subject.legalRepresentative.certificate.number";
    let mut f = enterprise();
    f.subject.principal_is_legal_representative = Some(false);
    // Not given: one warning to confirm (not every provider's form asks).
    let report = check(&f);
    assert_eq!(
        at(&report, NAME),
        [("legal_representative.missing".to_owned(), Severity::Warning)]
    );
    assert!(at(&report, NUMBER).is_empty());
    // The name without the number: the number is asked for.
    f.subject.legal_representative.name = "王建华".into();
    let report = check(&f);
    assert!(at(&report, NAME).is_empty());
    assert_eq!(codes_at(&report, NUMBER), ["legal_representative.missing"]);
    // A number without its type can't be read.
    f.subject.legal_representative.certificate.number = with_id_check("44030519750302123");
    assert_eq!(codes_at(&check(&f), TYPE), ["required"]);
    // A resident ID is checked as any: its check digit is an error.
    f.subject.legal_representative.certificate.kind = Some(CertificateType::ResidentId);
    let report = check(&f);
    assert!(at(&report, TYPE).is_empty() && at(&report, NUMBER).is_empty());
    let valid = with_id_check("44030519750302123");
    let wrong = if valid.ends_with('0') { '1' } else { '0' };
    f.subject.legal_representative.certificate.number = format!("{}{wrong}", &valid[..17]);
    assert_eq!(
        at(&check(&f), NUMBER),
        [("id.checksum".to_owned(), Severity::Error)]
    );
    // A unit's certificate is not a person's.
    f.subject.legal_representative.certificate.kind = Some(CertificateType::Uscc);
    assert_eq!(codes_at(&check(&f), TYPE), ["certificate.type_not_allowed"]);
    // A name with a symbol no certificate prints.
    f.subject.legal_representative.name = "王建华@".into();
    assert_eq!(codes_at(&check(&f), NAME), ["person_name.format"]);
    assert_eq!(normalize(&f).subject.legal_representative.name, "王建华@");
    // When the principal is the legal representative, nothing of this is asked or checked,
    // nor stored: an answer changed to 是 leaves no hidden ID number behind.
    f.subject.principal_is_legal_representative = Some(true);
    let report = check(&f);
    assert!(report
        .issues
        .iter()
        .all(|i| !i.path.starts_with("subject.legalRepresentative")));
    assert_eq!(
        normalize(&f).subject.legal_representative,
        Default::default()
    );
}

#[test]
fn a_domain_held_by_the_named_legal_representative_is_not_questioned() {
    use icp_filing::model::DomainFacts;
    let mut f = enterprise();
    f.subject.principal_is_legal_representative = Some(false);
    f.subject.legal_representative.name = "王建华".into();
    f.subject.legal_representative.certificate.kind = Some(CertificateType::ResidentId);
    f.subject.legal_representative.certificate.number = with_id_check("44030519750302123");
    let domain = f.websites[0].domains[0].clone();
    let path = "websites[0].domains[0]";
    let held_by = |f: &mut Filing, holder: &str| {
        f.domain_facts = vec![DomainFacts {
            domain: domain.clone(),
            holder_name: holder.into(),
            ..DomainFacts::default()
        }];
    };
    // Held by the legal representative: fine (Guangdong doesn't require the unit).
    held_by(&mut f, "王 建华");
    assert!(at(&check(&f), path).is_empty());
    // Held by someone who is neither the unit nor its legal representative.
    held_by(&mut f, "李四");
    assert_eq!(
        at(&check(&f), path),
        [("domain.holder_mismatch".to_owned(), Severity::Error)]
    );
    // Without the legal representative's name, the filer is asked to confirm.
    f.subject.legal_representative = Default::default();
    assert_eq!(
        at(&check(&f), path),
        [("domain.holder_unconfirmed".to_owned(), Severity::Warning)]
    );
}

#[test]
fn a_registrar_writing_a_name_another_way_holds_the_domain_of_the_same_person() {
    let mut f = individual();
    f.subject.name = "阿卜杜热合曼·买买提".into();
    f.subject.principal.name = "阿卜杜热合曼·买买提".into();
    let domain = f.websites[0].domains[0].clone();
    // The registrar's look-alike dots (・ U+30FB, • U+2022) and another case of a Latin name.
    for (subject, holder) in [
        ("阿卜杜热合曼·买买提", "阿卜杜热合曼・买买提"),
        ("阿卜杜热合曼·买买提", "阿卜杜热合曼•买买提"),
        ("John Smith", "JOHN SMITH"),
        ("Thomas Müller", "THOMAS MÜLLER"),
        ("José García", "JOSÉ GARCÍA"),
        ("Иван Петров", "ИВАН ПЕТРОВ"),
        ("Łukasz Dąbrowski", "ŁUKASZ DĄBROWSKI"),
    ] {
        f.subject.name = subject.into();
        f.subject.principal.name = subject.into();
        f.domain_facts = vec![icp_filing::model::DomainFacts {
            domain: domain.clone(),
            holder_name: holder.into(),
            ..Default::default()
        }];
        assert!(
            !codes_at(&check(&f), "websites[0].domains[0]")
                .contains(&"domain.holder_mismatch".to_owned()),
            "{holder}"
        );
    }
}

#[test]
fn an_impossible_registrar_date_is_named_and_the_other_facts_still_checked() {
    let mut f = individual();
    let domain = f.websites[0].domains[0].clone();
    let path = "websites[0].domains[0]";
    f.domain_facts = vec![icp_filing::model::DomainFacts {
        domain,
        expires_on: "2027-02-29".into(),
        real_name_verified: Some(false),
        ..Default::default()
    }];
    assert_eq!(
        at(&check(&f), path),
        [
            ("domain.facts_date_invalid".to_owned(), Severity::Warning),
            ("domain.real_name_missing".to_owned(), Severity::Error),
        ]
    );
    // A real date that has passed is still the error it was.
    f.domain_facts[0].expires_on = "2024-02-29".into();
    f.domain_facts[0].real_name_verified = Some(true);
    f.domain_facts[0].real_name_verified_on = "2026-13-01".into();
    assert_eq!(
        at(&check(&f), path),
        [
            ("domain.expired".to_owned(), Severity::Error),
            ("domain.facts_date_invalid".to_owned(), Severity::Warning),
        ]
    );
}

#[test]
fn one_domain_per_website_is_asked_of_websites_filed_now_only() {
    use icp_filing::model::FilingType;
    let mut f = enterprise();
    f.websites[0].domains.push("second-example.cn".into());
    let too_many = |f: &Filing| {
        codes_at(&check(f), "websites[0].domains").contains(&"domains.too_many".to_owned())
    };
    for (kind, asked) in [
        (FilingType::First, true),
        (FilingType::NewWebsite, true),
        // A website filed before 2019 with several domains keeps them when it moves or changes.
        (FilingType::NewAccess, false),
        (FilingType::Change, false),
    ] {
        f.filing_type = Some(kind);
        assert_eq!(too_many(&f), asked, "{kind:?}");
    }
}

#[test]
fn a_home_page_address_given_as_a_domain_is_read_as_its_domain() {
    let mut f = enterprise();
    let cases: [(&str, &str, &[&str]); 3] = [
        ("https://Tencent-Example.COM/", "tencent-example.com", &[]),
        (
            "http://www.tencent-example.com",
            "www.tencent-example.com",
            &["domain.subdomain"],
        ),
        // A path is more than a slip: the filer decides what was meant.
        (
            "https://tencent-example.com/cloud",
            "https://tencent-example.com/cloud",
            &["domain.scheme"],
        ),
    ];
    for (typed, filed, codes) in cases {
        f.websites[0].domains[0] = typed.into();
        assert_eq!(normalize(&f).websites[0].domains[0], filed, "{typed}");
        assert_eq!(
            codes_at(&check(&f), "websites[0].domains[0]"),
            codes,
            "{typed}"
        );
    }
}

#[test]
fn a_huge_pasted_value_is_quoted_by_its_start() {
    let mut f = individual();
    let pasted = format!("{}.cn", "页".repeat(500_000));
    f.websites[0].domains[0] = pasted.clone();
    let report = check(&f);
    let issue = report
        .issues
        .iter()
        .find(|i| i.path == "websites[0].domains[0]")
        .expect("the domain is named");
    for value in issue.params.values() {
        assert!(
            value.chars().count() <= 201,
            "{} chars",
            value.chars().count()
        );
    }
    assert!(
        issue.message.chars().count() < 400,
        "{}",
        issue.message.chars().count()
    );
    assert!(issue.message.contains(&format!("{}…", "页".repeat(200))));
}

#[test]
fn apps_of_one_subject_may_share_a_domain_but_one_service_gives_it_once() {
    let mut f = app_filing();
    let mut second = f.apps[0].clone();
    second.name = "腾讯云商家版".into();
    for p in &mut second.platforms {
        p.package_name = format!("{}.merchant", p.package_name);
    }
    f.apps.push(second);
    assert!(!codes_at(&check(&f), "apps[1].domains[0]").contains(&"domain.duplicate".to_owned()));
    f.apps[1].domains = vec![
        "merchant.ali-example.com".into(),
        "merchant.ali-example.com".into(),
    ];
    assert_eq!(
        codes_at(&check(&f), "apps[1].domains[1]"),
        ["domain.duplicate"]
    );
}

#[test]
fn beijings_office_phone_rule_is_a_units() {
    // An individual in Beijing may give the mobile as the office phone.
    let mut f = individual();
    f.subject.principal.office_phone = f.subject.principal.mobile.clone();
    assert!(!codes_at(&check(&f), "subject.principal.officePhone")
        .contains(&"office_phone.same_as_mobile".to_owned()));
}

#[test]
fn an_empty_emergency_phone_is_confirmed_not_refused() {
    let mut f = individual();
    f.subject.principal.emergency_phone = String::new();
    assert_eq!(
        at(&check(&f), "subject.principal.emergencyPhone"),
        [("emergency_phone.missing".to_owned(), Severity::Warning)]
    );
}

#[test]
fn individual_filer_is_the_principal() {
    let mut f = individual();
    f.subject.principal.name = "李四".into();
    assert_eq!(
        codes_at(&check(&f), "subject.principal.name"),
        ["individual.principal_mismatch"]
    );
    // A passport name typed in another case is the same name.
    for (subject, principal) in [
        ("JOHN SMITH", "John Smith"),
        ("THOMAS MÜLLER", "Thomas Müller"),
        ("ΝΙΚΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", "Νικος Παπαδοπουλος"),
        ("ИВАН ПЕТРОВ", "Иван Петров"),
        ("阿依古丽‧买买提", "阿依古丽·买买提"),
    ] {
        let mut f = individual();
        f.subject.name = subject.into();
        f.subject.principal.name = principal.into();
        assert!(
            !codes_at(&check(&f), "subject.principal.name")
                .contains(&"individual.principal_mismatch".to_owned()),
            "{subject}"
        );
    }
    // The hyphenation point (U+2027) some input methods give is the middle dot.
    let mut f = individual();
    f.subject.name = "阿依古丽‧买买提".into();
    f.subject.principal.name = "阿依古丽‧买买提".into();
    assert!(codes_at(&check(&f), "subject.name").is_empty());
    // Other letters are another name.
    let mut f = individual();
    f.subject.name = "THOMAS MÜLLER".into();
    f.subject.principal.name = "Thomas Muller".into();
    assert!(codes_at(&check(&f), "subject.principal.name")
        .contains(&"individual.principal_mismatch".to_owned()));
    let mut f = individual();
    f.websites[0].responsible = enterprise().websites[0].responsible.clone();
    assert!(codes_at(&check(&f), "websites[0].responsible.name")
        .contains(&"individual.responsible_differs".to_owned()));
}

#[test]
fn address_rules() {
    let cases: &[(&str, &str, &str)] = &[
        ("city", "11010", "address.code_format"),
        ("city", "440300", "address.code_mismatch"),
        ("district", "110228", "address.code_mismatch"),
        ("detail", "中关村大街", "address.no_house_number"),
    ];
    for (field, value, code) in cases {
        let mut f = individual();
        let a = &mut f.subject.address;
        match *field {
            "city" => a.city = (*value).into(),
            "district" => a.district = (*value).into(),
            _ => a.detail = (*value).into(),
        }
        let path = if *code == "address.code_mismatch" && *field == "district" {
            "subject.address.district".to_owned()
        } else {
            format!("subject.address.{field}")
        };
        assert_eq!(codes_at(&check(&f), &path), [*code], "{field}={value}");
    }
}

#[test]
fn missing_fields_are_reported_in_form_order_with_their_labels() {
    let report = check(&Filing::default());
    let paths: Vec<&str> = report.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        &paths[..4],
        ["filingType", "province", "subject.kind", "subject.name"]
    );
    assert_eq!(report.issues[0].message, "请选择备案类型");
    let mut en = report.clone();
    en.localize(Locale::En, RuleData::embedded());
    assert_eq!(en.issues[3].message, "Enter the subject name");
    // The order is the form's, whatever order the rules ran in.
    let keys: Vec<Vec<u32>> = report
        .issues
        .iter()
        .map(|i| icp_filing::report::form_order_key(&i.path))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn normalisation_is_what_gets_submitted() {
    let mut f = individual();
    f.subject.name = "  张伟 ".into();
    f.subject.principal.mobile = "+86 139-1111-2222".into();
    f.subject.principal.email = "ZhangWei@EXAMPLE.com".into();
    f.subject.principal.emergency_phone = "(010) 6552 9988".into();
    f.websites[0].domains = vec!["ZhangWei-Notes.CN".into()];
    let n = normalize(&f);
    assert_eq!(n.subject.name, "张伟");
    assert_eq!(n.subject.principal.mobile, "13911112222");
    assert_eq!(n.subject.principal.email, "ZhangWei@example.com");
    assert_eq!(n.subject.principal.emergency_phone, "010-65529988");
    assert_eq!(n.websites[0].domains, ["zhangwei-notes.cn"]);
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
    assert_eq!(id.age_on(today()), 76);
    assert!(ResidentId::parse(&with_id_check("81000019940823002"))
        .unwrap()
        .is_residence_permit());
    assert_eq!(Uscc::parse("91440300708461136A"), Err(UsccError::Checksum));
    assert_eq!(Uscc::parse("91440300708461136T").unwrap().category(), "91");
}

#[test]
fn every_catalogue_code_has_both_messages_a_severity_and_a_source() {
    for (code, severity, zh, en, source) in CATALOGUE {
        assert!(matches!(*severity, "error" | "warning"), "{code}");
        assert!(
            !zh.is_empty() && !en.is_empty() && source.starts_with(['§', 'f', '(']),
            "{code}"
        );
        assert!(
            code.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'),
            "{code}"
        );
    }
    let mut codes: Vec<&str> = CATALOGUE.iter().map(|c| c.0).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), CATALOGUE.len(), "codes are unique");
}

#[test]
fn every_code_the_rules_emit_is_in_the_catalogue() {
    let fixtures = [
        include_str!("fixtures/individual-problems.json"),
        include_str!("fixtures/enterprise-problems.json"),
    ];
    for json in fixtures {
        for issue in check(&parse_filing(json).unwrap()).issues {
            assert!(
                CATALOGUE.iter().any(|c| c.0 == issue.code),
                "{} missing from the catalogue",
                issue.code
            );
        }
    }
}

#[test]
fn hebei_henan_and_guizhou_want_both_addresses_in_one_city() {
    // §4.5/§6: an enterprise moved to Hebei; mailing address in Shijiazhuang (130100).
    let hebei = |certificate_address: &str| {
        let mut f = enterprise();
        f.province = "130000".into();
        f.subject.certificate_address = certificate_address.into();
        f.subject.address.province = "130000".into();
        f.subject.address.city = "130100".into();
        f.subject.address.district = "130102".into();
        f
    };
    let same_city = |f: &Filing| {
        check(f)
            .issues
            .into_iter()
            .filter(|i| i.code == "address.same_city")
            .map(|i| (i.path, i.severity, i.params["certificateCity"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        same_city(&hebei("河北省保定市竞秀区朝阳北大街1号")),
        [(
            "subject.address.city".to_owned(),
            Severity::Warning,
            "130600".into()
        )]
    );
    for fine in [
        "河北省石家庄市长安区中山东路1号",
        "石家庄市桥西区自强路2号",
        // Names no city at all: nothing to compare.
        "河北省长安区中山东路1号",
    ] {
        assert_eq!(same_city(&hebei(fine)), [], "{fine}");
    }
    // Guizhou's autonomous prefectures are written with 州.
    let mut f = hebei("贵州省黔东南州凯里市北京东路1号");
    f.province = "520000".into();
    f.subject.address.province = "520000".into();
    f.subject.address.city = "520100".into();
    f.subject.address.district = "520102".into();
    assert_eq!(same_city(&f).len(), 1);
    f.subject.address.city = "522600".into();
    f.subject.address.district = "522601".into();
    assert_eq!(same_city(&f), []);
    // Guangdong has no such rule.
    let mut f = enterprise();
    f.subject.certificate_address = "广东省广州市天河区1号".into();
    assert_eq!(same_city(&f), []);
}

#[test]
fn the_detailed_address_does_not_repeat_the_province_or_city() {
    // §10 rule 17; the fixture's mailing address is in Shenzhen (440300), Guangdong.
    let with_detail = |detail: &str| {
        let mut f = enterprise();
        f.subject.address.detail = detail.into();
        codes_at(&check(&f), "subject.address.detail")
    };
    for repeats in [
        "广东省深圳市南山区科技中一路1号",
        "深圳市南山区科技中一路1号",
    ] {
        assert_eq!(
            with_detail(repeats),
            ["address.detail_repeats_region"],
            "{repeats}"
        );
    }
    for fine in ["科技中一路腾讯大厦35层", "深南大道1号", "广东路1号"] {
        assert_eq!(with_detail(fine), Vec::<String>::new(), "{fine}");
    }
}

#[test]
fn an_individuals_empty_name_is_asked_for_as_their_name() {
    let mut filing = Filing::default();
    filing.subject.kind = Some(icp_filing::model::SubjectKind::Individual);
    let report = check(&filing);
    let name = issue_at(&report, "subject.name");
    assert_eq!(name.message, "请填写姓名");
    let mut en = report.clone();
    en.localize(Locale::En, RuleData::embedded());
    let name = en.issues.iter().find(|i| i.path == "subject.name").unwrap();
    assert_eq!(name.message, "Enter your full name");
    // A unit's is its name as a unit.
    filing.subject.kind = Some(icp_filing::model::SubjectKind::Enterprise);
    let unit = check(&filing);
    let name = issue_at(&unit, "subject.name");
    assert_eq!(name.message, "请填写主办单位名称");
}

#[test]
fn a_residence_permit_with_a_wrong_check_character_or_birth_date_is_named_as_a_residence_permit() {
    let valid = with_id_check("81000019940823002");
    let wrong_check = format!(
        "{}{}",
        &valid[..17],
        if valid.ends_with('0') { '1' } else { '0' }
    );
    let cases = [
        (
            wrong_check,
            "certificate.check_character",
            "港澳台居民居住证号码校验位不正确",
        ),
        (
            with_id_check("81000019940230002"),
            "certificate.birth_date",
            "港澳台居民居住证号码中的出生日期1994-02-30无效",
        ),
    ];
    for (number, code, message) in cases {
        let mut f = with_individual_id(&number);
        f.subject.certificate.kind = Some(CertificateType::HkMacaoTaiwanResidencePermit);
        let report = check(&f);
        let issue = report
            .issues
            .iter()
            .find(|i| i.path == "subject.certificate.number")
            .unwrap_or_else(|| panic!("{number}: {:?}", report.issues));
        assert_eq!(
            (issue.code.as_str(), issue.severity),
            (code, Severity::Error)
        );
        assert!(issue.message.starts_with(message), "{}", issue.message);
        assert!(!issue.message.contains("居民身份证"), "{}", issue.message);
    }
}

#[test]
fn a_residence_permit_number_without_the_hong_kong_macao_or_taiwan_prefix_is_questioned() {
    let permit_issues = |number: &str| {
        let mut f = with_individual_id(number);
        f.subject.certificate.kind = Some(CertificateType::HkMacaoTaiwanResidencePermit);
        codes_at(&check(&f), "subject.certificate.number")
    };
    for prefix in ["810000", "820000", "830000"] {
        let number = with_id_check(&format!("{prefix}19940823002"));
        assert!(permit_issues(&number).is_empty(), "{number}");
    }
    // A mainland region code with a valid check character: a resident ID's number, most likely.
    let mainland = with_id_check("11010519940823002");
    assert_eq!(permit_issues(&mainland), ["certificate.format"]);
    let mut f = with_individual_id(&mainland);
    f.subject.certificate.kind = Some(CertificateType::HkMacaoTaiwanResidencePermit);
    let report = check(&f);
    let issue = issue_at(&report, "subject.certificate.number");
    assert_eq!(issue.severity, Severity::Warning, "the filer confirms it");
}

#[test]
fn a_unit_registration_certificate_showing_a_credit_code_of_another_category_is_questioned() {
    use icp_filing::model::SubjectKind;
    // 社会团体法人登记证书 with a code of the 民办非企业 category (52), and of its own (51).
    let code = |prefix: &str| {
        let body = format!("{prefix}110000MJ0000001");
        let check = (0..31u32)
            .map(|v| {
                "0123456789ABCDEFGHJKLMNPQRTUWXY"
                    .chars()
                    .nth(v as usize)
                    .unwrap()
            })
            .find(|c| icp_filing::ident::Uscc::parse(&format!("{body}{c}")).is_ok())
            .unwrap();
        format!("{body}{check}")
    };
    let mut f = enterprise();
    f.subject.kind = Some(SubjectKind::SocialGroup);
    f.subject.certificate.kind = Some(CertificateType::SocialGroupRegistration);
    f.subject.certificate.number = code("52");
    assert_eq!(
        codes_at(&check(&f), "subject.certificate.number"),
        ["uscc.category_mismatch"]
    );
    f.subject.certificate.number = code("51");
    assert!(codes_at(&check(&f), "subject.certificate.number").is_empty());
    // An older registration number that is no credit code is left to the generic check.
    f.subject.certificate.number = "社证字第0123号".into();
    assert!(!codes_at(&check(&f), "subject.certificate.number")
        .contains(&"uscc.category_mismatch".to_owned()));
}

#[test]
fn a_long_term_resident_id_belongs_to_a_holder_of_46_or_over() {
    // today() is 2026-11-28: born 1980-11-28 is 46, born 1980-11-29 is 45.
    let path = "subject.certificate.validUntil";
    let with = |first17: &str| {
        let mut f = with_individual_id(&with_id_check(first17));
        f.subject.certificate.valid_until = "longTerm".into();
        f
    };
    assert!(at(&check(&with("11010819801128123")), path).is_empty());
    let report = check(&with("11010819801129123"));
    assert_eq!(
        at(&report, path),
        [(
            "certificate.long_term_too_young".to_owned(),
            Severity::Error
        )]
    );
    assert_eq!(issue_at(&report, path).params["age"], "45");
    // A date is not questioned, whatever the age.
    let mut f = with("11010819801129123");
    f.subject.certificate.valid_until = "2036-06-30".into();
    assert!(at(&check(&f), path).is_empty());
}

#[test]
fn a_certificate_address_in_hong_kong_macao_or_taiwan_is_outside_the_province() {
    // Guangdong accepts non-local individuals with a Guangdong residence permit.
    let mut f = individual();
    f.province = "440000".into();
    let path = "subject.certificateAddress";
    for (address, place) in [
        ("香港特别行政区九龙弥敦道100号", "香港"),
        ("中國香港九龍彌敦道100號", "香港"),
        ("Hong Kong, 100 Nathan Road", "香港"),
        ("澳門特別行政區新馬路1號", "澳门"),
        ("台湾省台北市信义路五段7号", "台湾"),
    ] {
        f.subject.certificate_address = address.into();
        let report = check(&f);
        let issue = issue_at(&report, path);
        assert_eq!(issue.code, "subject.non_local_individual", "{address}");
        assert!(
            issue
                .message
                .starts_with(&format!("证件地址在{place}，不在广东")),
            "{}",
            issue.message
        );
        // Hong Kong, Macao and Taiwan are not 外省, and their residents' permit counts.
        assert!(!issue.message.contains("外省"), "{}", issue.message);
        assert!(
            issue.message.contains("港澳台居民居住证"),
            "{}",
            issue.message
        );
    }
    f.subject.certificate_address = "广东省深圳市南山区科技园".into();
    assert!(at(&check(&f), path).is_empty());
}

#[test]
fn a_websites_own_number_is_read_in_a_new_access_and_dropped_elsewhere() {
    let mut f = enterprise();
    f.filing_type = Some(icp_filing::model::FilingType::NewAccess);
    f.filing_number = "粤ICP备2019012345号".into();
    let path = "websites[0].filingNumber";
    for (number, code) in [
        ("粤ICP备2019012345号-1", None),
        (" 粤ICP备 2019012345号－2 ", None),
        (
            "粤ICP备2019012345号",
            Some("filing_number.service_tail_missing"),
        ),
        ("粤ICP备2019054321号-1", Some("filing_number.other_subject")),
        ("2019012345-1", Some("filing_number.service_format")),
        (
            "粤ICP备2019012345号-0",
            Some("filing_number.service_format"),
        ),
        (
            "粤ICP备2019012345号-01",
            Some("filing_number.service_format"),
        ),
        // An APP's number on a website's card.
        (
            "粤ICP备2019012345号-1A",
            Some("filing_number.service_format"),
        ),
    ] {
        f.websites[0].filing_number = number.into();
        let found = at(&check(&f), path);
        let want: Vec<(String, Severity)> = code
            .map(|c| (c.to_owned(), Severity::Warning))
            .into_iter()
            .collect();
        assert_eq!(found, want, "{number}");
    }
    // Two cards can't hold one number.
    let mut twice = f.clone();
    twice.websites[0].filing_number = "粤ICP备2019012345号-1".into();
    twice.websites[1].filing_number = "粤ICP备2019012345号－1".into();
    let report = check(&twice);
    assert!(at(&report, path).is_empty());
    assert_eq!(
        codes_at(&report, "websites[1].filingNumber"),
        ["filing_number.service_duplicate"]
    );
    // An APP's number has its letter; the example a missing tail is given says so.
    let mut with_app = f.clone();
    with_app.apps = app_filing().apps;
    with_app.apps[0].filing_number = "粤ICP备2019012345号-1".into();
    let report = check(&with_app);
    assert_eq!(
        codes_at(&report, "apps[0].filingNumber"),
        ["filing_number.service_format"]
    );
    with_app.apps[0].filing_number = "粤ICP备2019012345号".into();
    let report = check(&with_app);
    assert!(issue_at(&report, "apps[0].filingNumber")
        .message
        .contains("“粤ICP备2019012345号-1A”"));
    f.websites[0].filing_number = " 粤ICP备 2019012345号－2 ".into();
    assert_eq!(
        normalize(&f).websites[0].filing_number,
        "粤ICP备2019012345号-2"
    );
    // A first filing has no number to give: one typed before the type changed is not kept.
    f.filing_type = Some(icp_filing::model::FilingType::First);
    assert!(at(&check(&f), path).is_empty());
    assert_eq!(normalize(&f).websites[0].filing_number, "");
}

#[test]
fn what_a_change_changes_is_kept_only_for_a_change() {
    use icp_filing::model::{ChangeScope, FilingType};
    let mut f = individual();
    f.filing_type = Some(FilingType::Change);
    f.change_scope = Some(ChangeScope::Subject);
    let text = serde_json::to_string(&normalize(&f)).unwrap();
    assert!(text.contains(r#""changeScope":"subject""#), "{text}");
    assert_eq!(check(&f), check(&normalize(&f)));
    // One chosen before the type changed is not stored, nor serialised.
    f.filing_type = Some(FilingType::NewWebsite);
    assert_eq!(normalize(&f).change_scope, None);
    assert!(!serde_json::to_string(&normalize(&f))
        .unwrap()
        .contains("changeScope"));
    // An unknown scope is not a filing, as any enumeration's unknown value.
    let err = icp_filing::model::parse_filing(r#"{"changeScope": "access"}"#).unwrap_err();
    assert!(
        err.to_string().contains("unknown variant `access`"),
        "{err}"
    );
}

#[test]
fn a_city_without_districts_needs_none_given() {
    let mut f = individual();
    f.province = "440000".into();
    f.subject.address.province = "440000".into();
    f.subject.address.city = "441900".into(); // 东莞市: no county-level divisions
    f.subject.address.district = String::new();
    let path = "subject.address.district";
    assert!(
        at(&check(&f), path).is_empty(),
        "{:?}",
        at(&check(&f), path)
    );
    assert_eq!(normalize(&f).subject.address.district, "441900");
    // Any other city's district is still asked for.
    f.subject.address.city = "440300".into();
    assert_eq!(codes_at(&check(&f), path), ["required"]);
    assert_eq!(normalize(&f).subject.address.district, "");
}

#[test]
fn an_apps_empty_domain_row_is_no_domain() {
    let mut f = app_filing();
    f.apps[0].domains = vec![String::new()];
    assert!(at(&check(&f), "apps[0].domains[0]").is_empty());
    // A website's domain is required: its empty row says so.
    let mut f = individual();
    f.websites[0].domains = vec![String::new()];
    assert_eq!(codes_at(&check(&f), "websites[0].domains[0]"), ["required"]);
}

#[test]
fn a_residence_permits_81_is_not_taken_for_where_an_id_was_first_issued() {
    // Guangdong; an address that names no province.
    let mut f = individual();
    f.province = "440000".into();
    f.subject.certificate_address = "弥敦道100号".into();
    let path = "subject.certificateAddress";
    f.subject.certificate.kind = Some(CertificateType::ResidentId);
    f.subject.certificate.number = with_id_check("11010819900307123");
    assert_eq!(codes_at(&check(&f), path), ["subject.non_local_hint"]);
    f.subject.certificate.kind = Some(CertificateType::HkMacaoTaiwanResidencePermit);
    f.subject.certificate.number = with_id_check("81000019900307123");
    assert!(codes_at(&check(&f), path).is_empty());
}

#[test]
fn a_mini_programs_app_id_that_is_no_app_id_is_a_warning() {
    let doc: serde_json::Value = serde_json::from_str(include_str!(
        "fixtures/realistic/guangdong-wechat-mini-program.json"
    ))
    .unwrap();
    let filing = parse_filing(&doc["filing"].to_string()).unwrap();
    let path = "apps[0].platforms[0].packageName";
    let with_id = |id: &str| {
        let mut f = filing.clone();
        f.apps[0].platforms[0].package_name = id.into();
        at(&check(&f), path)
    };
    // WeChat's wx and 16 more; other platforms' letters and digits (Alipay's 16 digits).
    for id in [
        "wx3b5f0c8e9a2d4f61",
        "2021004123456789",
        "tt07e3715e98c9aac0",
    ] {
        assert_eq!(with_id(id), [], "{id}");
    }
    // The mini-program's name, a cut-off WeChat AppID, or one with spaces.
    for id in ["点集排队", "wx3b5f0c8e", "wx3b5f 0c8e 9a2d 4f61"] {
        assert_eq!(
            with_id(id),
            [("app.app_id_format".to_owned(), Severity::Warning)],
            "{id}"
        );
    }
}

#[test]
fn a_certificate_number_printed_with_chinese_characters_is_no_format_warning() {
    let doc: serde_json::Value = serde_json::from_str(include_str!(
        "fixtures/realistic/guangdong-private-school-licence.json"
    ))
    .unwrap();
    let filing = parse_filing(&doc["filing"].to_string()).unwrap();
    let with_number = |number: &str| {
        let mut f = filing.clone();
        f.subject.certificate.number = number.into();
        codes_at(&check(&f), "subject.certificate.number")
    };
    // As the licence prints it, and as its digits alone.
    for number in ["教民144030570000086号", "144030570000086"] {
        assert_eq!(with_number(number), Vec::<String>::new(), "{number}");
    }
    // The school's name instead of the number, or a number with a stray symbol.
    for number in ["深圳市示例实验学校", "教民1440305700*0086号"] {
        assert_eq!(with_number(number), ["certificate.format"], "{number}");
    }
}

#[test]
fn a_remark_denying_pre_approval_topics_answers_an_individuals_topic_warning() {
    let mut f = individual();
    f.websites[0].name = "张伟的电影笔记".into();
    f.websites[0].remark = "记录看过的电影和听过的音乐".into();
    let report = check(&f);
    assert_eq!(
        codes_at(&report, "websites[0].name"),
        ["website.personal_pre_approval_topic"]
    );
    assert_eq!(
        codes_at(&report, "websites[0].remark"),
        ["website.personal_pre_approval_topic"]
    );
    // What the warning asks for, written after what the site is about, answers both.
    for denial in [
        "。不涉及广播电影电视节目、文化等前置审批内容",
        "，不涉及前置审批内容",
    ] {
        let mut denied = f.clone();
        denied.websites[0].remark.push_str(denial);
        let report = check(&denied);
        assert!(
            !report
                .issues
                .iter()
                .any(|i| i.code == "website.personal_pre_approval_topic"),
            "{denial}: {:?}",
            report.issues
        );
    }
    // Denying another topic leaves this one.
    let mut other = f.clone();
    other.websites[0].remark.push_str("。不涉及新闻");
    assert_eq!(
        codes_at(&check(&other), "websites[0].name"),
        ["website.personal_pre_approval_topic"]
    );
}

#[test]
fn a_member_written_as_null_is_a_member_left_out() {
    let text = include_str!("fixtures/individual-beijing.json");
    let mut with_nulls: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut without = with_nulls.clone();
    with_nulls["filingNumber"] = serde_json::Value::Null;
    with_nulls["apps"] = serde_json::Value::Null;
    with_nulls["subject"]["principal"]["officePhone"] = serde_json::Value::Null;
    with_nulls["websites"][0]["remark"] = serde_json::Value::Null;
    with_nulls["websites"][0]["preApprovals"] = serde_json::Value::Null;
    without.as_object_mut().unwrap().remove("filingNumber");
    without.as_object_mut().unwrap().remove("apps");
    without["subject"]["principal"]
        .as_object_mut()
        .unwrap()
        .remove("officePhone");
    for member in ["remark", "preApprovals"] {
        without["websites"][0]
            .as_object_mut()
            .unwrap()
            .remove(member);
    }
    let read = parse_filing(&with_nulls.to_string()).unwrap();
    assert_eq!(read, parse_filing(&without.to_string()).unwrap());
    assert_eq!(
        check(&read),
        check(&parse_filing(&without.to_string()).unwrap())
    );
    // In a list, null is a value that is not a domain.
    with_nulls["websites"][0]["domains"] = serde_json::json!([null]);
    let error = parse_filing(&with_nulls.to_string())
        .unwrap_err()
        .to_string();
    assert!(error.contains("invalid type: null"), "{error}");
}

#[test]
fn a_units_own_news_section_payments_and_cameras_are_no_pre_approval_topics() {
    let topics = |name: &str, remark: &str| {
        let mut f = enterprise();
        f.websites[0].name = name.into();
        f.websites[0].remark = remark.into();
        let report = check(&f);
        codes_at(&report, "websites[0].preApprovals")
            .into_iter()
            .filter(|c| c.starts_with("pre_approval."))
            .collect::<Vec<_>>()
    };
    for (name, remark) in [
        ("腾讯科技官网", "公司简介、产品中心、新闻中心、联系我们"),
        ("腾讯科技官网", "单位简介、新闻动态、联系方式"),
        ("腾讯科技官网", "展示公司新闻和企业新闻"),
        ("腾讯安防官网", "视频监控系统的安装与维护"),
        ("腾讯商城官网", "支持微信支付和支付宝付款"),
        ("腾讯科技官网", "员工培训与企业培训资料"),
    ] {
        assert_eq!(topics(name, remark), Vec::<String>::new(), "{remark}");
    }
    // A news service or a payment service is still one.
    assert_eq!(
        topics("腾讯科技官网", "每日新闻摘编"),
        ["pre_approval.required"]
    );
    assert_eq!(
        topics("腾讯支付", "第三方支付服务"),
        ["pre_approval.required"]
    );
    // A site named as a news centre is not a list of sections.
    assert_eq!(topics("杭州新闻中心", ""), ["pre_approval.required"]);
}

#[test]
fn a_units_site_named_as_a_persons_own_is_confirmed() {
    let mut f = enterprise();
    f.websites[0].name = "陈立的个人博客".into();
    assert!(at(&check(&f), "websites[0].name")
        .contains(&("website.unit_name_personal".to_owned(), Severity::Warning)));
    // The words an individual's own site uses are the individual's to use.
    let mut f = individual();
    f.websites[0].name = "张伟的个人笔记".into();
    assert!(!codes_at(&check(&f), "websites[0].name")
        .contains(&"website.unit_name_personal".to_owned()));
}

#[test]
fn a_local_number_alone_is_told_it_lacks_its_area_code() {
    for (typed, number) in [
        ("58881234", "58881234"),
        ("8601 3388", "86013388"),
        ("6552-998", "6552998"),
    ] {
        let mut f = enterprise();
        f.subject.principal.office_phone = typed.into();
        let report = check(&f);
        let issue = issue_at(&report, "subject.principal.officePhone");
        assert_eq!(issue.code, "phone.area_code_missing", "{typed}");
        assert!(
            issue.message.contains(&format!("“区号-{number}”")),
            "{}",
            issue.message
        );
    }
    // Other wrong numbers keep the general message.
    for typed in ["12345", "1380013800", "010-1234"] {
        let mut f = enterprise();
        f.subject.principal.office_phone = typed.into();
        assert_eq!(
            codes_at(&check(&f), "subject.principal.officePhone"),
            ["phone.format"],
            "{typed}"
        );
    }
}

#[test]
fn an_apps_api_domain_is_not_held_to_the_website_suffix_of_its_subject_kind() {
    let mut f = government();
    let mut app = app_filing().apps[0].clone();
    app.domains = vec!["api.example-cd.com".into()];
    f.apps.push(app);
    assert!(!codes_at(&check(&f), "apps[0].domains[0]")
        .contains(&"domain.government_suffix".to_owned()));
    // A website of the same subject still is.
    f.websites[0].domains = vec!["example-cd.com".into()];
    f.websites[0].homepage = "www.example-cd.com".into();
    assert!(codes_at(&check(&f), "websites[0].domains[0]")
        .contains(&"domain.government_suffix".to_owned()));
}

#[test]
fn a_registration_certificate_showing_a_credit_code_has_its_check_character_checked() {
    let mut f = enterprise();
    f.subject.kind = Some(SubjectKind::SocialGroup);
    f.subject.name = "深圳市示例软件行业协会".into();
    f.subject.certificate.kind = Some(CertificateType::SocialGroupRegistration);
    let right = with_uscc_check("51440300MJL123456");
    f.subject.certificate.number = right.clone();
    assert_eq!(
        codes_at(&check(&f), "subject.certificate.number"),
        Vec::<String>::new()
    );
    // One character copied wrong: a warning, as for a licence's credit code.
    let wrong_check = if right.ends_with('0') { '1' } else { '0' };
    f.subject.certificate.number = format!("{}{wrong_check}", &right[..17]);
    assert_eq!(
        codes_at(&check(&f), "subject.certificate.number"),
        ["certificate.credit_code_checksum"]
    );
    // An old number of another shape is no credit code: nothing to check.
    f.subject.certificate.number = "社证字第0123号".into();
    assert_eq!(
        codes_at(&check(&f), "subject.certificate.number"),
        Vec::<String>::new()
    );
}

/// The fields the form marks as required are exactly those the rules refuse when emptied,
/// on every realistic filing: a mark on an optional field would make the filer hunt for a
/// value, a missing mark would let them skip one they can't.
#[test]
fn required_marks_match_what_the_rules_refuse_empty() {
    use icp_filing::form::{FieldMut, FieldPath, FieldValue};
    use icp_filing::rules::required_fields;

    let ctx = RuleContext::new(today());
    let persons = [
        "subject.principal".to_owned(),
        "subject.legalRepresentative".to_owned(),
    ];
    let person_fields = [
        "name",
        "certificate.number",
        "certificate.validUntil",
        "mobile",
        "email",
        "emergencyPhone",
        "officePhone",
    ];
    let service_fields = [
        "name",
        "filingNumber",
        "domains",
        "homepage",
        "serviceContent",
        "languages",
        "remark",
    ];
    let platform_fields = ["packageName", "signatureMd5", "publicKey", "certSha1"];
    let mut dir: Vec<_> = std::fs::read_dir("tests/fixtures/realistic")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dir.sort();
    let (mut marked, mut unmarked, mut mismatches) = (0, 0, Vec::new());
    for file in &dir {
        let text = std::fs::read_to_string(file).unwrap();
        let entry: serde_json::Value = serde_json::from_str(&text).unwrap();
        let filing = parse_filing(&entry["filing"].to_string()).unwrap();
        let required = required_fields(&filing, &ctx);
        let mut candidates: Vec<String> = [
            "filingNumber",
            "subject.name",
            "subject.certificate.number",
            "subject.certificate.validUntil",
            "subject.certificateAddress",
            "subject.address.detail",
            "subject.remark",
        ]
        .map(String::from)
        .to_vec();
        let mut people = persons.to_vec();
        for (i, _) in filing.websites.iter().enumerate() {
            people.push(format!("websites[{i}].responsible"));
            candidates.extend(service_fields.map(|f| format!("websites[{i}].{f}")));
        }
        for (i, app) in filing.apps.iter().enumerate() {
            people.push(format!("apps[{i}].responsible"));
            candidates.extend(service_fields.map(|f| format!("apps[{i}].{f}")));
            for (j, _) in app.platforms.iter().enumerate() {
                candidates.extend(platform_fields.map(|f| format!("apps[{i}].platforms[{j}].{f}")));
            }
        }
        for person in &people {
            candidates.extend(person_fields.map(|f| format!("{person}.{f}")));
        }
        // The choices: unmade, they are refused with some error there (an unknown
        // pre-approval category is not `required`).
        let mut choices: Vec<String> = [
            "filingType",
            "changeScope",
            "province",
            "subject.kind",
            "subject.principalIsLegalRepresentative",
            "subject.address.province",
            "subject.address.city",
            "subject.address.district",
        ]
        .map(String::from)
        .to_vec();
        for person in &people {
            choices.push(format!("{person}.certificate.type"));
        }
        for (i, app) in filing.apps.iter().enumerate() {
            choices.extend(
                (0..app.platforms.len()).map(|j| format!("apps[{i}].platforms[{j}].platform")),
            );
        }
        for (service, list) in filing
            .websites
            .iter()
            .enumerate()
            .map(|(i, w)| (format!("websites[{i}]"), &w.pre_approvals))
            .chain(
                filing
                    .apps
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (format!("apps[{i}]"), &a.pre_approvals)),
            )
        {
            choices
                .extend((0..list.len()).map(|j| format!("{service}.preApprovals[{j}].category")));
        }
        for path in choices {
            let mut unmade = filing.clone();
            let shown = match FieldPath::parse(&path).and_then(|f| f.get_mut(&mut unmade)) {
                Some(FieldMut::Text(t)) => !std::mem::take(t).is_empty(),
                Some(FieldMut::FilingType(c)) => c.take().is_some(),
                Some(FieldMut::ChangeScope(c)) => c.take().is_some(),
                Some(FieldMut::SubjectKind(c)) => c.take().is_some(),
                Some(FieldMut::CertificateType(c)) => c.take().is_some(),
                Some(FieldMut::Flag(c)) => c.take().is_some(),
                _ => false,
            };
            // Only a choice made can be unmade; the form shows those (a change's scope, a
            // unit's legal-representative question) with the filing's other choices.
            if !shown {
                continue;
            }
            let refused = check(&unmade)
                .issues
                .iter()
                .any(|i| i.path == path && i.severity == Severity::Error);
            let is_marked = required.contains(&path);
            marked += usize::from(is_marked);
            if refused != is_marked {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                mismatches.push(format!(
                    "{name}: {path} (a choice): refused {refused}, marked {is_marked}"
                ));
            }
        }
        for path in candidates {
            let Some(field) = FieldPath::parse(&path) else {
                continue;
            };
            let mut emptied = filing.clone();
            if !field.set(&mut emptied, FieldValue::Text(String::new()))
                && !field.set(&mut emptied, FieldValue::Texts(Vec::new()))
            {
                continue;
            }
            let refused = check(&emptied)
                .issues
                .iter()
                .any(|i| i.path == path && i.code == "required");
            let is_marked = required.contains(&path);
            if is_marked {
                marked += 1;
            } else {
                unmarked += 1;
            }
            if refused != is_marked {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                mismatches.push(format!(
                    "{name}: {path}: refused {refused}, marked {is_marked}"
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    // Both kinds were met: the corpus has optional fields (an individual's office phone,
    // remarks) and required ones.
    assert!(
        marked > 1000 && unmarked > 200,
        "{marked} marked, {unmarked} unmarked"
    );
}

#[test]
fn required_fields_follow_the_choices() {
    use icp_filing::model::FilingType;
    use icp_filing::rules::required_fields;
    let ctx = RuleContext::new(today());
    let has = |f: &Filing, path: &str| required_fields(f, &ctx).iter().any(|p| p == path);

    let person = individual();
    assert!(has(&person, "subject.principal.mobile"));
    assert!(!has(&person, "subject.principal.officePhone"));
    assert!(!has(&person, "websites[0].remark"));
    let unit = enterprise();
    assert!(has(&unit, "subject.principal.officePhone"));
    assert!(has(&unit, "websites[1].responsible.officePhone"));
    assert!(!has(&unit, "filingNumber"));
    assert!(has(&unit, "subject.principalIsLegalRepresentative"));
    assert!(!has(&person, "subject.principalIsLegalRepresentative"));
    assert!(!has(&unit, "changeScope"));

    let mut change = unit.clone();
    change.filing_type = Some(FilingType::Change);
    assert!(has(&change, "filingNumber"));
    assert!(has(&change, "changeScope"));
    // Asked, not required: its absence is a warning (the authorisation letter is theirs).
    let mut delegated = unit.clone();
    delegated.subject.principal_is_legal_representative = Some(false);
    assert!(!has(&delegated, "subject.legalRepresentative.name"));
    assert!(!has(
        &delegated,
        "subject.legalRepresentative.certificate.type"
    ));

    let app = app_filing();
    assert!(has(&app, "apps[0].platforms[0].packageName"));
    assert!(!has(&app, "apps[0].domains"));
    // What was typed does not change the marks.
    let mut typed = unit.clone();
    typed.subject.principal.office_phone.clear();
    typed.websites[0].name = "别的名字".into();
    assert_eq!(required_fields(&typed, &ctx), required_fields(&unit, &ctx));
}
