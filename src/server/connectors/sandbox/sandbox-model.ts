/**
 * The sandbox network's simulation, as pure functions of (account model, post, time). Nothing
 * here reads the clock or the database, so the same inputs always give the same numbers and
 * tests can compare what OpsLoop infers with what the model declares.
 */

export const PLATFORM_STYLES = ['weibo', 'wechat', 'douyin', 'xiaohongshu', 'bluesky'] as const;
export type PlatformStyle = (typeof PLATFORM_STYLES)[number];

export type BrandKind = 'coffee' | 'skincare';
export type Language = 'zh' | 'en';

export const FOLLOWER_SOURCES = ['search', 'recommendation', 'profile', 'share', 'other'] as const;
export type FollowerSource = (typeof FOLLOWER_SOURCES)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Per-metric ratios to reach (what one reached person does, on average). */
export interface MetricRates {
  impressionsPerReach: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
}

/** The declared shape of one weekday's activity curve: a main peak and a smaller second one. */
export interface DayActivityShape {
  peakHour: number;
  peakWidth: number;
  secondHour: number;
  secondWeight: number;
  secondWidth: number;
  /** How busy this weekday is compared with the others. */
  level: number;
}

/** A window in which comments and DMs turn hostile (a crisis scenario). */
export interface SandboxCrisis {
  startsAt: number;
  hours: number;
}

/** Everything the simulated audience of one account does; stored as JSON, read as truth. */
export interface SandboxAudienceModel {
  version: 1;
  platformStyle: PlatformStyle;
  timeZone: string;
  brand: BrandKind;
  /** Language of the account's own posts. */
  language: Language;
  /** Share of commenters writing Chinese. */
  zhShare: number;
  /** Mon..Sun shapes the grid is built from. */
  dayShapes: DayActivityShape[];
  /** [weekday 0=Mon..6][hour 0..23] in the account's time zone, max 1. */
  activityGrid: number[][];
  peakHourByWeekday: number[];
  /** Hour whose activity summed over the week is highest. */
  bestHourOverall: number;
  /** Normalized topic key → engagement multiplier; unknown topics derive from the seed. */
  topicAffinities: Record<string, number>;
  /** Followers at `referenceAt`. */
  baseFollowers: number;
  referenceAt: number;
  dailyGrowthRate: number;
  dailyChurnRate: number;
  followerSources: Record<FollowerSource, number>;
  demographics: {
    ageBands: Record<string, number>;
    gender: Record<'female' | 'male' | 'other', number>;
    regions: Record<string, number>;
    interests: Record<string, number>;
  };
  /** Share of followers a post reaches at activity 1, affinity 1, quality 1. */
  reachRate: number;
  rates: MetricRates;
  /** Lifecycle time constant of a post's engagement. */
  tauHours: number;
  /** Sigma of the log-normal per-post noise. */
  noiseSigma: number;
  /** Average DMs per day. */
  dmsPerDay: number;
  /** Most comments a post exposes to `fetchMessages` (the API pages the rest away). */
  maxCommentsPerPost: number;
  crises: SandboxCrisis[];
}

/** Failure injection; all zero by default. */
export interface SandboxFailureKnobs {
  /** Share of publish calls failing with a retryable error before anything is created. */
  failureRate: number;
  /** Share of publish calls that create the post but report a timeout. */
  timeoutRate: number;
  /** Every call fails with an auth error. */
  authExpired: boolean;
}

export const NO_FAILURES: SandboxFailureKnobs = {
  failureRate: 0,
  timeoutRate: 0,
  authExpired: false,
};

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** 53-bit string hash (cyrb53): stable across processes and versions of Node. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A uniform number in [0, 1) determined by the parts. */
export function unitHash(...parts: Array<string | number>): number {
  return hashString(parts.join('\u241f')) / 2 ** 53;
}

