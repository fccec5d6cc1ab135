import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/permissions.ts';

const ROLE_COLORS: Record<Role, string> = {
  owner: 'grape',
  admin: 'indigo',
  manager: 'blue',
  editor: 'teal',
  agent: 'cyan',
  analyst: 'lime',
  ad_buyer: 'orange',
  viewer: 'gray',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={ROLE_COLORS[role]} miw="fit-content">
      {t(`roles.${role}`)}
    </Badge>
  );
}
