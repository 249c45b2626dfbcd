/**
 * The example site keeps its config in one file, examples/marketing-site/candor.config.json (the file `candor check`,
 * `candor report --config` and the demo read), and `npm run build` (examples/build.js) stamps it (`candor check
 * --stamp`) and inlines it into every page under dist/examples/marketing-site/, which is what the demo and the browser
 * tests serve. Reads the built pages;
 * builds nothing (`npm test` builds first).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineConfig } from '../../examples/build.js';
import { configStamp } from '../../src/core/config/config-stamp.js';

const SOURCE = 'examples/marketing-site/';
const BUILT = 'dist/examples/marketing-site/';
const BLOCK = /<script type="application\/json" id="candor-config">\n([\s\S]*?)\n {2}<\/script>/;

const configText = readFileSync(`${SOURCE}candor.config.json`, 'utf8').trim();
const pages = readdirSync(SOURCE).filter((f) => f.endsWith('.html'));

describe('the marketing site, built from one config', () => {
  it('has its pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(7);
  });

  it.each(pages)('%s: the source names the config file and carries no copy of it', (page) => {
    const html = readFileSync(SOURCE + page, 'utf8');
    expect(html).toContain('<script type="application/json" id="candor-config" data-inline="candor.config.json"></script>');
    expect(html).not.toContain('"salt"');
  });

  it.each(pages)('%s: the built page carries candor.config.json as it is now, stamped for the built script tag', (page) => {
    const built = readFileSync(BUILT + page, 'utf8');
    const block = BLOCK.exec(built)?.[1];
    const build = /\bbuild:"([0-9a-f]+)"/.exec(readFileSync('dist/candor.min.js', 'utf8'))?.[1] ?? '';
    const config = JSON.parse(configText) as object;
    expect(JSON.parse(block ?? '{}'), `${BUILT}${page} has no config block or an old one: run \`npm run build\``).toEqual({ ...config, checked: configStamp(build, config) });
    // Apart from the block, the built page is the source page.
    expect(built.replace(BLOCK, 'CONFIG')).toBe(readFileSync(SOURCE + page, 'utf8').replace(/<script type="application\/json" id="candor-config" data-inline="candor.config.json"><\/script>/, 'CONFIG'));
  });

  it('a config that contains "</script>" or "<!--" cannot end the block early, and reads back the same', () => {
    const config = { v: 1, note: 'a </script><script>alert(1)</script> and <!-- comment' };
    const html = inlineConfig('<script type="application/json" id="candor-config" data-inline="c.json"></script>', () => JSON.stringify(config));
    const body = /<script type="application\/json" id="candor-config">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(body).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(body)).toEqual(config);
  });

  it('a config file that is not JSON fails the build', () => {
    expect(() => inlineConfig('<script type="application/json" id="candor-config" data-inline="c.json"></script>', () => '{ "v": 1,')).toThrow();
  });
});
