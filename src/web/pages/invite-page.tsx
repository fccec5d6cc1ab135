import { Alert, Anchor, Button, Divider, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { InvitationPreview } from '../../shared/api.ts';
import { useAcceptInvitation, useInvitationPreview } from '../api/use-invitation.ts';
import { useSession } from '../api/use-session.ts';
import { PasswordField } from '../components/password-field.tsx';
import { AuthLayout } from '../components/auth-layout.tsx';
import { ErrorState, FormError, LoadingState } from '../components/query-state.tsx';
import { RoleBadge } from '../components/role-badge.tsx';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useFormatDate } from '../lib/format.ts';

export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  const session = useSession();

  if (preview.isPending || session.isPending) return <LoadingState minHeight={320} />;
  if (preview.isError) {
    return (
      <AuthLayout title={t('invite.invalid')}>
        <ErrorState error={preview.error} />
        <Anchor component={Link} to="/">
          {t('app.goHome')}
        </Anchor>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('invite.title')}>
      <InvitationSummary preview={preview.data} />
      {session.data ? (
        <AcceptAsMember
          token={token}
          preview={preview.data}
          name={session.data.user.name}
          email={session.data.user.email}
        />
      ) : (
        <JoinAsNewcomer token={token} preview={preview.data} />
      )}
    </AuthLayout>
  );
}

function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <Stack gap="xs">
      <Text>
        {t('invite.summary', {
          invitedBy: preview.invitedBy,
          workspace: preview.workspaceName,
          role: t(`roles.${preview.role}`),
        })}
      </Text>
      <RoleBadge role={preview.role} />
      {preview.email && (
        <Text size="sm" c="dimmed">
          {t('invite.forEmail', { email: preview.email })}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {t('invite.expires', { date: formatDate(preview.expiresAt) })}
      </Text>
    </Stack>
  );
}

function useJoined(preview: InvitationPreview) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return ({ workspaceId }: { workspaceId: string }) => {
    notifications.show({
      color: 'teal',
      message: t('invite.joined', { workspace: preview.workspaceName }),
    });
    void navigate(`/w/${workspaceId}`, { replace: true });
  };
}

function AcceptAsMember({
  token,
  preview,
  name,
  email,
}: {
  token: string;
  preview: InvitationPreview;
  name: string;
  email: string;
}) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation(token);
  const onJoined = useJoined(preview);
  return (
    <Stack gap="md">
      <Alert variant="light">{t('invite.signedInAs', { name, email })}</Alert>
      <FormError message={formError(accept.error)} />
      <Button
        size="md"
        loading={accept.isPending}
        onClick={() => accept.mutate({}, { onSuccess: onJoined })}
        autoFocus
      >
        {t('invite.accept')}
      </Button>
    </Stack>
  );
}

function JoinAsNewcomer({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation(token);
  const onJoined = useJoined(preview);
  const [name, setName] = useState('');
  const [email, setEmail] = useState(preview.email ?? '');
  const [password, setPassword] = useState('');
  const errorFor = fieldErrors(accept.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ name: name.trim(), email: email.trim(), password }, { onSuccess: onJoined });
  };

  return (
    <Stack gap="md">
      <Divider label={t('invite.joinTitle')} labelPosition="left" />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.yourName')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errorFor('name')}
            autoComplete="name"
            required
            autoFocus
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errorFor('email')}
            autoComplete="email"
            readOnly={preview.email !== null}
            required
          />
          <PasswordField
            label={t('fields.password')}
            description={t('fields.passwordHint')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errorFor('password')}
            autoComplete="new-password"
            required
          />
          <FormError message={formError(accept.error)} />
          <Button type="submit" size="md" loading={accept.isPending} fullWidth>
            {t('invite.join')}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        {t('invite.haveAccount')}{' '}
        <Anchor component={Link} to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>
          {t('invite.signInFirst')}
        </Anchor>
      </Text>
    </Stack>
  );
}
