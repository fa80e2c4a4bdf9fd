//! Generated filings for the fuzz runs of the shared rules (`tests/fuzz_short.rs`, and
//! `examples/fuzz_rules.rs` for the long run); the checks they go through are in
//! `fuzz_check.rs`.
//!
//! A case is one of three kinds of JSON text:
//!
//! * a whole filing built field by field ([`Corpus::fresh_filing`]): every field of the
//!   model, every enum value (and none), identifiers that are valid (real check characters,
//!   birth dates, region codes) or one typo away from it (a changed or swapped digit,
//!   full-width digits, a lower-case `x`, spaces), domains with fileable and refused TLDs,
//!   IDN and `xn--` labels, names built from the rule data's word lists, and in any field
//!   arbitrary Unicode (controls, combining marks, right-to-left text, astral characters,
//!   strings of several KB) or nothing;
//! * one of the project's own filings (`tests/fixtures`, the realistic corpus and the
//!   one-code-per-file set) mutated: string values replaced as above or by what the same
//!   field holds in another filing, any value turned into another JSON type, keys dropped or
//!   added, lists grown, shrunk or emptied;
//! * raw text: cut-off or malformed JSON, nesting past any limit, huge numbers, duplicate
//!   keys, top-level values that are not objects.
//!
//! Every case is deterministic from the run's seed and its index, so a finding can be
//! replayed.

use std::collections::BTreeMap;
use std::path::Path;

use icp_filing::ident::PROVINCE_PREFIXES;
use icp_filing::messages::CATALOGUE;
use icp_filing::model::{CertificateType, ChangeScope, FilingType, SubjectKind};
use icp_filing::regions::{Level, Regions};
use icp_filing::ruledata::{RuleData, PROVINCE_CODES};
use icp_filing::rules::allowed_certificates;
use serde_json::{json, Map, Value};

/// SplitMix64: small, fast and good enough to drive a fuzzer.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// `true` with probability `per_mille`/1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `items`, as text.
    pub fn pick_str<'a, S: AsRef<str>>(&mut self, items: &'a [S]) -> &'a str {
        items[self.below(items.len())].as_ref()
    }

    /// `n` characters drawn from `alphabet`.
    fn chars_from(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }

    fn digits(&mut self, n: usize) -> String {
        self.chars_from(b"0123456789", n)
    }
}

/// One generated case: the text a client could send, and a number that chooses the rest of
/// the context it is checked in (today's date, the submission time, the form's state).
#[derive(Debug, Clone)]
pub struct Case {
    pub text: String,
    pub context: u64,
}

/// The seed filings, per key every leaf value they hold under it, and the rule data's
/// vocabularies the whole-filing generator draws from.
pub struct Corpus {
    seeds: Vec<Value>,
    by_key: BTreeMap<String, Vec<Value>>,
    /// `data/regions/regions.json`, as the widget loads it.
    pub regions: Option<Regions>,
    provinces: Vec<String>,
    cities: Vec<String>,
    districts: Vec<String>,
    abbrs: Vec<String>,
    tlds_fileable: Vec<String>,
    tlds_other: Vec<String>,
    words: Vec<String>,
    service_content: Vec<String>,
    languages: Vec<String>,
    pre_approval_categories: Vec<String>,
    app_platforms: Vec<String>,
    codes: Vec<&'static str>,
}

impl Corpus {
    /// Every filing under `tests/fixtures` (a filing, or an envelope with `filing`), the
    /// regions file and the embedded rule data.
    pub fn load(root: &Path) -> Self {
        let mut seeds = Vec::new();
        let mut dirs = vec![root.join("tests/fixtures")];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    let Ok(text) = std::fs::read_to_string(&path) else {
                        continue;
                    };
                    let Ok(value) = serde_json::from_str::<Value>(&text) else {
                        continue;
                    };
                    let filing = match value.get("filing") {
                        Some(f) if f.is_object() => f.clone(),
                        _ => value,
                    };
                    if filing.get("schemaVersion").is_some() {
                        seeds.push(filing);
                    }
                }
            }
        }
        let mut by_key = BTreeMap::new();
        for seed in &seeds {
            collect_leaves(seed, "", &mut by_key);
        }
        let regions = std::fs::read_to_string(root.join("data/regions/regions.json"))
            .ok()
            .and_then(|text| Regions::parse(&text).ok());
        let (mut cities, mut districts) = (Vec::new(), Vec::new());
        for region in regions.iter().flat_map(|r| r.all()) {
            match Level::of(&region.code) {
                Some(Level::City) => cities.push(region.code.clone()),
                Some(Level::District) => districts.push(region.code.clone()),
                _ => {}
            }
        }
        let data = RuleData::embedded();
        let tlds = data.tlds();
        let tlds_fileable = tlds.fileable.iter().flat_map(|g| g.tlds.clone()).collect();
        let tlds_other = tlds
            .not_fileable
            .iter()
            .flat_map(|g| g.tlds.clone())
            .chain(tlds.warn.iter().map(|w| w.tld.clone()))
            .chain(tlds.government_only.tlds.iter().cloned())
            .chain(tlds.institution_allowed.tlds.iter().cloned())
            .collect();
        let words = data
            .words()
            .lists()
            .into_iter()
            .flat_map(|(_, list)| list.words.clone())
            .collect();
        let catalogues = data.catalogues();
        Self {
            seeds,
            by_key,
            regions,
            provinces: PROVINCE_CODES.iter().map(|c| c.to_string()).collect(),
            cities,
            districts,
            abbrs: data.provinces().iter().map(|p| p.abbr.clone()).collect(),
            tlds_fileable,
            tlds_other,
            words,
            service_content: slugs(catalogues.service_content.iter().map(|c| &c.slug)),
            languages: slugs(catalogues.languages.iter().map(|c| &c.slug)),
            pre_approval_categories: slugs(
                catalogues.pre_approval_categories.iter().map(|c| &c.slug),
            ),
            app_platforms: slugs(catalogues.app_platforms.iter().map(|c| &c.slug)),
            codes: CATALOGUE.iter().map(|c| c.0).collect(),
        }
    }

    pub fn seeds(&self) -> usize {
        self.seeds.len()
    }

    /// Case `index` of the run seeded with `seed`.
    pub fn case(&self, seed: u64, index: u64) -> Case {
        let mut rng = Rng::new(seed ^ index.wrapping_mul(0xa076_1d64_78bd_642f));
        let context = rng.next();
        let text = match rng.below(100) {
            0..=2 => raw_json(&mut rng, self),
            3..=42 => {
                let mut filing = rng.pick(&self.seeds).clone();
                // Most cases change a little (the rules run deep); some change a lot.
                let rate = *rng.pick(&[10, 30, 80, 200]);
                mutate(&mut filing, "", &mut rng, self, rate, 0);
                filing.to_string()
            }
            _ => {
                let mut filing = self.fresh_filing(&mut rng);
                if rng.chance(60) {
                    mutate(&mut filing, "", &mut rng, self, 10, 0);
                }
                if rng.chance(20) {
                    serde_json::to_string_pretty(&filing).unwrap_or_default()
                } else {
                    filing.to_string()
                }
            }
        };
        Case { text, context }
    }

    /// A value the fixtures hold under `key`, as text.
    fn fixture_text(&self, rng: &mut Rng, key: &str) -> Option<String> {
        let texts = self.by_key.get(key)?;
        match rng.pick(texts) {
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// A whole filing, field by field (see the module documentation).
    pub fn fresh_filing(&self, rng: &mut Rng) -> Value {
        let mut g = Gen { rng, corpus: self };
        g.filing()
    }
}

fn slugs<'a>(items: impl Iterator<Item = &'a String>) -> Vec<String> {
    items.cloned().collect()
}

