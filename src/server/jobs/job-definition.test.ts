import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobRegistry, defineJob } from './job-definition.ts';
import { describeError } from './worker.ts';

const payload = z.object({ id: z.string() });

describe('defineJob and the registry', () => {
  it('requires a dotted lower-case name', () => {
    expect(() => defineJob({ name: 'publish', payload, handle: () => {} })).toThrow(/dotted/);
    expect(() => defineJob({ name: 'Publishing.Post', payload, handle: () => {} })).toThrow(
      /dotted/,
    );
    expect(defineJob({ name: 'publishing.post.publish', payload, handle: () => {} }).name).toBe(
      'publishing.post.publish',
    );
  });

  it('rejects a non-positive maxAttempts', () => {
    expect(() => defineJob({ name: 'a.b', payload, maxAttempts: 0, handle: () => {} })).toThrow(
      /maxAttempts/,
    );
  });

  it('maps names to definitions and refuses duplicates', () => {
    const a = defineJob({ name: 'a.one', payload, handle: () => {} });
    const b = defineJob({ name: 'a.two', payload: z.object({ n: z.number() }), handle: () => {} });
    const registry = createJobRegistry([b, a]);
    expect(registry.get('a.one')).toBe(a);
    expect(registry.get('a.three')).toBeUndefined();
    expect(registry.names()).toEqual(['a.one', 'a.two']);
    expect(() => createJobRegistry([a, a])).toThrow(/defined twice/);
  });
});

describe('describeError', () => {
  it('describes Errors with their cause', () => {
    expect(describeError(new TypeError('bad', { cause: new Error('root') }))).toBe(
      'TypeError: bad (cause: Error: root)',
    );
  });

  it('describes thrown non-Error values sensibly', () => {
    expect(describeError('plain string')).toBe('plain string');
    expect(describeError({ code: 42 })).toBe('A non-Error value was thrown: {"code":42}');
    expect(describeError(undefined)).toBe('A non-Error value was thrown: undefined');
    expect(describeError(null)).toBe('A non-Error value was thrown: null');
    expect(describeError('')).toBe('A handler failed with an empty message');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeError(circular)).toBe('A non-Error value was thrown: [object Object]');
    expect(describeError(10n)).toBe('A non-Error value was thrown: 10');
  });

  it('bounds the stored text', () => {
    expect(describeError(new Error('x'.repeat(10_000))).length).toBe(2_000);
  });
});
