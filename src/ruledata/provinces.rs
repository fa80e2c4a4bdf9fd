//! `data/provinces.json`: national defaults and the rules of the 31 provinces (docs/sources.md §6,
//! with §4.4, §4.5, §5.1–§5.4 and §7 where a province rule lives there).

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::model::{CertificateType, FilingType, SubjectKind};
use crate::severity::Severity;

/// The prefecture-level cities with no county-level divisions (GB/T 2260; the region data's
/// leaves, which a test keeps equal): an address there has the city's own code as district.
pub const CITIES_WITHOUT_DISTRICTS: [&str; 4] = ["441900", "442000", "460400", "620200"];

/// The 31 province-level divisions of the mainland (GB/T 2260), in code order.
pub const PROVINCE_CODES: [&str; 31] = [
    "110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000",
    "320000", "330000", "340000", "350000", "360000", "370000", "410000", "420000", "430000",
    "440000", "450000", "460000", "500000", "510000", "520000", "530000", "540000", "610000",
    "620000", "630000", "640000", "650000",
];

/// A rule value with where it comes from.
///
/// `severity` is absent for most province rules, which are soft prechecks: read it with
/// [`Sourced::severity`] (default warning). `disputed` names the sources that disagree;
/// `value` is then the stricter reading and the severity is always a warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sourced<T> {
    pub value: T,
    /// e.g. `"§6 Q"`: the docs/sources.md section and source tag (see `data/README.md`).
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disputed: Option<String>,
    /// A maintainer's note (English, short).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl<T> Sourced<T> {
    /// The severity an issue raised from this rule should have (warning unless the data says
    /// `"error"`).
    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or(Severity::Warning)
    }

    /// Whether sources disagree about this rule.
    pub fn is_disputed(&self) -> bool {
        self.disputed.is_some()
    }
}

slug_enum! {
    /// Whether an individual whose ID was issued in another province may file here.
    pub enum NonLocal {
        Allowed = "allowed",
        /// Only with one of the permits listed in [`NonLocalRule::permits`].
        WithResidencePermit = "withResidencePermit",
        NotAllowed = "notAllowed",
    }
}

/// `individualNonLocal`: a [`Sourced`] value plus the permits a non-local filer may show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NonLocalRule {
    pub value: NonLocal,
    /// Ids from the `nonLocalPermits` catalogue (any one of them is accepted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permits: Vec<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disputed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl NonLocalRule {
    /// Warning unless the data says `"error"`.
    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or(Severity::Warning)
    }
}

slug_enum! {
    /// Must a unit's principal (主体负责人) be its legal representative?
    pub enum LegalRepRule {
        /// Yes, no alternative.
        Required = "required",
        /// Yes, or someone else with an authorisation letter from the legal representative.
        AuthorisationLetter = "authorisationLetter",
        /// Anyone may be the principal.
        NotRequired = "notRequired",
    }
}

/// A number that differs for personal and unit filings; `None` = no limit given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PerKind {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<u32>,
}

impl PerKind {
    /// The personal figure for individuals, the unit figure for every other subject kind.
    pub fn for_kind(&self, kind: SubjectKind) -> Option<u32> {
        if kind == SubjectKind::Individual {
            self.personal
        } else {
            self.unit
        }
    }
}

slug_enum! {
    /// What a count-based threshold counts.
    pub enum CountKind {
        /// Domains in the order.
        Domains = "domains",
        /// Distinct domain prefixes (host names) in the order (Guangdong).
        DomainPrefixes = "domainPrefixes",
        /// Websites in the order.
        Websites = "websites",
        /// Websites the subject already has filed (not knowable from the filing alone).
        FiledWebsites = "filedWebsites",
    }
}

/// 网站建设方案书 threshold: a plan is needed when the count is **greater than** the figure
/// (so "≥30 sites" is stored as 29).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConstructionPlan {
    pub counts: CountKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<u32>,
}

