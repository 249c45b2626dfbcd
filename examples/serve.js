// @ts-check
/**
 * `npm run demo`: serves the built SDK and both examples on localhost, collects their events, and prints links
 * that show each audience. Uses the same server as the browser tests (test/e2e/server.js).
 * PORT overrides the port (default 5173).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../test/e2e/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const out = '.candor-demo/events.ndjson';

/** The reference collector (src/collect) when the build ships it as dist/collect.js; otherwise events stay in memory. */
/** @type {{ handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<boolean> } | undefined} */
let collector;
const built = new URL('../dist/collect.js', import.meta.url);
await mkdir(root + '.candor-demo', { recursive: true });
if (existsSync(built)) {
  try {
    const mod = /** @type {{ createCollector?: (o: { out: string }) => NonNullable<typeof collector> }} */ (await import(built.href));
    if (typeof mod.createCollector === 'function') {
      collector = mod.createCollector({ out: root + out });
    }
  } catch {
    collector = undefined;
  }
}

/**
 * A full report in seconds, from simulated traffic whose truth is known (`candor simulate` then `candor report`), served at /report.
 * @returns {boolean} whether the report was made
 */
function simulatedReport() {
  const dir = root + '.candor-demo/';
  const cli = root + 'dist/cli.js';
  try {
    const events = execFileSync(process.execPath, [cli, 'simulate', '--scenario', 'wrong-categories', '--visitors', '150000', '--seed', '1', '--config-out', dir + 'simulated.config.json', '--truth', dir + 'simulated.truth.json'], { maxBuffer: 1 << 30 });
    writeFileSync(dir + 'simulated.ndjson', events);
    execFileSync(process.execPath, [cli, 'report', dir + 'simulated.ndjson', '--config', dir + 'simulated.config.json', '--html', dir + 'report.html'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const reportMade = simulatedReport();


/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
server = await startServer({
  port,
  async handle(req, res, url) {
    if (collector && (await collector.handle(req, res))) return true;
    if (url.pathname === '/report' && reportMade) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await readFile(root + '.candor-demo/report.html'));
      return true;
    }
    if (url.pathname === '/events' && req.method === 'GET') {
      /** @type {unknown[]} */
      let events = server.beacons;
      if (collector) {
        const text = await readFile(root + out, 'utf8').catch(() => '');
        events = text.split('\n').filter(Boolean).map((line) => /** @type {unknown} */ (JSON.parse(line)));
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(events, null, 2));
      return true;
    }
    return false;
  },
}).catch((/** @type {unknown} */ error) => {
  console.error(`Could not start the demo server on port ${port} (${String(error)}). Set PORT to another port: PORT=5174 npm run demo`);
  process.exit(1);
});

const o = server.origin;
const site = `${o}/examples/marketing-site/`;
const lines = [
  '',
  'Candor demo',
  '',
  `  Marketing site (script tag)   ${site}`,
  `  German page                   ${site}de.html   (widget in German)`,
  `  Single-page app (npm module)  ${o}/examples/spa/`,
  `  Events received               ${o}/events  ${collector ? `(also appended to ${out})` : '(in memory)'}`,
  '',
  'Each audience (open in a private window, or use "Forget what this site remembers" between tries):',
  `  Healthcare campaign   ${site}?utm_source=linkedin&utm_medium=paid&utm_campaign=health-2026q4`,
  `  Automotive campaign   ${site}?utm_source=google&utm_medium=cpc&utm_campaign=auto-suppliers`,
  `  Logistics campaign    ${site}?utm_source=newsletter&utm_medium=email&utm_campaign=logistics-week`,
  `  Developers            read ${site}docs.html and ${site}docs-api.html, then go back to ${site}`,
  `  Returning visitor     reload ${site} in a later visit (a new session starts after 30 minutes)`,
  '  (Some visitors land in the holdout, control or exploration arm and see something else on purpose:',
  '   "Why am I seeing this?" says which.)',
  '',
  'QA:',
  `  Force an experience   ${site}?candor=hero:hero-health,cta:cta-dev   (marked forced, never counted)`,
  `  Decision table        ${site}?candor-debug   (console.table in the browser's developer tools)`,
  `  Self-identification   ${site}?candor-ask`,
  `  Strict CSP            ${site}?csp=strict`,
  '',
  reportMade ? `A full report from 150,000 simulated visitors whose truth is known (scenario wrong-categories; the truth is in .candor-demo/simulated.truth.json): ${o}/report` : '',
  'Make your own, from simulated traffic whose truth is known:',
  '  node dist/cli.js simulate --scenario losing-experience --visitors 150000 --config-out .candor-demo/sim.config.json > .candor-demo/sim.ndjson',
  '  node dist/cli.js report .candor-demo/sim.ndjson --config .candor-demo/sim.config.json --html .candor-demo/sim.html',
  collector
    ? `And from what you clicked here (the config the pages run under gives the sample-ratio checks and the names):\n  node dist/cli.js report ${out} --config examples/marketing-site/candor.config.json`
    : 'Events from this demo are kept in memory; see them at /events.',
  '',
  'Ctrl-C stops the server.',
  '',
];
console.log(lines.join('\n'));
