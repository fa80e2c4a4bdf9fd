//! The embedded rule data (`data/*.json`) and its run-time overrides.

use icp_filing::model::SubjectKind;
use icp_filing::report::Severity;
use icp_filing::ruledata::{
    CountKind, LegalRepRule, NonLocal, RuleData, RuleDataError, TldStatus, PROVINCE_CODES,
};
use icp_filing::timeline::PolicyError;

fn data() -> &'static RuleData {
    RuleData::embedded()
}

#[test]
fn embedded_data_validates() {
    data().validate().expect("embedded data is valid");
    assert_eq!(data().ruleset_version(), icp_filing::RULESET_VERSION);
    assert!(data().override_versions().is_empty());
}

#[test]
fn all_31_provinces_with_their_abbreviations() {
    let expected = [
        ("110000", "京"),
        ("120000", "津"),
        ("130000", "冀"),
        ("140000", "晋"),
        ("150000", "蒙"),
        ("210000", "辽"),
        ("220000", "吉"),
        ("230000", "黑"),
        ("310000", "沪"),
        ("320000", "苏"),
        ("330000", "浙"),
        ("340000", "皖"),
        ("350000", "闽"),
        ("360000", "赣"),
        ("370000", "鲁"),
        ("410000", "豫"),
        ("420000", "鄂"),
        ("430000", "湘"),
        ("440000", "粤"),
        ("450000", "桂"),
        ("460000", "琼"),
        ("500000", "渝"),
        ("510000", "蜀"),
        ("520000", "黔"),
        ("530000", "滇"),
        ("540000", "藏"),
        ("610000", "陕"),
        ("620000", "陇"),
        ("630000", "青"),
        ("640000", "宁"),
        ("650000", "新"),
    ];
    assert_eq!(data().provinces().len(), 31);
    for (code, abbr) in expected {
        let p = data()
            .province(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(p.abbr, abbr, "{code}");
        assert_eq!(
            data().province_by_abbr(abbr).map(|p| p.code.as_str()),
            Some(code)
        );
        assert!(!p.name.is_empty() && !p.name_en.is_empty());
        // Every province has the legal-rep rule (Tencent's table covers all 31).
        assert!(p.principal_must_be_legal_rep.is_some(), "{code}");
    }
    let codes: Vec<&str> = data().provinces().iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, PROVINCE_CODES);
    assert_eq!(
        data()
            .province_for_region("440305")
            .map(|p| p.abbr.as_str()),
        Some("粤")
    );
    assert!(data().province("440300").is_none());
    assert!(data().province_for_region("99").is_none());
}

