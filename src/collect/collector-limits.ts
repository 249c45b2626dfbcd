/** What one POST brought. */
export interface BatchResult {
  /** New valid events, appended to the file. */
  accepted: number;
  /** Valid events whose id was already stored (at-least-once delivery resends some). */
  duplicates: number;
  /** Events that failed validation (not stored). */
  invalid: number;
  /** The validation problems (at most 100), `body[2].propensity: must be between 0 and 1`. */
  problems: string[];
}

/** The collector's limits; docs/events.md#limits explains each. */
export interface CollectorLimits {
  /** Largest body, in bytes (413 beyond). */
  maxBodyBytes: number;
  /** Most events in one body (413 beyond). The SDK sends at most 50. */
  maxEvents: number;
  /** Deepest nesting of arrays and objects in a body (400 beyond). A batch of events is 3 deep. */
  maxDepth: number;
  /** A body must arrive within this many milliseconds of the headers (408 beyond). */
  bodyTimeoutMs: number;
  /** Bytes of all bodies being received or waiting for the disk (503 for the body that would pass it). */
  maxPendingBytes: number;
  /** An event's `ts` may be at most this many days before the collector's clock … */
  maxAgeDays: number;
  /** … and at most this many milliseconds after it. */
  maxFutureMs: number;
  /** The output file is set aside (`events.2026-12-01.ndjson`) at this size, and on a new UTC day. */
  maxFileBytes: number;
}

/** The default limits. */
export const COLLECTOR_LIMITS: Readonly<CollectorLimits> = Object.freeze({
  maxBodyBytes: 1 << 20,
  maxEvents: 500,
  maxDepth: 8,
  bodyTimeoutMs: 10_000,
  maxPendingBytes: 64 << 20,
  maxAgeDays: 30,
  maxFutureMs: 86_400_000,
  maxFileBytes: 256 << 20,
});

/**
 * The limits `candor collect` sets on its `node:http` server. Set the same on a server you mount the collector in:
 * `server.maxConnections`, `server.headersTimeout`, `server.requestTimeout`, `server.keepAliveTimeout`.
 */
export const SERVER_LIMITS = Object.freeze({ maxConnections: 1024, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
