import { replyLanguageOf, type ReplyLanguage } from '../../../shared/routing.ts';
import { normalizeForMatch } from '../../text/normalize.ts';

/**
 * Which canned replies fit the message at hand. Pure: intent match first, then how much of the
 * customer's words the reply covers (character bigrams of the normalised text, which works for
 * Chinese without segmentation), then how often the team has used the reply lately.
 */

export interface RankableReply {
  id: string;
  title: string;
  shortcut: string | null;
  intents: readonly string[];
  variants: { zh: string | null; en: string | null };
  /** Uses in the recent window the caller chose. */
  recentUses: number;
}

export interface RankQuery {
  text?: string | undefined;
  intent?: string | null | undefined;
  language?: string | null | undefined;
  /** What the agent typed in the picker; `/ref` looks up shortcuts. */
  q?: string | undefined;
  /** The language to fall back to when the message's is unknown. */
  defaultLanguage: ReplyLanguage;
}

export interface RankedReply<R extends RankableReply> {
  reply: R;
  language: ReplyLanguage;
  score: number;
  reasons: {
    intent: boolean;
    shortcut: boolean;
    similarity: number;
    usage: number;
    languageMatch: boolean;
  };
}

const WEIGHTS = { intent: 0.5, similarity: 0.35, usage: 0.15 } as const;
/** A reply shown in the other language is still useful, but after those in the right one. */
const OTHER_LANGUAGE = 0.85;
const MAX_TEXT = 2000;

// Reply texts are ranked again for every message: their bigrams and match forms are kept.
const MAX_CACHED = 20_000;
const gramCache = new Map<string, Set<string>>();
const matchCache = new Map<string, string>();

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** Distinct character bigrams of the match form (a lone character counts as one). */
export function bigrams(text: string): Set<string> {
  const folded = [...normalizeForMatch(text.slice(0, MAX_TEXT)).text];
  const out = new Set<string>();
  if (folded.length === 1) out.add(folded[0]!);
  for (let i = 0; i + 1 < folded.length; i++) out.add(folded[i]! + folded[i + 1]!);
  return out;
}

/** Share of the message's bigrams that the reply contains, 0…1. */
export function coverage(message: ReadonlySet<string>, reply: ReadonlySet<string>): number {
  if (message.size === 0) return 0;
  let shared = 0;
  for (const gram of message) if (reply.has(gram)) shared++;
  return shared / message.size;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Ranks replies for a message, best first, at most `limit`. */
export function rankReplies<R extends RankableReply>(
  replies: readonly R[],
  query: RankQuery,
  limit = 10,
): Array<RankedReply<R>> {
  const wanted = replyLanguageOf(query.language) ?? query.defaultLanguage;
  const typed = (query.q ?? '').trim();
  const shortcutQuery = typed.startsWith('/') ? typed.slice(1).toLowerCase() : null;
  const filter = typed && shortcutQuery === null ? normalizeForMatch(typed).text : '';
  const messageGrams = bigrams(query.text ?? '');
  const intent = query.intent?.toLowerCase() ?? null;
  const maxUses = Math.max(0, ...replies.map((reply) => reply.recentUses));
  const hasContext = messageGrams.size > 0 || intent !== null;

  const ranked: Array<RankedReply<R>> = [];
  for (const reply of replies) {
    const language: ReplyLanguage = reply.variants[wanted] ? wanted : wanted === 'zh' ? 'en' : 'zh';
    const body = reply.variants[language] ?? '';
    const shortcut = reply.shortcut?.toLowerCase() ?? null;
    let shortcutHit = false;
    if (shortcutQuery !== null) {
      if (!shortcut?.startsWith(shortcutQuery)) continue;
      shortcutHit = true;
    }
    if (filter) {
      const haystack = remember(
        matchCache,
        `${reply.title} ${shortcut ?? ''} ${body}`,
        () => normalizeForMatch(`${reply.title} ${shortcut ?? ''} ${body}`).text,
      );
      if (!haystack.includes(filter)) continue;
    }
    const intentHit =
      intent !== null && reply.intents.some((entry) => entry.toLowerCase() === intent);
    const replyText = `${reply.title} ${body}`;
    const similarity =
      messageGrams.size > 0
        ? coverage(
            messageGrams,
            remember(gramCache, replyText, () => bigrams(replyText)),
          )
        : 0;
    const usage = maxUses > 0 ? Math.log1p(reply.recentUses) / Math.log1p(maxUses) : 0;
    // With a message to go by, usage only lifts replies that fit it: a popular reply about
    // something else must not outrank a relevant one. Without one, usage is all there is.
    const relevance = hasContext ? (intentHit ? 1 : Math.min(1, similarity * 2)) : 1;
    let score =
      (intentHit ? WEIGHTS.intent : 0) +
      WEIGHTS.similarity * similarity +
      WEIGHTS.usage * usage * relevance;
    const languageMatch = language === wanted;
    if (!languageMatch) score *= OTHER_LANGUAGE;
    // A shortcut typed in full is what the agent asked for: it goes first whatever the rest says.
    if (shortcutHit && shortcut === shortcutQuery) score += 10;
    else if (shortcutHit) score += 5;
    ranked.push({
      reply,
      language,
      score: round(score),
      reasons: {
        intent: intentHit,
        shortcut: shortcutHit,
        similarity: round(similarity),
        usage: round(usage),
        languageMatch,
      },
    });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.reply.recentUses - a.reply.recentUses ||
      a.reply.title.localeCompare(b.reply.title),
  );
  return ranked.slice(0, limit);
}
