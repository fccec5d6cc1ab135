/**
 * The KPI catalogue: every key performance indicator OpsLoop reports, defined once. Pages, the
 * API, reports and goals read their label, formula, unit and inputs from here.
 *
 * A KPI is computed from raw counts summed over a period and over channels (`RawSums`), never by
 * averaging rates stored per row: the engagement rate of two posts is the sum of their
 * engagement over the sum of their impressions, whatever each post's own rate was.
 */

/** Raw counts the catalogue is computed from; each is summed (or taken) over a period. */
export const RAW_KEYS = [
  'impressions',
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'conversions',
  'revenue',
  'cost',
  'followers_start',
  'followers_end',
  'follows',
  'unfollows',
  'net_follows',
  'dau_sum',
  'dau_days',
  'wau',
  'mau',
  'responses',
  'response_ms',
] as const;
export type RawKey = (typeof RAW_KEYS)[number];

/** Where follows came from, as platforms report it (粉丝来源). */
export const FOLLOW_SOURCES = ['search', 'recommendation', 'profile', 'share', 'other'] as const;
export type FollowSource = (typeof FOLLOW_SOURCES)[number];

/**
 * Summed raw counts of a period; null where no data exists (which differs from zero: a rate
 * over a missing count is unknown, not 0%). Money is in integer minor units.
 */
export type RawSums = Record<RawKey, number | null> & {
  /** Follows split by source, when the platform reports it. */
  followsBySource: Partial<Record<FollowSource, number>>;
};

