//! `icp-precheck`: run the shared ICP filing rules from the command line.
//!
//! ```text
//! icp-precheck validate [FILE|-] [--locale zh-CN|en] [--today YYYY-MM-DD]
//! icp-precheck codes [--locale zh-CN|en]
//! ```
//!
//! `validate` prints the report JSON and exits 0 when the filing is ok, 1 when it has errors
//! or unacknowledged warnings, 2 when the input can't be read or is not a filing.

use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use icp_filing::messages::{Locale, CATALOGUE};
use icp_filing::model::parse_filing;
use icp_filing::rules::{validate, RuleContext};

const USAGE: &str = "usage:
  icp-precheck validate [FILE|-] [--locale zh-CN|en] [--today YYYY-MM-DD]
  icp-precheck codes [--locale zh-CN|en]";

struct Args {
    command: String,
    input: Option<String>,
    locale: Locale,
    today: Option<NaiveDate>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("missing command")?;
    let mut parsed = Args {
        command,
        input: None,
        locale: Locale::ZhCn,
        today: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--locale" => {
                parsed.locale = Locale::from_tag(&args.next().ok_or("--locale needs a value")?)
            }
            "--today" => {
                let v = args.next().ok_or("--today needs a value")?;
                let date = NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|e| format!("--today {v}: {e} (expected YYYY-MM-DD)"))?;
                parsed.today = Some(date);
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ if parsed.input.is_none() => parsed.input = Some(arg),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    Ok(parsed)
}

/// Today in China Standard Time, from the system clock (the CLI is a boundary; rules never read it).
fn today_in_china() -> NaiveDate {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = (secs + 8 * 3600).div_euclid(86_400);
    NaiveDate::from_num_days_from_ce_opt(719_163 + days as i32).unwrap_or_default()
}

fn read_input(input: Option<&str>) -> Result<String, String> {
    let mut text = String::new();
    match input {
        None | Some("-") => std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(path) => {
            text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            0
        }
    };
    Ok(text)
}

fn run(args: Args) -> Result<ExitCode, String> {
    match args.command.as_str() {
        "validate" => {
            let text = read_input(args.input.as_deref())?;
            let filing = parse_filing(&text).map_err(|e| format!("not a filing: {e}"))?;
            let ctx = RuleContext::new(args.today.unwrap_or_else(today_in_china))
                .with_locale(args.locale);
            let report = validate(&filing, &ctx);
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(if report.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        "codes" => {
            println!("| code | severity | source | message |");
            println!("|---|---|---|---|");
            for (code, severity, zh, en, source) in CATALOGUE {
                let text = if args.locale == Locale::En { en } else { zh };
                println!("| `{code}` | {severity} | {source} | {text} |");
            }
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other}")),
    }
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)).and_then(run) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("icp-precheck: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
