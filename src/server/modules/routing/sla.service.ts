import {
  SLA_KINDS,
  type BusinessHours,
  type BusinessInterval,
  type CreateBusinessHoursBody,
  type CreateSlaPolicyBody,
  type Priority,
  type ReportQuery,
  type SlaKind,
  type SlaPolicy,
  type SlaReport,
  type SlaTimer,
  type UpdateBusinessHoursBody,
  type UpdateSlaPolicyBody,
} from '../../../shared/routing.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { localTime, scheduleProblems, toCalendar, type BusinessCalendar } from './business-time.ts';
import type { Escalation } from './escalation.ts';
import type { InboxConversationFacts, InboxRef } from './inbox-port.ts';
import type { BusinessHoursRow, SlaPolicyRow, SlaTimerRow } from './routing-tables.ts';
import { findWorkspace, listRules } from './rules.repo.ts';
import { planTimers, type StoredTimer, type TimerPolicy } from './sla-timers.ts';
import * as repo from './sla.repo.ts';
import { listTeams } from './teams.repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PERIOD_MS = 30 * DAY_MS;
const MAX_PERIOD_MS = 400 * DAY_MS;
const KIND_LABEL: Record<SlaKind, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};

export interface SlaDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  inbox: InboxRef;
  escalation: Escalation;
}

function parse<T>(json: string | null, fallback: T): T {
  return json === null ? fallback : (JSON.parse(json) as T);
}

