// @ts-check
/**
 * Coverage sweep of `candor report` on the `journeys` scenario (visitors who enter audiences over time): not a test,
 * it prints figures and asserts nothing. test/node/simulate/journeys.test.ts guards the same properties in CI with
 * 40 replications of 8,000 visitors.
 *
 *   node bench/coverage.js [--replications 300] [--visitors 20000] [--seed 1]
 *
 * Each replication simulates the scenario (h = 5 %, c = 20 %, ε = 20 %, 30 % of visitors answer the prompt), aggregates
 * and analyzes it, and checks every answer's 95 % interval against the exact truth of what it estimates (see
 * test/node/simulate/journey-coverage.ts): coverage (target 93–97 %), the interval the report shows (always-valid for
 * Q0–Q2, so wider on purpose), and the mean error over replications in standard errors (|error / SE| < 3: unbiased).
 * A second table reads Q1 the wrong way, every visitor from their first exposure, to show what the decision record
 * fixes. No build needed: the TypeScript sources are loaded through vitest's Vite server, as the tests load them.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createViteServer } from 'vitest/node';

const { values } = parseArgs({ options: { replications: { type: 'string' }, visitors: { type: 'string' }, seed: { type: 'string' } } });
const replications = Number(values.replications ?? 300);
const visitors = Number(values.visitors ?? 20_000);
const seed = Number(values.seed ?? 1);

const server = await createViteServer({
  root: fileURLToPath(new URL('..', import.meta.url)),
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, watch: null, hmr: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  /** @type {typeof import('../test/node/simulate/journey-coverage.js')} */
  const lib = /** @type {any} */ (await server.ssrLoadModule('/test/node/simulate/journey-coverage.ts'));
  const started = performance.now();
  const result = lib.journeySweep({ replications, visitors, seed });
  const seconds = (performance.now() - started) / 1000;
  console.log(`journeys: ${String(replications)} replications of ${visitors.toLocaleString('en-US')} visitors, seeds ${String(seed)}…${String(seed + replications - 1)}, ${seconds.toFixed(0)} s\n`);
  console.log(lib.sweepTable(result.quantities));
  console.log('\nPooled coverage by kind:');
  for (const group of /** @type {const} */ (['arms', 'fixed policy', 'learned policy'])) {
    const qs = result.quantities.filter((q) => q.group === group);
    const reps = qs.reduce((t, q) => t + q.reps, 0);
    const pooled = qs.reduce((t, q) => t + q.coverage * q.reps, 0) / reps;
    const range = qs.map((q) => q.coverage);
    console.log(`  ${group.padEnd(15)} ${(pooled * 100).toFixed(1)}% (${String(qs.length)} quantities, ${(Math.min(...range) * 100).toFixed(1)}–${(Math.max(...range) * 100).toFixed(1)}%)`);
  }
  console.log('\nQ1 read from every visitor\'s first exposure (the wrong reading):');
  console.log(lib.sweepTable(result.firstExposure));
} finally {
  await server.close();
}
