//! GB/T 2260 administrative divisions — province → city → county level — for the cascading
//! address selects and for checking `subject.address` (docs/sources.md §4.5).
//!
//! The data (`data/regions/regions.json`, format in `data/regions/README.md`) is loaded at run
//! time, not embedded: [`Regions::parse`] reads it once the page has fetched it.
//!
//! Special cases the cascade handles:
//! * municipalities (北京, 天津, 上海, 重庆) and county-level units directly under a province
//!   (429000 `省直辖县级行政区划` …) sit under a placeholder city, as in GB/T 2260;
//!   [`Regions::full_name`] leaves the placeholder out;
//! * a city without districts (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620200) is its
//!   own leaf: [`Regions::districts`] offers the city itself, and the address's district is
//!   the city's code.
//!
//! ```
//! # let json = r#"{"version":"t","source":"t","provinces":[["44","广东省",[["03","深圳市",[["05","南山区"]]],["19","东莞市",[]]]]]}"#;
//! use icp_filing::model::Address;
//! use icp_filing::regions::{AddressPart, AddressProblem, Regions};
//!
//! let regions = Regions::parse_partial(json).unwrap();
//! assert_eq!(regions.full_name("440305").as_deref(), Some("广东省深圳市南山区"));
//! let codes: Vec<&str> = regions.districts("441900").iter().map(|r| r.code.as_str()).collect();
//! assert_eq!(codes, ["441900"]);
//!
//! let address = |p: &str, c: &str, d: &str| Address {
//!     province: p.into(), city: c.into(), district: d.into(), detail: String::new(),
//! };
//! assert_eq!(regions.check_address(&address("440000", "441900", "441900")), Ok(()));
//! assert!(matches!(
//!     regions.check_address(&address("440000", "441900", "440305")),
//!     Err(AddressProblem::NotInside { part: AddressPart::District, .. })
//! ));
//! ```

use serde_json::Value;

use crate::model::Address;
use crate::ruledata::PROVINCE_CODES;

/// One division: its 6-digit code and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code: String,
    pub name: String,
    /// The name for readers of English (pinyin, or the province's English name), without
    /// the administrative ending; empty for placeholders (`市辖区`).
    pub latin: String,
}

impl Region {
    /// What a select shows: the Chinese name, in English after its romanised form
    /// (`Nanshan 南山区`), so that typing a name's first letters on the select finds it.
    pub fn label(&self, english: bool) -> String {
        if english && !self.latin.is_empty() {
            format!("{} {}", self.latin, self.name)
        } else {
            self.name.clone()
        }
    }
}

/// The level of a 6-digit code, read from the code alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `xx0000`
    Province,
    /// `xxxx00`
    City,
    /// Any other 6-digit code.
    District,
}

impl Level {
    /// The level of `code`, or `None` when it is not 6 ASCII digits.
    pub fn of(code: &str) -> Option<Level> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else if code.ends_with("0000") {
            Some(Level::Province)
        } else if code.ends_with("00") {
            Some(Level::City)
        } else {
            Some(Level::District)
        }
    }
}

/// Why a regions file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionsError {
    /// Not JSON; `line` and `column` are 1-based.
    #[error("regions.json: line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON of the wrong shape; `at` says where (`provinces[3]`, `440300 districts[2]`).
    #[error("regions.json: {at}: {problem}")]
    Shape { at: String, problem: &'static str },
    #[error("regions.json: region {code} is listed twice")]
    Duplicate { code: String },
    #[error("regions.json: province {code} is missing: all 31 provinces are required")]
    MissingProvince { code: String },
}

/// The part of an address a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressPart {
    Province,
    City,
    District,
}

impl AddressPart {
    /// The filing field, e.g. `subject.address.city`.
    pub fn path(self) -> &'static str {
        match self {
            AddressPart::Province => "subject.address.province",
            AddressPart::City => "subject.address.city",
            AddressPart::District => "subject.address.district",
        }
    }
}

