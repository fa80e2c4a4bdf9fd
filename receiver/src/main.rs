//! `icp-receiver`: the reference receiver and demo-console server.
//!
//! ```text
//! icp-receiver [--addr 127.0.0.1:8080] [--data-dir ./data-dir] [--site target/site] [--rules FILE]
//!              [--allow-origin ORIGIN]... [--demo] [--faults]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use icp_receiver::{serve, Config};

const USAGE: &str =
    "usage: icp-receiver [--addr HOST:PORT] [--data-dir DIR] [--site DIR] [--rules FILE]
                    [--allow-origin ORIGIN]... [--demo] [--faults]
  --addr          address to listen on (default 127.0.0.1:8080; port 0 picks a free port)
  --data-dir      where filings.sqlite3 is kept (default ./data-dir)
  --site          folder of the demo console to serve (default: API only)
  --rules         rule-data override file (provider lists, province rules)
  --allow-origin  an origin (https://console.example.com) allowed to call the API from a
                  browser; repeat for more, or '*' for any origin without credentials
  --demo          enable POST /api/filings/{id}/advance, which walks a filing through review
  --faults        TEST ONLY: enable /__faults, which makes the next POST /api/filings fail
                  on purpose (dropped connection, 5xx, delay, 429, 422)";

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
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("icp-receiver: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let data_dir = config.data_dir.display().to_string();
    if config.faults {
        eprintln!("icp-receiver: fault injection is ON (/__faults); for tests only");
    }
    let result = runtime.block_on(serve(
        config,
        |addr| println!("icp-receiver listening on http://{addr} (data in {data_dir})"),
        async {
            let _ = tokio::signal::ctrl_c().await;
        },
    ));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("icp-receiver: {e}");
            ExitCode::FAILURE
        }
    }
}