/** A seeded generator (mulberry32) for drawing many numbers from one seed. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal number from two uniforms (Box–Muller). */
export function standardNormal(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

function between(rng: () => number, min: number, max: number): number {
  return min + (max - min) * rng();
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Normalized shares from positive weights, rounded to 3 decimals. */
function shares<K extends string>(weights: Record<K, number>): Record<K, number> {
  const total = Object.values<number>(weights).reduce((a, b) => a + b, 0);
  const out = {} as Record<K, number>;
  for (const key of Object.keys(weights) as K[]) out[key] = round(weights[key] / total, 3);
  return out;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---------------------------------------------------------------------------------------------
// Time zones

interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock time of `at` in `timeZone`. */
export function localTime(at: number, timeZone: string): LocalTime {
  const out: LocalTime = { year: 0, month: 0, day: 0, weekday: 0, hour: 0, minute: 0 };
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === 'weekday') out.weekday = WEEKDAYS.indexOf(part.value);
    else if (part.type === 'year') out.year = Number(part.value);
    else if (part.type === 'month') out.month = Number(part.value);
    else if (part.type === 'day') out.day = Number(part.value);
    else if (part.type === 'hour') out.hour = Number(part.value);
    else if (part.type === 'minute') out.minute = Number(part.value);
  }
  return out;
}

/** Weekday (0 = Monday) and hour of `at` in `timeZone`: the cell of the activity grid. */
export function localWeekdayHour(at: number, timeZone: string): { weekday: number; hour: number } {
  const { weekday, hour } = localTime(at, timeZone);
  return { weekday, hour };
}

/** The instant a wall-clock time in `timeZone` denotes (the earlier one around DST changes). */
export function zonedTimeToEpoch(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let guess = asUtc;
  // Two corrections settle the offset except inside a DST gap, where the nearest instant will do.
  for (let i = 0; i < 2; i++) {
    const seen = localTime(guess, timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += asUtc - seenAsUtc;
  }
  return guess;
}

// ---------------------------------------------------------------------------------------------
// Styles

interface StyleProfile {
  timeZone: string;
  language: Language;
  zhShare: number;
  followers: [number, number];
  growth: [number, number];
  churn: [number, number];
  reachRate: number;
  rates: MetricRates;
  tauHours: number;
  /** Where the weekday peak may fall, local time. */
  peakHours: number[];
  weekendLevel: [number, number];
  /** Text lengths (characters) that perform best. */
  sweetSpot: [number, number];
  dmsPerDay: number;
  sources: Record<FollowerSource, number>;
  femaleShare: [number, number];
}

const STYLES: Record<PlatformStyle, StyleProfile> = {
  weibo: {
    timeZone: 'Asia/Shanghai',
    language: 'zh',
    zhShare: 0.93,
    followers: [30_000, 90_000],
    growth: [0.003, 0.008],
    churn: [0.001, 0.003],
    reachRate: 0.2,
    rates: {
      impressionsPerReach: 1.35,
      likes: 0.03,
      comments: 0.003,
      shares: 0.004,
      saves: 0.001,
      clicks: 0.012,
    },
    tauHours: 3,
    peakHours: [12, 20, 21, 22],
    weekendLevel: [0.9, 1.1],
    sweetSpot: [40, 120],
    dmsPerDay: 3,
    sources: { search: 3, recommendation: 4, profile: 1.5, share: 1, other: 0.5 },
    femaleShare: [0.5, 0.65],
  },
  wechat: {
    timeZone: 'Asia/Shanghai',
    language: 'zh',
    zhShare: 0.97,
    followers: [8_000, 40_000],
    growth: [0.002, 0.005],
    churn: [0.001, 0.002],
    reachRate: 0.15,
    rates: {
      impressionsPerReach: 1.1,
      likes: 0.025,
      comments: 0.003,
      shares: 0.012,
      saves: 0.004,
      clicks: 0.05,
    },
    tauHours: 24,
    peakHours: [7, 8, 21, 22],
    weekendLevel: [0.75, 0.95],
    sweetSpot: [600, 3000],
    dmsPerDay: 4,
    sources: { search: 3, recommendation: 1.5, profile: 1, share: 4, other: 1 },
    femaleShare: [0.5, 0.7],
  },
  douyin: {
    timeZone: 'Asia/Shanghai',
    language: 'zh',
    zhShare: 0.97,
    followers: [20_000, 80_000],
    growth: [0.004, 0.012],
    churn: [0.002, 0.004],
    reachRate: 0.5,
    rates: {
      impressionsPerReach: 1.5,
      likes: 0.045,
      comments: 0.002,
      shares: 0.003,
      saves: 0.005,
      clicks: 0.008,
    },
    tauHours: 6,
    peakHours: [18, 19, 20, 21],
    weekendLevel: [1.05, 1.25],
    sweetSpot: [15, 80],
    dmsPerDay: 3,
    sources: { search: 1.5, recommendation: 7, profile: 1, share: 1, other: 0.5 },
    femaleShare: [0.45, 0.6],
  },
  xiaohongshu: {
    timeZone: 'Asia/Shanghai',
    language: 'zh',
    zhShare: 0.96,
    followers: [5_000, 40_000],
    growth: [0.003, 0.01],
    churn: [0.001, 0.003],
    reachRate: 0.35,
    rates: {
      impressionsPerReach: 1.4,
      likes: 0.04,
      comments: 0.005,
      shares: 0.003,
      saves: 0.02,
      clicks: 0.02,
    },
    tauHours: 12,
    peakHours: [12, 20, 21, 22],
    weekendLevel: [1.0, 1.2],
    sweetSpot: [150, 600],
    dmsPerDay: 2,
    sources: { search: 5, recommendation: 4, profile: 1, share: 0.5, other: 0.5 },
    femaleShare: [0.72, 0.85],
  },
  bluesky: {
    timeZone: 'America/New_York',
    language: 'en',
    zhShare: 0.08,
    followers: [1_500, 8_000],
    growth: [0.002, 0.006],
    churn: [0.0005, 0.002],
    reachRate: 0.3,
    rates: {
      impressionsPerReach: 1.2,
      likes: 0.05,
      comments: 0.008,
      shares: 0.01,
      saves: 0.002,
      clicks: 0.015,
    },
    tauHours: 2,
    peakHours: [9, 10, 11, 12, 13],
    weekendLevel: [0.7, 0.9],
    sweetSpot: [80, 260],
    dmsPerDay: 1.5,
    sources: { search: 1, recommendation: 2, profile: 1.5, share: 3, other: 1 },
    femaleShare: [0.4, 0.55],
  },
};

/** The default topics of a brand account, in the account's language. */
export function defaultTopics(language: Language): string[] {
  return language === 'zh'
    ? ['新品', '教程', '福利', '幕后', '用户故事']
    : ['launch', 'tutorial', 'giveaway', 'behindthescenes', 'customerstories'];
}

/** What a caller may fix instead of deriving it from the seed. */
export interface SandboxModelOverrides {
  timeZone?: string;
  brand?: BrandKind;
  /** Topic keys to give (evenly spread) affinities to; defaults to the brand's five topics. */
  topics?: string[];
  topicAffinities?: Record<string, number>;
  /** The weekday peak hour (local time); weekends shift later by one or two hours. */
  peakHour?: number;
  baseFollowers?: number;
  dailyGrowthRate?: number;
  dailyChurnRate?: number;
  crises?: SandboxCrisis[];
}

/**
 * Derives an account's whole audience from its style and seed. Every draw comes from one seeded
 * generator in a fixed order, so a seed always yields the same audience.
 */
export function deriveAudienceModel(
  platformStyle: PlatformStyle,
  seed: number,
  referenceAt: number,
  overrides: SandboxModelOverrides = {},
): SandboxAudienceModel {
  const style = STYLES[platformStyle];
  const rng = createRng(seed);
  const brand: BrandKind = overrides.brand ?? (rng() < 0.5 ? 'coffee' : 'skincare');

  const peak = overrides.peakHour ?? pick(rng, style.peakHours);
  // Weekends run later, but never past 23:00 so the peak stays on the same evening.
  const weekendShift = Math.min(rng() < 0.5 ? 1 : 2, 23 - peak);
  const second = secondPeakFor(peak, rng);
  const weekendLevel = between(rng, style.weekendLevel[0], style.weekendLevel[1]);
  const dayShapes: DayActivityShape[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const weekend = weekday >= 5;
    dayShapes.push({
      peakHour: weekend ? peak + weekendShift : peak,
      peakWidth: round(between(rng, 1.6, 2.2), 2),
      secondHour: weekend ? Math.min(23, second + weekendShift) : second,
      secondWeight: round(between(rng, 0.35, 0.6), 2),
      secondWidth: round(between(rng, 1.2, 1.8), 2),
      level: round(weekend ? weekendLevel : between(rng, 0.9, 1.0), 3),
    });
  }
  const activityGrid = buildActivityGrid(dayShapes);

  const topics = (overrides.topics ?? defaultTopics(style.language)).map(normalizeTopic);
  const topicAffinities = spreadAffinities(topics, rng);
  for (const [key, value] of Object.entries(overrides.topicAffinities ?? {})) {
    topicAffinities[normalizeTopic(key)] = value;
  }

  const baseFollowers =
    overrides.baseFollowers ?? Math.round(between(rng, style.followers[0], style.followers[1]));
  const dailyGrowthRate =
    overrides.dailyGrowthRate ?? round(between(rng, style.growth[0], style.growth[1]), 5);
  const dailyChurnRate =
    overrides.dailyChurnRate ?? round(between(rng, style.churn[0], style.churn[1]), 5);

  const sourceWeights = {} as Record<FollowerSource, number>;
  for (const source of FOLLOWER_SOURCES) {
    sourceWeights[source] = style.sources[source] * between(rng, 0.75, 1.25);
  }

  const female = between(rng, style.femaleShare[0], style.femaleShare[1]);
  const demographics = {
    ageBands: shares({
      '<18': between(rng, 0.02, 0.06),
      '18-24': between(rng, 0.2, 0.35),
      '25-34': between(rng, 0.3, 0.45),
      '35-44': between(rng, 0.1, 0.2),
      '45+': between(rng, 0.03, 0.1),
    }),
    gender: shares({ female, male: 1 - female - 0.02, other: 0.02 }),
    regions: shares(
      Object.fromEntries(
        (style.language === 'zh' ? ZH_REGIONS : EN_REGIONS).map(([name, weight]) => [
          name,
          weight * between(rng, 0.7, 1.3),
        ]),
      ),
    ),
    interests: shares(
      Object.fromEntries(
        INTERESTS[brand][style.language].map((name) => [name, between(rng, 0.5, 1.5)]),
      ),
    ),
  };

  return {
    version: 1,
    platformStyle,
    timeZone: overrides.timeZone ?? style.timeZone,
    brand,
    language: style.language,
    zhShare: style.zhShare,
    dayShapes,
    activityGrid,
    peakHourByWeekday: activityGrid.map(argmax),
    bestHourOverall: argmax(columnSums(activityGrid)),
    topicAffinities,
    baseFollowers,
    referenceAt,
    dailyGrowthRate,
    dailyChurnRate,
    followerSources: shares(sourceWeights),
    demographics,
    reachRate: style.reachRate,
    rates: style.rates,
    tauHours: style.tauHours,
    noiseSigma: 0.15,
    dmsPerDay: style.dmsPerDay,
    maxCommentsPerPost: 60,
    crises: overrides.crises ?? [],
  };
}

const ZH_REGIONS: Array<[string, number]> = [
  ['广东', 14],
  ['上海', 10],
  ['北京', 9],
  ['浙江', 9],
  ['江苏', 8],
  ['四川', 6],
  ['湖北', 5],
  ['其他', 39],
];
const EN_REGIONS: Array<[string, number]> = [
  ['United States', 45],
  ['United Kingdom', 12],
  ['Canada', 8],
  ['Germany', 6],
  ['Australia', 5],
  ['Other', 24],
];
const INTERESTS: Record<BrandKind, Record<Language, string[]>> = {
  coffee: {
    zh: ['咖啡', '美食', '探店', '旅行', '办公', '烘焙'],
    en: ['coffee', 'food', 'travel', 'productivity', 'baking', 'design'],
  },
  skincare: {
    zh: ['护肤', '美妆', '穿搭', '健身', '旅行', '成分党'],
    en: ['skincare', 'makeup', 'fashion', 'fitness', 'wellness', 'ingredients'],
  },
};

/** A secondary peak at least five hours from the main one, so the main one stays the maximum. */
function secondPeakFor(peak: number, rng: () => number): number {
  const candidates = [8, 12, 13, 17, 21].filter((h) => Math.abs(h - peak) >= 5);
  return candidates.length > 0 ? pick(rng, candidates) : (peak + 12) % 24;
}

/** Distinct, evenly spread affinities in [0.4, 1.8], shuffled by the seed. */
function spreadAffinities(topics: string[], rng: () => number): Record<string, number> {
  const n = topics.length;
  const values = topics.map((_, i) => (n === 1 ? 1 : 0.4 + (1.4 * i) / (n - 1)));
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [values[i], values[j]] = [values[j] ?? 1, values[i] ?? 1];
  }
  const out: Record<string, number> = {};
  topics.forEach((topic, i) => {
    out[topic] = round(values[i] ?? 1, 3);
  });
  return out;
}

function circularDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 24;
  return Math.min(d, 24 - d);
}

