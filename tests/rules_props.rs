//! Property tests: validation never panics and always returns a report, whatever the input.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use icp_filing::model::{parse_filing, CertificateType, Filing, SubjectKind};
use icp_filing::rules::{validate, RuleContext};
use proptest::prelude::*;

fn ctx() -> RuleContext<'static> {
    RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

const KINDS: [SubjectKind; 4] = [
    SubjectKind::Individual,
    SubjectKind::Enterprise,
    SubjectKind::Government,
    SubjectKind::Institution,
];
const TYPES: [CertificateType; 5] = [
    CertificateType::ResidentId,
    CertificateType::Uscc,
    CertificateType::Passport,
    CertificateType::HkMacaoTaiwanResidencePermit,
    CertificateType::MilitaryCode,
];

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
    fn identifier_shaped_input_never_panics(number in "[0-9０-９xXＸ \\-]{0,24}") {
        for ty in TYPES {
            let mut f = Filing::default();
            f.subject.certificate.kind = Some(ty);
            f.subject.certificate.number = number.clone();
            let _ = validate(&f, &ctx());
        }
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
