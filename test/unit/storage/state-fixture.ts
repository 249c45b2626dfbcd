import { emptyMemory, type VisitorState } from '../../../src/storage/visitor-state.js';

/** A plausible stored state. */
export function sampleState(visitorId = '0123456789abcdef0123456789abcdef'): VisitorState {
  return { v: 1, visitorId, idSource: 'local', created: Date.UTC(2026, 0, 1), assignments: {}, memory: emptyMemory() };
}
