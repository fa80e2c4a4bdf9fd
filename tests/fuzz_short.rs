//! A short fuzz run of the shared rules: 3,000 generated filings (`tests/support/fuzz_gen.rs`)
//! through everything the widget and the receiver call (`tests/support/fuzz_check.rs`), with
//! no panic and no broken invariant. `./dev.sh fuzz` runs a million
//! (`examples/fuzz_rules.rs`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/fuzz_gen.rs"]
mod fuzz_gen;

#[path = "support/fuzz_check.rs"]
mod fuzz_check;

#[path = "support/report_paths.rs"]
mod report_paths;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

const CASES: u64 = 5_000;
const SEED: u64 = 20_261_204;

/// Failures shown in full; the rest are counted.
const SHOWN: usize = 10;

/// What a share of the run found.
#[derive(Default)]
struct Tally {
    parsed: u64,
    issues: usize,
    ok: u64,
    /// `(case, what happened, input)`.
    failures: Vec<(u64, String, String)>,
}

/// Runs cases `first`, `first + step`, … of the run.
fn run_share(corpus: &fuzz_gen::Corpus, first: u64, step: u64) -> Tally {
    let mut tally = Tally::default();
    for index in (first..CASES).step_by(step as usize) {
        let case = corpus.case(SEED, index);
        let run = catch_unwind(AssertUnwindSafe(|| {
            fuzz_check::exercise(&case.text, case.context, corpus)
        }));
        let what = match run {
            Ok(Ok(outcome)) => {
                tally.parsed += u64::from(outcome.parsed);
                tally.issues += outcome.issues;
                tally.ok += u64::from(outcome.ok);
                continue;
            }
            Ok(Err(broken)) => format!("invariant broken: {broken}"),
            Err(_) => fuzz_check::last_panic(),
        };
        tally.failures.push((index, what, case.text));
    }
    tally
}

#[test]
fn generated_filings_never_panic_or_break_an_invariant() {
    let corpus = fuzz_gen::Corpus::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(corpus.seeds() >= 90, "the fixtures seed the generator");
    assert!(corpus.regions.is_some(), "data/regions/regions.json loads");
    fuzz_check::record_panics_quietly();
    // On every core: the cases are independent and the debug build is slow.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get() as u64);
    let shares: Vec<Tally> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                let corpus = &corpus;
                scope.spawn(move || run_share(corpus, first, threads))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a fuzz worker panicked outside a case"))
            .collect()
    });
    let parsed: u64 = shares.iter().map(|t| t.parsed).sum();
    let issues: usize = shares.iter().map(|t| t.issues).sum();
    let ok: u64 = shares.iter().map(|t| t.ok).sum();
    let mut failures: Vec<(u64, String, String)> =
        shares.into_iter().flat_map(|t| t.failures).collect();
    failures.sort_by_key(|f| f.0);
    let shown: Vec<String> = failures
        .iter()
        .take(SHOWN)
        .map(|(index, what, text)| {
            let mut input = text.clone();
            if input.len() > 4000 {
                let cut = (0..=4000)
                    .rev()
                    .find(|i| input.is_char_boundary(*i))
                    .unwrap_or(0);
                input.truncate(cut);
                input.push('…');
            }
            format!(
                "case {index}: {what}\n  replay: cargo run --profile release-native --example fuzz_rules -- --seed {SEED} --case {index}\n  input: {input}"
            )
        })
        .collect();
    // The default report again, for the assertions below.
    let _ = std::panic::take_hook();
    assert!(
        failures.is_empty(),
        "{} of {CASES} generated filings failed; the first {}:\n{}",
        failures.len(),
        shown.len(),
        shown.join("\n")
    );
    // Most cases must reach the rules, or the run tests only the JSON parser; the rules must
    // find problems in most, and pass some.
    assert!(
        parsed * 5 > CASES * 3,
        "only {parsed} of {CASES} cases parsed as filings"
    );
    assert!(
        issues > parsed as usize,
        "the generated values reach the rules: {issues} issues"
    );
    assert!(ok > 0, "no generated filing passed the rules");
}
