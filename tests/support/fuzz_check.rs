//! What the fuzz runs do with each generated case (`fuzz_gen.rs`): everything the widget
//! and the receiver call on a filing, in both languages, and the invariants that must hold
//! whatever the filing holds. A panic is the caller's to catch; a broken invariant is an
//! `Err` naming it.

use chrono::{Duration, NaiveDate, NaiveTime};
use icp_filing::calendar::HolidayCalendar;
use icp_filing::delivery::mask_json;
use icp_filing::draft;
use icp_filing::form::{blocking_count, Action, FieldPath, FieldValue, FormState, Section};
use icp_filing::hints::{province_hint, province_notes, HintField};
use icp_filing::materials::{material_text, materials};
use icp_filing::messages::{describe_path, field_label, path_pattern, render, Locale, CATALOGUE};
use icp_filing::model::{parse_filing, Filing};
use icp_filing::report::{form_order_key, Report, Severity};
use icp_filing::ruledata::RuleData;
use icp_filing::rules::{normalize, validate, RuleContext};
use icp_filing::timeline::text::stage_name;
use icp_filing::timeline::{estimate, EstimateInput, ReviewPolicy, Rework};
use serde_json::Value;

use super::fuzz_gen::{near_miss, Corpus, Rng};
use super::report_paths::path_is_well_formed;

const LOCALES: [Locale; 2] = [Locale::ZhCn, Locale::En];

thread_local! {
    /// Where and why the last panic on this thread happened.
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Replaces the panic report (a message and maybe a backtrace on stderr for every panic)
/// by a note of the last panic's message and location, read with [`last_panic`].
pub fn record_panics_quietly() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = format!("panic at {location}: {message}"));
    }));
}

/// The last panic on this thread, as `panic at FILE:LINE:COLUMN: MESSAGE`.
pub fn last_panic() -> String {
    LAST_PANIC.with(|p| p.borrow().clone())
}
const HINT_FIELDS: [HintField; 5] = [
    HintField::Mobile,
    HintField::OfficePhone,
    HintField::AddressDetail,
    HintField::WebsiteName,
    HintField::Domains,
];

/// What one case did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    /// The text parsed as a filing (so the rules ran on it).
    pub parsed: bool,
    /// Issues in the filing's report.
    pub issues: usize,
    /// The report was `ok` (no error, every warning acknowledged).
    pub ok: bool,
}

/// Today's date for a case: mostly the years the rules are written for, sometimes any date
/// the holiday calendar covers (a browser's clock can be far off).
pub fn today_for(context: u64) -> NaiveDate {
    let mut rng = Rng::new(context);
    let days = if rng.chance(900) {
        rng.between(0, 365 * 12)
    } else {
        rng.between(-365 * 124, 365 * 175)
    };
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default() + Duration::days(days)
}

