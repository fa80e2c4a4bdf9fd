//! Widget options as a host page passes them to `mount`, checked without any web
//! dependency so the checks run natively too.
//!
//! Unknown or mistyped options are reported (the boundary logs them) but never stop the
//! widget from rendering; a bad `endpoint` only blocks submission, with a clear message.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::messages::Locale;

/// Where drafts are kept between page loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DraftStorage {
    /// `localStorage`: survives reloads and browser restarts.
    #[default]
    Local,
    /// `sessionStorage`: survives reloads of this tab.
    Session,
    /// Not kept.
    None,
}

/// Checked widget options.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetOptions {
    /// Where the finished filing is POSTed; `Err` holds why the given value was refused.
    pub endpoint: Result<String, EndpointError>,
    pub locale: Locale,
    pub storage: DraftStorage,
    /// Key the draft is stored under.
    pub draft_key: String,
    /// The date rules treat as today (CST); `None` means the browser's date in UTC+8.
    pub today: Option<NaiveDate>,
    /// Data the host already knows (e.g. the filer's websites), used when no draft is saved.
    pub filing: Option<crate::model::Filing>,
    /// Where the GB/T 2260 region data is fetched from; empty means next to the widget's
    /// files (`icp-filing-regions.json` beside `icp_filing.js`).
    pub regions_url: String,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        Self {
            endpoint: Err(EndpointError::Missing),
            locale: Locale::ZhCn,
            storage: DraftStorage::Local,
            draft_key: DEFAULT_DRAFT_KEY.to_owned(),
            today: None,
            filing: None,
            regions_url: String::new(),
        }
    }
}

/// Default storage key of the draft.
pub const DEFAULT_DRAFT_KEY: &str = "icp-filing:draft";

/// Why an endpoint was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    #[error(
        "no endpoint was configured: set the `endpoint` option to the URL filings are posted to"
    )]
    Missing,
    #[error("endpoint {0:?} is not allowed: use an absolute https:// or http:// URL or a same-origin path starting with /")]
    Scheme(String),
}

/// Checks an endpoint: absolute `http(s)://` URLs and same-origin relative paths only.
///
/// ```
/// use icp_filing::options::check_endpoint;
/// assert!(check_endpoint("/api/filings").is_ok());
/// assert!(check_endpoint("https://console.example.com/icp").is_ok());
/// assert!(check_endpoint("javascript:alert(1)").is_err());
/// assert!(check_endpoint("//evil.example/x").is_err());
/// ```
///
/// # Errors
/// [`EndpointError`] naming the refused value.
pub fn check_endpoint(raw: &str) -> Result<String, EndpointError> {
    let url = raw.trim();
    if url.is_empty() {
        return Err(EndpointError::Missing);
    }
    let lower = url.to_ascii_lowercase();
    let absolute = ["https://", "http://"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len());
    let relative = (url.starts_with('/') && !url.starts_with("//"))
        || url.starts_with("./")
        || url.starts_with("../");
    let has_control = url.chars().any(|c| c.is_control() || c == '\\');
    if (absolute || relative) && !has_control {
        Ok(url.to_owned())
    } else {
        Err(EndpointError::Scheme(url.to_owned()))
    }
}

pub use crate::dates::parse_iso_date;

/// Option names `mount` understands.
pub const KNOWN_OPTIONS: &[&str] = &[
    "endpoint",
    "locale",
    "storage",
    "draftKey",
    "today",
    "filing",
    "regionsUrl",
];

/// Reads options from their JSON form. Returns the options and one message per problem
/// (unknown name, wrong type); problems fall back to defaults.
pub fn parse_options(value: &Value) -> (WidgetOptions, Vec<String>) {
    let mut options = WidgetOptions::default();
    let mut problems = Vec::new();
    let empty = Map::new();
    let map = match value {
        Value::Object(map) => map,
        Value::Null => &empty,
        _ => {
            problems.push("options must be an object; using defaults".to_owned());
            &empty
        }
    };
    for (name, value) in map {
        let text = value.as_str();
        match (name.as_str(), text) {
            ("endpoint", Some(s)) => options.endpoint = check_endpoint(s),
            ("locale", Some(s)) => options.locale = Locale::from_tag(s),
            ("storage", Some("local")) => options.storage = DraftStorage::Local,
            ("storage", Some("session")) => options.storage = DraftStorage::Session,
            ("storage", Some("none")) => options.storage = DraftStorage::None,
            ("regionsUrl", Some(s)) => match check_endpoint(s) {
                Ok(url) => options.regions_url = url,
                Err(e) => problems.push(format!("option `regionsUrl`: {e}")),
            },
            ("draftKey", Some(s)) if !s.trim().is_empty() => options.draft_key = s.to_owned(),
            ("today", Some(s)) => match parse_iso_date(s) {
                Some(d) => options.today = Some(d),
                None => problems.push(format!("option `today` must be YYYY-MM-DD, got {s:?}")),
            },
            ("filing", _) if value.is_object() => {
                match crate::model::parse_filing(&value.to_string()) {
                    Ok(f) => options.filing = Some(f),
                    Err(e) => problems.push(format!("option `filing` is not a filing: {e}")),
                }
            }
            (known, _) if KNOWN_OPTIONS.contains(&known) => {
                problems.push(format!("option `{known}` has an unsupported value {value}"));
            }
            (unknown, _) => problems.push(format!(
                "unknown option `{unknown}` (known options: {})",
                KNOWN_OPTIONS.join(", ")
            )),
        }
    }
    if let Err(e) = &options.endpoint {
        if map.contains_key("endpoint") {
            problems.push(e.to_string());
        }
    }
    (options, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn endpoints_are_checked_by_scheme() {
        let good = [
            "/api/filings",
            "https://a.example/x",
            "HTTP://127.0.0.1:8080/api",
            "./api",
        ];
        let bad = [
            "",
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "ftp://x",
            "https://",
            "/a\\b",
        ];
        for url in good {
            assert!(check_endpoint(url).is_ok(), "{url}");
        }
        for url in bad {
            assert!(check_endpoint(url).is_err(), "{url}");
        }
    }

    #[test]
    fn unknown_and_mistyped_options_are_reported_and_defaults_kept() {
        let (opts, problems) = parse_options(&json!({
            "endpoint": "/api/filings", "locale": "en", "storage": "cloud", "colour": "red", "today": "2026-13-01"
        }));
        assert_eq!(opts.endpoint.as_deref(), Ok("/api/filings"));
        assert_eq!(opts.locale, Locale::En);
        assert_eq!(opts.storage, DraftStorage::Local);
        assert_eq!(opts.today, None);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`colour`")));
        assert!(problems.iter().any(|p| p.contains("`storage`")));
        assert!(problems.iter().any(|p| p.contains("`today`")));
    }

    #[test]
    fn iso_dates_parse_strictly() {
        assert_eq!(
            parse_iso_date("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        for bad in [
            "2026-02-29",
            "2026-2-28",
            "20260228",
            "2026-02-28T00:00",
            "２０２６-02-28",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_refused_endpoint_is_reported() {
        let (opts, problems) = parse_options(&json!({ "endpoint": "javascript:void(0)" }));
        assert!(matches!(opts.endpoint, Err(EndpointError::Scheme(_))));
        assert_eq!(problems.len(), 1);
    }
}
