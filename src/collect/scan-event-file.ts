import { open } from 'node:fs/promises';
/** Where a scan puts each event's id and `ts`: a {@link SeenIds}, or anything that counts them. */
export interface IdSink {
  add(id: string, ts: number): void;
  /** The id as ASCII bytes `buf[start..end)`, without escapes. */
  addAscii(buf: Uint8Array, start: number, end: number, ts: number): void;
}

/** What a scan of one NDJSON file found. */
export interface ScanResult {
  /** Bytes read. */
  bytes: number;
  /** Non-blank complete lines. */
  lines: number;
  /** Ids added (lines whose `ts` is inside the window). */
  ids: number;
  /** Complete lines with no string `id` and integer `ts` (not events). */
  skipped: number;
  /** Bytes after the last newline: a line whose write was cut short. */
  tornBytes: number;
}

const CHUNK = 4 << 20;
/** Lines longer than this are skipped without being parsed (the collector never writes one: bodies are capped). */
const MAX_LINE = 64 << 20;
const ID_KEY = Buffer.from('"id":"');
const TS_KEY = Buffer.from('"ts":');
/** The head of every line the collector writes: `{"v":1,"type":"…","id":"…","visitorId":"…","ts":…`. */
const HEAD = Buffer.from('{"v":1,"type":"');
const AFTER_TYPE = Buffer.from('","id":"');
const AFTER_ID = Buffer.from('","visitorId":"');
const AFTER_VISITOR = Buffer.from('","ts":');

/**
 * Streams an NDJSON file of events and adds to `seen` the id of every event whose `ts` is at least `since`, in
 * bounded memory (a 4 MiB buffer, more only for a longer line). Lines are read without JSON.parse: those in the
 * collector's own shape byte by byte from their head, others by finding the `id` and `ts` keys (a key cannot occur
 * inside a JSON string, where quotes are escaped); a line with escapes or non-ASCII in its id is parsed.
 * @param path the file
 * @param seen where the ids go
 * @param since the oldest `ts` still accepted (older ids cannot come back as valid events)
 * @example const { tornBytes } = await scanEventFile('events.ndjson', seen, Date.now() - 30 * 86_400_000);
 */