/**
 * Activity per weekday and hour: two Gaussian bumps on a small floor, scaled by the day's level
 * and normalized so the busiest cell is 1.
 */
export function buildActivityGrid(shapes: readonly DayActivityShape[]): number[][] {
  const grid = shapes.map((s) =>
    Array.from({ length: 24 }, (_, hour) => {
      const main = Math.exp(-(circularDistance(hour, s.peakHour) ** 2) / (2 * s.peakWidth ** 2));
      const second =
        s.secondWeight *
        Math.exp(-(circularDistance(hour, s.secondHour) ** 2) / (2 * s.secondWidth ** 2));
      // Nobody is awake at 3 a.m.: the floor dips at night.
      const floor = hour >= 1 && hour <= 6 ? 0.02 : 0.08;
      return s.level * (floor + main + second);
    }),
  );
  const max = Math.max(...grid.flat());
  return grid.map((row) => row.map((v) => round(v / max, 4)));
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  }
  return best;
}

function columnSums(grid: readonly number[][]): number[] {
  return Array.from({ length: 24 }, (_, h) => grid.reduce((sum, row) => sum + (row[h] ?? 0), 0));
}

/** Audience activity at `at` (0..1), read from the grid in the account's time zone. */
export function activityAt(model: SandboxAudienceModel, at: number): number {
  const { weekday, hour } = localWeekdayHour(at, model.timeZone);
  return model.activityGrid[weekday]?.[hour] ?? 0;
}

