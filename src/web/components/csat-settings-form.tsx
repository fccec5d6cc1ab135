import {
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsatSettings } from '../../shared/routing.ts';
import { useUpdateCsatSettings } from '../api/use-routing.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';

/** CSAT on or off, who is asked, how long links stay open, and the message in zh and en. */
export function CsatSettingsForm({
  workspaceId,
  settings,
  canManage,
}: {
  workspaceId: string;
  settings: CsatSettings;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const save = useUpdateCsatSettings(workspaceId);
  const [enabled, setEnabled] = useState(settings.enabled);
  const [dmOnly, setDmOnly] = useState(settings.dmOnly);
  const [cooldownDays, setCooldownDays] = useState<number | string>(settings.cooldownDays);
  const [expiresHours, setExpiresHours] = useState<number | string>(settings.expiresHours);
  const [zh, setZh] = useState(settings.messages.zh);
  const [en, setEn] = useState(settings.messages.en);
  const errorFor = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        enabled,
        dmOnly,
        cooldownDays: Number(cooldownDays),
        expiresHours: Number(expiresHours),
        messages: { zh, en },
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('app.saved') }) },
    );
  };

  return (
    <Paper p="md" aria-labelledby="csat-settings-title">
      <Title order={4} id="csat-settings-title" mb={4}>
        {t('csat.settings')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('csat.settingsHint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!canManage} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="md">
            <Switch
              label={t('csat.enabled')}
              checked={enabled}
              onChange={(event) => setEnabled(event.currentTarget.checked)}
            />
            <Switch
              label={t('csat.dmOnly')}
              description={t('csat.dmOnlyHint')}
              checked={dmOnly}
              onChange={(event) => setDmOnly(event.currentTarget.checked)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t('csat.cooldownDays')}
                description={t('csat.cooldownHint')}
                value={cooldownDays}
                onChange={setCooldownDays}
                min={0}
                max={365}
                error={errorFor('cooldownDays')}
              />
              <NumberInput
                label={t('csat.expiresHours')}
                value={expiresHours}
                onChange={setExpiresHours}
                min={1}
                max={1440}
                error={errorFor('expiresHours')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Textarea
                label={t('csat.messageZh')}
                value={zh}
                onChange={(event) => setZh(event.currentTarget.value)}
                error={errorFor('messages.zh')}
                autosize
                minRows={2}
              />
              <Textarea
                label={t('csat.messageEn')}
                value={en}
                onChange={(event) => setEn(event.currentTarget.value)}
                error={errorFor('messages.en')}
                autosize
                minRows={2}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt={-8}>
              {t('csat.messageHint')}
            </Text>
            <FormError message={formError(save.error)} />
            {canManage && (
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  {t('app.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </Paper>
  );
}
