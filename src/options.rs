//! Widget options as a host page passes them to `mount`, checked without any web
//! dependency so the checks run natively too.
//!
//! Unknown or mistyped options are reported (the boundary logs them) but never stop the
//! widget from rendering; a bad `endpoint` only blocks submission, with a clear message.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::delivery::RetryPolicy;
use crate::messages::Locale;
use crate::model::FilingType;

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
    /// [`parse_options`] leaves it to the caller, which reads the host's object as a filing
    /// (in the browser, straight from the JS object).
    pub filing: Option<crate::model::Filing>,
    /// Where the GB/T 2260 region data is fetched from; empty means next to the widget's
    /// files (`icp-filing-regions.json` beside `icp_filing.js`).
    pub regions_url: String,
    /// `POST` (default) or `PUT`.
    pub method: HttpMethod,
    /// Static request headers (`getHeaders()` is read by the boundary, not here).
    pub headers: Vec<(String, String)>,
    /// `omit` | `same-origin` (default) | `include`.
    pub credentials: Credentials,
    /// One attempt's time limit.
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
    /// Header carrying the idempotency key.
    pub idempotency_header: String,
    /// `--icp-*` custom properties set on the widget's root.
    pub appearance: Vec<(String, String)>,
    /// Filing type and province a new filing starts with.
    pub default_filing_type: Option<FilingType>,
    pub default_province: Option<String>,
    /// Compiled rule data (`icp-precheck rules compile`), as the host passed them.
    pub rules: Option<String>,
    /// Extra official holiday years (holiday-cn format).
    pub calendar: Vec<Value>,
    /// Where review progress is polled from after submission (`{id}` is replaced).
    pub status_endpoint: Option<String>,
    /// The receipt of a filing already submitted (with [`Self::filing`], the filing as sent):
    /// the widget opens on its progress, e.g. from the console's list of filings.
    pub receipt: Option<crate::form::Receipt>,
}

/// The submission's HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpMethod {
    #[default]
    Post,
    Put,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
        }
    }
}

/// The fetch `credentials` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Credentials {
    Omit,
    #[default]
    SameOrigin,
    Include,
}

/// Default time limit of one submission attempt.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Whether a header name is a valid token (RFC 9110) a host may set.
/// A header that can't be sent, in words; the value is never repeated (it may be a name or
/// a token).
pub fn header_problem(
    option: &str,
    name: &str,
    problem: &crate::delivery::HeaderProblem,
) -> String {
    match problem {
        crate::delivery::HeaderProblem::Name => {
            format!("option `{option}`: {name:?} is not a valid HTTP header name")
        }
        crate::delivery::HeaderProblem::Value => format!(
            "option `{option}`: the value of header {name:?} has characters HTTP headers can't carry \
             (only Latin-1 without line breaks; encode other text, e.g. with encodeURIComponent)"
        ),
    }
}

/// Headers the idempotency key must not go in: the widget's own (`Content-Type`, `Accept`),
/// credentials (`Authorization`, `Cookie`) and those the browser controls.
fn is_reserved_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "content-type",
        "accept",
        "authorization",
        "cookie",
        "content-length",
        "host",
        "origin",
        "referer",
        "connection",
        "transfer-encoding",
    ]
    .contains(&name.as_str())
        || name.starts_with("sec-")
        || name.starts_with("proxy-")
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
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
            method: HttpMethod::Post,
            headers: Vec::new(),
            credentials: Credentials::SameOrigin,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            retry: RetryPolicy::default(),
            idempotency_header: "Idempotency-Key".to_owned(),
            appearance: Vec::new(),
            default_filing_type: None,
            default_province: None,
            rules: None,
            calendar: Vec::new(),
            status_endpoint: None,
            receipt: None,
        }
    }
}

/// Default storage key of the draft.
pub const DEFAULT_DRAFT_KEY: &str = "icp-filing:draft";

/// The theme properties (`--icp-<name>`) the stylesheet reads, which `appearance` may set.
pub const APPEARANCE: &[&str] = &[
    "font",
    "font-size",
    "color-text",
    "color-muted",
    "color-border",
    "color-surface",
    "color-subtle",
    "color-primary",
    "color-primary-text",
    "color-primary-strong",
    "color-error",
    "color-warning",
    "color-warning-surface",
    "color-success",
    "color-info-surface",
    "color-focus",
    "color-stage",
    "color-late",
    "color-dayoff",
    "color-neutral-surface",
    "color-success-surface",
    "color-error-surface",
    "color-divider",
    "color-scheme",
    "radius",
    "space",
    "max-width",
];

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
    "method",
    "headers",
    "getHeaders",
    "lookupDomain",
    "credentials",
    "timeoutMs",
    "retry",
    "idempotencyHeader",
    "appearance",
    "defaults",
    "rules",
    "calendar",
    "reviewPolicy",
    "statusEndpoint",
    "receipt",
    "fetchPage",
];

