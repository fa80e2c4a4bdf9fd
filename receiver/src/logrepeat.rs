//! Log lines for conditions every request meets while they last (a busy database, a full or
//! failing disk): the first is written, then at most one per [`EVERY`], counting the ones left
//! out, so that load against a full disk doesn't fill the log's disk as well.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The shortest time between two lines of one condition.
pub const EVERY: Duration = Duration::from_secs(10);

/// One condition's log: when its last line was written and how many were left out since.
pub struct RepeatedLog {
    state: Mutex<(Option<Instant>, u64)>,
}

impl RepeatedLog {
    pub const fn new() -> Self {
        Self {
            state: Mutex::new((None, 0)),
        }
    }

    /// Writes `line` to stderr unless a line of this condition was written less than
    /// [`EVERY`] ago.
    pub fn write(&self, line: &str) {
        if let Some(line) = self.line_at(Instant::now(), line) {
            eprintln!("{line}");
        }
    }

    /// The line to write at `now`, if any: `line`, with how many were left out before it.
    fn line_at(&self, now: Instant, line: &str) -> Option<String> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (last, left_out) = &mut *state;
        if last.is_some_and(|at| now.saturating_duration_since(at) < EVERY) {
            *left_out += 1;
            return None;
        }
        let text = match *left_out {
            0 => line.to_owned(),
            n => format!("{line} (and {n} more since the last such line, not written)"),
        };
        *last = Some(now);
        *left_out = 0;
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_condition_is_written_once_per_interval_with_what_was_left_out() {
        let log = RepeatedLog::new();
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        assert_eq!(
            log.line_at(at(0), "store full").as_deref(),
            Some("store full")
        );
        assert_eq!(log.line_at(at(1), "store full"), None);
        assert_eq!(log.line_at(at(9), "store full"), None);
        assert_eq!(
            log.line_at(at(10), "store full").as_deref(),
            Some("store full (and 2 more since the last such line, not written)")
        );
        assert_eq!(log.line_at(at(15), "store full"), None);
        assert_eq!(
            log.line_at(at(40), "store full").as_deref(),
            Some("store full (and 1 more since the last such line, not written)")
        );
        assert_eq!(
            log.line_at(at(51), "store full").as_deref(),
            Some("store full")
        );
    }
}
