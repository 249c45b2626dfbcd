/**
 * A real PostgreSQL for the tests, on a loopback port. `.ci/run` starts one and exports CANDOR_PG_PORT; without it
 * (a developer's machine), this starts its own from Debian's packages (`apt-get install postgresql`) in a temporary
 * directory, as the `postgres` user when run as root, and stops it again at the end.
 * Statements go through `psql --csv`, so the results take the same path as a results file a user saves.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../../../src/report/sql/parse-results.js';
import type { ResultRow } from '../../../src/report/sql/aggregate-from-rows.js';

/** A running PostgreSQL and how to talk to it. */
export interface Postgres {
  port: number;
  /** Runs a script (statements separated by `;`, psql meta-commands allowed) whose only query's rows it returns. */
  run(sql: string): ResultRow[];
  /** Runs a setup script, then each query, in one psql session: the rows of each query. */
  runQueries(setup: string, queries: readonly string[]): ResultRow[][];
  /** Stops the server if this process started it. */
  stop(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const latest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (latest === undefined) throw new Error('PostgreSQL is not installed: run "apt-get install postgresql" (Debian), or set CANDOR_PG_PORT to a running server (user postgres, trust auth on 127.0.0.1).');
  return join(root, latest, 'bin');
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

function check(result: ReturnType<typeof spawnSync>, what: string): string {
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${what} failed (${String(result.status)}): ${String(result.stderr)}${String(result.stdout)}`);
  return String(result.stdout);
}

const reachable = (port: number): boolean =>
  spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-c', 'SELECT 1'], { encoding: 'utf8', timeout: 10_000 }).status === 0;

/**
 * The server from CANDOR_PG_PORT when it answers, else a new one in a temporary directory.
 * @example const pg = await startPostgres(); pg.run('SELECT 1 AS one'); pg.stop();
 */
export async function startPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-pg-'));
  let stopCommand: (() => void) | undefined;
  const fromEnv = Number(process.env.CANDOR_PG_PORT);
  let port: number;
  if (Number.isInteger(fromEnv) && fromEnv > 0 && reachable(fromEnv)) port = fromEnv;
  else {
    const bin = binDir();
    port = await freePort();
    const asRoot = userInfo().uid === 0;
    const data = join(dir, 'data');
    if (asRoot) chownSync(dir, Number(check(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }), 'id -u postgres').trim()), Number(check(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }), 'id -g postgres').trim()));
    const as = (cmd: string, args: string[]) => (asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' }));
    // A linguistic default collation (ICU en-US: "alpha" < "Zed"), so the query's binary comparisons are put to the test.
    check(as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--locale-provider=icu', '--icu-locale=en-US', '--no-sync']), 'initdb');
    const options = `-p ${String(port)} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    check(as(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']), 'pg_ctl start');
    stopCommand = () => void as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  }
  let n = 0;
  const psql = (sql: string): string => {
    const file = join(dir, `q${String(n++)}.sql`);
    writeFileSync(file, sql);
    const args = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '--csv', '-f', file];
    return check(spawnSync('psql', args, { encoding: 'utf8', maxBuffer: 1 << 28 }), 'psql');
  };
  const SPLIT = '@@candor-next-result@@';
  return {
    port,
    run: (sql) => parseCsv(psql(sql)),
    runQueries: (setup, queries) =>
      psql(`${setup}\n${queries.map((q) => `${q.trim().replace(/;$/, '')};\n\\echo ${SPLIT}`).join('\n')}\n`)
        .split(`${SPLIT}\n`)
        .slice(0, queries.length)
        .map(parseCsv),
    stop() {
      stopCommand?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