/// Runs case `text` in the context chosen by `context` (see [`today_for`]).
pub fn exercise(text: &str, context: u64, corpus: &Corpus) -> Result<Outcome, String> {
    let filing = match parse_filing(text) {
        Ok(filing) => filing,
        Err(e) => {
            if e.to_string().trim().is_empty() {
                return Err("a parse error without a message".to_owned());
            }
            return Ok(Outcome::default());
        }
    };
    let today = today_for(context);
    let mut rng = Rng::new(context ^ 0x5bd1_e995);
    let data = RuleData::embedded();

    // The more expensive checks run on a share of the cases (the same ones in every run).
    let (full_en, form, draft_storage) = (rng.chance(300), rng.chance(300), rng.chance(500));

    // The rules, as the widget and the receiver run them, in both languages.
    let zh_ctx = RuleContext::new(today);
    let zh = validate(&filing, &zh_ctx);
    let mut en = zh.clone();
    en.localize(Locale::En, RuleData::embedded());
    let json = serde_json::to_value(&filing).map_err(|e| e.to_string())?;
    check_report(&filing, &json, &zh, Locale::ZhCn)?;
    check_report(&filing, &json, &en, Locale::En)?;
    if full_en && validate(&filing, &RuleContext::new(today).with_locale(Locale::En)) != en {
        return Err("validating in en differs from the zh-CN report localised".to_owned());
    }
    // What the receiver answers with (a 422 body) reads back as the same report.
    let body = serde_json::to_string(&zh).map_err(|e| format!("report to JSON: {e}"))?;
    if serde_json::from_str::<Report>(&body).ok().as_ref() != Some(&zh) {
        return Err("the report does not read back from its JSON".to_owned());
    }

    // Acknowledging every warning leaves exactly the errors blocking.
    let warnings: Vec<String> = zh
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .map(|i| i.acknowledgement_key())
        .collect();
    if !warnings.is_empty() {
        let mut acknowledged = filing.clone();
        acknowledged.acknowledged_warnings.extend(warnings);
        let again = validate(&acknowledged, &zh_ctx);
        if again.issues != zh.issues {
            return Err("acknowledging warnings changed the issues".to_owned());
        }
        let errors = zh.issues.iter().any(|i| i.severity == Severity::Error);
        if again.ok == errors {
            return Err(format!(
                "with every warning acknowledged ok is {} though errors: {errors}",
                again.ok
            ));
        }
    }

    // Normalising: what the receiver stores.
    let normalized = normalize(&filing);
    let twice = normalize(&normalized);
    if twice != normalized {
        return Err(format!(
            "normalize is not idempotent: {}",
            difference(&normalized, &twice)
        ));
    }
    let stored = serde_json::to_string(&normalized).map_err(|e| e.to_string())?;
    match parse_filing(&stored) {
        Ok(back) if back == normalized => {}
        Ok(back) => {
            return Err(format!(
                "a normalised filing reads back changed: {}",
                difference(&normalized, &back)
            ))
        }
        Err(e) => return Err(format!("a normalised filing does not parse: {e}")),
    }
    let of_normalized = validate(&normalized, &zh_ctx);
    let normalized_json = serde_json::to_value(&normalized).map_err(|e| e.to_string())?;
    check_report(&normalized, &normalized_json, &of_normalized, Locale::ZhCn)?;
    // validate normalises first, so the normalised filing has the same findings.
    if findings(&of_normalized) != findings(&zh) {
        let (before, after) = (findings(&zh), findings(&of_normalized));
        let gone: Vec<_> = before.iter().filter(|f| !after.contains(f)).collect();
        let new: Vec<_> = after.iter().filter(|f| !before.contains(f)).collect();
        return Err(format!(
            "the normalised filing validates differently: {gone:?} became {new:?}"
        ));
    }

    // The widget: draft storage, the form over the draft, masked events.
    let now =
        today.and_time(NaiveTime::from_hms_opt(rng.below(24) as u32, 30, 0).unwrap_or_default());
    if draft_storage {
        let saved = draft::encode(&filing, "services", None, now);
        match draft::decode(&saved, now, &draft::SerdeJson) {
            Some(back) if back.filing == filing => {}
            Some(back) => {
                return Err(format!(
                    "a saved draft restores another filing: {}",
                    difference(&filing, &back.filing)
                ))
            }
            None => return Err("a saved draft does not restore".to_owned()),
        }
    }
    let mut masked = json;
    mask_json(&mut masked);
    exercise_form(&filing, &zh, form, &mut rng)?;

    // The check page: estimate, materials, hints, notes, the address's region names.
    if let Some(ty) = filing.filing_type {
        let minutes = rng.below(24 * 60) as i64;
        let mut input = EstimateInput::new(ty, &filing.province, now + Duration::minutes(minutes));
        if rng.chance(300) {
            input.rework = Some(Rework {
                resubmit_after_working_days: rng.below(40) as u32,
            });
        }
        if let Ok(est) = estimate(
            &input,
            ReviewPolicy::embedded(),
            HolidayCalendar::official_ref(),
        ) {
            if !(est.earliest_completion <= est.likely_completion
                && est.likely_completion <= est.late_completion)
            {
                return Err("the estimate's completion dates are out of order".to_owned());
            }
            for locale in LOCALES {
                if est
                    .assumption_texts(locale)
                    .iter()
                    .any(|t| t.trim().is_empty())
                {
                    return Err("an estimate assumption renders empty".to_owned());
                }
                for stage in &est.stages {
                    if stage_name(stage.stage, locale).is_empty() {
                        return Err("a stage has no name".to_owned());
                    }
                }
            }
            serde_json::to_string(&est).map_err(|e| format!("estimate to JSON: {e}"))?;
        }
    }
    let documents = materials(&filing, data);
    for material in &documents {
        for locale in LOCALES {
            let (title, _) = material_text(material, locale);
            if title.trim().is_empty() || title == material.code {
                return Err(format!("material {} has no title", material.code));
            }
        }
    }
    let kind = filing.subject.kind;
    for locale in LOCALES {
        for field in HINT_FIELDS {
            if let Some(hint) = province_hint(field, &filing.province, kind, data, locale) {
                if hint.trim().is_empty() {
                    return Err(format!("an empty province hint for {field:?}"));
                }
            }
        }
        for note in province_notes(&filing, data) {
            if note.text(locale).trim().is_empty() {
                return Err(format!("province note {} is empty", note.id));
            }
        }
    }
    if let Some(regions) = &corpus.regions {
        let address = &filing.subject.address;
        for code in [&address.province, &address.city, &address.district] {
            let _ = regions.full_name(code);
        }
        if let Err(problem) = regions.check_address(address) {
            let _ = (problem.part(), problem.path());
        }
    }
    Ok(Outcome {
        parsed: true,
        issues: zh.issues.len(),
        ok: zh.ok,
    })
}

