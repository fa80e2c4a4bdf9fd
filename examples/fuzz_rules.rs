//! The long fuzz run of the shared rules: a million generated filings (whole filings with
//! arbitrary Unicode or near-valid values in every field, mutated fixtures, malformed JSON;
//! see `tests/support/fuzz_gen.rs`) through everything the widget and the receiver call
//! (`tests/support/fuzz_check.rs`), on every core. A panic or a broken invariant is written
//! to `target/fuzz/` (the input as `seed<S>-case<I>.json`, what happened and where as
//! `.txt`) and the run exits non-zero.
//!
//! ```text
//! cargo run --profile release-native --example fuzz_rules -- [--cases N] [--seed S] [--threads T]
//! cargo run --profile release-native --example fuzz_rules -- --seed S --case I    # replay one case
//! cargo run --profile release-native --example fuzz_rules -- --replay FILE [--context C]
//! ```

#[path = "../tests/support/fuzz_gen.rs"]
mod fuzz_gen;

#[path = "../tests/support/fuzz_check.rs"]
mod fuzz_check;

#[path = "../tests/support/report_paths.rs"]
mod report_paths;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fuzz_gen::{Case, Corpus};

struct Args {
    cases: u64,
    seed: u64,
    threads: u64,
    /// Replay one case of the seed's run.
    case: Option<u64>,
    /// Replay a recorded input.
    replay: Option<PathBuf>,
    context: u64,
}

const USAGE: &str = "usage: fuzz_rules [--cases N] [--seed S] [--threads T]\n       fuzz_rules --seed S --case I\n       fuzz_rules --replay FILE [--context C]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        cases: 1_000_000,
        seed: 1,
        threads: std::thread::available_parallelism().map_or(2, |n| n.get() as u64),
        case: None,
        replay: None,
        context: 0,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let value = given.next().ok_or(format!("{flag} needs a value"))?;
        if flag == "--replay" {
            args.replay = Some(PathBuf::from(value));
            continue;
        }
        let number: u64 = value
            .replace('_', "")
            .parse()
            .map_err(|_| format!("{flag} {value}: not a number"))?;
        match flag.as_str() {
            "--cases" => args.cases = number,
            "--seed" => args.seed = number,
            "--threads" => args.threads = number.max(1),
            "--case" => args.case = Some(number),
            "--context" => args.context = number,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

/// Runs one case with the default panic report, for replaying a finding.
fn replay(text: &str, context: u64, corpus: &Corpus) -> ExitCode {
    eprintln!(
        "fuzz: replaying {} bytes, context {context} (today {})",
        text.len(),
        fuzz_check::today_for(context)
    );
    match fuzz_check::exercise(text, context, corpus) {
        Ok(outcome) => {
            println!("fuzz: no panic, invariants hold ({outcome:?})");
            ExitCode::SUCCESS
        }
        Err(broken) => {
            println!("fuzz: invariant broken: {broken}");
            ExitCode::FAILURE
        }
    }
}

/// A failing case, where it can be replayed from.
struct Finding<'a> {
    seed: u64,
    index: u64,
    case: &'a Case,
    what: String,
}

fn record(dir: &Path, finding: &Finding) {
    let _ = std::fs::create_dir_all(dir);
    let stem = dir.join(format!("seed{}-case{}", finding.seed, finding.index));
    let input = stem.with_extension("json");
    let _ = std::fs::write(&input, &finding.case.text);
    let note = format!(
        "{}\nseed {} case {} context {}\nreplay: cargo run --profile release-native --example fuzz_rules -- --seed {} --case {}\n    or: cargo run --profile release-native --example fuzz_rules -- --replay {} --context {}\n",
        finding.what,
        finding.seed,
        finding.index,
        finding.case.context,
        finding.seed,
        finding.index,
        input.display(),
        finding.case.context
    );
    let _ = std::fs::write(stem.with_extension("txt"), note);
    eprintln!(
        "fuzz: case {} (seed {}): {}; input in {}",
        finding.index,
        finding.seed,
        finding.what,
        input.display()
    );
}

/// Input files kept per distinct finding (the count covers every case).
const KEPT_PER_FINDING: u64 = 5;

#[derive(Default)]
struct Totals {
    parsed: AtomicU64,
    issues: AtomicU64,
    ok: AtomicU64,
    panics: AtomicU64,
    broken: AtomicU64,
    /// The slowest case: (nanoseconds, index).
    slowest: Mutex<(u64, u64)>,
    /// Each distinct finding (a panic's location, an invariant's name): how many cases hit
    /// it and the first one.
    distinct: Mutex<BTreeMap<String, (u64, u64)>>,
}

