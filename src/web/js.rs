//! How values cross between JS and Rust, in one place.
//!
//! * The contract types (filing, report, receipt, draft envelope, estimate, progress) go
//!   through `serde-wasm-bindgen`, straight between JS objects and Rust types, with the
//!   JSON-compatible settings (`None` as `null`, maps as plain objects).
//! * Where text is what travels (storage, HTTP bodies, the region file), the browser's own
//!   `JSON.parse` / `JSON.stringify` turn it into objects first, so the wasm carries no JSON
//!   reader or writer.
//! * The option bags that the core reads by hand with precise messages (options, a review
//!   policy override, holiday files) become a `serde_json::Value` by walking the object as
//!   `JSON.stringify` would, without text in between.
//! * Event details are built from small typed structs or with [`object`].

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

use crate::delivery::mask_identifiers;

/// A Rust value as a plain JS object, fields in declaration order (`null` if it can't be
/// represented).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// Masks identity numbers in every string of `value` ([`mask_identifiers`]), in place: event
/// payloads go through this before any host code sees them.
pub fn mask(value: &JsValue) -> JsValue {
    mask_at(value, 0)
}

fn mask_at(value: &JsValue, depth: u32) -> JsValue {
    if let Some(s) = value.as_string() {
        return JsValue::from_str(&mask_identifiers(&s));
    }
    if depth > MAX_DEPTH || !value.is_object() {
        return value.clone();
    }
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        for (i, item) in array.iter().enumerate() {
            array.set(i as u32, mask_at(&item, depth + 1));
        }
    } else if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        for entry in js_sys::Object::entries(object).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let _ = js_sys::Reflect::set(value, &pair.get(0), &mask_at(&pair.get(1), depth + 1));
        }
    }
    value.clone()
}

/// A JS value as a Rust value; the error says where and what did not fit (the field's path,
/// the value, the type expected) in the contract's terms: `websites[0].domains: invalid
/// type: string "a.cn", expected an array`.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let error = JsValue::from(e);
        let path = js_sys::Reflect::get(&error, &"path".into())
            .ok()
            .and_then(|p| p.as_string());
        // The error is a JS `Error`: its message, without the "Error: " of `toString`.
        let message = error.dyn_ref::<js_sys::Error>().map_or_else(
            || String::from("not readable"),
            |e| crate::model::contract_wording(&String::from(e.message())),
        );
        match path {
            Some(path) => format!("{path}: {message}"),
            None => message,
        }
    })
}

/// JSON text read with `JSON.parse`, then as a Rust value.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_owned())?;
    from_js(value)
}

/// A Rust value as JSON text, written by `JSON.stringify`.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    js_sys::JSON::stringify(&to_js(value))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// [`crate::draft::ReadJson`] with the browser's `JSON.parse`.
pub struct BrowserJson;

impl crate::draft::ReadJson for BrowserJson {
    fn read<T: DeserializeOwned>(&self, text: &str) -> Option<T> {
        parse(text).ok()
    }

    fn has_key(&self, text: &str, key: &str) -> Option<bool> {
        let value = js_sys::JSON::parse(text).ok()?;
        Some(
            is_object(&value)
                && js_sys::Reflect::has(&value, &JsValue::from_str(key)).unwrap_or(false),
        )
    }
}

/// A JS object as a filing; the error says what does not fit.
pub fn filing_from_js(value: JsValue) -> Result<crate::model::Filing, String> {
    let not_an_object = || crate::model::FilingParseError::NotAnObject.to_string();
    if !is_object(&value) {
        return Err(not_an_object());
    }
    let filing = from_js::<crate::model::Filing>(value.clone())?;
    // A Date or a Map has no properties of a filing's: read as one, it is an empty filing,
    // where the receiver answers 400. Asked only then, not with four calls into JS for
    // every filing read.
    let not_data = || {
        value.is_instance_of::<js_sys::Date>()
            || value.is_instance_of::<js_sys::Map>()
            || value.is_instance_of::<js_sys::Set>()
            || value.is_instance_of::<js_sys::RegExp>()
    };
    if filing == crate::model::Filing::default() && not_data() {
        return Err(not_an_object());
    }
    filing.of_this_version().map_err(|e| e.to_string())
}

/// A plain object with these properties (event details, error fields).
pub fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    assign(&object, entries);
    object.into()
}

/// Sets these properties on `target`.
pub fn assign(target: &js_sys::Object, entries: &[(&str, JsValue)]) {
    for (key, value) in entries {
        let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
    }
}

/// Whether `value` is a plain object (not an array, not `null`).
pub fn is_object(value: &JsValue) -> bool {
    value.is_object() && !js_sys::Array::is_array(value)
}

/// A JS value as JSON data, as `JSON.stringify` would see it: functions, symbols and
/// `undefined` properties are left out (`null` in arrays), non-finite numbers are `null`,
/// objects with `toJSON` (dates) are read through it. `Null` for anything else.
pub fn to_json(value: &JsValue) -> Value {
    to_json_at(value, 0)
}

/// Deeper than any option bag; a cycle ends here instead of looping.
const MAX_DEPTH: u32 = 64;

fn to_json_at(value: &JsValue, depth: u32) -> Value {
    if depth > MAX_DEPTH || value.is_null() || value.is_undefined() {
        return Value::Null;
    }
    if let Some(b) = value.as_bool() {
        return Value::Bool(b);
    }
    if let Some(n) = value.as_f64() {
        return number(n);
    }
    if let Some(s) = value.as_string() {
        return Value::String(s);
    }
    if value.is_function() || value.is_symbol() || value.is_bigint() {
        return Value::Null;
    }
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        return Value::Array(array.iter().map(|v| to_json_at(&v, depth + 1)).collect());
    }
    if let Ok(to_json) = js_sys::Reflect::get(value, &JsValue::from_str("toJSON")) {
        if let Some(f) = to_json.dyn_ref::<js_sys::Function>() {
            return match f.call0(value) {
                Ok(v) if !v.is_object() => to_json_at(&v, depth + 1),
                _ => Value::Null,
            };
        }
    }
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return Value::Null;
    };
    let mut map = Map::new();
    for entry in js_sys::Object::entries(object).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let (Some(key), item) = (pair.get(0).as_string(), pair.get(1)) else {
            continue;
        };
        if item.is_undefined() || item.is_function() || item.is_symbol() {
            continue;
        }
        map.insert(key, to_json_at(&item, depth + 1));
    }
    Value::Object(map)
}

/// A JS number as JSON: integers stay integers, non-finite numbers are `null`.
fn number(n: f64) -> Value {
    if !n.is_finite() {
        return Value::Null;
    }
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        return Value::Number(Number::from(n as i64));
    }
    Number::from_f64(n).map_or(Value::Null, Value::Number)
}
