import { ColorInput, Group, NumberInput, Select, Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import { COLOR_SWATCHES } from '../lib/channel-platforms.ts';
import { TimezoneSelect } from './timezone-select.tsx';

export type Cadence = NonNullable<Channel['cadence']>;

export interface ChannelSettingsValue {
  color: string;
  timezone: string;
  cadence: Cadence | null;
}

/** Colour, time zone and cadence: the settings every kind of channel shares. */
export function ChannelSettingsFields({
  value,
  onChange,
  errorFor,
}: {
  value: ChannelSettingsValue;
  onChange: (value: ChannelSettingsValue) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<ChannelSettingsValue>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="md">
      <ColorInput
        label={t('channels.color')}
        value={value.color}
        onChange={(color) => set({ color })}
        format="hex"
        swatches={COLOR_SWATCHES}
        swatchesPerRow={7}
        error={errorFor('color')}
        popoverProps={{ withinPortal: true }}
      />
      <TimezoneSelect
        value={value.timezone}
        onChange={(timezone) => set({ timezone })}
        error={errorFor('timezone')}
      />
      <CadenceInput
        value={value.cadence}
        onChange={(cadence) => set({ cadence })}
        error={errorFor('cadence') ?? errorFor('count')}
      />
    </Stack>
  );
}

export function CadenceInput({
  value,
  onChange,
  error,
}: {
  value: Cadence | null;
  onChange: (value: Cadence | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Switch
        label={t('channels.cadenceOn')}
        description={t('channels.cadenceHint')}
        checked={value !== null}
        onChange={(event) =>
          onChange(event.currentTarget.checked ? { period: 'week', count: 3 } : null)
        }
      />
      {value && (
        <Group gap="sm" align="flex-start" grow>
          <NumberInput
            label={t('channels.cadenceCount')}
            value={value.count}
            min={1}
            max={50}
            allowDecimal={false}
            clampBehavior="strict"
            onChange={(count) =>
              onChange({ ...value, count: typeof count === 'number' ? count : 1 })
            }
            error={error}
          />
          <Select
            label={t('channels.cadencePeriod')}
            value={value.period}
            allowDeselect={false}
            data={[
              { value: 'day', label: t('channels.perDay') },
              { value: 'week', label: t('channels.perWeek') },
            ]}
            onChange={(period) => onChange({ ...value, period: period === 'day' ? 'day' : 'week' })}
          />
        </Group>
      )}
    </Stack>
  );
}

export function useCadenceLabel() {
  const { t } = useTranslation();
  return (cadence: Channel['cadence']) => {
    if (!cadence) return t('channels.noCadence');
    return cadence.period === 'day'
      ? t('channels.cadenceDay', { count: cadence.count })
      : t('channels.cadenceWeek', { count: cadence.count });
  };
}
