//! Turns the embedded data files into compact build outputs, so the library never parses
//! embedded JSON at run time:
//!
//! * `data/{provinces,tlds,words,catalogues}.json` → `ruledata.bin` (a byte stream in schema
//!   order) and `ruledata_decode.rs` (the decoder for that stream, one function per type,
//!   included by `src/ruledata/embedded.rs`);
//! * `data/holidays/*.json` → `holidays.rs` (static tables read by `src/calendar`);
//! * `data/regions/regions.json` → `cities.rs` (prefecture-level city names as addresses
//!   write them, for the same-city rule in `src/rules/province.rs`).
//!
//! The schema below mirrors the serde shapes of the `src/ruledata` types; a shape error
//! (unknown key, missing field, wrong type, unknown slug) fails the build. Whether the data
//! keep the rules' invariants is checked by `RuleData::validate` in the test suite, which also
//! compares the decoded data with the JSON read through serde.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::Value;

const RULE_FILES: [&str; 4] = ["provinces", "tlds", "words", "catalogues"];
const HOLIDAY_YEARS: [i32; 3] = [2024, 2025, 2026];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(message) = rule_data(&out)
        .and_then(|()| holidays(&out))
        .and_then(|()| cities(&out))
        .and_then(|()| public_suffixes(&out))
    {
        panic!("{message}");
    }
}

// ---- schema ------------------------------------------------------------------------------

