//! The materials checklist (`icp_filing::materials`) on the fixtures and on variations of
//! them: which documents each filing needs (docs/sources.md §3, §5, §6, §7) and their texts.

use icp_filing::materials::{material_text, materials, Material};
use icp_filing::messages::Locale;
use icp_filing::model::{parse_filing, Filing, FilingType, PreApproval, SubjectKind, Website};
use icp_filing::ruledata::RuleData;

fn fixture(name: &str) -> Filing {
    let text = match name {
        "individual-beijing" => include_str!("fixtures/individual-beijing.json"),
        "enterprise-guangdong-two-websites" => {
            include_str!("fixtures/enterprise-guangdong-two-websites.json")
        }
        "enterprise-app-zhejiang" => include_str!("fixtures/enterprise-app-zhejiang.json"),
        "government-sichuan" => include_str!("fixtures/government-sichuan.json"),
        other => panic!("no fixture {other}"),
    };
    parse_filing(text).unwrap()
}

fn list(filing: &Filing) -> Vec<Material> {
    materials(filing, RuleData::embedded())
}

fn codes(filing: &Filing) -> Vec<&'static str> {
    list(filing).iter().map(|m| m.code).collect()
}

/// `(code, first value of key)` for every material, to check who or what each is about.
fn about(filing: &Filing, key: &str) -> Vec<(&'static str, String)> {
    list(filing)
        .iter()
        .map(|m| (m.code, m.param(key).unwrap_or("").to_owned()))
        .collect()
}

fn site(name: &str, domains: &[&str], responsible_of: &Filing) -> Website {
    let mut w = responsible_of.websites[0].clone();
    w.name = name.into();
    w.domains = domains.iter().map(|d| (*d).to_owned()).collect();
    w
}

#[test]
fn fixtures_produce_their_checklists() {
    let cases: [(&str, &[&str]); 4] = [
        (
            "individual-beijing",
            &["subject_certificate", "verification_form"],
        ),
        (
            "enterprise-guangdong-two-websites",
            &[
                "subject_certificate",
                "principal_id",
                "responsible_id",
                "responsible_id",
                "verification_form",
                "verification_form",
                "province_material",
            ],
        ),
        (
            "enterprise-app-zhejiang",
            &[
                "subject_certificate",
                "principal_id",
                "responsible_id",
                "verification_form",
                "app_icon",
            ],
        ),
        (
            "government-sichuan",
            &[
                "subject_certificate",
                "principal_id",
                "responsible_id",
                "responsible_authorisation_letter",
                "verification_form",
            ],
        ),
    ];
    for (name, expected) in cases {
        assert_eq!(codes(&fixture(name)), expected, "{name}");
    }
}

#[test]
fn fixture_materials_name_their_persons_and_services() {
    let gd = fixture("enterprise-guangdong-two-websites");
    assert_eq!(
        about(&gd, "name"),
        [
            ("subject_certificate", "深圳市腾讯计算机系统有限公司".into()),
            ("principal_id", "李娜".into()),
            ("responsible_id", "王强".into()),
            ("responsible_id", "陈静".into()),
            ("verification_form", String::new()),
            ("verification_form", String::new()),
            ("province_material", String::new()),
        ]
    );
    assert_eq!(
        about(&gd, "service")[2..6],
        [
            ("responsible_id", "腾讯云官网".into()),
            ("responsible_id", "腾讯开发者文档中心".into()),
            ("verification_form", "腾讯云官网".into()),
            ("verification_form", "腾讯开发者文档中心".into()),
        ]
    );
    // 广东: the filing commitment, but not the finance one (no finance keywords).
    assert_eq!(list(&gd)[6].param("id"), Some("filingCommitment"));

    let sc = fixture("government-sichuan");
    assert_eq!(
        about(&sc, "name")[2..4],
        [
            ("responsible_id", "何芳".into()),
            ("responsible_authorisation_letter", "何芳".into()),
        ]
    );
    assert_eq!(list(&sc)[3].param("province"), Some("510000"));
}

