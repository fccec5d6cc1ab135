import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconEye, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_PRESETS,
  importFieldsOf,
  MONEY_FIELDS,
  suggestImportColumns,
  type ImportField,
  type ImportKind,
  type ImportPreview,
  type MetricImport,
} from '../../shared/analytics.ts';
import { ApiError } from '../api/client.ts';
import {
  useAnalyzeImport,
  usePreviewImport,
  useStartImport,
  type ImportOptionsInput,
} from '../api/use-analytics.ts';
import { useChannels } from '../api/use-channels.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

const CUSTOM = 'custom';

/**
 * The mapping step of an upload: preset or custom mapping, the channel, a field per column,
 * a preview of the first rows with what is wrong with each, then the import.
 */
export function ImportWizard({
  imp,
  onStarted,
}: {
  imp: MetricImport;
  onStarted: (imp: MetricImport) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const channels = useChannels(workspace.id);
  const analyze = useAnalyzeImport(workspace.id, imp.id);
  const preview = usePreviewImport(workspace.id, imp.id);
  const start = useStartImport(workspace.id, imp.id);
  const detected = imp.detected;

  const [preset, setPreset] = useState<string>(detected?.preset ?? CUSTOM);
  const [kind, setKind] = useState<ImportKind>(detected?.kind ?? 'posts');
  const [columns, setColumns] = useState<(string | null)[]>(
    detected?.columns ?? imp.headers.map(() => null),
  );
  const presetPlatform = IMPORT_PRESETS.find((p) => p.id === preset)?.platform;
  const [channelId, setChannelId] = useState<string | null>(null);
  const [asOf, setAsOf] = useState('');
  const [unknownPosts, setUnknownPosts] = useState<'create' | 'report'>('create');
  const [currency, setCurrency] = useState('CNY');
  const [headerRow, setHeaderRow] = useState<number | string>(imp.headerRow ?? 1);
  const [result, setResult] = useState<ImportPreview | null>(null);

  // The channel of the preset's platform is the likely one until the person picks.
  const suggestedChannel =
    channelId ?? channels.data?.find((c) => c.style === presetPlatform)?.id ?? null;

  const choosePreset = (value: string | null) => {
    const id = value ?? CUSTOM;
    setPreset(id);
    setResult(null);
    const found = IMPORT_PRESETS.find((p) => p.id === id);
    if (found) {
      setKind(found.kind);
      setColumns(suggestImportColumns(imp.headers, found.kind, found.id));
    }
  };
  const chooseKind = (value: ImportKind) => {
    setKind(value);
    setResult(null);
    if (IMPORT_PRESETS.find((p) => p.id === preset)?.kind !== value) setPreset(CUSTOM);
    setColumns(suggestImportColumns(imp.headers, value, null));
  };

  const options = (): ImportOptionsInput => ({
    kind,
    channelId: suggestedChannel ?? '',
    preset: preset === CUSTOM ? null : preset,
    columns,
    asOf: asOf ? new Date(asOf).toISOString() : undefined,
    unknownPosts,
    currency: currency.trim().toUpperCase(),
  });

  const error = (preview.error ?? start.error) as Error | null;
  const fields = error instanceof ApiError ? error.fields : {};
  const money = columns.some((c) => c !== null && MONEY_FIELDS.includes(c as ImportField));
  const fieldOptions = [
    { value: '', label: t('analytics.imports.ignore') },
    ...importFieldsOf(kind).map((field) => ({
      value: field,
      label: t(`analytics.imports.fields.${field}`),
    })),
  ];
  const exportPath = IMPORT_PRESETS.find((p) => p.id === preset)?.exportPath;

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="wrap">
        <Text fw={600}>{imp.fileName}</Text>
        <Badge variant="light">{imp.format.toUpperCase()}</Badge>
        <Text size="sm" c="dimmed">
          {t('analytics.imports.rowsFound', { count: imp.rowsTotal })}
        </Text>
      </Group>

      <Group align="flex-end" gap="md" wrap="wrap">
        {imp.sheets.length > 1 && (
          <Select
            label={t('analytics.imports.sheet')}
            data={imp.sheets}
            value={imp.sheet}
            onChange={(sheet) => sheet && analyze.mutate({ sheet })}
            allowDeselect={false}
            w={200}
          />
        )}
        <NumberInput
          label={t('analytics.imports.headerRow')}
          min={1}
          value={headerRow}
          onChange={setHeaderRow}
          w={140}
        />
        <Button
          variant="default"
          loading={analyze.isPending}
          onClick={() => analyze.mutate({ headerRow: Number(headerRow) })}
        >
          {t('analytics.imports.reread')}
        </Button>
      </Group>

      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t('analytics.imports.preset')}
          value={preset}
          onChange={choosePreset}
          allowDeselect={false}
          data={[
            ...IMPORT_PRESETS.map((p) => ({
              value: p.id,
              label: t(`analytics.imports.presets.${p.id as PresetId}`),
            })),
            { value: CUSTOM, label: t('analytics.imports.presetCustom') },
          ]}
          w={320}
          description={
            detected?.preset
              ? t('analytics.imports.presetDetected', {
                  name: t(`analytics.imports.presets.${detected.preset as PresetId}`),
                })
              : t('analytics.imports.presetNone')
          }
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="import-kind-label">
            {t('analytics.imports.kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="import-kind-label"
            value={kind}
            onChange={(value) => chooseKind(value as ImportKind)}
            data={[
              { value: 'posts', label: t('analytics.imports.kinds.posts') },
              { value: 'channel_daily', label: t('analytics.imports.kinds.channel_daily') },
            ]}
          />
        </Stack>
        <Select
          label={t('analytics.imports.channel')}
          placeholder={t('analytics.imports.channelPlaceholder')}
          value={suggestedChannel}
          onChange={setChannelId}
          data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          error={fields.channelId}
          required
          w={280}
        />
      </Group>
      {exportPath && (
        <Text size="xs" c="dimmed">
          {t('analytics.imports.exportPath')}: {exportPath}
        </Text>
      )}

      <Paper withBorder p="sm">
        <Title order={5} mb="xs">
          {t('analytics.imports.mapping')}
        </Title>
        {fields.columns && (
          <Alert color="red" variant="light" mb="xs">
            {fields.columns}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.imports.column')}</Table.Th>
                <Table.Th>{t('analytics.imports.sample')}</Table.Th>
                <Table.Th w={260}>{t('analytics.imports.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imp.headers.map((header, i) => (
                <Table.Tr key={`${i}-${header}`}>
                  <Table.Td fw={500}>{header}</Table.Td>
                  <Table.Td c="dimmed">
                    {(detected?.sample ?? [])
                      .slice(0, 2)
                      .map((row) => row[i] ?? '')
                      .filter((v) => v !== '')
                      .join(' · ')}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('analytics.imports.fieldFor', { column: header })}
                      size="xs"
                      data={fieldOptions}
                      value={columns[i] ?? ''}
                      allowDeselect={false}
                      error={fields[`columns.${i}`]}
                      onChange={(value) => {
                        setResult(null);
                        setColumns(columns.map((c, j) => (j === i ? value || null : c)));
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Group align="flex-start" gap="md" wrap="wrap">
        {kind === 'posts' && (
          <>
            <TextInput
              type="datetime-local"
              label={t('analytics.imports.asOf')}
              description={t('analytics.imports.asOfHint')}
              value={asOf}
              onChange={(e) => setAsOf(e.currentTarget.value)}
              w={260}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="import-unknown-label">
                {t('analytics.imports.unknownPosts')}
              </Text>
              <SegmentedControl
                aria-labelledby="import-unknown-label"
                value={unknownPosts}
                onChange={(value) => setUnknownPosts(value as 'create' | 'report')}
                data={[
                  { value: 'create', label: t('analytics.imports.unknownCreate') },
                  { value: 'report', label: t('analytics.imports.unknownReport') },
                ]}
              />
              <Text size="xs" c="dimmed" maw={420}>
                {t('analytics.imports.matchHint')}
              </Text>
            </Stack>
          </>
        )}
        {money && (
          <TextInput
            label={t('analytics.imports.currency')}
            value={currency}
            maxLength={3}
            onChange={(e) => setCurrency(e.currentTarget.value)}
            error={fields.currency}
            w={140}
          />
        )}
      </Group>

      <FormError message={error && Object.keys(fields).length === 0 ? error.message : null} />
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconEye size={18} />}
          loading={preview.isPending}
          onClick={() => preview.mutate(options(), { onSuccess: setResult })}
        >
          {t('analytics.imports.preview')}
        </Button>
        <Button
          leftSection={<IconFileImport size={18} />}
          loading={start.isPending}
          onClick={() => start.mutate(options(), { onSuccess: onStarted })}
        >
          {t('analytics.imports.start')}
        </Button>
      </Group>

      {result && <PreviewTable preview={result} />}
    </Stack>
  );
}

type PresetId =
  | 'wechat_articles'
  | 'wechat_users'
  | 'douyin_works'
  | 'douyin_account'
  | 'xiaohongshu_notes'
  | 'bilibili_videos'
  | 'weibo_posts'
  | 'weibo_fans';

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const keys = [...new Set(preview.rows.flatMap((r) => Object.keys(r.values)))];
  return (
    <Paper withBorder p="sm" aria-labelledby="import-preview-title">
      <Title order={5} id="import-preview-title" mb="xs">
        {t('analytics.imports.previewTitle')}
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={4} fz="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.imports.line')}</Table.Th>
              <Table.Th />
              {keys.map((key) => (
                <Table.Th key={key}>{t(`analytics.imports.fields.${key as ImportField}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((row) => (
              <Table.Tr key={row.line}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>
                  {row.error ? (
                    <Text size="xs" c="red">
                      {row.error}
                    </Text>
                  ) : row.post ? (
                    <Badge size="xs" variant="light" color={row.post === 'new' ? 'blue' : 'teal'}>
                      {row.post === 'new'
                        ? t('analytics.imports.postNew')
                        : t('analytics.imports.postMatched')}
                    </Badge>
                  ) : null}
                </Table.Td>
                {keys.map((key) => (
                  <Table.Td key={key}>{row.values[key] ?? ''}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
