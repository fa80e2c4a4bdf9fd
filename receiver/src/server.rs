//! The accept loop: HTTP/1.1 connections served by hyper under header-read and write timeouts, a cap on
//! open connections, a back-off when the process runs out of file descriptors, and a
//! shutdown that lets requests in flight finish for a while and then exits regardless.
//!
//! At the cap a new connection takes the place of the oldest one that has been idle for
//! [`EVICTION_GRACE`]: kept alive with no request since its last answer, or stalled in a
//! request head (see [`ConnShared::is_stalled_or_between_requests`]). A burst of new clients
//! does not push out each other's connections before their requests are read, nor a
//! keep-alive client's connection just as it sends its next request, while stalled ones make
//! room. Until such a connection exists (or one closes) new ones wait, in the listen backlog
//! or just accepted, for [`MAX_WAIT_AT_CAP`] at most; then, when every connection is still
//! busy, the new one is answered `503 server.busy` and closed.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::body::Bytes;
use axum::extract::connect_info::ConnectInfo;
use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::conn::{self, Conn, ConnShared, InFlight};

/// How long and how many: the limits the accept loop applies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub write_timeout: Duration,
    pub shutdown_timeout: Duration,
}

/// How long a connection is open before it may be closed to make room for a new one.
pub(crate) const EVICTION_GRACE: Duration = Duration::from_millis(500);
/// How long new connections wait in the backlog at the cap before one is refused.
const MAX_WAIT_AT_CAP: Duration = Duration::from_secs(2);
/// How often the accept loop looks again while it waits at the cap.
const CAP_POLL: Duration = Duration::from_millis(20);

/// Idle connections closed at once when `accept` runs out of file descriptors.
const EVICT_ON_FD_EXHAUSTION: usize = 64;
/// Refused connections kept open at once to let their `503` reach the client.
const MAX_LINGERING: usize = 64;
/// How long a refused connection is kept open (reading and discarding) after its `503`.
const LINGER: Duration = Duration::from_secs(1);
const BACKOFF_MIN: Duration = Duration::from_millis(10);
const BACKOFF_MAX: Duration = Duration::from_secs(1);

const BUSY_BODY: &str = r#"{"error":{"code":"server.busy","message":"the receiver has too many connections open; retry shortly"}}"#;

fn busy_response() -> Vec<u8> {
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncache-control: no-store\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{BUSY_BODY}",
        BUSY_BODY.len()
    )
    .into_bytes()
}

/// The open connections, oldest first.
#[derive(Default)]
struct Registry {
    next: u64,
    open: BTreeMap<u64, Arc<ConnShared>>,
}

impl Registry {
    /// Whether a new connection can be let in now: below the cap, or a connection can make
    /// room ([`ConnShared::is_stalled_or_between_requests`]).
    fn has_room(&self, max: usize, now: Instant) -> bool {
        self.open.len() < max || self.evictable(now).is_some()
    }

    /// The oldest connection that may be closed to make room for a new one.
    fn evictable(&self, now: Instant) -> Option<u64> {
        self.open
            .iter()
            .find(|(_, c)| c.is_stalled_or_between_requests(now, EVICTION_GRACE))
            .map(|(id, _)| *id)
    }

    /// Closes the oldest connection that may make room; `false` when there is none (every
    /// connection is busy, or was accepted or began a request less than the grace ago).
    fn evict_for_newcomer(&mut self, now: Instant) -> bool {
        let Some(id) = self.evictable(now) else {
            return false;
        };
        if let Some(c) = self.open.remove(&id) {
            c.close.notify_one();
        }
        true
    }

    /// Asks up to `n` of the oldest idle connections to close and forgets them (their slots
    /// are free from now on). Returns how many.
    fn evict_idle(&mut self, n: usize) -> usize {
        let victims: Vec<u64> = self
            .open
            .iter()
            .filter(|(_, c)| c.is_idle())
            .take(n)
            .map(|(id, _)| *id)
            .collect();
        for id in &victims {
            if let Some(c) = self.open.remove(id) {
                c.close.notify_one();
            }
        }
        victims.len()
    }
}

