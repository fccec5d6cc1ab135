import { z } from 'zod';
import {
  canMoveFeedback,
  impactFromReach,
  OPEN_STATUSES,
  OUTCOME_STATUSES,
  type ChangeFeedbackStatusBody,
  type ConfirmFollowUpBody,
  type CreateFeedbackBody,
  type FeedbackChangeResult,
  type FeedbackCluster,
  type FeedbackClusterQuery,
  type FeedbackEvent,
  type FeedbackReport,
  type FeedbackReportQuery,
  type FeedbackSource,
  type FeedbackStatus,
  type FeedbackTicket,
  type FeedbackTicketPage,
  type FeedbackTicketQuery,
  type ImportFeedbackBody,
  type ImportFeedbackResult,
  type MergeClustersBody,
  type PublicBoard,
  type PublicFeedbackForm,
  type PublicSubmissionBody,
  type PublicSubmissionResult,
  type SplitClusterBody,
  type UpdateFeedbackBody,
} from '../../../shared/feedback.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import type { JobQueue } from '../../jobs/index.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { hitRateLimit } from '../../platform/auth/auth.repo.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import { decodeSignature, encodeSignature, isEmptySignature } from '../../text/minhash.ts';
import {
  BUCKET_LIMIT,
  closestCandidate,
  feedbackLshKeys,
  feedbackSignature,
  NEAR_IDENTICAL,
  type ClusterCandidate,
} from './clustering.ts';
import { parseFeedbackCsv } from './csv-import.ts';
import { createFeedbackConfig } from './feedback-config.service.ts';
import { checkReferences, invalid, settingsOf } from './feedback-checks.ts';
import { createFeedbackJobs, type NotifyRaiser } from './feedback.jobs.ts';
import type { FeedbackClusterRow, FeedbackTicketRow } from './feedback-tables.ts';
import * as repo from './feedback.repo.ts';
import {
  auditTicket,
  clusterTitle,
  historyEvent,
  presentCluster,
  presentEvent,
  presentTicket,
} from './present.ts';
import { buildReport } from './report.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Tickets clustered per transaction when many come at once (an import). */
const CHUNK = 250;
/** Chunks between statistics refreshes during a bulk import on PostgreSQL (5,000 tickets). */
const ANALYZE_EVERY_CHUNKS = 20;
/** Public form limits per window: submissions per address per form, and per form in all. */
export const FORM_LIMITS = { windowMs: 10 * 60 * 1000, perAddress: 5, perForm: 300 } as const;

/** What the inbox passes when a message becomes a feedback ticket. */
export interface FeedbackFromMessage {
  messageId: string;
  channelId: string;
  contactHandle: string;
  text: string;
  conversationId?: string | null;
}

export interface FeedbackServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  jobs: JobQueue;
  /**
   * Tells the raiser of a message-sourced ticket that it was resolved or adopted. Provided by
   * the inbox; without it those follow-ups wait for a person like any other.
   */
  notifyRaiser?: NotifyRaiser | undefined;
}

/** A ticket about to be stored, before clustering. */
interface Draft {
  source: FeedbackSource;
  text: string;
  contactName?: string | null;
  contactEmail?: string | null;
  contactHandle?: string | null;
  channelId?: string | null;
  messageId?: string | null;
  conversationId?: string | null;
  formId?: string | null;
  importId?: string | null;
  /** Counts people: tickets with one key are one person. Defaults to the contact, or the ticket. */
  raiserKey?: string | null;
  followers?: number | null;
  vip?: boolean;
  categoryId?: string | null;
  departmentId?: string | null;
  ownerId?: string | null;
  deadline?: number | null;
  urgency?: number;
  cost?: number;
  createdAt?: number;
}

function defaultRaiserKey(draft: Draft, ticketId: string): string {
  if (draft.raiserKey) return draft.raiserKey;
  if (draft.contactEmail) return `email:${draft.contactEmail.toLowerCase()}`;
  if (draft.contactHandle) return `handle:${draft.contactHandle.toLowerCase()}`;
  return `ticket:${ticketId}`;
}

/** Fills in the counts and impact of clusters whose tickets are all among `rows`. */
function countNewClusters(clusters: FeedbackClusterRow[], rows: readonly FeedbackTicketRow[]) {
  const byCluster = new Map<string, FeedbackTicketRow[]>();
  for (const row of rows) {
    byCluster.set(row.cluster_id, [...(byCluster.get(row.cluster_id) ?? []), row]);
  }
  for (const cluster of clusters) {
    const members = byCluster.get(cluster.id) ?? [];
    cluster.ticket_count = members.length;
    cluster.people_count = new Set(members.map((row) => row.raiser_key)).size;
    cluster.max_followers = Math.max(0, ...members.map((row) => row.raiser_followers ?? 0));
    cluster.has_vip = members.some((row) => row.raiser_vip === 1) ? 1 : 0;
    cluster.impact = impactFromReach({
      people: cluster.people_count,
      maxFollowers: cluster.max_followers,
      vip: cluster.has_vip === 1,
    });
  }
}

/** The follow-up a resolved or adopted ticket needs, by how its raiser can be reached. */
function followUpFor(row: FeedbackTicketRow): 'to_notify' | 'pending' | 'none' {
  if (row.source === 'message' && row.message_id && row.channel_id) return 'to_notify';
  if (row.contact_email || row.contact_handle) return 'pending';
  return 'none';
}

