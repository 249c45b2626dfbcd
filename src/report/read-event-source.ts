/** The event sources `candor report` reads: files (plain or gzip), stdin, streams, split into lines. */

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Where events come from: a file path (`.gz` or gzip bytes are un-gzipped), `-` for stdin, or a readable stream. */
export type EventSource = string | Readable;

async function isGzipFile(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await file.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await file.close();
  }
}

/**
 * Reads the lines of one source (NDJSON, plain or gzip) into `addLine`, without the newlines; the last line needs none.
 * Rejects when the source cannot be read (missing file, broken gzip).
 * @example await readEventSource('events.ndjson.gz', aggregator.addLine)
 */
export async function readEventSource(source: EventSource, addLine: (line: string) => void): Promise<void> {
  let stream: Readable;
  if (typeof source === 'string' && source !== '-') {
    const gzip = source.endsWith('.gz') || (await isGzipFile(source)); // also rejects a missing file before any stream exists
    const raw = createReadStream(source, { highWaterMark: 1 << 20 });
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: 1 << 20 });
      raw.on('error', (err) => gunzip.destroy(err));
      stream = raw.pipe(gunzip);
    } else stream = raw;
  } else stream = source === '-' ? process.stdin : source;
  stream.setEncoding('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest === '' ? chunk : rest + chunk;
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      addLine(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = start === 0 ? text : text.slice(start);
  }
  if (rest !== '') addLine(rest);
}
