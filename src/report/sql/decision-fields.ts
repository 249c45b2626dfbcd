/**
 * The fields of a logged decision, as the exposure steps of the aggregation query read them.
 */

import type { OrderColumn } from './dialects.js';

/** The fields of a decision, in the order that breaks a tie between two exposures at the same millisecond. */
export const DECISION: OrderColumn[] = [['arm', true], ['experience', true], ['counterfactual', true], ['config_version', true], ['propensity', false], ['aud_key', true], ['elig_key', true]];
/** The same, as a SQL column list. */
export const DECISION_COLUMNS = DECISION.map(([c]) => c).join(', ');
/** The decision's columns as logged (the audience and eligibility lists instead of their set keys). */
export const RAW_DECISION = ['arm', 'experience', 'counterfactual', 'config_version', 'propensity', 'audiences', 'eligible'];
