import { appendFile, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateEvent } from './validate-event.js';

/** What one POST brought. */
export interface BatchResult {
  /** New valid events, appended to the file. */
  accepted: number;
  /** Valid events whose id was already stored (at-least-once delivery resends some). */
  duplicates: number;
  /** Events that failed validation (not stored). */
  invalid: number;
  /** The validation problems, `body[2].propensity: must be between 0 and 1`. */
  problems: string[];
}

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /** NDJSON file the events are appended to (one event per line); its ids seed de-duplication. */
  out: string;
  /** Path answered. Default `/collect`. */
  path?: string;
  /** Largest body accepted, in bytes. Default 1 MiB. */
  maxBytes?: number;
  /** Called after each POST, e.g. to log it. */
  onBatch?: (result: BatchResult) => void;
}

/** A reference event collector, mountable in any `node:http` server. */
export interface Collector {
  /** Handles `POST <path>` and resolves true; resolves false (and touches nothing) for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Totals since start. */
  stats(): { accepted: number; duplicates: number; invalid: number };
  /** Resolves once every accepted event is on disk. */
  close(): Promise<void>;
}

/**
 * The reference collector behind `candor collect`: accepts one event or a JSON array of events (any content
 * type, so sendBeacon's `text/plain` works), validates them against the Candor events schema, drops events
 * whose id it has already stored (also across restarts: the output file seeds the ids), appends the rest to
 * an NDJSON file and answers 204. A body with no valid event gets 400 and `{ "errors": [...] }`.
 * @example
 * const collector = createCollector({ out: 'events.ndjson' });
 * createServer(async (req, res) => { if (!(await collector.handle(req, res))) res.writeHead(404).end(); });
 */
export function createCollector({ out, path = '/collect', maxBytes = 1 << 20, onBatch }: CollectorOptions): Collector {
  const seen = new Set<string>();
  const totals = { accepted: 0, duplicates: 0, invalid: 0 };
  const ready = readFile(out, 'utf8').then(
    (text) => {
      for (const line of text.split('\n')) {
        try {
          const id = (JSON.parse(line) as { id?: unknown }).id;
          if (typeof id == 'string') seen.add(id);
        } catch {
          // a blank or torn line
        }
      }
    },
    () => undefined, // no file yet
  );
  let writes: Promise<unknown> = ready;

  const answer = (res: ServerResponse, status: number, errors?: string[]) => {
    if (errors) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
    else res.writeHead(status).end();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method != 'POST' || new URL(req.url ?? '/', 'http://x').pathname != path) return false;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        answer(res, 413, [`body: larger than ${maxBytes} bytes; send smaller batches`]);
        req.destroy();
        return true;
      }
      chunks.push(chunk);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      answer(res, 400, ['body: not JSON; send one Candor event or a JSON array of them']);
      return true;
    }
    const batch = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
    await ready;
    const result: BatchResult = { accepted: 0, duplicates: 0, invalid: 0, problems: [] };
    const lines: string[] = [];
    const ids: string[] = [];
    batch.forEach((event, i) => {
      const problems = validateEvent(event, Array.isArray(parsed) ? `body[${i}]` : 'body');
      if (problems.length) {
        result.invalid++;
        result.problems.push(...problems);
        return;
      }
      const id = (event as { id: string }).id;
      if (seen.has(id)) {
        result.duplicates++;
        return;
      }
      seen.add(id);
      ids.push(id);
      lines.push(JSON.stringify(event));
    });
    if (lines.length) {
      const write = writes.then(() => appendFile(out, lines.join('\n') + '\n'));
      writes = write.catch(() => undefined);
      try {
        await write;
      } catch {
        // Not stored: forget the ids so the sender's retry is accepted.
        for (const id of ids) seen.delete(id);
        answer(res, 503, [`server: could not write to ${out}; the events will be retried`]);
        return true;
      }
    }
    result.accepted = lines.length;
    totals.accepted += result.accepted;
    totals.duplicates += result.duplicates;
    totals.invalid += result.invalid;
    onBatch?.(result);
    if (result.invalid && !result.accepted && !result.duplicates) answer(res, 400, result.problems.slice(0, 100));
    else answer(res, 204);
    return true;
  }

  return {
    handle,
    stats: () => ({ ...totals }),
    close: () => writes.then(() => undefined),
  };
}
