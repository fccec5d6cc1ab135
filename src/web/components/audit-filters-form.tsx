import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from '../api/use-audit.ts';
import { useMembers } from '../api/use-members.ts';
import { useCurrentWorkspace } from './workspace-context.ts';

const empty = { action: '', actorUserId: null as string | null, targetType: '', from: '', to: '' };

/** Date inputs give local calendar days; the API wants instants, so widen to whole days. */
function dayStart(day: string): string | undefined {
  return day ? new Date(`${day}T00:00:00`).toISOString() : undefined;
}
function dayEnd(day: string): string | undefined {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined;
}

export function AuditFiltersForm({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const members = useMembers(workspace.id, can('members.read'));
  const [draft, setDraft] = useState(empty);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      action: draft.action.trim() || undefined,
      actorUserId: draft.actorUserId ?? undefined,
      targetType: draft.targetType.trim() || undefined,
      from: dayStart(draft.from),
      to: dayEnd(draft.to),
    });
  };

  const reset = () => {
    setDraft(empty);
    onApply({});
  };

  return (
    <Paper p="md">
      <form onSubmit={apply}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <TextInput
            label={t('audit.action')}
            placeholder={t('audit.actionPlaceholder')}
            value={draft.action}
            onChange={(event) => setDraft({ ...draft, action: event.currentTarget.value })}
          />
          <Select
            label={t('audit.actor')}
            placeholder={t('audit.anyActor')}
            data={(members.data ?? []).map((member) => ({
              value: member.userId,
              label: member.name,
            }))}
            value={draft.actorUserId}
            onChange={(value) => setDraft({ ...draft, actorUserId: value })}
            clearable
            searchable
          />
          <TextInput
            label={t('audit.targetType')}
            placeholder={t('audit.targetPlaceholder')}
            value={draft.targetType}
            onChange={(event) => setDraft({ ...draft, targetType: event.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('audit.from')}
            value={draft.from}
            max={draft.to || undefined}
            onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('audit.to')}
            value={draft.to}
            min={draft.from || undefined}
            onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={reset}>
            {t('audit.reset')}
          </Button>
          <Button type="submit">{t('audit.apply')}</Button>
        </Group>
      </form>
    </Paper>
  );
}
