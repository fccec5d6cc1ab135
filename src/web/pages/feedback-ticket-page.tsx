import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  FEEDBACK_TRANSITIONS,
  feedbackScore,
  type FeedbackStatus,
  type FeedbackTicket,
  type UpdateFeedbackBody,
} from '../../shared/feedback.ts';
import {
  useDeleteFeedback,
  useFeedbackSettings,
  useFeedbackTicket,
  useFeedbackTickets,
  useSplitCluster,
  useUpdateFeedback,
} from '../api/use-feedback.ts';
import { useMembers } from '../api/use-members.ts';
import {
  FeedbackSourceBadge,
  FeedbackStatusBadge,
  FollowUpBadge,
} from '../components/feedback-badges.tsx';
import { FeedbackFollowUpModal } from '../components/feedback-follow-up-modal.tsx';
import { FeedbackHistory } from '../components/feedback-history.tsx';
import { FeedbackLevelControl, FeedbackScoreFormula } from '../components/feedback-score.tsx';
import { FeedbackStatusModal } from '../components/feedback-status-modal.tsx';
import { excerpt } from '../components/feedback-tickets-table.tsx';
import { ErrorState, FormError, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { fromLocalInputValue, toLocalInputValue } from '../lib/datetime-local.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useFormatDate } from '../lib/format.ts';

export function FeedbackTicketPage() {
  return (
    <RequirePermission permission="feedback.manage">
      <TicketContent />
    </RequirePermission>
  );
}

function TicketContent() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const { ticketId = '' } = useParams();
  const ticket = useFeedbackTicket(workspace.id, ticketId);
  const base = `/w/${workspace.id}/feedback`;

  if (ticket.isPending) return <LoadingState minHeight={320} />;
  if (ticket.isError)
    return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const data = ticket.data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={base} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('feedback.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={2} maw={760} style={{ wordBreak: 'break-word' }}>
          {excerpt(data.text, 80)}
        </Title>
        <Group gap="xs">
          <FeedbackStatusBadge status={data.status} />
          <FeedbackSourceBadge source={data.source} />
          {data.overdue && (
            <Badge color="red" variant="filled">
              {t('feedback.overdue')}
            </Badge>
          )}
        </Group>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <TicketText ticket={data} />
            <ClusterMembers ticket={data} base={base} />
            <Paper p="md">
              <Title order={4} mb="sm">
                {t('feedback.ticket.history')}
              </Title>
              <FeedbackHistory key={data.updatedAt} ticketId={data.id} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <StatusCard ticket={data} />
            <AssessmentForm key={data.updatedAt} ticket={data} />
            <DeleteTicket ticket={data} base={base} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function TicketText({ ticket }: { ticket: FeedbackTicket }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const contact = [ticket.contact.name, ticket.contact.email, ticket.contact.handle].filter(
    Boolean,
  );
  const from = {
    message: t('feedback.ticket.fromMessage'),
    form: t('feedback.ticket.fromForm'),
    import: t('feedback.ticket.fromImport'),
    manual: t('feedback.ticket.fromManual'),
  }[ticket.source];
  return (
    <Paper p="md">
      <Stack gap="sm">
        <Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{ticket.text}</Text>
        <Group gap="lg">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('feedback.ticket.raisedBy')}
            </Text>
            <Text size="sm">
              {contact.length > 0 ? contact.join(' · ') : t('feedback.ticket.anonymous')}
              {ticket.raiser.vip && (
                <Badge ml={6} size="xs" color="grape" variant="light">
                  {t('feedback.ticket.vip')}
                </Badge>
              )}
            </Text>
          </Stack>
          {ticket.raiser.followers !== null && (
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('feedback.ticket.followers')}
              </Text>
              <Text size="sm">{ticket.raiser.followers.toLocaleString()}</Text>
            </Stack>
          )}
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('feedback.ticket.from')}
            </Text>
            <Text size="sm">
              {from} · {formatDate(ticket.createdAt)}
            </Text>
          </Stack>
        </Group>
        {ticket.resolution && (
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {ticket.status === 'declined'
                ? t('feedback.ticket.reason')
                : t('feedback.ticket.resolution')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {ticket.resolution}
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ClusterMembers({ ticket, base }: { ticket: FeedbackTicket; base: string }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const formatDate = useFormatDate();
  const members = useFeedbackTickets(workspace.id, { clusterId: ticket.cluster.id, limit: 200 });
  const split = useSplitCluster(workspace.id);
  const [selected, setSelected] = useState<string[]>([]);
  const alone = ticket.cluster.tickets <= 1;

  return (
    <Paper p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('feedback.cluster.title')}</Title>
        {!alone && (
          <Text size="sm" c="dimmed">
            {t('feedback.similar', { count: ticket.cluster.tickets - 1 })} ·{' '}
            {t('feedback.people', { count: ticket.cluster.people })}
          </Text>
        )}
      </Group>
      {alone ? (
        <Text size="sm" c="dimmed">
          {t('feedback.cluster.alone')}
        </Text>
      ) : members.isPending ? (
        <LoadingState minHeight={60} />
      ) : members.isError ? (
        <ErrorState error={members.error} />
      ) : (
        <Stack gap="xs">
          {members.data.items.map((member) => (
            <Group key={member.id} gap="sm" wrap="nowrap" align="flex-start">
              <Checkbox
                mt={2}
                aria-label={t('feedback.cluster.select', { title: excerpt(member.text, 40) })}
                checked={selected.includes(member.id)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setSelected((current) =>
                    on ? [...current, member.id] : current.filter((id) => id !== member.id),
                  );
                }}
              />
              <Stack gap={0} miw={0}>
                {member.id === ticket.id ? (
                  <Text size="sm" fw={600} lineClamp={2}>
                    {excerpt(member.text, 120)}
                  </Text>
                ) : (
                  <Anchor component={Link} to={`${base}/${member.id}`} size="sm" lineClamp={2}>
                    {excerpt(member.text, 120)}
                  </Anchor>
                )}
                <Group gap={6}>
                  <FeedbackStatusBadge status={member.status} />
                  <Text size="xs" c="dimmed">
                    {[member.contact.name, member.contact.email ?? member.contact.handle]
                      .filter(Boolean)
                      .join(' · ')}{' '}
                    {formatDate(member.createdAt)}
                  </Text>
                </Group>
              </Stack>
            </Group>
          ))}
          <FormError
            message={formError(split.error) ?? fieldErrors(split.error)('ticketIds') ?? null}
          />
          <Group>
            <Button
              size="xs"
              variant="light"
              disabled={selected.length === 0}
              loading={split.isPending}
              onClick={() =>
                split.mutate(
                  { clusterId: ticket.cluster.id, ticketIds: selected },
                  {
                    onSuccess: () => {
                      notifications.show({ color: 'teal', message: t('feedback.cluster.split') });
                      setSelected([]);
                    },
                  },
                )
              }
            >
              {t('feedback.cluster.splitSelected')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

function StatusCard({ ticket }: { ticket: FeedbackTicket }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [moving, setMoving] = useState<FeedbackStatus | null>(null);
  const [recording, setRecording] = useState(false);
  const canRecord =
    (ticket.status === 'resolved' || ticket.status === 'adopted' || ticket.status === 'closed') &&
    ticket.followUp.state !== 'confirmed' &&
    ticket.outcomeAt !== null;
  return (
    <Paper p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('feedback.ticket.status')}</Title>
          <FeedbackStatusBadge status={ticket.status} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('feedback.ticket.moveTo')}
        </Text>
        <Group gap="xs">
          {FEEDBACK_TRANSITIONS[ticket.status].map((status) => (
            <Button key={status} size="xs" variant="light" onClick={() => setMoving(status)}>
              {t(`feedback.statuses.${status}`)}
            </Button>
          ))}
        </Group>
        <Title order={5} mt="xs">
          {t('feedback.followUp.title')}
        </Title>
        <Group gap="xs">
          <FollowUpBadge state={ticket.followUp.state} />
          {ticket.followUp.notifiedAt && (
            <Text size="xs" c="dimmed">
              {t('feedback.followUp.notifiedAt', { date: formatDate(ticket.followUp.notifiedAt) })}
            </Text>
          )}
          {ticket.followUp.confirmedAt && (
            <Text size="xs" c="dimmed">
              {t('feedback.followUp.confirmedAt', {
                date: formatDate(ticket.followUp.confirmedAt),
              })}
              {ticket.followUp.outcome && ` · ${t(`feedback.outcomes.${ticket.followUp.outcome}`)}`}
            </Text>
          )}
        </Group>
        {ticket.followUp.error && (
          <Text size="xs" c="orange">
            {t('feedback.followUp.error', { error: ticket.followUp.error })}
          </Text>
        )}
        {ticket.followUp.note && (
          <Text size="sm" c="dimmed">
            {ticket.followUp.note}
          </Text>
        )}
        {canRecord ? (
          <Button size="xs" onClick={() => setRecording(true)}>
            {t('feedback.followUp.record')}
          </Button>
        ) : (
          ticket.followUp.state !== 'confirmed' && (
            <Text size="xs" c="dimmed">
              {t('feedback.followUp.needsOutcome')}
            </Text>
          )
        )}
      </Stack>
      <FeedbackStatusModal ticket={ticket} status={moving} onClose={() => setMoving(null)} />
      <FeedbackFollowUpModal
        ticket={recording ? ticket : null}
        onClose={() => setRecording(false)}
      />
    </Paper>
  );
}

function AssessmentForm({ ticket }: { ticket: FeedbackTicket }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const settings = useFeedbackSettings(workspace.id);
  const members = useMembers(workspace.id);
  const update = useUpdateFeedback(workspace.id);
  const [impactOverride, setImpactOverride] = useState<number | null>(ticket.impactOverride);
  const [urgency, setUrgency] = useState(ticket.urgency);
  const [cost, setCost] = useState(ticket.cost);
  const [followers, setFollowers] = useState<number | string>(ticket.raiser.followers ?? '');
  const [vip, setVip] = useState(ticket.raiser.vip);
  const [categoryId, setCategoryId] = useState(ticket.categoryId);
  const [departmentId, setDepartmentId] = useState(ticket.departmentId);
  const [ownerId, setOwnerId] = useState(ticket.ownerId);
  const [deadline, setDeadline] = useState(toLocalInputValue(ticket.deadline));
  const [applyToCluster, setApplyToCluster] = useState(ticket.cluster.tickets > 1);
  const errorOf = fieldErrors(update.error);
  const impact = impactOverride ?? ticket.autoImpact;
  const score = feedbackScore({ impact, urgency, cost });

  const save = () => {
    // Only what changed: a department left as it was must not clear the deadline it brought.
    const deadlineIso = fromLocalInputValue(deadline);
    const followerCount = typeof followers === 'number' ? followers : null;
    const body: UpdateFeedbackBody = {
      ...(impactOverride !== ticket.impactOverride ? { impactOverride } : {}),
      ...(urgency !== ticket.urgency ? { urgency } : {}),
      ...(cost !== ticket.cost ? { cost } : {}),
      ...(followerCount !== ticket.raiser.followers ? { followers: followerCount } : {}),
      ...(vip !== ticket.raiser.vip ? { vip } : {}),
      ...(categoryId !== ticket.categoryId ? { categoryId } : {}),
      ...(departmentId !== ticket.departmentId ? { departmentId } : {}),
      ...(ownerId !== ticket.ownerId ? { ownerId } : {}),
      ...(deadline !== toLocalInputValue(ticket.deadline) ? { deadline: deadlineIso } : {}),
      applyToCluster,
    };
    update.mutate(
      { ticketId: ticket.id, body },
      {
        onSuccess: (result) =>
          notifications.show({
            color: 'teal',
            message:
              result.changed > 1
                ? t('feedback.ticket.savedMany', { count: result.changed })
                : t('feedback.ticket.saved'),
          }),
      },
    );
  };

  return (
    <Paper p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('feedback.score.title')}</Title>
          <Badge
            size="lg"
            variant="filled"
            color={score >= 60 ? 'red' : score >= 30 ? 'orange' : 'gray'}
          >
            {t('feedback.score.value', { score })}
          </Badge>
        </Group>
        <FeedbackScoreFormula />
        <Select
          label={t('feedback.score.impact')}
          description={t('feedback.score.impactHint')}
          data={[
            { value: 'auto', label: `${t('feedback.score.useAuto')} (${ticket.autoImpact})` },
            ...['1', '2', '3', '4', '5'].map((value) => ({
              value,
              label: `${t('feedback.score.override')}: ${value}`,
            })),
          ]}
          value={impactOverride === null ? 'auto' : String(impactOverride)}
          onChange={(value) => setImpactOverride(!value || value === 'auto' ? null : Number(value))}
          allowDeselect={false}
        />
        <FeedbackLevelControl
          label={t('feedback.score.urgency')}
          hint={t('feedback.score.urgencyHint')}
          value={urgency}
          onChange={setUrgency}
        />
        <FeedbackLevelControl
          label={t('feedback.score.cost')}
          hint={t('feedback.score.costHint')}
          value={cost}
          onChange={setCost}
        />
        <Group grow align="flex-end">
          <NumberInput
            label={t('feedback.ticket.followers')}
            min={0}
            thousandSeparator=","
            value={followers}
            onChange={setFollowers}
            error={errorOf('followers')}
          />
          <Switch
            label={t('feedback.ticket.vip')}
            checked={vip}
            onChange={(event) => setVip(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <Title order={4} mt="sm">
          {t('feedback.ticket.assignment')}
        </Title>
        <Select
          label={t('feedback.ticket.category')}
          placeholder={t('feedback.ticket.noCategory')}
          clearable
          data={
            settings.data?.categories.map((item) => ({ value: item.id, label: item.name })) ?? []
          }
          value={categoryId}
          onChange={setCategoryId}
          error={errorOf('categoryId')}
        />
        <Select
          label={t('feedback.ticket.department')}
          placeholder={t('feedback.ticket.noDepartment')}
          clearable
          data={
            settings.data?.departments.map((item) => ({ value: item.id, label: item.name })) ?? []
          }
          value={departmentId}
          onChange={setDepartmentId}
          error={errorOf('departmentId')}
        />
        <Select
          label={t('feedback.ticket.owner')}
          placeholder={t('feedback.ticket.noOwner')}
          clearable
          searchable
          data={members.data?.map((member) => ({ value: member.userId, label: member.name })) ?? []}
          value={ownerId}
          onChange={setOwnerId}
          error={errorOf('ownerId')}
        />
        <TextInput
          type="datetime-local"
          label={t('feedback.ticket.deadline')}
          description={t('feedback.ticket.deadlineHint')}
          value={deadline}
          onChange={(event) => setDeadline(event.currentTarget.value)}
          error={errorOf('deadline')}
        />
        {ticket.cluster.tickets > 1 && (
          <Checkbox
            label={t('feedback.ticket.applyToCluster', { count: ticket.cluster.tickets })}
            checked={applyToCluster}
            onChange={(event) => setApplyToCluster(event.currentTarget.checked)}
          />
        )}
        <FormError message={formError(update.error)} />
        <Group justify="flex-end">
          <Button onClick={save} loading={update.isPending}>
            {t('feedback.ticket.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DeleteTicket({ ticket, base }: { ticket: FeedbackTicket; base: string }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const navigate = useNavigate();
  const remove = useDeleteFeedback(workspace.id);
  const confirm = () =>
    modals.openConfirmModal({
      title: t('feedback.ticket.delete'),
      children: <Text size="sm">{t('feedback.ticket.deleteConfirm')}</Text>,
      labels: { confirm: t('feedback.ticket.delete'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(ticket.id, {
          onSuccess: () => {
            notifications.show({ color: 'teal', message: t('feedback.ticket.deleted') });
            void navigate(base);
          },
        }),
    });
  return (
    <Group justify="flex-end">
      <Button
        variant="subtle"
        color="red"
        size="xs"
        leftSection={<IconTrash size={14} />}
        onClick={confirm}
      >
        {t('feedback.ticket.delete')}
      </Button>
    </Group>
  );
}