export const KPI_IDS = [
  'impressions',
  'reach',
  'views',
  'engagement',
  'likes',
  'comments',
  'shares',
  'saves',
  'engagement_rate',
  'view_engagement_rate',
  'followers',
  'net_growth',
  'growth_rate',
  'unfollow_rate',
  'acquisition_by_source',
  'link_clicks',
  'ctr',
  'conversions',
  'cvr',
  'revenue',
  'roi',
  'dau',
  'wau',
  'mau',
  'response_time',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

export const KPI_CATEGORIES = [
  'reach',
  'engagement',
  'audience',
  'conversion',
  'community',
  'service',
] as const;
export type KpiCategory = (typeof KPI_CATEGORIES)[number];

/** count: a whole number; percent: a ratio shown ×100; money: minor units; duration: ms. */
export type KpiUnit = 'count' | 'percent' | 'money' | 'duration';

/**
 * How a KPI aggregates over time and channels:
 * - sum: add the raw counts;
 * - last: the level at the end of the period (followers), summed over channels;
 * - mean_daily: the sum of daily values over the number of days with data (DAU);
 * - ratio: a ratio of summed raw counts, never an average of per-row ratios;
 * - breakdown: a sum split by a dimension, with each part's share of the total.
 */
export type KpiAggregation = 'sum' | 'last' | 'mean_daily' | 'ratio' | 'breakdown';

/** Where the raw counts come from. */
export type KpiSource = 'posts' | 'channel' | 'posts_or_channel' | 'inbox';

export interface KpiDefinition {
  id: KpiId;
  category: KpiCategory;
  /** i18n key of the KPI's name. */
  labelKey: `analytics.kpi.${KpiId}`;
  /** i18n key of one sentence saying what it measures. */
  descriptionKey: `analytics.kpiHelp.${KpiId}`;
  /**
   * The formula over raw counts, the words being `RawKey`s; the UI shows it with each word
   * translated (`analytics.raw.<key>`).
   */
  formula: string;
  unit: KpiUnit;
  needs: readonly RawKey[];
  aggregation: KpiAggregation;
  source: KpiSource;
  /** False where a fall is good news (unfollow rate, response time). */
  higherIsBetter: boolean;
}

function kpi(
  id: KpiId,
  category: KpiCategory,
  formula: string,
  unit: KpiUnit,
  needs: readonly RawKey[],
  aggregation: KpiAggregation,
  source: KpiSource,
  higherIsBetter = true,
): KpiDefinition {
  return {
    id,
    category,
    labelKey: `analytics.kpi.${id}`,
    descriptionKey: `analytics.kpiHelp.${id}`,
    formula,
    unit,
    needs,
    aggregation,
    source,
    higherIsBetter,
  };
}

const ENGAGEMENT_PARTS = ['likes', 'comments', 'shares', 'saves'] as const;

/** The catalogue, in the order pages show it. */
export const KPI_CATALOGUE: readonly KpiDefinition[] = [
  kpi('impressions', 'reach', 'impressions', 'count', ['impressions'], 'sum', 'posts_or_channel'),
  kpi('reach', 'reach', 'reach', 'count', ['reach'], 'sum', 'posts_or_channel'),
  kpi('views', 'reach', 'views', 'count', ['views'], 'sum', 'posts_or_channel'),
  kpi(
    'engagement',
    'engagement',
    'likes + comments + shares + saves',
    'count',
    ENGAGEMENT_PARTS,
    'sum',
    'posts_or_channel',
  ),
  kpi('likes', 'engagement', 'likes', 'count', ['likes'], 'sum', 'posts_or_channel'),
  kpi('comments', 'engagement', 'comments', 'count', ['comments'], 'sum', 'posts_or_channel'),
  kpi('shares', 'engagement', 'shares', 'count', ['shares'], 'sum', 'posts_or_channel'),
  kpi('saves', 'engagement', 'saves', 'count', ['saves'], 'sum', 'posts_or_channel'),
  kpi(
    'engagement_rate',
    'engagement',
    '(likes + comments + shares + saves) ÷ impressions',
    'percent',
    [...ENGAGEMENT_PARTS, 'impressions'],
    'ratio',
    'posts_or_channel',
  ),
  kpi(
    'view_engagement_rate',
    'engagement',
    '(likes + comments + shares + saves) ÷ views',
    'percent',
    [...ENGAGEMENT_PARTS, 'views'],
    'ratio',
    'posts_or_channel',
  ),
  kpi('followers', 'audience', 'followers_end', 'count', ['followers_end'], 'last', 'channel'),
  kpi(
    'net_growth',
    'audience',
    'follows − unfollows',
    'count',
    ['follows', 'unfollows', 'net_follows', 'followers_start', 'followers_end'],
    'sum',
    'channel',
  ),
  kpi(
    'growth_rate',
    'audience',
    '(follows − unfollows) ÷ followers_start',
    'percent',
    ['follows', 'unfollows', 'net_follows', 'followers_start', 'followers_end'],
    'ratio',
    'channel',
  ),
  kpi(
    'unfollow_rate',
    'audience',
    'unfollows ÷ followers_start',
    'percent',
    ['unfollows', 'followers_start'],
    'ratio',
    'channel',
    false,
  ),
  kpi(
    'acquisition_by_source',
    'audience',
    'follows (by source)',
    'count',
    ['follows'],
    'breakdown',
    'channel',
  ),
  kpi('link_clicks', 'conversion', 'clicks', 'count', ['clicks'], 'sum', 'posts_or_channel'),
  kpi(
    'ctr',
    'conversion',
    'clicks ÷ impressions',
    'percent',
    ['clicks', 'impressions'],
    'ratio',
    'posts_or_channel',
  ),
  kpi(
    'conversions',
    'conversion',
    'conversions',
    'count',
    ['conversions'],
    'sum',
    'posts_or_channel',
  ),
  kpi(
    'cvr',
    'conversion',
    'conversions ÷ clicks',
    'percent',
    ['conversions', 'clicks'],
    'ratio',
    'posts_or_channel',
  ),
  kpi('revenue', 'conversion', 'revenue', 'money', ['revenue'], 'sum', 'posts_or_channel'),
  kpi(
    'roi',
    'conversion',
    '(revenue − cost) ÷ cost',
    'percent',
    ['revenue', 'cost'],
    'ratio',
    'channel',
  ),
  kpi(
    'dau',
    'community',
    'dau_sum ÷ dau_days',
    'count',
    ['dau_sum', 'dau_days'],
    'mean_daily',
    'channel',
  ),
  kpi('wau', 'community', 'wau', 'count', ['wau'], 'last', 'channel'),
  kpi('mau', 'community', 'mau', 'count', ['mau'], 'last', 'channel'),
  kpi(
    'response_time',
    'service',
    'response_ms ÷ responses',
    'duration',
    ['response_ms', 'responses'],
    'ratio',
    'inbox',
    false,
  ),
];

export const KPI_BY_ID: Readonly<Record<KpiId, KpiDefinition>> = Object.fromEntries(
  KPI_CATALOGUE.map((def) => [def.id, def]),
) as Record<KpiId, KpiDefinition>;

/** A KPI's value for a period; null when its inputs are missing or a denominator is zero. */
export type KpiValues = Record<KpiId, number | null>;

export interface SourceShare {
  source: FollowSource;
  follows: number;
  /** follows of this source ÷ follows of every source. */
  share: number;
}

export interface KpiResult {
  values: KpiValues;
  /** Follows by source with each source's share: the breakdown of `acquisition_by_source`. */
  acquisition: SourceShare[];
}

/** Raw sums with nothing in them: the start of an accumulation. */
export function emptyRawSums(): RawSums {
  const sums = Object.fromEntries(RAW_KEYS.map((key) => [key, null])) as Record<
    RawKey,
    number | null
  >;
  return { ...sums, followsBySource: {} };
}

/** Adds b into a, key by key; null + x = x, so "no data" never hides data. */
export function addRawSums(a: RawSums, b: Partial<RawSums>): RawSums {
  const out: RawSums = { ...a, followsBySource: { ...a.followsBySource } };
  for (const key of RAW_KEYS) {
    const value = b[key];
    if (value === null || value === undefined) continue;
    out[key] = (out[key] ?? 0) + value;
  }
  for (const [source, value] of Object.entries(b.followsBySource ?? {})) {
    const key = source as FollowSource;
    out.followsBySource[key] = (out.followsBySource[key] ?? 0) + value;
  }
  return out;
}

function sumOf(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const value of values) if (value !== null) total = (total ?? 0) + value;
  return total;
}

