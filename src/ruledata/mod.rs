//! Rule data: the province rules, TLD lists, word lists and option catalogues the shared
//! rules read (docs/sources.md §3–§7, §10), and the review policy the estimates read (§1.2,
//! §11), kept as JSON in `data/`. `data/README.md` describes
//! the files, their sources and confidence conventions.
//!
//! `build.rs` compiles the files into a compact form that [`RuleData::embedded`] decodes on
//! first use (no JSON is parsed at run time); the test suite checks that the result equals
//! the files read with [`RuleData::from_json`] and passes [`RuleData::validate`]. A host changes or extends any part at
//! run time with [`RuleData::with_override`] (same format, every key optional); the report then
//! names the combined version ([`RuleData::ruleset_version`], e.g.
//! `icp-rules/0.1.0+acme-2026.12`).
//!
//! ```
//! use icp_filing::model::SubjectKind;
//! use icp_filing::ruledata::{RuleData, TldStatus};
//!
//! let data = RuleData::embedded();
//! assert_eq!(data.province("510000").unwrap().abbr, "蜀");
//! assert!(matches!(data.tld_status("example.io"), TldStatus::NotFileable { .. }));
//! assert_eq!(data.pre_approval_categories_for("某某理财网"), ["finance"]);
//!
//! let host = data
//!     .with_override(r#"{"version": "acme-1", "tlds": {"fileable": {"add": [{"tlds": ["org"]}]}}}"#)
//!     .unwrap();
//! assert!(host.tld_status("example.org").is_fileable());
//! assert_eq!(host.ruleset_version(), format!("{}+acme-1", icp_filing::RULESET_VERSION));
//! ```

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::ident::Trimmed;
use crate::model::SubjectKind;
use crate::severity::Severity;
use crate::timeline::{PolicyError, ReviewPolicy};

mod catalogues;
mod compiled;
mod embedded;
mod merge;
mod provinces;
mod schema;
mod tlds;
mod validate;
mod words;

pub use catalogues::{
    AppPlatformInfo, AppServiceKind, CatalogueFile, Language, PackageNameFormat, Permit,
    PreApprovalCategory, ServiceContent, SourcedSlugs, ZhEn, APP_PLATFORM_FIELDS,
};
pub use compiled::{Compiled, CompiledError, COMPILED_PREFIX};
pub use provinces::{
    AppliesTo, Condition, ConstructionPlan, CountKind, CountThreshold, Item, LegalRepRule,
    National, NonLocal, NonLocalRule, PerKind, Province, ProvinceFile, Sourced,
    CITIES_WITHOUT_DISTRICTS, PROVINCE_CODES,
};
pub use tlds::{
    normalize_domain, public_suffix, registrable_domain, second_level_registry, TldFile, TldGroup,
    TldStatus, TldWarning,
};
pub(crate) use words::has_word;
pub use words::{Confidence, MatchKind, WordFile, WordList};

use tlds::{candidate_suffixes, TldRef};

/// Top-level keys of an override document.
pub const OVERRIDE_KEYS: [&str; 7] = [
    "version",
    "national",
    "provinces",
    "tlds",
    "words",
    "catalogues",
    "reviewPolicy",
];

/// Why rule data (a file or an override) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleDataError {
    /// Not JSON, or a file of the wrong shape; `line` and `column` are 1-based.
    #[error("{file}: line {line}, column {column}: {message}")]
    Json {
        /// `provinces.json`, …, or `override`.
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A part of the data does not have the expected shape after an override was merged in
    /// (unknown key, wrong type, missing field).
    #[error("{part}: {message}")]
    Shape { part: String, message: String },
    /// The override is valid JSON but not an object.
    #[error(
        "a rule-data override is a JSON object ({{\"version\": \"…\", \"provinces\": […], …}})"
    )]
    NotAnObject,
    /// The override has no usable `version`.
    #[error("the override needs a \"version\" of letters, digits, '-' and '.' (at most 64), e.g. \"acme-2026.12\"; found {found}")]
    OverrideVersion { found: String },
    /// A top-level key of the override is not one of [`OVERRIDE_KEYS`].
    #[error("unknown key {key:?} in the override (known: version, national, provinces, tlds, words, catalogues, reviewPolicy)")]
    UnknownOverrideKey { key: String },
    /// The override cannot be merged at `path`.
    #[error("override {path}: {message}")]
    Merge { path: String, message: String },
    /// A province code is not one of the 31 GB/T 2260 province codes.
    #[error("province code {code:?} is not a GB/T 2260 province code (6 digits ending in 0000, e.g. \"440000\")")]
    ProvinceCode { code: String },
    #[error("province {code} is listed more than once")]
    DuplicateProvince { code: String },
    #[error("province {code} is missing: all 31 provinces are required")]
    MissingProvince { code: String },
    /// An override names a province that does not exist (it can change provinces, not add one).
    #[error("unknown province {code:?}: an override can change the 31 provinces, not add one")]
    UnknownProvince { code: String },
    #[error("{list}: a word is empty or has spaces around it")]
    EmptyWord { list: String },
    #[error("{list}: {word:?} is listed twice")]
    DuplicateWord { list: String, word: String },
    #[error("TLD {tld:?} in {group}: {problem}")]
    Tld {
        tld: String,
        group: String,
        problem: &'static str,
    },
    /// A suffix is in two status lists (an override that adds one moves it instead).
    #[error("TLD {tld:?} is listed in both {first} and {second}")]
    DuplicateTld {
        tld: String,
        first: &'static str,
        second: &'static str,
    },
    #[error("{list}: unknown {kind} {slug:?}")]
    UnknownSlug {
        list: String,
        kind: &'static str,
        slug: String,
    },
    #[error("{list}: {slug:?} appears more than once")]
    DuplicateSlug { list: String, slug: String },
    #[error("{what} has an empty source")]
    EmptySource { what: String },
    /// The review policy, or the override's `reviewPolicy`, is refused.
    #[error("reviewPolicy: {0}")]
    Policy(PolicyError),
    /// Any other value out of bounds.
    #[error("{what}: {problem}")]
    Invalid { what: String, problem: String },
}

