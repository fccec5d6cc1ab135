import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  BusinessHoursListSchema,
  BusinessHoursParamsSchema,
  BusinessHoursSchema,
  ConversationParamsSchema,
  CreateBusinessHoursBodySchema,
  CreateSlaPolicyBodySchema,
  ReorderSlaPoliciesBodySchema,
  ReportQuerySchema,
  SlaPolicyListSchema,
  SlaPolicyParamsSchema,
  SlaPolicySchema,
  SlaReportSchema,
  SlaTimerListSchema,
  UpdateBusinessHoursBodySchema,
  UpdateSlaPolicyBodySchema,
} from '../../../shared/routing.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';
import { ROUTING } from './rules.routes.ts';

/** Business hours, SLA policies, a conversation's timers and the SLA report. */
export const slaRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: `${ROUTING}/business-hours`,
    summary: 'Business hours: weekly opening times and holidays',
    tag: 'routing',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    response: BusinessHoursListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.routing.sla.listBusinessHours(scope),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${ROUTING}/business-hours`,
    summary: 'Add business hours',
    tag: 'routing',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: CreateBusinessHoursBodySchema,
    response: BusinessHoursSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.routing.sla.createBusinessHours(scope, body, actor),
  }),
  defineRoute({
    method: 'patch',
    path: `${ROUTING}/business-hours/{businessHoursId}`,
    summary: 'Change business hours or their holidays',
    tag: 'routing',
    access: 'inbox.manage',
    params: BusinessHoursParamsSchema,
    body: UpdateBusinessHoursBodySchema,
    response: BusinessHoursSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.routing.sla.updateBusinessHours(scope, params.businessHoursId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${ROUTING}/business-hours/{businessHoursId}`,
    summary: 'Remove business hours no policy or rule uses',
    tag: 'routing',
    access: 'inbox.manage',
    params: BusinessHoursParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.routing.sla.removeBusinessHours(scope, params.businessHoursId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${ROUTING}/sla/policies`,
    summary: 'SLA policies in matching order',
    tag: 'routing',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    response: SlaPolicyListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.routing.sla.listPolicies(scope),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${ROUTING}/sla/policies`,
    summary: 'Add an SLA policy: first response, next response and resolution targets',
    tag: 'routing',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: CreateSlaPolicyBodySchema,
    response: SlaPolicySchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.routing.sla.createPolicy(scope, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${ROUTING}/sla/policies/order`,
    summary: 'Set the matching order of all SLA policies',
    tag: 'routing',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: ReorderSlaPoliciesBodySchema,
    response: SlaPolicyListSchema,
    handler: async ({ scope, body, actor, services }) => ({
      items: await services.routing.sla.reorderPolicies(scope, body.policyIds, actor),
    }),
  }),
  defineRoute({
    method: 'patch',
    path: `${ROUTING}/sla/policies/{policyId}`,
    summary: 'Change an SLA policy',
    tag: 'routing',
    access: 'inbox.manage',
    params: SlaPolicyParamsSchema,
    body: UpdateSlaPolicyBodySchema,
    response: SlaPolicySchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.routing.sla.updatePolicy(scope, params.policyId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${ROUTING}/sla/policies/{policyId}`,
    summary: 'Remove an SLA policy',
    tag: 'routing',
    access: 'inbox.manage',
    params: SlaPolicyParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.routing.sla.removePolicy(scope, params.policyId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${ROUTING}/sla/conversations/{conversationId}/timers`,
    summary: "A conversation's SLA timers: due times, met or breached",
    tag: 'routing',
    access: 'inbox.read',
    params: ConversationParamsSchema,
    response: SlaTimerListSchema,
    handler: async ({ scope, params, services }) => ({
      items: await services.routing.sla.listTimers(scope, params.conversationId),
    }),
  }),
  defineRoute({
    method: 'get',
    path: `${ROUTING}/sla/report`,
    summary: 'SLA targets met and missed per kind, agent, team and day for a period',
    tag: 'routing',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    query: ReportQuerySchema,
    response: SlaReportSchema,
    handler: ({ scope, query, services }) => services.routing.sla.report(scope, query),
  }),
];
