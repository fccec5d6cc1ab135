import { Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useLogin, useSession, useSetupStatus } from '../api/use-session.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { PasswordField } from '../components/password-field.tsx';
import { FormError, LoadingState } from '../components/query-state.tsx';
import { fieldErrors, formError } from '../lib/field-errors.ts';

/** Only same-site paths may be a post-login target, so the link cannot send users elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const setup = useSetupStatus();
  const session = useSession();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorFor = fieldErrors(login.error);

  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (session.isPending) return <LoadingState minHeight={320} />;
  if (session.data && !login.isSuccess) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => void navigate(next, { replace: true }) },
    );
  };

  const error = login.error;
  const message =
    error instanceof ApiError && error.code === 'rate_limited'
      ? t('login.rateLimited', { seconds: error.retryAfter ?? 60 })
      : formError(error);

  return (
    <AuthLayout title={t('login.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.email')}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errorFor('email')}
            autoComplete="username"
            required
            autoFocus
          />
          <PasswordField
            label={t('fields.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errorFor('password')}
            autoComplete="current-password"
            required
          />
          <FormError message={message} />
          <Button type="submit" loading={login.isPending} fullWidth size="md">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
