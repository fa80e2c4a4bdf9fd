//! The schema of the rule-data files (`data/{provinces,tlds,words,catalogues,review-policy}.json`)
//! and the compact form they are compiled into: strings and LEB128 integers in schema order, no
//! keys.
//!
//! Shared by `build.rs` (which compiles the embedded data and generates the decoders the
//! library reads it with) and the `icp-precheck rules compile` command (which compiles a
//! host's merged override into the same form, see [`super::compiled`]). The schema mirrors
//! the serde shapes of the `src/ruledata` types; a shape error (unknown key, missing field,
//! wrong type, unknown slug) is refused with the path of the value.

// The Rust names and the fingerprint are read by build.rs (decoder generation), not here.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;

// ---- schema ------------------------------------------------------------------------------

pub enum Ty {
    Str,
    /// A string shared by the values copied from it (`Arc<str>`); encoded as [`Ty::Str`].
    Shared,
    /// A time of day, `HH:MM` or `HH:MM:SS` (`chrono::NaiveTime`); encoded as seconds since
    /// midnight.
    Time,
    U8,
    U32,
    U64,
    Bool,
    /// A slug enum: its Rust type, how to read a slug, a value to use if that fails (a
    /// decoding error, never kept), and the slugs it accepts.
    Slug {
        rust: &'static str,
        from: String,
        fallback: &'static str,
        slugs: &'static [&'static str],
    },
    Opt(Rc<Ty>),
    List(Rc<Ty>),
    /// A JSON object with arbitrary keys (`BTreeMap<String, T>`).
    Map(Rc<Ty>),
    Struct(Rc<Struct>),
}

pub struct Struct {
    /// Unique name of the decoder (`d_<id>`).
    pub id: String,
    /// The Rust type, e.g. `Sourced<u8>`.
    pub rust: String,
    pub fields: Vec<Field>,
}

pub struct Field {
    pub json: &'static str,
    /// The Rust field name (the JSON name in snake case unless renamed).
    pub rust: String,
    pub ty: Rc<Ty>,
    /// What a missing key means (`None`: the key is required, unless the type is `Opt`).
    pub default: Option<Value>,
    /// Not in the JSON: the field is set to this Rust expression.
    pub skip: Option<&'static str>,
}

fn field(json: &'static str, ty: &Rc<Ty>) -> Field {
    let mut rust = String::new();
    for c in json.chars() {
        if c.is_ascii_uppercase() {
            rust.push('_');
        }
        rust.push(c.to_ascii_lowercase());
    }
    Field {
        json,
        rust,
        ty: ty.clone(),
        default: None,
        skip: None,
    }
}

fn with_default(json: &'static str, ty: &Rc<Ty>, default: Value) -> Field {
    Field {
        default: Some(default),
        ..field(json, ty)
    }
}

fn list_or_empty(json: &'static str, item: &Rc<Ty>) -> Field {
    with_default(json, &list(item), Value::Array(Vec::new()))
}

fn strukt(id: &str, rust: &str, fields: Vec<Field>) -> Rc<Ty> {
    Rc::new(Ty::Struct(Rc::new(Struct {
        id: id.to_owned(),
        rust: rust.to_owned(),
        fields,
    })))
}

fn opt(ty: &Rc<Ty>) -> Rc<Ty> {
    Rc::new(Ty::Opt(ty.clone()))
}

fn list(ty: &Rc<Ty>) -> Rc<Ty> {
    Rc::new(Ty::List(ty.clone()))
}

/// A `slug_enum!` type, read with its `from_slug`; `fallback` names any of its variants.
fn slug(rust: &'static str, fallback: &'static str, slugs: &'static [&'static str]) -> Rc<Ty> {
    Rc::new(Ty::Slug {
        rust,
        from: format!("{rust}::from_slug"),
        fallback,
        slugs,
    })
}

/// A short name for a type, used in decoder names.
pub fn ty_id(ty: &Ty) -> String {
    match ty {
        Ty::Str => "str".into(),
        Ty::Shared => "shared".into(),
        Ty::Time => "time".into(),
        Ty::U8 => "u8".into(),
        Ty::U32 => "u32".into(),
        Ty::U64 => "u64".into(),
        Ty::Bool => "bool".into(),
        Ty::Slug { rust, .. } => rust.to_lowercase(),
        Ty::Opt(t) => format!("opt_{}", ty_id(t)),
        Ty::List(t) => format!("list_{}", ty_id(t)),
        Ty::Map(t) => format!("map_{}", ty_id(t)),
        Ty::Struct(s) => s.id.clone(),
    }
}