impl std::fmt::Display for AddressPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AddressPart::Province => "province",
            AddressPart::City => "city",
            AddressPart::District => "district",
        })
    }
}

/// The first thing wrong with an address's codes, checked top down.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressProblem {
    #[error("the {part} is missing")]
    Missing { part: AddressPart },
    /// Not a code of the data (or not 6 digits).
    #[error("{code:?} is not a known {part} code")]
    Unknown { part: AddressPart, code: String },
    /// A known code of another level, e.g. a city code as the province, or a city with
    /// districts given as its own district.
    #[error("{code} is not a {part}")]
    WrongLevel { part: AddressPart, code: String },
    /// The city is not in the province, or the district not in the city.
    #[error("{code} is not inside {parent}")]
    NotInside {
        part: AddressPart,
        code: String,
        parent: String,
    },
}

impl AddressProblem {
    /// The part the problem is about.
    pub fn part(&self) -> AddressPart {
        match self {
            AddressProblem::Missing { part }
            | AddressProblem::Unknown { part, .. }
            | AddressProblem::WrongLevel { part, .. }
            | AddressProblem::NotInside { part, .. } => *part,
        }
    }

    /// The filing field to mark, e.g. `subject.address.district`.
    pub fn path(&self) -> &'static str {
        self.part().path()
    }
}

/// The divisions of one data file, sorted by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regions {
    version: String,
    source: String,
    /// Sorted by code, so a province's or city's descendants directly follow it.
    all: Vec<Region>,
}

impl Regions {
    /// Reads `data/regions/regions.json` and checks that it holds the 31 provinces.
    ///
    /// # Errors
    /// [`RegionsError`]: malformed JSON (with line and column), a wrong shape, a duplicate
    /// code, or a missing province.
    pub fn parse(json: &str) -> Result<Regions, RegionsError> {
        Self::parse_partial(json)?.complete()
    }

    /// [`Regions::parse`] for a file already read as JSON data (the widget has the browser
    /// read it).
    ///
    /// # Errors
    /// As [`Regions::parse`], except for malformed JSON text.
    pub fn from_value(root: &Value) -> Result<Regions, RegionsError> {
        Self::from_value_partial(root)?.complete()
    }

    /// These regions if they hold the 31 provinces.
    fn complete(self) -> Result<Regions, RegionsError> {
        let regions = self;
        for code in PROVINCE_CODES {
            if regions.get(code).is_none() {
                return Err(RegionsError::MissingProvince {
                    code: code.to_owned(),
                });
            }
        }
        Ok(regions)
    }

    /// Like [`Regions::parse`], but accepts a file with only some provinces (host extracts,
    /// tests).
    ///
    /// # Errors
    /// As [`Regions::parse`], except for missing provinces.
    pub fn parse_partial(json: &str) -> Result<Regions, RegionsError> {
        let root: Value = serde_json::from_str(json).map_err(|e| RegionsError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        Self::from_value_partial(&root)
    }

    fn from_value_partial(root: &Value) -> Result<Regions, RegionsError> {
        let shape = |at: &str, problem| RegionsError::Shape {
            at: at.to_owned(),
            problem,
        };
        let text = |key: &str| match root.get(key) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            _ => Err(shape(key, "must be a non-empty string")),
        };
        let version = text("version")?;
        let source = text("source")?;
        let provinces = root
            .get("provinces")
            .and_then(Value::as_array)
            .ok_or_else(|| shape("provinces", "must be a list of provinces"))?;

        let mut all = Vec::new();
        for (i, province) in provinces.iter().enumerate() {
            let at = format!("provinces[{i}]");
            let (code, cities) = entry(province, "", &at, &mut all)?;
            let Some(cities) = cities else {
                return Err(shape(&at, "a province is [code, name, cities]"));
            };
            for (j, city) in cities.iter().enumerate() {
                let at = format!("{code}0000 cities[{j}]");
                let (city_code, districts) = entry(city, &code, &at, &mut all)?;
                let Some(districts) = districts else {
                    return Err(shape(&at, "a city is [code, name, districts]"));
                };
                for (k, district) in districts.iter().enumerate() {
                    let at = format!("{city_code}00 districts[{k}]");
                    if let (_, Some(_)) = entry(district, &city_code, &at, &mut all)? {
                        return Err(shape(&at, "a district is [code, name]"));
                    }
                }
            }
        }
        crate::sort::by(&mut all, |a, b| a.code > b.code);
        if let Some(pair) = all.windows(2).find(|w| w[0].code == w[1].code) {
            return Err(RegionsError::Duplicate {
                code: pair[0].code.clone(),
            });
        }
        Ok(Regions {
            version,
            source,
            all,
        })
    }

