/**
 * Reading word lists people paste or upload: one word per line, or the first column of a CSV
 * file. Parsing only splits lines; whether a word is usable is decided by the service.
 */

export interface ImportLine {
  /** 1-based line number in the input where the entry starts. */
  line: number;
  text: string;
}

export interface ParsedImport {
  entries: ImportLine[];
  /** Lines that could not be read (an unterminated quote in CSV). */
  malformed: ImportLine[];
}

const HEADERS = new Set(['word', 'words', 'keyword', 'keywords', '词', '词语', '敏感词', '关键词']);

/** One word per line; surrounding spaces trimmed, blank lines skipped, a leading BOM ignored. */
export function parseLines(text: string): ParsedImport {
  const entries: ImportLine[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const word = raw.trim();
      if (word.length > 0) entries.push({ line: index + 1, text: word });
    });
  return { entries, malformed: [] };
}

/**
 * The first field of every CSV record (RFC 4180 quoting: `"a, b"`, `"say ""hi"""`). A record
 * whose quote never closes is reported as malformed, and reading resumes on the next line.
 */
export function parseCsvFirstColumn(text: string): ParsedImport {
  const entries: ImportLine[] = [];
  const malformed: ImportLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    const line = lines[i]!;
    if (line.trim().length === 0) continue;
    let field: string;
    const trimmed = line.trimStart();
    if (trimmed.startsWith('"')) {
      // A quoted field may span lines; it ends at a quote not doubled.
      let value = '';
      let rest = trimmed.slice(1);
      let closed = false;
      let j = i;
      for (;;) {
        let k = 0;
        while (k < rest.length) {
          if (rest[k] === '"') {
            if (rest[k + 1] === '"') {
              value += '"';
              k += 2;
              continue;
            }
            closed = true;
            break;
          }
          value += rest[k];
          k++;
        }
        if (closed) {
          const after = rest.slice(k + 1).trimStart();
          if (after.length > 0 && !after.startsWith(',')) closed = false;
          break;
        }
        if (j + 1 >= lines.length) break;
        j++;
        value += '\n';
        rest = lines[j]!;
      }
      if (!closed) {
        malformed.push({ line: lineNumber, text: line });
        continue;
      }
      i = j;
      field = value;
    } else {
      const comma = line.indexOf(',');
      field = comma === -1 ? line : line.slice(0, comma);
    }
    const word = field.trim();
    if (word.length === 0) continue;
    if (entries.length === 0 && malformed.length === 0 && HEADERS.has(word.toLowerCase())) continue;
    entries.push({ line: lineNumber, text: word });
  }
  return { entries, malformed };
}
