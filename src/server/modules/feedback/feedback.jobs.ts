import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../http/route.ts';
import { defineCron, defineJob, type JobQueue } from '../../jobs/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/app-error.ts';
import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import type { FeedbackTicketRow } from './feedback-tables.ts';
import * as repo from './feedback.repo.ts';
import { clusterTitle, historyEvent } from './present.ts';

const HOUR_MS = 60 * 60 * 1000;
const NOTIFY_ATTEMPTS = 4;

/** Sends a reply to the person behind a message, through the channel it came from. */
export type NotifyRaiser = (
  workspaceId: string,
  input: { messageId: string; channelId: string; text: string },
) => Promise<void>;

const CJK = /[\u3400-\u9fff]/;

/** What the raiser is told, in the language they wrote in. */
export function raiserMessage(row: Pick<FeedbackTicketRow, 'text' | 'outcome' | 'resolution'>) {
  const change = row.resolution?.trim();
  if (CJK.test(row.text)) {
    const head =
      row.outcome === 'adopted'
        ? '感谢您的建议！您的建议已被采纳'
        : '感谢您的反馈！您反映的问题已处理';
    return change ? `${head}：${change}` : `${head}。`;
  }
  const head =
    row.outcome === 'adopted'
      ? 'Thank you for your suggestion: we have adopted it'
      : 'Thank you for your feedback: the problem you reported has been resolved';
  return change ? `${head}. ${change}` : `${head}.`;
}

/**
 * The jobs of feedback: telling raisers of message tickets through their channel once their
 * feedback is resolved or adopted (retried; after the last attempt a person follows up
 * instead), and the daily reminder of overdue tickets, once per person and day.
 */