fn invalid(what: impl Into<String>, problem: impl Into<String>) -> RuleDataError {
    RuleDataError::Invalid {
        what: what.into(),
        problem: problem.into(),
    }
}

/// The rule data the rules read: provinces, TLDs, words and catalogues, validated.
#[derive(Debug, Clone)]
pub struct RuleData {
    provinces: ProvinceFile,
    tlds: TldFile,
    words: WordFile,
    catalogues: CatalogueFile,
    review_policy: ReviewPolicy,
    overrides: Vec<String>,
    ruleset_version: String,
    tld_index: Vec<(String, TldRef)>,
    /// Pre-approval keywords in catalogue order:
    /// `(folded keyword, category index in the catalogue, keyword as written)`.
    keyword_index: Vec<(String, usize, String)>,
    /// Positions in `keyword_index` by the keyword's first character (sorted by it), each
    /// group in catalogue order: a text position is compared only with its own group.
    keyword_starts: Vec<(char, Vec<usize>)>,
    /// 1 + the position in the province list of the province whose code starts with these
    /// two digits (0 for none): the rules look a province up many times per filing.
    province_at: [u8; 100],
}

impl Default for RuleData {
    /// The embedded data (same as [`RuleData::embedded`]).
    fn default() -> Self {
        Self::embedded().clone()
    }
}

