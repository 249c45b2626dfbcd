import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCollector } from '../../src/collect/create-collector.js';
import { run } from '../../src/cli/collect.js';
import * as sample from '../unit/events/sample-events.js';

// Events of today: the collector refuses a `ts` more than 30 days old.
const NOW = Date.now();
const exposure = (over: Parameters<typeof sample.exposure>[0] = {}) => sample.exposure({ ts: NOW, ...over });
const conversion = (over: Parameters<typeof sample.conversion>[0] = {}) => sample.conversion({ ts: NOW, ...over });
const trust = (over: Parameters<typeof sample.trust>[0] = {}) => sample.trust({ ts: NOW, ...over });

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A collector behind a real http server on 127.0.0.1. */
async function start(out: string, log: (line: string) => void = () => undefined) {
  const collector = createCollector({ out, log });
  const server = createServer((req, res) => {
    void collector.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address == 'object' && address ? address.port : 0}`;
  const post = (body: unknown, type = 'application/json') =>
    fetch(`${origin}/collect`, { method: 'POST', headers: { 'content-type': type }, body: typeof body == 'string' ? body : JSON.stringify(body) });
  return { collector, origin, post };
}

const tmpFile = async () => join(await mkdtemp(join(tmpdir(), 'candor-collect-')), 'events.ndjson');
const lines = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string });

describe('createCollector over http', () => {
  it('appends a batch as NDJSON and answers 204, also for sendBeacon text/plain bodies and single events', async () => {
    const out = await tmpFile();
    const { collector, post } = await start(out);
    const batch = [exposure(), conversion(), trust()];
    expect((await post(batch)).status).toBe(204);
    const single = exposure();
    expect((await post(JSON.stringify([single]), 'text/plain;charset=UTF-8')).status).toBe(204);
    const one = conversion();
    expect((await post(one)).status).toBe(204);
    await collector.close();
    expect(await lines(out)).toEqual([...batch, single, one]);
    expect(collector.stats()).toEqual({ accepted: 5, duplicates: 0, invalid: 0 });
  });

  it('stores each event on one line in the SDK\'s field order, whatever order it came in', async () => {
    const out = await tmpFile();
    const { collector, post } = await start(out);
    const e = exposure();
    const reversed = Object.fromEntries(Object.entries(e).reverse());
    const pretty = JSON.stringify([reversed, e], null, 2);
    expect((await post(pretty)).status).toBe(204);
    expect((await post([{ ...conversion(), id: e.id, ts: e.ts }])).status).toBe(204); // same id and day: a duplicate
    await collector.close();
    const text = await readFile(out, 'utf8');
    expect(text).toBe(`${JSON.stringify(e)}\n`);
    expect(collector.stats()).toEqual({ accepted: 1, duplicates: 2, invalid: 0 });
  });

  it('stores a compact event as the bytes it came in, and never a key given twice', async () => {
    const out = await tmpFile();
    const { collector, post } = await start(out);
    const [a, b] = [exposure(), exposure()];
    const escaped = JSON.stringify(a).replace('"experience":"health"', '"experience":"h\\u0065alth"');
    const twice = JSON.stringify(b).replace('"slot":"hero"', '"slot":"other","slot":"hero"');
    expect((await post(`[${escaped},${twice}]`)).status).toBe(204);
    await collector.close();
    const [first, second] = (await readFile(out, 'utf8')).split('\n');
    expect(first).toBe(escaped); // as sent
    expect(JSON.parse(first ?? '')).toEqual(a);
    expect(second).toBe(JSON.stringify(b)); // re-written: a reader taking the first "slot" would see "other"
  });

  it('drops duplicate ids, within a run and across restarts (seeded from the file)', async () => {
    const out = await tmpFile();
    const batch = [exposure(), exposure()];
    const first = await start(out);
    await first.post(batch);
    expect((await first.post([batch[0], batch[0]])).status).toBe(204);
    await first.collector.close();
    expect(first.collector.stats()).toEqual({ accepted: 2, duplicates: 2, invalid: 0 });

    const second = await start(out); // a restart
    const fresh = exposure();
    expect((await second.post([...batch, fresh])).status).toBe(204);
    await second.collector.close();
    expect(second.collector.stats()).toEqual({ accepted: 1, duplicates: 2, invalid: 0 });
    expect((await lines(out)).map((e) => e.id)).toEqual([...batch, fresh].map((e) => e.id));
  });

  it('accepts concurrent batches without tearing lines', async () => {
    const out = await tmpFile();
    const { collector, post } = await start(out);
    const batches = Array.from({ length: 20 }, () => Array.from({ length: 10 }, () => exposure()));
    await Promise.all(batches.map((b) => post(b)));
    await collector.close();
    expect((await lines(out)).map((e) => e.id).sort()).toEqual(batches.flat().map((e) => e.id).sort());
  });

  it('rejects a wholly invalid body with 400 and the problems, and stores nothing', async () => {
    const out = await tmpFile();
    const { collector, post } = await start(out);
    const res = await post([{ ...exposure(), propensity: 2 }, { type: 'pageview' }]);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: ['body[0].propensity: must be between 0 and 1', 'body[1].type: must be one of exposure, conversion, trust'] });
    const notJson = await post('{oops', 'text/plain');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { errors: string[] }).errors[0]).toMatch(/not JSON/);
    expect(collector.stats()).toEqual({ accepted: 0, duplicates: 0, invalid: 2 });
    expect(await readFile(out, 'utf8')).toBe(''); // created at start (so a path that cannot be written is known at once), and empty
  });

  it('stores the valid events of a partly invalid batch', async () => {
    const out = await tmpFile();
    const { collector, post } = await start(out);
    const good = exposure();
    expect((await post([good, { ...exposure(), signals: { 'utm.campaign': 'x' } }])).status).toBe(204);
    await collector.close();
    expect(await lines(out)).toEqual([good]);
    expect(collector.stats()).toEqual({ accepted: 1, duplicates: 0, invalid: 1 });
  });

  it('answers only POST /collect', async () => {
    const { origin } = await start(await tmpFile());
    expect((await fetch(`${origin}/collect`)).status).toBe(404);
    expect((await fetch(`${origin}/other`, { method: 'POST', body: '[]' })).status).toBe(404);
  });

  it('cuts a torn last line from an existing file before appending, and still knows the ids before it', async () => {
    const out = await tmpFile();
    const old = exposure();
    await writeFile(out, JSON.stringify(old) + '\n{"id":"tor');
    const logged: string[] = [];
    const { collector, post } = await start(out, (line) => logged.push(line));
    expect(await collector.ready()).toMatchObject({ cutBytes: 10, ids: 1 });
    expect(logged).toEqual([`cut 10 bytes from the end of ${out}: a line whose write was interrupted (it was never acknowledged, so its sender retries it).`]);
    await post([old]);
    expect(collector.stats().duplicates).toBe(1);
    const fresh = exposure();
    await post([fresh]);
    await collector.close();
    expect(await lines(out)).toEqual([old, fresh]);
  });
});

describe('candor collect', () => {
  it('prints where events land and a line per batch, and stops on abort', async () => {
    const out = await tmpFile();
    const log: string[] = [];
    const stop = new AbortController();
    let listening: (origin: string) => void = () => undefined;
    const origin = new Promise<string>((r) => (listening = r));
    const done = run(['--port', '0', '--out', out], {
      signal: stop.signal,
      log: (line) => {
        log.push(line);
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(line);
        if (m) listening(m[0]);
      },
    });
    const url = `${await origin}/collect`;
    expect((await fetch(url, { method: 'POST', body: JSON.stringify([exposure(), exposure()]) })).status).toBe(204);
    stop.abort();
    expect(await done).toBe(0);
    expect(log[0]).toContain(`Appending events to ${out}`);
    expect(log.some((l) => l.includes('+2 stored, 0 duplicate, 0 invalid'))).toBe(true);
    expect(await lines(out)).toHaveLength(2);
  });

  it('explains bad arguments with exit code 2', async () => {
    const log: string[] = [];
    const err: string[] = [];
    const io = { log: (l: string) => log.push(l), err: (l: string) => err.push(l) };
    expect(await run(['--port', 'abc'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/--port must be a whole number.*\n[\s\S]*Usage: candor collect/);
    expect(await run(['--nope'], io)).toBe(2);
    expect(err).toHaveLength(2);
    expect(await run(['--help'], io)).toBe(0);
    expect(log.join('\n')).toMatch(/^Usage: candor collect/);
  });
});
