#!/usr/bin/env node
// Soak and fault run of the reference receiver (`icp-receiver`, release build): heavy load,
// one idempotency key under contention, kill -9 in the middle of a load, a full disk,
// stalled and dribbling connections, hostile requests and shutdown with clients attached.
// Writes docs/reliability.md and prints a summary.
//
//   node scripts/soak.mjs [--bin target/release-native/icp-receiver] [--out docs/reliability.md]
//                         [--only load,onekey,crash,disk,stall,bad,shutdown] [--seed N]
//
// (`./dev.sh soak` builds the receiver and runs this.) Needs root for the tmpfs mount of the
// full-disk scenario (it falls back to a file-size limit otherwise) and the `sqlite3` CLI.
// Exit status: 0 when every verdict is PASS; 1 when an acknowledged filing was lost, a
// duplicate row was stored, an integrity check failed, the receiver died on a bad input or
// any verdict is FAIL; 2 on a usage or set-up error.

import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Limits the verdicts are judged against (seconds unless named otherwise). */
const LIMITS = {
  /** A connection that sent part of its request head must be dropped within this. */
  stalledHeadDropS: 30,
  /** A request whose body trickles in must be answered or dropped within this. */
  slowBodyDropS: 60,
  /** SIGINT to process exit, with stalled clients connected. */
  shutdownS: 20,
  /** How long the stalled-connection scenario watches for drops. */
  observeS: 65,
};

const SCENARIOS = ["load", "onekey", "crash", "disk", "stall", "bad", "shutdown"];

// ---------------------------------------------------------------------------------------
// Command line

function usage(message) {
  if (message) console.error(`soak: ${message}`);
  console.error(
    "usage: node scripts/soak.mjs [--bin PATH] [--out FILE] [--only " +
      SCENARIOS.join(",") +
      "] [--seed N]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    bin: path.join(ROOT, "target/release-native/icp-receiver"),
    out: path.join(ROOT, "docs/reliability.md"),
    only: null,
    seed: Date.now() % 2147483647,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case "--bin":
        opts.bin = path.resolve(value());
        break;
      case "--out":
        opts.out = path.resolve(value());
        break;
      case "--only": {
        opts.only = new Set(value().split(",").filter(Boolean));
        for (const s of opts.only) if (!SCENARIOS.includes(s)) usage(`unknown scenario ${s}`);
        break;
      }
      case "--seed":
        opts.seed = Number(value());
        if (!Number.isInteger(opts.seed)) usage("--seed needs an integer");
        break;
      case "-h":
      case "--help":
        usage();
        break;
      default:
        usage(`unknown argument ${flag}`);
    }
  }
  return opts;
}

const OPTS = parseArgs(process.argv.slice(2));
const BIN = OPTS.bin;
try {
  fs.accessSync(BIN, fs.constants.X_OK);
} catch {
  usage(`no receiver binary at ${BIN} (cargo build --profile release-native -p icp-receiver)`);
}
try {
  execFileSync("sqlite3", ["-version"], { stdio: "ignore", timeout: 10_000 });
} catch {
  usage("the sqlite3 command-line tool is needed (apt-get install sqlite3)");
}

// ---------------------------------------------------------------------------------------
// Clean-up: every receiver this script starts is killed, every mount unmounted and the
// temporary directory removed, however the script ends.

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "icp-soak-"));
const children = new Set();
const mounts = [];

function cleanUp() {
  for (const child of children) {
    try {
      child.kill("SIGKILL");
    } catch {}
  }
  for (const dir of mounts.splice(0).reverse()) umount(dir);
  try {
    fs.rmSync(TMP, { recursive: true, force: true });
  } catch (e) {
    console.error(`soak: could not remove ${TMP}: ${e.message}`);
  }
}

function umount(dir) {
  for (const args of [[dir], ["-l", dir]]) {
    try {
      execFileSync("umount", args, { stdio: "ignore", timeout: 20_000 });
      return true;
    } catch {}
  }
  console.error(`soak: could not unmount ${dir}`);
  return false;
}

process.on("exit", cleanUp);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`soak: ${signal}; stopping the receivers and cleaning up`);
    process.exit(130);
  });
}
// The whole run must not hang: a hard ceiling well above a normal run.
setTimeout(() => {
  console.error("soak: the run took longer than 25 minutes; giving up");
  process.exit(3);
}, 25 * 60_000).unref();

// ---------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

/** Resolves with `promise`'s value, or with `fallback` after `ms`. */
function within(promise, ms, fallback = null) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]);
}

/** Seeded generator (mulberry32), so a run's kill points can be replayed with --seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(OPTS.seed);

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function ms(value) {
  if (!Number.isFinite(value)) return "–";
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function histogram(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v} × ${n}`)
    .join(", ");
}

/** Runs `fn` over `items`, at most `n` at a time; results in input order. */
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const k = next++;
      out[k] = await fn(items[k], k);
    }
  });
  await Promise.all(workers);
  return out;
}

function tempDir(name) {
  const dir = path.join(TMP, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// ---------------------------------------------------------------------------------------
// The receiver process

class Receiver {
  constructor(dataDir, { args = [], wrap = null, name = "receiver" } = {}) {
    this.dataDir = dataDir;
    this.args = args;
    this.wrap = wrap;
    this.name = name;
    this.stderr = "";
    this.proc = null;
    this.port = null;
  }

  get db() {
    return path.join(this.dataDir, "filings.sqlite3");
  }

  stderrTail() {
    return this.stderr.trim().split("\n").slice(-5).join(" | ") || "(nothing on stderr)";
  }

  /** Starts the receiver on a free loopback port and waits until it says where it listens. */
  start(timeoutMs = 20_000) {
    this.port = null;
    const argv = ["--addr", "127.0.0.1:0", "--data-dir", this.dataDir, ...this.args];
    const [cmd, cmdArgs] = this.wrap ? this.wrap(BIN, argv) : [BIN, argv];
    const t0 = now();
    const proc = spawn(cmd, cmdArgs, { stdio: ["ignore", "pipe", "pipe"] });
    this.proc = proc;
    children.add(proc);
    this.exited = new Promise((resolve) => {
      proc.on("exit", (code, signal) => {
        children.delete(proc);
        resolve({ code, signal, at: now() });
      });
    });
    return new Promise((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => {
        proc.kill("SIGKILL");
        reject(new Error(`${this.name} did not start within ${timeoutMs} ms: ${this.stderrTail()}`));
      }, timeoutMs);
      proc.stdout.on("data", (chunk) => {
        out += chunk;
        const m = /listening on http:\/\/(\S+)/.exec(out);
        if (m && this.port == null) {
          clearTimeout(timer);
          this.port = Number(m[1].split(":").pop());
          this.startMs = now() - t0;
          resolve(this);
        }
        if (out.length > 65536) out = out.slice(-4096);
      });
      proc.stderr.on("data", (chunk) => {
        this.stderr += chunk;
        if (this.stderr.length > 65536) this.stderr = this.stderr.slice(-16384);
      });
      proc.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      proc.on("exit", (code, signal) => {
        clearTimeout(timer);
        if (this.port == null) {
          reject(new Error(`${this.name} exited (${signal ?? code}) before listening: ${this.stderrTail()}`));
        }
      });
    });
  }

  alive() {
    return this.proc != null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async kill9() {
    if (!this.alive()) return;
    this.proc.kill("SIGKILL");
    await within(this.exited, 10_000);
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `limitMs`. */
  async stop(signal = "SIGINT", limitMs = 30_000) {
    if (!this.alive()) return { ms: 0, code: this.proc?.exitCode, signal: this.proc?.signalCode };
    const t0 = now();
    this.proc.kill(signal);
    const exit = await within(this.exited, limitMs);
    if (exit) return { ms: exit.at - t0, code: exit.code, signal: exit.signal, forced: false };
    this.proc.kill("SIGKILL");
    const killed = await within(this.exited, 10_000);
    return { ms: now() - t0, code: killed?.code, signal: killed?.signal, forced: true };
  }

  async healthy(timeoutMs = 5000) {
    if (!this.alive()) return false;
    const r = await request(this.port, { path: "/api/health", timeoutMs });
    return r.status === 200;
  }
}

// ---------------------------------------------------------------------------------------
// HTTP clients: node:http for well-formed requests, raw sockets for hostile ones.

/** One request; never rejects. `status` 0 means no answer (`error` says why). */
function request(port, { method = "GET", path: target = "/", headers = {}, body = null, timeoutMs = 15_000, agent = false } = {}) {
  return new Promise((resolve) => {
    const t0 = now();
    let done = false;
    let timer;
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ headers: {}, text: "", ...result, ms: now() - t0 });
    };
    const allHeaders = { ...headers };
    if (body != null) allHeaders["content-length"] = Buffer.byteLength(body);
    let req;
    try {
      req = http.request({ host: "127.0.0.1", port, method, path: target, headers: allHeaders, agent });
    } catch (e) {
      finish({ status: 0, error: e.code ?? e.message });
      return;
    }
    timer = setTimeout(() => {
      finish({ status: 0, error: "timeout" });
      req.destroy();
    }, timeoutMs);
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        finish({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", (e) => finish({ status: 0, error: e.code ?? e.message }));
      res.on("close", () => {
        if (!res.complete) finish({ status: 0, error: "response cut short" });
      });
    });
    req.on("error", (e) => finish({ status: 0, error: e.code ?? e.message }));
    req.end(body ?? undefined);
  });
}

