//! Working-day calendar on China's official holiday schedules.
//!
//! This module owns the answer to "is this date a working day in mainland China?" and the
//! working-day arithmetic built on it. A working day is Monday–Friday, minus the official days
//! off, plus the adjusted working days (调休上班) of the State Council notices
//! (docs/sources.md §9). The data are holiday-cn JSON files: 2024–2026 are embedded
//! ([`HolidayCalendar::official`]; `build.rs` turns them into static tables); a host can add
//! newer notices at run time ([`HolidayCalendar::add_year_data`]).
//!
//! Years without a notice are **provisional**: weekends plus the statutory days of the 办法
//! (1 January; 1–2 May; 1–3 October; and, for 2027, 春节 from 除夕 to 初三, 清明, 端午 and 中秋),
//! none of the extra days or make-up days a notice adds. Every answer says which
//! years it depended on and which of them were provisional ([`Answer`], [`Provenance`]).
//! Because a December date can be governed by the next year's notice, an answer that looks at
//! 24–31 December of year Y also depends on year Y+1.
//!
//! Dates are China Standard Time calendar dates. The calendar never reads the clock and answers
//! every date from [`FIRST_DATE`] to [`LAST_DATE`]; anything outside is an error, never a panic.
//!
//! ```
//! use chrono::NaiveDate;
//! use icp_filing::calendar::HolidayCalendar;
//!
//! let cal = HolidayCalendar::official();
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // 2026-02-14 is a Saturday, but a make-up working day before Spring Festival.
//! assert!(cal.is_working_day(d(2026, 2, 14)).unwrap().value);
//! // The first working day after the 2026 National Day holiday is Thursday 8 October.
//! assert_eq!(cal.next_working_day(d(2026, 9, 30)).unwrap().value, d(2026, 10, 8));
//! // 2027 has no official schedule in the embedded data: the answer is provisional.
//! assert!(cal.is_working_day(d(2027, 3, 1)).unwrap().provenance.provisional);
//! ```

mod data;
mod table;

use std::fmt;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub use data::{HolidayYear, ListedDay};
use table::WorkingTable;

/// First year the calendar answers for.
pub const FIRST_YEAR: i32 = 1900;
/// Last year the calendar answers for.
pub const LAST_YEAR: i32 = 2200;
/// First date the calendar answers for (1900-01-01).
pub const FIRST_DATE: NaiveDate = ymd(FIRST_YEAR, 1, 1);
/// Last date the calendar answers for (2200-12-31).
pub const LAST_DATE: NaiveDate = ymd(LAST_YEAR, 12, 31);

const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// Day of December from which a date also depends on the next year's notice.
const NEXT_NOTICE_FROM_DECEMBER: u32 = 24;

/// A listed day as `build.rs` writes it: `(name, year, month, day, is_off_day)`.
type EmbeddedDay = (&'static str, i32, u32, u32, bool);
/// One holiday-cn file as `build.rs` writes it: `(year, papers, days)`.
type EmbeddedYear = (i32, &'static [&'static str], &'static [EmbeddedDay]);

// `EMBEDDED_YEARS`: the files of `data/holidays/`.
include!(concat!(env!("OUT_DIR"), "/holidays.rs"));

const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid constant date"),
    }
}

