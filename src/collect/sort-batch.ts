import type { CandorEvent } from '../core/types.js';
import type { BodyShape } from './body-shape.js';
import type { BatchResult, CollectorLimits } from './collector-limits.js';
import type { Valid } from './group-writer.js';
import { eventLine, inFieldOrder, validateEvent } from './validate-event.js';

/** What {@link sortBatch} needs to know about the body the batch came in. */
export interface BatchSource {
  /** The body's bytes, to store a compact event as it came. */
  bytes: Buffer;
  /** Where each top-level element of the body starts and ends. */
  shape: BodyShape;
  /** True when the body was a JSON array (problems then name `body[i]`). */
  isArray: boolean;
}

/**
 * Sorts a parsed batch into the events to store and the problems of the rest: each event is checked against the
 * events schema and the `ts` window (`clock` − maxAgeDays … `clock` + maxFutureMs). An event that came compact, in the
 * stored field order and with no key given twice, is stored as the bytes it came in; any other as its canonical line.
 * `result` counts the invalid ones and keeps their first 100 problems; accepted and duplicates are left for the writer.
 */
export function sortBatch(batch: unknown[], source: BatchSource, clock: number, limits: CollectorLimits): { result: BatchResult; valid: Valid[] } {
  const maxAgeMs = limits.maxAgeDays * 86_400_000;
  const result: BatchResult = { accepted: 0, duplicates: 0, invalid: 0, problems: [] };
  const valid: Valid[] = [];
  const { elements } = source.shape;
  let rawAt = 0;
  batch.forEach((event, i) => {
    while ((elements[rawAt]?.index ?? Infinity) < i) rawAt++;
    const where = source.isArray ? `body[${i}]` : 'body';
    let problems = validateEvent(event, where);
    if (!problems.length) {
      const ts = (event as CandorEvent).ts;
      if (ts < clock - maxAgeMs || ts > clock + limits.maxFutureMs) {
        problems = [
          `${where}.ts: ${ts} is not within ${limits.maxAgeDays} days before and ${Math.round(limits.maxFutureMs / 3_600_000)} hours after the collector's clock (${new Date(clock).toISOString()}); events this old or this far ahead are refused`,
        ];
      }
    }
    if (problems.length) {
      result.invalid++;
      for (const p of problems) if (result.problems.length < 100) result.problems.push(p);
      return;
    }
    const e = event as CandorEvent;
    const raw = elements[rawAt];
    const same = raw?.index === i && raw.compact && raw.keys === Object.keys(e).length && inFieldOrder(e);
    valid.push({ id: e.id, ts: e.ts, line: same ? source.bytes.subarray(raw.start, raw.end) : Buffer.from(eventLine(e).slice(0, -1)) });
  });
  return { result, valid };
}