/// Why a raw `reviewPolicy` (the option, or the stateless estimate's input) is refused, and
/// what to do instead.
pub const REVIEW_POLICY_IS_COMPILED: &str = "a provider's review policy is part of its \
    compiled rule data: put it under \"reviewPolicy\" in the override and pass what \
    `icp-precheck rules compile override.json` prints as `rules`";

/// Reads options from their JSON form. Returns the options and one message per problem
/// (unknown name, wrong type); problems fall back to defaults.
pub fn parse_options(value: &Value) -> (WidgetOptions, Vec<String>) {
    let (options, problems, _) = parse_options_naming_refused(value);
    (options, problems)
}

/// [`parse_options`], and the names of the options whose values were refused (`update()`
/// keeps their previous values).
pub fn parse_options_naming_refused(value: &Value) -> (WidgetOptions, Vec<String>, Vec<String>) {
    let mut options = WidgetOptions::default();
    let mut problems = Vec::new();
    let mut refused = Vec::new();
    let empty = Map::new();
    let map = match value {
        Value::Object(map) => map,
        Value::Null => &empty,
        _ => {
            problems.push("options must be an object; using defaults".to_owned());
            &empty
        }
    };
    // `null` is an option left at its default (what `update()` turns `null` and `undefined`
    // into).
    for (name, value) in map.iter().filter(|(_, v)| !v.is_null()) {
        let text = value.as_str();
        let before = problems.len();
        match (name.as_str(), text) {
            ("endpoint", Some(s)) => options.endpoint = check_endpoint(s),
            ("locale", Some(s)) => match Locale::parse(s) {
                Some(locale) => options.locale = locale,
                None => problems.push(format!(
                    "option `locale`: {}; showing zh-CN",
                    Locale::unsupported(s)
                )),
            },
            ("storage", Some("local")) => options.storage = DraftStorage::Local,
            ("storage", Some("session")) => options.storage = DraftStorage::Session,
            ("storage", Some("none")) => options.storage = DraftStorage::None,
            ("method", Some(m)) if m.eq_ignore_ascii_case("post") => {
                options.method = HttpMethod::Post
            }
            ("method", Some(m)) if m.eq_ignore_ascii_case("put") => {
                options.method = HttpMethod::Put
            }
            ("credentials", Some("omit")) => options.credentials = Credentials::Omit,
            ("credentials", Some("same-origin")) => options.credentials = Credentials::SameOrigin,
            ("credentials", Some("include")) => options.credentials = Credentials::Include,
            ("timeoutMs", _) if value.as_u64().is_some_and(|n| (1..=600_000).contains(&n)) => {
                options.timeout_ms = value.as_u64().unwrap_or_default() as u32
            }
            ("retry", _) if value.is_object() => {
                match read_retry(value) {
                    Some(r) if r.attempts >= 1 && r.attempts <= 10 => options.retry = r,
                    _ => problems.push(format!(
                        "option `retry` must be {{attempts: 1–10, baseDelayMs, maxDelayMs}}, got {}",
                        shown(value)
                    )),
                }
            }
            ("idempotencyHeader", Some(h)) if is_header_name(h) && is_reserved_header(h) => {
                problems.push(format!(
                    "option `idempotencyHeader`: {h:?} is a header the widget, the host's \
                     credentials or the browser set (Content-Type, Accept, Authorization, \
                     Cookie …); keeping {:?}",
                    options.idempotency_header
                ))
            }
            ("idempotencyHeader", Some(h)) if is_header_name(h) => {
                options.idempotency_header = h.to_owned()
            }
            ("headers", _) if value.is_object() => {
                for (k, v) in value.as_object().into_iter().flatten() {
                    // A header that can't be sent stays, so that the submission stops with a
                    // `config` error naming it instead of going out without it.
                    match v.as_str() {
                        Some(v) => {
                            if let Err(problem) = crate::delivery::check_header(k, v) {
                                problems.push(header_problem("headers", k, &problem));
                            }
                            options.headers.push((k.clone(), v.to_owned()))
                        }
                        None => problems
                            .push(format!("option `headers`: {k:?} must have a string value")),
                    }
                }
            }
            // A function: JSON carries it as absent; the boundary reads it from the object.
            ("getHeaders" | "lookupDomain" | "fetchPage", _) => {}
            ("receipt", _) => {
                let text = |key| value.get(key).and_then(Value::as_str).unwrap_or_default();
                match (text("id").trim(), text("receivedAt").trim()) {
                    (id, at) if !id.is_empty() && !at.is_empty() => {
                        options.receipt = Some(crate::form::Receipt {
                            id: id.to_owned(),
                            received_at: at.to_owned(),
                        })
                    }
                    _ => problems.push(format!(
                        "option `receipt` must be {{id, receivedAt}} as the endpoint answered, got {}",
                        shown(value)
                    )),
                }
            }
            ("appearance", _) if value.is_object() => {
                // `null` unsets a property (update() merges the theme one property at a time).
                for (k, v) in value.as_object().into_iter().flatten().filter(|(_, v)| !v.is_null()) {
                    let name = if k.starts_with("--") {
                        k.clone()
                    } else {
                        format!("--icp-{k}")
                    };
                    match v.as_str() {
                        _ if !name
                            .strip_prefix("--icp-")
                            .is_some_and(|n| APPEARANCE.contains(&n)) =>
                        {
                            problems.push(format!(
                                "option `appearance`: {k:?} is not a theme property (known: {})",
                                APPEARANCE.join(", ")
                            ))
                        }
                        Some(v) if !v.contains([';', '{', '}']) => {
                            options.appearance.push((name, v.to_owned()))
                        }
                        _ => problems.push(format!(
                            "option `appearance`: {k:?} must be a CSS value as text (e.g. \"4px\", \"#1664ff\"), got {}",
                            shown(v)
                        )),
                    }
                }
            }
            ("defaults", _) if value.is_object() => {
                for (k, v) in value.as_object().into_iter().flatten() {
                    match (k.as_str(), v.as_str()) {
                        ("filingType", Some(t)) if FilingType::from_slug(t).is_some() => {
                            options.default_filing_type = FilingType::from_slug(t)
                        }
                        ("province", Some(p)) if p.len() == 6 && p.ends_with("0000") => {
                            options.default_province = Some(p.to_owned())
                        }
                        ("filingType", _) => problems.push(format!(
                            "option `defaults`: filingType must be one of first, newWebsite, newAccess, change, got {}",
                            shown(v)
                        )),
                        ("province", _) => problems.push(format!(
                            "option `defaults`: province must be a province code such as \"110000\", got {}",
                            shown(v)
                        )),
                        _ => problems.push(format!(
                            "option `defaults`: unsupported {k:?} (known: filingType, province)"
                        )),
                    }
                }
            }
            ("rules", Some(s)) => options.rules = Some(s.to_owned()),
            ("rules", _) if value.is_object() => problems.push(
                "option `rules` takes compiled rule data (a text starting with \"icprules1:\"), \
                 not the override JSON: compile it with `icp-precheck rules compile override.json`, \
                 which validates it"
                    .to_owned(),
            ),
            ("reviewPolicy", _) => {
                problems.push(format!("option `reviewPolicy`: {REVIEW_POLICY_IS_COMPILED}"))
            }
            ("calendar", _) if value.is_array() || value.is_object() => {
                options.calendar = match value {
                    Value::Array(items) => items.clone(),
                    other => vec![other.clone()],
                };
            }
            ("statusEndpoint", Some(s)) => match check_endpoint(s) {
                Ok(url) => options.status_endpoint = Some(url),
                Err(e) => problems.push(format!("option `statusEndpoint`: {e}")),
            },
            ("regionsUrl", Some(s)) => match check_endpoint(s) {
                Ok(url) => options.regions_url = url,
                Err(e) => problems.push(format!("option `regionsUrl`: {e}")),
            },
            ("draftKey", Some(s)) if !s.trim().is_empty() => options.draft_key = s.to_owned(),
            ("today", Some(s)) => match parse_iso_date(s) {
                Some(d) => options.today = Some(d),
                None => problems.push(format!("option `today` must be YYYY-MM-DD, got {s:?}")),
            },
            // Read by the caller, which has the host's object (see `WidgetOptions::filing`).
            ("filing", _) if value.is_object() => {}
            (known, _) if KNOWN_OPTIONS.contains(&known) => {
                problems.push(format!(
                    "option `{known}` has an unsupported value {}",
                    shown(value)
                ));
            }
            (unknown, _) => problems.push(format!(
                "unknown option `{unknown}` (known options: {})",
                KNOWN_OPTIONS.join(", ")
            )),
        }
        if problems.len() > before {
            refused.push(name.clone());
        }
    }
    // The key would replace the host's own header of that name (its token, its request id).
    if options
        .headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case(&options.idempotency_header))
    {
        problems.push(format!(
            "option `idempotencyHeader`: {:?} is also in `headers`; the idempotency key would \
             replace the host's value, so the key goes as \"Idempotency-Key\"",
            options.idempotency_header
        ));
        options.idempotency_header = WidgetOptions::default().idempotency_header;
        refused.push("idempotencyHeader".to_owned());
    }
    if let Err(e) = &options.endpoint {
        // A text that is no endpoint; any other value was named above.
        if map.get("endpoint").is_some_and(Value::is_string) {
            problems.push(e.to_string());
            refused.push("endpoint".to_owned());
        }
    }
    (options, problems, refused)
}

