import { TIERS, type Arm, type StickyAssignment, type Tier } from '../core/types.js';

/** Schema version of the stored state; bump it (and add a step to {@link migrateState}) when the shape changes. */
export const STATE_VERSION = 1;

/**
 * What Candor remembers about the visitor in this browser, by tier:
 * `session` is low tier (this visit only); `visits`, `pages`, `recent`, `declared`, `goals` are relationship tier;
 * `interest` and `engagement` are high tier. {@link capMemory} removes what is above the consent cap.
 */
export interface VisitorMemory {
  /** Page views (`count`) and sessions on this site; timestamps in ms since the epoch (0 = never). */
  visits: {
    count: number;
    sessions: number;
    /** First page view ever. */
    first: number;
    /** Last activity of the previous session (what "days since your last visit" counts from); 0 on the first visit. */
    last: number;
    /** Last activity (page view, goal, topic, engagement); a session ends 30 minutes after it. */
    lastActivity: number;
  };
  /** The current session (visit). */
  session: {
    start: number;
    pageviews: number;
    landingPath: string;
    /** Landing URL with only its campaign parameters kept (`utm_*`, `gclid`, `msclkid`); others may hold personal data. */
    landingUrl: string;
    /** Origin of the page that sent the visitor at the start of the session ('' for none). */
    referrer: string;
  };
  /** Page views per configured section. */
  pages: Record<string, number>;
  /** Recently viewed paths, most recent first, no duplicates, at most 10. */
  recent: string[];
  /** Answers the visitor gave (`setAttributes`, ask prompt, declared form fields). */
  declared: Record<string, string>;
  /** Times each goal was reached. */
  goals: Record<string, number>;
  /** Topic scores as of `at`; the read value decays with a 14-day half-life. */
  interest: Record<string, { score: number; at: number }>;
  /** Deepest scroll (0–100) in this session and active seconds on this site. */
  engagement: { scrollDepth: number; activeSeconds: number };
}

/** Everything Candor keeps in the synchronous snapshot (`localStorage["candor:v1"]`). */
export interface VisitorState {
  v: 1;
  /** Random id made in this browser (`local`) or supplied by the site (`site`). */
  visitorId: string;
  idSource: 'local' | 'site';
  /** When this state was created (ms since the epoch). */
  created: number;
  /** The tier the visitor or the site chose; absent = the config's default. */
  consent?: Tier;
  /** The visitor chose the standard version everywhere on this site. */
  standard?: boolean;
  /** Sticky assignments by slot id. */
  assignments: Record<string, StickyAssignment>;
  memory: VisitorMemory;
  /** The visitor was already shown the self-identification prompt. */
  asked?: boolean;
}

/** Bounds that keep the snapshot small: entries per record or list, and string length. Longer data is dropped. */
export const LIMITS = { recent: 10, interest: 50, keys: 50, text: 200 } as const;

/**
 * The memory's shape by example: `'*'` stands for any key of a record, a one-element array for a list of such elements.
 * {@link migrateState} keeps stored parts that match it, and an empty memory is this shape filled with its defaults.
 */
const MEMORY = {
  visits: { count: 0, sessions: 0, first: 0, last: 0, lastActivity: 0 },
  session: { start: 0, pageviews: 0, landingPath: '', landingUrl: '', referrer: '' },
  pages: { '*': 0 },
  recent: [''],
  declared: { '*': '' },
  goals: { '*': 0 },
  interest: { '*': { score: 0, at: 0 } },
  engagement: { scrollDepth: 0, activeSeconds: 0 },
};

/** A stored assignment's shape by example (plus the optional `audience` and `exposed`). */
const ASSIGNMENT = { version: '', shares: '', tier: '', arm: '', experience: '', counterfactual: '', propensity: 0, audiences: [''], eligible: [''], decisionId: '' };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Copies `x` as far as it has the shape of the example `ex`: numbers must be ≥ 0 and finite, strings at most 500
 * characters, lists and records at most 50 entries (keys at most 64 characters).
 * Strict: any mismatch gives undefined. Lenient: a mismatching part becomes the example's default.
 */
