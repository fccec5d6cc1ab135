import {
  replyLanguageOf,
  type CreateRoutingRuleBody,
  type DryRunBody,
  type DryRunResult,
  type RoutingPlan,
  type RoutingRule,
  type RoutingRun,
  type RuleAction,
  type RuleConditions,
  type UpdateRoutingRuleBody,
} from '../../../shared/routing.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import { toCalendar, type BusinessCalendar } from './business-time.ts';
import type { CannedService } from './canned.service.ts';
import { findReplyIds } from './canned.repo.ts';
import type { Escalation } from './escalation.ts';
import type {
  ConversationChanges,
  InboxConversationFacts,
  InboxMessageFacts,
  InboxRef,
} from './inbox-port.ts';
import {
  describeLocalTime,
  evaluateRules,
  type EvaluableRule,
  type RoutingMessage,
} from './rule-evaluation.ts';
import type { RoutingRuleRow, RoutingRunRow } from './routing-tables.ts';
import * as repo from './rules.repo.ts';
import { listBusinessHours } from './sla.repo.ts';
import type { TeamsService } from './teams.service.ts';
import { findTeamIds } from './teams.repo.ts';

/**
 * Messages older than this when routing first sees them are not routed: a backfill of old
 * comments must not send automatic replies to people who wrote days ago.
 */
export const ROUTING_WINDOW_MS = 24 * 60 * 60 * 1000;
/** One automatic reply per conversation per canned reply in this window, against bot loops. */
export const AUTO_REPLY_COOLDOWN_MS = 24 * 60 * 60 * 1000;

export interface RulesDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  logger: Logger;
  inbox: InboxRef;
  teams: TeamsService;
  canned: CannedService;
  escalation: Escalation;
}

