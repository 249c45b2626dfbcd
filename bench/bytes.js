// @ts-check
/**
 * Where the bytes of a minified script-tag file go, per source module (not a test: it prints figures).
 *
 *   npm run build && node bench/bytes.js                       # dist/candor.min.js and dist/candor-runtime.min.js
 *   node bench/bytes.js dist/candor-widget.min.js              # any file with a .map next to it
 *   node bench/bytes.js --strings                              # also the longest string literals of each file
 *
 * Each byte of the minified file is attributed, through its source map, to the source file of the mapping segment it
 * falls in (bytes before the first segment of a line, such as the IIFE wrapper, go to `(no source)`). Columns:
 * - `min`: minified bytes attributed to the module;
 * - `brotli Δ`: how much smaller the file's brotli (q11) gets when the module's bytes are cut out, i.e. what the module
 *   costs on the wire given everything else (the deltas do not add up to the total: shared redundancy counts in none).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const showStrings = args.includes('--strings');
const files = args.filter((a) => !a.startsWith('--'));
const targets = files.length > 0 ? files : ['dist/candor.min.js', 'dist/candor-runtime.min.js'];

const brotli = (/** @type {string} */ text) =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The generated positions and source indexes of a source map v3 `mappings` string (lines 0-based), in order.
 * @param {string} mappings
 */
const decodeMappings = (mappings) => {
  /** @type {{ line: number, column: number, source: number | null }[]} */
  const out = [];
  let source = 0;
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      /** @type {number[]} */
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length > 1) source += fields[1] ?? 0;
      out.push({ line: lineIndex, column, source: fields.length > 1 ? source : null });
    }
  });
  return out;
};

for (const target of targets) {
  const path = `${root}${target}`;
  const code = readFileSync(path, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
  const map = JSON.parse(readFileSync(`${path}.map`, 'utf8'));
  /** @type {string[]} source of each character of `code` */
  const owner = new Array(code.length).fill('(no source)');
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const segments = decodeMappings(map.mappings);
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    if (!seg) continue;
    const next = segments[s + 1];
    const start = (lineStarts[seg.line] ?? 0) + seg.column;
    const end = next ? (lineStarts[next.line] ?? 0) + next.column : code.length;
    const source = seg.source === null ? null : map.sources[seg.source];
    const name = source ? relative(root, fileURLToPath(new URL(source, `file://${path}`))) : '(no source)';
    for (let i = start; i < end && i < code.length; i++) owner[i] = name;
  }
  /** @type {Map<string, number>} */
  const bytes = new Map();
  for (const name of owner) bytes.set(name, (bytes.get(name) ?? 0) + 1);
  const total = brotli(code);
  const rows = [...bytes].map(([name, min]) => {
    let rest = '';
    for (let i = 0; i < code.length; i++) if (owner[i] !== name) rest += code[i];
    return { name, min, delta: total - brotli(rest) };
  });
  rows.sort((a, b) => b.delta - a.delta);
  console.log(`\n${target}: ${code.length} B minified, ${total} B brotli (${(total / 1024).toFixed(2)} KiB)\n`);
  console.log(`${'module'.padEnd(56)} ${'min'.padStart(6)} ${'brotli Δ'.padStart(9)}`);
  for (const r of rows) console.log(`${r.name.padEnd(56)} ${String(r.min).padStart(6)} ${String(r.delta).padStart(9)}`);
  if (showStrings) {
    const strings = [...code.matchAll(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g)].map((m) => m[0]).filter((s) => s.length > 30);
    strings.sort((a, b) => b.length - a.length);
    console.log(`\nlongest string literals (${strings.reduce((n, s) => n + s.length, 0)} B in ${strings.length} over 30 B):`);
    for (const s of strings.slice(0, 40)) console.log(`  ${String(s.length).padStart(4)}  ${s.slice(0, 110)}`);
  }
}
