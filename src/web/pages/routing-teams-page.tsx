import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AVAILABILITIES, type Agent, type Availability, type Team } from '../../shared/routing.ts';
import {
  useAgents,
  useDeleteTeam,
  useSetMyAvailability,
  useTeams,
  useUpdateAgent,
} from '../api/use-routing.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useRoutingNames } from '../components/routing-names.ts';
import { RoutingTabs } from '../components/routing-tabs.tsx';
import { RoutingTeamModal, type TeamEditorTarget } from '../components/routing-team-modal.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

const AVAILABILITY_COLORS: Record<Availability, string> = {
  online: 'teal',
  away: 'yellow',
  offline: 'gray',
};

export function RoutingTeamsPage() {
  return (
    <RequirePermission permission="inbox.read">
      <TeamsContent />
    </RequirePermission>
  );
}

function TeamsContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canManage = can('inbox.manage');
  const teams = useTeams(workspace.id);
  const [editor, setEditor] = useState<TeamEditorTarget>(null);

  return (
    <>
      <PageHeader
        title={t('routing.title')}
        description={t('routing.teams.subtitle')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditor({ team: null })}>
              {t('routing.teams.new')}
            </Button>
          )
        }
      />
      <RoutingTabs />
      <Stack gap="lg">
        {can('inbox.reply') && <MyAvailability />}
        {teams.isPending ? (
          <LoadingState />
        ) : teams.isError ? (
          <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
        ) : teams.data.length === 0 ? (
          <Paper>
            <EmptyState
              message={t('routing.teams.empty')}
              action={
                canManage && (
                  <Button onClick={() => setEditor({ team: null })}>
                    {t('routing.teams.new')}
                  </Button>
                )
              }
            />
          </Paper>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
            {teams.data.map((team) => (
              <TeamCard
                key={team.id}
                team={team}
                canManage={canManage}
                onEdit={() => setEditor({ team })}
              />
            ))}
          </SimpleGrid>
        )}
        <AgentsTable canManage={canManage} />
      </Stack>
      <RoutingTeamModal target={editor} onClose={() => setEditor(null)} />
    </>
  );
}

function MyAvailability() {
  const { t } = useTranslation();
  const { workspace, user } = useCurrentWorkspace();
  const agents = useAgents(workspace.id);
  const setMine = useSetMyAvailability(workspace.id);
  const mine = agents.data?.find((agent) => agent.userId === user.id);
  return (
    <Paper p="md">
      <Group justify="space-between">
        <div>
          <Text fw={500}>{t('routing.agents.mine')}</Text>
          <Text size="sm" c="dimmed">
            {t('routing.agents.mineHint')}
          </Text>
        </div>
        <SegmentedControl
          data={AVAILABILITIES.map((value) => ({
            value,
            label: t(`routing.availability.${value}`),
          }))}
          value={mine?.availability ?? 'online'}
          onChange={(value) =>
            setMine.mutate(value as Availability, {
              onError: (error) => notifications.show({ color: 'red', message: error.message }),
            })
          }
        />
      </Group>
    </Paper>
  );
}

function TeamCard({
  team,
  canManage,
  onEdit,
}: {
  team: Team;
  canManage: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const names = useRoutingNames(workspace.id);
  const remove = useDeleteTeam(workspace.id);
  const confirmRemove = () =>
    modals.openConfirmModal({
      title: t('routing.teams.remove'),
      children: <Text size="sm">{t('routing.teams.removeConfirm', { name: team.name })}</Text>,
      labels: { confirm: t('routing.remove'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(team.id, {
          onError: (error) => notifications.show({ color: 'red', message: error.message }),
        }),
    });
  return (
    <Paper p="md" withBorder>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={5}>{team.name}</Title>
          {team.description && (
            <Text size="xs" c="dimmed">
              {team.description}
            </Text>
          )}
        </div>
        {canManage && (
          <Group gap={4}>
            <ActionIcon
              variant="subtle"
              aria-label={t('routing.teams.editNamed', { name: team.name })}
              onClick={onEdit}
            >
              <IconPencil size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('routing.teams.removeNamed', { name: team.name })}
              onClick={confirmRemove}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        )}
      </Group>
      <Text size="sm" mb={6}>
        {t('routing.teams.leadIs', {
          name: team.leadUserId ? names.person(team.leadUserId) : t('routing.teams.noLead'),
        })}
      </Text>
      {team.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('routing.teams.noMembers')}
        </Text>
      ) : (
        <Group gap={6}>
          {team.members.map((member) => (
            <Badge
              key={member.userId}
              tt="none"
              variant={member.tier === 'expert' ? 'filled' : 'light'}
              color={member.tier === 'expert' ? 'grape' : 'blue'}
            >
              {names.person(member.userId)} · {t(`routing.tiers.${member.tier}`)}
            </Badge>
          ))}
        </Group>
      )}
    </Paper>
  );
}

function AgentsTable({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const agents = useAgents(workspace.id);
  const names = useRoutingNames(workspace.id);
  const update = useUpdateAgent(workspace.id);
  const change = (agent: Agent, body: { availability?: Availability; capacity?: number }) =>
    update.mutate(
      { userId: agent.userId, body },
      { onError: (error) => notifications.show({ color: 'red', message: error.message }) },
    );
  return (
    <Paper p="md" aria-labelledby="agents-title">
      <Title order={4} id="agents-title" mb={4}>
        {t('routing.agents.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('routing.agents.hint')}
      </Text>
      {agents.isPending ? (
        <LoadingState minHeight={80} />
      ) : agents.isError ? (
        <ErrorState error={agents.error} onRetry={() => void agents.refetch()} />
      ) : agents.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('routing.agents.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('routing.agents.person')}</Table.Th>
                <Table.Th>{t('routing.agents.availability')}</Table.Th>
                <Table.Th>{t('routing.agents.load')}</Table.Th>
                <Table.Th>{t('routing.agents.capacity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agents.data.map((agent) => (
                <Table.Tr key={agent.userId}>
                  <Table.Td>{names.person(agent.userId)}</Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <Select
                        size="xs"
                        w={120}
                        aria-label={t('routing.agents.availabilityOf', {
                          name: names.person(agent.userId),
                        })}
                        data={AVAILABILITIES.map((value) => ({
                          value,
                          label: t(`routing.availability.${value}`),
                        }))}
                        value={agent.availability}
                        onChange={(value) =>
                          value && change(agent, { availability: value as Availability })
                        }
                        allowDeselect={false}
                      />
                    ) : (
                      <Badge color={AVAILABILITY_COLORS[agent.availability]} variant="light">
                        {t(`routing.availability.${agent.availability}`)}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {agent.openConversations === null
                      ? '—'
                      : `${agent.openConversations} / ${agent.capacity}`}
                  </Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <NumberInput
                        size="xs"
                        w={90}
                        min={0}
                        max={500}
                        aria-label={t('routing.agents.capacityOf', {
                          name: names.person(agent.userId),
                        })}
                        defaultValue={agent.capacity}
                        onBlur={(event) => {
                          const value = Number(event.currentTarget.value);
                          if (Number.isInteger(value) && value !== agent.capacity) {
                            change(agent, { capacity: value });
                          }
                        }}
                      />
                    ) : (
                      agent.capacity
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
