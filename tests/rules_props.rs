//! Property tests: validation never panics and always returns a report, whatever the input;
//! and the table of certificate numbers whose check characters and birth dates are checked
//! (2023 foreign permanent resident ID, first-generation resident IDs).
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use icp_filing::messages::{Locale, CATALOGUE};
use icp_filing::model::{parse_filing, CertificateType, Filing, SubjectKind};
use icp_filing::report::{Report, Severity};
use icp_filing::rules::{normalize, validate, RuleContext};
use proptest::prelude::*;

#[path = "support/report_paths.rs"]
mod report_paths;
use report_paths::path_is_well_formed;

fn ctx() -> RuleContext<'static> {
    RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

const KINDS: [SubjectKind; 4] = [
    SubjectKind::Individual,
    SubjectKind::Enterprise,
    SubjectKind::Government,
    SubjectKind::Institution,
];

/// Every certificate type.
const TYPES: &[CertificateType] = CertificateType::ALL;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn validate_never_panics_on_arbitrary_text(
        name in any::<String>(),
        number in any::<String>(),
        kind in proptest::option::of(0usize..KINDS.len()),
        ty in proptest::option::of(0usize..TYPES.len()),
        acks in proptest::collection::vec(any::<String>(), 0..3),
    ) {
        let mut f = Filing::default();
        f.subject.name = name;
        f.subject.certificate.number = number;
        f.subject.kind = kind.map(|i| KINDS[i]);
        f.subject.certificate.kind = ty.map(|i| TYPES[i]);
        f.acknowledged_warnings = acks;
        let report = validate(&f, &ctx());
        prop_assert_eq!(report.ok, report.issues.iter().all(|i| f.acknowledged_warnings.contains(&i.acknowledgement_key())));
    }

    #[test]
    fn any_json_text_parses_or_errors_without_panicking(text in any::<String>()) {
        if let Ok(f) = parse_filing(&text) {
            let _ = validate(&f, &ctx());
        }
    }

    #[test]
    fn json_shaped_filings_never_panic(
        name in any::<String>(),
        number in any::<String>(),
        extra in any::<String>(),
    ) {
        let json = serde_json::json!({
            "subject": {"kind": "individual", "name": name, "certificate": {"type": "residentId", "number": number}},
            "unknownField": extra,
            "websites": [{"name": extra}],
        });
        let f = parse_filing(&json.to_string()).unwrap();
        let _ = validate(&f, &ctx());
    }
}

fn person_strategy() -> impl Strategy<Value = icp_filing::model::Person> {
    (
        any::<String>(),
        "[0-9xX \\-]{0,20}",
        any::<String>(),
        any::<String>(),
        any::<String>(),
        any::<String>(),
        any::<String>(),
    )
        .prop_map(
            |(name, number, valid_until, mobile, email, emergency, office)| {
                let mut p = icp_filing::model::Person {
                    name,
                    mobile,
                    email,
                    emergency_phone: emergency,
                    office_phone: office,
                    ..Default::default()
                };
                p.certificate.kind = Some(CertificateType::ResidentId);
                p.certificate.number = number;
                p.certificate.valid_until = valid_until;
                p
            },
        )
}

fn website_strategy() -> impl Strategy<Value = icp_filing::model::Website> {
    (
        any::<String>(),
        proptest::collection::vec("[a-z0-9.\\-中国]{0,20}|\\PC{0,10}", 0..4),
        any::<String>(),
        proptest::collection::vec("other|blog|shopping|\\PC{0,6}", 0..3),
        proptest::collection::vec("simplifiedChinese|english|\\PC{0,6}", 0..3),
        person_strategy(),
        any::<String>(),
    )
        .prop_map(
            |(name, domains, homepage, service_content, languages, responsible, remark)| {
                icp_filing::model::Website {
                    filing_number: homepage.clone(),
                    name,
                    domains,
                    homepage,
                    service_content,
                    languages,
                    pre_approvals: vec![icp_filing::model::PreApproval {
                        category: "news".into(),
                        number: remark.clone(),
                    }],
                    responsible,
                    remark,
                }
            },
        )
}

