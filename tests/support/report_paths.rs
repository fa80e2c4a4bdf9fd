//! Report paths checked against the filing model: whether a path names a real field of a
//! filing (`websites[0].responsible.mobile`). Shared by the property tests and the fuzz runs.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use icp_filing::model::parse_filing;
use serde_json::Value;

/// Every field path a filing can have, indices removed (`websites.responsible.mobile`): the
/// keys of a filing with every field filled, as the model serialises it.
fn field_paths() -> &'static BTreeSet<String> {
    static PATHS: OnceLock<BTreeSet<String>> = OnceLock::new();
    PATHS.get_or_init(|| {
        let person = serde_json::json!({
            "name": "x", "certificate": {"type": "residentId", "number": "x", "validUntil": "x"},
            "mobile": "x", "email": "x", "emergencyPhone": "x", "officePhone": "x",
        });
        let pre_approvals = serde_json::json!([{"category": "x", "number": "x"}]);
        let template = serde_json::json!({
            "filingType": "change", "changeScope": "both", "province": "x", "filingNumber": "x",
            "subject": {
                "kind": "enterprise", "name": "x",
                "certificate": {"type": "uscc", "number": "x", "validUntil": "x"},
                "certificateAddress": "x",
                "address": {"province": "x", "city": "x", "district": "x", "detail": "x"},
                "principal": person, "principalIsLegalRepresentative": true,
                "legalRepresentative": {"name": "x",
                                        "certificate": {"type": "residentId", "number": "x"}},
                "remark": "x",
            },
            "websites": [{
                "name": "x", "filingNumber": "x", "domains": ["x"], "homepage": "x", "serviceContent": ["x"],
                "languages": ["x"], "preApprovals": pre_approvals, "responsible": person,
                "remark": "x",
            }],
            "apps": [{
                "name": "x", "filingNumber": "x",
                "platforms": [{"platform": "x", "packageName": "x", "signatureMd5": "x",
                               "publicKey": "x", "certSha1": "x"}],
                "domains": ["x"], "serviceContent": ["x"], "languages": ["x"],
                "preApprovals": pre_approvals, "responsible": person, "remark": "x",
            }],
            "domainFacts": [{"domain": "x", "holderName": "x", "expiresOn": "x",
                             "realNameVerified": true, "realNameVerifiedOn": "x"}],
            "acknowledgedWarnings": ["x"],
        });
        let mut paths = BTreeSet::new();
        // Through the model, so only its real fields count.
        if let Ok(filing) = parse_filing(&template.to_string()) {
            if let Ok(value) = serde_json::to_value(&filing) {
                collect_paths(&value, "", &mut paths);
            }
        }
        paths
    })
}

fn collect_paths(value: &Value, at: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                collect_paths(v, &path, out);
                out.insert(path);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_paths(v, at, out)),
        _ => {}
    }
}

/// Whether `path` names a field of `filing` (as JSON): `name` or `name[i]` segments joined by
/// dots, each name a field of the model at that place, each index inside its list. Empty
/// fields are not serialised, so a missing key is fine unless it is indexed.
pub fn path_is_well_formed(path: &str, filing: &Value) -> bool {
    let mut pattern = Vec::new();
    let mut node = Some(filing);
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            None => (segment, None),
            Some((name, rest)) => {
                let Some(digits) = rest.strip_suffix(']') else {
                    return false;
                };
                let canonical = !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && (digits == "0" || !digits.starts_with('0'));
                match digits.parse::<usize>() {
                    Ok(i) if canonical => (name, Some(i)),
                    _ => return false,
                }
            }
        };
        pattern.push(name);
        node = node.and_then(|n| n.get(name));
        if let Some(i) = index {
            match node.and_then(Value::as_array) {
                Some(items) if i < items.len() => node = items.get(i),
                _ => return false,
            }
        }
    }
    field_paths().contains(&pattern.join("."))
}
