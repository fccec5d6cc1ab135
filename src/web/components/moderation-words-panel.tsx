import {
  ActionIcon,
  Alert,
  Button,
  FileButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModerationImportResult, ModerationList } from '../../shared/moderation.ts';
import {
  useDeleteModerationWord,
  useImportModerationWords,
  useModerationWords,
} from '../api/use-moderation.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { EmptyState } from './empty-state.tsx';
import { ErrorState, FormError, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** The words of one list: search, remove, and add by pasting or importing a file. */
export function ModerationWordsPanel({
  list,
  canEdit,
}: {
  list: ModerationList;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const words = useModerationWords(workspace.id, list.id, q);
  const remove = useDeleteModerationWord(workspace.id);
  const items = words.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      {canEdit && <AddWordsForm list={list} />}
      <Paper p="md">
        <Group justify="space-between" mb="sm" gap="xs">
          <Title order={4}>{t('moderation.words.title', { count: list.wordCount })}</Title>
          <TextInput
            size="xs"
            leftSection={<IconSearch size={14} />}
            placeholder={t('moderation.words.search')}
            aria-label={t('moderation.words.search')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={220}
          />
        </Group>
        {words.isPending ? (
          <LoadingState minHeight={80} />
        ) : words.isError ? (
          <ErrorState error={words.error} onRetry={() => void words.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState message={q ? t('moderation.words.noResults') : t('moderation.words.empty')} />
        ) : (
          <>
            <Table.ScrollContainer minWidth={400}>
              <Table verticalSpacing={4} fz="sm" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('moderation.words.word')}</Table.Th>
                    <Table.Th>{t('moderation.words.matchForm')}</Table.Th>
                    {canEdit && <Table.Th w={48} />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((word) => (
                    <Table.Tr key={word.id}>
                      <Table.Td>{word.word}</Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed" ff="monospace">
                          {word.matchForm}
                        </Text>
                      </Table.Td>
                      {canEdit && (
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('moderation.words.remove', { word: word.word })}
                            onClick={() =>
                              remove.mutate(
                                { listId: list.id, wordId: word.id },
                                {
                                  onSuccess: () =>
                                    notifications.show({
                                      color: 'teal',
                                      message: t('moderation.words.removed', { word: word.word }),
                                    }),
                                },
                              )
                            }
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {words.hasNextPage && (
              <Button
                mt="sm"
                variant="default"
                size="xs"
                onClick={() => void words.fetchNextPage()}
                loading={words.isFetchingNextPage}
              >
                {t('app.loadMore')}
              </Button>
            )}
          </>
        )}
      </Paper>
    </Stack>
  );
}

function AddWordsForm({ list }: { list: ModerationList }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const importWords = useImportModerationWords(workspace.id);
  const [text, setText] = useState('');
  const [result, setResult] = useState<ModerationImportResult | null>(null);
  const errorFor = fieldErrors(importWords.error);

  const send = (body: { text: string; format?: 'lines' | 'csv' }) =>
    importWords.mutate(
      { listId: list.id, body },
      {
        onSuccess: (outcome) => {
          setResult(outcome);
          if (body.text === text) setText('');
          notifications.show({
            color: outcome.rejected.length > 0 ? 'yellow' : 'teal',
            message: t('moderation.words.result', {
              added: outcome.added,
              duplicates: outcome.duplicates,
              rejected: outcome.rejected.length,
            }),
          });
        },
      },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() !== '') send({ text, format: 'lines' });
  };

  const readFile = (file: File | null) => {
    if (!file) return;
    void file
      .text()
      .then((content) =>
        send({ text: content, format: /\.csv$/i.test(file.name) ? 'csv' : 'lines' }),
      );
  };

  return (
    <Paper p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea
            label={t('moderation.words.addTitle')}
            description={t('moderation.words.pasteHint')}
            placeholder={t('moderation.words.pastePlaceholder')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={errorFor('text')}
            autosize
            minRows={3}
            maxRows={12}
          />
          <FormError message={formError(importWords.error)} />
          <Group gap="sm">
            <Button
              type="submit"
              leftSection={<IconPlus size={16} />}
              loading={importWords.isPending}
              disabled={text.trim() === ''}
            >
              {t('moderation.words.add')}
            </Button>
            <FileButton onChange={readFile} accept=".txt,.csv,text/plain,text/csv">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconFileUpload size={16} />}>
                  {t('moderation.words.file')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('moderation.words.fileHint')}
            </Text>
          </Group>
          {result && (
            <Alert
              color={result.rejected.length > 0 ? 'yellow' : 'teal'}
              variant="light"
              withCloseButton
              onClose={() => setResult(null)}
              title={t('moderation.words.result', {
                added: result.added,
                duplicates: result.duplicates,
                rejected: result.rejected.length,
              })}
            >
              {result.rejected.length > 0 && (
                <Table fz="xs" verticalSpacing={2}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={60}>{t('moderation.words.line')}</Table.Th>
                      <Table.Th>{t('moderation.words.text')}</Table.Th>
                      <Table.Th>{t('moderation.words.reason')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.rejected.slice(0, 100).map((line) => (
                      <Table.Tr key={line.line}>
                        <Table.Td>{line.line}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-all' }}>{line.text}</Table.Td>
                        <Table.Td>{t(`moderation.words.reasons.${line.reason}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
