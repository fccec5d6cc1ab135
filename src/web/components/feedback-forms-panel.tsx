import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackCategory, FeedbackForm, FeedbackSettings } from '../../shared/feedback.ts';
import { useFeedbackForms, useSaveForm, useUpdateFeedbackSettings } from '../api/use-feedback.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { CopyField } from './copy-field.tsx';
import { ErrorState, FormError, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

export function formUrl(slug: string): string {
  return `${window.location.origin}/f/${slug}`;
}

export function boardUrl(slug: string): string {
  return `${window.location.origin}/b/${slug}`;
}

/** The snippet a site owner pastes into their page to show the form inside it. */
export function embedSnippet(slug: string, title: string): string {
  const safeTitle = title.replace(/"/g, '&quot;');
  return `<iframe src="${formUrl(slug)}?embed=1" title="${safeTitle}" style="width:100%;min-height:560px;border:0" loading="lazy"></iframe>`;
}

/** Public forms: each a page anyone can open to send feedback, to link to or embed. */
export function FeedbackFormsPanel({ categories }: { categories: FeedbackCategory[] }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const forms = useFeedbackForms(workspace.id);
  const [creating, setCreating] = useState(false);
  return (
    <Paper p="md">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>{t('feedback.settingsPage.forms')}</Title>
          {!creating && (
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setCreating(true)}
            >
              {t('feedback.settingsPage.newForm')}
            </Button>
          )}
        </Group>
        {creating && <NewForm categories={categories} onDone={() => setCreating(false)} />}
        {forms.isPending ? (
          <LoadingState minHeight={60} />
        ) : forms.isError ? (
          <ErrorState error={forms.error} onRetry={() => void forms.refetch()} />
        ) : forms.data.length === 0 ? (
          !creating && (
            <Text size="sm" c="dimmed">
              {t('feedback.settingsPage.formsEmpty')}
            </Text>
          )
        ) : (
          forms.data.map((form) => <FormCard key={form.id} form={form} />)
        )}
      </Stack>
    </Paper>
  );
}

function FormCard({ form }: { form: FeedbackForm }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const save = useSaveForm(workspace.id);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{form.title}</Text>
            <Badge variant="light" color="gray" tt="none">
              {t('feedback.settingsPage.submissions', { count: form.submissions })}
            </Badge>
          </Group>
          <Switch
            label={t('feedback.settingsPage.enabled')}
            checked={form.enabled}
            onChange={(event) =>
              save.mutate({ formId: form.id, body: { enabled: event.currentTarget.checked } })
            }
          />
        </Group>
        <Anchor href={formUrl(form.slug)} target="_blank" rel="noreferrer" size="sm">
          <Group gap={4}>
            {formUrl(form.slug)}
            <IconExternalLink size={14} />
          </Group>
        </Anchor>
        <CopyField
          label={t('feedback.settingsPage.embed')}
          value={embedSnippet(form.slug, form.title)}
        />
        <FormError message={formError(save.error)} />
      </Stack>
    </Paper>
  );
}

function NewForm({ categories, onDone }: { categories: FeedbackCategory[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const save = useSaveForm(workspace.id);
  const [title, setTitle] = useState('');
  const [intro, setIntro] = useState('');
  const [askContact, setAskContact] = useState(true);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const errorOf = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { formId: null, body: { title, intro, askContact, defaultCategoryId: categoryId } },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('feedback.settingsPage.formTitle')}
          required
          data-autofocus
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errorOf('title')}
        />
        <Textarea
          label={t('feedback.settingsPage.formIntro')}
          autosize
          minRows={2}
          value={intro}
          onChange={(event) => setIntro(event.currentTarget.value)}
          error={errorOf('intro')}
        />
        <Select
          label={t('feedback.settingsPage.defaultCategory')}
          placeholder={t('feedback.ticket.noCategory')}
          clearable
          data={categories.map((item) => ({ value: item.id, label: item.name }))}
          value={categoryId}
          onChange={setCategoryId}
        />
        <Switch
          label={t('feedback.settingsPage.askContact')}
          checked={askContact}
          onChange={(event) => setAskContact(event.currentTarget.checked)}
        />
        <FormError message={formError(save.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('feedback.settingsPage.newForm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** How similar two tickets must be for a new one to join an existing cluster. */
export function FeedbackThresholdPanel({ settings }: { settings: FeedbackSettings }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const update = useUpdateFeedbackSettings(workspace.id);
  const [value, setValue] = useState(settings.similarityThreshold);
  return (
    <Paper p="md">
      <Stack gap="sm">
        <Title order={4}>{t('feedback.settingsPage.clustering')}</Title>
        <Text size="sm" id="feedback-threshold-label">
          {t('feedback.settingsPage.threshold', { percent: Math.round(value * 100) })}
        </Text>
        <Slider
          min={0.3}
          max={0.95}
          step={0.05}
          value={value}
          onChange={setValue}
          onChangeEnd={(next) =>
            update.mutate(
              { similarityThreshold: next },
              { onSuccess: () => notifications.show({ color: 'teal', message: t('app.saved') }) },
            )
          }
          label={(next) => `${Math.round(next * 100)}%`}
          thumbProps={{ 'aria-labelledby': 'feedback-threshold-label' }}
        />
        <Text size="xs" c="dimmed">
          {t('feedback.settingsPage.thresholdHint')}
        </Text>
        <FormError message={formError(update.error)} />
      </Stack>
    </Paper>
  );
}

/** The public board of adopted suggestions: off until switched on. */
export function FeedbackBoardPanel({ settings }: { settings: FeedbackSettings }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const update = useUpdateFeedbackSettings(workspace.id);
  const [enabled, setEnabled] = useState(settings.board.enabled);
  const [slug, setSlug] = useState(settings.board.slug ?? '');
  const [title, setTitle] = useState(settings.board.title);
  const [intro, setIntro] = useState(settings.board.intro);
  const errorOf = fieldErrors(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        board: {
          enabled,
          title,
          intro,
          ...(slug.trim() && slug.trim() !== settings.board.slug ? { slug: slug.trim() } : {}),
        },
      },
      {
        onSuccess: (next) => {
          setSlug(next.board.slug ?? '');
          notifications.show({ color: 'teal', message: t('app.saved') });
        },
      },
    );
  };
  return (
    <Paper p="md">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={4}>{t('feedback.settingsPage.board')}</Title>
          <Text size="sm" c="dimmed">
            {t('feedback.settingsPage.boardHint')}
          </Text>
          <Switch
            label={t('feedback.settingsPage.boardEnabled')}
            checked={enabled}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
          />
          <TextInput
            label={t('feedback.settingsPage.boardTitle')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errorOf('title')}
          />
          <Textarea
            label={t('feedback.settingsPage.boardIntro')}
            autosize
            minRows={2}
            value={intro}
            onChange={(event) => setIntro(event.currentTarget.value)}
            error={errorOf('intro')}
          />
          <TextInput
            label={t('feedback.settingsPage.boardSlug')}
            leftSection={<Text size="xs">/b/</Text>}
            leftSectionWidth={36}
            value={slug}
            onChange={(event) => setSlug(event.currentTarget.value)}
            error={errorOf('slug')}
          />
          {settings.board.enabled && settings.board.slug && (
            <Anchor href={boardUrl(settings.board.slug)} target="_blank" rel="noreferrer" size="sm">
              <Group gap={4}>
                {boardUrl(settings.board.slug)}
                <IconExternalLink size={14} />
              </Group>
            </Anchor>
          )}
          <FormError message={formError(update.error)} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