pub fn rust_ty(ty: &Ty) -> String {
    match ty {
        Ty::Str => "String".into(),
        Ty::Shared => "Arc<str>".into(),
        Ty::Time => "NaiveTime".into(),
        Ty::U8 => "u8".into(),
        Ty::U32 => "u32".into(),
        Ty::U64 => "u64".into(),
        Ty::Bool => "bool".into(),
        Ty::Slug { rust, .. } => (*rust).into(),
        Ty::Opt(t) => format!("Option<{}>", rust_ty(t)),
        Ty::List(t) => format!("Vec<{}>", rust_ty(t)),
        Ty::Map(t) => format!("BTreeMap<String, {}>", rust_ty(t)),
        Ty::Struct(s) => s.rust.clone(),
    }
}

/// The rule-data files, in the shapes of `src/ruledata/{provinces,tlds,words,catalogues}.rs`
/// and `src/timeline/policy.rs`.
pub fn rule_schema() -> [Rc<Ty>; 5] {
    let s = Rc::new(Ty::Str);
    let u8_ = Rc::new(Ty::U8);
    let u32_ = Rc::new(Ty::U32);
    let u64_ = Rc::new(Ty::U64);
    let bool_ = Rc::new(Ty::Bool);
    let strings = list(&s);
    let severity = Rc::new(Ty::Slug {
        rust: "Severity",
        from: "severity".into(),
        fallback: "Warning",
        slugs: &["error", "warning"],
    });
    let confidence = slug("Confidence", "M", &["H", "M", "L"]);
    let count_kind = slug(
        "CountKind",
        "Domains",
        &["domains", "domainPrefixes", "websites", "filedWebsites"],
    );

    let sourced = |value: &Rc<Ty>| {
        let id = format!("sourced_{}", ty_id(value));
        let rust = format!("Sourced<{}>", rust_ty(value));
        strukt(
            &id,
            &rust,
            vec![
                field("value", value),
                field("source", &s),
                field("severity", &opt(&severity)),
                field("disputed", &opt(&s)),
                field("note", &opt(&s)),
            ],
        )
    };
    let per_kind = strukt(
        "per_kind",
        "PerKind",
        vec![field("personal", &opt(&u32_)), field("unit", &opt(&u32_))],
    );
    let item = strukt(
        "item",
        "Item",
        vec![
            field("id", &s),
            field("zh", &s),
            field("en", &s),
            with_default(
                "appliesTo",
                &slug("AppliesTo", "All", &["all", "individual", "unit"]),
                "all".into(),
            ),
            list_or_empty("kinds", &s),
            list_or_empty("filingTypes", &s),
            list_or_empty("certificates", &s),
            field(
                "when",
                &opt(&strukt(
                    "count_threshold",
                    "CountThreshold",
                    vec![field("counts", &count_kind), field("over", &u32_)],
                )),
            ),
            field(
                "onlyIf",
                &opt(&slug(
                    "Condition",
                    "NoHouseNumber",
                    &[
                        "noHouseNumber",
                        "nonLocalMobile",
                        "officePhoneIsMobile",
                        "nameIsNotSubjectName",
                        "severalDomains",
                    ],
                )),
            ),
            field("source", &s),
            field("severity", &opt(&severity)),
            field("note", &opt(&s)),
        ],
    );
    let items = list(&item);
    let national = strukt(
        "national",
        "National",
        vec![
            field("minimumAge", &sourced(&u8_)),
            field("absoluteMinimumAge", &sourced(&u8_)),
            field("maxWebsitesPerOrder", &sourced(&per_kind)),
            field("maxDomainsPerWebsite", &sourced(&per_kind)),
            field("domainMinValidityMonths", &sourced(&u8_)),
            field("certificateMinValidityMonths", &sourced(&u8_)),
            field("websiteNameMinChars", &sourced(&u8_)),
            field("individualResponsibleIsPrincipal", &sourced(&bool_)),
            with_default("remarkRequirements", &items, Value::Array(Vec::new())),
        ],
    );
    let non_local = strukt(
        "non_local_rule",
        "NonLocalRule",
        vec![
            field(
                "value",
                &slug(
                    "NonLocal",
                    "Allowed",
                    &["allowed", "withResidencePermit", "notAllowed"],
                ),
            ),
            list_or_empty("permits", &s),
            field("source", &s),
            field("severity", &opt(&severity)),
            field("disputed", &opt(&s)),
            field("note", &opt(&s)),
        ],
    );
    let legal_rep = slug(
        "LegalRepRule",
        "Required",
        &["required", "authorisationLetter", "notRequired"],
    );
    let construction_plan = strukt(
        "construction_plan",
        "ConstructionPlan",
        vec![
            field("counts", &count_kind),
            field("personal", &opt(&u32_)),
            field("unit", &opt(&u32_)),
        ],
    );
    let o_bool = opt(&sourced(&bool_));
    let o_u8 = opt(&sourced(&u8_));
    let o_strings = opt(&sourced(&strings));
    let o_per_kind = opt(&sourced(&per_kind));
    let province = strukt(
        "province",
        "Province",
        vec![
            field("code", &s),
            field("name", &s),
            field("nameEn", &s),
            field("abbr", &s),
            field("individualNonLocal", &opt(&non_local)),
            field("refusedIndividualCertificates", &o_strings),
            field("minimumAge", &o_u8),
            field("minorsWithProofFrom", &o_u8),
            field("localMobileRequired", &o_bool),
            field("principalMustBeLegalRep", &opt(&sourced(&legal_rep))),
            field("nonMainlandLegalRepAuthorises", &o_bool),
            field("websiteResponsibleAuthorisationLetter", &o_bool),
            field("principalEqualsResponsibleWhenNotLegalRep", &o_bool),
            field("responsibleMustDifferFromPrincipal", &o_bool),
            field("responsibleMustDifferWhenNotLegalRep", &o_bool),
            field("landlineRequiredForUnits", &o_bool),
            field("officePhoneDiffersFromPrincipalMobile", &o_bool),
            field("sameCityAddress", &o_bool),
            field("addressHouseNumberRequired", &o_bool),
            field("domainCertificateRequired", &o_bool),
            field("domainMinValidityMonths", &o_u8),
            field("unitDomainHolderMustBeUnit", &o_bool),
            field("individualForbiddenTlds", &o_strings),
            field("maxNewDomainsPerOrder", &o_per_kind),
            field("oneDomainPerOrderWhenFiledExceeds", &o_per_kind),
            field("maxDomainsPerWebsite", &o_per_kind),
            field("maxWebsitesPerOrder", &o_per_kind),
            field("distinctPrefixesAreSeparateWebsites", &o_bool),
            field(
                "constructionPlanThreshold",
                &opt(&sourced(&construction_plan)),
            ),
            field("distinctWebsiteNames", &o_bool),
            field("unitWebsiteNameSuffix", &opt(&sourced(&s))),
            field("personalAllowedServiceContent", &o_strings),
            list_or_empty("remarkRequirements", &item),
            list_or_empty("extraMaterials", &item),
            list_or_empty("notes", &item),
        ],
    );
    let provinces = strukt(
        "province_file",
        "ProvinceFile",
        vec![
            field("version", &s),
            field("national", &national),
            field("provinces", &list(&province)),
        ],
    );

    let confidence_m = || with_default("confidence", &confidence, "M".into());
    let group = strukt(
        "tld_group",
        "TldGroup",
        vec![field("source", &s), confidence_m(), field("tlds", &strings)],
    );
    let tlds = strukt(
        "tld_file",
        "TldFile",
        vec![
            field("version", &s),
            field("fileable", &list(&group)),
            field("notFileable", &list(&group)),
            field(
                "warn",
                &list(&strukt(
                    "tld_warning",
                    "TldWarning",
                    vec![
                        field("tld", &s),
                        field("zh", &s),
                        field("en", &s),
                        field("source", &s),
                    ],
                )),
            ),
            field("governmentOnly", &group),
            field("institutionAllowed", &group),
        ],
    );

    let word_list = strukt(
        "word_list",
        "WordList",
        vec![
            field("words", &strings),
            field("source", &s),
            confidence_m(),
            with_default("severity", &severity, "warning".into()),
            Field {
                rust: "match_kind".into(),
                ..with_default(
                    "match",
                    &slug(
                        "MatchKind",
                        "Contains",
                        &["contains", "exact", "prefix", "placeSuffix"],
                    ),
                    "contains".into(),
                )
            },
            Field {
                skip: Some("Vec::new()"),
                rust: "folded".into(),
                ..field("", &strings)
            },
        ],
    );
    let words = strukt(
        "word_file",
        "WordFile",
        vec![
            field("version", &s),
            field("nationalPrefixes", &word_list),
            field("personalForbidden", &word_list),
            field("personalForbiddenExtended", &word_list),
            field("sensitive", &word_list),
            field("placePrefixes", &word_list),
            field("appNameForbidden", &word_list),
            field("appNameGeneric", &word_list),
            field("preApprovalKeywords", &Rc::new(Ty::Map(word_list.clone()))),
        ],
    );

    let named = |id: &str, rust: &str, extra: Vec<Field>| {
        let mut fields = vec![field("slug", &s), field("zh", &s), field("en", &s)];
        fields.extend(extra);
        strukt(id, rust, fields)
    };
    let zh_en = strukt("zh_en", "ZhEn", vec![field("zh", &s), field("en", &s)]);
    let catalogues = strukt(
        "catalogue_file",
        "CatalogueFile",
        vec![
            field("version", &s),
            field(
                "serviceContent",
                &list(&named(
                    "service_content",
                    "ServiceContent",
                    vec![field("miitBit", &u64_)],
                )),
            ),
            field("serviceContentSource", &s),
            field(
                "personalAllowedServiceContent",
                &strukt(
                    "sourced_slugs",
                    "SourcedSlugs",
                    vec![
                        field("values", &strings),
                        field("source", &s),
                        field("note", &opt(&s)),
                    ],
                ),
            ),
            field(
                "languages",
                &list(&named("language", "Language", vec![field("miitId", &u32_)])),
            ),
            field("languagesSource", &s),
            field(
                "preApprovalCategories",
                &list(&named(
                    "pre_approval_category",
                    "PreApprovalCategory",
                    vec![
                        field("wechatId", &opt(&u32_)),
                        field("miitBit", &opt(&u64_)),
                        field("approver", &opt(&zh_en)),
                        field("document", &opt(&zh_en)),
                        with_default("abolishedNationally", &bool_, false.into()),
                        field("source", &s),
                    ],
                )),
            ),
            field(
                "appPlatforms",
                &list(&named(
                    "app_platform",
                    "AppPlatformInfo",
                    vec![
                        field(
                            "service",
                            &slug("AppServiceKind", "App", &["app", "miniProgram", "quickApp"]),
                        ),
                        field("filingSuffix", &s),
                        field(
                            "packageNameFormat",
                            &slug(
                                "PackageNameFormat",
                                "ReverseDns",
                                &["reverseDns", "bundleId", "appId"],
                            ),
                        ),
                        field("required", &strings),
                        list_or_empty("recommended", &s),
                        field("source", &s),
                        confidence_m(),
                        field("note", &opt(&s)),
                    ],
                )),
            ),
            field(
                "nonLocalPermits",
                &list(&strukt(
                    "permit",
                    "Permit",
                    vec![field("id", &s), field("zh", &s), field("en", &s)],
                )),
            ),
        ],
    );
    [provinces, tlds, words, catalogues, review_policy_schema()]
}

