import { Button, Stack, Text, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSparkles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreateSampleWorkspace } from '../api/use-workspaces.ts';
import { FormError } from './query-state.tsx';

/** Builds the demo workspace and switches to it; says what is happening while it works. */
export function SampleWorkspaceButton(props: ButtonProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sample = useCreateSampleWorkspace();

  const explore = () =>
    sample.mutate(undefined, {
      onSuccess: (workspace) => {
        notifications.show({ color: 'teal', message: t('sample.ready', { name: workspace.name }) });
        void navigate(`/w/${workspace.id}`);
      },
    });

  return (
    <Stack gap={6} align="stretch">
      <Button
        variant="default"
        leftSection={<IconSparkles size={18} />}
        loading={sample.isPending}
        onClick={explore}
        {...props}
      >
        {t('sample.explore')}
      </Button>
      {sample.isPending && (
        <Text size="xs" c="dimmed" role="status" ta="center">
          {t('sample.building')}
        </Text>
      )}
      <FormError message={sample.error ? sample.error.message : null} />
    </Stack>
  );
}
