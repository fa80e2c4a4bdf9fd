//! The validation report: every problem found, each as `{path, code, severity, params}`
//! plus a message from the [`crate::messages`] catalogue.

use std::collections::BTreeMap;
use std::fmt::{Display, Write};

use serde::{Deserialize, Serialize};

use crate::messages::{self, Locale};
use crate::ruledata::RuleData;

pub use crate::severity::Severity;

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// The field to change, with JSON names and `[i]` indices, e.g. `subject.certificate.number`.
    pub path: String,
    /// Stable dotted code, e.g. `id.checksum`.
    pub code: String,
    pub severity: Severity,
    /// Values the message is filled from (always the normalised input).
    pub params: BTreeMap<String, String>,
    /// The message in the report's locale.
    pub message: String,
}

impl Issue {
    /// The key a filer's acknowledgement of this issue is recorded under: `"code@path"`.
    pub fn acknowledgement_key(&self) -> String {
        format!("{}@{}", self.code, self.path)
    }
}

/// The result of validating a filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub ruleset_version: String,
    /// No error, and every warning acknowledged.
    pub ok: bool,
    /// In form order (top to bottom), so the first one is the one to focus.
    pub issues: Vec<Issue>,
}

impl Report {
    /// Issues for one field path.
    pub fn issues_at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| i.path == path)
    }

    /// Number of issues of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == severity)
            .count()
    }

    /// Rewrites every message in another locale, with names from `data` (the rule data the
    /// report was made with).
    pub fn localize(&mut self, locale: Locale, data: &RuleData) {
        for issue in &mut self.issues {
            issue.message = messages::render(&issue.code, &issue.params, locale, data);
        }
    }
}

/// Collects issues while the rules run, in the order they are found.
///
/// Paths are taken as [`Display`] values (a `&str`, or e.g. `format_args!("{base}.name")`)
/// and only turned into strings when an issue is recorded.
#[derive(Debug, Default)]
pub struct Collector {
    issues: Vec<Collected>,
    errors: usize,
}

