import { Button, Stack, Text, TextInput } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useSetup, useSetupStatus } from '../api/use-session.ts';
import { useCreateSampleWorkspace } from '../api/use-workspaces.ts';
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
  const sample = useCreateSampleWorkspace();
  const [wantsSample, setWantsSample] = useState(false);
  const [form, setForm] = useState({ name: '', email: '', password: '', workspaceName: '' });
  const [timezone, setTimezone] = useState(browserTimezone);
  const errorFor = fieldErrors(setup.error);

  const set = (key: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setForm((old) => ({ ...old, [key]: value }));
  };

  const body = { ...form, name: form.name.trim(), timezone, locale: currentLanguage() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setWantsSample(false);
    setup.mutate(body, {
      onSuccess: (session) => {
        notifications.show({ color: 'teal', message: t('setup.done') });
        const first = session.workspaces[0];
        void navigate(first ? `/w/${first.id}` : '/', { replace: true });
      },
    });
  };

  // Same owner account, then the demo workspace on top, which becomes the one we open.
  const explore = () => {
    const openSample = () =>
      sample.mutate(undefined, {
        onSuccess: (workspace) => {
          notifications.show({
            color: 'teal',
            message: t('sample.ready', { name: workspace.name }),
          });
          void navigate(`/w/${workspace.id}`, { replace: true });
        },
      });
    setWantsSample(true);
    if (setup.isSuccess) openSample();
    else setup.mutate(body, { onSuccess: openSample });
  };
  const exploring = wantsSample && (setup.isPending || sample.isPending);

  if (status.isPending) return <LoadingState minHeight={320} />;
  if (status.isError) {
    return (
      <AuthLayout title={t('setup.title')}>
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      </AuthLayout>
    );
  }
  if (!status.data.needsSetup && !setup.isPending && !setup.isSuccess && !sample.isPending) {
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
          <FormError message={formError(setup.error) ?? sample.error?.message ?? null} />
          <Button
            type="submit"
            loading={setup.isPending && !exploring}
            disabled={exploring}
            fullWidth
            size="md"
          >
            {t('setup.submit')}
          </Button>
          <Button
            type="button"
            variant="default"
            leftSection={<IconSparkles size={18} />}
            loading={exploring}
            disabled={setup.isPending && !exploring}
            onClick={explore}
            fullWidth
          >
            {t('sample.explore')}
          </Button>
          <Text size="xs" c="dimmed" ta="center" role={exploring ? 'status' : undefined}>
            {exploring ? t('sample.building') : t('sample.hint')}
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