/// `data/review-policy.json`, in the shape of `src/timeline/policy.rs`.
fn review_policy_schema() -> Rc<Ty> {
    let s = Rc::new(Ty::Str);
    let shared = Rc::new(Ty::Shared);
    let time = Rc::new(Ty::Time);
    let u32_ = Rc::new(Ty::U32);
    let figure = strukt(
        "figure",
        "Figure",
        vec![
            field("days", &u32_),
            field("source", &shared),
            with_default("stale", &Rc::new(Ty::Bool), false.into()),
            field("note", &opt(&shared)),
        ],
    );
    let durations = strukt(
        "stage_durations",
        "StageDurations",
        vec![
            field("min", &figure),
            field("typical", &figure),
            field("max", &figure),
        ],
    );
    let some_figures = opt(&strukt(
        "partial_durations",
        "PartialDurations",
        vec![
            field("min", &opt(&figure)),
            field("typical", &opt(&figure)),
            field("max", &opt(&figure)),
        ],
    ));
    let stages = |id: &str, rust: &str, each: &Rc<Ty>| {
        strukt(
            id,
            rust,
            ["providerReview", "submission", "bureauReview", "resultSync"]
                .into_iter()
                .map(|stage| field(stage, each))
                .collect(),
        )
    };
    let sourced_value = strukt(
        "sourced_value",
        "SourcedValue",
        vec![field("value", &u32_), field("source", &s)],
    );
    let province = strukt(
        "province_policy",
        "ProvincePolicy",
        vec![
            with_default("name", &s, "".into()),
            with_default(
                "stages",
                &stages("partial_stage_table", "PartialStageTable", &some_figures),
                Value::Object(serde_json::Map::new()),
            ),
        ],
    );
    let mut working_hours = serde_json::Map::new();
    working_hours.insert("start".into(), "09:00".into());
    working_hours.insert("end".into(), "18:00".into());
    strukt(
        "review_policy",
        "ReviewPolicy",
        vec![
            with_default("version", &s, "".into()),
            with_default(
                "workingHours",
                &strukt(
                    "working_hours",
                    "WorkingHours",
                    vec![field("start", &time), field("end", &time)],
                ),
                Value::Object(working_hours),
            ),
            field("smsWindowHours", &sourced_value),
            field("bureauLegalMaxWorkingDays", &sourced_value),
            field("stages", &stages("stage_table", "StageTable", &durations)),
            with_default(
                "provinces",
                &Rc::new(Ty::Map(province)),
                Value::Object(serde_json::Map::new()),
            ),
        ],
    )
}

