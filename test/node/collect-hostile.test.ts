/**
 * The collector under hostile input, faults and load, as users run it: `candor collect` (dist/cli.js) and the embedding
 * example of docs/events.md (its code block, run as written), each in a child process on loopback. Every attack of issue 14 is
 * replayed: each test asserts that the process survived (a canary batch still gets 204), the status of the attack, and
 * that exactly the acknowledged events are stored, once each, on complete lines.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const COLLECT = join(ROOT, 'dist/collect.js');
const DAY = 86_400_000;

/** These tests run the built files: a missing or stale build fails them instead of testing old code. */
function assertBuilt(): void {
  let built = 0;
  try {
    built = Math.min(statSync(CLI).mtimeMs, statSync(COLLECT).mtimeMs);
  } catch {
    // not built
  }
  const sources = [...readdirSync(join(ROOT, 'src/collect')).map((f) => join(ROOT, 'src/collect', f)), join(ROOT, 'src/cli/collect.ts')];
  if (built < Math.max(...sources.map((f) => statSync(f).mtimeMs))) throw new Error('dist/ is missing or older than src/collect: run `npm run build` first (npm test does).');
}

/** The embedding example of docs/events.md, with the package import pointed at dist/, the file at `out`, and port 0. */
function readmeExample(out: string): string {
  const readme = readFileSync(join(ROOT, 'docs/events.md'), 'utf8');
  const block = /To receive events in your own Node server[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const swaps: [string, string][] = [
    ["from 'candor/collect'", `from ${JSON.stringify(pathToFileURL(COLLECT).href)}`],
    ["'data/events.ndjson'", JSON.stringify(out)],
    ['server.listen(8787);', "server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}/collect`));"],
  ];
  let code = block;
  for (const [from, to] of swaps) {
    if (!code.includes(from)) throw new Error(`docs/events.md's embedding example no longer contains ${from}`);
    code = code.replace(from, to);
  }
  return code;
}

type Mode = 'candor collect' | 'embedded as docs/events.md shows';
const MODES: Mode[] = ['candor collect', 'embedded as docs/events.md shows'];

interface Running {
  port: number;
  origin: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  output: () => string;
  exited: Promise<number | string>;
}

let scripts = 0;
/** Every process started, killed when the file is done even if a test failed half-way. */
const launched: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of launched) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts a collector writing to `out` (optionally under `ulimit -f`, in KiB) and waits until it listens. */
async function launch(mode: Mode, out: string, fileLimitKb?: number): Promise<Running> {
  let args = [CLI, 'collect', '--port', '0', '--out', out];
  if (mode !== 'candor collect') {
    const script = join(tmpdir(), `candor-readme-collector-${process.pid}-${scripts++}.mjs`);
    await writeFile(script, readmeExample(out));
    args = [script];
  }
  const child =
    fileLimitKb === undefined
      ? spawn(process.execPath, args)
      : spawn('bash', ['-c', `ulimit -f ${fileLimitKb} && exec "$0" "$@"`, process.execPath, ...args]);
  launched.push(child);
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (text += d));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening after 30 s:\n${text}`)), 30_000);
    const look = (): void => {
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\/collect/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before listening:\n${text}`));
    });
  });
  return { port, origin: `http://127.0.0.1:${port}`, child, output: () => text, exited };
}

let seq = 0;
const RUN = Date.now().toString(16);
/** A valid exposure of now, with a fresh id. */
const event = (over: Record<string, unknown> = {}) => ({
  v: 1,
  type: 'exposure',
  id: `${RUN}${(seq++).toString(16).padStart(8, '0')}`.padStart(32, '0'),
  visitorId: `v-${seq % 97}`,
  ts: Date.now(),
  decisionId: 'd-1',
  slot: 'hero',
  configVersion: '2026-12-01',
  hashVersion: 1,
  salt: 'q4',
  arm: 'targeted',
  experience: 'hero-dev',
  counterfactual: 'hero-dev',
  propensity: 0.8,
  eligible: ['hero-dev'],
  audiences: ['developers'],
  tier: 'low',
  gpc: false,
  ...over,
});
type Event = ReturnType<typeof event>;

async function post(c: Running, body: unknown): Promise<{ status: number; errors: string[] }> {
  const res = await fetch(`${c.origin}/collect`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, errors: text ? (JSON.parse(text) as { errors: string[] }).errors : [] };
}

