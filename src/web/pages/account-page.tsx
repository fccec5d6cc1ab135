import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword, useUpdateProfile } from '../api/use-session.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PasswordField } from '../components/password-field.tsx';
import { FormError } from '../components/query-state.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { setLanguage } from '../i18n/i18n.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Stack gap="lg" maw={640}>
        <ProfileForm />
        <PasswordForm />
      </Stack>
    </>
  );
}

function ProfileForm() {
  const { t } = useTranslation();
  const { user } = useCurrentWorkspace();
  const update = useUpdateProfile();
  const [name, setName] = useState(user.name);
  const [locale, setLocale] = useState<string | null>(user.locale);
  const errorFor = fieldErrors(update.error);
  const dirty = name.trim() !== user.name || locale !== user.locale;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const nextLocale = locale === 'en' || locale === 'zh-CN' ? locale : undefined;
    update.mutate(
      { name: name.trim() !== user.name ? name.trim() : undefined, locale: nextLocale },
      {
        onSuccess: () => {
          if (nextLocale) setLanguage(nextLocale);
          notifications.show({ color: 'teal', message: t('app.saved') });
        },
      },
    );
  };

  return (
    <Paper p={{ base: 'md', sm: 'lg' }}>
      <Title order={4} mb="md">
        {t('account.profile')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errorFor('name')}
            autoComplete="name"
            maxLength={100}
            required
            autoFocus
          />
          <TextInput label={t('fields.email')} value={user.email} readOnly disabled />
          <Select
            label={t('fields.language')}
            description={t('account.languageHint')}
            placeholder={t('account.browserDefault')}
            data={[
              { value: 'zh-CN', label: '简体中文' },
              { value: 'en', label: 'English' },
            ]}
            value={locale}
            onChange={setLocale}
            allowDeselect={false}
            error={errorFor('locale')}
          />
          <FormError message={formError(update.error)} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!dirty || !name.trim()}>
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const errorFor = fieldErrors(change.error);
  const mismatch = confirm.length > 0 && confirm !== next;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
          notifications.show({ color: 'teal', message: t('account.passwordChanged') });
        },
      },
    );
  };

  return (
    <Paper p={{ base: 'md', sm: 'lg' }}>
      <Title order={4} mb="md">
        {t('account.passwordTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <PasswordField
            label={t('fields.currentPassword')}
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={errorFor('currentPassword')}
            autoComplete="current-password"
            required
          />
          <PasswordField
            label={t('fields.newPassword')}
            description={t('fields.passwordHint')}
            value={next}
            onChange={(event) => setNext(event.currentTarget.value)}
            error={errorFor('newPassword')}
            autoComplete="new-password"
            required
          />
          <PasswordField
            label={t('fields.confirmPassword')}
            value={confirm}
            onChange={(event) => setConfirm(event.currentTarget.value)}
            error={mismatch ? t('account.mismatch') : undefined}
            autoComplete="new-password"
            required
          />
          <FormError message={formError(change.error)} />
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={change.isPending}
              disabled={!current || !next || !confirm || mismatch}
            >
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
