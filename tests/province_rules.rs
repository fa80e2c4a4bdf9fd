//! Every key of the province data (`data/provinces.json`) is read by a rule.
//!
//! For each key there is a probe: a filing in a province that has the key, and a change to
//! the data (an override removing the key from that province, or for the national defaults,
//! which can't be removed, a different value). What the filer sees — the validation report
//! (codes, paths, severities), the materials checklist, the province hints of every field and the
//! province notes on the check page — must differ between the embedded data and the changed data; if it doesn't, no
//! rule reads the key. A key in the data without a probe fails too, so a new key that
//! nothing reads breaks the build instead of shipping as dead data.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use icp_filing::hints::{province_hint, province_notes, HintField};
use icp_filing::materials::{materials, Material};
use icp_filing::messages::Locale;
use icp_filing::model::{parse_filing, Filing};
use icp_filing::report::Severity;
use icp_filing::ruledata::RuleData;
use icp_filing::rules::{validate, RuleContext};
use serde_json::{json, Value};

/// Province keys that are not rules.
const PROVINCE_IDENTITY: [&str; 4] = ["code", "name", "nameEn", "abbr"];

/// Where a probe changes the data.
const NATIONAL: &str = "national";

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A filing and the day it is validated on.
struct Case {
    filing: Filing,
    today: NaiveDate,
}

