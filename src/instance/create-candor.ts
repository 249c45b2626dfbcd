import { validateConfig } from '../core/config/validate-config.js';
import { explain } from '../core/explain/explain.js';
import type { Candor, CandorOptions } from './candor-api.js';
import { startCandor } from './start-candor.js';

/**
 * Starts Candor: validates the config, reads local state synchronously and returns the instance.
 * Importing Candor touches no browser global; calling this on a server gives an instance whose decisions are the standard content.
 * @example
 * import { createCandor } from 'candor';
 * const candor = createCandor({ config, sink: '/collect' });
 * const { experience } = candor.decide('hero');
 */
export function createCandor(options: CandorOptions): Candor {
  return startCandor(options, undefined, { validate: validateConfig, explanations: { current: () => explain, load: () => Promise.resolve() } });
}
