import {
  Alert,
  Button,
  FileButton,
  Group,
  Modal,
  ScrollArea,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFeedbackResult } from '../../shared/feedback.ts';
import { useImportFeedback } from '../api/use-feedback.ts';
import { formError } from '../lib/field-errors.ts';
import { fieldErrors } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

const MAX_BYTES = 4_500_000;

/** Spreadsheets in China often save CSV as GB18030; anything that is not valid UTF-8 is read so. */
async function readText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function FeedbackImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('feedback.importModal.title')} size="xl">
      {opened && <ImportForm onDone={onClose} />}
    </Modal>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const run = useImportFeedback(workspace.id);
  const [csv, setCsv] = useState('');
  const [tooLarge, setTooLarge] = useState(false);
  const [result, setResult] = useState<{ dryRun: boolean; report: ImportFeedbackResult } | null>(
    null,
  );

  const pick = async (file: File | null) => {
    if (!file) return;
    setResult(null);
    setTooLarge(file.size > MAX_BYTES);
    if (file.size <= MAX_BYTES) setCsv(await readText(file));
  };

  const send = (dryRun: boolean) => {
    run.mutate({ csv, dryRun }, { onSuccess: (report) => setResult({ dryRun, report }) });
  };

  const report = result?.report;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('feedback.importModal.hint')}
      </Text>
      <Group>
        <FileButton onChange={(file) => void pick(file)} accept=".csv,.tsv,.txt,text/csv">
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconFileUpload size={16} />}>
              {t('feedback.importModal.file')}
            </Button>
          )}
        </FileButton>
      </Group>
      {tooLarge && <Alert color="orange">{t('feedback.importModal.tooLarge')}</Alert>}
      <Textarea
        label={t('feedback.importModal.paste')}
        autosize
        minRows={5}
        maxRows={12}
        value={csv}
        onChange={(event) => {
          setCsv(event.currentTarget.value);
          setResult(null);
        }}
        error={fieldErrors(run.error)('csv')}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
      />
      <FormError message={formError(run.error)} />
      {report && (
        <Alert color={report.errors.length > 0 ? 'orange' : 'teal'} variant="light" role="status">
          {result.dryRun
            ? t('feedback.importModal.checked', { rows: report.rows, bad: report.errors.length })
            : t('feedback.importModal.done', {
                imported: report.imported,
                joined: report.joinedClusters,
                bad: report.errors.length,
              })}
        </Alert>
      )}
      {report && report.errors.length > 0 && (
        <ScrollArea.Autosize mah={260}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('feedback.importModal.line')}</Table.Th>
                <Table.Th w={120}>{t('feedback.importModal.column')}</Table.Th>
                <Table.Th>{t('feedback.importModal.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((error, index) => (
                <Table.Tr key={`${error.line}-${index}`}>
                  <Table.Td>{error.line}</Table.Td>
                  <Table.Td>{error.column ?? t('app.none')}</Table.Td>
                  <Table.Td>{error.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('app.close')}
        </Button>
        <Button
          variant="light"
          disabled={!csv.trim()}
          loading={run.isPending}
          onClick={() => send(true)}
        >
          {t('feedback.importModal.check')}
        </Button>
        <Button
          disabled={!csv.trim() || (result !== null && !result.dryRun)}
          loading={run.isPending}
          onClick={() => send(false)}
        >
          {t('feedback.importModal.run')}
        </Button>
      </Group>
    </Stack>
  );
}
