//! The repository carries its own sources: every topic (`§5.1`) and source tag (`[S3]`, and the
//! province tags `Q`, `H`, `T3`, `T4`, `T17` of the rule data) cited in the code, the rule data
//! and the docs is defined in `docs/sources.md`; each source there says where it is, who
//! published it and when it was read; and nothing points at a file outside the repository.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The source list itself.
const SOURCES: &str = "docs/sources.md";

/// Where citations are collected (relative to the crate root): directories are walked.
const SCANNED: &[&str] = &["src", "data", "docs", "receiver/src", "README.md"];

/// Sources whose location was never identified (a code file whose repository is unknown, or a
/// pattern found by searching many pages). Their entry says "not identified" instead of a URL.
const UNTRACED: &[&str] = &["S18", "S18b", "S18c", "S21b", "S26b", "S26c", "S33", "S35"];

/// Mentions of the material the sources were once collected in, outside the repository.
const OUTSIDE_REFERENCES: &[&str] = &["icp-rules.md", "shared/reference"];

/// Keys of the rule data whose strings cite sources with bare province tags (`"§6 T4/H"`).
const SOURCED_KEYS: &[&str] = &["source", "disputed"];

/// A text file of the scanned places: path relative to the root (with `/`) and its text.
struct File {
    path: String,
    text: String,
}

fn scanned_files() -> Vec<File> {
    fn walk(root: &Path, relative: &str, out: &mut Vec<File>) {
        let path = root.join(relative);
        if path.is_dir() {
            let mut names: Vec<String> = fs::read_dir(&path)
                .unwrap_or_else(|e| panic!("{relative}: {e}"))
                .map(|entry| {
                    entry
                        .expect("directory entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            names.sort();
            for name in names {
                walk(root, &format!("{relative}/{name}"), out);
            }
        } else if let Ok(text) = fs::read_to_string(&path) {
            // Files that are not UTF-8 text (images, binaries) cite nothing.
            out.push(File {
                path: relative.to_string(),
                text,
            });
        }
    }
    let root = Path::new(ROOT);
    let mut out = Vec::new();
    for place in SCANNED {
        assert!(root.join(place).exists(), "{place} is missing");
        walk(root, place, &mut out);
    }
    out
}

fn sources_text() -> String {
    fs::read_to_string(Path::new(ROOT).join(SOURCES)).expect("docs/sources.md exists")
}

/// `§n` / `§n.n` tokens of a line. Every `.digits` group is kept, so `§5.1.2` is reported as
/// itself (and is not defined) rather than silently read as `§5.1`.
fn section_tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in line.match_indices('§') {
        let rest = &line[at + '§'.len_utf8()..];
        let bytes = rest.as_bytes();
        let mut end = 0;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        if end == 0 {
            continue;
        }
        while end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
            end += 1;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
        }
        out.push(format!("§{}", &rest[..end]));
    }
    out
}

/// Source tags written in brackets: `[S3]`, `[S12-gj]`, `[S14][S1]`, `[S21a, S21c]`,
/// `[S17a/S18]`. A bracket counts when its text starts with `S` and a digit or `-`, so code such
/// as `&[S]` or `[String]` is not read as a citation; every part of such a bracket is returned,
/// well-formed or not.
fn bracket_tags(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, _) in line.match_indices('[') {
        let rest = &line[open + 1..];
        let Some(close) = rest.find(']') else {
            continue;
        };
        let inside = &rest[..close];
        if inside.contains('[') {
            continue;
        }
        let mut chars = inside.chars();
        let cites = chars.next() == Some('S')
            && chars.next().is_some_and(|c| c.is_ascii_digit() || c == '-');
        if !cites {
            continue;
        }
        out.extend(
            inside
                .split([',', '/', ';', ' '])
                .filter(|part| !part.is_empty())
                .map(str::to_string),
        );
    }
    out
}

