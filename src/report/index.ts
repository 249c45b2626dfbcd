/**
 * `candor/report`: honest answers from Candor's events (Node).
 *
 * Two steps, so the statistics can also run on counts a warehouse aggregated:
 * `aggregateEvents(file)` streams NDJSON(.gz) into sufficient statistics (plain JSON) — or `aggregateFiles(inputs)`
 * does it with DuckDB on every core when the optional `@duckdb/node-api` is installed (Parquet too), or
 * `aggregationQuery({ dialect })` is run in a warehouse and `aggregateFromRows(rows)` reads its rows — and
 * `analyze(aggregate, options)` turns them into a {@link Report}; `renderText`, `renderJson` and `renderHtml` print it.
 * @example
 * import { aggregateEvents, analyze, renderText } from 'candor/report';
 * const report = analyze(await aggregateEvents('events.ndjson.gz'), { config });
 * process.stdout.write(renderText(report));
 */
export { aggregateEvents, createAggregator, type AggregateOptions, type Aggregator, type EventSource } from './aggregate-events.js';
export type * from './aggregate-types.js';
export { aggregateFiles, type AggregateFilesOptions, type Engine, type FilesAggregate } from './aggregate-files.js';
export { canonicalOrder } from './canonical-order.js';
export { aggregateWithDuckDB, defaultMemoryLimit, writeEventsParquet, type DuckDBAggregateOptions } from './duckdb/aggregate-with-duckdb.js';
export { resolveEventFiles, type EventFiles } from './event-files.js';
export { aggregationQuery, RESULT_COLUMNS, type AggregationQueryOptions } from './sql/aggregation-query.js';
export { aggregateFromRows, type ResultRow } from './sql/aggregate-from-rows.js';
export { DIALECTS, type DialectName } from './sql/dialects.js';
export { parseAggregateFile, parseCsv } from './sql/parse-results.js';
export { analyze, type AnalyzeOptions } from './analyze.js';
export { designFromConfig, type Design } from './analyses/data-quality.js';
export type * from './report-types.js';
export { renderText, renderJson } from './render-text.js';
export { renderHtml } from './render-html.js';
export { simulateEvents, simulationEvents, scenarioByName, type SimulateOptions, type Simulation } from '../simulate/simulate-events.js';
export { SCENARIOS, type Scenario } from '../simulate/scenarios.js';
export type { SimulationTruth } from '../simulate/simulation-truth.js';
