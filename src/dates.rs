//! Date and time text in the forms the contracts use (`YYYY-MM-DD`, `HH:MM`,
//! `YYYY-MM-DDTHH:MM:SS` in China Standard Time), parsed and written by hand: chrono's
//! strftime machinery costs tens of kilobytes in the WebAssembly build.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

/// Parses `YYYY-MM-DD` (exactly; no other separators or widths).
///
/// ```
/// use icp_filing::dates::parse_iso_date;
/// assert!(parse_iso_date("2026-02-28").is_some());
/// assert!(parse_iso_date("2026-02-29").is_none());
/// ```
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::from_ymd_opt(
        text[0..4].parse().ok()?,
        text[5..7].parse().ok()?,
        text[8..10].parse().ok()?,
    )
}

/// Parses `HH:MM` or `HH:MM:SS`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let b = text.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let s = text.get(i..i + 2)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    match b.len() {
        5 if b[2] == b':' => NaiveTime::from_hms_opt(two(0)?, two(3)?, 0),
        8 if b[2] == b':' && b[5] == b':' => NaiveTime::from_hms_opt(two(0)?, two(3)?, two(6)?),
        _ => None,
    }
}

/// The China Standard Time wall clock for a Unix time in milliseconds. Callers read the
/// clock (browser, CLI, server); the core only converts.
pub fn china_time_from_unix_ms(ms: i64) -> NaiveDateTime {
    let utc = NaiveDate::from_ymd_opt(1970, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN);
    utc + TimeDelta::milliseconds(ms) + TimeDelta::hours(8)
}

/// Writes `HH:MM`.
pub fn format_time(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Writes `YYYY-MM-DD`.
pub fn format_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Writes `YYYY-MM-DDTHH:MM:SS`.
pub fn format_datetime(at: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Writes `YYYY-MM-DD HH:MM`, the way times are shown to filers.
pub fn format_minutes(at: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// Reads a China Standard Time date-time: `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]]`, taken as
/// CST, or the same followed by `Z` or `±HH:MM` (RFC 3339), converted to UTC+8.
///
/// # Errors
/// A message naming the text and the accepted forms.
///
/// ```
/// use icp_filing::dates::{format_datetime, parse_cst_datetime};
/// let at = parse_cst_datetime("2026-09-25T02:00:00Z").unwrap();
/// assert_eq!(format_datetime(at), "2026-09-25T10:00:00");
/// ```
pub fn parse_cst_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    let error = || {
        format!(
            "{text:?} is not a date-time: use RFC 3339 (2026-09-25T10:00:00+08:00) or a China Standard Time YYYY-MM-DDTHH:MM[:SS]"
        )
    };
    let date = text.get(..10).and_then(parse_iso_date).ok_or_else(error)?;
    let rest = text.get(10..).ok_or_else(error)?;
    let rest = rest.strip_prefix(['T', ' ', 't']).ok_or_else(error)?;
    // Split off the zone: `Z`, or `+HH:MM` / `-HH:MM` after the time.
    let (clock, offset_minutes) = if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        (clock, Some(0i64))
    } else if rest.len() > 6 && matches!(rest.as_bytes()[rest.len() - 6], b'+' | b'-') {
        let (clock, zone) = rest.split_at(rest.len() - 6);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let z = parse_time(&zone[1..]).ok_or_else(error)?;
        (clock, Some(sign * i64::from(z.hour() * 60 + z.minute())))
    } else {
        (rest, None)
    };
    // Drop a fractional part of the seconds.
    let clock = clock.split('.').next().unwrap_or(clock);
    let time = parse_time(clock).ok_or_else(error)?;
    let local = date.and_time(time);
    Ok(match offset_minutes {
        Some(offset) => local - TimeDelta::minutes(offset) + TimeDelta::hours(8),
        None => local,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_in_every_accepted_form() {
        for (text, want) in [
            ("2026-09-25T10:00", "2026-09-25T10:00:00"),
            ("2026-09-25 10:00:30", "2026-09-25T10:00:30"),
            ("2026-09-25T10:00:30.123", "2026-09-25T10:00:30"),
            ("2026-09-25T10:00:00+08:00", "2026-09-25T10:00:00"),
            ("2026-09-25T02:00:00Z", "2026-09-25T10:00:00"),
            ("2026-09-24T20:00:00-06:00", "2026-09-25T10:00:00"),
            ("2026-12-31T16:30:00.5Z", "2027-01-01T00:30:00"),
        ] {
            assert_eq!(
                parse_cst_datetime(text).map(format_datetime).as_deref(),
                Ok(want),
                "{text}"
            );
        }
        for bad in [
            "2026-09-25",
            "2026-09-25T25:00",
            "2026/09/25 10:00",
            "tomorrow",
            "2026-09-25T10:00+8",
        ] {
            assert!(parse_cst_datetime(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unix_time_to_china_wall_clock() {
        // 2026-11-27T16:30:00Z is 00:30 the next day in Beijing.
        let at = china_time_from_unix_ms(1_795_797_000_000);
        assert_eq!(format_datetime(at), "2026-11-28T00:30:00");
    }

    #[test]
    fn times() {
        assert_eq!(
            parse_time("09:05").map(format_time).as_deref(),
            Some("09:05")
        );
        assert_eq!(
            parse_time("18:00:00").map(format_time).as_deref(),
            Some("18:00")
        );
        assert!(parse_time("9:05").is_none());
        assert!(parse_time("24:00").is_none());
    }
}