export function createFeedbackService(deps: FeedbackServiceDeps) {
  const { db, clock, audit, notifications, jobs } = deps;

  // ── look-ups ────────────────────────────────────────────────────────────────
  async function requireTicket(workspaceId: string, ticketId: string) {
    const row = await repo.findTicket(db.kysely, workspaceId, ticketId);
    if (!row) throw AppError.notFound('Feedback ticket');
    return row;
  }

  async function requireCluster(workspaceId: string, clusterId: string) {
    const row = await repo.findCluster(db.kysely, workspaceId, clusterId);
    if (!row) throw AppError.notFound('Cluster');
    return row;
  }

  /** Recounts clusters and stores the impact their counts give. */
  async function recount(executor: Executor, workspaceId: string, clusterIds: Iterable<string>) {
    const rows = await repo.recountClusters(executor, workspaceId, [...clusterIds], clock.now());
    const impacts = new Map<string, number>();
    for (const row of rows) {
      const impact = impactFromReach({
        people: row.people_count,
        maxFollowers: row.max_followers,
        vip: row.has_vip === 1,
      });
      if (impact !== row.impact) impacts.set(row.id, impact);
    }
    await repo.setClusterImpacts(executor, workspaceId, impacts);
  }

  // ── ingestion and clustering ────────────────────────────────────────────────
  /**
   * Stores tickets, each in the cluster of its most similar earlier ticket when the estimate
   * reaches the workspace's threshold, else in a new cluster of its own. Chunks of CHUNK tickets
   * are clustered and stored in one transaction each; `audit` writes the audit events of a chunk.
   */
  async function ingest(
    workspaceId: string,
    actor: Actor,
    drafts: readonly Draft[],
    auditChunk: (trx: Executor, rows: FeedbackTicketRow[]) => Promise<void>,
  ): Promise<{ rows: FeedbackTicketRow[]; joined: number }> {
    const settings = await settingsOf(db.kysely, workspaceId);
    const threshold = settings.similarity_permille / 1000;
    const stored: FeedbackTicketRow[] = [];
    let joined = 0;
    for (let start = 0; start < drafts.length; start += CHUNK) {
      const chunk = drafts.slice(start, start + CHUNK);
      const result = await db.kysely.transaction().execute(async (trx) => {
        const now = clock.now();
        const prepared = chunk.map((draft) => {
          const signature = feedbackSignature(draft.text);
          return {
            draft,
            id: newId(now),
            signature,
            keys: isEmptySignature(signature) ? [] : feedbackLshKeys(signature),
          };
        });
        // Earlier tickets sharing a bucket with any ticket of the chunk, read once.
        const allKeys = prepared.flatMap((item) => item.keys);
        // Buckets hold at most BUCKET_LIMIT tickets, so this bound only guards against a
        // crowd left by concurrent imports; it never cuts an ordinary lookup short.
        const found = await repo.findLshCandidates(
          trx,
          workspaceId,
          allKeys,
          2 * BUCKET_LIMIT * allKeys.length,
        );
        const byKey = new Map<number, (ClusterCandidate & { ticketId: string })[]>();
        const decoded = new Map<string, Uint32Array>();
        for (const row of found) {
          let signature = decoded.get(row.ticket_id);
          if (!signature) {
            signature = decodeSignature(row.signature);
            decoded.set(row.ticket_id, signature);
          }
          const list = byKey.get(row.band_key) ?? [];
          list.push({ ticketId: row.ticket_id, clusterId: row.cluster_id, signature });
          byKey.set(row.band_key, list);
        }

        const newClusters: FeedbackClusterRow[] = [];
        // Clusters begun in this chunk have all their tickets here: counted below, not by SQL.
        const createdHere = new Set<string>();
        const touched = new Set<string>();
        const rows: FeedbackTicketRow[] = [];
        const lsh: { workspace_id: string; band_key: number; ticket_id: string }[] = [];
        let chunkJoined = 0;
        for (const item of prepared) {
          const candidates = new Map<string, ClusterCandidate>();
          for (const key of item.keys) {
            for (const candidate of byKey.get(key) ?? []) {
              candidates.set(candidate.ticketId, candidate);
            }
          }
          const match = closestCandidate(item.signature, candidates.values(), threshold);
          let clusterId: string;
          if (match) {
            clusterId = match.clusterId;
            chunkJoined += 1;
          } else {
            clusterId = newId(now);
            createdHere.add(clusterId);
            newClusters.push({
              workspace_id: workspaceId,
              id: clusterId,
              title: clusterTitle(item.draft.text),
              ticket_count: 0,
              people_count: 0,
              max_followers: 0,
              has_vip: 0,
              impact: 1,
              created_at: now,
              updated_at: now,
            });
          }
          if (match && !createdHere.has(clusterId)) touched.add(clusterId);
          const indexed = item.keys.length > 0 && !(match && match.similarity >= NEAR_IDENTICAL);
          if (indexed) {
            for (const key of item.keys) {
              const list = byKey.get(key) ?? [];
              // A full bucket already stands for its look-alikes (as in LshIndex).
              if (list.length >= BUCKET_LIMIT) continue;
              lsh.push({ workspace_id: workspaceId, band_key: key, ticket_id: item.id });
              // Later tickets of the same chunk find this one too.
              list.push({ ticketId: item.id, clusterId, signature: item.signature });
              byKey.set(key, list);
            }
          }
          const draft = item.draft;
          rows.push({
            workspace_id: workspaceId,
            id: item.id,
            source: draft.source,
            status: 'new',
            text: draft.text,
            contact_name: draft.contactName ?? null,
            contact_email: draft.contactEmail ?? null,
            contact_handle: draft.contactHandle ?? null,
            channel_id: draft.channelId ?? null,
            message_id: draft.messageId ?? null,
            conversation_id: draft.conversationId ?? null,
            form_id: draft.formId ?? null,
            import_id: draft.importId ?? null,
            raiser_key: defaultRaiserKey(draft, item.id),
            raiser_followers: draft.followers ?? null,
            raiser_vip: draft.vip ? 1 : 0,
            cluster_id: clusterId,
            signature: encodeSignature(item.signature),
            indexed: indexed ? 1 : 0,
            category_id: draft.categoryId ?? null,
            department_id: draft.departmentId ?? null,
            owner_id: draft.ownerId ?? null,
            deadline: draft.deadline ?? null,
            urgency: draft.urgency ?? 3,
            cost: draft.cost ?? 3,
            impact_override: null,
            resolution: null,
            public_title: null,
            on_board: 0,
            follow_up_state: 'none',
            follow_up_outcome: null,
            follow_up_note: null,
            notified_at: null,
            notify_error: null,
            follow_up_at: null,
            follow_up_by: null,
            outcome: null,
            outcome_at: null,
            closed_at: null,
            created_by: actor.userId,
            created_at: draft.createdAt ?? now,
            updated_at: now,
          });
        }
        countNewClusters(newClusters, rows);
        await repo.insertClusters(trx, newClusters);
        await repo.insertTickets(trx, rows);
        await repo.insertLsh(trx, lsh);
        await repo.insertEvents(
          trx,
          rows.map((row) =>
            historyEvent(workspaceId, row.id, actor, 'created', { source: row.source }, now),
          ),
        );
        await recount(trx, workspaceId, touched);
        await auditChunk(trx, rows);
        return { rows, joined: chunkJoined };
      });
      stored.push(...result.rows);
      joined += result.joined;
      // Every few thousand tickets of a bulk import, let PostgreSQL's planner see the new sizes
      // (SQLite plans these lookups well without statistics).
      if (
        db.dialect === 'postgres' &&
        (start / CHUNK) % ANALYZE_EVERY_CHUNKS === ANALYZE_EVERY_CHUNKS - 1
      ) {
        await repo.analyzeClusteringTables(db.kysely);
      }
    }
    return { rows: stored, joined };
  }

  /** Stores one ticket with its audit event and returns it as the API shows it. */
  async function createOne(
    workspaceId: string,
    actor: Actor,
    draft: Draft,
  ): Promise<FeedbackTicket> {
    const { rows } = await ingest(workspaceId, actor, [draft], async (trx, created) => {
      for (const row of created) {
        await audit.record(trx, actor, {
          workspaceId,
          action: 'feedback.ticket.create',
          targetType: 'feedback_ticket',
          targetId: row.id,
          after: auditTicket(row),
        });
      }
    });
    const row = rows[0];
    if (!row) throw new Error('ingest stored nothing');
    return presentTicket(await requireTicket(workspaceId, row.id), clock.now());
  }

  const feedbackJobs = createFeedbackJobs({
    db,
    clock,
    jobs,
    notifications,
    notifyRaiser: deps.notifyRaiser,
  });
  const enqueueNotifications = feedbackJobs.enqueueNotifications;
  const config = createFeedbackConfig({ db, clock, audit });

  // ── status changes ──────────────────────────────────────────────────────────
  function statusChanges(
    row: FeedbackTicketRow,
    body: ChangeFeedbackStatusBody,
    lead: FeedbackTicketRow,
    departmentSla: number | null,
    now: number,
  ): repo.TicketChanges {
    const target = body.status;
    const changes: repo.TicketChanges = { status: target, updated_at: now };
    // Tickets moved along with the named one take its assignment where they have none.
    if (!row.category_id && lead.category_id) changes.category_id = lead.category_id;
    if (!row.department_id && lead.department_id) changes.department_id = lead.department_id;
    if (!row.owner_id && lead.owner_id) changes.owner_id = lead.owner_id;
    const department = changes.department_id ?? row.department_id;
    if (target === 'triaged' && row.deadline === null && department && departmentSla) {
      changes.deadline = now + departmentSla * HOUR_MS;
    }
    if (OUTCOME_STATUSES.includes(target)) {
      changes.outcome = target;
      changes.outcome_at = now;
      changes.resolution = body.note ?? null;
      changes.closed_at = null;
      if (target === 'adopted') {
        changes.public_title = body.publicTitle ?? row.public_title ?? lead.public_title;
        changes.on_board = body.onBoard === false ? 0 : 1;
      }
      const followUp =
        target === 'declined' ? 'none' : followUpFor({ ...row, ...changes } as FeedbackTicketRow);
      changes.follow_up_state = followUp;
      changes.follow_up_outcome = null;
      changes.follow_up_note = null;
      changes.follow_up_at = null;
      changes.follow_up_by = null;
      changes.notified_at = null;
      changes.notify_error = null;
    } else if (target === 'closed') {
      changes.closed_at = now;
    } else {
      // Back to work: the earlier outcome no longer stands.
      changes.outcome = null;
      changes.outcome_at = null;
      changes.closed_at = null;
      changes.on_board = 0;
      if (row.follow_up_state !== 'confirmed') changes.follow_up_state = 'none';
    }
    return changes;
  }

  function checkStatusRequirements(row: FeedbackTicketRow, body: ChangeFeedbackStatusBody) {
    const target = body.status;
    if (!canMoveFeedback(row.status as FeedbackStatus, target)) {
      throw new AppError(
        'conflict',
        `A ${row.status.replace('_', ' ')} ticket cannot move to ${target.replace('_', ' ')}`,
      );
    }
    if (target === 'triaged' && !row.department_id) {
      throw invalid({ status: 'assign a department before triaging' });
    }
    if (target === 'in_progress' && !row.owner_id) {
      throw invalid({ status: 'assign an owner before starting work' });
    }
    if (OUTCOME_STATUSES.includes(target) && !body.note) {
      throw invalid({
        note:
          target === 'declined'
            ? 'say why it is declined'
            : 'say what changed, for the people who raised it',
      });
    }
  }

  async function applyStatus(
    scope: WorkspaceScope,
    ticketId: string,
    body: ChangeFeedbackStatusBody,
    actor: Actor,
  ): Promise<FeedbackChangeResult> {
    const workspaceId = scope.workspaceId;
    const lead = await requireTicket(workspaceId, ticketId);
    checkStatusRequirements(lead, body);
    let group: FeedbackTicketRow[] = [lead];
    if (body.applyToCluster) {
      const ids = await repo.listClusterTicketIds(db.kysely, workspaceId, [lead.cluster_id]);
      const others = await repo.findTicketsById(
        db.kysely,
        workspaceId,
        ids.map((row) => row.id).filter((id) => id !== lead.id),
      );
      group = [
        lead,
        ...others.filter((row) => canMoveFeedback(row.status as FeedbackStatus, body.status)),
      ];
    }
    const slaOf = new Map<string, number | null>();
    for (const department of await repo.listDepartments(db.kysely, workspaceId)) {
      slaOf.set(department.id, department.sla_hours);
    }
    const now = clock.now();
    const changed: FeedbackTicketRow[] = [];
    await db.kysely.transaction().execute(async (trx) => {
      for (const row of group) {
        const department = row.department_id ?? lead.department_id;
        const changes = statusChanges(
          row,
          body,
          lead,
          department ? (slaOf.get(department) ?? null) : null,
          now,
        );
        await repo.updateTickets(trx, workspaceId, [row.id], changes);
        const after = { ...row, ...changes };
        changed.push(after);
        await repo.insertEvents(trx, [
          historyEvent(
            workspaceId,
            row.id,
            actor,
            'status',
            {
              from: row.status,
              to: body.status,
              ...(body.note ? { note: body.note } : {}),
              ...(row.id !== lead.id ? { withTicket: lead.id } : {}),
            },
            now,
          ),
        ]);
        await audit.record(trx, actor, {
          workspaceId,
          action: 'feedback.ticket.status',
          targetType: 'feedback_ticket',
          targetId: row.id,
          before: auditTicket(row),
          after: auditTicket(after),
        });
      }
    });
    await enqueueNotifications(changed);
    return {
      ticket: presentTicket(await requireTicket(workspaceId, ticketId), clock.now()),
      changed: changed.length,
    };
  }

  // ── report ──────────────────────────────────────────────────────────────────
  async function report(
    scope: WorkspaceScope,
    query: FeedbackReportQuery,
  ): Promise<FeedbackReport> {
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (!(from < to)) throw invalid({ to: 'must be after from' }, 'query');
    if (to - from > 400 * DAY_MS) throw invalid({ to: 'a period is at most 400 days' }, 'query');
    const workspaceId = scope.workspaceId;
    const rows = await repo.listReportTickets(db.kysely, workspaceId, {
      from,
      to,
      now: clock.now(),
    });
    const clusterIds = new Set([
      ...rows.received.map((row) => row.cluster_id),
      ...rows.outcomes.map((row) => row.cluster_id),
    ]);
    const clusters = new Map<string, { title: string; people: number; impact: number }>();
    const ids = [...clusterIds];
    for (let i = 0; i < ids.length; i += 500) {
      for (const cluster of await repo.findClusters(
        db.kysely,
        workspaceId,
        ids.slice(i, i + 500),
      )) {
        clusters.set(cluster.id, {
          title: cluster.title,
          people: Number(cluster.people_count),
          impact: Number(cluster.impact),
        });
      }
    }
    const [categories, departments] = await Promise.all([
      repo.listCategories(db.kysely, workspaceId),
      repo.listDepartments(db.kysely, workspaceId),
    ]);
    return buildReport({ from, to, ...rows, categories, departments, clusters });
  }

  // ── public form submissions ─────────────────────────────────────────────────
  async function limit(key: string, max: number): Promise<void> {
    const now = clock.now();
    const windowStart = now - (now % FORM_LIMITS.windowMs);
    const hits = await hitRateLimit(db.kysely, key, windowStart);
    if (hits > max) {
      const retryAfter = Math.ceil((windowStart + FORM_LIMITS.windowMs - now) / 1000);
      throw new AppError('rate_limited', 'Too many submissions; please try again later', {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }

  return {
    jobs: feedbackJobs.jobs,
    crons: feedbackJobs.crons,

    // ── tickets ───────────────────────────────────────────────────────────────
    /**
     * A feedback ticket from an inbox message. Calling it again for the same message returns
     * the ticket made the first time.
     */
    async createFromMessage(
      workspaceId: string,
      actor: Actor,
      input: FeedbackFromMessage,
    ): Promise<FeedbackTicket> {
      const existing = await repo.findTicketIdByMessage(db.kysely, workspaceId, input.messageId);
      if (existing)
        return presentTicket(await requireTicket(workspaceId, existing.id), clock.now());
      const text = input.text.trim().slice(0, 5000);
      if (text.length === 0) throw invalid({ text: 'the message has no text' });
      try {
        return await createOne(workspaceId, actor, {
          source: 'message',
          text,
          contactHandle: input.contactHandle,
          channelId: input.channelId,
          messageId: input.messageId,
          conversationId: input.conversationId ?? null,
          raiserKey: `channel:${input.channelId}:${input.contactHandle.toLowerCase()}`,
        });
      } catch (error) {
        // Two calls for one message raced: the unique index let one through; return it.
        const raced = await repo.findTicketIdByMessage(db.kysely, workspaceId, input.messageId);
        if (raced) return presentTicket(await requireTicket(workspaceId, raced.id), clock.now());
        throw error;
      }
    },

    async createTicket(
      scope: WorkspaceScope,
      body: CreateFeedbackBody,
      actor: Actor,
    ): Promise<FeedbackTicket> {
      await checkReferences(db, scope.workspaceId, body);
      let deadline: number | null = null;
      let ownerId = body.ownerId ?? null;
      if (body.departmentId) {
        const department = await repo.findDepartment(
          db.kysely,
          scope.workspaceId,
          body.departmentId,
        );
        if (department?.sla_hours) deadline = clock.now() + department.sla_hours * HOUR_MS;
        ownerId ??= department?.default_owner_id ?? null;
      }
      return createOne(scope.workspaceId, actor, {
        source: 'manual',
        text: body.text,
        contactName: body.contactName ?? null,
        contactEmail: body.contactEmail ?? null,
        contactHandle: body.contactHandle ?? null,
        followers: body.followers ?? null,
        vip: body.vip ?? false,
        categoryId: body.categoryId ?? null,
        departmentId: body.departmentId ?? null,
        ownerId,
        deadline,
        ...(body.urgency ? { urgency: body.urgency } : {}),
        ...(body.cost ? { cost: body.cost } : {}),
      });
    },

    async listTickets(
      scope: WorkspaceScope,
      query: FeedbackTicketQuery,
    ): Promise<FeedbackTicketPage> {
      const now = clock.now();
      const filter: repo.TicketFilter = {
        statuses:
          query.status === 'open' ? OPEN_STATUSES : query.status ? [query.status] : undefined,
        source: query.source,
        categoryId: query.categoryId,
        departmentId: query.departmentId,
        ownerId: query.ownerId,
        clusterId: query.clusterId,
        overdueAt: query.overdue ? now : undefined,
        followUpWaiting: query.followUp,
        q: query.q,
      };
      const limitRows = query.limit ?? 50;
      const offset = query.cursor ? Number(query.cursor) : 0;
      const [rows, total] = await Promise.all([
        repo.listTickets(db.kysely, scope.workspaceId, {
          ...filter,
          sort: query.sort ?? 'newest',
          offset,
          limit: limitRows,
        }),
        repo.countTickets(db.kysely, scope.workspaceId, filter),
      ]);
      return {
        items: rows.map((row) => presentTicket(row, now)),
        total,
        nextCursor: offset + rows.length < total ? String(offset + rows.length) : null,
      };
    },

    async getTicket(scope: WorkspaceScope, ticketId: string): Promise<FeedbackTicket> {
      return presentTicket(await requireTicket(scope.workspaceId, ticketId), clock.now());
    },

    async listEvents(scope: WorkspaceScope, ticketId: string): Promise<FeedbackEvent[]> {
      await requireTicket(scope.workspaceId, ticketId);
      return (await repo.listEvents(db.kysely, scope.workspaceId, ticketId)).map(presentEvent);
    },

    async updateTicket(
      scope: WorkspaceScope,
      ticketId: string,
      body: UpdateFeedbackBody,
      actor: Actor,
    ): Promise<FeedbackChangeResult> {
      const workspaceId = scope.workspaceId;
      const lead = await requireTicket(workspaceId, ticketId);
      await checkReferences(db, workspaceId, body);
      const now = clock.now();
      // The work on the issue: shared by the cluster when asked.
      const work: repo.TicketChanges = { updated_at: now };
      if (body.categoryId !== undefined) work.category_id = body.categoryId;
      if (body.ownerId !== undefined) work.owner_id = body.ownerId;
      if (body.deadline !== undefined) {
        work.deadline = body.deadline === null ? null : Date.parse(body.deadline);
      }
      if (body.urgency !== undefined) work.urgency = body.urgency;
      if (body.cost !== undefined) work.cost = body.cost;
      if (body.impactOverride !== undefined) work.impact_override = body.impactOverride;
      if (body.publicTitle !== undefined) work.public_title = body.publicTitle;
      if (body.onBoard !== undefined) work.on_board = body.onBoard ? 1 : 0;
      if (body.departmentId !== undefined && body.departmentId !== lead.department_id) {
        work.department_id = body.departmentId;
        const department = body.departmentId
          ? await repo.findDepartment(db.kysely, workspaceId, body.departmentId)
          : undefined;
        // A department brings its deadline and default owner unless the body sets them.
        if (body.deadline === undefined && lead.deadline === null && department?.sla_hours) {
          work.deadline = now + department.sla_hours * HOUR_MS;
        }
        if (body.ownerId === undefined && lead.owner_id === null && department?.default_owner_id) {
          work.owner_id = department.default_owner_id;
        }
      }
      // The raiser: only this ticket's.
      const own: repo.TicketChanges = { ...work };
      if (body.followers !== undefined) own.raiser_followers = body.followers;
      if (body.vip !== undefined) own.raiser_vip = body.vip ? 1 : 0;

      let group: repo.TicketWithCluster[] = [lead];
      if (body.applyToCluster) {
        const ids = await repo.listClusterTicketIds(db.kysely, workspaceId, [lead.cluster_id]);
        group = [
          lead,
          ...(await repo.findTicketsById(
            db.kysely,
            workspaceId,
            ids.map((row) => row.id).filter((id) => id !== lead.id),
          )),
        ];
      }
      // The history names what really changed on the ticket named.
      const fields = Object.keys(own).filter(
        (key) =>
          key !== 'updated_at' &&
          own[key as keyof repo.TicketChanges] !== lead[key as keyof repo.TicketChanges],
      );
      await db.kysely.transaction().execute(async (trx) => {
        for (const row of group) {
          const changes = row.id === lead.id ? own : work;
          await repo.updateTickets(trx, workspaceId, [row.id], changes);
          await repo.insertEvents(trx, [
            historyEvent(
              workspaceId,
              row.id,
              actor,
              'updated',
              {
                fields: row.id === lead.id ? fields : fields.filter((key) => key in work),
                ...(row.id !== lead.id ? { withTicket: lead.id } : {}),
              },
              now,
            ),
          ]);
          await audit.record(trx, actor, {
            workspaceId,
            action: 'feedback.ticket.update',
            targetType: 'feedback_ticket',
            targetId: row.id,
            before: auditTicket(row),
            after: auditTicket({ ...row, ...changes }),
          });
        }
        if (body.followers !== undefined || body.vip !== undefined) {
          await recount(trx, workspaceId, [lead.cluster_id]);
        }
      });
      return {
        ticket: presentTicket(await requireTicket(workspaceId, ticketId), clock.now()),
        changed: group.length,
      };
    },

    changeStatus: applyStatus,

    async confirmFollowUp(
      scope: WorkspaceScope,
      ticketId: string,
      body: ConfirmFollowUpBody,
      actor: Actor,
    ): Promise<FeedbackTicket> {
      const workspaceId = scope.workspaceId;
      const row = await requireTicket(workspaceId, ticketId);
      if (row.outcome !== 'resolved' && row.outcome !== 'adopted') {
        throw new AppError(
          'conflict',
          'Only a resolved or adopted ticket is followed up; resolve or adopt it first',
        );
      }
      if (row.follow_up_state === 'confirmed') {
        throw new AppError('conflict', 'This follow-up is already confirmed');
      }
      const now = clock.now();
      const changes: repo.TicketChanges = {
        follow_up_state: 'confirmed',
        follow_up_outcome: body.outcome,
        follow_up_note: body.note ?? null,
        follow_up_at: now,
        follow_up_by: actor.userId,
        updated_at: now,
      };
      // Closing the loop: a satisfied (or unreachable) raiser closes the ticket; an unsatisfied
      // one sends it back to work.
      if (body.outcome === 'unsatisfied') {
        Object.assign(changes, {
          status: 'in_progress',
          outcome: null,
          outcome_at: null,
          closed_at: null,
          on_board: 0,
        });
      } else if (row.status !== 'closed') {
        Object.assign(changes, { status: 'closed', closed_at: now });
      }
      await db.kysely.transaction().execute(async (trx) => {
        await repo.updateTickets(trx, workspaceId, [row.id], changes);
        await repo.insertEvents(trx, [
          historyEvent(
            workspaceId,
            row.id,
            actor,
            'follow_up',
            { outcome: body.outcome, ...(body.note ? { note: body.note } : {}) },
            now,
          ),
        ]);
        await audit.record(trx, actor, {
          workspaceId,
          action: 'feedback.ticket.follow_up',
          targetType: 'feedback_ticket',
          targetId: row.id,
          before: auditTicket(row),
          after: auditTicket({ ...row, ...changes }),
        });
      });
      return presentTicket(await requireTicket(workspaceId, ticketId), clock.now());
    },

    async removeTicket(scope: WorkspaceScope, ticketId: string, actor: Actor): Promise<void> {
      const row = await requireTicket(scope.workspaceId, ticketId);
      await db.kysely.transaction().execute(async (trx) => {
        const signature = decodeSignature(row.signature);
        const keys =
          row.indexed === 1 && !isEmptySignature(signature) ? feedbackLshKeys(signature) : [];
        await repo.deleteTicket(trx, scope.workspaceId, ticketId, keys);
        await recount(trx, scope.workspaceId, [row.cluster_id]);
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'feedback.ticket.remove',
          targetType: 'feedback_ticket',
          targetId: ticketId,
          before: auditTicket(row),
        });
      });
    },

    // ── clusters ──────────────────────────────────────────────────────────────
    async listClusters(
      scope: WorkspaceScope,
      query: FeedbackClusterQuery,
    ): Promise<FeedbackCluster[]> {
      const rows = await repo.listClusters(db.kysely, scope.workspaceId, {
        minTickets: query.minTickets ?? 2,
        limit: query.limit ?? 50,
      });
      return rows.map(presentCluster);
    },

    async getCluster(scope: WorkspaceScope, clusterId: string): Promise<FeedbackCluster> {
      return presentCluster(await requireCluster(scope.workspaceId, clusterId));
    },

    async mergeClusters(
      scope: WorkspaceScope,
      clusterId: string,
      body: MergeClustersBody,
      actor: Actor,
    ): Promise<FeedbackCluster> {
      const workspaceId = scope.workspaceId;
      const target = await requireCluster(workspaceId, clusterId);
      const sources = [...new Set(body.clusterIds)].filter((id) => id !== clusterId);
      if (sources.length === 0) throw invalid({ clusterIds: 'name clusters other than this one' });
      const found = await repo.findClusters(db.kysely, workspaceId, sources);
      if (found.length !== sources.length) {
        throw invalid({ clusterIds: 'no such cluster in this workspace' });
      }
      const moving = await repo.listClusterTicketIds(db.kysely, workspaceId, sources);
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        await repo.updateTickets(
          trx,
          workspaceId,
          moving.map((row) => row.id),
          { cluster_id: clusterId, updated_at: now },
        );
        await repo.insertEvents(
          trx,
          moving.map((row) =>
            historyEvent(
              workspaceId,
              row.id,
              actor,
              'merged',
              { from: row.cluster_id, to: clusterId },
              now,
            ),
          ),
        );
        await recount(trx, workspaceId, [clusterId, ...sources]);
        await audit.record(trx, actor, {
          workspaceId,
          action: 'feedback.cluster.merge',
          targetType: 'feedback_cluster',
          targetId: clusterId,
          before: { clusters: [presentCluster(target), ...found.map(presentCluster)] },
          after: { clusterId, movedTickets: moving.length },
        });
      });
      return presentCluster(await requireCluster(workspaceId, clusterId));
    },

    async splitCluster(
      scope: WorkspaceScope,
      clusterId: string,
      body: SplitClusterBody,
      actor: Actor,
    ): Promise<FeedbackCluster> {
      const workspaceId = scope.workspaceId;
      await requireCluster(workspaceId, clusterId);
      const members = await repo.listClusterTicketIds(db.kysely, workspaceId, [clusterId]);
      const memberIds = new Set(members.map((row) => row.id));
      const leaving = [...new Set(body.ticketIds)];
      if (leaving.some((id) => !memberIds.has(id))) {
        throw invalid({ ticketIds: 'every ticket must belong to this cluster' });
      }
      if (leaving.length >= memberIds.size) {
        throw invalid({ ticketIds: 'leave at least one ticket in the cluster' });
      }
      const first = await repo.findTicket(db.kysely, workspaceId, leaving[0] ?? '');
      const now = clock.now();
      const newCluster: FeedbackClusterRow = {
        workspace_id: workspaceId,
        id: newId(now),
        title: clusterTitle(first?.text ?? ''),
        ticket_count: 0,
        people_count: 0,
        max_followers: 0,
        has_vip: 0,
        impact: 1,
        created_at: now,
        updated_at: now,
      };
      await db.kysely.transaction().execute(async (trx) => {
        await repo.insertClusters(trx, [newCluster]);
        await repo.updateTickets(trx, workspaceId, leaving, {
          cluster_id: newCluster.id,
          updated_at: now,
        });
        await repo.insertEvents(
          trx,
          leaving.map((id) =>
            historyEvent(
              workspaceId,
              id,
              actor,
              'split',
              { from: clusterId, to: newCluster.id },
              now,
            ),
          ),
        );
        await recount(trx, workspaceId, [clusterId, newCluster.id]);
        await audit.record(trx, actor, {
          workspaceId,
          action: 'feedback.cluster.split',
          targetType: 'feedback_cluster',
          targetId: clusterId,
          after: { newClusterId: newCluster.id, ticketIds: leaving },
        });
      });
      return presentCluster(await requireCluster(workspaceId, newCluster.id));
    },

    // ── import ────────────────────────────────────────────────────────────────
    async importCsv(
      scope: WorkspaceScope,
      body: ImportFeedbackBody,
      actor: Actor,
    ): Promise<ImportFeedbackResult> {
      const workspaceId = scope.workspaceId;
      const parsed = parseFeedbackCsv(body.csv, clock.now());
      const categories = await repo.listCategories(db.kysely, workspaceId);
      const byName = new Map(categories.map((row) => [row.name.trim().toLowerCase(), row.id]));
      const errors = [...parsed.errors];
      const drafts: Draft[] = [];
      const importId = body.dryRun ? null : newId(clock.now());
      for (const row of parsed.rows) {
        let categoryId: string | null = null;
        if (row.categoryName) {
          categoryId = byName.get(row.categoryName.toLowerCase()) ?? null;
          if (!categoryId) {
            errors.push({
              line: row.line,
              reason: `no category named "${row.categoryName}"; add it in the feedback settings first`,
              column: 'category',
            });
            continue;
          }
        }
        drafts.push({
          source: 'import',
          text: row.text,
          contactName: row.name,
          contactEmail: row.email,
          contactHandle: row.handle,
          importId,
          followers: row.followers,
          vip: row.vip,
          categoryId,
          ...(row.urgency ? { urgency: row.urgency } : {}),
          ...(row.cost ? { cost: row.cost } : {}),
          ...(row.createdAt !== null ? { createdAt: row.createdAt } : {}),
        });
      }
      errors.sort((a, b) => a.line - b.line);
      if (body.dryRun || drafts.length === 0) {
        return { importId: null, rows: parsed.total, imported: 0, joinedClusters: 0, errors };
      }
      let first = true;
      const { rows, joined } = await ingest(workspaceId, actor, drafts, async (trx, created) => {
        // One audit event for the import, written with its first chunk.
        if (!first) return;
        first = false;
        await audit.record(trx, actor, {
          workspaceId,
          action: 'feedback.import',
          targetType: 'feedback_import',
          targetId: importId,
          after: {
            rows: parsed.total,
            importing: drafts.length,
            errors: errors.length,
            firstTicket: created[0]?.id,
          },
        });
      });
      return {
        importId,
        rows: parsed.total,
        imported: rows.length,
        joinedClusters: joined,
        errors,
      };
    },

    // ── report ────────────────────────────────────────────────────────────────
    report,

    ...config,

    // ── public ────────────────────────────────────────────────────────────────
    async getPublicForm(slug: string): Promise<PublicFeedbackForm> {
      const form = await repo.findFormBySlug(db.kysely, slug.toLowerCase());
      if (!form || form.enabled !== 1) throw AppError.notFound('Form');
      return {
        slug: form.slug,
        title: form.title,
        intro: form.intro,
        askContact: form.ask_contact === 1,
        workspaceName: form.workspace_name,
      };
    },

    async submitPublicForm(
      slug: string,
      body: PublicSubmissionBody,
      actor: Actor,
    ): Promise<PublicSubmissionResult> {
      const form = await repo.findFormBySlug(db.kysely, slug.toLowerCase());
      if (!form || form.enabled !== 1) throw AppError.notFound('Form');
      await limit(`feedback.form:${form.id}:${actor.ip ?? 'unknown'}`, FORM_LIMITS.perAddress);
      await limit(`feedback.form:${form.id}`, FORM_LIMITS.perForm);
      // Bots fill every field, people never see this one: accept quietly and keep nothing.
      if (body.website) return { received: true, followUp: false };
      const contact = form.ask_contact === 1 ? (body.contact ?? '') : '';
      const isEmail = z.email().safeParse(contact.toLowerCase()).success;
      // Whoever is signed in, a form submission is the public's: nobody on the team made it.
      const visitor: Actor = {
        userId: null,
        tokenId: null,
        label: `form:${form.slug}`,
        ip: actor.ip,
        requestId: actor.requestId,
      };
      await createOne(form.workspace_id, visitor, {
        source: 'form',
        text: body.text,
        formId: form.id,
        categoryId: form.default_category_id,
        contactName: form.ask_contact === 1 ? body.name || null : null,
        contactEmail: isEmail ? contact.toLowerCase() : null,
        contactHandle: contact && !isEmail ? contact : null,
      });
      return { received: true, followUp: contact.length > 0 };
    },

    async getPublicBoard(slug: string): Promise<PublicBoard> {
      const board = await repo.findBoardBySlug(db.kysely, slug.toLowerCase());
      if (!board || board.board_enabled !== 1) throw AppError.notFound('Board');
      const rows = await repo.listBoardTickets(db.kysely, board.workspace_id, 1000);
      const seen = new Set<string>();
      const items: PublicBoard['items'] = [];
      for (const row of rows) {
        if (seen.has(row.cluster_id)) continue;
        seen.add(row.cluster_id);
        items.push({
          id: row.cluster_id,
          title: row.public_title ?? row.cluster_title,
          change: row.resolution,
          category: row.category_name,
          people: row.people_count,
          adoptedAt: new Date(row.outcome_at).toISOString(),
        });
        if (items.length >= 100) break;
      }
      return {
        title: board.board_title,
        intro: board.board_intro,
        workspaceName: board.workspace_name,
        items,
      };
    },
  };
}

/** Feedback: tickets, clusters, assessment, follow-ups, report, public form and board. */
export type FeedbackService = ReturnType<typeof createFeedbackService>;
