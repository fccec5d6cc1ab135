import {
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenderResult, ReplyLanguage, Suggestion } from '../../shared/routing.ts';
import {
  useCannedSuggestions,
  useRecordCannedUse,
  useRenderCannedReply,
} from '../api/use-routing.ts';
import { FormError } from './query-state.tsx';

export interface CannedReplyPickerProps {
  workspaceId: string;
  /** The customer's message being answered: ranks the suggestions. */
  messageText?: string | undefined;
  messageIntent?: string | null | undefined;
  messageLanguage?: string | null | undefined;
  /** Fills the contact's variables (`{name}`…) and links the use to the conversation. */
  conversationId?: string | undefined;
  /** What the agent typed after `/` in the composer, to pick by shortcut from there. */
  query?: string | undefined;
  /** Receives the finished text, variables filled. */
  onInsert: (text: string) => void;
  autoFocus?: boolean;
  /** Count the insert as a use (default); off for previews that send nothing. */
  countUse?: boolean;
}

/**
 * The canned-reply picker (话术库) for the reply composer: suggestions ranked for the message at
 * hand, `/shortcut` lookup, arrow keys and Enter to choose, and a prompt for any variable
 * OpsLoop cannot fill (an order number…) before the text is inserted.
 */
export function CannedReplyPicker({
  workspaceId,
  messageText,
  messageIntent,
  messageLanguage,
  conversationId,
  query,
  onInsert,
  autoFocus,
  countUse = true,
}: CannedReplyPickerProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(query ?? '');
  const [debounced] = useDebouncedValue(typed, 200);
  const [active, setActive] = useState(0);
  const [pending, setPending] = useState<{ suggestion: Suggestion; result: RenderResult } | null>(
    null,
  );
  const suggestions = useCannedSuggestions(workspaceId, {
    text: messageText?.slice(0, 2000),
    intent: messageIntent ?? null,
    language: messageLanguage ?? null,
    q: debounced || undefined,
    limit: 8,
  });
  const render = useRenderCannedReply(workspaceId);
  const recordUse = useRecordCannedUse(workspaceId);
  const items = suggestions.data ?? [];

  useEffect(() => {
    if (query !== undefined) setTyped(query);
  }, [query]);
  useEffect(() => setActive(0), [debounced]);

  const finish = (suggestion: Suggestion, text: string, language: ReplyLanguage) => {
    if (countUse) {
      recordUse.mutate({
        replyId: suggestion.reply.id,
        body: { language, conversationId: conversationId ?? null },
      });
    }
    setPending(null);
    onInsert(text);
  };

  const choose = (suggestion: Suggestion, values: Record<string, string> = {}) => {
    render.mutate(
      {
        replyId: suggestion.reply.id,
        body: { language: suggestion.language, conversationId, values },
      },
      {
        onSuccess: (result) => {
          if (result.missing.length === 0) finish(suggestion, result.text, result.language);
          else setPending({ suggestion, result });
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => Math.min(index + 1, Math.max(items.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const suggestion = items[active];
      if (suggestion) choose(suggestion);
    }
  };

  if (pending) {
    return (
      <VariablePrompt
        key={pending.suggestion.reply.id}
        result={pending.result}
        title={pending.suggestion.reply.title}
        busy={render.isPending}
        onCancel={() => setPending(null)}
        onSubmit={(values) => choose(pending.suggestion, values)}
      />
    );
  }

  return (
    <Stack gap="xs">
      <TextInput
        aria-label={t('canned.picker.search')}
        placeholder={t('canned.picker.placeholder')}
        leftSection={<IconSearch size={16} />}
        rightSection={suggestions.isFetching ? <Loader size={14} /> : null}
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        autoFocus={autoFocus}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls="canned-suggestions"
        aria-activedescendant={items[active] ? `canned-${items[active].reply.id}` : undefined}
      />
      <FormError message={render.error ? render.error.message : null} />
      {suggestions.isError ? (
        <FormError message={suggestions.error.message} />
      ) : items.length === 0 && !suggestions.isPending ? (
        <Text size="sm" c="dimmed" px={4}>
          {typed ? t('canned.picker.noMatch') : t('canned.picker.empty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={320} type="auto">
          <Stack gap={4} id="canned-suggestions" role="listbox">
            {items.map((suggestion, index) => {
              const body = suggestion.reply.variants[suggestion.language] ?? '';
              return (
                <UnstyledButton
                  key={suggestion.reply.id}
                  id={`canned-${suggestion.reply.id}`}
                  role="option"
                  aria-selected={index === active}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => choose(suggestion)}
                  p={8}
                  style={{
                    borderRadius: 'var(--mantine-radius-sm)',
                    background: index === active ? 'var(--mantine-color-blue-light)' : undefined,
                  }}
                >
                  <Group gap={6} wrap="nowrap" mb={2}>
                    <Text size="sm" fw={500} truncate>
                      {suggestion.reply.title}
                    </Text>
                    {suggestion.reply.shortcut && (
                      <Badge size="xs" variant="outline" tt="none">
                        /{suggestion.reply.shortcut}
                      </Badge>
                    )}
                    <Badge
                      size="xs"
                      variant="light"
                      color={suggestion.reasons.languageMatch ? 'gray' : 'orange'}
                    >
                      {suggestion.language === 'zh' ? '中' : 'EN'}
                    </Badge>
                    {suggestion.reasons.intent && (
                      <Badge size="xs" variant="light" color="teal">
                        {t('canned.picker.intentMatch')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {body}
                  </Text>
                </UnstyledButton>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <Text size="xs" c="dimmed">
        {t('canned.picker.keys')}
      </Text>
    </Stack>
  );
}

/** Asks for the variables OpsLoop could not fill, then inserts the finished text. */
function VariablePrompt({
  result,
  title,
  busy,
  onCancel,
  onSubmit,
}: {
  result: RenderResult;
  title: string;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (values: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({});
  const complete = result.missing.every((variable) => values[variable]?.trim());
  return (
    <Paper withBorder p="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (complete) onSubmit(values);
        }}
      >
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('canned.picker.fill', { title })}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {result.text}
          </Text>
          {result.missing.map((variable, index) => (
            <TextInput
              key={variable}
              size="xs"
              label={`{${variable}}`}
              value={values[variable] ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setValues((old) => ({ ...old, [variable]: value }));
              }}
              autoFocus={index === 0}
              required
            />
          ))}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={onCancel}>
              {t('app.cancel')}
            </Button>
            <Button size="xs" type="submit" disabled={!complete} loading={busy}>
              {t('canned.picker.insert')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
