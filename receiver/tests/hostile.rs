//! Hostile and careless requests over real HTTP: cross-site writes, bodies that are not JSON
//! or not UTF-8, answers that must not echo parser or internal text, panics, caching of
//! personal data, and static files that must stay private.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{good_filing, json_post, raw_exchange, refused_start, stored_count, Running};
use icp_receiver::Config;
use serde_json::{json, Value};

const EVIL: &str = "https://evil.example";
const CONSOLE: &str = "https://console.example.com";

fn receiver(dir: &Path, change: impl FnOnce(&mut Config)) -> Running {
    let mut config = Config {
        data_dir: dir.to_owned(),
        ..Config::default()
    };
    change(&mut config);
    Running::with(config)
}

/// `POST /api/filings` of the good filing with `headers` (and no others): the status and
/// the error code.
fn post_with(server: &Running, headers: &[(&str, &str)]) -> (u16, Value) {
    let reply = server.send(
        "POST",
        "/api/filings",
        headers,
        Some(&good_filing().to_string()),
    );
    (reply.status, reply.json["error"]["code"].clone())
}

#[test]
fn a_post_whose_body_is_not_declared_json_gets_415() {
    let dir = tempfile::tempdir().unwrap();
    let server = receiver(dir.path(), |c| {
        c.demo = true;
        c.faults = true;
    });
    for content_type in [
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/jsonp"),
        None,
    ] {
        let headers: Vec<(&str, &str)> = content_type
            .map(|v| vec![("content-type", v)])
            .unwrap_or_default();
        let (status, code) = post_with(&server, &headers);
        assert_eq!(status, 415, "{content_type:?}");
        assert_eq!(code, "body.not_json", "{content_type:?}");
    }
    // The other POSTs too.
    let id = server.post_filing(&good_filing().to_string(), None).json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for path in [format!("/api/filings/{id}/advance"), "/__faults".to_owned()] {
        let reply = server.send("POST", &path, &[("content-type", "text/plain")], Some("{}"));
        assert_eq!(reply.status, 415, "{path}");
    }
    // Parameters are fine.
    let (status, _) = post_with(
        &server,
        &[("content-type", "Application/JSON; charset=utf-8")],
    );
    assert_eq!(status, 201);
    // A compressed body is named as such, not read as text that is not UTF-8.
    for encoding in ["gzip", "br, gzip"] {
        let (status, code) = post_with(
            &server,
            &[
                ("content-type", "application/json"),
                ("content-encoding", encoding),
            ],
        );
        assert_eq!(
            (status, code.as_str()),
            (415, Some("body.encoded")),
            "{encoding}"
        );
    }
    let (status, _) = post_with(
        &server,
        &[
            ("content-type", "application/json"),
            ("content-encoding", "identity"),
        ],
    );
    assert_eq!(status, 201);
    drop(server);
    assert_eq!(stored_count(dir.path()), 3);
}

