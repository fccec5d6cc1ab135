import {
  Badge,
  Box,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTENTS, MESSAGE_KINDS } from '../../shared/inbox.ts';
import {
  SENTIMENTS,
  type DryRunBody,
  type DryRunResult,
  type RoutingPlan,
} from '../../shared/routing.ts';
import { useChannels } from '../api/use-channels.ts';
import { useCannedReplies, useDryRun } from '../api/use-routing.ts';
import { fromLocalInputValue } from '../lib/datetime-local.ts';
import { FormError } from './query-state.tsx';
import { useIntentLabel, useRoutingNames } from './routing-names.ts';
import { useCurrentWorkspace } from './workspace-context.ts';

const OUTCOME_COLORS = {
  fired: 'teal',
  no_match: 'gray',
  disabled: 'gray',
  not_reached: 'yellow',
} as const;

/**
 * "Which rules would fire for this message": a message typed by hand, run through the rules —
 * with `draft`, through the rules as they would be with the rule being edited.
 */
export function RoutingDryRun({
  draft,
  compact,
}: { draft?: DryRunBody['draft']; compact?: boolean } = {}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const dryRun = useDryRun(workspace.id);
  const intentLabel = useIntentLabel();
  const channels = useChannels(workspace.id);
  const [text, setText] = useState('');
  const [channelId, setChannelId] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>('direct_message');
  const [intent, setIntent] = useState<string | null>(null);
  const [sentiment, setSentiment] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [followers, setFollowers] = useState<number | string>('');
  const [at, setAt] = useState('');

  const submit = (event?: FormEvent | KeyboardEvent | MouseEvent) => {
    event?.preventDefault();
    dryRun.mutate({
      text,
      channelId,
      kind,
      intent,
      sentiment: sentiment as (typeof SENTIMENTS)[number] | null,
      language,
      contactTags: tags,
      followerCount: typeof followers === 'number' ? followers : null,
      ...(at && fromLocalInputValue(at) ? { at: fromLocalInputValue(at)! } : {}),
      ...(draft ? { draft } : {}),
    });
  };

  return (
    <Paper p={compact ? 0 : 'md'} aria-label={t('routing.dryRun')}>
      {!compact && (
        <>
          <Title order={4} mb={4}>
            {t('routing.dryRun')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('routing.dryRunHint')}
          </Text>
        </>
      )}
      {/* Inside the rule editor's own form a nested form is not allowed: a plain block then. */}
      <Box component={compact ? 'div' : 'form'} onSubmit={compact ? undefined : submit}>
        <Stack gap="sm">
          <Textarea
            label={t('routing.sampleMessage')}
            placeholder={t('routing.sampleMessagePlaceholder')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            autosize
            minRows={2}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.metaKey || event.ctrlKey))
                submit(event.nativeEvent);
            }}
          />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Select
              label={t('routing.conditions.channel')}
              data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={channelId}
              onChange={setChannelId}
              clearable
            />
            <Select
              label={t('routing.conditions.kind')}
              data={MESSAGE_KINDS.filter((k) => k !== 'note').map((k) => ({
                value: k,
                label: t(`routing.kinds.${k}`),
              }))}
              value={kind}
              onChange={setKind}
              clearable
            />
            <Select
              label={t('routing.conditions.intent')}
              data={INTENTS.map((i) => ({ value: i, label: intentLabel(i) }))}
              value={intent}
              onChange={setIntent}
              clearable
            />
            <Select
              label={t('routing.conditions.sentiment')}
              data={SENTIMENTS.map((s) => ({ value: s, label: t(`routing.sentiments.${s}`) }))}
              value={sentiment}
              onChange={setSentiment}
              clearable
            />
            <Select
              label={t('routing.conditions.language')}
              data={['zh-CN', 'en']}
              value={language}
              onChange={setLanguage}
              clearable
            />
            <TagsInput
              label={t('routing.contactTags')}
              value={tags}
              onChange={setTags}
              placeholder={t('routing.typeEnter')}
            />
            <NumberInput
              label={t('routing.followers')}
              value={followers}
              onChange={setFollowers}
              min={0}
              thousandSeparator=","
            />
            <TextInput
              type="datetime-local"
              label={t('routing.receivedAt')}
              description={t('routing.receivedAtHint')}
              value={at}
              onChange={(event) => setAt(event.currentTarget.value)}
            />
          </SimpleGrid>
          <Group>
            <Button
              type={compact ? 'button' : 'submit'}
              onClick={compact ? () => submit() : undefined}
              leftSection={<IconPlayerPlay size={16} />}
              loading={dryRun.isPending}
            >
              {t('routing.runDryRun')}
            </Button>
          </Group>
          <FormError message={dryRun.error ? dryRun.error.message : null} />
        </Stack>
      </Box>
      {dryRun.data && <DryRunOutcome result={dryRun.data} />}
    </Paper>
  );
}

function DryRunOutcome({ result }: { result: DryRunResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" mt="md" role="status" aria-live="polite">
      <Text size="sm" c="dimmed">
        {t('routing.evaluatedAt', { time: result.localTime, timezone: result.timezone })}
      </Text>
      {result.rules.length === 0 ? (
        <Text size="sm">{t('routing.noRulesYet')}</Text>
      ) : (
        <List spacing={6} listStyleType="none" ml={0}>
          {result.rules.map((rule) => (
            <List.Item key={rule.ruleId}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge color={OUTCOME_COLORS[rule.outcome]} variant="light" miw={90}>
                  {t(`routing.outcomes.${rule.outcome}`)}
                </Badge>
                <div>
                  <Text size="sm" fw={500}>
                    {rule.name}
                  </Text>
                  {rule.checks.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {rule.checks
                        .map(
                          (check) =>
                            `${check.ok ? '✓' : '✗'} ${t(`routing.conditions.${check.condition}`)}${
                              check.detail ? ` (${check.detail})` : ''
                            }`,
                        )
                        .join(' · ')}
                    </Text>
                  )}
                </div>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <PlanSummary plan={result.plan} />
    </Stack>
  );
}

/** What a plan does, in words. */
export function PlanSummary({ plan }: { plan: RoutingPlan }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const names = useRoutingNames(workspace.id);
  const replies = useCannedReplies(workspace.id, {});
  const replyTitle = (id: string) =>
    replies.data?.find((reply) => reply.id === id)?.title ?? t('routing.removedReply');
  const parts: string[] = [];
  if (plan.autoReplyId)
    parts.push(t('routing.plan.autoReply', { title: replyTitle(plan.autoReplyId) }));
  if (plan.userId) parts.push(t('routing.plan.assignUser', { name: names.person(plan.userId) }));
  if (plan.teamId) parts.push(t('routing.plan.assignTeam', { name: names.team(plan.teamId) }));
  if (plan.escalate)
    parts.push(t('routing.plan.escalate', { tier: t(`routing.tiers.${plan.escalate}`) }));
  if (plan.priority)
    parts.push(t('routing.plan.priority', { priority: t(`routing.priorities.${plan.priority}`) }));
  if (plan.tags.length) parts.push(t('routing.plan.tags', { tags: plan.tags.join(', ') }));
  if (plan.hide) parts.push(t('routing.plan.hide'));
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          {t('routing.plan.title')}
        </Text>
        {plan.tier && <Badge variant="outline">{t(`routing.tiers.${plan.tier}`)}</Badge>}
      </Group>
      <Text size="sm">{parts.length ? parts.join('; ') : t('routing.plan.nothing')}</Text>
    </Paper>
  );
}