type Shared<T> = Arc<Mutex<T>>;

fn lock(registry: &Shared<Registry>) -> std::sync::MutexGuard<'_, Registry> {
    registry.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes a connection from the registry when its task ends.
struct Registered {
    registry: Shared<Registry>,
    id: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        lock(&self.registry).open.remove(&self.id);
    }
}

/// Errors of `accept` that mean the process (or system) is out of file descriptors or
/// memory for sockets: retrying at once would spin.
fn is_resource_exhaustion(e: &io::Error) -> bool {
    #[cfg(unix)]
    if let Some(code) = e.raw_os_error() {
        return matches!(
            code,
            libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM
        );
    }
    let _ = e;
    false
}

/// Errors of `accept` about one connection that went away before it was accepted.
fn is_per_connection(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
            | io::ErrorKind::WouldBlock
    )
}

/// Prints at most one line per kind of trouble every ten seconds.
#[derive(Default)]
struct Throttled {
    last: Option<Instant>,
    suppressed: u64,
}

impl Throttled {
    fn log(&mut self, message: impl FnOnce() -> String) {
        let now = Instant::now();
        if self
            .last
            .is_some_and(|t| now.duration_since(t) < Duration::from_secs(10))
        {
            self.suppressed += 1;
            return;
        }
        let more = match self.suppressed {
            0 => String::new(),
            n => format!(" ({n} more since the last report)"),
        };
        eprintln!("icp-receiver: {}{more}", message());
        self.last = Some(now);
        self.suppressed = 0;
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets requests in flight finish
/// for up to `limits.shutdown_timeout` and returns.
pub(crate) async fn run(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let registry: Shared<Registry> = Shared::default();
    let lingering = Arc::new(AtomicUsize::new(0));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true)
        // A client that shuts its sending side after the request still gets the answer (and a
        // request read whole is handled whether it waits or not: see `guard::api_request`).
        .half_close(true);
    let builder = Arc::new(builder);
    let mut tasks = JoinSet::new();
    let mut backoff = BACKOFF_MIN;
    let mut exhausted_log = Throttled::default();
    let mut refused_log = Throttled::default();
    let mut error_log = Throttled::default();
    tokio::pin!(shutdown);

    let mut waiting_since: Option<Instant> = None;
    loop {
        // At the cap with no connection to make room, leave new ones in the backlog a while.
        let now = Instant::now();
        if lock(&registry).has_room(limits.max_connections, now) {
            waiting_since = None;
        } else if now.duration_since(*waiting_since.get_or_insert(now)) < MAX_WAIT_AT_CAP {
            tokio::select! {
                biased;
                () = &mut shutdown => break,
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
                () = tokio::time::sleep(CAP_POLL) => {}
            }
            continue;
        }
        let accepted = tokio::select! {
            biased;
            () = &mut shutdown => break,
            Some(_) = tasks.join_next(), if !tasks.is_empty() => continue,
            accepted = listener.accept() => accepted,
        };
        let (stream, remote) = match accepted {
            Ok(pair) => {
                backoff = BACKOFF_MIN;
                pair
            }
            Err(e) if is_per_connection(&e) => continue,
            Err(e) => {
                let exhausted = is_resource_exhaustion(&e);
                let freed = if exhausted {
                    lock(&registry).evict_idle(EVICT_ON_FD_EXHAUSTION)
                } else {
                    0
                };
                let (log, what) = if exhausted {
                    (&mut exhausted_log, "out of file descriptors")
                } else {
                    (&mut error_log, "accept failed")
                };
                log.log(|| {
                    format!(
                        "{what} ({e}); closed {freed} idle connections, pausing accepts {} ms",
                        backoff.as_millis()
                    )
                });
                tokio::select! {
                    biased;
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(backoff) => {}
                }
                if freed == 0 {
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                }
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        // Only this loop adds connections, so the count can't grow while it waits. The room
        // seen before `accept` may be gone (the idle connection began a request): the new
        // connection waits for room as those in the backlog do.
        let waited_from = waiting_since.unwrap_or_else(Instant::now);
        let mut stopping = false;
        let id = loop {
            let now = Instant::now();
            let admitted = {
                let mut reg = lock(&registry);
                let full = reg.open.len() >= limits.max_connections;
                (!full || reg.evict_for_newcomer(now)).then(|| {
                    reg.next += 1;
                    reg.next
                })
            };
            if admitted.is_some() || now.duration_since(waited_from) >= MAX_WAIT_AT_CAP {
                break admitted;
            }
            tokio::select! {
                biased;
                () = &mut shutdown => {
                    stopping = true;
                    break None;
                }
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
                () = tokio::time::sleep(CAP_POLL) => {}
            }
        };
        if stopping {
            break;
        }
        let Some(id) = id else {
            refused_log.log(|| {
                format!(
                    "all {} connections busy with requests; refusing new ones (503)",
                    limits.max_connections
                )
            });
            refuse(stream, &lingering);
            continue;
        };
        let (io, conn) = conn::accepted(stream, remote, limits.write_timeout);
        lock(&registry).open.insert(id, conn.shared.clone());
        let registered = Registered {
            registry: registry.clone(),
            id,
        };
        tasks.spawn(serve_connection(
            io,
            conn,
            app.clone(),
            builder.clone(),
            stop_rx.clone(),
            registered,
        ));
    }

    drop(listener);
    let _ = stop_tx.send(true);
    let deadline = tokio::time::sleep(limits.shutdown_timeout);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            () = &mut deadline => {
                let left = tasks.len();
                if left > 0 {
                    eprintln!(
                        "icp-receiver: {left} connections still busy after {} ms; closing them",
                        limits.shutdown_timeout.as_millis()
                    );
                }
                tasks.shutdown().await;
                break;
            }
            next = tasks.join_next() => if next.is_none() { break },
        }
    }
}

/// Answers `503 server.busy` on a connection over the cap and closes it, reading (and
/// discarding) what the client sends for a moment so that the answer is not lost to a reset.
fn refuse(stream: TcpStream, lingering: &Arc<AtomicUsize>) {
    let _ = stream.try_write(&busy_response());
    if lingering.fetch_add(1, Ordering::SeqCst) >= MAX_LINGERING {
        lingering.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    let lingering = lingering.clone();
    tokio::spawn(async move {
        let mut stream = stream;
        let _ = stream.shutdown().await;
        let mut sink = [0u8; 4096];
        let _ = tokio::time::timeout(LINGER, async {
            while let Ok(n) = stream.read(&mut sink).await {
                if n == 0 {
                    break;
                }
            }
        })
        .await;
        lingering.fetch_sub(1, Ordering::SeqCst);
    });
}

/// Serves one connection until it ends, is evicted (when idle) or the server stops.
async fn serve_connection(
    io: conn::CuttableStream,
    conn: Conn,
    app: Router,
    builder: Arc<hyper::server::conn::http1::Builder>,
    mut stop: watch::Receiver<bool>,
    _registered: Registered,
) {
    let shared = conn.shared.clone();
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        let in_flight = InFlight::new(&conn.shared);
        request.extensions_mut().insert(ConnectInfo(conn.clone()));
        let app = app.clone();
        async move {
            let response = app.oneshot(request).await?;
            Ok::<_, Infallible>(response.map(|body| {
                Body::new(Tracked {
                    inner: body,
                    _in_flight: in_flight,
                })
            }))
        }
    });
    let connection = builder.serve_connection(TokioIo::new(io), service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => return,
        () = shared.close.notified() => {}
        _ = stop.wait_for(|stopping| *stopping) => {}
    }
    // Nothing in flight: close now (a half-received request head is all that is lost).
    if shared.is_idle() {
        return;
    }
    // Let the request under way finish; the connection closes after its response.
    connection.as_mut().graceful_shutdown();
    let _ = connection.await;
}

/// A response body that keeps its request counted as in flight until hyper has taken all of
/// it (or dropped it).
struct Tracked {
    inner: Body,
    _in_flight: InFlight,
}

impl http_body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.get_mut().inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}
