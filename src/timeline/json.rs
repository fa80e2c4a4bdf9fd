//! Reading the timeline's JSON formats (estimate and progress inputs) from a
//! parsed `serde_json::Value` by hand: in the wasm build a fraction of the code that derived
//! `Deserialize` impls instantiate for `serde_json` (`#[serde(flatten)]` especially).
//! Messages name the key at fault.

use chrono::{NaiveDateTime, NaiveTime};
use serde_json::{Map, Value};

use super::policy::WorkingHours;

/// The keys of one JSON object.
pub(super) struct Fields<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    /// `value` as an object, `name` being its key (for messages). With `known`, any other
    /// key is refused.
    pub fn of(value: &'a Value, name: &str, known: Option<&[&str]>) -> Result<Self, String> {
        let map = value
            .as_object()
            .ok_or_else(|| expected(name, "an object"))?;
        if let Some(known) = known {
            if let Some(key) = map.keys().find(|k| !known.contains(&k.as_str())) {
                return Err(format!(
                    "unknown field `{key}` in `{name}`, expected one of {}",
                    known.join(", ")
                ));
            }
        }
        Ok(Self { map })
    }

    /// The value of `key`, if present and not `null`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn required(&self, key: &str) -> Result<&'a Value, String> {
        self.get(key)
            .ok_or_else(|| format!("missing field `{key}`"))
    }

    pub fn str(&self, key: &str) -> Result<&'a str, String> {
        str(self.required(key)?, key)
    }

    pub fn datetime(&self, key: &str) -> Result<NaiveDateTime, String> {
        crate::dates::parse_cst_datetime(self.str(key)?)
    }
}

pub(super) fn expected(key: &str, what: &str) -> String {
    format!("`{key}` must be {what}")
}

pub(super) fn str<'a>(value: &'a Value, key: &str) -> Result<&'a str, String> {
    value.as_str().ok_or_else(|| expected(key, "a string"))
}

pub(super) fn u32(value: &Value, key: &str) -> Result<u32, String> {
    value
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| expected(key, "a whole number"))
}

/// `{start, end}` as `HH:MM`; no other keys.
pub(super) fn working_hours(value: &Value) -> Result<WorkingHours, String> {
    let f = Fields::of(value, "workingHours", Some(&["start", "end"]))?;
    let time = |key| -> Result<NaiveTime, String> {
        let text = f.str(key)?;
        crate::dates::parse_time(text.trim())
            .ok_or_else(|| format!("{text:?} is not a time of day HH:MM"))
    };
    Ok(WorkingHours {
        start: time("start")?,
        end: time("end")?,
    })
}