impl RuleData {
    /// The data of `data/*.json`, decoded on first use from the form `build.rs` compiled
    /// them into. The build checks their shape and the test suite their invariants, so they
    /// are not validated again at run time.
    pub fn embedded() -> &'static RuleData {
        static DATA: OnceLock<RuleData> = OnceLock::new();
        DATA.get_or_init(|| {
            // Fixed at compile time and checked by the test suite.
            embedded::decode()
                .and_then(|(provinces, tlds, words, catalogues, policy)| {
                    Self::index(provinces, tlds, words, catalogues, policy, Vec::new()).ok()
                })
                .unwrap_or_else(|| panic!("embedded rule data does not decode"))
        })
    }

    /// Reads and validates complete documents in the format of the five `data/` files
    /// (`provinces`, `tlds`, `words`, `catalogues`, `review-policy`).
    ///
    /// # Errors
    /// [`RuleDataError`] naming the file and line, or the first rule the data breaks.
    pub fn from_json(
        provinces: &str,
        tlds: &str,
        words: &str,
        catalogues: &str,
        review_policy: &str,
    ) -> Result<Self, RuleDataError> {
        Self::assemble(
            parse("provinces.json", provinces)?,
            parse("tlds.json", tlds)?,
            parse("words.json", words)?,
            parse("catalogues.json", catalogues)?,
            parse("review-policy.json", review_policy)?,
            Vec::new(),
        )
    }

    /// [`RuleData::index`], then [`RuleData::validate`].
    fn assemble(
        provinces: ProvinceFile,
        tlds: TldFile,
        words: WordFile,
        catalogues: CatalogueFile,
        review_policy: ReviewPolicy,
        overrides: Vec<String>,
    ) -> Result<Self, RuleDataError> {
        let data = Self::index(provinces, tlds, words, catalogues, review_policy, overrides)?;
        data.validate()?;
        Ok(data)
    }

    /// Folds the words and builds the lookup indexes (refusing a suffix in two TLD lists).
    fn index(
        provinces: ProvinceFile,
        tlds: TldFile,
        mut words: WordFile,
        catalogues: CatalogueFile,
        review_policy: ReviewPolicy,
        overrides: Vec<String>,
    ) -> Result<Self, RuleDataError> {
        words.fold_all();
        let tld_index = build_tld_index(&tlds)?;
        let ruleset_version = if overrides.is_empty() {
            crate::RULESET_VERSION.to_owned()
        } else {
            format!("{}+{}", crate::RULESET_VERSION, overrides.join("."))
        };
        let keyword_index = build_keyword_index(&words, &catalogues);
        let keyword_starts = group_by_first_char(&keyword_index);
        let mut province_at = [0u8; 100];
        for (i, p) in provinces.provinces.iter().enumerate() {
            if let (Some(prefix), Ok(position)) = (two_digits(&p.code), u8::try_from(i + 1)) {
                if province_at[prefix] == 0 {
                    province_at[prefix] = position;
                }
            }
        }
        Ok(Self {
            provinces,
            tlds,
            words,
            catalogues,
            review_policy,
            overrides,
            ruleset_version,
            tld_index,
            keyword_index,
            keyword_starts,
            province_at,
        })
    }

    /// This data with a host's override applied; `self` is not changed.
    ///
    /// The override is one JSON object: `{"version": "…", "national": {…}, "provinces":
    /// [{"code": "320000", …}], "tlds": {…}, "words": {…}, "catalogues": {…}, "reviewPolicy":
    /// {…}}`, each part in the format of its file with every key optional (the policy merges as
    /// [`ReviewPolicy::with_overrides`] says). Provinces merge by `code`, field by field (a sourced
    /// rule is replaced whole; `null` removes it); lists of keyed entries (`slug`, `id`, `tld`)
    /// merge by key; other lists are replaced, or extended / pruned with `{"add": […],
    /// "remove": […]}`. A TLD named anywhere in the override's `tlds` moves out of the list it
    /// was in. Objects without a `source` get `override <version>`. See `data/README.md`.
    ///
    /// # Errors
    /// [`RuleDataError`]: malformed JSON (with line and column), a missing or malformed
    /// `version`, an unknown key or province, or data that no longer validates.
    pub fn with_override(&self, json: &str) -> Result<RuleData, RuleDataError> {
        let overlay: Value = parse("override", json)?;
        let Value::Object(mut overlay) = overlay else {
            return Err(RuleDataError::NotAnObject);
        };
        let version = match overlay.remove("version") {
            Some(Value::String(v)) if is_version(&v) => v,
            Some(other) => {
                return Err(RuleDataError::OverrideVersion {
                    found: other.to_string(),
                })
            }
            None => {
                return Err(RuleDataError::OverrideVersion {
                    found: "no version".to_owned(),
                })
            }
        };
        if let Some(key) = overlay
            .keys()
            .find(|k| !OVERRIDE_KEYS.contains(&k.as_str()))
        {
            return Err(RuleDataError::UnknownOverrideKey { key: key.clone() });
        }
        let tag = format!("override {version}");

        let mut provinces = self.provinces.clone();
        if let Some(over) = overlay.remove("national") {
            provinces.national = merged(&provinces.national, over, "national", &tag)?;
        }
        if let Some(over) = overlay.remove("provinces") {
            let Value::Array(entries) = over else {
                return Err(RuleDataError::Merge {
                    path: "provinces".into(),
                    message: "must be a list of provinces, each with its \"code\"".into(),
                });
            };
            for entry in entries {
                let Some(code) = entry.get("code").and_then(Value::as_str).map(str::to_owned)
                else {
                    return Err(RuleDataError::Merge {
                        path: "provinces".into(),
                        message: "every entry needs a \"code\", e.g. \"320000\"".into(),
                    });
                };
                let Some(i) = provinces.provinces.iter().position(|p| p.code == code) else {
                    return Err(RuleDataError::UnknownProvince { code });
                };
                let path = format!("provinces[{code}]");
                provinces.provinces[i] = merged(&provinces.provinces[i], entry, &path, &tag)?;
            }
        }
        let tlds = match overlay.remove("tlds") {
            Some(mut over) => {
                let mut base = to_value(&self.tlds, "tlds")?;
                let named = merge::named_tlds(&over);
                merge::retract_tlds(&mut base, &mut over, &named);
                merge::merge(&mut base, over, "tlds", &tag)?;
                from_value(base, "tlds")?
            }
            None => self.tlds.clone(),
        };
        let words = match overlay.remove("words") {
            Some(over) => merged(&self.words, over, "words", &tag)?,
            None => self.words.clone(),
        };
        let catalogues = match overlay.remove("catalogues") {
            Some(over) => merged(&self.catalogues, over, "catalogues", &tag)?,
            None => self.catalogues.clone(),
        };
        let review_policy = match overlay.remove("reviewPolicy") {
            Some(over) => self
                .review_policy
                .with_overrides_value(over)
                .map_err(RuleDataError::Policy)?,
            None => self.review_policy.clone(),
        };
        let mut overrides = self.overrides.clone();
        overrides.push(version);
        Self::assemble(provinces, tlds, words, catalogues, review_policy, overrides)
    }

    /// A host's rules file as the CLI and the receiver read it: an override in JSON (merged
    /// over the embedded data and validated), or the text `icp-precheck rules compile` made of
    /// one, so the browser, the CLI and the receiver can share one file.
    ///
    /// # Errors
    /// The [`RuleDataError`] or [`CompiledError`], as text.
    pub fn from_host_file(text: &str) -> Result<RuleData, String> {
        if text.trim_start().starts_with(COMPILED_PREFIX) {
            RuleData::from_compiled(text)
                .map(|c| c.data)
                .map_err(|e| e.to_string())
        } else {
            Self::embedded()
                .with_override(text)
                .map_err(|e| e.to_string())
        }
    }

    /// The version a report names: [`crate::RULESET_VERSION`], plus `+` and the override
    /// versions joined by `.` when overrides were applied.
    pub fn ruleset_version(&self) -> &str {
        &self.ruleset_version
    }

    /// The versions of the overrides applied, oldest first.
    pub fn override_versions(&self) -> &[String] {
        &self.overrides
    }

    /// `data/review-policy.json` as read, with the overrides' `reviewPolicy` applied: the
    /// stage durations the estimates use.
    pub fn review_policy(&self) -> &ReviewPolicy {
        &self.review_policy
    }

    /// `data/provinces.json` as read.
    pub fn province_file(&self) -> &ProvinceFile {
        &self.provinces
    }

    /// `data/tlds.json` as read.
    pub fn tlds(&self) -> &TldFile {
        &self.tlds
    }

    /// `data/words.json` as read.
    pub fn words(&self) -> &WordFile {
        &self.words
    }

    /// `data/catalogues.json` as read.
    pub fn catalogues(&self) -> &CatalogueFile {
        &self.catalogues
    }

    // ---- provinces -------------------------------------------------------------------------

    /// The 31 provinces in code order.
    pub fn provinces(&self) -> &[Province] {
        &self.provinces.provinces
    }

    /// The national defaults.
    pub fn national(&self) -> &National {
        &self.provinces.national
    }

    /// The remark requirements (§6) that hold in a province: the national ones it does not
    /// restate, then its own. A province item with a national item's id says the same thing in
    /// the province's words, so the filer is asked once.
    pub fn remark_requirements<'a>(
        &'a self,
        province: Option<&'a Province>,
    ) -> impl Iterator<Item = &'a Item> {
        let own = province.map_or(&[][..], |p| p.remark_requirements.as_slice());
        self.national()
            .remark_requirements
            .iter()
            .filter(move |n| !own.iter().any(|o| o.id == n.id))
            .chain(own)
    }

    /// The province with this 6-digit province code (`"440000"`).
    // One copy for the rules' many calls: inlined, it made the wasm 87 bytes larger.
    #[inline(never)]
    pub fn province(&self, code: &str) -> Option<&Province> {
        self.indexed_province(code, |p| p.code == code)
    }

    /// The first province that `matches`, looked for first where the index puts the two
    /// digits `code` starts with.
    fn indexed_province(
        &self,
        code: &str,
        matches: impl Fn(&Province) -> bool,
    ) -> Option<&Province> {
        let list = &self.provinces.provinces;
        let at = two_digits(code).map_or(0, |prefix| usize::from(self.province_at[prefix]));
        match at.checked_sub(1).and_then(|i| list.get(i)) {
            Some(p) if matches(p) => Some(p),
            _ => list.iter().find(|p| matches(p)),
        }
    }

    /// The province a GB/T 2260 region code (province, city or district, e.g. `"440305"`)
    /// lies in.
    pub fn province_for_region(&self, region_code: &str) -> Option<&Province> {
        let prefix = region_code.get(..2)?;
        if region_code.len() != 6 || !region_code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.indexed_province(prefix, |p| p.code.starts_with(prefix))
    }

    /// The province with this filing-number abbreviation (`"粤"`, `"蜀"`).
    pub fn province_by_abbr(&self, abbr: &str) -> Option<&Province> {
        self.provinces.provinces.iter().find(|p| p.abbr == abbr)
    }

    /// The minimum age in a province: its own rule, else the national one.
    pub fn minimum_age(&self, province: &str) -> &Sourced<u8> {
        self.province(province)
            .and_then(|p| p.minimum_age.as_ref())
            .unwrap_or(&self.provinces.national.minimum_age)
    }

    /// The domain validity minimum in a province: its own rule, else the national one.
    pub fn domain_min_validity_months(&self, province: &str) -> &Sourced<u8> {
        self.province(province)
            .and_then(|p| p.domain_min_validity_months.as_ref())
            .unwrap_or(&self.provinces.national.domain_min_validity_months)
    }

    /// Websites per order for this subject kind: the province's figure, else the national one.
    pub fn max_websites_per_order(
        &self,
        province: &str,
        kind: SubjectKind,
    ) -> Option<(u32, &Sourced<PerKind>)> {
        let own = self
            .province(province)
            .and_then(|p| p.max_websites_per_order.as_ref());
        per_kind(
            own,
            Some(&self.provinces.national.max_websites_per_order),
            kind,
        )
    }

    /// Domains per website for this subject kind: the province's figure, else the national one.
    pub fn max_domains_per_website(
        &self,
        province: &str,
        kind: SubjectKind,
    ) -> Option<(u32, &Sourced<PerKind>)> {
        let own = self
            .province(province)
            .and_then(|p| p.max_domains_per_website.as_ref());
        per_kind(
            own,
            Some(&self.provinces.national.max_domains_per_website),
            kind,
        )
    }

    /// New domains per order for this subject kind (province rule only; no national figure).
    pub fn max_new_domains_per_order(
        &self,
        province: &str,
        kind: SubjectKind,
    ) -> Option<(u32, &Sourced<PerKind>)> {
        let own = self
            .province(province)
            .and_then(|p| p.max_new_domains_per_order.as_ref());
        per_kind(own, None, kind)
    }

    /// The service contents (slugs) an individual may choose in a province.
    pub fn personal_allowed_service_content(&self, province: &str) -> &[String] {
        self.province(province)
            .and_then(|p| p.personal_allowed_service_content.as_ref())
            .map_or(
                &self.catalogues.personal_allowed_service_content.values,
                |r| &r.value,
            )
    }

    // ---- TLDs ------------------------------------------------------------------------------

    /// What the data says about `domain`'s suffix, by the longest matching suffix.
    ///
    /// The input is normalised with [`normalize_domain`] (case, full-width characters, `。`,
    /// `xn--` labels decoded), so `例子.中国` and `xn--fsqu00a.xn--fiqs8s` give the same answer.
    pub fn tld_status(&self, domain: &str) -> TldStatus<'_> {
        self.tld_status_normalized(&normalize_domain(domain))
    }

    /// [`RuleData::tld_status`] of a domain already in normal form: one that
    /// [`normalize_domain`] returns, or a parsed [`crate::ident::Domain`]. Skips normalising
    /// again, which the rules would otherwise do for every domain in every check.
    pub fn tld_status_normalized(&self, domain: &str) -> TldStatus<'_> {
        for suffix in candidate_suffixes(domain) {
            if let Some((key, place)) = self.tld_place(suffix) {
                return self.tlds.status_of(key, place);
            }
        }
        TldStatus::Unknown
    }

    /// Where the status lists hold exactly `suffix`.
    fn tld_place(&self, suffix: &str) -> Option<(&str, TldRef)> {
        let at = self
            .tld_index
            .binary_search_by(|(key, _)| key.as_str().cmp(suffix))
            .ok()?;
        let (key, place) = &self.tld_index[at];
        Some((key, *place))
    }

    /// The registrable domain of a normalised `domain` (see [`normalize_domain`]): its
    /// suffix plus one label, the suffix being the longer of its public suffix
    /// ([`public_suffix`]) and the suffix the TLD lists match. `None` for a bare suffix.
    ///
    /// ```
    /// use icp_filing::ruledata::RuleData;
    /// let data = RuleData::embedded();
    /// assert_eq!(data.registrable_domain("www.pku.edu.cn"), Some("pku.edu.cn"));
    /// assert_eq!(data.registrable_domain("a.example.com"), Some("example.com"));
    /// assert_eq!(data.registrable_domain("com.cn"), None);
    /// ```
    pub fn registrable_domain<'d>(&self, domain: &'d str) -> Option<&'d str> {
        tlds::registrable_domain(domain, self.tld_status_normalized(domain).suffix())
    }

    /// Whether `domain` ends in a suffix reserved for government bodies (`gov.cn`, `政务`).
    pub fn is_government_domain(&self, domain: &str) -> bool {
        self.tlds.government_only.matching_suffix(domain).is_some()
    }

    /// Whether a 事业单位 may file `domain` (it ends in `cn` or `公益`).
    pub fn institution_domain_allowed(&self, domain: &str) -> bool {
        self.tlds
            .institution_allowed
            .matching_suffix(domain)
            .is_some()
    }

    // ---- words -----------------------------------------------------------------------------

    /// The national-level prefix (中国, 国家, …) a name starts with, if any.
    pub fn national_prefix_of(&self, name: &str) -> Option<&str> {
        self.words
            .national_prefixes
            .find_in(name)
            .into_iter()
            .next()
    }

    /// Words a personal website name must not contain: the H list and the extended L list
    /// (warning), one entry per word, longest matches only. A word of the H list has the
    /// list's severity (error) where it ends the name, a bracketed note or digits aside
    /// (张三的技术博客, 摄影论坛（个人）); inside the name it may be part of another word
    /// (神经网络, 交流电路), and is a warning.
    pub fn personal_forbidden_words_in(&self, name: &str) -> Vec<(&str, Severity)> {
        let strict = &self.words.personal_forbidden;
        let extended = &self.words.personal_forbidden_extended;
        let folded = words::fold(name.trimmed());
        words::combine(
            strict
                .find_in_folded(&folded)
                .into_iter()
                .map(|w| {
                    // A name ending in a field of study (深度学习与神经网络) that ends with a forbidden word
                    // is not that word ending the name.
                    let ends = words::ends_text(&folded, &words::fold(w))
                        && !TOPIC_COMPOUNDS
                            .iter()
                            .any(|c| c.ends_with(w) && words::ends_text(&folded, c));
                    (
                        w,
                        if ends {
                            strict.severity
                        } else {
                            Severity::Warning
                        },
                    )
                })
                .chain(
                    extended
                        .find_in(name)
                        .into_iter()
                        .map(|w| (w, extended.severity)),
                ),
        )
    }

    /// Sensitive words in a name or text.
    pub fn sensitive_words_in(&self, text: &str) -> Vec<&str> {
        self.words.sensitive.find_in(text)
    }

    /// Whether a sensitive word found in `name` always follows another Chinese character, so
    /// that it may straddle two words (秋色情怀: 秋色 + 情怀).
    pub fn may_straddle_words(&self, name: &str, word: &str) -> bool {
        words::always_after_han(&words::fold(name.trimmed()), &words::fold(word))
    }

    /// The place-name ending (省, 市, …) after a place name at the start of a personal name.
    pub fn place_prefix_in(&self, name: &str) -> Option<&str> {
        self.words.place_prefixes.find_in(name).into_iter().next()
    }

    /// Words an APP name should not have: marketing/placeholder words anywhere, or a generic
    /// name on its own.
    pub fn app_name_words_in(&self, name: &str) -> Vec<(&str, Severity)> {
        let forbidden = &self.words.app_name_forbidden;
        let generic = &self.words.app_name_generic;
        words::combine(
            forbidden
                .find_in(name)
                .into_iter()
                .map(|w| (w, forbidden.severity))
                .chain(
                    generic
                        .find_in(name)
                        .into_iter()
                        .map(|w| (w, generic.severity)),
                ),
        )
    }

    /// Pre-approval categories (slugs, catalogue order) whose keywords occur in `text`.
    pub fn pre_approval_categories_for(&self, text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (category, _) in self.pre_approval_matches(text) {
            if !out.contains(&category) {
                out.push(category);
            }
        }
        out
    }

    /// Every `(category slug, keyword)` found in `text`, in catalogue order.
    ///
    /// ```
    /// use icp_filing::ruledata::RuleData;
    /// let data = RuleData::embedded();
    /// assert_eq!(data.pre_approval_matches("阳光基金理财"), [("finance", "基金"), ("finance", "理财")]);
    /// // A foundation (基金会) is a kind of subject, not an investment fund.
    /// assert!(data.pre_approval_matches("北京阳光公益基金会").is_empty());
    /// ```
    pub fn pre_approval_matches(&self, text: &str) -> Vec<(&str, &str)> {
        self.keyword_matches(text, |_, _, _| true)
    }

    /// The `(category slug, keyword)` pairs a remark affirms: keywords in a clause that
    /// denies them (「不涉及新闻、出版、教育…」, "no news") are left out, as are keywords in
    /// a clause after a negation such as 无 or 没有. Clauses end at 。，；！？ and new lines;
    /// 、 and "and" keep a list inside one clause.
    ///
    /// ```
    /// use icp_filing::ruledata::RuleData;
    /// let data = RuleData::embedded();
    /// assert!(data.pre_approval_matches_affirmed("个人博客，不涉及新闻、出版、教育等前置审批内容").is_empty());
    /// assert_eq!(data.pre_approval_matches_affirmed("每日新闻摘编")[0].0, "news");
    /// ```
    pub fn pre_approval_matches_affirmed(&self, text: &str) -> Vec<(&str, &str)> {
        self.keyword_matches(text, |folded, at, keyword| {
            !words::negated_at(folded, at) && !inside_any(folded, at, keyword, SITE_SECTIONS)
        })
    }

    /// Whether `remark` denies the pre-approval `category` in a clause a negation opens
    /// (「不涉及文化等前置审批内容」): it names the category, the `keyword` found elsewhere,
    /// or pre-approvals as such.
    ///
    /// ```
    /// use icp_filing::ruledata::RuleData;
    /// let data = RuleData::embedded();
    /// assert!(data.remark_denies("记录听过的音乐。不涉及文化等前置审批内容", "culture", "音乐"));
    /// assert!(!data.remark_denies("分享音乐和文化评论", "culture", "音乐"));
    /// ```
    pub fn remark_denies(&self, remark: &str, category: &str, keyword: &str) -> bool {
        let folded = words::fold(remark.trimmed());
        let name = self
            .pre_approval_category(category)
            .map(|c| words::fold(&c.zh))
            .unwrap_or_default();
        let keyword = words::fold(keyword);
        let needles = [name.as_str(), keyword.as_str(), "前置审批", "pre-approval"];
        needles
            .iter()
            .filter(|needle| !needle.is_empty())
            .any(|needle| {
                folded
                    .match_indices(needle)
                    .any(|(at, _)| words::negated_at(&folded, at))
            })
    }

    /// The pre-approval topics of one website or APP: `[("name", what its name matches),
    /// ("remark", what its remark affirms)]`. The rules report them; the materials list a
    /// pledge for an individual when any is found.
    pub fn service_topics(
        &self,
        name: &str,
        remark: &str,
    ) -> [(&'static str, Vec<(&str, &str)>); 2] {
        [
            ("name", self.pre_approval_matches(name)),
            ("remark", self.pre_approval_matches_affirmed(remark)),
        ]
    }

    /// The keyword scan behind [`Self::pre_approval_matches`]: `keep(folded_text, byte_at,
    /// keyword)` decides whether a match at that position counts.
    fn keyword_matches(
        &self,
        text: &str,
        keep: impl Fn(&str, usize, &str) -> bool,
    ) -> Vec<(&str, &str)> {
        // One pass over the text: at each position, only the keywords starting with that
        // character are compared, in catalogue order.
        let folded = words::fold(text.trimmed());
        let mut found: Vec<(usize, &str)> = Vec::new();
        for (at, c) in folded.char_indices() {
            let group = match self
                .keyword_starts
                .binary_search_by_key(&c, |(first, _)| *first)
            {
                Ok(g) => &self.keyword_starts[g].1,
                Err(_) => continue,
            };
            for &i in group {
                let (keyword, category, written) = &self.keyword_index[i];
                if folded[at..].starts_with(keyword.as_str())
                    && !inside_any(&folded, at, keyword, FORMS_NOT_TOPICS)
                    && keep(&folded, at, keyword)
                    && !found
                        .iter()
                        .any(|(cat, w)| cat == category && *w == written.as_str())
                {
                    found.push((*category, written.as_str()));
                }
            }
        }
        crate::sort::by_key(&mut found, |(category, _)| *category);
        found
            .into_iter()
            .map(|(category, word)| {
                (
                    self.catalogues.pre_approval_categories[category]
                        .slug
                        .as_str(),
                    word,
                )
            })
            .collect()
    }

    // ---- catalogues ------------------------------------------------------------------------

    /// A service content by slug.
    pub fn service_content(&self, slug: &str) -> Option<&ServiceContent> {
        self.catalogues
            .service_content
            .iter()
            .find(|s| s.slug == slug)
    }

    /// The MIIT bitmask of a set of service contents; `None` if a slug is unknown.
    pub fn service_content_mask<S: AsRef<str>>(&self, slugs: &[S]) -> Option<u64> {
        slugs.iter().try_fold(0u64, |mask, slug| {
            self.service_content(slug.as_ref())
                .map(|s| mask | s.miit_bit)
        })
    }

    /// A website language by slug.
    pub fn language(&self, slug: &str) -> Option<&Language> {
        self.catalogues.languages.iter().find(|l| l.slug == slug)
    }

    /// A pre-approval category by slug.
    pub fn pre_approval_category(&self, slug: &str) -> Option<&PreApprovalCategory> {
        self.catalogues
            .pre_approval_categories
            .iter()
            .find(|c| c.slug == slug)
    }

    /// An APP platform by slug.
    pub fn app_platform(&self, slug: &str) -> Option<&AppPlatformInfo> {
        self.catalogues
            .app_platforms
            .iter()
            .find(|p| p.slug == slug)
    }

    /// A non-local permit by id.
    pub fn non_local_permit(&self, id: &str) -> Option<&Permit> {
        self.catalogues
            .non_local_permits
            .iter()
            .find(|p| p.id == id)
    }

    // ---- validation ------------------------------------------------------------------------

    /// Checks every invariant the rules rely on (also run by the constructors).
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), RuleDataError> {
        self.validate_catalogues()?;
        self.validate_provinces()?;
        self.validate_tlds()?;
        self.validate_words()?;
        self.review_policy.validate().map_err(RuleDataError::Policy)
    }
}

