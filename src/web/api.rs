//! Stateless JS exports for code that renders nothing: `validate`, `estimate`, `progress`,
//! `rulesetVersion`, the identifier checks `checkResidentId` / `checkUscc`, the calendar
//! queries `isWorkingDay` / `addWorkingDays`, and after approval `upkeep`
//! ([`crate::aftercare`]; its footer check and change diff are for native callers, which pay
//! no wasm bytes for them). Inputs and outputs are plain
//! JSON-shaped objects (the same contracts as the CLI and the receiver); bad input is a thrown
//! `Error` with a clear message.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Datelike;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::{browser, js};
use crate::calendar::HolidayCalendar;
use crate::ident::{ResidentId, Uscc};
use crate::messages::Locale;
use crate::options::{parse_iso_date, REVIEW_POLICY_IS_COMPILED};
use crate::ruledata::RuleData;
use crate::rules::{validate, RuleContext};
use crate::timeline::{self, EstimateInput, ProgressInput, ReviewPolicy};

/// `{ locale?, today? }` of `validate` and `upkeep`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct DayOptions {
    locale: Option<String>,
    today: Option<String>,
}

/// The language and the day the rules treat as today (default: today in China) that
/// `options` name.
fn day_and_locale(options: &JsValue) -> Result<(chrono::NaiveDate, Locale), JsError> {
    let options: DayOptions = if options.is_undefined() || options.is_null() {
        DayOptions::default()
    } else {
        js::from_js(options.clone())
            .map_err(|e| JsError::new(&format!("icp-filing: options: {e}")))?
    };
    let today = match options.today.as_deref() {
        Some(text) => parse_iso_date(text)
            .ok_or_else(|| JsError::new("icp-filing: `today` must be YYYY-MM-DD"))?,
        None => browser::today_in_china(),
    };
    let locale = match options.locale.as_deref() {
        Some(tag) => Locale::parse(tag)
            .ok_or_else(|| JsError::new(&format!("icp-filing: {}", Locale::unsupported(tag))))?,
        None => Locale::default(),
    };
    Ok((today, locale))
}

/// The property `key` of `object`, unless it is absent, `undefined` or `null`.
fn given(object: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &key.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// `validate(filing, { locale?, today?, rules? })` → the report (`{rulesetVersion, ok,
/// issues}`); `rules`: compiled rule data, the widget's `rules` option, so a console or a
/// Node back end checks a filing by the same rules as the form it came from.
///
/// # Errors
/// When `filing` is not a filing object, `today` is not `YYYY-MM-DD` or `rules` are not
/// compiled rule data.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "Report")]
pub fn validate_js(
    #[wasm_bindgen(unchecked_param_type = "Filing")] filing: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let filing = js::filing_from_js(filing).map_err(|e| {
        let e = crate::delivery::mask_identifiers(&e);
        JsError::new(&format!("icp-filing: not a filing: {e}"))
    })?;
    let (today, locale) = day_and_locale(&options)?;
    let rules = given(&options, "rules")
        .map(|v| compiled_rules(&v))
        .transpose()?;
    let ctx = RuleContext::new(today).with_locale(locale);
    let report = match &rules {
        Some(data) => validate(&filing, &ctx.with_data(data)),
        None => validate(&filing, &ctx),
    };
    Ok(js::to_js(&report))
}