function json(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** POSTs a job (`{key, body}`); adds `id` and `replayed` to the answer. */
async function postJob(port, job, { timeoutMs = 15_000, agent = false, headers = {} } = {}) {
  const r = await request(port, {
    method: "POST",
    path: "/api/filings",
    headers: { "content-type": "application/json", "idempotency-key": job.key, ...headers },
    body: job.body,
    timeoutMs,
    agent,
  });
  r.id = r.status === 201 ? json(r.text)?.id ?? null : null;
  r.replayed = r.headers["idempotent-replayed"] === "true";
  return r;
}

/** Retries as docs/http-contract.md tells a client to: no answer, 408, 429, 502–504. */
async function postWithRetry(port, job, { attempts = 5, timeoutMs = 60_000, agent = false } = {}) {
  const tries = [];
  for (let a = 0; a < attempts; a++) {
    const r = await postJob(port, job, { timeoutMs, agent });
    tries.push(r);
    if (r.status === 201 || ![0, 408, 429, 502, 503, 504].includes(r.status)) break;
    const retryAfter = Number(r.headers["retry-after"]);
    await sleep(retryAfter > 0 ? Math.min(retryAfter, 5) * 1000 : 200 * 2 ** a * (0.5 + Math.random()));
  }
  return tries;
}

/** A parsed raw HTTP/1.1 response (interim 1xx answers skipped and noted). */
function parseResponse(buf, isHead = false) {
  let rest = buf;
  const interim = [];
  for (;;) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) return { complete: false, status: 0, interim, bytes: buf.length };
    const head = rest.subarray(0, end).toString("latin1");
    const lines = head.split("\r\n");
    const m = /^HTTP\/\d\.\d (\d{3})/.exec(lines[0]);
    if (!m) return { complete: false, status: 0, interim, bytes: buf.length, garbage: true };
    const status = Number(m[1]);
    const headers = {};
    for (const line of lines.slice(1)) {
      const i = line.indexOf(":");
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    rest = rest.subarray(end + 4);
    if (status >= 100 && status < 200) {
      interim.push(status);
      continue;
    }
    let body = rest;
    let complete = false;
    if (isHead || status === 204 || status === 304) {
      body = Buffer.alloc(0);
      complete = true;
    } else if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
      const parts = [];
      let at = 0;
      for (;;) {
        const lineEnd = rest.indexOf("\r\n", at);
        if (lineEnd < 0) break;
        const size = parseInt(rest.subarray(at, lineEnd).toString("latin1"), 16);
        if (!Number.isFinite(size)) break;
        if (size === 0) {
          complete = true;
          break;
        }
        if (rest.length < lineEnd + 2 + size + 2) break;
        parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else if (headers["content-length"] != null) {
      const length = Number(headers["content-length"]);
      complete = rest.length >= length;
      body = rest.subarray(0, length);
    }
    return { complete, status, headers, body: body.toString("utf8"), interim, bytes: buf.length };
  }
}

/**
 * Sends `parts` (strings or Buffers) on a fresh connection and reads one answer. Never
 * rejects: `status` 0 with `closed`, `error` or `timedOut` when no answer came.
 */
function rawExchange(port, parts, { timeoutMs = 10_000, isHead = false } = {}) {
  return new Promise((resolve) => {
    const t0 = now();
    const chunks = [];
    let done = false;
    const sock = net.connect({ host: "127.0.0.1", port });
    const finish = (extra) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const parsed = parseResponse(Buffer.concat(chunks), isHead);
      resolve({ headers: {}, body: "", ...parsed, ...extra, ms: now() - t0 });
    };
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    sock.on("connect", () => {
      for (const part of parts) if (!done && !sock.destroyed) sock.write(part);
    });
    sock.on("data", (c) => {
      chunks.push(c);
      if (parseResponse(Buffer.concat(chunks), isHead).complete) finish({});
    });
    sock.on("end", () => finish({ closed: true }));
    sock.on("error", (e) => finish({ closed: true, error: e.code ?? e.message }));
  });
}

/** The bytes of a request: request line, `Host` and `Connection: close` unless given. */
function rawRequest(method, target, headers = [], body = null, { contentLength = true } = {}) {
  const names = new Set(headers.map(([k]) => k.toLowerCase()));
  const lines = [`${method} ${target} HTTP/1.1`];
  if (!names.has("host")) lines.push("Host: 127.0.0.1");
  if (!names.has("connection")) lines.push("Connection: close");
  const bodyBuf = body == null ? null : Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
  if (bodyBuf && contentLength && !names.has("content-length")) lines.push(`Content-Length: ${bodyBuf.length}`);
  const head = Buffer.from(
    lines.join("\r\n") + "\r\n" + headers.map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n",
    "latin1",
  );
  return bodyBuf ? [Buffer.concat([head, bodyBuf])] : [head];
}

/**
 * A connection that sends `initial`, then (optionally) one byte of `dribble` every
 * `everyMs`, and records when the server closes it and what it sent back.
 */
function holdConnection(port, initial, { dribble = null, everyMs = 1000, connectTimeoutMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    const c = { openedAt: null, closedAt: null, bytes: 0, head: "", error: null, sock: null, abandoned: false };
    const sock = net.connect({ host: "127.0.0.1", port });
    c.sock = sock;
    let timer = null;
    const connectTimer = setTimeout(() => {
      c.error = "connect timeout";
      sock.destroy();
      resolve(c);
    }, connectTimeoutMs);
    const closed = () => {
      clearInterval(timer);
      if (c.closedAt == null && c.openedAt != null && !c.abandoned) c.closedAt = now();
    };
    sock.on("connect", () => {
      clearTimeout(connectTimer);
      c.openedAt = now();
      sock.write(initial);
      if (dribble) {
        let k = 0;
        timer = setInterval(() => {
          if (k >= dribble.length || sock.destroyed) return clearInterval(timer);
          sock.write(dribble.subarray(k, k + 1));
          k++;
        }, everyMs);
      }
      resolve(c);
    });
    sock.on("data", (chunk) => {
      c.bytes += chunk.length;
      if (c.head.length < 120) c.head += chunk.toString("latin1").slice(0, 120);
    });
    sock.on("end", closed);
    sock.on("close", closed);
    sock.on("error", (e) => {
      c.error ??= e.code ?? e.message;
      closed();
      clearTimeout(connectTimer);
      resolve(c);
    });
  });
}

function release(conns) {
  for (const c of conns) {
    c.abandoned = true;
    c.sock?.destroy();
  }
}

async function openMany(port, n, initial, options = {}, batch = 100) {
  const out = [];
  for (let i = 0; i < n; i += batch) {
    const group = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, () => holdConnection(port, initial, options)),
    );
    out.push(...group);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// SQLite, read with the sqlite3 CLI (the receiver keeps the database in WAL mode, so
// reading next to it is safe).

function sqlite(db, query) {
  return execFileSync("sqlite3", ["-batch", "-noheader", "-cmd", ".timeout 5000", db, query], {
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 256 << 20,
  }).trim();
}

function integrity(db) {
  totals.integrityChecks++;
  try {
    return sqlite(db, "PRAGMA integrity_check;");
  } catch (e) {
    return `sqlite3 failed: ${(e.stderr || e.message).toString().trim()}`;
  }
}

const MARKER = /soak-[0-9a-z]+-[a-z]+-\d+/;

/** What the database holds: rows, keys, rows without a key, and filings stored twice. */
function dbFacts(db) {
  const count = Number(sqlite(db, "SELECT COUNT(*) FROM filings;"));
  const keys = Number(sqlite(db, "SELECT COUNT(*) FROM idempotency_keys;"));
  const unkeyed = Number(
    sqlite(db, "SELECT COUNT(*) FROM filings WHERE id NOT IN (SELECT filing_id FROM idempotency_keys);"),
  );
  const markers = new Map();
  const rows = sqlite(db, "SELECT substr(body, instr(body, 'soak-'), 80) FROM filings WHERE instr(body, 'soak-') > 0;");
  for (const line of rows.split("\n")) {
    const m = MARKER.exec(line);
    if (m) markers.set(m[0], (markers.get(m[0]) ?? 0) + 1);
  }
  const storedTwice = [...markers.values()].filter((n) => n > 1).length;
  const keyToId = new Map();
  for (const line of sqlite(db, "SELECT key, filing_id FROM idempotency_keys;").split("\n")) {
    const i = line.lastIndexOf("|");
    if (i > 0) keyToId.set(line.slice(0, i), line.slice(i + 1));
  }
  return { count, keys, unkeyed, storedTwice, keyToId, ids: new Set(keyToId.values()) };
}

// ---------------------------------------------------------------------------------------
// Filings: the valid fixtures, each made distinct by a marker in a free-text remark.

const RUN = Date.now().toString(36);
let templates = [];

