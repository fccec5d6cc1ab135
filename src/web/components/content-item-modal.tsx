import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCopy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTENT_KINDS,
  CONTENT_POOLS,
  CONTENT_STAGES,
  type ContentItem,
  type ContentKind,
  type ContentPool,
  type ContentStage,
} from '../../shared/content.ts';
import {
  useDeleteItem,
  useOriginality,
  useSaveItem,
  useSeries,
  useTopics,
} from '../api/use-content.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** `null` when closed; `item: null` is a new item, optionally preset to a pool. */
export type ItemEditorTarget = null | { item: ContentItem | null; pool?: ContentPool };

export function ContentItemModal({
  target,
  onClose,
}: {
  target: ItemEditorTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="lg"
      title={target?.item ? t('content.editItem') : t('content.newItem')}
    >
      {target && (
        <ItemForm
          key={target.item?.id ?? 'new'}
          item={target.item}
          pool={target.pool}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function ItemForm({
  item,
  pool: initialPool,
  onDone,
}: {
  item: ContentItem | null;
  pool?: ContentPool;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const topics = useTopics(workspace.id);
  const series = useSeries(workspace.id);
  const save = useSaveItem(workspace.id);
  const remove = useDeleteItem(workspace.id);
  const [title, setTitle] = useState(item?.title ?? '');
  const [body, setBody] = useState(item?.body ?? '');
  const [kind, setKind] = useState<ContentKind>(item?.kind ?? 'article');
  const [stage, setStage] = useState<ContentStage>(item?.stage ?? 'idea');
  const [pool, setPool] = useState<ContentPool>(item?.pool ?? initialPool ?? 'regular');
  const [topicId, setTopicId] = useState<string | null>(item?.topicId ?? null);
  const [seriesId, setSeriesId] = useState<string | null>(item?.seriesId ?? null);
  const [hot, setHot] = useState(item?.hot ?? false);
  const errorFor = fieldErrors(save.error);

  const [debouncedBody] = useDebouncedValue(body, 600);
  const checkText = debouncedBody.trim().length >= 20 ? debouncedBody : '';
  const originality = useOriginality(workspace.id, checkText, item?.id);

  const pillars = (topics.data ?? []).filter((topic) => topic.parentId === null);
  const topicOptions = pillars.map((pillar) => ({
    group: pillar.name,
    items: [
      { value: pillar.id, label: pillar.name },
      ...(topics.data ?? [])
        .filter((topic) => topic.parentId === pillar.id)
        .map((topic) => ({ value: topic.id, label: `${pillar.name} › ${topic.name}` })),
    ],
  }));
  // A new item is never born used; the server refuses it.
  const stages = item ? CONTENT_STAGES : CONTENT_STAGES.filter((value) => value !== 'used');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { title: title.trim(), body, kind, pool, topicId, seriesId, hot };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: item ? t('app.saved') : t('content.created') });
      onDone();
    };
    if (item) save.mutate({ itemId: item.id, body: { ...common, stage } }, { onSuccess });
    else
      save.mutate(
        { itemId: null, body: { ...common, stage: stage === 'used' ? 'ready' : stage } },
        { onSuccess },
      );
  };

  const matches = checkText && originality.data ? originality.data.matches : [];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('content.itemTitle')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errorFor('title')}
          maxLength={200}
          required
          data-autofocus
        />
        <Textarea
          label={t('content.body')}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={errorFor('body')}
          autosize
          minRows={5}
          maxRows={14}
          description={
            originality.isFetching && checkText ? (
              <Group gap={6} component="span">
                <Loader size={10} />
                {t('content.originalityChecking')}
              </Group>
            ) : checkText && originality.data && matches.length === 0 ? (
              t('content.originalityOk')
            ) : (
              t('content.originalityHint')
            )
          }
        />
        {matches.length > 0 && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconCopy size={18} />}
            title={t('content.originalityTitle')}
            role="status"
          >
            <Stack gap={6}>
              {matches.map((match) => (
                <div key={`${match.source}-${match.itemId}`}>
                  <Text size="sm" fw={500}>
                    {t('content.similar', {
                      percent: Math.round(match.similarity * 100),
                      title: match.title,
                    })}
                    {match.source === 'post' && ` (${t('content.similarPost')})`}
                  </Text>
                  {match.sharedSnippet && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      “{match.sharedSnippet}”
                    </Text>
                  )}
                </div>
              ))}
            </Stack>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Select
            label={t('content.kind')}
            data={CONTENT_KINDS.map((value) => ({ value, label: t(`contentKinds.${value}`) }))}
            value={kind}
            onChange={(value) => value && setKind(value as ContentKind)}
            error={errorFor('kind')}
            allowDeselect={false}
          />
          <Select
            label={t('content.stage')}
            data={stages.map((value) => ({ value, label: t(`contentStages.${value}`) }))}
            value={stage}
            onChange={(value) => value && setStage(value as ContentStage)}
            error={errorFor('stage')}
            allowDeselect={false}
          />
          <Select
            label={t('content.pool')}
            data={CONTENT_POOLS.map((value) => ({ value, label: t(`contentPools.${value}`) }))}
            value={pool}
            onChange={(value) => value && setPool(value as ContentPool)}
            error={errorFor('pool')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('content.topic')}
            placeholder={t('content.noTopic')}
            data={topicOptions}
            value={topicId}
            onChange={setTopicId}
            error={errorFor('topicId') ?? (topics.isError ? topics.error.message : undefined)}
            clearable
            searchable
          />
          <Select
            label={t('content.series')}
            placeholder={t('content.noSeries')}
            data={(series.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
            value={seriesId}
            onChange={setSeriesId}
            error={errorFor('seriesId') ?? (series.isError ? series.error.message : undefined)}
            clearable
            searchable
          />
        </SimpleGrid>
        <Switch
          label={t('content.hot')}
          description={t('content.hotHint')}
          checked={hot}
          onChange={(event) => setHot(event.currentTarget.checked)}
          error={errorFor('hot')}
        />
        <FormError message={formError(save.error)} />
        <Group justify="flex-end">
          {item && (
            <Button
              variant="subtle"
              color="red"
              mr="auto"
              loading={remove.isPending}
              onClick={() =>
                modals.openConfirmModal({
                  title: t('content.deleteTitle'),
                  children: (
                    <Text size="sm">{t('content.deleteConfirm', { title: item.title })}</Text>
                  ),
                  labels: { confirm: t('content.delete'), cancel: t('app.cancel') },
                  confirmProps: { color: 'red' },
                  onConfirm: () =>
                    remove.mutate(item.id, {
                      onSuccess: () => {
                        notifications.show({ color: 'teal', message: t('content.deleted') });
                        onDone();
                      },
                      onError: (error) =>
                        notifications.show({ color: 'red', message: error.message }),
                    }),
                })
              }
            >
              {t('content.delete')}
            </Button>
          )}
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!title.trim()}>
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
