import { z } from 'zod';
import { defineCron, defineJob, type JobQueue } from '../../jobs/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { CannedService } from './canned.service.ts';
import type { CsatService } from './csat.service.ts';
import type { RulesService } from './rules.service.ts';
import type { SlaService } from './sla.service.ts';

/** How many overdue timers one sweep hands out. */
const SWEEP_BATCH = 500;
/** How many timed conversations one reconciliation re-reads. */
const RECONCILE_BATCH = 5000;
const RECONCILE_EVERY_MS = 5 * 60 * 1000;
/** A timer found again within this window is not handed out again (its job may still run). */
const SWEEP_BUCKET_MS = 10 * 60 * 1000;
const CSAT_ATTEMPTS = 4;

const conversations = z.object({
  workspaceId: z.string(),
  conversationIds: z.array(z.string()).min(1).max(500),
});

/**
 * Routing's jobs: routing new messages, following conversation changes (SLA timers, canned
 * reply outcomes, CSAT), the breach sweep and its escalations, and sending surveys.
 */
export function createRoutingJobs(deps: {
  clock: Clock;
  jobs: JobQueue;
  rules: RulesService;
  sla: SlaService;
  canned: CannedService;
  csat: CsatService;
}) {
  const { clock, jobs, rules, sla, canned, csat } = deps;

  const csatSendJob = defineJob({
    name: 'routing.csat.send',
    payload: z.object({ workspaceId: z.string(), conversationId: z.string() }),
    maxAttempts: CSAT_ATTEMPTS,
    async handle(payload, ctx) {
      try {
        await csat.sendForResolution(payload.workspaceId, payload.conversationId);
      } catch (error) {
        if (ctx.attempt >= CSAT_ATTEMPTS) {
          await csat.markFailed(payload.workspaceId, payload.conversationId);
          ctx.logger.warn({ err: error, ...payload }, 'CSAT survey could not be sent');
          return;
        }
        throw error;
      }
    },
  });

  const syncJob = defineJob({
    name: 'routing.conversations.sync',
    payload: conversations,
    async handle({ workspaceId, conversationIds }) {
      const facts = await sla.syncConversations(workspaceId, conversationIds);
      const resolved = facts.filter(
        (conversation) => conversation.status === 'resolved' && conversation.resolvedAt !== null,
      );
      for (const conversation of resolved) {
        await canned.markResolved(workspaceId, conversation.id, conversation.resolvedAt!);
      }
      if (resolved.length > 0 && (await csat.isEnabled(workspaceId))) {
        await jobs.enqueueMany(
          csatSendJob,
          resolved.map((conversation) => ({
            payload: { workspaceId, conversationId: conversation.id },
            workspaceId,
            dedupeKey: `csat:${conversation.id}:${conversation.resolvedAt}`,
          })),
        );
      }
    },
  });

  const routeJob = defineJob({
    name: 'routing.messages.route',
    payload: conversations,
    async handle({ workspaceId, conversationIds }) {
      await rules.routeMessages(workspaceId, conversationIds);
      await sla.syncConversations(workspaceId, conversationIds);
    },
  });

  const escalateJob = defineJob({
    name: 'routing.sla.escalate',
    payload: z.object({ workspaceId: z.string(), timerId: z.string() }),
    async handle({ workspaceId, timerId }) {
      await sla.handleOverdue(workspaceId, timerId);
    },
  });

  const sweepJob = defineJob({
    name: 'routing.sla.sweep',
    payload: z.object({}),
    async handle() {
      const now = clock.now();
      const bucket = now - (now % SWEEP_BUCKET_MS);
      const due = await sla.listSweepable(now, SWEEP_BATCH);
      await jobs.enqueueMany(
        escalateJob,
        due.map((timer) => ({
          payload: { workspaceId: timer.workspace_id, timerId: timer.id },
          workspaceId: timer.workspace_id,
          dedupeKey: `sla:${timer.id}:${bucket}`,
        })),
      );
    },
  });

  // A safety net under the inbox's change events: conversations with running timers are
  // re-read every few minutes, so a reply or resolution whose event was lost still ends its
  // timer (and sends the CSAT survey) within minutes.
  const reconcileJob = defineJob({
    name: 'routing.timers.reconcile',
    payload: z.object({}),
    async handle() {
      const now = clock.now();
      const bucket = now - (now % RECONCILE_EVERY_MS);
      for (const [workspaceId, ids] of await sla.listTimedConversations(RECONCILE_BATCH)) {
        const parts = chunks(ids);
        await jobs.enqueueMany(
          syncJob,
          parts.map((conversationIds, index) => ({
            payload: { workspaceId, conversationIds },
            workspaceId,
            dedupeKey: `reconcile:${workspaceId}:${bucket}:${index}`,
          })),
        );
      }
    },
  });

  return {
    jobs: [routeJob, syncJob, escalateJob, sweepJob, reconcileJob, csatSendJob],
    crons: [
      defineCron({ key: 'routing.sla.sweep', schedule: '* * * * *', job: sweepJob, payload: {} }),
      defineCron({
        key: 'routing.timers.reconcile',
        schedule: '*/5 * * * *',
        job: reconcileJob,
        payload: {},
      }),
    ],

    /** The inbox stored new messages in these conversations: route them (once each). */
    async onMessagesIngested(workspaceId: string, conversationIds: readonly string[]) {
      for (const chunk of chunks(conversationIds)) {
        await jobs.enqueue(routeJob, { workspaceId, conversationIds: chunk }, { workspaceId });
      }
    },

    /**
     * These conversations changed (a reply went out, status, priority or assignee changed):
     * follow with SLA timers, canned-reply outcomes and the CSAT survey. Never routes.
     */
    async onConversationsUpdated(workspaceId: string, conversationIds: readonly string[]) {
      for (const chunk of chunks(conversationIds)) {
        await jobs.enqueue(syncJob, { workspaceId, conversationIds: chunk }, { workspaceId });
      }
    },
  };
}

function chunks(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += 500) out.push(unique.slice(i, i + 500));
  return out;
}
