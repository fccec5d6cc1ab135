// Inbox message classification: quality on the held-out labelled messages and throughput.
//
// 1. Model selection: every candidate setting is scored by 5-fold cross-validation on the train
//    part only; the shipped default stays unless a candidate beats it by more than the margin.
// 2. The chosen setting is trained on the whole train part and scored once on the held-out
//    part (fixed by a salted hash of each text, see src/server/text/classifier/dataset.ts):
//    sentiment accuracy, intent macro-F1, per-class F1 and confusion matrices. The same
//    measurement for a plain bag-of-n-grams model (no lexicon, negation or sarcasm features)
//    is the quality baseline.
// 3. Throughput: classifying the held-out messages (repeated) on one core, against plain
//    `normalizeText` of the same messages in the same run. No database is involved.
import { normalizeText } from '../../src/server/text/normalize.ts';
import { trainClassifier, type Classifier } from '../../src/server/text/classifier/classifier.ts';
import {
  heldOutDigest,
  heldOutExamples,
  trainExamples,
  type DatasetExample,
} from '../../src/server/text/classifier/dataset.ts';
import { DEFAULT_FEATURE_OPTIONS } from '../../src/server/text/classifier/features.ts';
import {
  classificationReport,
  type ClassificationReport,
} from '../../src/server/text/classifier/metrics.ts';
import { selectModel } from '../../src/server/text/classifier/selection.ts';
import { INTENTS, SENTIMENTS } from '../../src/server/text/classifier/types.ts';
import { round, type BenchResult, type Scenario } from '../scenario.ts';

const MESSAGES = Number(process.env.OPSLOOP_BENCH_CLASSIFY_MESSAGES ?? 20_000);
const ROUNDS = 3;
const TARGETS = { sentimentAccuracy: 0.85, intentMacroF1: 0.8 };

interface Evaluation {
  sentiment: ClassificationReport;
  intent: ClassificationReport;
}

function evaluate(classifier: Classifier, examples: readonly DatasetExample[]): Evaluation {
  const results = examples.map((e) => classifier.classify(e.text));
  return {
    sentiment: classificationReport(
      SENTIMENTS,
      examples.map((e) => e.sentiment),
      results.map((r) => r.sentiment),
    ),
    intent: classificationReport(
      INTENTS,
      examples.map((e) => e.intent),
      results.map((r) => r.intent),
    ),
  };
}

function perClassF1(report: ClassificationReport): Record<string, number> {
  return Object.fromEntries(Object.entries(report.perClass).map(([label, m]) => [label, m.f1]));
}

function summary(report: ClassificationReport) {
  return {
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    perClassF1: perClassF1(report),
    perClass: report.perClass,
    confusion: report.confusion,
  };
}

/** Messages per second of `work` over `texts`, best of ROUNDS after a warm-up. */
function throughput(texts: readonly string[], work: (text: string) => unknown): number {
  let sink = 0;
  for (const text of texts.slice(0, 2000)) if (work(text)) sink++;
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    for (const text of texts) if (work(text)) sink++;
    best = Math.min(best, performance.now() - started);
  }
  if (sink < 0) throw new Error('unreachable');
  return texts.length / (best / 1000);
}

export const scenario: Scenario = {
  name: 'classify',
  async *run() {
    const train = trainExamples();
    const test = heldOutExamples();

    const selectionStarted = performance.now();
    const selection = selectModel(train);
    const selectionSeconds = (performance.now() - selectionStarted) / 1000;

    const trainStarted = performance.now();
    const classifier = trainClassifier(train, { model: selection.chosen.model });
    const trainMs = performance.now() - trainStarted;
    const held = evaluate(classifier, test);
    const byLanguage = Object.fromEntries(
      (['zh', 'en'] as const).map((language) => {
        const part = evaluate(
          classifier,
          test.filter((e) => e.language === language),
        );
        return [
          language,
          {
            messages: part.sentiment.total,
            sentimentAccuracy: part.sentiment.accuracy,
            intentMacroF1: part.intent.macroF1,
          },
        ];
      }),
    );
    const plain = evaluate(
      trainClassifier(train, {
        model: {
          ...selection.chosen.model,
          features: { ...DEFAULT_FEATURE_OPTIONS, lexicon: false, negation: false, sarcasm: false },
        },
      }),
      test,
    );

    const quality: BenchResult = {
      scenario: 'classify.quality',
      db: 'none' as const,
      value: held.intent.macroF1,
      unit: 'intent macro-F1 (held-out)',
      baseline: plain.intent.macroF1,
      ratio: round(held.intent.macroF1 / plain.intent.macroF1, 3),
      baselineUnit: 'intent macro-F1 of plain n-grams (no lexicon, negation, sarcasm)',
      targets: TARGETS,
      targetsMet:
        held.sentiment.accuracy >= TARGETS.sentimentAccuracy &&
        held.intent.macroF1 >= TARGETS.intentMacroF1,
      data: {
        train: train.length,
        test: test.length,
        testZh: test.filter((e) => e.language === 'zh').length,
        testEn: test.filter((e) => e.language === 'en').length,
        split:
          'stratified by language × intent × sentiment; every 4th message by salted SHA-256 rank is held out',
        testDigest: heldOutDigest(),
      },
      selection: {
        method: `${selection.folds}-fold stratified cross-validation on the train part only; the default stays unless a candidate beats it by > ${selection.margin}`,
        chosen: selection.chosen.name,
        seconds: round(selectionSeconds, 1),
        candidates: selection.results.map((r) => ({
          name: r.name,
          sentimentAccuracy: r.sentiment.accuracy,
          intentMacroF1: r.intent.macroF1,
          score: round(r.score, 4),
        })),
      },
      sentiment: summary(held.sentiment),
      intent: summary(held.intent),
      byLanguage,
      baselineModel: {
        sentimentAccuracy: plain.sentiment.accuracy,
        intentMacroF1: plain.intent.macroF1,
      },
      trainMs: round(trainMs, 1),
    };
    yield quality;

    const texts = Array.from({ length: MESSAGES }, (_, i) => test[i % test.length]!.text);
    const normalizePerSecond = throughput(texts, normalizeText);
    const classifyPerSecond = throughput(texts, (text) => classifier.classify(text));
    yield {
      scenario: 'classify',
      db: 'none' as const,
      value: round(classifyPerSecond),
      unit: 'messages/s',
      baseline: round(normalizePerSecond),
      ratio: round(classifyPerSecond / normalizePerSecond, 3),
      baselineUnit: 'messages/s of normalizeText alone',
      messages: MESSAGES,
      microsecondsPerMessage: round(1e6 / classifyPerSecond, 1),
      trainMs: round(trainMs, 1),
      trainExamples: train.length,
    };
  },
};
