/** The script-tag entry: the only module with top-level side effects. */
export {};