impl ConstructionPlan {
    /// Whether `count` (of [`ConstructionPlan::counts`]) needs a plan for this subject kind.
    pub fn needs_plan(&self, kind: SubjectKind, count: u32) -> bool {
        let limit = if kind == SubjectKind::Individual {
            self.personal
        } else {
            self.unit
        };
        limit.is_some_and(|limit| count > limit)
    }
}

/// "When more than `over` of `counts`".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CountThreshold {
    pub counts: CountKind,
    pub over: u32,
}

slug_enum! {
    /// Which filings an item concerns.
    #[derive(Default)]
    pub enum AppliesTo {
        #[default]
        All = "all",
        Individual = "individual",
        /// Every subject kind except individuals.
        Unit = "unit",
    }
}

slug_enum! {
    /// A fact of the filing a remark requirement depends on.
    pub enum Condition {
        /// The detailed address has no house number.
        NoHouseNumber = "noHouseNumber",
        /// A mobile number is not from the province (no filing can show it).
        NonLocalMobile = "nonLocalMobile",
        /// An office phone is a mobile number.
        OfficePhoneIsMobile = "officePhoneIsMobile",
        /// The website's name is not the subject's name.
        NameIsNotSubjectName = "nameIsNotSubjectName",
        /// The website has more than one domain.
        SeveralDomains = "severalDomains",
    }
}

fn is_all(a: &AppliesTo) -> bool {
    *a == AppliesTo::All
}

/// A remark requirement, extra material or note with short zh/en texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item {
    /// Stable id, unique within its list.
    pub id: String,
    pub zh: String,
    pub en: String,
    #[serde(default, skip_serializing_if = "is_all")]
    pub applies_to: AppliesTo,
    /// Narrows `appliesTo` to these subject kinds (slugs of [`SubjectKind`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// Only for these filing types (slugs of [`FilingType`]); empty = all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filing_types: Vec<String>,
    /// Only when the subject or a person holds one of these certificate types (slugs of
    /// [`CertificateType`]); empty = all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<String>,
    /// Only when a count exceeds a figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<CountThreshold>,
    /// Only when this is true of the filing (remark requirements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_if: Option<Condition>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Item {
    /// The text in `locale`.
    pub fn text(&self, locale: Locale) -> &str {
        locale.choose(&self.zh, &self.en)
    }

    /// Whether the item concerns a filing of this subject kind and type (`None` = unknown,
    /// which matches). The `when` count is not checked here.
    pub fn applies(&self, kind: Option<SubjectKind>, filing_type: Option<FilingType>) -> bool {
        let by_kind = match kind {
            None => true,
            Some(kind) => {
                let coarse = match self.applies_to {
                    AppliesTo::All => true,
                    AppliesTo::Individual => kind == SubjectKind::Individual,
                    AppliesTo::Unit => kind != SubjectKind::Individual,
                };
                coarse && (self.kinds.is_empty() || self.kinds.iter().any(|k| k == kind.slug()))
            }
        };
        let by_type = match filing_type {
            None => true,
            Some(t) => {
                self.filing_types.is_empty() || self.filing_types.iter().any(|f| f == t.slug())
            }
        };
        by_kind && by_type
    }

    /// Whether the item concerns a filing whose subject and persons hold the `held`
    /// certificate types (none chosen yet matches).
    pub fn concerns_certificates(&self, held: &[CertificateType]) -> bool {
        self.certificates.is_empty()
            || held.is_empty()
            || held
                .iter()
                .any(|c| self.certificates.iter().any(|s| s == c.slug()))
    }

    /// Warning unless the data says `"error"`.
    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or(Severity::Warning)
    }
}