#[test]
fn requests_that_change_data_from_another_site_get_403() {
    let dir = tempfile::tempdir().unwrap();
    let server = receiver(dir.path(), |c| c.faults = true);
    let json = ("content-type", "application/json");
    let own = server.url.clone();
    for (headers, expected) in [
        (vec![json, ("origin", EVIL)], 403),
        (vec![json, ("origin", "null")], 403),
        (vec![json, ("sec-fetch-site", "cross-site")], 403),
        (
            vec![
                json,
                ("origin", own.as_str()),
                ("sec-fetch-site", "cross-site"),
            ],
            403,
        ),
        (vec![json, ("origin", "http://127.0.0.1:1")], 403),
        // The receiver's own pages, and clients that are not browsers.
        (vec![json, ("origin", own.as_str())], 201),
        (
            vec![
                json,
                ("origin", own.as_str()),
                ("sec-fetch-site", "same-origin"),
            ],
            201,
        ),
        (vec![json], 201),
        (vec![json, ("sec-fetch-site", "none")], 201),
    ] {
        let (status, code) = post_with(&server, &headers);
        assert_eq!(status, expected, "{headers:?}");
        if status == 403 {
            assert_eq!(code, "request.cross_site", "{headers:?}");
        }
    }
    // Same origin is the host the request was sent to, whatever its name.
    let port = server.addr.port();
    let body = good_filing().to_string();
    let via_localhost = json_post(
        "/api/filings",
        body.as_bytes(),
        &[("Origin", &format!("http://localhost:{port}"))],
    );
    let via_localhost = String::from_utf8(via_localhost).unwrap().replacen(
        "Host: 127.0.0.1\r\n",
        &format!("Host: localhost:{port}\r\n"),
        1,
    );
    let reply = raw_exchange(
        server.addr,
        via_localhost.as_bytes(),
        Duration::from_secs(5),
    )
    .unwrap();
    assert_eq!(reply.status, 201, "{}", reply.head);
    // Other state-changing methods, and reads from anywhere (the browser keeps their answers
    // from the other site's script).
    let reply = server.send("DELETE", "/__faults", &[("origin", EVIL)], None);
    assert_eq!(reply.status, 403);
    assert_eq!(
        server
            .send("GET", "/api/health", &[("origin", EVIL)], None)
            .status,
        200
    );
    drop(server);
    assert_eq!(stored_count(dir.path()), 5);
}

#[test]
fn allowed_origins_may_change_data() {
    let dir = tempfile::tempdir().unwrap();
    let server = receiver(dir.path(), |c| {
        c.allow_origins = vec![format!("{CONSOLE}/")]
    });
    let json = ("content-type", "application/json");
    for (headers, expected) in [
        (vec![json, ("origin", CONSOLE)], 201),
        (
            vec![json, ("origin", CONSOLE), ("sec-fetch-site", "cross-site")],
            201,
        ),
        (
            vec![json, ("origin", EVIL), ("sec-fetch-site", "cross-site")],
            403,
        ),
        (vec![json, ("sec-fetch-site", "cross-site")], 403),
    ] {
        assert_eq!(post_with(&server, &headers).0, expected, "{headers:?}");
    }
    drop(server);
    let any = receiver(dir.path(), |c| c.allow_origins = vec!["*".to_owned()]);
    for headers in [
        vec![json, ("origin", EVIL)],
        vec![json, ("sec-fetch-site", "cross-site")],
    ] {
        assert_eq!(post_with(&any, &headers).0, 201, "{headers:?}");
    }
    drop(any);
    assert_eq!(stored_count(dir.path()), 4);
}

/// Wording of parsers and internals that must not reach a client.
const INTERNAL: &[&str] = &[
    "line ",
    "column",
    "expected",
    "invalid type",
    "unknown variant",
    "EOF",
    "recursion",
    "serde",
    "panicked",
    "injected fault: panic",
    "rusqlite",
    "sqlite",
    "Failed to",
    "task ",
];

fn assert_no_internal_text(what: &str, text: &str, echoed: &[&str]) {
    for word in INTERNAL.iter().chain(echoed) {
        assert!(!text.contains(word), "{what}: {word:?} in {text}");
    }
}