fn collect_leaves(value: &Value, key: &str, out: &mut BTreeMap<String, Vec<Value>>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| collect_leaves(v, k, out)),
        Value::Array(items) => items.iter().for_each(|v| collect_leaves(v, key, out)),
        leaf => {
            let seen = out.entry(key.to_owned()).or_default();
            if !seen.contains(leaf) {
                seen.push(leaf.clone());
            }
        }
    }
}

/// What a text field holds when it is plausible: the generator for each kind of value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    PersonName,
    UnitName,
    WebsiteName,
    AppName,
    Certificate(Option<CertificateType>),
    Date,
    Mobile,
    Landline,
    Email,
    Domain,
    Homepage,
    Address,
    Remark,
    FilingNumber,
    PackageName,
    Hex(usize),
    PublicKey,
    PreApprovalNumber,
}

/// Every kind, for a value typed into the wrong field.
const KINDS: [Kind; 18] = [
    Kind::PersonName,
    Kind::UnitName,
    Kind::WebsiteName,
    Kind::AppName,
    Kind::Certificate(Some(CertificateType::ResidentId)),
    Kind::Date,
    Kind::Mobile,
    Kind::Landline,
    Kind::Email,
    Kind::Domain,
    Kind::Homepage,
    Kind::Address,
    Kind::Remark,
    Kind::FilingNumber,
    Kind::PackageName,
    Kind::Hex(32),
    Kind::PublicKey,
    Kind::PreApprovalNumber,
];

const SURNAMES: &[&str] = &[
    "张",
    "王",
    "李",
    "赵",
    "陈",
    "刘",
    "杨",
    "黄",
    "周",
    "吴",
    "欧阳",
    "司马",
    "买买提",
    "Smith",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
    "秀英", "建国", "·艾力", "·John", "小", "龍",
];
const UNIT_WORDS: &[&str] = &[
    "北京",
    "深圳",
    "杭州",
    "华夏",
    "星辰",
    "云端",
    "数据",
    "科技",
    "网络",
    "信息",
    "文化",
    "传媒",
    "教育",
    "医疗",
    "中国",
    "人民",
    "国际",
    "研究院",
    "事务所",
    "基金会",
    "协会",
    "医院",
    "学校",
];
const UNIT_ENDINGS: &[&str] = &[
    "有限公司",
    "科技有限公司",
    "股份有限公司",
    "（北京）有限公司",
    "集团",
    "工作室",
    "局",
    "委员会",
    "中心",
    "律师事务所",
    "",
];
const SITE_ENDINGS: &[&str] = &[
    "官网",
    "官方网站",
    "的博客",
    "的读书笔记",
    "商城",
    "论坛",
    "门户",
    "在线",
    "网",
    "",
];
const AREA_CODES: &[&str] = &[
    "010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0755", "0571", "0592",
    "0731", "0851", "0871", "0931", "0991", "0898", "01", "00",
];
const IDN_LABELS: &[&str] = &[
    "中国",
    "公司",
    "网络",
    "中文网",
    "例子",
    "测试",
    "xn--fiqs8s",
    "xn--55qx5d",
    "xn--io0a7i",
    "xn--fiqz9s",
    "xn--",
    "xn--zz",
    "xn--0",
    "xn--a-ecp.ru",
    "ü",
    "ß",
    "ﬁ",
    "Ⅸ",
    "ｅｘａｍｐｌｅ",
];

/// The whole-filing generator: a source of randomness and the corpus's vocabularies.
struct Gen<'a, 'r> {
    rng: &'r mut Rng,
    corpus: &'a Corpus,
}

