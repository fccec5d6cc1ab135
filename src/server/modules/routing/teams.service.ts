import type {
  Agent,
  Availability,
  CreateTeamBody,
  Team,
  TeamTier,
  UpdateAgentBody,
  UpdateTeamBody,
} from '../../../shared/routing.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { pickAssignee, type AssignmentCandidate } from './assignment.ts';
import type { InboxRef } from './inbox-port.ts';
import type { RoutingAgentRow, RoutingTeamMemberRow, RoutingTeamRow } from './routing-tables.ts';
import { findMemberIds } from './rules.repo.ts';
import * as repo from './teams.repo.ts';

/** What a person gets when first added to a team: ready for conversations, ten at a time. */
export const DEFAULT_AGENT = { availability: 'online' as Availability, capacity: 10 };
/** Round-robin retries when another worker takes the same turn at the same moment. */
const TURN_ATTEMPTS = 3;

export interface TeamsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  inbox: InboxRef;
}

function presentTeam(row: RoutingTeamRow, members: readonly RoutingTeamMemberRow[]): Team {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    leadUserId: row.lead_user_id,
    members: members
      .filter((member) => member.team_id === row.id)
      .map((member) => ({ userId: member.user_id, tier: member.tier as TeamTier })),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Teams with agent and expert tiers, agents' availability and capacity, round robin. */
export function createTeamsService(deps: TeamsDeps) {
  const { db, clock, audit } = deps;

  async function requireTeam(workspaceId: string, teamId: string): Promise<RoutingTeamRow> {
    const row = await repo.findTeam(db.kysely, workspaceId, teamId);
    if (!row) throw AppError.notFound('Team');
    return row;
  }

  /** Everyone named must be a member of the workspace: else a 400 naming the field. */
  async function checkPeople(
    workspaceId: string,
    body: { leadUserId?: string | null | undefined; members?: ReadonlyArray<{ userId: string }> },
  ): Promise<void> {
    const ids = [
      ...(body.leadUserId ? [body.leadUserId] : []),
      ...(body.members ?? []).map((member) => member.userId),
    ];
    const known = await findMemberIds(db.kysely, workspaceId, ids);
    const fields: Record<string, string> = {};
    if (body.leadUserId && !known.has(body.leadUserId)) {
      fields.leadUserId = 'not a member of this workspace';
    }
    const seen = new Set<string>();
    for (const [index, member] of (body.members ?? []).entries()) {
      if (!known.has(member.userId))
        fields[`members.${index}.userId`] = 'not a member of this workspace';
      else if (seen.has(member.userId)) fields[`members.${index}.userId`] = 'listed twice';
      seen.add(member.userId);
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('validation_failed', `Invalid body: ${Object.keys(fields).join(', ')}`, {
        fields,
      });
    }
  }

  async function getTeam(workspaceId: string, teamId: string): Promise<Team> {
    const row = await requireTeam(workspaceId, teamId);
    return presentTeam(row, await repo.listMembers(db.kysely, workspaceId, teamId));
  }

  /** Members of a team with everything round robin weighs. */
  async function candidates(workspaceId: string, teamId: string): Promise<AssignmentCandidate[]> {
    const members = await repo.listMembers(db.kysely, workspaceId, teamId);
    if (members.length === 0) return [];
    const agents = new Map(
      (await repo.listAgents(db.kysely, workspaceId)).map((agent) => [agent.user_id, agent]),
    );
    const open = await deps.inbox.current.countOpenAssigned(
      workspaceId,
      members.map((member) => member.user_id),
    );
    return members.map((member) => {
      const agent = agents.get(member.user_id);
      return {
        userId: member.user_id,
        tier: member.tier as TeamTier,
        availability: (agent?.availability ?? DEFAULT_AGENT.availability) as Availability,
        capacity: agent?.capacity ?? DEFAULT_AGENT.capacity,
        open: open.get(member.user_id) ?? 0,
        lastAssignedAt: member.last_assigned_at,
      };
    });
  }

  function presentAgent(
    userId: string,
    row: RoutingAgentRow | undefined,
    memberships: readonly RoutingTeamMemberRow[],
    open: Map<string, number> | null,
  ): Agent {
    return {
      userId,
      availability: (row?.availability ?? DEFAULT_AGENT.availability) as Availability,
      capacity: row?.capacity ?? DEFAULT_AGENT.capacity,
      openConversations: open ? (open.get(userId) ?? 0) : null,
      teams: memberships
        .filter((member) => member.user_id === userId)
        .map((member) => ({ teamId: member.team_id, tier: member.tier as TeamTier })),
      updatedAt: toIso(row?.updated_at ?? null),
    };
  }

  return {
    requireTeam,
    getTeam,

    /** Ids and names of the workspace's teams, for the inbox's team picker and checks. */
    async listTeamNames(workspaceId: string): Promise<Array<{ id: string; name: string }>> {
      return (await repo.listTeams(db.kysely, workspaceId)).map((row) => ({
        id: row.id,
        name: row.name,
      }));
    },

    async listTeams(scope: WorkspaceScope): Promise<Team[]> {
      const [rows, members] = await Promise.all([
        repo.listTeams(db.kysely, scope.workspaceId),
        repo.listMembers(db.kysely, scope.workspaceId),
      ]);
      return rows.map((row) => presentTeam(row, members));
    },

    async createTeam(scope: WorkspaceScope, body: CreateTeamBody, actor: Actor): Promise<Team> {
      await checkPeople(scope.workspaceId, body);
      const now = clock.now();
      const row: RoutingTeamRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        description: body.description ?? '',
        lead_user_id: body.leadUserId ?? null,
        created_at: now,
        updated_at: now,
      };
      const members = body.members ?? [];
      await audit.change(
        actor,
        async (trx) => {
          await repo.insertTeam(trx, row);
          await repo.replaceMembers(trx, scope.workspaceId, row.id, members, now);
          await repo.ensureAgents(
            trx,
            scope.workspaceId,
            members.map((m) => m.userId),
            DEFAULT_AGENT,
            now,
          );
        },
        {
          workspaceId: scope.workspaceId,
          action: 'routing.team.create',
          targetType: 'routing_team',
          targetId: row.id,
          after: { name: row.name, leadUserId: row.lead_user_id, members },
        },
      );
      return getTeam(scope.workspaceId, row.id);
    },

    async updateTeam(
      scope: WorkspaceScope,
      teamId: string,
      body: UpdateTeamBody,
      actor: Actor,
    ): Promise<Team> {
      const before = await getTeam(scope.workspaceId, teamId);
      await checkPeople(scope.workspaceId, body);
      const now = clock.now();
      await audit.change(
        actor,
        async (trx) => {
          await repo.updateTeam(trx, scope.workspaceId, teamId, {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.leadUserId !== undefined ? { lead_user_id: body.leadUserId } : {}),
            updated_at: now,
          });
          if (body.members) {
            await repo.replaceMembers(trx, scope.workspaceId, teamId, body.members, now);
            await repo.ensureAgents(
              trx,
              scope.workspaceId,
              body.members.map((m) => m.userId),
              DEFAULT_AGENT,
              now,
            );
          }
        },
        {
          workspaceId: scope.workspaceId,
          action: 'routing.team.update',
          targetType: 'routing_team',
          targetId: teamId,
          before,
          after: body,
        },
      );
      return getTeam(scope.workspaceId, teamId);
    },

    async removeTeam(scope: WorkspaceScope, teamId: string, actor: Actor): Promise<void> {
      const before = await getTeam(scope.workspaceId, teamId);
      await audit.change(actor, (trx) => repo.deleteTeam(trx, scope.workspaceId, teamId), {
        workspaceId: scope.workspaceId,
        action: 'routing.team.remove',
        targetType: 'routing_team',
        targetId: teamId,
        before,
      });
    },

    async listAgents(scope: WorkspaceScope): Promise<Agent[]> {
      const [rows, memberships] = await Promise.all([
        repo.listAgents(db.kysely, scope.workspaceId),
        repo.listMembers(db.kysely, scope.workspaceId),
      ]);
      const byUser = new Map(rows.map((row) => [row.user_id, row]));
      const userIds = [
        ...new Set([...rows.map((r) => r.user_id), ...memberships.map((m) => m.user_id)]),
      ].sort();
      const open = deps.inbox.connected
        ? await deps.inbox.current.countOpenAssigned(scope.workspaceId, userIds)
        : null;
      return userIds.map((userId) => presentAgent(userId, byUser.get(userId), memberships, open));
    },

    async updateAgent(
      scope: WorkspaceScope,
      userId: string,
      body: UpdateAgentBody,
      actor: Actor,
    ): Promise<Agent> {
      const known = await findMemberIds(db.kysely, scope.workspaceId, [userId]);
      if (!known.has(userId)) throw AppError.notFound('Member');
      const before = await repo.findAgent(db.kysely, scope.workspaceId, userId);
      const now = clock.now();
      await audit.change(
        actor,
        async (trx) => {
          await repo.ensureAgents(trx, scope.workspaceId, [userId], DEFAULT_AGENT, now);
          await repo.updateAgent(trx, scope.workspaceId, userId, { ...body, updated_at: now });
        },
        {
          workspaceId: scope.workspaceId,
          action: 'routing.agent.update',
          targetType: 'user',
          targetId: userId,
          before: before
            ? { availability: before.availability, capacity: before.capacity }
            : undefined,
          after: body,
        },
      );
      const [row, memberships] = await Promise.all([
        repo.findAgent(db.kysely, scope.workspaceId, userId),
        repo.listMembers(db.kysely, scope.workspaceId),
      ]);
      return presentAgent(userId, row, memberships, null);
    },

    /**
     * Gives a conversation to the next member of a team in turn (online, below capacity, of
     * the tier asked for). Null when nobody can take it now: it waits in the team's queue.
     * Two workers choosing at once cannot both take one member's turn (`takeTurn`); they may
     * still both see the same member below capacity, so capacity can be exceeded by one.
     */
    async assignRoundRobin(
      workspaceId: string,
      teamId: string,
      tier: TeamTier | null,
    ): Promise<string | null> {
      for (let attempt = 0; attempt < TURN_ATTEMPTS; attempt++) {
        const chosen = pickAssignee(await candidates(workspaceId, teamId), tier);
        if (!chosen) return null;
        const taken = await repo.takeTurn(
          db.kysely,
          workspaceId,
          teamId,
          chosen.userId,
          chosen.lastAssignedAt,
          clock.now(),
        );
        if (taken) return chosen.userId;
      }
      return null;
    },

    /** The tier a person has in a team (or in any team when `teamId` is null). */
    async tierOf(
      workspaceId: string,
      userId: string,
      teamId: string | null,
    ): Promise<TeamTier | null> {
      const memberships = (await repo.listMembers(db.kysely, workspaceId)).filter(
        (member) => member.user_id === userId && (teamId === null || member.team_id === teamId),
      );
      if (memberships.some((member) => member.tier === 'expert')) return 'expert';
      return memberships.length > 0 ? 'agent' : null;
    },

    /** Teams having experts, for escalating a conversation that has no team. */
    async teamsWithTier(workspaceId: string, tier: TeamTier): Promise<string[]> {
      const members = await repo.listMembers(db.kysely, workspaceId);
      return [...new Set(members.filter((m) => m.tier === tier).map((m) => m.team_id))];
    },
  };
}

export type TeamsService = ReturnType<typeof createTeamsService>;