#[test]
fn bad_bodies_get_fixed_messages_that_echo_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = receiver(dir.path(), |c| c.demo = true);
    let mut unknown_enum = good_filing();
    unknown_enum["filingType"] = json!("hackTheBox");
    let mut wrong_type = good_filing();
    wrong_type["subject"]["name"] = json!({ "secret": "张三身份证440304199208180034" });
    let deep = format!(
        "{{\"schemaVersion\":1,\"subject\":{{\"name\":{}{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let cases: Vec<(&str, String, &[&str])> = vec![
        (
            "malformed",
            r#"{"schemaVersion": 1, "province": "#.to_owned(),
            &[],
        ),
        ("empty", String::new(), &[]),
        ("not an object", "[1,2,3]".to_owned(), &[]),
        (
            "wrong types",
            r#"{"schemaVersion":"one","subject":5}"#.to_owned(),
            &["one"],
        ),
        (
            "unknown enum value",
            unknown_enum.to_string(),
            &["hackTheBox"],
        ),
        (
            "wrong type with personal data",
            wrong_type.to_string(),
            &["张三", "440304199208180034", "secret"],
        ),
        ("nested 100,000 deep", deep, &[]),
        (
            "a filing and more",
            format!("{} garbage", good_filing()),
            &["garbage"],
        ),
        (
            "two filings",
            format!("{}{}", good_filing(), good_filing()),
            &[],
        ),
        ("top level nested deep", "[".repeat(100_000), &[]),
    ];
    for (what, body, echoed) in &cases {
        let reply = server.post_filing(body, None);
        assert_eq!(reply.status, 400, "{what}: {}", reply.text);
        assert_eq!(reply.json["error"]["code"], "body.not_a_filing", "{what}");
        assert_no_internal_text(what, &reply.text, echoed);
    }
    let id = server.post_filing(&good_filing().to_string(), None).json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = server.send(
        "POST",
        &format!("/api/filings/{id}/advance"),
        &[("content-type", "application/json")],
        Some(r#"{"outcome": "approvedBySecretAgent"}"#),
    );
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json["error"]["code"], "body.invalid");
    assert_no_internal_text("advance", &reply.text, &["approvedBySecretAgent"]);
    // An id that does not decode names no filing.
    for path in ["/api/filings/%FF%FE", "/api/filings/%FF/status"] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.json["error"]["code"], "filing.not_found", "{path}");
        assert_no_internal_text(path, &reply.text, &[]);
    }
    drop(server);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn a_body_that_is_not_utf8_is_refused_and_never_stored() {
    let dir = tempfile::tempdir().unwrap();
    let server = Running::start(dir.path());
    let mut filing = good_filing();
    filing["subject"]["name"] = json!("深圳市MARKER有限公司");
    // A filing that passes the rules once its invalid bytes are replaced by U+FFFD.
    let text = filing.to_string();
    let mut body = text.into_bytes();
    let at = body.windows(6).position(|w| w == b"MARKER").unwrap();
    body.splice(at..at + 6, [0xff, 0xfe, 0xc3, 0x28]);
    let reply = raw_exchange(
        server.addr,
        &json_post("/api/filings", &body, &[("Idempotency-Key", "latin")]),
        Duration::from_secs(10),
    )
    .unwrap();
    assert_eq!(
        reply.status,
        400,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.json()["error"]["code"], "body.not_utf8");
    drop(server);
    assert_eq!(stored_count(dir.path()), 0);
}

#[test]
fn every_api_answer_says_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!doctype html>").unwrap();
    let server = receiver(dir.path(), |c| {
        c.demo = true;
        c.faults = true;
        c.site_dir = Some(site.path().to_owned());
    });
    let body = good_filing().to_string();
    let json = ("content-type", "application/json");
    let created = server.post_filing(&body, Some("k"));
    let id = created.json["id"].as_str().unwrap().to_owned();
    let mut invalid = good_filing();
    invalid["subject"]["certificate"]["number"] = json!("9144030070846113");
    let huge = "x".repeat(icp_receiver::MAX_BODY_BYTES + 1);
    let replies = vec![
        ("201", created),
        ("201 replayed", server.post_filing(&body, Some("k"))),
        ("422", server.post_filing(&invalid.to_string(), None)),
        ("400", server.post_filing("{", None)),
        ("409", server.post_filing(&invalid.to_string(), Some("k"))),
        ("413", server.post_filing(&huge, None)),
        ("415", server.send("POST", "/api/filings", &[], Some(&body))),
        (
            "403",
            server.send(
                "POST",
                "/api/filings",
                &[json, ("origin", EVIL)],
                Some(&body),
            ),
        ),
        (
            "405",
            server.send("PUT", "/api/filings", &[json], Some(&body)),
        ),
        ("filing", server.get(&format!("/api/filings/{id}"))),
        ("status", server.get(&format!("/api/filings/{id}/status"))),
        ("404 filing", server.get("/api/filings/icpf_nope")),
        ("404 route", server.get("/api/nothing")),
        ("health", server.get("/api/health")),
        (
            "advance",
            server.send("POST", &format!("/api/filings/{id}/advance"), &[json], None),
        ),
        ("faults", server.get("/__faults")),
    ];
    for (what, reply) in &replies {
        assert_eq!(
            reply.header("cache-control"),
            Some("no-store"),
            "{what} ({})",
            reply.status
        );
    }
    // Static files may be cached, and are revalidated (tests/serving.rs).
    let page = server.get("/index.html");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("cache-control"), Some("no-cache"));
}

