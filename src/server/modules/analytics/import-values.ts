import { zonedEpoch } from './days.ts';

/**
 * Reading the values of platform exports: counts written as "1,234", "1.2万" or "3.5w", money
 * as "¥1,234.50", dates as "2025/3/1", "2025年3月1日 20:00" or Excel dates. Each reader returns
 * a value or a reason a person can act on.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const EMPTY = new Set(['', '-', '--', '—', '–', 'n/a', 'na', 'null', '/', '暂无', '无']);

export function isBlank(text: string): boolean {
  return EMPTY.has(text.trim().toLowerCase());
}

const SCALES: Record<string, number> = {
  万: 1e4,
  w: 1e4,
  W: 1e4,
  亿: 1e8,
  k: 1e3,
  K: 1e3,
  m: 1e6,
  M: 1e6,
};

function quote(text: string): string {
  return text.length > 40 ? `"${text.slice(0, 40)}…"` : `"${text}"`;
}

/** A number with optional thousands separators, sign and scale suffix; null when blank. */
function readNumber(text: string): Parsed<{ value: number; scaled: boolean } | null> {
  const trimmed = text.normalize('NFKC').trim();
  if (isBlank(trimmed)) return { ok: true, value: null };
  if (trimmed.endsWith('%')) {
    return {
      ok: false,
      reason: `${quote(trimmed)} is a percentage; only counts can be imported (rates are computed from them)`,
    };
  }
  const match = /^([+-]?)([\d,]*\.?\d+)\s*(万|亿|[wWkKmM])?$/.exec(
    trimmed.replace(/\s(?=\d)/g, ''),
  );
  if (!match) return { ok: false, reason: `${quote(trimmed)} is not a number` };
  const digits = match[2]!.replace(/,/g, '');
  let value = Number(digits);
  if (!Number.isFinite(value)) return { ok: false, reason: `${quote(trimmed)} is not a number` };
  const scale = match[3] ? SCALES[match[3]]! : 1;
  value *= scale;
  if (match[1] === '-') value = -value;
  return { ok: true, value: { value, scaled: scale !== 1 } };
}

/** A whole count. Scaled values ("1.2万") round to a whole number; plain decimals do not. */
export function parseCount(text: string, allowNegative = false): Parsed<number | null> {
  const read = readNumber(text);
  if (!read.ok || read.value === null) return read as Parsed<null>;
  let { value } = read.value;
  if (read.value.scaled) value = Math.round(value);
  if (!Number.isInteger(value)) {
    return { ok: false, reason: `"${text.trim()}" is not a whole number` };
  }
  if (value < 0 && !allowNegative) return { ok: false, reason: `"${text.trim()}" is negative` };
  if (Math.abs(value) > 1e15) return { ok: false, reason: `"${text.trim()}" is too large` };
  return { ok: true, value };
}

const minorDigits = new Map<string, number>();

/** How many minor units a currency has (2 for CNY and USD, 0 for JPY). */
export function currencyDigits(currency: string): number {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorDigits.set(currency, digits);
  }
  return digits;
}

/** An amount of money ("¥1,234.50", "1234.5元", "US$12") in integer minor units. */
export function parseMoney(text: string, currency: string): Parsed<number | null> {
  const stripped = text
    .normalize('NFKC')
    .replace(/^[A-Z]{0,3}[$¥€£￥]|[$¥€£￥]|元|人民币|RMB|CNY|USD/gi, '')
    .trim();
  const read = readNumber(stripped);
  if (!read.ok) return { ok: false, reason: `"${text.trim()}" is not an amount of money` };
  if (read.value === null) return { ok: true, value: null };
  const minor = Math.round(read.value.value * 10 ** currencyDigits(currency));
  if (minor < 0) return { ok: false, reason: `"${text.trim()}" is negative` };
  return { ok: true, value: minor };
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** False for a bare date. */
  hasTime: boolean;
  /** Minutes east of UTC when the text carried an offset (ISO "…+08:00", "Z"). */
  offsetMinutes: number | null;
}

const DATE_PATTERNS: RegExp[] = [
  // 2025-03-01, 2025/3/1, 2025.3.1, with optional time and ISO offset
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i,
  // 2025年3月1日 20:00
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?(?:\s*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2})秒?)?)?()$/,
  // 20250301
  /^(\d{4})(\d{2})(\d{2})()()()()$/,
];

/** A calendar date with optional time, as written in the file. */
export function parseWallTime(text: string): Parsed<WallTime | null> {
  const trimmed = text.normalize('NFKC').trim();
  if (isBlank(trimmed)) return { ok: true, value: null };
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(trimmed);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const hasTime = Boolean(m[4]);
    const [hour, minute, second] = [Number(m[4] || 0), Number(m[5] || 0), Number(m[6] || 0)];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (
      check.getUTCFullYear() !== year ||
      check.getUTCMonth() !== month - 1 ||
      check.getUTCDate() !== day ||
      hour > 23 ||
      minute > 59 ||
      second > 59 ||
      year < 2000 ||
      year > 2100
    ) {
      return { ok: false, reason: `"${trimmed}" is not a valid date` };
    }
    let offsetMinutes: number | null = null;
    const zone = m[7];
    if (zone) {
      if (zone.toUpperCase() === 'Z') offsetMinutes = 0;
      else {
        const sign = zone.startsWith('-') ? -1 : 1;
        const digits = zone.slice(1).replace(':', '');
        offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
      }
    }
    return {
      ok: true,
      value: { year, month, day, hour, minute, second, hasTime, offsetMinutes },
    };
  }
  return { ok: false, reason: `"${trimmed}" is not a date` };
}

/** The instant a wall time means in a zone (the platform's, for times without an offset). */
export function wallTimeToEpoch(wall: WallTime, timeZone: string): number {
  if (wall.offsetMinutes !== null) {
    return (
      Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) -
      wall.offsetMinutes * 60_000
    );
  }
  return zonedEpoch(wall, timeZone);
}

export function wallTimeDay(wall: WallTime): string {
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}
