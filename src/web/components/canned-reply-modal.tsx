import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTENTS } from '../../shared/inbox.ts';
import { CONTEXT_VARIABLES, extractVariables, type CannedReply } from '../../shared/routing.ts';
import { useCannedCategories, useSaveCannedReply } from '../api/use-routing.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useIntentLabel } from './routing-names.ts';

/** `null` when closed; `reply: null` is a new reply. */
export type CannedEditorTarget = null | { reply: CannedReply | null; categoryId?: string | null };

export function CannedReplyModal({
  workspaceId,
  target,
  onClose,
}: {
  workspaceId: string;
  target: CannedEditorTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="xl"
      title={target?.reply ? t('canned.edit') : t('canned.new')}
    >
      {target && (
        <ReplyForm
          key={target.reply?.id ?? 'new'}
          workspaceId={workspaceId}
          reply={target.reply}
          categoryId={target.categoryId ?? null}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function ReplyForm({
  workspaceId,
  reply,
  categoryId: initialCategory,
  onDone,
}: {
  workspaceId: string;
  reply: CannedReply | null;
  categoryId: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCannedReply(workspaceId);
  const intentLabel = useIntentLabel();
  const categories = useCannedCategories(workspaceId);
  const [title, setTitle] = useState(reply?.title ?? '');
  const [categoryId, setCategoryId] = useState<string | null>(reply?.categoryId ?? initialCategory);
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? '');
  const [intents, setIntents] = useState<string[]>(reply?.intents ?? []);
  const [zh, setZh] = useState(reply?.variants.zh ?? '');
  const [en, setEn] = useState(reply?.variants.en ?? '');
  const errorFor = fieldErrors(save.error);
  const variables = [...new Set([...extractVariables(zh), ...extractVariables(en)])];
  const typedByAgent = variables.filter(
    (variable) => !(CONTEXT_VARIABLES as readonly string[]).includes(variable),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      title: title.trim(),
      categoryId,
      shortcut: shortcut.trim().replace(/^\//, '') || null,
      intents,
      variants: { zh: zh.trim() || null, en: en.trim() || null },
    };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: t('app.saved') });
      onDone();
    };
    if (reply) save.mutate({ replyId: reply.id, body }, { onSuccess });
    else save.mutate({ replyId: null, body }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('canned.title')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errorFor('title')}
            required
            data-autofocus
          />
          <Select
            label={t('canned.category')}
            data={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={categoryId}
            onChange={setCategoryId}
            placeholder={t('canned.uncategorised')}
            error={errorFor('categoryId')}
            clearable
          />
          <TextInput
            label={t('canned.shortcut')}
            description={t('canned.shortcutHint')}
            leftSection="/"
            value={shortcut}
            onChange={(event) => setShortcut(event.currentTarget.value)}
            error={errorFor('shortcut')}
            maxLength={33}
          />
        </SimpleGrid>
        <TagsInput
          label={t('canned.intents')}
          description={t('canned.intentsHint')}
          data={INTENTS.map((intent) => ({ value: intent, label: intentLabel(intent) }))}
          value={intents}
          onChange={setIntents}
          clearable
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Textarea
            label={t('canned.zh')}
            value={zh}
            onChange={(event) => setZh(event.currentTarget.value)}
            error={errorFor('variants.zh') ?? errorFor('variants')}
            autosize
            minRows={5}
            maxRows={14}
          />
          <Textarea
            label={t('canned.en')}
            value={en}
            onChange={(event) => setEn(event.currentTarget.value)}
            error={errorFor('variants.en')}
            autosize
            minRows={5}
            maxRows={14}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('canned.variablesHint', {
            variables: CONTEXT_VARIABLES.map((v) => `{${v}}`).join(' '),
          })}
        </Text>
        {typedByAgent.length > 0 && (
          <Alert color="blue" variant="light" role="status">
            {t('canned.typedByAgent', { variables: typedByAgent.map((v) => `{${v}}`).join(', ') })}
          </Alert>
        )}
        <FormError message={formError(save.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
