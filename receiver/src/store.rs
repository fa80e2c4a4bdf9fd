//! SQLite storage of accepted filings and of idempotency keys.
//!
//! A filing and its idempotency record are written in one transaction, under one lock, so
//! a repeated key can never store a second filing.

use std::path::Path;
use std::sync::Mutex;

use icp_filing::model::Filing;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

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

/// The filings database in a data directory.
pub struct Store {
    conn: Mutex<Connection>,
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
        let conn = Connection::open(data_dir.join(Self::FILE_NAME))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS filings (
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
        Ok(Self {
            conn: Mutex::new(conn),
        })
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
        let tx = conn.transaction()?;
        if let Some(key) = key {
            let previous: Option<(String, String, u16, String)> = tx
                .query_row(
                    "SELECT request_sha256, filing_id, status, response FROM idempotency_keys WHERE key = ?1",
                    params![key],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            if let Some((hash, id, status, body)) = previous {
                if hash != request_sha256 {
                    return Err(StoreError::KeyReused);
                }
                return Ok(StoredResponse {
                    id,
                    status,
                    body,
                    replayed: true,
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

    /// Number of stored filings.
    ///
    /// # Errors
    /// Database errors.
    pub fn count(&self) -> Result<u64, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        Ok(conn.query_row("SELECT COUNT(*) FROM filings", [], |r| r.get(0))?)
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
