/** Interned strings: each distinct string gets a dense id, and `list[id]` gives it back. */
export interface Interner {
  ids: Map<string, number>;
  list: string[];
}

/** An empty interner. */
export const interner = (): Interner => ({ ids: new Map(), list: [] });

/** The id of `s` in `t`, added at the end when it is new. */
export function intern(t: Interner, s: string): number {
  let id = t.ids.get(s);
  if (id === undefined) {
    id = t.list.length;
    t.ids.set(s, id);
    t.list.push(s);
  }
  return id;
}

/** The strings an aggregation interns: names that repeat across events, kept once each. */
export interface AggregationStrings {
  salt: Interner;
  slot: Interner;
  /** `salt SEP slot`: a slot in one period. */
  saltSlot: Interner;
  /** Config versions. */
  cv: Interner;
  /** Sorted sets of audience or experience ids, joined by `SEP`. */
  set: Interner;
  goal: Interner;
  /** Declared answers, `key=answer`. */
  answer: Interner;
}

/** Empty interners for an aggregation. */
export const aggregationStrings = (): AggregationStrings => ({
  salt: interner(),
  slot: interner(),
  saltSlot: interner(),
  cv: interner(),
  set: interner(),
  goal: interner(),
  answer: interner(),
});
