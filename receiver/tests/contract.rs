//! The receiver's real responses checked against `docs/openapi.json`: every documented
//! operation and status is produced here and matches its schema and headers, and nothing
//! undocumented is answered. `docs/http-contract.md` is kept in step: its JSON examples
//! parse, it names every operation and every error code the receiver sent.
//!
//! The schema check is a small JSON Schema subset (type, enum, const, properties, required,
//! additionalProperties, items, oneOf/anyOf/allOf, min/max bounds, `format: date-time`,
//! `$ref` within and across files). `pattern` is not checked; any other keyword fails the
//! test, so the documents cannot rely on something unchecked.

mod common;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{good_filing, json_post, read_reply, stalled, Reply, Running};
use icp_receiver::Config;
use serde_json::{json, Value};

const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "default",
    "example",
    "examples",
    "deprecated",
];
/// Accepted in the documents, not checked here.
const UNCHECKED: &[&str] = &["pattern"];
/// Response headers that are part of the contract: present only where documented.
const CONTRACT_HEADERS: &[&str] = &["location", "idempotent-replayed", "retry-after"];

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

/// JSON documents by path, loaded on first use.
struct Schemas {
    files: RefCell<BTreeMap<PathBuf, Value>>,
}

impl Schemas {
    fn new() -> Self {
        Self {
            files: RefCell::new(BTreeMap::new()),
        }
    }

