import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CategoryBody,
  ChangeFeedbackStatusBody,
  ConfirmFollowUpBody,
  CreateFeedbackBody,
  CreateFeedbackFormBody,
  DepartmentBody,
  FeedbackCategory,
  FeedbackChangeResult,
  FeedbackCluster,
  FeedbackDepartment,
  FeedbackEvent,
  FeedbackForm,
  FeedbackReport,
  FeedbackSettings,
  FeedbackTicket,
  FeedbackTicketPage,
  FeedbackTicketQuery,
  ImportFeedbackResult,
  PublicBoard,
  PublicFeedbackForm,
  PublicSubmissionBody,
  PublicSubmissionResult,
  UpdateCategoryBody,
  UpdateDepartmentBody,
  UpdateFeedbackBody,
  UpdateFeedbackFormBody,
  UpdateFeedbackSettingsBody,
} from '../../shared/feedback.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

export const feedbackKey = (workspaceId: string) => ['workspace', workspaceId, 'feedback'] as const;

function feedbackPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/feedback`;
}

/** A change to one ticket can move its cluster, the counts and the report: refresh them all. */
function useRefreshFeedback(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: feedbackKey(workspaceId) });
}

type TicketFilter = Omit<FeedbackTicketQuery, 'cursor'>;

export function useFeedbackTickets(workspaceId: string, filter: TicketFilter, cursor?: string) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'tickets', filter, cursor ?? null],
    queryFn: () =>
      apiFetch<FeedbackTicketPage>(`${feedbackPath(workspaceId)}/tickets`, {
        query: {
          ...filter,
          overdue: filter.overdue === undefined ? undefined : String(filter.overdue),
          followUp: filter.followUp === undefined ? undefined : String(filter.followUp),
          cursor,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackTicket(workspaceId: string, ticketId: string) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'ticket', ticketId],
    queryFn: () =>
      apiFetch<FeedbackTicket>(
        `${feedbackPath(workspaceId)}/tickets/${encodeURIComponent(ticketId)}`,
      ),
  });
}

export function useFeedbackHistory(workspaceId: string, ticketId: string) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'history', ticketId],
    queryFn: async () =>
      (
        await apiFetch<{ items: FeedbackEvent[] }>(
          `${feedbackPath(workspaceId)}/tickets/${encodeURIComponent(ticketId)}/history`,
        )
      ).items,
  });
}

export function useCreateFeedback(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: (body: CreateFeedbackBody) =>
      apiFetch<FeedbackTicket>(`${feedbackPath(workspaceId)}/tickets`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateFeedback(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: ({ ticketId, body }: { ticketId: string; body: UpdateFeedbackBody }) =>
      apiFetch<FeedbackChangeResult>(
        `${feedbackPath(workspaceId)}/tickets/${encodeURIComponent(ticketId)}`,
        { method: 'PATCH', body },
      ),
    onSuccess: refresh,
  });
}

export function useChangeFeedbackStatus(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: ({ ticketId, body }: { ticketId: string; body: ChangeFeedbackStatusBody }) =>
      apiFetch<FeedbackChangeResult>(
        `${feedbackPath(workspaceId)}/tickets/${encodeURIComponent(ticketId)}/status`,
        { method: 'POST', body },
      ),
    onSuccess: refresh,
  });
}

export function useConfirmFollowUp(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: ({ ticketId, body }: { ticketId: string; body: ConfirmFollowUpBody }) =>
      apiFetch<FeedbackTicket>(
        `${feedbackPath(workspaceId)}/tickets/${encodeURIComponent(ticketId)}/follow-up`,
        { method: 'POST', body },
      ),
    onSuccess: refresh,
  });
}

export function useDeleteFeedback(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: (ticketId: string) =>
      apiFetch<void>(`${feedbackPath(workspaceId)}/tickets/${encodeURIComponent(ticketId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useFeedbackClusters(workspaceId: string, minTickets = 2) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'clusters', minTickets],
    queryFn: async () =>
      (
        await apiFetch<{ items: FeedbackCluster[] }>(`${feedbackPath(workspaceId)}/clusters`, {
          query: { minTickets, limit: 100 },
        })
      ).items,
  });
}

export function useMergeClusters(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: ({ clusterId, clusterIds }: { clusterId: string; clusterIds: string[] }) =>
      apiFetch<FeedbackCluster>(
        `${feedbackPath(workspaceId)}/clusters/${encodeURIComponent(clusterId)}/merge`,
        { method: 'POST', body: { clusterIds } },
      ),
    onSuccess: refresh,
  });
}

