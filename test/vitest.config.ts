import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests whose assertions depend on when the browser paints or on a wall-clock cap (the flicker probe's frames,
 * the 300 ms streaming and config-url caps, layout shifts, a style applied before the config arrives). They run last,
 * one file at a time and alone, so no other test file competes with Chromium for the CPU while they measure.
 */
const E2E_TIMING = ['flicker', 'loading-edges', 'fail-safe', 'layout-shift', 'csp'].map((name) => `test/e2e/${name}.e2e.test.ts`);

/**
 * jsdom tests whose subject keeps state in the page or in module scope across tests: the widget's custom elements (a
 * registry that cannot be reset), Candor's IndexedDB store and event queue (fake-indexeddb), the widget's loader, the
 * slot watcher (it observes the document as the parser fills it).
 * Each runs in a fresh page; the other jsdom tests share one.
 */
const UNIT_ISOLATED = ['test/unit/widget/**/*.test.ts', 'test/unit/dom/watch-slots.test.ts', 'test/unit/script/widget-entry.test.ts', 'test/unit/events/**/*.test.ts', 'test/unit/storage/forget-all.test.ts', 'test/unit/storage/candor-store.test.ts'];

export default defineConfig({
  test: {
    // Three test files at a time even on 2 cores (vitest's default there is 1): much of the suite waits (on Chromium, on
    // the collector's 10 s timeouts, on child processes), and the other files use that time. With the browser tests on
    // chromium-headless-shell the suite is no longer bound by Chromium's CPU, and a third file fills the waits: vitest
    // alone 325 s with 3, 356 s with 2 (one run each, 2026-12-02, on a 2-core machine shared with a DuckDB bench). (With
    // the full chromium, 3 was slower than 2.)
    maxWorkers: Math.max(3, availableParallelism() - 1),
    projects: [
      {
        test: {
          // The pure core (src/core) touches no DOM, so its tests need no jsdom: it costs about a second per file.
          name: 'unit-core',
          // One module graph per worker for all of this project's files, not one per file: 34 CPU-seconds isolated, 20
          // shared. The core's only module-level state is caches keyed by the config or signals object they were made
          // from. (The jsdom tests whose subject keeps page state stay isolated: see UNIT_ISOLATED.)
          isolate: false,
          include: ['test/unit/core/**/*.test.ts'],
          environment: 'node',
          // Property tests over 10^4–10^5 visitors take a few seconds; a busy CI machine must not turn them into failures.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          // The browser edges in jsdom, one page (window, document) per worker for all of these files: jsdom's set-up
          // was most of this project's CPU (its tests take about 4 s in all). Files whose module-level state is the
          // page's (the widget's custom elements, the IndexedDB queue and store) run in the isolated project below.
          name: 'unit',
          isolate: false,
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/core/**', ...UNIT_ISOLATED],
          environment: 'jsdom',
          setupFiles: ['test/setup/unit.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'unit-isolated',
          include: UNIT_ISOLATED,
          environment: 'jsdom',
          setupFiles: ['test/setup/unit.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'node',
          // As for unit-core: 145 CPU-seconds isolated, 113 shared (the report, the collector and the CLI keep no state
          // between calls but caches, e.g. the DuckDB module once loaded).
          isolate: false,
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // Checks of what `npm run build` wrote and of the docs: sizes, the script tag's split, the built example
          // site, the package's file list, the README's figures and links. They read dist/ and build nothing.
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // Real Chromium, one browser per file; assertions on behaviour and events, with waits on conditions, so
          // they run next to other test files.
          name: 'e2e',
          // One module graph per worker (playwright-core and the harness loaded once, not per file): 190 -> 177
          // CPU-seconds for both browser projects. Each file still launches its own browser and servers.
          isolate: false,
          include: ['test/e2e/**/*.e2e.test.ts'],
          exclude: E2E_TIMING,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Timing-sensitive browser tests (see E2E_TIMING): file parallelism off puts them in vitest's sequential
          // group, which runs after every other file has finished.
          name: 'e2e-timing',
          include: E2E_TIMING,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
