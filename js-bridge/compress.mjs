// Writes precompressed siblings (.br, .gz) of the given files and prints a
// size table: raw, gzip -9 and brotli q11, in bytes and KiB. Node's zlib
// does both, so the build needs no extra tool.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const kib = (n) => (n / 1024).toFixed(1) + ' KiB';
const rows = [['file', 'raw', 'gzip', 'brotli']];
for (const file of process.argv.slice(2)) {
  const raw = readFileSync(file);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(file + '.br', br);
  writeFileSync(file + '.gz', gz);
  rows.push([file, kib(raw.length), kib(gz.length), kib(br.length)]);
}
const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  '));
