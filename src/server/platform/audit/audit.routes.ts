import { AuditPageSchema, AuditQuerySchema, WorkspaceParamsSchema } from '../../../shared/api.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

export const auditRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/{workspaceId}/audit',
    summary: 'Audit log: who changed what, when, before → after (newest first)',
    tag: 'audit',
    access: 'audit.read',
    params: WorkspaceParamsSchema,
    query: AuditQuerySchema,
    response: AuditPageSchema,
    handler: ({ scope, query, services }) =>
      services.audit.list(scope.workspaceId, {
        action: query.action,
        actorUserId: query.actorUserId,
        targetType: query.targetType,
        targetId: query.targetId,
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        before: query.cursor,
        limit: query.limit ?? 50,
      }),
  }),
];
