import { describe, expect, it } from 'vitest';
import { assertTransition, deriveDeliveryStatus } from './post-status.ts';

describe('publishing state machine', () => {
  it('allows the editorial path and refuses shortcuts', () => {
    expect(() => assertTransition('draft', 'in_review')).not.toThrow();
    expect(() => assertTransition('in_review', 'approved')).not.toThrow();
    expect(() => assertTransition('approved', 'scheduled')).not.toThrow();
    expect(() => assertTransition('changes_requested', 'scheduled')).toThrow(/cannot become/);
    expect(() => assertTransition('published', 'draft')).toThrow(/published post/);
  });

  it('derives the post status from its targets', () => {
    expect(deriveDeliveryStatus(['scheduled', 'scheduled'])).toBe('scheduled');
    expect(deriveDeliveryStatus(['published', 'scheduled'])).toBe('publishing');
    expect(deriveDeliveryStatus(['published', 'publishing'])).toBe('publishing');
    expect(deriveDeliveryStatus(['published', 'published', 'canceled'])).toBe('published');
    expect(deriveDeliveryStatus(['published', 'failed'])).toBe('failed');
    expect(deriveDeliveryStatus(['failed', 'unconfirmed'])).toBe('unconfirmed');
    expect(deriveDeliveryStatus(['canceled'])).toBe('canceled');
    expect(deriveDeliveryStatus(['pending'])).toBeNull();
  });
});
