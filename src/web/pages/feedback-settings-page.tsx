import { Anchor, Group, SimpleGrid, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFeedbackSettings } from '../api/use-feedback.ts';
import { useMembers } from '../api/use-members.ts';
import {
  FeedbackBoardPanel,
  FeedbackFormsPanel,
  FeedbackThresholdPanel,
} from '../components/feedback-forms-panel.tsx';
import {
  FeedbackCategoriesPanel,
  FeedbackDepartmentsPanel,
} from '../components/feedback-named-list.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function FeedbackSettingsPage() {
  return (
    <RequirePermission permission="feedback.manage">
      <SettingsContent />
    </RequirePermission>
  );
}

function SettingsContent() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const settings = useFeedbackSettings(workspace.id);
  const members = useMembers(workspace.id);
  return (
    <>
      <Anchor component={Link} to={`/w/${workspace.id}/feedback`} size="sm" mb="xs" display="block">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('feedback.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={t('feedback.settingsPage.title')}
        description={t('feedback.settingsPage.subtitle')}
      />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <FeedbackCategoriesPanel categories={settings.data.categories} />
            <FeedbackThresholdPanel settings={settings.data} />
          </SimpleGrid>
          <FeedbackDepartmentsPanel
            departments={settings.data.departments}
            members={members.data ?? []}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <FeedbackFormsPanel categories={settings.data.categories} />
            <FeedbackBoardPanel key={settings.dataUpdatedAt} settings={settings.data} />
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}
