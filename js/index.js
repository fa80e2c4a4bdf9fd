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

// A handle freed by hand (`handle.free()`, or `using handle = mount(…)` at the end of its
// block) unmounts its widget first: once freed it could not be destroyed, and the widget would
// stay on the page, its element impossible to mount again. A second call does nothing. The
// garbage collector frees a handle the page dropped without this method, and leaves that
// widget mounted.
//
// A freed handle's methods would reach the freed Rust object ("null pointer passed to rust");
// they answer as a destroyed widget's do instead: submit() rejects with code "destroyed",
// destroy(), on() and off() do nothing, the calls that change the filing do nothing and say so
// on the console, and those that read it throw (there is nothing left to read). Every method
// of the prototype is wrapped, so one added later is covered (it throws, like a reader).
const AFTER_FREE_IGNORED = new Set(["destroy", "on", "off"]);
const AFTER_FREE_LOGGED = new Set(["update", "setFiling", "reset", "refreshStatus"]);

/** What the method `name` of a freed handle does instead of reaching the freed object. */
function afterFree(name) {
  if (AFTER_FREE_IGNORED.has(name)) return undefined;
  if (AFTER_FREE_LOGGED.has(name)) {
    console.error(`icp-filing: ${name}() after free(): the handle was freed; nothing changed`);
    return undefined;
  }
  const error = Object.assign(new Error(`icp-filing: ${name}() after free(): the handle was freed; there is nothing left to read`), {
    code: "destroyed",
  });
  if (name === "submit") {
    error.message = "icp-filing: submit() after free(): the handle was freed; nothing was sent";
    return Promise.reject(error);
  }
  throw error;
}

if (glue.WidgetHandle) {
  const proto = glue.WidgetHandle.prototype;
  const free = proto.free;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === "constructor" || name === "free" || name.startsWith("__")) continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    const method = descriptor.value;
    if (typeof method !== "function") continue;
    Object.defineProperty(proto, name, {
      ...descriptor,
      // An object literal's method keeps the name (`handle.submit.name === "submit"`).
      value: {
        [name](...args) {
          return this.__wbg_ptr ? method.apply(this, args) : afterFree(name);
        },
      }[name],
    });
  }
  const unmountAndFree = {
    configurable: true,
    writable: true,
    value() {
      if (!this.__wbg_ptr) return; // freed already
      this.destroy();
      free.call(this);
    },
  };
  Object.defineProperty(proto, "free", unmountAndFree);
  if (typeof Symbol.dispose === "symbol") Object.defineProperty(proto, Symbol.dispose, unmountAndFree);
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

/** Whether `x` is the module itself (as the glue's own `init(x)` also takes it), not options. */
function isModule(x) {
  return (
    typeof x === "string" ||
    x instanceof URL ||
    x instanceof ArrayBuffer ||
    ArrayBuffer.isView(x) ||
    x instanceof WebAssembly.Module ||
    x instanceof Promise ||
    (typeof Request === "function" && x instanceof Request) ||
    (typeof Response === "function" && x instanceof Response)
  );
}

/**
 * Loads the WebAssembly module once (later calls return the same promise).
 * `init()` finds it next to this file; `init({ module_or_path, regionsUrl })` takes the wasm
 * (a URL, a `Response`, bytes or a compiled `WebAssembly.Module`) and the region data's URL
 * from elsewhere, e.g. a CDN or an esbuild bundle's asset folder. `init(url)` is
 * `init({ module_or_path: url })`.
 */
export default function init(options) {
  if (ready) return ready;
  if (isModule(options)) options = { module_or_path: options };
  const given = options && typeof options === "object" && options.module_or_path != null;
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
