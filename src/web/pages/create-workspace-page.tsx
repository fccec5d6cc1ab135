import { Divider, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/use-session.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { CreateWorkspaceForm } from '../components/create-workspace-form.tsx';
import { SampleWorkspaceButton } from '../components/sample-workspace-button.tsx';

/** For people who belong to no workspace yet, where there is no shell to host the modal. */
export function CreateWorkspacePage() {
  const { t } = useTranslation();
  const session = useSession();
  const hasNone = (session.data?.workspaces.length ?? 0) === 0;
  return (
    <AuthLayout title={t('createWorkspace.title')} subtitle={t('createWorkspace.subtitle')}>
      {hasNone && <Text size="sm">{t('createWorkspace.noneYet')}</Text>}
      <CreateWorkspaceForm />
      <Divider label={t('sample.hint')} labelPosition="center" my="xs" />
      <SampleWorkspaceButton fullWidth />
    </AuthLayout>
  );
}
