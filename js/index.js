// The package's browser entry. It finds the WebAssembly module and the region data next to
// itself with `new URL(…, import.meta.url)`, the form bundlers (Vite, webpack 5, Rollup,
// Parcel) recognise and rewrite to where they emitted the files. Without a bundler it works
// as a plain ES module. esbuild does not rewrite these URLs: pass them to `init()`.
import * as glue from "./icp_filing.js";

const WASM_URL = new URL("./icp_filing_bg.wasm", import.meta.url);
const REGIONS_URL = new URL("./icp-filing-regions.json", import.meta.url);

let ready = null;
let loaded = false;

/** `name` of the module, which says what to do when it is called before the module loaded. */
function loadedFirst(name) {
  return (...args) => {
    if (!loaded) {
      throw new Error(`icp-filing: ${name}() was called before the WebAssembly module was loaded; await init() first`);
    }
    return glue[name](...args);
  };
}

// `using handle = mount(…)` unmounts at the end of the block. The glue's own dispose only
// frees the handle and would leave the widget on the page, its element impossible to mount
// again; `free()` stays what the garbage collector calls and never unmounts.
if (typeof Symbol.dispose === "symbol" && glue.WidgetHandle) {
  Object.defineProperty(glue.WidgetHandle.prototype, Symbol.dispose, {
    configurable: true,
    writable: true,
    value() {
      this.destroy();
      this.free();
    },
  });
}

export const mount = loadedFirst("mount");
export const defineElement = loadedFirst("defineElement");
export const clearDrafts = loadedFirst("clearDrafts");
export const validate = loadedFirst("validate");
export const estimate = loadedFirst("estimate");
export const progress = loadedFirst("progress");
export const upkeep = loadedFirst("upkeep");
export const rulesetVersion = loadedFirst("rulesetVersion");
export const checkResidentId = loadedFirst("checkResidentId");
export const checkUscc = loadedFirst("checkUscc");
export const isWorkingDay = loadedFirst("isWorkingDay");
export const addWorkingDays = loadedFirst("addWorkingDays");

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(options) {
  const exports = glue.initSync(options);
  loaded = true;
  return exports;
}

/** Why loading the module failed and what fixes it. */
function loadAdvice(error) {
  const text = String((error && error.message) || error);
  if (/wasm-unsafe-eval|Content Security Policy/i.test(text)) {
    return "the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src";
  }
  return "serve icp_filing_bg.wasm there with Content-Type application/wasm, or pass init({ module_or_path: url })";
}

/**
 * Loads the WebAssembly module once (later calls return the same promise).
 * `init()` finds it next to this file; `init({ module_or_path, regionsUrl })` takes the wasm
 * (a URL, a `Response`, bytes or a compiled `WebAssembly.Module`) and the region data's URL
 * from elsewhere, e.g. a CDN or an esbuild bundle's asset folder.
 */
export default function init(options) {
  if (ready) return ready;
  const given = options && typeof options === "object" && "module_or_path" in options;
  const wasm = given ? options.module_or_path : WASM_URL;
  const regions = options && options.regionsUrl ? String(options.regionsUrl) : REGIONS_URL.href;
  ready = glue.default({ module_or_path: wasm }).then(
    (exports) => {
      glue.__setRegionsUrl(regions);
      loaded = true;
      return exports;
    },
    (error) => {
      ready = null;
      const where = typeof wasm === "string" || wasm instanceof URL ? String(wasm) : "the given module";
      throw new Error(
        `icp-filing: could not load the WebAssembly module from ${where} (${error && error.message}); ${loadAdvice(error)}`,
        { cause: error },
      );
    },
  );
  return ready;
}
