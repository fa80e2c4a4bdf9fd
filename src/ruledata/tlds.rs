//! `data/tlds.json`: which domain suffixes can be filed (docs/sources.md §5.2, §10 #6).
//!
//! Suffixes are stored lower-case, without a leading dot, IDN labels in Unicode (`中国`, not
//! `xn--fiqs8s`). Lookups take the longest matching suffix; `xn--` labels in the input are
//! decoded (RFC 3492) before matching.

use serde::{Deserialize, Serialize};

use super::words::Confidence;
use crate::locale::Locale;
use crate::severity::Severity;

/// A list of suffixes from one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TldGroup {
    pub source: String,
    #[serde(default)]
    pub confidence: Confidence,
    pub tlds: Vec<String>,
}

impl TldGroup {
    /// The severity of a verdict from this group: an error only on a confidence-H source.
    pub fn severity(&self) -> Severity {
        if self.confidence == Confidence::H {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// The suffix of this group that `domain` ends with (the longest), if any. `domain` is
    /// normalised as in [`normalize_domain`].
    pub fn matching_suffix(&self, domain: &str) -> Option<&str> {
        let domain = normalize_domain(domain);
        self.tlds
            .iter()
            .filter(|tld| has_suffix(&domain, tld))
            .max_by_key(|tld| tld.len())
            .map(String::as_str)
    }
}

/// A suffix that can probably be filed but deserves a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TldWarning {
    pub tld: String,
    /// Why, for the filer.
    pub zh: String,
    pub en: String,
    pub source: String,
}

impl TldWarning {
    /// The reason in `locale`.
    pub fn reason(&self, locale: Locale) -> &str {
        locale.choose(&self.zh, &self.en)
    }
}

/// The whole of `data/tlds.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TldFile {
    pub version: String,
    /// MIIT-approved suffixes, grouped by source.
    pub fileable: Vec<TldGroup>,
    /// Suffixes no list approves.
    pub not_fileable: Vec<TldGroup>,
    pub warn: Vec<TldWarning>,
    /// Reserved for 党政机关 (and the only suffixes they may use).
    pub government_only: TldGroup,
    /// The suffixes 事业单位 may use (a domain ending in any of them).
    pub institution_allowed: TldGroup,
}

/// What the data says about a domain's suffix. `suffix` is the matched entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TldStatus<'a> {
    /// On an approved list.
    Fileable {
        suffix: &'a str,
        group: &'a TldGroup,
    },
    /// Fileable according to some sources only.
    Warn {
        suffix: &'a str,
        warning: &'a TldWarning,
    },
    /// `gov.cn` / `政务`: only government bodies.
    GovernmentOnly {
        suffix: &'a str,
        group: &'a TldGroup,
    },
    /// Not approved.
    NotFileable {
        suffix: &'a str,
        group: &'a TldGroup,
    },
    /// On no list (or not a domain at all).
    Unknown,
}

impl<'a> TldStatus<'a> {
    /// The matched suffix (`None` for [`TldStatus::Unknown`]).
    pub fn suffix(&self) -> Option<&'a str> {
        match *self {
            TldStatus::Fileable { suffix, .. }
            | TldStatus::Warn { suffix, .. }
            | TldStatus::GovernmentOnly { suffix, .. }
            | TldStatus::NotFileable { suffix, .. } => Some(suffix),
            TldStatus::Unknown => None,
        }
    }

    /// Where the verdict comes from.
    pub fn source(&self) -> Option<&'a str> {
        match *self {
            TldStatus::Fileable { group, .. }
            | TldStatus::GovernmentOnly { group, .. }
            | TldStatus::NotFileable { group, .. } => Some(&group.source),
            TldStatus::Warn { warning, .. } => Some(&warning.source),
            TldStatus::Unknown => None,
        }
    }

    /// Fileable without reservation.
    pub fn is_fileable(&self) -> bool {
        matches!(self, TldStatus::Fileable { .. })
    }
}

/// Where a suffix sits in the data (index into the file's lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TldRef {
    Fileable(usize),
    NotFileable(usize),
    Warn(usize),
    GovernmentOnly,
}

