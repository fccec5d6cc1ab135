import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import { NotificationListSchema, NotificationParamsSchema } from '../../../shared/publishing.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

const BASE = '/api/v1/workspaces/{workspaceId}/notifications';

export const notificationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: BASE,
    summary: 'Your latest notifications in this workspace and how many are unread',
    tag: 'notifications',
    access: 'workspace.read',
    params: WorkspaceParamsSchema,
    response: NotificationListSchema,
    handler: ({ scope, user, services }) => services.notifications.list(scope, user.userId),
  }),
  defineRoute({
    method: 'post',
    path: `${BASE}/read`,
    summary: 'Mark all your notifications read',
    tag: 'notifications',
    access: 'workspace.read',
    params: WorkspaceParamsSchema,
    handler: ({ scope, user, services }) =>
      services.notifications.markRead(scope, user.userId, null),
  }),
  defineRoute({
    method: 'post',
    path: `${BASE}/{notificationId}/read`,
    summary: 'Mark one notification read',
    tag: 'notifications',
    access: 'workspace.read',
    params: NotificationParamsSchema,
    handler: ({ scope, params, user, services }) =>
      services.notifications.markRead(scope, user.userId, params.notificationId),
  }),
];
