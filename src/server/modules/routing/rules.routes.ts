import { z } from 'zod';
import { IdSchema, WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  AgentListSchema,
  AgentParamsSchema,
  AgentSchema,
  CreateRoutingRuleBodySchema,
  CreateTeamBodySchema,
  DryRunBodySchema,
  DryRunResultSchema,
  ReorderRulesBodySchema,
  RoutingRuleListSchema,
  RoutingRuleParamsSchema,
  RoutingRuleSchema,
  RoutingRunListSchema,
  TeamListSchema,
  TeamParamsSchema,
  TeamSchema,
  UpdateAgentBodySchema,
  UpdateMyAvailabilityBodySchema,
  UpdateRoutingRuleBodySchema,
  UpdateTeamBodySchema,
} from '../../../shared/routing.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

export const ROUTING = '/api/v1/workspaces/{workspaceId}/routing';

const RunQuerySchema = z.strictObject({
  conversationId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Rules, their dry run and run log; teams and agents. Changing needs `inbox.manage`. */
export const rulesRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: `${ROUTING}/rules`,
    summary: 'Routing rules in evaluation order',
    tag: 'routing',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    response: RoutingRuleListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.routing.rules.listRules(scope),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${ROUTING}/rules`,
    summary: 'Add a rule (WHEN conditions THEN actions) at the end of the order',
    tag: 'routing',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: CreateRoutingRuleBodySchema,
    response: RoutingRuleSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.routing.rules.createRule(scope, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${ROUTING}/rules/order`,
    summary: 'Set the evaluation order of all rules',
    tag: 'routing',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: ReorderRulesBodySchema,
    response: RoutingRuleListSchema,
    handler: async ({ scope, body, actor, services }) => ({
      items: await services.routing.rules.reorderRules(scope, body.ruleIds, actor),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${ROUTING}/rules/dry-run`,
    summary: 'Which rules would fire for this message, and what they would do',
    tag: 'routing',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    body: DryRunBodySchema,
    response: DryRunResultSchema,
    handler: ({ scope, body, services }) => services.routing.rules.dryRun(scope, body),
  }),
  defineRoute({
    method: 'patch',
    path: `${ROUTING}/rules/{ruleId}`,
    summary: 'Edit, enable or disable a rule',
    tag: 'routing',
    access: 'inbox.manage',
    params: RoutingRuleParamsSchema,
    body: UpdateRoutingRuleBodySchema,
    response: RoutingRuleSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.routing.rules.updateRule(scope, params.ruleId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${ROUTING}/rules/{ruleId}`,
    summary: 'Remove a rule',
    tag: 'routing',
    access: 'inbox.manage',
    params: RoutingRuleParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.routing.rules.removeRule(scope, params.ruleId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${ROUTING}/runs`,
    summary: 'How recent messages were routed: rules fired and what was done',
    tag: 'routing',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    query: RunQuerySchema,
    response: RoutingRunListSchema,
    handler: async ({ scope, query, services }) => ({
      items: await services.routing.rules.listRuns(scope, query),
    }),
  }),

  // ── teams and agents ──────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${ROUTING}/teams`,
    summary: 'Teams with their agents and experts',
    tag: 'routing',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    response: TeamListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.routing.teams.listTeams(scope),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${ROUTING}/teams`,
    summary: 'Create a team',
    tag: 'routing',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: CreateTeamBodySchema,
    response: TeamSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.routing.teams.createTeam(scope, body, actor),
  }),
  defineRoute({
    method: 'patch',
    path: `${ROUTING}/teams/{teamId}`,
    summary: 'Rename a team, set its lead, or replace its members and their tiers',
    tag: 'routing',
    access: 'inbox.manage',
    params: TeamParamsSchema,
    body: UpdateTeamBodySchema,
    response: TeamSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.routing.teams.updateTeam(scope, params.teamId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${ROUTING}/teams/{teamId}`,
    summary: 'Remove a team',
    tag: 'routing',
    access: 'inbox.manage',
    params: TeamParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.routing.teams.removeTeam(scope, params.teamId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${ROUTING}/agents`,
    summary: 'People in teams: availability, capacity and open conversations',
    tag: 'routing',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    response: AgentListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.routing.teams.listAgents(scope),
    }),
  }),
  defineRoute({
    method: 'put',
    path: `${ROUTING}/agents/me`,
    summary: 'Set your own availability (online, away, offline)',
    tag: 'routing',
    access: 'inbox.reply',
    params: WorkspaceParamsSchema,
    body: UpdateMyAvailabilityBodySchema,
    response: AgentSchema,
    handler: ({ scope, body, user, actor, services }) =>
      services.routing.teams.updateAgent(scope, user.userId, body, actor),
  }),
  defineRoute({
    method: 'patch',
    path: `${ROUTING}/agents/{userId}`,
    summary: "Set a person's availability or capacity",
    tag: 'routing',
    access: 'inbox.manage',
    params: AgentParamsSchema,
    body: UpdateAgentBodySchema,
    response: AgentSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.routing.teams.updateAgent(scope, params.userId, body, actor),
  }),
];
