import {
  ActionIcon,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team, TeamMember, TeamTier } from '../../shared/routing.ts';
import { useSaveTeam } from '../api/use-routing.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useRoutingNames } from './routing-names.ts';
import { useCurrentWorkspace } from './workspace-context.ts';

/** `null` when closed; `team: null` is a new team. */
export type TeamEditorTarget = null | { team: Team | null };

export function RoutingTeamModal({
  target,
  onClose,
}: {
  target: TeamEditorTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="lg"
      title={target?.team ? t('routing.teams.edit') : t('routing.teams.new')}
    >
      {target && <TeamForm key={target.team?.id ?? 'new'} team={target.team} onDone={onClose} />}
    </Modal>
  );
}

function TeamForm({ team, onDone }: { team: Team | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const save = useSaveTeam(workspace.id);
  const names = useRoutingNames(workspace.id);
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [leadUserId, setLeadUserId] = useState<string | null>(team?.leadUserId ?? null);
  const [members, setMembers] = useState<TeamMember[]>(team?.members ?? []);
  const errorFor = fieldErrors(save.error);
  const people = names.members.map((m) => ({ value: m.userId, label: m.name }));
  const available = people.filter((p) => !members.some((m) => m.userId === p.value));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), description, leadUserId, members };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('app.saved') });
      onDone();
    };
    if (team) save.mutate({ teamId: team.id, body }, { onSuccess });
    else save.mutate({ teamId: null, body }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('routing.teams.name')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          required
          data-autofocus
        />
        <Textarea
          label={t('routing.teams.description')}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Select
          label={t('routing.teams.lead')}
          description={t('routing.teams.leadHint')}
          data={people}
          value={leadUserId}
          onChange={setLeadUserId}
          error={errorFor('leadUserId')}
          searchable
          clearable
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('routing.teams.members')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('routing.teams.tiersHint')}
          </Text>
          {members.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('routing.teams.noMembers')}
            </Text>
          )}
          {members.map((member, index) => (
            <Group key={member.userId} justify="space-between" wrap="nowrap">
              <Text size="sm">{names.person(member.userId)}</Text>
              <Group gap="xs" wrap="nowrap">
                <SegmentedControl
                  size="xs"
                  data={[
                    { value: 'agent', label: t('routing.tiers.agent') },
                    { value: 'expert', label: t('routing.tiers.expert') },
                  ]}
                  value={member.tier}
                  onChange={(value) =>
                    setMembers((old) =>
                      old.map((m, i) => (i === index ? { ...m, tier: value as TeamTier } : m)),
                    )
                  }
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('routing.teams.removeMember', {
                    name: names.person(member.userId),
                  })}
                  onClick={() => setMembers((old) => old.filter((_, i) => i !== index))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
          ))}
          <Select
            placeholder={t('routing.teams.addMember')}
            aria-label={t('routing.teams.addMember')}
            data={available}
            value={null}
            onChange={(value) =>
              value && setMembers((old) => [...old, { userId: value, tier: 'agent' }])
            }
            searchable
            error={errorFor('members')}
          />
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
