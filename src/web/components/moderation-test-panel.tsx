import { Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SCREEN_TEXT } from '../../shared/moderation.ts';
import { useTestModeration } from '../api/use-moderation.ts';
import {
  ActionBadge,
  CategoryBadge,
  HighlightedText,
  SeverityBadge,
  actionLabelKey,
  showInvisible,
} from './moderation-highlight.tsx';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** Paste a text and see what the enabled lists would catch, highlighted where it was written. */
export function ModerationTestPanel() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const test = useTestModeration(workspace.id);
  const [text, setText] = useState('');
  const [checked, setChecked] = useState('');

  const submit = (event: Pick<FormEvent, 'preventDefault'>) => {
    event.preventDefault();
    setChecked(text);
    test.mutate(text);
  };

  return (
    <Stack gap="md">
      <Paper p="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Textarea
              label={t('moderation.test.label')}
              description={t('moderation.test.hint')}
              placeholder={t('moderation.test.placeholder')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
              }}
              autosize
              minRows={4}
              maxRows={14}
              maxLength={MAX_SCREEN_TEXT}
              data-autofocus
            />
            <FormError message={test.error ? test.error.message : null} />
            <Group>
              <Button
                type="submit"
                leftSection={<IconSearch size={16} />}
                loading={test.isPending}
                disabled={text.trim() === ''}
              >
                {t('moderation.test.check')}
              </Button>
              <Text size="xs" c="dimmed">
                {t('moderation.test.shortcut')}
              </Text>
            </Group>
          </Stack>
        </form>
      </Paper>

      {test.data && (
        <Paper p="md" aria-live="polite">
          <Group justify="space-between" mb="sm">
            <Title order={4}>{t('moderation.test.resultTitle')}</Title>
            <ActionBadge action={test.data.action} />
          </Group>
          {test.data.matches.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('moderation.test.clean')}
            </Text>
          ) : (
            <Stack gap="md">
              <Paper withBorder p="sm">
                <HighlightedText text={checked} matches={test.data.matches} />
              </Paper>
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing="xs" fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('moderation.test.asWritten')}</Table.Th>
                      <Table.Th>{t('moderation.test.word')}</Table.Th>
                      <Table.Th>{t('moderation.test.list')}</Table.Th>
                      <Table.Th>{t('moderation.lists.severity')}</Table.Th>
                      <Table.Th>{t('moderation.lists.action')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {test.data.matches.map((match) => (
                      <Table.Tr key={`${match.start}-${match.end}-${match.listId}-${match.word}`}>
                        <Table.Td>
                          <Text size="sm" ff="monospace">
                            {showInvisible(match.text)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{match.word}</Table.Td>
                        <Table.Td>
                          <Group gap={6}>
                            <Text size="sm">{match.listName}</Text>
                            <CategoryBadge category={match.category} />
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <SeverityBadge severity={match.severity} />
                        </Table.Td>
                        <Table.Td>{t(actionLabelKey(match.action))}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )}
        </Paper>
      )}
    </Stack>
  );
}
