/** Classification metrics: accuracy, per-class precision/recall/F1, macro-F1, confusion matrix. */

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  /** confusion[truth][predicted] = count */
  confusion: Record<string, Record<string, number>>;
  total: number;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Scores predictions against the truth over `labels`. Macro-F1 averages the F1 of the labels
 * that occur in the truth (a label nobody used cannot be scored).
 */
export function classificationReport(
  labels: readonly string[],
  truth: readonly string[],
  predicted: readonly string[],
): ClassificationReport {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const confusion: Record<string, Record<string, number>> = {};
  for (const t of labels) {
    confusion[t] = {};
    for (const p of labels) confusion[t][p] = 0;
  }
  let correct = 0;
  truth.forEach((t, i) => {
    const p = predicted[i]!;
    const row = confusion[t];
    if (!row || row[p] === undefined) throw new Error(`unknown label ${t} or ${p}`);
    row[p]++;
    if (t === p) correct++;
  });
  const perClass: Record<string, ClassMetrics> = {};
  let f1Sum = 0;
  let scored = 0;
  for (const label of labels) {
    const tp = confusion[label]![label]!;
    const support = labels.reduce((sum, p) => sum + confusion[label]![p]!, 0);
    const predictedCount = labels.reduce((sum, t) => sum + confusion[t]![label]!, 0);
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = {
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
      support,
    };
    if (support > 0) {
      f1Sum += f1;
      scored++;
    }
  }
  return {
    accuracy: round(truth.length === 0 ? 0 : correct / truth.length),
    macroF1: round(scored === 0 ? 0 : f1Sum / scored),
    perClass,
    confusion,
    total: truth.length,
  };
}