#[test]
fn a_panic_while_handling_a_filing_answers_500_without_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let server = receiver(dir.path(), |c| c.faults = true);
    let body = good_filing().to_string();
    server.inject(json!({ "kind": "panic" }));
    let reply = server.post_filing(&body, Some("p-1"));
    assert_eq!(reply.status, 500, "{}", reply.text);
    assert_eq!(reply.json["error"]["code"], "server.failed");
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_no_internal_text("panic", &reply.text, &[]);
    assert_eq!(stored_count(dir.path()), 0);
    // The receiver carries on; the key was not bound.
    let retry = server.post_filing(&body, Some("p-1"));
    assert_eq!(retry.status, 201, "{}", retry.text);
    assert_eq!(retry.header("idempotent-replayed"), None);
    assert_eq!(server.get("/__faults").json["fired"][0]["kind"], "panic");
    drop(server);
    assert_eq!(stored_count(dir.path()), 1);
}

#[test]
fn the_site_serves_no_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    let site = tempfile::tempdir().unwrap();
    let s = site.path();
    std::fs::create_dir_all(s.join(".git")).unwrap();
    std::fs::create_dir_all(s.join("pkg/.cache")).unwrap();
    std::fs::write(s.join("index.html"), "<!doctype html><title>site</title>").unwrap();
    std::fs::write(s.join(".git/config"), "SECRET-GIT").unwrap();
    std::fs::write(s.join(".env"), "SECRET-ENV").unwrap();
    std::fs::write(s.join("pkg/.cache/key"), "SECRET-CACHE").unwrap();
    std::fs::write(s.join("pkg/app.js"), "// app").unwrap();
    let server = receiver(dir.path(), |c| c.site_dir = Some(s.to_owned()));
    for path in [
        "/.git/config",
        "/.env",
        "/%2eenv",
        "/%2Eenv",
        "/pkg/.cache/key",
        "/pkg/%2ecache/key",
        "/pkg/../.env",
        "/pkg/%2e%2e/.env",
        "/.git/",
        "/..%2f.env",
    ] {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        let reply = raw_exchange(server.addr, request.as_bytes(), Duration::from_secs(5))
            .unwrap_or_else(|| panic!("{path}: no answer"));
        let text = String::from_utf8_lossy(&reply.body);
        assert!(!text.contains("SECRET"), "{path}: {text}");
        assert!(
            (400..500).contains(&reply.status),
            "{path}: {}",
            reply.status
        );
    }
    assert_eq!(server.get("/index.html").status, 200);
    assert_eq!(server.get("/").status, 200);
    assert_eq!(server.get("/pkg/app.js").status, 200);
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_the_site_never_lead_to_the_database_or_outside() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let site = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let s = site.path();
    std::fs::write(s.join("index.html"), "<!doctype html><title>site</title>").unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET-OUTSIDE").unwrap();
    std::fs::create_dir_all(s.join("assets")).unwrap();
    std::fs::write(s.join("assets/app.css"), "body{}").unwrap();
    let server = receiver(dir.path(), |c| c.site_dir = Some(s.to_owned()));
    // Linked after the start: the database file exists by now.
    symlink(dir.path(), s.join("data")).unwrap();
    symlink(outside.path().join("secret.txt"), s.join("secret.txt")).unwrap();
    symlink(s.join("assets"), s.join("static")).unwrap();
    for path in ["/data/filings.sqlite3", "/secret.txt"] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.text.contains("SECRET"), "{path}");
    }
    // A link that stays inside the site is an ordinary file.
    assert_eq!(server.get("/static/app.css").status, 200);
}

