import type { CreatePostBody, Post } from '../../shared/publishing.ts';
import { ApiError } from '../api/client.ts';

/** A channel's own wording; null follows the main text (or title). */
export interface Variant {
  text: string | null;
  title: string | null;
}

export interface VariantErrors {
  text?: string;
  title?: string;
  channelId?: string;
}

export interface PostDraft {
  title: string;
  body: string;
  topics: string[];
  channelIds: string[];
  variants: Record<string, Variant>;
}

export const EMPTY_DRAFT: PostDraft = {
  title: '',
  body: '',
  topics: [],
  channelIds: [],
  variants: {},
};

/** Reads a saved post back into the editor: versions equal to the main text follow it. */
export function draftFromPost(post: Post): PostDraft {
  const targets = post.targets.filter((target) => target.status !== 'canceled');
  return {
    title: post.title ?? '',
    body: post.body,
    topics: post.topics,
    channelIds: targets.map((target) => target.channelId),
    variants: Object.fromEntries(
      targets.map((target) => [
        target.channelId,
        {
          text: target.text === post.body ? null : target.text,
          title: target.title === post.title ? null : target.title,
        },
      ]),
    ),
  };
}

export function buildPostBody(draft: PostDraft): CreatePostBody {
  return {
    title: draft.title.trim() || null,
    body: draft.body,
    topics: draft.topics,
    targets: draft.channelIds.map((channelId) => {
      const variant = draft.variants[channelId];
      return {
        channelId,
        ...(variant?.text != null ? { text: variant.text } : {}),
        ...(variant?.title != null ? { title: variant.title.trim() || null } : {}),
      };
    }),
  };
}

/**
 * The server names channel problems by position (`targets.1.text`); this maps them back to the
 * channels in the order they were sent.
 */
export function targetErrors(
  error: unknown,
  sentChannelIds: readonly string[],
): Record<string, VariantErrors> {
  if (!(error instanceof ApiError)) return {};
  const byChannel: Record<string, VariantErrors> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const match = /^targets\.(\d+)\.(text|title|channelId)$/.exec(path);
    const channelId = match ? sentChannelIds[Number(match[1])] : undefined;
    if (!match || !channelId) continue;
    const field = match[2] as keyof VariantErrors;
    byChannel[channelId] = { ...byChannel[channelId], [field]: message };
  }
  return byChannel;
}
