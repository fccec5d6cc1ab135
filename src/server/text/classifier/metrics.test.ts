import { describe, expect, it } from 'vitest';
import { classificationReport } from './metrics.ts';

describe('classificationReport', () => {
  it('computes accuracy, per-class F1, macro-F1 and the confusion matrix', () => {
    const report = classificationReport(
      ['a', 'b', 'c'],
      ['a', 'a', 'a', 'b', 'b', 'c'],
      ['a', 'a', 'b', 'b', 'c', 'c'],
    );
    expect(report.accuracy).toBe(0.6667);
    // a: P 1, R 2/3 → F1 0.8; b: P 1/2, R 1/2 → 0.5; c: P 1/2, R 1 → 2/3
    expect(report.perClass.a).toEqual({ precision: 1, recall: 0.6667, f1: 0.8, support: 3 });
    expect(report.perClass.b!.f1).toBe(0.5);
    expect(report.perClass.c!.f1).toBe(0.6667);
    expect(report.macroF1).toBe(0.6556);
    expect(report.confusion.a).toEqual({ a: 2, b: 1, c: 0 });
    expect(report.confusion.b).toEqual({ a: 0, b: 1, c: 1 });
  });

  it('leaves labels absent from the truth out of macro-F1', () => {
    const report = classificationReport(['a', 'b'], ['a', 'a'], ['a', 'a']);
    expect(report.macroF1).toBe(1);
    expect(report.perClass.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('rejects unknown labels and length mismatches', () => {
    expect(() => classificationReport(['a'], ['a'], ['z'])).toThrow();
    expect(() => classificationReport(['a'], ['a'], [])).toThrow();
  });
});
