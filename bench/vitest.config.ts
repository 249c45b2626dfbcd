import { defineConfig } from 'vitest/config';

/** Long simulation sweeps (figures, not tests): `npx vitest run --config bench/vitest.config.ts`. */
export default defineConfig({
  test: {
    include: ['bench/**/*.sweep.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
  },
});