/// Why holiday data was refused or a date could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The date is outside 1900-01-01 ..= 2200-12-31.
    #[error("{date} is outside the supported range {FIRST_DATE} to {LAST_DATE}")]
    OutOfRange {
        /// The date that was asked about.
        date: NaiveDate,
    },
    /// The answer would fall after 2200-12-31.
    #[error(
        "counting working days from {start} runs past {LAST_DATE}, the end of the supported range"
    )]
    ResultOutOfRange {
        /// The date the count started from.
        start: NaiveDate,
    },
    /// The text is not JSON in the holiday-cn shape `{year, papers[], days[{name, date, isOffDay}]}`.
    #[error("holiday data is not valid holiday-cn JSON: {message}")]
    Malformed {
        /// What the JSON reader found wrong (with line and column).
        message: String,
    },
    /// The file's `year` is outside 1900..=2200.
    #[error("holiday data for year {year}: the year must be between {FIRST_YEAR} and {LAST_YEAR}")]
    YearOutOfRange {
        /// The `year` field as written.
        year: i64,
    },
    /// A `date` is not a `YYYY-MM-DD` calendar date.
    #[error("holiday data for {year}: {value:?} is not a YYYY-MM-DD date")]
    BadDate {
        /// The file's year.
        year: i32,
        /// The text of the `date` field.
        value: String,
    },
    /// A date is neither in the file's year nor in the adjacent December / January.
    #[error("holiday data for {year}: {date} is neither in {year} nor in the adjacent December or January")]
    DateOutsideYear {
        /// The file's year.
        year: i32,
        /// The misplaced date.
        date: NaiveDate,
    },
    /// One file lists a date both as a day off and as a working day.
    #[error("holiday data for {year}: {date} is listed both as a day off and as a working day")]
    Conflict {
        /// The file's year.
        year: i32,
        /// The date listed twice.
        date: NaiveDate,
    },
    /// Two files disagree about a date (one says day off, the other working day).
    #[error("holiday data for {off_in} lists {date} as a day off but the data for {working_in} list it as a working day")]
    CrossFileConflict {
        /// The date in question.
        date: NaiveDate,
        /// The year of the file that lists it as a day off.
        off_in: i32,
        /// The year of the file that lists it as a working day.
        working_in: i32,
    },
    /// The file lists no days: holiday-cn publishes such a placeholder before the notice is out.
    #[error("holiday data for {year} list no days: the official notice is not published yet, so {year} stays provisional")]
    NotPublished {
        /// The file's year.
        year: i32,
    },
}

/// Which years an answer depended on, and which of those had no official schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    /// Every year whose schedule the answer looked at, ascending.
    pub years: Vec<i32>,
    /// The subset of `years` without official data (weekends and fixed-date holidays only).
    pub provisional_years: Vec<i32>,
    /// `true` when `provisional_years` is not empty.
    pub provisional: bool,
}

impl Provenance {
    /// Adds another answer's years to this one (set union).
    pub fn merge(&mut self, other: &Provenance) {
        for (mine, theirs) in [
            (&mut self.years, &other.years),
            (&mut self.provisional_years, &other.provisional_years),
        ] {
            mine.extend_from_slice(theirs);
            mine.sort_unstable();
            mine.dedup();
        }
        self.provisional = !self.provisional_years.is_empty();
    }
}

/// A calendar answer together with its [`Provenance`] (flattened in JSON:
/// `{"value": …, "years": […], "provisionalYears": […], "provisional": …}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer<T> {
    /// The answer itself.
    pub value: T,
    /// What it depended on.
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DayKind {
    /// An ordinary Monday–Friday.
    Workday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A day off listed in an official notice.
    Holiday,
    /// A weekend day made a working day by an official notice (调休上班).
    AdjustedWorkday,
    /// A fixed-date statutory day assumed off in a year without official data.
    ProvisionalHoliday,
}

/// A date's status, with the holiday name when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayInfo {
    /// The date.
    pub date: NaiveDate,
    /// Whether it is a working day.
    pub working: bool,
    /// Why.
    pub kind: DayKind,
    /// The holiday the date belongs to (`春节`, `国庆节`, …), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A contiguous range of years an answer depended on (internal; see [`Provenance`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct YearSpan {
    first: i32,
    last: i32,
}

impl YearSpan {
    /// The years the dates `first..=last` depend on.
    pub(crate) fn of_dates(first: NaiveDate, last: NaiveDate) -> Self {
        let mut last_year = last.year();
        if last.month() == 12 && last.day() >= NEXT_NOTICE_FROM_DECEMBER && last_year < LAST_YEAR {
            last_year += 1;
        }
        Self {
            first: first.year(),
            last: last_year,
        }
    }

    /// The union of two spans (spans are always contiguous in practice: estimates chain dates).
    pub(crate) fn union(a: Option<Self>, b: Option<Self>) -> Option<Self> {
        match (a, b) {
            (Some(a), Some(b)) => Some(Self {
                first: a.first.min(b.first),
                last: a.last.max(b.last),
            }),
            (a, None) => a,
            (None, b) => b,
        }
    }
}

