import {
  genericAliasIndex,
  IMPORT_PRESETS,
  normalizeHeader,
  presetAliasIndex,
  suggestImportColumns,
  type ImportDetection,
  type ImportField,
  type ImportKind,
  type ImportPreset,
} from '../../../shared/analytics.ts';
import type { SheetRow } from './import-file.ts';

/**
 * Finds the header row of an export, the preset that fits it and a field for each column.
 * Exports often start with a title line and a date-range line before the header (公众号,
 * Google Ads), and add units to headers ("平均播放时长(秒)", "成交金额（元）").
 */

export { normalizeHeader };

const HEADER_SCAN_ROWS = 15;
const SAMPLE_ROWS = 5;

const PRESET_IGNORED = new Map(
  IMPORT_PRESETS.map((p) => [p.id, new Set(p.ignored.map(normalizeHeader))]),
);
const ALL_IGNORED = new Set([...PRESET_IGNORED.values()].flatMap((set) => [...set]));

const IDENTITY: Record<ImportKind, readonly ImportField[]> = {
  posts: ['title', 'external_id', 'url', 'target_id'],
  channel_daily: ['day'],
};

/** Maps headers to fields with an alias index; a field is given to its first column only. */
function mapColumns(
  headers: readonly string[],
  index: Map<string, ImportField>,
): (ImportField | null)[] {
  const used = new Set<ImportField>();
  return headers.map((header) => {
    const field = index.get(normalizeHeader(header));
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

function scorePreset(preset: ImportPreset, headers: readonly string[]): number {
  const columns = mapColumns(headers, presetAliasIndex(preset));
  const ignored = PRESET_IGNORED.get(preset.id)!;
  const matched = columns.filter((c) => c !== null).length;
  const known = headers.filter((h) => ignored.has(normalizeHeader(h))).length;
  const hasIdentity = IDENTITY[preset.kind].some((f) => columns.includes(f));
  if (!hasIdentity || matched < 2) return 0;
  return matched + known * 0.5 + (preset.kind === 'posts' ? 0.25 : 0);
}

/** How much a row looks like a header: cells that are known column names. */
function headerScore(cells: readonly string[]): number {
  const posts = genericAliasIndex('posts');
  const daily = genericAliasIndex('channel_daily');
  let score = 0;
  for (const cell of cells) {
    const key = normalizeHeader(cell);
    if (key === '') continue;
    if (posts.has(key) || daily.has(key)) score += 1;
    else if (ALL_IGNORED.has(key)) score += 0.5;
  }
  return score;
}

export interface HeaderChoice {
  headerRow: number;
  headers: string[];
  /** Data rows after the header, non-empty. */
  dataRows: SheetRow[];
}

/** The header row (1-based line), chosen or detected, and the rows below it. */
export function chooseHeader(rows: readonly SheetRow[], wanted?: number): HeaderChoice {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c !== ''));
  let header: SheetRow | undefined;
  if (wanted !== undefined) header = nonEmpty.find((r) => r.line === wanted);
  if (!header) {
    let best = -1;
    for (const row of nonEmpty.slice(0, HEADER_SCAN_ROWS)) {
      const score = headerScore(row.cells);
      if (score > best) {
        best = score;
        header = row;
      }
    }
    if (best <= 0) header = nonEmpty.find((r) => r.cells.filter((c) => c !== '').length >= 2);
  }
  if (!header) return { headerRow: 1, headers: [], dataRows: [] };
  const headerLine = header.line;
  // Trailing empty header cells are spreadsheet noise, not columns.
  let width = header.cells.length;
  while (width > 0 && header.cells[width - 1] === '') width -= 1;
  const headers = header.cells.slice(0, width).map((h, i) => h || `#${i + 1}`);
  return {
    headerRow: headerLine,
    headers,
    dataRows: nonEmpty.filter((r) => r.line > headerLine),
  };
}

/** Suggests a preset, a kind and a field per column for an upload. */
export function detectImport(choice: HeaderChoice): ImportDetection {
  const { headers } = choice;
  let best: { preset: ImportPreset; score: number } | null = null;
  for (const preset of IMPORT_PRESETS) {
    const score = scorePreset(preset, headers);
    if (score > 0 && (!best || score > best.score)) best = { preset, score };
  }
  const sample = choice.dataRows
    .slice(0, SAMPLE_ROWS)
    .map((r) => headers.map((_, i) => r.cells[i] ?? ''));
  if (best) {
    return {
      preset: best.preset.id,
      kind: best.preset.kind,
      columns: suggestImportColumns(headers, best.preset.kind, best.preset.id),
      sample,
    };
  }
  const kind = guessKind(headers);
  return {
    preset: null,
    kind,
    columns: kind ? suggestImportColumns(headers, kind, null) : headers.map(() => null),
    sample,
  };
}

function guessKind(headers: readonly string[]): ImportKind | null {
  const posts = mapColumns(headers, genericAliasIndex('posts'));
  if (IDENTITY.posts.some((f) => posts.includes(f))) return 'posts';
  const daily = mapColumns(headers, genericAliasIndex('channel_daily'));
  if (daily.includes('day')) return 'channel_daily';
  return null;
}

/** True for rows that total the others ("合计", "Total: …"), which are not data. */
export function isSummaryRow(cells: readonly string[]): boolean {
  const first = cells.find((c) => c !== '') ?? '';
  return /^(合计|总计|汇总|小计|total|totals|sum|grand total)(\s*:.*)?$/i.test(
    first.normalize('NFKC').trim(),
  );
}
