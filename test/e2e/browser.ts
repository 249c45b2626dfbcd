import { execSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` if set; else Debian's `chromium-headless-shell`, Chromium's
 * own headless browser built from the same source and version as Debian's `chromium` (the same Blink, V8 and network
 * stack; Playwright runs it for headless tests too); else `chromium` (or `chromium-browser`) on PATH.
 *
 * Why the shell first: the full browser in headless mode costs about 3× the CPU for the same tests (all browser test
 * files, measured per process tree on 2026-12-02: 653 CPU-seconds with `chromium`, 217 with the shell; a new context
 * and page about 4×), and the suite is CPU-bound on 2 cores. Run them on the full browser with
 * `CHROMIUM_PATH=$(command -v chromium) npm test`. `npm run bench` measures page cost on `chromium`, as visitors run it.
 */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execSync('command -v chromium-headless-shell || command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim();
}

/** Launches headless Chromium with the flags this workplace's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
