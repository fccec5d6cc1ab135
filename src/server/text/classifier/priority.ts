/**
 * How urgently a message needs a person, by rule from its intent, its sentiment score and the
 * crisis words it contains:
 *
 * | priority | when |
 * |---|---|
 * | urgent | intent `crisis`; or crisis words (hospital, fire, 12315, lawyer, 记者…) in a clearly negative message (score ≤ −0.5) whose intent is not spam |
 * | high   | intent `abuse`; or `complaint` / `after_sales` with strong negativity (score ≤ −0.6) |
 * | normal | `complaint`, `after_sales`, `purchase_intent`, `question` |
 * | low    | `praise`, `spam`, `other` |
 *
 * Within a priority the inbox orders by {@link priorityRank}: after-sales and purchase intent
 * before questions, and the more negative first.
 */
import type { Intent, Priority } from './types.ts';

export const STRONG_NEGATIVITY = -0.6;
export const CRISIS_SIGNAL_NEGATIVITY = -0.5;

export interface PrioritySignals {
  /** How many crisis words the message contains. */
  crisisWords: number;
}

export function priorityOf(
  intent: Intent,
  sentimentScore: number,
  signals: PrioritySignals,
): Priority {
  if (intent === 'crisis') return 'urgent';
  if (signals.crisisWords > 0 && sentimentScore <= CRISIS_SIGNAL_NEGATIVITY && intent !== 'spam') {
    return 'urgent';
  }
  switch (intent) {
    case 'abuse':
      return 'high';
    case 'complaint':
    case 'after_sales':
      return sentimentScore <= STRONG_NEGATIVITY ? 'high' : 'normal';
    case 'purchase_intent':
    case 'question':
      return 'normal';
    case 'praise':
    case 'spam':
    case 'other':
      return 'low';
  }
}

const PRIORITY_BASE: Record<Priority, number> = { urgent: 3000, high: 2000, normal: 1000, low: 0 };
const INTENT_ORDER: Record<Intent, number> = {
  crisis: 8,
  abuse: 7,
  complaint: 6,
  after_sales: 5,
  purchase_intent: 4,
  question: 3,
  praise: 2,
  other: 1,
  spam: 0,
};

/** A sort key for the inbox (larger first): priority, then intent, then negativity. */
export function priorityRank(u: {
  priority: Priority;
  intent: Intent;
  sentimentScore: number;
}): number {
  return (
    PRIORITY_BASE[u.priority] +
    INTENT_ORDER[u.intent] * 100 +
    Math.round((1 - Math.max(-1, Math.min(1, u.sentimentScore))) * 49)
  );
}
