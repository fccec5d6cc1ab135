import { Navigate } from 'react-router';
import { useSession } from '../api/use-session.ts';
import { lastWorkspace } from '../lib/workspace-storage.ts';

/** `/` picks the workspace the user last worked in, or asks for a first one. */
export function RootRedirect() {
  const session = useSession();
  const workspaces = session.data?.workspaces ?? [];
  const remembered = lastWorkspace();
  const target =
    workspaces.find((workspace) => workspace.id === remembered) ?? workspaces[0] ?? null;
  return <Navigate to={target ? `/w/${target.id}` : '/workspaces/new'} replace />;
}
