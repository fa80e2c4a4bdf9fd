//! Fault injection for client tests (`--faults`; never enable it in production): one-shot
//! faults that the next matching `POST /api/filings` requests consume, set and read through
//! `POST`/`GET`/`DELETE /__faults`.

use std::collections::BTreeMap;
use std::sync::Mutex;

use chrono::Utc;
use icp_filing::report::Severity;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Longest `delay` accepted, in milliseconds.
pub const MAX_DELAY_MS: u64 = 60_000;
/// Largest `Retry-After` accepted, in seconds.
pub const MAX_RETRY_AFTER_SECONDS: u32 = 3_600;
/// Largest `times` accepted.
pub const MAX_TIMES: u32 = 1_000;

/// What a fault does to the request that consumes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FaultKind {
    /// Handle the request as usual (validate, store), then close the connection without
    /// sending the response.
    Drop,
    /// Answer `status` (400–599) with an error body; store nothing.
    Status { status: u16 },
    /// Handle the request as usual (validate, store), then hold the response back `ms`
    /// milliseconds.
    Delay { ms: u64 },
    /// Answer `429` with `Retry-After: seconds`; store nothing.
    RetryAfter { seconds: u32 },
    /// Answer `422` with a report naming `issues`; store nothing.
    Reject422 { issues: Vec<FaultIssue> },
    /// Panic where the filing is handled (before it is read); the receiver answers
    /// `500 server.failed` and stores nothing.
    Panic,
}

impl FaultKind {
    fn name(&self) -> &'static str {
        match self {
            FaultKind::Drop => "drop",
            FaultKind::Status { .. } => "status",
            FaultKind::Delay { .. } => "delay",
            FaultKind::RetryAfter { .. } => "retryAfter",
            FaultKind::Reject422 { .. } => "reject422",
            FaultKind::Panic => "panic",
        }
    }

    /// The fields this kind takes besides `kind`, `times` and `idempotencyKey`.
    fn fields(kind: &str) -> Option<&'static [&'static str]> {
        Some(match kind {
            "drop" => &[],
            "status" => &["status"],
            "delay" => &["ms"],
            "retryAfter" => &["seconds"],
            "reject422" => &["issues"],
            "panic" => &[],
            _ => return None,
        })
    }
}

/// An issue of a `reject422` fault; `severity` defaults to `error`, `message` to the
/// catalogue's text for `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultIssue {
    pub path: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A pending fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many more requests it applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
    /// Applies only to requests with this `Idempotency-Key` (default: any request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
}

fn one() -> u32 {
    1
}

/// A fault that was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fired {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    /// When, RFC 3339 UTC.
    pub at: String,
}

/// The pending faults and those applied so far, as `GET /__faults` returns them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FaultState {
    pub pending: Vec<Fault>,
    pub fired: Vec<Fired>,
}

/// The fault queue of a running receiver.
#[derive(Debug, Default)]
pub struct Faults {
    state: Mutex<FaultState>,
}

