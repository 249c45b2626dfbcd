import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer } from './server.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

it('serves the built script tag file to a real Chromium', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${server.origin}/dist/candor.min.js`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toContain('javascript');
  await page.close();
});
