import { BestTimesSchema, ChannelParamsSchema } from '../../../shared/publishing.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

export const analyticsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/{workspaceId}/channels/{channelId}/best-times',
    summary: "Best posting times learned from the channel's own engagement history",
    tag: 'analytics',
    access: 'posts.read',
    params: ChannelParamsSchema,
    response: BestTimesSchema,
    handler: ({ scope, params, services }) => services.analytics.bestTimes(scope, params.channelId),
  }),
];