fn app_strategy() -> impl Strategy<Value = icp_filing::model::App> {
    (
        any::<String>(),
        "android|ios|harmony|\\PC{0,5}",
        any::<String>(),
        "[0-9a-fA-F:]{0,40}",
        person_strategy(),
    )
        .prop_map(
            |(name, platform, package_name, md5, responsible)| icp_filing::model::App {
                name,
                platforms: vec![icp_filing::model::AppPlatform {
                    platform,
                    package_name,
                    signature_md5: md5.clone(),
                    cert_sha1: md5,
                    ..Default::default()
                }],
                domains: vec!["例子.中国".into()],
                responsible,
                ..Default::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Every string field of a complete filing shape filled arbitrarily: a report, no panic,
    /// and issues in form order.
    #[test]
    fn complete_filing_shapes_never_panic(
        principal in person_strategy(),
        websites in proptest::collection::vec(website_strategy(), 0..3),
        apps in proptest::collection::vec(app_strategy(), 0..2),
        province in "[0-9]{0,7}",
        filing_number in any::<String>(),
        address in (any::<String>(), "[0-9]{0,7}", "[0-9]{0,7}", any::<String>()),
        kind in 0usize..KINDS.len(),
    ) {
        let mut f = Filing {
            province,
            filing_number,
            filing_type: Some(icp_filing::model::FilingType::Change),
            ..Default::default()
        };
        f.subject.kind = Some(KINDS[kind]);
        f.subject.principal = principal;
        f.subject.address = icp_filing::model::Address { province: address.0, city: address.1, district: address.2, detail: address.3 };
        f.websites = websites;
        f.apps = apps;
        let report = validate(&f, &ctx());
        let keys: Vec<Vec<u32>> = report.issues.iter().map(|i| icp_filing::report::form_order_key(&i.path)).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    }
}

// ---------------------------------------------------------------------------------------
// Arbitrary Unicode in every certificate type and every text field.

/// Characters that trip byte-offset slicing and normalisation: CJK and CJK punctuation,
/// full-width forms, combining marks, Hebrew and Arabic with bidi controls, zero-width
/// characters and joiners, the BOM, emoji with skin-tone modifiers, Latin letters whose case
/// mapping changes their length (İ, ß, ẞ), dash and middle-dot look-alikes.
const TRICKY: &str = "[\u{4E00}-\u{9FFF}\u{3000}-\u{303F}\u{FF01}-\u{FF5E}\u{FFE0}-\u{FFEE}\
\u{0300}-\u{036F}\u{1AB0}-\u{1AFF}\u{0590}-\u{06FF}\u{200B}-\u{200F}\u{202A}-\u{202E}\
\u{2066}-\u{2069}\u{FEFF}\u{1F300}-\u{1FAFF}\u{1F3FB}-\u{1F3FF}\u{00C0}-\u{00FF}\u{0130}\
\u{0131}\u{1E9E}\u{2010}-\u{2015}\u{2212}\u{30FC}\u{00B7}\u{2022}\u{30FB}\u{FF0E}]";

/// ASCII that identifiers, phones, e-mails and domains are made of.
const PLAIN: &str = "[0-9A-Za-z@.:#+()\\- ]";

fn regex(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern).unwrap()
}

/// An identifier-shaped text (permit, passport, resident ID, credit code) with one tricky
/// character inserted anywhere, so multi-byte characters land where byte offsets were taken.
fn identifier_with_intruder() -> impl Strategy<Value = String> {
    (
        "(H|M|9|USA|[A-Z]{1,3})?[0-9]{0,18}[0-9Xx]?",
        regex(TRICKY),
        any::<proptest::sample::Index>(),
    )
        .prop_map(|(id, intruder, at)| {
            let mut chars: Vec<char> = id.chars().collect();
            let i = at.index(chars.len() + 1);
            chars.splice(i..i, intruder.chars());
            chars.into_iter().collect()
        })
}

/// Arbitrary text, weighted towards the characters above; sometimes thousands of them.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => regex(&format!("({TRICKY}|{PLAIN}){{0,24}}")),
        3 => identifier_with_intruder(),
        1 => (regex(&format!("({TRICKY}|{PLAIN}){{1,8}}")), 50usize..400)
            .prop_map(|(piece, n)| piece.repeat(n)),
    ]
}

