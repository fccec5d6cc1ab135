import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_PRESETS } from '../../../shared/analytics.ts';
import { chooseHeader, detectImport, isSummaryRow, normalizeHeader } from './import-detect.ts';
import { decodeText, detectFormat, ImportFileError, readImportFile } from './import-file.ts';
import { convertDailyRow, convertPostRow } from './import-rows.ts';
import {
  parseCount,
  parseMoney,
  parseWallTime,
  wallTimeToEpoch,
  type Parsed,
  type WallTime,
} from './import-values.ts';

function wallOf(parsed: Parsed<WallTime | null>): WallTime {
  if (!parsed.ok || !parsed.value) throw new Error('not a date');
  return parsed.value;
}

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/imports');

describe('values in platform exports', () => {
  it('reads counts as back offices write them', () => {
    expect(parseCount('12,580')).toEqual({ ok: true, value: 12580 });
    expect(parseCount('1.2万')).toEqual({ ok: true, value: 12000 });
    expect(parseCount('3.4w')).toEqual({ ok: true, value: 34000 });
    expect(parseCount('2.05亿')).toEqual({ ok: true, value: 205_000_000 });
    expect(parseCount('１２３')).toEqual({ ok: true, value: 123 });
    expect(parseCount('--')).toEqual({ ok: true, value: null });
    expect(parseCount('')).toEqual({ ok: true, value: null });
    expect(parseCount('-12', true)).toEqual({ ok: true, value: -12 });
    expect(parseCount('-12')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('negative'),
    });
    expect(parseCount('1.5')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('whole'),
    });
    expect(parseCount('31.2%')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('percentage'),
    });
    expect(parseCount('很多')).toMatchObject({ ok: false, reason: '"很多" is not a number' });
  });

  it('reads money into minor units of the currency', () => {
    expect(parseMoney('¥1,234.50', 'CNY')).toEqual({ ok: true, value: 123_450 });
    expect(parseMoney('1234.5元', 'CNY')).toEqual({ ok: true, value: 123_450 });
    expect(parseMoney('US$12', 'USD')).toEqual({ ok: true, value: 1200 });
    expect(parseMoney('1,500', 'JPY')).toEqual({ ok: true, value: 1500 });
    expect(parseMoney('free', 'CNY').ok).toBe(false);
  });

  it('reads dates and times, in the zone of the channel unless they carry an offset', () => {
    const wall = parseWallTime('2026年10月2日 19:30');
    expect(wall).toMatchObject({
      ok: true,
      value: { year: 2026, month: 10, day: 2, hour: 19, hasTime: true },
    });
    expect(wallTimeToEpoch(wallOf(wall), 'Asia/Shanghai')).toBe(Date.parse('2026-10-02T11:30:00Z'));
    expect(parseWallTime('2026/3/1')).toMatchObject({
      ok: true,
      value: { month: 3, day: 1, hasTime: false },
    });
    expect(parseWallTime('20260301')).toMatchObject({ ok: true, value: { month: 3, day: 1 } });
    const iso = parseWallTime('2026-03-01T08:00:00+08:00');
    expect(wallTimeToEpoch(wallOf(iso), 'America/New_York')).toBe(
      Date.parse('2026-03-01T00:00:00Z'),
    );
    expect(parseWallTime('2026-13-45 25:00')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a valid date'),
    });
    expect(parseWallTime('next week')).toMatchObject({ ok: false });
  });
});

