import { Anchor, Box, Button, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { usePublicForm, useSubmitPublicForm } from '../api/use-feedback.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { ErrorState, FormError, LoadingState } from '../components/query-state.tsx';
import { fieldErrors, formError } from '../lib/field-errors.ts';

/**
 * A public feedback form (全渠道反馈入口): anyone can send feedback without an account. With
 * `?embed=1` it drops the page frame so it sits quietly inside another site's iframe.
 */
export function PublicFeedbackFormPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const embedded = params.get('embed') === '1';
  const form = usePublicForm(slug);

  const frame = (title: string, subtitle: string | undefined, body: React.ReactNode) =>
    embedded ? (
      <Box p="md" maw={640} mx="auto">
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={3}>{title}</Title>
            {subtitle && <Text c="dimmed">{subtitle}</Text>}
          </Stack>
          {body}
        </Stack>
      </Box>
    ) : (
      <AuthLayout title={title} subtitle={subtitle}>
        {body}
      </AuthLayout>
    );

  if (form.isPending) return <LoadingState minHeight={320} />;
  if (form.isError) {
    const gone = form.error instanceof ApiError && form.error.status === 404;
    return frame(
      t('feedback.title'),
      undefined,
      gone ? <Text>{t('feedback.publicForm.notFound')}</Text> : <ErrorState error={form.error} />,
    );
  }
  return frame(
    form.data.title,
    form.data.workspaceName,
    <FeedbackForm
      slug={slug}
      intro={form.data.intro}
      askContact={form.data.askContact}
      workspaceName={form.data.workspaceName}
    />,
  );
}

function FeedbackForm({
  slug,
  intro,
  askContact,
  workspaceName,
}: {
  slug: string;
  intro: string;
  askContact: boolean;
  workspaceName: string;
}) {
  const { t } = useTranslation();
  const submit = useSubmitPublicForm(slug);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  // Left empty by people; bots that fill every field give themselves away.
  const [website, setWebsite] = useState('');
  const errorOf = fieldErrors(submit.error);

  if (submit.isSuccess) {
    return (
      <Paper withBorder p="md" role="status">
        <Stack gap="xs">
          <Title order={4}>{t('feedback.publicForm.thanks')}</Title>
          <Text>{t('feedback.publicForm.received')}</Text>
          {submit.data.followUp && <Text c="dimmed">{t('feedback.publicForm.followUp')}</Text>}
          <Anchor
            component="button"
            type="button"
            onClick={() => {
              setText('');
              submit.reset();
            }}
          >
            {t('feedback.publicForm.another')}
          </Anchor>
        </Stack>
      </Paper>
    );
  }

  const send = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate({
      text,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(contact.trim() ? { contact: contact.trim() } : {}),
      ...(website ? { website } : {}),
    });
  };
  const rateLimited = submit.error instanceof ApiError && submit.error.status === 429;

  return (
    <form onSubmit={send}>
      <Stack gap="md">
        {intro && <Text style={{ whiteSpace: 'pre-wrap' }}>{intro}</Text>}
        <Textarea
          label={t('feedback.publicForm.text')}
          placeholder={t('feedback.publicForm.textPlaceholder')}
          autosize
          minRows={5}
          required
          maxLength={5000}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={errorOf('text')}
        />
        {askContact && (
          <>
            <TextInput
              label={t('feedback.publicForm.name')}
              autoComplete="name"
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={errorOf('name')}
            />
            <TextInput
              label={t('feedback.publicForm.contact')}
              autoComplete="email"
              value={contact}
              onChange={(event) => setContact(event.currentTarget.value)}
              error={errorOf('contact')}
            />
          </>
        )}
        <Box
          aria-hidden
          style={{
            position: 'absolute',
            left: '-10000px',
            width: 1,
            height: 1,
            overflow: 'hidden',
          }}
        >
          <label>
            Website
            <input
              tabIndex={-1}
              autoComplete="off"
              value={website}
              onChange={(event) => setWebsite(event.currentTarget.value)}
            />
          </label>
        </Box>
        <FormError
          message={rateLimited ? t('feedback.publicForm.tooMany') : formError(submit.error)}
        />
        <Button type="submit" loading={submit.isPending} disabled={text.trim().length < 2}>
          {t('feedback.publicForm.send')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('feedback.publicForm.privacy', { name: workspaceName })}
        </Text>
      </Stack>
    </form>
  );
}