export function createFeedbackJobs(deps: {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  notifications: NotificationService;
  notifyRaiser?: NotifyRaiser | undefined;
}) {
  const { db, clock, jobs, notifications } = deps;

  // ── follow-up notifications ─────────────────────────────────────────────────
  const notifyJob = defineJob({
    name: 'feedback.raiser.notify',
    payload: z.object({ workspaceId: z.string(), ticketId: z.string() }),
    maxAttempts: NOTIFY_ATTEMPTS,
    async handle(payload, ctx) {
      const row = await repo.findTicket(db.kysely, payload.workspaceId, payload.ticketId);
      // Already told, or no longer something to tell: nothing to do (the job may run twice).
      if (!row || row.follow_up_state !== 'to_notify' || !row.message_id || !row.channel_id) return;
      const now = clock.now();
      const system: Actor = {
        userId: null,
        tokenId: null,
        label: 'system',
        ip: null,
        requestId: null,
      };
      if (!deps.notifyRaiser) {
        await markFollowUp(row, 'pending', 'The inbox cannot send replies here', now, system);
        return;
      }
      try {
        await deps.notifyRaiser(row.workspace_id, {
          messageId: row.message_id,
          channelId: row.channel_id,
          text: raiserMessage(row),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        // OpsLoop's own refusals (the message is gone, the channel cannot reply) do not change
        // on a retry; anything else may.
        if (ctx.attempt < NOTIFY_ATTEMPTS && !(error instanceof AppError)) throw error;
        // Out of retries: a person follows up instead.
        await markFollowUp(row, 'pending', reason.slice(0, 500), now, system);
        return;
      }
      await db.kysely.transaction().execute(async (trx) => {
        await repo.updateTickets(trx, row.workspace_id, [row.id], {
          follow_up_state: 'notified',
          notified_at: now,
          notify_error: null,
          updated_at: now,
        });
        await repo.insertEvents(trx, [
          historyEvent(
            row.workspace_id,
            row.id,
            system,
            'raiser_notified',
            { channelId: row.channel_id },
            now,
          ),
        ]);
      });
    },
  });

  async function markFollowUp(
    row: FeedbackTicketRow,
    state: 'pending',
    error: string,
    now: number,
    actor: Actor,
  ) {
    await db.kysely.transaction().execute(async (trx) => {
      await repo.updateTickets(trx, row.workspace_id, [row.id], {
        follow_up_state: state,
        notify_error: error,
        updated_at: now,
      });
      await repo.insertEvents(trx, [
        historyEvent(
          row.workspace_id,
          row.id,
          actor,
          'raiser_not_notified',
          { reason: error },
          now,
        ),
      ]);
    });
  }

  async function enqueueNotifications(rows: readonly FeedbackTicketRow[]) {
    const due = rows.filter((row) => row.follow_up_state === 'to_notify');
    if (due.length === 0) return;
    await jobs.enqueueMany(
      notifyJob,
      due.map((row) => ({
        payload: { workspaceId: row.workspace_id, ticketId: row.id },
        workspaceId: row.workspace_id,
        dedupeKey: `feedback-notify:${row.id}:${row.outcome_at ?? 0}`,
      })),
    );
  }

  // ── overdue reminders ───────────────────────────────────────────────────────
  const overdueNotifyJob = defineJob({
    name: 'feedback.overdue.notify',
    payload: z.object({ workspaceId: z.string(), day: z.string() }),
    async handle(payload) {
      const now = clock.now();
      const overdue = await repo.listOverdueTickets(db.kysely, payload.workspaceId, now);
      const byRecipient = new Map<string | null, typeof overdue>();
      for (const ticket of overdue) {
        const recipient = ticket.owner_id ?? ticket.default_owner_id ?? null;
        byRecipient.set(recipient, [...(byRecipient.get(recipient) ?? []), ticket]);
      }
      for (const [recipient, tickets] of byRecipient) {
        const lines = tickets
          .slice(0, 5)
          .map((ticket) => `• ${clusterTitle(ticket.text).slice(0, 60)}`)
          .join('\n');
        const more = tickets.length > 5 ? `\n… and ${tickets.length - 5} more` : '';
        // One reminder a day per person: the dedupe key makes a second run of the day a no-op.
        await notifications.notify({
          workspaceId: payload.workspaceId,
          ...(recipient
            ? { userIds: [recipient] }
            : { roles: ['owner', 'admin', 'manager'] as const }),
          kind: 'feedback.overdue',
          title:
            tickets.length === 1
              ? '1 feedback ticket is overdue'
              : `${tickets.length} feedback tickets are overdue`,
          body: `${recipient ? 'Assigned to you' : 'Without an owner'}:\n${lines}${more}`,
          link: `/w/${payload.workspaceId}/feedback?overdue=true`,
          dedupeKey: `feedback.overdue:${payload.day}:${recipient ? 'owner' : 'unowned'}`,
        });
      }
    },
  });

  const sweepJob = defineJob({
    name: 'feedback.overdue.sweep',
    payload: z.object({}),
    async handle() {
      const now = clock.now();
      const day = new Date(now).toISOString().slice(0, 10);
      const workspaces = await repo.listWorkspacesWithOverdue(db.kysely, now);
      await jobs.enqueueMany(
        overdueNotifyJob,
        workspaces.map((workspaceId) => ({
          payload: { workspaceId, day },
          workspaceId,
          dedupeKey: `feedback-overdue:${workspaceId}:${day}`,
        })),
      );
      // A notification whose job was never queued (the process stopped in between) is queued now.
      const before = now - HOUR_MS;
      for (const workspaceId of await repo.listWorkspacesToNotify(db.kysely, before)) {
        const ids = await repo.listStaleToNotify(db.kysely, workspaceId, before);
        const rows = await repo.findTicketsById(db.kysely, workspaceId, ids);
        await enqueueNotifications(rows);
      }
    },
  });

  return {
    jobs: [notifyJob, overdueNotifyJob, sweepJob],
    crons: [
      // 09:00 in China; the reminder names each person's overdue tickets once a day.
      defineCron({
        key: 'feedback.overdue.sweep',
        schedule: '0 1 * * *',
        job: sweepJob,
        payload: {},
      }),
    ],
    /** Queues the notifications due for these tickets (those waiting to tell their raiser). */
    enqueueNotifications,
  };
}
