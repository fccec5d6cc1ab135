/**
 * Best posting times learned from a channel's own history. Each post is scored against the
 * median engagement of posts around it (so follower growth does not favour recent slots); the
 * log-scores are then split into an hour effect and a topic effect by alternating means (so a
 * strong topic that happened to run at 9 pm does not make 9 pm look good), averaged per weekday ×
 * hour of the channel's time zone and smoothed over neighbouring hours.
 */

export interface ScoredPost {
  publishedAt: number;
  engagement: number;
  /** The post's main topic, when known; its effect is separated from the hour's. */
  topic?: string | undefined;
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
  const ordered = [...posts].sort((a, b) => a.publishedAt - b.publishedAt);
  const scored = ordered.flatMap((post) => {
    const neighbours = ordered
      .filter((other) => Math.abs(other.publishedAt - post.publishedAt) <= WINDOW_MS)
      .map((other) => other.engagement);
    const baseline = median(neighbours);
    if (baseline <= 0 || post.engagement <= 0) return [];
    return [
      {
        ...localSlot(post.publishedAt, timeZone),
        topic: post.topic ?? '',
        log: Math.log(post.engagement / baseline),
      },
    ];
  });

  // Alternating means: hour effect given topics, topic effect given hours, until they settle.
  const topicEffect = new Map<string, number>();
  let hourEffect = new Array<number | null>(24).fill(null);
  for (let round = 0; round < 20; round++) {
    hourEffect = meanBy(
      24,
      scored,
      (p) => p.hour,
      (p) => p.log - (topicEffect.get(p.topic) ?? 0),
    );
    const byTopic = new Map<string, { sum: number; n: number }>();
    for (const p of scored) {
      const entry = byTopic.get(p.topic) ?? { sum: 0, n: 0 };
      entry.sum += p.log - (hourEffect[p.hour] ?? 0);
      entry.n += 1;
      byTopic.set(p.topic, entry);
    }
    for (const [topic, { sum, n }] of byTopic) topicEffect.set(topic, sum / n);
  }

  const grid = Array.from({ length: 7 }, (_, weekday) =>
    meanBy(
      24,
      scored.filter((p) => p.weekday === weekday),
      (p) => p.hour,
      (p) => p.log - (topicEffect.get(p.topic) ?? 0),
    ).map((value) => (value === null ? null : Math.exp(value))),
  );

  // Smooth the hourly profile with a small circular kernel so one lucky post does not decide.
  // An hour nobody posted at lends the centre its own value: skipping it would tilt the edge
  // hours of a posting window towards their inner neighbours.
  const hourly = hourEffect.map((centre, h) => {
    if (centre === null) return null;
    let weighted = 0;
    for (const [offset, w] of [
      [-1, 0.25],
      [0, 0.5],
      [1, 0.25],
    ] as const) {
      weighted += (hourEffect[(h + offset + 24) % 24] ?? centre) * w;
    }
    return Math.exp(weighted);
  });

  // Only hours something was actually posted at can be recommended; smoothing just lends them
  // strength from their neighbours.
  let bestHour: number | null = null;
  for (let h = 0; h < 24; h++) {
    const value = hourly[h];
    if (hourEffect[h] === null || value === null || value === undefined) continue;
    if (bestHour === null || value > hourly[bestHour]!) bestHour = h;
  }
  return { grid, hourly, bestHour, sampleSize: scored.length };
}

function meanBy<T>(
  size: number,
  items: readonly T[],
  bucket: (item: T) => number,
  value: (item: T) => number,
): (number | null)[] {
  const sums = new Array<number>(size).fill(0);
  const counts = new Array<number>(size).fill(0);
  for (const item of items) {
    sums[bucket(item)]! += value(item);
    counts[bucket(item)]! += 1;
  }
  return sums.map((sum, i) => (counts[i] ? sum / counts[i]! : null));
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
