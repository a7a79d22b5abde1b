// wasm-data.mjs: the merged module starts with the same memory, in one segment.
import test from 'node:test';
import assert from 'node:assert/strict';
import { oneSegment } from './wasm-data.mjs';

const u8 = (...b) => Buffer.from(b);
const str = (s) => Buffer.from(s, 'latin1');
const section = (id, body) => Buffer.concat([u8(id, body.length), body]); // bodies here are < 128 bytes
// seg: active, memory 0, i32.const offset (one-byte or two-byte LEB), the bytes.
const seg = (offset, bytes) => Buffer.concat([u8(0, 0x41), offset < 64 ? u8(offset) : u8((offset & 0x7f) | 0x80, offset >> 7), u8(0x0b, bytes.length), bytes]);

// module: one page of memory, exported as "mem", and the given segments.
function module(segs) {
  return Buffer.concat([
    u8(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0),
    section(5, u8(1, 0, 1)),
    section(7, Buffer.concat([u8(1, 3), str('mem'), u8(2, 0)])),
    section(11, Buffer.concat([u8(segs.length), ...segs])),
  ]);
}

const memoryOf = async (wasm) => new Uint8Array((await WebAssembly.instantiate(wasm)).instance.exports.mem.buffer);
// segmentsOf walks the sections to the data section and reads its count.
function segmentsOf(wasm) {
  let pos = 8;
  const leb = () => { let v = 0, shift = 0, b; do { b = wasm[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return v; };
  while (pos < wasm.length) {
    const id = wasm[pos++], len = leb();
    if (id === 11) return leb();
    pos += len;
  }
  return 0;
}

test('the merged module starts with the same memory', async () => {
  const before = module([seg(16, str('abc')), seg(40, str('de')), seg(1000, str('fgh')), seg(30, u8(0, 7))]);
  const after = oneSegment(before);
  assert.equal(segmentsOf(before), 4);
  assert.equal(segmentsOf(after), 1);
  assert.deepEqual(await memoryOf(after), await memoryOf(before));
  assert.equal((await memoryOf(after))[1001], 'g'.charCodeAt(0));
});

test('anything Go does not produce is refused, not guessed at', () => {
  assert.throws(() => oneSegment(str('not wasm at all')), /not a version-1 wasm module/);
  const passive = module([Buffer.concat([u8(1, 3), str('abc')])]);
  assert.throws(() => oneSegment(passive), /not active/);
  assert.throws(() => oneSegment(module([seg(16, str('abc')), seg(17, str('xy'))])), /overlapping/);
  assert.throws(() => oneSegment(module([]).subarray(0, 8 + 5 + 8)), /no data section/);
});