impl Gen<'_, '_> {
    fn filing(&mut self) -> Value {
        let mut f = Map::new();
        let version = match self.rng.below(100) {
            0 => json!(0),
            1 => json!(2),
            2 => json!(u32::MAX),
            3 => json!(u64::from(u32::MAX) + 1),
            _ => json!(1),
        };
        self.put(&mut f, "schemaVersion", version);
        let filing_type = self.slug_enum(FilingType::ALL.iter().map(|t| t.slug()));
        self.put(&mut f, "filingType", filing_type.clone());
        if filing_type.as_str() == Some("change") || self.rng.chance(50) {
            let scope = self.slug_enum(ChangeScope::ALL.iter().map(|s| s.slug()));
            self.put(&mut f, "changeScope", scope);
        }
        let province = self.province();
        self.put(&mut f, "province", json!(province));
        let needs_number = filing_type.as_str().is_some_and(|t| t != "first");
        if needs_number || self.rng.chance(100) {
            let number = self.text(Kind::FilingNumber);
            self.put(&mut f, "filingNumber", json!(number));
        }
        let subject = self.subject(&province);
        let principal = subject.get("principal").cloned().unwrap_or(Value::Null);
        let kind = subject
            .get("kind")
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.put(&mut f, "subject", Value::Object(subject));
        let websites = self.list(&[(10, 0), (50, 1), (30, 3), (8, 12), (2, 40)], |g| {
            Value::Object(g.website(&principal, kind.as_deref()))
        });
        self.put(&mut f, "websites", websites);
        let apps = self.list(&[(60, 0), (35, 2), (5, 10)], |g| {
            Value::Object(g.app(&principal))
        });
        self.put(&mut f, "apps", apps);
        let domains: Vec<String> = ["websites", "apps"]
            .iter()
            .filter_map(|k| f.get(*k).and_then(Value::as_array))
            .flatten()
            .filter_map(|s| s.get("domains").and_then(Value::as_array))
            .flatten()
            .filter_map(|d| d.as_str().map(str::to_owned))
            .collect();
        if self.rng.chance(400) {
            let holder = f
                .get("subject")
                .and_then(|s| s.get("name"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let facts = self.list(&[(70, 1), (25, 3), (5, 12)], |g| {
                g.domain_facts(&domains, &holder)
            });
            self.put(&mut f, "domainFacts", facts);
        }
        let acks = self.acknowledgements();
        self.put(&mut f, "acknowledgedWarnings", acks);
        if self.rng.chance(30) {
            let key = unicode(self.rng, 12);
            let value = random_json(self.rng, 2);
            f.insert(key, value);
        }
        Value::Object(f)
    }

    /// Inserts a field, or (rarely) leaves it out. (`null` is only sent for the optional
    /// fields, where it means "not answered"; elsewhere it is a type error, which the
    /// mutations cover.)
    fn put(&mut self, map: &mut Map<String, Value>, key: &str, value: Value) {
        if !self.rng.chance(40) {
            map.insert(key.to_owned(), value);
        }
    }

    /// A list whose length is drawn from `(weight, max)` buckets.
    fn list(
        &mut self,
        sizes: &[(usize, usize)],
        mut item: impl FnMut(&mut Self) -> Value,
    ) -> Value {
        let total: usize = sizes.iter().map(|s| s.0).sum();
        let mut roll = self.rng.below(total);
        let mut max = 0;
        for (weight, m) in sizes {
            if roll < *weight {
                max = *m;
                break;
            }
            roll -= weight;
        }
        let n = if max <= 1 {
            max
        } else {
            1 + self.rng.below(max)
        };
        Value::Array((0..n).map(|_| item(self)).collect())
    }

    /// One of `slugs`, or `null`, or (rarely) a slug that is not one (a parse error).
    fn slug_enum<'s>(&mut self, slugs: impl Iterator<Item = &'s str>) -> Value {
        let slugs: Vec<&str> = slugs.collect();
        match self.rng.below(100) {
            0..=5 => Value::Null,
            6 if self.rng.chance(300) => json!(near_miss(self.rng.pick_str(&slugs), self.rng)),
            _ => json!(self.rng.pick(&slugs)),
        }
    }

    fn province(&mut self) -> String {
        match self.rng.below(100) {
            0..=79 => self.rng.pick(&self.corpus.provinces).clone(),
            80..=84 => self.region(Level::City),
            85..=89 => self.text(Kind::Address),
            _ => self
                .rng
                .pick(&[
                    "000000",
                    "710000",
                    "810000",
                    "820000",
                    "440000 ",
                    "44",
                    "１１００００",
                ])
                .to_string(),
        }
    }

    /// A real code of that level from the regions file.
    fn region(&mut self, level: Level) -> String {
        let codes = match level {
            Level::Province => &self.corpus.provinces,
            Level::City => &self.corpus.cities,
            Level::District => &self.corpus.districts,
        };
        if codes.is_empty() {
            return self.rng.digits(6);
        }
        self.rng.pick(codes).clone()
    }

    fn subject(&mut self, province: &str) -> Map<String, Value> {
        let mut s = Map::new();
        let kind = match self.rng.below(100) {
            0..=39 => Some(SubjectKind::Individual),
            40..=69 => Some(SubjectKind::Enterprise),
            70..=94 => Some(*self.rng.pick(SubjectKind::ALL)),
            _ => None,
        };
        let kind_value = match kind {
            Some(k) if !self.rng.chance(3) => json!(k.slug()),
            Some(k) => json!(near_miss(k.slug(), self.rng)),
            None => Value::Null,
        };
        self.put(&mut s, "kind", kind_value);
        let individual = kind == Some(SubjectKind::Individual);
        let name = self.text(if individual {
            Kind::PersonName
        } else {
            Kind::UnitName
        });
        self.put(&mut s, "name", json!(name));
        let ty = match (kind, self.rng.below(100)) {
            (Some(k), 0..=69) => Some(*self.rng.pick(allowed_certificates(k))),
            (_, 70..=89) => Some(*self.rng.pick(CertificateType::ALL)),
            _ => None,
        };
        let certificate = self.certificate(ty);
        self.put(&mut s, "certificate", certificate.clone());
        if self.rng.chance(800) {
            let address = self.text(Kind::Address);
            self.put(&mut s, "certificateAddress", json!(address));
        }
        let address = self.address(province);
        self.put(&mut s, "address", address);
        let mut principal = self.person();
        if individual && self.rng.chance(700) {
            principal.insert("name".into(), json!(name));
            principal.insert("certificate".into(), certificate);
        }
        self.put(&mut s, "principal", Value::Object(principal));
        if !individual || self.rng.chance(100) {
            let legal_rep = self
                .rng
                .pick(&[json!(true), json!(false), Value::Null])
                .clone();
            self.put(&mut s, "principalIsLegalRepresentative", legal_rep);
            if self.rng.chance(500) {
                let mut rep = Map::new();
                let rep_name = self.text(Kind::PersonName);
                self.put(&mut rep, "name", json!(rep_name));
                let ty = self
                    .rng
                    .chance(800)
                    .then(|| *self.rng.pick(CertificateType::ALL));
                let certificate = self.certificate(ty);
                self.put(&mut rep, "certificate", certificate);
                self.put(&mut s, "legalRepresentative", Value::Object(rep));
            }
        }
        if self.rng.chance(300) {
            let remark = self.text(Kind::Remark);
            self.put(&mut s, "remark", json!(remark));
        }
        s
    }

    fn certificate(&mut self, ty: Option<CertificateType>) -> Value {
        let mut c = Map::new();
        let type_value = match ty {
            Some(t) if !self.rng.chance(2) => json!(t.slug()),
            Some(t) => json!(near_miss(t.slug(), self.rng)),
            None => Value::Null,
        };
        self.put(&mut c, "type", type_value);
        let number = self.text(Kind::Certificate(ty));
        self.put(&mut c, "number", json!(number));
        if self.rng.chance(850) {
            let until = if self.rng.chance(150) {
                "longTerm".to_owned()
            } else {
                self.text(Kind::Date)
            };
            self.put(&mut c, "validUntil", json!(until));
        }
        Value::Object(c)
    }

    fn address(&mut self, province: &str) -> Value {
        let mut a = Map::new();
        // Mostly a consistent triple from the regions file, else mixed or made up.
        let district = self.region(Level::District);
        let (p, c, d) = match self.rng.below(100) {
            0..=59 => (
                format!("{}0000", district.get(..2).unwrap_or("11")),
                format!("{}00", district.get(..4).unwrap_or("1101")),
                district,
            ),
            60..=69 => (
                province.to_owned(),
                self.region(Level::City),
                self.region(Level::District),
            ),
            70..=79 => (
                self.region(Level::Province),
                self.region(Level::District),
                String::new(),
            ),
            _ => (
                self.text(Kind::Address),
                self.text(Kind::Address),
                self.text(Kind::Address),
            ),
        };
        self.put(&mut a, "province", json!(p));
        self.put(&mut a, "city", json!(c));
        self.put(&mut a, "district", json!(d));
        let detail = self.text(Kind::Address);
        self.put(&mut a, "detail", json!(detail));
        Value::Object(a)
    }

    fn person(&mut self) -> Map<String, Value> {
        let mut p = Map::new();
        let name = self.text(Kind::PersonName);
        self.put(&mut p, "name", json!(name));
        let ty = match self.rng.below(100) {
            0..=69 => Some(CertificateType::ResidentId),
            70..=94 => Some(*self.rng.pick(CertificateType::ALL)),
            _ => None,
        };
        let certificate = self.certificate(ty);
        self.put(&mut p, "certificate", certificate);
        for (key, kind) in [
            ("mobile", Kind::Mobile),
            ("email", Kind::Email),
            ("emergencyPhone", Kind::Mobile),
            ("officePhone", Kind::Landline),
        ] {
            let value = if self.rng.chance(150) {
                String::new()
            } else {
                self.text(kind)
            };
            self.put(&mut p, key, json!(value));
        }
        p
    }

    /// The responsible person: often the principal again, or the principal with one change.
    fn responsible(&mut self, principal: &Value) -> Value {
        if !principal.is_object() {
            return Value::Object(self.person());
        }
        match self.rng.below(100) {
            0..=34 => principal.clone(),
            35..=49 => {
                let mut p = principal.clone();
                let key = *self
                    .rng
                    .pick(&["name", "mobile", "email", "emergencyPhone"]);
                if let Some(Value::String(s)) = p.get_mut(key) {
                    *s = near_miss(s, self.rng);
                } else if let Some(Value::String(s)) =
                    p.get_mut("certificate").and_then(|c| c.get_mut("number"))
                {
                    *s = near_miss(s, self.rng);
                }
                p
            }
            _ => Value::Object(self.person()),
        }
    }

    fn slugs(&mut self, from: &[String], max: usize) -> Value {
        let n = self.rng.below(max + 1);
        Value::Array(
            (0..n)
                .map(|_| match self.rng.below(100) {
                    0..=84 => json!(self.rng.pick(from)),
                    85..=89 => json!(near_miss(self.rng.pick_str(from), self.rng)),
                    90..=94 => json!(unicode(self.rng, 12)),
                    _ => json!(""),
                })
                .collect(),
        )
    }

    fn pre_approvals(&mut self) -> Value {
        self.list(&[(75, 0), (20, 1), (5, 4)], |g| {
            let mut a = Map::new();
            let category = match g.rng.below(10) {
                0 => unicode(g.rng, 10),
                _ => g.rng.pick(&g.corpus.pre_approval_categories).clone(),
            };
            g.put(&mut a, "category", json!(category));
            let number = g.text(Kind::PreApprovalNumber);
            g.put(&mut a, "number", json!(number));
            Value::Object(a)
        })
    }

    fn domains(&mut self) -> Value {
        self.list(&[(8, 0), (70, 1), (18, 4), (4, 30)], |g| {
            json!(g.text(Kind::Domain))
        })
    }

    fn website(&mut self, principal: &Value, kind: Option<&str>) -> Map<String, Value> {
        let mut w = Map::new();
        let mut name = self.text(Kind::WebsiteName);
        if kind == Some("enterprise") && self.rng.chance(300) {
            name.push_str("官网");
        }
        self.put(&mut w, "name", json!(name));
        let domains = self.domains();
        let first = domains
            .as_array()
            .and_then(|d| d.first())
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.put(&mut w, "domains", domains);
        let homepage = match first {
            Some(d) if self.rng.chance(700) => self.decorate_domain(d),
            _ => self.text(Kind::Homepage),
        };
        self.put(&mut w, "homepage", json!(homepage));
        let content = self.slugs(&self.corpus.service_content, 4);
        self.put(&mut w, "serviceContent", content);
        let languages = self.slugs(&self.corpus.languages, 3);
        self.put(&mut w, "languages", languages);
        let approvals = self.pre_approvals();
        self.put(&mut w, "preApprovals", approvals);
        let responsible = self.responsible(principal);
        self.put(&mut w, "responsible", responsible);
        let remark = self.text(Kind::Remark);
        self.put(&mut w, "remark", json!(remark));
        w
    }

    fn app(&mut self, principal: &Value) -> Map<String, Value> {
        let mut a = Map::new();
        let name = self.text(Kind::AppName);
        self.put(&mut a, "name", json!(name));
        let platforms = self.list(&[(10, 0), (60, 1), (27, 3), (3, 8)], |g| {
            let mut p = Map::new();
            let platform = match g.rng.below(20) {
                0 => unicode(g.rng, 8),
                1 => String::new(),
                _ => g.rng.pick(&g.corpus.app_platforms).clone(),
            };
            g.put(&mut p, "platform", json!(platform));
            for (key, kind) in [
                ("packageName", Kind::PackageName),
                ("signatureMd5", Kind::Hex(32)),
                ("publicKey", Kind::PublicKey),
                ("certSha1", Kind::Hex(40)),
            ] {
                let value = if g.rng.chance(200) {
                    String::new()
                } else {
                    g.text(kind)
                };
                g.put(&mut p, key, json!(value));
            }
            Value::Object(p)
        });
        self.put(&mut a, "platforms", platforms);
        let domains = self.domains();
        self.put(&mut a, "domains", domains);
        let content = self.slugs(&self.corpus.service_content, 3);
        self.put(&mut a, "serviceContent", content);
        let languages = self.slugs(&self.corpus.languages, 2);
        self.put(&mut a, "languages", languages);
        let approvals = self.pre_approvals();
        self.put(&mut a, "preApprovals", approvals);
        let responsible = self.responsible(principal);
        self.put(&mut a, "responsible", responsible);
        let remark = self.text(Kind::Remark);
        self.put(&mut a, "remark", json!(remark));
        a
    }

    fn domain_facts(&mut self, domains: &[String], holder: &str) -> Value {
        let mut f = Map::new();
        let domain = match domains {
            [] => self.text(Kind::Domain),
            _ if self.rng.chance(800) => {
                let d = self.rng.pick(domains).clone();
                match self.rng.below(4) {
                    0 => d.to_uppercase(),
                    1 => format!("{d}."),
                    _ => d,
                }
            }
            _ => self.text(Kind::Domain),
        };
        self.put(&mut f, "domain", json!(domain));
        let holder = if self.rng.chance(500) {
            holder.to_owned()
        } else {
            self.text(Kind::UnitName)
        };
        self.put(&mut f, "holderName", json!(holder));
        let expires = self.text(Kind::Date);
        self.put(&mut f, "expiresOn", json!(expires));
        let verified = self
            .rng
            .pick(&[json!(true), json!(false), Value::Null])
            .clone();
        self.put(&mut f, "realNameVerified", verified);
        let on = self.text(Kind::Date);
        self.put(&mut f, "realNameVerifiedOn", json!(on));
        Value::Object(f)
    }

    /// `code@path` keys: real codes at likely paths (so some warnings are cleared), near
    /// misses of them, and junk.
    fn acknowledgements(&mut self) -> Value {
        if self.rng.chance(600) {
            return json!([]);
        }
        let n = 1 + self.rng.below(6);
        let paths = [
            "filingNumber",
            "subject.name",
            "subject.certificate.number",
            "subject.address.detail",
            "subject.principal.mobile",
            "subject.principal.email",
            "websites[0].name",
            "websites[0].domains[0]",
            "websites[0].homepage",
            "websites[0].responsible",
            "websites[1].name",
            "websites[0].remark",
            "apps[0].name",
            "apps[0].platforms[0].packageName",
            "websites",
            "apps",
        ];
        Value::Array(
            (0..n)
                .map(|_| {
                    let key = format!(
                        "{}@{}",
                        self.rng.pick(&self.corpus.codes),
                        self.rng.pick(&paths)
                    );
                    match self.rng.below(10) {
                        0 => json!(near_miss(&key, self.rng)),
                        1 => json!(unicode(self.rng, 30)),
                        _ => json!(key),
                    }
                })
                .collect(),
        )
    }

    /// A value for a text field of `kind`: mostly plausible, else a typo of it, arbitrary
    /// Unicode, very long text, nothing, or what another field holds.
    fn text(&mut self, kind: Kind) -> String {
        match self.rng.below(100) {
            0..=57 => self.plausible(kind),
            58..=69 => {
                let p = self.plausible(kind);
                near_miss(&p, self.rng)
            }
            70..=72 => {
                let p = self.plausible(kind);
                let once = near_miss(&p, self.rng);
                near_miss(&once, self.rng)
            }
            73..=81 => unicode(self.rng, 40),
            82..=83 => unicode(self.rng, 4000),
            84..=88 => String::new(),
            89..=93 => {
                let other = *self.rng.pick(&KINDS);
                self.plausible(other)
            }
            _ => {
                let p = self.plausible(kind);
                let pad = *self.rng.pick(&[
                    " ", "\u{3000}", "\t", "\n", "\u{200b}", "\u{feff}", "\u{202e}", "\r\n",
                ]);
                match self.rng.below(3) {
                    0 => format!("{pad}{p}{pad}"),
                    1 => format!("{p}{pad}"),
                    _ => p.chars().flat_map(|c| [c, '\u{0301}']).collect(),
                }
            }
        }
    }

    /// A value a careful filer could have typed into a field of `kind`.
    fn plausible(&mut self, kind: Kind) -> String {
        let rng = &mut *self.rng;
        let c = self.corpus;
        match kind {
            Kind::PersonName => match rng.below(10) {
                0..=2 => c.fixture_text(rng, "name").unwrap_or_default(),
                _ => {
                    let mut name = rng.pick(SURNAMES).to_string();
                    for _ in 0..1 + rng.below(2) {
                        name.push_str(rng.pick_str(GIVEN));
                    }
                    name
                }
            },
            Kind::UnitName => {
                let mut name = String::new();
                for _ in 0..1 + rng.below(4) {
                    if rng.chance(200) && !c.words.is_empty() {
                        name.push_str(rng.pick_str(&c.words));
                    } else {
                        name.push_str(rng.pick_str(UNIT_WORDS));
                    }
                }
                name.push_str(rng.pick_str(UNIT_ENDINGS));
                name
            }
            Kind::WebsiteName | Kind::AppName => {
                if rng.chance(250) {
                    return c.fixture_text(rng, "name").unwrap_or_default();
                }
                let mut name = String::new();
                for _ in 0..1 + rng.below(3) {
                    if rng.chance(300) && !c.words.is_empty() {
                        name.push_str(rng.pick_str(&c.words));
                    } else {
                        name.push_str(rng.pick_str(UNIT_WORDS));
                    }
                }
                if kind == Kind::WebsiteName {
                    name.push_str(rng.pick_str(SITE_ENDINGS));
                } else if rng.chance(300) {
                    name.push_str(rng.pick_str(&["APP", "小程序", "快应用", "助手", " Pro"]));
                }
                name
            }
            Kind::Certificate(ty) => certificate_number(rng, c, ty),
            Kind::Date => date(rng),
            Kind::Mobile => mobile(rng),
            Kind::Landline => landline(rng),
            Kind::Email => email(rng, c),
            Kind::Domain => domain(rng, c),
            Kind::Homepage => {
                let d = domain(rng, c);
                self.decorate_domain(d)
            }
            Kind::Address => match rng.below(10) {
                0..=3 => c.fixture_text(rng, "detail").unwrap_or_default(),
                4 => c
                    .fixture_text(rng, "certificateAddress")
                    .unwrap_or_default(),
                _ => format!(
                    "{}{}路{}号{}",
                    rng.pick(UNIT_WORDS),
                    rng.pick(&["中关村", "人民", "解放", "建设", "Main"]),
                    rng.between(1, 3000),
                    rng.pick(&["", "院3号楼1单元502", "A座", "B1层", "之一"])
                ),
            },
            Kind::Remark => match rng.below(4) {
                0 => c.fixture_text(rng, "remark").unwrap_or_default(),
                _ => {
                    // Clauses of rule-data words, some denied (「不涉及新闻、出版」), ended by
                    // Chinese or ASCII punctuation.
                    let mut remark = String::new();
                    for _ in 0..1 + rng.below(4) {
                        if rng.chance(400) {
                            remark.push_str(rng.pick_str(&[
                                "不涉及",
                                "无",
                                "没有",
                                "不提供",
                                "no ",
                                "非",
                            ]));
                        }
                        for i in 0..1 + rng.below(3) {
                            if i > 0 {
                                remark.push_str(rng.pick_str(&["、", "和", " and ", ","]));
                            }
                            remark.push_str(rng.pick_str(&c.words));
                        }
                        remark.push_str(rng.pick_str(&[
                            "。", "，", "；", "！", "？", ". ", ";", "\n", "：", "…", "",
                        ]));
                    }
                    remark
                }
            },
            Kind::FilingNumber => {
                let abbr = rng.pick(&c.abbrs).clone();
                let digits = rng.between(5, 11) as usize;
                let mut n = format!("{abbr}ICP备{}号", rng.digits(digits));
                if rng.chance(400) {
                    n.push_str(&format!("-{}", rng.between(0, 99)));
                    if rng.chance(300) {
                        n.push(*rng.pick(&['A', 'X', 'K', 'B']));
                    }
                }
                n
            }
            Kind::PackageName => match rng.below(4) {
                0 => format!("wx{}", rng.chars_from(b"0123456789abcdef", 16)),
                _ => {
                    let mut parts = vec![rng.pick(&["com", "cn", "org", "net", "io"]).to_string()];
                    for _ in 0..1 + rng.below(3) {
                        let n = 1 + rng.below(12);
                        parts.push(rng.chars_from(b"abcdefghijklmnopqrstuvwxyz0123456789_", n));
                    }
                    parts.join(".")
                }
            },
            Kind::Hex(n) => {
                let hex = rng.chars_from(b"0123456789abcdef", n);
                match rng.below(4) {
                    0 => hex.to_uppercase(),
                    1 => hex
                        .as_bytes()
                        .chunks(2)
                        .map(|p| String::from_utf8_lossy(p).into_owned())
                        .collect::<Vec<_>>()
                        .join(":"),
                    _ => hex,
                }
            }
            Kind::PublicKey => {
                let n = rng.between(64, 1200) as usize;
                match rng.below(2) {
                    0 => rng.chars_from(b"0123456789abcdef", n),
                    _ => rng.chars_from(
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
                        n,
                    ),
                }
            }
            Kind::PreApprovalNumber => {
                let digits = rng.between(3, 8) as usize;
                format!(
                    "{}{}第{}号",
                    rng.pick(&["京ICP证", "(京)网药械信息备字(", "粤网文[", "新出网证(", ""]),
                    rng.between(2000, 2030),
                    rng.digits(digits)
                )
            }
        }
    }

    /// A homepage made from a domain: `www.`, a scheme, a port, a path.
    fn decorate_domain(&mut self, domain: String) -> String {
        let rng = &mut *self.rng;
        let mut out = domain;
        if rng.chance(400) {
            out = format!("www.{out}");
        }
        if rng.chance(300) {
            out = format!(
                "{}{out}",
                rng.pick(&["http://", "https://", "HTTPS://", "ftp://", "//"])
            );
        }
        if rng.chance(100) {
            out.push_str(rng.pick_str(&[":8080", ":443", ":", ":99999"]));
        }
        if rng.chance(200) {
            out.push_str(rng.pick_str(&["/", "/index.html", "/?a=1#b", "/路径", "\\"]));
        }
        out
    }
}

/// The MOD 11-2 check character of 17 digits (GB 11643).
fn mod11_2(first17: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum();
    char::from(b"10X98765432"[(sum % 11) as usize])
}

/// A birth date as `YYYYMMDD`: mostly real, sometimes not a date or in the future.
fn birth_date(rng: &mut Rng) -> String {
    let year = match rng.below(10) {
        0 => rng.between(1890, 1939),
        1 => rng.between(2008, 2035),
        _ => rng.between(1940, 2007),
    };
    let month = if rng.chance(20) {
        rng.between(0, 13)
    } else {
        rng.between(1, 12)
    };
    let day = match rng.below(20) {
        0 => rng.between(29, 32),
        1 => 0,
        _ => rng.between(1, 28),
    };
    format!("{year:04}{month:02}{day:02}")
}

/// A resident ID number (or residence permit, prefix 81/82/83) with a real region code and,
/// mostly, the right check character.
fn resident_id(rng: &mut Rng, c: &Corpus, permit: bool) -> String {
    let region = match rng.below(20) {
        _ if permit => format!("{}0000", rng.pick(&["81", "82", "83"])),
        0..=13 if !c.districts.is_empty() => rng.pick(&c.districts).clone(),
        14..=17 => format!("{}{}", rng.pick(&PROVINCE_PREFIXES), rng.digits(4)),
        _ => rng.digits(6),
    };
    if rng.chance(30) {
        // A first-generation (15-digit) number.
        let date = birth_date(rng);
        return format!("{region}{}{}", &date[2..], rng.digits(3));
    }
    let first17 = format!("{region}{}{}", birth_date(rng), rng.digits(3));
    let check = if rng.chance(900) {
        mod11_2(&first17)
    } else {
        *rng.pick(&['0', '5', 'X', 'x'])
    };
    format!("{first17}{check}")
}

/// The GB 11714 check character of an organisation code's first 8 characters.
fn organization_check(first8: &str) -> char {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let value = |b: u8| match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'A'..=b'Z' => u32::from(b - b'A') + 10,
        _ => 0,
    };
    let sum: u32 = first8.bytes().zip(WEIGHTS).map(|(b, w)| value(b) * w).sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from(b'0' + n as u8),
    }
}

