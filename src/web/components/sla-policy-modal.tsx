import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRIORITIES,
  type Priority,
  type SlaEscalation,
  type SlaPolicy,
} from '../../shared/routing.ts';
import { useChannels } from '../api/use-channels.ts';
import { useBusinessHours, useSaveSlaPolicy } from '../api/use-routing.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';

/** `null` when closed; `policy: null` is a new policy. */
export type PolicyEditorTarget = null | { policy: SlaPolicy | null };

export function SlaPolicyModal({
  workspaceId,
  target,
  onClose,
}: {
  workspaceId: string;
  target: PolicyEditorTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="lg"
      title={target?.policy ? t('sla.policy.edit') : t('sla.policy.new')}
    >
      {target && (
        <PolicyForm
          key={target.policy?.id ?? 'new'}
          workspaceId={workspaceId}
          policy={target.policy}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

/** Minutes shown as hours and minutes, the way targets are talked about. */
function MinutesInput({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const hours = value === null ? '' : Math.floor(value / 60);
  const minutes = value === null ? '' : value % 60;
  const set = (h: number | string, m: number | string) => {
    const total = (Number(h) || 0) * 60 + (Number(m) || 0);
    onChange(h === '' && m === '' ? null : total > 0 ? total : null);
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap={6} wrap="nowrap">
        <NumberInput
          aria-label={`${label}: ${t('sla.policy.hours')}`}
          placeholder={t('sla.policy.off')}
          value={hours}
          onChange={(h) => set(h, minutes)}
          min={0}
          max={2160}
          suffix={` ${t('sla.policy.h')}`}
          error={error}
        />
        <NumberInput
          aria-label={`${label}: ${t('sla.policy.minutes')}`}
          value={minutes}
          onChange={(m) => set(hours, m)}
          min={0}
          max={59}
          suffix={` ${t('sla.policy.min')}`}
        />
      </Group>
    </Stack>
  );
}

function PolicyForm({
  workspaceId,
  policy,
  onDone,
}: {
  workspaceId: string;
  policy: SlaPolicy | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveSlaPolicy(workspaceId);
  const hours = useBusinessHours(workspaceId);
  const channels = useChannels(workspaceId);
  const [name, setName] = useState(policy?.name ?? '');
  const [enabled, setEnabled] = useState(policy?.enabled ?? true);
  const [priorities, setPriorities] = useState<Priority[]>(policy?.priorities ?? []);
  const [channelIds, setChannelIds] = useState<string[]>(policy?.channelIds ?? []);
  const [first, setFirst] = useState<number | null>(policy?.firstResponseMinutes ?? 60);
  const [next, setNext] = useState<number | null>(policy?.nextResponseMinutes ?? null);
  const [resolution, setResolution] = useState<number | null>(policy?.resolutionMinutes ?? null);
  const [businessHoursId, setBusinessHoursId] = useState<string | null>(
    policy?.businessHoursId ?? null,
  );
  const [escalation, setEscalation] = useState<SlaEscalation>(policy?.escalation ?? 'next_tier');
  const errorFor = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      enabled,
      priorities: priorities.length ? priorities : null,
      channelIds: channelIds.length ? channelIds : null,
      firstResponseMinutes: first,
      nextResponseMinutes: next,
      resolutionMinutes: resolution,
      businessHoursId,
      escalation,
    };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('app.saved') });
      onDone();
    };
    if (policy) save.mutate({ policyId: policy.id, body }, { onSuccess });
    else save.mutate({ policyId: null, body }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('sla.policy.name')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          required
          data-autofocus
        />
        <Switch
          label={t('routing.enabled')}
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('sla.policy.priorities')}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`routing.priorities.${p}`) }))}
            value={priorities}
            onChange={(value) => setPriorities(value as Priority[])}
            placeholder={t('routing.any')}
            clearable
          />
          <MultiSelect
            label={t('sla.policy.channels')}
            data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={channelIds}
            onChange={setChannelIds}
            placeholder={t('routing.any')}
            clearable
            searchable
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <MinutesInput
            label={t('sla.kinds.first_response')}
            value={first}
            onChange={setFirst}
            error={errorFor('firstResponseMinutes')}
          />
          <MinutesInput label={t('sla.kinds.next_response')} value={next} onChange={setNext} />
          <MinutesInput
            label={t('sla.kinds.resolution')}
            value={resolution}
            onChange={setResolution}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          {t('sla.policy.targetsHint')}
        </Text>
        <Select
          label={t('sla.policy.businessHours')}
          description={t('sla.policy.businessHoursHint')}
          data={(hours.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
          value={businessHoursId}
          onChange={setBusinessHoursId}
          placeholder={t('sla.policy.allHours')}
          error={errorFor('businessHoursId')}
          clearable
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('sla.policy.escalation')}
          </Text>
          <SegmentedControl
            data={[
              { value: 'next_tier', label: t('sla.escalations.next_tier') },
              { value: 'lead', label: t('sla.escalations.lead') },
            ]}
            value={escalation}
            onChange={(value) => setEscalation(value as SlaEscalation)}
          />
          <Text size="xs" c="dimmed">
            {t(`sla.escalations.${escalation}Hint`)}
          </Text>
        </Stack>
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
