import {
  INBOX_PRIORITIES,
  INTENTS,
  MODERATION_ACTIONS,
  SENTIMENTS,
  type InboxIntent,
  type InboxSentiment,
  type ModerationAction,
} from '../../../shared/inbox.ts';

/** What the classifier reads in one message. */
export interface Understanding {
  language: string | null;
  sentiment: InboxSentiment;
  /** -1 (most negative) … 1 (most positive), or the classifier's own confidence scale. */
  sentimentScore: number;
  intent: string;
  intentConfidence: number;
  /** `low`…`urgent`, or a number 0–3 (or 0–1), normalised by `priorityRank`. */
  priority: string | number;
}

export interface TextClassifier {
  classify(text: string): Understanding;
}

/** An agent's correction of one message: training data for the workspace's classifier. */
export interface LabelCorrection {
  text: string;
  language: string | null;
  sentiment: InboxSentiment | null;
  intent: InboxIntent | null;
}

export interface ScreenInput {
  text: string;
  subject: { kind: 'message'; id: string; channelId: string };
}

/** What moderation decided about one message. */
export interface ScreenResult {
  matches: unknown[];
  action: ModerationAction;
}

/**
 * The two readers every new message passes through at collection. Both are optional: without
 * them messages are stored unlabelled (priority normal) and unscreened.
 */
export interface InboxEnrichmentDeps {
  /** Builds a workspace's classifier from its corrections (the base examples are the trainer's). */
  trainClassifier?: (corrections: LabelCorrection[]) => TextClassifier | Promise<TextClassifier>;
  screen?: (workspaceId: string, input: ScreenInput) => ScreenResult | Promise<ScreenResult>;
  /**
   * Screens a whole page at once, in the order given; preferred over `screen` when present, so
   * whatever moderation reads per workspace is read once per page, not once per message.
   */
  screenMany?: (workspaceId: string, inputs: ScreenInput[]) => Promise<ScreenResult[]>;
}

export const PRIORITY_NORMAL = 1;
export const PRIORITY_URGENT = 3;

/** 0 low … 3 urgent, from a word or a number on a 0–3 or 0–1 scale. */
export function priorityRank(value: string | number | null | undefined): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const scaled = value > 0 && value < 1 ? value * 3 : value;
    return Math.min(3, Math.max(0, Math.round(scaled)));
  }
  if (typeof value === 'string') {
    const index = (INBOX_PRIORITIES as readonly string[]).indexOf(value);
    if (index >= 0) return index;
    if (value === 'medium') return PRIORITY_NORMAL;
    if (value === 'critical') return PRIORITY_URGENT;
  }
  return PRIORITY_NORMAL;
}

export function isSentiment(value: unknown): value is InboxSentiment {
  return typeof value === 'string' && (SENTIMENTS as readonly string[]).includes(value);
}

export function isIntent(value: unknown): value is InboxIntent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}

export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(value);
}

const MAX_CACHED_WORKSPACES = 200;

/**
 * One trained classifier per workspace, retrained when its corrections change. The version is
 * read from the database (count and latest change of the corrections), so a correction made
 * through another process is picked up at that process's next collection.
 */
export function createClassifierCache(deps: {
  train: (corrections: LabelCorrection[]) => TextClassifier | Promise<TextClassifier>;
  version: (workspaceId: string) => Promise<string>;
  corrections: (workspaceId: string) => Promise<LabelCorrection[]>;
}) {
  const cache = new Map<string, { version: string; classifier: Promise<TextClassifier> }>();
  return {
    async classifierFor(workspaceId: string): Promise<TextClassifier> {
      const version = await deps.version(workspaceId);
      const hit = cache.get(workspaceId);
      if (hit && hit.version === version) return hit.classifier;
      const classifier = deps
        .corrections(workspaceId)
        .then((corrections) => deps.train(corrections));
      // A failed training is not cached: the next collection tries again.
      void classifier.catch(() => {
        if (cache.get(workspaceId)?.classifier === classifier) cache.delete(workspaceId);
      });
      cache.delete(workspaceId);
      cache.set(workspaceId, { version, classifier });
      if (cache.size > MAX_CACHED_WORKSPACES) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return classifier;
    },
    invalidate(workspaceId: string): void {
      cache.delete(workspaceId);
    },
  };
}