/// A unified social credit code with a real category and region and, mostly, the right
/// check characters (GB 32100 and the embedded GB 11714 organisation code).
fn uscc(rng: &mut Rng, c: &Corpus) -> String {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let category = *rng.pick(&[
        "91", "92", "93", "11", "12", "13", "19", "21", "31", "32", "33", "41", "51", "52", "53",
        "54", "59", "61", "71", "81", "A1", "N1", "N2", "Y1", "99", "00",
    ]);
    let region = if c.districts.is_empty() || rng.chance(100) {
        rng.digits(6)
    } else {
        rng.pick(&c.districts).clone()
    };
    let org8 = rng.chars_from(b"0123456789ABCDEFGHJKLMNPQRTUWXY", 8);
    let org9 = format!("{org8}{}", organization_check(&org8));
    let first17 = format!("{category}{region}{org9}");
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| ALPHABET.iter().position(|a| *a == b).unwrap_or(0) as u32 * w)
        .sum();
    let check = if rng.chance(900) {
        char::from(ALPHABET[((31 - sum % 31) % 31) as usize])
    } else {
        char::from(*rng.pick(ALPHABET))
    };
    format!("{first17}{check}")
}

/// A number with the shape of certificate type `ty` (any shape when the type is unknown).
fn certificate_number(rng: &mut Rng, c: &Corpus, ty: Option<CertificateType>) -> String {
    use CertificateType as T;
    let ty = match ty {
        Some(t) => t,
        None => *rng.pick(CertificateType::ALL),
    };
    match ty {
        T::ResidentId => resident_id(rng, c, false),
        T::HkMacaoTaiwanResidencePermit => resident_id(rng, c, true),
        T::Uscc => uscc(rng, c),
        T::HkMacaoPermit => {
            let n = *rng.pick(&[8, 10]);
            format!("{}{}", rng.pick(&["H", "M"]), rng.digits(n))
        }
        T::TaiwanPermit => match rng.below(3) {
            0 => format!(
                "{}{}",
                rng.chars_from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1),
                rng.digits(9)
            ),
            1 => rng.digits(10),
            _ => rng.digits(8),
        },
        T::Passport => format!("{}{}", rng.pick(&["E", "G", "P", "K", "X", "EA", ""]), {
            let n = rng.between(5, 12) as usize;
            rng.digits(n)
        }),
        T::ForeignPermanentResidentId => {
            if rng.chance(300) {
                format!(
                    "{}{}",
                    rng.pick(&["USA", "GBR", "FRA", "JPN", "KOR", "DEU"]),
                    rng.digits(12)
                )
            } else {
                let first17 = format!(
                    "9{}{}{}{}{}",
                    rng.pick(&["11", "31", "44", "99"]),
                    rng.digits(3),
                    birth_date(rng),
                    rng.digits(2),
                    rng.digits(1)
                );
                let check = if rng.chance(900) {
                    mod11_2(&first17)
                } else {
                    'X'
                };
                format!("{first17}{check}")
            }
        }
        T::OrganizationCode => {
            let org8 = rng.chars_from(b"0123456789ABCDEFGHJKLMNPQRTUWXY", 8);
            let sep = if rng.chance(500) { "-" } else { "" };
            format!("{org8}{sep}{}", organization_check(&org8))
        }
        T::BusinessLicense => {
            let n = *rng.pick(&[13, 15]);
            rng.digits(n)
        }
        T::MilitaryCode => format!("{}部队", rng.digits(5)),
        _ => match rng.below(3) {
            0 => uscc(rng, c),
            1 => {
                let n = rng.between(6, 20) as usize;
                format!(
                    "{}{}",
                    rng.pick(&["京", "沪", "粤", "A", ""]),
                    rng.digits(n)
                )
            }
            _ => {
                let n = rng.between(4, 24) as usize;
                rng.chars_from(b"0123456789ABCDEFGHJKLMNPQRTUWXY()-", n)
            }
        },
    }
}