/// National defaults: what applies where a province gives nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct National {
    /// Filer / responsible person must be at least this old.
    pub minimum_age: Sourced<u8>,
    /// Below this age nobody is accepted anywhere (error).
    pub absolute_minimum_age: Sourced<u8>,
    pub max_websites_per_order: Sourced<PerKind>,
    pub max_domains_per_website: Sourced<PerKind>,
    /// A filed domain must stay registered for more than this many months.
    pub domain_min_validity_months: Sourced<u8>,
    /// A certificate must stay valid for more than this many months.
    pub certificate_min_validity_months: Sourced<u8>,
    /// Website names have at least this many characters (counted per §5.1).
    pub website_name_min_chars: Sourced<u8>,
    /// Individual filings: the website responsible is the filer.
    pub individual_responsible_is_principal: Sourced<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remark_requirements: Vec<Item>,
}

/// One province's rules. Absent fields mean "no data": the national default applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Province {
    /// GB/T 2260 code, e.g. `"440000"`.
    pub code: String,
    /// e.g. `"广东省"`.
    pub name: String,
    pub name_en: String,
    /// The filing-number abbreviation (粤, and 蜀/黔/滇/陇 per §1.3).
    pub abbr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub individual_non_local: Option<NonLocalRule>,
    /// Individual certificate types (slugs) the province refuses, e.g. foreigners' passports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused_individual_certificates: Option<Sourced<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<Sourced<u8>>,
    /// From this age up to `minimumAge` a filer is accepted with employment/income proof.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minors_with_proof_from: Option<Sourced<u8>>,
    /// Mobiles must be numbers of this province (needs a number-segment table to check).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_mobile_required: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_must_be_legal_rep: Option<Sourced<LegalRepRule>>,
    /// A non-mainland legal rep must authorise a mainland-ID holder as principal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_mainland_legal_rep_authorises: Option<Sourced<bool>>,
    /// A website responsible who is not the legal rep needs an authorisation letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website_responsible_authorisation_letter: Option<Sourced<bool>>,
    /// When the principal is not the legal rep, the principal must also be the website
    /// responsible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal_equals_responsible_when_not_legal_rep: Option<Sourced<bool>>,
    /// Unit filings: the website responsible must be another person than the principal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_must_differ_from_principal: Option<Sourced<bool>>,
    /// When the principal is not the legal rep, the website responsible must be another person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_must_differ_when_not_legal_rep: Option<Sourced<bool>>,
    /// Units must give a landline as office phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landline_required_for_units: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_phone_differs_from_principal_mobile: Option<Sourced<bool>>,
    /// Communication address and certificate address in the same city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_city_address: Option<Sourced<bool>>,
    /// The detailed address must go down to the house number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_house_number_required: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_certificate_required: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_min_validity_months: Option<Sourced<u8>>,
    /// A unit's domains must be registered to the unit itself (not its legal rep).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_domain_holder_must_be_unit: Option<Sourced<bool>>,
    /// TLDs (lower case, no dot) individuals may not file here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub individual_forbidden_tlds: Option<Sourced<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_new_domains_per_order: Option<Sourced<PerKind>>,
    /// Once a subject has more than this many filed, each new-site filing may add one domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_domain_per_order_when_filed_exceeds: Option<Sourced<PerKind>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_domains_per_website: Option<Sourced<PerKind>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_websites_per_order: Option<Sourced<PerKind>>,
    /// Domains with different prefixes count as different websites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinct_prefixes_are_separate_websites: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub construction_plan_threshold: Option<Sourced<ConstructionPlan>>,
    /// Two websites of one subject may not share a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinct_website_names: Option<Sourced<bool>>,
    /// Unit website names end with this (Guangdong: 官网).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_website_name_suffix: Option<Sourced<String>>,
    /// Replaces the catalogue's `personalAllowedServiceContent` in this province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_allowed_service_content: Option<Sourced<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remark_requirements: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_materials: Vec<Item>,
    /// Rules no filing field can show (processes, live-site checks): hints for the filer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Item>,
}

impl Province {
    /// The name in `locale`.
    pub fn display_name(&self, locale: Locale) -> &str {
        locale.choose(&self.name, &self.name_en)
    }
}

/// The whole of `data/provinces.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProvinceFile {
    pub version: String,
    pub national: National,
    pub provinces: Vec<Province>,
}
