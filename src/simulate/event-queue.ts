import type { CandorEvent, Decision, ExposureEvent, Tier } from '../core/types.js';

/** The events of a simulation on their way to the file, with at-least-once delivery. */
export interface EventQueue {
  /** A new unique event id. */
  newId: () => string;
  /** Queues an event; a share of events (the duplicate rate) is also kept to be sent again later. */
  send: (event: CandorEvent) => void;
  /** The events queued since the last call, and (every 64) the re-sent copies. */
  take: () => CandorEvent[];
  /** The re-sent copies still waiting, for the end of the file. */
  rest: () => CandorEvent[];
}

/**
 * An event queue drawing from `random`: event ids are a random 16-hex prefix per run and a counter (unique, and cheap
 * for millions of events); each sent event is re-sent later with probability `duplicateRate`.
 * @example const q = eventQueue(random, 0.01); q.send({ ...e, id: q.newId() }); for (const e of q.take()) write(e);
 */
export function eventQueue(random: () => number, duplicateRate: number): EventQueue {
  const hex8 = (): string => Math.floor(random() * 4294967296).toString(16).padStart(8, '0');
  const prefix = hex8() + hex8();
  let counter = 0;
  const pending: CandorEvent[] = [];
  let out: CandorEvent[] = [];
  return {
    newId: () => prefix + (counter++).toString(16).padStart(16, '0'),
    send: (e) => {
      out.push(e);
      if (random() < duplicateRate) pending.push(e);
    },
    take: () => {
      if (pending.length >= 64) out.push(...pending.splice(0));
      const taken = out;
      out = [];
      return taken;
    },
    rest: () => pending.splice(0),
  };
}

/**
 * The exposure event the SDK logs for a decision, under a relationship consent tier without GPC.
 * @example queue.send(exposureOf(decide(input), visitorId, queue.newId(), ts, 'relationship'))
 */
export function exposureOf(d: Decision, visitorId: string, id: string, ts: number, tier: Tier): ExposureEvent {
  return {
    v: 1,
    type: 'exposure',
    id,
    visitorId,
    ts,
    decisionId: d.decisionId,
    slot: d.slot,
    configVersion: d.configVersion,
    hashVersion: d.hashVersion,
    salt: d.salt,
    arm: d.arm,
    experience: d.experience,
    counterfactual: d.counterfactual,
    propensity: d.propensity,
    eligible: d.eligible,
    audiences: d.audiences,
    tier,
    gpc: false,
  };
}
