import { hash, hash32 } from './hash.js';

/**
 * The visitor's own draws, the same in every slot of a period: the global holdout (32-bit integer
 * `hash32(salt:holdout, id)`; divide by 2^32 for a share), whether they explore in coherent slots
 * (`hash(salt:explorer, id)`), and which audience exploration shows them there (`hash(salt:explore-pick, id)`).
 */
export type VisitorDraws = readonly [holdout: number, explorer: number, pick: number];

/*
 * A one-entry memo: every slot on a page is decided for the same visitor, so the draws are computed once per page
 * instead of once per slot. Keys are compared by value (salt, id).
 */
let drawsSalt: string | undefined;
let drawsId: string | undefined;
let draws: VisitorDraws = [0, 0, 0];

/**
 * The visitor's own draws, once per visitor and salt.
 * @example const [holdout, explorer, pick] = visitorDraws(config.salt, visitorId)
 */
export function visitorDraws(salt: string, visitorId: string): VisitorDraws {
  if (salt !== drawsSalt || visitorId !== drawsId) {
    draws = [hash32(salt + ':holdout', visitorId), hash(salt + ':explorer', visitorId), hash(salt + ':explore-pick', visitorId)];
    drawsSalt = salt;
    drawsId = visitorId;
  }
  return draws;
}
