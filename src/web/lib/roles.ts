import { ROLES, canGrantRole, type Role } from '../../shared/permissions.ts';

/** Roles the viewer may hand out, most powerful first, as the server will enforce. */
export function grantableRoles(viewerRole: Role): Role[] {
  return ROLES.filter((role) => canGrantRole(viewerRole, role));
}

/** Default for new invitations and tokens: the least surprising role the viewer can grant. */
export function defaultGrantableRole(viewerRole: Role): Role | null {
  const roles = grantableRoles(viewerRole);
  if (roles.includes('editor')) return 'editor';
  return roles[roles.length - 1] ?? null;
}
