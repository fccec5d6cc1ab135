import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  ChannelListSchema,
  ChannelParamsSchema,
  ChannelSchema,
  CommentBodySchema,
  CreateChannelBodySchema,
  CreatedChannelSchema,
  CreatePostBodySchema,
  MarkPublishedBodySchema,
  PostCountsQuerySchema,
  PostCountsSchema,
  PostPageSchema,
  PostParamsSchema,
  PostQuerySchema,
  PostSchema,
  PublishingSettingsSchema,
  ReviewBodySchema,
  SchedulePostBodySchema,
  TargetParamsSchema,
  UpdateChannelBodySchema,
  UpdatePostBodySchema,
  UpdatePublishingSettingsBodySchema,
} from '../../../shared/publishing.ts';
import type { z } from 'zod';
import type { Permission } from '../../../shared/permissions.ts';
import type { Post } from '../../../shared/publishing.ts';
import { defineRoute, type Actor, type AnyRoute, type WorkspaceScope } from '../../http/route.ts';
import type { Services } from '../../services.ts';

const WS = '/api/v1/workspaces/{workspaceId}';
const POST = `${WS}/posts/{postId}`;

/** A workflow step on one post: same shape for submit, approve, request changes, publish, cancel. */
function postAction(
  verb: string,
  summary: string,
  access: Permission,
  run: (
    services: Services,
    scope: WorkspaceScope,
    postId: string,
    body: z.output<typeof ReviewBodySchema>,
    actor: Actor,
  ) => Promise<Post>,
): AnyRoute {
  return defineRoute({
    method: 'post',
    path: `${POST}/${verb}`,
    summary,
    tag: 'posts',
    access,
    params: PostParamsSchema,
    body: ReviewBodySchema,
    response: PostSchema,
    handler: ({ scope, params, body, actor, services }) =>
      run(services, scope, params.postId, body, actor),
  });
}