#[test]
fn spot_checks_against_the_fact_sheet() {
    let d = data();
    let jiangsu = d.province("320000").unwrap();
    let landline = jiangsu.landline_required_for_units.as_ref().unwrap();
    assert!(landline.value);
    assert_eq!(landline.severity(), Severity::Warning);
    assert!(landline.source.contains("T4"));
    assert!(jiangsu.domain_certificate_required.as_ref().unwrap().value);
    let plan = jiangsu.construction_plan_threshold.as_ref().unwrap().value;
    assert_eq!(plan.counts, CountKind::Domains);
    assert!(!plan.needs_plan(SubjectKind::Individual, 10));
    assert!(plan.needs_plan(SubjectKind::Individual, 11));
    assert!(plan.needs_plan(SubjectKind::Enterprise, 31));
    assert_eq!(jiangsu.minors_with_proof_from.as_ref().unwrap().value, 16);

    assert_eq!(
        d.max_new_domains_per_order("140000", SubjectKind::Enterprise)
            .map(|(n, _)| n),
        Some(3)
    );
    assert_eq!(
        d.max_new_domains_per_order("420000", SubjectKind::Individual)
            .map(|(n, _)| n),
        Some(1)
    );
    assert_eq!(
        d.max_new_domains_per_order("410000", SubjectKind::Enterprise)
            .map(|(n, _)| n),
        Some(5)
    );
    assert_eq!(
        d.max_new_domains_per_order("410000", SubjectKind::Individual),
        None
    );
    assert_eq!(
        d.max_new_domains_per_order("110000", SubjectKind::Enterprise),
        None
    );

    // Beijing: T4 says the principal may differ, QingCloud requires the legal rep or a letter;
    // the stricter reading is recorded, disputed, as a warning.
    let beijing = d.province("110000").unwrap();
    let rule = beijing.principal_must_be_legal_rep.as_ref().unwrap();
    assert_eq!(rule.value, LegalRepRule::AuthorisationLetter);
    assert!(rule.is_disputed());
    assert!(rule.disputed.as_ref().unwrap().contains("T4"));
    assert_eq!(rule.severity(), Severity::Warning);
    assert!(
        beijing
            .office_phone_differs_from_principal_mobile
            .as_ref()
            .unwrap()
            .value
    );
    for code in ["140000", "210000", "220000"] {
        let rule = d
            .province(code)
            .unwrap()
            .principal_must_be_legal_rep
            .as_ref()
            .unwrap();
        assert_eq!(rule.value, LegalRepRule::Required, "{code}");
        assert!(rule.is_disputed(), "{code}");
    }
    assert_eq!(
        d.province("440000")
            .unwrap()
            .principal_must_be_legal_rep
            .as_ref()
            .unwrap()
            .value,
        LegalRepRule::Required
    );

    // Shandong's own page says 17 (未满十七周岁不能备案); the older summary's 18 is the dispute.
    let shandong_age = d.minimum_age("370000");
    assert_eq!(shandong_age.value, 17);
    assert!(shandong_age.disputed.as_ref().unwrap().contains("18"));
    // Provinces without an age rule fall back to the national 18.
    assert_eq!(d.minimum_age("540000").value, 18);
    assert!(d.minimum_age("540000").source.contains("§6"));
    assert_eq!(
        d.national().absolute_minimum_age.severity(),
        Severity::Error
    );

    // Non-local individuals.
    let nl = |code: &str| d.province(code).unwrap().individual_non_local.clone();
    assert_eq!(nl("140000").unwrap().value, NonLocal::NotAllowed);
    let shanghai = nl("310000").unwrap();
    assert_eq!(shanghai.value, NonLocal::WithResidencePermit);
    assert!(!shanghai.permits.iter().any(|p| p == "studentCard"));
    let jilin = nl("220000").unwrap();
    assert!(jilin.permits.iter().any(|p| p == "studentCard"));
    assert!(d.non_local_permit("studentCard").is_some());
    assert!(nl("340000").is_none());

    // Same-city addresses, local mobiles, national limits.
    for code in ["130000", "410000", "520000"] {
        assert!(
            d.province(code)
                .unwrap()
                .same_city_address
                .as_ref()
                .unwrap()
                .value,
            "{code}"
        );
    }
    assert_eq!(
        d.max_websites_per_order("440000", SubjectKind::Enterprise)
            .map(|(n, _)| n),
        Some(10)
    );
    assert_eq!(
        d.max_websites_per_order("440000", SubjectKind::Individual)
            .map(|(n, _)| n),
        Some(1)
    );
    assert_eq!(
        d.max_websites_per_order("430000", SubjectKind::Enterprise)
            .map(|(n, _)| n),
        Some(1)
    );
    let (n, rule) = d
        .max_domains_per_website("440000", SubjectKind::Enterprise)
        .unwrap();
    assert_eq!(n, 1);
    assert!(rule.is_disputed());
    assert_eq!(rule.severity(), Severity::Warning);
    assert_eq!(
        d.personal_allowed_service_content("440000"),
        ["other", "blog"]
    );
    assert_eq!(d.personal_allowed_service_content("610000"), ["other"]);
}

#[test]
fn province_items_apply_by_kind_and_type() {
    use icp_filing::model::FilingType;
    let jiangxi = data().province("360000").unwrap();
    let approval = &jiangxi.extra_materials[0];
    assert!(approval.applies(Some(SubjectKind::Government), None));
    assert!(!approval.applies(Some(SubjectKind::Enterprise), None));
    assert!(!approval.applies(Some(SubjectKind::Individual), None));
    let xinjiang = data().province("650000").unwrap();
    let party = &xinjiang.extra_materials[0];
    assert!(party.applies(Some(SubjectKind::Individual), Some(FilingType::First)));
    assert!(!party.applies(Some(SubjectKind::Individual), Some(FilingType::Change)));
}

