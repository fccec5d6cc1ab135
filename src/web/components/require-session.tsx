import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession, useSetupStatus } from '../api/use-session.ts';
import { ErrorState, LoadingState } from './query-state.tsx';
import { Box } from '@mantine/core';

/** Renders its routes only when signed in; otherwise sends the visitor to setup or sign-in. */
export function RequireSession() {
  const session = useSession();
  // Setup only matters to visitors without a session, so skip the request otherwise.
  const setup = useSetupStatus(session.data === null);
  const location = useLocation();

  if (session.isPending) return <LoadingState minHeight={320} />;
  if (session.isError) {
    return (
      <Box p="xl" maw={560} mx="auto">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </Box>
    );
  }
  if (session.data) return <Outlet />;

  if (setup.isPending) return <LoadingState minHeight={320} />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  const next = `${location.pathname}${location.search}`;
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return <Navigate to={`/login${query}`} replace />;
}
