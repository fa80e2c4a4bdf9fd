//! SQLite storage of accepted filings, their idempotency keys, their review events and the
//! numbers given at approval (one subject number per subject, one growing sequence of website
//! and APP numbers under it).
//!
//! A filing, its idempotency record and its first review event are written in one
//! transaction, under one lock, so a repeated key can never store a second filing. The schema
//! version is kept in `PRAGMA user_version`; opening a database of an older version migrates it.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{NaiveDateTime, TimeDelta, Timelike};
use icp_filing::dates::parse_cst_datetime;
use icp_filing::ident::normalize_identifier;
use icp_filing::model::{CertificateType, Filing, FilingType};
use icp_filing::timeline::{EventStatus, Stage};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::review::{self, AdvanceError, Outcome, ReviewEvent};
use icp_filing::rejections::RejectionReason;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("cannot draw a random id: {0}")]
    Random(String),
    #[error("the Idempotency-Key was used with a different request body")]
    KeyReused,
    #[error("the database lock was poisoned")]
    Poisoned,
    #[error("the database file {0} was moved or deleted while the receiver ran; restart it")]
    Gone(String),
    #[error("stored data is inconsistent: {0}")]
    Inconsistent(String),
    #[error("the database has schema version {found}; this receiver knows up to {known}")]
    NewerSchema { found: i64, known: i64 },
    #[error(transparent)]
    Advance(#[from] AdvanceError),
    #[error("the filing is not awaiting a correction: its latest review event is not a rejection")]
    NotAwaitingCorrection,
    #[error("another order for {number} is under review; one order per subject is reviewed at a time: wait for its result")]
    OrderInReview { number: String },
}

impl StoreError {
    fn sqlite_code(&self) -> Option<rusqlite::ErrorCode> {
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
            _ => None,
        }
    }

    /// Another connection held the database longer than `busy_timeout`: worth a retry.
    pub fn is_busy(&self) -> bool {
        matches!(
            self.sqlite_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }

    /// The disk (or the database's size limit) is full.
    pub fn is_full(&self) -> bool {
        matches!(self.sqlite_code(), Some(rusqlite::ErrorCode::DiskFull))
    }

    /// A description for the log: SQLite's and the store's own wording, never the text of a
    /// stored value (a JSON error about stored data names only its kind and position).
    pub fn log_text(&self) -> String {
        match self {
            StoreError::Corrupt(e) => format!(
                "stored data is corrupt ({:?} error at line {} column {})",
                e.classify(),
                e.line(),
                e.column()
            ),
            other => other.to_string(),
        }
    }
}

/// The response stored for a created filing (replayed for a repeated key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub id: String,
    pub status: u16,
    pub body: String,
    /// True when this is the first response returned again for a repeated key.
    pub replayed: bool,
}

/// A stored filing.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilingRecord {
    pub id: String,
    pub received_at: String,
    pub filing: Filing,
}

/// Where a filing's review stands: the input of the core's progress preview (plus `now`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilingStatus {
    pub id: String,
    /// 备案类型, e.g. `"first"`.
    pub filing_type: String,
    /// Filing province, a GB/T 2260 code.
    pub province: String,
    /// When the filing was received, RFC 3339 in China Standard Time.
    pub submitted_at: String,
    /// The number in the result event, once the review has finished.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing_number: Option<String>,
    /// The numbers of the websites and APPs, given at approval: websites first, APP numbers
    /// ending in `A`, continuing the subject number's sequence (docs/sources.md §1.3).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_numbers: Vec<ServiceNumber>,
    /// 1 for the filing as first received, plus one per accepted correction.
    pub version: u32,
    /// Oldest first.
    pub events: Vec<ReviewEvent>,
}

/// The number of one website (`websites[0]`) or APP (`apps[0]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceNumber {
    pub service: String,
    pub number: String,
}

/// Migrations by schema version: entry `i` takes a database from version `i` to `i + 1`.
/// Version 0 is an empty file or one written before versions were kept (same tables as 1).
const MIGRATIONS: &[Migration] = &[
    create_filing_tables,
    create_review_events,
    create_filing_versions,
    create_service_numbers,
    create_subject_numbers,
];

