import {
  IconActivity,
  IconChartBar,
  IconFileImport,
  IconBroadcast,
  IconCalendarEvent,
  IconChecklist,
  IconFileText,
  IconHome,
  IconKey,
  IconLibrary,
  IconPhoto,
  IconListCheck,
  IconMessages,
  IconMessageReport,
  IconReportAnalytics,
  IconArrowsSplit,
  IconMessageBolt,
  IconSettings,
  IconShieldCheck,
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
    | 'nav.inbox'
    | 'routing.nav'
    | 'canned.nav'
    | 'media.nav'
    | 'moderation.nav'
    | 'nav.channels'
    | 'nav.approvals'
    | 'analytics.nav.kpis'
    | 'analytics.nav.imports'
    | 'feedback.nav'
    | 'feedback.navReport';
  icon: TablerIcon;
  /** Entries the role cannot use are hidden rather than shown disabled. */
  permission?: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '', labelKey: 'nav.overview', icon: IconHome, permission: 'workspace.read' },
  { path: 'calendar', labelKey: 'nav.calendar', icon: IconCalendarEvent, permission: 'posts.read' },
  { path: 'posts', labelKey: 'nav.posts', icon: IconFileText, permission: 'posts.read' },
  { path: 'content', labelKey: 'nav.content', icon: IconLibrary, permission: 'posts.read' },
  { path: 'inbox', labelKey: 'nav.inbox', icon: IconMessages, permission: 'inbox.read' },
  { path: 'routing', labelKey: 'routing.nav', icon: IconArrowsSplit, permission: 'inbox.read' },
  {
    path: 'canned-replies',
    labelKey: 'canned.nav',
    icon: IconMessageBolt,
    permission: 'inbox.read',
  },
  {
    path: 'feedback',
    labelKey: 'feedback.nav',
    icon: IconMessageReport,
    permission: 'feedback.manage',
  },
  {
    path: 'feedback/report',
    labelKey: 'feedback.navReport',
    icon: IconReportAnalytics,
    permission: 'workspace.read',
  },
  { path: 'media', labelKey: 'media.nav', icon: IconPhoto, permission: 'posts.read' },
  { path: 'channels', labelKey: 'nav.channels', icon: IconBroadcast, permission: 'channels.read' },
  {
    path: 'analytics/kpis',
    labelKey: 'analytics.nav.kpis',
    icon: IconChartBar,
    permission: 'posts.read',
  },
  {
    path: 'analytics/imports',
    labelKey: 'analytics.nav.imports',
    icon: IconFileImport,
    permission: 'posts.read',
  },
  {
    path: 'moderation',
    labelKey: 'moderation.nav',
    icon: IconShieldCheck,
    permission: 'posts.read',
  },
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