/// `upkeep(filing, { filingNumber, approvedOn, serviceNumbers?, domainExpiry? }, { locale?, today? }?)`
/// → the upkeep calendar of an approved filing (`[{kind, due?, path, text, overdue}]`).
///
/// # Errors
/// When `filing` is not a filing, the approval lacks its number or `approvedOn` is not
/// `YYYY-MM-DD`.
#[wasm_bindgen(js_name = upkeep, unchecked_return_type = "UpkeepItem[]")]
pub fn upkeep_js(
    #[wasm_bindgen(unchecked_param_type = "Filing")] filing: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Approval")] approval: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "UpkeepOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let filing =
        js::filing_from_js(filing).map_err(|_| JsError::new("icp-filing: upkeep: not a filing"))?;
    let approval: crate::aftercare::Approval = js::from_js(approval)
        .map_err(|e| JsError::new(&format!("icp-filing: upkeep approval: {e}")))?;
    let (today, locale) = day_and_locale(&options)?;
    let items = crate::aftercare::upkeep(&filing, &approval, today, locale)
        .ok_or_else(|| JsError::new("icp-filing: `approvedOn` must be YYYY-MM-DD"))?;
    Ok(js::to_js(&items))
}

/// Compiled rule data passed as `rules`. Decoding and indexing the whole text takes about
/// 0.4 ms natively, so the last text's data are kept: a console that checks or estimates a
/// list of filings with one `rules` text decodes it once.
fn compiled_rules(value: &JsValue) -> Result<Rc<RuleData>, JsError> {
    thread_local! {
        static LAST: RefCell<Option<(String, Rc<RuleData>)>> = const { RefCell::new(None) };
    }
    // Not a text (e.g. the override JSON itself): the decoder's message says what to pass.
    let text = value.as_string().unwrap_or_default();
    LAST.with_borrow_mut(|last| {
        if let Some((_, data)) = last.as_ref().filter(|(seen, _)| *seen == text) {
            return Ok(data.clone());
        }
        let data = Rc::new(
            RuleData::from_compiled(&text)
                .map_err(|e| JsError::new(&format!("icp-filing: rules: {e}")))?
                .data,
        );
        *last = Some((text, data.clone()));
        Ok(data)
    })
}

/// The overrides an estimate or progress call may carry next to its input: `rules` (compiled
/// rule data, whose review policy holds a provider's SLA) and `holidays` (newer official
/// holiday files, holiday-cn format, e.g. the 2027 notice).
fn timeline_setup(input: &JsValue) -> Result<(ReviewPolicy, HolidayCalendar), JsError> {
    let get = |key: &str| given(input, key);
    if get("reviewPolicy").is_some() {
        return Err(JsError::new(&format!(
            "icp-filing: reviewPolicy: {REVIEW_POLICY_IS_COMPILED}"
        )));
    }
    let policy = match get("rules") {
        Some(v) => compiled_rules(&v)?.review_policy().clone(),
        None => ReviewPolicy::embedded().clone(),
    };
    let mut calendar = HolidayCalendar::official();
    if let Some(holidays) = get("holidays") {
        let serde_json::Value::Array(years) = js::to_json(&holidays) else {
            return Err(JsError::new(
                "icp-filing: holidays: a list of holiday files (holiday-cn format)",
            ));
        };
        for year in &years {
            calendar
                .add_year_value(year)
                .map_err(|e| JsError::new(&format!("icp-filing: holidays: {e}")))?;
        }
    }
    Ok((policy, calendar))
}

/// `estimate({ filingType, province, submittedAt, workingHours?, rework?, rules?, holidays? })`
/// → the review timeline (`rules`: compiled rule data, whose review policy it uses).
///
/// # Errors
/// When the input is incomplete or a date is out of range.
#[wasm_bindgen(js_name = estimate, unchecked_return_type = "Estimate")]
pub fn estimate_js(
    #[wasm_bindgen(unchecked_param_type = "EstimateInput")] input: JsValue,
) -> Result<JsValue, JsError> {
    let (policy, calendar) = timeline_setup(&input)?;
    let input: EstimateInput = js::from_js(input)
        .map_err(|e| JsError::new(&format!("icp-filing: estimate input: {e}")))?;
    let estimate = timeline::estimate(&input, &policy, &calendar)
        .map_err(|e| JsError::new(&format!("icp-filing: {e}")))?;
    Ok(js::to_js(&estimate))
}