type Migration = fn(&Transaction<'_>) -> Result<(), StoreError>;

fn create_filing_tables(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS filings (
             id TEXT PRIMARY KEY,
             received_at TEXT NOT NULL,
             subject_name TEXT NOT NULL,
             certificate_number TEXT NOT NULL,
             body TEXT NOT NULL
         );
         CREATE TABLE IF NOT EXISTS idempotency_keys (
             key TEXT PRIMARY KEY,
             request_sha256 TEXT NOT NULL,
             filing_id TEXT NOT NULL REFERENCES filings(id),
             status INTEGER NOT NULL,
             response TEXT NOT NULL
         );",
    )?;
    Ok(())
}

/// Adds the review events; every filing already stored gets its first event (provider
/// review started when it was received).
fn create_review_events(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(
        "CREATE TABLE review_events (
             filing_id TEXT NOT NULL REFERENCES filings(id),
             seq INTEGER NOT NULL,
             stage TEXT NOT NULL,
             status TEXT NOT NULL,
             at TEXT NOT NULL,
             note TEXT,
             filing_number TEXT,
             PRIMARY KEY (filing_id, seq)
         );",
    )?;
    let filings: Vec<(String, String)> = tx
        .prepare("SELECT id, received_at FROM filings")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, received_at) in filings {
        insert_first_event(tx, &id, &received_at)?;
    }
    Ok(())
}

/// Keeps every version of a filing (the first, then each correction) and the reasons of a
/// rejection; every filing already stored becomes its version 1.
fn create_filing_versions(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(
        "ALTER TABLE review_events ADD COLUMN reasons TEXT;
         CREATE TABLE filing_versions (
             filing_id TEXT NOT NULL REFERENCES filings(id),
             version INTEGER NOT NULL,
             received_at TEXT NOT NULL,
             body TEXT NOT NULL,
             PRIMARY KEY (filing_id, version)
         );
         INSERT INTO filing_versions (filing_id, version, received_at, body)
             SELECT id, 1, received_at, body FROM filings;",
    )?;
    Ok(())
}

/// Keeps the number given to each website and APP at approval, with the subject number it
/// belongs to, its place in that number's sequence and what identifies the service later (a
/// domain, or an APP's name). Filings approved before this table existed get the numbers
/// their status showed: websites `-1`, `-2`…, then the APPs.
fn create_service_numbers(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(
        "CREATE TABLE service_numbers (
             filing_id TEXT NOT NULL REFERENCES filings(id),
             service TEXT NOT NULL,
             subject_number TEXT NOT NULL,
             seq INTEGER NOT NULL,
             number TEXT NOT NULL,
             service_keys TEXT NOT NULL,
             PRIMARY KEY (filing_id, service)
         );
         CREATE INDEX service_numbers_by_subject ON service_numbers(subject_number);",
    )?;
    for (id, filing, subject_number) in approved_filings(tx)? {
        let services = services_of(&filing);
        for (seq, (service, keys, app)) in (1i64..).zip(services) {
            insert_service_number(tx, &id, &service, &subject_number, seq, app, &keys)?;
        }
    }
    Ok(())
}

/// Every approved filing with its subject number, earliest approval first (what the
/// migrations that keep numbers fill themselves from).
fn approved_filings(tx: &Transaction<'_>) -> Result<Vec<(String, Filing, String)>, StoreError> {
    let rows: Vec<(String, String, String)> = tx
        .prepare(
            "SELECT f.id, f.body, e.filing_number FROM filings f
             JOIN review_events e ON e.filing_id = f.id
             WHERE e.filing_number IS NOT NULL ORDER BY e.at, f.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, body, number)| Ok((id, serde_json::from_str(&body)?, number)))
        .collect()
}

/// Each website (`websites[i]`, its domains) then each APP (`apps[i]`, its name): the service,
/// the keys that identify it across filings, and whether it is an APP.
/// The sequence number of a website's or APP's `number` under `subject_number` (…号-3,
/// …号-2A → 3, 2).
fn sequence_in(number: &str, subject_number: &str) -> Option<i64> {
    let tail = number
        .trim()
        .strip_prefix(subject_number)?
        .strip_prefix('-')?;
    let n = tail.strip_suffix(['A', 'X', 'K']).unwrap_or(tail);
    n.parse::<i64>().ok().filter(|n| *n > 0)
}

fn services_of(filing: &Filing) -> Vec<(String, Vec<String>, bool)> {
    let websites = filing.websites.iter().enumerate().map(|(i, w)| {
        let keys = w
            .domains
            .iter()
            .map(|d| d.trim().trim_end_matches('.').to_lowercase())
            .filter(|d| !d.is_empty())
            .map(|d| format!("domain:{d}"))
            .collect();
        (format!("websites[{i}]"), keys, false)
    });
    let apps = filing.apps.iter().enumerate().map(|(i, a)| {
        let name = a.name.trim();
        let keys = if name.is_empty() {
            Vec::new()
        } else {
            vec![format!("app:{name}")]
        };
        (format!("apps[{i}]"), keys, true)
    });
    websites.chain(apps).collect()
}