function fixtureFilings() {
  const files = [];
  for (const dir of ["tests/fixtures", "tests/fixtures/realistic"]) {
    for (const name of fs.readdirSync(path.join(ROOT, dir)).sort()) {
      if (name.endsWith(".json")) files.push(path.join(dir, name));
    }
  }
  const out = [];
  for (const file of files) {
    const doc = json(fs.readFileSync(path.join(ROOT, file), "utf8"));
    const filing = doc?.filing ?? doc;
    if (filing?.schemaVersion && (filing.websites?.[0] || filing.apps?.[0])) out.push({ file, filing });
  }
  return out;
}

function withMarker(filing, marker) {
  const f = structuredClone(filing);
  const item = f.websites?.[0] ?? f.apps?.[0];
  item.remark = `${item.remark ?? ""}（${marker}）`;
  return f;
}

/** A distinct valid filing with its own idempotency key. */
function makeJob(tag, i) {
  const tpl = templates[i % templates.length];
  const marker = `soak-${RUN}-${tag}-${i}`;
  return { key: marker, marker, body: JSON.stringify(withMarker(tpl.filing, marker)), template: tpl.file };
}

/** Finds the fixtures the current rules accept (dates in them age) on a scratch receiver. */
async function calibrate() {
  const rc = new Receiver(path.join(tempDir("calibrate"), "data"), { name: "calibration receiver" });
  await rc.start();
  try {
    const all = fixtureFilings();
    let i = 0;
    for (const fx of all) {
      const marker = `soak-${RUN}-calibrate-${i++}`;
      const r = await postJob(rc.port, { key: marker, body: JSON.stringify(withMarker(fx.filing, marker)) });
      if (r.status === 201) templates.push(fx);
    }
    return { fixtures: all.length, accepted: templates.length, startMs: rc.startMs };
  } finally {
    await rc.stop("SIGKILL");
  }
}

// ---------------------------------------------------------------------------------------
// Results

const critical = { lost: 0, duplicates: 0, integrity: 0, diedOnBadInput: 0 };
const totals = { acked: 0, integrityChecks: 0, hostile: 0 };
const results = [];

class Section {
  constructor(id, title) {
    this.id = id;
    this.title = title;
    this.figures = [];
    this.verdicts = [];
    this.notes = [];
    this.tables = [];
    this.t0 = now();
    results.push(this);
  }
  fig(name, value) {
    this.figures.push([name, String(value)]);
  }
  verdict(name, pass, detail = "") {
    this.verdicts.push({ name, pass: Boolean(pass), detail });
  }
  note(text) {
    this.notes.push(text);
  }
  done() {
    this.seconds = (now() - this.t0) / 1000;
  }
}