/// `progress({ ...estimate input, events: [{stage, status, at}], now })` → where the filing is.
///
/// # Errors
/// When the input is incomplete or a date is out of range.
#[wasm_bindgen(js_name = progress, unchecked_return_type = "Progress")]
pub fn progress_js(
    #[wasm_bindgen(unchecked_param_type = "ProgressInput")] input: JsValue,
) -> Result<JsValue, JsError> {
    let (policy, calendar) = timeline_setup(&input)?;
    let input: ProgressInput = js::from_js(input)
        .map_err(|e| JsError::new(&format!("icp-filing: progress input: {e}")))?;
    let progress = timeline::progress(&input, &policy, &calendar)
        .map_err(|e| JsError::new(&format!("icp-filing: {e}")))?;
    Ok(js::to_js(&progress))
}

/// `checkResidentId(text)` → whether `text` is a resident ID number with a valid format,
/// birth date and check character (docs/sources.md §4.1). Accepts the same typed variants as
/// the form (spaces, dashes, full-width digits, a lowercase `x`).
///
/// # Errors
/// When `text` is not a string.
#[wasm_bindgen(js_name = checkResidentId)]
pub fn check_resident_id(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<bool, JsError> {
    Ok(ResidentId::parse(&text_argument(&text, "checkResidentId")?).is_ok())
}

/// The text a stateless export was given; anything else is a clear error instead of what
/// the glue would make of it.
fn text_argument(value: &JsValue, export: &str) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| JsError::new(&format!("icp-filing: {export}() takes a string")))
}

/// `checkUscc(text)` → whether `text` is a unified social credit code with a valid alphabet,
/// layout and check character (docs/sources.md §4.2).
///
/// # Errors
/// When `text` is not a string.
#[wasm_bindgen(js_name = checkUscc)]
pub fn check_uscc(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<bool, JsError> {
    Ok(Uscc::parse(&text_argument(&text, "checkUscc")?).is_ok())
}

fn calendar_date(value: &JsValue, export: &str) -> Result<chrono::NaiveDate, JsError> {
    text_argument(value, export)
        .ok()
        .and_then(|text| parse_iso_date(&text))
        .ok_or_else(|| {
            JsError::new(&format!(
                "icp-filing: {export}() takes a date as text, YYYY-MM-DD"
            ))
        })
}

/// `isWorkingDay("YYYY-MM-DD")` → whether the date is a working day in the embedded official
/// calendar (the provisional rule for years without official data).
///
/// # Errors
/// When `date` is not `YYYY-MM-DD` text or the date is outside the calendar's range.
#[wasm_bindgen(js_name = isWorkingDay)]
pub fn is_working_day_js(
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
) -> Result<bool, JsError> {
    HolidayCalendar::official_ref()
        .is_working_day_value(calendar_date(&date, "isWorkingDay")?)
        .map_err(|e| JsError::new(&format!("icp-filing: {e}")))
}

/// `addWorkingDays("YYYY-MM-DD", n)` → the `n`-th working day strictly after the date, as
/// `YYYY-MM-DD` (`n = 0` returns the date itself).
///
/// # Errors
/// When `date` is not `YYYY-MM-DD` text, `n` is not a whole number from 0 to 2³² − 1, or
/// the date or the result is outside the range.
#[wasm_bindgen(js_name = addWorkingDays)]
pub fn add_working_days_js(
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
) -> Result<String, JsError> {
    let date = calendar_date(&date, "addWorkingDays")?;
    let n = n
        .as_f64()
        .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
        .ok_or_else(|| {
            JsError::new("icp-filing: addWorkingDays() takes a whole number of days, 0 or more")
        })? as u32;
    let day = HolidayCalendar::official_ref()
        .add_working_days(date, n)
        .map_err(|e| JsError::new(&format!("icp-filing: {e}")))?
        .value;
    Ok(format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        day.month(),
        day.day()
    ))
}