/// The form over the filing: where each issue is fixed, what shows, whether submit is
/// blocked, a blur and an edit at an issue's field.
fn exercise_form(
    filing: &Filing,
    report: &Report,
    edit: bool,
    rng: &mut Rng,
) -> Result<(), String> {
    let mut form = FormState::new(filing.clone());
    for issue in &report.issues {
        let _ = (
            form.control_path(&issue.path),
            Section::of_path(&issue.path),
        );
        // A field's issue path reads back as that field, and prints as it was written.
        if let Some(field) = FieldPath::parse(&issue.path) {
            if field.to_string() != issue.path {
                return Err(format!("{} parses as {field}", issue.path));
            }
        }
    }
    for section in Section::ALL {
        let _ = form.status(section, report);
    }
    form.apply(Action::SubmitAttempted);
    let visible = form.visible_issues(report);
    if visible.len() != report.issues.len() {
        return Err("after a submit attempt some issues stay hidden".to_owned());
    }
    let blocking = blocking_count(&visible, &filing.acknowledged_warnings);
    if (blocking == 0) != report.ok {
        return Err(format!(
            "the widget counts {blocking} blocking issues but report.ok is {}",
            report.ok
        ));
    }
    if edit && !report.issues.is_empty() {
        let issue = &report.issues[rng.below(report.issues.len())];
        // Issues on lists (`websites`, `apps[0].platforms`) have no field to edit.
        let field = FieldPath::parse(&form.control_path(&issue.path));
        if let Some(path) = field {
            form.apply(Action::Blur { path, reveal: true });
        }
        let typed = near_miss(field.map_or("", |f| f.text(&form.draft)), rng);
        if let Some(path) = field {
            form.apply(Action::Set {
                path,
                value: FieldValue::Text(typed),
            });
        }
        let ctx = RuleContext::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default());
        let after = validate(&form.draft, &ctx);
        let draft_json = serde_json::to_value(&form.draft).map_err(|e| e.to_string())?;
        check_report(&form.draft, &draft_json, &after, Locale::ZhCn)?;
        for section in Section::ALL {
            let _ = form.status(section, &after);
        }
    }
    Ok(())
}

