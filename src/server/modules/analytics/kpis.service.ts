import type { KpiPeriodReport, KpiQuery, KpiReport } from '../../../shared/analytics.ts';
import {
  computeKpis,
  emptyRawSums,
  FOLLOW_SOURCES,
  RAW_KEYS,
  type FollowSource,
  type RawKey,
  type RawSums,
} from '../../../shared/kpis.ts';
import type { Db } from '../../db/database.ts';
import type { WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { addDays, dayStart, daysBetween, localDay } from './days.ts';
import { findChannels } from './ingest.repo.ts';
import * as repo from './kpis.repo.ts';

/**
 * First-response times of the inbox for a period: how many conversations got a first answer and
 * the milliseconds they waited, summed. Null when the inbox has nothing to say.
 */
export type ResponseTimeSource = (
  workspaceId: string,
  range: { start: number; end: number },
  channelIds: readonly string[] | null,
) => Promise<{ responses: number; totalMs: number } | null>;

export interface KpiServiceDeps {
  db: Db;
  clock: Clock;
  responseTimes?: ResponseTimeSource | undefined;
}

/** Counts that a channel reports both per post and per day; its daily numbers win. */
const CONTENT_COUNTS = [
  'impressions',
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'conversions',
  'follows',
] as const;
type ContentCount = (typeof CONTENT_COUNTS)[number];

const MAX_PERIOD_DAYS = 366;

function add(a: number | null, b: number | null): number | null {
  if (b === null) return a;
  return (a ?? 0) + b;
}

interface PeriodSums {
  raw: RawSums;
  /** Money by currency, before deciding whether the period has one currency. */
  revenue: Map<string, number>;
  cost: Map<string, number>;
}

export function createKpiService(deps: KpiServiceDeps) {
  const { db, clock } = deps;

  async function periodSums(
    workspaceId: string,
    channelIds: readonly string[] | null,
    from: string,
    to: string,
    timezone: string,
  ): Promise<PeriodSums> {
    const start = dayStart(from, timezone);
    const end = dayStart(addDays(to, 1), timezone);
    const [atEnd, atStart, daily] = await Promise.all([
      repo.snapshotTotalsBefore(db.kysely, workspaceId, channelIds, end),
      repo.snapshotTotalsBefore(db.kysely, workspaceId, channelIds, start),
      repo.dailySums(db.kysely, workspaceId, channelIds, from, to),
    ]);

    // What each channel's posts added in the period: totals at the end minus at the start.
    const fromPosts = new Map<string, Record<ContentCount, number | null>>();
    const postRevenue = new Map<string, Map<string, number>>();
    const apply = (rows: repo.SnapshotTotals[], sign: 1 | -1) => {
      for (const row of rows) {
        const counts =
          fromPosts.get(row.channel_id) ??
          (Object.fromEntries(CONTENT_COUNTS.map((c) => [c, null])) as Record<
            ContentCount,
            number | null
          >);
        for (const c of CONTENT_COUNTS) {
          const value = row[c];
          if (value !== null) counts[c] = (counts[c] ?? 0) + sign * value;
        }
        fromPosts.set(row.channel_id, counts);
        if (row.revenue !== null) {
          const byCurrency = postRevenue.get(row.channel_id) ?? new Map<string, number>();
          const currency = row.currency ?? '';
          byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + sign * row.revenue);
          postRevenue.set(row.channel_id, byCurrency);
        }
      }
    };
    apply(atEnd, 1);
    apply(atStart, -1);

    const fromDays = new Map<string, Map<string, Map<string, { total: number; days: number }>>>();
    for (const row of daily) {
      const metrics = fromDays.get(row.channel_id) ?? new Map();
      const dims = metrics.get(row.metric) ?? new Map();
      dims.set(row.dimension, { total: row.total, days: row.days });
      metrics.set(row.metric, dims);
      fromDays.set(row.channel_id, metrics);
    }

    const raw = emptyRawSums();
    const revenue = new Map<string, number>();
    const cost = new Map<string, number>();
    const channels = new Set([...fromPosts.keys(), ...fromDays.keys()]);
    let dauDays = 0;
    for (const channel of channels) {
      const days = fromDays.get(channel);
      const posts = fromPosts.get(channel);
      const dailyTotal = (metric: string): number | null => {
        const dims = days?.get(metric);
        if (!dims) return null;
        let total = 0;
        for (const { total: value } of dims.values()) total += value;
        return total;
      };
      // A channel's own daily numbers cover every post, including those OpsLoop never saw.
      for (const c of CONTENT_COUNTS) {
        raw[c] = add(raw[c], dailyTotal(c) ?? posts?.[c] ?? null);
      }
      raw.unfollows = add(raw.unfollows, dailyTotal('unfollows'));
      raw.net_follows = add(raw.net_follows, dailyTotal('net_follows'));
      raw.dau_sum = add(raw.dau_sum, dailyTotal('dau'));
      dauDays = Math.max(dauDays, days?.get('dau')?.get('')?.days ?? 0);
      for (const [source, { total }] of days?.get('follows_by_source') ?? []) {
        if (!(FOLLOW_SOURCES as readonly string[]).includes(source)) continue;
        const key = source as FollowSource;
        raw.followsBySource[key] = (raw.followsBySource[key] ?? 0) + total;
      }
      const revenueByCurrency = days?.get('revenue')
        ? new Map([...days.get('revenue')!].map(([currency, v]) => [currency, v.total]))
        : (postRevenue.get(channel) ?? new Map<string, number>());
      for (const [currency, value] of revenueByCurrency) {
        revenue.set(currency, (revenue.get(currency) ?? 0) + value);
      }
      for (const [currency, { total }] of days?.get('cost') ?? []) {
        cost.set(currency, (cost.get(currency) ?? 0) + total);
      }
    }
    if (dauDays > 0) raw.dau_days = dauDays;

    const [endLevels, beforeLevels, firstLevels, wau, mau] = await Promise.all([
      repo.dailyLevels(db.kysely, workspaceId, channelIds, 'followers', null, to, 'last'),
      repo.dailyLevels(
        db.kysely,
        workspaceId,
        channelIds,
        'followers',
        null,
        addDays(from, -1),
        'last',
      ),
      repo.dailyLevels(db.kysely, workspaceId, channelIds, 'followers', from, to, 'first'),
      repo.dailyLevels(db.kysely, workspaceId, channelIds, 'wau', from, to, 'last'),
      repo.dailyLevels(db.kysely, workspaceId, channelIds, 'mau', from, to, 'last'),
    ]);
    const before = new Map(beforeLevels.map((l) => [l.channel_id, l.value]));
    const first = new Map(firstLevels.map((l) => [l.channel_id, l.value]));
    for (const level of endLevels) {
      raw.followers_end = add(raw.followers_end, level.value);
      // A channel first seen inside the period starts from its first known level.
      raw.followers_start = add(
        raw.followers_start,
        before.get(level.channel_id) ?? first.get(level.channel_id) ?? null,
      );
    }
    for (const level of wau) raw.wau = add(raw.wau, level.value);
    for (const level of mau) raw.mau = add(raw.mau, level.value);

    if (deps.responseTimes) {
      const responses = await deps.responseTimes(workspaceId, { start, end }, channelIds);
      if (responses) {
        raw.responses = responses.responses;
        raw.response_ms = responses.totalMs;
      }
    }
    return { raw, revenue, cost };
  }

  return {
    /** The catalogue's values for a period and for the period of equal length before it. */
    async kpiReport(scope: WorkspaceScope, query: KpiQuery): Promise<KpiReport> {
      const timezone = (await repo.findWorkspaceTimezone(db.kysely, scope.workspaceId)) ?? 'UTC';
      let channelIds: readonly string[] | null = scope.channelIds;
      if (query.channelId) {
        const [channel] = await findChannels(db.kysely, scope.workspaceId, [query.channelId]);
        if (!channel || (scope.channelIds && !scope.channelIds.includes(channel.id))) {
          throw AppError.notFound('Channel');
        }
        channelIds = [channel.id];
      }
      const to = query.to ?? localDay(clock.now(), timezone);
      const from = query.from ?? addDays(to, -29);
      const length = daysBetween(from, to) + 1;
      if (length < 1) {
        throw new AppError('validation_failed', 'Invalid query: from', {
          fields: { from: 'must not be after to' },
        });
      }
      if (length > MAX_PERIOD_DAYS) {
        throw new AppError('validation_failed', 'Invalid query: from', {
          fields: { from: `a period is at most ${MAX_PERIOD_DAYS} days` },
        });
      }
      const previousTo = addDays(from, -1);
      const previousFrom = addDays(previousTo, -(length - 1));
      const [current, previous] = await Promise.all([
        periodSums(scope.workspaceId, channelIds, from, to, timezone),
        periodSums(scope.workspaceId, channelIds, previousFrom, previousTo, timezone),
      ]);
      const currencies = [
        ...new Set([
          ...current.revenue.keys(),
          ...current.cost.keys(),
          ...previous.revenue.keys(),
          ...previous.cost.keys(),
        ]),
      ].sort();
      const currency = currencies.length === 1 ? currencies[0]! : null;
      const present = (sums: PeriodSums, periodFrom: string, periodTo: string): KpiPeriodReport => {
        // Money in several currencies is not added up; its KPIs stay empty.
        if (currency !== null) {
          sums.raw.revenue = sums.revenue.get(currency) ?? null;
          sums.raw.cost = sums.cost.get(currency) ?? null;
        }
        const result = computeKpis(sums.raw);
        const rawCounts = Object.fromEntries(RAW_KEYS.map((key) => [key, sums.raw[key]])) as Record<
          RawKey,
          number | null
        >;
        return {
          from: periodFrom,
          to: periodTo,
          values: result.values,
          raw: rawCounts,
          acquisition: result.acquisition,
        };
      };
      return {
        timezone,
        channelId: query.channelId ?? null,
        currency: currency === '' ? null : currency,
        mixedCurrencies: currencies.length > 1 ? currencies : [],
        current: present(current, from, to),
        previous: present(previous, previousFrom, previousTo),
        inbox: deps.responseTimes !== undefined,
      };
    },
  };
}

export type KpiService = ReturnType<typeof createKpiService>;
