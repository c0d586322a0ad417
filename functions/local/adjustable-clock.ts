import type { Clock } from '../../domain/ports/clock';

/** A clock that can be set to any instant (the demo replays past days) and then resume real time. */
export class AdjustableClock implements Clock {
  private fixed: Date | undefined;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  set(instant: Date | string): void {
    this.fixed = new Date(instant);
  }

  advance(ms: number): void {
    this.fixed = new Date(this.now().getTime() + ms);
  }

  resume(): void {
    this.fixed = undefined;
  }
}
