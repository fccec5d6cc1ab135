import type { ContentLimitsDto } from '../../shared/publishing.ts';

let segmenter: Intl.Segmenter | null = null;
const encoder = new TextEncoder();

/** Length as the platform counts it, matching the server: graphemes or code points. */
export function measureText(text: string, mode: ContentLimitsDto['countMode']): number {
  if (mode === 'graphemes') {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    return Array.from(segmenter.segment(text)).length;
  }
  return [...text].length;
}

export function measureBytes(text: string): number {
  return encoder.encode(text).length;
}

export interface LimitMeasure {
  used: number;
  max: number;
  /** How many to cut; 0 when it fits. */
  over: number;
}

export interface VariantMeasures {
  text: LimitMeasure | null;
  bytes: LimitMeasure | null;
  title: LimitMeasure | null;
  empty: boolean;
}

function measure(used: number, max: number | null): LimitMeasure | null {
  return max === null ? null : { used, max, over: Math.max(0, used - max) };
}

/** Every limit of a channel that applies to this text and title. */
export function measureVariant(
  input: { text: string; title: string | null },
  limits: ContentLimitsDto,
): VariantMeasures {
  return {
    text: measure(measureText(input.text, limits.countMode), limits.maxTextLength),
    bytes: measure(measureBytes(input.text), limits.maxTextBytes),
    title: input.title ? measure([...input.title].length, limits.maxTitleLength) : null,
    empty: input.text.trim() === '',
  };
}

export function fits(measures: VariantMeasures): boolean {
  return (
    !measures.empty &&
    (measures.text?.over ?? 0) === 0 &&
    (measures.bytes?.over ?? 0) === 0 &&
    (measures.title?.over ?? 0) === 0
  );
}

/** Splits a text where the platform would cut it, so the preview can mark what is too much. */
export function splitAtLimit(
  text: string,
  max: number | null,
  mode: ContentLimitsDto['countMode'],
): [string, string] {
  if (max === null) return [text, ''];
  let units: string[];
  if (mode === 'graphemes') {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    units = Array.from(segmenter.segment(text), (part) => part.segment);
  } else {
    units = [...text];
  }
  if (units.length <= max) return [text, ''];
  return [units.slice(0, max).join(''), units.slice(max).join('')];
}
