import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCollector } from '../collect/create-collector.js';

const USAGE = `Usage: candor collect [--port 8787] [--host 127.0.0.1] [--out events.ndjson]

Receives Candor events on POST /collect, validates them against the events schema,
drops duplicate ids and appends the rest to an NDJSON file (one event per line).
Point the loader at it with data-sink="http://HOST:PORT/collect" (same origin, or behind your proxy).`;

/** Test and embedding hooks of {@link run}. */
export interface CollectRunOptions {
  /** Stops the server; `run` then resolves 0. Default: SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /** Where progress lines are printed. Default stdout. */
  log?: (line: string) => void;
  /** Where problems are printed. Default stderr. */
  err?: (line: string) => void;
}

/**
 * `candor collect`: the reference collector on a local port. Prints where events land and a line per batch.
 * Resolves with the exit code when stopped (Ctrl-C): 0, or 2 for bad arguments, 1 when the port is taken.
 * @param args the arguments after `collect`
 * @example await run(['--port', '8787', '--out', 'events.ndjson'])
 */
export async function run(
  args: string[],
  { signal, log = (s) => process.stdout.write(`${s}\n`), err = (s) => process.stderr.write(`${s}\n`) }: CollectRunOptions = {},
): Promise<number> {
  let values: { port?: string; host?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    err(`candor collect: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const port = Number(values.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err(`candor collect: --port must be a whole number from 0 to 65535, not "${values.port ?? ''}".\n\n${USAGE}`);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  const out = resolve(values.out ?? 'events.ndjson');
  const collector = createCollector({
    out,
    onBatch: (b) => {
      log(`${new Date().toISOString()}  +${b.accepted} stored, ${b.duplicates} duplicate, ${b.invalid} invalid` + (b.problems.length ? `: ${b.problems.slice(0, 3).join('; ')}` : ''));
    },
  });
  const server = createServer((req, res) => {
    collector.handle(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { 'content-type': 'text/plain' }).end('Candor collector: POST events to /collect\n');
      },
      () => res.writeHead(500).end(),
    );
  });
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, host, ok);
    });
  } catch (error) {
    err(`candor collect: cannot listen on ${host}:${port} (${(error as Error).message}); pick another --port.`);
    return 1;
  }
  const address = server.address();
  const actual = typeof address == 'object' && address ? address.port : port;
  log(`Candor collector listening on http://${host}:${actual}/collect\nAppending events to ${out}\nPress Ctrl-C to stop.`);
  await new Promise<void>((done) => {
    const stop = () => {
      done();
    };
    if (signal) signal.addEventListener('abort', stop, { once: true });
    else {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
    if (signal?.aborted) stop();
  });
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await collector.close();
  const { accepted, duplicates, invalid } = collector.stats();
  log(`Stopped: ${accepted} stored, ${duplicates} duplicates dropped, ${invalid} invalid.`);
  return 0;
}
