import type { Executor } from '../../db/executor.ts';

/** Post-level counts summed per channel and currency. */
export interface SnapshotTotals {
  channel_id: string;
  currency: string | null;
  impressions: number | null;
  reach: number | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  clicks: number | null;
  follows: number | null;
  conversions: number | null;
  revenue: number | null;
}

const COUNTS = [
  'impressions',
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'follows',
  'conversions',
  'revenue',
] as const;

/**
 * Each post's latest snapshot taken before `before`, summed per channel (and currency). Counts
 * are cumulative, so the totals at the end of a period minus those at its start are what the
 * period added.
 */
export async function snapshotTotalsBefore(
  db: Executor,
  workspaceId: string,
  channelIds: readonly string[] | null,
  before: number,
): Promise<SnapshotTotals[]> {
  let query = db
    .selectFrom('metric_snapshot as s')
    .select(['s.channel_id', 's.currency'])
    .select((eb) => COUNTS.map((c) => eb.fn.sum<number | null>(`s.${c}`).as(c)))
    .where('s.workspace_id', '=', workspaceId)
    .where('s.observed_at', '<', before)
    .where((eb) =>
      eb(
        's.observed_at',
        '=',
        eb
          .selectFrom('metric_snapshot as l')
          .select((inner) => inner.fn.max('l.observed_at').as('m'))
          .where('l.workspace_id', '=', workspaceId)
          .whereRef('l.target_id', '=', 's.target_id')
          .where('l.observed_at', '<', before),
      ),
    )
    .groupBy(['s.channel_id', 's.currency']);
  if (channelIds) {
    if (channelIds.length === 0) return [];
    query = query.where('s.channel_id', 'in', channelIds);
  }
  const rows = await query.execute();
  // PostgreSQL sums bigints as numeric, which arrives as text on some drivers.
  return rows.map((row) => {
    const out = { channel_id: row.channel_id, currency: row.currency } as SnapshotTotals;
    for (const c of COUNTS) {
      const value = (row as Record<string, unknown>)[c];
      out[c] = value === null || value === undefined ? null : Number(value);
    }
    return out;
  });
}

export interface DailySum {
  channel_id: string;
  metric: string;
  dimension: string;
  total: number;
  days: number;
}

/** Daily channel numbers summed over a range of days (inclusive). */
export async function dailySums(
  db: Executor,
  workspaceId: string,
  channelIds: readonly string[] | null,
  from: string,
  to: string,
): Promise<DailySum[]> {
  let query = db
    .selectFrom('channel_metric_daily')
    .select(['channel_id', 'metric', 'dimension'])
    .select((eb) => [eb.fn.sum<number>('value').as('total'), eb.fn.countAll<number>().as('days')])
    .where('workspace_id', '=', workspaceId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['channel_id', 'metric', 'dimension']);
  if (channelIds) {
    if (channelIds.length === 0) return [];
    query = query.where('channel_id', 'in', channelIds);
  }
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, total: Number(row.total), days: Number(row.days) }));
}

/**
 * A level metric (followers, WAU, MAU) per channel: its value on the last day within
 * [from, to] that has one (`last`), or on the first such day (`first`).
 */
export async function dailyLevels(
  db: Executor,
  workspaceId: string,
  channelIds: readonly string[] | null,
  metric: string,
  from: string | null,
  to: string,
  which: 'first' | 'last',
): Promise<{ channel_id: string; day: string; value: number }[]> {
  let query = db
    .selectFrom('channel_metric_daily as d')
    .select(['d.channel_id', 'd.day', 'd.value'])
    .where('d.workspace_id', '=', workspaceId)
    .where('d.metric', '=', metric)
    .where('d.dimension', '=', '')
    .where((eb) => {
      let inner = eb
        .selectFrom('channel_metric_daily as e')
        .where('e.workspace_id', '=', workspaceId)
        .whereRef('e.channel_id', '=', 'd.channel_id')
        .where('e.metric', '=', metric)
        .where('e.dimension', '=', '')
        .where('e.day', '<=', to);
      if (from !== null) inner = inner.where('e.day', '>=', from);
      return eb(
        'd.day',
        '=',
        inner.select((x) => (which === 'last' ? x.fn.max('e.day') : x.fn.min('e.day')).as('m')),
      );
    });
  if (channelIds) {
    if (channelIds.length === 0) return [];
    query = query.where('d.channel_id', 'in', channelIds);
  }
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, value: Number(row.value) }));
}

export async function findWorkspaceTimezone(
  db: Executor,
  workspaceId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('workspace')
    .select('timezone')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return row?.timezone ?? null;
}
