import { Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import type { CadenceGap } from '../lib/cadence-gaps.ts';
import { ChannelDot } from './channel-dots.tsx';

/** Where the visible range falls short of each channel's cadence, grouped by channel. */
export function CadenceGapList({
  gaps,
  channels,
}: {
  gaps: readonly CadenceGap[];
  channels: readonly Channel[];
}) {
  const { t, i18n } = useTranslation();
  const day = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  });
  const withCadence = channels.filter((channel) => channel.cadence);

  return (
    <Paper p="md">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={5}>{t('calendar.gapsTitle')}</Title>
          <Text size="xs" c="dimmed">
            {t('calendar.gapsHint')}
          </Text>
        </Stack>
        {withCadence.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('calendar.noCadence')}
          </Text>
        ) : gaps.length === 0 ? (
          <Text size="sm" c="teal.8">
            {t('calendar.noGaps')}
          </Text>
        ) : (
          withCadence.map((channel) => {
            const own = gaps.filter((gap) => gap.channelId === channel.id);
            if (own.length === 0) return null;
            return (
              <Stack key={channel.id} gap={4}>
                <Group gap={6}>
                  <ChannelDot color={channel.color} />
                  <Text size="sm" fw={600}>
                    {channel.name}
                  </Text>
                </Group>
                <List size="sm" spacing={2} withPadding>
                  {own.map((gap) => (
                    <List.Item key={gap.start.toISOString()}>
                      {gap.period === 'day'
                        ? t('calendar.gapDay', {
                            date: day.format(gap.start),
                            have: gap.have,
                            need: gap.need,
                          })
                        : t('calendar.gapWeek', {
                            date: day.format(gap.start),
                            have: gap.have,
                            need: gap.need,
                          })}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            );
          })
        )}
      </Stack>
    </Paper>
  );
}