/// A date as the form takes it (`YYYY-MM-DD`), mostly near the run's dates, sometimes in
/// another format or not a date.
fn date(rng: &mut Rng) -> String {
    let year = match rng.below(20) {
        0 => rng.between(0, 1999),
        1 => rng.between(2100, 9999),
        _ => rng.between(2000, 2060),
    };
    let month = if rng.chance(30) {
        rng.between(0, 13)
    } else {
        rng.between(1, 12)
    };
    let day = match rng.below(20) {
        0 => rng.between(29, 32),
        1 => 0,
        _ => rng.between(1, 28),
    };
    match rng.below(40) {
        0 => format!("{year}/{month}/{day}"),
        1 => format!("{year:04}{month:02}{day:02}"),
        2 => format!("{year}-{month}-{day}"),
        3 => format!("{year}年{month}月{day}日"),
        4 => format!("{year:04}-{month:02}-{day:02}T00:00:00+08:00"),
        5 => rng
            .pick(&["长期", "long-term", "LONGTERM", "9999-12-31", "0000-00-00"])
            .to_string(),
        _ => format!("{year:04}-{month:02}-{day:02}"),
    }
}

fn mobile(rng: &mut Rng) -> String {
    let number = format!("1{}{}", rng.between(3, 9), rng.digits(9));
    match rng.below(10) {
        0 => format!("+86 {}-{}-{}", &number[..3], &number[3..7], &number[7..]),
        1 => format!("0086{number}"),
        2 => format!("86{number}"),
        3 => format!("{} {} {}", &number[..3], &number[3..7], &number[7..]),
        4 => format!("+852 {}", rng.digits(8)),
        _ => number,
    }
}

