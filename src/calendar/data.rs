//! Reading and validating one year of official holiday data in the holiday-cn format.
//!
//! The format is `{year, papers[], days[{name, date, isOffDay}]}` (NateScarlet/holiday-cn). A file
//! is checked here on its own; conflicts *between* files are checked when the calendar is built.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{CalendarError, FIRST_YEAR, LAST_YEAR};

/// One date listed in an official schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedDay {
    /// The holiday the entry belongs to, as written in the notice (e.g. `春节`).
    pub name: String,
    /// The calendar date (China Standard Time).
    pub date: NaiveDate,
    /// `true`: a day off; `false`: an adjusted working day (调休上班).
    pub is_off_day: bool,
}

/// One year's official schedule: the notice(s) it comes from and the listed days, sorted by date.
///
/// Serializes to (and deserializes from) the holiday-cn JSON shape; deserializing does not
/// validate on its own — use [`HolidayYear::from_json`] or build a calendar, which do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HolidayYear {
    /// The year of the notice.
    pub year: i32,
    /// URLs of the State Council notices the data transcribe.
    #[serde(default)]
    pub papers: Vec<String>,
    /// The listed days, sorted by date, one entry per date.
    pub days: Vec<ListedDay>,
}

#[derive(Deserialize)]
struct RawYear {
    year: i64,
    #[serde(default)]
    papers: Vec<String>,
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDay {
    name: String,
    date: String,
    is_off_day: bool,
}

impl HolidayYear {
    /// Parses and validates one holiday-cn file.
    ///
    /// # Errors
    ///
    /// [`CalendarError::Malformed`] when the text is not JSON of the expected shape,
    /// [`CalendarError::YearOutOfRange`], [`CalendarError::BadDate`],
    /// [`CalendarError::DateOutsideYear`], [`CalendarError::Conflict`] and
    /// [`CalendarError::NotPublished`] as described on each variant.
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        let raw: RawYear = serde_json::from_str(json).map_err(|e| CalendarError::Malformed {
            message: e.to_string(),
        })?;
        let year = i32::try_from(raw.year)
            .ok()
            .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
            .ok_or(CalendarError::YearOutOfRange { year: raw.year })?;
        let mut days = Vec::with_capacity(raw.days.len());
        for day in raw.days {
            let date = parse_date(&day.date).ok_or_else(|| CalendarError::BadDate {
                year,
                value: day.date.clone(),
            })?;
            days.push(ListedDay {
                name: day.name,
                date,
                is_off_day: day.is_off_day,
            });
        }
        Self::checked(year, raw.papers, days)
    }

    /// Validates an already-typed year (used by `from_json` and when a calendar is deserialized).
    pub(crate) fn checked(
        year: i32,
        papers: Vec<String>,
        days: Vec<ListedDay>,
    ) -> Result<Self, CalendarError> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(CalendarError::YearOutOfRange {
                year: i64::from(year),
            });
        }
        if days.is_empty() {
            return Err(CalendarError::NotPublished { year });
        }
        let mut by_date: BTreeMap<NaiveDate, ListedDay> = BTreeMap::new();
        for day in days {
            if !belongs_to_year(day.date, year) {
                return Err(CalendarError::DateOutsideYear {
                    year,
                    date: day.date,
                });
            }
            match by_date.get(&day.date) {
                Some(seen) if seen.is_off_day != day.is_off_day => {
                    return Err(CalendarError::Conflict {
                        year,
                        date: day.date,
                    });
                }
                Some(_) => {} // an exact repeat: keep the first entry
                None => {
                    by_date.insert(day.date, day);
                }
            }
        }
        Ok(Self {
            year,
            papers,
            days: by_date.into_values().collect(),
        })
    }
}

/// A file for `year` may list dates of that year, of the December before it or of the January
/// after it (a notice can move days around New Year).
fn belongs_to_year(date: NaiveDate, year: i32) -> bool {
    let y = date.year();
    y == year || (y == year - 1 && date.month() == 12) || (y == year + 1 && date.month() == 1)
}

/// Strict `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    crate::dates::parse_iso_date(text)
}