function like(x: unknown, ex: unknown, strict?: boolean): unknown {
  if (Array.isArray(ex)) {
    const ok = Array.isArray(x) && x.length <= LIMITS.keys && x.every((v) => like(v, ex[0], true) !== undefined);
    return ok ? [...(x as unknown[])] : strict ? undefined : [];
  }
  if (isObj(ex)) {
    if (!isObj(x)) {
      if (strict) return undefined;
      x = {};
    }
    const out: Obj = {};
    const src = x as Obj;
    if ('*' in ex) {
      for (const [k, v] of Object.entries(src).slice(0, LIMITS.keys)) {
        const c = like(v, ex['*'], true);
        if (k.length <= 64 && k !== '__proto__' && c !== undefined) out[k] = c;
      }
    } else {
      for (const k in ex) {
        const c = like(src[k], ex[k], strict);
        if (c === undefined) return undefined;
        out[k] = c;
      }
    }
    return out;
  }
  const ok = typeof x === typeof ex && (typeof x === 'number' ? x >= 0 && x < 9e15 : (x as string).length <= 500);
  return ok ? x : strict ? undefined : ex;
}

/** A new, empty memory. */
export const emptyMemory = (): VisitorMemory => like(0, MEMORY) as VisitorMemory;

const ARMS: readonly Arm[] = ['holdout', 'control', 'explore', 'targeted'];

/**
 * Turns whatever was stored into a current {@link VisitorState}, or null when it is not Candor's or is unusable.
 * Older versions are migrated (v0 stored `id` instead of `visitorId` and had no memory); unknown fields are dropped,
 * badly typed memory parts are reset, malformed assignments are dropped (so re-decided), sizes are bounded. Never throws.
 * @param now ms since the epoch; a state created more than a day in the future is treated as foreign.
 * @example migrateState(JSON.parse(localStorage.getItem('candor:v1') ?? 'null'), Date.now())
 */
export function migrateState(raw: unknown, now: number): VisitorState | null {
  try {
    if (!isObj(raw)) return null;
    let x = raw;
    // v0 → v1: `id` became `visitorId`; ids were always local; memory did not exist yet.
    if (x.v === 0) x = { ...x, v: 1, visitorId: x.id, idSource: 'local' };
    const { v, visitorId, idSource, created, consent, standard, asked } = x;
    const id = like(visitorId, '', true) as string | undefined;
    const born = like(created, 0) as number;
    if (v !== STATE_VERSION || !id || id.length > 128 || (idSource !== 'local' && idSource !== 'site') || born > now + 864e5) return null;
    const assignments: Record<string, StickyAssignment> = {};
    for (const [slot, a] of Object.entries(isObj(x.assignments) ? x.assignments : {}).slice(0, LIMITS.keys)) {
      const ok = like(a, ASSIGNMENT, true) as StickyAssignment | undefined;
      if (!ok) continue;
      const { audience, exposed } = a as Obj;
      if (TIERS.includes(ok.tier) && ARMS.includes(ok.arm) && ok.propensity > 0 && ok.propensity <= 1 && (audience === undefined || typeof audience === 'string')) {
        if (audience !== undefined) ok.audience = audience;
        if (exposed === true) ok.exposed = true;
        assignments[slot] = ok;
      }
    }
    const memory = like(x.memory, MEMORY) as VisitorMemory;
    memory.recent = memory.recent.slice(0, LIMITS.recent);
    memory.engagement.scrollDepth = Math.min(100, memory.engagement.scrollDepth);
    const state: VisitorState = { v: 1, visitorId: id, idSource, created: born, assignments, memory };
    if (TIERS.includes(consent as Tier)) state.consent = consent as Tier;
    if (standard === true) state.standard = true;
    if (asked === true) state.asked = true;
    return state;
  } catch {
    return null;
  }
}