impl Faults {
    /// Reads a fault or a list of faults, checking every field.
    ///
    /// # Errors
    /// A message naming the fault (0-based) and what is wrong with it.
    pub fn parse(body: &[u8]) -> Result<Vec<Fault>, String> {
        let value: Value =
            serde_json::from_slice(body).map_err(|_| "the body is not JSON".to_owned())?;
        let items = match value {
            Value::Array(items) => items,
            single @ Value::Object(_) => vec![single],
            _ => return Err("send a fault object or a list of them".to_owned()),
        };
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| parse_one(item).map_err(|e| format!("fault {i}: {e}")))
            .collect()
    }

    /// Appends faults to the queue.
    pub fn push(&self, faults: Vec<Fault>) -> FaultState {
        let mut state = self.lock();
        state.pending.extend(faults);
        state.clone()
    }

    /// The queue and the log.
    pub fn snapshot(&self) -> FaultState {
        self.lock().clone()
    }

    /// Empties the queue and the log.
    pub fn clear(&self) {
        *self.lock() = FaultState::default();
    }

    /// Consumes the first pending fault that applies to a request with `key`.
    pub fn take(&self, key: Option<&str>) -> Option<FaultKind> {
        let mut state = self.lock();
        let index = state
            .pending
            .iter()
            .position(|f| f.idempotency_key.is_none() || f.idempotency_key.as_deref() == key)?;
        let fault = &mut state.pending[index];
        fault.times = fault.times.saturating_sub(1);
        let kind = fault.kind.clone();
        if fault.times == 0 {
            state.pending.remove(index);
        }
        state.fired.push(Fired {
            kind: kind.name(),
            idempotency_key: key.map(str::to_owned),
            at: Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        });
        Some(kind)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FaultState> {
        // The state stays valid whatever a panicking holder was doing.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn parse_one(item: Value) -> Result<Fault, String> {
    let Value::Object(map) = &item else {
        return Err("not an object".to_owned());
    };
    let kind = map
        .get("kind")
        .and_then(Value::as_str)
        .ok_or("\"kind\" is missing")?;
    let fields = FaultKind::fields(kind).ok_or_else(|| {
        format!("unknown kind {kind:?}; use drop, status, delay, retryAfter, reject422 or panic")
    })?;
    if let Some(extra) = map.keys().find(|k| {
        !["kind", "times", "idempotencyKey"].contains(&k.as_str()) && !fields.contains(&k.as_str())
    }) {
        return Err(format!("{kind} takes no field {extra:?}"));
    }
    let fault: Fault = serde_json::from_value(item).map_err(|e| e.to_string())?;
    if fault.times == 0 || fault.times > MAX_TIMES {
        return Err(format!("times must be 1–{MAX_TIMES}"));
    }
    // A request's key is never empty: a fault for it would wait for ever.
    if fault.idempotency_key.as_deref() == Some("") {
        return Err("idempotencyKey must not be empty".to_owned());
    }
    match &fault.kind {
        FaultKind::Status { status } if !(400..=599).contains(status) => {
            Err(format!("status {status} is not an error status (400–599)"))
        }
        FaultKind::Delay { ms } if *ms > MAX_DELAY_MS => {
            Err(format!("ms must be at most {MAX_DELAY_MS}"))
        }
        FaultKind::RetryAfter { seconds } if *seconds > MAX_RETRY_AFTER_SECONDS => {
            Err(format!("seconds must be at most {MAX_RETRY_AFTER_SECONDS}"))
        }
        FaultKind::Reject422 { issues } if issues.is_empty() => {
            Err("reject422 needs at least one issue".to_owned())
        }
        _ => Ok(fault),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_from_its_json_form() {
        let faults = Faults::parse(
            br#"[{"kind":"drop"},{"kind":"status","status":503,"times":2},
                {"kind":"delay","ms":250},{"kind":"retryAfter","seconds":3,"idempotencyKey":"k1"},
                {"kind":"reject422","issues":[{"path":"subject.name","code":"required"}]},
                {"kind":"panic"}]"#,
        )
        .unwrap();
        assert_eq!(faults.len(), 6);
        assert_eq!(faults[5].kind, FaultKind::Panic);
        assert_eq!(faults[0].kind, FaultKind::Drop);
        assert_eq!(faults[1].kind, FaultKind::Status { status: 503 });
        assert_eq!(faults[1].times, 2);
        assert_eq!(faults[2].times, 1);
        assert_eq!(faults[3].idempotency_key.as_deref(), Some("k1"));
        let single = Faults::parse(br#"{"kind":"delay","ms":5}"#).unwrap();
        assert_eq!(single[0].kind, FaultKind::Delay { ms: 5 });
    }

    #[test]
    fn mistakes_in_a_fault_are_named() {
        for (body, expected) in [
            (r#"{"kind":"explode"}"#, "unknown kind"),
            (r#"{"kind":"status","status":200}"#, "not an error status"),
            (r#"{"kind":"status"}"#, "missing field"),
            (
                r#"{"kind":"delay","millis":5}"#,
                "takes no field \"millis\"",
            ),
            (r#"{"kind":"delay","ms":600000}"#, "at most"),
            (r#"{"kind":"drop","times":0}"#, "times must be"),
            (r#"{"kind":"reject422","issues":[]}"#, "at least one issue"),
            (r#"[{"kind":"drop"}, 3]"#, "fault 1: not an object"),
            ("7", "a fault object or a list"),
            (
                r#"{"kind":"drop","idempotencyKey":""}"#,
                "must not be empty",
            ),
            ("garbage", "the body is not JSON"),
        ] {
            let err = Faults::parse(body.as_bytes()).unwrap_err();
            assert!(err.contains(expected), "{body}: {err}");
        }
        // Nothing of the parser's own wording.
        assert_eq!(
            Faults::parse(b"garbage").unwrap_err(),
            "the body is not JSON"
        );
    }

    #[test]
    fn faults_are_consumed_in_order_and_by_key() {
        let faults = Faults::default();
        faults.push(
            Faults::parse(
                br#"[{"kind":"status","status":500,"idempotencyKey":"a"},
                    {"kind":"delay","ms":1,"times":2}]"#,
            )
            .unwrap(),
        );
        assert_eq!(faults.take(Some("b")), Some(FaultKind::Delay { ms: 1 }));
        assert_eq!(
            faults.take(Some("a")),
            Some(FaultKind::Status { status: 500 })
        );
        assert_eq!(faults.take(None), Some(FaultKind::Delay { ms: 1 }));
        assert_eq!(faults.take(None), None);
        let state = faults.snapshot();
        assert!(state.pending.is_empty());
        let kinds: Vec<_> = state.fired.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, ["delay", "status", "delay"]);
        faults.clear();
        assert_eq!(faults.snapshot(), FaultState::default());
    }
}
