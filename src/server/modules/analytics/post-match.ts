import type { TargetRef } from './ingest.repo.ts';

/** How a row of metrics names its post. */
export interface PostIdentity {
  targetId?: string | null | undefined;
  externalId?: string | null | undefined;
  url?: string | null | undefined;
  title?: string | null | undefined;
  publishedAt?: number | null | undefined;
}

export type MatchResult =
  { kind: 'matched'; target: TargetRef } | { kind: 'ambiguous'; count: number } | { kind: 'none' };

const DAY_MS = 24 * 60 * 60 * 1000;
/** A title match must lie this close to the row's publish time, when the row has one. */
const TITLE_WINDOW_MS = 1.5 * DAY_MS;
/** Exports cut long texts; a cut title still names a post when it is at least this long. */
const MIN_PREFIX = 12;

/** URLs compare without scheme, `www.`, query, fragment or trailing slash. */
export function normalizeUrl(url: string): string {
  const trimmed = url.trim();
  try {
    const parsed = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`,
    );
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    return `${host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return trimmed.toLowerCase();
  }
}

/** Titles compare by their words: width-folded, lower case, single spaces. */
export function normalizeTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Finds a row's post among a channel's published versions, in order of certainty: OpsLoop's
 * own id, the platform's post id, the link, then the title (or the start of the text, which
 * exports often cut), narrowed by publish time when the row has one.
 */
export function createTargetIndex(targets: readonly TargetRef[]) {
  const byId = new Map<string, TargetRef>();
  const byExternal = new Map<string, TargetRef>();
  const byUrl = new Map<string, TargetRef>();
  const texts: { target: TargetRef; title: string | null; text: string }[] = [];

  function add(target: TargetRef): void {
    byId.set(target.id, target);
    if (target.external_id) byExternal.set(target.external_id, target);
    if (target.url) byUrl.set(normalizeUrl(target.url), target);
    texts.push({
      target,
      title: target.title ? normalizeTitle(target.title) : null,
      text: normalizeTitle(target.text),
    });
  }
  for (const target of targets) add(target);

  function matchTitle(title: string, publishedAt: number | null | undefined): MatchResult {
    const wanted = normalizeTitle(title);
    if (wanted === '') return { kind: 'none' };
    let candidates = texts.filter(
      (t) =>
        t.title === wanted ||
        t.text === wanted ||
        (wanted.length >= MIN_PREFIX && t.text.startsWith(wanted)) ||
        (t.text.length >= MIN_PREFIX && wanted.startsWith(t.text)),
    );
    if (publishedAt !== null && publishedAt !== undefined) {
      candidates = candidates.filter(
        (t) =>
          t.target.published_at === null ||
          Math.abs(t.target.published_at - publishedAt) <= TITLE_WINDOW_MS,
      );
      if (candidates.length > 1) {
        // Several posts share a title (a weekly column): the one published closest is meant.
        candidates.sort(
          (a, b) =>
            Math.abs((a.target.published_at ?? 0) - publishedAt) -
            Math.abs((b.target.published_at ?? 0) - publishedAt),
        );
        candidates = candidates.slice(0, 1);
      }
    }
    if (candidates.length === 1) return { kind: 'matched', target: candidates[0]!.target };
    if (candidates.length > 1) return { kind: 'ambiguous', count: candidates.length };
    return { kind: 'none' };
  }

  return {
    add,
    match(identity: PostIdentity): MatchResult {
      if (identity.targetId) {
        const target = byId.get(identity.targetId);
        return target ? { kind: 'matched', target } : { kind: 'none' };
      }
      if (identity.externalId) {
        const target = byExternal.get(identity.externalId);
        if (target) return { kind: 'matched', target };
      }
      if (identity.url) {
        const target = byUrl.get(normalizeUrl(identity.url));
        if (target) return { kind: 'matched', target };
      }
      if (identity.title) return matchTitle(identity.title, identity.publishedAt);
      return { kind: 'none' };
    },
  };
}

export type TargetIndex = ReturnType<typeof createTargetIndex>;