/// Bare province tags in a rule-data source string: single capital letters (`Q`, `H`) and `T`
/// followed by digits (`T3`, `T4`, `T17`), as whole ASCII words outside brackets (bracketed
/// tags are read by [`bracket_tags`]).
fn bare_tags(value: &str) -> Vec<String> {
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        outside.push(if depth == 0 && c != ']' { c } else { ' ' });
    }
    outside
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| {
            let mut chars = word.chars();
            match (chars.next(), chars.as_str()) {
                (Some(c), "") => c.is_ascii_uppercase(),
                (Some('T'), digits) => digits.bytes().all(|b| b.is_ascii_digit()),
                _ => false,
            }
        })
        .map(str::to_string)
        .collect()
}

/// The JSON string values of the `SOURCED_KEYS` written on one line of a rule-data file.
fn sourced_strings_on_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in SOURCED_KEYS {
        let quoted = format!("\"{key}\"");
        for (at, _) in line.match_indices(&quoted) {
            let rest = line[at + quoted.len()..].trim_start();
            let Some(rest) = rest.strip_prefix(':') else {
                continue;
            };
            let rest = rest.trim_start();
            if !rest.starts_with('"') {
                continue;
            }
            // Read one JSON string (escapes included) with serde_json.
            let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<String>();
            if let Some(Ok(value)) = stream.next() {
                out.push(value);
            }
        }
    }
    out
}

/// How many string values the `SOURCED_KEYS` have anywhere in a JSON document.
fn count_sourced_strings(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(key, v)| match v {
                serde_json::Value::String(_) if SOURCED_KEYS.contains(&key.as_str()) => 1,
                other => count_sourced_strings(other),
            })
            .sum(),
        serde_json::Value::Array(items) => items.iter().map(count_sourced_strings).sum(),
        _ => 0,
    }
}

/// Lines of the source list outside fenced code blocks, numbered from 1.
fn markdown_lines(text: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push((index + 1, line));
        }
    }
    out
}

/// One entry of the source list (a `### [tag]` source or a `### §n.n` topic): the line of its
/// heading and its body, up to the next heading.
struct Entry {
    line: usize,
    body: Vec<String>,
}

/// What `docs/sources.md` defines: source entries by tag, topics by `§` token (with the line of
/// their heading and their body).
struct Defined {
    sources: BTreeMap<String, Entry>,
    topics: BTreeMap<String, Entry>,
    duplicates: Vec<String>,
}

fn defined(text: &str) -> Defined {
    let mut sources: BTreeMap<String, Entry> = BTreeMap::new();
    let mut topics: BTreeMap<String, Entry> = BTreeMap::new();
    let mut duplicates = Vec::new();
    // The entry being read: (is a source, key).
    let mut current: Option<(bool, String)> = None;
    for (number, line) in markdown_lines(text) {
        if line.starts_with('#') {
            current = None;
            let heading = line.trim_start_matches('#').trim();
            let level = line.len() - line.trim_start_matches('#').len();
            if level != 3 {
                continue;
            }
            if let Some(tag) = heading.strip_prefix('[').and_then(|h| h.split_once(']')) {
                let tag = tag.0.to_string();
                if sources.contains_key(&tag) {
                    duplicates.push(format!("{SOURCES}:{number}: source [{tag}] defined twice"));
                }
                sources.insert(
                    tag.clone(),
                    Entry {
                        line: number,
                        body: Vec::new(),
                    },
                );
                current = Some((true, tag));
            } else if heading.starts_with('§') {
                let token = section_tokens(heading)
                    .into_iter()
                    .next()
                    .expect("a § heading names a topic");
                if topics.contains_key(&token) {
                    duplicates.push(format!("{SOURCES}:{number}: topic {token} defined twice"));
                }
                topics.insert(
                    token.clone(),
                    Entry {
                        line: number,
                        body: Vec::new(),
                    },
                );
                current = Some((false, token));
            }
            continue;
        }
        if let Some((is_source, key)) = &current {
            let map = if *is_source {
                &mut sources
            } else {
                &mut topics
            };
            map.get_mut(key)
                .expect("entry inserted")
                .body
                .push(line.to_string());
        }
    }
    Defined {
        sources,
        topics,
        duplicates,
    }
}

