//! Reading and validating one year of official holiday data in the holiday-cn format.
//!
//! The format is `{year, papers[], days[{name, date, isOffDay}]}` (NateScarlet/holiday-cn). A file
//! is checked here on its own; conflicts *between* files are checked when the calendar is built.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
        let value: Value = serde_json::from_str(json).map_err(|e| CalendarError::Malformed {
            message: e.to_string(),
        })?;
        Self::from_value(&value)
    }

    /// [`HolidayYear::from_json`] for a file already read as JSON data.
    ///
    /// # Errors
    ///
    /// As [`HolidayYear::from_json`], except for malformed JSON text.
    pub fn from_value(value: &Value) -> Result<Self, CalendarError> {
        // Read by hand from the JSON value: much smaller in the wasm build than a derived
        // `Deserialize`. Keys other than these (`$schema`, `$id`) are ignored.
        let year = field(value, "year")?;
        let year = year
            .as_i64()
            .ok_or_else(|| invalid_type("year", "an integer"))?;
        let year = i32::try_from(year)
            .ok()
            .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
            .ok_or(CalendarError::YearOutOfRange { year })?;
        let papers = match value.get("papers") {
            None => Vec::new(),
            Some(list) => list
                .as_array()
                .and_then(|list| {
                    list.iter()
                        .map(|p| p.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| invalid_type("papers", "a list of strings"))?,
        };
        let listed = field(value, "days")?
            .as_array()
            .ok_or_else(|| invalid_type("days", "a list"))?;
        let mut days = Vec::with_capacity(listed.len());
        for day in listed {
            let name = field(day, "name")?
                .as_str()
                .ok_or_else(|| invalid_type("name", "a string"))?;
            let text = field(day, "date")?
                .as_str()
                .ok_or_else(|| invalid_type("date", "a string"))?;
            let is_off_day = field(day, "isOffDay")?
                .as_bool()
                .ok_or_else(|| invalid_type("isOffDay", "true or false"))?;
            let date = parse_date(text).ok_or_else(|| CalendarError::BadDate {
                year,
                value: text.to_owned(),
            })?;
            days.push(ListedDay {
                name: name.to_owned(),
                date,
                is_off_day,
            });
        }
        Self::checked(year, papers, days)
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
        if let Some(day) = days.iter().find(|d| !belongs_to_year(d.date, year)) {
            return Err(CalendarError::DateOutsideYear {
                year,
                date: day.date,
            });
        }
        let mut days = days;
        // Stable: of two entries for one date, the first listed is kept.
        crate::sort::by_key(&mut days, |d| d.date);
        let mut kept: Vec<ListedDay> = Vec::with_capacity(days.len());
        for day in days {
            match kept.last() {
                Some(seen) if seen.date == day.date => {
                    if seen.is_off_day != day.is_off_day {
                        return Err(CalendarError::Conflict {
                            year,
                            date: day.date,
                        });
                    }
                    // an exact repeat: keep the first entry
                }
                _ => kept.push(day),
            }
        }
        Ok(Self {
            year,
            papers,
            days: kept,
        })
    }
}

/// `key` of a JSON object (`Malformed` when missing or when `value` is not an object).
fn field<'a>(value: &'a Value, key: &str) -> Result<&'a Value, CalendarError> {
    value.get(key).ok_or_else(|| CalendarError::Malformed {
        message: format!("missing field {key:?}"),
    })
}

fn invalid_type(key: &str, expected: &str) -> CalendarError {
    CalendarError::Malformed {
        message: format!("invalid type for {key:?}: expected {expected}"),
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
