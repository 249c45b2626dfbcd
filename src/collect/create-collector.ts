import type { IncomingMessage, ServerResponse } from 'node:http';
import { openEventLog, type EventLog, type StartupReport } from './event-log.js';
import { bodyShape } from './body-shape.js';
import { readBody, type Body, type BodyBudget } from './read-body.js';
import { createSeenIds } from './seen-ids.js';
import { COLLECTOR_LIMITS, type BatchResult, type CollectorLimits } from './collector-limits.js';
import { createGroupWriter } from './group-writer.js';
import { sortBatch } from './sort-batch.js';

export type { StartupReport } from './event-log.js';
export { COLLECTOR_LIMITS, SERVER_LIMITS, type BatchResult, type CollectorLimits } from './collector-limits.js';

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /** NDJSON file the events are appended to (one event per line); it and its finished siblings seed de-duplication. */
  out: string;
  /** Path answered. Default `/collect`. */
  path?: string;
  /** Largest body accepted, in bytes (the same as `limits.maxBodyBytes`). Default 1 MiB. */
  maxBytes?: number;
  /** Limits other than the defaults ({@link COLLECTOR_LIMITS}). */
  limits?: Partial<CollectorLimits>;
  /** Called after each POST, e.g. to log it. */
  onBatch?: (result: BatchResult) => void;
  /** Where start-up repairs and file problems are told. Default: console.warn. */
  log?: (line: string) => void;
  /** The clock (tests). Default Date.now. */
  now?: () => number;
}