#[test]
fn certificate_titles_follow_subject_kind_and_type() {
    let title = |filing: &Filing, i: usize, locale| material_text(&list(filing)[i], locale).0;
    let bj = fixture("individual-beijing");
    assert_eq!(title(&bj, 0, Locale::ZhCn), "居民身份证（正反面）：张伟");
    assert_eq!(
        title(&bj, 0, Locale::En),
        "Resident ID card (front and back): 张伟"
    );
    let gd = fixture("enterprise-guangdong-two-websites");
    assert_eq!(
        title(&gd, 0, Locale::ZhCn),
        "营业执照：深圳市腾讯计算机系统有限公司"
    );
    assert_eq!(
        title(&gd, 1, Locale::ZhCn),
        "主体负责人李娜的居民身份证（正反面）"
    );
    assert_eq!(
        title(&gd, 2, Locale::ZhCn),
        "负责人王强的居民身份证（正反面）"
    );
    let sc = fixture("government-sichuan");
    assert_eq!(
        title(&sc, 0, Locale::ZhCn),
        "统一社会信用代码证书：成都市示例区政务服务管理局"
    );
}

#[test]
fn principal_not_legal_rep_needs_a_letter_wherever_the_province_wants_the_legal_rep() {
    // (province, expected extra materials after principal_id). Every province wants the
    // legal representative as principal, or someone they authorise (§12): the letter is
    // what makes another principal acceptable.
    let cases: [(&str, &[&str]); 3] = [
        // 北京: authorisation letter (Q), with the legal representative's ID.
        ("110000", &["authorisation_letter", "legal_rep_id"]),
        // 四川: letter accepted (T4); the responsible person also needs one (T3).
        ("510000", &["authorisation_letter", "legal_rep_id"]),
        // 广东: "required"; a principal who is not the legal representative needs the letter.
        ("440000", &["authorisation_letter", "legal_rep_id"]),
    ];
    for (province, expected) in cases {
        let mut filing = fixture("enterprise-guangdong-two-websites");
        filing.province = province.into();
        filing.subject.principal_is_legal_representative = Some(false);
        let codes = codes(&filing);
        let after_principal: Vec<&str> = codes[2..]
            .iter()
            .copied()
            .take_while(|c| matches!(*c, "authorisation_letter" | "legal_rep_id"))
            .collect();
        assert_eq!(after_principal, expected, "{province}");
    }
    // Not answered, or the principal is the legal representative: no letter.
    for answer in [None, Some(true)] {
        let mut filing = fixture("enterprise-guangdong-two-websites");
        filing.province = "110000".into();
        filing.subject.principal_is_legal_representative = answer;
        assert!(
            !codes(&filing).contains(&"authorisation_letter"),
            "{answer:?}"
        );
    }
    // 山东: a principal from outside the mainland, authorised by the legal representative.
    let mut filing = fixture("enterprise-guangdong-two-websites");
    filing.province = "370000".into();
    filing.subject.principal_is_legal_representative = Some(true);
    filing.subject.principal.certificate.kind = Some(icp_filing::model::CertificateType::Passport);
    assert!(codes(&filing).contains(&"authorisation_letter"));
}

#[test]
fn responsible_letters_follow_the_province_and_the_legal_rep_answer() {
    // 四川 asks for a letter for a responsible person who is not the legal representative.
    let mut filing = fixture("government-sichuan");
    // The principal (the legal representative) answers for the site: no letter.
    filing.websites[0].responsible = filing.subject.principal.clone();
    assert_eq!(
        codes(&filing),
        ["subject_certificate", "principal_id", "verification_form"]
    );
    // The same principal, not the legal representative: a letter (and the principal's own).
    filing.subject.principal_is_legal_representative = Some(false);
    assert_eq!(
        codes(&filing),
        [
            "subject_certificate",
            "principal_id",
            "authorisation_letter",
            "legal_rep_id",
            "responsible_authorisation_letter",
            "verification_form"
        ]
    );
    // 广东 has no such rule.
    let gd = fixture("enterprise-guangdong-two-websites");
    assert!(!codes(&gd).contains(&"responsible_authorisation_letter"));
}

