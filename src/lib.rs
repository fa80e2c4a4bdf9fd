//! icp-filing: prepare a China ICP filing (ICP备案) and check it before it is submitted.
//!
//! The crate has three layers and data flows one way through them:
//!
//! * the pure core — [`model`] (the filing as typed data), [`ident`] (identifier parsing),
//!   [`rules`] (validation into a [`report::Report`]), [`messages`] (zh-CN / en texts),
//!   [`calendar`] and [`timeline`] (working days and review estimates). It has no web
//!   dependency, never reads the clock and compiles natively and on wasm32;
//! * the UI (`web::ui`, wasm32 only): Yew components that render a draft filing;
//! * the boundary (`web`, wasm32 only): the JS API, options parsing, HTTP and storage.
//!
//! The `icp-precheck` CLI and the `icp-receiver` reference server run the same core
//! natively, so the browser and the back end can never disagree.

pub mod calendar;
pub mod dates;
pub mod form;
pub mod ident;
pub mod messages;
pub mod model;
pub mod options;
pub mod report;
pub mod ruledata;
pub mod rules;
pub mod timeline;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// Version of the rule set a [`report::Report`] was produced with.
pub const RULESET_VERSION: &str = concat!("icp-rules/", env!("CARGO_PKG_VERSION"));
