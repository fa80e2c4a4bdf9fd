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

/// Replaces personal data in `text` so that event payloads and console messages never carry
/// it whole:
/// * every identity-like run of letters and digits (7 or more characters, at least 5 of them
///   digits: resident IDs, credit codes, passports and permits of 8–9 characters, phone
///   numbers) keeps only its last 4 characters, or its last 2 when it is shorter than 10;
/// * the part before `@` of an e-mail address keeps only its first character.
pub fn mask_identifiers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if is_address_char(chars[i]) {
            let start = i;
            while i < chars.len() && is_address_char(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            match run.iter().position(|c| *c == '@') {
                Some(at) if at > 0 && at + 1 < run.len() => {
                    out.push(run[0]);
                    out.extend(std::iter::repeat_n('*', at - 1));
                    out.extend(&run[at..]);
                }
                _ => mask_alphanumeric_runs(run, &mut out),
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Characters of an e-mail address (and of the identity-like runs inside other text).
fn is_address_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '_' | '%' | '+' | '-')
}

fn mask_alphanumeric_runs(chars: &[char], out: &mut String) {
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_alphanumeric() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let run = &chars[start..i];
        let digits = run.iter().filter(|c| c.is_ascii_digit()).count();
        if run.len() >= 7 && digits >= 5 {
            let keep = if run.len() >= 10 { 4 } else { 2 };
            out.extend(std::iter::repeat_n('*', run.len() - keep));
            out.extend(&run[run.len() - keep..]);
        } else {
            out.extend(run);
        }
    }
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

/// An idempotency key waiting for its answer, kept with the draft so that a reload or a
/// remount sends the same body under the same key (the receiver then answers with what it
/// stored, once) rather than filing it twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingAttempt {
    pub key: String,
    /// [`body_digest`] of the body sent under `key`.
    pub digest: String,
    /// When the first attempt started (RFC 3339, China Standard Time).
    pub started_at: String,
    /// An attempt may have reached the endpoint without its answer reaching the filer (the
    /// page closed mid-flight, a network error, a timeout, a 5xx).
    pub uncertain: bool,
}

/// A short fingerprint of a request body (64-bit FNV-1a, hex): enough to tell whether the
/// filing changed since a key was used, without keeping a second copy of it in storage.
pub fn body_digest(body: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in body.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Why a request header can't be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderProblem {
    /// The name is not an HTTP token ([RFC 9110] section 5.6.2).
    Name,
    /// The value has a character a browser refuses (beyond U+00FF, NUL, CR or LF): browsers
    /// throw instead of sending, e.g. for a Chinese user name.
    Value,
}

/// Checks a header the host gave, as `fetch` would before sending it ([Fetch]).
pub fn check_header(name: &str, value: &str) -> Result<(), HeaderProblem> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        return Err(HeaderProblem::Name);
    }
    if value
        .chars()
        .any(|c| u32::from(c) > 0xff || matches!(c, '\0' | '\r' | '\n'))
    {
        return Err(HeaderProblem::Value);
    }
    Ok(())
}

/// Header names and values, in sending order.
pub type HeaderList = Vec<(String, String)>;

/// The host's headers (static ones, then those of `getHeaders()`, a later one replacing an
/// earlier one of the same name) as they will be sent, with the names that were left out
/// because the widget sets them itself (`Content-Type`, `Accept`, the idempotency header).
///
/// # Errors
/// The first header that can't be sent, with its problem: the submission stops with a
/// `config` error naming it rather than a request the browser would refuse.
pub fn host_headers<'a>(
    given: impl IntoIterator<Item = &'a (String, String)>,
    idempotency_header: &str,
) -> Result<(HeaderList, Vec<String>), (String, HeaderProblem)> {
    let mut headers: HeaderList = Vec::new();
    let mut left_out = Vec::new();
    for (name, value) in given {
        check_header(name, value).map_err(|p| (name.clone(), p))?;
        let reserved = ["Content-Type", "Accept", idempotency_header];
        if reserved.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            if !left_out
                .iter()
                .any(|l: &String| l.eq_ignore_ascii_case(name))
            {
                left_out.push(name.clone());
            }
            continue;
        }
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.push((name.clone(), value.trim_matches([' ', '\t']).to_owned()));
    }
    Ok((headers, left_out))
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
        // Passports and permits of 8–9 characters, landlines, e-mail addresses.
        assert_eq!(mask_identifiers("护照 E12345678"), "护照 *******78");
        assert_eq!(mask_identifiers("G1234567"), "******67");
        assert_eq!(mask_identifiers("台胞证 12345678 号"), "台胞证 ******78 号");
        assert_eq!(mask_identifiers("H12345678"), "*******78");
        assert_eq!(
            mask_identifiers("邮箱 zhangsan@example.com 无效"),
            "邮箱 z*******@example.com 无效"
        );
        assert_eq!(mask_identifiers("010-62345678"), "010-******78");
        // Short codes, postcodes and slugs stay.
        assert_eq!(mask_identifiers("100000 ICP 2026"), "100000 ICP 2026");
        assert_eq!(
            mask_identifiers("app.bundle_id_format"),
            "app.bundle_id_format"
        );
        let mut v = json!({"params": {"value": "110105194912310021"}, "n": 3});
        mask_json(&mut v);
        assert_eq!(v["params"]["value"], "**************0021");
        assert_eq!(v["n"], 3);
    }

    #[test]
    fn the_digest_tells_bodies_apart_and_is_stable() {
        assert_eq!(body_digest(""), "cbf29ce484222325");
        assert_eq!(body_digest("a"), "af63dc4c8601ec8c");
        assert_ne!(body_digest("{\"a\":1}"), body_digest("{\"a\":2}"));
    }

    #[test]
    fn headers_a_browser_would_refuse_are_named() {
        assert_eq!(check_header("X-CSRF-Token", "abc"), Ok(()));
        assert_eq!(
            check_header("X-User", "café"),
            Ok(()),
            "Latin-1 is sendable"
        );
        assert_eq!(check_header("X-User", "张三"), Err(HeaderProblem::Value));
        assert_eq!(
            check_header("X-User", "a\r\nX-Evil: 1"),
            Err(HeaderProblem::Value)
        );
        assert_eq!(check_header("X User", "a"), Err(HeaderProblem::Name));
        assert_eq!(check_header("", "a"), Err(HeaderProblem::Name));
        assert_eq!(check_header("用户", "a"), Err(HeaderProblem::Name));
    }

    #[test]
    fn host_headers_cannot_replace_the_widgets_own() {
        let given = [
            ("X-Token".to_owned(), "1".to_owned()),
            ("content-type".to_owned(), "text/plain".to_owned()),
            ("idempotency-key".to_owned(), "mine".to_owned()),
            ("x-token".to_owned(), " 2 ".to_owned()),
            ("Accept".to_owned(), "*/*".to_owned()),
        ];
        let (headers, left_out) = host_headers(&given, "Idempotency-Key").unwrap();
        assert_eq!(headers, [("x-token".to_owned(), "2".to_owned())]);
        assert_eq!(left_out, ["content-type", "idempotency-key", "Accept"]);
        let bad = [("X-User".to_owned(), "李四".to_owned())];
        assert_eq!(
            host_headers(&bad, "Idempotency-Key"),
            Err(("X-User".to_owned(), HeaderProblem::Value))
        );
    }
}
