//! A receiver on loopback for the integration tests, and a small HTTP client for it.

#![allow(dead_code)] // each test crate uses part of this

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use icp_receiver::{serve, Config, Store};
use serde_json::{json, Value};
use ureq::http;

/// A receiver running on its own thread until dropped.
pub struct Running {
    pub url: String,
    pub addr: SocketAddr,
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
            addr,
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

impl Running {
    /// Asks the receiver to stop and waits until `serve` has returned; how long that took.
    pub fn stop(mut self) -> Duration {
        let started = Instant::now();
        self.shut_down();
        started.elapsed()
    }

    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// A connection that has sent `bytes` (e.g. part of a request) and then stalls.
pub fn stalled(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).expect("connect");
    if !bytes.is_empty() {
        stream.write_all(bytes).expect("write");
    }
    stream
}

/// Whether the server has closed (or reset) `stream`; reads and discards what it sent.
pub fn is_closed(stream: &mut TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut buf = [0u8; 4096];
    let closed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break false,
            Err(_) => break true,
        }
    };
    stream.set_nonblocking(false).unwrap();
    closed
}

/// Waits up to `limit` for the server to close `stream`; how long it took, `None` if it
/// stayed open. What the server sent meanwhile is appended to `received`.
pub fn time_to_close(
    stream: &mut TcpStream,
    limit: Duration,
    received: &mut Vec<u8>,
) -> Option<Duration> {
    let started = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        let left = limit.checked_sub(started.elapsed())?;
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(n) => received.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                if started.elapsed() >= limit {
                    return None;
                }
            }
            Err(_) => return Some(started.elapsed()),
        }
    }
}

/// A response read off a raw connection.
#[derive(Debug)]
pub struct RawReply {
    /// The status line and headers, as sent.
    pub head: String,
    pub status: u16,
    pub body: Vec<u8>,
}

impl RawReply {
    /// The same answer as the HTTP client's [`Reply`].
    pub fn to_reply(&self) -> Reply {
        let mut headers = http::HeaderMap::new();
        for line in self.head.lines().skip(1) {
            if let Some((name, value)) = line.split_once(':') {
                headers.append(
                    http::HeaderName::from_bytes(name.trim().as_bytes()).unwrap(),
                    http::HeaderValue::from_str(value.trim()).unwrap(),
                );
            }
        }
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Reply {
            status: self.status,
            headers,
            json: self.json(),
            text,
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// A header's value (the name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Reads one response (status line, headers, a `Content-Length` body) within `limit`;
/// `None` when the connection closed or the time ran out first.
pub fn read_reply(stream: &mut TcpStream, limit: Duration) -> Option<RawReply> {
    let started = Instant::now();
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).into_owned();
            let status = head.split(' ').nth(1)?.parse().ok()?;
            let mut reply = RawReply {
                head,
                status,
                body: Vec::new(),
            };
            let length: usize = reply
                .header("content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let body_start = end + 4;
            if data.len() >= body_start + length {
                reply.body = data[body_start..body_start + length].to_vec();
                return Some(reply);
            }
        }
        let left = limit.checked_sub(started.elapsed())?;
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return None,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(_) => return None,
        }
    }
}

/// Sends `request` (a whole HTTP/1.1 request) on a new connection and reads the response.
pub fn raw_exchange(addr: SocketAddr, request: &[u8], limit: Duration) -> Option<RawReply> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.write_all(request).ok()?;
    read_reply(&mut stream, limit)
}

/// A `POST` with a JSON body (and `extra` header lines), as bytes.
pub fn json_post(path: &str, body: &[u8], extra: &[(&str, &str)]) -> Vec<u8> {
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
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

/// `serve` with `config` (on a free port), expected to refuse to start; its error.
pub fn refused_start(config: Config) -> String {
    refused_start_at("127.0.0.1:0".parse().unwrap(), config)
}

/// `serve` with `config` on `addr`, expected to refuse to start; its error.
pub fn refused_start_at(addr: SocketAddr, config: Config) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let result = rt.block_on(async {
        tokio::time::timeout(
            Duration::from_secs(10),
            serve(Config { addr, ..config }, |_| {}, std::future::pending()),
        )
        .await
    });
    match result {
        Ok(Err(e)) => e.to_string(),
        Ok(Ok(())) => panic!("started and stopped"),
        Err(_) => panic!("started instead of refusing"),
    }
}
