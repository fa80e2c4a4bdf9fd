//! Review stages and timeline estimates.
