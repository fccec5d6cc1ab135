/** How long a failed job waits before its next attempt. */
export interface BackoffOptions {
  /** Delay after the first failed attempt; doubles with every further attempt. */
  baseMs: number;
  /** Upper bound of the delay, so a job that keeps failing is still retried within this time. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60 * 1000 };

/**
 * The delay before retrying after `attempts` failed attempts (1 for the first failure):
 * `min(2^(attempts-1) × base, max)`, of which the upper half is randomised ("equal jitter") so
 * jobs that failed together, e.g. during a platform outage, do not all come back at once, while
 * no retry comes sooner than half the nominal delay.
 */
export function retryDelayMs(
  attempts: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^exponent overflows to Infinity long before it matters; min() keeps the result finite.
  const nominal = Math.min(options.baseMs * 2 ** exponent, options.maxMs);
  const half = nominal / 2;
  return Math.round(half + random() * half);
}