async function checkIds(port, jobs) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  try {
    const missing = [];
    await pool(jobs, 32, async (job) => {
      let r;
      for (let a = 0; a < 3; a++) {
        r = await request(port, { path: `/api/filings/${encodeURIComponent(job.id)}`, timeoutMs: 15_000, agent });
        if (r.status !== 0) break;
        await sleep(100);
      }
      const doc = r.status === 200 ? json(r.text) : null;
      if (!(doc?.id === job.id && r.text.includes(job.marker))) missing.push({ job, status: r.status || r.error });
    });
    return missing;
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------
// 1. Load: 1,000 distinct filings at once

async function scenarioLoad(s) {
  const N = 1000;
  const rc = new Receiver(path.join(tempDir("load"), "data"));
  await rc.start();
  try {
    const jobs = Array.from({ length: N }, (_, i) => makeJob("load", i));
    const t0 = now();
    const tries = await Promise.all(jobs.map((job) => postWithRetry(rc.port, job, { timeoutMs: 60_000 })));
    const wall = now() - t0;
    const first = tries.map((t) => t[0]);
    const final = tries.map((t) => t.at(-1));
    final.forEach((r, i) => {
      if (r.status === 201) jobs[i].id = r.id;
    });
    const acked = jobs.filter((j) => j.id);
    const latencies = first.map((r) => r.ms);
    s.fig("filings sent", `${N} distinct (${templates.length} valid fixtures, a marker in each remark), all at once, one connection each`);
    s.fig("first answers", histogram(first.map((r) => r.status || r.error)));
    s.fig("retried (no answer / 408 / 429 / 5xx, same key)", tries.filter((t) => t.length > 1).length);
    s.fig("final answers", histogram(final.map((r) => r.status || r.error)));
    s.fig("acknowledged (201)", `${acked.length} of ${N}`);
    s.fig("latency of first attempt p50 / p95 / p99 / max", [0.5, 0.95, 0.99, 1].map((q) => ms(quantile(latencies, q))).join(" / "));
    s.fig("wall time, throughput", `${ms(wall)}, ${(acked.length / (wall / 1000)).toFixed(0)} acknowledged filings/s`);
    const missing = await checkIds(rc.port, acked);
    s.fig("acknowledged ids read back by GET", `${acked.length - missing.length} of ${acked.length}`);
    const facts = dbFacts(rc.db);
    s.fig("rows in `filings` / in `idempotency_keys`", `${facts.count} / ${facts.keys}`);
    const notInDb = acked.filter((j) => facts.keyToId.get(j.key) !== j.id).length;
    const lost = Math.max(missing.length, notInDb);
    const dup = Math.max(0, facts.count - acked.length, facts.storedTwice);
    critical.lost += lost;
    critical.duplicates += dup;
    totals.acked += acked.length;
    s.fig("lost / duplicated", `${lost} acknowledged filings lost, ${dup} duplicate rows`);
    s.summary = `${acked.length}/${N} acknowledged in ${ms(wall)} (${(acked.length / (wall / 1000)).toFixed(0)}/s), p99 ${ms(quantile(latencies, 0.99))}; ${lost} lost, ${dup} duplicates`;
    s.verdict("every filing acknowledged (201)", acked.length === N, `${acked.length}/${N}`);
    s.verdict("every acknowledged id retrievable", missing.length === 0, `${missing.length} missing`);
    s.verdict("rows in SQLite = acknowledgements", facts.count === acked.length && notInDb === 0, `${facts.count} rows, ${acked.length} acks`);
    s.verdict("receiver up afterwards", await rc.healthy());
  } finally {
    await rc.stop("SIGINT", 15_000);
  }
}

// ---------------------------------------------------------------------------------------
// 2. One idempotency key, 200 concurrent requests

async function scenarioOneKey(s) {
  const N = 200;
  const rc = new Receiver(path.join(tempDir("onekey"), "data"));
  await rc.start();
  try {
    const job = makeJob("onekey", 0);
    const answers = await Promise.all(Array.from({ length: N }, () => postJob(rc.port, job, { timeoutMs: 30_000 })));
    const ids = new Set(answers.filter((r) => r.status === 201).map((r) => r.id));
    const replayed = answers.filter((r) => r.replayed).length;
    const bodies = new Set(answers.filter((r) => r.status === 201).map((r) => r.text));
    s.fig("requests", `${N} at once, one key, the same body`);
    s.fig("answers", histogram(answers.map((r) => r.status || r.error)));
    s.fig("distinct ids / distinct 201 bodies", `${ids.size} / ${bodies.size}`);
    s.fig("answers marked Idempotent-Replayed", replayed);
    s.fig("latency p50 / max", `${ms(quantile(answers.map((r) => r.ms), 0.5))} / ${ms(quantile(answers.map((r) => r.ms), 1))}`);
    const other = { key: job.key, body: makeJob("onekey", 1).body };
    const conflict = await postJob(rc.port, other);
    const code = json(conflict.text)?.error?.code;
    s.fig("same key, another body", `${conflict.status || conflict.error} ${code ?? ""}`.trim());
    const again = await postJob(rc.port, job);
    s.fig("same key and body afterwards", `${again.status || again.error}${again.replayed ? ", Idempotent-Replayed" : ""}`);
    const facts = dbFacts(rc.db);
    s.fig("rows in `filings` / keys", `${facts.count} / ${facts.keys}`);
    critical.duplicates += Math.max(0, facts.count - 1);
    s.summary = `${histogram(answers.map((r) => r.status || r.error))}, ${ids.size} id, ${facts.count} row; other body → ${conflict.status || conflict.error}`;
    s.verdict("all 200 answered 201 with one id", answers.every((r) => r.status === 201) && ids.size === 1);
    s.verdict("exactly one row stored", facts.count === 1, `${facts.count} rows`);
    s.verdict("one fresh answer, the rest replays", replayed === N - 1, `${replayed} replays`);
    s.verdict("same key with another body → 409", conflict.status === 409 && code === "idempotency.key_reused");
    s.verdict("replay after the conflict returns the same id", again.status === 201 && ids.has(again.id) && again.replayed);
  } finally {
    await rc.stop("SIGINT", 15_000);
  }
}

// ---------------------------------------------------------------------------------------
// 3. kill -9 during load, restart on the same data dir

async function scenarioCrash(s) {
  const KILLS = 5;
  const BATCH = 600;
  const INFLIGHT = 50;
  const dataDir = path.join(tempDir("crash"), "data");
  const rc = new Receiver(dataDir);
  await rc.start();
  const jobs = [];
  const queue = [];
  const rounds = [];
  let lostTotal = 0;
  let restartFailed = null;
  try {
    for (let round = 0; round <= KILLS; round++) {
      const fresh = Array.from({ length: BATCH }, (_, i) => makeJob("crash", jobs.length + i));
      jobs.push(...fresh);
      // Unanswered filings of the last round go first, with their own key and body.
      const list = [...queue.splice(0), ...fresh];
      const killing = round < KILLS;
      const killAfter = killing ? Math.floor(list.length * (0.25 + 0.5 * rand())) : Infinity;
      const info = { round: round + 1, sent: 0, acked: 0, retried: list.length - fresh.length, killAfter, unanswered: 0 };
      const agent = new http.Agent({ keepAlive: true, maxSockets: INFLIGHT });
      let next = 0;
      let killed = false;
      const t0 = now();
      await Promise.all(
        Array.from({ length: INFLIGHT }, async () => {
          while (!killed && next < list.length) {
            const job = list[next++];
            info.sent++;
            job.attempts = (job.attempts ?? 0) + 1;
            const r = await postJob(rc.port, job, { timeoutMs: 30_000, agent });
            if (r.status === 201 && r.id) {
              if (job.id && job.id !== r.id) job.changedId = r.id;
              job.id ??= r.id;
              if (job.attempts > 1 && r.replayed) job.storedBeforeCrash = true;
              info.acked++;
              if (info.acked >= killAfter && !killed) {
                killed = true;
                info.killedAtMs = now() - t0;
                rc.proc.kill("SIGKILL");
              }
            } else {
              job.lastAnswer = r.status || r.error;
              queue.push(job);
              info.unanswered++;
            }
          }
        }),
      );
      agent.destroy();
      queue.push(...list.slice(next).filter((j) => !j.id));
      info.notSent = list.length - next;
      if (killing) {
        await within(rc.exited, 10_000);
        // The state the crash left, checked on a copy before the receiver touches it.
        const copy = path.join(TMP, "crash", `after-kill-${round + 1}`);
        fs.cpSync(dataDir, copy, { recursive: true });
        info.integrity = integrity(path.join(copy, "filings.sqlite3"));
        if (info.integrity !== "ok") critical.integrity++;
        fs.rmSync(copy, { recursive: true, force: true });
        const t1 = now();
        let started = false;
        for (let attempt = 0; attempt < 3 && !started; attempt++) {
          try {
            await rc.start();
            started = true;
          } catch (e) {
            restartFailed = e.message;
            await sleep(1000);
          }
        }
        if (!started) throw new Error(`restart after kill -9 failed: ${restartFailed}`);
        restartFailed = null;
        info.restartMs = now() - t1;
        const acked = jobs.filter((j) => j.id);
        const missing = await checkIds(rc.port, acked);
        info.checked = acked.length;
        info.missing = missing.length;
        lostTotal = Math.max(lostTotal, missing.length);
      }
      rounds.push(info);
    }
    // Whatever is still unanswered gets a few more tries without a kill.
    for (let pass = 0; pass < 3 && queue.length; pass++) {
      const list = queue.splice(0);
      for (const job of list) {
        const r = await postJob(rc.port, job, { timeoutMs: 30_000 });
        job.attempts++;
        if (r.status === 201 && r.id) {
          job.id = r.id;
          if (r.replayed) job.storedBeforeCrash = true;
        } else queue.push(job);
      }
    }
    const acked = jobs.filter((j) => j.id);
    const missing = await checkIds(rc.port, acked);
    lostTotal = Math.max(lostTotal, missing.length);
    const stop = await rc.stop("SIGINT", 30_000);
    const finalIntegrity = integrity(rc.db);
    if (finalIntegrity !== "ok") critical.integrity++;
    const facts = dbFacts(rc.db);
    const wrongId = acked.filter((j) => facts.keyToId.get(j.key) !== j.id).length;
    const dup = Math.max(0, facts.count - acked.length, facts.storedTwice, facts.unkeyed);
    lostTotal = Math.max(lostTotal, wrongId);
    critical.lost += lostTotal;
    totals.acked += acked.length;
    critical.duplicates += dup;
    const retriedJobs = jobs.filter((j) => j.attempts > 1);
    s.fig("load", `${KILLS + 1} rounds of ${BATCH} new filings, ${INFLIGHT} in flight (keep-alive); a kill -9 in each of the first ${KILLS}, once a random 25–75 % of the round's filings was acknowledged (seed ${OPTS.seed}); what a kill left unanswered or unsent opens the next round`);
    s.fig("filings", `${jobs.length}, all with their own key`);
    s.fig("kill -9 survived", `${rounds.filter((r) => r.restartMs != null).length} of ${KILLS}`);
    s.fig("acknowledged", `${acked.length} of ${jobs.length}`);
    s.fig("unanswered at a kill, retried with the same key", `${retriedJobs.length} (${retriedJobs.filter((j) => j.storedBeforeCrash).length} had been stored before the kill and came back as replays, ${retriedJobs.filter((j) => !j.storedBeforeCrash && j.id).length} were stored on the retry)`);
    s.fig("still unacknowledged at the end", queue.length);
    s.fig("rows in `filings` / keys / rows without a key", `${facts.count} / ${facts.keys} / ${facts.unkeyed}`);
    s.fig("filings stored twice", facts.storedTwice);
    s.fig("integrity_check after each kill / at the end", `${rounds.filter((r) => r.integrity).map((r) => r.integrity).join(", ")} / ${finalIntegrity}`);
    s.fig("shutdown at the end (SIGINT)", `${ms(stop.ms)}${stop.forced ? " (did not exit; killed)" : ""}`);
    s.fig("lost / duplicated", `${lostTotal} acknowledged filings lost, ${dup} duplicate rows`);
    s.tables.push({
      head: ["round", "sent", "acknowledged", "killed after", "unanswered", "integrity_check", "restart", "acked ids read back"],
      rows: rounds.map((r) => [
        r.round,
        r.sent,
        r.acked,
        r.killedAtMs != null ? `${r.killAfter} acks (${ms(r.killedAtMs)})` : "no kill",
        r.unanswered + r.notSent ? `${r.unanswered} in flight, ${r.notSent} not sent` : "0",
        r.integrity ?? "–",
        r.restartMs != null ? ms(r.restartMs) : "–",
        r.checked != null ? `${r.checked - r.missing} of ${r.checked}` : "–",
      ]),
    });
    s.summary = `${rounds.filter((r) => r.restartMs != null).length}/${KILLS} kills survived, ${acked.length}/${jobs.length} acknowledged, ${lostTotal} lost, ${dup} duplicates, integrity ${finalIntegrity}`;
    s.verdict("receiver restarted after every kill -9", rounds.filter((r) => r.restartMs != null).length === KILLS);
    s.verdict("integrity_check ok after every kill and at the end", rounds.every((r) => r.integrity == null || r.integrity === "ok") && finalIntegrity === "ok");
    s.verdict("0 acknowledged filings lost", lostTotal === 0, `${lostTotal} lost`);
    s.verdict("no duplicate rows after retries", dup === 0, `${dup} duplicates`);
    s.verdict("every filing acknowledged in the end", acked.length === jobs.length, `${acked.length}/${jobs.length}`);
  } finally {
    if (restartFailed) s.note(`The receiver did not restart after kill -9: ${restartFailed}`);
    await rc.stop("SIGKILL");
  }
}

// ---------------------------------------------------------------------------------------
// 4. Full disk

const LEAKS = [
  [/invalid type|invalid value|unknown variant|unknown field|missing field|trailing characters|EOF while parsing|recursion limit|expected value/i, "serde message"],
  [/\bexpected\b/i, "parser wording (“expected”)"],
  [/at line \d+|line \d+ column \d+|column \d+/i, "line/column position"],
  [/panick|RUST_BACKTRACE|called `(?:Option|Result)::/i, "panic text"],
  [/(?:^|[\s"'(])\/(?:home|root|tmp|usr|var|work|proc|etc|src)\/[\w.-]/i, "file path"],
  [/\.rs\b|src\/\w+/, "source file name"],
  [/rusqlite|sqlite|serde|hyper|axum|tokio|tower/i, "library name"],
  [/database error|disk is full|os error|errno|No space left|I\/O error|Failed to buffer|Failed to deserialize|length limit exceeded/i, "internal error text"],
];

function leaks(text) {
  if (!text) return [];
  return LEAKS.filter(([re]) => re.test(text)).map(([, name]) => name);
}

async function scenarioDisk(s) {
  const base = tempDir("disk");
  const mnt = path.join(base, "mnt");
  fs.mkdirSync(mnt);
  let mode;
  let wrap = null;
  let mounted = false;
  try {
    // ICP_SOAK_NO_MOUNT=1 tries the fallback on purpose.
    if (process.env.ICP_SOAK_NO_MOUNT === "1") throw new Error("ICP_SOAK_NO_MOUNT=1");
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt], { stdio: "pipe", timeout: 20_000 });
    mounts.push(mnt);
    mounted = true;
    mode = "a 1 MiB tmpfs (`mount -t tmpfs -o size=1m`) as the data dir; space freed by remounting it at 64 MiB";
  } catch (e) {
    // No mount: a 1 MiB file-size limit (RLIMIT_FSIZE) with SIGXFSZ ignored, so writes past
    // it fail with EFBIG; raised with prlimit to free the space.
    mode = `a 1 MiB file-size limit (RLIMIT_FSIZE via prlimit, SIGXFSZ ignored), because the tmpfs mount failed: ${(e.stderr || e.message).toString().trim()}`;
    wrap = (bin, argv) => ["prlimit", ["--fsize=1048576:unlimited", "--", "sh", "-c", 'trap "" XFSZ; exec "$0" "$@"', bin, ...argv]];
  }
  s.fig("full disk made with", mode);
  const dataDir = path.join(mnt, "data");
  const rc = new Receiver(dataDir, { wrap });
  try {
    await rc.start();
    const acked = [];
    const statuses = [];
    let firstFailure = null;
    let failuresInRow = 0;
    let i = 0;
    const t0 = now();
    while (failuresInRow < 10 && i < 5000 && now() - t0 < 120_000 && rc.alive()) {
      const job = makeJob("disk", i++);
      const r = await postJob(rc.port, job, { timeoutMs: 15_000 });
      statuses.push(r.status || r.error);
      if (r.status === 201) {
        job.id = r.id;
        acked.push(job);
        failuresInRow = 0;
      } else {
        firstFailure ??= { n: i, status: r.status || r.error, body: r.text, headers: r.headers };
        failuresInRow++;
      }
    }
    s.fig("filings posted until writes failed", `${i} (${acked.length} acknowledged before the disk filled)`);
    s.fig("answers", histogram(statuses));
    if (firstFailure) {
      s.fig("first failing answer", `${firstFailure.status} after ${firstFailure.n - 1} filings: \`${firstFailure.body.slice(0, 200).replace(/`/g, "'")}\``);
      if (firstFailure.headers?.["retry-after"]) s.fig("Retry-After on it", firstFailure.headers["retry-after"]);
    }
    const failLeaks = leaks(firstFailure?.body);
    const upWhileFull = rc.alive();
    const healthWhileFull = await rc.healthy();
    const missingWhileFull = upWhileFull ? await checkIds(rc.port, acked) : acked;
    s.fig("while full: receiver up / health / acknowledged ids readable", `${upWhileFull ? "yes" : "NO"} / ${healthWhileFull ? "200" : "no answer"} / ${acked.length - missingWhileFull.length} of ${acked.length}`);
    // Free the space.
    if (mounted) execFileSync("mount", ["-o", "remount,size=64m", mnt], { stdio: "pipe", timeout: 20_000 });
    else if (rc.alive()) execFileSync("prlimit", ["--pid", String(rc.proc.pid), "--fsize=unlimited:unlimited"], { stdio: "pipe", timeout: 20_000 });
    const after = [];
    for (let k = 0; k < 10 && rc.alive(); k++) {
      const job = makeJob("disk", i++);
      const r = await postJob(rc.port, job, { timeoutMs: 15_000 });
      after.push(r.status || r.error);
      if (r.status === 201) {
        job.id = r.id;
        acked.push(job);
      }
    }
    s.fig("after freeing space: 10 more filings", histogram(after) || "receiver gone");
    const missingAfter = rc.alive() ? await checkIds(rc.port, acked) : acked;
    const stop = await rc.stop("SIGINT", 30_000);
    // Integrity on a copy on the ordinary disk, after the tmpfs is gone.
    const copy = path.join(base, "copy");
    fs.cpSync(dataDir, copy, { recursive: true });
    if (mounted && umount(mnt)) mounts.splice(mounts.indexOf(mnt), 1);
    const db = path.join(copy, "filings.sqlite3");
    const check = integrity(db);
    if (check !== "ok") critical.integrity++;
    const facts = dbFacts(db);
    const lost = Math.max(missingAfter.length, acked.filter((j) => facts.keyToId.get(j.key) !== j.id).length);
    const dup = Math.max(0, facts.count - acked.length, facts.storedTwice);
    critical.lost += lost;
    critical.duplicates += dup;
    totals.acked += acked.length;
    s.fig(mounted ? "integrity_check of a copy, after unmounting" : "integrity_check of a copy", check);
    s.fig("rows / acknowledged", `${facts.count} / ${acked.length}`);
    s.fig("lost / duplicated", `${lost} acknowledged filings lost, ${dup} duplicate rows`);
    s.fig("shutdown (SIGINT)", `${ms(stop.ms)}${stop.forced ? " (did not exit; killed)" : ""}`);
    s.summary = `full after ${acked.length - after.filter((x) => x === 201).length} filings → ${firstFailure?.status ?? "never failed"}${failLeaks.length ? " with internal text" : ""}; ${after.filter((x) => x === 201).length}/10 after freeing space; ${lost} lost, integrity ${check}`;
    s.verdict("the disk did fill (writes failed)", firstFailure != null, firstFailure ? "" : "never failed");
    s.verdict("full disk answered 503 or 507", [503, 507].includes(firstFailure?.status), `got ${firstFailure?.status ?? "nothing"}`);
    s.verdict("full-disk answer has no internal text", firstFailure != null && failLeaks.length === 0, failLeaks.join(", "));
    s.verdict("receiver stays up and health answers while full", upWhileFull && healthWhileFull);
    s.verdict("posting works again once space is freed", after.length === 10 && after.every((st) => st === 201), histogram(after));
    s.verdict("integrity_check ok", check === "ok");
    s.verdict("0 acknowledged filings lost", lost === 0, `${lost} lost`);
  } finally {
    await rc.stop("SIGKILL");
    if (mounts.includes(mnt) && umount(mnt)) mounts.splice(mounts.indexOf(mnt), 1);
  }
}