/// What every report must satisfy: known codes, well-formed paths, form order, `ok` only
/// without errors and unacknowledged warnings.
fn check_report(f: &Filing, report: &Report) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(f).unwrap();
    for issue in &report.issues {
        prop_assert!(
            CATALOGUE.iter().any(|c| c.0 == issue.code),
            "unknown code {}",
            issue.code
        );
        prop_assert!(
            path_is_well_formed(&issue.path, &json),
            "{}: malformed path {:?}",
            issue.code,
            issue.path
        );
        prop_assert!(!issue.message.is_empty(), "{}: no message", issue.code);
    }
    let keys: Vec<Vec<u32>> = report
        .issues
        .iter()
        .map(|i| icp_filing::report::form_order_key(&i.path))
        .collect();
    prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]), "not in form order");
    let acknowledged = report.issues.iter().all(|i| {
        i.severity == Severity::Warning
            && f.acknowledged_warnings.contains(&i.acknowledgement_key())
    });
    prop_assert_eq!(report.ok, acknowledged);
    Ok(())
}

/// `normalize` is idempotent.
fn check_normalize(f: &Filing) -> Result<(), TestCaseError> {
    let once = normalize(f);
    let twice = normalize(&once);
    prop_assert_eq!(&twice, &once);
    Ok(())
}

/// Hands out the generated texts one by one, starting over when they run out.
struct Texts(Vec<String>, usize);

impl Texts {
    fn next(&mut self) -> String {
        let text = self.0.get(self.1 % self.0.len().max(1)).cloned();
        self.1 += 1;
        text.unwrap_or_default()
    }

    fn some(&mut self, n: usize) -> Vec<String> {
        (0..n).map(|_| self.next()).collect()
    }

    fn person(&mut self, ty: Option<CertificateType>) -> icp_filing::model::Person {
        let mut p = icp_filing::model::Person {
            name: self.next(),
            mobile: self.next(),
            email: self.next(),
            emergency_phone: self.next(),
            office_phone: self.next(),
            ..Default::default()
        };
        p.certificate.kind = ty;
        p.certificate.number = self.next();
        p.certificate.valid_until = self.next();
        p
    }

    fn pre_approvals(&mut self) -> Vec<icp_filing::model::PreApproval> {
        vec![icp_filing::model::PreApproval {
            category: self.next(),
            number: self.next(),
        }]
    }
}

