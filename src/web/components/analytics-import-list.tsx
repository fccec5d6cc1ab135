import { Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MetricImport } from '../../shared/analytics.ts';
import { useFormatDate } from '../lib/format.ts';
import { ImportStatusBadge, useConfirmUndo } from './analytics-import-report.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** Past imports, newest first, with their outcome and undo. */
export function ImportList({
  imports,
  onOpen,
}: {
  imports: MetricImport[];
  onOpen: (importId: string) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { can } = useCurrentWorkspace();
  const confirmUndo = useConfirmUndo();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" fz="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('analytics.imports.file')}</Table.Th>
            <Table.Th>{t('analytics.imports.status')}</Table.Th>
            <Table.Th>{t('analytics.imports.rows')}</Table.Th>
            <Table.Th>{t('analytics.imports.createdAt')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.map((imp) => (
            <Table.Tr key={imp.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {imp.fileName}
                </Text>
                {imp.preset && (
                  <Text size="xs" c="dimmed">
                    {t(`analytics.imports.presets.${imp.preset as 'douyin_works'}`, {
                      defaultValue: imp.preset,
                    })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <ImportStatusBadge status={imp.status} />
              </Table.Td>
              <Table.Td>
                {t('analytics.imports.rowsSummary', {
                  imported: imp.rowsImported,
                  failed: imp.rowsFailed,
                  total: imp.rowsTotal,
                })}
              </Table.Td>
              <Table.Td>{formatDate(imp.createdAt)}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => onOpen(imp.id)}>
                    {t('analytics.imports.open')}
                  </Button>
                  {can('analytics.import') &&
                    (imp.status === 'completed' || imp.status === 'failed') && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => confirmUndo(imp)}
                      >
                        {t('analytics.imports.undo')}
                      </Button>
                    )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
