import { emptyMemory, STATE_VERSION, type VisitorState } from './visitor-state.js';
import { newVisitorId } from './visitor-id.js';

/**
 * The visitor state for this page view.
 * - No site id: the stored state, or a fresh one with a new random id.
 * - A site id (1–128 characters): the stored state if it already carries that id; otherwise a fresh state under the
 *   site id, so assignments are re-decided and the previous identity's memory is not carried over. The visitor's own
 *   choices about this browser (consent tier, standard version) are kept.
 * Throws only if `crypto.getRandomValues` throws.
 * @example const state = resolveVisitor(loadSnapshot(localStorage, now).state, undefined, crypto, now)
 */
export function resolveVisitor(
  state: VisitorState | null,
  siteId: string | undefined,
  crypto: Pick<Crypto, 'getRandomValues'>,
  now: number,
): VisitorState {
  const site = typeof siteId === 'string' && siteId.length > 0 && siteId.length <= 128;
  if (state && (!site || (state.idSource === 'site' && state.visitorId === siteId))) return state;
  const fresh: VisitorState = {
    v: STATE_VERSION,
    visitorId: site ? siteId : newVisitorId(crypto),
    idSource: site ? 'site' : 'local',
    created: now,
    assignments: {},
    memory: emptyMemory(),
  };
  if (state?.consent) fresh.consent = state.consent;
  if (state?.standard) fresh.standard = true;
  return fresh;
}
