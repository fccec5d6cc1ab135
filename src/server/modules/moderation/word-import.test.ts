import { describe, expect, it } from 'vitest';
import { parseCsvFirstColumn, parseLines } from './word-import.ts';

describe('parseLines', () => {
  it('keeps one trimmed word per line with its line number, skipping blank lines', () => {
    expect(parseLines('\uFEFF敏感词\r\n\n  spam  \r刷单\n')).toEqual({
      entries: [
        { line: 1, text: '敏感词' },
        { line: 3, text: 'spam' },
        { line: 4, text: '刷单' },
      ],
      malformed: [],
    });
  });

  it('keeps commas and hashes as part of the word', () => {
    expect(parseLines('#tag\nbuy, cheap').entries.map((e) => e.text)).toEqual([
      '#tag',
      'buy, cheap',
    ]);
  });
});

describe('parseCsvFirstColumn', () => {
  it('reads the first column, skipping a header row', () => {
    expect(parseCsvFirstColumn('敏感词,备注\n刷单,spam\n加微信\n').entries).toEqual([
      { line: 2, text: '刷单' },
      { line: 3, text: '加微信' },
    ]);
  });

  it('treats only the first row as a possible header', () => {
    expect(parseCsvFirstColumn('a\nword').entries.map((e) => e.text)).toEqual(['a', 'word']);
  });

  it('unquotes fields with commas and doubled quotes', () => {
    expect(
      parseCsvFirstColumn('"Acme, Inc.",x\n"say ""hi""",y\n  "spaced" ,z').entries.map(
        (e) => e.text,
      ),
    ).toEqual(['Acme, Inc.', 'say "hi"', 'spaced']);
  });

  it('follows a quoted field over a line break and keeps line numbers right', () => {
    const parsed = parseCsvFirstColumn('"two\nlines",x\nnext');
    expect(parsed.entries).toEqual([
      { line: 1, text: 'two\nlines' },
      { line: 3, text: 'next' },
    ]);
  });

  it('reports a quote that never closes, or text after a closing quote, as malformed', () => {
    const parsed = parseCsvFirstColumn('ok\n"open,x\n"bad"tail,y');
    expect(parsed.entries.map((e) => e.text)).toEqual(['ok']);
    expect(parsed.malformed.map((e) => e.line)).toEqual([2, 3]);
  });
});
