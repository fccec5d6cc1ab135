import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { bestTimesOptions } from '../api/use-channels.ts';
import { toLocalInputValue } from '../lib/datetime-local.ts';
import { browserTimezone } from '../lib/timezones.ts';
import { formatSlot } from '../lib/time-labels.ts';
import { useCurrentWorkspace } from './workspace-context.ts';

const MAX_SUGGESTIONS = 6;

/** Merges the chosen channels' best slots: best first, one per hour, only future ones. */
function useSuggestedSlots(channelIds: readonly string[]): string[] {
  const { workspace } = useCurrentWorkspace();
  const results = useQueries({
    queries: channelIds.map((channelId) => ({
      ...bestTimesOptions(workspace.id, channelId),
      retry: false,
    })),
  });
  const now = Date.now();
  const byHour = new Map<number, { at: string; score: number }>();
  for (const result of results) {
    for (const slot of result.data?.suggestions ?? []) {
      const at = Date.parse(slot.at);
      if (at <= now) continue;
      // Slots shared by several channels add up, so they rise to the top.
      const hour = Math.floor(at / 3_600_000);
      const known = byHour.get(hour);
      byHour.set(hour, { at: slot.at, score: (known?.score ?? 0) + slot.score });
    }
  }
  return [...byHour.values()]
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SUGGESTIONS)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((slot) => slot.at);
}

/** The slot to publish at, with one-click suggestions from the channels' best times. */
export function ScheduleField({
  value,
  onChange,
  channelIds,
  error,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  channelIds: readonly string[];
  error?: string | undefined;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const suggestions = useSuggestedSlots(channelIds);
  const labelId = useId();
  return (
    <Stack gap="xs">
      <TextInput
        type="datetime-local"
        label={t('editor.publishAt')}
        description={t('editor.publishAtHint', { timezone: browserTimezone() })}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        disabled={disabled}
        maw={320}
      />
      {suggestions.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" id={labelId}>
            <IconSparkles size={12} /> {t('editor.suggested')}
          </Text>
          <Group gap={6} role="group" aria-labelledby={labelId}>
            {suggestions.map((at) => {
              const local = toLocalInputValue(at);
              const active = local === value;
              return (
                <Button
                  key={at}
                  size="compact-sm"
                  radius="xl"
                  variant={active ? 'filled' : 'light'}
                  aria-pressed={active}
                  disabled={disabled}
                  onClick={() => onChange(local)}
                >
                  {formatSlot(at, i18n.language)}
                </Button>
              );
            })}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
