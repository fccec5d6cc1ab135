import { z } from 'zod';
import {
  ConnectorError,
  type ConnectorFactory,
  type InboundMessage,
} from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import { defineCron, defineJob, describeError, type JobQueue } from '../../jobs/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ChannelService } from '../publishing/index.ts';
import { HISTORY_OPEN_WINDOW_MS, type createIngest } from './inbox-ingest.ts';
import * as repo from './inbox.repo.ts';

/** How long one collector may hold a channel before another may take over. */
const LEASE_MS = 2 * 60 * 1000;
/** One run reads for at most this long, then hands over to a follow-up job. */
const RUN_BUDGET_MS = 20_000;
const SWEEP_BUCKET_MS = 60_000;
const REFRESH_BUCKET_MS = 5_000;
/** Messages stored per transaction: several connector pages when they are small. */
export const BATCH_MESSAGES = 500;

export interface CollectorDeps {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  logger: Logger;
  connectors: ConnectorFactory;
  channels: Pick<ChannelService, 'requireChannel' | 'connection' | 'recordHealth'>;
  ingest: ReturnType<typeof createIngest>;
  /** Runs after new messages are stored (routing hooks in here). */
  afterIngest: (workspaceId: string, conversationIds: string[], toHide: string[]) => Promise<void>;
}

export interface CollectResult {
  status: 'collected' | 'busy' | 'unsupported' | 'failed';
  inserted: number;
  pages: number;
  /** More is waiting: a follow-up job was enqueued. */
  continued: boolean;
  error: string | null;
}

/**
 * Collection of inbound messages: a cron enqueues one job per channel every minute, "refresh"
 * enqueues one at once. A job takes the channel's lease (so one collector reads a channel at a
 * time), then reads pages from the stored cursor on, storing each page and the cursor after it
 * in one transaction: a crash loses nothing and repeats nothing.
 */