/// `{attempts, baseDelayMs, maxDelayMs}`, each optional; `None` for another key or a value
/// that is not a whole number in range.
fn read_retry(value: &Value) -> Option<RetryPolicy> {
    let mut retry = RetryPolicy::default();
    for (key, v) in value.as_object()? {
        let n = u32::try_from(v.as_u64()?).ok()?;
        match key.as_str() {
            "attempts" => retry.attempts = n,
            "baseDelayMs" => retry.base_delay_ms = n,
            "maxDelayMs" => retry.max_delay_ms = n,
            _ => return None,
        }
    }
    Some(retry)
}

/// A value as a problem message shows it: strings quoted, numbers and booleans as written,
/// lists and objects by their kind (their contents may be long or personal).
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => grouped(&i.to_string()),
            (_, Some(u), _) => grouped(&u.to_string()),
            // A JS number such as 1e15 may arrive as a float. (Formatting floats would add
            // 8 KB of wasm: the others are named by kind.)
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e18 => {
                grouped(&(f as i64).to_string())
            }
            (_, _, Some(f)) if f.fract() == 0.0 => "a whole number above 9e18".to_owned(),
            _ => "a fractional number".to_owned(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A whole number with its thousands grouped (`1,000,000`): readable, and never taken for
/// an identity number by the console's masking (`delivery::mask_identifiers`).
fn grouped(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
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
    fn a_raw_review_policy_is_refused_with_the_command_that_compiles_it() {
        let policy = json!({"stages": {"providerReview": {"max": {"days": 3}}}});
        let (_, problems) = parse_options(&json!({ "reviewPolicy": policy }));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("\"reviewPolicy\" in the override"));
        assert!(problems[0].contains("icp-precheck rules compile override.json"));
    }

    #[test]
    fn unsupported_locales_defaults_and_theme_properties_are_named_for_what_is_wrong() {
        let (opts, problems) = parse_options(&json!({
            "locale": "fr",
            "defaults": {"filingType": "x", "province": "北京", "colour": "red"},
            "appearance": {"radius": 4, "bogus-var": "1px", "color-primary": "#c00"}
        }));
        assert_eq!(opts.locale, Locale::ZhCn);
        let said = |needle: &str| problems.iter().any(|p| p.contains(needle));
        assert!(said("locale \"fr\" is not supported"), "{problems:?}");
        let slugs: Vec<&str> = FilingType::ALL.iter().map(|t| t.slug()).collect();
        let expected = format!("filingType must be one of {}, got \"x\"", slugs.join(", "));
        assert!(said(&expected), "{problems:?}");
        assert!(said("province must be a province code"), "{problems:?}");
        assert!(said("unsupported \"colour\""), "{problems:?}");
        assert!(
            said("\"radius\" must be a CSS value as text"),
            "{problems:?}"
        );
        assert!(
            said("\"bogus-var\" is not a theme property"),
            "{problems:?}"
        );
        assert_eq!(problems.len(), 6, "{problems:?}");
        assert_eq!(
            opts.appearance,
            vec![("--icp-color-primary".to_owned(), "#c00".to_owned())]
        );
        // The first tag of an Accept-Language header counts (the receiver reads one).
        assert_eq!(Locale::parse("en,zh;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::parse("eng"), None);
        for (tag, locale) in [
            ("en-US", Locale::En),
            ("zh_CN", Locale::ZhCn),
            ("ZH-hans", Locale::ZhCn),
        ] {
            let (opts, problems) = parse_options(&json!({ "locale": tag }));
            assert_eq!((opts.locale, problems.len()), (locale, 0), "{tag}");
        }
    }

    #[test]
    fn a_number_out_of_range_is_quoted_whole_through_the_consoles_masking() {
        for (value, expected) in [
            (json!(1e15), "1,000,000,000,000,000"),
            (json!(10_000_000_u64), "10,000,000"),
            (json!(-1_234_567), "-1,234,567"),
            (json!(700_000), "700,000"),
            (json!(0), "0"),
            (json!(1.5), "a fractional number"),
            (json!(1e300), "a whole number above 9e18"),
        ] {
            let (opts, problems) = parse_options(&json!({ "timeoutMs": value }));
            assert_eq!(opts.timeout_ms, WidgetOptions::default().timeout_ms);
            let [problem] = problems.as_slice() else {
                panic!("{problems:?}")
            };
            let masked = crate::delivery::mask_identifiers(problem);
            assert!(
                masked.ends_with(&format!("unsupported value {expected}")),
                "{masked}"
            );
        }
    }

    #[test]
    fn the_theme_properties_are_the_ones_the_stylesheet_reads() {
        let css = include_str!("../style/icp-filing.css");
        let mut read: Vec<&str> = css
            .split("var(--icp-")
            .skip(1)
            .filter_map(|rest| rest.split([',', ')']).next())
            .collect();
        read.sort_unstable();
        read.dedup();
        let mut known = APPEARANCE.to_vec();
        known.sort_unstable();
        assert_eq!(read, known);
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
    fn delivery_options_are_read_and_bad_ones_named() {
        let (opts, problems) = parse_options(&json!({
            "endpoint": "/api/filings", "method": "put", "credentials": "include",
            "timeoutMs": 5000, "retry": {"attempts": 2, "baseDelayMs": 100, "maxDelayMs": 400},
            "headers": {"X-CSRF-Token": "t", "bad header": "x", "X-User": "张三"},
            "idempotencyHeader": "X-Request-Id",
            "appearance": {"color-primary": "#c00", "--icp-radius": "0", "--other": "x"},
            "defaults": {"province": "440000", "filingType": "newWebsite"},
            "statusEndpoint": "javascript:x"
        }));
        assert_eq!(opts.method, HttpMethod::Put);
        assert_eq!(opts.credentials, Credentials::Include);
        assert_eq!(opts.timeout_ms, 5000);
        assert_eq!(opts.retry.attempts, 2);
        assert_eq!(
            opts.headers.len(),
            3,
            "kept, so that a submission names them"
        );
        assert!(problems
            .iter()
            .any(|p| p.contains("\"X-User\"") && !p.contains("张三")));
        assert_eq!(opts.idempotency_header, "X-Request-Id");
        for reserved in ["Content-Type", "authorization", "Sec-Fetch-Mode"] {
            let (refused, said) = parse_options(&json!({"idempotencyHeader": reserved}));
            assert_eq!(refused.idempotency_header, "Idempotency-Key", "{reserved}");
            assert!(said.iter().any(|p| p.contains(reserved)), "{said:?}");
        }
        let (clash, said) = parse_options(&json!({
            "idempotencyHeader": "X-Request-Id", "headers": {"x-request-id": "host-1"}
        }));
        assert_eq!(clash.idempotency_header, "Idempotency-Key");
        assert_eq!(
            clash.headers,
            [("x-request-id".to_owned(), "host-1".to_owned())]
        );
        assert!(
            said.iter().any(|p| p.contains("also in `headers`")),
            "{said:?}"
        );
        assert_eq!(
            opts.appearance,
            [
                ("--icp-radius".to_owned(), "0".to_owned()),
                ("--icp-color-primary".to_owned(), "#c00".to_owned())
            ]
        );
        assert_eq!(opts.default_province.as_deref(), Some("440000"));
        assert_eq!(opts.default_filing_type, Some(FilingType::NewWebsite));
        assert_eq!(opts.status_endpoint, None);
        assert_eq!(problems.len(), 4, "{problems:?}");
    }

    #[test]
    fn a_refused_endpoint_is_reported() {
        let (opts, problems) = parse_options(&json!({ "endpoint": "javascript:void(0)" }));
        assert!(matches!(opts.endpoint, Err(EndpointError::Scheme(_))));
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn a_receipt_is_read_and_an_incomplete_one_named() {
        let (opts, problems) = parse_options(&json!({
            "receipt": {"id": "icpf_01", "receivedAt": "2026-11-28T02:00:00Z"}
        }));
        assert!(problems.is_empty(), "{problems:?}");
        let receipt = opts.receipt.unwrap();
        assert_eq!(
            (receipt.id.as_str(), receipt.received_at.as_str()),
            ("icpf_01", "2026-11-28T02:00:00Z")
        );
        for bad in [
            json!({"id": "icpf_01"}),
            json!("icpf_01"),
            json!({"id": " ", "receivedAt": "x"}),
        ] {
            let (opts, problems) = parse_options(&json!({ "receipt": bad }));
            assert_eq!(opts.receipt, None);
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].contains("option `receipt`"), "{problems:?}");
        }
    }
}
