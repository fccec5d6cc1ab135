/**
 * Roles and the dotted permissions each one holds: the one table every route and page consults.
 * Later modules add their permissions here so the roles page always shows the whole picture.
 */
export const PERMISSIONS = [
  'workspace.read',
  'workspace.update',
  'workspace.delete',
  'members.read',
  'members.invite',
  'members.update',
  'members.remove',
  'tokens.read',
  'tokens.create',
  'tokens.revoke',
  'audit.read',
  'jobs.read',
  'jobs.retry',
  'channels.read',
  'channels.manage',
  'posts.read',
  'posts.write',
  'posts.approve',
  'posts.publish',
  'publishing.settings',
  'analytics.import',
  'inbox.read',
  'inbox.reply',
  'inbox.manage',
  'moderation.manage',
  'feedback.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'owner',
  'admin',
  'manager',
  'editor',
  'agent',
  'analyst',
  'ad_buyer',
  'viewer',
] as const;

export type Role = (typeof ROLES)[number];

const everything: readonly Permission[] = PERMISSIONS;
const reader: readonly Permission[] = [
  'workspace.read',
  'members.read',
  'channels.read',
  'posts.read',
];
const author: readonly Permission[] = [...reader, 'posts.write'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: everything,
  admin: everything.filter((p) => p !== 'workspace.delete'),
  manager: [
    ...author,
    'members.invite',
    'audit.read',
    'jobs.read',
    'tokens.read',
    'channels.manage',
    'posts.approve',
    'posts.publish',
    'analytics.import',
    'inbox.read',
    'inbox.reply',
    'inbox.manage',
    'moderation.manage',
    'feedback.manage',
  ],
  editor: [
    ...author,
    'posts.publish',
    'analytics.import',
    'inbox.read',
    'inbox.reply',
    'feedback.manage',
  ],
  agent: [...reader, 'inbox.read', 'inbox.reply', 'feedback.manage'],
  analyst: [...reader, 'audit.read', 'analytics.import', 'inbox.read'],
  ad_buyer: reader,
  viewer: reader,
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Ranks roles so nobody can grant a role above their own. Lower is more powerful. */
export const ROLE_RANK: Record<Role, number> = {
  owner: 0,
  admin: 1,
  manager: 2,
  editor: 3,
  agent: 3,
  analyst: 3,
  ad_buyer: 3,
  viewer: 4,
};

export function canGrantRole(granter: Role, role: Role): boolean {
  if (granter === 'owner') return true;
  return ROLE_RANK[granter] < ROLE_RANK[role] || (granter === 'admin' && role === 'admin');
}
