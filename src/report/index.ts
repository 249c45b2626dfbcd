/**
 * `candor/report`: honest answers from Candor's events (Node).
 *
 * Two steps, so the statistics can also run on counts a warehouse aggregated:
 * `aggregateEvents(file)` streams NDJSON(.gz) into sufficient statistics (plain JSON), and
 * `analyze(aggregate, options)` turns them into a {@link Report}; `renderText`, `renderJson` and `renderHtml` print it.
 * @example
 * import { aggregateEvents, analyze, renderText } from 'candor/report';
 * const report = analyze(await aggregateEvents('events.ndjson.gz'), { config });
 * process.stdout.write(renderText(report));
 */
export { aggregateEvents, createAggregator, type AggregateOptions, type Aggregator, type EventSource } from './aggregate-events.js';
export type * from './aggregate-types.js';
export { analyze, type AnalyzeOptions } from './analyze.js';
export { designFromConfig, type Design } from './analyses/data-quality.js';
export type * from './report-types.js';
export { renderText, renderJson } from './render-text.js';
export { renderHtml } from './render-html.js';
export { simulateEvents, simulationEvents, scenarioByName, type SimulateOptions, type Simulation } from '../simulate/simulate-events.js';
export { SCENARIOS, type Scenario } from '../simulate/scenarios.js';
export type { SimulationTruth } from '../simulate/simulation-truth.js';
