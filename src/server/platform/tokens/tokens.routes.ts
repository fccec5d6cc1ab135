import {
  ApiTokenListSchema,
  ApiTokenParamsSchema,
  CreateApiTokenBodySchema,
  CreatedApiTokenSchema,
  WorkspaceParamsSchema,
} from '../../../shared/api.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

const BASE = '/api/v1/workspaces/{workspaceId}/tokens';

export const tokenRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: BASE,
    summary: 'API tokens of the workspace (secrets are never returned)',
    tag: 'tokens',
    access: 'tokens.read',
    params: WorkspaceParamsSchema,
    response: ApiTokenListSchema,
    handler: async ({ scope, services }) => ({ items: await services.tokens.list(scope) }),
  }),
  defineRoute({
    method: 'post',
    path: BASE,
    summary: 'Create an API token; its secret is in this response only',
    tag: 'tokens',
    access: 'tokens.create',
    params: WorkspaceParamsSchema,
    body: CreateApiTokenBodySchema,
    response: CreatedApiTokenSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) => services.tokens.create(scope, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${BASE}/{tokenId}`,
    summary: 'Revoke an API token',
    tag: 'tokens',
    access: 'tokens.revoke',
    params: ApiTokenParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.tokens.revoke(scope, params.tokenId, actor),
  }),
];