    fn file(&self, path: &Path) -> Value {
        let path = path
            .canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        self.files
            .borrow_mut()
            .entry(path.clone())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            })
            .clone()
    }

    /// `(file, schema)` a `$ref` written in `file` points to.
    fn resolve(&self, file: &Path, reference: &str) -> Result<(PathBuf, Value), String> {
        let (target, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        let target = if target.is_empty() {
            file.to_owned()
        } else {
            file.parent().unwrap_or(Path::new(".")).join(target)
        };
        let doc = self.file(&target);
        let schema = if pointer.is_empty() {
            doc
        } else {
            doc.pointer(pointer)
                .cloned()
                .ok_or_else(|| format!("$ref {reference}: nothing at {pointer}"))?
        };
        Ok((target, schema))
    }

    /// Problems of `value` against `schema` (written in `file`), each naming where.
    fn check(&self, file: &Path, schema: &Value, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.walk(file, schema, value, "$", &mut errors);
        errors
    }

    fn walk(&self, file: &Path, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let Some(keywords) = schema.as_object() else {
            if schema == &Value::Bool(false) {
                errors.push(format!("{at}: not allowed"));
            }
            return;
        };
        let mut fail = |message: String| errors.push(format!("{at}: {message}"));
        let mut nested: Vec<(PathBuf, Value, Value, String)> = Vec::new();
        for (keyword, arg) in keywords {
            match keyword.as_str() {
                "$ref" => match self.resolve(file, arg.as_str().unwrap_or_default()) {
                    Ok((target, schema)) => {
                        nested.push((target, schema, value.clone(), at.to_owned()))
                    }
                    Err(e) => fail(e),
                },
                "type" => {
                    let types: Vec<&str> = match arg {
                        Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                        other => other.as_str().into_iter().collect(),
                    };
                    if !types.iter().any(|t| has_type(value, t)) {
                        fail(format!("expected {types:?}, found {value}"));
                    }
                }
                "enum" => {
                    if !arg.as_array().is_some_and(|list| list.contains(value)) {
                        fail(format!("{value} is not one of {arg}"));
                    }
                }
                "const" => {
                    if arg != value {
                        fail(format!("{value} is not {arg}"));
                    }
                }
                "required" => {
                    if let Some(object) = value.as_object() {
                        for name in arg
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                        {
                            if !object.contains_key(name) {
                                fail(format!("missing required property {name:?}"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let (Some(object), Some(properties)) = (value.as_object(), arg.as_object()) {
                        for (name, sub) in properties {
                            if let Some(v) = object.get(name) {
                                nested.push((
                                    file.to_owned(),
                                    sub.clone(),
                                    v.clone(),
                                    format!("{at}.{name}"),
                                ));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(object) = value.as_object() {
                        let known = keywords.get("properties").and_then(Value::as_object);
                        for (name, v) in object {
                            if known.is_some_and(|k| k.contains_key(name)) {
                                continue;
                            }
                            match arg {
                                Value::Bool(false) => {
                                    fail(format!("undocumented property {name:?}"))
                                }
                                Value::Bool(true) => {}
                                sub => nested.push((
                                    file.to_owned(),
                                    sub.clone(),
                                    v.clone(),
                                    format!("{at}.{name}"),
                                )),
                            }
                        }
                    }
                }
                "items" => {
                    for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                        nested.push((
                            file.to_owned(),
                            arg.clone(),
                            item.clone(),
                            format!("{at}[{i}]"),
                        ));
                    }
                }
                "oneOf" | "anyOf" | "allOf" => {
                    let options = arg.as_array().cloned().unwrap_or_default();
                    let passing = options
                        .iter()
                        .filter(|option| self.check(file, option, value).is_empty())
                        .count();
                    let ok = match keyword.as_str() {
                        "oneOf" => passing == 1,
                        "anyOf" => passing >= 1,
                        _ => passing == options.len(),
                    };
                    if !ok {
                        fail(format!(
                            "{passing} of {} {keyword} options match {value}",
                            options.len()
                        ));
                    }
                }
                "minimum" | "maximum" => {
                    if let (Some(n), Some(bound)) = (value.as_f64(), arg.as_f64()) {
                        if (keyword == "minimum" && n < bound)
                            || (keyword == "maximum" && n > bound)
                        {
                            fail(format!("{n} is outside {keyword} {bound}"));
                        }
                    }
                }
                "minLength" | "maxLength" | "minItems" | "maxItems" => {
                    let len = match value {
                        Value::String(s) if keyword.ends_with("Length") => Some(s.chars().count()),
                        Value::Array(a) if keyword.ends_with("Items") => Some(a.len()),
                        _ => None,
                    };
                    let bound = arg.as_u64().and_then(|b| usize::try_from(b).ok());
                    if let (Some(len), Some(bound)) = (len, bound) {
                        if (keyword.starts_with("min") && len < bound)
                            || (keyword.starts_with("max") && len > bound)
                        {
                            fail(format!("length {len} is outside {keyword} {bound}"));
                        }
                    }
                }
                "format" => match (arg.as_str(), value.as_str()) {
                    (Some("date-time"), Some(text)) => {
                        if chrono::DateTime::parse_from_rfc3339(text).is_err() {
                            fail(format!("{text:?} is not an RFC 3339 date-time"));
                        }
                    }
                    (Some("date-time"), None) => {}
                    (other, _) => fail(format!("format {other:?} is not checked by this test")),
                },
                k if ANNOTATIONS.contains(&k) || UNCHECKED.contains(&k) => {}
                other => fail(format!("keyword {other:?} is not checked by this test")),
            }
        }
        for (file, schema, value, at) in nested {
            self.walk(&file, &schema, &value, &at, errors);
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => false,
    }
}

/// The OpenAPI document, and which of its responses were seen.
struct Contract {
    schemas: Schemas,
    openapi_path: PathBuf,
    openapi: Value,
    seen: BTreeSet<(String, String, String)>,
    error_codes: BTreeSet<String>,
}

impl Contract {
    fn load() -> Self {
        let openapi_path = docs_dir().join("openapi.json");
        let schemas = Schemas::new();
        let openapi = schemas.file(&openapi_path);
        Self {
            schemas,
            openapi_path,
            openapi,
            seen: BTreeSet::new(),
            error_codes: BTreeSet::new(),
        }
    }

    fn deref(&self, value: &Value) -> Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                self.schemas
                    .resolve(&self.openapi_path, r)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .1
            }
            None => value.clone(),
        }
    }

    fn operation(&self, method: &str, path: &str) -> Value {
        self.openapi["paths"][path][method.to_ascii_lowercase()].clone()
    }

    /// Checks a request body the tests send against the documented request schema.
    fn request(&self, method: &str, path: &str, body: &Value) {
        let schema =
            &self.operation(method, path)["requestBody"]["content"]["application/json"]["schema"];
        assert!(
            !schema.is_null(),
            "{method} {path}: no documented request body"
        );
        let errors = self.schemas.check(&self.openapi_path, schema, body);
        assert!(errors.is_empty(), "{method} {path} request: {errors:#?}");
    }

    /// Checks a real response against the documented one for its status.
    fn response(&mut self, method: &str, path: &str, reply: &Reply) {
        let what = format!("{method} {path} → {}", reply.status);
        let operation = self.operation(method, path);
        assert!(operation.is_object(), "{what}: operation not documented");
        let status = reply.status.to_string();
        let documented = self.deref(&operation["responses"][&status]);
        assert!(documented.is_object(), "{what}: status not documented");
        self.seen
            .insert((path.to_owned(), method.to_ascii_lowercase(), status));
        assert_eq!(
            reply.header("cache-control"),
            Some("no-store"),
            "{what}: every API answer says Cache-Control: no-store"
        );

        match documented["content"]["application/json"]["schema"].as_object() {
            Some(_) => {
                let content_type = reply.header("content-type").unwrap_or_default();
                assert!(
                    content_type.starts_with("application/json"),
                    "{what}: content-type {content_type:?}"
                );
                assert!(
                    !reply.json.is_null(),
                    "{what}: body is not JSON: {}",
                    reply.text
                );
                let schema = &documented["content"]["application/json"]["schema"];
                let errors = self.schemas.check(&self.openapi_path, schema, &reply.json);
                assert!(errors.is_empty(), "{what}: {errors:#?}\n{}", reply.json);
            }
            None => assert_eq!(reply.text, "", "{what}: documented without a body"),
        }
        if let Some(code) = reply.json["error"]["code"].as_str() {
            self.error_codes.insert(code.to_owned());
        }

        let headers: BTreeMap<String, Value> = documented["headers"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, h)| (name.to_ascii_lowercase(), self.deref(h)))
            .collect();
        for (name, header) in &headers {
            match reply.header(name) {
                None => assert!(header["required"] != true, "{what}: header {name} missing"),
                Some(text) => {
                    let value = match header["schema"]["type"].as_str() {
                        Some("integer") => {
                            text.parse::<i64>().map(Value::from).unwrap_or(json!(text))
                        }
                        _ => json!(text),
                    };
                    let errors = self
                        .schemas
                        .check(&self.openapi_path, &header["schema"], &value);
                    assert!(errors.is_empty(), "{what}: header {name}: {errors:?}");
                }
            }
        }
        for name in CONTRACT_HEADERS {
            if reply.header(name).is_some() {
                assert!(
                    headers.contains_key(*name),
                    "{what}: header {name} not documented"
                );
            }
        }
    }

    /// Every documented `(path, method, status)`.
    fn documented(&self) -> BTreeSet<(String, String, String)> {
        let mut all = BTreeSet::new();
        for (path, item) in self.openapi["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                for status in operation["responses"].as_object().unwrap().keys() {
                    all.insert((path.clone(), method.clone(), status.clone()));
                }
            }
        }
        all
    }
}

/// The body timeout of the receiver under test: short, for the `408`.
const BODY_TIMEOUT: Duration = Duration::from_millis(500);

fn receiver(dir: &Path) -> Running {
    Running::with(Config {
        data_dir: dir.to_owned(),
        demo: true,
        faults: true,
        body_timeout: BODY_TIMEOUT,
        ..Config::default()
    })
}

const JSON: (&str, &str) = ("content-type", "application/json");
const PLAIN: (&str, &str) = ("content-type", "text/plain;charset=UTF-8");
const EVIL: (&str, &str) = ("origin", "https://evil.example");

#[test]
fn every_documented_response_is_what_the_receiver_sends() {
    let dir = tempfile::tempdir().unwrap();
    let server = receiver(dir.path());
    let mut contract = Contract::load();
    let filing = good_filing();
    let body = filing.to_string();
    contract.request("POST", "/api/filings", &filing);

    let post = |contract: &mut Contract, body: &str, headers: &[(&str, &str)]| {
        let mut all = vec![JSON];
        all.extend_from_slice(headers);
        let reply = server.send("POST", "/api/filings", &all, Some(body));
        contract.response("POST", "/api/filings", &reply);
        reply
    };

    contract.response("GET", "/api/health", &server.get("/api/health"));

    // Created, then replayed.
    let created = post(&mut contract, &body, &[("idempotency-key", "c-1")]);
    assert_eq!(created.status, 201);
    let replayed = post(&mut contract, &body, &[("idempotency-key", "c-1")]);
    assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
    let id = created.json["id"].as_str().unwrap().to_owned();

    // Client errors.
    assert_eq!(post(&mut contract, "{", &[]).status, 400);
    assert_eq!(
        post(&mut contract, &body, &[("idempotency-key", "  ")]).status,
        400
    );
    let mut other = filing.clone();
    other["subject"]["name"] = json!("另一家公司");
    assert_eq!(
        post(
            &mut contract,
            &other.to_string(),
            &[("idempotency-key", "c-1")]
        )
        .status,
        409
    );
    let huge = format!(
        "{{\"pad\": \"{}\"}}",
        "x".repeat(icp_receiver::MAX_BODY_BYTES)
    );
    assert_eq!(post(&mut contract, &huge, &[]).status, 413);
    let mut invalid = filing.clone();
    invalid["subject"]["certificate"]["number"] = json!("9144030070846113");
    assert_eq!(post(&mut contract, &invalid.to_string(), &[]).status, 422);
    let mut many_issues = filing.clone();
    many_issues["websites"][0]["domains"] = json!((0..300)
        .map(|i| format!("bad_{i}.notasuffix"))
        .collect::<Vec<_>>());
    assert_eq!(
        post(&mut contract, &many_issues.to_string(), &[]).status,
        422
    );
    assert_eq!(post(&mut contract, &body, &[EVIL]).status, 403);
    let plain = server.send("POST", "/api/filings", &[PLAIN], Some(&body));
    assert_eq!(plain.status, 415);
    contract.response("POST", "/api/filings", &plain);
    // A body that stops coming.
    let request = json_post("/api/filings", body.as_bytes(), &[]);
    let mut slow = stalled(server.addr, &request[..request.len() - body.len() + 10]);
    let timed_out = read_reply(&mut slow, BODY_TIMEOUT * 10)
        .expect("an answer")
        .to_reply();
    assert_eq!(timed_out.status, 408);
    contract.response("POST", "/api/filings", &timed_out);

    // Faults: every other documented status of POST /api/filings.
    let faults = json!([
        { "kind": "reject422", "issues": [{ "path": "subject.name", "code": "required" }] },
        { "kind": "retryAfter", "seconds": 1 },
        { "kind": "status", "status": 500 },
        { "kind": "status", "status": 502 },
        { "kind": "status", "status": 503 },
        { "kind": "panic" },
    ]);
    contract.request("POST", "/__faults", &faults);
    let added = server.send("POST", "/__faults", &[JSON], Some(&faults.to_string()));
    contract.response("POST", "/__faults", &added);
    for expected in [422, 429, 500, 502, 503, 500] {
        assert_eq!(post(&mut contract, &body, &[]).status, expected);
    }
    contract.response("GET", "/__faults", &server.get("/__faults"));
    let bad = server.send("POST", "/__faults", &[JSON], Some(r#"{"kind": "explode"}"#));
    contract.response("POST", "/__faults", &bad);
    for headers in [[JSON, EVIL], [PLAIN, ("accept", "*/*")]] {
        let refused = server.send("POST", "/__faults", &headers, Some("[]"));
        contract.response("POST", "/__faults", &refused);
    }
    contract.response(
        "DELETE",
        "/__faults",
        &server.send("DELETE", "/__faults", &[EVIL], None),
    );
    contract.response(
        "DELETE",
        "/__faults",
        &server.send("DELETE", "/__faults", &[], None),
    );

    // Reading back.
    let filing_path = "/api/filings/{id}";
    contract.response(
        "GET",
        filing_path,
        &server.get(&format!("/api/filings/{id}")),
    );
    contract.response("GET", filing_path, &server.get("/api/filings/icpf_nope"));
    let status_path = "/api/filings/{id}/status";
    contract.response(
        "GET",
        status_path,
        &server.get(&format!("/api/filings/{id}/status")),
    );
    contract.response(
        "GET",
        status_path,
        &server.get("/api/filings/icpf_nope/status"),
    );

    // A correction: refused before the reviewer sends the filing back, then stored once.
    let second = post(&mut contract, &body, &[("idempotency-key", "c-2")]);
    let id2 = second.json["id"].as_str().unwrap().to_owned();
    let correction_path = "/api/filings/{id}";
    let put = |contract: &mut Contract, id: &str, body: &str, headers: &[(&str, &str)]| {
        let mut all = vec![JSON];
        all.extend_from_slice(headers);
        let reply = server.send("PUT", &format!("/api/filings/{id}"), &all, Some(body));
        contract.response("PUT", correction_path, &reply);
        reply
    };
    let mut corrected = filing.clone();
    corrected["websites"][0]["name"] = json!("深圳市示例科技官网");
    let corrected_body = corrected.to_string();
    contract.request("PUT", correction_path, &corrected);
    assert_eq!(put(&mut contract, &id2, &corrected_body, &[]).status, 409);
    let reject = json!({ "outcome": "rejected", "reasons": [
        { "path": "websites[0].name", "code": "website.nameNotCompliant", "comment": "名称与内容不符" },
        { "path": "subject.principal.mobile", "code": "phone.unreachable" },
    ]});
    contract.request("POST", "/api/filings/{id}/advance", &reject);
    let advance_to = |id: &str, body: &str| {
        server.send(
            "POST",
            &format!("/api/filings/{id}/advance"),
            &[JSON],
            Some(body),
        )
    };
    let rejected = advance_to(&id2, &reject.to_string());
    contract.response("POST", "/api/filings/{id}/advance", &rejected);
    assert_eq!(rejected.status, 200);
    let bad_reason = advance_to(
        &id2,
        r#"{"outcome": "rejected", "reasons": [{"path": "websites[0].name", "code": "made.up"}]}"#,
    );
    assert_eq!(bad_reason.status, 400);
    contract.response("POST", "/api/filings/{id}/advance", &bad_reason);
    assert_eq!(
        put(&mut contract, &id2, &invalid.to_string(), &[]).status,
        422
    );
    assert_eq!(put(&mut contract, &id2, "{", &[]).status, 400);
    let stored = put(
        &mut contract,
        &id2,
        &corrected_body,
        &[("idempotency-key", "p-1")],
    );
    assert_eq!(stored.status, 200);
    assert_eq!(stored.json["version"], 2);
    let again = put(
        &mut contract,
        &id2,
        &corrected_body,
        &[("idempotency-key", "p-1")],
    );
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(
        put(&mut contract, &id2, &body, &[("idempotency-key", "p-1")]).status,
        409
    );
    assert_eq!(
        put(&mut contract, "icpf_nope", &corrected_body, &[]).status,
        404
    );
    assert_eq!(
        put(&mut contract, &id2, &corrected_body, &[EVIL]).status,
        403
    );
    let plain = server.send(
        "PUT",
        &format!("/api/filings/{id2}"),
        &[PLAIN],
        Some(&corrected_body),
    );
    assert_eq!(plain.status, 415);
    contract.response("PUT", correction_path, &plain);
    assert_eq!(put(&mut contract, &id2, &huge, &[]).status, 413);
    // A correction whose body stops coming.
    let as_post = json_post(&format!("/api/filings/{id2}"), body.as_bytes(), &[]);
    let request = [b"PUT".as_slice(), &as_post[4..]].concat();
    let mut slow = stalled(server.addr, &request[..request.len() - body.len() + 10]);
    let timed_out = read_reply(&mut slow, BODY_TIMEOUT * 10)
        .expect("an answer")
        .to_reply();
    assert_eq!(timed_out.status, 408);
    contract.response("PUT", correction_path, &timed_out);
    let status2 = server.get(&format!("/api/filings/{id2}/status"));
    contract.response("GET", status_path, &status2);
    assert_eq!(status2.json["version"], 2);

    // The demo walk, to the end and one step beyond.
    let advance_path = "/api/filings/{id}/advance";
    let advance = |body: Option<&str>, id: &str| {
        server.send("POST", &format!("/api/filings/{id}/advance"), &[JSON], body)
    };
    contract.request("POST", advance_path, &json!({ "outcome": "rejected" }));
    contract.response(
        "POST",
        advance_path,
        &advance(Some(r#"{"outcome": "rejected"}"#), &id),
    );
    for _ in 0..8 {
        contract.response("POST", advance_path, &advance(None, &id));
    }
    let finished = advance(None, &id);
    assert_eq!(finished.status, 409);
    contract.response("POST", advance_path, &finished);
    contract.response(
        "POST",
        advance_path,
        &advance(Some(r#"{"outcome": "approved"}"#), &id),
    );
    contract.response("POST", advance_path, &advance(None, "icpf_nope"));
    for headers in [[JSON, EVIL], [PLAIN, ("accept", "*/*")]] {
        let refused = server.send(
            "POST",
            &format!("/api/filings/{id}/advance"),
            &headers,
            None,
        );
        contract.response("POST", advance_path, &refused);
    }
    let status = server.get(&format!("/api/filings/{id}/status"));
    assert!(status.json["filingNumber"].is_string());
    contract.response("GET", status_path, &status);

    let missing: Vec<_> = contract
        .documented()
        .difference(&contract.seen)
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "documented but never produced: {missing:#?}"
    );

    // The prose names every error code the receiver sent.
    let prose = std::fs::read_to_string(docs_dir().join("http-contract.md")).unwrap();
    for code in &contract.error_codes {
        assert!(
            prose.contains(&format!("`{code}`")),
            "http-contract.md does not list `{code}`"
        );
    }
}

#[test]
fn the_documents_examples_match_their_schemas() {
    let contract = Contract::load();
    let mut checked = 0;
    let mut stack = vec![(String::from("$"), contract.openapi.clone())];
    while let Some((at, node)) = stack.pop() {
        match &node {
            Value::Object(map) => {
                if let (Some(schema), Some(example)) = (map.get("schema"), map.get("example")) {
                    let errors = contract
                        .schemas
                        .check(&contract.openapi_path, schema, example);
                    assert!(errors.is_empty(), "example at {at}: {errors:#?}");
                    checked += 1;
                }
                for (k, v) in map {
                    stack.push((format!("{at}.{k}"), v.clone()));
                }
            }
            Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    stack.push((format!("{at}[{i}]"), v.clone()));
                }
            }
            _ => {}
        }
    }
    assert!(checked >= 10, "only {checked} examples checked");
}

#[test]
fn the_prose_contract_names_every_operation_and_its_json_parses() {
    let contract = Contract::load();
    let prose = std::fs::read_to_string(docs_dir().join("http-contract.md")).unwrap();
    for (path, item) in contract.openapi["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let name = format!("`{} {path}`", method.to_ascii_uppercase());
            assert!(
                prose.contains(&name),
                "http-contract.md does not describe {name}"
            );
            for status in operation["responses"].as_object().unwrap().keys() {
                assert!(
                    prose.contains(status.as_str()),
                    "{name}: status {status} not in the prose"
                );
            }
        }
    }
    let mut blocks = 0;
    let mut rest = prose.as_str();
    while let Some(start) = rest.find("```json\n") {
        let after = &rest[start + "```json\n".len()..];
        let end = after.find("```").expect("closed code block");
        let block = &after[..end];
        if let Err(e) = serde_json::from_str::<Value>(block) {
            panic!("http-contract.md JSON block does not parse ({e}):\n{block}");
        }
        blocks += 1;
        rest = &after[end + 3..];
    }
    assert!(blocks >= 8, "only {blocks} JSON blocks");
}
