/** `candor/widget`: the "Why am I seeing this?" element, loaded only when used. */
export {};