#[test]
fn a_data_directory_inside_the_site_is_refused() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("index.html"), "<!doctype html>").unwrap();
    for data in [
        site.path().join("data"),
        site.path().to_owned(),
        // Another spelling of the same place.
        site.path().join("sub/../data2"),
    ] {
        std::fs::create_dir_all(site.path().join("sub")).unwrap();
        let error = refused_start(Config {
            data_dir: data.clone(),
            site_dir: Some(site.path().to_owned()),
            ..Config::default()
        });
        eprintln!("data {}: {error}", data.display());
        assert!(error.contains("inside the site folder"), "{error}");
        // Refused before anything is written: no lock file in the site to be served.
        assert!(
            !data.join(icp_receiver::LOCK_FILE).exists(),
            "{}",
            data.display()
        );
    }
    assert!(!site.path().join("data").exists());
    // Side by side is fine.
    let apart = tempfile::tempdir().unwrap();
    let server = receiver(apart.path(), |c| c.site_dir = Some(site.path().to_owned()));
    assert_eq!(server.get("/index.html").status, 200);
    // An address in use is named, and refused before the data directory is made.
    let elsewhere = tempfile::tempdir().unwrap();
    let data = elsewhere.path().join("data");
    let error = common::refused_start_at(
        server.addr,
        Config {
            data_dir: data.clone(),
            ..Config::default()
        },
    );
    assert!(error.contains(&server.addr.to_string()), "{error}");
    assert!(!data.exists());
}

#[test]
fn an_http11_request_names_its_host_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = receiver(dir.path(), |_| {});
    let ask = |head: &str| {
        let reply =
            raw_exchange(server.addr, head.as_bytes(), Duration::from_secs(5)).expect("an answer");
        (reply.status, reply.json()["error"]["code"].clone())
    };
    let refused = (400, json!("request.host"));
    assert_eq!(
        ask("GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n"),
        refused
    );
    assert_eq!(
        ask("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
        refused
    );
    // HTTP/1.0 may leave it out; one Host is served.
    assert_eq!(ask("GET /api/health HTTP/1.0\r\n\r\n").0, 200);
    assert_eq!(
        ask("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").0,
        200
    );
    // A filing without a Host is not stored.
    let body = good_filing().to_string();
    let post = json_post("/api/filings", body.as_bytes(), &[])
        .into_iter()
        .collect::<Vec<u8>>();
    let without_host = String::from_utf8(post)
        .unwrap()
        .replace("Host: 127.0.0.1\r\n", "");
    assert_eq!(ask(&without_host), refused);
    assert_eq!(stored_count(dir.path()), 0);
}

#[test]
fn a_write_with_two_origin_headers_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = receiver(dir.path(), |c| c.allow_origins = vec![CONSOLE.into()]);
    let body = good_filing().to_string();
    let request = json_post(
        "/api/filings",
        body.as_bytes(),
        &[("Origin", CONSOLE), ("Origin", EVIL)],
    );
    let reply = raw_exchange(server.addr, &request, Duration::from_secs(5)).expect("an answer");
    assert_eq!(
        (reply.status, reply.json()["error"]["code"].clone()),
        (403, json!("request.cross_site"))
    );
    // Either one alone is judged as usual.
    let request = json_post("/api/filings", body.as_bytes(), &[("Origin", CONSOLE)]);
    let reply = raw_exchange(server.addr, &request, Duration::from_secs(5)).expect("an answer");
    assert_eq!(reply.status, 201);
    assert_eq!(stored_count(dir.path()), 1);
}
