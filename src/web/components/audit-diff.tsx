import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { diffSnapshots } from '../lib/audit-diff.ts';

const muted = 'var(--mantine-color-dimmed)';

/** Before → after, one row per field; unchanged fields are dimmed so changes stand out. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = diffSnapshots(before, after);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noChanges')}
      </Text>
    );
  }
  return (
    <Table withTableBorder fz="sm" verticalSpacing={4} highlightOnHover={false}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('audit.field')}</Table.Th>
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key} style={row.changed ? undefined : { color: muted }}>
            <Table.Td ff="monospace">{row.key}</Table.Td>
            <Table.Td
              style={{ wordBreak: 'break-word' }}
              c={row.changed && row.before !== undefined ? 'red.8' : undefined}
              td={row.changed && row.before !== undefined ? 'line-through' : undefined}
            >
              {row.before ?? '—'}
            </Table.Td>
            <Table.Td
              style={{ wordBreak: 'break-word' }}
              c={row.changed && row.after !== undefined ? 'teal.8' : undefined}
              fw={row.changed ? 600 : undefined}
            >
              {row.after ?? '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
