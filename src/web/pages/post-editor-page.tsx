import {
  Accordion,
  Alert,
  Anchor,
  Button,
  Group,
  Kbd,
  Paper,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent, IconCheck, IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Channel, Post } from '../../shared/publishing.ts';
import { ApiError } from '../api/client.ts';
import { useChannels } from '../api/use-channels.ts';
import {
  useCreatePost,
  usePost,
  usePostAction,
  usePublishingSettings,
  useSchedulePost,
  useUpdatePost,
} from '../api/use-posts.ts';
import { ChannelPicker } from '../components/channel-picker.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, FormError, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { ScheduleField } from '../components/schedule-field.tsx';
import { VariantPanel } from '../components/variant-panel.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { fromLocalInputValue, toLocalInputValue } from '../lib/datetime-local.ts';
import { formError } from '../lib/field-errors.ts';
import { useFormatDate } from '../lib/format.ts';
import {
  buildPostBody,
  draftFromPost,
  EMPTY_DRAFT,
  targetErrors,
  type PostDraft,
  type Variant,
} from '../lib/post-variants.ts';
import { canBeScheduled, isEditable } from '../lib/post-status.ts';

export function PostEditorPage() {
  return (
    <RequirePermission permission="posts.write">
      <EditorLoader />
    </RequirePermission>
  );
}