fn insert_service_number(
    tx: &Transaction<'_>,
    id: &str,
    service: &str,
    subject_number: &str,
    seq: i64,
    app: bool,
    keys: &[String],
) -> Result<(), StoreError> {
    let number = format!("{subject_number}-{seq}{}", if app { "A" } else { "" });
    tx.execute(
        "INSERT INTO service_numbers (filing_id, service, subject_number, seq, number, service_keys)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, service, subject_number, seq, number, serde_json::to_string(keys)?],
    )?;
    Ok(())
}

/// Keeps the subject number each subject holds, under what identifies the subject across its
/// filings ([`subject_key`]): the number of its first approval. Subjects approved before
/// this table existed get the number of their earliest approved filing.
fn create_subject_numbers(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute_batch(
        "CREATE TABLE subject_numbers (
             subject TEXT PRIMARY KEY,
             subject_number TEXT NOT NULL,
             filing_id TEXT NOT NULL REFERENCES filings(id)
         );",
    )?;
    for (id, filing, subject_number) in approved_filings(tx)? {
        remember_subject_number(tx, &id, &filing, &subject_number)?;
    }
    Ok(())
}

/// What identifies a subject across its filings: the province it files in, its certificate
/// type and its certificate number as the rules read it (trimmed; an identifier also without
/// spaces or dashes, half-width, letters in upper case). `None` when the certificate number
/// is empty: such a subject is recognised by nothing.
fn subject_key(filing: &Filing) -> Option<String> {
    let certificate = &filing.subject.certificate;
    let number = match certificate.kind {
        Some(CertificateType::MilitaryCode | CertificateType::OverseasOrganizationCertificate) => {
            certificate.number.trim().to_owned()
        }
        _ => normalize_identifier(&certificate.number),
    };
    if number.is_empty() {
        return None;
    }
    let kind = certificate.kind.map_or("", CertificateType::slug);
    Some(format!("{}|{kind}|{number}", filing.province.trim()))
}

/// Records `subject_number` as the number of the subject of `filing` (approved as `id`),
/// unless the subject already holds one.
fn remember_subject_number(
    tx: &Transaction<'_>,
    id: &str,
    filing: &Filing,
    subject_number: &str,
) -> Result<(), StoreError> {
    if let Some(subject) = subject_key(filing) {
        tx.execute(
            "INSERT OR IGNORE INTO subject_numbers (subject, subject_number, filing_id)
             VALUES (?1, ?2, ?3)",
            params![subject, subject_number, id],
        )?;
    }
    Ok(())
}

/// The subject number an earlier approval gave the subject of `filing` (same province,
/// certificate type and certificate number), if any.
fn subject_number_held(
    tx: &Transaction<'_>,
    filing: &Filing,
) -> Result<Option<String>, StoreError> {
    let Some(subject) = subject_key(filing) else {
        return Ok(None);
    };
    Ok(tx
        .query_row(
            "SELECT subject_number FROM subject_numbers WHERE subject = ?1",
            params![subject],
            |r| r.get(0),
        )
        .optional()?)
}

/// The first of `proposal(0)`, `proposal(1)`, … that no subject holds yet.
fn unused_subject_number(
    tx: &Transaction<'_>,
    mut proposal: impl FnMut(u32) -> String,
) -> Result<String, StoreError> {
    let mut taken = tx.prepare("SELECT 1 FROM subject_numbers WHERE subject_number = ?1")?;
    let mut attempt = 0;
    loop {
        let number = proposal(attempt);
        if !taken.exists(params![number])? || attempt == u32::MAX {
            return Ok(number);
        }
        attempt += 1;
    }
}