// ---------------------------------------------------------------------------------------
// 5. Stalled and dribbling connections

function dropStats(conns, limitS) {
  const opened = conns.filter((c) => c.openedAt != null);
  const dropped = opened.filter((c) => c.closedAt != null);
  const times = dropped.map((c) => c.closedAt - c.openedAt);
  const answered = dropped.filter((c) => c.bytes > 0);
  const firstLines = histogram(answered.map((c) => c.head.split("\r\n")[0] || "?"));
  return {
    opened: opened.length,
    failed: conns.length - opened.length,
    dropped: dropped.length,
    withinLimit: times.filter((t) => t <= limitS * 1000).length,
    text:
      `${dropped.length} of ${opened.length} dropped` +
      (dropped.length ? ` after ${ms(quantile(times, 0))} (first) / ${ms(quantile(times, 0.5))} (median) / ${ms(quantile(times, 1))} (last)` : "") +
      (answered.length ? `; ${answered.length} got an answer first (${firstLines})` : dropped.length ? "; closed without an answer" : ""),
  };
}

async function scenarioStall(s) {
  const STALLED = 1100;
  const rc = new Receiver(path.join(tempDir("stall"), "data"));
  await rc.start();
  const all = [];
  try {
    const t0 = now();
    const head = "POST /api/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Partial: ";
    const stalled = await openMany(rc.port, STALLED, head);
    all.push(...stalled);
    const openS = (now() - t0) / 1000;
    const slowHead = await openMany(rc.port, 20, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", {
      dribble: Buffer.from(`X-Slow: ${"a".repeat(400)}\r\n\r\n`),
    });
    all.push(...slowHead);
    const body = makeJob("stall", 100000).body;
    const slowBody = await openMany(
      rc.port,
      20,
      `POST /api/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: soak-${RUN}-slowbody\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 8)}`,
      { dribble: Buffer.from(body).subarray(Buffer.from(body.slice(0, 8)).length) },
    );
    all.push(...slowBody);
    s.fig("connections held open", `${stalled.filter((c) => c.openedAt).length} of ${STALLED} stalled after part of a request head (opened in ${openS.toFixed(1)} s); 20 sending a head one byte a second; 20 sending a ${Buffer.byteLength(body)}-byte body one byte a second`);
    // A normal client while they are open.
    const normal = [];
    const tClient = now();
    for (let i = 0; i < 50 && now() - tClient < 150_000; i++) {
      const r =
        i % 2 === 0
          ? await request(rc.port, { path: "/api/health", timeoutMs: 30_000 })
          : await postJob(rc.port, makeJob("stall", i), { timeoutMs: 30_000 });
      normal.push(r);
    }
    const good = normal.filter((r) => r.status === 200 || r.status === 201);
    s.fig("normal client meanwhile: 50 sequential requests (health, POST alternating; 30 s timeout each)", `${good.length} answered 200/201; ${histogram(normal.map((r) => r.status || r.error))}`);
    s.fig("normal client latency p50 / p95 / max", [0.5, 0.95, 1].map((q) => ms(quantile(normal.map((r) => r.ms), q))).join(" / "));
    // Watch for drops.
    const deadline = t0 + LIMITS.observeS * 1000;
    while (now() < deadline && all.some((c) => c.openedAt != null && c.closedAt == null)) await sleep(250);
    const open = all.filter((c) => c.openedAt != null && c.closedAt == null).length;
    const st = dropStats(stalled, LIMITS.stalledHeadDropS);
    const sh = dropStats(slowHead, LIMITS.stalledHeadDropS);
    const sb = dropStats(slowBody, LIMITS.slowBodyDropS);
    s.fig(`stalled heads (watched ${LIMITS.observeS} s)`, st.text);
    s.fig("heads sent one byte a second", sh.text);
    s.fig("bodies sent one byte a second", sb.text);
    s.fig("still open when the watch ended", open);
    release(all);
    await sleep(500);
    const up = await rc.healthy();
    s.fig("receiver up afterwards", up ? "yes" : "NO");
    s.summary = `normal client ${good.length}/50 served (max ${ms(quantile(normal.map((r) => r.ms), 1))}); dropped: stalled heads ${st.dropped}/${st.opened}, trickling heads ${sh.dropped}/${sh.opened}, trickling bodies ${sb.dropped}/${sb.opened}`;
    s.verdict("normal client answered while 1,100+ connections stall", good.length === 50, `${good.length}/50`);
    s.verdict(`stalled request heads dropped within ${LIMITS.stalledHeadDropS} s`, st.opened > 0 && st.withinLimit === st.opened, `${st.withinLimit}/${st.opened}`);
    s.verdict(`heads sent a byte a second dropped within ${LIMITS.stalledHeadDropS} s`, sh.withinLimit === sh.opened, `${sh.withinLimit}/${sh.opened}`);
    s.verdict(`bodies sent a byte a second answered or dropped within ${LIMITS.slowBodyDropS} s`, sb.withinLimit === sb.opened, `${sb.withinLimit}/${sb.opened}`);
    s.verdict("receiver up afterwards", up);
  } finally {
    release(all);
    await rc.stop("SIGKILL");
  }
}

