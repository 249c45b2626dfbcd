// @ts-check
/**
 * Builds the example site: copies `examples/marketing-site/` to `dist/examples/marketing-site/`, stamps its
 * `candor.config.json` with `candor check --stamp` (a site's build step: the browser then neither validates it again
 * nor fetches the validator), and inlines the stamped config into every page's
 * `<script type="application/json" id="candor-config" data-inline="…">`, so the config lives in one file and each
 * built page still carries it (no request, fine under a strict CSP).
 * `npm run build` runs it (and so `npm run demo`); test/e2e/server.js serves the built pages at `/examples/marketing-site/`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A config block waiting for its file: `<script type="application/json" id="candor-config" data-inline="file.json"></script>`. */
const PLACEHOLDER = /<script type="application\/json" id="candor-config" data-inline="([^"]+)"><\/script>/g;

/**
 * JSON text that cannot end the script element or open a comment in it (`</script`, `<!--`), escaped the JSON way.
 * @param {string} json
 */
function scriptSafe(json) {
  return json.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\u003c!--');
}

/**
 * Inlines each placeholder's file (relative to the page's directory) into the page.
 * @param {string} html the page source
 * @param {(file: string) => string} read reads a file named by a placeholder
 * @returns {string} the page with every config block filled
 */
export function inlineConfig(html, read) {
  return html.replace(PLACEHOLDER, (_, /** @type {string} */ file) => {
    const text = read(file).trim();
    JSON.parse(text); // a broken config file fails the build, not the visitor's page
    return `<script type="application/json" id="candor-config">\n${scriptSafe(text)}\n  </script>`;
  });
}

/**
 * Writes `dist/examples/<site>/` from `examples/<site>/`: pages with their config inlined, other files copied.
 * @param {string} [site]
 * @returns {string[]} the pages written
 */
export function buildSite(site = 'marketing-site') {
  const from = `${root}examples/${site}/`;
  const to = `${root}dist/examples/${site}/`;
  mkdirSync(to, { recursive: true });
  /** @type {string[]} */
  const pages = [];
  for (const name of readdirSync(from)) {
    // A config with a problem fails the build here (candor check exits 1), not the visitor's page.
    if (name.endsWith('.config.json')) execFileSync(process.execPath, [`${root}dist/cli.js`, 'check', from + name, '--stamp', to + name], { stdio: 'pipe' });
  }
  for (const name of readdirSync(from)) {
    if (name.endsWith('.config.json')) continue;
    if (name.endsWith('.html')) {
      writeFileSync(to + name, inlineConfig(readFileSync(from + name, 'utf8'), (file) => readFileSync(to + file, 'utf8')));
      pages.push(name);
    } else {
      copyFileSync(from + name, to + name);
    }
  }
  return pages;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) buildSite();
