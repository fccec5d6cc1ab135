import type { Context } from 'hono';
import { z } from 'zod';
import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  CategoryBodySchema,
  ChangeFeedbackStatusBodySchema,
  ConfirmFollowUpBodySchema,
  CreateFeedbackBodySchema,
  CreateFeedbackFormBodySchema,
  DepartmentBodySchema,
  FeedbackCategoryParamsSchema,
  FeedbackCategorySchema,
  FeedbackChangeResultSchema,
  FeedbackClusterListSchema,
  FeedbackClusterParamsSchema,
  FeedbackClusterQuerySchema,
  FeedbackClusterSchema,
  FeedbackDepartmentParamsSchema,
  FeedbackDepartmentSchema,
  FeedbackEventListSchema,
  FeedbackFormListSchema,
  FeedbackFormParamsSchema,
  FeedbackFormSchema,
  FeedbackReportQuerySchema,
  FeedbackReportSchema,
  FeedbackSettingsSchema,
  FeedbackTicketPageSchema,
  FeedbackTicketParamsSchema,
  FeedbackTicketQuerySchema,
  FeedbackTicketSchema,
  ImportFeedbackBodySchema,
  ImportFeedbackResultSchema,
  MergeClustersBodySchema,
  PublicBoardSchema,
  PublicFeedbackFormSchema,
  PublicFormParamsSchema,
  PublicSubmissionBodySchema,
  PublicSubmissionResultSchema,
  SplitClusterBodySchema,
  UpdateCategoryBodySchema,
  UpdateDepartmentBodySchema,
  UpdateFeedbackBodySchema,
  UpdateFeedbackFormBodySchema,
  UpdateFeedbackSettingsBodySchema,
} from '../../../shared/feedback.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

const FEEDBACK = '/api/v1/workspaces/{workspaceId}/feedback';
const PUBLIC = '/api/v1/public/feedback';

/**
 * Public pages may be embedded on other sites and read by their scripts; they carry nothing
 * private, so any origin may read them.
 */
function allowAnyOrigin(c: Context): void {
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Cache-Control', 'no-store');
}

/**
 * Routes of feedback. Tickets carry the raisers' contacts, so working with them needs
 * `feedback.manage`; the improvement report is aggregate and open to every member.
 */