    /// The data edition, e.g. `2023-06-30`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Where the data comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every division, sorted by code.
    pub fn all(&self) -> &[Region] {
        &self.all
    }

    /// The division with this code.
    pub fn get(&self, code: &str) -> Option<&Region> {
        self.all
            .binary_search_by(|r| r.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.all[i])
    }

    /// The name of the division with this code.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.get(code).map(|r| r.name.as_str())
    }

    /// The provinces, by code.
    pub fn provinces(&self) -> impl Iterator<Item = &Region> + '_ {
        self.all
            .iter()
            .filter(|r| Level::of(&r.code) == Some(Level::Province))
    }

    /// The cities of a province (placeholders such as 110100 `市辖区` included), by code;
    /// empty for an unknown province.
    pub fn cities<'a>(&'a self, province: &str) -> impl Iterator<Item = &'a Region> + 'a {
        let below = if Level::of(province) == Some(Level::Province) {
            self.below(province, 2)
        } else {
            &[]
        };
        below
            .iter()
            .filter(|r| Level::of(&r.code) == Some(Level::City))
    }

    /// A city as a filer reads it: GB/T 2260's grouping names under a municipality (北京市
    /// `市辖区`, 重庆市 `县`) become the municipality's name; every other name is as listed.
    pub fn city_label(&self, city: &Region, english: bool) -> String {
        let province = city
            .code
            .get(..2)
            .and_then(|p| self.get(&format!("{p}0000")));
        match (city.name.as_str(), province) {
            ("市辖区", Some(p)) => p.label(english),
            ("县", Some(p)) => format!("{}（县）", p.label(english)),
            _ => city.label(english),
        }
    }

    /// The choices for the district select of a city: its county-level divisions, or the
    /// city itself when it has none (东莞, 中山, 儋州, 嘉峪关). Empty for an unknown city.
    pub fn districts(&self, city: &str) -> &[Region] {
        if Level::of(city) != Some(Level::City) {
            return &[];
        }
        let below = self.below(city, 4);
        match below {
            [] => &[],
            [only] if only.code == city => below,
            [first, rest @ ..] if first.code == city => rest,
            _ => &[],
        }
    }

    /// The address of a code as one string, placeholders left out: `广东省深圳市南山区`,
    /// `北京市海淀区`, `湖北省仙桃市`, `广东省东莞市`. `None` for an unknown code.
    pub fn full_name(&self, code: &str) -> Option<String> {
        let region = self.get(code)?;
        let mut out = String::new();
        let province = format!("{}0000", &code[..2]);
        let city = format!("{}00", &code[..4]);
        for part in [province.as_str(), city.as_str()] {
            if part == code {
                break;
            }
            if let Some(name) = self.name(part).filter(|n| !is_placeholder(n)) {
                out.push_str(name);
            }
        }
        out.push_str(&region.name);
        Some(out)
    }

    /// Checks an address's three codes top down: each known and of its level, the city in
    /// the province, the district in the city (for a city without districts, the city's own
    /// code). The detail text is not looked at.
    ///
    /// # Errors
    /// The first [`AddressProblem`] found.
    pub fn check_address(&self, address: &Address) -> Result<(), AddressProblem> {
        let province = self.known(AddressPart::Province, &address.province)?;
        if Level::of(province) != Some(Level::Province) {
            return Err(AddressProblem::WrongLevel {
                part: AddressPart::Province,
                code: province.to_owned(),
            });
        }
        let city = self.known(AddressPart::City, &address.city)?;
        if Level::of(city) != Some(Level::City) {
            return Err(AddressProblem::WrongLevel {
                part: AddressPart::City,
                code: city.to_owned(),
            });
        }
        if city[..2] != province[..2] {
            return Err(AddressProblem::NotInside {
                part: AddressPart::City,
                code: city.to_owned(),
                parent: province.to_owned(),
            });
        }
        let district = self.known(AddressPart::District, &address.district)?;
        if self.districts(city).iter().any(|r| r.code == district) {
            return Ok(());
        }
        if Level::of(district) == Some(Level::District) {
            Err(AddressProblem::NotInside {
                part: AddressPart::District,
                code: district.to_owned(),
                parent: city.to_owned(),
            })
        } else {
            Err(AddressProblem::WrongLevel {
                part: AddressPart::District,
                code: district.to_owned(),
            })
        }
    }

    /// `code` trimmed, when it is in the data.
    fn known<'c>(&self, part: AddressPart, code: &'c str) -> Result<&'c str, AddressProblem> {
        let code = code.trim();
        if code.is_empty() {
            Err(AddressProblem::Missing { part })
        } else if self.get(code).is_none() {
            Err(AddressProblem::Unknown {
                part,
                code: code.to_owned(),
            })
        } else {
            Ok(code)
        }
    }

    /// The divisions whose code starts with `code[..prefix]`, `code` itself included.
    fn below(&self, code: &str, prefix: usize) -> &[Region] {
        let Some(prefix) = code.get(..prefix) else {
            return &[];
        };
        let start = self.all.partition_point(|r| r.code.as_str() < prefix);
        let len = self.all[start..]
            .iter()
            .take_while(|r| r.code.starts_with(prefix))
            .count();
        &self.all[start..start + len]
    }
}

