//! `icp-receiver`: the reference receiver and demo-console server.
//!
//! ```text
//! icp-receiver [--addr 127.0.0.1:8080] [--data-dir ./data-dir] [--site target/site] [--rules FILE]
//!              [--allow-origin ORIGIN]... [--demo] [--faults]
//!              [--max-connections 512] [--header-timeout 10] [--body-timeout 30]
//!              [--write-timeout 20] [--shutdown-timeout 5]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use icp_receiver::{serve, Config};

const USAGE: &str =
    "usage: icp-receiver [--addr HOST:PORT] [--data-dir DIR] [--site DIR] [--rules FILE]
                    [--allow-origin ORIGIN]... [--demo] [--faults]
                    [--max-connections N] [--header-timeout SECS] [--body-timeout SECS]
                    [--write-timeout SECS] [--shutdown-timeout SECS]
  --addr              address to listen on (default 127.0.0.1:8080; port 0 picks a free port)
  --data-dir          where filings.sqlite3 is kept (default ./data-dir); one receiver per
                      directory (it holds DIR/receiver.lock)
  --site              folder of the demo console to serve (default: API only); files and
                      folders whose name starts with '.' are never served, and the data
                      directory must not be inside it
  --rules             rule-data override file (provider lists, province rules)
  --allow-origin      an origin (https://console.example.com) allowed to call the API from a
                      browser; repeat for more, or '*' for any origin without credentials.
                      Requests that change data from any other origin are refused (403)
  --demo              enable POST /api/filings/{id}/advance, which walks a filing through review
  --faults            TEST ONLY: enable /__faults, which makes the next POST /api/filings fail
                      on purpose (dropped connection, 5xx, delay, 429, 422, panic)
  --max-connections   open connections at most (default 512); beyond it one idle for 0.5 s
                      is closed, new ones wait in the backlog, and get 503 when all stay
                      busy for 2 s
  --header-timeout    seconds a client has to send a request head; also how long an idle
                      keep-alive connection stays open (default 10)
  --body-timeout      seconds a client has to send a request body (default 30; then 408)
  --write-timeout     seconds a client may take nothing of a response being sent before its
                      connection is closed (default 20)
  --shutdown-timeout  seconds requests in flight get after Ctrl-C or SIGTERM before the
                      receiver exits anyway (default 5)";

/// Seconds (fractions allowed) as a duration, from 1 ms to 1 hour.
fn seconds(flag: &str, text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && (0.001..=3600.0).contains(s))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("{flag} {text}: give seconds between 0.001 and 3600"))
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut config = Config::default();
    let mut args = args;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => {
                let v = value()?;
                config.addr = v.parse().map_err(|e| format!("--addr {v}: {e}"))?;
            }
            "--data-dir" => config.data_dir = PathBuf::from(value()?),
            "--site" => config.site_dir = Some(PathBuf::from(value()?)),
            "--rules" => config.rules = Some(PathBuf::from(value()?)),
            "--allow-origin" => config.allow_origins.push(value()?),
            "--max-connections" => {
                let v = value()?;
                config.max_connections = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=1_000_000).contains(n))
                    .ok_or_else(|| format!("--max-connections {v}: give 1 to 1000000"))?;
            }
            "--header-timeout" => config.header_timeout = seconds(&flag, &value()?)?,
            "--body-timeout" => config.body_timeout = seconds(&flag, &value()?)?,
            "--write-timeout" => config.write_timeout = seconds(&flag, &value()?)?,
            "--shutdown-timeout" => config.shutdown_timeout = seconds(&flag, &value()?)?,
            "--demo" => config.demo = true,
            "--faults" => config.faults = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(config)
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("icp-receiver: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    // Two workers for the async side; parsing, the rules and SQLite run on the blocking
    // pool, kept small (SQLite writes one at a time anyway).
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(16)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("icp-receiver: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(limit) = icp_receiver::raise_fd_limit() {
        // Descriptors besides connections: the database, its journal, static files, stdio.
        let needed = config.max_connections as u64 + 64;
        if limit < needed {
            eprintln!(
                "icp-receiver: the open-file limit ({limit}) is below what {} connections need (~{needed}); \
                 when it runs out, idle connections are closed to make room",
                config.max_connections
            );
        }
    }
    let data_dir = config.data_dir.display().to_string();
    if config.faults {
        eprintln!("icp-receiver: fault injection is ON (/__faults); for tests only");
    }
    let shutdown_timeout = config.shutdown_timeout;
    let result = runtime.block_on(serve(
        config,
        |addr| println!("icp-receiver listening on http://{addr} (data in {data_dir})"),
        async move {
            stop_requested().await;
            eprintln!(
                "icp-receiver: stopping; requests in flight get {} s",
                shutdown_timeout.as_secs_f64()
            );
        },
    ));
    // Blocking tasks (a filing being stored) finish; nothing else is waited for.
    runtime.shutdown_timeout(Duration::from_secs(10));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("icp-receiver: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
