import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  AddModerationWordsBodySchema,
  CreateModerationListBodySchema,
  DecideReviewBodySchema,
  ImportModerationWordsBodySchema,
  ModerationImportResultSchema,
  ModerationListListSchema,
  ModerationListParamsSchema,
  ModerationListSchema,
  ModerationWordPageSchema,
  ModerationWordParamsSchema,
  ModerationWordQuerySchema,
  ReviewItemSchema,
  ReviewPageSchema,
  ReviewParamsSchema,
  ReviewQuerySchema,
  ScreenResultSchema,
  TestModerationBodySchema,
  UpdateModerationListBodySchema,
} from '../../../shared/moderation.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

const BASE = '/api/v1/workspaces/{workspaceId}/moderation';

/**
 * Routes of moderation. Reading lists and the queue needs `posts.read`; editing lists and
 * deciding review items needs `moderation.manage`.
 */
export const moderationRoutes: AnyRoute[] = [
  // ── lists ───────────────────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${BASE}/lists`,
    summary: 'Word lists with their category, severity, action and word count',
    tag: 'moderation',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    response: ModerationListListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.moderation.listLists(scope),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${BASE}/lists`,
    summary: 'Create a word list',
    tag: 'moderation',
    access: 'moderation.manage',
    params: WorkspaceParamsSchema,
    body: CreateModerationListBodySchema,
    response: ModerationListSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.moderation.createList(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${BASE}/lists/{listId}`,
    summary: 'One word list',
    tag: 'moderation',
    access: 'posts.read',
    params: ModerationListParamsSchema,
    response: ModerationListSchema,
    handler: ({ scope, params, services }) => services.moderation.getList(scope, params.listId),
  }),
  defineRoute({
    method: 'patch',
    path: `${BASE}/lists/{listId}`,
    summary: 'Rename a list, change its category, severity or action, or switch it off',
    tag: 'moderation',
    access: 'moderation.manage',
    params: ModerationListParamsSchema,
    body: UpdateModerationListBodySchema,
    response: ModerationListSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.moderation.updateList(scope, params.listId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${BASE}/lists/{listId}`,
    summary: 'Delete a list and its words',
    tag: 'moderation',
    access: 'moderation.manage',
    params: ModerationListParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.moderation.removeList(scope, params.listId, actor),
  }),

  // ── words ───────────────────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${BASE}/lists/{listId}/words`,
    summary: 'The words of a list, searchable in match form',
    tag: 'moderation',
    access: 'posts.read',
    params: ModerationListParamsSchema,
    query: ModerationWordQuerySchema,
    response: ModerationWordPageSchema,
    handler: ({ scope, params, query, services }) =>
      services.moderation.listWords(scope, params.listId, query),
  }),
  defineRoute({
    method: 'post',
    path: `${BASE}/lists/{listId}/words`,
    summary: 'Add words; duplicates are skipped and unusable words reported',
    tag: 'moderation',
    access: 'moderation.manage',
    params: ModerationListParamsSchema,
    body: AddModerationWordsBodySchema,
    response: ModerationImportResultSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.moderation.addWords(scope, params.listId, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${BASE}/lists/{listId}/import`,
    summary: 'Import pasted text or CSV, one word per line; bad lines reported, good ones kept',
    tag: 'moderation',
    access: 'moderation.manage',
    params: ModerationListParamsSchema,
    body: ImportModerationWordsBodySchema,
    response: ModerationImportResultSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.moderation.importWords(scope, params.listId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${BASE}/lists/{listId}/words/{wordId}`,
    summary: 'Remove a word from a list',
    tag: 'moderation',
    access: 'moderation.manage',
    params: ModerationWordParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.moderation.removeWord(scope, params.listId, params.wordId, actor),
  }),

  // ── screening ───────────────────────────────────────────────────────────────
  defineRoute({
    method: 'post',
    path: `${BASE}/test`,
    summary: 'What the enabled lists would catch in a text (nothing is recorded)',
    tag: 'moderation',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    body: TestModerationBodySchema,
    response: ScreenResultSchema,
    handler: ({ scope, body, services }) => services.moderation.testText(scope, body),
  }),

  // ── review queue ────────────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${BASE}/reviews`,
    summary: 'Review items: pending ones oldest first, or a status history newest first',
    tag: 'moderation',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    query: ReviewQuerySchema,
    response: ReviewPageSchema,
    handler: ({ scope, query, services }) => services.moderation.listReviews(scope, query),
  }),
  defineRoute({
    method: 'get',
    path: `${BASE}/reviews/{reviewId}`,
    summary: 'One review item with its highlighted matches',
    tag: 'moderation',
    access: 'posts.read',
    params: ReviewParamsSchema,
    response: ReviewItemSchema,
    handler: ({ scope, params, services }) => services.moderation.getReview(scope, params.reviewId),
  }),
  defineRoute({
    method: 'post',
    path: `${BASE}/reviews/{reviewId}/decision`,
    summary: 'Decide a review item: dismiss (false positive), hide, or escalate',
    tag: 'moderation',
    access: 'moderation.manage',
    params: ReviewParamsSchema,
    body: DecideReviewBodySchema,
    response: ReviewItemSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.moderation.decideReview(scope, params.reviewId, body, actor),
  }),
];