fn landline(rng: &mut Rng) -> String {
    let area = *rng.pick(AREA_CODES);
    let n = if area.len() == 3 {
        8
    } else {
        *rng.pick(&[7, 8])
    };
    let local = rng.digits(n);
    let mut out = match rng.below(5) {
        0 => format!("({area}) {} {}", &local[..4], &local[4..]),
        1 => format!("{area}{local}"),
        _ => format!("{area}-{local}"),
    };
    if rng.chance(200) {
        out.push_str(&format!(
            "{}{}",
            rng.pick(&["转", "-", " ext ", "#", "ext.", "分机"]),
            {
                let n = 1 + rng.below(6);
                rng.digits(n)
            }
        ));
    }
    out
}

fn email(rng: &mut Rng, c: &Corpus) -> String {
    let n = 1 + rng.below(20);
    let local = match rng.below(10) {
        0 => "张伟".to_owned(),
        1 => format!("{}+tag", rng.chars_from(b"abc", 3)),
        _ => rng.chars_from(b"abcdefghijklmnopqrstuvwxyz0123456789._-", n),
    };
    let host = domain(rng, c);
    match rng.below(30) {
        0 => format!("{local}{host}"),
        1 => format!("{local}@@{host}"),
        2 => format!("{local}@{host}@{host}"),
        3 => format!("{local}＠{host}"),
        _ => format!("{local}@{host}"),
    }
}