/// Numbers the websites and APPs of `id`, approved under `subject_number`: a service an
/// earlier filing under that number already holds (a domain of the website, the APP's
/// name) keeps its number; the others continue the subject's one sequence.
fn assign_service_numbers(
    tx: &Transaction<'_>,
    id: &str,
    filing: &Filing,
    subject_number: &str,
) -> Result<(), StoreError> {
    let issued: Vec<(i64, String)> = tx
        .prepare(
            "SELECT seq, service_keys FROM service_numbers WHERE subject_number = ?1 AND filing_id != ?2",
        )?
        .query_map(params![subject_number, id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let issued: Vec<(i64, Vec<String>)> = issued
        .into_iter()
        .map(|(seq, keys)| Ok((seq, serde_json::from_str(&keys)?)))
        .collect::<Result<_, StoreError>>()?;
    let mut next = issued.iter().map(|(seq, _)| *seq).max().unwrap_or(0) + 1;
    let filing_type = filing.filing_type;
    if issued.is_empty() && filing_type == Some(FilingType::NewWebsite) {
        // A subject filed elsewhere already holds at least one service: -1 is taken.
        next = next.max(2);
    }
    // A new access or a change naming a website's own number (…号-2) keeps that number for
    // the first service not numbered here yet.
    let states_numbers = filing_type.is_some_and(FilingType::concerns_filed_services);
    let mut given = filing
        .filing_number
        .trim()
        .strip_prefix(subject_number)
        .and_then(|tail| tail.strip_prefix('-'))
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| states_numbers && *n > 0 && !issued.iter().any(|(seq, _)| seq == n));
    // First what each website and APP holds: a number issued here for one of its domains (or
    // its name), else the number it states as its own in a new access or a change. Then the
    // rest, in order: the number the filing names (…号-2) if still free, else the next one.
    let services = services_of(filing);
    let own_numbers: Vec<&String> = filing
        .websites
        .iter()
        .map(|w| &w.filing_number)
        .chain(filing.apps.iter().map(|a| &a.filing_number))
        .collect();
    let mut taken: Vec<i64> = Vec::new();
    let mut seqs: Vec<Option<i64>> = Vec::with_capacity(services.len());
    for ((_, keys, _), own) in services.iter().zip(&own_numbers) {
        let held = issued
            .iter()
            .find(|(seq, old)| !taken.contains(seq) && old.iter().any(|k| keys.contains(k)))
            .map(|(seq, _)| *seq);
        let own = sequence_in(own, subject_number)
            .filter(|n| states_numbers && !taken.contains(n))
            .filter(|n| !issued.iter().any(|(seq, _)| seq == n));
        let seq = held.or(own);
        taken.extend(seq);
        seqs.push(seq);
    }
    next = next.max(taken.iter().max().map_or(0, |max| max + 1));
    for ((service, keys, app), seq) in services.iter().zip(seqs) {
        let seq = match seq {
            Some(seq) => seq,
            None => match given.take().filter(|n| !taken.contains(n)) {
                Some(n) => {
                    next = next.max(n + 1);
                    n
                }
                None => {
                    next += 1;
                    next - 1
                }
            },
        };
        taken.push(seq);
        insert_service_number(tx, id, service, subject_number, seq, *app, keys)?;
    }
    Ok(())
}

fn insert_first_event(tx: &Transaction<'_>, id: &str, received_at: &str) -> Result<(), StoreError> {
    let at = cst(received_at)?;
    tx.execute(
        "INSERT INTO review_events (filing_id, seq, stage, status, at) VALUES (?1, 1, ?2, ?3, ?4)",
        params![
            id,
            Stage::ProviderReview.as_str(),
            EventStatus::Started.as_str(),
            review::format_cst(at)
        ],
    )?;
    Ok(())
}

/// A stored time (RFC 3339) as a CST wall clock.
fn cst(text: &str) -> Result<NaiveDateTime, StoreError> {
    parse_cst_datetime(text).map_err(StoreError::Inconsistent)
}

/// The filings database in a data directory.
pub struct Store {
    conn: Mutex<Connection>,
    /// The database file and its identity (device, inode) when opened.
    file: (PathBuf, u64, u64),
}

impl Store {
    /// File name of the database inside the data directory.
    pub const FILE_NAME: &'static str = "filings.sqlite3";

    /// Opens (creating if needed) `data_dir/filings.sqlite3`.
    ///
    /// # Errors
    /// When the directory can't be created or the database can't be opened or migrated.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.display().to_string(),
            source,
        })?;
        let path = data_dir.join(Self::FILE_NAME);
        let mut conn = Connection::open(&path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA busy_timeout = 5000;",
        )?;
        // Damaged pages behind a sound header would fail every request later: refuse to start.
        let verdict: Vec<String> = conn
            .prepare("PRAGMA quick_check(3)")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if verdict != ["ok"] {
            return Err(StoreError::Inconsistent(format!(
                "{} is damaged ({}); restore it from a backup",
                path.display(),
                verdict.join("; ").replace('\n', "; ")
            )));
        }
        migrate(&mut conn)?;
        let meta = std::fs::metadata(&path).map_err(|source| StoreError::DataDir {
            path: data_dir.display().to_string(),
            source,
        })?;
        Ok(Self {
            conn: Mutex::new(conn),
            file: (path, meta.dev(), meta.ino()),
        })
    }

    /// Whether the store still works: its file is the one it opened (not moved or deleted
    /// while the receiver runs, which would lose every filing stored after) and it answers a
    /// read of the latest filing.
    ///
    /// # Errors
    /// [`StoreError::Gone`]; database errors.
    pub fn check(&self) -> Result<(), StoreError> {
        let (path, dev, ino) = &self.file;
        let same = std::fs::metadata(path).is_ok_and(|m| (m.dev(), m.ino()) == (*dev, *ino));
        if !same {
            return Err(StoreError::Gone(path.display().to_string()));
        }
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        conn.query_row(
            "SELECT count(*) FROM (SELECT id FROM filings ORDER BY rowid DESC LIMIT 1)",
            [],
            |r| r.get::<_, i64>(0),
        )?;
        Ok(())
    }

    /// The schema version this receiver writes.
    pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

    /// The answer already given to `key` for this request, before its body is checked: a
    /// retry of a stored submission gets its first answer again even when the rules it was
    /// checked by have changed since (an override, the day), so a client is never told "not
    /// stored" about a filing that was. `correction_of` is the corrected filing's id, `None`
    /// for a first submission.
    ///
    /// # Errors
    /// [`StoreError::KeyReused`] when the key was used for another request; database errors.
    pub fn answer_for(
        &self,
        key: Option<&str>,
        raw_body: &[u8],
        correction_of: Option<&str>,
    ) -> Result<Option<StoredResponse>, StoreError> {
        if key.is_none() {
            return Ok(None);
        }
        let request_sha256 = hex(&Sha256::digest(raw_body));
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        answer_for_key(&conn, key, &request_sha256, correction_of)
    }

    /// Stores an accepted filing, or returns the first response for a repeated key.
    ///
    /// `raw_body` is what the client sent; a key is bound to its SHA-256.
    ///
    /// # Errors
    /// [`StoreError::KeyReused`] when `key` was used with another body; database errors.
    pub fn insert_filing(
        &self,
        filing: &Filing,
        raw_body: &[u8],
        key: Option<&str>,
        received_at: &str,
    ) -> Result<StoredResponse, StoreError> {
        let request_sha256 = hex(&Sha256::digest(raw_body));
        let mut conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        // Take the write lock first: a deferred transaction that reads the key and then
        // writes can't wait for another writer (SQLite answers BUSY at once instead of using
        // busy_timeout, as the read snapshot would be stale).
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if let Some(previous) = answer_for_key(&tx, key, &request_sha256, None)? {
            return Ok(previous);
        }
        if let Some(number) = named_subject_number(filing) {
            if order_in_review(&tx, number, None)? {
                return Err(StoreError::OrderInReview {
                    number: number.to_owned(),
                });
            }
        }
        let id = new_id()?;
        let body = serde_json::json!({ "id": id, "receivedAt": received_at }).to_string();
        tx.execute(
            "INSERT INTO filings (id, received_at, subject_name, certificate_number, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                received_at,
                filing.subject.name,
                filing.subject.certificate.number,
                serde_json::to_string(filing)?
            ],
        )?;
        tx.execute(
            "INSERT INTO filing_versions (filing_id, version, received_at, body) SELECT id, 1, received_at, body FROM filings WHERE id = ?1",
            params![id],
        )?;
        insert_first_event(&tx, &id, received_at)?;
        if let Some(key) = key {
            tx.execute(
                "INSERT INTO idempotency_keys (key, request_sha256, filing_id, status, response) VALUES (?1, ?2, ?3, 201, ?4)",
                params![key, request_sha256, id, body],
            )?;
        }
        tx.commit()?;
        Ok(StoredResponse {
            id,
            status: 201,
            body,
            replayed: false,
        })
    }

    /// The filing stored under `id`.
    ///
    /// # Errors
    /// Database errors, or a stored body that no longer parses.
    pub fn get_filing(&self, id: &str) -> Result<Option<FilingRecord>, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let row: Option<(String, String, String)> = conn
            .query_row(
                "SELECT id, received_at, body FROM filings WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(id, received_at, body)| {
            Ok(FilingRecord {
                id,
                received_at,
                filing: serde_json::from_str(&body)?,
            })
        })
        .transpose()
    }

    /// Where the review of `id` stands; `None` for an unknown id.
    ///
    /// # Errors
    /// Database errors, or stored data that no longer reads.
    pub fn status(&self, id: &str) -> Result<Option<FilingStatus>, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        match read_filing(&conn, id)? {
            Some((received_at, filing)) => Ok(Some(read_status(&conn, id, &received_at, &filing)?)),
            None => Ok(None),
        }
    }

    /// Appends the review event that follows the latest one (see [`review::next_event`]) at
    /// `now` (CST; never before the latest event) and returns the new status; `None` for an
    /// unknown id. `number_for` proposes the filing number of the result event for a subject
    /// that holds none (its third argument counts the proposals); a number another subject
    /// holds is never given.
    ///
    /// # Errors
    /// [`StoreError::Advance`] when no event can follow; database errors.
    pub fn advance(
        &self,
        id: &str,
        outcome: Outcome,
        reasons: &[RejectionReason],
        now: NaiveDateTime,
        mut number_for: impl FnMut(&Filing, NaiveDateTime, u32) -> String,
    ) -> Result<Option<FilingStatus>, StoreError> {
        let mut conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let Some((received_at, filing)) = read_filing(&tx, id)? else {
            return Ok(None);
        };
        let before = read_status(&tx, id, &received_at, &filing)?;
        let last = before.events.last();
        let (stage, status) =
            review::next_event(last.map(|e| (e.stage.as_str(), e.status.as_str())), outcome)?;
        let at = event_time(&before, stage, status, now)?;
        // Approved: the subject keeps the number it holds (given with the filing, or from an
        // earlier approval of the same subject), else gets one; then its services are numbered.
        let number = if stage == Stage::ResultSync && status == EventStatus::Passed {
            let number = match filing.filing_number.trim() {
                "" => match subject_number_held(&tx, &filing)? {
                    Some(held) => held,
                    None => unused_subject_number(&tx, |attempt| number_for(&filing, at, attempt))?,
                },
                // A new access or a change may name a website's number (…号-1): the subject
                // holds the number before its tail.
                given => icp_filing::ident::subject_filing_number(given).to_owned(),
            };
            remember_subject_number(&tx, id, &filing, &number)?;
            assign_service_numbers(&tx, id, &filing, &number)?;
            Some(number)
        } else {
            None
        };
        let reasons = match status {
            EventStatus::Rejected => Some(serde_json::to_string(reasons)?),
            _ => None,
        };
        insert_event(&tx, id, stage, status, at, number.as_deref(), reasons)?;
        let after = read_status(&tx, id, &received_at, &filing)?;
        tx.commit()?;
        Ok(Some(after))
    }

    /// Stores `filing` as the correction of `id`, which must be awaiting one (its latest
    /// event a rejection): a new version, the body replaced, and the review restarted where
    /// the core's preview restarts it. A repeated key with the same body returns the first
    /// answer. `None` for an unknown id.
    ///
    /// # Errors
    /// [`StoreError::NotAwaitingCorrection`], [`StoreError::KeyReused`], database errors.
    pub fn correct_filing(
        &self,
        id: &str,
        filing: &Filing,
        raw_body: &[u8],
        key: Option<&str>,
        received_at: &str,
        now: NaiveDateTime,
    ) -> Result<Option<StoredResponse>, StoreError> {
        let request_sha256 = hex(&Sha256::digest(raw_body));
        let mut conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if let Some(previous) = answer_for_key(&tx, key, &request_sha256, Some(id))? {
            return Ok(Some(previous));
        }
        let Some((first_received, before_filing)) = read_filing(&tx, id)? else {
            return Ok(None);
        };
        let before = read_status(&tx, id, &first_received, &before_filing)?;
        let rejected_at = match before.events.last() {
            Some(e) if e.status == EventStatus::Rejected.as_str() => e.stage.clone(),
            _ => return Err(StoreError::NotAwaitingCorrection),
        };
        let stage = Stage::parse(&rejected_at)
            .ok_or_else(|| StoreError::Inconsistent(format!("filing {id}: unknown stage")))?;
        if let Some(number) = named_subject_number(filing) {
            if order_in_review(&tx, number, Some(id))? {
                return Err(StoreError::OrderInReview {
                    number: number.to_owned(),
                });
            }
        }
        let version = before.version + 1;
        let text = serde_json::to_string(filing)?;
        tx.execute(
            "INSERT INTO filing_versions (filing_id, version, received_at, body) VALUES (?1, ?2, ?3, ?4)",
            params![id, version, received_at, text],
        )?;
        tx.execute(
            "UPDATE filings SET subject_name = ?2, certificate_number = ?3, body = ?4 WHERE id = ?1",
            params![id, filing.subject.name, filing.subject.certificate.number, text],
        )?;
        let restart = review::restart_after(stage);
        let at = event_time(&before, restart, EventStatus::Started, now)?;
        insert_event(&tx, id, restart, EventStatus::Started, at, None, None)?;
        let body = serde_json::json!({ "id": id, "receivedAt": received_at, "version": version })
            .to_string();
        if let Some(key) = key {
            tx.execute(
                "INSERT INTO idempotency_keys (key, request_sha256, filing_id, status, response) VALUES (?1, ?2, ?3, 200, ?4)",
                params![key, request_sha256, id, body],
            )?;
        }
        tx.commit()?;
        Ok(Some(StoredResponse {
            id: id.to_owned(),
            status: 200,
            body,
            replayed: false,
        }))
    }

    /// The latest `limit` approved filings that hold the subject filing number `number`, latest
    /// first: the state a change of that number starts from, then the one it replaced. A new
    /// website's filing is left out (it holds only the new websites, not the subject's whole
    /// data); empty when no filing here was approved under the number. Approvals are in the
    /// order their result events were stored (two in one second keep their order).
    ///
    /// # Errors
    /// Database errors, or a stored body that no longer parses.
    pub fn approved_as(&self, number: &str, limit: u32) -> Result<Vec<Filing>, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let bodies: Vec<String> = conn
            .prepare(
                "SELECT f.body FROM filings f JOIN review_events e ON e.filing_id = f.id
                 WHERE e.filing_number = ?1
                   AND coalesce(json_extract(f.body, '$.filingType'), '') != 'newWebsite'
                 ORDER BY e.rowid DESC LIMIT ?2",
            )?
            .query_map(params![number, limit], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(bodies
            .iter()
            .map(|b| serde_json::from_str(b))
            .collect::<Result<_, _>>()?)
    }

    /// Number of stored filings.
    ///
    /// # Errors
    /// Database errors.
    pub fn count(&self) -> Result<u64, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        Ok(conn.query_row("SELECT COUNT(*) FROM filings", [], |r| r.get(0))?)
    }
}

