import { z } from 'zod';
import {
  ConnectorError,
  type Connector,
  type ConnectorFactory,
  type InboundMessage,
} from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../http/route.ts';
import {
  defineCron,
  defineJob,
  describeError,
  type JobContext,
  type JobQueue,
} from '../../jobs/index.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import type { ChannelService } from '../publishing/index.ts';
import type { MessageRow } from './inbox-tables.ts';
import * as repo from './inbox.repo.ts';

const SEND_ATTEMPTS = 5;
const RECONCILE_DELAY_MS = 30_000;
/** A queued reply whose job has not started by then lost it; the sweep enqueues it again. */
const STALE_QUEUED_MS = 2 * 60 * 1000;
const PREVIEW_LENGTH = 140;
export const SYSTEM_ACTOR: Actor = {
  userId: null,
  tokenId: null,
  label: 'OpsLoop',
  ip: null,
  requestId: null,
};

/** Called with conversations that changed other than by new customer messages. */
export type ConversationsUpdatedListener = (
  workspaceId: string,
  conversationIds: string[],
) => Promise<void>;

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  audit: AuditService;
  notifications: NotificationService;
  connectors: ConnectorFactory;
  channels: Pick<ChannelService, 'requireChannel' | 'connection' | 'recordHealth'>;
  /** Told when a reply went out, so SLA timers and surveys follow the conversation. */
  onConversationsUpdated?: ConversationsUpdatedListener;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/** The platform's words and ours, for a person to act on. */
export function describeFailure(failure: ConnectorError): string {
  return failure.platformMessage
    ? `${failure.message} (the platform said: ${failure.platformMessage})`
    : failure.message;
}

/** The kind of message a reply answers, as the driver needs it. */
function targetKind(kind: string): InboundMessage['kind'] {
  return kind === 'direct_message' || kind === 'comment' || kind === 'mention' ? kind : 'reply';
}

/**
 * Replies sent through a channel with the same care as publishing: a reply is a row and a job,
 * carries an idempotency key, and is claimed by a compare-and-set from `queued` to `sending`
 * before the platform is called. A reply found in `sending` means an attempt died mid-call: the
 * platform is asked whether it arrived (where it can be asked) before anything is sent again;
 * where it cannot, the reply waits as `unconfirmed` for a person to check.
 */
