//! The working-day table: one bit per day for every year from 1900 to 2200, built once from the
//! official data and the provisional rule, so that a query is a bit test and counting working
//! days is a popcount over at most six words per year.

use chrono::{Datelike, NaiveDate};

use super::{year_index, ListedDay, FIRST_YEAR, LAST_YEAR};

const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// The fixed-date statutory days of the 《全国年节及纪念日放假办法》 (as revised in 2024):
/// 元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October.
pub(super) const FIXED_STATUTORY_DAYS: [(u32, u32, &str); 6] = [
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
];

/// The statutory days of the same 办法 that follow the lunar calendar or a solar term (春节 from
/// 除夕 to 初三, 清明节, 端午节, 中秋节), for the years after the embedded official schedules
/// (docs/sources.md §9; the dates agree with Hong Kong's 2027 holidays, [S40]).
pub(super) const PROVISIONAL_LUNAR_DAYS: [(i32, u32, u32, &str); 7] = [
    (2027, 2, 5, "春节"),
    (2027, 2, 6, "春节"),
    (2027, 2, 7, "春节"),
    (2027, 2, 8, "春节"),
    (2027, 4, 5, "清明节"),
    (2027, 6, 9, "端午节"),
    (2027, 9, 15, "中秋节"),
];

/// The statutory days of `year` known without its official schedule: the fixed-date ones
/// and, where known, the lunar ones.
pub(super) fn provisional_days(year: i32) -> impl Iterator<Item = (u32, u32, &'static str)> {
    FIXED_STATUTORY_DAYS.into_iter().chain(
        PROVISIONAL_LUNAR_DAYS
            .into_iter()
            .filter(move |(y, ..)| *y == year)
            .map(|(_, month, day, name)| (month, day, name)),
    )
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct YearRow {
    /// Bit `ordinal0` is set when that day is a working day.
    bits: [u64; 6],
    /// Working days in all earlier years of the table.
    before: u32,
    /// Days in the year (365 or 366).
    days: u32,
}

/// Working-day bits for 1900–2200.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WorkingTable {
    rows: Vec<YearRow>,
}

impl WorkingTable {
    /// Weekdays are working days; in years without official data (`official[slot] == false`)
    /// the statutory days known without it are off; then every listed day is applied.
    pub fn build(official: &[bool], listed: &[ListedDay]) -> Self {
        let mut rows = vec![YearRow::default(); YEARS];
        for (slot, row) in rows.iter_mut().enumerate() {
            let year = FIRST_YEAR + slot as i32;
            let (Some(jan1), Some(dec31)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) else {
                continue;
            };
            row.days = dec31.ordinal();
            let monday_offset = jan1.weekday().num_days_from_monday();
            for ord in 0..row.days {
                if (monday_offset + ord) % 7 < 5 {
                    set(&mut row.bits, ord, true);
                }
            }
            if !official.get(slot).copied().unwrap_or(false) {
                for (month, day, _) in provisional_days(year) {
                    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                        set(&mut row.bits, date.ordinal0(), false);
                    }
                }
            }
        }
        for day in listed {
            if let Some(row) = year_index(day.date.year()).and_then(|slot| rows.get_mut(slot)) {
                set(&mut row.bits, day.date.ordinal0(), !day.is_off_day);
            }
        }
        let mut before = 0u32;
        for row in &mut rows {
            row.before = before;
            before += row.bits.iter().map(|w| w.count_ones()).sum::<u32>();
        }
        Self { rows }
    }

    fn row(&self, date: NaiveDate) -> Option<&YearRow> {
        year_index(date.year()).and_then(|slot| self.rows.get(slot))
    }

    /// Whether `date` is a working day (`false` outside the table).
    #[inline]
    pub fn is_working(&self, date: NaiveDate) -> bool {
        let ord = date.ordinal0();
        self.row(date)
            .and_then(|row| row.bits.get((ord / 64) as usize))
            .is_some_and(|word| word >> (ord % 64) & 1 == 1)
    }

    /// The `n`-th working day strictly after `date` (`n >= 1`); `None` past the table's end.
    pub fn nth_after(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut slot = year_index(date.year())?;
        let mut ord = date.ordinal0() + 1;
        let mut left = n.max(1);
        while let Some(row) = self.rows.get(slot) {
            while ord < row.days {
                let word = (ord / 64) as usize;
                let chunk = row.bits.get(word)? >> (ord % 64);
                let count = chunk.count_ones();
                if count >= left {
                    let mut rest = chunk;
                    for _ in 1..left {
                        rest &= rest - 1;
                    }
                    let year = FIRST_YEAR + i32::try_from(slot).ok()?;
                    return NaiveDate::from_yo_opt(year, ord + rest.trailing_zeros() + 1);
                }
                left -= count;
                ord = (ord / 64 + 1) * 64;
            }
            slot += 1;
            ord = 0;
        }
        None
    }

    /// Working days from the start of the table up to and including `date`.
    fn prefix(&self, date: NaiveDate) -> u32 {
        let Some(row) = self.row(date) else {
            return 0;
        };
        let ord = date.ordinal0();
        let full_words = (ord / 64) as usize;
        let mut count = row.before;
        for word in row.bits.iter().take(full_words) {
            count += word.count_ones();
        }
        if let Some(word) = row.bits.get(full_words) {
            let keep = ord % 64 + 1; // bits 0..=ord%64
            let mask = if keep == 64 {
                u64::MAX
            } else {
                (1u64 << keep) - 1
            };
            count += (word & mask).count_ones();
        }
        count
    }

    /// Working days in `(a, b]` (0 when `b <= a`).
    pub fn count_between(&self, a: NaiveDate, b: NaiveDate) -> u32 {
        if b <= a {
            return 0;
        }
        self.prefix(b).saturating_sub(self.prefix(a))
    }
}

fn set(bits: &mut [u64; 6], ord: u32, working: bool) {
    if let Some(word) = bits.get_mut((ord / 64) as usize) {
        let bit = 1u64 << (ord % 64);
        if working {
            *word |= bit;
        } else {
            *word &= !bit;
        }
    }
}