/// The subject filing number an order for already filed services names (a change, a new
/// website or a new access: `京ICP备…号`, also when given as a website's `…号-1`).
fn named_subject_number(filing: &Filing) -> Option<&str> {
    let names_one = matches!(
        filing.filing_type,
        Some(FilingType::Change | FilingType::NewWebsite | FilingType::NewAccess)
    );
    let number = icp_filing::ident::subject_filing_number(filing.filing_number.trim());
    (names_one && !number.is_empty()).then_some(number)
}

/// Whether a stored order (other than `except`) naming the subject number `number` is under
/// review: neither
/// approved (its result synced) nor sent back awaiting a correction (docs/sources.md §2: one
/// order per subject in review).
fn order_in_review(
    tx: &Transaction<'_>,
    number: &str,
    except: Option<&str>,
) -> Result<bool, StoreError> {
    let candidates: Vec<(String, String)> = tx
        .prepare(
            "SELECT id, json_extract(body, '$.filingNumber') FROM filings
             WHERE substr(json_extract(body, '$.filingNumber'), 1, length(?1)) = ?1",
        )?
        .query_map(params![number], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut latest = tx.prepare(
        "SELECT stage, status FROM review_events WHERE filing_id = ?1 ORDER BY seq DESC LIMIT 1",
    )?;
    for (id, named) in candidates {
        if except == Some(id.as_str())
            || icp_filing::ident::subject_filing_number(named.trim()) != number
        {
            continue;
        }
        let last: Option<(String, String)> = latest
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let open = match last
            .as_ref()
            .map(|(stage, status)| (stage.as_str(), status.as_str()))
        {
            Some((stage, status)) => {
                let finished =
                    stage == Stage::ResultSync.as_str() && status == EventStatus::Passed.as_str();
                !finished && status != EventStatus::Rejected.as_str()
            }
            None => false,
        };
        if open {
            return Ok(true);
        }
    }
    Ok(false)
}

/// When a new event happens: `now` to the second, never before the submission or the latest
/// event, and never equal to an earlier event of the same stage and status (the progress
/// preview skips such a repeat, which a quick walk back through a stage would produce).
fn event_time(
    before: &FilingStatus,
    stage: Stage,
    status: EventStatus,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, StoreError> {
    let mut at = now
        .with_nanosecond(0)
        .unwrap_or(now)
        .max(cst(&before.submitted_at)?);
    if let Some(last) = before.events.last() {
        at = at.max(cst(&last.at)?);
    }
    while before.events.iter().any(|e| {
        e.stage == stage.as_str() && e.status == status.as_str() && cst(&e.at).ok() == Some(at)
    }) {
        at += TimeDelta::seconds(1);
    }
    Ok(at)
}

fn insert_event(
    tx: &Transaction<'_>,
    id: &str,
    stage: Stage,
    status: EventStatus,
    at: NaiveDateTime,
    number: Option<&str>,
    reasons: Option<String>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO review_events (filing_id, seq, stage, status, at, note, filing_number, reasons)
         VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM review_events WHERE filing_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            stage.as_str(),
            status.as_str(),
            review::format_cst(at),
            review::note_for(stage, status, number),
            number,
            reasons
        ],
    )?;
    Ok(())
}

