//! Property tests: validation never panics and always returns a report, whatever the input.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use icp_filing::model::{parse_filing, CertificateType, Filing, SubjectKind};
use icp_filing::rules::{validate, RuleContext};
use proptest::prelude::*;

fn ctx() -> RuleContext {
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