#[test]
fn tld_status_by_longest_suffix() {
    let d = data();
    let suffix = |domain: &str| d.tld_status(domain).suffix();
    assert!(matches!(
        d.tld_status("example.com"),
        TldStatus::Fileable { suffix: "com", .. }
    ));
    assert!(matches!(
        d.tld_status("example.cn"),
        TldStatus::Fileable { suffix: "cn", .. }
    ));
    assert!(matches!(
        d.tld_status("www.example.gov.cn"),
        TldStatus::GovernmentOnly {
            suffix: "gov.cn",
            ..
        }
    ));
    assert!(matches!(
        d.tld_status("example.io"),
        TldStatus::NotFileable { suffix: "io", .. }
    ));
    match d.tld_status("example.org") {
        TldStatus::Warn { suffix, warning } => {
            assert_eq!(suffix, "org");
            assert!(!warning.zh.is_empty() && !warning.en.is_empty());
        }
        other => panic!("example.org: {other:?}"),
    }
    assert!(matches!(
        d.tld_status("example.asia"),
        TldStatus::Warn { .. }
    ));
    assert!(matches!(
        d.tld_status("例子.中国"),
        TldStatus::Fileable {
            suffix: "中国", ..
        }
    ));
    assert_eq!(suffix("xn--fsqu00a.xn--fiqs8s"), Some("中国"));
    assert_eq!(suffix("例子。中國"), Some("中國"));
    assert_eq!(suffix("example.com.cn"), Some("com.cn"));
    assert_eq!(suffix("sub.example.sh.cn"), Some("sh.cn"));
    assert_eq!(suffix("EXAMPLE.COM."), Some("com"));
    assert_eq!(suffix("example.org.cn"), Some("org.cn"));
    assert_eq!(suffix("example.tw.cn"), Some("tw.cn"));
    assert!(matches!(
        d.tld_status("example.tw"),
        TldStatus::NotFileable { .. }
    ));
    assert!(matches!(
        d.tld_status("example.政务"),
        TldStatus::GovernmentOnly { .. }
    ));
    assert!(matches!(
        d.tld_status("example.unknowntld"),
        TldStatus::Unknown
    ));
    assert!(matches!(d.tld_status(""), TldStatus::Unknown));
    assert!(d
        .tld_status("example.com")
        .source()
        .unwrap()
        .contains("§5.2"));

    assert!(d.is_government_domain("www.beijing.gov.cn"));
    assert!(!d.is_government_domain("gov.com"));
    assert!(d.institution_domain_allowed("example.cn"));
    assert!(d.institution_domain_allowed("example.org.cn"));
    assert!(d.institution_domain_allowed("example.公益"));
    assert!(!d.institution_domain_allowed("example.com"));
}

