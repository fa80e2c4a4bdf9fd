//! The review policy: how long each stage takes, as data.
//!
//! Defaults come from `data/review-policy.json` (docs/sources.md §1.2 and §11), embedded at compile
//! time; every figure carries a source tag. Provinces override single figures, keyed by their
//! 6-digit GB/T 2260 province code. A provider can override any figure with its own SLA at run
//! time ([`ReviewPolicy::with_overrides`]) using the same JSON shape: objects are merged key by
//! key, and a figure (`{days, source}`) given in the override replaces the default figure whole.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json::{self, Fields};
use super::Stage;

/// `data/review-policy.json` as `build.rs` streams it (see [`decode_stream`]).
static EMBEDDED_STREAM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/review_policy.bin"));

/// Largest number of working days a figure may have (a year of working days).
const MAX_FIGURE_DAYS: u32 = 250;

/// Source tag given to a provider figure that does not name its own source.
pub const PROVIDER_SOURCE: &str = "provider override";

/// Why a policy document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// Not JSON, or not the policy shape (unknown keys are refused to catch typos).
    #[error("review policy is not valid: {message}")]
    Malformed {
        /// What the JSON reader found wrong.
        message: String,
    },
    /// A province key is not a province-level GB/T 2260 code (`NN0000`).
    #[error("review policy: province key {key:?} must be a 6-digit province code ending in 0000, e.g. \"330000\"")]
    InvalidProvinceKey {
        /// The key as written.
        key: String,
    },
    /// After applying province overrides, a stage's figures are not `min <= typical <= max`.
    #[error("review policy: {stage} in {scope}: figures must satisfy min <= typical <= max, got {min} / {typical} / {max}")]
    Inconsistent {
        /// `default` or the province code.
        scope: String,
        /// The stage.
        stage: Stage,
        /// Minimum working days.
        min: u32,
        /// Typical working days.
        typical: u32,
        /// Maximum working days.
        max: u32,
    },
    /// A figure or value is out of its allowed bounds.
    #[error("review policy: {what} = {value} is out of bounds ({bounds})")]
    OutOfBounds {
        /// Which value.
        what: String,
        /// Its value.
        value: u32,
        /// The allowed range, in words.
        bounds: &'static str,
    },
    /// Working hours must start before they end.
    #[error("review policy: working hours must start before they end")]
    WorkingHours,
    /// A figure has an empty source tag.
    #[error("review policy: {what} has an empty source")]
    EmptySource {
        /// Which figure.
        what: String,
    },
}

/// A number of working days with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Figure {
    /// Working days.
    pub days: u32,
    /// Where the figure comes from, e.g. `"§1.2 [S1]"` (shared: estimates copy
    /// figures without copying the text).
    #[serde(with = "shared_str")]
    pub source: Arc<str>,
    /// The source is old (e.g. a deprecated provider page): the estimate says so.
    #[serde(default, skip_serializing_if = "is_false")]
    pub stale: bool,
    /// A maintainer's note (not shown to filers).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "shared_str::option"
    )]
    pub note: Option<Arc<str>>,
}

/// Serde for `Arc<str>` as a plain string (serde's `rc` feature is not enabled).
mod shared_str {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
        String::deserialize(d).map(Arc::from)
    }

    pub mod option {
        use std::sync::Arc;

        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(value: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(text) => s.serialize_some(&**text),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Arc<str>>, D::Error> {
            Option::<String>::deserialize(d).map(|text| text.map(Arc::from))
        }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A value that is not a day count (hours, a legal limit) with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourcedValue {
    /// The value.
    pub value: u32,
    /// Where it comes from.
    pub source: String,
}

/// A stage's minimum, typical and maximum duration in working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StageDurations {
    /// The fastest seen or published.
    pub min: Figure,
    /// What usually happens: the "likely" path of an estimate.
    pub typical: Figure,
    /// The published maximum: the "late" path of an estimate.
    pub max: Figure,
}

/// Durations of the working-day stages (the SMS stage is in calendar hours, see
/// [`ReviewPolicy::sms_window_hours`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StageTable {
    /// 初审.
    pub provider_review: StageDurations,
    /// Provider → 管局.
    pub submission: StageDurations,
    /// 管局审核.
    pub bureau_review: StageDurations,
    /// Result sync to the provider's console.
    pub result_sync: StageDurations,
}

