import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import type { InboxConversationFacts, InboxRef } from './inbox-port.ts';
import type { TeamsService } from './teams.service.ts';

/** Who hears about escalations when a team has no lead. */
const MANAGERS = ['owner', 'admin', 'manager'] as const;

export type EscalationTarget = 'agent' | 'expert' | 'lead';

export interface EscalationRequest {
  workspaceId: string;
  conversation: InboxConversationFacts;
  to: EscalationTarget;
  /** The team to look in; the conversation's team when absent. */
  teamId?: string | null;
  /** Give the conversation to the lead (a rule) rather than only telling them (a missed SLA). */
  assignLead: boolean;
  /** Why, in a sentence for the notification. */
  reason: string;
  /** Each person is told once per key, however often the escalation is retried. */
  dedupeKey: string;
}

export interface EscalationResult {
  /** Who has the conversation now, when it moved. */
  assigneeId: string | null;
  teamId: string | null;
  /** What happened, in words for the run log. */
  outcome: string;
}

/**
 * Moves a conversation up the tiers of 多层级响应: to the next agent or expert of its team in
 * turn, or to the team's lead (the workspace's managers when it has none). A tier with nobody
 * available falls through to the lead, so an escalation always reaches someone.
 */
export function createEscalation(deps: {
  teams: TeamsService;
  notifications: NotificationService;
  inbox: InboxRef;
}) {
  const { teams, notifications, inbox } = deps;

  function conversationLink(workspaceId: string, conversationId: string): string {
    return `/w/${workspaceId}/inbox?conversation=${encodeURIComponent(conversationId)}`;
  }

  async function toPerson(
    request: EscalationRequest,
    tier: 'agent' | 'expert',
  ): Promise<EscalationResult | null> {
    const { workspaceId, conversation } = request;
    const preferred = request.teamId ?? conversation.teamId;
    const teamIds = preferred ? [preferred] : await teams.teamsWithTier(workspaceId, tier);
    for (const teamId of teamIds) {
      const userId = await teams.assignRoundRobin(workspaceId, teamId, tier);
      if (!userId) continue;
      if (userId !== conversation.assigneeId || teamId !== conversation.teamId) {
        await inbox.current.updateConversation(workspaceId, conversation.id, {
          assigneeId: userId,
          teamId,
        });
      }
      await notifications.notify({
        workspaceId,
        userIds: [userId],
        kind: 'inbox.escalation',
        title:
          tier === 'expert' ? 'A conversation was escalated to you' : 'A conversation needs you',
        body: request.reason,
        link: conversationLink(workspaceId, conversation.id),
        dedupeKey: `${request.dedupeKey}:${tier}`,
      });
      return { assigneeId: userId, teamId, outcome: `assigned to ${tier} ${userId}` };
    }
    return null;
  }

  async function toLead(request: EscalationRequest, fallthrough: string | null) {
    const { workspaceId, conversation } = request;
    const teamId = request.teamId ?? conversation.teamId;
    const team = teamId ? await teams.requireTeam(workspaceId, teamId).catch(() => null) : null;
    const lead = team?.lead_user_id ?? null;
    const reason = fallthrough ? `${request.reason} (${fallthrough})` : request.reason;
    let assigneeId = conversation.assigneeId;
    if (lead && request.assignLead && lead !== conversation.assigneeId) {
      await inbox.current.updateConversation(workspaceId, conversation.id, {
        assigneeId: lead,
        ...(teamId ? { teamId } : {}),
      });
      assigneeId = lead;
    }
    await notifications.notify({
      workspaceId,
      ...(lead ? { userIds: [lead] } : { roles: MANAGERS }),
      kind: 'inbox.escalation',
      title: 'Conversation escalated to the lead',
      body: reason,
      link: conversationLink(workspaceId, conversation.id),
      dedupeKey: `${request.dedupeKey}:lead`,
    });
    const who = lead ? `lead ${lead}` : 'the workspace managers';
    return {
      assigneeId,
      teamId: teamId ?? null,
      outcome: `${lead && request.assignLead ? 'assigned to' : 'told'} ${who}${
        fallthrough ? ` (${fallthrough})` : ''
      }`,
    };
  }

  return {
    async escalate(request: EscalationRequest): Promise<EscalationResult> {
      if (request.to === 'lead') return toLead(request, null);
      const moved = await toPerson(request, request.to);
      if (moved) return moved;
      return toLead(request, `no ${request.to} available`);
    },

    /** The tier above whoever has the conversation now: nobody → agent → expert → lead. */
    async nextTier(
      workspaceId: string,
      conversation: InboxConversationFacts,
    ): Promise<EscalationTarget> {
      if (!conversation.assigneeId) return conversation.teamId ? 'agent' : 'lead';
      const tier = await teams.tierOf(workspaceId, conversation.assigneeId, conversation.teamId);
      if (tier === 'agent') return 'expert';
      return 'lead';
    },
  };
}

export type Escalation = ReturnType<typeof createEscalation>;
