// @ts-check
/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`, for bench/browser.js: no Playwright, so no
 * protocol domain is enabled unless the bench asks for it (Playwright enables Network, Runtime and more on every page,
 * and its network instrumentation makes V8 collect stacks, which costs the page CPU time).
 *
 * Chromium reads commands from file descriptor 3 and writes replies and events to file descriptor 4, one JSON message
 * each, ended by a NUL byte.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One CDP connection: `send` a command (to the browser, or to a page's session), `on` an event.
 * @typedef {object} Cdp
 * @property {(method: string, params?: object, sessionId?: string) => Promise<any>} send
 * @property {(listener: (method: string, params: any, sessionId: string | undefined) => void) => () => void} on
 *   calls the listener for every event; returns a function that removes it
 * @property {() => Promise<void>} close closes the browser and removes its profile
 */

/**
 * Launches headless Chromium and connects to it over the pipe.
 * @param {string} executable
 * @param {string[]} [extraArgs]
 * @returns {Promise<Cdp>}
 */
export async function launchCdp(executable, extraArgs = []) {
  const profile = mkdtempSync(join(tmpdir(), 'candor-bench-'));
  const child = spawn(
    executable,
    [
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-extensions',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-breakpad',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      '--mute-audio',
      ...extraArgs,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  const toBrowser = /** @type {import('node:stream').Writable} */ (child.stdio[3]);
  const fromBrowser = /** @type {import('node:stream').Readable} */ (child.stdio[4]);

  let nextId = 1;
  /** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void, method: string }>} */
  const pending = new Map();
  /** @type {Set<(method: string, params: any, sessionId: string | undefined) => void>} */
  const listeners = new Set();
  /** @type {Buffer[]} */
  let chunks = [];
  fromBrowser.on('data', (/** @type {Buffer} */ data) => {
    let start = 0;
    for (let end = data.indexOf(0); end >= 0; end = data.indexOf(0, start)) {
      chunks.push(data.subarray(start, end));
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      chunks = [];
      start = end + 1;
      if (typeof message.id === 'number') {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (!p) continue;
        if (message.error) p.reject(new Error(`CDP ${p.method}: ${message.error.message}`));
        else p.resolve(message.result);
      } else {
        for (const l of listeners) l(message.method, message.params, message.sessionId);
      }
    }
    if (start < data.length) chunks.push(data.subarray(start));
  });
  const exited = new Promise((resolve) => {
    child.on('exit', () => {
      for (const p of pending.values()) p.reject(new Error(`Chromium exited while waiting for ${p.method}:\n${stderr}`));
      pending.clear();
      resolve(undefined);
    });
  });

  /** @type {Cdp} */
  const cdp = {
    send(method, params = {}, sessionId) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        toBrowser.write(JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params }) + '\0');
      });
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      try {
        await Promise.race([cdp.send('Browser.close'), exited]);
      } catch {
        child.kill();
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    },
  };
  // The pipe is ready once Chromium answers.
  await cdp.send('Browser.getVersion');
  return cdp;
}

/**
 * Waits for one event (optionally of one session) that satisfies `test`.
 * @param {Cdp} cdp
 * @param {string} method
 * @param {string | undefined} sessionId
 * @param {number} timeoutMs
 * @param {(params: any) => boolean} [test]
 * @returns {Promise<any>}
 */
export function waitForEvent(cdp, method, sessionId, timeoutMs, test = () => true) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${String(timeoutMs)} ms waiting for ${method}`));
    }, timeoutMs);
    const off = cdp.on((m, params, s) => {
      if (m === method && (sessionId === undefined || s === sessionId) && test(params)) {
        clearTimeout(timer);
        off();
        resolve(params);
      }
    });
  });
}