describe('reading files', () => {
  it('decodes UTF-8 with BOM, GBK and UTF-16', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xe4, 0xbd, 0xa0]))).toBe('你');
    expect(decodeText(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]))).toBe('你好');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x60, 0x4f]))).toBe('你');
  });

  it('refuses old .xls workbooks with what to do instead', () => {
    expect(() => detectFormat('data.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toThrow(
      ImportFileError,
    );
    expect(detectFormat('data.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('xlsx');
    expect(detectFormat('data.csv', new Uint8Array([0x61]))).toBe('csv');
  });

  it('finds the header below title lines and detects the 公众号 preset in a GBK file', async () => {
    const bytes = fs.readFileSync(path.join(fixtures, 'wechat-articles-gbk.csv'));
    const file = await readImportFile('csv', bytes);
    const choice = chooseHeader(file.rows);
    expect(choice.headerRow).toBe(2);
    expect(choice.dataRows.map((r) => r.line)).toEqual([3, 4, 5]);
    const detection = detectImport(choice);
    expect(detection.preset).toBe('wechat_articles');
    expect(detection.kind).toBe('posts');
    expect(detection.columns).toEqual([
      'title',
      'published_at',
      'impressions',
      'reach',
      'views',
      'shares',
      'saves',
      'likes',
      'comments',
      'follows',
      null,
    ]);
  });

  it('reads XLSX cells: dates, numbers, formulas and rich text', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['本表由小红书创作服务平台导出']);
    const sheet = workbook.addWorksheet('笔记数据');
    sheet.addRow([
      '笔记标题',
      '首次发布时间',
      '曝光',
      '观看量',
      '点赞',
      '收藏',
      '评论',
      '分享',
      '涨粉',
    ]);
    sheet.addRow([
      { richText: [{ text: '秋日' }, { text: '穿搭' }] },
      new Date(Date.UTC(2026, 9, 2, 19, 30)),
      10234,
      { formula: 'C2/2', result: 5117 },
      812.0,
      301,
      45,
      12,
      6,
    ]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const file = await readImportFile('xlsx', bytes, '笔记数据');
    expect(file.sheets).toEqual(['说明', '笔记数据']);
    expect(file.rows[1]!.cells).toEqual([
      '秋日穿搭',
      '2026-10-02 19:30:00',
      '10234',
      '5117',
      '812',
      '301',
      '45',
      '12',
      '6',
    ]);
    expect(detectImport(chooseHeader(file.rows)).preset).toBe('xiaohongshu_notes');
  });

  it('detects every preset from its own headers', () => {
    for (const preset of IMPORT_PRESETS) {
      const headers = Object.values(preset.columns).map((aliases) => aliases![0]!);
      const rows = [
        { line: 1, cells: headers },
        { line: 2, cells: headers.map(() => '1') },
      ];
      expect(detectImport(chooseHeader(rows)).preset, preset.id).toBe(preset.id);
    }
  });

  it('compares headers without units and widths', () => {
    expect(normalizeHeader('平均播放时长(秒)')).toBe('平均播放时长');
    expect(normalizeHeader('成交金额（元）')).toBe('成交金额');
    expect(normalizeHeader(' Link clicks ')).toBe('linkclicks');
    expect(isSummaryRow(['合计', '', '12'])).toBe(true);
    expect(isSummaryRow(['Total: 3 rows'])).toBe(true);
    expect(isSummaryRow(['合计划书'])).toBe(false);
  });
});

describe('rows', () => {
  const ctx = {
    columns: ['title', 'published_at', 'views', 'likes', null] as never[],
    timezone: 'Asia/Shanghai',
    asOf: Date.parse('2026-11-01T00:00:00Z'),
    currency: 'CNY',
  };

  it('turn into post numbers or an issue naming the column', () => {
    expect(
      convertPostRow({ line: 4, cells: ['开箱', '2026-10-02 19:30', '1.2万', '863', '31%'] }, ctx),
    ).toEqual({
      row: {
        line: 4,
        targetId: null,
        externalId: null,
        url: null,
        title: '开箱',
        publishedAt: Date.parse('2026-10-02T11:30:00Z'),
        observedAt: ctx.asOf,
        counts: { views: 12000, likes: 863 },
      },
    });
    expect(convertPostRow({ line: 5, cells: ['福利', '2026-10-12', '2', '很多'] }, ctx)).toEqual({
      issue: { line: 5, field: 'likes', value: '很多', reason: '"很多" is not a number' },
    });
    expect(convertPostRow({ line: 6, cells: ['', '', '2', '3'] }, ctx)).toMatchObject({
      issue: { line: 6, reason: expect.stringContaining('names no post') },
    });
  });

  it('turn daily account rows into one value per metric', () => {
    const daily = convertDailyRow(
      { line: 2, cells: ['2026/10/1', '152', '41', '-3', '1,200.5'] },
      {
        ...ctx,
        columns: ['day', 'follows', 'unfollows', 'net_follows', 'revenue'] as never[],
      },
    );
    expect(daily).toEqual({
      row: {
        line: 2,
        day: '2026-10-01',
        values: [
          { metric: 'follows', dimension: '', value: 152 },
          { metric: 'unfollows', dimension: '', value: 41 },
          { metric: 'net_follows', dimension: '', value: -3 },
          { metric: 'revenue', dimension: 'CNY', value: 120_050 },
        ],
      },
    });
  });
});
