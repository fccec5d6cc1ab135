import {
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconCircle, IconCircleCheck, IconExternalLink } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRecentAudit } from '../api/use-audit.ts';
import { useChannels } from '../api/use-channels.ts';
import { useInvitations, useMembers } from '../api/use-members.ts';
import { useApiTokens } from '../api/use-tokens.ts';
import { AuditTable } from '../components/audit-table.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PublishingSummary } from '../components/publishing-summary.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RoleBadge } from '../components/role-badge.tsx';
import { SampleWorkspaceButton } from '../components/sample-workspace-button.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

function StatCard({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Group mt={6} gap="xs">
        {children}
      </Group>
    </Paper>
  );
}

function Count({ value }: { value: number | undefined }) {
  return (
    <Text fz={28} fw={700} lh={1.1}>
      {value ?? '…'}
    </Text>
  );
}

export function OverviewPage() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const base = `/w/${workspace.id}`;
  const members = useMembers(workspace.id, can('members.read'));
  const invitations = useInvitations(workspace.id, can('members.invite'));
  const tokens = useApiTokens(workspace.id, can('tokens.read'));
  const audit = useRecentAudit(workspace.id, can('audit.read'));
  const channels = useChannels(workspace.id, can('channels.read'));
  const noChannels = channels.data?.length === 0;

  const activeTokens = tokens.data?.filter(
    (token) =>
      !token.revokedAt && (!token.expiresAt || new Date(token.expiresAt).getTime() > Date.now()),
  ).length;
  const invited = (members.data?.length ?? 0) > 1 || (invitations.data?.length ?? 0) > 0;

  return (
    <Stack gap="lg">
      <Title order={2}>{workspace.name}</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label={t('overview.yourRole')}>
          <RoleBadge role={workspace.role} />
        </StatCard>
        {can('members.read') && (
          <StatCard label={t('overview.members')}>
            <Count value={members.data?.length} />
          </StatCard>
        )}
        {can('tokens.read') && (
          <StatCard label={t('overview.activeTokens')}>
            <Count value={activeTokens} />
          </StatCard>
        )}
        <StatCard label={t('overview.timezone')}>
          <Text fw={600}>{workspace.timezone}</Text>
        </StatCard>
      </SimpleGrid>

      {noChannels && (
        <Paper p="md">
          <EmptyState
            message={t('overview.noChannels')}
            action={
              <Group gap="sm" justify="center" align="flex-start">
                {can('channels.manage') && (
                  <Button component={Link} to={`${base}/channels`}>
                    {t('channels.connect')}
                  </Button>
                )}
                <SampleWorkspaceButton />
              </Group>
            }
          />
        </Paper>
      )}

      {can('posts.read') && !noChannels && <PublishingSummary />}

      <Paper p="md">
        <Title order={4} mb="sm">
          {t('overview.gettingStarted')}
        </Title>
        <Stack gap="sm">
          {can('channels.manage') && (
            <ChecklistItem
              done={(channels.data?.length ?? 0) > 0}
              title={t('overview.stepChannel')}
              hint={t('overview.stepChannelHint')}
              link={
                <Anchor component={Link} to={`${base}/channels`}>
                  {t('channels.connect')}
                </Anchor>
              }
            />
          )}
          {can('members.invite') && (
            <ChecklistItem
              done={invited}
              title={t('overview.stepInvite')}
              hint={t('overview.stepInviteHint')}
              link={
                <Anchor component={Link} to={`${base}/members`}>
                  {t('members.invite')}
                </Anchor>
              }
            />
          )}
          {can('tokens.create') && (
            <ChecklistItem
              done={(tokens.data?.length ?? 0) > 0}
              title={t('overview.stepToken')}
              hint={t('overview.stepTokenHint')}
              link={
                <Anchor component={Link} to={`${base}/tokens`}>
                  {t('tokens.create')}
                </Anchor>
              }
            />
          )}
          <ChecklistItem
            done={false}
            title={t('overview.stepDocs')}
            hint={t('overview.stepDocsHint')}
            link={
              <Anchor href="/api/docs" target="_blank" rel="noreferrer">
                <Group gap={4} component="span">
                  /api/docs <IconExternalLink size={14} />
                </Group>
              </Anchor>
            }
          />
        </Stack>
      </Paper>

      {can('audit.read') && (
        <Paper p="md">
          <Group justify="space-between" mb="sm">
            <Title order={4}>{t('overview.recentActivity')}</Title>
            <Anchor component={Link} to={`${base}/audit`} size="sm">
              {t('overview.viewAll')}
            </Anchor>
          </Group>
          {audit.isPending ? (
            <LoadingState />
          ) : audit.isError ? (
            <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
          ) : audit.data.items.length === 0 ? (
            <EmptyState message={t('overview.noActivity')} />
          ) : (
            <AuditTable events={audit.data.items.slice(0, 10)} compact />
          )}
        </Paper>
      )}
    </Stack>
  );
}

function ChecklistItem({
  done,
  title,
  hint,
  link,
}: {
  done: boolean;
  title: string;
  hint: string;
  link: ReactNode;
}) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon variant="light" radius="xl" color={done ? 'teal' : 'gray'} size={28}>
        {done ? <IconCircleCheck size={18} /> : <IconCircle size={18} />}
      </ThemeIcon>
      <Stack gap={2}>
        <Text fw={600} td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined}>
          {title}
        </Text>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        <Text size="sm">{link}</Text>
      </Stack>
    </Group>
  );
}