#[test]
fn word_lists() {
    let d = data();
    assert_eq!(d.national_prefix_of("中国好网站"), Some("中国"));
    assert_eq!(d.national_prefix_of("好网站"), None);

    let found = d.personal_forbidden_words_in("张三的购物网站");
    assert!(found.contains(&("网站", Severity::Error)), "{found:?}");
    assert!(found.contains(&("购物", Severity::Warning)), "{found:?}");
    assert!(
        !found.iter().any(|(w, _)| *w == "购"),
        "购 is inside 购物: {found:?}"
    );
    assert!(d.personal_forbidden_words_in("张三的随笔").is_empty());

    assert_eq!(d.sensitive_words_in("某某赌博"), ["赌博"]);
    assert_eq!(d.place_prefix_in("杭州市美食"), Some("市"));

    assert_eq!(d.pre_approval_categories_for("某某P2P理财网"), ["finance"]);
    assert_eq!(d.pre_approval_categories_for("某某ｐ２ｐ网"), ["finance"]);
    assert_eq!(d.pre_approval_categories_for("某某新闻网"), ["news"]);
    assert_eq!(
        d.pre_approval_categories_for("张三直播"),
        ["culture", "filmTv"]
    );
    assert!(d.pre_approval_categories_for("张三的随笔").is_empty());
    assert!(d
        .pre_approval_matches("某某网贷基金")
        .contains(&("finance", "网贷")));

    let app = d.app_name_words_in("计算器");
    assert_eq!(app, [("计算器", Severity::Warning)]);
    assert!(d.app_name_words_in("小明计算器").is_empty());
    assert_eq!(
        d.app_name_words_in("免费小说"),
        [("免费", Severity::Warning)]
    );

    // Lists and keyword categories are consistent with the catalogue.
    for slug in d.words().pre_approval_keywords.keys() {
        assert!(d.pre_approval_category(slug).is_some(), "{slug}");
    }
    for slug in [
        "news",
        "publishing",
        "education",
        "medical",
        "drugs",
        "culture",
        "filmTv",
        "carHailing",
        "finance",
        "afterSchoolTraining",
        "religion",
        "games",
    ] {
        assert!(d.words().pre_approval_keywords.contains_key(slug), "{slug}");
    }
}

#[test]
fn catalogues() {
    let d = data();
    assert_eq!(d.service_content("blog").unwrap().miit_bit, 32);
    assert_eq!(
        d.service_content("nonBankPayment").unwrap().miit_bit,
        4_294_967_296
    );
    assert_eq!(
        d.service_content_mask(&["other", "blog"]),
        Some(8_388_608 | 32)
    );
    assert_eq!(d.service_content_mask(&["other", "nope"]), None);
    assert_eq!(d.catalogues().service_content.len(), 30);
    assert_eq!(d.catalogues().languages.len(), 17);
    assert_eq!(d.language("english").unwrap().miit_id, 12);
    let education = d.pre_approval_category("education").unwrap();
    assert!(education.abolished_nationally);
    assert_eq!(education.wechat_id, Some(3));
    assert_eq!(education.miit_bit, Some(4));
    assert!(
        !d.pre_approval_category("news")
            .unwrap()
            .abolished_nationally
    );
    assert!(
        d.pre_approval_category("bulletinBoard")
            .unwrap()
            .abolished_nationally
    );
    let android = d.app_platform("android").unwrap();
    assert!(android.required.iter().any(|f| f == "signatureMd5"));
    let ios = d.app_platform("ios").unwrap();
    assert!(ios.recommended.iter().any(|f| f == "certSha1"));
    assert_eq!(d.app_platform("miniProgram").unwrap().filing_suffix, "X");
}

