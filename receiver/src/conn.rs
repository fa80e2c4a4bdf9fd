//! One accepted connection: a TCP stream that a handler can cut (the `drop` fault closes the
//! connection instead of sending the response), and what the server needs to know to close
//! it without cutting a response short (whether a request is in flight, whether hyper still
//! holds unsent bytes). A connection whose writes make no progress for the write timeout (a
//! client that sends requests and never reads the answers) fails, so it can't hold a slot.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Notify;
use tokio::time::Sleep;

/// The connection a request came in on, available to handlers as `ConnectInfo<Conn>`.
#[derive(Debug, Clone)]
pub struct Conn {
    /// The client's address.
    pub remote: SocketAddr,
    pub(crate) shared: Arc<ConnShared>,
}

impl Conn {
    /// Makes the connection write nothing more: the response being prepared is never sent
    /// and the connection closes.
    pub fn cut(&self) {
        self.shared.cut.store(true, Ordering::SeqCst);
    }
}

/// State of a connection shared by its stream, its requests and the accept loop.
#[derive(Debug, Default)]
pub(crate) struct ConnShared {
    cut: AtomicBool,
    /// Requests received whose response body has not been handed to hyper in full.
    in_flight: AtomicUsize,
    /// Set by a write, cleared by a completed flush: hyper still holds bytes to send.
    unflushed: AtomicBool,
    /// Since when no request has been under way: the task's first read (until then, the
    /// connection waits for a server that is behind), then the end of each response.
    idle_since: Mutex<Option<Instant>>,
    /// When the first bytes of a request head that has not been read in full arrived.
    head_started: Mutex<Option<Instant>>,
    /// The socket's descriptor while the stream is open (-1 after), to see whether a request
    /// waits unread in the kernel's buffer.
    fd: AtomicI32,
    /// Asks the connection's task to close the connection (once idle).
    pub(crate) close: Notify,
}

impl ConnShared {
    /// No request is being handled and nothing is left to send: closing now loses nothing
    /// (at most a request head that has not fully arrived).
    pub(crate) fn is_idle(&self) -> bool {
        self.in_flight.load(Ordering::SeqCst) == 0 && !self.unflushed.load(Ordering::SeqCst)
    }

    /// Idle, and either between requests or stalled, for at least `grace`: no request under
    /// way in that time (a keep-alive client that was just answered is likely to send its
    /// next request at once), no part of a request head arrived in it (a head arriving is not
    /// a stalled one), and no request waiting unread in the socket (a server that is behind
    /// has not read it yet).
    pub(crate) fn is_stalled_or_between_requests(&self, now: Instant, grace: Duration) -> bool {
        let since = |t: Instant| now.saturating_duration_since(t) >= grace;
        self.is_idle()
            && locked(&self.idle_since).is_some_and(since)
            && locked(&self.head_started).is_none_or(since)
            && !self.has_unread_bytes()
    }

    #[cfg(unix)]
    fn has_unread_bytes(&self) -> bool {
        let fd = self.fd.load(Ordering::SeqCst);
        let mut byte = 0u8;
        // SAFETY: `recv` writes at most one byte into `byte`. `fd` was the stream's socket;
        // should it have been closed and reused meanwhile, a peek at another descriptor
        // reads nothing (MSG_PEEK) and only changes which connection makes room.
        fd >= 0
            && unsafe {
                libc::recv(
                    fd,
                    (&raw mut byte).cast(),
                    1,
                    libc::MSG_PEEK | libc::MSG_DONTWAIT,
                )
            } > 0
    }

    #[cfg(not(unix))]
    fn has_unread_bytes(&self) -> bool {
        false
    }

    /// Notes that bytes of a new request arrived (once per head).
    fn note_read(&self) {
        if self.in_flight.load(Ordering::SeqCst) == 0 {
            locked(&self.head_started).get_or_insert_with(Instant::now);
        }
    }

    fn is_cut(&self) -> bool {
        self.cut.load(Ordering::SeqCst)
    }
}

fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Counts a request as in flight until dropped (with the response body, once sent).
#[derive(Debug)]
pub(crate) struct InFlight(Arc<ConnShared>);

impl InFlight {
    pub(crate) fn new(shared: &Arc<ConnShared>) -> Self {
        shared.in_flight.fetch_add(1, Ordering::SeqCst);
        *locked(&shared.head_started) = None;
        Self(shared.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if self.0.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
            *locked(&self.0.idle_since) = Some(Instant::now());
        }
    }
}

/// A new connection's stream and the [`Conn`] its requests carry.
pub(crate) fn accepted(
    inner: TcpStream,
    remote: SocketAddr,
    write_timeout: Duration,
) -> (CuttableStream, Conn) {
    let shared = Arc::new(ConnShared {
        fd: AtomicI32::new(raw_fd(&inner)),
        ..ConnShared::default()
    });
    (
        CuttableStream {
            inner,
            shared: shared.clone(),
            write_timeout,
            stalled: None,
        },
        Conn { remote, shared },
    )
}

#[cfg(unix)]
fn raw_fd(stream: &TcpStream) -> i32 {
    std::os::fd::AsRawFd::as_raw_fd(stream)
}

#[cfg(not(unix))]
fn raw_fd(_: &TcpStream) -> i32 {
    -1
}

impl Drop for CuttableStream {
    fn drop(&mut self) {
        // Before `inner` closes the socket.
        self.shared.fd.store(-1, Ordering::SeqCst);
    }
}

/// A TCP stream that, once cut, reads end-of-stream and fails every write, so the server
/// drops the connection without writing. A write or flush that stays blocked for
/// `write_timeout` fails (`TimedOut`) and cuts the stream.
#[derive(Debug)]
pub struct CuttableStream {
    inner: TcpStream,
    shared: Arc<ConnShared>,
    write_timeout: Duration,
    /// Running while writes are blocked: when it fires, the client has stopped reading.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl CuttableStream {
    /// Passes a write's or flush's outcome on, timing how long writes stay blocked.
    fn watch_stall<T>(
        &mut self,
        cx: &mut Context<'_>,
        outcome: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if outcome.is_ready() {
            self.stalled = None;
            return outcome;
        }
        let timeout = self.write_timeout;
        let stalled = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        if stalled.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        self.stalled = None;
        self.shared.cut.store(true, Ordering::SeqCst);
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "the client read nothing for the write timeout",
        )))
    }
}

fn aborted() -> io::Error {
    io::Error::new(io::ErrorKind::ConnectionAborted, "connection cut")
}

impl AsyncRead for CuttableStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.shared.is_cut() {
            return Poll::Ready(Ok(()));
        }
        let before = buf.filled().len();
        let this = self.get_mut();
        locked(&this.shared.idle_since).get_or_insert_with(Instant::now);
        let outcome = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.shared.note_read();
        }
        outcome
    }
}

impl AsyncWrite for CuttableStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.shared.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        self.shared.unflushed.store(true, Ordering::SeqCst);
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.watch_stall(cx, outcome)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.shared.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        self.shared.unflushed.store(true, Ordering::SeqCst);
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.watch_stall(cx, outcome)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.shared.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_flush(cx);
        if let Poll::Ready(Ok(())) = result {
            // hyper flushes the stream only once its own buffer is written out.
            this.shared.unflushed.store(false, Ordering::SeqCst);
        }
        this.watch_stall(cx, result)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
