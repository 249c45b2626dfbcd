import type { SeenIds } from './seen-ids.js';

const DAY_MS = 86_400_000;
const NEWLINE = Buffer.from('\n');
/** Most bytes written (and synced) at once when many batches wait. */
const MAX_GROUP_BYTES = 8 << 20;

/** A valid event on its way to the file. */
export interface Valid {
  id: string;
  ts: number;
  /** The line without its newline: the bytes it came in, or JSON.stringify's. */
  line: Buffer;
}

/** A batch waiting for the writer, and what became of it. */
export interface Pending {
  events: Valid[];
  bytes: number;
  accepted: number;
  duplicates: number;
  done: (stored: boolean) => void;
}

/** Options of {@link createGroupWriter}. */
export interface GroupWriterOptions {
  /** Ids already stored: checked when a group is formed, added once its write succeeded. */
  seen: SeenIds;
  /** Appends bytes to the event file (and syncs them); rejects when it cannot. */
  append: (bytes: Buffer) => Promise<void>;
  /** Ids older than this many milliseconds are forgotten before each group. */
  maxAgeMs: number;
  now: () => number;
  /** Where a failed write is told. */
  log: (line: string) => void;
  /** The file's name, for that message. */
  out: string;
}

/** The collector's writer: batches in, one append per group out. */
export interface GroupWriter {
  /** Queues a batch; resolves with its counts once written, or undefined when the write failed (answer 503). */
  store(events: Valid[]): Promise<Pending | undefined>;
  /** Resolves once nothing is queued or being written. */
  settled(): Promise<void>;
}

/**
 * Group commit: batches that arrive while a write is on its way are written (and synced) together next, at most
 * 8 MiB at once. Ids are checked when a group is formed (duplicates within the group and against `seen`) and marked
 * as seen only once its write succeeded, so a failed write leaves nothing behind and the sender's retry is stored once.
 * @example const writer = createGroupWriter({ seen, append: (b) => log.append(b), maxAgeMs, now: Date.now, log: console.warn, out });
 */
export function createGroupWriter({ seen, append, maxAgeMs, now, log, out }: GroupWriterOptions): GroupWriter {
  const queue: Pending[] = [];
  let writing = false;
  let idle: Promise<void> = Promise.resolve();
  let wakeIdle = (): void => undefined;

  async function drain(): Promise<void> {
    writing = true;
    idle = new Promise((done) => (wakeIdle = done));
    try {
      while (queue.length) {
        let bytes = 0;
        let n = 0;
        for (const batch of queue) {
          if (n > 0 && bytes + batch.bytes > MAX_GROUP_BYTES) break;
          bytes += batch.bytes;
          n++;
        }
        const group = queue.splice(0, n);
        seen.forgetBefore(now() - maxAgeMs);
        const inGroup = new Set<string>();
        const lines: Buffer[] = [];
        const stored: Valid[] = [];
        for (const batch of group) {
          for (const event of batch.events) {
            const key = `${event.id}\n${Math.floor(event.ts / DAY_MS)}`;
            if (inGroup.has(key) || seen.has(event.id, event.ts)) batch.duplicates++;
            else {
              inGroup.add(key);
              lines.push(event.line, NEWLINE);
              stored.push(event);
              batch.accepted++;
            }
          }
        }
        let ok = true;
        try {
          if (lines.length) await append(Buffer.concat(lines));
        } catch (error) {
          ok = false;
          log(`could not write to ${out} (${(error as Error).message}); answered 503, so senders retry.`);
        }
        if (ok) for (const event of stored) seen.add(event.id, event.ts);
        for (const batch of group) batch.done(ok);
      }
    } finally {
      writing = false;
      wakeIdle();
    }
  }

  const store = (events: Valid[]): Promise<Pending | undefined> =>
    new Promise((resolve) => {
      const batch: Pending = { events, bytes: events.reduce((n, e) => n + e.line.length + 1, 0), accepted: 0, duplicates: 0, done: (ok) => resolve(ok ? batch : undefined) };
      queue.push(batch);
      if (!writing) void drain();
    });

  return {
    store,
    async settled() {
      while (writing || queue.length) await idle;
    },
  };
}