/// The serialized form of a calendar: the official years it was built from.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CalendarData {
    years: Vec<HolidayYear>,
}

/// The immutable contents of a calendar, shared between clones.
#[derive(PartialEq, Eq)]
struct Inner {
    /// The official files, by year ascending, one per year.
    files: Vec<HolidayYear>,
    /// Every listed day of every file, sorted by date, one entry per date.
    listed: Vec<ListedDay>,
    /// Whether each year (`year - FIRST_YEAR`) has an official file.
    official: Vec<bool>,
    /// One bit per day: working or not.
    table: WorkingTable,
}

/// A working-day calendar: the official schedules it holds plus the provisional rule for every
/// other year from 1900 to 2200.
///
/// Cloning is cheap (the data are shared). Serializes as `{"years": [<holiday-cn year>…]}`;
/// deserializing validates like [`HolidayCalendar::add_year_data`].
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CalendarData", into = "CalendarData")]
pub struct HolidayCalendar {
    inner: Arc<Inner>,
}

impl fmt::Debug for HolidayCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HolidayCalendar")
            .field("official_years", &self.official_years())
            .finish()
    }
}

impl Default for HolidayCalendar {
    /// The embedded official calendar (same as [`HolidayCalendar::official`]).
    fn default() -> Self {
        Self::official()
    }
}

impl From<HolidayCalendar> for CalendarData {
    fn from(cal: HolidayCalendar) -> Self {
        Self {
            years: cal.inner.files.clone(),
        }
    }
}

impl TryFrom<CalendarData> for HolidayCalendar {
    type Error = CalendarError;

    fn try_from(data: CalendarData) -> Result<Self, Self::Error> {
        let mut files = Vec::new();
        for year in data.years {
            put_year(
                &mut files,
                HolidayYear::checked(year.year, year.papers, year.days)?,
            );
        }
        Self::build(files)
    }
}

/// Puts `year` into `files` (sorted by year), replacing a file of the same year.
fn put_year(files: &mut Vec<HolidayYear>, year: HolidayYear) {
    match files.binary_search_by_key(&year.year, |f| f.year) {
        Ok(at) => files[at] = year,
        Err(at) => files.insert(at, year),
    }
}

fn shared_official() -> &'static HolidayCalendar {
    static OFFICIAL: OnceLock<HolidayCalendar> = OnceLock::new();
    OFFICIAL.get_or_init(|| {
        let mut files = Vec::new();
        for &(year, papers, days) in EMBEDDED_YEARS {
            let days = days
                .iter()
                .filter_map(|&(name, y, m, d, is_off_day)| {
                    Some(ListedDay {
                        name: name.to_owned(),
                        date: NaiveDate::from_ymd_opt(y, m, d)?,
                        is_off_day,
                    })
                })
                .collect();
            let papers = papers.iter().map(|p| (*p).to_owned()).collect();
            // The embedded files are fixed at compile time and checked by the test suite.
            let parsed = HolidayYear::checked(year, papers, days)
                .unwrap_or_else(|e| panic!("embedded data/holidays/{year}.json is invalid: {e}"));
            put_year(&mut files, parsed);
        }
        HolidayCalendar::build(files).expect("embedded holiday files conflict with each other")
    })
}

impl HolidayCalendar {
    /// The calendar with the embedded official schedules (2024, 2025, 2026).
    ///
    /// Built once per process; this returns a cheap shared clone.
    pub fn official() -> Self {
        shared_official().clone()
    }

