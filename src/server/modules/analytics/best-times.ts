/**
 * Best posting times learned from a channel's own history: each post is scored against the
 * median engagement of posts around it (so follower growth does not favour recent slots), the
 * scores are averaged per weekday × hour of the channel's time zone and smoothed over
 * neighbouring hours.
 */

export interface ScoredPost {
  publishedAt: number;
  engagement: number;
}

export interface BestTimeGrid {
  /** [weekday 0=Monday..6][hour 0..23]; null where no post was published. */
  grid: (number | null)[][];
  /** Average over weekdays per hour, smoothed; the hour to aim for. */
  hourly: (number | null)[];
  bestHour: number | null;
  sampleSize: number;
}

const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Weekday (0 = Monday) and hour of an instant in an IANA time zone. */
export function localSlot(instant: number, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const weekdayName = parts.find((p) => p.type === 'weekday')?.value ?? 'Mon';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
  return { weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekdayName), hour };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function computeBestTimes(posts: readonly ScoredPost[], timeZone: string): BestTimeGrid {
  const sums = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const ordered = [...posts].sort((a, b) => a.publishedAt - b.publishedAt);
  for (const post of ordered) {
    const neighbours = ordered
      .filter((other) => Math.abs(other.publishedAt - post.publishedAt) <= WINDOW_MS)
      .map((other) => other.engagement);
    const baseline = median(neighbours);
    if (baseline <= 0) continue;
    const { weekday, hour } = localSlot(post.publishedAt, timeZone);
    sums[weekday]![hour]! += post.engagement / baseline;
    counts[weekday]![hour]! += 1;
  }
  const grid = sums.map((row, d) =>
    row.map((sum, h) => (counts[d]![h] ? sum / counts[d]![h]! : null)),
  );

  // Hourly profile: pool all weekdays, then smooth with a small circular kernel so one lucky
  // post does not decide the answer.
  const hourlyRaw = Array.from({ length: 24 }, (_, h) => {
    let sum = 0;
    let n = 0;
    for (let d = 0; d < 7; d++) {
      sum += sums[d]![h]!;
      n += counts[d]![h]!;
    }
    return n ? sum / n : null;
  });
  const hourly = hourlyRaw.map((_, h) => {
    let weighted = 0;
    let weight = 0;
    for (const [offset, w] of [
      [-1, 0.25],
      [0, 0.5],
      [1, 0.25],
    ] as const) {
      const value = hourlyRaw[(h + offset + 24) % 24];
      if (value === null || value === undefined) continue;
      weighted += value * w;
      weight += w;
    }
    return weight ? weighted / weight : null;
  });
  // Only hours something was actually posted at can be recommended; smoothing just lends them
  // strength from their neighbours.
  let bestHour: number | null = null;
  for (let h = 0; h < 24; h++) {
    const value = hourly[h];
    if (hourlyRaw[h] === null || value === null || value === undefined) continue;
    if (bestHour === null || value > hourly[bestHour]!) bestHour = h;
  }
  return { grid, hourly, bestHour, sampleSize: ordered.length };
}

/** The next `count` slots in the coming week, best first, scored by the grid (or the hourly profile). */
export function suggestSlots(
  result: BestTimeGrid,
  timeZone: string,
  now: number,
  count = 5,
): { at: number; weekday: number; hour: number; score: number }[] {
  const slots: { at: number; weekday: number; hour: number; score: number }[] = [];
  const startOfHour = now - (now % 3_600_000) + 3_600_000;
  for (let i = 0; i < 7 * 24; i++) {
    const at = startOfHour + i * 3_600_000;
    const { weekday, hour } = localSlot(at, timeZone);
    const cell = result.grid[weekday]?.[hour];
    const profile = result.hourly[hour];
    const score =
      cell !== null && cell !== undefined && profile !== null && profile !== undefined
        ? (cell + profile) / 2
        : (profile ?? null);
    if (score !== null) slots.push({ at, weekday, hour, score });
  }
  slots.sort((a, b) => b.score - a.score || a.at - b.at);
  // One suggestion per day keeps the list useful rather than five neighbouring hours.
  const picked: typeof slots = [];
  for (const slot of slots) {
    if (picked.some((p) => Math.abs(p.at - slot.at) < 12 * 3_600_000)) continue;
    picked.push(slot);
    if (picked.length === count) break;
  }
  return picked;
}
