import {
  IconActivity,
  IconBroadcast,
  IconCalendarEvent,
  IconChecklist,
  IconFileText,
  IconHome,
  IconKey,
  IconLibrary,
  IconListCheck,
  IconSettings,
  IconShieldLock,
  IconUserCircle,
  IconUsers,
  type TablerIcon,
} from '@tabler/icons-react';
import type { Permission } from '../../shared/permissions.ts';

export interface NavItem {
  /** Relative to `/w/:workspaceId`; empty is the overview. */
  path: string;
  labelKey:
    | 'nav.overview'
    | 'nav.members'
    | 'nav.roles'
    | 'nav.tokens'
    | 'nav.audit'
    | 'nav.jobs'
    | 'nav.settings'
    | 'nav.account'
    | 'nav.calendar'
    | 'nav.posts'
    | 'nav.content'
    | 'nav.channels'
    | 'nav.approvals';
  icon: TablerIcon;
  /** Entries the role cannot use are hidden rather than shown disabled. */
  permission?: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '', labelKey: 'nav.overview', icon: IconHome, permission: 'workspace.read' },
  { path: 'calendar', labelKey: 'nav.calendar', icon: IconCalendarEvent, permission: 'posts.read' },
  { path: 'posts', labelKey: 'nav.posts', icon: IconFileText, permission: 'posts.read' },
  { path: 'content', labelKey: 'nav.content', icon: IconLibrary, permission: 'posts.read' },
  { path: 'channels', labelKey: 'nav.channels', icon: IconBroadcast, permission: 'channels.read' },
  { path: 'members', labelKey: 'nav.members', icon: IconUsers, permission: 'members.read' },
  { path: 'roles', labelKey: 'nav.roles', icon: IconShieldLock },
  { path: 'tokens', labelKey: 'nav.tokens', icon: IconKey, permission: 'tokens.read' },
  { path: 'audit', labelKey: 'nav.audit', icon: IconActivity, permission: 'audit.read' },
  { path: 'jobs', labelKey: 'nav.jobs', icon: IconListCheck, permission: 'jobs.read' },
  {
    path: 'settings',
    labelKey: 'nav.settings',
    icon: IconSettings,
    permission: 'workspace.update',
  },
  {
    path: 'settings/approvals',
    labelKey: 'nav.approvals',
    icon: IconChecklist,
    permission: 'publishing.settings',
  },
  { path: 'account', labelKey: 'nav.account', icon: IconUserCircle },
];