#[test]
fn override_changes_one_province_field_and_adds_a_tld() {
    let base = data();
    let json = r#"{
        "version": "acme-2026.12",
        "provinces": [
            { "code": "320000",
              "landlineRequiredForUnits": { "value": false, "source": "acme bureau call 2026-12" },
              "minimumAge": null }
        ],
        "tlds": { "fileable": { "add": [ { "source": "acme registrar", "tlds": ["studio2", "org"] } ] } },
        "words": { "sensitive": { "words": { "add": ["博彩"] } } }
    }"#;
    let host = base.with_override(json).expect("override applies");
    assert_eq!(
        host.ruleset_version(),
        format!("{}+acme-2026.12", icp_filing::RULESET_VERSION)
    );
    assert_eq!(host.override_versions(), ["acme-2026.12"]);

    let jiangsu = host.province("320000").unwrap();
    let landline = jiangsu.landline_required_for_units.as_ref().unwrap();
    assert!(!landline.value);
    assert_eq!(landline.source, "acme bureau call 2026-12");
    assert!(jiangsu.minimum_age.is_none(), "null removes a rule");
    assert!(
        jiangsu.domain_certificate_required.is_some(),
        "other fields are kept"
    );
    assert_eq!(
        host.minimum_age("320000").value,
        18,
        "national default applies"
    );
    assert_eq!(host.province("330000"), base.province("330000"));

    assert!(matches!(
        host.tld_status("example.studio2"),
        TldStatus::Fileable { .. }
    ));
    assert!(
        host.tld_status("example.org").is_fileable(),
        "org moved from warn to fileable"
    );
    assert!(!host.tlds().warn.iter().any(|w| w.tld == "org"));
    assert!(host.tld_status("example.com").is_fileable());
    assert_eq!(host.sensitive_words_in("博彩网"), ["博彩"]);
    assert!(host
        .words()
        .sensitive
        .source
        .contains("override acme-2026.12"));
    // The embedded data is untouched.
    assert!(matches!(
        base.tld_status("example.studio2"),
        TldStatus::Unknown
    ));

    // Overrides chain; lists can be replaced and entries removed.
    let again = host
        .with_override(
            r#"{"version": "fix-2", "tlds": {"notFileable": [{"source": "ours", "tlds": ["xyz"]}]},
            "words": {"sensitive": {"words": ["赌博"]}},
            "provinces": [{"code": "130000", "notes": {"remove": ["noNewWhileChanging"]}}]}"#,
        )
        .unwrap();
    assert_eq!(
        again.ruleset_version(),
        format!("{}+acme-2026.12.fix-2", icp_filing::RULESET_VERSION)
    );
    assert!(matches!(
        again.tld_status("a.xyz"),
        TldStatus::NotFileable { .. }
    ));
    assert!(
        matches!(again.tld_status("a.io"), TldStatus::Unknown),
        "notFileable was replaced"
    );
    assert_eq!(again.words().sensitive.words, ["赌博"]);
    assert!(again.province("130000").unwrap().notes.is_empty());
}

#[test]
fn override_adds_province_items_and_keyword_categories() {
    let host = data()
        .with_override(
            r#"{"version": "v1",
                "provinces": [{"code": "440000", "extraMaterials": [{"id": "acmeForm", "zh": "表", "en": "Form"}]}],
                "national": {"maxWebsitesPerOrder": {"value": {"personal": 1, "unit": 5}}},
                "catalogues": {"preApprovalCategories": [{"slug": "lottery", "zh": "彩票", "en": "Lottery"}]},
                "words": {"preApprovalKeywords": {"lottery": {"words": ["彩票"]}}}}"#,
        )
        .unwrap();
    let gd = host.province("440000").unwrap();
    let ids: Vec<&str> = gd.extra_materials.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["filingCommitment", "financeCommitment", "acmeForm"]);
    assert_eq!(gd.extra_materials[2].source, "override v1");
    let (n, rule) = host
        .max_websites_per_order("440000", SubjectKind::Enterprise)
        .unwrap();
    assert_eq!((n, rule.source.as_str()), (5, "override v1"));
    assert_eq!(host.pre_approval_categories_for("体育彩票"), ["lottery"]);
}

