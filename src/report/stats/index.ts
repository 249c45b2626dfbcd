/** Pure statistics behind `candor report`: each function takes sufficient statistics and returns numbers. */
export * from './distributions.js';
export * from './two-sample.js';
export * from './sequential.js';
export * from './bayes.js';
export * from './srm.js';
export * from './multiple-comparisons.js';
export * from './heterogeneity.js';
export * from './power.js';
export * from './off-policy.js';