function presentHours(row: BusinessHoursRow): BusinessHours {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    intervals: parse<BusinessInterval[]>(row.intervals_json, []),
    holidays: parse<string[]>(row.holidays_json, []),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function presentPolicy(row: SlaPolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled === 1,
    priorities: parse<Priority[] | null>(row.priorities_json, null),
    channelIds: parse<string[] | null>(row.channel_ids_json, null),
    firstResponseMinutes: row.first_response_minutes,
    nextResponseMinutes: row.next_response_minutes,
    resolutionMinutes: row.resolution_minutes,
    businessHoursId: row.business_hours_id,
    escalation: row.escalation as SlaPolicy['escalation'],
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function presentTimer(row: SlaTimerRow): SlaTimer {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    policyId: row.policy_id,
    kind: row.kind as SlaKind,
    status: row.status as SlaTimer['status'],
    startedAt: toIso(row.started_at),
    dueAt: toIso(row.due_at),
    completedAt: toIso(row.completed_at),
    breachedAt: toIso(row.breached_at),
    escalatedAt: toIso(row.escalated_at),
    assigneeId: row.assignee_id,
    teamId: row.team_id,
  };
}

/** The first enabled policy, in order, whose priorities and channels include the conversation. */
export function matchPolicy(
  policies: readonly SlaPolicy[],
  conversation: Pick<InboxConversationFacts, 'priority' | 'channelId'>,
): SlaPolicy | null {
  return (
    policies.find(
      (policy) =>
        policy.enabled &&
        (!policy.priorities || policy.priorities.includes(conversation.priority)) &&
        (!policy.channelIds || policy.channelIds.includes(conversation.channelId)),
    ) ?? null
  );
}

function invalid(fields: Record<string, string>): AppError {
  return new AppError('validation_failed', `Invalid body: ${Object.keys(fields).join(', ')}`, {
    fields,
  });
}

/** Business hours, SLA policies, per-conversation timers, breaches and their escalation. */
export function createSlaService(deps: SlaDeps) {
  const { db, clock, audit } = deps;

  async function workspaceZone(workspaceId: string): Promise<string> {
    return (await findWorkspace(db.kysely, workspaceId))?.timezone ?? 'UTC';
  }

  async function requireHours(workspaceId: string, id: string): Promise<BusinessHoursRow> {
    const row = await repo.findBusinessHours(db.kysely, workspaceId, id);
    if (!row) throw AppError.notFound('Business hours');
    return row;
  }

  async function requirePolicy(workspaceId: string, id: string): Promise<SlaPolicyRow> {
    const row = await repo.findPolicy(db.kysely, workspaceId, id);
    if (!row) throw AppError.notFound('SLA policy');
    return row;
  }

  function checkSchedule(intervals: readonly BusinessInterval[] | undefined): void {
    if (!intervals) return;
    const problems = scheduleProblems(intervals);
    if (problems.length > 0) throw invalid({ intervals: problems.join('; ') });
  }

  async function checkPolicy(
    workspaceId: string,
    body: UpdateSlaPolicyBody,
    current?: SlaPolicyRow,
  ): Promise<void> {
    const fields: Record<string, string> = {};
    if (
      body.businessHoursId &&
      !(await repo.findBusinessHours(db.kysely, workspaceId, body.businessHoursId))
    ) {
      fields.businessHoursId = 'no such business hours in this workspace';
    }
    const first =
      body.firstResponseMinutes !== undefined
        ? body.firstResponseMinutes
        : current?.first_response_minutes;
    const next =
      body.nextResponseMinutes !== undefined
        ? body.nextResponseMinutes
        : current?.next_response_minutes;
    const resolution =
      body.resolutionMinutes !== undefined ? body.resolutionMinutes : current?.resolution_minutes;
    if (first == null && next == null && resolution == null) {
      fields.firstResponseMinutes = 'set at least one target';
    }
    if (Object.keys(fields).length > 0) throw invalid(fields);
  }

  async function loadPolicies(workspaceId: string) {
    const [policies, hours, zone] = await Promise.all([
      repo.listPolicies(db.kysely, workspaceId),
      repo.listBusinessHours(db.kysely, workspaceId),
      workspaceZone(workspaceId),
    ]);
    const calendars = new Map<string, BusinessCalendar>(
      hours.map((row) => [
        row.id,
        toCalendar({
          timeZone: row.timezone ?? zone,
          intervals: parse<BusinessInterval[]>(row.intervals_json, []),
          holidays: parse<string[]>(row.holidays_json, []),
        }),
      ]),
    );
    return {
      policies: policies.map(presentPolicy),
      rows: new Map(policies.map((row) => [row.id, row])),
      timerPolicy(policy: SlaPolicy): TimerPolicy {
        return {
          id: policy.id,
          createdAt: Date.parse(policy.createdAt),
          targets: {
            first_response: policy.firstResponseMinutes,
            next_response: policy.nextResponseMinutes,
            resolution: policy.resolutionMinutes,
          },
          calendar: policy.businessHoursId ? (calendars.get(policy.businessHoursId) ?? null) : null,
        };
      },
    };
  }

  /**
   * Brings the timers of these conversations in line with their facts. Safe to call on every
   * inbox event and again from the sweep: the same facts change nothing.
   */
  async function syncConversations(
    workspaceId: string,
    conversationIds: readonly string[],
  ): Promise<InboxConversationFacts[]> {
    if (conversationIds.length === 0) return [];
    const conversations = await deps.inbox.current.getConversations(workspaceId, conversationIds);
    if (conversations.length === 0) return [];
    const loaded = await loadPolicies(workspaceId);
    const stored = await repo.listConversationTimers(
      db.kysely,
      workspaceId,
      conversations.map((c) => c.id),
    );
    const now = clock.now();
    for (const conversation of conversations) {
      const policy = matchPolicy(loaded.policies, conversation);
      const timers = stored.filter((row) => row.conversation_id === conversation.id);
      const plan = planTimers({
        facts: conversation,
        policy: policy ? loaded.timerPolicy(policy) : null,
        timers: timers.map((row): StoredTimer => ({
          id: row.id,
          kind: row.kind as SlaKind,
          policyId: row.policy_id,
          status: row.status as StoredTimer['status'],
          startedAt: row.started_at,
          dueAt: row.due_at,
          completedAt: row.completed_at,
        })),
        now,
      });
      if (plan.start.length + plan.finish.length + plan.cancel.length + plan.retime.length === 0) {
        continue;
      }
      const who = { assignee_id: conversation.assigneeId, team_id: conversation.teamId };
      const dueOf = new Map(timers.map((row) => [row.id, row.due_at]));
      await db.kysely.transaction().execute(async (trx) => {
        await repo.insertTimers(
          trx,
          plan.start.map((start) => ({
            workspace_id: workspaceId,
            id: newId(now),
            conversation_id: conversation.id,
            policy_id: policy!.id,
            kind: start.kind,
            status: 'running',
            started_at: start.startedAt,
            due_at: start.dueAt,
            completed_at: null,
            breached_at: null,
            escalated_at: null,
            ...who,
            created_at: now,
            updated_at: now,
          })),
        );
        for (const finish of plan.finish) {
          const row = timers.find((timer) => timer.id === finish.id);
          await repo.updateTimer(trx, workspaceId, finish.id, {
            status: finish.status,
            completed_at: finish.completedAt,
            ...(finish.status === 'breached' && !row?.breached_at
              ? { breached_at: dueOf.get(finish.id) ?? finish.completedAt }
              : {}),
            ...who,
            updated_at: now,
          });
        }
        for (const id of plan.cancel) {
          await repo.updateTimer(trx, workspaceId, id, { status: 'canceled', updated_at: now });
        }
        for (const retime of plan.retime) {
          await repo.updateTimer(trx, workspaceId, retime.id, {
            policy_id: retime.policyId,
            due_at: retime.dueAt,
            updated_at: now,
          });
        }
      });
    }
    return conversations;
  }

  return {
    syncConversations,

    // ── business hours ──────────────────────────────────────────────────────
    async listBusinessHours(scope: WorkspaceScope): Promise<BusinessHours[]> {
      return (await repo.listBusinessHours(db.kysely, scope.workspaceId)).map(presentHours);
    },

    async createBusinessHours(
      scope: WorkspaceScope,
      body: CreateBusinessHoursBody,
      actor: Actor,
    ): Promise<BusinessHours> {
      checkSchedule(body.intervals);
      const now = clock.now();
      const row: BusinessHoursRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        timezone: body.timezone ?? null,
        intervals_json: JSON.stringify(body.intervals),
        holidays_json: JSON.stringify([...new Set(body.holidays ?? [])].sort()),
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertBusinessHours(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'sla.business_hours.create',
        targetType: 'business_hours',
        targetId: row.id,
        after: presentHours(row),
      });
      return presentHours(row);
    },

    async updateBusinessHours(
      scope: WorkspaceScope,
      id: string,
      body: UpdateBusinessHoursBody,
      actor: Actor,
    ): Promise<BusinessHours> {
      const before = await requireHours(scope.workspaceId, id);
      checkSchedule(body.intervals);
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.timezone !== undefined ? { timezone: body.timezone } : {}),
        ...(body.intervals !== undefined ? { intervals_json: JSON.stringify(body.intervals) } : {}),
        ...(body.holidays !== undefined
          ? { holidays_json: JSON.stringify([...new Set(body.holidays)].sort()) }
          : {}),
        updated_at: clock.now(),
      };
      const after = { ...before, ...changes };
      await audit.change(
        actor,
        (trx) => repo.updateBusinessHours(trx, scope.workspaceId, id, changes),
        {
          workspaceId: scope.workspaceId,
          action: 'sla.business_hours.update',
          targetType: 'business_hours',
          targetId: id,
          before: presentHours(before),
          after: presentHours(after),
        },
      );
      return presentHours(after);
    },

    async removeBusinessHours(scope: WorkspaceScope, id: string, actor: Actor): Promise<void> {
      const before = await requireHours(scope.workspaceId, id);
      const policies = await repo.countPoliciesUsingHours(db.kysely, scope.workspaceId, id);
      const rules = (await listRules(db.kysely, scope.workspaceId)).filter(
        (rule) =>
          (JSON.parse(rule.conditions_json) as { businessHours?: { businessHoursId?: string } })
            .businessHours?.businessHoursId === id,
      );
      if (policies > 0 || rules.length > 0) {
        throw new AppError(
          'conflict',
          `These business hours are used by ${policies} SLA polic${policies === 1 ? 'y' : 'ies'} and ${rules.length} rule(s); change those first`,
        );
      }
      await audit.change(actor, (trx) => repo.deleteBusinessHours(trx, scope.workspaceId, id), {
        workspaceId: scope.workspaceId,
        action: 'sla.business_hours.remove',
        targetType: 'business_hours',
        targetId: id,
        before: presentHours(before),
      });
    },

    // ── policies ────────────────────────────────────────────────────────────
    async listPolicies(scope: WorkspaceScope): Promise<SlaPolicy[]> {
      return (await repo.listPolicies(db.kysely, scope.workspaceId)).map(presentPolicy);
    },

    async createPolicy(
      scope: WorkspaceScope,
      body: CreateSlaPolicyBody,
      actor: Actor,
    ): Promise<SlaPolicy> {
      await checkPolicy(scope.workspaceId, body);
      const now = clock.now();
      const row: SlaPolicyRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        position: await repo.nextPolicyPosition(db.kysely, scope.workspaceId),
        enabled: body.enabled === false ? 0 : 1,
        priorities_json: body.priorities ? JSON.stringify(body.priorities) : null,
        channel_ids_json: body.channelIds ? JSON.stringify(body.channelIds) : null,
        first_response_minutes: body.firstResponseMinutes ?? null,
        next_response_minutes: body.nextResponseMinutes ?? null,
        resolution_minutes: body.resolutionMinutes ?? null,
        business_hours_id: body.businessHoursId ?? null,
        escalation: body.escalation ?? 'next_tier',
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertPolicy(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'sla.policy.create',
        targetType: 'sla_policy',
        targetId: row.id,
        after: presentPolicy(row),
      });
      return presentPolicy(row);
    },

    async updatePolicy(
      scope: WorkspaceScope,
      id: string,
      body: UpdateSlaPolicyBody,
      actor: Actor,
    ): Promise<SlaPolicy> {
      const before = await requirePolicy(scope.workspaceId, id);
      await checkPolicy(scope.workspaceId, body, before);
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
        ...(body.priorities !== undefined
          ? { priorities_json: body.priorities ? JSON.stringify(body.priorities) : null }
          : {}),
        ...(body.channelIds !== undefined
          ? { channel_ids_json: body.channelIds ? JSON.stringify(body.channelIds) : null }
          : {}),
        ...(body.firstResponseMinutes !== undefined
          ? { first_response_minutes: body.firstResponseMinutes }
          : {}),
        ...(body.nextResponseMinutes !== undefined
          ? { next_response_minutes: body.nextResponseMinutes }
          : {}),
        ...(body.resolutionMinutes !== undefined
          ? { resolution_minutes: body.resolutionMinutes }
          : {}),
        ...(body.businessHoursId !== undefined ? { business_hours_id: body.businessHoursId } : {}),
        ...(body.escalation !== undefined ? { escalation: body.escalation } : {}),
        updated_at: clock.now(),
      };
      const after = { ...before, ...changes };
      await audit.change(actor, (trx) => repo.updatePolicy(trx, scope.workspaceId, id, changes), {
        workspaceId: scope.workspaceId,
        action: 'sla.policy.update',
        targetType: 'sla_policy',
        targetId: id,
        before: presentPolicy(before),
        after: presentPolicy(after),
      });
      return presentPolicy(after);
    },

    async removePolicy(scope: WorkspaceScope, id: string, actor: Actor): Promise<void> {
      const before = await requirePolicy(scope.workspaceId, id);
      await audit.change(
        actor,
        async (trx) => {
          await repo.deletePolicy(trx, scope.workspaceId, id);
          const rest = (await repo.listPolicies(trx, scope.workspaceId)).map((row) => row.id);
          await repo.setPolicyPositions(trx, scope.workspaceId, rest, clock.now());
        },
        {
          workspaceId: scope.workspaceId,
          action: 'sla.policy.remove',
          targetType: 'sla_policy',
          targetId: id,
          before: presentPolicy(before),
        },
      );
    },

    async reorderPolicies(
      scope: WorkspaceScope,
      policyIds: readonly string[],
      actor: Actor,
    ): Promise<SlaPolicy[]> {
      const rows = await repo.listPolicies(db.kysely, scope.workspaceId);
      const known = new Set(rows.map((row) => row.id));
      const given = new Set(policyIds);
      if (
        given.size !== policyIds.length ||
        given.size !== known.size ||
        ![...given].every((id) => known.has(id))
      ) {
        throw invalid({ policyIds: 'list every SLA policy of this workspace exactly once' });
      }
      await audit.change(
        actor,
        (trx) => repo.setPolicyPositions(trx, scope.workspaceId, policyIds, clock.now()),
        {
          workspaceId: scope.workspaceId,
          action: 'sla.policy.reorder',
          targetType: 'sla_policy',
          targetId: null,
          before: rows.map((row) => row.id),
          after: policyIds,
        },
      );
      return (await repo.listPolicies(db.kysely, scope.workspaceId)).map(presentPolicy);
    },

    // ── timers ──────────────────────────────────────────────────────────────
    async listTimers(scope: WorkspaceScope, conversationId: string): Promise<SlaTimer[]> {
      const [conversation] = await deps.inbox.current.getConversations(scope.workspaceId, [
        conversationId,
      ]);
      if (!conversation && deps.inbox.connected) throw AppError.notFound('Conversation');
      return (
        await repo.listConversationTimers(db.kysely, scope.workspaceId, [conversationId])
      ).map(presentTimer);
    },

    /** Conversations with running timers, by workspace, for the periodic reconciliation. */
    async listTimedConversations(limit: number): Promise<Map<string, string[]>> {
      const rows = await repo.listConversationsWithRunningTimers(db.kysely, limit);
      const byWorkspace = new Map<string, string[]>();
      for (const row of rows) {
        const list = byWorkspace.get(row.workspace_id) ?? [];
        list.push(row.conversation_id);
        byWorkspace.set(row.workspace_id, list);
      }
      return byWorkspace;
    },

    /** Timers the sweep must look at: running past due, or breached but not yet escalated. */
    async listSweepable(now: number, limit: number) {
      const overdue = await repo.listOverdueTimers(db.kysely, now, limit);
      const stuck = await repo.listUnescalatedBreaches(db.kysely, limit);
      const seen = new Set<string>();
      return [...overdue, ...stuck].filter((row) => {
        const key = `${row.workspace_id}:${row.id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },

    /**
     * Handles one timer found by the sweep: re-reads the conversation first (the reply may have
     * come in time and only its event was lost), then marks the timer breached — once, however
     * many workers get here — and escalates to the next tier or the lead. Retrying after a
     * crash escalates a breached timer that was not escalated yet; notifications carry a dedupe
     * key, so nobody is told twice.
     */
    async handleOverdue(
      workspaceId: string,
      timerId: string,
    ): Promise<'none' | 'met' | 'escalated'> {
      const now = clock.now();
      let timer = await repo.findTimer(db.kysely, workspaceId, timerId);
      if (!timer) return 'none';
      if (timer.status === 'running') {
        if (timer.due_at > now) return 'none';
        await syncConversations(workspaceId, [timer.conversation_id]);
        timer = await repo.findTimer(db.kysely, workspaceId, timerId);
        if (!timer) return 'none';
        if (timer.status === 'running' && timer.due_at <= now) {
          await repo.claimBreach(db.kysely, workspaceId, timerId, timer.due_at, now);
          timer = await repo.findTimer(db.kysely, workspaceId, timerId);
          if (!timer) return 'none';
        }
      }
      if (timer.status === 'met') return 'met';
      if (
        timer.status !== 'breached' ||
        timer.escalated_at !== null ||
        timer.completed_at !== null
      ) {
        return 'none';
      }
      const [conversation] = await deps.inbox.current.getConversations(workspaceId, [
        timer.conversation_id,
      ]);
      let assigneeId = timer.assignee_id;
      let teamId = timer.team_id;
      if (conversation && conversation.status !== 'resolved') {
        const policy = await repo.findPolicy(db.kysely, workspaceId, timer.policy_id);
        const to =
          policy?.escalation === 'lead'
            ? 'lead'
            : await deps.escalation.nextTier(workspaceId, conversation);
        const kind = KIND_LABEL[timer.kind as SlaKind] ?? timer.kind;
        await deps.escalation.escalate({
          workspaceId,
          conversation,
          to,
          assignLead: false,
          reason: `SLA missed: ${kind} was due ${new Date(timer.due_at).toISOString().slice(0, 16).replace('T', ' ')} UTC${
            conversation.contactName ? ` (${conversation.contactName})` : ''
          }`,
          dedupeKey: `sla:${timer.id}`,
        });
        assigneeId = conversation.assigneeId;
        teamId = conversation.teamId;
      }
      await repo.updateTimer(db.kysely, workspaceId, timerId, {
        escalated_at: now,
        assignee_id: assigneeId,
        team_id: teamId,
        updated_at: now,
      });
      return 'escalated';
    },

    /** SLA targets met and missed per kind, agent, team and day, for timers due in a period. */
    async report(scope: WorkspaceScope, query: ReportQuery): Promise<SlaReport> {
      const now = clock.now();
      const { from, to } = period(query, now);
      const [rows, teams, zone] = await Promise.all([
        repo.listTimersDue(db.kysely, scope.workspaceId, from, to),
        listTeams(db.kysely, scope.workspaceId),
        workspaceZone(scope.workspaceId),
      ]);
      type Counts = { met: number; breached: number; overdue: number; total: number };
      const empty = (): Counts => ({ met: 0, breached: 0, overdue: 0, total: 0 });
      const totals = empty();
      const byKind = new Map<SlaKind, Counts>(SLA_KINDS.map((kind) => [kind, empty()]));
      const byAgent = new Map<string | null, Counts>();
      const byTeam = new Map<string | null, Counts>();
      const daily = new Map<string, { met: number; breached: number }>();
      for (const row of rows) {
        const outcome =
          row.status === 'met'
            ? 'met'
            : row.status === 'breached'
              ? 'breached'
              : row.due_at <= now
                ? 'overdue'
                : null;
        if (!outcome) continue;
        for (const counts of [
          totals,
          byKind.get(row.kind as SlaKind),
          getOr(byAgent, row.assignee_id, empty),
          getOr(byTeam, row.team_id, empty),
        ]) {
          if (!counts) continue;
          counts[outcome] += 1;
          counts.total += 1;
        }
        const day = getOr(daily, localTime(row.due_at, zone).date, () => ({ met: 0, breached: 0 }));
        if (outcome === 'met') day.met += 1;
        else day.breached += 1;
      }
      const rate = (counts: Counts) => ({
        ...counts,
        metRate: counts.total > 0 ? counts.met / counts.total : null,
      });
      const teamNames = new Map(teams.map((team) => [team.id, team.name]));
      return {
        from: toIso(from),
        to: toIso(to),
        timezone: zone,
        totals: rate(totals),
        byKind: SLA_KINDS.map((kind) => ({ kind, ...rate(byKind.get(kind)!) })),
        byAgent: [...byAgent]
          .map(([userId, counts]) => ({ userId, ...rate(counts) }))
          .sort((a, b) => b.total - a.total),
        byTeam: [...byTeam]
          .map(([teamId, counts]) => ({
            teamId,
            name: teamId ? (teamNames.get(teamId) ?? null) : null,
            ...rate(counts),
          }))
          .sort((a, b) => b.total - a.total),
        daily: [...daily]
          .map(([date, counts]) => ({ date, ...counts }))
          .sort((a, b) => a.date.localeCompare(b.date)),
      };
    },
  };
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** A report's period: the last 30 days by default; at most 400 days; `from` before `to`. */
export function period(query: ReportQuery, now: number): { from: number; to: number } {
  const to = query.to ? Date.parse(query.to) : now;
  const from = query.from ? Date.parse(query.from) : to - DEFAULT_PERIOD_MS;
  if (from >= to) throw invalid({ from: 'must be before to' });
  if (to - from > MAX_PERIOD_MS) throw invalid({ from: 'the period can be at most 400 days' });
  return { from, to };
}

export type SlaService = ReturnType<typeof createSlaService>;