/// Some of a stage's figures (a province or provider override).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartialDurations {
    /// Overrides the minimum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Figure>,
    /// Overrides the typical figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typical: Option<Figure>,
    /// Overrides the maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Figure>,
}

/// Overrides for some stages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PartialStageTable {
    /// 初审.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_review: Option<PartialDurations>,
    /// Provider → 管局.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission: Option<PartialDurations>,
    /// 管局审核.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bureau_review: Option<PartialDurations>,
    /// Result sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_sync: Option<PartialDurations>,
}

/// One province's overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProvincePolicy {
    /// The province's short name (for people reading the file).
    #[serde(default)]
    pub name: String,
    /// Figures that differ from the defaults.
    #[serde(default)]
    pub stages: PartialStageTable,
}

/// The provider's working hours (CST): a submission at or after `end`, or on a day off, starts
/// on the next working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkingHours {
    /// Start of the working day, `HH:MM`.
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    /// End of the working day, `HH:MM` (exclusive).
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
}

impl Default for WorkingHours {
    /// 09:00–18:00.
    fn default() -> Self {
        Self {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
        }
    }
}

mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::dates::format_time(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        crate::dates::parse_time(text.trim())
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a time of day HH:MM")))
    }
}

/// Stage durations, limits and province overrides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewPolicy {
    /// Which edition of the figures this is.
    #[serde(default)]
    pub version: String,
    /// Default provider working hours.
    #[serde(default)]
    pub working_hours: WorkingHours,
    /// The MIIT SMS window in calendar hours (24).
    pub sms_window_hours: SourcedValue,
    /// The legal maximum of the 管局 review in working days after receipt (20).
    pub bureau_legal_max_working_days: SourcedValue,
    /// Default figures.
    pub stages: StageTable,
    /// Overrides keyed by province code (`"330000"`).
    #[serde(default)]
    pub provinces: BTreeMap<String, ProvincePolicy>,
}

impl Default for ReviewPolicy {
    /// The embedded policy (same as [`ReviewPolicy::embedded`]).
    fn default() -> Self {
        Self::embedded().clone()
    }
}

/// Which figures of a stage a province changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Overridden {
    pub min: bool,
    pub typical: bool,
    pub max: bool,
}