/** Sends raw bytes on a new connection; resolves with the status of the first response, or `closed` when none came. */
function raw(port: number, data: string, { hangUp = false } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 'closed'));
    socket.on('connect', () => {
      socket.write(data);
      if (hangUp) socket.destroy();
    });
  });
}

/** Every line of every file the collector wrote, parsed (a torn or merged line fails the test here). */
async function stored(dir: string): Promise<Event[]> {
  const events: Event[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ndjson')).sort()) {
    const text = await readFile(join(dir, name), 'utf8');
    if (text) expect(text.endsWith('\n'), `${name} ends on a complete line`).toBe(true);
    for (const line of text.split('\n').filter(Boolean)) events.push(JSON.parse(line) as Event);
  }
  return events;
}
const ids = (events: { id: string }[]): string[] => events.map((e) => e.id).sort();

describe.each(MODES)('%s, under hostile input', (mode) => {
  let dir: string;
  let c: Running;
  /** Ids that got 204. */
  const acknowledged: string[] = [];
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'candor-hostile-'));
    c = await launch(mode, join(dir, 'events.ndjson'));
  });
  afterAll(() => {
    c.child.kill('SIGKILL');
  });
  /** The process is up and stores a valid batch. */
  const canary = async (): Promise<void> => {
    const batch = [event(), event()];
    expect(await post(c, batch)).toEqual({ status: 204, errors: [] });
    acknowledged.push(...batch.map((e) => e.id));
    expect(c.child.exitCode).toBeNull();
  };

  it('answers a request line with an invalid URL (POST //[) with 404 and keeps serving', async () => {
    expect(await raw(c.port, 'POST //[ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]')).toBe('404');
    expect(await raw(c.port, 'POST http://[::1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]')).toMatch(/^(400|404)$/);
    await canary();
  });

  it('survives clients that disconnect mid-body, storing nothing of them', async () => {
    const body = JSON.stringify([event(), event()]);
    const half = `POST /collect HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, body.length >> 1)}`;
    expect(await Promise.all(Array.from({ length: 20 }, () => raw(c.port, half, { hangUp: true })))).toEqual(new Array(20).fill('closed'));
    await canary();
  });

  it('refuses nesting bombs with 400 before anything recurses over them', async () => {
    const bomb = await post(c, '['.repeat(400_000) + ']'.repeat(400_000));
    expect(bomb).toEqual({ status: 400, errors: ['body: nested deeper than 8 levels; send one Candor event or a JSON array of them'] });
    const inField = JSON.stringify([event()]).replace('"eligible":["hero-dev"]', `"eligible":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect((await post(c, inField)).status).toBe(400);
    await canary();
  });

  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'])('refuses a field named %s, whatever its value (a 900 KB blob here), and stores nothing', async (name) => {
    const text = JSON.stringify(event()).slice(0, -1) + `,${JSON.stringify(name)}:${JSON.stringify('x'.repeat(900_000))}}`;
    expect(await post(c, `[${text}]`)).toEqual({ status: 400, errors: [`body[0].${name}: not a field of exposure events (the schema allows no others)`] });
    const typed = JSON.stringify(event()).slice(0, -1) + `,${JSON.stringify(name)}:{"a":1}}`;
    expect((await post(c, typed)).status).toBe(400);
    await canary();
  });

  it('refuses a ts outside 30 days before to 1 day after its clock (1e300, 0, 31 days old, 2 days ahead) and stores the rest', async () => {
    const now = Date.now();
    const bad = [event({ ts: 1e300 }), event({ ts: 0 }), event({ ts: now - 31 * DAY }), event({ ts: now + 2 * DAY })];
    const good = [event({ ts: now - 29 * DAY }), event({ ts: now + DAY / 2 })];
    expect((await post(c, [...bad, ...good])).status).toBe(204);
    acknowledged.push(...good.map((e) => e.id));
    const refused = await post(c, bad);
    expect(refused.status).toBe(400);
    expect(refused.errors).toHaveLength(4);
    for (const [i, problem] of refused.errors.entries()) expect(problem).toMatch(new RegExp(`^body\\[${i}\\]\\.ts: .* is not within 30 days before and 24 hours after the collector's clock`));
    await canary();
  });

  it('refuses more than 500 events per body and bodies over 1 MiB with 413, storing nothing of them', async () => {
    const many = await post(c, Array.from({ length: 501 }, () => event()));
    expect(many).toEqual({ status: 413, errors: ['body: 501 events; send at most 500 per request'] });
    const large = await post(c, [event({ salt: 'x'.repeat(1 << 20) })]);
    expect(large.status).toBe(413);
    const declared = await raw(c.port, `POST /collect HTTP/1.1\r\nHost: x\r\nContent-Length: ${(1 << 20) + 1}\r\nConnection: close\r\n\r\n[`);
    expect(declared).toBe('413');
    await canary();
  });

  it('answers 413 to a body declared over 1 MiB while its client is still sending, reads the rest, and serves the next request on that connection', async () => {
    const size = 2 << 20;
    const next = [event()];
    const nextBody = JSON.stringify(next);
    const answers = await new Promise<string>((resolve) => {
      const socket = connect(c.port, '127.0.0.1');
      let answer = '';
      let sending = false;
      socket.on('error', (error: NodeJS.ErrnoException) => {
        resolve(`${answer}\n(${error.code ?? error.message})`);
      });
      socket.on('close', () => {
        resolve(answer);
      });
      socket.on('data', (d) => {
        answer += String(d);
        // The 413 comes after the headers alone; only then does the body go, 64 KiB at a time, then the next request.
        if (sending || !answer.includes('\r\n\r\n')) return;
        sending = true;
        void (async () => {
          const chunk = Buffer.alloc(64 << 10, 'x');
          for (let sent = 0; sent < size; sent += chunk.length) {
            if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
            await new Promise((r) => setImmediate(r));
          }
          socket.write(`POST /collect HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(nextBody)}\r\nConnection: close\r\n\r\n${nextBody}`);
        })().catch(() => undefined);
      });
      socket.on('connect', () => {
        socket.write(`POST /collect HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\n\r\n`);
      });
    });
    expect([...answers.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]), answers).toEqual(['413', '204']);
    acknowledged.push(...next.map((e) => e.id));
    await canary();
  });

  it('answers 16 bodies of 1 MB of invalid events at once with 400 each, and stores nothing of them', async () => {
    const junk = Array.from({ length: 400 }, (_, i) => ({ ...event(), [`unknown${i}`]: 'y'.repeat(2250), propensity: 7, arm: 'sideways' }));
    const body = JSON.stringify(junk);
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(body.length).toBeLessThan(1 << 20);
    const answers = await Promise.all(Array.from({ length: 16 }, () => post(c, body)));
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(a.errors).toHaveLength(100); // capped: 1,200 problems are not all sent back
    }
    await canary();
  });

  it('holds at most 64 MiB of unfinished bodies (503 beyond) and drops the rest after the 10 s body timeout (408)', async () => {
    const sockets: Socket[] = [];
    const statuses = await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          new Promise<string>((resolve) => {
            const socket = connect(c.port, '127.0.0.1');
            sockets.push(socket);
            let answer = '';
            socket.on('data', (d) => (answer += String(d)));
            socket.on('error', () => undefined);
            socket.on('close', () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 'closed'));
            socket.on('connect', () => socket.write(`POST /collect HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n${'['.repeat(900_000)}`));
          }),
      ),
    );
    const held = statuses.filter((s) => s === '408').length;
    expect(statuses.filter((s) => s === '503').length + held).toBe(100);
    expect(held).toBeLessThanOrEqual(Math.ceil((64 << 20) / 900_000));
    expect(held).toBeGreaterThan(50);
    await canary();
  }, 40_000);

  it('drops connections beyond 1,024 at once', async () => {
    const open: Socket[] = [];
    await Promise.all(
      Array.from(
        { length: 1024 },
        () =>
          new Promise<void>((resolve) => {
            const socket = connect(c.port, '127.0.0.1', () => resolve());
            socket.on('error', () => undefined);
            open.push(socket);
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 300)); // the server has accepted them all
    expect(await raw(c.port, 'POST /collect HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]')).toBe('closed');
    for (const s of open) s.destroy();
    await new Promise((r) => setTimeout(r, 300));
    await canary();
  });

  it.runIf(mode === 'candor collect')('closes a connection whose headers do not arrive within 10 s', async () => {
    const started = Date.now();
    expect(await raw(c.port, 'POST /collect HTTP/1.1\r\nHost: x\r\n')).toBe('408');
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    await canary();
  }, 30_000);

  it('after all of that, stored exactly the acknowledged events, once each, on complete lines', async () => {
    expect(c.child.exitCode).toBeNull();
    expect(ids(await stored(dir))).toEqual([...acknowledged].sort());
  });
});