function EditorLoader() {
  const { t } = useTranslation();
  const { postId } = useParams();
  const { workspace } = useCurrentWorkspace();
  const channels = useChannels(workspace.id);
  const settings = usePublishingSettings(workspace.id);
  const post = usePost(workspace.id, postId ?? '', postId !== undefined);
  const base = `/w/${workspace.id}`;

  const title = postId ? t('editor.editTitle') : t('editor.newTitle');
  const pending =
    channels.isPending || settings.isPending || (postId !== undefined && post.isPending);
  const failed = channels.error ?? settings.error ?? (postId ? post.error : null);

  let content;
  if (pending) content = <LoadingState />;
  else if (failed) {
    content = (
      <ErrorState
        error={failed}
        onRetry={() => {
          void channels.refetch();
          void settings.refetch();
          if (postId) void post.refetch();
        }}
      />
    );
  } else if (!channels.data?.length) {
    content = (
      <Paper>
        <EmptyState
          message={t('editor.noChannels')}
          action={
            <Button component={Link} to={`${base}/channels`}>
              {t('channels.connect')}
            </Button>
          }
        />
      </Paper>
    );
  } else if (post.data && !isEditable(post.data.status)) {
    content = (
      <Alert color="yellow">
        {t('editor.notEditable', { status: t(`postStatus.${post.data.status}`) })}{' '}
        <Anchor component={Link} to={`${base}/posts/${post.data.id}`}>
          {t('posts.post')}
        </Anchor>
      </Alert>
    );
  } else {
    content = (
      <PostEditor
        key={postId ?? 'new'}
        post={postId ? (post.data ?? null) : null}
        channels={channels.data}
        approvalRequired={(settings.data?.approvalSteps.length ?? 0) > 0}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={title}
        actions={
          <Text size="xs" c="dimmed" visibleFrom="sm">
            <Kbd size="xs">Ctrl</Kbd>/<Kbd size="xs">⌘</Kbd> + <Kbd size="xs">Enter</Kbd>{' '}
            {t('editor.shortcut')}
          </Text>
        }
      />
      {content}
    </>
  );
}

type Busy = 'save' | 'submit' | 'schedule' | 'publish' | null;

function PostEditor({
  post,
  channels,
  approvalRequired,
}: {
  post: Post | null;
  channels: Channel[];
  approvalRequired: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const [searchParams] = useSearchParams();
  const { workspace, can } = useCurrentWorkspace();
  const base = `/w/${workspace.id}`;
  const create = useCreatePost(workspace.id);
  const update = useUpdatePost(workspace.id);
  const action = usePostAction(workspace.id);
  const scheduleMutation = useSchedulePost(workspace.id);

  const [draft, setDraft] = useState<PostDraft>(() => (post ? draftFromPost(post) : EMPTY_DRAFT));
  const [current, setCurrent] = useState<Post | null>(post);
  const savedJson = useRef(JSON.stringify(buildPostBody(draft)));
  const [expanded, setExpanded] = useState<string[]>(draft.channelIds);
  const [scheduleAt, setScheduleAt] = useState(() =>
    toLocalInputValue(post?.scheduledAt ?? searchParams.get('at')),
  );
  const [scheduleError, setScheduleError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);
  const [sentIds, setSentIds] = useState<string[]>([]);

  const body = buildPostBody(draft);
  const dirty = current === null || JSON.stringify(body) !== savedJson.current;
  const status = current?.status ?? 'draft';
  // Exact paths only: `targets.1.title` belongs to that channel's version, not the main title.
  const errorFor = (field: string) => (error instanceof ApiError ? error.fields[field] : undefined);
  const variantErrors = targetErrors(error, sentIds);
  const chosen = channels.filter((channel) => draft.channelIds.includes(channel.id));

  // Unsaved work should not vanish with a stray tab close.
  useEffect(() => {
    if (!dirty || (current === null && draft.body === '' && draft.title === '')) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, current, draft.body, draft.title]);

  const set = (patch: Partial<PostDraft>) => setDraft((old) => ({ ...old, ...patch }));

  const setChannels = (ids: string[]) => {
    // Keep the workspace's channel order, so positions in server errors stay predictable.
    const ordered = channels.filter((c) => ids.includes(c.id)).map((c) => c.id);
    const added = ordered.filter((id) => !draft.channelIds.includes(id));
    setExpanded((old) => [...old.filter((id) => ordered.includes(id)), ...added]);
    set({ channelIds: ordered });
  };

  const setVariant = (channelId: string, variant: Variant) =>
    setDraft((old) => ({ ...old, variants: { ...old.variants, [channelId]: variant } }));

  async function save(): Promise<Post> {
    const payload = buildPostBody(draft);
    setSentIds(payload.targets.map((target) => target.channelId));
    let saved: Post;
    if (!current) {
      saved = await create.mutateAsync(payload);
    } else if (JSON.stringify(payload) !== savedJson.current) {
      saved = await update.mutateAsync({ postId: current.id, body: payload });
    } else {
      return current;
    }
    savedJson.current = JSON.stringify(payload);
    setCurrent(saved);
    return saved;
  }

  const run = async (kind: Exclude<Busy, null>, work: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError && Object.keys(caught.fields).length > 0) {
        const broken = Object.keys(targetErrors(caught, draft.channelIds));
        setExpanded((old) => [...new Set([...old, ...broken])]);
        notifications.show({
          color: 'red',
          message: broken.length > 0 ? t('editor.fixVersions') : caught.message,
        });
      }
    } finally {
      setBusy(null);
    }
  };

  const saveDraft = () =>
    run('save', async () => {
      const wasNew = current === null;
      const saved = await save();
      notifications.show({ color: 'teal', message: t('editor.saved') });
      if (wasNew) void navigate(`${base}/posts/${saved.id}/edit`, { replace: true });
    });

  const submit = () =>
    run('submit', async () => {
      const saved = await save();
      await action.mutateAsync({ postId: saved.id, action: 'submit' });
      notifications.show({
        color: 'teal',
        message: approvalRequired ? t('editor.submitted') : t('editor.approved'),
      });
      void navigate(`${base}/posts/${saved.id}`);
    });

  const schedule = () => {
    const at = fromLocalInputValue(scheduleAt);
    if (!at) {
      setScheduleError(t('editor.pickTime'));
      return;
    }
    setScheduleError(null);
    void run('schedule', async () => {
      const saved = await save();
      await scheduleMutation.mutateAsync({ postId: saved.id, scheduledAt: at });
      notifications.show({
        color: 'teal',
        message: t('editor.scheduled', { date: formatDate(at) }),
      });
      void navigate(`${base}/posts/${saved.id}`);
    });
  };

  const publishNow = () =>
    modals.openConfirmModal({
      title: t('editor.publishNowTitle'),
      children: <Text size="sm">{t('editor.publishNowConfirm')}</Text>,
      labels: { confirm: t('editor.publishNow'), cancel: t('app.cancel') },
      onConfirm: () =>
        void run('publish', async () => {
          const saved = await save();
          await action.mutateAsync({ postId: saved.id, action: 'publish-now' });
          notifications.show({ color: 'teal', message: t('editor.publishing') });
          void navigate(`${base}/posts/${saved.id}`);
        }),
    });

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!busy) void saveDraft();
    }
  };

  const canSubmit = ['draft', 'changes_requested'].includes(status);
  const canSchedule = can('posts.publish') && canBeScheduled(status, approvalRequired);
  const disabled = busy !== null;

  return (
    <form onSubmit={(event) => event.preventDefault()} onKeyDown={onKeyDown} noValidate>
      <Stack gap="lg">
        <Paper p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <TextInput
              label={t('editor.title')}
              description={t('editor.titleHint')}
              value={draft.title}
              onChange={(event) => set({ title: event.currentTarget.value })}
              error={errorFor('title')}
              maxLength={200}
              autoFocus={!post}
            />
            <Textarea
              label={t('editor.body')}
              placeholder={t('editor.bodyPlaceholder')}
              value={draft.body}
              onChange={(event) => set({ body: event.currentTarget.value })}
              error={errorFor('body')}
              autosize
              minRows={5}
              maxRows={20}
            />
            <TagsInput
              label={t('editor.topics')}
              placeholder={t('editor.topicsPlaceholder')}
              value={draft.topics}
              onChange={(topics) => set({ topics })}
              error={errorFor('topics')}
              maxTags={10}
              splitChars={[',', '，', '#']}
              clearable
            />
            <ChannelPicker
              channels={channels}
              value={draft.channelIds}
              onChange={setChannels}
              error={errorFor('targets')}
            />
          </Stack>
        </Paper>

        <Stack gap="sm">
          <Title order={4}>{t('editor.versions')}</Title>
          {chosen.length === 0 ? (
            <Paper>
              <EmptyState message={t('editor.pickChannel')} />
            </Paper>
          ) : (
            <Paper>
              <Accordion multiple value={expanded} onChange={setExpanded} variant="default">
                {chosen.map((channel) => (
                  <VariantPanel
                    key={channel.id}
                    channel={channel}
                    variant={draft.variants[channel.id] ?? { text: null, title: null }}
                    mainText={draft.body}
                    mainTitle={draft.title}
                    topics={draft.topics}
                    errors={variantErrors[channel.id]}
                    disabled={disabled}
                    onChange={(variant) => setVariant(channel.id, variant)}
                  />
                ))}
              </Accordion>
            </Paper>
          )}
        </Stack>

        <Paper p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            {canSchedule && (
              <ScheduleField
                value={scheduleAt}
                onChange={(value) => {
                  setScheduleAt(value);
                  setScheduleError(null);
                }}
                channelIds={draft.channelIds}
                error={scheduleError ?? errorFor('scheduledAt')}
                disabled={disabled}
              />
            )}
            {approvalRequired && !canSchedule && can('posts.publish') && (
              <Text size="sm" c="dimmed">
                {t('editor.approvalNeeded')}
              </Text>
            )}
            {approvalRequired && status === 'approved' && dirty && (
              <Alert color="yellow" variant="light">
                {t('editor.reapproveWarning')}
              </Alert>
            )}
            <FormError message={formError(error)} />
            <Group gap="sm">
              <Button
                type="button"
                variant="default"
                leftSection={<IconDeviceFloppy size={18} />}
                loading={busy === 'save'}
                disabled={disabled && busy !== 'save'}
                onClick={() => void saveDraft()}
              >
                {t('editor.saveDraft')}
              </Button>
              {canSubmit && (
                <Button
                  type="button"
                  variant="light"
                  leftSection={<IconCheck size={18} />}
                  loading={busy === 'submit'}
                  disabled={disabled && busy !== 'submit'}
                  onClick={() => void submit()}
                  title={approvalRequired ? undefined : t('editor.noApprovalSteps')}
                >
                  {approvalRequired ? t('editor.submit') : t('editor.approve')}
                </Button>
              )}
              {canSchedule && (
                <Button
                  type="button"
                  leftSection={<IconCalendarEvent size={18} />}
                  loading={busy === 'schedule'}
                  disabled={disabled && busy !== 'schedule'}
                  onClick={schedule}
                >
                  {t('editor.schedule')}
                </Button>
              )}
              {canSchedule && (
                <Button
                  type="button"
                  variant="outline"
                  leftSection={<IconSend size={18} />}
                  loading={busy === 'publish'}
                  disabled={disabled && busy !== 'publish'}
                  onClick={publishNow}
                >
                  {t('editor.publishNow')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      </Stack>
    </form>
  );
}
