//! The published JSON Schema (schema/filing.schema.json) describes exactly the JSON the Rust
//! types read and write: same property names at every level, same enum values.

use icp_filing::model::{CertificateType, Filing, FilingType, SubjectKind};
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(include_str!("../schema/filing.schema.json")).expect("schema is JSON")
}

/// Property names of a schema object, following `$ref`s into `$defs`.
fn schema_keys(schema: &Value, node: &Value) -> Vec<String> {
    let node = match node.get("$ref").and_then(Value::as_str) {
        Some(r) => &schema["$defs"][r.trim_start_matches("#/$defs/")],
        None => node,
    };
    let mut keys: Vec<String> = node["properties"]
        .as_object()
        .expect("object schema")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn json_keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().expect("object").keys().cloned().collect();
    keys.sort();
    keys
}

/// A filing with every optional field filled so serialisation emits every key.
fn full_filing() -> Value {
    let fixture = include_str!("fixtures/enterprise-app-zhejiang.json");
    let mut f: Filing = serde_json::from_str(fixture).unwrap();
    f.filing_number = "浙ICP备12345678号".into();
    f.change_scope = Some(icp_filing::model::ChangeScope::Both);
    f.subject.remark = "r".into();
    f.subject.legal_representative.name = "n".into();
    f.subject.legal_representative.certificate = f.subject.principal.certificate.clone();
    f.websites = serde_json::from_str::<Filing>(include_str!(
        "fixtures/enterprise-guangdong-two-websites.json"
    ))
    .unwrap()
    .websites;
    f.websites[0].pre_approvals.push(Default::default());
    f.websites[0].filing_number = "浙ICP备12345678号-1".into();
    f.apps[0].filing_number = "浙ICP备12345678号-1A".into();
    f.domain_facts.push(icp_filing::model::DomainFacts {
        domain: "example.cn".into(),
        holder_name: "h".into(),
        expires_on: "2028-01-01".into(),
        real_name_verified: Some(true),
        real_name_verified_on: "2026-01-01".into(),
    });
    serde_json::to_value(&f).unwrap()
}

#[test]
fn schema_properties_match_the_serialised_filing_at_every_level() {
    let schema = schema();
    let filing = full_filing();
    let mut top = schema_keys(&schema, &schema);
    top.retain(|k| k != "rulesetVersion");
    assert_eq!(top, json_keys(&filing));
    let subject = &schema["properties"]["subject"];
    assert_eq!(schema_keys(&schema, subject), json_keys(&filing["subject"]));
    let pairs = [
        (
            &subject["properties"]["certificate"],
            &filing["subject"]["certificate"],
        ),
        (
            &subject["properties"]["address"],
            &filing["subject"]["address"],
        ),
        (
            &subject["properties"]["principal"],
            &filing["subject"]["principal"],
        ),
        (
            &subject["properties"]["legalRepresentative"],
            &filing["subject"]["legalRepresentative"],
        ),
        (
            &schema["properties"]["websites"]["items"],
            &filing["websites"][0],
        ),
        (
            &schema["$defs"]["preApproval"],
            &filing["websites"][0]["preApprovals"][0],
        ),
        (&schema["properties"]["apps"]["items"], &filing["apps"][0]),
        (
            &schema["$defs"]["appPlatform"],
            &filing["apps"][0]["platforms"][0],
        ),
        (
            &schema["properties"]["domainFacts"]["items"],
            &filing["domainFacts"][0],
        ),
    ];
    for (node, value) in pairs {
        assert_eq!(schema_keys(&schema, node), json_keys(value), "{value}");
    }
}

#[test]
fn schema_enums_list_every_slug() {
    let schema = schema();
    let slugs = |v: &Value| -> Vec<String> {
        v["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect()
    };
    let filing_types: Vec<String> = FilingType::ALL
        .iter()
        .map(|t| t.slug().to_owned())
        .collect();
    assert_eq!(slugs(&schema["properties"]["filingType"]), filing_types);
    let kinds: Vec<String> = SubjectKind::ALL
        .iter()
        .map(|k| k.slug().to_owned())
        .collect();
    assert_eq!(
        slugs(&schema["properties"]["subject"]["properties"]["kind"]),
        kinds
    );
    let types: Vec<String> = CertificateType::ALL
        .iter()
        .map(|t| t.slug().to_owned())
        .collect();
    assert_eq!(
        slugs(&schema["$defs"]["certificate"]["properties"]["type"]),
        types
    );
}