impl ReviewPolicy {
    /// The embedded default policy (`data/review-policy.json`).
    pub fn embedded() -> &'static ReviewPolicy {
        static POLICY: OnceLock<ReviewPolicy> = OnceLock::new();
        POLICY.get_or_init(|| {
            // Fixed at compile time and checked by the test suite.
            decode_stream(EMBEDDED_STREAM)
                .ok_or_else(|| "does not decode".to_owned())
                .and_then(|value| Self::from_value(&value).map_err(|e| e.to_string()))
                .unwrap_or_else(|e| panic!("embedded data/review-policy.json: {e}"))
        })
    }

    /// Reads and validates a complete policy document.
    ///
    /// # Errors
    ///
    /// [`PolicyError`] describing the first problem found.
    pub fn from_json(json: &str) -> Result<Self, PolicyError> {
        let value: Value = serde_json::from_str(json).map_err(malformed)?;
        let policy = Self::from_value(&value)?;
        policy.validate()?;
        Ok(policy)
    }

    /// Reads a policy document already parsed as JSON, checking its shape only (unknown keys
    /// are refused; [`ReviewPolicy::validate`] checks the figures).
    ///
    /// # Errors
    ///
    /// [`PolicyError::Malformed`] naming the key at fault.
    pub fn from_value(value: &Value) -> Result<Self, PolicyError> {
        read_policy(value).map_err(|message| PolicyError::Malformed { message })
    }

    /// This policy with a provider's overrides applied. The override has the same shape as the
    /// policy file, with every key optional, e.g.
    /// `{"stages": {"providerReview": {"max": {"days": 3, "source": "our SLA"}}}}` or
    /// `{"provinces": {"440000": {"stages": {"bureauReview": {"typical": {"days": 4}}}}}}`.
    /// A figure without a `source` gets [`PROVIDER_SOURCE`].
    ///
    /// # Errors
    ///
    /// [`PolicyError`] when the override is not JSON, has unknown keys, or makes the policy
    /// inconsistent. `self` is never changed.
    pub fn with_overrides(&self, json: &str) -> Result<Self, PolicyError> {
        let overlay: Value = serde_json::from_str(json).map_err(malformed)?;
        self.with_overrides_value(overlay)
    }

    /// [`ReviewPolicy::with_overrides`] for an override already read as JSON data.
    ///
    /// # Errors
    ///
    /// As [`ReviewPolicy::with_overrides`], except for malformed JSON text.
    pub fn with_overrides_value(&self, overlay: Value) -> Result<Self, PolicyError> {
        if !overlay.is_object() {
            return Err(PolicyError::Malformed {
                message: "the override must be a JSON object".to_owned(),
            });
        }
        let mut base = serde_json::to_value(self).map_err(malformed)?;
        merge(&mut base, overlay);
        let merged = Self::from_value(&base)?;
        merged.validate()?;
        Ok(merged)
    }

    /// Checks bounds, sources, province keys and `min <= typical <= max` everywhere.
    ///
    /// # Errors
    ///
    /// The first [`PolicyError`] found.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if self.working_hours.start >= self.working_hours.end {
            return Err(PolicyError::WorkingHours);
        }
        bounded(
            "smsWindowHours",
            self.sms_window_hours.value,
            1,
            168,
            "1..=168",
        )?;
        bounded(
            "bureauLegalMaxWorkingDays",
            self.bureau_legal_max_working_days.value,
            1,
            MAX_FIGURE_DAYS,
            "1..=250",
        )?;
        for (what, source) in [
            ("smsWindowHours", &self.sms_window_hours.source),
            (
                "bureauLegalMaxWorkingDays",
                &self.bureau_legal_max_working_days.source,
            ),
        ] {
            if source.trim().is_empty() {
                return Err(PolicyError::EmptySource {
                    what: what.to_owned(),
                });
            }
        }
        for key in self.provinces.keys() {
            let ok =
                key.len() == 6 && key.bytes().all(|b| b.is_ascii_digit()) && key.ends_with("0000");
            if !ok {
                return Err(PolicyError::InvalidProvinceKey { key: key.clone() });
            }
        }
        let scopes = std::iter::once(None).chain(self.provinces.keys().map(|k| Some(k.as_str())));
        for scope in scopes {
            for stage in Stage::ALL {
                let Some((durations, _)) = self.durations(scope, stage) else {
                    continue;
                };
                let label = scope.unwrap_or("default");
                for (name, figure) in [
                    ("min", &durations.min),
                    ("typical", &durations.typical),
                    ("max", &durations.max),
                ] {
                    let what = format!("{label}.{stage}.{name}");
                    bounded(&what, figure.days, 0, MAX_FIGURE_DAYS, "0..=250")?;
                    if figure.source.trim().is_empty() {
                        return Err(PolicyError::EmptySource { what });
                    }
                }
                if !(durations.min.days <= durations.typical.days
                    && durations.typical.days <= durations.max.days)
                {
                    return Err(PolicyError::Inconsistent {
                        scope: label.to_owned(),
                        stage,
                        min: durations.min.days,
                        typical: durations.typical.days,
                        max: durations.max.days,
                    });
                }
            }
        }
        Ok(())
    }

    /// The default figures of a working-day stage (`None` for the SMS stage).
    pub fn default_durations(&self, stage: Stage) -> Option<&StageDurations> {
        match stage {
            Stage::ProviderReview => Some(&self.stages.provider_review),
            Stage::Submission => Some(&self.stages.submission),
            Stage::SmsVerification => None,
            Stage::BureauReview => Some(&self.stages.bureau_review),
            Stage::ResultSync => Some(&self.stages.result_sync),
        }
    }

    /// The figures that apply to `stage` in `province` (a province-level key such as
    /// `"330000"`, or `None` for the defaults); `None` for the SMS stage.
    pub fn stage_durations(&self, province: Option<&str>, stage: Stage) -> Option<StageDurations> {
        self.durations(province, stage).map(|(d, _)| d)
    }

    /// Which figures of `stage` the province overrides (no cloning).
    pub(crate) fn overridden(&self, province: &str, stage: Stage) -> Overridden {
        self.provinces
            .get(province)
            .and_then(|p| p.stages.get(stage))
            .map(|partial| Overridden {
                min: partial.min.is_some(),
                typical: partial.typical.is_some(),
                max: partial.max.is_some(),
            })
            .unwrap_or_default()
    }

    pub(crate) fn durations(
        &self,
        province: Option<&str>,
        stage: Stage,
    ) -> Option<(StageDurations, Overridden)> {
        let mut durations = self.default_durations(stage)?.clone();
        let mut overridden = Overridden::default();
        let partial = province
            .and_then(|key| self.provinces.get(key))
            .and_then(|p| p.stages.get(stage));
        if let Some(partial) = partial {
            if let Some(f) = &partial.min {
                durations.min = f.clone();
                overridden.min = true;
            }
            if let Some(f) = &partial.typical {
                durations.typical = f.clone();
                overridden.typical = true;
            }
            if let Some(f) = &partial.max {
                durations.max = f.clone();
                overridden.max = true;
            }
        }
        Some((durations, overridden))
    }
}