fn certificate_type() -> impl Strategy<Value = Option<CertificateType>> {
    proptest::option::weighted(0.9, proptest::sample::select(TYPES))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every certificate type, for the subject and for every person, with any text as the
    /// number: no panic, well-formed issues, idempotent normalisation.
    #[test]
    fn every_certificate_type_takes_any_number(
        number in tricky_text(),
        person_number in tricky_text(),
        kind in proptest::option::of(proptest::sample::select(SubjectKind::ALL)),
    ) {
        for &ty in TYPES {
            let mut f = Filing::default();
            f.subject.kind = kind;
            f.subject.certificate.kind = Some(ty);
            f.subject.certificate.number = number.clone();
            f.subject.principal.certificate.kind = Some(ty);
            f.subject.principal.certificate.number = person_number.clone();
            f.websites.push(icp_filing::model::Website::default());
            f.websites[0].responsible.certificate.kind = Some(ty);
            f.websites[0].responsible.certificate.number = number.clone();
            f.apps.push(icp_filing::model::App::default());
            f.apps[0].responsible.certificate.kind = Some(ty);
            f.apps[0].responsible.certificate.number = person_number.clone();
            check_report(&f, &validate(&f, &ctx()))?;
            check_normalize(&f)?;
        }
    }

    #[test]
    fn identifier_shaped_input_never_panics(number in "[0-9０-９xXＸ \\-]{0,24}") {
        for &ty in TYPES {
            let mut f = Filing::default();
            f.subject.certificate.kind = Some(ty);
            f.subject.certificate.number = number.clone();
            check_report(&f, &validate(&f, &ctx()))?;
        }
    }

    /// Every text field of a filing filled with arbitrary text, in both locales.
    #[test]
    fn every_text_field_takes_any_text(
        texts in proptest::collection::vec(tricky_text(), 40..80),
        kind in proptest::option::of(proptest::sample::select(SubjectKind::ALL)),
        filing_type in proptest::option::of(proptest::sample::select(icp_filing::model::FilingType::ALL)),
        change_scope in proptest::option::of(proptest::sample::select(icp_filing::model::ChangeScope::ALL)),
        types in proptest::collection::vec(certificate_type(), 6),
        websites in 0usize..3,
        apps in 0usize..3,
        acknowledge in any::<bool>(),
    ) {
        let mut t = Texts(texts, 0);
        let mut f = Filing {
            filing_type,
            change_scope,
            province: t.next(),
            filing_number: t.next(),
            ..Default::default()
        };
        f.subject.kind = kind;
        f.subject.name = t.next();
        f.subject.certificate.kind = types[0];
        f.subject.certificate.number = t.next();
        f.subject.certificate.valid_until = t.next();
        f.subject.certificate_address = t.next();
        f.subject.address = icp_filing::model::Address {
            province: t.next(),
            city: t.next(),
            district: t.next(),
            detail: t.next(),
        };
        f.subject.principal = t.person(types[1]);
        f.subject.remark = t.next();
        for i in 0..websites {
            f.websites.push(icp_filing::model::Website {
                name: t.next(),
                filing_number: t.next(),
                domains: t.some(1 + i),
                homepage: t.next(),
                service_content: t.some(1),
                languages: t.some(1),
                pre_approvals: t.pre_approvals(),
                responsible: t.person(types[2 + i]),
                remark: t.next(),
            });
        }
        for i in 0..apps {
            f.apps.push(icp_filing::model::App {
                name: t.next(),
                filing_number: t.next(),
                platforms: vec![icp_filing::model::AppPlatform {
                    platform: t.next(),
                    package_name: t.next(),
                    signature_md5: t.next(),
                    public_key: t.next(),
                    cert_sha1: t.next(),
                }],
                domains: t.some(1),
                service_content: t.some(1),
                languages: t.some(1),
                pre_approvals: t.pre_approvals(),
                responsible: t.person(types[4 + i]),
                remark: t.next(),
            });
        }
        f.domain_facts.push(icp_filing::model::DomainFacts {
            domain: t.next(),
            holder_name: t.next(),
            expires_on: t.next(),
            real_name_verified: Some(acknowledge),
            real_name_verified_on: t.next(),
        });
        let report = validate(&f, &ctx());
        check_report(&f, &report)?;
        if acknowledge {
            // Acknowledging every warning leaves exactly the errors standing.
            f.acknowledged_warnings = report.issues.iter().map(|i| i.acknowledgement_key()).collect();
            let report = validate(&f, &ctx());
            prop_assert_eq!(report.ok, report.issues.iter().all(|i| i.severity == Severity::Warning));
        } else {
            f.acknowledged_warnings = t.some(2);
        }
        check_report(&f, &validate(&f, &ctx().with_locale(Locale::En)))?;
        check_normalize(&f)?;
    }
}

// ---------------------------------------------------------------------------------------
// Check characters and birth dates: the 2023 foreign permanent resident ID (§12) and
// first-generation resident IDs.

/// The ISO 7064 MOD 11-2 check character of 17 digits, written out independently of the
/// crate: weights 2^(17−i) mod 11, check value (12 − sum mod 11) mod 11, 10 written `X`.
fn mod11_2(first17: &str) -> char {
    assert_eq!(first17.len(), 17, "{first17}");
    let sum: u32 = first17
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * ((1u32 << (17 - i)) % 11))
        .sum();
    match (12 - sum % 11) % 11 {
        10 => 'X',
        v => char::from_digit(v, 10).unwrap(),
    }
}

fn with_check(first17: &str) -> String {
    format!("{first17}{}", mod11_2(first17))
}

/// `prefix` (14 digits) with the first two-digit sequence, a `1`, and a check character `X`.
fn ending_in_x(prefix: &str) -> String {
    let first17 = (0..100)
        .map(|n| format!("{prefix}{n:02}1"))
        .find(|f| mod11_2(f) == 'X')
        .unwrap();
    with_check(&first17)
}

/// `number` with its last character replaced by a wrong check character.
fn wrong_check(number: &str) -> String {
    let (first17, check) = number.split_at(17);
    let wrong = if check == "0" { '1' } else { '0' };
    format!("{first17}{wrong}")
}

/// An issue as `(code, severity, ["name=value", …])`.
type Found = (String, Severity, Vec<String>);

