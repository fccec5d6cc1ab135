import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentWorkspace } from './workspace-context.ts';

/** Shown only to roles that may write posts. */
export function NewPostButton() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  if (!can('posts.write')) return null;
  return (
    <Button
      component={Link}
      to={`/w/${workspace.id}/posts/new`}
      leftSection={<IconPlus size={18} />}
    >
      {t('posts.new')}
    </Button>
  );
}