#[test]
fn override_errors() {
    let d = data();
    // Malformed JSON names the line.
    match d.with_override("{\n  \"version\": \"x\",\n  oops\n}") {
        Err(RuleDataError::Json { file, line, .. }) => {
            assert_eq!(file, "override");
            assert_eq!(line, 3);
        }
        other => panic!("{other:?}"),
    }
    let err = d
        .with_override("{\n\"version\": \"x\",\n oops}")
        .unwrap_err();
    assert!(err.to_string().contains("line 3"), "{err}");

    assert_eq!(
        d.with_override(r#"{"version": "x", "provinces": [{"code": "990000", "minimumAge": {"value": 18, "source": "s"}}]}"#)
            .unwrap_err(),
        RuleDataError::UnknownProvince { code: "990000".into() }
    );
    assert_eq!(
        d.with_override("[]").unwrap_err(),
        RuleDataError::NotAnObject
    );
    assert!(matches!(
        d.with_override(r#"{"provinces": []}"#),
        Err(RuleDataError::OverrideVersion { .. })
    ));
    assert!(matches!(
        d.with_override(r#"{"version": "a b"}"#),
        Err(RuleDataError::OverrideVersion { .. })
    ));
    assert!(matches!(
        d.with_override(r#"{"version": "x", "province": []}"#),
        Err(RuleDataError::UnknownOverrideKey { .. })
    ));
    // A misspelt field is refused, naming the part.
    let err = d
        .with_override(r#"{"version": "x", "provinces": [{"code": "320000", "landlineRequired": {"value": true}}]}"#)
        .unwrap_err();
    assert!(
        matches!(&err, RuleDataError::Shape { part, .. } if part == "provinces[320000]"),
        "{err:?}"
    );
    assert!(err.to_string().contains("landlineRequired"), "{err}");
    // Data that no longer validates is refused.
    assert!(matches!(
        d.with_override(
            r#"{"version": "x", "tlds": {"fileable": {"add": [{"tlds": ["Bad.TLD"]}]}}}"#
        ),
        Err(RuleDataError::Tld { .. })
    ));
    assert!(matches!(
        d.with_override(
            r#"{"version": "x", "tlds": {"fileable": {"add": [{"tlds": [".com2"]}]}}}"#
        ),
        Err(RuleDataError::Tld { .. })
    ));
    assert!(matches!(
        d.with_override(r#"{"version": "x", "words": {"sensitive": {"words": {"add": [" "]}}}}"#),
        Err(RuleDataError::EmptyWord { .. })
    ));
    assert!(matches!(
        d.with_override(
            r#"{"version": "x", "words": {"preApprovalKeywords": {"nope": {"words": ["x"]}}}}"#
        ),
        Err(RuleDataError::UnknownSlug { .. })
    ));
    // A note's subject kinds, certificate types and filing types must be known slugs.
    for (field, value, kind) in [
        ("kinds", "company", "subject kind"),
        ("certificates", "idCard", "certificate type"),
        ("filingTypes", "renewal", "filing type"),
    ] {
        let note = format!(
            r#"{{"id": "x", "zh": "某", "en": "x", "source": "§6 H", "{field}": ["{value}"]}}"#
        );
        let text = format!(
            r#"{{"version": "x", "provinces": [{{"code": "330000", "notes": {{"add": [{note}]}}}}]}}"#
        );
        match d.with_override(&text) {
            Err(RuleDataError::UnknownSlug { kind: k, slug, .. }) => {
                assert_eq!((k, slug.as_str()), (kind, value), "{field}")
            }
            other => panic!("{field}: {other:?}"),
        }
    }
    assert!(matches!(
        d.with_override(r#"{"version": "x", "provinces": [{"code": "110000", "principalMustBeLegalRep": {"value": "required", "severity": "error", "disputed": "a vs b"}}]}"#),
        Err(RuleDataError::Invalid { .. })
    ));
    assert!(matches!(
        d.with_override(r#"{"version": "x", "national": {"minimumAge": null}}"#),
        Err(RuleDataError::Shape { .. })
    ));
}

#[test]
fn complete_documents_are_validated() {
    let provinces = include_str!("../data/provinces.json");
    let tlds = include_str!("../data/tlds.json");
    let words = include_str!("../data/words.json");
    let catalogues = include_str!("../data/catalogues.json");
    let policy = include_str!("../data/review-policy.json");
    assert!(RuleData::from_json(provinces, tlds, words, catalogues, policy).is_ok());

    let missing = provinces.replacen("\"code\": \"650000\"", "\"code\": \"640000\"", 1);
    assert_eq!(
        RuleData::from_json(&missing, tlds, words, catalogues, policy).unwrap_err(),
        RuleDataError::DuplicateProvince {
            code: "640000".into()
        }
    );
    let bad_code = provinces.replacen("\"code\": \"650000\"", "\"code\": \"65000\"", 1);
    assert!(matches!(
        RuleData::from_json(&bad_code, tlds, words, catalogues, policy),
        Err(RuleDataError::ProvinceCode { .. })
    ));
    let twice = tlds.replacen("\"io\"", "\"com\"", 1);
    assert!(matches!(
        RuleData::from_json(provinces, &twice, words, catalogues, policy),
        Err(RuleDataError::DuplicateTld { .. })
    ));
    let upper = tlds.replacen("\"wang\"", "\"WANG\"", 1);
    assert!(matches!(
        RuleData::from_json(provinces, &upper, words, catalogues, policy),
        Err(RuleDataError::Tld { .. })
    ));
    match RuleData::from_json("{\n\"version\": 1,", tlds, words, catalogues, policy) {
        Err(RuleDataError::Json { file, .. }) => assert_eq!(file, "provinces.json"),
        other => panic!("{other:?}"),
    }
    // The review policy is validated with the rest: min ≤ typical ≤ max in every stage.
    let slow = policy.replacen("\"days\": 20,", "\"days\": 0,", 1);
    assert_ne!(slow, policy);
    assert!(matches!(
        RuleData::from_json(provinces, tlds, words, catalogues, &slow),
        Err(RuleDataError::Policy(PolicyError::Inconsistent { .. }))
    ));
}

#[test]
fn readme_override_example_applies() {
    let readme = include_str!("../data/README.md");
    let start = readme.find("```json\n").expect("README has a json example") + 8;
    let end = start + readme[start..].find("```").unwrap();
    let host = data()
        .with_override(&readme[start..end])
        .expect("README example applies");
    assert_eq!(host.override_versions(), ["acme-2026.12"]);
    let jiangsu = host.province("320000").unwrap();
    assert!(!jiangsu.landline_required_for_units.as_ref().unwrap().value);
    assert!(jiangsu.notes.is_empty());
    assert!(host.tld_status("example.org").is_fileable());
    assert_eq!(
        host.max_websites_per_order("320000", SubjectKind::Enterprise)
            .map(|(n, _)| n),
        Some(5)
    );
    let sla = &host.review_policy().stages.provider_review.max;
    assert_eq!((sla.days, &*sla.source), (3, "acme SLA"));
}

#[test]
fn an_override_changes_the_review_policy_or_is_refused_whole() {
    let host = data()
        .with_override(
            r#"{"version": "p1", "reviewPolicy": {"provinces": {"440000": {"stages":
                {"bureauReview": {"typical": {"days": 4}}}}}}}"#,
        )
        .unwrap();
    let policy = host.review_policy();
    let guangdong = policy.provinces["440000"]
        .stages
        .bureau_review
        .as_ref()
        .unwrap();
    let typical = guangdong.typical.as_ref().unwrap();
    assert_eq!((typical.days, &*typical.source), (4, "provider override"));
    assert_eq!(
        policy.stages,
        data().review_policy().stages,
        "defaults stay"
    );
    assert_eq!(host.province_file(), data().province_file(), "rules stay");

    for (bad, expected) in [
        (
            r#"{"version": "p2", "reviewPolicy": {"stages": {"submission": {"min": {"days": 9}}}}}"#,
            "min <= typical <= max",
        ),
        (
            r#"{"version": "p2", "reviewPolicy": {"stagez": {}}}"#,
            "unknown field `stagez`",
        ),
        (
            r#"{"version": "p2", "reviewPolicy": {"provinces": {"4400": {}}}}"#,
            "6-digit province code",
        ),
    ] {
        let err = data().with_override(bad).unwrap_err();
        assert!(matches!(err, RuleDataError::Policy(_)), "{bad}: {err:?}");
        let text = err.to_string();
        assert!(text.starts_with("reviewPolicy: "), "{text}");
        assert!(text.contains(expected), "{text}");
    }
}

#[test]
fn override_removes_tlds_and_moves_them_between_lists() {
    let host = data()
        .with_override(
            r#"{"version": "r1", "tlds": {"notFileable": {"remove": ["io"]},
            "warn": [{"tld": "studio", "zh": "待确认", "en": "Unconfirmed"}]}}"#,
        )
        .unwrap();
    assert!(matches!(host.tld_status("a.io"), TldStatus::Unknown));
    assert!(matches!(
        host.tld_status("a.me"),
        TldStatus::NotFileable { .. }
    ));
    match host.tld_status("a.studio") {
        TldStatus::Warn { warning, .. } => assert_eq!(warning.source, "override r1"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        data().tld_status("a.studio"),
        TldStatus::Fileable { .. }
    ));
}
