//! Generated filings for the fuzz runs of the shared rules (`tests/fuzz_short.rs`, and
//! `examples/fuzz_rules.rs` for the long run), and the checks every one of them goes through.
//!
//! A case starts from one of the project's own filings (`tests/fixtures`, the realistic corpus
//! and the one-code-per-file set) and mutates it: string values are replaced by arbitrary
//! Unicode (controls, combining marks, right-to-left text, astral characters, long runs), by
//! near misses of what was there (one character changed, digits full-width, a lower-case `x`,
//! spaces, `xn--` labels), or by what the same field holds in another filing; any value may
//! become another JSON type; keys vanish or appear; lists grow, shrink or empty. A few cases
//! are raw JSON text (malformed, deeply nested, huge numbers, duplicate keys). Every case is
//! deterministic from its seed, so a finding can be replayed.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Duration, NaiveDate};
use icp_filing::calendar::HolidayCalendar;
use icp_filing::hints::{province_hint, province_notes, HintField};
use icp_filing::materials::{material_text, materials};
use icp_filing::messages::{Locale, CATALOGUE};
use icp_filing::model::parse_filing;
use icp_filing::report::Severity;
use icp_filing::ruledata::RuleData;
use icp_filing::rules::{normalize, validate, RuleContext};
use icp_filing::timeline::{estimate, EstimateInput, ReviewPolicy};
use serde_json::{Map, Value};

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

    /// `true` with probability `per_mille`/1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed filings and, per key, every leaf value the seeds hold under that key.
pub struct Corpus {
    seeds: Vec<Value>,
    by_key: BTreeMap<String, Vec<Value>>,
}

impl Corpus {
    /// Every filing under `tests/fixtures` (a filing, or an envelope with `filing`).
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
        Self { seeds, by_key }
    }

    pub fn seeds(&self) -> usize {
        self.seeds.len()
    }

    /// Case `index` of the run seeded with `seed`: the JSON text a client could send.
    pub fn case(&self, seed: u64, index: u64) -> String {
        let mut rng = Rng::new(seed ^ index.wrapping_mul(0xa076_1d64_78bd_642f));
        if rng.chance(30) {
            return raw_json(&mut rng, self);
        }
        let mut filing = rng.pick(&self.seeds).clone();
        // Most cases change a little (the rules run deep); some change a lot.
        let rate = *rng.pick(&[10, 30, 80, 200]);
        mutate(&mut filing, "", &mut rng, self, rate, 0);
        filing.to_string()
    }
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
        let c = match rng.below(12) {
            0..=2 => char::from_u32(0x20 + rng.below(0x5f) as u32),
            3..=4 => char::from_u32(0x4e00 + rng.below(0x5200) as u32),
            5 => char::from_u32(0xff01 + rng.below(0x5e) as u32),
            6 => char::from_u32(0x300 + rng.below(0x70) as u32),
            7 => char::from_u32(0x590 + rng.below(0x170) as u32),
            8 => char::from_u32(0x1f300 + rng.below(0x800) as u32),
            9 => char::from_u32(*rng.pick(&[
                0, 9, 10, 13, 0x7f, 0x85, 0xa0, 0x200b, 0x200d, 0x200e, 0x202e, 0x2028, 0xfeff,
                0xfffd, 0x3000,
            ])),
            10 => char::from_u32(rng.below(0x11_0000) as u32),
            _ => char::from_u32(b"0123456789Xx-. "[rng.below(15)] as u32),
        };
        if let Some(c) = c {
            out.push(c);
        }
    }
    out
}

/// `text` with a change a filer (or a paste) could make.
fn near_miss(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = |rng: &mut Rng, n: usize| if n == 0 { 0 } else { rng.below(n) };
    match rng.below(12) {
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
                *rng.pick(&['0', 'x', ' ', '-', '中', '\u{3000}', 'é', '.']),
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
    match rng.below(7) {
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
        3 => "{\"schemaVersion\":1e400,\"province\":-0,\"websites\":[1e-400]}".to_owned(),
        4 => seed.replacen('{', "{\"province\":\"110000\",\"province\":\"440000\",", 1),
        5 => unicode(rng, 200),
        _ => seed.replace("\":", &format!("\":{}", unicode(rng, 2))),
    }
}

/// What one case did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    /// The text parsed as a filing (so the rules ran on it).
    pub parsed: bool,
    /// Issues found on the filing and on its normalised form.
    pub issues: usize,
}

/// Everything the widget and the receiver call on a filing, with the invariants that must
/// hold whatever it holds. `Err` names a broken invariant (a panic is the caller's to catch).
pub fn exercise(text: &str, variant: u64) -> Result<Outcome, String> {
    let Ok(filing) = parse_filing(text) else {
        return Ok(Outcome::default());
    };
    let data = RuleData::embedded();
    let locale = if variant.is_multiple_of(2) {
        Locale::ZhCn
    } else {
        Locale::En
    };
    let today = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
        + Duration::days((variant % 1500) as i64);
    let ctx = RuleContext::new(today).with_locale(locale);
    let report = validate(&filing, &ctx);
    let acknowledged = |key: &String| filing.acknowledged_warnings.contains(key);
    let expected_ok = report
        .issues
        .iter()
        .all(|i| i.severity == Severity::Warning && acknowledged(&i.acknowledgement_key()));
    if report.ok != expected_ok {
        return Err(format!(
            "report.ok is {} but the issues say {expected_ok}",
            report.ok
        ));
    }
    for issue in &report.issues {
        if !CATALOGUE.iter().any(|c| c.0 == issue.code) {
            return Err(format!("issue code {} is not in the catalogue", issue.code));
        }
        if issue.message.trim().is_empty() {
            return Err(format!("issue {} has an empty message", issue.code));
        }
        if issue.path.is_empty() {
            return Err(format!("issue {} has no path", issue.code));
        }
    }
    let normalized = normalize(&filing);
    if normalize(&normalized) != normalized {
        return Err("normalize is not idempotent".to_owned());
    }
    let again = validate(&normalized, &ctx);
    let round_trip = serde_json::to_string(&normalized).map_err(|e| e.to_string())?;
    if parse_filing(&round_trip).is_err() {
        return Err("a normalised filing does not parse back".to_owned());
    }
    if let Some(ty) = filing.filing_type {
        let at = today.and_hms_opt(10, 0, 0).unwrap_or_default();
        let input = EstimateInput::new(ty, &filing.province, at);
        let _ = estimate(
            &input,
            ReviewPolicy::embedded(),
            HolidayCalendar::official_ref(),
        );
    }
    for material in materials(&filing, data) {
        let (title, _) = material_text(&material, locale);
        if title.trim().is_empty() {
            return Err(format!("material {} has no title", material.code));
        }
    }
    let kind = filing.subject.kind;
    for field in [
        HintField::Mobile,
        HintField::OfficePhone,
        HintField::AddressDetail,
        HintField::WebsiteName,
        HintField::Domains,
    ] {
        let _ = province_hint(field, &filing.province, kind, data, locale);
    }
    let _ = province_notes(&filing.province, kind, filing.filing_type, data);
    Ok(Outcome {
        parsed: true,
        issues: report.issues.len() + again.issues.len(),
    })
}
