/**
 * The inbound messages of a sandbox account, derived (never stored) from its posts and the clock:
 * comment i of a post exists once its arrival time has come, and so do each day's DMs.
 */
import type { InboundMessage } from '../connector.ts';
import {
  commentSchedule,
  dayNumber,
  directMessageSchedule,
  inCrisis,
  type Language,
  type SandboxAudienceModel,
  type SimulatedPost,
} from './sandbox-model.ts';
import {
  composeMessage,
  pickUserIndex,
  sandboxUser,
  type Intent,
  type Sentiment,
} from './sandbox-text.ts';

/** The labels a message truly carries; only the sandbox knows them. */
export interface MessageTruth {
  externalId: string;
  kind: InboundMessage['kind'];
  createdAt: number;
  language: Language;
  sentiment: Sentiment;
  intent: Intent;
  templateId: string;
  /** Whether it arrived inside a crisis window. */
  crisis: boolean;
  /** The user's index in the account's pool; below FAN_COUNT means a regular. */
  userIndex: number;
}

export interface SandboxMessage {
  message: InboundMessage;
  truth: MessageTruth;
}

/** A message known by id and time only, built in full when it is actually returned. */
export interface MessageRef {
  externalId: string;
  createdAt: number;
  build(): SandboxMessage;
}

export interface MessageContext {
  accountId: string;
  seed: number;
  model: SandboxAudienceModel;
}

export function commentExternalId(postId: string, index: number): string {
  return `${postId}.c${index}`;
}

export function dmExternalId(accountId: string, day: number, index: number): string {
  return `${accountId}.dm.${day}.${index}`;
}

export type ParsedMessageId =
  | { type: 'comment'; postId: string; index: number }
  | { type: 'dm'; accountId: string; day: number; index: number };

export function parseMessageId(externalId: string): ParsedMessageId | null {
  const comment = /^([^.]+)\.c(\d+)$/.exec(externalId);
  if (comment?.[1] && comment[2]) {
    return { type: 'comment', postId: comment[1], index: Number(comment[2]) };
  }
  const dm = /^([^.]+)\.dm\.(\d+)\.(\d+)$/.exec(externalId);
  if (dm?.[1] && dm[2] && dm[3]) {
    return { type: 'dm', accountId: dm[1], day: Number(dm[2]), index: Number(dm[3]) };
  }
  return null;
}

function author(ctx: MessageContext, key: string) {
  const userIndex = pickUserIndex(key);
  return { userIndex, user: sandboxUser(ctx.seed, userIndex, ctx.model.zhShare) };
}

/** The comments of one post, whether or not their time has come. */
export function commentRefs(ctx: MessageContext, post: SimulatedPost): MessageRef[] {
  const slots = commentSchedule(ctx.model, ctx.seed, post);
  return slots.map((slot) => {
    const externalId = commentExternalId(post.id, slot.index);
    return {
      externalId,
      createdAt: slot.createdAt,
      build: () => {
        const key = `${ctx.seed}|${post.idempotencyKey}|c${slot.index}`;
        const { userIndex, user } = author(ctx, key);
        const crisis = inCrisis(ctx.model, slot.createdAt);
        const words = composeMessage({
          key,
          kind: 'comment',
          language: user.language,
          brand: ctx.model.brand,
          crisis,
        });
        const kind = slot.parentIndex === null ? 'comment' : 'reply';
        return {
          message: {
            externalId,
            kind,
            postExternalId: post.id,
            parentExternalId:
              slot.parentIndex === null ? null : commentExternalId(post.id, slot.parentIndex),
            author: {
              externalId: user.externalId,
              handle: user.handle,
              displayName: user.displayName,
              followers: user.followers,
            },
            text: words.text,
            createdAt: slot.createdAt,
          },
          truth: {
            externalId,
            kind,
            createdAt: slot.createdAt,
            language: words.language,
            sentiment: words.sentiment,
            intent: words.intent,
            templateId: words.templateId,
            crisis,
            userIndex,
          },
        };
      },
    };
  });
}

/** The DMs of one UTC day. */
export function directMessageRefs(ctx: MessageContext, day: number): MessageRef[] {
  return directMessageSchedule(ctx.model, ctx.seed, day).map((slot) => {
    const externalId = dmExternalId(ctx.accountId, slot.day, slot.index);
    return {
      externalId,
      createdAt: slot.createdAt,
      build: () => {
        const key = `${ctx.seed}|dm|${slot.day}|${slot.index}`;
        const { userIndex, user } = author(ctx, key);
        const crisis = inCrisis(ctx.model, slot.createdAt);
        const words = composeMessage({
          key,
          kind: 'dm',
          language: user.language,
          brand: ctx.model.brand,
          crisis,
        });
        return {
          message: {
            externalId,
            kind: 'direct_message',
            postExternalId: null,
            parentExternalId: null,
            author: {
              externalId: user.externalId,
              handle: user.handle,
              displayName: user.displayName,
              followers: user.followers,
            },
            text: words.text,
            createdAt: slot.createdAt,
          },
          truth: {
            externalId,
            kind: 'direct_message',
            createdAt: slot.createdAt,
            language: words.language,
            sentiment: words.sentiment,
            intent: words.intent,
            templateId: words.templateId,
            crisis,
            userIndex,
          },
        };
      },
    };
  });
}

/** Position of a message in the inbox order: time, then id. */
export interface MessagePosition {
  createdAt: number;
  externalId: string;
}

export function isAfter(ref: MessagePosition, position: MessagePosition | null): boolean {
  if (!position) return true;
  if (ref.createdAt !== position.createdAt) return ref.createdAt > position.createdAt;
  return ref.externalId > position.externalId;
}

export function compareMessages(a: MessagePosition, b: MessagePosition): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0;
}

/**
 * Every message of the account with a position in (after, until], given the posts that may have
 * comments in that window and the earliest time DMs exist. Sorted in inbox order.
 */
export function messagesBetween(
  ctx: MessageContext,
  posts: readonly SimulatedPost[],
  messagesSince: number,
  after: MessagePosition | null,
  until: number,
): MessageRef[] {
  const refs: MessageRef[] = posts.flatMap((post) => commentRefs(ctx, post));
  const firstDay = dayNumber(Math.max(messagesSince, after?.createdAt ?? messagesSince));
  for (let day = firstDay; day <= dayNumber(until); day++) {
    for (const ref of directMessageRefs(ctx, day)) {
      if (ref.createdAt >= messagesSince) refs.push(ref);
    }
  }
  return refs.filter((ref) => ref.createdAt <= until && isAfter(ref, after)).sort(compareMessages);
}
