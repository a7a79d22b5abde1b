// Rewrites a Go-built .wasm in place so that its data section holds one segment
// instead of tens of thousands. Go's linker cuts the initial memory at every run
// of more than 8 zero bytes (agentshim.wasm: ~31,600 segments, each with its own
// offset and length header), which saves raw bytes but costs ~37 KiB after brotli:
// the headers are noise to a compressor, while the zero runs they skip compress
// to almost nothing. Filling the gaps with zeros gives the same initial memory
// (wasm memory starts zeroed), so the program cannot tell; only the file changes.
// Usage: node wasm-data.mjs file.wasm...   (make build runs it before compress.mjs)
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of process.argv.slice(2)) {
    const before = readFileSync(file);
    const after = oneSegment(before, file);
    writeFileSync(file, after);
    console.log(`${file}: data segments merged, ${before.length} → ${after.length} bytes raw`);
  }
}

// oneSegment returns the module with its data segments merged; it throws on
// anything Go does not produce rather than guess.
export function oneSegment(wasm, file = 'module') {
  const fail = (why) => { throw new Error(`${file}: ${why}; not rewritten`); };
  if (wasm.readUInt32LE(0) !== 0x6d736100 || wasm.readUInt32LE(4) !== 1) fail('not a version-1 wasm module');
  const r = reader(wasm, 8), out = [wasm.subarray(0, 8)];
  let merged = false;
  while (r.pos < wasm.length) {
    const start = r.pos, id = wasm[r.pos++], len = r.u32(), body = r.pos;
    r.pos = body + len;
    if (id === 12) fail('a data count section (bulk memory) is not expected from Go');
    if (id !== 11) { out.push(wasm.subarray(start, r.pos)); continue; }
    out.push(section(11, dataSection(reader(wasm, body), body + len, fail)));
    merged = true;
  }
  if (!merged) fail('no data section');
  return Buffer.concat(out);
}

// dataSection reads Go's active segments (memory 0, offset i32.const) and
// returns a section body with one segment spanning them all.
function dataSection(r, end, fail) {
  const n = r.u32(), segs = [];
  for (let i = 0; i < n; i++) {
    if (r.byte() !== 0 || r.byte() !== 0x41) fail('a data segment that is not active at an i32.const offset');
    const offset = r.i32();
    if (r.byte() !== 0x0b) fail('a data segment offset that is not a single constant');
    const size = r.u32();
    segs.push({ offset, bytes: r.take(size) });
  }
  if (r.pos !== end) fail('trailing bytes in the data section');
  if (segs.length === 0) return Buffer.from([0]);
  const lo = Math.min(...segs.map((s) => s.offset)), hi = Math.max(...segs.map((s) => s.offset + s.bytes.length));
  const mem = Buffer.alloc(hi - lo);
  for (const s of segs) {
    if (mem.subarray(s.offset - lo, s.offset - lo + s.bytes.length).some((b) => b !== 0)) fail('overlapping data segments');
    s.bytes.copy(mem, s.offset - lo);
  }
  return Buffer.concat([u32(1), Buffer.from([0, 0x41]), i32(lo), Buffer.from([0x0b]), u32(mem.length), mem]);
}

function section(id, body) { return Buffer.concat([Buffer.from([id]), u32(body.length), body]); }

function reader(buf, pos) {
  return {
    pos,
    byte() { return buf[this.pos++]; },
    take(n) { const b = buf.subarray(this.pos, this.pos + n); this.pos += n; return b; },
    u32() {
      let v = 0, shift = 0, b;
      do { b = buf[this.pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return v;
    },
    i32() {
      let v = 0, shift = 0, b;
      do { b = buf[this.pos++]; v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
      return shift < 32 && b & 0x40 ? v | (-1 << shift) : v;
    },
  };
}

function u32(n) {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
}

function i32(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) { out.push(b); return Buffer.from(out); }
    out.push(b | 0x80);
  }
}
