import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agent,
  BusinessHours,
  CannedCategory,
  CannedReply,
  CannedStats,
  CreateBusinessHoursBody,
  CreateCannedReplyBody,
  CreateRoutingRuleBody,
  CreateSlaPolicyBody,
  CreateTeamBody,
  CsatReport,
  CsatSettings,
  CsatSurvey,
  DryRunBody,
  DryRunResult,
  PublicSurvey,
  RecordUseBody,
  RenderBody,
  RenderResult,
  ReportQuery,
  RoutingRule,
  RoutingRun,
  SlaPolicy,
  SlaReport,
  SlaTimer,
  SuggestBody,
  Suggestion,
  Team,
  UpdateAgentBody,
  UpdateBusinessHoursBody,
  UpdateCannedReplyBody,
  UpdateCsatSettingsBody,
  UpdateRoutingRuleBody,
  UpdateSlaPolicyBody,
  UpdateTeamBody,
  Availability,
  AnswerSurveyBody,
} from '../../shared/routing.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

/** Everything of inbox routing sits under this key, so one change refreshes what it touches. */
export const routingKey = (workspaceId: string) => ['workspace', workspaceId, 'routing'] as const;

function routingPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/routing`;
}

const id = encodeURIComponent;

function useRefresh(workspaceId: string, part?: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      queryKey: part ? [...routingKey(workspaceId), part] : routingKey(workspaceId),
    });
}

// ── rules ───────────────────────────────────────────────────────────────────────

export function useRoutingRules(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'rules'],
    queryFn: async () =>
      (await apiFetch<{ items: RoutingRule[] }>(`${routingPath(workspaceId)}/rules`)).items,
  });
}

export function useSaveRule(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'rules');
  return useMutation({
    mutationFn: ({
      ruleId,
      body,
    }:
      | { ruleId: null; body: CreateRoutingRuleBody }
      | { ruleId: string; body: UpdateRoutingRuleBody }) =>
      ruleId === null
        ? apiFetch<RoutingRule>(`${routingPath(workspaceId)}/rules`, { method: 'POST', body })
        : apiFetch<RoutingRule>(`${routingPath(workspaceId)}/rules/${id(ruleId)}`, {
            method: 'PATCH',
            body,
          }),
    onSuccess: refresh,
  });
}

export function useDeleteRule(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'rules');
  return useMutation({
    mutationFn: (ruleId: string) =>
      apiFetch<void>(`${routingPath(workspaceId)}/rules/${id(ruleId)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useReorderRules(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'rules');
  return useMutation({
    mutationFn: (ruleIds: string[]) =>
      apiFetch<{ items: RoutingRule[] }>(`${routingPath(workspaceId)}/rules/order`, {
        method: 'POST',
        body: { ruleIds },
      }),
    onSuccess: refresh,
  });
}

export function useDryRun(workspaceId: string) {
  return useMutation({
    mutationFn: (body: DryRunBody) =>
      apiFetch<DryRunResult>(`${routingPath(workspaceId)}/rules/dry-run`, {
        method: 'POST',
        body,
      }),
  });
}

export function useRoutingRuns(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'runs'],
    queryFn: async () =>
      (
        await apiFetch<{ items: RoutingRun[] }>(`${routingPath(workspaceId)}/runs`, {
          query: { limit: 30 },
        })
      ).items,
  });
}

// ── teams and agents ────────────────────────────────────────────────────────────

export function useTeams(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'teams'],
    queryFn: async () =>
      (await apiFetch<{ items: Team[] }>(`${routingPath(workspaceId)}/teams`)).items,
  });
}

export function useSaveTeam(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: ({
      teamId,
      body,
    }: { teamId: null; body: CreateTeamBody } | { teamId: string; body: UpdateTeamBody }) =>
      teamId === null
        ? apiFetch<Team>(`${routingPath(workspaceId)}/teams`, { method: 'POST', body })
        : apiFetch<Team>(`${routingPath(workspaceId)}/teams/${id(teamId)}`, {
            method: 'PATCH',
            body,
          }),
    onSuccess: refresh,
  });
}

