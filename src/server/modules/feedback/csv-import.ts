import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { IMPORT_MAX_ROWS } from '../../../shared/feedback.ts';
import { AppError } from '../../platform/app-error.ts';

/**
 * Reads a CSV export of feedback (from a survey tool, a platform back-end or a spreadsheet) into
 * rows to import, and the rows that cannot be, each with its line number and the reason. One
 * bad row never stops the others.
 */

/** Recognised column titles, English and Chinese, compared without case, spaces or dashes. */
const COLUMNS = {
  text: [
    'text',
    'feedback',
    'content',
    'message',
    'comment',
    '反馈',
    '反馈内容',
    '内容',
    '建议',
    '意见',
    '留言',
  ],
  name: ['name', 'contactname', 'nickname', '姓名', '昵称', '称呼', '用户'],
  email: ['email', 'mail', 'emailaddress', '邮箱', '电子邮箱', '邮件'],
  handle: ['handle', 'account', 'username', 'user', '账号', '用户名', '帐号'],
  category: ['category', 'type', '分类', '类别', '类型'],
  followers: ['followers', 'fans', '粉丝数', '粉丝'],
  vip: ['vip', 'isvip', '会员', '是否vip'],
  date: ['date', 'createdat', 'time', 'submittedat', 'timestamp', '日期', '时间', '提交时间'],
  urgency: ['urgency', '紧迫性', '紧急程度'],
  cost: ['cost', '成本', '实施成本'],
} as const;
type Column = keyof typeof COLUMNS;

function columnOf(title: string): Column | null {
  const key = title.toLowerCase().replace(/[\s_\-.]/g, '');
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    if (names.includes(key)) return column;
  }
  return null;
}

/** A row that can be imported, before categories are matched. */
export interface ParsedFeedbackRow {
  line: number;
  text: string;
  name: string | null;
  email: string | null;
  handle: string | null;
  categoryName: string | null;
  followers: number | null;
  vip: boolean;
  createdAt: number | null;
  urgency: number | null;
  cost: number | null;
}

export interface RowError {
  line: number;
  reason: string;
  column: string | null;
}

const emailSchema = z.email();
const YES = new Set(['1', 'true', 'yes', 'y', '是', '√', 'vip']);
const NO = new Set(['', '0', 'false', 'no', 'n', '否']);

function pickDelimiter(firstLine: string): string {
  const counts = [',', '\t', ';'].map((char) => [char, firstLine.split(char).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

/**
 * Parses the CSV. Throws a 400 when the file as a whole cannot be read (no header naming a text
 * column, too many rows); reports bad rows and returns the good ones.
 */
export function parseFeedbackCsv(
  csv: string,
  now: number,
): { rows: ParsedFeedbackRow[]; errors: RowError[]; total: number } {
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : undefined);
  const errors: RowError[] = [];
  const skippedLines = new Set<number>();
  const records = parse(text, {
    delimiter: pickDelimiter(firstLine),
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = (error as { lines?: number } | undefined)?.lines ?? 0;
      if (skippedLines.has(line)) return undefined;
      skippedLines.add(line);
      errors.push({
        line,
        reason: `unreadable row: ${error?.message ?? 'bad quoting'}`,
        column: null,
      });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const header = records[0];
  if (!header) {
    throw new AppError('validation_failed', 'Invalid body: csv', {
      fields: { csv: 'the file is empty' },
    });
  }
  const columns = header.record.map((title) => columnOf(title.trim()));
  const indexOf = (column: Column) => columns.indexOf(column);
  if (indexOf('text') < 0) {
    throw new AppError('validation_failed', 'Invalid body: csv', {
      fields: {
        csv: 'the first row must name the columns, one of them the feedback: "text" or "反馈内容"',
      },
    });
  }
  const body = records.slice(1);
  if (body.length > IMPORT_MAX_ROWS) {
    throw new AppError('validation_failed', 'Invalid body: csv', {
      fields: { csv: `at most ${IMPORT_MAX_ROWS} rows per file; this one has ${body.length}` },
    });
  }

  const rows: ParsedFeedbackRow[] = [];
  for (const { record, info } of body) {
    // info.lines is where the record ends; quoted fields may have spanned several lines.
    const newlines = record.reduce((sum, field) => sum + (field.split('\n').length - 1), 0);
    const line = info.lines - newlines;
    const cell = (column: Column): string => {
      const index = indexOf(column);
      return index < 0 ? '' : (record[index] ?? '').trim();
    };
    const fail = (column: Column | null, reason: string) => {
      errors.push({
        line,
        reason,
        column: column === null ? null : (header.record[indexOf(column)] ?? column),
      });
    };

    const feedback = cell('text');
    if (feedback.length < 2) {
      fail('text', 'the feedback is empty');
      continue;
    }
    if (feedback.length > 5000) {
      fail('text', 'the feedback is longer than 5000 characters');
      continue;
    }
    const email = cell('email').toLowerCase();
    if (email && !emailSchema.safeParse(email).success) {
      fail('email', `"${email}" is not an e-mail address`);
      continue;
    }
    const followersText = cell('followers').replace(/[,\s]/g, '');
    let followers: number | null = null;
    if (followersText) {
      const match = /^(\d+(?:\.\d+)?)(万|w|k)?$/i.exec(followersText);
      if (!match?.[1]) {
        fail('followers', `"${followersText}" is not a number of followers`);
        continue;
      }
      const unit = match[2]?.toLowerCase();
      const scale = unit === '万' || unit === 'w' ? 10_000 : unit === 'k' ? 1000 : 1;
      followers = Math.round(Number(match[1]) * scale);
    }
    const vipText = cell('vip').toLowerCase();
    if (!YES.has(vipText) && !NO.has(vipText)) {
      fail('vip', `"${vipText}" is neither yes nor no`);
      continue;
    }
    const dateText = cell('date');
    let createdAt: number | null = null;
    if (dateText) {
      // "2026-03-01 10:20" is read as UTC, the way spreadsheets export local times without a zone.
      const parsed = Date.parse(
        /^\d{4}-\d{2}-\d{2} \d/.test(dateText) ? dateText.replace(' ', 'T') + 'Z' : dateText,
      );
      if (Number.isNaN(parsed)) {
        fail('date', `"${dateText}" is not a date`);
        continue;
      }
      if (parsed > now) {
        fail('date', `"${dateText}" is in the future`);
        continue;
      }
      createdAt = parsed;
    }
    const level = (column: 'urgency' | 'cost'): number | null | 'bad' => {
      const value = cell(column);
      if (!value) return null;
      return /^[1-5]$/.test(value) ? Number(value) : 'bad';
    };
    const urgency = level('urgency');
    const cost = level('cost');
    if (urgency === 'bad' || cost === 'bad') {
      fail(urgency === 'bad' ? 'urgency' : 'cost', 'must be a whole number from 1 to 5');
      continue;
    }
    rows.push({
      line,
      text: feedback,
      name: cell('name').slice(0, 100) || null,
      email: email || null,
      handle: cell('handle').slice(0, 100) || null,
      categoryName: cell('category') || null,
      followers,
      vip: YES.has(vipText),
      createdAt,
      urgency,
      cost,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, total: body.length + skippedLines.size };
}