/** A reference event collector, mountable in any `node:http` server. */
export interface Collector {
  /**
   * Handles `POST <path>` and resolves true; resolves false (and touches nothing) for any other request.
   * Never rejects: whatever arrives gets an answer (or, when the client is gone, none).
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Totals since start. */
  stats(): { accepted: number; duplicates: number; invalid: number };
  /** Resolves once the files are read back (ids seeded), with what was found; rejects when `out` cannot be written. */
  ready(): Promise<StartupReport>;
  /** Resolves once every accepted event is on disk, and closes the file (a later batch opens it again). */
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** The path of a request target, without parsing anything that could throw. */
function pathOf(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return '/';
  if (url.startsWith('/')) {
    const end = url.search(/[?#]/);
    return end < 0 ? url : url.slice(0, end);
  }
  try {
    return new URL(url).pathname; // absolute form: POST http://host/collect
  } catch {
    return undefined;
  }
}

/**
 * The reference collector behind `candor collect`: accepts one event or a JSON array of events (any content
 * type, so sendBeacon's `text/plain` works), validates them against the Candor events schema and the `ts` window,
 * drops events whose id it has already stored (also across restarts: the files seed the ids), appends the rest to an
 * NDJSON file with one write per batch (synced to disk before the answer) and answers 204. A body with no valid
 * event gets 400 and `{ "errors": [...] }`; a write that fails gets 503 and leaves nothing behind, so the sender's
 * retry is stored once. Limits: {@link COLLECTOR_LIMITS}.
 * @example
 * const collector = createCollector({ out: 'events.ndjson' });
 * createServer(async (req, res) => { if (!(await collector.handle(req, res))) res.writeHead(404).end(); });
 */
export function createCollector(options: CollectorOptions): Collector {
  const { out, path = '/collect', onBatch, now = Date.now } = options;
  const log =
    options.log ??
    ((line: string) => {
      console.warn(`candor collect: ${line}`);
    });
  const limits: CollectorLimits = { ...COLLECTOR_LIMITS, ...(options.maxBytes !== undefined ? { maxBodyBytes: options.maxBytes } : {}), ...options.limits };
  const maxAgeMs = limits.maxAgeDays * DAY_MS;
  const seen = createSeenIds();
  const totals = { accepted: 0, duplicates: 0, invalid: 0 };
  const budget: BodyBudget = { used: 0, max: limits.maxPendingBytes };

  const opening = openEventLog({ out, maxFileBytes: limits.maxFileBytes, since: now() - maxAgeMs, slackMs: limits.maxFutureMs, now, log }, seen);
  opening.catch(() => undefined); // told to whoever awaits ready(), and in every 503 meanwhile
  let eventLog: EventLog | undefined;
  let openProblem: string | undefined;
  const opened = opening.then(
    (r) => {
      eventLog = r.log;
    },
    (error: unknown) => {
      openProblem = (error as Error).message;
    },
  );

  const writer = createGroupWriter({
    seen,
    append: (bytes) => (eventLog ? eventLog.append(bytes) : Promise.reject(new Error(openProblem ?? 'not open'))),
    maxAgeMs,
    now,
    log,
    out,
  });

  const answer = (res: ServerResponse, status: number, errors?: string[], close = false): void => {
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string> = close ? { connection: 'close' } : {};
    if (errors) res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
    else res.writeHead(status, headers).end();
  };

  async function post(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, { maxBytes: limits.maxBodyBytes, timeoutMs: limits.bodyTimeoutMs }, budget);
    try {
      await answerBody(req, res, body);
    } finally {
      if (body.ok) body.release(); // its bytes count until its events are on disk
    }
  }

  async function answerBody(req: IncomingMessage, res: ServerResponse, body: Body): Promise<void> {
    if (!body.ok) {
      if (!body.status) {
        req.socket.destroy(); // the client is gone
        return;
      }
      // Answer at once, and discard the rest of the body while it comes. A client still sending keeps its connection
      // until its body ends (closing it with unread bytes would reset the connection, and the client would see the reset
      // instead of the answer); one still sending after the body timeout is cut off. A stalled body (408) is answered and
      // closed.
      const stillSending = body.status !== 408 && !req.readableEnded;
      answer(res, body.status, [body.error], !stillSending);
      req.resume();
      const timer = setTimeout(() => req.socket.destroy(), limits.bodyTimeoutMs);
      timer.unref();
      const stop = (): void => {
        clearTimeout(timer);
        req.socket.off('close', stop);
      };
      req.socket.once('close', stop);
      req.once('end', stop);
      return;
    }
    const shape = bodyShape(body.bytes, limits.maxDepth);
    if (shape.tooDeep) {
      answer(res, 400, [`body: nested deeper than ${limits.maxDepth} levels; send one Candor event or a JSON array of them`]); return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.bytes.toString('utf8'));
    } catch {
      answer(res, 400, ['body: not JSON; send one Candor event or a JSON array of them']); return;
    }
    const batch = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
    if (batch.length > limits.maxEvents) {
      answer(res, 413, [`body: ${batch.length} events; send at most ${limits.maxEvents} per request`]); return;
    }
    await opened;
    if (openProblem) { answer(res, 503, [`server: ${openProblem}`]); return; }

    const { result, valid } = sortBatch(batch, { bytes: body.bytes, shape, isArray: Array.isArray(parsed) }, now(), limits);
    if (valid.length) {
      const done = await writer.store(valid);
      if (!done) { answer(res, 503, [`server: could not write to ${out}; the events will be retried`]); return; }
      result.accepted = done.accepted;
      result.duplicates = done.duplicates;
    }
    totals.accepted += result.accepted;
    totals.duplicates += result.duplicates;
    totals.invalid += result.invalid;
    try {
      onBatch?.(result);
    } catch {
      // The embedder's logger must not turn a stored batch into an error.
    }
    if (result.invalid && !result.accepted && !result.duplicates) answer(res, 400, result.problems);
    else answer(res, 204);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'POST' || pathOf(req.url) !== path) return false;
    try {
      await post(req, res);
    } catch (error) {
      // A bug, not the request: still answer, and keep serving.
      log(`internal error on ${req.method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      try {
        if (!res.headersSent) answer(res, 500, ['server: internal error; the events will be retried'], true);
        else res.destroy();
      } catch {
        // The response is gone.
      }
    }
    return true;
  }

  return {
    handle,
    stats: () => ({ ...totals }),
    ready: () => opening.then((r) => r.report),
    async close() {
      await opened;
      await writer.settled();
      await eventLog?.close();
    },
  };
}