describe.each(MODES)('%s, under faults', (mode) => {
  beforeAll(assertBuilt);

  it('a full disk (ulimit -f): a batch that does not fit gets 503 and leaves nothing; later batches are stored whole; the retry after a restart is stored once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'candor-full-'));
    const out = join(dir, 'events.ndjson');
    const full = await launch(mode, out, 128); // the file may not grow beyond 128 KiB
    const small = (): Event[] => Array.from({ length: 5 }, () => event());
    const large = Array.from({ length: 300 }, () => event());
    // 40 small batches (~64 KiB), a large one that does not fit (~96 KiB), then part of the large one again in small
    // batches (its ids must not count as stored), and more small ones.
    const retried = Array.from({ length: 10 }, (_, i) => large.slice(5 * i, 5 * i + 5));
    const batches = [...Array.from({ length: 40 }, small), large, ...retried, ...Array.from({ length: 20 }, small)];
    const acknowledged: Event[] = [];
    const refused: Event[][] = [];
    for (const batch of batches) {
      const { status } = await post(full, batch);
      if (status === 204) acknowledged.push(...batch);
      else {
        expect(status).toBe(503);
        refused.push(batch);
      }
    }
    expect(refused).toEqual([large]); // the large batch hit the limit mid-write, and every other batch was stored
    expect(acknowledged.length).toBeGreaterThan(200);
    expect(full.child.exitCode).toBeNull();
    expect(ids(await stored(dir))).toEqual(ids(acknowledged));
    full.child.kill('SIGKILL');
    await full.exited;

    const after = await launch(mode, out);
    for (const batch of batches) expect((await post(after, batch)).status).toBe(204); // every sender retries, some needlessly
    expect(ids(await stored(dir))).toEqual(ids([...new Map(batches.flat().map((e) => [e.id, e])).values()]));
    after.child.kill('SIGKILL');
  }, 60_000);

  it('kill -9 while 32 clients send batches of 50: everything acknowledged is stored, nothing twice, no line torn; resends complete the set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'candor-kill-'));
    const out = join(dir, 'events.ndjson');
    const first = await launch(mode, out);
    const batches = Array.from({ length: 400 }, () => Array.from({ length: 50 }, () => event()));
    const acknowledged: Event[] = [];
    let next = 0;
    const state = { killed: false };
    const kill = (): void => {
      if (state.killed) return;
      state.killed = true;
      first.child.kill('SIGKILL');
    };
    const client = async (): Promise<void> => {
      for (let batch = batches[next++]; batch && !state.killed; batch = batches[next++]) {
        try {
          if ((await post(first, batch)).status === 204) acknowledged.push(...batch);
        } catch {
          // the collector died under this request: not acknowledged
        }
        if (acknowledged.length >= 3000) kill();
      }
    };
    await Promise.all(Array.from({ length: 32 }, client));
    expect(state.killed).toBe(true);
    await first.exited;
    const survived = await stored(dir).catch(() => undefined); // a torn last line may be there until restart
    const second = await launch(mode, out);
    // Complete lines only: start-up cuts any torn tail. The embedded collector does that while its server already
    // listens (requests wait for it), so the file is read once it has (a collector that never cuts it fails here).
    const afterRestart = await vi.waitFor(() => stored(dir), { timeout: 10_000, interval: 50 });
    const storedIds = new Set(afterRestart.map((e) => e.id));
    expect(storedIds.size).toBe(afterRestart.length); // nothing twice
    for (const e of acknowledged) expect(storedIds.has(e.id)).toBe(true);
    if (survived) expect(afterRestart.length).toBe(survived.length);
    for (const batch of batches) expect((await post(second, batch)).status).toBe(204);
    expect(ids(await stored(dir))).toEqual(ids(batches.flat()));
    second.child.kill('SIGKILL');
  }, 120_000);
});
