/**
 * Script-tag build of the config validator (`candor-check.min.js`): `validateConfig` from candor/core, with error
 * codes and paths only (like the runtime's other console errors), handed to the runtime. The runtime loads it only
 * for a config that nothing has validated yet: a browser notes each config it found no problem in, and
 * `candor check --stamp` stamps a config as validated at build time, so most page views never fetch it.
 */
import { validateConfig } from '../core/config/validate-config.js';

(window.__candor ??= {}).validate = validateConfig;