impl TldFile {
    /// Every suffix of the four status lists with its place (institutionAllowed is a separate
    /// dimension and not included).
    pub(super) fn entries(&self) -> Vec<(&str, TldRef, &'static str)> {
        let mut out = Vec::new();
        for (i, group) in self.fileable.iter().enumerate() {
            for tld in &group.tlds {
                out.push((tld.as_str(), TldRef::Fileable(i), "fileable"));
            }
        }
        for (i, group) in self.not_fileable.iter().enumerate() {
            for tld in &group.tlds {
                out.push((tld.as_str(), TldRef::NotFileable(i), "notFileable"));
            }
        }
        for (i, warning) in self.warn.iter().enumerate() {
            out.push((warning.tld.as_str(), TldRef::Warn(i), "warn"));
        }
        for tld in &self.government_only.tlds {
            out.push((tld.as_str(), TldRef::GovernmentOnly, "governmentOnly"));
        }
        out
    }

    pub(super) fn status_of<'a>(&'a self, suffix: &'a str, place: TldRef) -> TldStatus<'a> {
        match place {
            TldRef::Fileable(i) => TldStatus::Fileable {
                suffix,
                group: &self.fileable[i],
            },
            TldRef::NotFileable(i) => TldStatus::NotFileable {
                suffix,
                group: &self.not_fileable[i],
            },
            TldRef::Warn(i) => TldStatus::Warn {
                suffix,
                warning: &self.warn[i],
            },
            TldRef::GovernmentOnly => TldStatus::GovernmentOnly {
                suffix,
                group: &self.government_only,
            },
        }
    }
}

/// Why a suffix in the data is not well-formed, if it is not.
pub(super) fn tld_problem(tld: &str) -> Option<&'static str> {
    if tld.is_empty() {
        Some("is empty")
    } else if tld.starts_with('.') || tld.ends_with('.') {
        Some("must not start or end with a dot")
    } else if tld.split('.').any(str::is_empty) {
        Some("has an empty label")
    } else if tld.chars().any(char::is_uppercase) {
        Some("must be lower-case")
    } else if tld.split('.').any(|l| l.starts_with("xn--")) {
        Some("must be written in Unicode, not punycode")
    } else if tld.chars().any(|c| {
        !(c == '.'
            || c == '-'
            || c.is_ascii_alphanumeric()
            || (!c.is_ascii() && c.is_alphanumeric()))
    }) {
        Some("has a character not allowed in a domain")
    } else {
        None
    }
}

/// `domain` ends with `suffix` on a label boundary (or is the suffix itself).
pub(super) fn has_suffix(domain: &str, suffix: &str) -> bool {
    domain == suffix
        || domain
            .strip_suffix(suffix)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// The form suffixes are matched in: trimmed, half-width, lower-case, ideographic full stops
/// as dots, no leading or trailing dot, `xn--` labels decoded to Unicode (left as they are
/// when they don't decode).
///
/// ```
/// use icp_filing::ruledata::normalize_domain;
/// assert_eq!(normalize_domain(" WWW.例子。中国. "), "www.例子.中国");
/// assert_eq!(normalize_domain("xn--fsqu00a.xn--fiqs8s"), "例子.中国");
/// ```
pub fn normalize_domain(domain: &str) -> String {
    let text = crate::ident::fold_domain_text(domain);
    let text = text.trim_matches('.');
    let labels: Vec<String> = text
        .split('.')
        .map(|label| {
            match label
                .strip_prefix("xn--")
                .and_then(crate::ident::punycode_decode)
            {
                Some(decoded) => {
                    // Character by character, as the domain folding does.
                    let mut folded = String::with_capacity(decoded.len());
                    for c in decoded.chars() {
                        crate::ident::push_lowercase(&mut folded, c);
                    }
                    folded
                }
                None => label.to_owned(),
            }
        })
        .collect();
    labels.join(".")
}

/// The suffixes of a normalised domain to try, longest first: every proper suffix on a label
/// boundary, or the whole text when it has a single label (a bare TLD).
pub(super) fn candidate_suffixes(domain: &str) -> impl Iterator<Item = &str> {
    let single = !domain.contains('.');
    let whole = single.then_some(domain);
    // Dots are ASCII, so each sits on a character boundary.
    let after_dots = domain
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'.')
        .map(move |(i, _)| &domain[i + 1..]);
    whole.into_iter().chain(after_dots)
}

// Public suffixes below the fileable TLDs (data/public-suffixes.txt, Public Suffix List), and
// the second-level registries among them (data/second-level-registries.txt).
include!(concat!(env!("OUT_DIR"), "/public_suffixes.rs"));