/// The figure for `kind` from the province rule if it gives one, else from the national one.
fn per_kind<'a>(
    own: Option<&'a Sourced<PerKind>>,
    national: Option<&'a Sourced<PerKind>>,
    kind: SubjectKind,
) -> Option<(u32, &'a Sourced<PerKind>)> {
    own.into_iter()
        .chain(national)
        .find_map(|rule| rule.value.for_kind(kind).map(|n| (n, rule)))
}

/// The number the first two characters of `code` make, if they are ASCII digits.
fn two_digits(code: &str) -> Option<usize> {
    match code.as_bytes() {
        [a @ b'0'..=b'9', b @ b'0'..=b'9', ..] => Some(usize::from((a - b'0') * 10 + (b - b'0'))),
        _ => None,
    }
}

/// Every status-list suffix with its place, sorted by suffix; a suffix in two lists is an
/// error.
fn build_tld_index(tlds: &TldFile) -> Result<Vec<(String, TldRef)>, RuleDataError> {
    let mut index = tlds.entries();
    // Stable: of two equal suffixes, the first listed comes first.
    crate::sort::by(&mut index, |a, b| a.0 > b.0);
    if let Some(pair) = index.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        return Err(RuleDataError::DuplicateTld {
            tld: pair[0].0.to_owned(),
            first: pair[0].2,
            second: pair[1].2,
        });
    }
    Ok(index
        .into_iter()
        .map(|(tld, place, _)| (tld.to_owned(), place))
        .collect())
}