export function createCollector(deps: CollectorDeps) {
  const { db, clock } = deps;

  async function collectChannel(
    workspaceId: string,
    channelId: string,
    budgetMs = RUN_BUDGET_MS,
  ): Promise<CollectResult> {
    const result: CollectResult = {
      status: 'collected',
      inserted: 0,
      pages: 0,
      continued: false,
      error: null,
    };
    const channel = await repoChannel(workspaceId, channelId);
    if (!channel || channel.platform === 'assisted') return { ...result, status: 'unsupported' };
    const connector = deps.connectors(deps.channels.connection(channel));
    if (!connector.capabilities.readComments && !connector.capabilities.readDirectMessages) {
      return { ...result, status: 'unsupported' };
    }
    await repo.ensureChannelState(db.kysely, workspaceId, channelId, clock.now());
    const startedAt = clock.now();
    if (
      !(await repo.claimChannelLease(
        db.kysely,
        workspaceId,
        channelId,
        startedAt,
        startedAt + LEASE_MS,
      ))
    ) {
      return { ...result, status: 'busy' };
    }
    const conversations = new Set<string>();
    const toHide: string[] = [];
    const started = performance.now();
    try {
      const state = await repo.findChannelState(db.kysely, workspaceId, channelId);
      const historyBefore = (state?.created_at ?? startedAt) - HISTORY_OPEN_WINDOW_MS;
      let cursor = state?.cursor ?? null;
      // Pages are stored together up to a batch: a few statements per batch, not per page.
      let batch: InboundMessage[] = [];
      const store = async () => {
        const now = clock.now();
        const stored = await deps.ingest.ingestPage({
          workspaceId,
          channelId,
          items: batch,
          cursor: { value: cursor },
          historyBefore,
          now,
        });
        batch = [];
        result.inserted += stored.inserted;
        for (const id of stored.conversationIds) conversations.add(id);
        toHide.push(...stored.toHide);
        await repo.updateChannelState(db.kysely, workspaceId, channelId, {
          lease_until: now + LEASE_MS,
          updated_at: now,
        });
      };
      for (;;) {
        const page = await connector.fetchMessages(cursor);
        result.pages += 1;
        batch.push(...page.items);
        const done = page.items.length === 0 || page.cursor === null || page.cursor === cursor;
        cursor = page.cursor ?? cursor;
        if (done) break;
        if (batch.length >= BATCH_MESSAGES) await store();
        if (performance.now() - started > budgetMs) {
          result.continued = true;
          await deps.jobs.enqueue(
            collectJob,
            { workspaceId, channelId },
            { workspaceId, dedupeKey: `inbox-collect:${channelId}:more:${clock.now()}` },
          );
          break;
        }
      }
      await store();
      const now = clock.now();
      await repo.updateChannelState(db.kysely, workspaceId, channelId, {
        lease_until: null,
        last_collected_at: now,
        last_error: null,
        error_action: null,
        updated_at: now,
      });
    } catch (error) {
      const failure =
        error instanceof ConnectorError
          ? error
          : new ConnectorError('retryable', `Reading messages failed: ${describeError(error)}`, {
              cause: error,
            });
      const reason = failure.platformMessage
        ? `${failure.message} (the platform said: ${failure.platformMessage})`
        : failure.message;
      const now = clock.now();
      await repo.updateChannelState(db.kysely, workspaceId, channelId, {
        lease_until: null,
        last_error: reason,
        error_action: failure.action,
        updated_at: now,
      });
      await deps.channels.recordHealth(workspaceId, channelId, failure);
      result.status = 'failed';
      result.error = reason;
      // Only a passing problem is worth the queue's retries; the next sweep tries again anyway.
      if (failure.kind === 'retryable' && !(error instanceof ConnectorError)) throw error;
    } finally {
      if (conversations.size > 0 || toHide.length > 0) {
        try {
          await deps.afterIngest(workspaceId, [...conversations], toHide);
        } catch (error) {
          deps.logger.error(
            { err: error, workspaceId, channelId },
            'inbox: a hook after collection failed',
          );
        }
      }
    }
    return result;
  }

  async function repoChannel(workspaceId: string, channelId: string) {
    try {
      return await deps.channels.requireChannel(workspaceId, channelId);
    } catch {
      // The channel was removed since the job was enqueued.
      return null;
    }
  }

  const collectJob = defineJob({
    name: 'inbox.channel.collect',
    payload: z.object({ workspaceId: z.string(), channelId: z.string() }),
    async handle(payload) {
      await collectChannel(payload.workspaceId, payload.channelId);
    },
  });

  const sweepJob = defineJob({
    name: 'inbox.collect.sweep',
    payload: z.object({}),
    async handle() {
      const now = clock.now();
      const bucket = now - (now % SWEEP_BUCKET_MS);
      const channels = await repo.listCollectableChannels(db.kysely);
      await deps.jobs.enqueueMany(
        collectJob,
        channels.map((channel) => ({
          payload: { workspaceId: channel.workspace_id, channelId: channel.id },
          workspaceId: channel.workspace_id,
          dedupeKey: `inbox-collect:${channel.id}:${bucket}`,
        })),
      );
      // Presence rows are only read while fresh; old ones are cleared here.
      await repo.purgePresence(db.kysely, now - 60 * 60 * 1000);
    },
  });

  /** Enqueues collection of these channels now ("refresh"); repeated clicks fold into one job. */
  async function requestCollection(workspaceId: string, channelIds: readonly string[]) {
    const now = clock.now();
    const bucket = now - (now % REFRESH_BUCKET_MS);
    await deps.jobs.enqueueMany(
      collectJob,
      channelIds.map((channelId) => ({
        payload: { workspaceId, channelId },
        workspaceId,
        dedupeKey: `inbox-refresh:${channelId}:${bucket}`,
      })),
    );
  }

  return {
    collectChannel,
    requestCollection,
    jobs: [collectJob, sweepJob],
    crons: [
      defineCron({ key: 'inbox.collect.sweep', schedule: '* * * * *', job: sweepJob, payload: {} }),
    ],
  };
}

export type Collector = ReturnType<typeof createCollector>;
