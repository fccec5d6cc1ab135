/** The source of "now" for everything that schedules or expires; tests substitute a fake. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to, for tests of expiry, backoff and cron. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start: number | string = '2026-01-05T09:00:00.000Z') {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(time: number | string): void {
    this.current = typeof time === 'number' ? time : Date.parse(time);
  }
}

export function toIso(ms: number): string;
export function toIso(ms: number | null): string | null;
export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
