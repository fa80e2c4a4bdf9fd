//! TypeScript declarations of the wasm-bindgen glue (`icp_filing.d.ts`): the contract types
//! live in `js/icp-filing-types.d.ts` (shared with the package's browser, Node and React
//! entries, and free of the DOM library); the glue imports them for its signatures and
//! re-exports them. Usage examples are type-checked against the package (`e2e/types/`), and
//! the browser tests check the real shapes.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
import type {
  Approval, Estimate, EstimateInput, Filing, IcpFilingEventType, MountOptions, Progress,
  ProgressInput, Receipt, Report, UpkeepItem, UpkeepOptions, ValidateOptions,
} from "./icp-filing-types.js";
export type * from "./icp-filing-types.js";
"#;