export function createDelivery(deps: DeliveryDeps) {
  const { db, clock } = deps;

  async function load(workspaceId: string, messageId: string) {
    const message = await repo.findMessage(db.kysely, workspaceId, messageId);
    if (!message || message.direction !== 'out') return null;
    const target = message.reply_to_id
      ? await repo.findMessage(db.kysely, workspaceId, message.reply_to_id)
      : undefined;
    let channel;
    try {
      channel = await deps.channels.requireChannel(workspaceId, message.channel_id);
    } catch {
      return null;
    }
    const connector = deps.connectors(deps.channels.connection(channel));
    return { message, target, channel, connector };
  }

  async function markSent(message: MessageRow, externalId: string | null): Promise<boolean> {
    const now = clock.now();
    const sent = await db.kysely.transaction().execute(async (trx) => {
      const moved = await repo.transitionMessage(
        trx,
        message.workspace_id,
        message.id,
        ['queued', 'sending', 'unconfirmed'],
        {
          status: 'sent',
          external_id: externalId,
          sent_at: now,
          last_error: null,
          error_action: null,
          updated_at: now,
        },
      );
      if (moved) {
        await repo.recordResponse(
          trx,
          message.workspace_id,
          message.conversation_id,
          now,
          preview(message.text),
        );
      }
      return moved;
    });
    if (sent) await deps.onConversationsUpdated?.(message.workspace_id, [message.conversation_id]);
    return sent;
  }

  async function notifyAuthor(message: MessageRow, title: string, body: string) {
    if (!message.user_id) return;
    await deps.notifications.notify({
      workspaceId: message.workspace_id,
      userIds: [message.user_id],
      kind: 'inbox.reply_problem',
      title,
      body,
      link: `/w/${message.workspace_id}/inbox?conversation=${message.conversation_id}`,
      dedupeKey: `inbox-reply:${message.id}:${message.attempts}:${title}`,
    });
  }

  async function send(
    message: MessageRow,
    target: MessageRow | undefined,
    connector: Connector,
    ctx: JobContext,
  ) {
    if (!target?.external_id) {
      await settle(message, ['sending'], {
        status: 'failed',
        last_error: 'The message this reply answers is no longer known.',
        error_action: 'Write the reply again in the conversation.',
      });
      return;
    }
    try {
      const sent = await connector.reply(
        { externalId: target.external_id, kind: targetKind(target.kind) },
        message.text,
        message.idempotency_key ?? `inbox-reply:${message.id}`,
      );
      await markSent(message, sent.externalId);
    } catch (error) {
      const failure =
        error instanceof ConnectorError
          ? error
          : new ConnectorError('unknown_outcome', `The driver failed: ${describeError(error)}`, {
              cause: error,
            });
      const reason = describeFailure(failure);
      switch (failure.kind) {
        case 'retryable':
          await deps.channels.recordHealth(message.workspace_id, message.channel_id, failure);
          if (ctx.attempt < SEND_ATTEMPTS) {
            // Nothing was sent: back to the queue, and the job retries with backoff.
            await settle(message, ['sending'], {
              status: 'queued',
              last_error: reason,
              error_action: failure.action,
            });
            throw failure;
          }
          await settle(message, ['sending'], {
            status: 'failed',
            last_error: `${reason} — gave up after ${ctx.attempt} attempts`,
            error_action: 'Check the channel, then send the reply again.',
          });
          await notifyAuthor(message, 'A reply could not be sent', reason);
          return;
        case 'auth':
        case 'rejected':
          await deps.channels.recordHealth(message.workspace_id, message.channel_id, failure);
          await settle(message, ['sending'], {
            status: 'failed',
            last_error: reason,
            error_action: failure.action,
          });
          await notifyAuthor(message, 'A reply was refused', `${reason} ${failure.action}`);
          return;
        case 'unknown_outcome':
          await unconfirmed(message, connector, reason);
          return;
      }
    }
  }

  async function unconfirmed(message: MessageRow, connector: Connector, reason: string) {
    const canAsk = Boolean(connector.findReply);
    await settle(message, ['sending'], {
      status: 'unconfirmed',
      last_error: reason,
      error_action: canAsk
        ? 'OpsLoop will check on the platform whether the reply arrived before sending it again.'
        : 'Check on the platform whether the reply arrived: mark it sent, or send it again.',
    });
    if (canAsk) {
      await deps.jobs.enqueue(
        reconcileJob,
        { workspaceId: message.workspace_id, messageId: message.id },
        {
          workspaceId: message.workspace_id,
          delayMs: RECONCILE_DELAY_MS,
          dedupeKey: `inbox-reconcile:${message.id}:${message.attempts}`,
        },
      );
    } else {
      await notifyAuthor(message, 'Check whether a reply arrived', reason);
    }
  }

  async function settle(
    message: MessageRow,
    from: string[],
    changes: Partial<Pick<MessageRow, 'status' | 'last_error' | 'error_action'>>,
  ): Promise<boolean> {
    return repo.transitionMessage(db.kysely, message.workspace_id, message.id, from, {
      ...changes,
      updated_at: clock.now(),
    });
  }

  const sendJob = defineJob({
    name: 'inbox.reply.send',
    payload: z.object({ workspaceId: z.string(), messageId: z.string() }),
    maxAttempts: SEND_ATTEMPTS,
    async handle(payload, ctx) {
      const found = await load(payload.workspaceId, payload.messageId);
      if (!found) return;
      const { target, connector } = found;
      let { message } = found;
      if (message.status === 'queued') {
        const claimed = await repo.transitionMessage(
          db.kysely,
          message.workspace_id,
          message.id,
          ['queued'],
          { status: 'sending', attempts: message.attempts + 1, updated_at: clock.now() },
        );
        if (!claimed) return;
        message = { ...message, status: 'sending', attempts: message.attempts + 1 };
        return send(message, target, connector, ctx);
      }
      if (message.status !== 'sending') return;
      // An earlier attempt died while sending: find out before sending again.
      if (!connector.findReply) {
        await unconfirmed(
          message,
          connector,
          'OpsLoop stopped while sending and this platform cannot be asked whether the reply arrived',
        );
        return;
      }
      const existing = await connector.findReply(message.idempotency_key ?? '');
      if (existing) {
        await markSent(message, existing.externalId);
        return;
      }
      message = { ...message, attempts: message.attempts + 1 };
      await repo.updateMessage(db.kysely, message.workspace_id, message.id, {
        attempts: message.attempts,
        updated_at: clock.now(),
      });
      return send(message, target, connector, ctx);
    },
  });

  const reconcileJob = defineJob({
    name: 'inbox.reply.reconcile',
    payload: z.object({ workspaceId: z.string(), messageId: z.string() }),
    maxAttempts: 10,
    async handle(payload) {
      const found = await load(payload.workspaceId, payload.messageId);
      const findReply = found?.connector.findReply?.bind(found.connector);
      if (!found || found.message.status !== 'unconfirmed' || !findReply) return;
      const { message } = found;
      const existing = await findReply(message.idempotency_key ?? '');
      if (existing) {
        await markSent(message, existing.externalId);
        return;
      }
      // The platform has no such reply, so sending again cannot double it.
      if (await settle(message, ['unconfirmed'], { status: 'queued' })) {
        await enqueueSend(message.workspace_id, message.id, message.attempts);
      }
    },
  });

  const hideJob = defineJob({
    name: 'inbox.message.hide',
    payload: z.object({ workspaceId: z.string(), messageId: z.string() }),
    async handle(payload) {
      try {
        await hideMessage(payload.workspaceId, payload.messageId, SYSTEM_ACTOR);
      } catch (error) {
        // A platform that cannot hide leaves the message flagged for a person; nothing to retry.
        if (error instanceof AppError) return;
        throw error;
      }
    },
  });

  const sweepJob = defineJob({
    name: 'inbox.replies.sweep',
    payload: z.object({}),
    async handle() {
      const stale = await repo.listStaleReplies(db.kysely, clock.now() - STALE_QUEUED_MS, 500);
      for (const row of stale) {
        const message = await repo.findMessage(db.kysely, row.workspace_id, row.id);
        if (message?.status === 'queued') {
          await enqueueSend(message.workspace_id, message.id, message.attempts);
        }
      }
    },
  });

  async function enqueueSend(workspaceId: string, messageId: string, attempts: number) {
    await deps.jobs.enqueue(
      sendJob,
      { workspaceId, messageId },
      { workspaceId, dedupeKey: `inbox-reply:${messageId}:${attempts}` },
    );
  }

  /**
   * Hides an inbound comment on the platform. Refused, with the reason in plain words, where the
   * platform cannot hide comments through its API or refuses this one.
   */
  async function hideMessage(workspaceId: string, messageId: string, actor: Actor) {
    const message = await repo.findMessage(db.kysely, workspaceId, messageId);
    if (!message) throw AppError.notFound('Message');
    if (message.direction !== 'in' || !message.external_id) {
      throw new AppError('conflict', 'Only messages received from the platform can be hidden');
    }
    if (message.hidden_at !== null) return message;
    if (message.kind === 'direct_message') {
      throw new AppError('conflict', 'Direct messages are private and cannot be hidden');
    }
    const channel = await deps.channels.requireChannel(workspaceId, message.channel_id);
    const connector = deps.connectors(deps.channels.connection(channel));
    if (!connector.capabilities.hideComments || !connector.hideComment) {
      throw new AppError(
        'conflict',
        `${channel.name} cannot hide comments through its API; hide it in the platform's own app`,
      );
    }
    try {
      await connector.hideComment({
        externalId: message.external_id,
        kind: targetKind(message.kind),
      });
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      await deps.channels.recordHealth(workspaceId, message.channel_id, error);
      throw new AppError('conflict', `${describeFailure(error)}. ${error.action}`);
    }
    const now = clock.now();
    await deps.audit.change(
      actor,
      (trx) => repo.updateMessage(trx, workspaceId, messageId, { hidden_at: now, updated_at: now }),
      {
        workspaceId,
        action: 'inbox.message_hidden',
        targetType: 'inbox_message',
        targetId: messageId,
        after: { channelId: message.channel_id, externalId: message.external_id },
      },
    );
    return { ...message, hidden_at: now, updated_at: now };
  }

  async function enqueueHides(workspaceId: string, messageIds: readonly string[]) {
    if (messageIds.length === 0) return;
    await deps.jobs.enqueueMany(
      hideJob,
      messageIds.map((messageId) => ({
        payload: { workspaceId, messageId },
        workspaceId,
        dedupeKey: `inbox-hide:${messageId}`,
      })),
    );
  }

  return {
    enqueueSend,
    enqueueHides,
    hideMessage,
    markSent,
    jobs: [sendJob, reconcileJob, hideJob, sweepJob],
    crons: [
      defineCron({
        key: 'inbox.replies.sweep',
        schedule: '* * * * *',
        job: sweepJob,
        payload: {},
      }),
    ],
  };
}

export type Delivery = ReturnType<typeof createDelivery>;
