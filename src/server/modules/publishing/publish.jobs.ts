import { z } from 'zod';
import { ConnectorError, type Connector, type ConnectorFactory } from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { PostTargetRow } from '../../db/schema.ts';
import type { Actor } from '../../http/route.ts';
import {
  defineCron,
  defineJob,
  describeError,
  type JobContext,
  type JobQueue,
} from '../../jobs/index.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import type { ChannelService } from './channels.service.ts';
import * as repo from './posts.repo.ts';
import type { PostService } from './posts.service.ts';
import type { MediaService } from '../media/index.ts';

export interface PublishJobsDeps {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  audit: AuditService;
  notifications: NotificationService;
  connectors: ConnectorFactory;
  channels: ChannelService;
  posts: PostService;
  /** The attached files of a target; refuses (ConnectorError) one whose license has run out. */
  media?: Pick<MediaService, 'filesFor'>;
  /** Called once a target is live (metrics collection hooks in here). */
  afterPublished?: (target: {
    workspaceId: string;
    channelId: string;
    publishedAt: number;
  }) => Promise<void>;
}

const PUBLISH_ATTEMPTS = 6;
const RECONCILE_DELAY_MS = 30_000;
const SYSTEM: Actor = { userId: null, tokenId: null, label: 'OpsLoop', ip: null, requestId: null };

const DeliveryPayload = z.object({
  workspaceId: z.string(),
  targetId: z.string(),
  /** The slot this job was enqueued for; a rescheduled target ignores jobs of its old slot. */
  scheduledAt: z.number(),
});
const ReconcilePayload = z.object({ workspaceId: z.string(), targetId: z.string() });

/**
 * Delivery of scheduled posts. A target is claimed by a compare-and-set from `scheduled` to
 * `publishing` before anything is sent, so two workers never send it both; a target found in
 * `publishing` means an earlier attempt died mid-call, and the platform is asked whether the post
 * exists (by its idempotency key) before anything is sent again.
 */
