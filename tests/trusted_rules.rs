//! Real-shaped inputs that a naive precheck refuses but providers' reviewers accept (and the
//! few that every reviewer refuses), one table per rule of docs/codes.md's severity policy.

use chrono::NaiveDate;
use icp_filing::materials::materials;
use icp_filing::model::{parse_filing, App, AppPlatform, CertificateType, DomainFacts, Filing};
use icp_filing::report::{Report, Severity};
use icp_filing::ruledata::RuleData;
use icp_filing::rules::{validate, RuleContext};

fn check(f: &Filing) -> Report {
    validate(
        f,
        &RuleContext::new(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()),
    )
}

fn individual() -> Filing {
    parse_filing(include_str!("fixtures/individual-beijing.json")).unwrap()
}

/// A unit with a website, filing in 浙江 (no province rule about site names there).
fn enterprise() -> Filing {
    let mut f = parse_filing(include_str!(
        "fixtures/enterprise-guangdong-two-websites.json"
    ))
    .unwrap();
    f.province = "330000".into();
    f
}

/// `(code, severity)` of every issue at `path`.
fn at(report: &Report, path: &str) -> Vec<(String, Severity)> {
    report
        .issues_at(path)
        .map(|i| (i.code.clone(), i.severity))
        .collect()
}

fn errors(report: &Report) -> Vec<String> {
    report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| format!("{}@{}", i.code, i.path))
        .collect()
}

fn warning(code: &str) -> (String, Severity) {
    (code.to_owned(), Severity::Warning)
}