function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return numerator / denominator;
}

/** Net growth: follows − unfollows when both are known, else the reported net, else the change in followers. */
function netGrowth(raw: RawSums): number | null {
  if (raw.follows !== null && raw.unfollows !== null) return raw.follows - raw.unfollows;
  if (raw.net_follows !== null) return raw.net_follows;
  if (raw.followers_start !== null && raw.followers_end !== null) {
    return raw.followers_end - raw.followers_start;
  }
  return null;
}

/** Every KPI of the catalogue from one period's raw sums. */
export function computeKpis(raw: RawSums): KpiResult {
  const engagement = sumOf(ENGAGEMENT_PARTS.map((key) => raw[key]));
  const net = netGrowth(raw);
  const sourceTotal = Object.values(raw.followsBySource).reduce((a, b) => a + b, 0);
  const acquisition: SourceShare[] = FOLLOW_SOURCES.flatMap((source) => {
    const follows = raw.followsBySource[source];
    if (follows === undefined) return [];
    return [{ source, follows, share: sourceTotal > 0 ? follows / sourceTotal : 0 }];
  });
  const values: KpiValues = {
    impressions: raw.impressions,
    reach: raw.reach,
    views: raw.views,
    engagement,
    likes: raw.likes,
    comments: raw.comments,
    shares: raw.shares,
    saves: raw.saves,
    engagement_rate: ratio(engagement, raw.impressions),
    view_engagement_rate: ratio(engagement, raw.views),
    followers: raw.followers_end,
    net_growth: net,
    growth_rate: ratio(net, raw.followers_start),
    unfollow_rate: ratio(raw.unfollows, raw.followers_start),
    acquisition_by_source: acquisition.length > 0 ? sourceTotal : null,
    link_clicks: raw.clicks,
    ctr: ratio(raw.clicks, raw.impressions),
    conversions: raw.conversions,
    cvr: ratio(raw.conversions, raw.clicks),
    revenue: raw.revenue,
    roi: raw.revenue === null ? null : ratio(raw.revenue - (raw.cost ?? 0), raw.cost),
    dau: ratio(raw.dau_sum, raw.dau_days),
    wau: raw.wau,
    mau: raw.mau,
    response_time: ratio(raw.response_ms, raw.responses),
  };
  return { values, acquisition };
}

/** Relative change from the previous period; null when there is nothing to compare against. */
export function kpiChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