export function useDeleteTeam(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (teamId: string) =>
      apiFetch<void>(`${routingPath(workspaceId)}/teams/${id(teamId)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useAgents(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'agents'],
    queryFn: async () =>
      (await apiFetch<{ items: Agent[] }>(`${routingPath(workspaceId)}/agents`)).items,
  });
}

export function useUpdateAgent(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'agents');
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UpdateAgentBody }) =>
      apiFetch<Agent>(`${routingPath(workspaceId)}/agents/${id(userId)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useSetMyAvailability(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'agents');
  return useMutation({
    mutationFn: (availability: Availability) =>
      apiFetch<Agent>(`${routingPath(workspaceId)}/agents/me`, {
        method: 'PUT',
        body: { availability },
      }),
    onSuccess: refresh,
  });
}

// ── business hours and SLA ──────────────────────────────────────────────────────

export function useBusinessHours(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'business-hours'],
    queryFn: async () =>
      (await apiFetch<{ items: BusinessHours[] }>(`${routingPath(workspaceId)}/business-hours`))
        .items,
  });
}

export function useSaveBusinessHours(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'business-hours');
  return useMutation({
    mutationFn: ({
      hoursId,
      body,
    }:
      | { hoursId: null; body: CreateBusinessHoursBody }
      | { hoursId: string; body: UpdateBusinessHoursBody }) =>
      hoursId === null
        ? apiFetch<BusinessHours>(`${routingPath(workspaceId)}/business-hours`, {
            method: 'POST',
            body,
          })
        : apiFetch<BusinessHours>(`${routingPath(workspaceId)}/business-hours/${id(hoursId)}`, {
            method: 'PATCH',
            body,
          }),
    onSuccess: refresh,
  });
}

export function useDeleteBusinessHours(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'business-hours');
  return useMutation({
    mutationFn: (hoursId: string) =>
      apiFetch<void>(`${routingPath(workspaceId)}/business-hours/${id(hoursId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useSlaPolicies(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'sla-policies'],
    queryFn: async () =>
      (await apiFetch<{ items: SlaPolicy[] }>(`${routingPath(workspaceId)}/sla/policies`)).items,
  });
}

export function useSaveSlaPolicy(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'sla-policies');
  return useMutation({
    mutationFn: ({
      policyId,
      body,
    }:
      | { policyId: null; body: CreateSlaPolicyBody }
      | { policyId: string; body: UpdateSlaPolicyBody }) =>
      policyId === null
        ? apiFetch<SlaPolicy>(`${routingPath(workspaceId)}/sla/policies`, {
            method: 'POST',
            body,
          })
        : apiFetch<SlaPolicy>(`${routingPath(workspaceId)}/sla/policies/${id(policyId)}`, {
            method: 'PATCH',
            body,
          }),
    onSuccess: refresh,
  });
}

export function useDeleteSlaPolicy(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'sla-policies');
  return useMutation({
    mutationFn: (policyId: string) =>
      apiFetch<void>(`${routingPath(workspaceId)}/sla/policies/${id(policyId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useReorderSlaPolicies(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'sla-policies');
  return useMutation({
    mutationFn: (policyIds: string[]) =>
      apiFetch<{ items: SlaPolicy[] }>(`${routingPath(workspaceId)}/sla/policies/order`, {
        method: 'POST',
        body: { policyIds },
      }),
    onSuccess: refresh,
  });
}

/** A conversation's SLA timers, for showing countdowns next to it. */
export function useSlaTimers(workspaceId: string, conversationId: string | null) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'sla-timers', conversationId],
    queryFn: async () =>
      (
        await apiFetch<{ items: SlaTimer[] }>(
          `${routingPath(workspaceId)}/sla/conversations/${id(conversationId ?? '')}/timers`,
        )
      ).items,
    enabled: conversationId !== null,
  });
}

export function useSlaReport(workspaceId: string, query: ReportQuery) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'sla-report', query],
    queryFn: () =>
      apiFetch<SlaReport>(`${routingPath(workspaceId)}/sla/report`, { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

// ── canned replies ──────────────────────────────────────────────────────────────

export function useCannedCategories(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'canned', 'categories'],
    queryFn: async () =>
      (await apiFetch<{ items: CannedCategory[] }>(`${routingPath(workspaceId)}/canned/categories`))
        .items,
  });
}

export function useSaveCannedCategory(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'canned');
  return useMutation({
    mutationFn: ({ categoryId, name }: { categoryId: string | null; name: string }) =>
      categoryId === null
        ? apiFetch<CannedCategory>(`${routingPath(workspaceId)}/canned/categories`, {
            method: 'POST',
            body: { name },
          })
        : apiFetch<CannedCategory>(
            `${routingPath(workspaceId)}/canned/categories/${id(categoryId)}`,
            { method: 'PATCH', body: { name } },
          ),
    onSuccess: refresh,
  });
}

