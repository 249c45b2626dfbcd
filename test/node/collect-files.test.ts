/**
 * The collector's files over days and restarts: duplicate detection in bounded memory (seen-ids), reading files back
 * without holding them (scan-event-file), rotation, and `candor report` reading what rotation leaves.
 */
import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { run as report } from '../../src/cli/report.js';
import { createCollector, type CollectorOptions } from '../../src/collect/create-collector.js';
import { scanEventFile } from '../../src/collect/scan-event-file.js';
import { createSeenIds } from '../../src/collect/seen-ids.js';
import { eventLine } from '../../src/collect/validate-event.js';
import type { CandorEvent } from '../../src/core/types.js';
import * as sample from '../unit/events/sample-events.js';

const DAY = 86_400_000;
const hex = (i: number, prefix = 'a'): string => `${prefix}${i.toString(16).padStart(31, '0')}`;

describe('seen ids', () => {
  it('holds 300,000 ids exactly (no id lost, no stranger taken for one) in about 10 bytes each', () => {
    const seen = createSeenIds(7);
    const ts = Date.UTC(2026, 11, 1, 12);
    for (let i = 0; i < 300_000; i++) seen.add(hex(i), ts);
    let found = 0;
    let strangers = 0;
    for (let i = 0; i < 300_000; i++) {
      if (seen.has(hex(i), ts)) found++;
      if (seen.has(hex(i, 'b'), ts)) strangers++;
    }
    expect([found, strangers]).toEqual([300_000, 0]);
    const { ids, bytes, days } = seen.size();
    expect([ids, days]).toEqual([300_000, 1]);
    expect(bytes / ids).toBeLessThan(13);
  });

  it('reserves room for a day at once (start-up): about 9 bytes an id, the same answers, and it still grows past it', () => {
    const seen = createSeenIds(11);
    const ts = Date.UTC(2026, 11, 1, 12);
    seen.reserve(ts, 200_000);
    const reserved = seen.size().bytes;
    for (let i = 0; i < 200_000; i++) seen.add(hex(i), ts);
    expect(seen.size().bytes).toBe(reserved); // nothing grew
    expect(reserved / 200_000).toBeLessThan(9.6);
    for (let i = 200_000; i < 260_000; i++) seen.add(hex(i), ts); // more than reserved
    let found = 0;
    for (let i = 0; i < 260_000; i++) if (seen.has(hex(i), ts)) found++;
    expect([found, seen.size().ids]).toEqual([260_000, 260_000]);
    expect(seen.has(hex(1, 'b'), ts)).toBe(false);
  });

  it('keeps ids per UTC day of ts: another day is another id, and a day before the window is dropped whole', () => {
    const seen = createSeenIds(1);
    const day1 = Date.UTC(2026, 10, 1, 23, 59);
    seen.add('0123456789abcdef', day1);
    seen.add('0123456789abcdef', day1); // once
    expect(seen.has('0123456789abcdef', day1 - 1000)).toBe(true);
    expect(seen.has('0123456789abcdef', day1 + 2 * 60_000)).toBe(false); // next day
    seen.add('fedcba9876543210', day1 + DAY);
    expect(seen.size()).toMatchObject({ ids: 2, days: 2 });
    seen.forgetBefore(day1 + DAY); // the oldest ts still accepted falls on the next day
    expect(seen.has('0123456789abcdef', day1)).toBe(false);
    expect(seen.has('fedcba9876543210', day1 + DAY)).toBe(true);
    expect(seen.size()).toMatchObject({ ids: 1, days: 1 });
  });

  it('loads an id given many times at start-up (a file copied twice) without getting stuck, and finds it once', () => {
    const seen = createSeenIds(13);
    const ts = Date.UTC(2026, 11, 1);
    const id = Buffer.from('0123456789abcdef0123456789abcdef');
    for (let k = 0; k < 50; k++) seen.loadAscii(id, 0, 32, ts); // more copies than the 8 slots of its two buckets
    for (let i = 0; i < 5000; i++) seen.add(hex(i), ts); // the shard grows: its rebuild keeps one copy
    expect(seen.has(id.toString(), ts)).toBe(true);
    expect(seen.has(hex(4999), ts)).toBe(true);
  });

  it('finds an id read back as bytes from a file as the same id received as a string', () => {
    const seen = createSeenIds(3);
    const bytes = Buffer.from('xx"id":"5f0c9a3e1b7d42c8a6e0f19b3d2c7a41"');
    seen.addAscii(bytes, 8, 40, 5 * DAY);
    expect(seen.has('5f0c9a3e1b7d42c8a6e0f19b3d2c7a41', 5 * DAY)).toBe(true);
    expect(seen.has('5f0c9a3e1b7d42c8a6e0f19b3d2c7a42', 5 * DAY)).toBe(false);
  });
});

