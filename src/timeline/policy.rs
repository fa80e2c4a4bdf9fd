//! The review policy: how long each stage takes, as data.
//!
//! Defaults come from `data/review-policy.json` (docs/sources.md §1.2 and §11), compiled with the
//! rule data (`crate::ruledata`, whose schema describes it) and embedded; every figure carries a
//! source tag. Provinces override single figures, keyed by their 6-digit GB/T 2260 province code.
//! A provider overrides any figure with its own SLA ([`ReviewPolicy::with_overrides`]) using the
//! same JSON shape: objects are merged key by key, and a figure (`{days, source}`) given in the
//! override replaces the default figure whole. The widget gets a provider's policy compiled,
//! under `reviewPolicy` in its compiled rule data, so it never reads policy JSON.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Stage;
use crate::ruledata::RuleData;

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
    /// The embedded default policy (`data/review-policy.json`, decoded with the rule data).
    pub fn embedded() -> &'static ReviewPolicy {
        RuleData::embedded().review_policy()
    }

    /// Reads and validates a complete policy document.
    ///
    /// # Errors
    ///
    /// [`PolicyError`] describing the first problem found.
    pub fn from_json(json: &str) -> Result<Self, PolicyError> {
        let policy: Self = serde_json::from_str(json).map_err(malformed)?;
        policy.validate()?;
        Ok(policy)
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
        let merged: Self = serde_json::from_value(base).map_err(malformed)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_policy_is_the_policy_file() {
        let file = include_str!("../../data/review-policy.json");
        assert_eq!(
            ReviewPolicy::embedded(),
            &ReviewPolicy::from_json(file).unwrap()
        );
    }

    #[test]
    fn documents_of_another_shape_are_refused() {
        let wrong = [
            r#"{"version": 1}"#,
            r#"{"workingHours": {"start": "9"}}"#,
            r#"{"stages": {"providerReview": {"min": {"days": -1}}}}"#,
            r#"{"provinces": {"330000": {"nme": "x"}}}"#,
            r#"{"stagez": {}}"#,
            "[]",
        ];
        for text in wrong {
            let err = ReviewPolicy::embedded().with_overrides(text).unwrap_err();
            assert!(
                matches!(err, PolicyError::Malformed { .. }),
                "{text}: {err}"
            );
        }
    }
}
