//! Merging a host's override into the data, at the JSON level (see `data/README.md`):
//!
//! * objects merge key by key; `null` removes a key (an optional rule falls back to the
//!   national default);
//! * an object with a `"value"` key (a sourced rule) is replaced whole;
//! * lists of objects with a key field (`code`, `slug`, `id`, `tld`) merge entry by entry on
//!   that key, new entries are appended;
//! * other lists are replaced; `{"add": […], "remove": […], "replace": […]}` in place of a
//!   list extends or prunes it instead (applied in the order replace, remove, add);
//! * an object that comes from the override and has no `source` gets `override <version>`;
//!   an existing object with a `source` that the override changes gets `; override
//!   <version>` appended to it.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::RuleDataError;

const KEY_FIELDS: [&str; 4] = ["code", "slug", "id", "tld"];
const OPERATORS: [&str; 3] = ["add", "remove", "replace"];

fn fail(path: &str, message: impl Into<String>) -> RuleDataError {
    RuleDataError::Merge {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// Merges `over` into `base` at `path` (used in error messages), tagging sources with `tag`.
pub(super) fn merge(
    base: &mut Value,
    over: Value,
    path: &str,
    tag: &str,
) -> Result<(), RuleDataError> {
    match over {
        Value::Object(over) => {
            if let Value::Array(items) = base {
                if over.keys().all(|k| OPERATORS.contains(&k.as_str())) && !over.is_empty() {
                    return apply_operators(items, over, path, tag);
                }
                return Err(fail(
                    path,
                    "expected a list, or {\"add\": […], \"remove\": […], \"replace\": […]}",
                ));
            }
            let Value::Object(target) = base else {
                *base = Value::Object(with_source(over, tag));
                return Ok(());
            };
            if over.contains_key("value") {
                *base = Value::Object(with_source(over, tag));
                return Ok(());
            }
            if target.contains_key("source") && !over.contains_key("source") {
                append_tag(target, tag);
            }
            let siblings_sourced = target.values().any(|v| v.get("source").is_some());
            for (key, value) in over {
                let here = format!("{path}.{key}");
                if value.is_null() {
                    target.remove(&key);
                    continue;
                }
                match target.get_mut(&key) {
                    Some(slot) => merge(slot, value, &here, tag)?,
                    None => {
                        let value = match value {
                            Value::Object(obj) if siblings_sourced || obj.contains_key("value") => {
                                Value::Object(with_source(obj, tag))
                            }
                            Value::Array(list) if siblings_sourced => Value::Array(
                                list.into_iter().map(|v| source_if(v, true, tag)).collect(),
                            ),
                            other => other,
                        };
                        target.insert(key, value);
                    }
                }
            }
            Ok(())
        }
        Value::Array(over) => {
            let Value::Array(items) = base else {
                *base = Value::Array(over);
                return Ok(());
            };
            match key_field(items, &over) {
                Some(key) => merge_keyed(items, over, key, path, tag),
                None => {
                    let sourced = items.iter().any(|v| v.get("source").is_some());
                    *items = over
                        .into_iter()
                        .map(|v| source_if(v, sourced, tag))
                        .collect();
                    Ok(())
                }
            }
        }
        other => {
            *base = other;
            Ok(())
        }
    }
}

fn apply_operators(
    items: &mut Vec<Value>,
    mut ops: Map<String, Value>,
    path: &str,
    tag: &str,
) -> Result<(), RuleDataError> {
    let mut take = |name: &str| -> Result<Option<Vec<Value>>, RuleDataError> {
        match ops.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(list)) => Ok(Some(list)),
            Some(_) => Err(fail(&format!("{path}.{name}"), "must be a list")),
        }
    };
    let replace = take("replace")?;
    let remove = take("remove")?;
    let add = take("add")?;
    let sourced = items.iter().any(|v| v.get("source").is_some());
    let key = key_field(items, add.as_deref().unwrap_or(&[]))
        .or_else(|| key_field(replace.as_deref().unwrap_or(&[]), &[]));
    if let Some(replace) = replace {
        *items = replace
            .into_iter()
            .map(|v| source_if(v, sourced, tag))
            .collect();
    }
    if let Some(remove) = remove {
        match key {
            Some(key) => {
                let gone: BTreeSet<&str> = remove.iter().filter_map(Value::as_str).collect();
                items.retain(|item| {
                    !item
                        .get(key)
                        .and_then(Value::as_str)
                        .is_some_and(|k| gone.contains(k))
                });
            }
            None => items.retain(|item| !remove.contains(item)),
        }
    }
    if let Some(add) = add {
        match key {
            Some(key) => merge_keyed(items, add, key, path, tag)?,
            None => {
                for value in add {
                    if !items.contains(&value) {
                        items.push(source_if(value, sourced, tag));
                    }
                }
            }
        }
    }
    Ok(())
}

