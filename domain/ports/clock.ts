/** Time comes through a port so tests and the demo generator can place events on any day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
