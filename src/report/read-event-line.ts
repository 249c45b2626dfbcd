/* eslint-disable @typescript-eslint/no-non-null-assertion -- the fast head's groups 1-3 always match */
import { addEvent } from './add-event.js';
import type { AggregationState } from './aggregation-state.js';
import { addConversion } from './conversion-records.js';
import { addExposure } from './exposure-records.js';
import { saneTs } from './time-window.js';

/** The head of an exposure or conversion line as the SDK writes it (no escapes, integer time). */
// eslint-disable-next-line no-control-regex -- raw control characters are not JSON: such lines must take the JSON.parse path and be rejected there
const FAST_HEAD = /^\{"v":1,"type":"(exposure|conversion)","id":"[^"\\\u0000-\u001f]*","visitorId":"([^"\\\u0000-\u001f]+)","ts":(\d{1,15}),(?:"decisionId":"[^"\\\u0000-\u001f]*",)?(?=")/;

/** Progress reporting while lines are read. */
export interface LineProgress {
  /** Called every `every` lines with the number of lines read. */
  onProgress: ((lines: number) => void) | undefined;
  every: number;
}

/**
 * A reader of NDJSON lines into the aggregation: blank lines are skipped and a leading UTF-8 byte-order mark is
 * ignored. Fast path for lines in the SDK's own field order: only the varying head (ids, time) is read with a regular
 * expression; the tail (slot, arms, audiences… or goal) repeats across visitors and is parsed once per distinct tail
 * (the same object each time, so the exposure pattern is looked up by identity). Anything else goes through
 * JSON.parse and {@link addEvent}.
 * @example const addLine = eventLineReader(state, { onProgress: undefined, every: 1e6 }); addLine(line);
 */
export function eventLineReader(state: AggregationState, progress: LineProgress): (line: string) => void {
  const { input, now } = state;
  const { onProgress, every } = progress;
  const tails = new Map<string, Record<string, unknown> | null>();
  const parseTail = (tail: string): Record<string, unknown> | null => {
    let parsed = tails.get(tail);
    if (parsed !== undefined) return parsed;
    try {
      const o: unknown = JSON.parse('{' + tail);
      parsed = typeof o === 'object' && o !== null && !Array.isArray(o) && !['v', 'type', 'id', 'visitorId', 'ts'].some((k) => k in o) ? (o as Record<string, unknown>) : null;
    } catch {
      parsed = null;
    }
    if (tails.size < 10_000) tails.set(tail, parsed);
    return parsed;
  };

  return function addLine(line: string): void {
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.length === 0 || (line.length < 3 && line.trim() === '')) return;
    input.lines++;
    if (onProgress && input.lines % every === 0) onProgress(input.lines);
    const head = FAST_HEAD.exec(line);
    if (head) {
      const tail = parseTail(line.slice(head[0].length));
      if (tail) {
        const visitorId = head[2]!;
        const ts = Number(head[3]);
        if (!saneTs(ts, now)) {
          input.timeOutOfRange++;
          input.invalid++;
          return;
        }
        const exposure = head[1] === 'exposure';
        if (exposure ? addExposure(state.exposures, tail, visitorId, ts, true) : addConversion(state.conversions, tail, visitorId, ts)) input.events[exposure ? 'exposure' : 'conversion']++;
        else input.invalid++;
        return;
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (line.trim() !== '') input.invalid++;
      else input.lines--;
      return;
    }
    addEvent(state, parsed);
  };
}