    /// A shared reference to the embedded official calendar.
    pub fn official_ref() -> &'static Self {
        shared_official()
    }

    /// A calendar without any official data: every year is provisional.
    pub fn provisional_only() -> Self {
        let official = vec![false; YEARS];
        let table = WorkingTable::build(&official, &[]);
        Self {
            inner: Arc::new(Inner {
                files: Vec::new(),
                listed: Vec::new(),
                official,
                table,
            }),
        }
    }

    /// A calendar built only from the given holiday-cn files (no embedded data).
    ///
    /// # Errors
    ///
    /// The first file that fails validation, or a [`CalendarError::CrossFileConflict`].
    pub fn from_json_files<'a>(
        files: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, CalendarError> {
        let mut years = Vec::new();
        for json in files {
            put_year(&mut years, HolidayYear::from_json(json)?);
        }
        Self::build(years)
    }

    /// Adds (or replaces) one year of official data in the holiday-cn format, e.g. the 2027
    /// notice once it is published. The year stops being provisional. Returns the year.
    ///
    /// On error the calendar is left unchanged.
    ///
    /// # Errors
    ///
    /// Any validation error of [`HolidayYear::from_json`], or a
    /// [`CalendarError::CrossFileConflict`] with a year already held.
    pub fn add_year_data(&mut self, json: &str) -> Result<i32, CalendarError> {
        let year = HolidayYear::from_json(json)?;
        self.add_year(year)
    }

    /// [`HolidayCalendar::add_year_data`] for a file already read as JSON data.
    ///
    /// # Errors
    ///
    /// As [`HolidayCalendar::add_year_data`], except for malformed JSON text.
    pub fn add_year_value(&mut self, value: &serde_json::Value) -> Result<i32, CalendarError> {
        let year = HolidayYear::from_value(value)?;
        self.add_year(year)
    }

    /// Builder form of [`HolidayCalendar::add_year_data`].
    ///
    /// # Errors
    ///
    /// As [`HolidayCalendar::add_year_data`].
    pub fn with_year_data(mut self, json: &str) -> Result<Self, CalendarError> {
        self.add_year_data(json)?;
        Ok(self)
    }

    /// Adds (or replaces) an already-parsed year. Validated again.
    ///
    /// # Errors
    ///
    /// As [`HolidayCalendar::add_year_data`].
    pub fn add_year(&mut self, year: HolidayYear) -> Result<i32, CalendarError> {
        let year = HolidayYear::checked(year.year, year.papers, year.days)?;
        let number = year.year;
        let mut files = self.inner.files.clone();
        put_year(&mut files, year);
        *self = Self::build(files)?;
        Ok(number)
    }

    /// `files` sorted by year, one per year (see [`put_year`]).
    fn build(files: Vec<HolidayYear>) -> Result<Self, CalendarError> {
        let mut days: Vec<(&ListedDay, i32)> = files
            .iter()
            .flat_map(|file| file.days.iter().map(move |day| (day, file.year)))
            .collect();
        // Stable: a date listed by two files is judged in year order.
        crate::sort::by_key(&mut days, |(day, _)| day.date);
        let mut listed: Vec<ListedDay> = Vec::with_capacity(days.len());
        let mut seen_in = 0;
        for (day, file_year) in days {
            match listed.last() {
                Some(seen) if seen.date == day.date => {
                    if seen.is_off_day != day.is_off_day {
                        let (off_in, working_in) = if seen.is_off_day {
                            (seen_in, file_year)
                        } else {
                            (file_year, seen_in)
                        };
                        return Err(CalendarError::CrossFileConflict {
                            date: day.date,
                            off_in,
                            working_in,
                        });
                    }
                }
                _ => {
                    listed.push(day.clone());
                    seen_in = file_year;
                }
            }
        }
        let mut official = vec![false; YEARS];
        for year in files.iter().map(|f| f.year) {
            if let Some(slot) = year_index(year).and_then(|slot| official.get_mut(slot)) {
                *slot = true;
            }
        }
        let table = WorkingTable::build(&official, &listed);
        Ok(Self {
            inner: Arc::new(Inner {
                files,
                listed,
                official,
                table,
            }),
        })
    }

    /// The years that have official data, ascending.
    pub fn official_years(&self) -> Vec<i32> {
        self.inner.files.iter().map(|f| f.year).collect()
    }

    /// Whether `year` has no official data (and is answered by the provisional rule).
    pub fn is_provisional_year(&self, year: i32) -> bool {
        !year_index(year)
            .and_then(|slot| self.inner.official.get(slot).copied())
            .unwrap_or(false)
    }

    /// The official data held for `year`, if any.
    pub fn year_data(&self, year: i32) -> Option<&HolidayYear> {
        self.inner.files.iter().find(|f| f.year == year)
    }

    /// The officially listed days (days off and adjusted working days) from `first` to `last`
    /// inclusive, sorted by date.
    pub fn listed_days_between(&self, first: NaiveDate, last: NaiveDate) -> &[ListedDay] {
        let listed = &self.inner.listed;
        let start = listed.partition_point(|d| d.date < first);
        let end = listed.partition_point(|d| d.date <= last);
        listed.get(start..end).unwrap_or(&[])
    }

    /// The provenance of an answer that looked at the dates `first..=last`.
    pub fn provenance_of(&self, first: NaiveDate, last: NaiveDate) -> Provenance {
        self.provenance(Some(YearSpan::of_dates(first, last)))
    }

    pub(crate) fn provenance(&self, span: Option<YearSpan>) -> Provenance {
        let Some(span) = span else {
            return Provenance::default();
        };
        let years: Vec<i32> = (span.first..=span.last).collect();
        let provisional_years: Vec<i32> = years
            .iter()
            .copied()
            .filter(|&y| self.is_provisional_year(y))
            .collect();
        Provenance {
            provisional: !provisional_years.is_empty(),
            years,
            provisional_years,
        }
    }

    fn answer<T>(&self, value: T, span: Option<YearSpan>) -> Answer<T> {
        Answer {
            value,
            provenance: self.provenance(span),
        }
    }

    /// Whether `date` is a working day, with the years the answer depended on.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] outside 1900-01-01 ..= 2200-12-31.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<Answer<bool>, CalendarError> {
        let value = self.is_working_day_value(date)?;
        Ok(self.answer(value, Some(YearSpan::of_dates(date, date))))
    }

    /// Whether `date` is a working day, without provenance: a bit test, no allocation.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] outside 1900-01-01 ..= 2200-12-31.
    #[inline]
    pub fn is_working_day_value(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        check(date)?;
        Ok(self.inner.table.is_working(date))
    }

    /// Whether `date` is a working day, why, and the holiday name if any.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] outside 1900-01-01 ..= 2200-12-31.
    pub fn day_info(&self, date: NaiveDate) -> Result<Answer<DayInfo>, CalendarError> {
        check(date)?;
        let listed = &self.inner.listed;
        let entry = listed
            .binary_search_by(|d| d.date.cmp(&date))
            .ok()
            .and_then(|i| listed.get(i));
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let (working, kind, name) = match entry {
            Some(day) if day.is_off_day => (false, DayKind::Holiday, Some(day.name.clone())),
            Some(day) => (true, DayKind::AdjustedWorkday, Some(day.name.clone())),
            None if weekend => (false, DayKind::Weekend, None),
            None => match self.provisional_holiday(date) {
                Some(name) => (false, DayKind::ProvisionalHoliday, Some(name.to_owned())),
                None => (true, DayKind::Workday, None),
            },
        };
        Ok(self.answer(
            DayInfo {
                date,
                working,
                kind,
                name,
            },
            Some(YearSpan::of_dates(date, date)),
        ))
    }

    /// The first working day strictly after `date`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] for an input outside the range,
    /// [`CalendarError::ResultOutOfRange`] when there is none before 2200-12-31.
    pub fn next_working_day(&self, date: NaiveDate) -> Result<Answer<NaiveDate>, CalendarError> {
        self.add_working_days(date, 1)
    }

    /// The `n`-th working day strictly after `date` (the date itself never counts); `n = 0`
    /// returns `date` unchanged, with an empty provenance.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] for an input outside the range,
    /// [`CalendarError::ResultOutOfRange`] when the result would fall after 2200-12-31.
    pub fn add_working_days(
        &self,
        date: NaiveDate,
        n: u32,
    ) -> Result<Answer<NaiveDate>, CalendarError> {
        let (value, span) = self.add_working_days_span(date, n)?;
        Ok(self.answer(value, span))
    }

    pub(crate) fn add_working_days_span(
        &self,
        date: NaiveDate,
        n: u32,
    ) -> Result<(NaiveDate, Option<YearSpan>), CalendarError> {
        check(date)?;
        if n == 0 {
            return Ok((date, None));
        }
        let result = self
            .inner
            .table
            .nth_after(date, n)
            .filter(|d| *d <= LAST_DATE)
            .ok_or(CalendarError::ResultOutOfRange { start: date })?;
        let first = date.succ_opt().unwrap_or(result);
        Ok((result, Some(YearSpan::of_dates(first, result))))
    }

    /// The number of working days in `(a, b]`: after `a`, up to and including `b`; 0 when
    /// `b <= a`. For `n` such that the result exists, `working_days_between(a, add_working_days(a, n)) == n`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when either date is outside the range.
    pub fn working_days_between(
        &self,
        a: NaiveDate,
        b: NaiveDate,
    ) -> Result<Answer<u32>, CalendarError> {
        let (value, span) = self.working_days_between_span(a, b)?;
        Ok(self.answer(value, span))
    }

    pub(crate) fn working_days_between_span(
        &self,
        a: NaiveDate,
        b: NaiveDate,
    ) -> Result<(u32, Option<YearSpan>), CalendarError> {
        check(a)?;
        check(b)?;
        if b <= a {
            return Ok((0, None));
        }
        let count = self.inner.table.count_between(a, b);
        let first = a.succ_opt().unwrap_or(b);
        Ok((count, Some(YearSpan::of_dates(first, b))))
    }

    /// The statutory day `date` falls on, when its year has no official data.
    fn provisional_holiday(&self, date: NaiveDate) -> Option<&'static str> {
        if !self.is_provisional_year(date.year()) {
            return None;
        }
        table::provisional_days(date.year())
            .find(|(m, d, _)| *m == date.month() && *d == date.day())
            .map(|(_, _, name)| name)
    }
}