impl Totals {
    /// Counts a finding; whether its input should be written (the first few of each kind).
    fn count(&self, what: &str, index: u64) -> bool {
        // Panics group by location, broken invariants by name (their text up to the details).
        let key = match what.strip_prefix("panic at ") {
            Some(rest) => rest.split(": ").next().unwrap_or(rest).to_owned(),
            None => {
                let name = what.strip_prefix("invariant broken: ").unwrap_or(what);
                format!("invariant: {}", name.split(": ").next().unwrap_or(name))
            }
        };
        let Ok(mut distinct) = self.distinct.lock() else {
            return true;
        };
        let entry = distinct.entry(key).or_insert((0, index));
        entry.0 += 1;
        entry.0 <= KEPT_PER_FINDING
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fuzz_rules: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = Arc::new(Corpus::load(root));
    if let Some(path) = &args.replay {
        return match std::fs::read_to_string(path) {
            Ok(text) => replay(&text, args.context, &corpus),
            Err(e) => {
                eprintln!("fuzz_rules: {}: {e}", path.display());
                ExitCode::from(2)
            }
        };
    }
    if let Some(index) = args.case {
        let case = corpus.case(args.seed, index);
        println!("{}", case.text);
        return replay(&case.text, case.context, &corpus);
    }
    let findings: PathBuf = root.join("target/fuzz");
    // Panics are counted and recorded with their location; the default report would flood
    // the terminal.
    fuzz_check::record_panics_quietly();
    let next = Arc::new(AtomicU64::new(0));
    let totals = Arc::new(Totals::default());
    let started = Instant::now();
    println!(
        "fuzz: {} filings from {} seed filings and the generator, seed {}, {} threads",
        args.cases,
        corpus.seeds(),
        args.seed,
        args.threads
    );
    let workers: Vec<_> = (0..args.threads)
        .map(|_| {
            let (corpus, next, totals, findings) = (
                corpus.clone(),
                next.clone(),
                totals.clone(),
                findings.clone(),
            );
            let (cases, seed) = (args.cases, args.seed);
            std::thread::spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= cases {
                    break;
                }
                let case = corpus.case(seed, index);
                let began = Instant::now();
                let run = catch_unwind(AssertUnwindSafe(|| {
                    fuzz_check::exercise(&case.text, case.context, &corpus)
                }));
                let took = began.elapsed().as_nanos() as u64;
                if let Ok(mut slowest) = totals.slowest.lock() {
                    if took > slowest.0 {
                        *slowest = (took, index);
                    }
                }
                let what = match run {
                    Ok(Ok(outcome)) => {
                        totals
                            .parsed
                            .fetch_add(u64::from(outcome.parsed), Ordering::Relaxed);
                        totals
                            .issues
                            .fetch_add(outcome.issues as u64, Ordering::Relaxed);
                        totals
                            .ok
                            .fetch_add(u64::from(outcome.ok), Ordering::Relaxed);
                        None
                    }
                    Ok(Err(broken)) => {
                        totals.broken.fetch_add(1, Ordering::Relaxed);
                        Some(format!("invariant broken: {broken}"))
                    }
                    Err(_) => {
                        totals.panics.fetch_add(1, Ordering::Relaxed);
                        Some(fuzz_check::last_panic())
                    }
                };
                if let Some(what) = what {
                    if totals.count(&what, index) {
                        let finding = Finding {
                            seed,
                            index,
                            case: &case,
                            what,
                        };
                        record(&findings, &finding);
                    }
                }
                if (index + 1).is_multiple_of(100_000) {
                    println!(
                        "fuzz: {} done, {:.0} s",
                        index + 1,
                        started.elapsed().as_secs_f64()
                    );
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let load = |n: &AtomicU64| n.load(Ordering::Relaxed);
    let (panics, broken) = (load(&totals.panics), load(&totals.broken));
    let (slowest, slowest_index) = totals.slowest.lock().map(|s| *s).unwrap_or_default();
    println!(
        "fuzz: {} filings ({} parsed, {} passed the rules, {} issues; slowest case {} ms, #{slowest_index})",
        args.cases,
        load(&totals.parsed),
        load(&totals.ok),
        load(&totals.issues),
        Duration::from_nanos(slowest).as_millis(),
    );
    println!(
        "fuzz: {} filings, {panics} panics, {broken} invariant failures, {elapsed:.0} s, {:.0}/s, seed {}",
        args.cases,
        args.cases as f64 / elapsed.max(1e-9),
        args.seed
    );
    if panics + broken > 0 {
        if let Ok(distinct) = totals.distinct.lock() {
            for (what, (count, first)) in distinct.iter() {
                println!("fuzz: {count} cases: {what} (first: case {first})");
            }
        }
        println!(
            "fuzz: findings in {} (the first {KEPT_PER_FINDING} inputs of each)",
            findings.display()
        );
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
