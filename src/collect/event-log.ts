import { open, readdir, rename, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { scanEventFile } from './scan-event-file.js';
import type { SeenIds } from './seen-ids.js';

const DAY_MS = 86_400_000;

/** Options of {@link openEventLog}. */
export interface EventLogOptions {
  /** The file being appended to. Finished files sit beside it as `<name>.<YYYY-MM-DD>[.<n>].<ext>`. */
  out: string;
  /** The live file is set aside once it holds this many bytes, or once a write falls on a new UTC day. */
  maxFileBytes: number;
  /** Ids of events with `ts` at or after this are read back into `seen`; files last written before it (less `slackMs`) are not read. */
  since: number;
  /** How far after arrival an accepted `ts` may lie: a file last written at `since - slackMs` can still hold one. */
  slackMs: number;
  /** The clock. */
  now: () => number;
  /** Where start-up repairs and rotation problems are told. */
  log: (line: string) => void;
}

/** What start-up found. */
export interface StartupReport {
  /** Files read back (the live file and the recent finished ones). */
  files: number;
  bytes: number;
  lines: number;
  /** Ids now known (of events inside the window). */
  ids: number;
  /** Lines that are not events. */
  skipped: number;
  /** Bytes cut from the end of the live file: a line whose write was interrupted (never acknowledged). */
  cutBytes: number;
  ms: number;
}

/** An append-only NDJSON file that is never left with a partial line by a failed write. */
export interface EventLog {
  /**
   * Appends whole lines with one write and resolves once they are on disk (fdatasync). When anything fails (a full
   * disk, a file size limit), the bytes already written are cut off again and it rejects: the file ends on a complete
   * line, so the next append cannot be merged into a torn one.
   */
  append(lines: Buffer): Promise<void>;
  /** Closes the file (a later append opens it again). */
  close(): Promise<void>;
}

const isoDay = (ms: number): string => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `events.ndjson` → `["events", ".ndjson"]`. */
function splitName(out: string): [stem: string, ext: string] {
  const name = basename(out);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/**
 * The finished files that belong to `out`, by their names: `events.2026-12-01.ndjson`, `events.2026-12-01.2.ndjson`.
 * @example await finishedFiles('data/events.ndjson') // ['data/events.2026-11-30.ndjson', …]
 */
export async function finishedFiles(out: string): Promise<string[]> {
  const [stem, ext] = splitName(out);
  const pattern = new RegExp(`^${escapeRegExp(stem)}\\.\\d{4}-\\d{2}-\\d{2}(\\.\\d+)?${escapeRegExp(ext)}$`);
  const dir = dirname(out);
  return (await readdir(dir)).filter((name) => pattern.test(name)).map((name) => join(dir, name));
}

/**
 * Opens (creating it if needed) the live file of a collector, cuts a torn last line left by an interrupted write
 * (and logs how many bytes), and streams the live file and every finished file written in the window to put their
 * ids in `seen`. Rejects with a message that says what to do when `out` cannot be written.
 * @example const { log, report } = await openEventLog({ out: 'events.ndjson', maxFileBytes: 256 << 20, since, slackMs, now: Date.now, log: console.log }, seen);
 */
export async function openEventLog(options: EventLogOptions, seen: SeenIds): Promise<{ log: EventLog; report: StartupReport }> {
  const { out, maxFileBytes, since, slackMs, now } = options;
  const started = now();
  let file: FileHandle;
  try {
    file = await open(out, 'a');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `the directory ${dirname(out)} does not exist; create it or pick another path`
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied; pick a path this user may write'
          : code === 'EISDIR'
            ? 'it is a directory; name a file in it, like ' + join(out, 'events.ndjson')
            : `${(error as Error).message}; pick another path`;
    throw new Error(`cannot write ${out}: ${why}`, { cause: error });
  }
  const report: StartupReport = { files: 1, bytes: 0, lines: 0, ids: 0, skipped: 0, cutBytes: 0, ms: 0 };
  const add = (r: Awaited<ReturnType<typeof scanEventFile>>): void => {
    report.bytes += r.bytes;
    report.lines += r.lines;
    report.ids += r.ids;
    report.skipped += r.skipped;
  };
  let size: number;
  let liveDay: number;
  try {
    const files = [out];
    for (const path of await finishedFiles(out)) if ((await stat(path)).mtimeMs >= since - slackMs) files.push(path);
    report.files = files.length;
    // Two passes: the first counts the ids of each day (and finds a torn last line), so that the second puts them in
    // tables allocated once at their size.
    const perDay = new Map<number, number>();
    let lastDay = NaN;
    let lastCount = 0; // lines come mostly in order of time: count a run of one day before touching the map
    const count = (_id: unknown, ts: number): void => {
      const day = Math.floor(ts / DAY_MS);
      if (day === lastDay) lastCount++;
      else {
        if (lastCount) perDay.set(lastDay, (perDay.get(lastDay) ?? 0) + lastCount);
        lastDay = day;
        lastCount = 1;
      }
    };
    const counter = { add: count, addAscii: (_b: Uint8Array, _s: number, _e: number, ts: number) => { count(undefined, ts); } };
    for (const path of files) {
      const counted = await scanEventFile(path, counter, since);
      if (path !== out || counted.tornBytes === 0) continue;
      await file.truncate(counted.bytes - counted.tornBytes);
      report.cutBytes = counted.tornBytes;
      options.log(`cut ${counted.tornBytes} bytes from the end of ${out}: a line whose write was interrupted (it was never acknowledged, so its sender retries it).`);
    }
    if (lastCount) perDay.set(lastDay, (perDay.get(lastDay) ?? 0) + lastCount);
    for (const [day, ids] of perDay) seen.reserve(day * DAY_MS, ids);
    size = 0;
    const load = { add: (id: string, ts: number) => { seen.add(id, ts); }, addAscii: (b: Uint8Array, s: number, e: number, ts: number) => { seen.loadAscii(b, s, e, ts); } };
    for (const path of files) {
      const scan = await scanEventFile(path, load, since);
      add(scan);
      if (path === out) size = scan.bytes;
    }
    liveDay = Math.floor((size > 0 ? (await file.stat()).mtimeMs : now()) / DAY_MS);
  } catch (error) {
    await file.close();
    throw new Error(`cannot read back ${out}: ${(error as Error).message}`, { cause: error });
  }
  report.ms = now() - started;

  /** A name for the finished live file that is not taken yet. */
  const finishedName = async (): Promise<string> => {
    const [stem, ext] = splitName(out);
    const taken = new Set((await finishedFiles(out)).map((p) => basename(p)));
    const day = isoDay(liveDay * DAY_MS);
    let name = `${stem}.${day}${ext}`;
    for (let n = 2; taken.has(name); n++) name = `${stem}.${day}.${n}${ext}`;
    return join(dirname(out), name);
  };

  let rotationProblem = '';
  /** The live file, open; reopened after close() or a failed rotation. */
  let handle: FileHandle | undefined = file;
  const live = async (): Promise<FileHandle> => {
    if (!handle) {
      handle = await open(out, 'a');
      size = (await handle.stat()).size;
    }
    return handle;
  };
  const rotate = async (): Promise<void> => {
    const target = await finishedName();
    await handle?.close();
    handle = undefined;
    try {
      await rename(out, target);
      rotationProblem = '';
    } catch (error) {
      const problem = (error as Error).message;
      if (problem !== rotationProblem) options.log(`could not set ${out} aside as ${target} (${problem}); appending to it meanwhile.`);
      rotationProblem = problem;
    }
    await live();
    liveDay = Math.floor(now() / DAY_MS);
  };

  /** Set when a failed write could not be cut off: the next append cuts it first, or fails. */
  let dirty = false;
  const log: EventLog = {
    async append(lines) {
      let f = await live();
      if (dirty) {
        await f.truncate(size);
        dirty = false;
      }
      const today = Math.floor(now() / DAY_MS);
      if (size > 0 && (today !== liveDay || size + lines.length > maxFileBytes)) {
        await rotate();
        f = await live();
      }
      try {
        for (let offset = 0; offset < lines.length; ) {
          const { bytesWritten } = await f.write(lines, offset, lines.length - offset);
          if (bytesWritten <= 0) throw new Error('the disk took no bytes');
          offset += bytesWritten;
        }
        await f.datasync();
      } catch (error) {
        dirty = true;
        try {
          await f.truncate(size);
          dirty = false;
        } catch {
          // Retried before the next write.
        }
        throw error;
      }
      size += lines.length;
      liveDay = today;
    },
    async close() {
      const f = handle;
      handle = undefined;
      await f?.close();
    },
  };
  return { log, report };
}
