/** `candor/report`: statistics over Candor's events (Node). */
export {};