fn check(date: NaiveDate) -> Result<(), CalendarError> {
    if (FIRST_DATE..=LAST_DATE).contains(&date) {
        Ok(())
    } else {
        Err(CalendarError::OutOfRange { date })
    }
}

fn year_index(year: i32) -> Option<usize> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        usize::try_from(year - FIRST_YEAR).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_equal_the_files() {
        let files = [
            include_str!("../../data/holidays/2024.json"),
            include_str!("../../data/holidays/2025.json"),
            include_str!("../../data/holidays/2026.json"),
        ];
        let official = HolidayCalendar::official();
        for json in files {
            let parsed = HolidayYear::from_json(json).expect("embedded file parses");
            assert!(
                !parsed.papers.is_empty(),
                "{} names its notice",
                parsed.year
            );
            assert_eq!(official.year_data(parsed.year), Some(&parsed));
        }
        assert_eq!(
            HolidayCalendar::official().official_years(),
            vec![2024, 2025, 2026]
        );
    }

    #[test]
    fn december_dates_depend_on_the_next_year() {
        let span = YearSpan::of_dates(ymd(2026, 12, 24), ymd(2026, 12, 24));
        assert_eq!(
            span,
            YearSpan {
                first: 2026,
                last: 2027
            }
        );
        let span = YearSpan::of_dates(ymd(2026, 12, 23), ymd(2026, 12, 23));
        assert_eq!(
            span,
            YearSpan {
                first: 2026,
                last: 2026
            }
        );
        let span = YearSpan::of_dates(LAST_DATE, LAST_DATE);
        assert_eq!(
            span,
            YearSpan {
                first: LAST_YEAR,
                last: LAST_YEAR
            }
        );
    }

    #[test]
    fn provisional_rule_knows_the_statutory_days_and_nothing_more() {
        let cal = HolidayCalendar::provisional_only();
        let working = |date| cal.is_working_day_value(date);
        assert_eq!(working(ymd(2027, 10, 1)), Ok(false)); // Friday, 国庆节
        assert_eq!(working(ymd(2027, 5, 3)), Ok(true)); // Monday 3 May: not a fixed statutory day
        assert_eq!(working(ymd(2027, 2, 5)), Ok(false)); // 除夕, by the 办法 without the schedule
        assert_eq!(working(ymd(2027, 2, 8)), Ok(false)); // 初三
        assert_eq!(working(ymd(2027, 2, 9)), Ok(true)); // no make-up or bridge days are guessed
        assert_eq!(working(ymd(2027, 9, 15)), Ok(false)); // 中秋节
        assert_eq!(working(ymd(2026, 2, 16)), Ok(true)); // without data, even 2026 is provisional
        assert!(cal.is_provisional_year(2026));
    }
}