/// A domain: ASCII, IDN or `xn--` labels under a fileable or refused TLD, sometimes with a
/// trailing dot, upper case, a wildcard or a full-width dot.
fn domain(rng: &mut Rng, c: &Corpus) -> String {
    let tld = match rng.below(10) {
        0..=6 if !c.tlds_fileable.is_empty() => rng.pick(&c.tlds_fileable).clone(),
        7 | 8 if !c.tlds_other.is_empty() => rng.pick(&c.tlds_other).clone(),
        _ => rng
            .pick(&[
                "com.cn",
                "gov.cn",
                "edu.cn",
                "org.cn",
                "io",
                "xn--fiqs8s",
                "中国",
                "公司",
                "co.uk",
            ])
            .to_string(),
    };
    let mut labels = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let label = match rng.below(20) {
            0..=1 => rng.pick(IDN_LABELS).to_string(),
            2 => {
                let n = 2 + rng.below(12);
                format!(
                    "xn--{}",
                    rng.chars_from(b"abcdefghijklmnopqrstuvwxyz0123456789", n)
                )
            }
            3 => {
                let n = 60 + rng.below(10);
                rng.chars_from(b"abcdefghijklmnopqrstuvwxyz0123456789-", n)
            }
            4 => format!("-{}", rng.chars_from(b"abc", 3)),
            5 => format!("{}-", rng.chars_from(b"abc", 3)),
            6 => "www".to_owned(),
            _ => {
                let n = 1 + rng.below(15);
                rng.chars_from(b"abcdefghijklmnopqrstuvwxyz0123456789-", n)
            }
        };
        labels.push(label);
    }
    // Only the last label is the registrable name: most domains have one or two.
    let keep = if rng.chance(700) { 1 } else { labels.len() };
    let mut out = labels[labels.len() - keep..].join(".");
    out.push('.');
    out.push_str(&tld);
    match rng.below(30) {
        0 => out.push('.'),
        1 => out = out.to_uppercase(),
        2 => out = format!("*.{out}"),
        3 => out = out.replace('.', "。"),
        4 => out = format!("{out}:80"),
        _ => {}
    }
    out
}

/// Changes `value` in place: each node with probability `rate`/1000.
fn mutate(value: &mut Value, key: &str, rng: &mut Rng, corpus: &Corpus, rate: u64, depth: u32) {
    let container = value.is_object() || value.is_array();
    // The filing itself stays an object (raw_json covers what is not); a list or an object
    // inside it rarely turns into something else.
    let odds = if container { rate / 10 } else { rate };
    if depth > 0 && rng.chance(odds) {
        *value = if container {
            random_json(rng, 2)
        } else {
            mutated_leaf(value, key, rng, corpus)
        };
        return;
    }
    match value {
        Value::Object(map) => {
            if rng.chance(rate / 4) && !map.is_empty() {
                let victim = map.keys().nth(rng.below(map.len())).cloned();
                if let Some(k) = victim {
                    map.remove(&k);
                }
            }
            if rng.chance(rate / 20) {
                map.insert(unicode(rng, 12), random_json(rng, 2));
            }
            for (k, v) in map.iter_mut() {
                mutate(v, k, rng, corpus, rate, depth + 1);
            }
        }
        Value::Array(items) => {
            if rng.chance(rate / 2) && !items.is_empty() {
                let i = rng.below(items.len());
                items.push(items[i].clone());
            }
            if rng.chance(rate / 3) && !items.is_empty() {
                let i = rng.below(items.len());
                items.remove(i);
            }
            if rng.chance(rate / 10) {
                // Many items: limits, numbering, merged issues.
                if let Some(first) = items.first().cloned() {
                    for _ in 0..rng.below(40) {
                        items.push(first.clone());
                    }
                }
            }
            for item in items.iter_mut() {
                mutate(item, key, rng, corpus, rate, depth + 1);
            }
        }
        _ => {}
    }
}

fn mutated_leaf(value: &Value, key: &str, rng: &mut Rng, corpus: &Corpus) -> Value {
    let same_key = corpus.by_key.get(key).filter(|v| !v.is_empty());
    match (value, rng.below(20)) {
        // What this field holds in another filing (another certificate type, province, …).
        (_, 0..=5) if same_key.is_some() => rng.pick(same_key.unwrap_or(&Vec::new())).clone(),
        (Value::String(s), 6..=11) => Value::String(near_miss(s, rng)),
        (Value::String(_), 12..=16) => Value::String(unicode(rng, 40)),
        (Value::String(_), 17) => Value::String(unicode(rng, 3000)),
        (Value::String(_), 18) => Value::String(String::new()),
        (_, 19) => random_json(rng, 2),
        (Value::String(_), _) => Value::String(unicode(rng, 40)),
        _ if same_key.is_some() => rng.pick(same_key.unwrap_or(&Vec::new())).clone(),
        _ => random_json(rng, 2),
    }
}