#[test]
fn one_responsible_for_two_services_is_listed_once_with_both() {
    let mut filing = fixture("enterprise-guangdong-two-websites");
    filing.websites[1].responsible = filing.websites[0].responsible.clone();
    let list = list(&filing);
    let ids: Vec<&Material> = list.iter().filter(|m| m.code == "responsible_id").collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(
        ids[0].params_named("service").collect::<Vec<_>>(),
        ["腾讯云官网", "腾讯开发者文档中心"]
    );
    let (_, reason) = material_text(ids[0], Locale::ZhCn);
    assert_eq!(
        reason,
        "腾讯云官网、腾讯开发者文档中心的负责人，须提供本人证件"
    );
    let (title, reason) = material_text(ids[0], Locale::En);
    assert_eq!(title, "Resident ID card (front and back) of 王强");
    assert_eq!(
        reason,
        "Responsible person for 腾讯云官网, 腾讯开发者文档中心: their own ID is needed"
    );
}

#[test]
fn non_local_individuals_need_local_proof_where_the_province_accepts_it() {
    // The Beijing-issued ID filed elsewhere: (province, residence permit expected).
    let cases = [
        ("110000", false), // local
        ("320000", true),  // 江苏: with residence permit
        ("510000", true),  // 四川: student card, social insurance, employment, permit
        ("140000", false), // 山西: not allowed at all (the rules report it)
        ("130000", false), // 河北: no rule
    ];
    for (province, expected) in cases {
        let mut filing = fixture("individual-beijing");
        filing.province = province.into();
        let list = list(&filing);
        let permit = list.iter().find(|m| m.code == "residence_permit");
        assert_eq!(permit.is_some(), expected, "{province}");
        if let Some(m) = permit {
            assert_eq!(m.param("province"), Some(province));
        }
    }
    let mut filing = fixture("individual-beijing");
    filing.province = "510000".into();
    let list = list(&filing);
    let permit = list.iter().find(|m| m.code == "residence_permit").unwrap();
    assert_eq!(
        material_text(permit, Locale::ZhCn).0,
        "四川省居住证明（任一）：学生证、社保证明、工作证明、居住证"
    );
}

#[test]
fn jiangsu_asks_for_domain_certificates() {
    let mut filing = fixture("individual-beijing");
    filing.province = "320000".into();
    filing.websites[0].domains = vec!["Zhangwei-Notes.cn".into(), "zhangwei-notes.cn".into()];
    assert_eq!(
        about(&filing, "domain")
            .into_iter()
            .filter(|(c, _)| *c == "domain_certificate")
            .collect::<Vec<_>>(),
        [("domain_certificate", "zhangwei-notes.cn".to_owned())]
    );
}

#[test]
fn pre_approvals_are_listed_per_category_for_units_only() {
    let mut filing = fixture("enterprise-guangdong-two-websites");
    let news = PreApproval {
        category: "news".into(),
        number: "44120230001".into(),
    };
    filing.websites[0].pre_approvals = vec![news.clone()];
    filing.websites[1].pre_approvals = vec![
        news,
        PreApproval {
            category: "education".into(),
            number: String::new(),
        },
    ];
    let list = list(&filing);
    let approvals: Vec<&Material> = list
        .iter()
        .filter(|m| m.code.starts_with("pre_approval"))
        .collect();
    assert_eq!(approvals.len(), 2);
    assert_eq!(approvals[0].code, "pre_approval");
    assert_eq!(
        approvals[0].params_named("service").collect::<Vec<_>>(),
        ["腾讯云官网", "腾讯开发者文档中心"]
    );
    assert_eq!(
        material_text(approvals[0], Locale::ZhCn).0,
        "互联网新闻信息服务许可证（新闻）"
    );
    // Education pre-approval: abolished nationally, some bureaus still ask.
    assert_eq!(approvals[1].code, "pre_approval_abolished");
    assert_eq!(
        material_text(approvals[1], Locale::En).0,
        "Education pre-approval document (Education)"
    );

    // Individuals cannot hold pre-approvals: none listed.
    let mut personal = fixture("individual-beijing");
    personal.websites[0].pre_approvals = filing.websites[1].pre_approvals.clone();
    assert!(!codes(&personal)
        .iter()
        .any(|c| c.starts_with("pre_approval")));
}