// ---- encoding ----------------------------------------------------------------------------

/// Unsigned LEB128.
pub fn uint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub fn bytes(out: &mut Vec<u8>, text: &str) {
    uint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

pub fn encode(out: &mut Vec<u8>, ty: &Ty, value: &Value, path: &str) -> Result<(), String> {
    let wrong = |what: &str| Err(format!("{path}: expected {what}, found {value}"));
    let int = |max: u64| match value.as_u64() {
        Some(n) if n <= max => Ok(n),
        _ => Err(format!(
            "{path}: expected an integer 0..={max}, found {value}"
        )),
    };
    match ty {
        Ty::Str | Ty::Shared => match value.as_str() {
            Some(text) => bytes(out, text),
            None => return wrong("a string"),
        },
        Ty::Time => match value.as_str().and_then(seconds_of_day) {
            Some(seconds) => uint(out, seconds.into()),
            None => return wrong("a time of day HH:MM"),
        },
        Ty::U8 => uint(out, int(u8::MAX.into())?),
        Ty::U32 => uint(out, int(u32::MAX.into())?),
        Ty::U64 => uint(out, int(u64::MAX)?),
        Ty::Bool => match value.as_bool() {
            Some(b) => out.push(u8::from(b)),
            None => return wrong("true or false"),
        },
        Ty::Slug { slugs, .. } => match value.as_str() {
            Some(text) if slugs.contains(&text) => bytes(out, text),
            _ => return wrong(&format!("one of {slugs:?}")),
        },
        Ty::Opt(inner) => {
            if value.is_null() {
                out.push(0);
            } else {
                out.push(1);
                encode(out, inner, value, path)?;
            }
        }
        Ty::List(inner) => {
            let Some(items) = value.as_array() else {
                return wrong("a list");
            };
            uint(out, items.len() as u64);
            for (i, item) in items.iter().enumerate() {
                encode(out, inner, item, &format!("{path}[{i}]"))?;
            }
        }
        Ty::Map(inner) => {
            let Some(entries) = value.as_object() else {
                return wrong("an object");
            };
            // Sorted, as a BTreeMap holds them.
            let sorted: BTreeMap<&String, &Value> = entries.iter().collect();
            uint(out, sorted.len() as u64);
            for (key, item) in sorted {
                bytes(out, key);
                encode(out, inner, item, &format!("{path}.{key}"))?;
            }
        }
        Ty::Struct(s) => {
            let Some(object) = value.as_object() else {
                return wrong("an object");
            };
            if let Some(key) = object.keys().find(|k| {
                !s.fields
                    .iter()
                    .any(|f| f.skip.is_none() && f.json == k.as_str())
            }) {
                return Err(format!("{path}: unknown field {key:?}"));
            }
            for f in s.fields.iter().filter(|f| f.skip.is_none()) {
                let here = format!("{path}.{}", f.json);
                match (object.get(f.json), &f.default, &*f.ty) {
                    (Some(v), _, _) => encode(out, &f.ty, v, &here)?,
                    (None, Some(default), _) => encode(out, &f.ty, default, &here)?,
                    (None, None, Ty::Opt(_)) => out.push(0),
                    (None, None, _) => return Err(format!("{here}: missing")),
                }
            }
        }
    }
    Ok(())
}

/// A fingerprint of the schema (every type, field name and slug, in order): compiled data
/// carry it, and a reader built from another schema refuses them instead of misreading.
pub fn fingerprint(roots: &[Rc<Ty>]) -> u64 {
    fn describe(ty: &Ty, out: &mut String) {
        match ty {
            Ty::Str | Ty::Shared => out.push('s'),
            Ty::Time => out.push('t'),
            Ty::U8 => out.push('b'),
            Ty::U32 => out.push('i'),
            Ty::U64 => out.push('l'),
            Ty::Bool => out.push('?'),
            Ty::Slug { slugs, .. } => {
                out.push('(');
                for slug in *slugs {
                    out.push_str(slug);
                    out.push('|');
                }
                out.push(')');
            }
            Ty::Opt(t) => {
                out.push('o');
                describe(t, out);
            }
            Ty::List(t) => {
                out.push('[');
                describe(t, out);
                out.push(']');
            }
            Ty::Map(t) => {
                out.push('{');
                describe(t, out);
                out.push('}');
            }
            Ty::Struct(s) => {
                out.push('<');
                for f in s.fields.iter().filter(|f| f.skip.is_none()) {
                    out.push_str(f.json);
                    out.push(':');
                    describe(&f.ty, out);
                    out.push(',');
                }
                out.push('>');
            }
        }
    }
    let mut text = String::new();
    for root in roots {
        describe(root, &mut text);
        text.push(';');
    }
    fnv1a64(text.as_bytes())
}

/// Seconds since midnight of `HH:MM` or `HH:MM:SS` (surrounding spaces allowed), as
/// `crate::dates::parse_time` reads them.
pub fn seconds_of_day(text: &str) -> Option<u32> {
    let text = text.trim();
    let b = text.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let digits = b.get(i..i + 2)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(digits[0] - b'0') * 10 + u32::from(digits[1] - b'0'))
    };
    let seconds = match b.len() {
        5 if b[2] == b':' => 0,
        8 if b[2] == b':' && b[5] == b':' => two(6).filter(|&s| s < 60)?,
        _ => return None,
    };
    let (hours, minutes) = (two(0).filter(|&h| h < 24)?, two(3).filter(|&m| m < 60)?);
    Some(hours * 3600 + minutes * 60 + seconds)
}

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    /// `build.rs` cannot use `crate::dates`, so the schema reads times itself: it must accept
    /// exactly what the policy's serde reader accepts, and give the same time.
    #[test]
    fn times_read_as_the_dates_module_reads_them() {
        let mut texts = vec![
            " 09:00 ",
            "18:00",
            "23:59:59",
            "00:00:00",
            "24:00",
            "09:60",
            "9:00",
            "09:00:60",
            "09-00",
            "09:00:",
            "",
            "０９:００",
            "+9:00",
            "09:00:00 ",
        ];
        let generated: Vec<String> = (0..1500)
            .map(|i| format!("{:02}:{:02}", i / 60, i % 60))
            .collect();
        texts.extend(generated.iter().map(String::as_str));
        for text in texts {
            let expected = crate::dates::parse_time(text.trim()).map(|t| {
                use chrono::Timelike;
                t.num_seconds_from_midnight()
            });
            assert_eq!(super::seconds_of_day(text), expected, "{text:?}");
        }
    }
}