export function useDeleteCannedCategory(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'canned');
  return useMutation({
    mutationFn: (categoryId: string) =>
      apiFetch<void>(`${routingPath(workspaceId)}/canned/categories/${id(categoryId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useCannedReplies(
  workspaceId: string,
  filter: { q?: string | undefined; categoryId?: string | undefined },
) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'canned', 'replies', filter],
    queryFn: async () =>
      (
        await apiFetch<{ items: CannedReply[] }>(`${routingPath(workspaceId)}/canned/replies`, {
          query: filter,
        })
      ).items,
    placeholderData: keepPreviousData,
  });
}

export function useSaveCannedReply(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'canned');
  return useMutation({
    mutationFn: ({
      replyId,
      body,
    }:
      | { replyId: null; body: CreateCannedReplyBody }
      | { replyId: string; body: UpdateCannedReplyBody }) =>
      replyId === null
        ? apiFetch<CannedReply>(`${routingPath(workspaceId)}/canned/replies`, {
            method: 'POST',
            body,
          })
        : apiFetch<CannedReply>(`${routingPath(workspaceId)}/canned/replies/${id(replyId)}`, {
            method: 'PATCH',
            body,
          }),
    onSuccess: refresh,
  });
}

export function useDeleteCannedReply(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'canned');
  return useMutation({
    mutationFn: (replyId: string) =>
      apiFetch<void>(`${routingPath(workspaceId)}/canned/replies/${id(replyId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useCannedStats(workspaceId: string, replyId: string | null) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'canned', 'stats', replyId],
    queryFn: () =>
      apiFetch<CannedStats>(
        `${routingPath(workspaceId)}/canned/replies/${id(replyId ?? '')}/stats`,
      ),
    enabled: replyId !== null,
  });
}

/** Suggestions for the message at hand; the caller debounces what the agent types. */
export function useCannedSuggestions(workspaceId: string, body: SuggestBody, enabled = true) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'canned', 'suggestions', body],
    queryFn: async () =>
      (
        await apiFetch<{ items: Suggestion[] }>(`${routingPath(workspaceId)}/canned/suggestions`, {
          method: 'POST',
          body,
        })
      ).items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

export function useRenderCannedReply(workspaceId: string) {
  return useMutation({
    mutationFn: ({ replyId, body }: { replyId: string; body: RenderBody }) =>
      apiFetch<RenderResult>(`${routingPath(workspaceId)}/canned/replies/${id(replyId)}/render`, {
        method: 'POST',
        body,
      }),
  });
}

export function useRecordCannedUse(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'canned');
  return useMutation({
    mutationFn: ({ replyId, body }: { replyId: string; body: RecordUseBody }) =>
      apiFetch<void>(`${routingPath(workspaceId)}/canned/replies/${id(replyId)}/uses`, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

// ── CSAT ────────────────────────────────────────────────────────────────────────

export function useCsatSettings(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'csat', 'settings'],
    queryFn: () => apiFetch<CsatSettings>(`${routingPath(workspaceId)}/csat/settings`),
  });
}

export function useUpdateCsatSettings(workspaceId: string) {
  const refresh = useRefresh(workspaceId, 'csat');
  return useMutation({
    mutationFn: (body: UpdateCsatSettingsBody) =>
      apiFetch<CsatSettings>(`${routingPath(workspaceId)}/csat/settings`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useCsatReport(workspaceId: string, query: ReportQuery) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'csat', 'report', query],
    queryFn: () =>
      apiFetch<CsatReport>(`${routingPath(workspaceId)}/csat/report`, { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useCsatSurveys(workspaceId: string) {
  return useQuery({
    queryKey: [...routingKey(workspaceId), 'csat', 'surveys'],
    queryFn: async () =>
      (
        await apiFetch<{ items: CsatSurvey[] }>(`${routingPath(workspaceId)}/csat/surveys`, {
          query: { answered: 'true', limit: 20 },
        })
      ).items,
  });
}

// ── the public survey (no sign-in) ──────────────────────────────────────────────

const surveyPath = (token: string) => `/api/v1/public/surveys/${id(token)}`;

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: ['public-survey', token],
    queryFn: () => apiFetch<PublicSurvey>(surveyPath(token), { redirectOn401: false }),
    retry: false,
  });
}

export function useAnswerSurvey(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AnswerSurveyBody) =>
      apiFetch<PublicSurvey>(surveyPath(token), {
        method: 'POST',
        body,
        redirectOn401: false,
      }),
    onSuccess: (survey) => queryClient.setQueryData(['public-survey', token], survey),
  });
}
