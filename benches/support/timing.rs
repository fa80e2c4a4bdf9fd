//! A tiny timing helper shared by the benchmarks: median of several batches, with min and
//! max, printed as one table row. No framework, so benches build as fast as tests.

use std::hint::black_box;
use std::time::Instant;

/// Runs `f` in `batches` batches of `per_batch` calls (after one warm-up batch) and prints
/// `label | median | min | max` per call, in microseconds. Returns the median.
pub fn measure<T>(label: &str, batches: usize, per_batch: u32, mut f: impl FnMut() -> T) -> f64 {
    for _ in 0..per_batch {
        black_box(f());
    }
    let mut per_call: Vec<f64> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                black_box(f());
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(per_batch)
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    let median = per_call[per_call.len() / 2];
    println!(
        "| {label} | {median:.3} | {:.3} | {:.3} |",
        per_call[0],
        per_call[per_call.len() - 1]
    );
    median
}

/// Prints the table header.
pub fn header(title: &str) {
    println!("\n{title}\n\n| what | median µs/call | min | max |\n|---|---|---|---|");
}
