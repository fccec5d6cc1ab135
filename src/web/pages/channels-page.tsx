import { Button, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import { useChannels, useCheckChannel, useDeleteChannel } from '../api/use-channels.ts';
import { BestTimesDrawer } from '../components/best-times-drawer.tsx';
import { ChannelCard } from '../components/channel-card.tsx';
import { ConnectChannelModal } from '../components/connect-channel-modal.tsx';
import { EditChannelModal } from '../components/edit-channel-modal.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { SampleWorkspaceButton } from '../components/sample-workspace-button.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function ChannelsPage() {
  return (
    <RequirePermission permission="channels.read">
      <ChannelsContent />
    </RequirePermission>
  );
}

function ChannelsContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canManage = can('channels.manage');
  const channels = useChannels(workspace.id);
  const check = useCheckChannel(workspace.id);
  const remove = useDeleteChannel(workspace.id);
  const [connectOpen, connect] = useDisclosure(false);
  const [editing, setEditing] = useState<Channel | null>(null);
  const [bestTimesFor, setBestTimesFor] = useState<Channel | null>(null);

  const checkChannel = (channel: Channel) =>
    check.mutate(channel.id, {
      onSuccess: (checked) =>
        notifications.show({
          color: checked.status === 'connected' ? 'teal' : 'orange',
          message: t('channels.checked', {
            name: checked.name,
            status: t(`channelStatus.${checked.status}`),
          }),
        }),
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });

  const disconnect = (channel: Channel) =>
    modals.openConfirmModal({
      title: t('channels.disconnectTitle'),
      children: <Text size="sm">{t('channels.disconnectConfirm', { name: channel.name })}</Text>,
      labels: { confirm: t('channels.disconnect'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(channel.id, {
          onSuccess: () =>
            notifications.show({
              color: 'teal',
              message: t('channels.disconnected', { name: channel.name }),
            }),
          // 409 while posts are scheduled on it: the server says which and what to do.
          onError: (error) =>
            notifications.show({ color: 'red', message: error.message, autoClose: 10_000 }),
        }),
    });

  return (
    <>
      <PageHeader
        title={t('channels.title')}
        description={t('channels.subtitle')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={connect.open}>
              {t('channels.connect')}
            </Button>
          )
        }
      />
      {channels.isPending ? (
        <LoadingState />
      ) : channels.isError ? (
        <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
      ) : channels.data.length === 0 ? (
        <Paper>
          <EmptyState
            message={t('channels.empty')}
            action={
              <Group gap="sm" justify="center">
                {canManage && <Button onClick={connect.open}>{t('channels.connect')}</Button>}
                <SampleWorkspaceButton />
              </Group>
            }
          />
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {channels.data.map((channel) => (
            <ChannelCard
              key={channel.id}
              channel={channel}
              actions={{
                onBestTimes: setBestTimesFor,
                onCheck: canManage ? checkChannel : undefined,
                onEdit: canManage ? setEditing : undefined,
                onDisconnect: canManage ? disconnect : undefined,
                checking: check.isPending && check.variables === channel.id,
              }}
            />
          ))}
        </SimpleGrid>
      )}
      {canManage && <ConnectChannelModal opened={connectOpen} onClose={connect.close} />}
      <EditChannelModal channel={editing} onClose={() => setEditing(null)} />
      <BestTimesDrawer channel={bestTimesFor} onClose={() => setBestTimesFor(null)} />
    </>
  );
}
