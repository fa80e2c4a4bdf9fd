//! A receiver on loopback for the integration tests, and a small HTTP client for it.

#![allow(dead_code)] // each test crate uses part of this

use std::net::SocketAddr;
use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use icp_receiver::{serve, Config, Store};
use serde_json::{json, Value};
use ureq::http;

/// A receiver running on its own thread until dropped.
pub struct Running {
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: http::HeaderMap,
    /// The body as JSON, `Null` when empty or not JSON.
    pub json: Value,
    pub text: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Running {
    /// The plain receiver (no demo, no faults, no CORS) over `data_dir`.
    pub fn start(data_dir: &Path) -> Self {
        Self::with(Config {
            data_dir: data_dir.to_owned(),
            ..Config::default()
        })
    }

    /// A receiver with `config`, on a free loopback port.
    pub fn with(mut config: Config) -> Self {
        config.addr = "127.0.0.1:0".parse().unwrap();
        let (addr_tx, addr_rx) = mpsc::channel::<SocketAddr>();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
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
            .recv_timeout(Duration::from_secs(10))
            .expect("receiver started");
        Self {
            url: format!("http://{addr}"),
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// Sends a request on a fresh connection; `Err` when no response came (e.g. a dropped
    /// connection or a client timeout).
    pub fn try_send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
        timeout: Option<Duration>,
    ) -> Result<Reply, ureq::Error> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_idle_connections(0)
            .timeout_global(timeout)
            .build()
            .into();
        let mut request = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut res = match body {
            Some(body) => agent.run(request.body(body.to_owned()).unwrap())?,
            None => agent.run(request.body(()).unwrap())?,
        };
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.body_mut().read_to_string()?;
        Ok(Reply {
            status,
            headers,
            json: serde_json::from_str(&text).unwrap_or(Value::Null),
            text,
        })
    }

    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Reply {
        self.try_send(method, path, headers, body, None)
            .unwrap_or_else(|e| panic!("{method} {path}: no response: {e}"))
    }

    pub fn get(&self, path: &str) -> Reply {
        self.send("GET", path, &[], None)
    }

    /// `POST /api/filings`, with an Idempotency-Key when given.
    pub fn try_post_filing(
        &self,
        body: &str,
        key: Option<&str>,
        timeout: Option<Duration>,
    ) -> Result<Reply, ureq::Error> {
        let mut headers = vec![("content-type", "application/json")];
        if let Some(key) = key {
            headers.push(("idempotency-key", key));
        }
        self.try_send("POST", "/api/filings", &headers, Some(body), timeout)
    }

    pub fn post_filing(&self, body: &str, key: Option<&str>) -> Reply {
        self.try_post_filing(body, key, None)
            .unwrap_or_else(|e| panic!("POST /api/filings: no response: {e}"))
    }

    /// `POST /__faults` with `faults` (a fault or a list); asserts it was accepted.
    pub fn inject(&self, faults: Value) -> Reply {
        let reply = self.send(
            "POST",
            "/__faults",
            &[("content-type", "application/json")],
            Some(&faults.to_string()),
        );
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply
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
pub fn good_filing() -> Value {
    let mut filing: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/enterprise-guangdong-two-websites.json"
    ))
    .unwrap();
    filing["subject"]["certificate"]["number"] = json!("9144 0300 7084 6113 6t");
    filing
}

/// Filings stored in `dir` (read through a second connection; the receiver may be running).
pub fn stored_count(dir: &Path) -> u64 {
    Store::open(dir).unwrap().count().unwrap()
}