function present(row: RoutingRuleRow): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled === 1,
    stopProcessing: row.stop_processing === 1,
    conditions: JSON.parse(row.conditions_json) as RuleConditions,
    actions: JSON.parse(row.actions_json) as RuleAction[],
    firedCount: row.fired_count,
    lastFiredAt: toIso(row.last_fired_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function evaluable(row: RoutingRuleRow): EvaluableRule {
  const rule = present(row);
  return { ...rule, actions: rule.actions };
}

function presentRun(row: RoutingRunRow): RoutingRun {
  return {
    messageId: row.message_id,
    conversationId: row.conversation_id,
    firedRuleIds: JSON.parse(row.fired_rule_ids) as string[],
    plan: JSON.parse(row.plan_json) as RoutingPlan | null,
    outcomes: JSON.parse(row.outcomes_json) as string[],
    createdAt: toIso(row.created_at),
  };
}

function toRoutingMessage(message: InboxMessageFacts): RoutingMessage {
  return {
    text: message.text,
    channelId: message.channelId,
    kind: message.kind,
    intent: message.intent,
    sentiment: message.sentiment,
    language: message.language,
    contactTags: message.contact?.tags ?? [],
    followerCount: message.contact?.followers ?? null,
    receivedAt: message.receivedAt,
  };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Routing rules (WHEN … THEN …), their dry run, and the routing of ingested messages.
 *
 * Each inbound message is evaluated exactly once: its run row is inserted before anything is
 * done (`claimRun`), and a message with a run row is never evaluated again — not by a retry,
 * not by a second worker, not when the inbox reports the conversation again. Actions change
 * the conversation through the inbox port, which does not evaluate rules, and an automatic
 * reply is an outbound message, which rules never see: so rules cannot trigger each other or
 * themselves. The price of "once" is that a crash between the claim and the actions leaves
 * that message unrouted (recorded in its run), rather than answered twice.
 */
export function createRulesService(deps: RulesDeps) {
  const { db, clock, audit, logger } = deps;

  async function requireRule(workspaceId: string, ruleId: string): Promise<RoutingRuleRow> {
    const row = await repo.findRule(db.kysely, workspaceId, ruleId);
    if (!row) throw AppError.notFound('Rule');
    return row;
  }

  /** Everything a rule names must exist in this workspace: else a 400 naming the field. */
  async function checkReferences(
    workspaceId: string,
    conditions: RuleConditions | undefined,
    actions: readonly RuleAction[] | undefined,
  ): Promise<void> {
    const fields: Record<string, string> = {};
    const list = actions ?? [];
    const teamIds = await findTeamIds(
      db.kysely,
      workspaceId,
      list.flatMap((a) => (a.type === 'assign_team' ? [a.teamId] : [])),
    );
    const replyIds = await findReplyIds(
      db.kysely,
      workspaceId,
      list.flatMap((a) => (a.type === 'auto_reply' ? [a.cannedReplyId] : [])),
    );
    const userIds = await repo.findMemberIds(
      db.kysely,
      workspaceId,
      list.flatMap((a) => (a.type === 'assign_user' ? [a.userId] : [])),
    );
    for (const [index, action] of list.entries()) {
      if (action.type === 'assign_team' && !teamIds.has(action.teamId)) {
        fields[`actions.${index}.teamId`] = 'no such team in this workspace';
      }
      if (action.type === 'auto_reply' && !replyIds.has(action.cannedReplyId)) {
        fields[`actions.${index}.cannedReplyId`] = 'no such canned reply in this workspace';
      }
      if (action.type === 'assign_user' && !userIds.has(action.userId)) {
        fields[`actions.${index}.userId`] = 'not a member of this workspace';
      }
    }
    const kinds = list.map((action) => action.type);
    if (kinds.includes('assign_team') && kinds.includes('assign_user')) {
      fields.actions = 'assign to a team or to a person, not both';
    }
    const hoursId = conditions?.businessHours?.businessHoursId;
    if (hoursId) {
      const hours = await listBusinessHours(db.kysely, workspaceId);
      if (!hours.some((entry) => entry.id === hoursId)) {
        fields['conditions.businessHours.businessHoursId'] = 'no such business hours';
      }
    }
    const followers = conditions?.followers;
    if (
      followers?.min !== undefined &&
      followers.max !== undefined &&
      followers.min > followers.max
    ) {
      fields['conditions.followers'] = 'the minimum is above the maximum';
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('validation_failed', `Invalid body: ${Object.keys(fields).join(', ')}`, {
        fields,
      });
    }
  }

  async function context(workspaceId: string) {
    const workspace = await repo.findWorkspace(db.kysely, workspaceId);
    const timeZone = workspace?.timezone ?? 'UTC';
    const calendars = new Map<string, BusinessCalendar>();
    for (const row of await listBusinessHours(db.kysely, workspaceId)) {
      calendars.set(
        row.id,
        toCalendar({
          timeZone: row.timezone ?? timeZone,
          intervals: JSON.parse(row.intervals_json) as Array<{
            day: number;
            from: string;
            to: string;
          }>,
          holidays: JSON.parse(row.holidays_json) as string[],
        }),
      );
    }
    return { timeZone, calendars };
  }

  /** Carries out a plan for one message; returns what happened, in words, for the run log. */
  async function applyPlan(
    workspaceId: string,
    conversation: InboxConversationFacts,
    message: InboxMessageFacts,
    plan: RoutingPlan,
  ): Promise<{ outcomes: string[]; autoReplySent: boolean }> {
    const outcomes: string[] = [];
    const inbox = deps.inbox.current;
    const changes: ConversationChanges = {};
    if (plan.priority && plan.priority !== conversation.priority) changes.priority = plan.priority;
    if (plan.tags.length > 0) changes.addTags = plan.tags;

    // Assignment places only unassigned conversations (nobody's work is taken away);
    // escalation moves a conversation whoever has it.
    try {
      if (plan.escalate) {
        const result = await deps.escalation.escalate({
          workspaceId,
          conversation,
          to: plan.escalate,
          teamId: plan.teamId,
          assignLead: true,
          reason: `A routing rule escalated a message: “${message.text.slice(0, 120)}”`,
          dedupeKey: `routing:${message.id}`,
        });
        conversation.assigneeId = result.assigneeId;
        conversation.teamId = result.teamId;
        outcomes.push(`escalated: ${result.outcome}`);
      } else if (!conversation.assigneeId && plan.userId) {
        changes.assigneeId = plan.userId;
        outcomes.push(`assigned to ${plan.userId}`);
      } else if (!conversation.assigneeId && plan.teamId) {
        changes.teamId = plan.teamId;
        const userId = await deps.teams.assignRoundRobin(workspaceId, plan.teamId, 'agent');
        if (userId) {
          changes.assigneeId = userId;
          outcomes.push(`assigned to ${userId} in team ${plan.teamId}`);
        } else {
          outcomes.push(`queued in team ${plan.teamId}: no agent online with room`);
        }
      } else if (conversation.assigneeId && (plan.userId || plan.teamId)) {
        outcomes.push(`kept with ${conversation.assigneeId}`);
      }
    } catch (error) {
      outcomes.push(`assignment failed: ${errorText(error)}`);
    }

    if (Object.keys(changes).length > 0) {
      try {
        await inbox.updateConversation(workspaceId, conversation.id, changes);
        if (changes.assigneeId !== undefined) conversation.assigneeId = changes.assigneeId;
        if (changes.teamId !== undefined) conversation.teamId = changes.teamId;
        if (changes.priority) {
          conversation.priority = changes.priority;
          outcomes.push(`priority ${changes.priority}`);
        }
        if (changes.addTags) outcomes.push(`tagged ${changes.addTags.join(', ')}`);
      } catch (error) {
        outcomes.push(`update failed: ${errorText(error)}`);
      }
    }

    if (plan.hide) {
      try {
        await inbox.hideMessage(workspaceId, message.id);
        outcomes.push('message hidden');
      } catch (error) {
        outcomes.push(`hiding failed: ${errorText(error)}`);
      }
    }

    let autoReplySent = false;
    if (plan.autoReplyId) {
      const since = clock.now() - AUTO_REPLY_COOLDOWN_MS;
      if (
        await repo.autoReplySentSince(
          db.kysely,
          workspaceId,
          conversation.id,
          plan.autoReplyId,
          since,
        )
      ) {
        outcomes.push('auto-reply skipped: already sent in this conversation today');
      } else {
        const rendered = await deps.canned.renderAutomatic(
          workspaceId,
          plan.autoReplyId,
          conversation,
          message.language,
        );
        if (!rendered) outcomes.push('auto-reply skipped: the canned reply was deleted');
        else if (rendered.missing.length > 0) {
          outcomes.push(
            `auto-reply skipped: “${rendered.title}” needs ${rendered.missing.map((v) => `{${v}}`).join(', ')}`,
          );
        } else {
          try {
            await inbox.sendReply(workspaceId, conversation.id, {
              text: rendered.text,
              idempotencyKey: `routing:${message.id}`,
              replyToId: message.id,
            });
            autoReplySent = true;
            outcomes.push(`auto-reply sent: “${rendered.title}”`);
            await deps.canned.recordAutomaticUse(
              workspaceId,
              plan.autoReplyId,
              conversation.id,
              replyLanguageOf(message.language ?? conversation.language) ?? 'zh',
            );
          } catch (error) {
            outcomes.push(`auto-reply failed: ${errorText(error)}`);
          }
        }
      }
    }
    return { outcomes, autoReplySent };
  }

  return {
    async listRules(scope: WorkspaceScope): Promise<RoutingRule[]> {
      return (await repo.listRules(db.kysely, scope.workspaceId)).map(present);
    },

    async createRule(
      scope: WorkspaceScope,
      body: CreateRoutingRuleBody,
      actor: Actor,
    ): Promise<RoutingRule> {
      await checkReferences(scope.workspaceId, body.conditions, body.actions);
      const now = clock.now();
      const row: RoutingRuleRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        position: await repo.nextRulePosition(db.kysely, scope.workspaceId),
        enabled: body.enabled === false ? 0 : 1,
        stop_processing: body.stopProcessing ? 1 : 0,
        conditions_json: JSON.stringify(body.conditions),
        actions_json: JSON.stringify(body.actions),
        fired_count: 0,
        last_fired_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertRule(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'routing.rule.create',
        targetType: 'routing_rule',
        targetId: row.id,
        after: present(row),
      });
      return present(row);
    },

    async updateRule(
      scope: WorkspaceScope,
      ruleId: string,
      body: UpdateRoutingRuleBody,
      actor: Actor,
    ): Promise<RoutingRule> {
      const before = await requireRule(scope.workspaceId, ruleId);
      await checkReferences(scope.workspaceId, body.conditions, body.actions);
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
        ...(body.stopProcessing !== undefined
          ? { stop_processing: body.stopProcessing ? 1 : 0 }
          : {}),
        ...(body.conditions !== undefined
          ? { conditions_json: JSON.stringify(body.conditions) }
          : {}),
        ...(body.actions !== undefined ? { actions_json: JSON.stringify(body.actions) } : {}),
        updated_at: clock.now(),
      };
      const after = { ...before, ...changes };
      await audit.change(actor, (trx) => repo.updateRule(trx, scope.workspaceId, ruleId, changes), {
        workspaceId: scope.workspaceId,
        action: 'routing.rule.update',
        targetType: 'routing_rule',
        targetId: ruleId,
        before: present(before),
        after: present(after),
      });
      return present(after);
    },

    async removeRule(scope: WorkspaceScope, ruleId: string, actor: Actor): Promise<void> {
      const before = await requireRule(scope.workspaceId, ruleId);
      await audit.change(
        actor,
        async (trx) => {
          await repo.deleteRule(trx, scope.workspaceId, ruleId);
          const rest = (await repo.listRules(trx, scope.workspaceId)).map((row) => row.id);
          await repo.setRulePositions(trx, scope.workspaceId, rest, clock.now());
        },
        {
          workspaceId: scope.workspaceId,
          action: 'routing.rule.remove',
          targetType: 'routing_rule',
          targetId: ruleId,
          before: present(before),
        },
      );
    },

    /** Sets the evaluation order; the list must hold every rule of the workspace once. */
    async reorderRules(
      scope: WorkspaceScope,
      ruleIds: readonly string[],
      actor: Actor,
    ): Promise<RoutingRule[]> {
      const rows = await repo.listRules(db.kysely, scope.workspaceId);
      const known = new Set(rows.map((row) => row.id));
      const given = new Set(ruleIds);
      if (
        given.size !== ruleIds.length ||
        given.size !== known.size ||
        ![...given].every((id) => known.has(id))
      ) {
        throw new AppError('validation_failed', 'Invalid body: ruleIds', {
          fields: { ruleIds: 'list every rule of this workspace exactly once' },
        });
      }
      await audit.change(
        actor,
        (trx) => repo.setRulePositions(trx, scope.workspaceId, ruleIds, clock.now()),
        {
          workspaceId: scope.workspaceId,
          action: 'routing.rule.reorder',
          targetType: 'routing_rule',
          targetId: null,
          before: rows.map((row) => row.id),
          after: ruleIds,
        },
      );
      return (await repo.listRules(db.kysely, scope.workspaceId)).map(present);
    },

    /** Which rules would fire for a message typed by hand, and what they would do. */
    async dryRun(scope: WorkspaceScope, body: DryRunBody): Promise<DryRunResult> {
      const rules = (await repo.listRules(db.kysely, scope.workspaceId)).map(evaluable);
      if (body.draft) {
        const draft: EvaluableRule = {
          id: body.draft.ruleId ?? 'draft',
          name: body.draft.name,
          enabled: body.draft.enabled ?? true,
          stopProcessing: body.draft.stopProcessing ?? false,
          conditions: body.draft.conditions,
          actions: body.draft.actions,
        };
        const index = rules.findIndex((rule) => rule.id === draft.id);
        if (index >= 0) rules[index] = draft;
        else rules.push(draft);
      }
      const { timeZone, calendars } = await context(scope.workspaceId);
      const receivedAt = body.at ? Date.parse(body.at) : clock.now();
      const evaluation = evaluateRules(
        rules,
        {
          text: body.text,
          channelId: body.channelId ?? null,
          kind: body.kind ?? null,
          intent: body.intent ?? null,
          sentiment: body.sentiment ?? null,
          language: body.language ?? null,
          contactTags: body.contactTags ?? [],
          followerCount: body.followerCount ?? null,
          receivedAt,
        },
        { timeZone, calendars },
      );
      return {
        timezone: timeZone,
        localTime: describeLocalTime(receivedAt, timeZone),
        rules: evaluation.results,
        plan: evaluation.plan,
      };
    },

    async listRuns(
      scope: WorkspaceScope,
      filter: { conversationId?: string | undefined; limit?: number | undefined },
    ): Promise<RoutingRun[]> {
      const rows = await repo.listRuns(db.kysely, scope.workspaceId, {
        conversationId: filter.conversationId,
        limit: filter.limit ?? 50,
      });
      return rows.map(presentRun);
    },

    /**
     * Routes the new inbound messages of these conversations: each message not routed before
     * and received within the routing window is evaluated once, oldest first.
     */
    async routeMessages(workspaceId: string, conversationIds: readonly string[]): Promise<number> {
      const inbox = deps.inbox.current;
      const now = clock.now();
      const messages = await inbox.listInboundMessages(
        workspaceId,
        conversationIds,
        now - ROUTING_WINDOW_MS,
      );
      if (messages.length === 0) return 0;
      const done = await repo.findRoutedMessageIds(
        db.kysely,
        workspaceId,
        messages.map((m) => m.id),
      );
      const pending = messages
        .filter((message) => !done.has(message.id))
        .sort((a, b) => a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : 1));
      if (pending.length === 0) return 0;

      const rules = (await repo.listRules(db.kysely, workspaceId)).map(evaluable);
      const ctx = await context(workspaceId);
      const conversations = new Map(
        (
          await inbox.getConversations(workspaceId, [
            ...new Set(pending.map((m) => m.conversationId)),
          ])
        ).map((conversation) => [conversation.id, conversation]),
      );
      let routed = 0;
      for (const message of pending) {
        const claimed = await repo.claimRun(db.kysely, {
          workspace_id: workspaceId,
          message_id: message.id,
          conversation_id: message.conversationId,
          fired_rule_ids: '[]',
          plan_json: 'null',
          outcomes_json: JSON.stringify(['claimed']),
          auto_reply_id: null,
          created_at: clock.now(),
        });
        if (!claimed) continue;
        routed += 1;
        const conversation = conversations.get(message.conversationId);
        const evaluation = evaluateRules(rules, toRoutingMessage(message), ctx);
        let outcomes: string[];
        let autoReplySent = false;
        if (!conversation || conversation.status === 'resolved') {
          outcomes = ['not routed: the conversation is resolved or gone'];
        } else {
          try {
            ({ outcomes, autoReplySent } = await applyPlan(
              workspaceId,
              conversation,
              message,
              evaluation.plan,
            ));
          } catch (error) {
            logger.warn({ err: error, workspaceId, messageId: message.id }, 'routing failed');
            outcomes = [`failed: ${errorText(error)}`];
          }
          if (evaluation.fired.length === 0) outcomes.unshift('no rule matched');
        }
        const firedIds = evaluation.fired.map((rule) => rule.id);
        await repo.finishRun(db.kysely, workspaceId, message.id, {
          fired_rule_ids: JSON.stringify(firedIds),
          plan_json: JSON.stringify(evaluation.plan),
          outcomes_json: JSON.stringify(outcomes),
          auto_reply_id: autoReplySent ? evaluation.plan.autoReplyId : null,
        });
        if (conversation && conversation.status !== 'resolved') {
          await repo.recordFired(db.kysely, workspaceId, firedIds, clock.now());
        }
      }
      return routed;
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
