//! A tiny timing helper shared by the benchmarks: median of several batches, with min and
//! max, printed as one table row. No framework, so benches build as fast as tests.
//!
//! With `ICP_BENCH_OUT` set, [`save`] also writes the rows as JSON to
//! `$ICP_BENCH_OUT/native-<name>.json` for `bench/report.mjs`.

use std::hint::black_box;
use std::sync::Mutex;
use std::time::Instant;

use serde_json::{json, Value};

static ROWS: Mutex<Vec<Value>> = Mutex::new(Vec::new());
static FACTS: Mutex<Vec<(String, Value)>> = Mutex::new(Vec::new());

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
    let (min, max) = (per_call[0], per_call[per_call.len() - 1]);
    println!("| {label} | {median:.3} | {min:.3} | {max:.3} |");
    if let Ok(mut rows) = ROWS.lock() {
        rows.push(json!({
            "label": label,
            "unit": "µs/call",
            "median": median,
            "min": min,
            "max": max,
            "batches": batches,
            "perBatch": per_batch,
        }));
    }
    median
}

/// Prints the table header.
pub fn header(title: &str) {
    println!("\n{title}\n\n| what | median µs/call | min | max |\n|---|---|---|---|");
}

/// Records a fact next to the timings (e.g. how many inputs were valid), for cross-checks.
pub fn fact(key: &str, value: impl Into<Value>) {
    if let Ok(mut facts) = FACTS.lock() {
        facts.push((key.to_owned(), value.into()));
    }
}

/// Writes the recorded rows and facts to `$ICP_BENCH_OUT/native-<name>.json`, if set.
pub fn save(name: &str) {
    let Some(dir) = std::env::var_os("ICP_BENCH_OUT") else {
        return;
    };
    let rows = ROWS.lock().map(|r| r.clone()).unwrap_or_default();
    let facts: serde_json::Map<String, Value> = FACTS
        .lock()
        .map(|f| f.iter().cloned().collect())
        .unwrap_or_default();
    let doc = json!({ "rows": rows, "facts": facts });
    let path = std::path::Path::new(&dir).join(format!("native-{name}.json"));
    if let Err(e) = std::fs::write(&path, format!("{doc:#}\n")) {
        eprintln!("cannot write {}: {e}", path.display());
    }
}

/// Reads a tab-separated input file written by `bench/inputs.mjs` from `$ICP_BENCH_OUT`.
/// `None` when the variable or the file is missing.
pub fn input_lines(file: &str) -> Option<Vec<Vec<String>>> {
    let dir = std::env::var_os("ICP_BENCH_OUT")?;
    let text = std::fs::read_to_string(std::path::Path::new(&dir).join(file)).ok()?;
    Some(
        text.lines()
            .map(|line| line.split('\t').map(str::to_owned).collect())
            .collect(),
    )
}