/// Every citation of one file that the source list does not define, as `path:line: token`.
fn undefined_citations(file: &File, defined: &Defined, problems: &mut Vec<String>) {
    for (index, line) in file.text.lines().enumerate() {
        let at = format!("{}:{}", file.path, index + 1);
        for token in section_tokens(line) {
            if !defined.topics.contains_key(&token) {
                problems.push(format!("{at}: topic {token} is not in {SOURCES}"));
            }
        }
        for tag in bracket_tags(line) {
            if !defined.sources.contains_key(&tag) {
                problems.push(format!("{at}: source [{tag}] is not in {SOURCES}"));
            }
        }
    }
}

#[test]
fn every_cited_topic_and_source_is_defined() {
    let text = sources_text();
    let defined = defined(&text);
    let mut problems = Vec::new();
    for file in scanned_files().iter().filter(|f| f.path != SOURCES) {
        undefined_citations(file, &defined, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "citations without an entry in {SOURCES}:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_province_tag_of_the_rule_data_is_defined() {
    let defined = defined(&sources_text());
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    let rule_data = scanned_files().into_iter().filter(|f| {
        f.path.starts_with("data/") && f.path.ends_with(".json") && f.path.matches('/').count() == 1
    });
    for file in rule_data {
        let document: serde_json::Value =
            serde_json::from_str(&file.text).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        let mut found = 0;
        for (index, line) in file.text.lines().enumerate() {
            for value in sourced_strings_on_line(line) {
                found += 1;
                for tag in bare_tags(&value) {
                    seen.insert(tag.clone());
                    if !defined.sources.contains_key(&tag) {
                        problems.push(format!(
                            "{}:{}: source tag {tag} is not in {SOURCES}",
                            file.path,
                            index + 1
                        ));
                    }
                }
            }
        }
        // The line reader must see every source string the JSON has.
        assert_eq!(
            found,
            count_sourced_strings(&document),
            "{}: a `source` or `disputed` string is written in a way the line reader misses",
            file.path
        );
    }
    assert!(
        seen.contains("Q") && seen.contains("T17"),
        "the rule data cites province tags: {seen:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn nothing_cites_files_outside_the_repository() {
    let mut problems = Vec::new();
    for file in scanned_files() {
        for (index, line) in file.text.lines().enumerate() {
            for outside in OUTSIDE_REFERENCES {
                if line.contains(outside) {
                    problems.push(format!("{}:{}: mentions `{outside}`", file.path, index + 1));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "cite {SOURCES} (a topic `§n.n` and a source tag) instead of material outside the repository:\n{}",
        problems.join("\n")
    );
}

/// The value of a `- **Field:** value` item of an entry (with its continuation lines), if present.
fn field(entry: &Entry, name: &str) -> Option<String> {
    let prefix = format!("- **{name}:**");
    let start = entry
        .body
        .iter()
        .position(|line| line.trim_start().starts_with(&prefix))?;
    let mut value = entry.body[start].trim_start()[prefix.len()..]
        .trim()
        .to_string();
    for line in &entry.body[start + 1..] {
        if line.trim().is_empty() || line.trim_start().starts_with("- ") || !line.starts_with(' ') {
            break;
        }
        value.push(' ');
        value.push_str(line.trim());
    }
    Some(value)
}

/// The texts in square brackets of a line, except link texts (`[text](url)`).
fn bracketed(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (open, _) in line.match_indices('[') {
        let rest = &line[open + 1..];
        let Some(close) = rest.find(']') else {
            continue;
        };
        let inside = &rest[..close];
        if !inside.contains('[') && !rest[close + 1..].starts_with('(') {
            out.push(inside);
        }
    }
    out
}

/// Whether a text holds a `YYYY-MM-DD` date.
fn has_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
    })
}

#[test]
fn every_source_says_where_who_and_when() {
    let defined = defined(&sources_text());
    let mut problems = defined.duplicates.clone();
    assert!(
        defined.sources.len() > 50,
        "only {} source entries found",
        defined.sources.len()
    );
    for (tag, entry) in &defined.sources {
        let at = format!("{SOURCES}:{}: [{tag}]", entry.line);
        if field(entry, "Title").is_none_or(|v| v.is_empty()) {
            problems.push(format!("{at} has no title"));
        }
        match (field(entry, "URL"), field(entry, "Standard")) {
            (_, Some(number)) if number.chars().any(|c| c.is_ascii_digit()) => {}
            (Some(url), _) if UNTRACED.contains(&tag.as_str()) => {
                if !url.starts_with("not identified") {
                    problems.push(format!(
                        "{at} is listed as untraced: its URL line says \"not identified\""
                    ));
                }
            }
            (Some(url), _) if url.contains("https://") || url.contains("http://") => {}
            _ => problems.push(format!(
                "{at} has no URL (or, for a standard, no standard number)"
            )),
        }
        if field(entry, "Publisher").is_none_or(|v| v.is_empty()) {
            problems.push(format!("{at} has no publisher"));
        }
        if !field(entry, "Read").is_some_and(|v| has_date(&v)) {
            problems.push(format!("{at} has no date read (YYYY-MM-DD)"));
        }
        if field(entry, "Used for").is_none_or(|v| v.is_empty()) {
            problems.push(format!("{at} does not say what the project takes from it"));
        }
    }
    for tag in UNTRACED {
        if !defined.sources.contains_key(*tag) {
            problems.push(format!("untraced source [{tag}] has no entry"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_topic_names_its_sources_and_the_list_cites_only_itself() {
    let text = sources_text();
    let defined = defined(&text);
    let mut problems = defined.duplicates.clone();
    for (token, entry) in &defined.topics {
        let at = format!("{SOURCES}:{}: topic {token}", entry.line);
        let summary = entry
            .body
            .iter()
            .filter(|l| l.starts_with("- ") && !l.starts_with("- **Sources:**"))
            .count();
        if summary == 0 {
            problems.push(format!("{at} has no summary"));
        }
        let Some(sources) = field(entry, "Sources") else {
            problems.push(format!("{at} names no sources"));
            continue;
        };
        if !sources.contains('[') && !sources.contains('§') {
            problems.push(format!("{at} names no sources"));
        }
        for tag in bracketed(&sources) {
            if !defined.sources.contains_key(tag) {
                problems.push(format!("{at} cites [{tag}], which has no entry"));
            }
        }
    }
    // The list's own citations (intro, entries, topics) resolve within it.
    let own = File {
        path: SOURCES.to_string(),
        text,
    };
    undefined_citations(&own, &defined, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn citation_forms_in_use_are_read() {
    assert_eq!(
        section_tokens("§5.1–§5.6, §10 #8, §1.2/§6, 33号令 §12, §5.1.2, § x, §4.1."),
        ["§5.1", "§5.6", "§10", "§1.2", "§6", "§12", "§5.1.2", "§4.1"]
    );
    assert_eq!(
        bracket_tags(
            "[S14][S1] [S21a, S21c] [S17a/S18] [S-tc-hubei] &[S] [String] [Sx] [`[S3]`](x)"
        ),
        [
            "S14",
            "S1",
            "S21a",
            "S21c",
            "S17a",
            "S18",
            "S-tc-hubei",
            "S3"
        ]
    );
    assert_eq!(
        bare_tags("§6 T4/H; §6 Q, T17 (<16 refused) [S-tc-hubei] [S12-gj] JS/GD WD summary (H/Q)"),
        ["T4", "H", "Q", "T17", "H", "Q"]
    );
    assert_eq!(
        sourced_strings_on_line(
            r#"{ "days": 1, "source": "§1.2 \"x\" [S1]", "disputed": "T4: y" },"#
        ),
        ["§1.2 \"x\" [S1]", "T4: y"]
    );
}