fn merge_keyed(
    items: &mut Vec<Value>,
    over: Vec<Value>,
    key: &str,
    path: &str,
    tag: &str,
) -> Result<(), RuleDataError> {
    let sourced = items.iter().any(|v| v.get("source").is_some());
    for entry in over {
        let Some(id) = entry.get(key).and_then(Value::as_str).map(str::to_owned) else {
            return Err(fail(
                path,
                format!("every entry of this list needs a \"{key}\""),
            ));
        };
        match items
            .iter_mut()
            .find(|item| item.get(key).and_then(Value::as_str) == Some(id.as_str()))
        {
            Some(item) => merge(item, entry, &format!("{path}[{id}]"), tag)?,
            None => items.push(source_if(entry, sourced, tag)),
        }
    }
    Ok(())
}

/// The key field shared by every object of both lists, if they are lists of keyed objects.
fn key_field(base: &[Value], over: &[Value]) -> Option<&'static str> {
    let sample = if base.is_empty() { over } else { base };
    if sample.is_empty() {
        return None;
    }
    KEY_FIELDS.into_iter().find(|key| {
        sample
            .iter()
            .chain(over)
            .all(|v| v.get(*key).is_some_and(Value::is_string))
    })
}

fn with_source(mut obj: Map<String, Value>, tag: &str) -> Map<String, Value> {
    obj.entry("source")
        .or_insert_with(|| Value::String(tag.to_owned()));
    obj
}

fn source_if(value: Value, sourced: bool, tag: &str) -> Value {
    match value {
        Value::Object(obj) if sourced => Value::Object(with_source(obj, tag)),
        other => other,
    }
}

fn append_tag(obj: &mut Map<String, Value>, tag: &str) {
    if let Some(Value::String(source)) = obj.get_mut("source") {
        if !source.ends_with(tag) {
            source.push_str("; ");
            source.push_str(tag);
        }
    }
}

/// The TLDs an override's `tlds` part names in any status list (so they can first be taken
/// out of the list they are in now). Looks at lists and at `add` / `replace` operators.
pub(super) fn named_tlds(over: &Value) -> BTreeSet<String> {
    fn lists(v: Option<&Value>) -> Vec<&Value> {
        match v {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(Value::Object(ops)) => ["add", "replace"]
                .iter()
                .filter_map(|op| ops.get(*op).and_then(Value::as_array))
                .flatten()
                .collect(),
            _ => Vec::new(),
        }
    }
    let mut out = BTreeSet::new();
    let mut strings = |items: Vec<&Value>| {
        out.extend(
            items
                .into_iter()
                .filter_map(Value::as_str)
                .map(str::to_owned),
        );
    };
    for category in ["fileable", "notFileable"] {
        for group in lists(over.get(category)) {
            strings(lists(group.get("tlds")));
        }
    }
    strings(
        lists(over.get("warn"))
            .into_iter()
            .filter_map(|w| w.get("tld"))
            .collect(),
    );
    if let Some(gov) = over.get("governmentOnly") {
        strings(lists(gov.get("tlds")));
    }
    out
}

