import { Button, Menu, Text } from '@mantine/core';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Workspace } from '../../shared/api.ts';

export function WorkspaceSwitcher({
  current,
  workspaces,
  onCreate,
}: {
  current: Workspace;
  workspaces: readonly Workspace[];
  onCreate: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-start" width={260} shadow="md">
      <Menu.Target>
        <Button
          variant="default"
          rightSection={<IconSelector size={16} />}
          aria-label={t('shell.switchWorkspace')}
          maw={{ base: 170, sm: 280 }}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          <Text span truncate="end" size="sm" fw={600}>
            {current.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.workspace')}</Menu.Label>
        {workspaces.map((workspace) => (
          <Menu.Item
            key={workspace.id}
            onClick={() => void navigate(`/w/${workspace.id}`)}
            rightSection={workspace.id === current.id ? <IconCheck size={16} /> : null}
          >
            <Text size="sm" truncate="end">
              {workspace.name}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconPlus size={16} />} onClick={onCreate}>
          {t('shell.createWorkspace')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
