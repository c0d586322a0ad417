/**
 * Where a reconciliation run spends its time. Stages overlap (the engine matches while findings are
 * written and lost callbacks applied), so each stage reports when it was first and last busy, from
 * the run's start, and how long it was busy in all (time in several calls at once counted once).
 */
export const RUN_STAGES = ['readingDay', 'readingFile', 'matching', 'writingCases', 'autoApplying'] as const;
export type RunStage = (typeof RUN_STAGES)[number];

export interface StageTime {
  readonly fromMs: number;
  readonly toMs: number;
  readonly busyMs: number;
}

export class RunStages {
  private readonly startMs = performance.now();
  private readonly spans = new Map<RunStage, { fromMs: number; toMs: number; busyMs: number; active: number; since: number }>();

  /** Times `work` as part of `stage`. */
  async time<T>(stage: RunStage, work: () => Promise<T>): Promise<T> {
    this.enter(stage);
    try {
      return await work();
    } finally {
      this.leave(stage);
    }
  }

  enter(stage: RunStage): void {
    const now = performance.now() - this.startMs;
    let span = this.spans.get(stage);
    if (!span) this.spans.set(stage, (span = { fromMs: now, toMs: now, busyMs: 0, active: 0, since: now }));
    if (span.active++ === 0) span.since = now;
  }

  leave(stage: RunStage): void {
    const now = performance.now() - this.startMs;
    const span = this.spans.get(stage)!;
    if (--span.active === 0) span.busyMs += now - span.since;
    span.toMs = now;
  }

  /** Records a stage measured by its caller (the engine: its time less what it waited for). */
  add(stage: RunStage, fromMs: number, toMs: number, busyMs: number): void {
    this.spans.set(stage, { fromMs: fromMs - this.startMs, toMs: toMs - this.startMs, busyMs, active: 0, since: 0 });
  }

  /** Whole milliseconds per stage that ran, and the run's total so far. */
  report(): Partial<Record<RunStage, StageTime>> & { totalMs: number } {
    const out: Partial<Record<RunStage, StageTime>> = {};
    for (const [stage, span] of this.spans) out[stage] = { fromMs: Math.round(span.fromMs), toMs: Math.round(span.toMs), busyMs: Math.round(span.busyMs) };
    return { ...out, totalMs: Math.round(performance.now() - this.startMs) };
  }
}

/** Runs at most `limit` tasks at once; the others wait their turn. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its place to the next in line, so that no newcomer slips in between.
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