export const channelRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: `${WS}/channels`,
    summary: 'Connected channels with their health and content limits',
    tag: 'channels',
    access: 'channels.read',
    params: WorkspaceParamsSchema,
    response: ChannelListSchema,
    handler: async ({ scope, services }) => ({ items: await services.channels.list(scope) }),
  }),
  defineRoute({
    method: 'post',
    path: `${WS}/channels`,
    summary: 'Connect a channel (sandbox, Bluesky, signed webhook, or an assisted platform)',
    tag: 'channels',
    access: 'channels.manage',
    params: WorkspaceParamsSchema,
    body: CreateChannelBodySchema,
    response: CreatedChannelSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) => services.channels.create(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${WS}/channels/{channelId}`,
    summary: 'One channel',
    tag: 'channels',
    access: 'channels.read',
    params: ChannelParamsSchema,
    response: ChannelSchema,
    handler: ({ scope, params, services }) => services.channels.get(scope, params.channelId),
  }),
  defineRoute({
    method: 'patch',
    path: `${WS}/channels/{channelId}`,
    summary: 'Rename a channel, change its colour, time zone or cadence',
    tag: 'channels',
    access: 'channels.manage',
    params: ChannelParamsSchema,
    body: UpdateChannelBodySchema,
    response: ChannelSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.channels.update(scope, params.channelId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${WS}/channels/{channelId}`,
    summary: 'Disconnect a channel (refused while posts are scheduled on it)',
    tag: 'channels',
    access: 'channels.manage',
    params: ChannelParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.channels.remove(scope, params.channelId, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${WS}/channels/{channelId}/check`,
    summary: "Check a channel's credentials now and record its health",
    tag: 'channels',
    access: 'channels.manage',
    params: ChannelParamsSchema,
    response: ChannelSchema,
    handler: ({ scope, params, services }) => services.channels.check(scope, params.channelId),
  }),
];

export const postRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: `${WS}/posts`,
    summary: 'Posts: newest first, or by slot in a time window for the calendar (both paged)',
    tag: 'posts',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    query: PostQuerySchema,
    response: PostPageSchema,
    handler: ({ scope, query, services }) =>
      services.posts.list(scope, {
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        status: query.status,
        channelId: query.channelId,
        before: query.cursor,
        limit: query.limit ?? 100,
      }),
  }),
  defineRoute({
    method: 'get',
    path: `${WS}/posts/counts`,
    summary: 'How many posts match a filter (status, channel, time window), per status',
    tag: 'posts',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    query: PostCountsQuerySchema,
    response: PostCountsSchema,
    handler: ({ scope, query, services }) =>
      services.posts.counts(scope, {
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        status: query.status,
        channelId: query.channelId,
      }),
  }),
  defineRoute({
    method: 'post',
    path: `${WS}/posts`,
    summary: 'Write a post with a version per channel (validated against each platform)',
    tag: 'posts',
    access: 'posts.write',
    params: WorkspaceParamsSchema,
    body: CreatePostBodySchema,
    response: PostSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) => services.posts.create(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: POST,
    summary: 'One post with its channel versions and review history',
    tag: 'posts',
    access: 'posts.read',
    params: PostParamsSchema,
    response: PostSchema,
    handler: ({ scope, params, services }) => services.posts.get(scope, params.postId),
  }),
  defineRoute({
    method: 'patch',
    path: POST,
    summary: 'Edit a post (an approved post goes back to review when approvals are required)',
    tag: 'posts',
    access: 'posts.write',
    params: PostParamsSchema,
    body: UpdatePostBodySchema,
    response: PostSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.posts.update(scope, params.postId, body, actor),
  }),
  postAction(
    'submit',
    'Send for approval (or approve at once when no steps are set)',
    'posts.write',
    (s, scope, id, _body, actor) => s.posts.submit(scope, id, actor),
  ),
  postAction(
    'approve',
    'Approve the current review step',
    'posts.approve',
    (s, scope, id, body, actor) => s.posts.approve(scope, id, body.comment, actor),
  ),
  postAction(
    'request-changes',
    'Ask the author for changes',
    'posts.approve',
    (s, scope, id, body, actor) => s.posts.requestChanges(scope, id, body.comment, actor),
  ),
  postAction(
    'publish-now',
    'Publish on every channel now',
    'posts.publish',
    (s, scope, id, _body, actor) => s.posts.publishNow(scope, id, actor),
  ),
  postAction(
    'cancel',
    'Cancel what has not gone out yet',
    'posts.publish',
    (s, scope, id, _body, actor) => s.posts.cancel(scope, id, actor),
  ),
  defineRoute({
    method: 'post',
    path: `${POST}/schedule`,
    summary: 'Schedule (or move) the post to a slot',
    tag: 'posts',
    access: 'posts.publish',
    params: PostParamsSchema,
    body: SchedulePostBodySchema,
    response: PostSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.posts.schedule(scope, params.postId, body.scheduledAt, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${POST}/comments`,
    summary: 'Comment on a post (kept with its review history)',
    tag: 'posts',
    access: 'posts.read',
    params: PostParamsSchema,
    body: CommentBodySchema,
    response: PostSchema,
    status: 201,
    handler: ({ scope, params, body, actor, services }) =>
      services.posts.comment(scope, params.postId, body.body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${POST}/targets/{targetId}/mark-published`,
    summary:
      'Record that a channel version went out by hand (assisted or unconfirmed), with its URL',
    tag: 'posts',
    access: 'posts.publish',
    params: TargetParamsSchema,
    body: MarkPublishedBodySchema,
    response: PostSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.posts.markPublished(scope, params.postId, params.targetId, body.url, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${POST}/targets/{targetId}/retry`,
    summary: 'Send a failed channel version again now',
    tag: 'posts',
    access: 'posts.publish',
    params: TargetParamsSchema,
    response: PostSchema,
    handler: ({ scope, params, actor, services }) =>
      services.posts.retryTarget(scope, params.postId, params.targetId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${WS}/publishing/settings`,
    summary: 'The approval workflow',
    tag: 'posts',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    response: PublishingSettingsSchema,
    handler: ({ scope, services }) => services.posts.getSettings(scope),
  }),
  defineRoute({
    method: 'patch',
    path: `${WS}/publishing/settings`,
    summary: 'Set the approval steps (none, one, or several) and whether authors may self-approve',
    tag: 'posts',
    access: 'publishing.settings',
    params: WorkspaceParamsSchema,
    body: UpdatePublishingSettingsBodySchema,
    response: PublishingSettingsSchema,
    handler: ({ scope, body, actor, services }) =>
      services.posts.updateSettings(scope, body, actor),
  }),
];
