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
import type { ContentItem } from '../../shared/content.ts';
import type { Channel, Post } from '../../shared/publishing.ts';
import { ApiError } from '../api/client.ts';
import { useChannels } from '../api/use-channels.ts';
import { useMediaAssets } from '../api/use-media.ts';
import { useContentItem } from '../api/use-content.ts';
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
import { MediaAttachments } from '../components/media-attachments.tsx';
import { MediaPreviewContext } from '../components/media-preview-context.tsx';
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
  const [searchParams] = useSearchParams();
  const { workspace } = useCurrentWorkspace();
  const channels = useChannels(workspace.id);
  const settings = usePublishingSettings(workspace.id);
  const post = usePost(workspace.id, postId ?? '', postId !== undefined);
  // A new post may be written from a content item: it starts from the item's words.
  const fromItemId = postId ? null : searchParams.get('contentItemId');
  const fromItem = useContentItem(workspace.id, fromItemId);
  const base = `/w/${workspace.id}`;

  const title = postId ? t('editor.editTitle') : t('editor.newTitle');
  const pending =
    channels.isPending ||
    settings.isPending ||
    (postId !== undefined && post.isPending) ||
    (fromItemId !== null && fromItem.isPending);
  const failed =
    channels.error ??
    settings.error ??
    (postId ? post.error : null) ??
    (fromItemId ? fromItem.error : null);

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
          if (fromItemId) void fromItem.refetch();
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
        key={postId ?? `new-${fromItemId ?? ''}`}
        post={postId ? (post.data ?? null) : null}
        fromItem={fromItemId ? (fromItem.data ?? null) : null}
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

/** Attached media per channel of a saved post (canceled versions are left out, as in the draft). */
function mediaFromPost(post: Post | null): Record<string, string[]> {
  const targets = (post?.targets ?? []).filter((target) => target.status !== 'canceled');
  return Object.fromEntries(targets.map((target) => [target.channelId, target.mediaIds]));
}

/** The request body with each channel version's media, always sent so removing them sticks. */
function withMedia(
  body: ReturnType<typeof buildPostBody>,
  media: Readonly<Record<string, string[]>>,
): ReturnType<typeof buildPostBody> {
  return {
    ...body,
    targets: body.targets.map((target) => ({
      ...target,
      mediaIds: media[target.channelId] ?? [],
    })),
  };
}

/** Server messages about a version's media (`targets.1.media`), by channel. */
function mediaErrorsOf(error: unknown, sentChannelIds: readonly string[]): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const channelId = sentChannelIds[Number(/^targets\.(\d+)\.media$/.exec(path)?.[1] ?? -1)];
    if (channelId) out[channelId] = message;
  }
  return out;
}

/** A new post from a content item: its title and body, on the channels chosen with it. */
function draftFromItem(item: ContentItem, channels: Channel[], wanted: string | null): PostDraft {
  const ids = (wanted ?? '').split(',');
  return {
    ...EMPTY_DRAFT,
    title: item.title,
    body: item.body.trim() ? item.body : item.title,
    channelIds: channels.filter((channel) => ids.includes(channel.id)).map((c) => c.id),
  };
}

function PostEditor({
  post,
  fromItem = null,
  channels,
  approvalRequired,
}: {
  post: Post | null;
  fromItem?: ContentItem | null;
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

  const [draft, setDraft] = useState<PostDraft>(() =>
    post
      ? draftFromPost(post)
      : fromItem
        ? draftFromItem(fromItem, channels, searchParams.get('channels'))
        : EMPTY_DRAFT,
  );
  const [media, setMedia] = useState<Record<string, string[]>>(() => mediaFromPost(post));
  const [current, setCurrent] = useState<Post | null>(post);
  const savedJson = useRef(JSON.stringify(withMedia(buildPostBody(draft), media)));
  const [expanded, setExpanded] = useState<string[]>(draft.channelIds);
  const [scheduleAt, setScheduleAt] = useState(() =>
    toLocalInputValue(post?.scheduledAt ?? searchParams.get('at')),
  );
  const [scheduleError, setScheduleError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);
  const [sentIds, setSentIds] = useState<string[]>([]);

  const body = withMedia(buildPostBody(draft), media);
  const dirty = current === null || JSON.stringify(body) !== savedJson.current;
  const status = current?.status ?? 'draft';
  // Exact paths only: `targets.1.title` belongs to that channel's version, not the main title.
  const errorFor = (field: string) => (error instanceof ApiError ? error.fields[field] : undefined);
  const variantErrors = targetErrors(error, sentIds);
  const chosen = channels.filter((channel) => draft.channelIds.includes(channel.id));
  const attached = useMediaAssets(
    workspace.id,
    chosen.flatMap((channel) => media[channel.id] ?? []),
  );
  const assetById = new Map((attached.data ?? []).map((asset) => [asset.id, asset]));
  const previewMedia = Object.fromEntries(
    chosen.map((channel) => [
      channel.id,
      (media[channel.id] ?? []).flatMap((id) => assetById.get(id) ?? []),
    ]),
  );
  const mediaErrors = mediaErrorsOf(error, sentIds);

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
    const payload = withMedia(buildPostBody(draft), media);
    setSentIds(payload.targets.map((target) => target.channelId));
    let saved: Post;
    if (!current) {
      saved = await create.mutateAsync(
        fromItem ? { ...payload, contentItemId: fromItem.id } : payload,
      );
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
      // Refusals of the slot name versions by their place in the saved post.
      setSentIds(saved.targets.map((target) => target.channelId));
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
          setSentIds(saved.targets.map((target) => target.channelId));
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
        {fromItem && !current && (
          <Alert color="blue" variant="light">
            {t(fromItem.stage === 'used' ? 'contentPosts.editorReuse' : 'contentPosts.editorFrom', {
              title: fromItem.title,
            })}
          </Alert>
        )}
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

        {chosen.length > 0 && (
          <MediaAttachments
            workspaceId={workspace.id}
            channels={chosen}
            media={media}
            assets={assetById}
            errors={mediaErrors}
            disabled={disabled}
            onChange={(channelId, ids) => setMedia((old) => ({ ...old, [channelId]: ids }))}
          />
        )}

        <Stack gap="sm">
          <Title order={4}>{t('editor.versions')}</Title>
          {chosen.length === 0 ? (
            <Paper>
              <EmptyState message={t('editor.pickChannel')} />
            </Paper>
          ) : (
            <Paper>
              <MediaPreviewContext value={previewMedia}>
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
              </MediaPreviewContext>
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
