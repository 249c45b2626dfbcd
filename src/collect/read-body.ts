import type { IncomingMessage } from 'node:http';

/** Memory shared by every body being received, or held until its events are written. */
export interface BodyBudget {
  /** Bytes held now. */
  used: number;
  /** Most bytes held at once; a chunk beyond it fails its request with 503. */
  max: number;
}

/** A request body, or why there is none. */
export type Body =
  /** `release()` gives its bytes back to the budget: call it once the body is no longer needed. */
  | { ok: true; bytes: Buffer; release: () => void }
  /** `status` 0: the client went away (nobody to answer). */
  | { ok: false; status: 0 | 408 | 413 | 503; error: string };

/**
 * Reads a request body within limits, and never rejects: a client that disconnects mid-body, a body larger than
 * `maxBytes` (by its Content-Length or as it arrives), one slower than `timeoutMs`, and one that would take the
 * shared `budget` past its maximum all resolve to `{ ok: false }` with the status to answer. A body read whole
 * keeps its bytes in the budget until its `release()`.
 * @example const body = await readBody(req, { maxBytes: 1 << 20, timeoutMs: 10_000 }, { used: 0, max: 64 << 20 });
 */
export function readBody(req: IncomingMessage, limits: { maxBytes: number; timeoutMs: number }, budget: BodyBudget): Promise<Body> {
  const { maxBytes, timeoutMs } = limits;
  return new Promise<Body>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    let settled = false;
    const release = (): void => {
      budget.used -= held;
      held = 0;
    };
    const finish = (body: Body): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!body.ok) release();
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onClose);
      req.on('error', () => undefined); // later socket errors of a request we gave up on are not ours to throw
      if (!body.ok) req.pause();
      resolve(body);
    };
    const tooLarge = (): Body => ({ ok: false, status: 413, error: `body: larger than ${maxBytes} bytes; send smaller batches` });
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) { finish(tooLarge()); return; }
      if (budget.used + chunk.length > budget.max) {
        finish({ ok: false, status: 503, error: 'server: too many bodies arriving at once; retry in a moment' }); return;
      }
      budget.used += chunk.length;
      held += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ ok: true, bytes: Buffer.concat(chunks, size), release });
    const onGone = (): void => finish({ ok: false, status: 0, error: 'client disconnected' });
    const onClose = (): void => {
      if (!req.complete) onGone();
    };
    const timer = setTimeout(() => {
      finish({ ok: false, status: 408, error: `body: not received within ${timeoutMs} ms; send it in one go` });
    }, timeoutMs);
    timer.unref();

    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) { finish(tooLarge()); return; }
    if (req.readableEnded) { finish({ ok: true, bytes: Buffer.alloc(0), release }); return; } // read by someone else: nothing left
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onClose);
  });
}
