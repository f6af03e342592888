// A Clock that only moves when the test moves it. `advance` fires the due timers in order and lets
// the real I/O they start (requests to the fake API server on 127.0.0.1) settle in between.
import type { Clock } from '../../lib/watch/clock.ts';

interface Timer {
  at: number;
  resolve: () => void;
}

const realPause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ManualClock implements Clock {
  private timers: Timer[] = [];
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const cancel = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      const timer: Timer = {
        at: this.current + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', cancel);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  /** Moves time forward by `ms` in steps, firing timers as they fall due. */
  async advance(ms: number, stepMs = 1000, settleMs = 15): Promise<void> {
    const end = this.current + ms;
    while (this.current < end) {
      this.current = Math.min(end, this.current + stepMs);
      const due = this.timers.filter((t) => t.at <= this.current).sort((a, b) => a.at - b.at);
      this.timers = this.timers.filter((t) => t.at > this.current);
      for (const t of due) t.resolve();
      await realPause(settleMs);
    }
  }
}