#[test]
fn guangdong_finance_commitment_only_for_finance_related_subjects() {
    let mut filing = fixture("enterprise-guangdong-two-websites");
    let ids = |filing: &Filing| -> Vec<String> {
        list(filing)
            .iter()
            .filter(|m| m.code == "province_material")
            .filter_map(|m| m.param("id").map(str::to_owned))
            .collect()
    };
    assert_eq!(ids(&filing), ["filingCommitment"]);
    filing.websites[1].name = "腾讯理财通".into();
    assert_eq!(ids(&filing), ["filingCommitment", "financeCommitment"]);
    // Individuals: the unit-only finance letter never applies.
    filing.subject.kind = Some(SubjectKind::Individual);
    assert_eq!(ids(&filing), ["filingCommitment"]);
}

#[test]
fn province_extras_follow_filing_type_kind_and_counts() {
    let base = fixture("government-sichuan");
    let extras = |filing: &Filing| -> Vec<String> {
        list(filing)
            .iter()
            .filter(|m| m.code == "province_material")
            .filter_map(|m| m.param("id").map(str::to_owned))
            .collect()
    };
    // 新疆: party-building certificate for first and new-website filings, not for changes.
    let mut xj = base.clone();
    xj.province = "650000".into();
    assert_eq!(extras(&xj), ["partyBuildingCertificate"]);
    xj.filing_type = Some(FilingType::Change);
    assert_eq!(extras(&xj), Vec::<String>::new());
    // 青海: all five images for changes only.
    let mut qh = base.clone();
    qh.province = "630000".into();
    assert_eq!(extras(&qh), Vec::<String>::new());
    qh.filing_type = Some(FilingType::Change);
    assert_eq!(extras(&qh), ["allFiveImages"]);
    // 四川: a stamped ownership statement above 5 domains.
    let mut sc = base.clone();
    let domains: Vec<String> = (1..=6).map(|i| format!("example-cd{i}.gov.cn")).collect();
    sc.websites = domains
        .iter()
        .map(|d| site("示例区政务服务网", &[d.as_str()], &base))
        .collect();
    assert_eq!(extras(&sc), ["domainOwnershipStatement"]);
    sc.websites.pop();
    assert_eq!(extras(&sc), Vec::<String>::new());
    // 内蒙古: the site-opening form for 事业单位 only.
    let mut nm = base.clone();
    nm.province = "150000".into();
    assert_eq!(extras(&nm), Vec::<String>::new());
    nm.subject.kind = Some(SubjectKind::Institution);
    assert_eq!(extras(&nm), ["siteOpeningApplication"]);
}

#[test]
fn construction_plan_above_the_province_threshold() {
    let base = fixture("enterprise-guangdong-two-websites");
    // 福建: more than 5 websites.
    let mut fj = base.clone();
    fj.province = "350000".into();
    fj.websites = (1..=6)
        .map(|i| site(&format!("示例网站{i}"), &[&format!("site{i}.cn")], &base))
        .collect();
    let list = list(&fj);
    let plan = list.iter().find(|m| m.code == "construction_plan").unwrap();
    assert_eq!(
        material_text(plan, Locale::ZhCn).1,
        "本次网站共6个，超过福建省规定的5个"
    );
    fj.websites.pop();
    assert!(!codes(&fj).contains(&"construction_plan"));

    // 广东 counts distinct domain names: example.com and example.cn are one.
    let mut gd = base.clone();
    gd.subject.kind = Some(SubjectKind::Individual);
    gd.websites = (1..=6)
        .flat_map(|i| {
            [
                site("个人笔记", &[&format!("notes{i}.com")], &base),
                site("个人笔记", &[&format!("notes{i}.cn")], &base),
            ]
        })
        .collect();
    assert!(codes(&gd).contains(&"construction_plan"));
    gd.websites.truncate(10); // notes1..notes5: 5 names, not more than 5
    assert!(!codes(&gd).contains(&"construction_plan"));
}