/// The issues at the subject's and the principal's number, which must agree.
fn number_issues(ty: CertificateType, number: &str) -> Vec<Found> {
    let mut f = Filing::default();
    f.subject.kind = Some(SubjectKind::Individual);
    f.subject.certificate.kind = Some(ty);
    f.subject.certificate.number = number.into();
    f.subject.principal.certificate = f.subject.certificate.clone();
    let report = validate(&f, &ctx());
    let at = |path: &str| -> Vec<Found> {
        report
            .issues_at(path)
            .map(|i| {
                let params = i.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                (i.code.clone(), i.severity, params)
            })
            .collect()
    };
    let subject = at("subject.certificate.number");
    assert_eq!(
        subject,
        at("subject.principal.certificate.number"),
        "{ty:?} {number}"
    );
    subject
}

#[test]
fn foreign_permanent_resident_ids_and_first_generation_resident_ids() {
    use CertificateType as C;
    use Severity::{Error, Warning};
    let fpr = C::ForeignPermanentResidentId;
    let fpr_type = "type=foreignPermanentResidentId";
    // 9, province 31, nationality 840, born 1987-06-15, sequence 01, sex 2.
    let digit_check = with_check("93184019870615012");
    assert_ne!(digit_check.chars().last(), Some('X'));
    let x_check = ending_in_x("94439219910228");
    assert!(x_check.ends_with('X'));
    let full_width: String = digit_check
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    let spaced = format!("{} {} {}", &x_check[..6], &x_check[6..14], &x_check[14..]);

    let first_gen = ("id.first_generation".to_owned(), Error, vec![]);
    let length = |n: usize| ("id.length".to_owned(), Error, vec![format!("length={n}")]);
    let birth_date = |d: &str| {
        let params = vec![format!("date={d}"), fpr_type.to_owned()];
        ("certificate.birth_date".to_owned(), Error, params)
    };
    let check_character = (
        "certificate.check_character".to_owned(),
        Error,
        vec![fpr_type.to_owned()],
    );
    let format = (
        "certificate.format".to_owned(),
        Warning,
        vec![fpr_type.to_owned()],
    );

    let cases: Vec<(C, String, Vec<Found>)> = vec![
        // 2023 format: valid, with a digit or an X (any case, spaced, full-width).
        (fpr, digit_check.clone(), vec![]),
        (fpr, x_check.clone(), vec![]),
        (fpr, x_check.to_lowercase(), vec![]),
        (fpr, spaced.to_lowercase(), vec![]),
        (fpr, full_width, vec![]),
        // Born today is not in the future.
        (fpr, with_check("91115620261128011"), vec![]),
        // 2017 format.
        (fpr, "USA123456789012".into(), vec![]),
        (fpr, "usa 1234 5678 9012".into(), vec![]),
        // Check character.
        (
            fpr,
            wrong_check(&digit_check),
            vec![check_character.clone()],
        ),
        (fpr, wrong_check(&x_check), vec![check_character.clone()]),
        (
            fpr,
            format!("{}X", &digit_check[..17]),
            vec![check_character.clone()],
        ),
        // Birth date: no such day, no such month, before 1900, in the future.
        (
            fpr,
            with_check("91115619900230011"),
            vec![birth_date("1990-02-30")],
        ),
        (
            fpr,
            with_check("91115619901301011"),
            vec![birth_date("1990-13-01")],
        ),
        (
            fpr,
            with_check("91115618991231011"),
            vec![birth_date("1899-12-31")],
        ),
        (
            fpr,
            with_check("91115620270101011"),
            vec![birth_date("2027-01-01")],
        ),
        // Neither format's shape: the §4.3 warning.
        (fpr, with_check("81115619900101011"), vec![format.clone()]),
        (fpr, digit_check[..17].to_owned(), vec![format.clone()]),
        (
            fpr,
            format!("{}Y", &digit_check[..17]),
            vec![format.clone()],
        ),
        (fpr, "US1234567890123".into(), vec![format.clone()]),
        (fpr, "AB中1234567890".into(), vec![format.clone()]),
        (fpr, "中12345678".into(), vec![format.clone()]),
        // Resident IDs: 15 digits is a first-generation number.
        (
            C::ResidentId,
            "110105491231002".into(),
            vec![first_gen.clone()],
        ),
        (
            C::ResidentId,
            "110105 491231 002".into(),
            vec![first_gen.clone()],
        ),
        (
            C::ResidentId,
            "１１０１０５４９１２３１００２".into(),
            vec![first_gen],
        ),
        (C::ResidentId, "11010549123100X".into(), vec![length(15)]),
        (C::ResidentId, "1101054912310021".into(), vec![length(16)]),
        (C::ResidentId, with_check("44030519850612002"), vec![]),
        (C::ResidentId, ending_in_x("11010519491231"), vec![]),
        // Residence permits (first issued 2018) have no first generation.
        (
            C::HkMacaoTaiwanResidencePermit,
            "810000491231002".into(),
            vec![length(15)],
        ),
    ];
    for (ty, number, want) in cases {
        assert_eq!(number_issues(ty, &number), want, "{ty:?} {number}");
    }
}

