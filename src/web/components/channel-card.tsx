import { ActionIcon, Badge, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import {
  IconClockHour4,
  IconDots,
  IconEdit,
  IconPlugConnected,
  IconUnlink,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import { asChannelStyle } from '../lib/channel-platforms.ts';
import { useFormatDate } from '../lib/format.ts';
import { ChannelAvatar } from './channel-avatar.tsx';
import { useCadenceLabel } from './channel-settings-fields.tsx';
import { ChannelHealthBadge } from './status-badges.tsx';

export function useLimitsSummary() {
  const { t } = useTranslation();
  return (limits: Channel['limits']): string => {
    const parts: string[] = [];
    if (limits.maxTextLength !== null) {
      parts.push(
        limits.countMode === 'graphemes'
          ? t('channels.limitTextGraphemes', { count: limits.maxTextLength })
          : t('channels.limitText', { count: limits.maxTextLength }),
      );
    } else {
      parts.push(t('channels.noLimit'));
    }
    if (limits.maxTextBytes !== null) {
      parts.push(t('channels.limitBytes', { count: limits.maxTextBytes }));
    }
    if (limits.maxTitleLength !== null) {
      parts.push(t('channels.limitTitle', { count: limits.maxTitleLength }));
    }
    if (limits.maxImages > 0) parts.push(t('channels.limitImages', { count: limits.maxImages }));
    return parts.join(' · ');
  };
}

export interface ChannelCardActions {
  onBestTimes: (channel: Channel) => void;
  onCheck?: ((channel: Channel) => void) | undefined;
  onEdit?: ((channel: Channel) => void) | undefined;
  onDisconnect?: ((channel: Channel) => void) | undefined;
  checking: boolean;
}

export function ChannelCard({
  channel,
  actions,
}: {
  channel: Channel;
  actions: ChannelCardActions;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const cadenceLabel = useCadenceLabel();
  const limitsSummary = useLimitsSummary();
  const manageable = actions.onEdit || actions.onDisconnect;

  return (
    <Paper p="md" style={{ borderTop: `4px solid ${channel.color}` }}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <ChannelAvatar channel={channel} />
            <Stack gap={0} miw={0}>
              <Text fw={650} truncate>
                {channel.name}
              </Text>
              <Text size="sm" c="dimmed" truncate>
                {t(`platforms.${asChannelStyle(channel.style)}`)}
                {channel.handle ? ` · @${channel.handle.replace(/^@/, '')}` : ''}
              </Text>
            </Stack>
          </Group>
          {manageable && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('channels.actionsFor', { name: channel.name })}
                >
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {actions.onEdit && (
                  <Menu.Item
                    leftSection={<IconEdit size={16} />}
                    onClick={() => actions.onEdit?.(channel)}
                  >
                    {t('channels.edit')}
                  </Menu.Item>
                )}
                {actions.onDisconnect && (
                  <Menu.Item
                    color="red"
                    leftSection={<IconUnlink size={16} />}
                    onClick={() => actions.onDisconnect?.(channel)}
                  >
                    {t('channels.disconnect')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>

        <Group gap="xs">
          <ChannelHealthBadge channel={channel} />
          {channel.platform === 'sandbox' && (
            <Badge variant="outline" color="gray">
              {t('channels.simulated')}
            </Badge>
          )}
          {channel.assisted && (
            <Badge variant="outline" color="orange">
              {t('channels.assisted')}
            </Badge>
          )}
        </Group>

        <Stack gap={4}>
          <Text size="sm">
            <Text span c="dimmed">
              {t('channels.cadence')}:{' '}
            </Text>
            {cadenceLabel(channel.cadence)}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              {t('channels.limits')}:{' '}
            </Text>
            {limitsSummary(channel.limits)}
          </Text>
          <Text size="xs" c="dimmed">
            {channel.timezone} ·{' '}
            {channel.lastCheckedAt
              ? t('channels.lastChecked', { date: formatDate(channel.lastCheckedAt) })
              : t('channels.notChecked')}
          </Text>
        </Stack>

        <Group gap="xs" mt="auto">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconClockHour4 size={16} />}
            onClick={() => actions.onBestTimes(channel)}
          >
            {t('channels.bestTimes')}
          </Button>
          {actions.onCheck && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlugConnected size={16} />}
              loading={actions.checking}
              onClick={() => actions.onCheck?.(channel)}
            >
              {t('channels.checkNow')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