// ---------------------------------------------------------------------------------------
// 6. Hostile requests

async function scenarioBad(s) {
  const base = tempDir("bad");
  const site = path.join(base, "site");
  fs.mkdirSync(path.join(site, ".git"), { recursive: true });
  fs.writeFileSync(path.join(site, "index.html"), "<!doctype html><title>soak</title>\n");
  fs.writeFileSync(path.join(site, ".git", "config"), "[core]\n# SOAK-SECRET-GIT\n");
  fs.writeFileSync(path.join(site, ".env"), "TOKEN=SOAK-SECRET-ENV\n");
  fs.writeFileSync(path.join(base, "secret.txt"), "SOAK-SECRET-OUTSIDE\n");
  const rc = new Receiver(path.join(base, "data"), { args: ["--site", site], name: "receiver (--site)" });
  await rc.start();
  const valid = () => makeJob("bad", counter++);
  let counter = 0;
  const created = [];
  const control = valid();
  const controlAnswer = await postJob(rc.port, control);
  if (controlAnswer.status === 201) created.push(controlAnswer.id);
  const knownId = controlAnswer.id ?? "icpf_000000000000000000000000";
  const json1 = ["Content-Type", "application/json"];
  const key = () => ["Idempotency-Key", `soak-${RUN}-badkey-${counter++}`];
  const deep = (n) => "[".repeat(n) + "]".repeat(n);
  const bigBody = JSON.stringify(withMarker(templates[0].filing, "x".repeat(1200 * 1024)));

  const want = (...codes) => (r) => [codes.includes(r.status), `wanted ${codes.join(" or ")}`];
  const refused = (r) => [
    (r.status >= 400 && r.status < 500) || (r.status === 0 && !r.timedOut),
    "wanted a 4xx or the connection closed",
  ];
  const rejects = (r) => [r.status >= 400 && r.status < 500, "wanted a 4xx"];
  const notServed = (secret) => (r) => [!r.body.includes(secret) && !(r.status >= 500), "must not serve the file"];

  const inputs = [
    { name: "valid filing (control)", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], valid().body), expect: want(201) },
    { name: "valid filing, `application/json; charset=utf-8` (control)", api: true, send: () => rawRequest("POST", "/api/filings", [["Content-Type", "application/json; charset=utf-8"], key()], valid().body), expect: want(201) },
    { name: "GET an existing filing (control)", api: true, send: () => rawRequest("GET", `/api/filings/${knownId}`), expect: want(200) },
    { name: "GET /api/health (control)", api: true, send: () => rawRequest("GET", "/api/health"), expect: want(200) },
    { name: "GET an unknown filing", api: true, send: () => rawRequest("GET", "/api/filings/icpf_ffffffffffffffffffffffff"), expect: want(404) },
    { name: "POST with `Content-Type: text/plain`", api: true, send: () => rawRequest("POST", "/api/filings", [["Content-Type", "text/plain;charset=UTF-8"], key()], valid().body), expect: want(415) },
    { name: "POST without Content-Type", api: true, send: () => rawRequest("POST", "/api/filings", [key()], valid().body), expect: want(415) },
    { name: "form POST from another site (urlencoded, `Origin: https://evil.example`)", api: true, send: () => rawRequest("POST", "/api/filings", [["Content-Type", "application/x-www-form-urlencoded"], ["Origin", "https://evil.example"], key()], `filing=${encodeURIComponent(valid().body)}`), expect: want(403, 415) },
    { name: "JSON POST with a cross-site `Origin: https://evil.example`", api: true, send: () => rawRequest("POST", "/api/filings", [json1, ["Origin", "https://evil.example"], key()], valid().body), expect: want(403) },
    { name: "invalid UTF-8 in the body", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], Buffer.concat([Buffer.from('{"schemaVersion":1,"province":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')])), expect: want(400) },
    { name: "`Content-Length: 10737418240` with `Expect: 100-continue`, no body", api: true, timeoutMs: 5000, send: () => rawRequest("POST", "/api/filings", [json1, key(), ["Content-Length", "10737418240"], ["Expect", "100-continue"]]), expect: want(413) },
    { name: "body over 1 MiB (1.2 MiB)", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], bigBody), expect: want(413) },
    { name: "chunked body over 1 MiB", api: true, send: () => { const b = Buffer.from(bigBody); return rawRequest("POST", "/api/filings", [json1, key(), ["Transfer-Encoding", "chunked"]], Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n0\r\n\r\n")]), { contentLength: false }); }, expect: want(413) },
    { name: "JSON nested 100,000 deep (top level)", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], deep(100_000)), expect: want(400) },
    { name: "JSON nested 100,000 deep inside a filing field", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], `{"schemaVersion":1,"subject":{"name":${deep(100_000)}}}`), expect: want(400) },
    { name: "malformed JSON", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], '{"schemaVersion": 1, "province": '), expect: want(400) },
    { name: "empty body", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], ""), expect: want(400) },
    { name: "JSON that is not an object (`[1,2,3]`)", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], "[1,2,3]"), expect: want(400) },
    { name: "wrong types (`schemaVersion: \"one\"`, `subject: 5`)", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], '{"schemaVersion":"one","filingType":"first","province":"110000","subject":5,"websites":{},"apps":null}'), expect: want(400) },
    { name: "unknown enum value (`filingType: \"hack\"`)", api: true, send: () => { const f = JSON.parse(valid().body); f.filingType = "hack"; return rawRequest("POST", "/api/filings", [json1, key()], JSON.stringify(f)); }, expect: want(400, 422) },
    { name: "unknown fields (`__proto__`, `constructor`, `extra`)", api: true, send: () => rawRequest("POST", "/api/filings", [json1, key()], valid().body.replace(/^\{/, '{"__proto__":{"admin":true},"constructor":{"prototype":1},"extra":"x",')), expect: want(201, 400, 422) },
    { name: "Idempotency-Key of 300 characters", api: true, send: () => rawRequest("POST", "/api/filings", [json1, ["Idempotency-Key", "k".repeat(300)]], valid().body), expect: want(400) },
    { name: "Idempotency-Key with non-ASCII bytes", api: true, send: () => rawRequest("POST", "/api/filings", [json1, ["Idempotency-Key", Buffer.from("键-ключ", "utf8").toString("latin1")]], valid().body), expect: want(400) },
    { name: "Content-Length and Transfer-Encoding together", api: true, send: () => [Buffer.from(`POST /api/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)], expect: refused },
    { name: "SQL in the id (`/api/filings/'%20OR%201=1;DROP%20TABLE%20filings;--`)", api: true, send: () => rawRequest("GET", "/api/filings/'%20OR%201=1;DROP%20TABLE%20filings;--"), expect: want(404) },
    { name: "id of 10,000 characters", api: true, send: () => rawRequest("GET", `/api/filings/${"a".repeat(10_000)}`), expect: rejects },
    { name: "path traversal `/../secret.txt`", send: () => rawRequest("GET", "/../secret.txt"), expect: notServed("SOAK-SECRET-OUTSIDE") },
    { name: "path traversal `/%2e%2e/secret.txt`", send: () => rawRequest("GET", "/%2e%2e/secret.txt"), expect: notServed("SOAK-SECRET-OUTSIDE") },
    { name: "path traversal `/..%2fsecret.txt`", send: () => rawRequest("GET", "/..%2fsecret.txt"), expect: notServed("SOAK-SECRET-OUTSIDE") },
    { name: "path traversal `/..%5csecret.txt`", send: () => rawRequest("GET", "/..%5csecret.txt"), expect: notServed("SOAK-SECRET-OUTSIDE") },
    { name: "path traversal to the database `/../data/filings.sqlite3`", send: () => rawRequest("GET", "/../data/filings.sqlite3"), expect: notServed("SQLite format 3") },
    { name: "path traversal `/api/../../secret.txt`", send: () => rawRequest("GET", "/api/../../secret.txt"), expect: notServed("SOAK-SECRET-OUTSIDE") },
    { name: "`/.git/config` (in the site folder)", send: () => rawRequest("GET", "/.git/config"), expect: notServed("SOAK-SECRET-GIT") },
    { name: "`/.env` (dotfile in the site folder)", send: () => rawRequest("GET", "/.env"), expect: notServed("SOAK-SECRET-ENV") },
    { name: "`/%2eenv` (encoded dotfile)", send: () => rawRequest("GET", "/%2eenv"), expect: notServed("SOAK-SECRET-ENV") },
    { name: "header of 64 KiB", api: true, send: () => rawRequest("GET", "/api/health", [["X-Long", "a".repeat(64 * 1024)]]), expect: (r) => [r.status === 200 || r.status === 431 || (r.status === 0 && !r.timedOut), "wanted 200, 431 or the connection closed"] },
    { name: "header of 1 MiB", api: true, send: () => rawRequest("GET", "/api/health", [["X-Long", "a".repeat(1024 * 1024)]]), expect: refused },
    { name: "URL of 100 KiB", api: true, send: () => rawRequest("GET", `/api/filings/${"b".repeat(100 * 1024)}`), expect: refused },
    { name: "500 headers", api: true, send: () => rawRequest("GET", "/api/health", Array.from({ length: 500 }, (_, i) => [`X-H${i}`, "v"])), expect: refused },
    { name: "NUL in a header value", api: true, send: () => rawRequest("POST", "/api/filings", [json1, ["Idempotency-Key", "abc\0def"]], valid().body), expect: refused },
    { name: "bare LF and obs-fold in headers", api: true, send: () => [Buffer.from(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\r\n folded\r\nConnection: close\r\n\r\n`)], expect: refused },
    { name: "garbage request line", send: () => [Buffer.from("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n", "latin1")], expect: refused },
    { name: "HEAD /api/filings", api: true, isHead: true, send: () => rawRequest("HEAD", "/api/filings"), expect: want(405) },
    { name: "OPTIONS /api/filings", api: true, send: () => rawRequest("OPTIONS", "/api/filings"), expect: (r) => [r.status === 405 || r.status === 204 || r.status === 200, "wanted 405 or an empty 2xx"] },
    { name: "PUT /api/filings", api: true, send: () => rawRequest("PUT", "/api/filings", [json1], valid().body), expect: want(405) },
    { name: "DELETE /api/filings", api: true, send: () => rawRequest("DELETE", "/api/filings"), expect: want(405) },
    { name: "HEAD /api/filings/{id}", api: true, isHead: true, send: () => rawRequest("HEAD", `/api/filings/${knownId}`), expect: want(200, 405) },
    { name: "OPTIONS /api/filings/{id}", api: true, send: () => rawRequest("OPTIONS", `/api/filings/${knownId}`), expect: (r) => [r.status === 405 || r.status === 204 || r.status === 200, "wanted 405 or an empty 2xx"] },
    // A correction (`PUT`) is only taken for a filing the reviewer sent back; this one was not.
    { name: "PUT /api/filings/{id} on a filing not sent back", api: true, send: () => rawRequest("PUT", `/api/filings/${knownId}`, [json1], valid().body), expect: (r) => [r.status === 409 && json(r.body)?.error?.code === "review.not_awaiting_correction", "wanted 409 review.not_awaiting_correction"] },
    { name: "DELETE /api/filings/{id}", api: true, send: () => rawRequest("DELETE", `/api/filings/${knownId}`), expect: want(405) },
    { name: "POST /api/filings/{id}/advance without --demo", api: true, send: () => rawRequest("POST", `/api/filings/${knownId}/advance`, [json1], "{}"), expect: want(404) },
    { name: "GET /__faults without --faults", send: () => rawRequest("GET", "/__faults"), expect: want(404) },
  ];

  const rows = [];
  let diedOn = [];
  let noStoreMissing = [];
  let apiAnswers = 0;
  let leaked = [];
  for (const input of inputs) {
    let r;
    try {
      r = await rawExchange(rc.port, input.send(), { timeoutMs: input.timeoutMs ?? 10_000, isHead: input.isHead });
    } catch (e) {
      r = { status: 0, error: e.message, headers: {}, body: "" };
    }
    if (r.status === 201) {
      const id = json(r.body)?.id;
      if (id) created.push(id);
    }
    const [statusOk, why] = input.expect(r);
    const found = r.status ? leaks(r.body) : [];
    // Cache-Control is judged on answers the application made (they have a body or a
    // Content-Type); a bare 4xx from the HTTP layer before routing is left out.
    const appAnswer = r.status > 0 && (r.body.length > 0 || r.headers["content-type"] != null || r.status === 405);
    const cc = r.headers["cache-control"] ?? "";
    const noStore = !input.api || !appAnswer ? null : /no-store/i.test(cc);
    let up = await rc.healthy(5000);
    if (!up) {
      await sleep(500);
      up = await rc.healthy(5000);
    }
    if (!up) {
      diedOn.push(input.name);
      critical.diedOnBadInput++;
      s.note(`The receiver stopped answering after “${input.name}” (alive: ${rc.alive()}; stderr: ${rc.stderrTail()}); restarted for the rest.`);
      await rc.stop("SIGKILL");
      await rc.start();
    }
    if (noStore != null) apiAnswers++;
    if (noStore === false) noStoreMissing.push(input.name);
    if (found.length) leaked.push(input.name);
    const pass = statusOk && found.length === 0 && up;
    const answer = r.status
      ? `${r.status}${r.interim?.length ? ` (after ${r.interim.join(", ")} Continue)` : ""}${json(r.body)?.error?.code ? ` \`${json(r.body).error.code}\`` : ""}`
      : r.timedOut
        ? `no answer in ${ms(r.ms)}${r.interim?.length ? ` (after ${r.interim.join(", ")} Continue)` : ""}`
        : `closed, no answer${r.error ? ` (${r.error})` : ""}`;
    rows.push([
      input.name,
      answer,
      ms(r.ms),
      found.length ? `LEAKS: ${found.join(", ")} — \`${r.body.slice(0, 120).replace(/`/g, "'").replace(/\n/g, " ")}\`` : "none",
      noStore == null ? "–" : noStore ? "yes" : "no",
      up ? "yes" : "DIED",
      pass ? "PASS" : `FAIL (${[!statusOk && why, found.length && "leaks internal text", !up && "receiver died"].filter(Boolean).join("; ")})`,
    ]);
  }
  s.tables.push({ head: ["request", "answer", "time", "internal text in body", "no-store", "up after", "verdict"], rows });
  const facts = dbFacts(rc.db);
  const tables = sqlite(rc.db, "SELECT group_concat(name) FROM sqlite_master WHERE type='table';");
  totals.hostile += inputs.length;
  s.fig("hostile requests tried", `${inputs.length} (each on its own connection, health checked after each)`);
  s.fig("verdicts", `${rows.filter((r) => r[6] === "PASS").length} PASS, ${rows.filter((r) => r[6] !== "PASS").length} FAIL`);
  s.fig("receiver died on", diedOn.length ? diedOn.join("; ") : "nothing");
  s.fig("answers leaking internal text", leaked.length ? leaked.join("; ") : "none");
  s.fig("API answers without `Cache-Control: no-store`", `${noStoreMissing.length} of ${apiAnswers} (see the table)`);
  s.fig("rows stored / 201 answers", `${facts.count} / ${created.length}; tables: ${tables}`);
  s.summary = `${rows.filter((r) => r[6] === "PASS").length}/${rows.length} as expected; died on ${diedOn.length}; ${leaked.length} leak internal text; ${noStoreMissing.length}/${apiAnswers} API answers without no-store`;
  for (const row of rows) if (row[6] !== "PASS") s.verdict(row[0], false, row[6].replace(/^FAIL \(|\)$/g, ""));
  s.verdict("receiver survived every hostile request", diedOn.length === 0, diedOn.join("; "));
  s.verdict("no answer leaks internal text", leaked.length === 0, `${leaked.length} leak`);
  s.verdict("`Cache-Control: no-store` on every API answer", noStoreMissing.length === 0, `${noStoreMissing.length} without`);
  s.verdict("only accepted filings stored", facts.count === created.length, `${facts.count} rows, ${created.length} created`);
  await rc.stop("SIGINT", 15_000);
}

// ---------------------------------------------------------------------------------------
// 7. Shutdown with clients attached

async function scenarioShutdown(s) {
  const LIMIT_MS = 60_000;
  const rc = new Receiver(path.join(tempDir("shutdown"), "data"));
  await rc.start();
  const groups = { stalled: [], trickling: [], idle: [] };
  try {
    groups.stalled = await openMany(rc.port, 200, "POST /api/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Partial: ");
    const body = makeJob("shutdown", 0).body;
    groups.trickling = await openMany(
      rc.port,
      5,
      `POST /api/filings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n{`,
      { dribble: Buffer.from(body.slice(1)) },
    );
    // Idle keep-alive connections that finished a request.
    for (let i = 0; i < 5; i++) {
      groups.idle.push(await holdConnection(rc.port, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    }
    await sleep(1000);
    const idleAnswered = groups.idle.filter((c) => c.head.startsWith("HTTP/1.1 200")).length;
    s.fig("attached when SIGINT is sent", `200 stalled request heads, 5 bodies trickling in (a byte a second), 5 idle keep-alive connections (${idleAnswered} answered)`);
    const t0 = now();
    const stop = await rc.stop("SIGINT", LIMIT_MS);
    // Which clients the receiver let go of by itself (before it exited or was killed).
    const until = t0 + (stop.forced ? LIMIT_MS : stop.ms);
    const closedBy = (list) => list.filter((c) => c.closedAt != null && c.closedAt <= until + 5).length;
    s.fig("SIGINT to exit", `${ms(stop.ms)}${stop.forced ? ` — still running after ${LIMIT_MS / 1000} s; killed` : ""}`);
    s.fig("exit", stop.forced ? "killed (SIGKILL)" : stop.signal ? `signal ${stop.signal}` : `status ${stop.code}`);
    if (stop.forced) {
      s.fig(
        `closed by the receiver within the ${LIMIT_MS / 1000} s`,
        `idle keep-alive ${closedBy(groups.idle)}/5, stalled heads ${closedBy(groups.stalled)}/200, trickling bodies ${closedBy(groups.trickling)}/5`,
      );
    }
    s.verdict(`exits by itself within ${LIMITS.shutdownS} s of SIGINT with stalled clients`, !stop.forced && stop.ms <= LIMITS.shutdownS * 1000, ms(stop.ms));
    s.summary = `SIGINT to exit ${ms(stop.ms)}${stop.forced ? " (killed)" : ""}`;
  } finally {
    release([...groups.stalled, ...groups.trickling, ...groups.idle]);
    await rc.stop("SIGKILL");
  }
}

// ---------------------------------------------------------------------------------------
// The report

function commitInfo() {
  const git = (...args) => {
    try {
      return execFileSync("git", ["-C", ROOT, ...args], { encoding: "utf8", timeout: 10_000 }).trim();
    } catch {
      return "";
    }
  };
  const head = git("rev-parse", "--short", "HEAD") || "unknown";
  const dirty = git("status", "--porcelain", "--", "receiver", "src", "Cargo.toml", "Cargo.lock");
  return dirty ? `${head} (with uncommitted changes in receiver/, src/ or Cargo files)` : head;
}

function cell(text) {
  return String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(head, rows) {
  return [`| ${head.map(cell).join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

function writeReport(meta) {
  const fails = results.flatMap((s) => s.verdicts.filter((v) => !v.pass).map((v) => `${s.title}: ${v.name}${v.detail ? ` (${v.detail})` : ""}`));
  const lines = [];
  lines.push("# Reliability of the reference receiver");
  lines.push("");
  lines.push(`Written by \`node scripts/soak.mjs\` (\`./dev.sh soak\`); rerun it rather than editing this file.`);
  lines.push("");
  lines.push(table(["", ""], [
    ["date", meta.date],
    ["machine", meta.machine],
    ["receiver", `commit ${meta.commit}, \`${path.relative(ROOT, BIN) || BIN}\` (release-native build)`],
    ["run", `${meta.seconds.toFixed(0)} s, Node ${process.version}, seed ${OPTS.seed}${OPTS.only ? `, only: ${[...OPTS.only].join(", ")}` : ""}`],
    ["filings used", `${meta.calibration.accepted} of ${meta.calibration.fixtures} fixtures accepted by today's rules, each made distinct by a marker in a remark`],
  ]));
  lines.push("");
  lines.push("## Outcome");
  lines.push("");
  lines.push(`- **${critical.lost} acknowledged filings lost** (of ${totals.acked} acknowledged in the load, kill -9 and full-disk scenarios).`);
  lines.push(`- ${critical.duplicates} duplicate rows stored.`);
  lines.push(`- ${critical.integrity} of ${totals.integrityChecks} \`PRAGMA integrity_check\` runs not ok.`);
  lines.push(`- The receiver died on ${critical.diedOnBadInput} of ${totals.hostile} hostile requests.`);
  lines.push(`- ${results.reduce((n, s) => n + s.verdicts.filter((v) => v.pass).length, 0)} verdicts PASS, ${fails.length} FAIL.`);
  lines.push("");
  lines.push(table(["scenario", "result", "verdicts"], results.map((s, i) => {
    const failed = s.verdicts.filter((v) => !v.pass).length;
    return [`${i + 1}. ${s.title}`, s.summary ?? "aborted", failed ? `**${failed} FAIL**, ${s.verdicts.length - failed} PASS` : `${s.verdicts.length} PASS`];
  })));
  lines.push("");
  if (fails.length) {
    lines.push("Failed verdicts:");
    lines.push("");
    for (const f of fails) lines.push(`- ${f}`);
    lines.push("");
  }
  lines.push(`Limits judged against: stalled request heads dropped within ${LIMITS.stalledHeadDropS} s, trickling bodies answered or dropped within ${LIMITS.slowBodyDropS} s, exit within ${LIMITS.shutdownS} s of SIGINT. Internal text means serde/parser wording (“invalid type”, “expected”, line/column), panic text, file paths, library names or storage error text in a response body.`);
  lines.push("");
  let n = 0;
  for (const s of results) {
    n++;
    lines.push(`## ${n}. ${s.title}`);
    lines.push("");
    if (s.figures.length) {
      lines.push(table(["figure", "value"], s.figures));
      lines.push("");
    }
    for (const t of s.tables) {
      lines.push(table(t.head, t.rows));
      lines.push("");
    }
    if (s.verdicts.length) {
      lines.push(table(["verdict", "", "detail"], s.verdicts.map((v) => [v.name, v.pass ? "PASS" : "**FAIL**", v.detail || ""])));
      lines.push("");
    }
    for (const note of s.notes) {
      lines.push(`- ${note}`);
    }
    if (s.notes.length) lines.push("");
    lines.push(`(${s.seconds?.toFixed(1) ?? "?"} s)`);
    lines.push("");
  }
  fs.mkdirSync(path.dirname(OPTS.out), { recursive: true });
  fs.writeFileSync(OPTS.out, lines.join("\n"));
  return fails;
}

// ---------------------------------------------------------------------------------------

const TITLES = {
  load: ["Load: 1,000 concurrent distinct filings", scenarioLoad],
  onekey: ["One idempotency key: 200 concurrent requests", scenarioOneKey],
  crash: ["kill -9 during load", scenarioCrash],
  disk: ["Full disk", scenarioDisk],
  stall: ["Stalled and trickling connections", scenarioStall],
  bad: ["Hostile requests", scenarioBad],
  shutdown: ["Shutdown with clients attached", scenarioShutdown],
};

async function main() {
  const t0 = now();
  const cpus = os.cpus();
  const meta = {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    machine: `${cpus.length} cores (${cpus[0]?.model?.trim() ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    commit: commitInfo(),
  };
  console.log(`soak: receiver ${BIN} at ${meta.commit}; seed ${OPTS.seed}; temp ${TMP}`);
  meta.calibration = await calibrate();
  if (templates.length === 0) {
    console.error("soak: no fixture is accepted by the receiver; nothing to post");
    process.exit(2);
  }
  console.log(`soak: ${templates.length} of ${meta.calibration.fixtures} fixtures accepted; using them as templates`);
  for (const id of SCENARIOS) {
    if (OPTS.only && !OPTS.only.has(id)) continue;
    const [title, run] = TITLES[id];
    const s = new Section(id, title);
    console.log(`soak: ${title} …`);
    try {
      await run(s);
    } catch (e) {
      s.verdict("scenario ran to the end", false, e.message);
      s.note(`Aborted: ${e.stack ?? e.message}`.split("\n").slice(0, 3).join(" "));
    }
    s.done();
    const failed = s.verdicts.filter((v) => !v.pass);
    console.log(`      ${s.seconds.toFixed(1)} s; ${s.verdicts.length - failed.length} PASS, ${failed.length} FAIL`);
  }
  meta.seconds = (now() - t0) / 1000;
  const fails = writeReport(meta);
  console.log("");
  console.log(`soak: ${critical.lost} acknowledged filings lost, ${critical.duplicates} duplicate rows, ${critical.integrity} failed integrity checks, died on ${critical.diedOnBadInput} hostile requests`);
  for (const s of results) {
    const failed = s.verdicts.filter((v) => !v.pass).length;
    console.log(`  ${failed ? "FAIL" : "PASS"} ${s.title}: ${s.summary ?? "(aborted)"}`);
  }
  if (fails.length) {
    console.log(`\nsoak: ${fails.length} FAIL verdicts:`);
    for (const f of fails) console.log(`  FAIL ${f}`);
  }
  console.log(`\nsoak: report written to ${path.relative(process.cwd(), OPTS.out) || OPTS.out} (${meta.seconds.toFixed(0)} s)`);
  const bad = critical.lost || critical.duplicates || critical.integrity || critical.diedOnBadInput || fails.length;
  process.exit(bad ? 1 : 0);
}

main().catch((e) => {
  console.error(`soak: ${e.stack ?? e.message}`);
  process.exit(2);
});
