import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/permissions.ts';
import { useCurrentWorkspace } from './workspace-context.ts';

/** Pages reachable by URL still check the role, since the navbar only hides the link. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useCurrentWorkspace();
  if (!can(permission)) return <Alert color="yellow">{t('app.noAccess')}</Alert>;
  return children;
}
