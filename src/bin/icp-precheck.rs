//! `icp-precheck`: run the shared ICP filing rules, the working-day calendar and the review
//! estimate from the command line.
//!
//! ```text
//! icp-precheck validate [FILE|-] [--locale zh-CN|en] [--today YYYY-MM-DD] [--rules OVERRIDE_FILE]
//! icp-precheck codes
//! icp-precheck rules compile OVERRIDE_FILE
//! icp-precheck estimate --province CODE --filing-type first|newWebsite|newAccess|change
//!                       [--change-scope subject|services|both] [--subject-kind KIND]
//!                       --submitted RFC3339 [--rework] [--events FILE [--now RFC3339]]
//!                       [--rules OVERRIDE_FILE] [--policy FILE] [--calendar FILE]...
//!                       [--locale zh-CN|en] [--text]
//! icp-precheck calendar is-workday DATE... | add DATE N | between A B [--calendar FILE]...
//! ```
//!
//! `validate` prints the report JSON and exits 0 when the filing is ok, 1 when it has errors
//! or unacknowledged warnings, 2 when the input can't be read or is not a filing.
//! `rules compile` prints the compiled form of a rule-data override (merged over the embedded
//! data and validated): the widget's `rules` option, and `--rules` here and in the receiver,
//! take it. `estimate` prints the timeline as JSON (with `--events`, `{estimate, progress}`), or a
//! table with `--text`; it uses the review policy of `--rules` (an override's `reviewPolicy`),
//! with `--policy` (the review-policy format, every key optional) over it. `--calendar` adds
//! newer official holiday files (holiday-cn format).
//! Bad arguments exit 2 with a message saying what is wrong.

use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use icp_filing::calendar::HolidayCalendar;
use icp_filing::messages::{Locale, CATALOGUE};
use icp_filing::model::{parse_filing, ChangeScope, FilingType, SubjectKind};
use icp_filing::options::parse_iso_date;
use icp_filing::ruledata::RuleData;
use icp_filing::rules::{validate, RuleContext};
use icp_filing::timeline::{
    self, estimate, progress, EstimateInput, ProgressInput, ReviewPolicy, Rework, StageEvent,
};

/// `println!` into the output buffer.
macro_rules! outln {
    ($out:ident, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// `print!` into the output buffer.
macro_rules! outf {
    ($out:ident, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

const USAGE: &str = "usage:
  icp-precheck validate [FILE|-] [--locale zh-CN|en] [--today YYYY-MM-DD] [--rules OVERRIDE_FILE]
  icp-precheck codes
  icp-precheck rules compile OVERRIDE_FILE
  icp-precheck estimate --province CODE --filing-type first|newWebsite|newAccess|change
                        [--change-scope subject|services|both] [--subject-kind KIND]
                        --submitted RFC3339 [--rework] [--events FILE [--now RFC3339]]
                        [--rules OVERRIDE_FILE] [--policy FILE] [--calendar FILE]...
                        [--locale zh-CN|en] [--text]
  icp-precheck calendar is-workday DATE... | add DATE N | between A B [--calendar FILE]...";

#[derive(Default)]
struct Args {
    command: String,
    positional: Vec<String>,
    locale: Locale,
    today: Option<NaiveDate>,
    filing_type: Option<FilingType>,
    change_scope: Option<ChangeScope>,
    subject_kind: Option<SubjectKind>,
    province: Option<String>,
    submitted: Option<String>,
    rework: bool,
    policy: Option<String>,
    rules: Option<String>,
    holidays: Vec<String>,
    events: Option<String>,
    now: Option<String>,
    text: bool,
}

/// The commands [`run`] knows.
const COMMANDS: [&str; 5] = ["validate", "codes", "rules", "estimate", "calendar"];

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("missing command")?;
    if !COMMANDS.contains(&command.as_str()) {
        return Err(format!("unknown command {command}"));
    }
    let mut parsed = Args {
        command,
        ..Args::default()
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--locale" => {
                let tag = value("--locale")?;
                parsed.locale = Locale::parse(&tag).ok_or_else(|| Locale::unsupported(&tag))?
            }
            "--today" => {
                let v = value("--today")?;
                parsed.today = Some(parse_date(&v, "--today")?);
            }
            "--filing-type" | "--type" => {
                let v = value("--filing-type")?;
                parsed.filing_type = Some(FilingType::from_slug(&v).ok_or(format!(
                    "--type {v}: use first, newWebsite, newAccess or change"
                ))?);
            }
            "--change-scope" => {
                let v = value("--change-scope")?;
                parsed.change_scope = Some(
                    ChangeScope::from_slug(&v)
                        .ok_or(format!("--change-scope {v}: use subject, services or both"))?,
                );
            }
            "--subject-kind" => {
                let v = value("--subject-kind")?;
                parsed.subject_kind = Some(SubjectKind::from_slug(&v).ok_or(format!(
                    "--subject-kind {v}: use a subject kind such as individual or enterprise"
                ))?);
            }
            "--province" => parsed.province = Some(value("--province")?),
            "--submitted" => parsed.submitted = Some(value("--submitted")?),
            "--policy" => parsed.policy = Some(value("--policy")?),
            "--rules" => parsed.rules = Some(value("--rules")?),
            "--calendar" | "--holidays" => parsed.holidays.push(value("--calendar")?),
            "--events" => parsed.events = Some(value("--events")?),
            "--now" => parsed.now = Some(value("--now")?),
            "--rework" => parsed.rework = true,
            "--text" => parsed.text = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => parsed.positional.push(arg),
        }
    }
    Ok(parsed)
}

fn parse_date(text: &str, what: &str) -> Result<NaiveDate, String> {
    parse_iso_date(text).ok_or(format!("{what} {text}: expected a date as YYYY-MM-DD"))
}

/// Now in China Standard Time, from the system clock (the CLI is a boundary; the core never
/// reads the clock).
fn now_in_china() -> chrono::NaiveDateTime {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    icp_filing::dates::china_time_from_unix_ms(ms)
}

fn today_in_china() -> NaiveDate {
    now_in_china().date()
}

/// A file's text, without the byte-order mark an editor such as Notepad writes first.
fn read_file(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map(without_bom)
        .map_err(|e| format!("cannot read {path}: {e}"))
}

fn read_input(input: Option<&str>) -> Result<String, String> {
    match input {
        None | Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(without_bom(text))
        }
        Some(path) => read_file(path),
    }
}

fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// The official calendar plus any `--holidays` files (holiday-cn format, e.g. 2027.json).
fn calendar(args: &Args) -> Result<HolidayCalendar, String> {
    let mut calendar = HolidayCalendar::official();
    for path in &args.holidays {
        calendar
            .add_year_data(&read_file(path)?)
            .map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(calendar)
}

fn run(args: Args, out: &mut String) -> Result<ExitCode, String> {
    match args.command.as_str() {
        "validate" => {
            if args.positional.len() > 1 {
                return Err(format!("unexpected argument {}", args.positional[1]));
            }
            let text = read_input(args.positional.first().map(String::as_str))?;
            let filing = parse_filing(&text).map_err(|e| format!("not a filing: {e}"))?;
            let overridden = match &args.rules {
                Some(path) => Some(
                    RuleData::from_host_file(&read_file(path)?)
                        .map_err(|e| format!("{path}: {e}"))?,
                ),
                None => None,
            };
            let ctx = RuleContext::new(args.today.unwrap_or_else(today_in_china))
                .with_locale(args.locale);
            let ctx = ctx.with_data(overridden.as_ref().unwrap_or(RuleData::embedded()));
            let report = validate(&filing, &ctx);
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            outln!(out, "{json}");
            Ok(if report.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        "codes" => {
            out.push_str(&codes_table());
            Ok(ExitCode::SUCCESS)
        }
        "rules" => run_rules(&args, out),
        "estimate" => run_estimate(&args, out),
        "calendar" => run_calendar(&args, out),
        other => Err(format!("unknown command {other}")),
    }
}

/// `rules compile OVERRIDE.json`: merges the override over the embedded data, validates the
/// result and prints the compiled text the widget's `rules` option takes.
fn run_rules(args: &Args, out: &mut String) -> Result<ExitCode, String> {
    match args.positional.as_slice() {
        [command, path] if command == "compile" => {
            let text = read_input(Some(path))?;
            if text
                .trim_start()
                .starts_with(icp_filing::ruledata::COMPILED_PREFIX)
            {
                return Err(format!("{path} is compiled already"));
            }
            let data = RuleData::embedded()
                .with_override(&text)
                .map_err(|e| format!("{path}: {e}"))?;
            outln!(out, "{}", data.to_compiled()?);
            Ok(ExitCode::SUCCESS)
        }
        [command, ..] if command == "compile" => {
            Err("rules compile needs one override file (or - for standard input)".into())
        }
        _ => Err("unknown rules command (use: rules compile OVERRIDE.json)".into()),
    }
}

/// The Markdown table of every issue code, both languages (kept as docs/codes.md).
fn codes_table() -> String {
    let mut out = String::from(
        "| code | severity | source (docs/sources.md) and basis | zh-CN | en |\n|---|---|---|---|---|\n",
    );
    for (code, severity, zh, en, source) in CATALOGUE {
        out.push_str(&format!(
            "| `{code}` | {severity} | {source} | {zh} | {en} |\n"
        ));
    }
    out
}

fn run_estimate(args: &Args, out: &mut String) -> Result<ExitCode, String> {
    let filing_type = args.filing_type.ok_or("estimate needs --filing-type")?;
    let province = args
        .province
        .as_deref()
        .ok_or("estimate needs --province")?;
    let submitted = args
        .submitted
        .as_deref()
        .ok_or("estimate needs --submitted")?;
    let at = timeline::parse_cst_datetime(submitted)
        .map_err(|e| format!("--submitted {submitted}: {e}"))?;
    let mut policy = match &args.rules {
        Some(path) => RuleData::from_host_file(&read_file(path)?)
            .map_err(|e| format!("{path}: {e}"))?
            .review_policy()
            .clone(),
        None => ReviewPolicy::embedded().clone(),
    };
    if let Some(path) = &args.policy {
        policy = policy
            .with_overrides(&read_file(path)?)
            .map_err(|e| format!("{path}: {e}"))?;
    }
    let mut input = EstimateInput::new(filing_type, province, at);
    input.change_scope = args.change_scope;
    input.subject_kind = args.subject_kind;
    if args.rework {
        input.rework = Some(Rework::default());
    }
    let calendar = calendar(args)?;
    let estimate = estimate(&input, &policy, &calendar).map_err(|e| e.to_string())?;
    if let Some(path) = &args.events {
        let events: Vec<StageEvent> =
            serde_json::from_str(&read_file(path)?).map_err(|e| format!("{path}: {e}"))?;
        let now = match &args.now {
            Some(text) => {
                timeline::parse_cst_datetime(text).map_err(|e| format!("--now {text}: {e}"))?
            }
            None => now_in_china(),
        };
        let progress_input = ProgressInput {
            estimate: input,
            events,
            now,
        };
        let progress = progress(&progress_input, &policy, &calendar).map_err(|e| e.to_string())?;
        let both = serde_json::json!({ "estimate": estimate, "progress": progress });
        outln!(
            out,
            "{}",
            serde_json::to_string_pretty(&both).map_err(|e| e.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    if !args.text {
        outln!(
            out,
            "{}",
            serde_json::to_string_pretty(&estimate).map_err(|e| e.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let zh = args.locale == Locale::ZhCn;
    let names: Vec<&str> = estimate
        .stages
        .iter()
        .map(|s| timeline::text::stage_name(s.stage, args.locale))
        .collect();
    let width = names
        .iter()
        .map(|n| display_width(n))
        .max()
        .unwrap_or(0)
        .max(8);
    let header = [
        if zh { "开始" } else { "start" },
        if zh { "可能完成" } else { "likely end" },
        if zh { "最晚完成" } else { "late end" },
    ];
    outf!(out, "{}", pad(if zh { "阶段" } else { "stage" }, width));
    for h in header {
        outf!(out, "  {}", pad(h, 10));
    }
    out.push('\n');
    for (stage, name) in estimate.stages.iter().zip(names) {
        outln!(
            out,
            "{}  {}  {}  {}",
            pad(name, width),
            stage.start,
            stage.likely_end,
            stage.late_end
        );
    }
    outln!(
        out,
        "{} {} / {} {} / {} {}",
        if zh {
            "可能完成："
        } else {
            "likely completion:"
        },
        estimate.likely_completion,
        if zh { "最晚：" } else { "late:" },
        estimate.late_completion,
        if zh {
            "管局法定期限："
        } else {
            "bureau legal deadline:"
        },
        estimate.bureau_legal_deadline.likely
    );
    if estimate.provenance.provisional {
        outln!(
            out,
            "{}",
            if zh {
                "注意：部分日期落在内置节假日数据未包含的年份，结果为估算。"
            } else {
                "Note: some dates fall in years that are not in the bundled holiday data; the result is provisional."
            }
        );
    }
    for text in estimate.assumption_texts(args.locale) {
        outln!(out, "- {text}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Terminal columns of a text: CJK characters take two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(display_width(text)))
    )
}

fn run_calendar(args: &Args, out: &mut String) -> Result<ExitCode, String> {
    let calendar = calendar(args)?;
    let p = &args.positional;
    let arg = |i: usize| {
        p.get(i)
            .map(String::as_str)
            .ok_or("missing argument".to_owned())
    };
    let provisional =
        |p: &icp_filing::calendar::Provenance| if p.provisional { " provisional" } else { "" };
    match arg(0)? {
        "is-workday" => {
            if p.len() < 2 {
                return Err("is-workday needs at least one DATE".into());
            }
            for text in &p[1..] {
                let answer = calendar
                    .is_working_day(parse_date(text, "date")?)
                    .map_err(|e| e.to_string())?;
                let word = if answer.value { "workday" } else { "off" };
                outln!(out, "{text} {word}{}", provisional(&answer.provenance));
            }
        }
        "add" => {
            let n: u32 = arg(2)?
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or("N must be a whole number of at least 1".to_owned())?;
            let answer = calendar
                .add_working_days(parse_date(arg(1)?, "date")?, n)
                .map_err(|e| e.to_string())?;
            outln!(out, "{}{}", answer.value, provisional(&answer.provenance));
        }
        "between" => {
            let answer = calendar
                .working_days_between(parse_date(arg(1)?, "date")?, parse_date(arg(2)?, "date")?)
                .map_err(|e| e.to_string())?;
            outln!(out, "{}{}", answer.value, provisional(&answer.provenance));
        }
        other => {
            return Err(format!(
                "unknown calendar command {other} (use: is-workday, add or between)"
            ))
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let mut out = String::new();
    // The usage follows a malformed command line only: after an input that can't be read
    // or is not a filing, it would bury the message that says what is wrong.
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("icp-precheck: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = run(args, &mut out);
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.as_bytes());
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("icp-precheck: {message}");
            ExitCode::from(2)
        }
    }
}