#[test]
fn the_new_messages_say_what_to_do() {
    let mut f = Filing::default();
    f.subject.kind = Some(SubjectKind::Individual);
    f.subject.certificate.kind = Some(CertificateType::ResidentId);
    f.subject.certificate.number = "110105491231002".into();
    f.subject.principal.certificate.kind = Some(CertificateType::ForeignPermanentResidentId);
    f.subject.principal.certificate.number = wrong_check(&with_check("93184019870615012"));
    let message =
        |report: &Report, path: &str| report.issues_at(path).next().unwrap().message.clone();
    let zh = validate(&f, &ctx());
    let en = validate(&f, &ctx().with_locale(Locale::En));
    let id = "subject.certificate.number";
    assert_eq!(
        message(&zh, id),
        "15位的第一代居民身份证已于2013年1月1日停止使用，请填写第二代身份证上的18位号码"
    );
    assert!(
        message(&en, id).contains("1 January 2013"),
        "{}",
        message(&en, id)
    );
    assert!(
        message(&en, id).contains("18-digit"),
        "{}",
        message(&en, id)
    );
    let fpr = "subject.principal.certificate.number";
    assert!(
        message(&zh, fpr).starts_with("外国人永久居留身份证号码校验位"),
        "{}",
        message(&zh, fpr)
    );
    assert!(
        message(&en, fpr).contains("Foreign Permanent Resident ID Card"),
        "{}",
        message(&en, fpr)
    );
}

/// Domain-shaped text: ASCII and full-width letters, digits and hyphens, Chinese labels,
/// `xn--` labels (valid and not), `.` and `。`, and stray dots at either end.
fn domain_text() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        regex("[a-zA-Z0-9-]{1,12}"),
        regex("[ａ-ｚＡ-Ｚ０-９]{1,6}"),
        regex("[例子中国公司网络政务]{1,4}"),
        Just("xn--fsqu00a".to_owned()),
        Just("xn--fiqs8s".to_owned()),
        Just("XN--55QX5D".to_owned()),
        Just("xn--zz".to_owned()),
        Just("xn--xn--fiqs8s".to_owned()),
    ];
    (
        proptest::collection::vec((label, prop_oneof![Just("."), Just("。")]), 1..5),
        regex("\\.{0,2}"),
    )
        .prop_map(|(labels, edge)| {
            let mut text = edge.clone();
            for (label, dot) in &labels {
                text.push_str(label);
                text.push_str(dot);
            }
            text.pop();
            text + &edge
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// The rules look TLDs up on parsed domains without normalising them again
    /// (`RuleData::tld_status_normalized`): that is only right if a parsed domain is already
    /// in the form `normalize_domain` gives, and normalising is idempotent.
    #[test]
    fn parsed_domains_are_already_normalized(text in domain_text()) {
        use icp_filing::ident::Domain;
        use icp_filing::ruledata::{normalize_domain, RuleData};
        let normalized = normalize_domain(&text);
        prop_assert_eq!(normalize_domain(&normalized), normalized.clone());
        let data = RuleData::embedded();
        prop_assert_eq!(data.tld_status(&text), data.tld_status_normalized(&normalized));
        if let Ok(domain) = Domain::parse(&text) {
            prop_assert_eq!(normalize_domain(domain.as_str()), domain.as_str());
            prop_assert_eq!(data.tld_status(&text), data.tld_status_normalized(domain.as_str()));
        }
    }
}
