//! Review stages, the review policy (stage durations as data) and the two models built on them:
//! the timeline estimate and the progress preview.
//!
//! This module owns "when will I have my number?":
//!
//! * [`Stage`]: provider preliminary review (初审) → submission to the 管局 → MIIT SMS
//!   verification (24 calendar hours) → 管局 review → result synced to the provider
//!   (docs/sources.md §1.2, §11);
//! * [`policy`]: each stage's minimum / typical / maximum working days with a source tag per
//!   figure, per-province overrides and provider overrides at run time;
//! * [`estimate()`]: expected dates for every stage, on the official working-day calendar;
//! * [`progress()`]: where an order stands given the events the provider reported;
//! * [`text`]: the zh-CN / en wording of assumptions, flags and event errors.
//!
//! Every date/time is China Standard Time (UTC+8). Nothing here reads the clock: the submission
//! time and "now" are arguments.

pub mod estimate;
mod json;
pub mod policy;
pub mod progress;
pub mod text;

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::calendar::CalendarError;

pub use crate::model::FilingType;
pub use estimate::{
    estimate, Estimate, EstimateInput, LegalDeadline, Rework, SmsPerson, StageEstimate,
};
pub use policy::{
    Figure, PartialDurations, PartialStageTable, PolicyError, ProvincePolicy, ReviewPolicy,
    SourcedValue, StageDurations, StageTable, WorkingHours,
};
pub use progress::{
    progress, EventStatus, Progress, ProgressInput, ProgressStatus, StageEvent, StageProgress,
    StageState,
};
pub use text::render;

/// A step of the review, in the order an order goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    /// 初审: the access provider's preliminary review (may phone the filer).
    ProviderReview,
    /// 待提交管局: the provider submits the order to the provincial bureau.
    Submission,
    /// 工信部短信核验: the filer(s) enter the MIIT SMS code within 24 calendar hours.
    SmsVerification,
    /// 管局审核: the provincial communications administration reviews (legal max 20 WD).
    BureauReview,
    /// The result reaches the provider's console.
    ResultSync,
}

impl Stage {
    /// All stages in order.
    pub const ALL: [Stage; 5] = [
        Stage::ProviderReview,
        Stage::Submission,
        Stage::SmsVerification,
        Stage::BureauReview,
        Stage::ResultSync,
    ];

    /// The camelCase code used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::ProviderReview => "providerReview",
            Stage::Submission => "submission",
            Stage::SmsVerification => "smsVerification",
            Stage::BureauReview => "bureauReview",
            Stage::ResultSync => "resultSync",
        }
    }

    /// Reads a camelCase code; `None` for anything else.
    pub fn parse(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// Position in [`Stage::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an estimate or a progress preview could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimelineError {
    /// The province is not a 6-digit GB/T 2260 code.
    #[error("province {value:?} is not the 6-digit GB/T 2260 code of one of the 31 mainland provinces, such as \"330000\"")]
    InvalidProvince {
        /// The text given.
        value: String,
    },
    /// Working hours must start before they end.
    #[error("working hours {start}–{end}: the start must be before the end")]
    InvalidWorkingHours {
        /// Start, `HH:MM`.
        start: String,
        /// End, `HH:MM`.
        end: String,
    },
    /// A date the estimate needed is outside the calendar's range.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// A coded statement with its parameters: an assumption, a progress flag or an event error.
/// The words live in [`text`]; render with [`Notice::render`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice<C> {
    /// What is said.
    pub code: C,
    /// The values filled into the text (dates as `YYYY-MM-DD`, times as `YYYY-MM-DD HH:MM`).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

/// Something a code enum can be looked up by in the text catalogue.
pub trait NoticeCode: Copy {
    /// The camelCase code, the catalogue key.
    fn as_str(self) -> &'static str;
}

impl<C: NoticeCode> Notice<C> {
    /// A notice without parameters.
    pub fn new(code: C) -> Self {
        Self {
            code,
            params: BTreeMap::new(),
        }
    }

    /// Adds a parameter (builder style).
    pub fn with(mut self, key: &'static str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }

    /// The notice in words.
    pub fn render(&self, locale: crate::messages::Locale) -> String {
        text::render(self.code.as_str(), &self.params, locale)
    }
}

macro_rules! notice_codes {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)*
        }

        impl $name {
            /// Every code, for catalogue checks.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
        }

        impl $crate::timeline::NoticeCode for $name {
            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }
        }
    };
}
pub(crate) use notice_codes;

/// Formats a CST date-time for notice parameters (`YYYY-MM-DD HH:MM`).
pub(crate) fn fmt_datetime(at: NaiveDateTime) -> String {
    format!("{} {}", at.date(), fmt_hhmm(at.time()))
}

/// `HH:MM`.
pub(crate) fn fmt_hhmm(time: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// Reads a China Standard Time date-time: RFC 3339 with an offset or `Z` (converted to UTC+8),
/// or a local `YYYY-MM-DDTHH:MM[:SS]` / `YYYY-MM-DD HH:MM[:SS]` taken as CST.
///
/// # Errors
///
/// A message naming the text and the expected forms.
pub fn parse_cst_datetime(text: &str) -> Result<NaiveDateTime, String> {
    crate::dates::parse_cst_datetime(text)
}

/// Serde helpers: CST date-times written as `YYYY-MM-DDTHH:MM:SS`, read by [`parse_cst_datetime`].
pub mod cst {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `YYYY-MM-DDTHH:MM:SS`.
    pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::dates::format_datetime(*at))
    }

    /// Reads any form [`super::parse_cst_datetime`] accepts.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_cst_datetime(&text).map_err(serde::de::Error::custom)
    }

    /// The same for `Option<NaiveDateTime>`.
    pub mod option {
        use chrono::NaiveDateTime;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes `null` or `YYYY-MM-DDTHH:MM:SS`.
        pub fn serialize<S: Serializer>(
            at: &Option<NaiveDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => s.serialize_str(&crate::dates::format_datetime(*at)),
                None => s.serialize_none(),
            }
        }

        /// Reads `null` or any form [`super::super::parse_cst_datetime`] accepts.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDateTime>, D::Error> {
            let text: Option<String> = Option::deserialize(d)?;
            text.map(|t| super::super::parse_cst_datetime(&t).map_err(serde::de::Error::custom))
                .transpose()
        }
    }
}

/// The province-level key of a GB/T 2260 code: `"330106"` → `"330000"`.
///
/// # Errors
///
/// [`TimelineError::InvalidProvince`] unless `code` is six ASCII digits in one of the 31
/// mainland provinces.
pub fn province_key(code: &str) -> Result<String, TimelineError> {
    let code = code.trim();
    let key = code
        .get(..2)
        .map(|prefix| format!("{prefix}0000"))
        .filter(|key| crate::ruledata::PROVINCE_CODES.contains(&key.as_str()));
    match key {
        Some(key) if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) => Ok(key),
        _ => Err(TimelineError::InvalidProvince {
            value: code.to_owned(),
        }),
    }
}

#[cfg(test)]
mod province_key_tests {
    use super::province_key;

    #[test]
    fn a_province_key_is_one_of_the_31_mainland_provinces() {
        assert_eq!(province_key("330106").unwrap(), "330000");
        assert_eq!(province_key(" 110000 ").unwrap(), "110000");
        for bad in [
            "999999", "810000", "710000", "000000", "北京", "33010", "3301066", "33O106",
        ] {
            assert!(province_key(bad).is_err(), "{bad}");
        }
    }
}
