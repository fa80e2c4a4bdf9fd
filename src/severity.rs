//! How much an issue blocks. A leaf module shared by the rule data (which sets the severity
//! of data-driven rules) and the report.

use serde::{Deserialize, Serialize};

/// How much an issue blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Blocks submission.
    Error,
    /// Probably wrong, but real cases exist: cleared only when the filer acknowledges it.
    Warning,
}