impl Collector {
    /// Records a blocking problem.
    pub fn error(&mut self, path: impl Display, code: &'static str) -> ParamsBuilder<'_> {
        self.push(path_text(path), code, Severity::Error)
    }

    /// Records a problem the filer may confirm.
    pub fn warning(&mut self, path: impl Display, code: &'static str) -> ParamsBuilder<'_> {
        self.push(path_text(path), code, Severity::Warning)
    }

    /// Records a problem whose severity comes from data (province rules).
    pub fn issue(
        &mut self,
        severity: Severity,
        path: impl Display,
        code: &'static str,
    ) -> ParamsBuilder<'_> {
        self.push(path_text(path), code, severity)
    }

    fn push(&mut self, path: String, code: &'static str, severity: Severity) -> ParamsBuilder<'_> {
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.issues.push((path, code, severity, BTreeMap::new()));
        let last = self.issues.len() - 1;
        ParamsBuilder {
            params: &mut self.issues[last].3,
        }
    }

    /// Whether a blocking problem was already recorded at `path` (later checks of the same
    /// value would only repeat it).
    pub fn has_error_at(&self, path: impl Display) -> bool {
        if self.errors == 0 {
            return false;
        }
        let path = path_text(path);
        self.issues
            .iter()
            .any(|(p, _, severity, _)| *severity == Severity::Error && *p == path)
    }

    /// Turns the collected issues into a report, rendering messages in `locale` and
    /// clearing warnings listed in `acknowledged` (`"code@path"`).
    pub fn finish(self, acknowledged: &[String], locale: Locale, data: &RuleData) -> Report {
        let mut collected = self.issues;
        if collected.len() > 1 {
            // Stable: issues at one path keep the order the rules found them in.
            collected.sort_by_cached_key(|(path, ..)| form_order_key(path));
            collected = merge_repeats(collected);
        }
        let ok = self.errors == 0
            && collected.iter().all(|(path, code, ..)| {
                acknowledged
                    .iter()
                    .any(|key| is_acknowledgement_key(key, code, path))
            });
        let issues: Vec<Issue> = collected
            .into_iter()
            .map(|(path, code, severity, params)| Issue {
                message: messages::render(code, &params, locale, data),
                path,
                code: code.to_owned(),
                severity,
                params,
            })
            .collect();
        Report {
            ruleset_version: data.ruleset_version().to_owned(),
            ok,
            issues,
        }
    }
}

/// An issue as recorded: path, code, severity, params.
type Collected = (String, &'static str, Severity, BTreeMap<String, String>);

/// One issue per code and path: a filer confirms a warning once, under its `"code@path"`
/// key, so a rule that finds two words in one name reports them together (`word`: 免费、特价).
/// Params that differ are joined with 、; the stricter severity is kept.
fn merge_repeats(issues: Vec<Collected>) -> Vec<Collected> {
    let mut out: Vec<Collected> = Vec::with_capacity(issues.len());
    for (path, code, severity, params) in issues {
        let earlier = out
            .iter_mut()
            .rev()
            .take_while(|(p, ..)| *p == path)
            .find(|(_, c, ..)| *c == code);
        let Some((_, _, kept_severity, kept)) = earlier else {
            out.push((path, code, severity, params));
            continue;
        };
        if severity == Severity::Error {
            *kept_severity = Severity::Error;
        }
        for (key, value) in params {
            match kept.get_mut(&key) {
                Some(old) if old.split('、').any(|v| v == value) => {}
                Some(old) => {
                    old.push('、');
                    old.push_str(&value);
                }
                None => {
                    kept.insert(key, value);
                }
            }
        }
    }
    out
}

/// Whether `key` is `"{code}@{path}"`.
fn is_acknowledgement_key(key: &str, code: &str, path: &str) -> bool {
    key.strip_prefix(code)
        .and_then(|rest| rest.strip_prefix('@'))
        .is_some_and(|rest| rest == path)
}

/// A path as text, in one allocation for the usual lengths.
fn path_text(path: impl Display) -> String {
    let mut text = String::with_capacity(48);
    // Writing to a String only fails if a Display impl does, which ours never do.
    let _ = write!(text, "{path}");
    text
}

/// Field names in the order the form shows them; a path sorts by the rank of each of its
/// segments (then by index), so the report reads top to bottom like the form.
const FORM_ORDER: &[&str] = &[
    "filingType",
    "province",
    "filingNumber",
    "subject",
    "kind",
    "name",
    "certificate",
    "type",
    "number",
    "validUntil",
    "certificateAddress",
    "address",
    "city",
    "district",
    "detail",
    "principalIsLegalRepresentative",
    "principal",
    "mobile",
    "emergencyPhone",
    "email",
    "officePhone",
    "websites",
    "apps",
    "platforms",
    "platform",
    "packageName",
    "signatureMd5",
    "publicKey",
    "certSha1",
    "domains",
    "homepage",
    "serviceContent",
    "languages",
    "preApprovals",
    "category",
    "responsible",
    "remark",
];

/// The sort key of a report path: `websites[1].domains[0]` → `[rank(websites), 1, rank(domains), 0]`.
pub fn form_order_key(path: &str) -> Vec<u32> {
    let mut key = Vec::with_capacity(8);
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<u32>().ok()),
            None => (segment, None),
        };
        let rank = FORM_ORDER
            .iter()
            .position(|f| *f == name)
            .unwrap_or(FORM_ORDER.len());
        key.push(rank as u32 * 2 + 1);
        if let Some(i) = index {
            key.push(i);
        }
    }
    key
}

/// Adds parameters to the issue just recorded.
pub struct ParamsBuilder<'a> {
    params: &'a mut BTreeMap<String, String>,
}

/// The longest parameter a message quotes, in characters (every text of the rule data is
/// shorter): a value pasted by mistake, a whole page in a domain field, is quoted by its
/// start and `…`, not copied into the message and the parameters.
pub const MAX_PARAM_CHARS: usize = 200;

impl ParamsBuilder<'_> {
    /// Adds one `{name}` parameter.
    pub fn param(self, name: &str, value: impl ToString) -> Self {
        let mut value = value.to_string();
        if let Some((cut, _)) = value.char_indices().nth(MAX_PARAM_CHARS) {
            value.truncate(cut);
            value.push('…');
        }
        self.params.insert(name.to_owned(), value);
        self
    }
}