export async function scanEventFile(path: string, seen: IdSink, since: number): Promise<ScanResult> {
  const result: ScanResult = { bytes: 0, lines: 0, ids: 0, skipped: 0, tornBytes: 0 };
  const file = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let len = 0;
    let bufPos = 0; // file offset of buf[0]
    let skipFrom = -1; // file offset where a line longer than MAX_LINE began, while skipping it
    // Where the next `"id":"` / `"ts":` key is at or after the current line (len: none in the buffer; -1: look).
    let idAt = -1;
    let tsAt = -1;

    const slow = (start: number, end: number): void => {
      let event: unknown;
      try {
        event = JSON.parse(buf.toString('utf8', start, end));
      } catch {
        result.skipped++;
        return;
      }
      const { id, ts } = (typeof event === 'object' && event !== null ? event : {}) as { id?: unknown; ts?: unknown };
      if (typeof id !== 'string' || typeof ts !== 'number' || !Number.isInteger(ts)) {
        result.skipped++;
        return;
      }
      if (ts < since) return;
      seen.add(id, ts);
      result.ids++;
    };

    /** Whether `bytes` are at buf[p…]. */
    const at = (p: number, bytes: Buffer): boolean => {
      for (let k = 0; k < bytes.length; k++) if (buf[p + k] !== bytes[k]) return false;
      return true;
    };
    /** The end of a string starting at `p` (its closing quote), or -1 when it has an escape, non-ASCII, or no end before `end`. */
    const plainString = (p: number, end: number): number => {
      for (; p < end; p++) {
        const b = buf[p] ?? 0;
        if (b === 0x22) return p;
        if (b === 0x5c || b >= 0x80) return -1;
      }
      return -1;
    };
    /** A line in the collector's shape, read from its head; false when it is not one. */
    const head = (start: number, end: number): boolean => {
      if (!at(start, HEAD)) return false;
      const typeEnd = plainString(start + HEAD.length, end);
      if (typeEnd < 0 || !at(typeEnd, AFTER_TYPE)) return false;
      const idStart = typeEnd + AFTER_TYPE.length;
      const idEnd = plainString(idStart, end);
      if (idEnd < 0 || !at(idEnd, AFTER_ID)) return false;
      const visitorEnd = plainString(idEnd + AFTER_ID.length, end);
      if (visitorEnd < 0 || !at(visitorEnd, AFTER_VISITOR)) return false;
      let p = visitorEnd + AFTER_VISITOR.length;
      const digits = p;
      let ts = 0;
      for (let b = buf[p] ?? 0; p < end && b >= 0x30 && b <= 0x39; b = buf[++p] ?? 0) ts = ts * 10 + b - 0x30;
      const after = buf[p];
      if (p === digits || p - digits > 15 || (after !== 0x2c && after !== 0x7d)) return false;
      if (ts >= since) {
        seen.addAscii(buf, idStart, idEnd, ts);
        result.ids++;
      }
      return true;
    };

    const line = (start: number, end: number): void => {
      if (end > start && buf[end - 1] === 0x0d) end--; // CRLF
      if (end === start) return;
      result.lines++;
      if (head(start, end)) return;
      if (idAt < start) {
        idAt = buf.indexOf(ID_KEY, start);
        if (idAt < 0 || idAt >= len) idAt = len;
      }
      if (tsAt < start) {
        tsAt = buf.indexOf(TS_KEY, start);
        if (tsAt < 0 || tsAt >= len) tsAt = len;
      }
      if (idAt >= end || tsAt >= end) { slow(start, end); return; }
      const idStart = idAt + ID_KEY.length;
      let idEnd = idStart;
      for (let b = buf[idEnd]; idEnd < end && b !== 0x22; b = buf[++idEnd]) {
        if (b === 0x5c || (b ?? 0) >= 0x80) { slow(start, end); return; } // an escape or non-ASCII: let JSON.parse decode it
      }
      let p = tsAt + TS_KEY.length;
      let ts = 0;
      const digits = p;
      for (let b = buf[p] ?? 0; p < end && b >= 0x30 && b <= 0x39; b = buf[++p] ?? 0) ts = ts * 10 + b - 0x30;
      const after = buf[p];
      if (idEnd >= end || p === digits || p - digits > 15 || (after !== 0x2c && after !== 0x7d)) { slow(start, end); return; }
      if (ts < since) return;
      seen.addAscii(buf, idStart, idEnd, ts);
      result.ids++;
    };

    for (let position = 0; ; ) {
      const { bytesRead } = await file.read(buf, len, buf.length - len, position);
      position += bytesRead;
      result.bytes += bytesRead;
      len += bytesRead;
      let start = 0;
      if (skipFrom >= 0) {
        const nl = buf.indexOf(0x0a);
        if (nl < 0 || nl >= len) {
          if (bytesRead === 0) {
            result.tornBytes = position - skipFrom;
            break;
          }
          bufPos += len;
          len = 0;
          continue;
        }
        skipFrom = -1;
        result.lines++;
        result.skipped++;
        start = nl + 1;
      }
      for (let nl = buf.indexOf(0x0a, start); nl >= 0 && nl < len; nl = buf.indexOf(0x0a, start)) {
        line(start, nl);
        start = nl + 1;
      }
      if (bytesRead === 0) {
        result.tornBytes = len - start;
        break;
      }
      if (start === 0 && len === buf.length) {
        // One line fills the buffer: make room for it, or skip it when it is absurdly long.
        if (buf.length >= MAX_LINE) {
          skipFrom = bufPos;
          bufPos += len;
          len = 0;
        } else {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, len);
          buf = bigger;
        }
      } else {
        buf.copy(buf, 0, start, len);
        bufPos += start;
        len -= start;
      }
      idAt = -1;
      tsAt = -1;
    }
  } finally {
    await file.close();
  }
  return result;
}
