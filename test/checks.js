// @ts-check
/**
 * The steps `npm test` runs before vitest: the type-check, the lint and the build, at the same time (none reads what
 * another writes: the type-check and the lint never look at dist/). Each step's output is printed whole when it ends,
 * so the three do not interleave. Exits with the first failing step's code once all three have ended.
 * Run alone: `node test/checks.js`.
 */
import { spawn } from 'node:child_process';

const STEPS = ['typecheck', 'lint', 'build'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @param {string} step @returns {Promise<number>} */
function run(step) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', step], { env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') } });
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

const codes = await Promise.all(STEPS.map(run));
const failed = STEPS.filter((_, i) => codes[i] !== 0);
if (failed.length) {
  process.stderr.write(`npm test stopped before the tests: ${failed.map((s) => `npm run ${s}`).join(', ')} failed (output above).\n`);
  process.exit(codes.find((c) => c !== 0));
}
