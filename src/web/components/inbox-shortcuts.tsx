import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  ['j', 'next'],
  ['k', 'previous'],
  ['r', 'reply'],
  ['n', 'note'],
  ['a', 'assign'],
  ['e', 'resolve'],
  ['?', 'help'],
] as const;

/** The list `?` opens. */
export function InboxShortcuts({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('inbox.shortcuts.title')} size="sm">
      <Stack gap={6}>
        {SHORTCUTS.map(([key, label]) => (
          <Group key={key} justify="space-between">
            <Text size="sm">{t(`inbox.shortcuts.${label}`)}</Text>
            <Kbd>{key}</Kbd>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
