//! Delivery policy for submitting a filing: which answers are retried, how long to wait
//! between attempts, and how event payloads hide identity numbers. Pure, so the browser code
//! only performs the requests and the policy is tested natively.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Retries after a failed attempt (`retry` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 = no retry).
    pub attempts: u32,
    /// Delay before the first retry; doubles each time.
    pub base_delay_ms: u32,
    /// Upper bound of one delay. A `Retry-After` longer than this ends the automatic
    /// retries: the filer is told to try again later rather than sent early into a refusal.
    pub max_delay_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 4,
            base_delay_ms: 500,
            max_delay_ms: 8_000,
        }
    }
}

/// What one attempt ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptResult {
    /// No HTTP answer: connection refused or dropped, DNS, CORS, offline.
    NetworkError,
    /// No answer within `timeoutMs`.
    Timeout,
    /// An HTTP status.
    Status(u16),
}

impl AttemptResult {
    /// Whether another attempt with the same idempotency key may succeed: network errors,
    /// timeouts, 408, 429 and 502/503/504. Never other 4xx (the request itself is wrong) and
    /// never 500 (the server failed in a way a repeat is unlikely to fix).
    pub fn is_retryable(self) -> bool {
        match self {
            AttemptResult::NetworkError | AttemptResult::Timeout => true,
            AttemptResult::Status(s) => matches!(s, 408 | 429 | 502 | 503 | 504),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` (attempts count from 1), or `None` when no
    /// retry is due. `jitter` in `[0, 1)` spreads clients ("full jitter" between half and
    /// all of the exponential delay); `retry_after_ms` is the server's `Retry-After`, which
    /// is honoured when it is longer; when it is longer than `max_delay_ms` there is no
    /// automatic retry.
    pub fn delay_after(
        &self,
        attempt: u32,
        result: AttemptResult,
        jitter: f64,
        retry_after_ms: Option<u32>,
    ) -> Option<u32> {
        if !result.is_retryable() || attempt >= self.attempts.max(1) {
            return None;
        }
        let exponent = attempt.saturating_sub(1).min(16);
        let exponential = self
            .base_delay_ms
            .saturating_mul(1 << exponent)
            .min(self.max_delay_ms);
        let jitter = jitter.clamp(0.0, 1.0);
        let spread = (f64::from(exponential) * (0.5 + jitter / 2.0)) as u32;
        match retry_after_ms {
            Some(server) if server > self.max_delay_ms => None,
            Some(server) => Some(server.max(spread)),
            None => Some(spread),
        }
    }
}

/// Reads `Retry-After` given in seconds. (HTTP dates are converted by the caller, which
/// has a clock.)
pub fn retry_after_seconds(header: &str) -> Option<u32> {
    let seconds: u32 = header.trim().parse().ok()?;
    Some(seconds.saturating_mul(1000))
}

/// Replaces every identity-like run in `text` (10 or more letters and digits, at least 6 of
/// them digits: ID cards, credit codes, permits, passports) by `*` except its last 4
/// characters, so event payloads sent to host code never carry a full ID number.
pub fn mask_identifiers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let run = &chars[start..i];
            let digits = run.iter().filter(|c| c.is_ascii_digit()).count();
            if run.len() >= 10 && digits >= 6 {
                out.extend(std::iter::repeat_n('*', run.len() - 4));
                out.extend(&run[run.len() - 4..]);
            } else {
                out.extend(run);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// [`mask_identifiers`] applied to every string in a JSON value.
pub fn mask_json(value: &mut Value) {
    match value {
        Value::String(s) => *s = mask_identifiers(s),
        Value::Array(items) => items.iter_mut().for_each(mask_json),
        Value::Object(map) => map.values_mut().for_each(mask_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_transient_failures_are_retried() {
        for s in [408, 429, 502, 503, 504] {
            assert!(AttemptResult::Status(s).is_retryable(), "{s}");
        }
        for s in [200, 201, 400, 401, 403, 404, 409, 413, 422, 500] {
            assert!(!AttemptResult::Status(s).is_retryable(), "{s}");
        }
        assert!(AttemptResult::NetworkError.is_retryable());
        assert!(AttemptResult::Timeout.is_retryable());
    }

    #[test]
    fn delays_grow_exponentially_with_jitter_and_stop_after_the_last_attempt() {
        let p = RetryPolicy {
            attempts: 4,
            base_delay_ms: 1000,
            max_delay_ms: 3000,
        };
        let net = AttemptResult::NetworkError;
        assert_eq!(p.delay_after(1, net, 0.0, None), Some(500));
        assert_eq!(p.delay_after(1, net, 0.999_999, None), Some(999));
        assert_eq!(p.delay_after(2, net, 0.0, None), Some(1000));
        assert_eq!(p.delay_after(3, net, 1.0, None), Some(3000), "capped");
        assert_eq!(p.delay_after(4, net, 0.0, None), None, "no fifth attempt");
        assert_eq!(
            p.delay_after(1, AttemptResult::Status(422), 0.0, None),
            None
        );
    }

    #[test]
    fn retry_after_is_honoured_and_a_longer_one_than_the_cap_ends_the_retries() {
        let p = RetryPolicy::default();
        let busy = AttemptResult::Status(429);
        assert_eq!(p.delay_after(1, busy, 0.0, Some(2000)), Some(2000));
        assert_eq!(
            p.delay_after(3, busy, 0.0, Some(100)),
            Some(1000),
            "backoff when longer"
        );
        assert_eq!(p.delay_after(1, busy, 0.0, Some(8000)), Some(8000));
        assert_eq!(
            p.delay_after(1, busy, 0.0, Some(60_000)),
            None,
            "not sent early"
        );
        assert_eq!(retry_after_seconds(" 3 "), Some(3000));
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    }

    #[test]
    fn identity_numbers_are_masked_but_ordinary_text_is_not() {
        assert_eq!(
            mask_identifiers("号码 11010519491231002X 校验位不正确"),
            "号码 **************002X 校验位不正确"
        );
        assert_eq!(mask_identifiers("91350100M000100Y43"), "**************0Y43");
        assert_eq!(mask_identifiers("13800138000"), "*******8000");
        assert_eq!(
            mask_identifiers("example.com 2026-11-28"),
            "example.com 2026-11-28"
        );
        assert_eq!(mask_identifiers("websites[0].name"), "websites[0].name");
        let mut v = json!({"params": {"value": "110105194912310021"}, "n": 3});
        mask_json(&mut v);
        assert_eq!(v["params"]["value"], "**************0021");
        assert_eq!(v["n"], 3);
    }
}
