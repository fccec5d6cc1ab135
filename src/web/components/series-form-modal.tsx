import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SERIES_CADENCE_PERIODS,
  type Series,
  type SeriesCadencePeriod,
  type Topic,
} from '../../shared/content.ts';
import { useCreateSeries, useTopics, useUpdateSeries } from '../api/use-content.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** `null` when closed; `series: null` starts a new series. */
export type SeriesDialog = null | { series: Series | null };

export function SeriesFormModal({
  dialog,
  onClose,
}: {
  dialog: SeriesDialog;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={dialog !== null}
      onClose={onClose}
      title={dialog?.series ? t('series.editTitle', { name: dialog.series.name }) : t('series.new')}
    >
      {dialog && (
        <SeriesForm key={dialog.series?.id ?? 'new'} series={dialog.series} onDone={onClose} />
      )}
    </Modal>
  );
}

/** Topic choices grouped under their pillar, as the item editor shows them. */
export function topicOptions(topics: readonly Topic[]) {
  return topics
    .filter((topic) => topic.parentId === null)
    .map((pillar) => ({
      group: pillar.name,
      items: [
        { value: pillar.id, label: pillar.name },
        ...topics
          .filter((topic) => topic.parentId === pillar.id)
          .map((topic) => ({ value: topic.id, label: `${pillar.name} › ${topic.name}` })),
      ],
    }));
}

function SeriesForm({ series, onDone }: { series: Series | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const topics = useTopics(workspace.id);
  const create = useCreateSeries(workspace.id);
  const update = useUpdateSeries(workspace.id);
  const mutation = series ? update : create;
  const [name, setName] = useState(series?.name ?? '');
  const [description, setDescription] = useState(series?.description ?? '');
  const [topicId, setTopicId] = useState<string | null>(series?.topicId ?? null);
  const [period, setPeriod] = useState<SeriesCadencePeriod | null>(series?.cadence?.period ?? null);
  const [count, setCount] = useState<number>(series?.cadence?.count ?? 1);
  const errorFor = fieldErrors(mutation.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      description,
      topicId,
      cadence: period ? { period, count } : null,
    };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('series.saved') });
      onDone();
    };
    if (series) update.mutate({ seriesId: series.id, body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('series.name')}
          description={t('series.nameHint')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          maxLength={100}
          required
          data-autofocus
        />
        <Textarea
          label={t('series.description')}
          description={t('series.descriptionHint')}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errorFor('description')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={5000}
        />
        <Select
          label={t('content.topic')}
          placeholder={t('content.noTopic')}
          data={topicOptions(topics.data ?? [])}
          value={topicId}
          onChange={setTopicId}
          error={errorFor('topicId') ?? (topics.isError ? topics.error.message : undefined)}
          clearable
          searchable
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('series.cadence')}
            placeholder={t('series.noCadence')}
            data={SERIES_CADENCE_PERIODS.map((value) => ({
              value,
              label: t(`series.period.${value}`),
            }))}
            value={period}
            onChange={(value) => setPeriod(value as SeriesCadencePeriod | null)}
            error={errorFor('cadence.period')}
            clearable
          />
          <NumberInput
            label={t('series.episodes')}
            value={count}
            onChange={(value) => setCount(typeof value === 'number' ? value : 1)}
            error={errorFor('cadence.count')}
            min={1}
            max={31}
            allowDecimal={false}
            disabled={period === null}
          />
        </SimpleGrid>
        <FormError message={formError(mutation.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={!name.trim()}>
            {series ? t('app.save') : t('series.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
