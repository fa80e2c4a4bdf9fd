//! SQLite and the blocking work: a write lock held by another connection is waited for, one
//! receiver per data directory, and the rules run where they hold up no other request.

mod common;

use std::time::{Duration, Instant};

use common::{good_filing, refused_start, stored_count, Running};
use icp_receiver::{Config, Store};
use serde_json::{json, Value};

#[test]
fn a_write_lock_held_by_another_connection_delays_a_post_without_failing_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let body = good_filing().to_string();
    // A first filing, so that the tables exist and the key lookup reads something.
    assert_eq!(server.post_filing(&body, Some("before")).status, 201);

    let other = rusqlite::Connection::open(dir.path().join(Store::FILE_NAME)).unwrap();
    other
        .execute_batch(
            "BEGIN IMMEDIATE;
             CREATE TABLE elsewhere (x INTEGER);
             INSERT INTO elsewhere VALUES (1);",
        )
        .unwrap();
    let held = Duration::from_millis(1000);
    let (started, reply) = std::thread::scope(|s| {
        let post = s.spawn(|| {
            let started = Instant::now();
            // With a key: the receiver reads the key before it writes, which is where a
            // deferred transaction would fail at once instead of waiting.
            let reply = server.post_filing(&body, Some("while-locked"));
            (started, reply, started.elapsed())
        });
        std::thread::sleep(held);
        other.execute_batch("COMMIT").unwrap();
        let (started, reply, took) = post.join().unwrap();
        eprintln!(
            "POST while another connection held the write lock for {held:?}: {} after {took:?}",
            reply.status
        );
        (started, reply)
    });
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert!(
        started.elapsed() >= held - Duration::from_millis(200),
        "the POST waited for the lock"
    );
    assert_eq!(reply.header("idempotent-replayed"), None);
    drop(server);
    assert_eq!(stored_count(dir.path()), 2);
}

#[test]
fn a_second_receiver_on_the_same_data_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = Running::start(dir.path());
    let error = refused_start(Config {
        data_dir: dir.path().to_owned(),
        ..Config::default()
    });
    eprintln!("second receiver: {error}");
    assert!(
        error.contains(&dir.path().display().to_string()),
        "names the directory: {error}"
    );
    assert!(error.contains("in use"), "{error}");
    assert!(error.contains(icp_receiver::LOCK_FILE), "{error}");
    // The first one is unaffected.
    assert_eq!(first.get("/api/health").status, 200);
    assert_eq!(
        first.post_filing(&good_filing().to_string(), None).status,
        201
    );
    drop(first);
    // Once it has stopped the directory is free again.
    let second = Running::start(dir.path());
    assert_eq!(second.get("/api/health").status, 200);
    drop(second);
    assert_eq!(stored_count(dir.path()), 1);
}

/// A filing of `sites` websites, each with its own domain, its warnings acknowledged (so the
/// answer is a short `201`, not a long report).
fn large_filing(sites: usize) -> Value {
    let mut filing = good_filing();
    let template = filing["websites"][0].clone();
    let websites: Vec<Value> = (0..sites)
        .map(|i| {
            let mut site = template.clone();
            site["name"] = json!(format!("腾讯云{i}官网"));
            site["domains"] = json!([format!("site{i}-example.com")]);
            site["homepage"] = json!(format!("https://www.site{i}-example.com"));
            site
        })
        .collect();
    filing["websites"] = json!(websites);
    let report = validate(&filing);
    let warnings: Vec<String> = report
        .issues
        .iter()
        .map(|i| format!("{}@{}", i.code, i.path))
        .collect();
    filing["acknowledgedWarnings"] = json!(warnings);
    filing
}

fn validate(filing: &Value) -> icp_filing::report::Report {
    let parsed = icp_filing::model::parse_filing(&filing.to_string()).unwrap();
    let ctx = icp_filing::rules::RuleContext::new(icp_receiver::today_in_china());
    icp_filing::rules::validate(&parsed, &ctx)
}

/// How long the rules take on `filing` here (this build, this machine).
fn validation_time(filing: &Value) -> Duration {
    let started = Instant::now();
    let report = validate(filing);
    let took = started.elapsed();
    assert!(report.ok, "{:?}", report.issues.first());
    took
}

#[test]
fn large_filings_being_validated_do_not_hold_up_other_requests() {
    let dir = tempfile::tempdir().unwrap();
    // The test receiver runs on ONE async thread: rules run there would stall everything.
    let server = Running::start(dir.path());
    let mut sites = 400;
    let (filing, one) = loop {
        let filing = large_filing(sites);
        let one = validation_time(&filing);
        if one >= Duration::from_millis(150) || filing.to_string().len() > 700 * 1024 {
            break (filing, one);
        }
        sites *= 2;
    };
    let body = filing.to_string();
    assert!(body.len() < icp_receiver::MAX_BODY_BYTES);
    let posts = 4;
    eprintln!(
        "{sites} websites, {} KiB: validation takes {one:?} here; {posts} at once",
        body.len() / 1024
    );
    let (latencies, statuses) = std::thread::scope(|s| {
        let senders: Vec<_> = (0..posts)
            .map(|_| s.spawn(|| server.post_filing(&body, None).status))
            .collect();
        // Give the bodies time to arrive, then ask for health while they are validated.
        std::thread::sleep(Duration::from_millis(30));
        let mut latencies = Vec::new();
        while senders.iter().any(|h| !h.is_finished()) {
            let started = Instant::now();
            assert_eq!(server.get("/api/health").status, 200);
            latencies.push(started.elapsed());
            std::thread::sleep(Duration::from_millis(10));
        }
        let statuses: Vec<u16> = senders.into_iter().map(|h| h.join().unwrap()).collect();
        (latencies, statuses)
    });
    let worst = latencies.iter().max().copied().unwrap_or_default();
    eprintln!(
        "health during the validations: {} requests, worst {worst:?}; POSTs answered {statuses:?}",
        latencies.len()
    );
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    assert!(
        latencies.len() >= 2,
        "health was asked during the validations"
    );
    assert!(
        worst < one / 2,
        "health took {worst:?} while filings were validated ({one:?} each)"
    );
}

/// A database file moved away while the receiver runs (every filing stored after would be
/// lost) turns health to 503; one with damaged pages behind a sound header is refused at
/// start, not found out by every request.
#[test]
fn health_fails_when_the_database_file_is_gone_and_damaged_pages_are_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(Store::FILE_NAME);
    let server = Running::start(dir.path());
    assert_eq!(server.get("/api/health").status, 200);
    for _ in 0..3 {
        assert_eq!(
            server.post_filing(&good_filing().to_string(), None).status,
            201
        );
    }
    let moved = dir.path().join("moved.sqlite3");
    std::fs::rename(&db, &moved).unwrap();
    let reply = server.get("/api/health");
    assert_eq!(reply.status, 503);
    assert_eq!(reply.json["error"]["code"], "store.failed");
    std::fs::rename(&moved, &db).unwrap();
    assert_eq!(server.get("/api/health").status, 200);
    drop(server);

    // Three pages past the header overwritten.
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 5 * 4096, "{} bytes", bytes.len());
    bytes[8192..8192 + 3 * 4096].fill(0xff);
    std::fs::write(&db, &bytes).unwrap();
    let error = refused_start(Config {
        data_dir: dir.path().to_owned(),
        ..Config::default()
    });
    eprintln!("damaged database: {error}");
    assert!(error.contains(&db.display().to_string()), "{error}");
    assert!(error.contains("is damaged"), "{error}");
}