export function useSplitCluster(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: ({ clusterId, ticketIds }: { clusterId: string; ticketIds: string[] }) =>
      apiFetch<FeedbackCluster>(
        `${feedbackPath(workspaceId)}/clusters/${encodeURIComponent(clusterId)}/split`,
        { method: 'POST', body: { ticketIds } },
      ),
    onSuccess: refresh,
  });
}

export function useImportFeedback(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: (body: { csv: string; dryRun?: boolean }) =>
      apiFetch<ImportFeedbackResult>(`${feedbackPath(workspaceId)}/imports`, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useFeedbackReport(workspaceId: string, range: { from: string; to: string }) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'report', range],
    queryFn: () =>
      apiFetch<FeedbackReport>(`${feedbackPath(workspaceId)}/report`, { query: range }),
    placeholderData: keepPreviousData,
  });
}

// ── settings ──────────────────────────────────────────────────────────────────

export function useFeedbackSettings(workspaceId: string) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'settings'],
    queryFn: () => apiFetch<FeedbackSettings>(`${feedbackPath(workspaceId)}/settings`),
  });
}

export function useUpdateFeedbackSettings(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: (body: UpdateFeedbackSettingsBody) =>
      apiFetch<FeedbackSettings>(`${feedbackPath(workspaceId)}/settings`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: refresh,
  });
}

type Named = 'categories' | 'departments';

/** Adds, renames or removes a category or a department. */
export function useSaveNamed(workspaceId: string, kind: Named) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: string | null;
      body: CategoryBody | UpdateCategoryBody | DepartmentBody | UpdateDepartmentBody;
    }) =>
      id === null
        ? apiFetch<FeedbackCategory | FeedbackDepartment>(`${feedbackPath(workspaceId)}/${kind}`, {
            method: 'POST',
            body,
          })
        : apiFetch<FeedbackCategory | FeedbackDepartment>(
            `${feedbackPath(workspaceId)}/${kind}/${encodeURIComponent(id)}`,
            { method: 'PATCH', body },
          ),
    onSuccess: refresh,
  });
}

export function useDeleteNamed(workspaceId: string, kind: Named) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<void>(`${feedbackPath(workspaceId)}/${kind}/${encodeURIComponent(id)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useFeedbackForms(workspaceId: string) {
  return useQuery({
    queryKey: [...feedbackKey(workspaceId), 'forms'],
    queryFn: async () =>
      (await apiFetch<{ items: FeedbackForm[] }>(`${feedbackPath(workspaceId)}/forms`)).items,
  });
}

export function useSaveForm(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: ({
      formId,
      body,
    }:
      | { formId: null; body: CreateFeedbackFormBody }
      | { formId: string; body: UpdateFeedbackFormBody }) =>
      formId === null
        ? apiFetch<FeedbackForm>(`${feedbackPath(workspaceId)}/forms`, { method: 'POST', body })
        : apiFetch<FeedbackForm>(
            `${feedbackPath(workspaceId)}/forms/${encodeURIComponent(formId)}`,
            { method: 'PATCH', body },
          ),
    onSuccess: refresh,
  });
}

export function useDeleteForm(workspaceId: string) {
  const refresh = useRefreshFeedback(workspaceId);
  return useMutation({
    mutationFn: (formId: string) =>
      apiFetch<void>(`${feedbackPath(workspaceId)}/forms/${encodeURIComponent(formId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

// ── public pages: no session ──────────────────────────────────────────────────

const PUBLIC = '/api/v1/public/feedback';

export function usePublicForm(slug: string) {
  return useQuery({
    queryKey: ['public-feedback-form', slug],
    queryFn: () =>
      apiFetch<PublicFeedbackForm>(`${PUBLIC}/forms/${encodeURIComponent(slug)}`, {
        redirectOn401: false,
      }),
    retry: false,
  });
}

export function useSubmitPublicForm(slug: string) {
  return useMutation({
    mutationFn: (body: PublicSubmissionBody) =>
      apiFetch<PublicSubmissionResult>(`${PUBLIC}/forms/${encodeURIComponent(slug)}/submissions`, {
        method: 'POST',
        body,
        redirectOn401: false,
      }),
  });
}

export function usePublicBoard(slug: string) {
  return useQuery({
    queryKey: ['public-feedback-board', slug],
    queryFn: () =>
      apiFetch<PublicBoard>(`${PUBLIC}/boards/${encodeURIComponent(slug)}`, {
        redirectOn401: false,
      }),
    retry: false,
  });
}