impl PartialStageTable {
    /// The override for one stage, if any.
    pub fn get(&self, stage: Stage) -> Option<&PartialDurations> {
        match stage {
            Stage::ProviderReview => self.provider_review.as_ref(),
            Stage::Submission => self.submission.as_ref(),
            Stage::SmsVerification => None,
            Stage::BureauReview => self.bureau_review.as_ref(),
            Stage::ResultSync => self.result_sync.as_ref(),
        }
    }
}

/// Rebuilds a JSON value from the tagged stream `build.rs` writes (0 null, 1 false, 2 true,
/// 3 LEB128 integer, 4 string, 5 list, 6 object); `None` unless the stream is exactly one
/// value.
fn decode_stream(mut bytes: &[u8]) -> Option<Value> {
    fn uint(bytes: &mut &[u8]) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = bytes.split_first()?;
            *bytes = rest;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }
    fn text(bytes: &mut &[u8]) -> Option<String> {
        let len = usize::try_from(uint(bytes)?).ok()?;
        let (head, rest) = bytes.split_at_checked(len)?;
        *bytes = rest;
        String::from_utf8(head.to_vec()).ok()
    }
    fn value(bytes: &mut &[u8], depth: u32) -> Option<Value> {
        let (&tag, rest) = bytes.split_first()?;
        *bytes = rest;
        if depth > 32 {
            return None;
        }
        Some(match tag {
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => Value::from(uint(bytes)?),
            4 => Value::String(text(bytes)?),
            5 => {
                let n = uint(bytes)?;
                let mut items = Vec::new();
                for _ in 0..n {
                    items.push(value(bytes, depth + 1)?);
                }
                Value::Array(items)
            }
            6 => {
                let n = uint(bytes)?;
                let mut map = serde_json::Map::new();
                for _ in 0..n {
                    let key = text(bytes)?;
                    map.insert(key, value(bytes, depth + 1)?);
                }
                Value::Object(map)
            }
            _ => return None,
        })
    }
    let decoded = value(&mut bytes, 0)?;
    bytes.is_empty().then_some(decoded)
}

fn malformed(e: serde_json::Error) -> PolicyError {
    PolicyError::Malformed {
        message: e.to_string(),
    }
}

fn bounded(
    what: &str,
    value: u32,
    lo: u32,
    hi: u32,
    bounds: &'static str,
) -> Result<(), PolicyError> {
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(PolicyError::OutOfBounds {
            what: what.to_owned(),
            value,
            bounds,
        })
    }
}

