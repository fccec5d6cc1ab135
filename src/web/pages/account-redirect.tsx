import { Navigate } from 'react-router';
import { useSession } from '../api/use-session.ts';
import { lastWorkspace } from '../lib/workspace-storage.ts';

/** The account page lives inside a workspace shell; `/account` picks which one. */
export function AccountRedirect() {
  const session = useSession();
  const workspaces = session.data?.workspaces ?? [];
  const remembered = lastWorkspace();
  const target = workspaces.find((w) => w.id === remembered) ?? workspaces[0];
  return <Navigate to={target ? `/w/${target.id}/account` : '/workspaces/new'} replace />;
}
