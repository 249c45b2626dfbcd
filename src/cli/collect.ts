import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COLLECTOR_LIMITS, createCollector, SERVER_LIMITS } from '../collect/create-collector.js';
import { argumentProblem } from './argument-problem.js';

const USAGE = `Usage: candor collect [--port 8787] [--host 127.0.0.1] [--out events.ndjson] [--max-file-mb 256]

Receives Candor events on POST /collect, validates them against the events schema,
drops duplicate ids and appends the rest to an NDJSON file (one event per line).
The file is set aside as events.YYYY-MM-DD.ndjson on a new UTC day or at --max-file-mb;
"candor report" reads them all from the directory.
Point the loader at it with data-sink="http://HOST:PORT/collect" (same origin, or behind your proxy).
Limits (body size, events per body, timeouts, the ts window): docs/events.md#limits.`;

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
  let values: { port?: string; host?: string; out?: string; 'max-file-mb'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' }, out: { type: 'string' }, 'max-file-mb': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    err(`candor collect: ${argumentProblem(error, ['port', 'host', 'out', 'max-file-mb', 'help'])}\n\n${USAGE}`);
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
  const maxFileMb = Number(values['max-file-mb'] ?? COLLECTOR_LIMITS.maxFileBytes / (1 << 20));
  if (!(maxFileMb >= 1)) {
    err(`candor collect: --max-file-mb must be a number of megabytes, at least 1, not "${values['max-file-mb'] ?? ''}".\n\n${USAGE}`);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  const out = resolve(values.out ?? 'events.ndjson');
  const collector = createCollector({
    out,
    limits: { maxFileBytes: Math.round(maxFileMb * (1 << 20)) },
    log: (line) => err(`candor collect: ${line}`),
    onBatch: (b) => {
      log(`${new Date().toISOString()}  +${b.accepted} stored, ${b.duplicates} duplicate, ${b.invalid} invalid` + (b.problems.length ? `: ${b.problems.slice(0, 3).join('; ')}` : ''));
    },
  });
  try {
    const found = await collector.ready();
    if (found.lines) log(`Read back ${found.ids} ids of the last ${COLLECTOR_LIMITS.maxAgeDays} days from ${found.files} file${found.files == 1 ? '' : 's'} (${(found.bytes / 1e6).toFixed(1)} MB) in ${(found.ms / 1000).toFixed(1)} s.`);
  } catch (error) {
    err(`candor collect: --out ${values.out ?? 'events.ndjson'}: ${(error as Error).message}.`);
    return 2;
  }
  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    void collector.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404, { 'content-type': 'text/plain' }).end('Candor collector: POST events to /collect\n');
    });
  });
  server.maxConnections = SERVER_LIMITS.maxConnections;
  server.headersTimeout = SERVER_LIMITS.headersTimeoutMs;
  server.requestTimeout = SERVER_LIMITS.requestTimeoutMs;
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeoutMs;
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
