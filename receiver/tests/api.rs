//! The reference receiver over real HTTP on loopback, with its SQLite store on disk.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;

use icp_receiver::{serve, Config, Store};
use serde_json::{json, Value};

/// A receiver running on its own thread until dropped.
struct Running {
    url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    fn start(data_dir: &Path) -> Self {
        let (addr_tx, addr_rx) = mpsc::channel::<SocketAddr>();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let config = Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: data_dir.to_owned(),
            ..Config::default()
        };
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(serve(
                config,
                move |addr| addr_tx.send(addr).unwrap(),
                async {
                    let _ = stop_rx.await;
                },
            ))
            .unwrap();
        });
        let addr = addr_rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("receiver started");
        Self {
            url: format!("http://{addr}"),
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    fn post(&self, body: &str, key: Option<&str>) -> (u16, Value, Option<String>) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut req = agent
            .post(format!("{}/api/filings", self.url))
            .header("content-type", "application/json");
        if let Some(key) = key {
            req = req.header("idempotency-key", key);
        }
        let mut res = req.send(body).expect("request sent");
        let replayed = res
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let status = res.status().as_u16();
        let value = res.body_mut().read_json::<Value>().unwrap_or(Value::Null);
        (status, value, replayed)
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut res = agent
            .get(format!("{}{path}", self.url))
            .call()
            .expect("request sent");
        (
            res.status().as_u16(),
            res.body_mut().read_json::<Value>().unwrap_or(Value::Null),
        )
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A complete enterprise filing (the crate's fixture), with the credit code typed loosely.
fn good_filing() -> Value {
    let mut filing: Value = serde_json::from_str(include_str!(
        "../../tests/fixtures/enterprise-guangdong-two-websites.json"
    ))
    .unwrap();
    filing["subject"]["certificate"]["number"] = json!("9144 0300 7084 6113 6t");
    filing
}

fn stored_count(dir: &Path) -> u64 {
    Store::open(dir).unwrap().count().unwrap()
}

#[test]
fn a_valid_filing_is_created_stored_normalised_and_readable() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let (status, body, _) = server.post(&good_filing().to_string(), None);
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("icpf_"));
    assert!(body["receivedAt"].as_str().unwrap().ends_with('Z'));

    let (status, record) = server.get(&format!("/api/filings/{id}"));
    assert_eq!(status, 200);
    assert_eq!(
        record["filing"]["subject"]["certificate"]["number"],
        "91440300708461136T"
    );
    assert_eq!(
        record["filing"]["subject"]["name"],
        "深圳市腾讯计算机系统有限公司"
    );
    drop(server);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn an_invalid_filing_gets_422_with_the_report_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let mut bad = good_filing();
    bad["subject"]["certificate"]["number"] = json!("9144030070846113");
    let (status, report, _) = server.post(&bad.to_string(), Some("k-bad"));
    assert_eq!(status, 422);
    assert_eq!(report["ok"], false);
    assert_eq!(report["issues"][0]["code"], "uscc.length");
    assert_eq!(report["issues"][0]["path"], "subject.certificate.number");
    assert!(report["rulesetVersion"]
        .as_str()
        .unwrap()
        .starts_with("icp-rules/"));
    drop(server);
    assert_eq!(stored_count(dir.path()), 0);
}

#[test]
fn an_unacknowledged_warning_is_rejected_and_an_acknowledged_one_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let mut filing = good_filing();
    filing["subject"]["certificate"]["number"] = json!("91350203M0001QAY9B");
    let (status, report, _) = server.post(&filing.to_string(), None);
    assert_eq!(status, 422);
    assert_eq!(report["issues"][0]["severity"], "warning");
    // Both warnings (check character; a Fujian code filed in Guangdong) confirmed by the filer.
    let keys: Vec<String> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["severity"], "warning");
            format!(
                "{}@{}",
                i["code"].as_str().unwrap(),
                i["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(keys.len(), 2);
    filing["acknowledgedWarnings"] = json!(keys);
    let (status, _, _) = server.post(&filing.to_string(), None);
    assert_eq!(status, 201);
}

#[test]
fn a_body_that_is_not_a_filing_gets_400() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    for body in ["not json", r#"{"subject": {"kind": "robot"}}"#, "[]"] {
        let (status, err, _) = server.post(body, None);
        assert_eq!(status, 400, "{body}");
        assert_eq!(err["error"]["code"], "body.not_a_filing");
    }
    drop(server);
    assert_eq!(stored_count(dir.path()), 0);
}

#[test]
fn a_repeated_idempotency_key_returns_the_first_response_and_stores_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let body = good_filing().to_string();
    let (s1, first, replayed1) = server.post(&body, Some("key-123"));
    let (s2, second, replayed2) = server.post(&body, Some("key-123"));
    assert_eq!((s1, s2), (201, 201));
    assert_eq!(first, second);
    assert_eq!(replayed1, None);
    assert_eq!(replayed2.as_deref(), Some("true"));

    // Same key, different body: refused, nothing stored.
    let mut other = good_filing();
    other["subject"]["name"] = json!("另一家公司");
    let (s3, err, _) = server.post(&other.to_string(), Some("key-123"));
    assert_eq!(s3, 409);
    assert_eq!(err["error"]["code"], "idempotency.key_reused");

    // Without a key every POST is a new filing.
    let (s4, third, _) = server.post(&body, None);
    assert_eq!(s4, 201);
    assert_ne!(third["id"], first["id"]);
    drop(server);
    assert_eq!(stored_count(dir.path()), 2);
}

#[test]
fn concurrent_requests_with_one_key_store_one_filing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let body = good_filing().to_string();
    let ids: Vec<Value> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| server.post(&body, Some("same-key")).1["id"].clone()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    drop(server);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn filings_and_keys_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let body = good_filing().to_string();
    let first = Running::start(dir.path());
    let (_, created, _) = first.post(&body, Some("restart-key"));
    let id = created["id"].as_str().unwrap().to_owned();
    drop(first);

    let second = Running::start(dir.path());
    let (status, record) = second.get(&format!("/api/filings/{id}"));
    assert_eq!(status, 200);
    assert_eq!(record["id"], id.as_str());
    let (status, replay, replayed) = second.post(&body, Some("restart-key"));
    assert_eq!(status, 201);
    assert_eq!(replay["id"], id.as_str());
    assert_eq!(replayed.as_deref(), Some("true"));
    drop(second);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn an_unknown_id_is_404() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let (status, err) = server.get("/api/filings/icpf_nope");
    assert_eq!(status, 404);
    assert_eq!(err["error"]["code"], "filing.not_found");
}

#[test]
fn messages_follow_accept_language() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut filing = good_filing();
    filing["subject"]["principal"]["certificate"]["number"] = json!("123");
    let body = filing.to_string();
    for (lang, expected) in [
        (
            "en-US,en;q=0.9",
            "A resident ID number has 18 characters; this one has 3",
        ),
        ("zh-CN", "居民身份证号码应为18位，当前为3位"),
    ] {
        let mut res = agent
            .post(format!("{}/api/filings", server.url))
            .header("accept-language", lang)
            .header("content-type", "application/json")
            .send(&body)
            .unwrap();
        let report: Value = res.body_mut().read_json().unwrap();
        assert_eq!(
            report["issues"][0]["path"],
            "subject.principal.certificate.number"
        );
        assert_eq!(report["issues"][0]["message"], expected);
    }
}
