import {
  DAILY_METRICS,
  MONEY_FIELDS,
  POST_COUNT_FIELDS,
  SIGNED_FIELDS,
  type DailyMetric,
  type ImportField,
  type PostCountField,
} from '../../../shared/analytics.ts';
import { FOLLOW_SOURCES } from '../../../shared/kpis.ts';
import { dayStart, addDays } from './days.ts';
import type { SheetRow } from './import-file.ts';
import {
  parseCount,
  parseMoney,
  parseWallTime,
  wallTimeDay,
  wallTimeToEpoch,
} from './import-values.ts';

/** A row's problem: the field (column) it is in, the text found and why it is refused. */
export interface RowIssue {
  line: number;
  field: string | null;
  value: string | null;
  reason: string;
}

export interface PostImportRow {
  line: number;
  targetId: string | null;
  externalId: string | null;
  url: string | null;
  title: string | null;
  publishedAt: number | null;
  observedAt: number;
  counts: Partial<Record<PostCountField, number | null>>;
}

export interface DailyImportRow {
  line: number;
  day: string;
  values: { metric: DailyMetric | 'follows_by_source'; dimension: string; value: number }[];
}

export interface ConvertContext {
  columns: readonly (ImportField | null)[];
  /** The zone of times written without an offset: the channel's. */
  timezone: string;
  /** When the numbers were read, for rows without their own date. */
  asOf: number;
  currency: string;
}

function cellOf(row: SheetRow, columns: readonly (ImportField | null)[], field: ImportField) {
  const index = columns.indexOf(field);
  return index < 0 ? '' : (row.cells[index] ?? '').trim();
}

const DAILY_SET = new Set<string>(DAILY_METRICS);
const SOURCE_PREFIX = 'follows_source_';

/** Reads one post-level row; issues name the column and the text that could not be read. */
export function convertPostRow(
  row: SheetRow,
  ctx: ConvertContext,
): { row: PostImportRow } | { issue: RowIssue } {
  const fail = (field: string | null, value: string | null, reason: string) => ({
    issue: { line: row.line, field, value, reason },
  });
  const text = (field: ImportField) => cellOf(row, ctx.columns, field) || null;
  const targetId = text('target_id');
  const externalId = text('external_id');
  const url = text('url');
  const title = text('title');
  if (!targetId && !externalId && !url && !title) {
    return fail(null, null, 'the row names no post (no title, post id or link)');
  }

  let publishedAt: number | null = null;
  const publishedText = cellOf(row, ctx.columns, 'published_at');
  const published = parseWallTime(publishedText);
  if (!published.ok) return fail('published_at', publishedText, published.reason);
  if (published.value) publishedAt = wallTimeToEpoch(published.value, ctx.timezone);

  let observedAt = ctx.asOf;
  const observedText = cellOf(row, ctx.columns, 'observed_at');
  const observed = parseWallTime(observedText);
  if (!observed.ok) return fail('observed_at', observedText, observed.reason);
  if (observed.value) {
    // A date alone means the numbers as they stood at the end of that day.
    observedAt = observed.value.hasTime
      ? wallTimeToEpoch(observed.value, ctx.timezone)
      : dayStart(addDays(wallTimeDay(observed.value), 1), ctx.timezone) - 1;
  }

  const counts: Partial<Record<PostCountField, number | null>> = {};
  for (const field of POST_COUNT_FIELDS) {
    if (!ctx.columns.includes(field)) continue;
    const cell = cellOf(row, ctx.columns, field);
    const parsed = MONEY_FIELDS.includes(field) ? parseMoney(cell, ctx.currency) : parseCount(cell);
    if (!parsed.ok) return fail(field, cell, parsed.reason);
    counts[field] = parsed.value;
  }
  return {
    row: { line: row.line, targetId, externalId, url, title, publishedAt, observedAt, counts },
  };
}

/** Reads one daily channel row; null when it carries no numbers at all. */
export function convertDailyRow(
  row: SheetRow,
  ctx: ConvertContext,
): { row: DailyImportRow | null } | { issue: RowIssue } {
  const fail = (field: string | null, value: string | null, reason: string) => ({
    issue: { line: row.line, field, value, reason },
  });
  const dayText = cellOf(row, ctx.columns, 'day');
  const day = parseWallTime(dayText);
  if (!day.ok) return fail('day', dayText, day.reason);
  if (!day.value) return fail('day', dayText, 'the row has no date');

  const values: DailyImportRow['values'] = [];
  for (const field of ctx.columns) {
    if (!field || field === 'day') continue;
    const cell = cellOf(row, ctx.columns, field);
    const money = MONEY_FIELDS.includes(field);
    const parsed = money
      ? parseMoney(cell, ctx.currency)
      : parseCount(cell, SIGNED_FIELDS.includes(field));
    if (!parsed.ok) return fail(field, cell, parsed.reason);
    if (parsed.value === null) continue;
    if (field.startsWith(SOURCE_PREFIX)) {
      const source = field.slice(SOURCE_PREFIX.length);
      if ((FOLLOW_SOURCES as readonly string[]).includes(source)) {
        values.push({ metric: 'follows_by_source', dimension: source, value: parsed.value });
      }
    } else if (DAILY_SET.has(field)) {
      values.push({
        metric: field as DailyMetric,
        dimension: money ? ctx.currency : '',
        value: parsed.value,
      });
    }
  }
  if (values.length === 0) return { row: null };
  return { row: { line: row.line, day: wallTimeDay(day.value), values } };
}
