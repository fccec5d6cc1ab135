import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  CannedCategoryListSchema,
  CannedCategoryParamsSchema,
  CannedCategorySchema,
  CannedReplyListSchema,
  CannedReplyParamsSchema,
  CannedReplyQuerySchema,
  CannedReplySchema,
  CannedStatsSchema,
  CreateCannedCategoryBodySchema,
  CreateCannedReplyBodySchema,
  RecordUseBodySchema,
  RenderBodySchema,
  RenderResultSchema,
  SuggestBodySchema,
  SuggestionListSchema,
  UpdateCannedCategoryBodySchema,
  UpdateCannedReplyBodySchema,
} from '../../../shared/routing.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';
import { ROUTING } from './rules.routes.ts';

const CANNED = `${ROUTING}/canned`;

/** The canned-reply library (话术库): managing needs `inbox.manage`, using it `inbox.reply`. */
export const cannedRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: `${CANNED}/categories`,
    summary: 'Categories of canned replies',
    tag: 'canned replies',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    response: CannedCategoryListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.routing.canned.listCategories(scope),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${CANNED}/categories`,
    summary: 'Add a category',
    tag: 'canned replies',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: CreateCannedCategoryBodySchema,
    response: CannedCategorySchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.routing.canned.createCategory(scope, body, actor),
  }),
  defineRoute({
    method: 'patch',
    path: `${CANNED}/categories/{categoryId}`,
    summary: 'Rename or move a category',
    tag: 'canned replies',
    access: 'inbox.manage',
    params: CannedCategoryParamsSchema,
    body: UpdateCannedCategoryBodySchema,
    response: CannedCategorySchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.routing.canned.updateCategory(scope, params.categoryId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${CANNED}/categories/{categoryId}`,
    summary: 'Remove a category; its replies stay, uncategorised',
    tag: 'canned replies',
    access: 'inbox.manage',
    params: CannedCategoryParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.routing.canned.removeCategory(scope, params.categoryId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${CANNED}/replies`,
    summary: 'Canned replies with their usage, by category or words',
    tag: 'canned replies',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    query: CannedReplyQuerySchema,
    response: CannedReplyListSchema,
    handler: async ({ scope, query, services }) => ({
      items: await services.routing.canned.listReplies(scope, query),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${CANNED}/replies`,
    summary: 'Add a canned reply in Chinese, English or both',
    tag: 'canned replies',
    access: 'inbox.manage',
    params: WorkspaceParamsSchema,
    body: CreateCannedReplyBodySchema,
    response: CannedReplySchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.routing.canned.createReply(scope, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${CANNED}/suggestions`,
    summary: 'Canned replies ranked for a message (intent, similar words, past use) or a /shortcut',
    tag: 'canned replies',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    body: SuggestBodySchema,
    response: SuggestionListSchema,
    handler: async ({ scope, body, services }) => ({
      items: await services.routing.canned.suggest(scope, body),
    }),
  }),
  defineRoute({
    method: 'get',
    path: `${CANNED}/replies/{replyId}`,
    summary: 'One canned reply',
    tag: 'canned replies',
    access: 'inbox.read',
    params: CannedReplyParamsSchema,
    response: CannedReplySchema,
    handler: ({ scope, params, services }) =>
      services.routing.canned.getReply(scope, params.replyId),
  }),
  defineRoute({
    method: 'patch',
    path: `${CANNED}/replies/{replyId}`,
    summary: 'Edit a canned reply',
    tag: 'canned replies',
    access: 'inbox.manage',
    params: CannedReplyParamsSchema,
    body: UpdateCannedReplyBodySchema,
    response: CannedReplySchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.routing.canned.updateReply(scope, params.replyId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${CANNED}/replies/{replyId}`,
    summary: 'Remove a canned reply',
    tag: 'canned replies',
    access: 'inbox.manage',
    params: CannedReplyParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.routing.canned.removeReply(scope, params.replyId, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${CANNED}/replies/{replyId}/render`,
    summary: 'Fill a reply’s variables from the conversation and typed values; report missing ones',
    tag: 'canned replies',
    access: 'inbox.reply',
    params: CannedReplyParamsSchema,
    body: RenderBodySchema,
    response: RenderResultSchema,
    handler: ({ scope, params, body, principal, services }) =>
      services.routing.canned.render(
        scope,
        params.replyId,
        body,
        principal?.kind === 'session' ? principal.userName : null,
      ),
  }),
  defineRoute({
    method: 'post',
    path: `${CANNED}/replies/{replyId}/uses`,
    summary: 'Record that a reply was used (for usage statistics and suggestions)',
    tag: 'canned replies',
    access: 'inbox.reply',
    params: CannedReplyParamsSchema,
    body: RecordUseBodySchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.routing.canned.recordUse(scope, params.replyId, body, actor.userId),
  }),
  defineRoute({
    method: 'get',
    path: `${CANNED}/replies/{replyId}/stats`,
    summary: 'Usage of a reply: count, last use, by whom, resolution rate after use',
    tag: 'canned replies',
    access: 'inbox.read',
    params: CannedReplyParamsSchema,
    response: CannedStatsSchema,
    handler: ({ scope, params, services }) => services.routing.canned.stats(scope, params.replyId),
  }),
];
