// @ts-check
/**
 * What `npm test` runs: the build, the type-check and the lint at the same time, and, once the build has succeeded,
 * the command given after the script's name (`npm test` gives `vitest run --config test/vitest.config.ts`), which
 * needs dist/. The type-check and the lint never look at dist/, so they go on beside the tests, at a lower CPU
 * priority (`nice`): first the build, the tests' critical path, then the tests get the CPU they ask for, and the two
 * checks take what the tests leave while they wait (on Chromium, on the collector's timeouts). Each check's output is
 * printed whole when it ends. Exits with the first failing step's code once all have ended.
 * Run alone: `node test/checks.js` (the three checks only).
 */
import { spawn, spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** `nice -n 10` where there is one (Linux, macOS). */
const nice = process.platform !== 'win32' && spawnSync('nice', ['true']).status === 0;
const then = process.argv.slice(2);
const color = process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0');

/**
 * Runs `npm run <step>`, its output kept until it ends.
 * @param {string} step
 * @param {boolean} yieldCpu run it at a lower priority
 * @returns {Promise<number>}
 */
function check(step, yieldCpu) {
  const started = Date.now();
  const [command, args] = yieldCpu && nice ? ['nice', ['-n', '10', npm, 'run', '--silent', step]] : [npm, ['run', '--silent', step]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: color } });
    /** @type {Buffer[]} */
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(String(error))));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString().trimEnd();
      process.stdout.write(`${code === 0 ? 'ok' : 'FAILED'}  npm run ${step} (${seconds} s)\n${text ? `${text}\n` : ''}`);
      resolve(code ?? 1);
    });
  });
}

/**
 * Runs the command after the build (its output straight through), or nothing.
 * @returns {Promise<number>}
 */
function tests() {
  if (!then.length) return Promise.resolve(0);
  const [command = '', ...args] = then;
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (error) => {
      process.stderr.write(`${String(error)}\n`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const checks = [check('typecheck', then.length > 0), check('lint', then.length > 0)];
const built = await check('build', false);
const tested = built === 0 ? await tests() : 0;
const [typechecked, linted] = await Promise.all(checks);
const failed = [
  ['npm run typecheck', typechecked],
  ['npm run lint', linted],
  ['npm run build', built],
  [then.join(' '), tested],
].filter(([, code]) => code !== 0);
if (failed.length) {
  const skipped = built !== 0 && then.length ? ` (${then.join(' ')} did not run: it needs the build)` : '';
  process.stderr.write(`npm test failed: ${failed.map(([name]) => name).join(', ')}${skipped}; output above.\n`);
  process.exit(Number(failed[0]?.[1]) || 1);
}
