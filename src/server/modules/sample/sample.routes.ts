import { WorkspaceSchema } from '../../../shared/api.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

export const sampleRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/workspaces/sample',
    summary:
      'Create a sample workspace: a brand with five simulated channels and 90 days of history',
    tag: 'workspaces',
    access: 'session',
    response: WorkspaceSchema,
    status: 201,
    handler: ({ user, actor, services }) =>
      services.sample.createSampleWorkspace(user.userId, actor),
  }),
];
