import { Button, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useSetup, useSetupStatus } from '../api/use-session.ts';
import { PasswordField } from '../components/password-field.tsx';
import { AuthLayout } from '../components/auth-layout.tsx';
import { ErrorState, FormError, LoadingState } from '../components/query-state.tsx';
import { TimezoneSelect } from '../components/timezone-select.tsx';
import { currentLanguage } from '../i18n/i18n.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { browserTimezone } from '../lib/timezones.ts';

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useSetupStatus();
  const setup = useSetup();
  const [form, setForm] = useState({ name: '', email: '', password: '', workspaceName: '' });
  const [timezone, setTimezone] = useState(browserTimezone);
  const errorFor = fieldErrors(setup.error);

  const set = (key: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setForm((old) => ({ ...old, [key]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate(
      { ...form, name: form.name.trim(), timezone, locale: currentLanguage() },
      {
        onSuccess: (session) => {
          notifications.show({ color: 'teal', message: t('setup.done') });
          const first = session.workspaces[0];
          void navigate(first ? `/w/${first.id}` : '/', { replace: true });
        },
      },
    );
  };

  if (status.isPending) return <LoadingState minHeight={320} />;
  if (status.isError) {
    return (
      <AuthLayout title={t('setup.title')}>
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      </AuthLayout>
    );
  }
  if (!status.data.needsSetup && !setup.isPending && !setup.isSuccess) {
    return <Navigate to="/" replace />;
  }

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.yourName')}
            value={form.name}
            onChange={set('name')}
            error={errorFor('name')}
            autoComplete="name"
            required
            autoFocus
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            value={form.email}
            onChange={set('email')}
            error={errorFor('email')}
            autoComplete="email"
            required
          />
          <PasswordField
            label={t('fields.password')}
            description={t('fields.passwordHint')}
            value={form.password}
            onChange={set('password')}
            error={errorFor('password')}
            autoComplete="new-password"
            required
          />
          <TextInput
            label={t('fields.workspaceName')}
            value={form.workspaceName}
            onChange={set('workspaceName')}
            error={errorFor('workspaceName')}
            required
          />
          <TimezoneSelect value={timezone} onChange={setTimezone} error={errorFor('timezone')} />
          <FormError message={formError(setup.error)} />
          <Button type="submit" loading={setup.isPending} fullWidth size="md">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