/// The public suffix of a normalised domain: the longest Public Suffix List rule below a
/// fileable TLD that it ends with (`edu.cn`, `com.cn`, `bj.cn`), else its last label.
///
/// ```
/// use icp_filing::ruledata::public_suffix;
/// assert_eq!(public_suffix("www.pku.edu.cn"), "edu.cn");
/// assert_eq!(public_suffix("example.com"), "com");
/// ```
pub fn public_suffix(domain: &str) -> &str {
    // The longest first; a domain with fewer labels than a rule is tried whole, once.
    let labels = 1 + domain.bytes().filter(|&b| b == b'.').count();
    PUBLIC_SUFFIX_LABELS
        .rev()
        .filter(|&n| n <= labels)
        .map(|n| last_labels(domain, n))
        .find(|s| PUBLIC_SUFFIXES.binary_search(s).is_ok())
        .unwrap_or_else(|| domain.rsplit('.').next().unwrap_or(domain))
}

/// The second-level registry (Public Suffix List, private section) that a normalised domain
/// is a name under: `cn.com` for `linxiao.cn.com` (§5.2 [PSL]).
///
/// ```
/// use icp_filing::ruledata::second_level_registry;
/// assert_eq!(second_level_registry("www.linxiao.cn.com"), Some("cn.com"));
/// assert_eq!(second_level_registry("linxiao.com"), None);
/// assert_eq!(second_level_registry("cn.com"), None);
/// ```
pub fn second_level_registry(domain: &str) -> Option<&str> {
    let suffix = public_suffix(domain);
    (suffix.len() < domain.len() && SECOND_LEVEL_REGISTRIES.binary_search(&suffix).is_ok())
        .then_some(suffix)
}

/// The registrable domain of a normalised `domain` whose TLD lists matched `listed` (see
/// [`super::RuleData::registrable_domain`], for callers that have the TLD status already).
pub fn registrable_domain<'d>(domain: &'d str, listed: Option<&str>) -> Option<&'d str> {
    let labels = |s: &str| 1 + s.bytes().filter(|&b| b == b'.').count();
    let suffix_labels = labels(public_suffix(domain)).max(listed.map_or(0, labels));
    (labels(domain) > suffix_labels).then(|| last_labels(domain, suffix_labels + 1))
}

/// The last `labels` labels of `domain` (the whole of it when it has no more).
pub(super) fn last_labels(domain: &str, labels: usize) -> &str {
    let mut start = domain.len();
    for _ in 0..labels {
        match domain.as_bytes()[..start].iter().rposition(|&b| b == b'.') {
            Some(dot) => start = dot,
            None => return domain,
        }
    }
    &domain[start + 1..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_suffixes_are_sorted_and_found() {
        assert!(PUBLIC_SUFFIXES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(public_suffix("pku.edu.cn"), "edu.cn");
        assert_eq!(public_suffix("a.b.sh.cn"), "sh.cn");
        assert_eq!(public_suffix("例子.公司.cn"), "公司.cn");
        assert_eq!(public_suffix("example.cn"), "cn");
        assert_eq!(public_suffix("com.cn"), "com.cn");
        assert_eq!(last_labels("a.b.c", 2), "b.c");
        assert_eq!(last_labels("a.b.c", 5), "a.b.c");
    }

    #[test]
    fn every_rule_is_found_under_any_number_of_labels() {
        for rule in PUBLIC_SUFFIXES {
            assert_eq!(public_suffix(rule), *rule);
            assert_eq!(public_suffix(&format!("x.{rule}")), *rule);
            assert_eq!(public_suffix(&format!("a.b.c.x.{rule}")), *rule);
        }
    }

    #[test]
    fn suffixes() {
        let got: Vec<&str> = candidate_suffixes("a.b.sh.cn").collect();
        assert_eq!(got, ["b.sh.cn", "sh.cn", "cn"]);
        let got: Vec<&str> = candidate_suffixes("org").collect();
        assert_eq!(got, ["org"]);
        assert!(has_suffix("example.gov.cn", "gov.cn"));
        assert!(!has_suffix("examplegov.cn", "gov.cn"));
    }

    #[test]
    fn problems() {
        assert_eq!(tld_problem("com"), None);
        assert_eq!(tld_problem("中国"), None);
        assert_eq!(tld_problem("sh.cn"), None);
        assert!(tld_problem(".com").is_some());
        assert!(tld_problem("COM").is_some());
        assert!(tld_problem("xn--fiqs8s").is_some());
        assert!(tld_problem("a b").is_some());
        assert!(tld_problem("").is_some());
    }
}