/// Takes `tlds` out of every status list of a serialised `TldFile`, dropping groups that
/// become empty. Also applies string `remove` operators on the group lists (which the
/// generic merge can't, as groups have no key), removing them from `over`.
pub(super) fn retract_tlds(base: &mut Value, over: &mut Value, tlds: &BTreeSet<String>) {
    let mut gone = tlds.clone();
    for category in ["fileable", "notFileable"] {
        if let Some(Value::Object(ops)) = over.get_mut(category) {
            if let Some(Value::Array(remove)) = ops.remove("remove") {
                gone.extend(remove.iter().filter_map(Value::as_str).map(str::to_owned));
            }
        }
        if over
            .get(category)
            .is_some_and(|v| v.as_object().is_some_and(Map::is_empty))
        {
            if let Some(obj) = over.as_object_mut() {
                obj.remove(category);
            }
        }
    }
    let keep = |v: &Value| !v.as_str().is_some_and(|s| gone.contains(s));
    for category in ["fileable", "notFileable"] {
        if let Some(Value::Array(groups)) = base.get_mut(category) {
            for group in groups.iter_mut() {
                if let Some(Value::Array(list)) = group.get_mut("tlds") {
                    list.retain(keep);
                }
            }
            groups.retain(|g| {
                g.get("tlds")
                    .and_then(Value::as_array)
                    .is_some_and(|l| !l.is_empty())
            });
        }
    }
    if let Some(Value::Array(warn)) = base.get_mut("warn") {
        warn.retain(|w| w.get("tld").is_none_or(keep));
    }
    if let Some(Value::Array(list)) = base
        .get_mut("governmentOnly")
        .and_then(|g| g.get_mut("tlds"))
    {
        list.retain(keep);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn merged(base: Value, over: Value) -> Value {
        let mut base = base;
        merge(&mut base, over, "test", "override t").unwrap();
        base
    }

    #[test]
    fn objects_merge_and_null_removes() {
        let got = merged(
            json!({"a": 1, "b": {"c": 2, "d": 3}}),
            json!({"b": {"c": 5}, "a": null}),
        );
        assert_eq!(got, json!({"b": {"c": 5, "d": 3}}));
    }

    #[test]
    fn sourced_rules_are_replaced_whole() {
        let got = merged(
            json!({"r": {"value": 1, "source": "§6 Q", "note": "x"}}),
            json!({"r": {"value": 2}}),
        );
        assert_eq!(got, json!({"r": {"value": 2, "source": "override t"}}));
    }

    #[test]
    fn keyed_lists_merge_plain_lists_replace() {
        let got = merged(
            json!({"k": [{"id": "a", "zh": "1"}], "p": ["x", "y"]}),
            json!({"k": [{"id": "a", "zh": "2"}, {"id": "b", "zh": "3"}], "p": ["z"]}),
        );
        assert_eq!(
            got,
            json!({"k": [{"id": "a", "zh": "2"}, {"id": "b", "zh": "3"}], "p": ["z"]})
        );
    }

    #[test]
    fn operators() {
        let got = merged(
            json!({"p": ["x", "y"], "k": [{"id": "a"}, {"id": "b"}]}),
            json!({"p": {"add": ["z", "x"], "remove": ["y"]}, "k": {"remove": ["a"]}}),
        );
        assert_eq!(got, json!({"p": ["x", "z"], "k": [{"id": "b"}]}));
        let mut base = json!({"p": ["x"]});
        assert!(merge(&mut base, json!({"p": {"append": ["z"]}}), "t", "o").is_err());
    }

    #[test]
    fn sources_are_tagged() {
        let got = merged(
            json!({"w": {"words": ["a"], "source": "§5.1"}}),
            json!({"w": {"words": {"add": ["b"]}}}),
        );
        assert_eq!(
            got,
            json!({"w": {"words": ["a", "b"], "source": "§5.1; override t"}})
        );
    }
}
