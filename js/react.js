// `<IcpFiling>`: the widget as a React component (React 18 and 19, StrictMode included).
// It mounts once per element and is updated, never remounted, when its props change: new
// callbacks are called from then on, changed options go through `update()` (a removed one as
// `undefined`, which sets it back to its default), and `filing` is initial data (the widget
// owns the filing once the filer types; use the handle's `setFiling()` to replace it).
import { createElement, forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import init, { mount } from "./index.js";

/** Callback props, by event type. */
const EVENT_PROPS = {
  ready: "onReady",
  change: "onChange",
  validate: "onValidate",
  estimate: "onEstimate",
  draftsaved: "onDraftSaved",
  submit: "onSubmit",
  submitted: "onSubmitted",
  approved: "onApproved",
  error: "onError",
  titlechange: "onTitleChange",
};
/** Options that are functions: the widget gets a stable wrapper that calls the latest one. */
const FUNCTION_OPTIONS = ["getHeaders", "lookupDomain", "fetchPage"];
/** Options that only shape the filing the widget starts with. */
const INITIAL_ONLY = ["filing"];

function dataOptions(options) {
  const data = {};
  for (const [key, value] of Object.entries(options || {})) {
    if (!FUNCTION_OPTIONS.includes(key) && !INITIAL_ONLY.includes(key)) data[key] = value;
  }
  return data;
}

function same(a, b) {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** A ref for `<IcpFiling ref={…}>`: `ref.current` is the mounted widget's handle, or null. */
export function useIcpFiling() {
  return useRef(null);
}

export const IcpFiling = forwardRef(function IcpFiling(props, ref) {
  const { options, className, style, id } = props;
  const host = useRef(null);
  const latest = useRef(props);
  latest.current = props;
  const [handle, setHandle] = useState(null);
  const applied = useRef(null);
  const appliedFunctions = useRef([]);

  /** A stable wrapper for each function option given: it calls the latest one. */
  function functionOptions(given) {
    const wrappers = {};
    for (const name of FUNCTION_OPTIONS) {
      if (typeof given[name] === "function") {
        wrappers[name] = (...args) => {
          const f = latest.current.options && latest.current.options[name];
          return typeof f === "function" ? f(...args) : undefined;
        };
      }
    }
    return wrappers;
  }

  useImperativeHandle(ref, () => handle, [handle]);

  useEffect(() => {
    let cancelled = false;
    let mounted = null;
    init().then(
      () => {
        if (cancelled || !host.current) return;
        const given = latest.current.options || {};
        const start = { ...dataOptions(given), ...functionOptions(given) };
        const initial = latest.current.filing;
        if (initial !== undefined) start.filing = initial;
        try {
          mounted = mount(host.current, start);
        } catch (error) {
          const onError = latest.current.onError;
          if (onError) onError({ code: "config", message: String(error && error.message) });
          else console.error(error);
          return;
        }
        applied.current = dataOptions(given);
        appliedFunctions.current = Object.keys(functionOptions(given));
        for (const [type, prop] of Object.entries(EVENT_PROPS)) {
          mounted.on(type, (detail) => {
            const handler = latest.current[prop];
            if (typeof handler === "function") handler(detail);
          });
        }
        setHandle(mounted);
      },
      (error) => {
        if (cancelled) return;
        const onError = latest.current.onError;
        if (onError) onError({ code: "config", message: String(error && error.message) });
        else console.error(error);
      },
    );
    return () => {
      cancelled = true;
      if (mounted) {
        mounted.destroy();
        mounted = null;
      }
      applied.current = null;
      setHandle(null);
    };
  }, []);

  // Changed data options reach the mounted widget; equal ones (a new object literal with the
  // same content on every render) change nothing.
  useEffect(() => {
    if (!handle || !applied.current) return;
    const next = dataOptions(options);
    const changes = {};
    for (const key of new Set([...Object.keys(next), ...Object.keys(applied.current)])) {
      if (!same(next[key], applied.current[key])) changes[key] = next[key];
    }
    // A function option given or taken away since: its wrapper, or `undefined` to drop it.
    const wrappers = functionOptions(options || {});
    for (const name of FUNCTION_OPTIONS) {
      if ((name in wrappers) !== appliedFunctions.current.includes(name)) changes[name] = wrappers[name];
    }
    if (Object.keys(changes).length > 0) {
      applied.current = next;
      appliedFunctions.current = Object.keys(wrappers);
      handle.update(changes);
    }
  });

  return createElement("div", { ref: host, className, style, id });
});
