import { createContext, useContext } from 'react';
import type { User, Workspace } from '../../shared/api.ts';
import type { Permission } from '../../shared/permissions.ts';

export interface WorkspaceContextValue {
  workspace: Workspace;
  user: User;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** The workspace of the current `/w/:workspaceId` page and the signed-in user. */
export function useCurrentWorkspace(): WorkspaceContextValue & {
  can: (permission: Permission) => boolean;
} {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useCurrentWorkspace is used outside the workspace shell');
  return {
    ...value,
    can: (permission) => value.workspace.permissions.includes(permission),
  };
}
