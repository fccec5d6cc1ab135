import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangePasswordBody,
  LoginBody,
  Session,
  SetupBody,
  SetupStatus,
  UpdateProfileBody,
  User,
} from '../../shared/api.ts';
import { ApiError, apiFetch, setCsrfToken } from './client.ts';

export const sessionKey = ['session'] as const;
export const setupKey = ['setup'] as const;

/** Resolves to null when signed out, so public pages can branch on it. */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await apiFetch<Session>('/api/v1/auth/session', { redirectOn401: false });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

export function useSetupStatus(enabled = true) {
  return useQuery({
    queryKey: setupKey,
    queryFn: () => apiFetch<SetupStatus>('/api/v1/setup'),
    staleTime: Infinity,
    enabled,
  });
}

function useAcceptSession() {
  const queryClient = useQueryClient();
  return (session: Session) => {
    setCsrfToken(session.csrfToken);
    queryClient.setQueryData(sessionKey, session);
  };
}

export function useSetup() {
  const queryClient = useQueryClient();
  const acceptSession = useAcceptSession();
  return useMutation({
    mutationFn: (body: SetupBody) =>
      apiFetch<Session>('/api/v1/setup', { method: 'POST', body, redirectOn401: false }),
    onSuccess: (session) => {
      acceptSession(session);
      queryClient.setQueryData<SetupStatus | undefined>(setupKey, (old) =>
        old ? { ...old, needsSetup: false } : old,
      );
    },
  });
}

export function useLogin() {
  const acceptSession = useAcceptSession();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      apiFetch<Session>('/api/v1/auth/login', { method: 'POST', body, redirectOn401: false }),
    onSuccess: acceptSession,
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch<void>('/api/v1/auth/logout', { method: 'POST', redirectOn401: false }),
    onSettled: () => {
      setCsrfToken(null);
      // Nothing cached under the old identity may leak into the next one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'setup' });
      queryClient.setQueryData(sessionKey, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) =>
      apiFetch<void>('/api/v1/auth/password', { method: 'POST', body }),
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProfileBody) =>
      apiFetch<User>('/api/v1/me', { method: 'PATCH', body }),
    onSuccess: (user) => {
      queryClient.setQueryData<Session | null | undefined>(sessionKey, (old) =>
        old ? { ...old, user } : old,
      );
    },
  });
}
