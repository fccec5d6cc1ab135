import { describe, expect, it } from 'vitest';
import { priorityOf, priorityRank } from './priority.ts';

const none = { crisisWords: 0 };

describe('priorityOf', () => {
  it('puts crises first, then abuse and strongly negative complaints', () => {
    expect(priorityOf('crisis', 0, none)).toBe('urgent');
    expect(priorityOf('abuse', -0.2, none)).toBe('high');
    expect(priorityOf('complaint', -0.9, none)).toBe('high');
    expect(priorityOf('after_sales', -0.7, none)).toBe('high');
    expect(priorityOf('complaint', -0.3, none)).toBe('normal');
    expect(priorityOf('after_sales', 0, none)).toBe('normal');
    expect(priorityOf('purchase_intent', 0.5, none)).toBe('normal');
    expect(priorityOf('question', 0, none)).toBe('normal');
    for (const intent of ['praise', 'spam', 'other'] as const)
      expect(priorityOf(intent, 0, none)).toBe('low');
  });

  it('escalates a clearly negative message with crisis words whatever its intent', () => {
    expect(priorityOf('complaint', -0.8, { crisisWords: 1 })).toBe('urgent');
    expect(priorityOf('question', -0.6, { crisisWords: 2 })).toBe('urgent');
    expect(priorityOf('question', 0, { crisisWords: 1 })).toBe('normal');
    expect(priorityOf('spam', -0.9, { crisisWords: 1 })).toBe('low');
  });
});

describe('priorityRank', () => {
  it('orders by priority, then intent (after-sales before questions), then negativity', () => {
    const rank = (intent: Parameters<typeof priorityOf>[0], score: number) =>
      priorityRank({ intent, sentimentScore: score, priority: priorityOf(intent, score, none) });
    expect(rank('crisis', 0)).toBeGreaterThan(rank('abuse', -1));
    expect(rank('abuse', -0.1)).toBeGreaterThan(rank('after_sales', -0.3));
    expect(rank('after_sales', 0)).toBeGreaterThan(rank('purchase_intent', 0));
    expect(rank('purchase_intent', 0)).toBeGreaterThan(rank('question', 0));
    expect(rank('question', -0.5)).toBeGreaterThan(rank('question', 0.5));
    expect(rank('question', 1)).toBeGreaterThan(rank('praise', -1));
  });
});