/// `received_at` and the parsed body of a stored filing.
fn read_filing(conn: &Connection, id: &str) -> Result<Option<(String, Filing)>, StoreError> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT received_at, body FROM filings WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(received_at, body)| Ok((received_at, serde_json::from_str(&body)?)))
        .transpose()
}

fn read_status(
    conn: &Connection,
    id: &str,
    received_at: &str,
    filing: &Filing,
) -> Result<FilingStatus, StoreError> {
    let filing_type = filing
        .filing_type
        .ok_or_else(|| StoreError::Inconsistent(format!("filing {id} has no filingType")))?;
    let mut filing_number = None;
    let mut events = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT stage, status, at, note, filing_number, reasons FROM review_events
         WHERE filing_id = ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(row) = rows.next()? {
        if let Some(number) = row.get::<_, Option<String>>(4)? {
            filing_number = Some(number);
        }
        let reasons = match row.get::<_, Option<String>>(5)? {
            Some(text) => serde_json::from_str(&text)?,
            None => Vec::new(),
        };
        events.push(ReviewEvent {
            stage: row.get(0)?,
            status: row.get(1)?,
            at: row.get(2)?,
            note: row.get(3)?,
            reasons,
        });
    }
    let version: u32 = conn.query_row(
        "SELECT COUNT(*) FROM filing_versions WHERE filing_id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    // Approved: the numbers given at approval, websites first (the order they were given).
    let service_numbers = conn
        .prepare("SELECT service, number FROM service_numbers WHERE filing_id = ?1 ORDER BY rowid")?
        .query_map(params![id], |r| {
            Ok(ServiceNumber {
                service: r.get(0)?,
                number: r.get(1)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FilingStatus {
        id: id.to_owned(),
        filing_type: filing_type.slug().to_owned(),
        province: filing.province.clone(),
        submitted_at: review::format_cst(cst(received_at)?),
        filing_number,
        service_numbers,
        version: version.max(1),
        events,
    })
}

/// Brings the database to [`Store::SCHEMA_VERSION`], one transaction per step.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > Store::SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: version,
                known: Store::SCHEMA_VERSION,
            });
        }
        let Some(step) = usize::try_from(version)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        step(&tx)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

fn new_id() -> Result<String, StoreError> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(format!("icpf_{}", hex(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored answer to `key` when it was given for this very request (same body bytes, same
/// kind: a first submission's `201`, or a correction's `200` for `correction_of`);
/// [`StoreError::KeyReused`] when the key belongs to another request.
fn answer_for_key(
    conn: &rusqlite::Connection,
    key: Option<&str>,
    request_sha256: &str,
    correction_of: Option<&str>,
) -> Result<Option<StoredResponse>, StoreError> {
    let Some(key) = key else {
        return Ok(None);
    };
    let previous: Option<(String, String, u16, String)> = conn
        .query_row(
            "SELECT request_sha256, filing_id, status, response FROM idempotency_keys WHERE key = ?1",
            params![key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((hash, id, status, body)) = previous else {
        return Ok(None);
    };
    let same_kind = match correction_of {
        None => status == 201,
        Some(corrected) => status == 200 && id == corrected,
    };
    if hash != request_sha256 || !same_kind {
        return Err(StoreError::KeyReused);
    }
    Ok(Some(StoredResponse {
        id,
        status,
        body,
        replayed: true,
    }))
}