describe('scanEventFile', () => {
  it('reads ids and ts of every line shape (CRLF, escapes, non-ASCII, another field order, a line over the buffer), skips what is not an event, and measures a torn tail', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'candor-scan-'));
    const file = join(dir, 'events.ndjson');
    const ts = Date.UTC(2026, 11, 1);
    const e = (id: string, over: object = {}): CandorEvent => sample.conversion({ id, ts, ...over });
    const lines = [
      eventLine(e('plain-id-0001')),
      eventLine(e('crlf-id-00002')).replace('\n', '\r\n'),
      JSON.stringify(e('escaped-id-3')).replace('escaped', '\\u0065scaped') + '\n', // "\u0065" is "e"
      eventLine(e('ünïcödé-id-04')),
      JSON.stringify({ goal: 'g', ts, id: 'reordered-05', type: 'conversion', v: 1, visitorId: 'v' }) + '\n',
      eventLine(e('huge-id-00006', { goal: 'g'.repeat(5 << 20) })), // longer than the 4 MiB buffer
      eventLine(e('too-old-00007', { ts: ts - 40 * DAY })),
      '{"not":"an event"}\n',
      'garbage\n',
      '\n',
      '{"v":1,"type":"conversion","id":"torn-0008","visitorId":"v","ts":17',
    ];
    await writeFile(file, lines.join(''));
    const seen = createSeenIds(5);
    const result = await scanEventFile(file, seen, ts - 30 * DAY);
    expect(result).toMatchObject({ lines: 9, ids: 6, skipped: 2, tornBytes: Buffer.byteLength(lines.at(-1) ?? '') });
    for (const id of ['plain-id-0001', 'crlf-id-00002', 'escaped-id-3', 'ünïcödé-id-04', 'reordered-05', 'huge-id-00006']) expect(seen.has(id, ts), id).toBe(true);
    expect(seen.has('too-old-00007', ts - 40 * DAY)).toBe(false);
  });
});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A collector with its own clock behind a real http server on 127.0.0.1. */
async function start(options: CollectorOptions) {
  const collector = createCollector({ log: () => undefined, ...options });
  const server = createServer((req, res) => {
    void collector.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address == 'object' && address ? address.port : 0}/collect`;
  const post = async (body: unknown) => (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).status;
  return { collector, post };
}

describe('rotation', () => {
  it('sets the file aside on a new UTC day and at the size limit; a restart knows the ids of every file in the window; report reads the directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'candor-rotate-'));
    const out = join(dir, 'events.ndjson');
    let now = Date.UTC(2026, 10, 30, 22);
    const at = (t: number) => sample.exposure({ ts: t, visitorId: `v${t % 1000}` });
    const first = await start({ out, now: () => now, limits: { maxFileBytes: 2000 } });
    const day1 = Array.from({ length: 8 }, (_, i) => at(now + i));
    for (const e of day1) expect(await first.post([e])).toBe(204); // ~450 bytes each: the limit sets files aside
    now = Date.UTC(2026, 11, 1, 1); // next UTC day
    const day2 = [at(now), at(now + 1)];
    expect(await first.post(day2)).toBe(204);
    await first.collector.close();
    const files = (await readdir(dir)).sort();
    const finished = files.filter((f) => f !== 'events.ndjson');
    expect(finished.length).toBeGreaterThanOrEqual(2); // 8 events of ~440 bytes: more than one file of 2,000 bytes
    expect(finished).toEqual(['events.2026-11-30.ndjson', ...finished.slice(1).map((_, i) => `events.2026-11-30.${i + 2}.ndjson`)].sort());
    expect((await readFile(out, 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as CandorEvent).id)).toEqual(day2.map((e) => e.id));
    for (const name of files) expect((await readFile(join(dir, name))).length).toBeLessThanOrEqual(2000);

    const second = await start({ out, now: () => now, limits: { maxFileBytes: 2000 } });
    expect(await second.collector.ready()).toMatchObject({ files: files.length, ids: 10, cutBytes: 0 });
    expect(await second.post([...day1, ...day2])).toBe(204);
    expect(second.collector.stats()).toEqual({ accepted: 0, duplicates: 10, invalid: 0 });
    await second.collector.close();

    // A finished file last written before the window is not read back (its events are refused as too old anyway).
    const old = Date.UTC(2026, 9, 1) / 1000;
    await utimes(join(dir, 'events.2026-11-30.ndjson'), old, old);
    const third = await start({ out, now: () => now });
    expect((await third.collector.ready()).files).toBe(files.length - 1);
    await third.collector.close();

    const text: string[] = [];
    expect(await report([dir], { stdout: (t) => text.push(t), stderr: () => undefined })).toBe(0);
    expect(text.join('')).toMatch(/10 lines, 10 exposures/);
  });
});

describe('candor report on several files', () => {
  it('reads a directory, a quoted glob or several files (plain and gzip) as one: the same report as the single file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'candor-inputs-'));
    const { run: simulate } = await import('../../src/cli/simulate.js');
    const whole = join(dir, 'whole.jsonl');
    expect(await simulate(['--scenario', 'losing-experience', '--visitors', '2000', '--seed', '4', '--out', whole, '--truth', join(dir, 'truth.json')], { stderr: () => undefined })).toBe(0);
    const lines = (await readFile(whole, 'utf8')).trim().split('\n');
    const parts = join(dir, 'parts');
    await import('node:fs/promises').then((fs) => fs.mkdir(parts));
    const third = Math.floor(lines.length / 3);
    await writeFile(join(parts, 'events.2026-01-05.ndjson'), lines.slice(0, third).join('\n')); // no newline at the end
    await writeFile(join(parts, 'events.2026-01-06.ndjson.gz'), gzipSync(lines.slice(third, 2 * third).join('\n') + '\n'));
    await writeFile(join(parts, 'events.ndjson'), lines.slice(2 * third).join('\n') + '\n');
    await writeFile(join(parts, 'notes.txt'), 'not events');

    const text = async (args: string[]) => {
      const out: string[] = [];
      expect(await report(args, { stdout: (t) => out.push(t), stderr: () => undefined })).toBe(0);
      return out.join('');
    };
    const expected = await text([whole]);
    expect(expected).toContain(`${lines.length.toLocaleString('en-US')} lines`);
    expect(await text([parts])).toBe(expected);
    expect(await text([join(parts, 'events*.ndjson*')])).toBe(expected);
    expect(await text([join(parts, 'events.ndjson'), join(parts, 'events.2026-01-05.ndjson'), join(parts, 'events.2026-01-06.ndjson.gz')])).toBe(expected);
  });
});