/// Where two filings differ: the first JSON path and both values there.
fn difference(a: &Filing, b: &Filing) -> String {
    fn walk(a: &Value, b: &Value, at: &str) -> Option<String> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                x.keys()
                    .chain(y.keys())
                    .find_map(|k| match (x.get(k), y.get(k)) {
                        (Some(p), Some(q)) => walk(p, q, &format!("{at}.{k}")),
                        (p, q) => Some(format!("{at}.{k}: {p:?} vs {q:?}")),
                    })
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
                .iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (p, q))| walk(p, q, &format!("{at}[{i}]"))),
            _ if a == b => None,
            _ => Some(format!("{at}: {a} vs {b}")),
        }
    }
    let (Ok(a), Ok(b)) = (serde_json::to_value(a), serde_json::to_value(b)) else {
        return "not serialisable".to_owned();
    };
    walk(&a, &b, "").unwrap_or_else(|| "equal as JSON".to_owned())
}

/// The report without its messages.
fn findings(
    report: &Report,
) -> Vec<(
    &str,
    &str,
    Severity,
    &std::collections::BTreeMap<String, String>,
)> {
    report
        .issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str(), i.severity, &i.params))
        .collect()
}

/// What every report must satisfy: catalogue codes; paths naming a field of the filing;
/// messages that are not empty and have every parameter they show; form order; `ok` exactly
/// when every issue is an acknowledged warning.
fn check_report(
    filing: &Filing,
    json: &Value,
    report: &Report,
    locale: Locale,
) -> Result<(), String> {
    for issue in &report.issues {
        let Some(entry) = CATALOGUE.iter().find(|c| c.0 == issue.code) else {
            return Err(format!("issue code {} is not in the catalogue", issue.code));
        };
        if !path_is_well_formed(&issue.path, json) {
            return Err(format!(
                "{} at {:?}: the path names no field of the filing",
                issue.code, issue.path
            ));
        }
        if issue.message.trim().is_empty() {
            return Err(format!("{} at {}: empty message", issue.code, issue.path));
        }
        if issue.message != render(&issue.code, &issue.params, locale, RuleData::embedded()) {
            return Err(format!(
                "{}: the message is not the catalogue's",
                issue.code
            ));
        }
        let template = if locale == Locale::ZhCn {
            entry.2
        } else {
            entry.3
        };
        if let Some(missing) = missing_param(template, &issue.params) {
            return Err(format!(
                "{} at {}: the message shows {{{missing}}} but the issue has no such param",
                issue.code, issue.path
            ));
        }
        let label = field_label(&path_pattern(&issue.path), locale).0;
        if label.is_empty() || describe_path(&issue.path, locale).is_empty() {
            return Err(format!(
                "{}: the field at {} has no label",
                issue.code, issue.path
            ));
        }
    }
    let keys: Vec<Vec<u32>> = report
        .issues
        .iter()
        .map(|i| form_order_key(&i.path))
        .collect();
    if !keys.windows(2).all(|w| w[0] <= w[1]) {
        return Err("the issues are not in form order".to_owned());
    }
    let expected_ok = report.issues.iter().all(|i| {
        i.severity == Severity::Warning
            && filing
                .acknowledged_warnings
                .contains(&i.acknowledgement_key())
    });
    if report.ok != expected_ok {
        return Err(format!(
            "report.ok is {} but the issues say {expected_ok}",
            report.ok
        ));
    }
    Ok(())
}

/// The first `{name}` of `template` whose param is missing (derived names need their source:
/// `{field}` and `{verb}` read `field`, `{otherName}` reads `other`, …).
fn missing_param(
    template: &str,
    params: &std::collections::BTreeMap<String, String>,
) -> Option<String> {
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        let name = &after[..end];
        let source = match name {
            "verb" => "field",
            "otherName" => "other",
            "provinceName" => "province",
            "certificateProvinceName" => "certificateProvince",
            "idProvinceName" => "idProvince",
            "categoryName" => "category",
            "kindName" => "kind",
            "typeName" => "type",
            other => other,
        };
        if !params.contains_key(source) {
            return Some(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    None
}
