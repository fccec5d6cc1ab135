import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHours, BusinessInterval } from '../../shared/routing.ts';
import { useSaveBusinessHours } from '../api/use-routing.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { timezoneOptions } from '../lib/timezones.ts';

/** `null` when closed; `hours: null` is new business hours. */
export type HoursEditorTarget = null | { hours: BusinessHours | null };

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const DEFAULT_INTERVALS: BusinessInterval[] = [1, 2, 3, 4, 5].map((day) => ({
  day,
  from: '09:00',
  to: '18:00',
}));

export function SlaBusinessHoursEditor({
  workspaceId,
  target,
  onClose,
}: {
  workspaceId: string;
  target: HoursEditorTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="lg"
      title={target?.hours ? t('sla.hours.edit') : t('sla.hours.new')}
    >
      {target && (
        <HoursForm
          key={target.hours?.id ?? 'new'}
          workspaceId={workspaceId}
          hours={target.hours}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function HoursForm({
  workspaceId,
  hours,
  onDone,
}: {
  workspaceId: string;
  hours: BusinessHours | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveBusinessHours(workspaceId);
  const [name, setName] = useState(hours?.name ?? '');
  const [timezone, setTimezone] = useState<string | null>(hours?.timezone ?? null);
  const [intervals, setIntervals] = useState<BusinessInterval[]>(
    hours?.intervals ?? DEFAULT_INTERVALS,
  );
  const [holidays, setHolidays] = useState<string[]>(hours?.holidays ?? []);
  const errorFor = fieldErrors(save.error);
  const badHoliday = holidays.find((day) => !/^\d{4}-\d{2}-\d{2}$/.test(day));

  const setDay = (day: number, open: boolean) =>
    setIntervals((old) =>
      open
        ? [...old, { day, from: '09:00', to: '18:00' }]
        : old.filter((interval) => interval.day !== day),
    );
  const update = (target: BusinessInterval, patch: Partial<BusinessInterval>) =>
    setIntervals((old) =>
      old.map((interval) => (interval === target ? { ...interval, ...patch } : interval)),
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (badHoliday) return;
    const body = { name: name.trim(), timezone, intervals, holidays };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('app.saved') });
      onDone();
    };
    if (hours) save.mutate({ hoursId: hours.id, body }, { onSuccess });
    else save.mutate({ hoursId: null, body }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('sla.hours.name')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          required
          data-autofocus
        />
        <Select
          label={t('sla.hours.timezone')}
          description={t('sla.hours.timezoneHint')}
          data={timezoneOptions(timezone ?? 'UTC')}
          value={timezone}
          onChange={setTimezone}
          placeholder={t('sla.hours.workspaceZone')}
          error={errorFor('timezone')}
          searchable
          clearable
          limit={100}
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('sla.hours.week')}
          </Text>
          {DAYS.map((day) => {
            const open = intervals.filter((interval) => interval.day === day);
            return (
              <Group key={day} align="center" gap="xs" wrap="nowrap">
                <Checkbox
                  w={90}
                  label={t(`routing.weekdays.${day}`)}
                  checked={open.length > 0}
                  onChange={(event) => setDay(day, event.currentTarget.checked)}
                />
                {open.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('sla.hours.closed')}
                  </Text>
                ) : (
                  <Stack gap={4}>
                    {open.map((interval, index) => (
                      <Group key={index} gap={6} wrap="nowrap">
                        <TextInput
                          type="time"
                          size="xs"
                          aria-label={t('routing.from')}
                          value={interval.from}
                          onChange={(event) =>
                            update(interval, { from: event.currentTarget.value })
                          }
                        />
                        <Text size="sm">–</Text>
                        <TextInput
                          type="time"
                          size="xs"
                          aria-label={t('routing.to')}
                          value={interval.to === '24:00' ? '23:59' : interval.to}
                          onChange={(event) => update(interval, { to: event.currentTarget.value })}
                        />
                        {index === open.length - 1 ? (
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('sla.hours.addInterval')}
                            onClick={() =>
                              setIntervals((old) => [...old, { day, from: '13:00', to: '18:00' }])
                            }
                          >
                            <IconPlus size={14} />
                          </ActionIcon>
                        ) : null}
                        {open.length > 1 && (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('sla.hours.removeInterval')}
                            onClick={() => setIntervals((old) => old.filter((i) => i !== interval))}
                          >
                            <IconTrash size={14} />
                          </ActionIcon>
                        )}
                      </Group>
                    ))}
                  </Stack>
                )}
              </Group>
            );
          })}
          {errorFor('intervals') && (
            <Text size="sm" c="red">
              {errorFor('intervals')}
            </Text>
          )}
        </Stack>
        <TagsInput
          label={t('sla.hours.holidays')}
          description={t('sla.hours.holidaysHint')}
          placeholder="2026-10-01"
          value={holidays}
          onChange={setHolidays}
          error={badHoliday ? t('sla.hours.badHoliday', { day: badHoliday }) : errorFor('holidays')}
          splitChars={[',', ' ', '，']}
          clearable
        />
        <FormError message={formError(save.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