/// Arbitrary Unicode, up to `max` characters, from pools that stress text handling.
pub fn unicode(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    let mut out = String::with_capacity(len * 2);
    for _ in 0..len {
        let c = match rng.below(13) {
            0..=2 => char::from_u32(0x20 + rng.below(0x5f) as u32),
            3..=4 => char::from_u32(0x4e00 + rng.below(0x5200) as u32),
            5 => char::from_u32(0xff01 + rng.below(0x5e) as u32),
            6 => char::from_u32(0x300 + rng.below(0x70) as u32),
            7 => char::from_u32(0x590 + rng.below(0x170) as u32),
            8 => char::from_u32(0x1f300 + rng.below(0x800) as u32),
            9 => char::from_u32(*rng.pick(&[
                0, 9, 10, 13, 0x1b, 0x7f, 0x85, 0xa0, 0xad, 0x200b, 0x200d, 0x200e, 0x202e, 0x2028,
                0x2066, 0xfeff, 0xfffd, 0x3000, 0x30fb, 0xb7, 0xe0001, 0x10ffff,
            ])),
            10 => char::from_u32(rng.below(0x11_0000) as u32),
            11 => char::from_u32(*rng.pick(&[
                '@' as u32,
                '.' as u32,
                '-' as u32,
                '[' as u32,
                ']' as u32,
                '{' as u32,
                '}' as u32,
                '%' as u32,
                '\\' as u32,
                '"' as u32,
                0xff0e,
                0x3002,
                0xff20,
            ])),
            _ => char::from_u32(b"0123456789Xx-. "[rng.below(15)] as u32),
        };
        if let Some(c) = c {
            out.push(c);
        }
    }
    out
}

/// `text` with a change a filer (or a paste) could make.
pub fn near_miss(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = |rng: &mut Rng, n: usize| if n == 0 { 0 } else { rng.below(n) };
    match rng.below(13) {
        0 if !chars.is_empty() => {
            let i = at(rng, chars.len());
            chars[i] = char::from_u32(0x30 + rng.below(10) as u32).unwrap_or('0');
        }
        1 if chars.len() > 1 => {
            let i = at(rng, chars.len() - 1);
            chars.swap(i, i + 1);
        }
        2 if !chars.is_empty() => {
            let i = at(rng, chars.len());
            chars.remove(i);
        }
        3 => {
            let i = at(rng, chars.len() + 1);
            chars.insert(
                i,
                *rng.pick(&['0', 'x', ' ', '-', '中', '\u{3000}', 'é', '.', '\u{2014}']),
            );
        }
        // Full-width digits and letters.
        4 => {
            for c in chars.iter_mut() {
                if c.is_ascii_alphanumeric() {
                    *c = char::from_u32(*c as u32 + 0xfee0).unwrap_or(*c);
                }
            }
        }
        5 => chars = chars.iter().flat_map(|c| c.to_lowercase()).collect(),
        6 => chars = chars.iter().flat_map(|c| c.to_uppercase()).collect(),
        7 => {
            chars.insert(0, ' ');
            chars.push('\u{3000}');
        }
        8 => chars.truncate(at(rng, chars.len() + 1)),
        9 => return format!("xn--{text}"),
        10 => return text.repeat(1 + rng.below(20)),
        // Digits in groups, as on a card.
        11 => {
            let mut grouped = Vec::with_capacity(chars.len() + chars.len() / 4);
            for (i, c) in chars.iter().enumerate() {
                if i > 0 && i % 4 == 0 {
                    grouped.push(*rng.pick(&[' ', '-', '\u{3000}']));
                }
                grouped.push(*c);
            }
            chars = grouped;
        }
        _ => {
            let i = at(rng, chars.len() + 1);
            let extra: Vec<char> = unicode(rng, 4).chars().collect();
            chars.splice(i..i, extra);
        }
    }
    chars.into_iter().collect()
}

fn random_json(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth == 0 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(500)),
        2 => Value::from(rng.next() as i64),
        3 => serde_json::Number::from_f64(f64::from_bits(rng.next()))
            .map(Value::Number)
            .unwrap_or(Value::Null),
        4 => Value::String(unicode(rng, 20)),
        5 | 6 => Value::Array(
            (0..rng.below(4))
                .map(|_| random_json(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(4) {
                map.insert(unicode(rng, 8), random_json(rng, depth - 1));
            }
            Value::Object(map)
        }
    }
}

/// JSON text that is not a mutated filing: malformed, nested past any limit, odd numbers.
fn raw_json(rng: &mut Rng, corpus: &Corpus) -> String {
    let seed = rng.pick(&corpus.seeds).to_string();
    match rng.below(9) {
        0 => {
            let cut = rng.below(seed.len() + 1);
            seed.get(..cut).unwrap_or("").to_owned()
        }
        1 => format!(
            "{}{}{}",
            "[".repeat(rng.below(5000)),
            "1",
            "]".repeat(rng.below(5000))
        ),
        2 => {
            let deep = format!("{}{}", "{\"a\":".repeat(rng.below(400)), "1");
            format!("{{\"schemaVersion\":1,\"subject\":{{\"name\":{deep}}}}}")
        }
        3 => rng
            .pick(&[
                "{\"schemaVersion\":1e400,\"province\":-0,\"websites\":[1e-400]}",
                "{\"schemaVersion\":-1}",
                "{\"schemaVersion\":1.0}",
                "{\"schemaVersion\":18446744073709551616}",
                "{\"websites\":[{\"domains\":[\"a.cn\"]}],\"websites\":null}",
                "{\"subject\":{\"kind\":\"individual\",\"kind\":\"enterprise\"}}",
                "{\"province\":\"\\ud800\"}",
                "{\"province\":\"\\u0000\"}",
                "{}",
                "{\"apps\":{}}",
                "null",
                "\"{}\"",
                "[{}]",
                "",
                " \u{feff}{}",
            ])
            .to_string(),
        4 => seed.replacen('{', "{\"province\":\"110000\",\"province\":\"440000\",", 1),
        5 => unicode(rng, 200),
        6 => format!("{seed}{}", rng.pick(&["}", ",", " 1", "\n{}", "\u{0}"])),
        7 => {
            // Every string value of a seed replaced by one long string.
            let long = "\u{1f600}".repeat(rng.below(20_000));
            let mut value: Value = serde_json::from_str(&seed).unwrap_or(Value::Null);
            replace_strings(&mut value, &long);
            value.to_string()
        }
        _ => seed.replace("\":", &format!("\":{}", unicode(rng, 2))),
    }
}

/// Replaces every string value except the enums' (which would only fail to parse).
fn replace_strings(value: &mut Value, with: &str) {
    match value {
        Value::String(s) => *s = with.to_owned(),
        Value::Array(items) => items.iter_mut().for_each(|v| replace_strings(v, with)),
        Value::Object(map) => map
            .iter_mut()
            .filter(|(k, _)| !matches!(k.as_str(), "filingType" | "kind" | "type"))
            .for_each(|(_, v)| replace_strings(v, with)),
        _ => {}
    }
}