export const feedbackRoutes: AnyRoute[] = [
  // ── tickets ─────────────────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${FEEDBACK}/tickets`,
    summary: 'Feedback tickets by status, source, category, department, owner, cluster or words',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    query: FeedbackTicketQuerySchema,
    response: FeedbackTicketPageSchema,
    handler: ({ scope, query, services }) => services.feedback.listTickets(scope, query),
  }),
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/tickets`,
    summary: 'Record feedback received by hand (a call, a meeting, an e-mail)',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    body: CreateFeedbackBodySchema,
    response: FeedbackTicketSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.feedback.createTicket(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${FEEDBACK}/tickets/{ticketId}`,
    summary: 'One feedback ticket',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackTicketParamsSchema,
    response: FeedbackTicketSchema,
    handler: ({ scope, params, services }) => services.feedback.getTicket(scope, params.ticketId),
  }),
  defineRoute({
    method: 'get',
    path: `${FEEDBACK}/tickets/{ticketId}/history`,
    summary: "A ticket's history: status changes, assignments, merges, follow-ups",
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackTicketParamsSchema,
    response: FeedbackEventListSchema,
    handler: async ({ scope, params, services }) => ({
      items: await services.feedback.listEvents(scope, params.ticketId),
    }),
  }),
  defineRoute({
    method: 'patch',
    path: `${FEEDBACK}/tickets/{ticketId}`,
    summary: 'Categorise, assess (impact, urgency, cost), assign a department, owner and deadline',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackTicketParamsSchema,
    body: UpdateFeedbackBodySchema,
    response: FeedbackChangeResultSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.feedback.updateTicket(scope, params.ticketId, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/tickets/{ticketId}/status`,
    summary: 'Move a ticket (and optionally its cluster) along new → triaged → … → closed',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackTicketParamsSchema,
    body: ChangeFeedbackStatusBodySchema,
    response: FeedbackChangeResultSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.feedback.changeStatus(scope, params.ticketId, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/tickets/{ticketId}/follow-up`,
    summary: 'Record the follow-up with the raiser (回访确认); satisfied closes the ticket',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackTicketParamsSchema,
    body: ConfirmFollowUpBodySchema,
    response: FeedbackTicketSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.feedback.confirmFollowUp(scope, params.ticketId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${FEEDBACK}/tickets/{ticketId}`,
    summary: 'Remove a ticket (spam, a test)',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackTicketParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.feedback.removeTicket(scope, params.ticketId, actor),
  }),

  // ── clusters ────────────────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${FEEDBACK}/clusters`,
    summary: 'Clusters of near-duplicate feedback, most people first',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    query: FeedbackClusterQuerySchema,
    response: FeedbackClusterListSchema,
    handler: async ({ scope, query, services }) => ({
      items: await services.feedback.listClusters(scope, query),
    }),
  }),
  defineRoute({
    method: 'get',
    path: `${FEEDBACK}/clusters/{clusterId}`,
    summary: 'One cluster',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackClusterParamsSchema,
    response: FeedbackClusterSchema,
    handler: ({ scope, params, services }) => services.feedback.getCluster(scope, params.clusterId),
  }),
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/clusters/{clusterId}/merge`,
    summary: 'Move the tickets of other clusters into this one',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackClusterParamsSchema,
    body: MergeClustersBodySchema,
    response: FeedbackClusterSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.feedback.mergeClusters(scope, params.clusterId, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/clusters/{clusterId}/split`,
    summary: 'Move some tickets out of this cluster into a new one',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackClusterParamsSchema,
    body: SplitClusterBodySchema,
    response: FeedbackClusterSchema,
    status: 201,
    handler: ({ scope, params, body, actor, services }) =>
      services.feedback.splitCluster(scope, params.clusterId, body, actor),
  }),

  // ── import and report ───────────────────────────────────────────────────────
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/imports`,
    summary: 'Import feedback from CSV; bad rows are reported with their line, good rows kept',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    body: ImportFeedbackBodySchema,
    response: ImportFeedbackResultSchema,
    handler: ({ scope, body, actor, services }) => services.feedback.importCsv(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${FEEDBACK}/report`,
    summary: 'Improvement report of a period: by category and department, adopted, top clusters',
    tag: 'feedback',
    access: 'workspace.read',
    params: WorkspaceParamsSchema,
    query: FeedbackReportQuerySchema,
    response: FeedbackReportSchema,
    handler: ({ scope, query, services }) => services.feedback.report(scope, query),
  }),

  // ── settings, categories, departments ───────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${FEEDBACK}/settings`,
    summary: 'Categories, departments, clustering threshold and the public board',
    tag: 'feedback',
    access: 'workspace.read',
    params: WorkspaceParamsSchema,
    response: FeedbackSettingsSchema,
    handler: ({ scope, services }) => services.feedback.getSettings(scope),
  }),
  defineRoute({
    method: 'patch',
    path: `${FEEDBACK}/settings`,
    summary: 'Change the clustering threshold or the public board of adopted suggestions',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    body: UpdateFeedbackSettingsBodySchema,
    response: FeedbackSettingsSchema,
    handler: ({ scope, body, actor, services }) =>
      services.feedback.updateSettings(scope, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/categories`,
    summary: 'Add a feedback category',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    body: CategoryBodySchema,
    response: FeedbackCategorySchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.feedback.createCategory(scope, body, actor),
  }),
  defineRoute({
    method: 'patch',
    path: `${FEEDBACK}/categories/{categoryId}`,
    summary: 'Rename or reorder a category',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackCategoryParamsSchema,
    body: UpdateCategoryBodySchema,
    response: FeedbackCategorySchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.feedback.updateCategory(scope, params.categoryId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${FEEDBACK}/categories/{categoryId}`,
    summary: 'Remove a category; its tickets keep no category',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackCategoryParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.feedback.removeCategory(scope, params.categoryId, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/departments`,
    summary: 'Add a responsible department with its deadline (hours) and default owner',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    body: DepartmentBodySchema,
    response: FeedbackDepartmentSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.feedback.createDepartment(scope, body, actor),
  }),
  defineRoute({
    method: 'patch',
    path: `${FEEDBACK}/departments/{departmentId}`,
    summary: 'Change a department',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackDepartmentParamsSchema,
    body: UpdateDepartmentBodySchema,
    response: FeedbackDepartmentSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.feedback.updateDepartment(scope, params.departmentId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${FEEDBACK}/departments/{departmentId}`,
    summary: 'Remove a department; its tickets keep no department',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackDepartmentParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.feedback.removeDepartment(scope, params.departmentId, actor),
  }),

  // ── forms ───────────────────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${FEEDBACK}/forms`,
    summary: 'Public feedback forms of the workspace',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    response: FeedbackFormListSchema,
    handler: async ({ scope, services }) => ({ items: await services.feedback.listForms(scope) }),
  }),
  defineRoute({
    method: 'post',
    path: `${FEEDBACK}/forms`,
    summary: 'Create a public feedback form (a page to link to or embed)',
    tag: 'feedback',
    access: 'feedback.manage',
    params: WorkspaceParamsSchema,
    body: CreateFeedbackFormBodySchema,
    response: FeedbackFormSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) => services.feedback.createForm(scope, body, actor),
  }),
  defineRoute({
    method: 'patch',
    path: `${FEEDBACK}/forms/{formId}`,
    summary: 'Change a form, or switch it off',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackFormParamsSchema,
    body: UpdateFeedbackFormBodySchema,
    response: FeedbackFormSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.feedback.updateForm(scope, params.formId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${FEEDBACK}/forms/{formId}`,
    summary: 'Remove a form; the feedback it brought in stays',
    tag: 'feedback',
    access: 'feedback.manage',
    params: FeedbackFormParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.feedback.removeForm(scope, params.formId, actor),
  }),

  // ── public: no sign-in ──────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${PUBLIC}/forms/{slug}`,
    summary: 'A public feedback form: its title and whether it asks for a contact',
    tag: 'public',
    access: 'public',
    params: PublicFormParamsSchema,
    response: PublicFeedbackFormSchema,
    handler: async (input) => {
      allowAnyOrigin(input.c);
      return input.services.feedback.getPublicForm(input.params.slug);
    },
  }),
  defineRoute({
    method: 'post',
    path: `${PUBLIC}/forms/{slug}/submissions`,
    summary: 'Send feedback through a public form (rate-limited per address and per form)',
    tag: 'public',
    access: 'public',
    // Anonymous by design: the page sends no session, so there is nothing for CSRF to protect.
    skipCsrf: true,
    params: PublicFormParamsSchema,
    body: PublicSubmissionBodySchema,
    response: PublicSubmissionResultSchema,
    status: 201,
    handler: async (input) => {
      allowAnyOrigin(input.c);
      return input.services.feedback.submitPublicForm(input.params.slug, input.body, input.actor);
    },
  }),
  defineRoute({
    method: 'get',
    path: `${PUBLIC}/boards/{slug}`,
    summary: 'The public board of adopted suggestions (建议落地公示栏) of a workspace',
    tag: 'public',
    access: 'public',
    params: z.strictObject({ slug: z.string().min(1).max(64) }),
    response: PublicBoardSchema,
    handler: async (input) => {
      allowAnyOrigin(input.c);
      return input.services.feedback.getPublicBoard(input.params.slug);
    },
  }),
];
