import { createAggregator } from '../../../src/report/aggregate-events.js';
import type { Aggregate } from '../../../src/report/aggregate-types.js';
import { simulateEvents, type SimulateOptions, type Simulation } from '../../../src/simulate/simulate-events.js';

/** Simulates straight into an aggregator (no JSON round trip: the tests of the parser are elsewhere). */
export function simulateAggregate(options: SimulateOptions, windowDays = 7): Simulation & { aggregate: Aggregate } {
  const aggregator = createAggregator({ windowDays });
  const sim = simulateEvents(options, (e) => aggregator.addEvent(e));
  return { ...sim, aggregate: aggregator.finish() };
}