#[test]
fn personal_remarks_describe_content_without_being_refused() {
    let cases: &[(&str, &[&str])] = &[
        ("本网站为个人博客，不涉及新闻、出版、教育、医疗保健、药品和医疗器械、文化、广播电影电视节目等前置审批内容", &[]),
        ("个人网站，记录旅行照片和生活随笔，不涉及前置审批", &[]),
        ("不涉及以下内容：新闻、出版、视频、直播", &[]),
        ("No news, video or forum content; personal notes only", &[]),
        // What a remark affirms is a topic: a warning at the remark, never an error.
        ("分享电影评论和音乐推荐", &["culture", "filmTv"]),
        ("整理考试笔记和学习心得", &["education"]),
    ];
    for (remark, topics) in cases {
        let mut f = individual();
        f.websites[0].remark = (*remark).into();
        let report = check(&f);
        assert!(
            errors(&report).is_empty(),
            "{remark}: {:?}",
            errors(&report)
        );
        let found: Vec<String> = report
            .issues_at("websites[0].remark")
            .filter(|i| {
                i.code == "website.personal_pre_approval_topic"
                    || i.code == "website.personal_abolished_topic"
            })
            .inspect(|i| assert_eq!(i.severity, Severity::Warning))
            .flat_map(|i| {
                i.params["category"]
                    .split(',')
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(found, *topics, "{remark}");
        let pledge = materials(&f, RuleData::embedded())
            .iter()
            .any(|m| m.code == "no_pre_approval_pledge");
        assert_eq!(pledge, !topics.is_empty(), "{remark}");
    }
    // The name is scanned as it is: the warning sits on the name.
    let mut f = individual();
    f.websites[0].name = "张伟的电影笔记".into();
    assert_eq!(
        at(&check(&f), "websites[0].name"),
        [warning("website.personal_pre_approval_topic")]
    );
}

fn app(name: &str, platform: &str, package: &str) -> Filing {
    let mut f = individual();
    let mut site = f.websites.remove(0);
    site.remark.clear();
    f.apps = vec![App {
        name: name.into(),
        filing_number: String::new(),
        platforms: vec![AppPlatform {
            platform: platform.into(),
            package_name: package.into(),
            signature_md5: "9F2A1B3C4D5E6F708192A3B4C5D6E7F8".into(),
            public_key: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".into(),
            cert_sha1: "0123456789ABCDEF0123456789ABCDEF01234567".into(),
        }],
        domains: vec!["zhangwei-notes.cn".into()],
        service_content: site.service_content,
        languages: site.languages,
        pre_approvals: Vec::new(),
        responsible: site.responsible,
        remark: String::new(),
    }];
    f
}

#[test]
fn app_names_follow_app_store_rules() {
    let cases: &[(&str, &[&str])] = &[
        ("记账", &[]),
        ("Keep", &[]),
        ("WPS Office", &[]),
        // A word from the pre-approval lists is a warning for an individual, as on a website.
        ("QQ音乐", &["website.personal_pre_approval_topic"]),
        ("小红书", &[]),
        ("免费记账😀", &["app.name_symbols", "app.name_generic"]),
        // Two words, one warning to confirm.
        ("免费特价记账", &["app.name_generic"]),
        ("计算器", &["app.name_generic"]),
    ];
    for (name, codes) in cases {
        let report = check(&app(name, "android", "com.example.ledger"));
        let found: Vec<(String, Severity)> = at(&report, "apps[0].name");
        let want: Vec<(String, Severity)> = codes.iter().map(|c| warning(c)).collect();
        assert_eq!(found, want, "{name}");
        assert!(errors(&report).is_empty(), "{name}: {:?}", errors(&report));
    }
}

#[test]
fn one_warning_per_code_and_field_names_every_word() {
    let report = check(&app("免费特价记账", "android", "com.example.ledger"));
    let generic: Vec<&str> = report
        .issues_at("apps[0].name")
        .map(|i| i.params["word"].as_str())
        .collect();
    assert_eq!(generic, ["免费、特价"]);
    let mut f = individual();
    f.websites[0].remark = "分享电影评论和音乐推荐".into();
    let report = check(&f);
    let topics: Vec<&str> = report
        .issues_at("websites[0].remark")
        .map(|i| i.message.as_str())
        .collect();
    assert_eq!(topics.len(), 1, "{topics:?}");
    assert!(
        topics[0].contains("文化、广播电影电视节目"),
        "{}",
        topics[0]
    );
}

#[test]
fn ios_bundle_ids_follow_apples_rule_and_android_ids_googles() {
    let path = "apps[0].platforms[0].packageName";
    let error = Severity::Error;
    for (platform, package, code) in [
        ("ios", "com.example.my-app", None),
        ("ios", "com.1password.ios", None),
        ("ios", "com.tencent.xin", None),
        // Typed with a Chinese input method: read as the IDs they are.
        ("ios", "com。example。tools", None),
        ("android", "ｃｏｍ.example.tools", None),
        (
            "ios",
            "com.example.app_1",
            Some(("app.bundle_id_format", error)),
        ),
        (
            "ios",
            "com.example.我的",
            Some(("app.bundle_id_format", error)),
        ),
        // Apple only recommends reverse-DNS: a single name is questioned, not refused.
        (
            "ios",
            "QingheGo",
            Some(("app.bundle_id_reverse_dns", Severity::Warning)),
        ),
        ("ios", "Qinghe..Go", Some(("app.bundle_id_format", error))),
        ("android", "com.tencent.mm", None),
        (
            "android",
            "com.example.my-app",
            Some(("app.package_name_format", error)),
        ),
        (
            "android",
            "com.1password.app",
            Some(("app.package_name_format", error)),
        ),
    ] {
        let found = at(&check(&app("记账", platform, package)), path);
        let want: Vec<(String, Severity)> = code
            .map(|(c, severity)| (c.to_owned(), severity))
            .into_iter()
            .collect();
        assert_eq!(found, want, "{platform} {package}");
    }
}

#[test]
fn national_prefixes_warn_and_stay_quiet_for_the_subject_that_owns_the_word() {
    let mut f = enterprise();
    f.websites[0].name = "中国茶叶信息".into();
    assert_eq!(
        at(&check(&f), "websites[0].name"),
        [warning("website.name_national_prefix")]
    );
    f.subject.name = "中国茶叶股份有限公司".into();
    assert!(at(&check(&f), "websites[0].name").is_empty());
    // A street's name (every city has a 人民路) and a name part of the subject's own are no
    // claim to national level.
    for (subject, site) in [
        ("杭州市上城区人民路小学", "人民路小学"),
        ("郑州市中原区中华路街道办事处", "中华路街道办事处"),
        ("福州市人民广场管理处", "人民广场管理处"),
        ("某县人民医院", "人民医院网站"),
    ] {
        f.subject.name = subject.into();
        f.websites[0].name = site.into();
        assert!(at(&check(&f), "websites[0].name").is_empty(), "{site}");
    }
    // Followed by anything else, the word still asks.
    f.subject.name = "某县人民医院".into();
    for site in ["人民之声", "人民健康网", "中国东方资讯"] {
        f.websites[0].name = site.into();
        assert_eq!(
            at(&check(&f), "websites[0].name"),
            [warning("website.name_national_prefix")],
            "{site}"
        );
    }
}

#[test]
fn idn_domains_have_one_normal_form() {
    let mut f = individual();
    f.websites[0].domains = vec!["例子.中国".into(), "XN--fsqu00a.xn--fiqs8s.".into()];
    f.websites[0].homepage = "http://www.xn--fsqu00a.xn--fiqs8s/".into();
    let report = check(&f);
    assert!(at(&report, "websites[0].homepage").is_empty());
    assert!(at(&report, "websites[0].domains[1]")
        .contains(&("domain.duplicate".to_owned(), Severity::Error)));
    // Unicode and punycode home pages both sit under a punycode domain.
    f.websites[0].domains = vec!["xn--fsqu00a.xn--fiqs8s".into()];
    f.websites[0].homepage = "例子.中国".into();
    assert!(at(&check(&f), "websites[0].homepage").is_empty());
}

#[test]
fn registry_second_levels_are_public_suffixes() {
    for (domain, registrable) in [
        ("pku.edu.cn", None),
        ("example.com.cn", None),
        ("example.org.cn", None),
        ("beijing-example.bj.cn", None),
        ("例子.公司.cn", None),
        ("www.pku.edu.cn", Some("pku.edu.cn")),
        ("blog.example.com", Some("example.com")),
    ] {
        let mut f = enterprise();
        f.websites[0].domains = vec![domain.into()];
        f.websites[0].homepage = domain.into();
        let subdomain = check(&f)
            .issues_at("websites[0].domains[0]")
            .find(|i| i.code == "domain.subdomain")
            .map(|i| i.params["registrable"].clone());
        assert_eq!(subdomain.as_deref(), registrable, "{domain}");
    }
}

#[test]
fn non_local_individuals_are_decided_by_the_certificate_address() {
    // A Shanghai filer whose number starts with 51 (first issued in Sichuan/Chongqing).
    let shanghai = |address: &str| {
        let mut f = individual();
        f.province = "310000".into();
        let number = "510104199003071237";
        for cert in [
            &mut f.subject.certificate,
            &mut f.subject.principal.certificate,
        ] {
            cert.number = number.into();
        }
        f.websites[0].responsible.certificate.number = number.into();
        f.subject.certificate_address = address.into();
        f.subject.address.province = "310000".into();
        f.subject.address.city = "310100".into();
        f.subject.address.district = "310104".into();
        f
    };
    let path = "subject.certificateAddress";
    assert!(at(&check(&shanghai("上海市徐汇区漕溪北路88号")), path).is_empty());
    assert_eq!(
        at(&check(&shanghai("四川省成都市锦江区红星路二段1号")), path),
        [warning("subject.non_local_individual")]
    );
    assert_eq!(
        at(&check(&shanghai("成都市锦江区红星路二段1号")), path),
        [warning("subject.non_local_individual")]
    );
    // The address names no province or city: the number only hints.
    assert_eq!(
        at(&check(&shanghai("漕溪北路88号")), path),
        [warning("subject.non_local_hint")]
    );
    // A Sichuan-issued number held by a Shanghai resident is not an error anywhere.
    assert!(errors(&check(&shanghai("上海市徐汇区漕溪北路88号"))).is_empty());
}

#[test]
fn an_individual_order_holds_one_service() {
    let mut f = app("记账", "android", "com.example.ledger");
    f.websites = individual().websites;
    f.apps[0].domains = vec!["zhangwei-ledger.cn".into()];
    let report = check(&f);
    assert_eq!(at(&report, "websites"), [warning("websites.too_many")]);
    assert_eq!(
        report.issues_at("websites").next().unwrap().params["count"],
        "2"
    );
}

#[test]
fn a_listed_word_ending_a_personal_site_name_is_refused_and_one_inside_it_is_questioned() {
    let name_issues = |name: &str| {
        let mut f = individual();
        f.websites[0].name = name.to_owned();
        let mut issues = at(&check(&f), "websites[0].name");
        issues.retain(|(code, _)| code.starts_with("website.name_forbidden_word"));
        issues
    };
    // Ending the name, the word says what the site is: a company, a forum, a blog.
    for name in [
        "邱明装修公司",
        "张伟的集团",
        "张伟摄影论坛",
        "张伟的技术博客",
        "张伟的个人空间",
        "张伟的技术博客（个人）",
        "张伟的博客-1",
        "张伟的网络",
    ] {
        assert_eq!(
            name_issues(name),
            [("website.name_forbidden_word".to_owned(), Severity::Error)],
            "{name}"
        );
    }
    // Inside, it may be part of another word: the filer confirms.
    for name in [
        "张伟的公司法学习笔记",
        "张伟的非官方翻译笔记",
        "张伟的集团军史笔记",
        "神经网络学习笔记",
        "交流电路学习笔记",
        // A field of study at the end is not the word ending the name.
        "深度学习与神经网络",
        "李想学计算机网络",
    ] {
        assert_eq!(
            name_issues(name),
            [(
                "website.name_forbidden_word_inside".to_owned(),
                Severity::Warning
            )],
            "{name}"
        );
    }
}

#[test]
fn virtual_operator_numbers_warn() {
    for (mobile, warned) in [
        ("17012345678", true),
        ("16512345678", true),
        ("17112345678", true),
        ("17712345678", false),
        ("13912345678", false),
    ] {
        let mut f = individual();
        f.subject.principal.mobile = mobile.into();
        f.websites[0].responsible.mobile = mobile.into();
        let found = at(&check(&f), "subject.principal.mobile");
        assert_eq!(
            found.contains(&warning("mobile.virtual_operator")),
            warned,
            "{mobile}: {found:?}"
        );
    }
}

fn with_facts(f: &mut Filing, facts: DomainFacts) {
    f.domain_facts = vec![facts];
}

#[test]
fn the_domain_check_runs_on_registrar_facts() {
    let path = "websites[0].domains[0]";
    let facts = |holder: &str, expires: &str, verified: Option<bool>, on: &str| DomainFacts {
        domain: "ZHANGWEI-NOTES.cn.".into(),
        holder_name: holder.into(),
        expires_on: expires.into(),
        real_name_verified: verified,
        real_name_verified_on: on.into(),
    };
    let error = |code: &str| (code.to_owned(), Severity::Error);
    let cases: Vec<(DomainFacts, Vec<(String, Severity)>)> = vec![
        (
            facts("张伟", "2028-01-01", Some(true), "2025-01-01"),
            vec![],
        ),
        (
            facts("李四", "", None, ""),
            vec![error("domain.holder_mismatch")],
        ),
        (
            facts("", "2026-12-01", None, ""),
            vec![error("domain.expired")],
        ),
        (
            facts("", "2027-02-01", None, ""),
            vec![warning("domain.expiring_soon")],
        ),
        (
            facts("", "", Some(false), ""),
            vec![error("domain.real_name_missing")],
        ),
        (
            facts("", "", Some(true), "2026-12-02"),
            vec![warning("domain.real_name_recent")],
        ),
        (facts("", "", None, ""), vec![]),
    ];
    for (facts, want) in cases {
        let mut f = individual();
        with_facts(&mut f, facts.clone());
        assert_eq!(at(&check(&f), path), want, "{facts:?}");
    }
    // A unit: its legal representative may hold the domain, except where the province says
    // the unit itself must (福建).
    let mut f = enterprise();
    let domain = f.websites[0].domains[0].clone();
    let principal = f.subject.principal.name.clone();
    f.subject.principal_is_legal_representative = Some(true);
    with_facts(
        &mut f,
        DomainFacts {
            domain,
            holder_name: principal,
            ..DomainFacts::default()
        },
    );
    assert!(at(&check(&f), path).is_empty());
    f.province = "350000".into();
    assert!(at(&check(&f), path).contains(&warning("domain.holder_not_unit")));
    // Not the legal representative: the filing can't tell who holds it, so the filer confirms.
    f.province = "330000".into();
    f.subject.principal_is_legal_representative = Some(false);
    assert_eq!(at(&check(&f), path), [warning("domain.holder_unconfirmed")]);
}

#[test]
fn province_rules_from_the_data_are_warnings_at_the_field() {
    // 河北: no passports from individuals.
    let mut f = individual();
    f.province = "130000".into();
    f.subject.certificate.kind = Some(CertificateType::Passport);
    f.subject.certificate.number = "E12345678".into();
    assert!(at(&check(&f), "subject.certificate.type")
        .contains(&warning("province.certificate_refused")));
    // 重庆: no .org for individuals.
    let mut f = individual();
    f.province = "500000".into();
    f.websites[0].domains = vec!["zhangwei.org".into()];
    f.websites[0].homepage = "zhangwei.org".into();
    assert!(at(&check(&f), "websites[0].domains[0]")
        .contains(&warning("domain.tld_refused_for_individuals")));
    // 上海: a house number is required, not just advised.
    let mut f = individual();
    f.province = "310000".into();
    f.subject.address.detail = "漕溪北路".into();
    assert_eq!(
        at(&check(&f), "subject.address.detail"),
        [warning("address.house_number_required")]
    );
    // 山东: a principal from outside the mainland.
    let mut f = enterprise();
    f.province = "370000".into();
    f.subject.principal.certificate.kind = Some(CertificateType::HkMacaoPermit);
    f.subject.principal.certificate.number = "H12345678".into();
    assert!(at(&check(&f), "subject.principal.certificate.type")
        .contains(&warning("principal.non_mainland")));
}

#[test]
fn a_package_name_typed_with_a_chinese_input_method_is_stored_as_the_id() {
    let f = app("记账", "ios", " com。example。ｔｏｏｌｓ ");
    assert_eq!(
        icp_filing::rules::normalize(&f).apps[0].platforms[0].package_name,
        "com.example.tools"
    );
}
