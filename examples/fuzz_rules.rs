//! The long fuzz run of the shared rules: a million generated filings (arbitrary Unicode in
//! every field, near misses, other JSON types, malformed text; see
//! `tests/support/fuzz_gen.rs`) through everything the widget and the receiver call, on every
//! core. Any panic or broken invariant is written to `target/fuzz/` with its seed and index,
//! and the run exits non-zero.
//!
//! ```text
//! cargo run --profile release-native --example fuzz_rules -- [--cases N] [--seed S] [--threads T]
//! ```

#[path = "../tests/support/fuzz_gen.rs"]
mod fuzz_gen;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

struct Args {
    cases: u64,
    seed: u64,
    threads: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        cases: 1_000_000,
        seed: 1,
        threads: std::thread::available_parallelism().map_or(2, |n| n.get() as u64),
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let value = given.next().ok_or(format!("{flag} needs a value"))?;
        let number: u64 = value
            .replace('_', "")
            .parse()
            .map_err(|_| format!("{flag} {value}: not a number"))?;
        match flag.as_str() {
            "--cases" => args.cases = number,
            "--seed" => args.seed = number,
            "--threads" => args.threads = number.max(1),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

/// Writes a failing case where it can be replayed from.
fn record(dir: &Path, seed: u64, index: u64, what: &str, text: &str) {
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(format!("seed{seed}-case{index}.json"));
    let _ = std::fs::write(&path, text);
    eprintln!(
        "fuzz: case {index} (seed {seed}): {what}; input in {}",
        path.display()
    );
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fuzz_rules: {e}\nusage: fuzz_rules [--cases N] [--seed S] [--threads T]");
            return ExitCode::from(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = Arc::new(fuzz_gen::Corpus::load(root));
    let findings: PathBuf = root.join("target/fuzz");
    // Panics are counted and recorded here; the default report would flood the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let next = Arc::new(AtomicU64::new(0));
    let (parsed, issues, panics, broken) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
    );
    let started = Instant::now();
    println!(
        "fuzz: {} filings from {} seed filings, seed {}, {} threads",
        args.cases,
        corpus.seeds(),
        args.seed,
        args.threads
    );
    let workers: Vec<_> = (0..args.threads)
        .map(|_| {
            let (corpus, next, findings) = (corpus.clone(), next.clone(), findings.clone());
            let (parsed, issues, panics, broken) = (
                parsed.clone(),
                issues.clone(),
                panics.clone(),
                broken.clone(),
            );
            let (cases, seed) = (args.cases, args.seed);
            std::thread::spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= cases {
                    break;
                }
                let text = corpus.case(seed, index);
                match catch_unwind(AssertUnwindSafe(|| fuzz_gen::exercise(&text, index))) {
                    Ok(Ok(outcome)) => {
                        parsed.fetch_add(u64::from(outcome.parsed), Ordering::Relaxed);
                        issues.fetch_add(outcome.issues as u64, Ordering::Relaxed);
                    }
                    Ok(Err(what)) => {
                        broken.fetch_add(1, Ordering::Relaxed);
                        record(&findings, seed, index, &what, &text);
                    }
                    Err(payload) => {
                        panics.fetch_add(1, Ordering::Relaxed);
                        let message = payload
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| payload.downcast_ref::<String>().cloned())
                            .unwrap_or_default();
                        record(&findings, seed, index, &format!("panic: {message}"), &text);
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
    let (panics, broken) = (
        panics.load(Ordering::Relaxed),
        broken.load(Ordering::Relaxed),
    );
    println!(
        "fuzz: {} filings ({} parsed, {} issues reported), {panics} panics, {broken} invariant failures, {elapsed:.0} s, {:.0}/s, seed {}",
        args.cases,
        parsed.load(Ordering::Relaxed),
        issues.load(Ordering::Relaxed),
        args.cases as f64 / elapsed.max(1e-9),
        args.seed
    );
    if panics + broken > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