/// Names GB/T 2260 gives to grouping levels rather than places.
fn is_placeholder(name: &str) -> bool {
    matches!(
        name,
        "市辖区" | "县" | "省直辖县级行政区划" | "自治区直辖县级行政区划"
    )
}

/// Reads `[code, name]`, `[code, name, latin]`, `[code, name, children]` or
/// `[code, name, children, latin]` under `parent` (its code's leading digits), pushes the
/// region and returns its leading digits and children.
fn entry<'v>(
    value: &'v Value,
    parent: &str,
    at: &str,
    all: &mut Vec<Region>,
) -> Result<(String, Option<&'v Vec<Value>>), RegionsError> {
    let shape = |problem| RegionsError::Shape {
        at: at.to_owned(),
        problem,
    };
    let items = value
        .as_array()
        .filter(|a| (2..=4).contains(&a.len()))
        .ok_or_else(|| shape("must be [code, name, latin?] or [code, name, children, latin?]"))?;
    let digits = items[0]
        .as_str()
        .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_digit()) && *c != "00")
        .ok_or_else(|| shape("the code must be two digits, not \"00\""))?;
    let name = items[1]
        .as_str()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| shape("the name must be a non-empty string"))?;
    let (children, latin) = match (items.get(2), items.get(3)) {
        (None, None) => (None, None),
        (Some(Value::String(latin)), None) => (None, Some(latin)),
        (Some(Value::Array(children)), None) => (Some(children), None),
        (Some(Value::Array(children)), Some(Value::String(latin))) => (Some(children), Some(latin)),
        _ => {
            return Err(shape(
                "the children must be a list and the romanised name a string",
            ))
        }
    };
    let lead = format!("{parent}{digits}");
    all.push(Region {
        code: format!("{lead:0<6}"),
        name: name.to_owned(),
        latin: latin.cloned().unwrap_or_default(),
    });
    Ok((lead, children))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{"version":"t","source":"test","provinces":[
        ["11","北京市",[["01","市辖区",[["01","东城区"],["08","海淀区"]]]]],
        ["42","湖北省",[["01","武汉市",[["02","江岸区"]]],["90","省直辖县级行政区划",[["04","仙桃市"]]]]],
        ["44","广东省",[["03","深圳市",[["05","南山区"]]],["19","东莞市",[]]]]]}"#;

    fn small() -> Regions {
        Regions::parse_partial(SMALL).unwrap()
    }

    #[test]
    fn a_municipality_city_reads_as_the_municipality() {
        let regions = small();
        let labels: Vec<String> = ["110000", "420000", "440000"]
            .iter()
            .flat_map(|p| {
                regions
                    .cities(p)
                    .map(|c| regions.city_label(c, false))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            labels,
            ["北京市", "武汉市", "省直辖县级行政区划", "深圳市", "东莞市"]
        );
    }

    #[test]
    fn codes_are_built_from_two_digit_steps() {
        let regions = small();
        let codes: Vec<&str> = regions.all().iter().map(|r| r.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "110000", "110100", "110101", "110108", "420000", "420100", "420102", "429000",
                "429004", "440000", "440300", "440305", "441900"
            ]
        );
    }

    #[test]
    fn full_names_skip_placeholders() {
        let r = small();
        assert_eq!(r.full_name("110108").as_deref(), Some("北京市海淀区"));
        assert_eq!(r.full_name("429004").as_deref(), Some("湖北省仙桃市"));
        assert_eq!(r.full_name("440000").as_deref(), Some("广东省"));
        assert_eq!(r.full_name("440300").as_deref(), Some("广东省深圳市"));
        assert_eq!(r.full_name("999999"), None);
    }

    #[test]
    fn partial_file_is_refused_by_parse() {
        assert_eq!(
            Regions::parse(SMALL),
            Err(RegionsError::MissingProvince {
                code: "120000".into()
            })
        );
    }

    #[test]
    fn shape_errors_say_where() {
        let cases = [
            (r#"[]"#, "version"),
            (r#"{"version":"t","source":"s"}"#, "provinces"),
            (
                r#"{"version":"t","source":"s","provinces":[["1","北京市",[]]]}"#,
                "provinces[0]",
            ),
            (
                r#"{"version":"t","source":"s","provinces":[["11","北京市"]]}"#,
                "provinces[0]",
            ),
            (
                r#"{"version":"t","source":"s","provinces":[["11","北京市",[["01","",[]]]]]}"#,
                "110000 cities[0]",
            ),
            (
                r#"{"version":"t","source":"s","provinces":[["11","北京市",[["01","市辖区",[["00","x"]]]]]]}"#,
                "110100 districts[0]",
            ),
            (
                r#"{"version":"t","source":"s","provinces":[["11","北京市",[["01","市辖区",[["01","x",[]]]]]]]}"#,
                "110100 districts[0]",
            ),
        ];
        for (json, expected_at) in cases {
            match Regions::parse_partial(json) {
                Err(RegionsError::Shape { at, .. }) => assert!(
                    at.starts_with(expected_at),
                    "{json}: at {at:?}, expected {expected_at:?}"
                ),
                other => panic!("{json}: {other:?}"),
            }
        }
    }

    #[test]
    fn malformed_json_and_duplicates_are_refused() {
        assert!(matches!(
            Regions::parse_partial("{\"version\":"),
            Err(RegionsError::Json { line: 1, .. })
        ));
        let twice =
            r#"{"version":"t","source":"s","provinces":[["11","北京市",[]],["11","北京",[]]]}"#;
        assert_eq!(
            Regions::parse_partial(twice),
            Err(RegionsError::Duplicate {
                code: "110000".into()
            })
        );
    }
}
