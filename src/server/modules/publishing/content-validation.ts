import type { ContentLimits } from '../../connectors/connector.ts';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Length as the platform counts it: user-perceived characters or UTF-16-independent code points. */
export function measureText(text: string, mode: ContentLimits['countMode']): number {
  if (mode === 'graphemes') return Array.from(graphemes.segment(text)).length;
  return [...text].length;
}

/**
 * What is wrong with a text for a platform, as sentences a person can act on ("cut 12
 * characters"). Empty when it fits.
 */
export function validateForLimits(
  input: { text: string; title: string | null },
  limits: ContentLimits,
): { field: 'text' | 'title'; message: string }[] {
  const problems: { field: 'text' | 'title'; message: string }[] = [];
  if (input.text.trim() === '') problems.push({ field: 'text', message: 'is empty' });
  if (limits.maxTextLength !== null) {
    const length = measureText(input.text, limits.countMode);
    if (length > limits.maxTextLength) {
      problems.push({
        field: 'text',
        message: `is ${length} characters, ${length - limits.maxTextLength} over the limit of ${limits.maxTextLength}: cut ${length - limits.maxTextLength}`,
      });
    }
  }
  if (limits.maxTextBytes !== null) {
    const bytes = Buffer.byteLength(input.text, 'utf8');
    if (bytes > limits.maxTextBytes) {
      problems.push({
        field: 'text',
        message: `is ${bytes} bytes, ${bytes - limits.maxTextBytes} over the limit of ${limits.maxTextBytes} bytes`,
      });
    }
  }
  if (limits.maxTitleLength !== null && input.title) {
    const length = measureText(input.title, 'characters');
    if (length > limits.maxTitleLength) {
      problems.push({
        field: 'title',
        message: `is ${length} characters, ${length - limits.maxTitleLength} over the limit of ${limits.maxTitleLength}: cut ${length - limits.maxTitleLength}`,
      });
    }
  }
  return problems;
}
