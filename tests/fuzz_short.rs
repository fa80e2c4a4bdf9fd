//! A short fuzz run of the shared rules (5,000 generated filings, see `tests/support/fuzz_gen.rs`):
//! no panic and no broken invariant on any of them. `./dev.sh fuzz` runs a million.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/fuzz_gen.rs"]
mod fuzz_gen;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

const CASES: u64 = 5_000;
const SEED: u64 = 20_261_204;

#[test]
fn generated_filings_never_panic_or_break_an_invariant() {
    let corpus = fuzz_gen::Corpus::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(corpus.seeds() >= 90, "the fixtures seed the generator");
    let mut parsed = 0;
    let mut issues = 0;
    let mut failures = Vec::new();
    for index in 0..CASES {
        let text = corpus.case(SEED, index);
        match catch_unwind(AssertUnwindSafe(|| fuzz_gen::exercise(&text, index))) {
            Ok(Ok(outcome)) => {
                parsed += u64::from(outcome.parsed);
                issues += outcome.issues;
            }
            Ok(Err(broken)) => failures.push(format!("case {index}: {broken}: {text}")),
            Err(_) => failures.push(format!("case {index} panicked: {text}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Most cases must reach the rules, or the run tests only the JSON parser.
    assert!(
        parsed * 2 > CASES,
        "only {parsed} of {CASES} cases parsed as filings"
    );
    assert!(
        issues > parsed as usize,
        "the mutations reach the rules: {issues} issues"
    );
}