export function createPublishJobs(deps: PublishJobsDeps) {
  const { db, clock } = deps;

  async function context(workspaceId: string, targetId: string) {
    const found = await repo.findDelivery(db.kysely, workspaceId, targetId);
    if (!found) return null;
    return { ...found, connector: deps.connectors(deps.channels.connection(found.channel)) };
  }

  async function settle(
    target: PostTargetRow,
    from: string[],
    changes: Partial<PostTargetRow>,
  ): Promise<boolean> {
    const moved = await repo.transitionTarget(db.kysely, target.workspace_id, target.id, from, {
      ...changes,
      updated_at: clock.now(),
    });
    if (moved) await deps.posts.refreshStatus(target.workspace_id, target.post_id);
    return moved;
  }

  async function markPublished(
    target: PostTargetRow,
    published: { externalId: string; url: string | null; publishedAt: number },
  ) {
    const moved = await settle(target, ['publishing', 'unconfirmed'], {
      status: 'published',
      external_id: published.externalId,
      url: published.url,
      published_at: published.publishedAt,
      last_error: null,
      error_action: null,
    });
    if (moved) {
      await deps.afterPublished?.({
        workspaceId: target.workspace_id,
        channelId: target.channel_id,
        publishedAt: published.publishedAt,
      });
      await deps.audit.record(db.kysely, SYSTEM, {
        workspaceId: target.workspace_id,
        action: 'posts.target_published',
        targetType: 'post_target',
        targetId: target.id,
        after: {
          channelId: target.channel_id,
          externalId: published.externalId,
          url: published.url,
        },
      });
    }
  }

  async function notifyFailure(
    target: PostTargetRow,
    channelName: string,
    headline: string,
    detail: string,
  ) {
    const post = await repo.findPost(db.kysely, target.workspace_id, target.post_id);
    await deps.notifications.notify({
      workspaceId: target.workspace_id,
      userIds: post ? [post.created_by] : [],
      roles: ['owner', 'admin', 'manager'],
      kind: 'post.delivery_problem',
      title: `${headline} on ${channelName}`,
      body: detail,
      link: `/w/${target.workspace_id}/posts/${target.post_id}`,
      dedupeKey: `delivery:${target.id}:${target.attempts}:${headline}`,
    });
  }

  async function send(
    target: PostTargetRow,
    topics: string[],
    connector: Connector,
    channelName: string,
    ctx: JobContext,
  ) {
    try {
      const published = await connector.publish({
        idempotencyKey: target.idempotency_key,
        text: target.text,
        title: target.title ?? undefined,
        media: (await deps.media?.filesFor(target.workspace_id, target.id)) ?? [],
        topics,
      });
      await markPublished(target, published);
    } catch (error) {
      const failure =
        error instanceof ConnectorError
          ? error
          : new ConnectorError('unknown_outcome', `The driver failed: ${describeError(error)}`, {
              cause: error,
            });
      const reason = failure.platformMessage
        ? `${failure.message} (the platform said: ${failure.platformMessage})`
        : failure.message;
      switch (failure.kind) {
        case 'retryable': {
          await deps.channels.recordHealth(target.workspace_id, target.channel_id, failure);
          if (ctx.attempt < PUBLISH_ATTEMPTS) {
            // Nothing was published: back to the slot, and the queue retries with backoff.
            await settle(target, ['publishing'], {
              status: 'scheduled',
              last_error: reason,
              error_action: failure.action,
            });
            throw failure;
          }
          await settle(target, ['publishing'], {
            status: 'failed',
            last_error: `${reason} — gave up after ${ctx.attempt} attempts`,
            error_action: 'Check the channel, then retry the post.',
          });
          await notifyFailure(target, channelName, 'Publishing failed', reason);
          return;
        }
        case 'auth':
        case 'rejected':
          await deps.channels.recordHealth(target.workspace_id, target.channel_id, failure);
          await settle(target, ['publishing'], {
            status: 'failed',
            last_error: reason,
            error_action: failure.action,
          });
          await notifyFailure(
            target,
            channelName,
            'Publishing failed',
            `${reason} ${failure.action}`,
          );
          return;
        case 'unknown_outcome':
          await settle(target, ['publishing'], {
            status: 'unconfirmed',
            last_error: reason,
            error_action: failure.action,
          });
          await deps.jobs.enqueue(
            reconcileJob,
            { workspaceId: target.workspace_id, targetId: target.id },
            {
              workspaceId: target.workspace_id,
              delayMs: RECONCILE_DELAY_MS,
              dedupeKey: `reconcile:${target.id}:${target.attempts}`,
            },
          );
          return;
      }
    }
  }

  async function remindAssisted(target: PostTargetRow, channelName: string, style: string) {
    const moved = await settle(target, ['publishing'], {
      status: 'unconfirmed',
      last_error: null,
      error_action: `Publish it on ${style} by hand, then mark it published with its URL.`,
    });
    if (!moved) return;
    const post = await repo.findPost(db.kysely, target.workspace_id, target.post_id);
    await deps.notifications.notify({
      workspaceId: target.workspace_id,
      userIds: post ? [post.created_by] : [],
      kind: 'post.publish_reminder',
      title: `Time to publish on ${channelName}`,
      body: `${post?.title ?? target.text.slice(0, 60)} — publish it by hand, then mark it published with its URL.`,
      link: `/w/${target.workspace_id}/posts/${target.post_id}`,
      dedupeKey: `reminder:${target.id}:${target.scheduled_at}`,
    });
  }

  const deliverJob = defineJob({
    name: 'publishing.target.deliver',
    payload: DeliveryPayload,
    maxAttempts: PUBLISH_ATTEMPTS,
    async handle(payload, ctx) {
      const found = await context(payload.workspaceId, payload.targetId);
      if (!found) return;
      const { channel, connector } = found;
      let { target } = found;
      if (target.status === 'scheduled') {
        if (target.scheduled_at !== payload.scheduledAt) return; // rescheduled: a newer job owns it
        const claimed = await repo.transitionTarget(
          db.kysely,
          target.workspace_id,
          target.id,
          ['scheduled'],
          { status: 'publishing', attempts: target.attempts + 1, updated_at: clock.now() },
          payload.scheduledAt,
        );
        if (!claimed) return;
        // The post keeps showing `scheduled` until its targets settle; one write saved per send.
        target = { ...target, status: 'publishing', attempts: target.attempts + 1 };
        if (channel.platform === 'assisted')
          return remindAssisted(target, channel.name, channel.style);
        return send(target, found.topics, connector, channel.name, ctx);
      }
      if (target.status !== 'publishing') return;
      // An earlier attempt died while sending: find out before sending again.
      if (channel.platform === 'assisted')
        return remindAssisted(target, channel.name, channel.style);
      if (!connector.capabilities.lookupByIdempotencyKey) {
        await settle(target, ['publishing'], {
          status: 'unconfirmed',
          last_error:
            'OpsLoop stopped while sending and this platform cannot be asked whether the post arrived',
          error_action: 'Check the channel: mark it published with its URL, or retry it.',
        });
        return;
      }
      const existing = await connector.findPublished(target.idempotency_key);
      if (existing) return markPublished(target, existing);
      await repo.incrementAttempts(db.kysely, target.workspace_id, target.id);
      return send(
        { ...target, attempts: target.attempts + 1 },
        found.topics,
        connector,
        channel.name,
        ctx,
      );
    },
  });

  const reconcileJob = defineJob({
    name: 'publishing.target.reconcile',
    payload: ReconcilePayload,
    maxAttempts: 10,
    async handle(payload) {
      const found = await context(payload.workspaceId, payload.targetId);
      if (!found || found.target.status !== 'unconfirmed' || found.channel.platform === 'assisted')
        return;
      const { target, connector } = found;
      if (!connector.capabilities.lookupByIdempotencyKey) return;
      const existing = await connector.findPublished(target.idempotency_key);
      if (existing) return markPublished(target, existing);
      // The platform has no such post, so sending again cannot double it; a new slot gives the
      // delivery a new job key.
      const now = Math.max(clock.now(), (target.scheduled_at ?? 0) + 1);
      const moved = await settle(target, ['unconfirmed'], {
        status: 'scheduled',
        scheduled_at: now,
      });
      if (moved) await enqueueDeliveries(target.workspace_id, [target.id], now);
    },
  });

  const sweepJob = defineJob({
    name: 'publishing.due.sweep',
    payload: z.object({}),
    async handle() {
      // Enqueueing happens after the scheduling transaction commits; this finds any target whose
      // job was lost in between. Dedupe keys make it a no-op for targets that have one.
      const due = await repo.listDueTargets(db.kysely, clock.now(), 1000);
      for (const row of due) {
        await enqueueDeliveries(row.workspace_id, [row.id], row.scheduled_at ?? clock.now());
      }
    },
  });

  function deliveryKey(targetId: string, at: number): string {
    return `deliver:${targetId}:${at}`;
  }

  async function enqueueDeliveries(
    workspaceId: string,
    targetIds: readonly string[],
    at: number,
  ): Promise<void> {
    if (targetIds.length === 0) return;
    await deps.jobs.enqueueMany(
      deliverJob,
      targetIds.map((targetId) => ({
        payload: { workspaceId, targetId, scheduledAt: at },
        workspaceId,
        runAt: at,
        dedupeKey: deliveryKey(targetId, at),
      })),
    );
  }

  return {
    enqueueDeliveries,
    jobs: [deliverJob, reconcileJob, sweepJob],
    crons: [
      defineCron({
        key: 'publishing.due.sweep',
        schedule: '* * * * *',
        job: sweepJob,
        payload: {},
      }),
    ],
  };
}

export type PublishJobs = ReturnType<typeof createPublishJobs>;