#[test]
fn zhejiang_wants_one_verification_form_per_domain() {
    let mut filing = fixture("enterprise-app-zhejiang");
    let base = fixture("enterprise-guangdong-two-websites");
    filing.websites = vec![site(
        "阿里云官网",
        &["aliyun-example.com", "aliyun-example.cn"],
        &base,
    )];
    let forms: Vec<(&'static str, String)> = about(&filing, "domain")
        .into_iter()
        .filter(|(c, _)| c.starts_with("verification_form"))
        .collect();
    assert_eq!(
        forms,
        [
            ("verification_form_per_domain", "aliyun-example.com".into()),
            ("verification_form_per_domain", "aliyun-example.cn".into()),
            ("verification_form", String::new()), // the APP
        ]
    );
    // The province extra is folded into the forms, not listed again.
    assert!(!codes(&filing).contains(&"province_material"));
}

#[test]
fn partial_drafts_give_a_short_list_and_never_panic() {
    let empty = Filing::default();
    assert_eq!(codes(&empty), ["subject_certificate", "principal_id"]);
    let (title, _) = material_text(&list(&empty)[1], Locale::ZhCn);
    assert_eq!(title, "主体负责人的身份证件");
    let mut odd = fixture("enterprise-app-zhejiang");
    odd.province = "999999".into();
    odd.apps[0].name = String::new();
    odd.subject.certificate.kind = None;
    assert_eq!(
        codes(&odd),
        [
            "subject_certificate",
            "principal_id",
            "responsible_id",
            "verification_form",
            "app_icon"
        ]
    );
}

#[test]
fn every_material_has_both_texts_with_all_params_filled() {
    let mut filings: Vec<Filing> = [
        "individual-beijing",
        "enterprise-guangdong-two-websites",
        "enterprise-app-zhejiang",
        "government-sichuan",
    ]
    .into_iter()
    .map(fixture)
    .collect();
    // Variations that reach the other codes.
    let mut v = fixture("enterprise-guangdong-two-websites");
    v.province = "320000".into();
    v.subject.principal_is_legal_representative = Some(false);
    v.websites[0].pre_approvals = vec![PreApproval {
        category: "medical".into(),
        number: "1".into(),
    }];
    v.websites[1].pre_approvals = vec![PreApproval {
        category: "news".into(),
        number: "2".into(),
    }];
    filings.push(v);
    let mut v = fixture("individual-beijing");
    v.province = "320000".into();
    filings.push(v);
    let mut v = fixture("enterprise-app-zhejiang");
    v.websites = vec![site(
        "示例",
        &["a.cn"],
        &fixture("enterprise-guangdong-two-websites"),
    )];
    filings.push(v);
    let base = fixture("enterprise-guangdong-two-websites");
    let mut v = base.clone();
    v.province = "350000".into();
    v.websites = (1..=6)
        .map(|i| site("示例", &[&format!("s{i}.cn")], &base))
        .collect();
    filings.push(v);

    let mut seen: Vec<&'static str> = Vec::new();
    for filing in &filings {
        for m in list(filing) {
            for locale in [Locale::ZhCn, Locale::En] {
                let (title, reason) = material_text(&m, locale);
                assert!(!title.is_empty() && !reason.is_empty(), "{m:?}");
                assert!(
                    !title.contains('{') && !reason.contains('{'),
                    "{title} {reason}"
                );
            }
            if !seen.contains(&m.code) {
                seen.push(m.code);
            }
        }
    }
    seen.sort_unstable();
    assert_eq!(
        seen,
        [
            "app_icon",
            "authorisation_letter",
            "construction_plan",
            "domain_certificate",
            "legal_rep_id",
            "pre_approval",
            "pre_approval_abolished",
            "principal_id",
            "province_material",
            "residence_permit",
            "responsible_authorisation_letter",
            "responsible_id",
            "subject_certificate",
            "verification_form",
            "verification_form_per_domain",
        ]
    );
}
