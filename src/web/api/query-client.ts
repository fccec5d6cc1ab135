import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';

function shouldRetry(failureCount: number, error: Error): boolean {
  // A 4xx will not change on retry; only flaky networks and 5xx deserve another go.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