/// Deep merge: objects key by key; a figure object (one with `days`) replaces the old figure
/// whole, getting [`PROVIDER_SOURCE`] when it names no source; anything else replaces.
fn merge(base: &mut Value, overlay: Value) {
    let Value::Object(overlay_map) = overlay else {
        *base = overlay;
        return;
    };
    if overlay_map.contains_key("days") {
        let mut figure = overlay_map;
        figure
            .entry("source")
            .or_insert_with(|| Value::String(PROVIDER_SOURCE.to_owned()));
        *base = Value::Object(figure);
        return;
    }
    if !base.is_object() {
        *base = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(base_map) = base {
        for (key, value) in overlay_map {
            merge(base_map.entry(key).or_insert(Value::Null), value);
        }
    }
}

// ---- reading the policy format (see `super::json`) ---------------------------------------

const STAGE_KEYS: [&str; 4] = ["providerReview", "submission", "bureauReview", "resultSync"];
const FIGURE_KEYS: [&str; 3] = ["min", "typical", "max"];

fn read_policy(value: &Value) -> Result<ReviewPolicy, String> {
    let o = Fields::of(
        value,
        "policy",
        Some(&[
            "version",
            "workingHours",
            "smsWindowHours",
            "bureauLegalMaxWorkingDays",
            "stages",
            "provinces",
        ]),
    )?;
    let sourced = |key| -> Result<SourcedValue, String> {
        let f = Fields::of(o.required(key)?, key, Some(&["value", "source"]))?;
        Ok(SourcedValue {
            value: f.u32("value")?,
            source: f.str("source")?.to_owned(),
        })
    };
    let s = Fields::of(o.required("stages")?, "stages", Some(&STAGE_KEYS))?;
    let durations = |key| -> Result<StageDurations, String> {
        let f = Fields::of(s.required(key)?, key, Some(&FIGURE_KEYS))?;
        Ok(StageDurations {
            min: figure(f.required("min")?, "min")?,
            typical: figure(f.required("typical")?, "typical")?,
            max: figure(f.required("max")?, "max")?,
        })
    };
    let mut provinces = BTreeMap::new();
    if let Some(map) = o.get("provinces") {
        let map = map
            .as_object()
            .ok_or_else(|| json::expected("provinces", "an object keyed by province code"))?;
        for (code, entry) in map {
            provinces.insert(code.clone(), province(entry, code)?);
        }
    }
    Ok(ReviewPolicy {
        version: match o.get("version") {
            Some(v) => json::str(v, "version")?.to_owned(),
            None => String::new(),
        },
        working_hours: match o.get("workingHours") {
            Some(v) => json::working_hours(v)?,
            None => WorkingHours::default(),
        },
        sms_window_hours: sourced("smsWindowHours")?,
        bureau_legal_max_working_days: sourced("bureauLegalMaxWorkingDays")?,
        stages: StageTable {
            provider_review: durations("providerReview")?,
            submission: durations("submission")?,
            bureau_review: durations("bureauReview")?,
            result_sync: durations("resultSync")?,
        },
        provinces,
    })
}

fn figure(value: &Value, key: &str) -> Result<Figure, String> {
    let f = Fields::of(value, key, Some(&["days", "source", "stale", "note"]))?;
    Ok(Figure {
        days: f.u32("days")?,
        source: Arc::from(f.str("source")?),
        stale: match f.get("stale") {
            Some(v) => json::bool(v, "stale")?,
            None => false,
        },
        note: f
            .get("note")
            .map(|v| json::str(v, "note"))
            .transpose()?
            .map(Arc::from),
    })
}

fn partial_figures(value: &Value, key: &str) -> Result<PartialDurations, String> {
    let f = Fields::of(value, key, Some(&FIGURE_KEYS))?;
    let read = |key| f.get(key).map(|v| figure(v, key)).transpose();
    Ok(PartialDurations {
        min: read("min")?,
        typical: read("typical")?,
        max: read("max")?,
    })
}

fn province(value: &Value, code: &str) -> Result<ProvincePolicy, String> {
    let f = Fields::of(value, code, Some(&["name", "stages"]))?;
    let mut stages = PartialStageTable::default();
    if let Some(v) = f.get("stages") {
        let s = Fields::of(v, "stages", Some(&STAGE_KEYS))?;
        let read = |key| s.get(key).map(|v| partial_figures(v, key)).transpose();
        stages = PartialStageTable {
            provider_review: read("providerReview")?,
            submission: read("submission")?,
            bureau_review: read("bureauReview")?,
            result_sync: read("resultSync")?,
        };
    }
    Ok(ProvincePolicy {
        name: match f.get("name") {
            Some(v) => json::str(v, "name")?.to_owned(),
            None => String::new(),
        },
        stages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMBEDDED_POLICY: &str = include_str!("../../data/review-policy.json");

    #[test]
    fn the_build_stream_is_the_policy_file() {
        let file: Value = serde_json::from_str(EMBEDDED_POLICY).unwrap();
        assert_eq!(decode_stream(EMBEDDED_STREAM), Some(file));
        assert_eq!(
            ReviewPolicy::embedded(),
            &ReviewPolicy::from_json(EMBEDDED_POLICY).unwrap()
        );
        for len in [0, 1, EMBEDDED_STREAM.len() / 2, EMBEDDED_STREAM.len() - 1] {
            assert_eq!(decode_stream(&EMBEDDED_STREAM[..len]), None, "{len} bytes");
        }
    }

    #[test]
    fn hand_reader_agrees_with_the_derived_deserialize() {
        let derived: ReviewPolicy = serde_json::from_str(EMBEDDED_POLICY).expect("derive reads it");
        assert_eq!(&derived, ReviewPolicy::embedded());
        let full = serde_json::to_value(&derived).expect("serializes");
        assert_eq!(ReviewPolicy::from_value(&full), Ok(derived));

        let minimal = serde_json::json!({
            "smsWindowHours": {"value": 24, "source": "s"},
            "bureauLegalMaxWorkingDays": {"value": 20, "source": "s"},
            "stages": {
                "providerReview": {
                    "min": {"days": 1, "source": "a"},
                    "typical": {"days": 1, "source": "b", "stale": true},
                    "max": {"days": 2, "source": "c", "note": "n"}
                },
                "submission": {
                    "min": {"days": 1, "source": "a"},
                    "typical": {"days": 1, "source": "a"},
                    "max": {"days": 1, "source": "a"}
                },
                "bureauReview": {
                    "min": {"days": 1, "source": "a"},
                    "typical": {"days": 5, "source": "a"},
                    "max": {"days": 20, "source": "a"}
                },
                "resultSync": {
                    "min": {"days": 0, "source": "a"},
                    "typical": {"days": 1, "source": "a"},
                    "max": {"days": 2, "source": "a", "note": null}
                }
            },
            "provinces": {"330000": {"stages": {"bureauReview": {"max": {"days": 30, "source": "t"}}}}}
        });
        let derived = ReviewPolicy::deserialize(&minimal).expect("derive reads it");
        assert_eq!(ReviewPolicy::from_value(&minimal), Ok(derived));

        let wrong = [
            serde_json::json!({"version": 1}),
            serde_json::json!({"workingHours": {"start": "9"}}),
            serde_json::json!({"stages": {"providerReview": {"min": {"days": -1}}}}),
            serde_json::json!({"provinces": {"330000": {"nme": "x"}}}),
            serde_json::json!([]),
        ];
        for value in wrong {
            let mut doc = minimal.clone();
            match value {
                Value::Object(map) => {
                    for (k, v) in map {
                        doc[k] = v;
                    }
                }
                other => doc = other,
            }
            assert!(ReviewPolicy::deserialize(&doc).is_err(), "{doc}");
            assert!(
                matches!(
                    ReviewPolicy::from_value(&doc),
                    Err(PolicyError::Malformed { .. })
                ),
                "{doc}"
            );
        }
    }
}
