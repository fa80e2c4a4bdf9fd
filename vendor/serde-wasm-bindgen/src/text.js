// icp-filing patch (README.icp-filing.md): a struct's field or an array's element read in
// one call and, when it is a string, written as UTF-8 into wasm memory at `at`. Returns the
// number of bytes written; -1 when the property is absent or null; -2 for any other value,
// for a string that might not fit in `capacity` bytes, and when reading it throws (the
// caller reads it again the usual way, and the exception reaches the caller from there).
const encoder = new TextEncoder();
let memory = null;
let bytes = new Uint8Array(0);

export function useMemory(wasmMemory) {
  memory = wasmMemory;
}

export function readText(target, key, at, capacity) {
  let value;
  try {
    value = target[key];
    if (value === undefined && !(key in target)) return -1;
  } catch {
    return -2;
  }
  if (typeof value !== "string") return value === null ? -1 : -2;
  const length = value.length;
  if (length * 3 > capacity) return -2;
  // A grown memory detaches the old buffer, whose views then have no bytes.
  if (bytes.byteLength === 0) bytes = new Uint8Array(memory.buffer);
  let i = 0;
  for (; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0x7f) break;
    bytes[at + i] = code;
  }
  if (i === length) return length;
  return i + encoder.encodeInto(value.slice(i), bytes.subarray(at + i, at + capacity)).written;
}