/// The filing of `tests/fixtures/codes/<code>.json`, on its `today`.
fn code(code: &str) -> Case {
    let path = fixtures_dir().join("codes").join(format!("{code}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let today = doc["today"]
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| panic!("{}: no `today`", path.display()));
    let filing = parse_filing(&doc["filing"].to_string())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Case { filing, today }
}

/// A complete fixture filing (`tests/fixtures/<name>.json`), on the day the corpus uses.
fn fixture(name: &str) -> Case {
    let path = fixtures_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Case {
        filing: parse_filing(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
    }
}

/// The same filing made in another province, with its mailing address there.
fn moved(mut case: Case, province: &str, city: &str, district: &str) -> Case {
    case.filing.province = province.into();
    let address = &mut case.filing.subject.address;
    address.province = province.into();
    address.city = city.into();
    address.district = district.into();
    case
}

/// How a probe changes the data.
#[derive(Clone, Copy)]
enum Change {
    /// Remove the key (`null` in an override).
    Remove,
    /// Give the key this value (JSON). For national keys, which can't be removed; and for
    /// province keys whose every value equals the national default, so that removing them
    /// falls back to the same figure: the probe then also checks that removing changes
    /// nothing, which is why a value is set.
    Set(&'static str),
}

struct Probe {
    key: &'static str,
    /// A province code, or [`NATIONAL`].
    province: &'static str,
    change: Change,
    case: fn() -> Case,
}

/// One probe per key of `data/provinces.json` that some rule reads.
const PROBES: &[Probe] = &[
    // ---- province keys ----
    Probe {
        key: "individualNonLocal",
        province: "140000",
        change: Change::Remove,
        case: || code("subject.non_local_individual"),
    },
    Probe {
        // Only a hint: no filing shows whether a mobile number is local.
        key: "localMobileRequired",
        province: "110000",
        change: Change::Remove,
        case: || fixture("individual-beijing"),
    },
    Probe {
        key: "principalMustBeLegalRep",
        province: "440000",
        change: Change::Remove,
        case: || code("principal.legal_rep_required"),
    },
    Probe {
        key: "officePhoneDiffersFromPrincipalMobile",
        province: "110000",
        change: Change::Remove,
        case: || code("office_phone.same_as_mobile"),
    },
    Probe {
        // 广东's filing commitment letter, on the materials checklist.
        key: "extraMaterials",
        province: "440000",
        change: Change::Remove,
        case: || code("website.name_suffix"),
    },
    Probe {
        // Every province that states it says 18, the national figure.
        key: "minimumAge",
        province: "440000",
        change: Change::Set(r#"{"value": 17, "source": "probe"}"#),
        case: || code("age.minor_needs_proof"),
    },
    Probe {
        key: "websiteResponsibleAuthorisationLetter",
        province: "620000",
        change: Change::Remove,
        case: || code("responsible.must_differ_when_not_legal_rep"),
    },
    Probe {
        key: "responsibleMustDifferFromPrincipal",
        province: "120000",
        change: Change::Remove,
        case: || code("responsible.must_differ"),
    },
    Probe {
        key: "addressHouseNumberRequired",
        province: "370000",
        change: Change::Remove,
        case: || code("address.house_number_required"),
    },
    Probe {
        // 天津: an office phone that is a mobile names its user in the remark.
        key: "remarkRequirements",
        province: "120000",
        change: Change::Remove,
        case: || {
            let mut case = code("responsible.must_differ");
            case.filing.websites[0].remark.clear();
            case.filing.websites[0].responsible.office_phone = "13602224567".into();
            case
        },
    },
    Probe {
        key: "refusedIndividualCertificates",
        province: "130000",
        change: Change::Remove,
        case: || code("province.certificate_refused"),
    },
    Probe {
        key: "nonMainlandLegalRepAuthorises",
        province: "370000",
        change: Change::Remove,
        case: || code("principal.non_mainland"),
    },
    Probe {
        key: "sameCityAddress",
        province: "130000",
        change: Change::Remove,
        case: || code("address.same_city"),
    },
    Probe {
        // Every province that states it says 3 months, the national figure.
        key: "domainMinValidityMonths",
        province: "330000",
        change: Change::Set(r#"{"value": 1, "source": "probe"}"#),
        case: || {
            let mut case = fixture("enterprise-app-zhejiang");
            case.filing.domain_facts = serde_json::from_value(json!([{
                "domain": "api.ali-example.com",
                "holderName": "阿里巴巴（中国）有限公司",
                "expiresOn": "2027-01-20",
                "realNameVerified": true
            }]))
            .unwrap();
            case
        },
    },
    Probe {
        // 山西: at most 3 new domains per order.
        key: "maxNewDomainsPerOrder",
        province: "140000",
        change: Change::Remove,
        case: || {
            let mut case = code("subject.non_local_individual");
            case.filing.websites[0].domains = ["wanglei-travel.cn", "wanglei-travel.com"]
                .into_iter()
                .chain(["wanglei-travel.net", "wanglei-travel.com.cn"])
                .map(String::from)
                .collect();
            case
        },
    },
    Probe {
        // 广东: a construction plan for an individual with more than 5 domain names.
        key: "constructionPlanThreshold",
        province: "440000",
        change: Change::Remove,
        case: || {
            let mut case = code("age.minor_needs_proof");
            case.filing.websites[0].domains = ["hzx-code", "hzx-notes", "hzx-blog", "hzx-lab"]
                .into_iter()
                .chain(["hzx-dev", "hzx-study"])
                .map(|name| format!("{name}.cn"))
                .collect();
            case
        },
    },
    Probe {
        key: "minorsWithProofFrom",
        province: "440000",
        change: Change::Remove,
        case: || code("age.minor_needs_proof"),
    },
    Probe {
        key: "principalEqualsResponsibleWhenNotLegalRep",
        province: "320000",
        change: Change::Remove,
        case: || code("responsible.must_equal_principal"),
    },
    Probe {
        key: "landlineRequiredForUnits",
        province: "320000",
        change: Change::Remove,
        case: || code("office_phone.landline_required"),
    },
    Probe {
        // 江苏: domain certificates on the materials checklist.
        key: "domainCertificateRequired",
        province: "320000",
        change: Change::Remove,
        case: || code("office_phone.landline_required"),
    },
    Probe {
        key: "unitDomainHolderMustBeUnit",
        province: "350000",
        change: Change::Remove,
        case: || code("domain.holder_not_unit"),
    },
    Probe {
        // 江西: only a hint on the domains field (filed websites aren't in a filing).
        key: "oneDomainPerOrderWhenFiledExceeds",
        province: "360000",
        change: Change::Remove,
        case: || moved(code("website.name_suffix"), "360000", "360100", "360102"),
    },
    Probe {
        // 湖南: one website or APP per order, also for units (a website and an APP here;
        // two websites would also exceed 湖南's one new domain per order).
        key: "maxWebsitesPerOrder",
        province: "430000",
        change: Change::Remove,
        case: || {
            let mut case = moved(code("website.name_suffix"), "430000", "430100", "430102");
            case.filing.apps = fixture("enterprise-app-zhejiang").filing.apps;
            case
        },
    },
    Probe {
        key: "distinctPrefixesAreSeparateWebsites",
        province: "440000",
        change: Change::Remove,
        case: || code("domains.distinct_prefixes"),
    },
    Probe {
        key: "unitWebsiteNameSuffix",
        province: "440000",
        change: Change::Remove,
        case: || code("website.name_suffix"),
    },
    Probe {
        key: "individualForbiddenTlds",
        province: "500000",
        change: Change::Remove,
        case: || code("domain.tld_refused_for_individuals"),
    },
    Probe {
        // Both provinces that state it say one domain per website, the national figure.
        key: "maxDomainsPerWebsite",
        province: "510000",
        change: Change::Set(r#"{"value": {"personal": 1, "unit": 2}, "source": "probe"}"#),
        case: || {
            let mut case = fixture("government-sichuan");
            case.filing.websites[0]
                .domains
                .push("example-cd-service.gov.cn".into());
            case
        },
    },
    Probe {
        key: "distinctWebsiteNames",
        province: "610000",
        change: Change::Remove,
        case: || code("website.name_duplicate"),
    },
    Probe {
        // 陕西: personal sites choose 其他 only, not 博客.
        key: "personalAllowedServiceContent",
        province: "610000",
        change: Change::Remove,
        case: || moved(fixture("individual-beijing"), "610000", "610100", "610113"),
    },
    Probe {
        key: "responsibleMustDifferWhenNotLegalRep",
        province: "620000",
        change: Change::Remove,
        case: || code("responsible.must_differ_when_not_legal_rep"),
    },
    // ---- national keys (required: changed, not removed) ----
    Probe {
        // A 17-year-old in 北京, which has no minimum age of its own.
        key: "minimumAge",
        province: NATIONAL,
        change: Change::Set(r#"{"value": 17, "source": "probe"}"#),
        case: || moved(code("age.minor_needs_proof"), "110000", "110100", "110108"),
    },
    Probe {
        key: "absoluteMinimumAge",
        province: NATIONAL,
        change: Change::Set(r#"{"value": 15, "severity": "error", "source": "probe"}"#),
        case: || code("age.under_minimum"),
    },
    Probe {
        key: "maxWebsitesPerOrder",
        province: NATIONAL,
        change: Change::Set(r#"{"value": {"personal": 2, "unit": 10}, "source": "probe"}"#),
        case: || code("websites.too_many"),
    },
    Probe {
        key: "maxDomainsPerWebsite",
        province: NATIONAL,
        change: Change::Set(r#"{"value": {"personal": 2, "unit": 1}, "source": "probe"}"#),
        case: || code("domains.too_many"),
    },
    Probe {
        key: "domainMinValidityMonths",
        province: NATIONAL,
        change: Change::Set(r#"{"value": 1, "source": "probe"}"#),
        case: || code("domain.expiring_soon"),
    },
    Probe {
        key: "certificateMinValidityMonths",
        province: NATIONAL,
        change: Change::Set(r#"{"value": 1, "source": "probe"}"#),
        case: || code("certificate.expiring_soon"),
    },
    Probe {
        key: "websiteNameMinChars",
        province: NATIONAL,
        change: Change::Set(r#"{"value": 2, "severity": "error", "source": "probe"}"#),
        case: || code("website.name_too_short"),
    },
    Probe {
        key: "individualResponsibleIsPrincipal",
        province: NATIONAL,
        change: Change::Set(r#"{"value": false, "source": "probe"}"#),
        case: || code("individual.responsible_differs"),
    },
    Probe {
        key: "notes",
        province: "440000",
        change: Change::Remove,
        case: || code("website.name_suffix"),
    },
    Probe {
        key: "remarkRequirements",
        province: NATIONAL,
        change: Change::Remove,
        case: || code("remark.required"),
    },
];

/// Keys no rule reads, each with a filing in a province that has it, on which removing it
/// must change nothing. When a rule starts reading one, move it to [`PROBES`]. Empty: every
/// key is read.
const UNREAD: &[Probe] = &[];

/// Every key of `data/provinces.json` with the provinces that have it (`national` for the
/// national defaults).
fn data_keys() -> BTreeMap<String, BTreeSet<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/provinces.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let mut keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for key in file["national"].as_object().expect("national").keys() {
        keys.entry(format!("{NATIONAL}.{key}"))
            .or_default()
            .insert(NATIONAL.to_owned());
    }
    for province in file["provinces"].as_array().expect("provinces") {
        let object = province.as_object().expect("a province is an object");
        let code = object["code"].as_str().expect("code").to_owned();
        for key in object.keys() {
            if !PROVINCE_IDENTITY.contains(&key.as_str()) {
                keys.entry(key.clone()).or_default().insert(code.clone());
            }
        }
    }
    keys
}

/// The name a probe's key has in [`data_keys`].
fn data_key(probe: &Probe) -> String {
    if probe.province == NATIONAL {
        format!("{NATIONAL}.{}", probe.key)
    } else {
        probe.key.to_owned()
    }
}

/// The data with `change` applied to `key` of `province`.
fn changed(province: &str, key: &str, change: Change) -> RuleData {
    let value = match change {
        Change::Remove => Value::Null,
        Change::Set(json) => serde_json::from_str(json).unwrap(),
    };
    let overlay = if province == NATIONAL {
        json!({ "version": "probe", "national": { key: value } })
    } else {
        json!({ "version": "probe", "provinces": [{ "code": province, key: value }] })
    };
    RuleData::embedded()
        .with_override(&overlay.to_string())
        .unwrap_or_else(|e| panic!("{province} {key}: the override is refused: {e}"))
}

const HINT_FIELDS: [HintField; 6] = [
    HintField::Mobile,
    HintField::OfficePhone,
    HintField::AddressDetail,
    HintField::WebsiteName,
    HintField::Domains,
    HintField::WebsiteRemark,
];

/// Fails to compile when `HintField` gains a variant [`HINT_FIELDS`] doesn't list.
#[allow(dead_code)]
fn hint_fields_are_all_listed(field: HintField) {
    match field {
        HintField::Mobile
        | HintField::OfficePhone
        | HintField::AddressDetail
        | HintField::WebsiteName
        | HintField::Domains
        | HintField::WebsiteRemark => {}
    }
}

/// What the filer sees for a filing with some rule data.
#[derive(Debug, PartialEq)]
struct Seen {
    /// `(code, path, severity)` of each issue.
    report: Vec<(String, String, Severity)>,
    materials: Vec<Material>,
    /// `(field, hint)` for every field.
    hints: Vec<(String, Option<String>)>,
    /// The province's other requirements shown on the check page.
    notes: Vec<String>,
}

fn seen(case: &Case, data: &RuleData) -> Seen {
    let ctx = RuleContext::new(case.today)
        .with_locale(Locale::ZhCn)
        .with_data(data);
    let report = validate(&case.filing, &ctx)
        .issues
        .into_iter()
        .map(|i| (i.code, i.path, i.severity))
        .collect();
    let hints = HINT_FIELDS
        .iter()
        .map(|&field| {
            let hint = province_hint(
                field,
                &case.filing.province,
                case.filing.subject.kind,
                data,
                Locale::ZhCn,
            );
            (format!("{field:?}"), hint)
        })
        .collect();
    let notes = province_notes(&case.filing, data)
        .into_iter()
        .map(|n| n.id.clone())
        .collect();
    Seen {
        report,
        materials: materials(&case.filing, data),
        hints,
        notes,
    }
}

/// Whether applying the probe's change (or `change`) alters what the filer sees.
fn changes_anything(probe: &Probe, change: Change) -> bool {
    let case = (probe.case)();
    seen(&case, RuleData::embedded()) != seen(&case, &changed(probe.province, probe.key, change))
}

fn describe(probe: &Probe) -> String {
    let case = (probe.case)();
    format!(
        "{} in {} (filing in {}, report {:?})",
        probe.key,
        probe.province,
        case.filing.province,
        seen(&case, RuleData::embedded()).report
    )
}

#[test]
fn every_key_of_the_province_data_has_a_probe() {
    let keys = data_keys();
    let probed: BTreeSet<String> = PROBES.iter().chain(UNREAD).map(data_key).collect();
    let missing: Vec<&String> = keys.keys().filter(|k| !probed.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys of data/provinces.json no probe in tests/province_rules.rs shows a rule reading: {missing:?}"
    );
    let mut problems = Vec::new();
    for probe in PROBES.iter().chain(UNREAD) {
        let key = data_key(probe);
        match keys.get(&key) {
            None => problems.push(format!("{key}: not a key of data/provinces.json")),
            Some(holders) if !holders.contains(probe.province) => problems.push(format!(
                "{key}: {} doesn't have it (provinces that do: {holders:?})",
                probe.province
            )),
            Some(_) => {}
        }
    }
    let mut seen_keys = BTreeSet::new();
    for probe in PROBES.iter().chain(UNREAD) {
        if !seen_keys.insert(data_key(probe)) {
            problems.push(format!("{}: more than one probe", data_key(probe)));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn changing_each_key_changes_what_the_filer_sees() {
    let mut failures = Vec::new();
    for probe in PROBES {
        if !changes_anything(probe, probe.change) {
            failures.push(format!(
                "no rule reads {}: the report, materials and hints are the same without it",
                describe(probe)
            ));
        }
        // A province key is set rather than removed only because removing it falls back
        // to an equal national figure; once it doesn't, remove it like the others.
        if probe.province != NATIONAL
            && matches!(probe.change, Change::Set(_))
            && changes_anything(probe, Change::Remove)
        {
            failures.push(format!(
                "{}: removing it now changes what the filer sees; probe with Change::Remove",
                describe(probe)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn keys_no_rule_reads_change_nothing() {
    let mut failures = Vec::new();
    for probe in UNREAD {
        if changes_anything(probe, probe.change) {
            failures.push(format!(
                "a rule now reads {}: move its probe from UNREAD to PROBES",
                describe(probe)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn tianjin_asks_for_the_office_phone_user_in_the_remark_only_when_it_is_a_mobile() {
    let asks = |office_phone: &str| {
        let mut case = code("responsible.must_differ");
        case.filing.websites[0].remark.clear();
        case.filing.websites[0].responsible.office_phone = office_phone.into();
        let report = validate(&case.filing, &RuleContext::new(case.today));
        report
            .issues
            .iter()
            .any(|i| i.code == "remark.required" && i.message.contains("办公电话为手机时"))
    };
    assert!(asks("13602224567"));
    assert!(!asks("022-66281235"));
}

#[test]
fn a_province_restating_a_national_remark_requirement_asks_once() {
    // Qinghai restates the national personalContent in its own words: the remark is asked
    // for once, in Qinghai's words, in the issue and in the field's hint.
    let mut case = code("remark.required");
    let national = "备注中说明网站拟发布的内容";
    let qinghai = "个人备案备注说明网站内容";
    let message = |case: &Case| {
        validate(&case.filing, &RuleContext::new(case.today))
            .issues
            .into_iter()
            .filter(|i| i.code == "remark.required")
            .map(|i| i.message)
            .collect::<Vec<_>>()
    };
    let hint = |province: &str| {
        province_hint(
            HintField::WebsiteRemark,
            province,
            case.filing.subject.kind,
            RuleData::embedded(),
            Locale::ZhCn,
        )
        .unwrap_or_default()
    };
    let beijing = message(&case);
    assert_eq!(beijing.len(), 1);
    assert!(beijing[0].contains(national), "{beijing:?}");
    assert!(hint("110000").contains(national));
    case.filing.province = "630000".into();
    let found = message(&case);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains(qinghai), "{found:?}");
    assert!(!found[0].contains(national), "{found:?}");
    assert_eq!(hint("630000"), qinghai);
}