enum Ty {
    Str,
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

struct Struct {
    /// Unique name of the decoder (`d_<id>`).
    id: String,
    /// The Rust type, e.g. `Sourced<u8>`.
    rust: String,
    fields: Vec<Field>,
}

struct Field {
    json: &'static str,
    /// The Rust field name (the JSON name in snake case unless renamed).
    rust: String,
    ty: Rc<Ty>,
    /// What a missing key means (`None`: the key is required, unless the type is `Opt`).
    default: Option<Value>,
    /// Not in the JSON: the field is set to this Rust expression.
    skip: Option<&'static str>,
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
fn ty_id(ty: &Ty) -> String {
    match ty {
        Ty::Str => "str".into(),
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

fn rust_ty(ty: &Ty) -> String {
    match ty {
        Ty::Str => "String".into(),
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

/// The four rule-data files, in the shapes of `src/ruledata/{provinces,tlds,words,catalogues}.rs`.
fn rule_schema() -> [Rc<Ty>; 4] {
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
    [provinces, tlds, words, catalogues]
}

// ---- encoding ----------------------------------------------------------------------------

/// Unsigned LEB128.
fn uint(out: &mut Vec<u8>, mut n: u64) {
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

fn bytes(out: &mut Vec<u8>, text: &str) {
    uint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn encode(out: &mut Vec<u8>, ty: &Ty, value: &Value, path: &str) -> Result<(), String> {
    let wrong = |what: &str| Err(format!("{path}: expected {what}, found {value}"));
    let int = |max: u64| match value.as_u64() {
        Some(n) if n <= max => Ok(n),
        _ => Err(format!(
            "{path}: expected an integer 0..={max}, found {value}"
        )),
    };
    match ty {
        Ty::Str => match value.as_str() {
            Some(text) => bytes(out, text),
            None => return wrong("a string"),
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

// ---- decoder generation ------------------------------------------------------------------

/// An expression decoding `ty` from the reader `r`.
fn call(ty: &Ty) -> String {
    match ty {
        Ty::Str => "r.string()".into(),
        Ty::U8 => "r.u8()".into(),
        Ty::U32 => "r.u32()".into(),
        Ty::U64 => "r.uint()".into(),
        Ty::Bool => "r.bool()".into(),
        Ty::Slug {
            rust,
            from,
            fallback,
            ..
        } => format!("r.slug({from}, {rust}::{fallback})"),
        Ty::Opt(t) => format!("r.opt({})", reader(t)),
        Ty::List(t) => format!("r.list({})", reader(t)),
        Ty::Map(t) => format!("r.map({})", reader(t)),
        Ty::Struct(s) => format!("d_{}(r)", s.id),
    }
}

/// A function (path or closure) decoding `ty` from a reader.
fn reader(ty: &Ty) -> String {
    match ty {
        Ty::Str => "Reader::string".into(),
        Ty::U8 => "Reader::u8".into(),
        Ty::U32 => "Reader::u32".into(),
        Ty::U64 => "Reader::uint".into(),
        Ty::Bool => "Reader::bool".into(),
        Ty::Struct(s) => format!("d_{}", s.id),
        _ => format!("|r: &mut Reader| {}", call(ty)),
    }
}

fn collect_structs<'a>(ty: &'a Ty, found: &mut BTreeMap<String, &'a Struct>) {
    match ty {
        Ty::Opt(t) | Ty::List(t) | Ty::Map(t) => collect_structs(t, found),
        Ty::Struct(s) if found.insert(s.id.clone(), s).is_none() => {
            for f in &s.fields {
                collect_structs(&f.ty, found);
            }
        }
        _ => {}
    }
}

fn decoders(roots: &[Rc<Ty>]) -> String {
    let mut found = BTreeMap::new();
    for root in roots {
        collect_structs(root, &mut found);
    }
    let mut code = String::from("// Generated by build.rs from its rule-data schema.\n");
    // One function per type, not inlined into its callers (smaller code).
    for s in found.values() {
        let _ = writeln!(
            code,
            "\n#[inline(never)]\nfn d_{}(r: &mut Reader) -> {} {{\n    {} {{",
            s.id,
            s.rust,
            s.rust.split('<').next().unwrap_or(&s.rust)
        );
        for f in &s.fields {
            match f.skip {
                Some(expr) => {
                    let _ = writeln!(code, "        {}: {expr},", f.rust);
                }
                None => {
                    let _ = writeln!(code, "        {}: {},", f.rust, call(&f.ty));
                }
            }
        }
        code.push_str("    }\n}\n");
    }
    code
}

fn rule_data(out: &Path) -> Result<(), String> {
    let schema = rule_schema();
    let mut blob = Vec::new();
    for (name, ty) in RULE_FILES.iter().zip(&schema) {
        let file = format!("data/{name}.json");
        println!("cargo:rerun-if-changed={file}");
        let value = read_json(&file)?;
        encode(&mut blob, ty, &value, &format!("{name}.json"))?;
    }
    let mut code = decoders(&schema);
    let _ = writeln!(
        code,
        "\n/// The four files, decoded.\nfn decode_all(r: &mut Reader) -> ({}, {}, {}, {}) {{\n    ({}, {}, {}, {})\n}}",
        rust_ty(&schema[0]),
        rust_ty(&schema[1]),
        rust_ty(&schema[2]),
        rust_ty(&schema[3]),
        call(&schema[0]),
        call(&schema[1]),
        call(&schema[2]),
        call(&schema[3]),
    );
    write(&out.join("ruledata.bin"), &blob)?;
    write(&out.join("ruledata_decode.rs"), code.as_bytes())
}

// ---- holidays ----------------------------------------------------------------------------

/// Each embedded holiday-cn file as an `EmbeddedYear` of `src/calendar`.
fn holidays(out: &Path) -> Result<(), String> {
    let mut code = String::from(
        "// Generated by build.rs from data/holidays/*.json.\n\
         const EMBEDDED_YEARS: &[EmbeddedYear] = &[\n",
    );
    for year in HOLIDAY_YEARS {
        let file = format!("data/holidays/{year}.json");
        println!("cargo:rerun-if-changed={file}");
        let value = read_json(&file)?;
        if value.get("year").and_then(Value::as_i64) != Some(i64::from(year)) {
            return Err(format!("{file}: \"year\" must be {year}"));
        }
        let papers: Vec<&str> = match value.get("papers") {
            None => Vec::new(),
            Some(list) => list
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| p.as_str())
                .collect::<Option<_>>()
                .filter(|_| list.is_array())
                .ok_or_else(|| format!("{file}: \"papers\" must be a list of URLs"))?,
        };
        let days = value
            .get("days")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{file}: \"days\" must be a list"))?;
        let _ = writeln!(code, "    ({year}, &{papers:?}, &[");
        for day in days {
            let name = day.get("name").and_then(Value::as_str);
            let date = day.get("date").and_then(Value::as_str).and_then(ymd);
            let off = day.get("isOffDay").and_then(Value::as_bool);
            let (Some(name), Some((y, m, d)), Some(off)) = (name, date, off) else {
                return Err(format!(
                    "{file}: every day needs a name, a YYYY-MM-DD date and isOffDay: {day}"
                ));
            };
            let _ = writeln!(code, "        ({name:?}, {y}, {m}, {d}, {off}),");
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    write(&out.join("holidays.rs"), code.as_bytes())
}

/// Prefecture-level cities, sorted by code, each with the name an address would contain:
/// 石家庄市 → 石家庄, 张家口市 → 张家口, 黔东南苗族侗族自治州 → 黔东南 (written 黔东南州). The
/// placeholder levels of municipalities and province-administered counties are left out.
fn cities(out: &Path) -> Result<(), String> {
    const FILE: &str = "data/regions/regions.json";
    println!("cargo:rerun-if-changed={FILE}");
    let value = read_json(FILE)?;
    let shape = || format!("{FILE}: provinces must be [code, name, [[code, name, …], …]]");
    let mut rows = Vec::new();
    for province in value["provinces"].as_array().ok_or_else(shape)? {
        let p = province[0].as_str().ok_or_else(shape)?;
        for city in province[2].as_array().ok_or_else(shape)? {
            let (Some(c), Some(name)) = (city[0].as_str(), city[1].as_str()) else {
                return Err(shape());
            };
            if let Some(short) = city_short_name(name) {
                rows.push((format!("{p}{c}00"), short));
            }
        }
    }
    rows.sort();
    let mut code = String::from(
        "// Generated by build.rs from data/regions/regions.json.\n\
         static CITY_NAMES: &[(&str, &str)] = &[\n",
    );
    for (c, name) in rows {
        let _ = writeln!(code, "    ({c:?}, {name:?}),");
    }
    code.push_str("];\n");
    write(&out.join("cities.rs"), code.as_bytes())
}

/// The public suffixes below fileable TLDs (data/public-suffixes.txt), sorted, for the
/// registrable-domain lookup in `src/ruledata/tlds.rs`.
fn public_suffixes(out: &Path) -> Result<(), String> {
    const FILE: &str = "data/public-suffixes.txt";
    println!("cargo:rerun-if-changed={FILE}");
    let text = std::fs::read_to_string(FILE).map_err(|e| format!("{FILE}: {e}"))?;
    let mut rules: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    if let Some(bad) = rules
        .iter()
        .find(|r| !r.contains('.') || r.starts_with(['*', '!']) || r.to_lowercase() != **r)
    {
        return Err(format!(
            "{FILE}: {bad:?} is not a lower-case multi-label suffix"
        ));
    }
    rules.sort_unstable();
    rules.dedup();
    let mut code = String::from(
        "// Generated by build.rs from data/public-suffixes.txt.\n\
         static PUBLIC_SUFFIXES: &[&str] = &[\n",
    );
    for rule in rules {
        let _ = writeln!(code, "    {rule:?},");
    }
    code.push_str("];\n");
    write(&out.join("public_suffixes.rs"), code.as_bytes())
}

fn city_short_name(name: &str) -> Option<String> {
    if name.contains("直辖") || matches!(name, "市辖区" | "县") {
        return None;
    }
    // Autonomous prefectures are written with their place name and 州 (黔南州): keep the
    // characters before the first nationality.
    let short = if let Some(stem) = name.strip_suffix("自治州") {
        let cut = [
            "苗族",
            "布依族",
            "侗族",
            "彝族",
            "藏族",
            "回族",
            "哈尼族",
            "壮族",
            "傣族",
            "白族",
            "土家族",
            "朝鲜族",
            "蒙古",
            "哈萨克",
            "柯尔克孜",
            "羌族",
            "景颇族",
            "傈僳族",
        ]
        .iter()
        .filter_map(|n| stem.find(n))
        .min()
        .unwrap_or(stem.len());
        &stem[..cut]
    } else {
        ["市", "地区", "盟"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .unwrap_or(name)
    };
    (short.chars().count() >= 2).then(|| short.to_owned())
}

/// `YYYY-MM-DD` with a plausible month and day (the calendar checks the rest).
fn ymd(text: &str) -> Option<(i32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = text.get(..4)?.parse().ok()?;
    let m = text
        .get(5..7)?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let d = text
        .get(8..)?
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    Some((y, m, d))
}

// ---- files -------------------------------------------------------------------------------

fn read_json(file: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))
}

fn write(path: &Path, contents: &[u8]) -> Result<(), String> {
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}
