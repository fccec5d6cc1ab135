import {
  Accordion,
  ActionIcon,
  Button,
  Chip,
  Divider,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTENTS, MESSAGE_KINDS } from '../../shared/inbox.ts';
import {
  PRIORITIES,
  RULE_ACTION_TYPES,
  SENTIMENTS,
  type RoutingRule,
  type RuleAction,
  type RuleActionType,
  type RuleConditions,
} from '../../shared/routing.ts';
import { useChannels } from '../api/use-channels.ts';
import { useBusinessHours, useCannedReplies, useSaveRule } from '../api/use-routing.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { RoutingDryRun } from './routing-dry-run.tsx';
import { useIntentLabel, useRoutingNames } from './routing-names.ts';
import { useCurrentWorkspace } from './workspace-context.ts';

/** `null` when closed; `rule: null` is a new rule. */
export type RuleEditorTarget = null | { rule: RoutingRule | null };

export function RoutingRuleEditor({
  target,
  onClose,
}: {
  target: RuleEditorTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="xl"
      title={target?.rule ? t('routing.editRule') : t('routing.newRule')}
    >
      {target && <RuleForm key={target.rule?.id ?? 'new'} rule={target.rule} onDone={onClose} />}
    </Modal>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function blankAction(type: RuleActionType): RuleAction {
  switch (type) {
    case 'auto_reply':
      return { type, cannedReplyId: '' };
    case 'assign_team':
      return { type, teamId: '' };
    case 'assign_user':
      return { type, userId: '' };
    case 'add_tags':
      return { type, tags: [] };
    case 'set_priority':
      return { type, priority: 'high' };
    case 'escalate':
      return { type, tier: 'expert' };
    case 'hide':
      return { type };
  }
}

/** Actions complete enough to try: a reply, team or person chosen, a tag written. */
function completeActions(actions: readonly RuleAction[]): RuleAction[] {
  return actions.filter((action) => {
    switch (action.type) {
      case 'auto_reply':
        return action.cannedReplyId !== '';
      case 'assign_team':
        return action.teamId !== '';
      case 'assign_user':
        return action.userId !== '';
      case 'add_tags':
        return action.tags.length > 0;
      case 'set_priority':
      case 'escalate':
      case 'hide':
        return true;
    }
  });
}

/** Drops empty lists and blanks so the saved rule says only what the lead set. */
function tidy(conditions: RuleConditions): RuleConditions {
  const list = (values: string[] | undefined) => (values && values.length > 0 ? values : undefined);
  const out: RuleConditions = {
    channelIds: list(conditions.channelIds),
    kinds: list(conditions.kinds),
    intents: list(conditions.intents),
    sentiments: conditions.sentiments?.length ? conditions.sentiments : undefined,
    languages: list(conditions.languages),
  };
  const k = conditions.keywords;
  if (k && (k.any?.length || k.all?.length || k.none?.length)) {
    out.keywords = { any: list(k.any), all: list(k.all), none: list(k.none) };
  }
  const tags = conditions.contactTags;
  if (tags && (tags.any?.length || tags.none?.length)) {
    out.contactTags = { any: list(tags.any), none: list(tags.none) };
  }
  const f = conditions.followers;
  if (f && (f.min !== undefined || f.max !== undefined)) out.followers = f;
  const s = conditions.schedule;
  if (s && (s.weekdays?.length || s.from || s.to)) {
    out.schedule = {
      weekdays: s.weekdays?.length ? s.weekdays : undefined,
      from: s.from || undefined,
      to: s.to || undefined,
    };
  }
  if (conditions.businessHours?.businessHoursId) out.businessHours = conditions.businessHours;
  return JSON.parse(JSON.stringify(out)) as RuleConditions;
}

function RuleForm({ rule, onDone }: { rule: RoutingRule | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const save = useSaveRule(workspace.id);
  const intentLabel = useIntentLabel();
  const channels = useChannels(workspace.id);
  const replies = useCannedReplies(workspace.id, {});
  const hours = useBusinessHours(workspace.id);
  const names = useRoutingNames(workspace.id);
  const [name, setName] = useState(rule?.name ?? '');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [stop, setStop] = useState(rule?.stopProcessing ?? false);
  const [conditions, setConditions] = useState<RuleConditions>(rule?.conditions ?? {});
  const [actions, setActions] = useState<RuleAction[]>(
    rule?.actions ?? [{ type: 'assign_team', teamId: '' }],
  );
  const errorFor = fieldErrors(save.error);

  const set = (patch: Partial<RuleConditions>) => setConditions((old) => ({ ...old, ...patch }));
  const setAction = (index: number, action: RuleAction) =>
    setActions((old) => old.map((entry, i) => (i === index ? action : entry)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      enabled,
      stopProcessing: stop,
      conditions: tidy(conditions),
      actions,
    };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('app.saved') });
      onDone();
    };
    if (rule) save.mutate({ ruleId: rule.id, body }, { onSuccess });
    else save.mutate({ ruleId: null, body }, { onSuccess });
  };

  const keywordField = (part: 'any' | 'all' | 'none') => (
    <TagsInput
      label={t(`routing.conditions.keywords_${part}`)}
      value={conditions.keywords?.[part] ?? []}
      onChange={(value) => set({ keywords: { ...conditions.keywords, [part]: value } })}
      placeholder={t('routing.typeEnter')}
      error={errorFor(`conditions.keywords.${part}`)}
      clearable
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('routing.ruleName')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          maxLength={100}
          required
          data-autofocus
        />
        <Group gap="xl">
          <Switch
            label={t('routing.enabled')}
            checked={enabled}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
          />
          <Switch
            label={t('routing.stopProcessing')}
            description={t('routing.stopProcessingHint')}
            checked={stop}
            onChange={(event) => setStop(event.currentTarget.checked)}
          />
        </Group>

        <Divider />
        <Title order={5}>{t('routing.when')}</Title>
        <Text size="xs" c="dimmed">
          {t('routing.whenHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('routing.conditions.channel')}
            data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={conditions.channelIds ?? []}
            onChange={(value) => set({ channelIds: value })}
            placeholder={t('routing.any')}
            searchable
            clearable
          />
          <MultiSelect
            label={t('routing.conditions.kind')}
            data={MESSAGE_KINDS.filter((kind) => kind !== 'note').map((kind) => ({
              value: kind,
              label: t(`routing.kinds.${kind}`),
            }))}
            value={conditions.kinds ?? []}
            onChange={(value) => set({ kinds: value })}
            placeholder={t('routing.any')}
            clearable
          />
          <MultiSelect
            label={t('routing.conditions.intent')}
            data={INTENTS.map((intent) => ({ value: intent, label: intentLabel(intent) }))}
            value={conditions.intents ?? []}
            onChange={(value) => set({ intents: value })}
            placeholder={t('routing.any')}
            clearable
          />
          <MultiSelect
            label={t('routing.conditions.sentiment')}
            data={SENTIMENTS.map((s) => ({ value: s, label: t(`routing.sentiments.${s}`) }))}
            value={conditions.sentiments ?? []}
            onChange={(value) => set({ sentiments: value as RuleConditions['sentiments'] })}
            placeholder={t('routing.any')}
            clearable
          />
        </SimpleGrid>
        <Text size="sm" fw={500}>
          {t('routing.conditions.keywords')}
        </Text>
        <Text size="xs" c="dimmed" mt={-12}>
          {t('routing.keywordsHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {keywordField('any')}
          {keywordField('all')}
          {keywordField('none')}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TagsInput
            label={t('routing.conditions.contactTagsAny')}
            value={conditions.contactTags?.any ?? []}
            onChange={(value) => set({ contactTags: { ...conditions.contactTags, any: value } })}
            placeholder={t('routing.typeEnter')}
            clearable
          />
          <TagsInput
            label={t('routing.conditions.contactTagsNone')}
            value={conditions.contactTags?.none ?? []}
            onChange={(value) => set({ contactTags: { ...conditions.contactTags, none: value } })}
            placeholder={t('routing.typeEnter')}
            clearable
          />
          <NumberInput
            label={t('routing.conditions.followersMin')}
            value={conditions.followers?.min ?? ''}
            onChange={(value) =>
              set({
                followers: {
                  ...conditions.followers,
                  min: typeof value === 'number' ? value : undefined,
                },
              })
            }
            min={0}
            thousandSeparator=","
            error={errorFor('conditions.followers')}
          />
          <NumberInput
            label={t('routing.conditions.followersMax')}
            value={conditions.followers?.max ?? ''}
            onChange={(value) =>
              set({
                followers: {
                  ...conditions.followers,
                  max: typeof value === 'number' ? value : undefined,
                },
              })
            }
            min={0}
            thousandSeparator=","
          />
        </SimpleGrid>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('routing.conditions.schedule')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('routing.scheduleHint', { timezone: workspace.timezone })}
          </Text>
          <Chip.Group
            multiple
            value={(conditions.schedule?.weekdays ?? []).map(String)}
            onChange={(value) =>
              set({ schedule: { ...conditions.schedule, weekdays: value.map(Number) } })
            }
          >
            <Group gap={6}>
              {WEEKDAYS.map((day) => (
                <Chip key={day} value={String(day)} size="xs">
                  {t(`routing.weekdays.${day}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Group grow>
            <TextInput
              type="time"
              label={t('routing.from')}
              value={conditions.schedule?.from ?? ''}
              onChange={(event) =>
                set({ schedule: { ...conditions.schedule, from: event.currentTarget.value } })
              }
              error={errorFor('conditions.schedule.from')}
            />
            <TextInput
              type="time"
              label={t('routing.to')}
              value={conditions.schedule?.to ?? ''}
              onChange={(event) =>
                set({ schedule: { ...conditions.schedule, to: event.currentTarget.value } })
              }
              error={errorFor('conditions.schedule.to')}
            />
          </Group>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Select
              style={{ flex: 1 }}
              label={t('routing.conditions.businessHours')}
              data={(hours.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
              value={conditions.businessHours?.businessHoursId ?? null}
              onChange={(value) =>
                set({
                  businessHours: value
                    ? {
                        businessHoursId: value,
                        state: conditions.businessHours?.state ?? 'outside',
                      }
                    : undefined,
                })
              }
              placeholder={t('routing.anyTime')}
              error={errorFor('conditions.businessHours.businessHoursId')}
              clearable
            />
            {conditions.businessHours && (
              <SegmentedControl
                data={[
                  { value: 'inside', label: t('routing.inside') },
                  { value: 'outside', label: t('routing.outside') },
                ]}
                value={conditions.businessHours.state}
                onChange={(value) =>
                  set({
                    businessHours: {
                      businessHoursId: conditions.businessHours!.businessHoursId,
                      state: value as 'inside' | 'outside',
                    },
                  })
                }
              />
            )}
          </Group>
          <TagsInput
            label={t('routing.conditions.language')}
            data={['zh', 'en']}
            value={conditions.languages ?? []}
            onChange={(value) => set({ languages: value })}
            placeholder={t('routing.any')}
            clearable
          />
        </SimpleGrid>

        <Divider />
        <Title order={5}>{t('routing.then')}</Title>
        {errorFor('actions') && (
          <Text size="sm" c="red">
            {errorFor('actions')}
          </Text>
        )}
        <Stack gap="xs">
          {actions.map((action, index) => (
            <Group key={index} align="flex-start" gap="xs" wrap="nowrap">
              <Select
                w={200}
                aria-label={t('routing.actionType')}
                data={RULE_ACTION_TYPES.map((type) => ({
                  value: type,
                  label: t(`routing.actions.${type}`),
                }))}
                value={action.type}
                onChange={(value) =>
                  value && setAction(index, blankAction(value as RuleActionType))
                }
                allowDeselect={false}
              />
              <div style={{ flex: 1 }}>
                <ActionParams
                  action={action}
                  onChange={(next) => setAction(index, next)}
                  error={(field) => errorFor(`actions.${index}.${field}`)}
                  replies={(replies.data ?? []).map((r) => ({ value: r.id, label: r.title }))}
                  teams={names.teams.map((team) => ({ value: team.id, label: team.name }))}
                  members={names.members.map((m) => ({ value: m.userId, label: m.name }))}
                />
              </div>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('routing.removeAction')}
                onClick={() => setActions((old) => old.filter((_, i) => i !== index))}
                disabled={actions.length === 1}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setActions((old) => [...old, blankAction('add_tags')])}
              disabled={actions.length >= 10}
            >
              {t('routing.addAction')}
            </Button>
          </Group>
        </Stack>

        <Accordion variant="contained">
          <Accordion.Item value="try">
            <Accordion.Control>{t('routing.tryThisRule')}</Accordion.Control>
            <Accordion.Panel>
              <Text size="xs" c="dimmed" mb="xs">
                {t('routing.tryThisRuleHint')}
              </Text>
              <RoutingDryRun
                compact
                draft={{
                  ruleId: rule?.id ?? null,
                  name: name.trim() || t('routing.newRule'),
                  enabled,
                  stopProcessing: stop,
                  conditions: tidy(conditions),
                  actions: completeActions(actions),
                }}
              />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>

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

type Option = { value: string; label: string };

function ActionParams({
  action,
  onChange,
  error,
  replies,
  teams,
  members,
}: {
  action: RuleAction;
  onChange: (action: RuleAction) => void;
  error: (field: string) => string | undefined;
  replies: Option[];
  teams: Option[];
  members: Option[];
}) {
  const { t } = useTranslation();
  switch (action.type) {
    case 'auto_reply':
      return (
        <Select
          aria-label={t('routing.actions.auto_reply')}
          placeholder={replies.length ? t('routing.pickReply') : t('routing.noReplies')}
          data={replies}
          value={action.cannedReplyId || null}
          onChange={(value) => onChange({ ...action, cannedReplyId: value ?? '' })}
          error={error('cannedReplyId')}
          searchable
        />
      );
    case 'assign_team':
      return (
        <Select
          aria-label={t('routing.actions.assign_team')}
          placeholder={teams.length ? t('routing.pickTeam') : t('routing.noTeams')}
          data={teams}
          value={action.teamId || null}
          onChange={(value) => onChange({ ...action, teamId: value ?? '' })}
          error={error('teamId')}
        />
      );
    case 'assign_user':
      return (
        <Select
          aria-label={t('routing.actions.assign_user')}
          placeholder={t('routing.pickPerson')}
          data={members}
          value={action.userId || null}
          onChange={(value) => onChange({ ...action, userId: value ?? '' })}
          error={error('userId')}
          searchable
        />
      );
    case 'add_tags':
      return (
        <TagsInput
          aria-label={t('routing.actions.add_tags')}
          placeholder={t('routing.typeEnter')}
          value={action.tags}
          onChange={(tags) => onChange({ ...action, tags })}
          error={error('tags')}
        />
      );
    case 'set_priority':
      return (
        <SegmentedControl
          data={PRIORITIES.map((p) => ({ value: p, label: t(`routing.priorities.${p}`) }))}
          value={action.priority}
          onChange={(value) =>
            onChange({ ...action, priority: value as (typeof PRIORITIES)[number] })
          }
        />
      );
    case 'escalate':
      return (
        <SegmentedControl
          data={[
            { value: 'expert', label: t('routing.tiers.expert') },
            { value: 'lead', label: t('routing.tiers.lead') },
          ]}
          value={action.tier}
          onChange={(value) => onChange({ ...action, tier: value as 'expert' | 'lead' })}
        />
      );
    case 'hide':
      return (
        <Text size="sm" c="dimmed" pt={6}>
          {t('routing.hideHint')}
        </Text>
      );
  }
}
