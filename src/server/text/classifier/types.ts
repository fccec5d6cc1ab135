/** The labels the inbox puts on every inbound comment, reply and DM. */

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const INTENTS = [
  'question',
  'complaint',
  'praise',
  'purchase_intent',
  'after_sales',
  'spam',
  'abuse',
  'crisis',
  'other',
] as const;
export type Intent = (typeof INTENTS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type MessageLanguage = 'zh' | 'en';

/** A message with the labels a person gave it. */
export interface LabelledExample {
  text: string;
  sentiment: Sentiment;
  intent: Intent;
}

/** What the classifier makes of one message. */
export interface Understanding {
  language: MessageLanguage;
  sentiment: Sentiment;
  /** P(positive) − P(negative): −1 is certainly negative, +1 certainly positive. */
  sentimentScore: number;
  intent: Intent;
  /** The probability the intent model gives its answer (0..1). */
  intentConfidence: number;
  priority: Priority;
}

export function isSentiment(value: unknown): value is Sentiment {
  return typeof value === 'string' && (SENTIMENTS as readonly string[]).includes(value);
}

export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}