/** The grid a platform back-end would report: the truth with a little seeded noise. */
export function reportedActivityGrid(
  model: SandboxAudienceModel,
  seed: number,
  at: number,
): number[][] {
  const week = Math.floor(at / (7 * DAY));
  return model.activityGrid.map((row, weekday) =>
    row.map((value, hour) => {
      const noise = 1 + 0.1 * (unitHash(seed, 'reported', week, weekday, hour) - 0.5);
      return round(Math.min(1, value * noise), 3);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Followers

/** Followers at `at`: compound net growth (growth minus churn) from the reference time. */
export function followersAt(model: SandboxAudienceModel, at: number): number {
  const days = (at - model.referenceAt) / DAY;
  return Math.round(
    model.baseFollowers * Math.exp((model.dailyGrowthRate - model.dailyChurnRate) * days),
  );
}

// ---------------------------------------------------------------------------------------------
// Topics and text

/** The key a topic or hashtag is compared by: trimmed, without `#`, lower case. */
export function normalizeTopic(topic: string): string {
  return topic
    .trim()
    .replace(/^#+|#+$/g, '')
    .trim()
    .toLowerCase();
}

/** Topics from hashtags: Weibo-style `#话题#` first, then `#topic`. */
export function topicsFromText(text: string): string[] {
  const found: string[] = [];
  const rest = text.replace(/#([^#\s]{1,40})#/g, (_, inner: string) => {
    found.push(inner);
    return ' ';
  });
  for (const match of rest.matchAll(/#([\p{L}\p{N}_]+)/gu)) {
    if (match[1]) found.push(match[1]);
  }
  return [...new Set(found.map(normalizeTopic).filter((t) => t.length > 0))];
}

/** A topic's multiplier: declared, or derived from the seed for topics the model never saw. */
export function topicAffinity(model: SandboxAudienceModel, seed: number, topic: string): number {
  const key = normalizeTopic(topic);
  return model.topicAffinities[key] ?? round(0.4 + 1.4 * unitHash(seed, 'topic', key), 3);
}

/** Mean affinity of a post's topics; 1 when it has none. */
export function meanTopicAffinity(
  model: SandboxAudienceModel,
  seed: number,
  topics: readonly string[],
): number {
  if (topics.length === 0) return 1;
  return topics.reduce((sum, t) => sum + topicAffinity(model, seed, t), 0) / topics.length;
}

/** Length as the platforms count it: code points. */
export function characterCount(text: string): number {
  return [...text].length;
}

/**
 * How well a text is written, in [0.6, 1.4]: a length in the platform's sweet spot, a question,
 * an emoji and a hashtag each help; a seeded jitter from the text stands in for everything a
 * simple model cannot see (wit, the picture, the hook).
 */
export function textQuality(platformStyle: PlatformStyle, text: string): number {
  const [low, high] = STYLES[platformStyle].sweetSpot;
  const length = characterCount(text);
  let q = 1;
  if (length >= low && length <= high) q += 0.12;
  else if (length < low / 2) q -= 0.15;
  else if (length > high * 1.5) q -= 0.1;
  if (/[?？]/.test(text)) q += 0.08;
  if (/\p{Extended_Pictographic}/u.test(text)) q += 0.06;
  if (/#[^\s#]/.test(text)) q += 0.05;
  q += 0.3 * (unitHash('quality', text) - 0.5);
  return round(Math.min(1.4, Math.max(0.6, q)), 4);
}

// ---------------------------------------------------------------------------------------------
// Post performance

/** The parts of a post the simulation reads. */
export interface SimulatedPost {
  id: string;
  /** What the post's noise is seeded by: stable for the same account seed and key. */
  idempotencyKey: string;
  publishedAt: number;
  text: string;
  topics: readonly string[];
}

export interface PostFinals {
  impressions: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
}

/** Why a post does as well as it does: every factor of its expected outcome. */
export interface PostExplanation {
  followers: number;
  activity: number;
  affinity: number;
  quality: number;
  /** Multiplicative log-normal noise of this post. */
  noise: number;
  /** Expected final counts (not rounded). */
  finals: PostFinals;
  tauMs: number;
}

const METRIC_KEYS = [
  'impressions',
  'reach',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
] as const;
/** Comments trickle in later than likes; saves later still (people come back to them). */
const TAU_FACTOR: Record<(typeof METRIC_KEYS)[number], number> = {
  impressions: 1,
  reach: 1,
  likes: 1,
  comments: 1.3,
  shares: 0.8,
  saves: 1.5,
  clicks: 1,
};

function logNormal(seed: number, key: string, label: string, sigma: number): number {
  const z = standardNormal(unitHash(seed, key, label, 'a'), unitHash(seed, key, label, 'b'));
  return Math.exp(sigma * z - (sigma * sigma) / 2);
}

/**
 * Expected final reach ∝ followers(p) × activity(weekday, hour of p) × mean topic affinity ×
 * text quality × reach rate of the platform × noise; the other metrics are platform ratios of
 * reach, each with a little noise of its own.
 */
export function explainPost(
  model: SandboxAudienceModel,
  seed: number,
  post: SimulatedPost,
): PostExplanation {
  const followers = followersAt(model, post.publishedAt);
  const activity = activityAt(model, post.publishedAt);
  const affinity = meanTopicAffinity(model, seed, post.topics);
  const quality = textQuality(model.platformStyle, post.text);
  const noise = logNormal(seed, post.idempotencyKey, 'post', model.noiseSigma);
  const reach = followers * model.reachRate * activity * affinity * quality * noise;
  const ratio = (label: string, rate: number) =>
    reach * rate * logNormal(seed, post.idempotencyKey, label, 0.08);
  const finals: PostFinals = {
    impressions: reach * model.rates.impressionsPerReach,
    reach,
    likes: ratio('likes', model.rates.likes),
    comments: ratio('comments', model.rates.comments),
    shares: ratio('shares', model.rates.shares),
    saves: ratio('saves', model.rates.saves),
    clicks: ratio('clicks', model.rates.clicks),
  };
  return { followers, activity, affinity, quality, noise, finals, tauMs: model.tauHours * HOUR };
}

/** Share of a post's final engagement reached `elapsedMs` after publishing. */
export function lifecycle(elapsedMs: number, tauMs: number): number {
  return elapsedMs <= 0 ? 0 : 1 - Math.exp(-elapsedMs / tauMs);
}

/** Metric counts of a post at `at`: whole numbers, non-decreasing in `at`. */
export function postMetricsAt(
  model: SandboxAudienceModel,
  seed: number,
  post: SimulatedPost,
  at: number,
): PostFinals {
  const { finals, tauMs } = explainPost(model, seed, post);
  const elapsed = at - post.publishedAt;
  const out = {} as PostFinals;
  for (const key of METRIC_KEYS) {
    out[key] = Math.floor(finals[key] * lifecycle(elapsed, tauMs * TAU_FACTOR[key]));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inbound message schedules

/** Comments arrive within a week of the post; later ones are dropped from the inbox. */
export const COMMENT_HORIZON_MS = 7 * DAY;

export interface CommentSlot {
  index: number;
  createdAt: number;
  /** Index of the comment this one answers, for threaded replies. */
  parentIndex: number | null;
}

/**
 * When each exposed comment of a post arrives: as many as its expected final comment count
 * (capped), at times drawn from the same lifecycle curve as its metrics, cut at the horizon.
 */
export function commentSchedule(
  model: SandboxAudienceModel,
  seed: number,
  post: SimulatedPost,
): CommentSlot[] {
  const { finals, tauMs } = explainPost(model, seed, post);
  const count = Math.min(model.maxCommentsPerPost, Math.round(finals.comments));
  const tau = tauMs * TAU_FACTOR.comments;
  const cut = 1 - Math.exp(-COMMENT_HORIZON_MS / tau);
  const slots: CommentSlot[] = [];
  for (let index = 0; index < count; index++) {
    const u = unitHash(seed, post.idempotencyKey, 'comment', index);
    const delay = -tau * Math.log(1 - u * cut);
    slots.push({
      index,
      createdAt: post.publishedAt + Math.max(1000, Math.round(delay)),
      parentIndex: null,
    });
  }
  // A few comments answer an earlier one of the same post.
  for (const slot of slots) {
    const earlier = slots.filter((s) => s.createdAt < slot.createdAt);
    if (earlier.length > 0 && unitHash(seed, post.idempotencyKey, 'thread', slot.index) < 0.12) {
      const parent =
        earlier[
          Math.floor(unitHash(seed, post.idempotencyKey, 'parent', slot.index) * earlier.length)
        ];
      slot.parentIndex = parent?.index ?? null;
    }
  }
  return slots;
}

/** Days are counted in UTC so a DM's id never depends on the time zone database. */
export function dayNumber(at: number): number {
  return Math.floor(at / DAY);
}

export interface DirectMessageSlot {
  day: number;
  index: number;
  createdAt: number;
}

/**
 * The DMs of one UTC day: a seeded count around `dmsPerDay`, at hours weighted by the audience's
 * activity in the account's time zone.
 */
export function directMessageSchedule(
  model: SandboxAudienceModel,
  seed: number,
  day: number,
): DirectMessageSlot[] {
  const start = day * DAY;
  const weights = Array.from({ length: 24 }, (_, h) => activityAt(model, start + h * HOUR) + 0.02);
  const total = weights.reduce((a, b) => a + b, 0);
  const crisis = inCrisis(model, start + 12 * HOUR) ? 3 : 1;
  const count = Math.floor(model.dmsPerDay * crisis * 2 * unitHash(seed, 'dm-count', day) + 0.5);
  const slots: DirectMessageSlot[] = [];
  for (let index = 0; index < count; index++) {
    let u = unitHash(seed, 'dm-hour', day, index) * total;
    let hour = 0;
    while (hour < 23 && u >= (weights[hour] ?? 0)) {
      u -= weights[hour] ?? 0;
      hour++;
    }
    const offset = Math.floor(unitHash(seed, 'dm-minute', day, index) * HOUR);
    slots.push({ day, index, createdAt: start + hour * HOUR + offset });
  }
  return slots;
}

/** Whether `at` falls inside one of the model's crisis windows. */
export function inCrisis(model: SandboxAudienceModel, at: number): boolean {
  return model.crises.some((c) => at >= c.startsAt && at < c.startsAt + c.hours * HOUR);
}
