import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Job, JobPage } from '../../shared/api.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

export type JobStatus = Job['status'];

export function useJobs(workspaceId: string, status: JobStatus | undefined) {
  return useInfiniteQuery({
    queryKey: ['workspace', workspaceId, 'jobs', status ?? 'all'],
    queryFn: ({ pageParam }) =>
      apiFetch<JobPage>(`${workspacePath(workspaceId)}/jobs`, {
        query: { status, cursor: pageParam, limit: 50 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRetryJob(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) =>
      apiFetch<Job>(`${workspacePath(workspaceId)}/jobs/${encodeURIComponent(jobId)}/retry`, {
        method: 'POST',
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'jobs'] }),
  });
}