/// An override version: `[0-9A-Za-z-]` identifiers separated by dots, at most 64 characters.
fn is_version(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.split('.').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// See [`RuleData::pre_approval_matches`]: each keyword folded, with its category's index
/// and the word as written.
fn build_keyword_index(
    words: &WordFile,
    catalogues: &CatalogueFile,
) -> Vec<(String, usize, String)> {
    let mut index = Vec::new();
    for (category, entry) in catalogues.pre_approval_categories.iter().enumerate() {
        let Some(list) = words.pre_approval_keywords.get(&entry.slug) else {
            continue;
        };
        for word in &list.words {
            let folded = words::fold(word);
            if !folded.is_empty() {
                index.push((folded, category, word.clone()));
            }
        }
    }
    index
}

/// The groups of `RuleData::keyword_starts`.
fn group_by_first_char(index: &[(String, usize, String)]) -> Vec<(char, Vec<usize>)> {
    let mut groups: Vec<(char, Vec<usize>)> = Vec::new();
    for (i, (keyword, ..)) in index.iter().enumerate() {
        let Some(first) = keyword.chars().next() else {
            continue;
        };
        match groups.binary_search_by_key(&first, |(c, _)| *c) {
            Ok(g) => groups[g].1.push(i),
            Err(g) => groups.insert(g, (first, vec![i])),
        }
    }
    groups
}

fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, RuleDataError> {
    serde_json::from_str(text).map_err(|e| RuleDataError::Json {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

fn to_value<T: Serialize>(value: &T, part: &str) -> Result<Value, RuleDataError> {
    serde_json::to_value(value).map_err(|e| RuleDataError::Shape {
        part: part.to_owned(),
        message: e.to_string(),
    })
}

fn from_value<T: DeserializeOwned>(value: Value, part: &str) -> Result<T, RuleDataError> {
    serde_json::from_value(value).map_err(|e| RuleDataError::Shape {
        part: part.to_owned(),
        message: e.to_string(),
    })
}

/// `base` with `over` merged in (see [`merge`]), read back as `T`.
fn merged<T: Serialize + DeserializeOwned>(
    base: &T,
    over: Value,
    part: &str,
    tag: &str,
) -> Result<T, RuleDataError> {
    let mut value = to_value(base, part)?;
    merge::merge(&mut value, over, part, tag)?;
    from_value(value, part)
}

/// Words that hold a pre-approval keyword without being its topic (docs/sources.md §5.6): a
/// foundation (基金会, a subject kind of its own, §3) manages no investment fund; an academy of
/// sciences (科学院) is no school (学院); a public-resources trading centre (公共资源交易中心)
/// and a treasury payment centre (国库支付中心) are public bodies, not exchanges or payment
/// services; video surveillance (视频监控) is no broadcasting, taking WeChat Pay or Alipay no
/// payment service, and staff or corporate training no after-school training.
const FORMS_NOT_TOPICS: &[&str] = &[
    "基金会",
    "科学院",
    "公共资源交易中心",
    "国库支付",
    "视频监控",
    "微信支付",
    "支付宝",
    "员工培训",
    "企业培训",
];

/// The sections a unit's site lists in its remark (公司简介、新闻中心、联系我们): its own news
/// is no news service (docs/sources.md §5.6).
const SITE_SECTIONS: &[&str] = &["新闻中心", "新闻动态", "公司新闻", "企业新闻"];

/// Whether the `keyword` found at byte `at` of `folded` is part of one of `forms` there.
fn inside_any(folded: &str, at: usize, keyword: &str, forms: &[&str]) -> bool {
    forms.iter().any(|form| {
        form.match_indices(keyword).any(|(offset, _)| {
            at.checked_sub(offset)
                .and_then(|start| folded.get(start..))
                .is_some_and(|t| t.starts_with(form))
        })
    })
}

/// Fields of study that end with a word personal website names may not use (§5.1): a
/// site about 计算机网络 (computer networks) is not a 网络 (an online service).
const TOPIC_COMPOUNDS: &[&str] = &["神经网络", "计算机网络", "通信网络", "无线网络"];

#[cfg(test)]
mod tests {
    use super::RuleData;

    #[test]
    fn every_province_is_found_by_its_code_and_its_regions() {
        let data = RuleData::embedded();
        assert!(data.provinces().len() > 30);
        for p in data.provinces() {
            assert_eq!(data.province(&p.code).map(|f| &f.code), Some(&p.code));
            let city = format!("{}0100", &p.code[..2]);
            assert_eq!(
                data.province_for_region(&city).map(|f| &f.code),
                Some(&p.code)
            );
            assert!(data.province(&city).is_none(), "{city} is no province");
        }
        for code in ["", "4", "44", "990000", "x40000", "440000 "] {
            assert!(data.province(code).is_none(), "{code:?}");
        }
    }
}
