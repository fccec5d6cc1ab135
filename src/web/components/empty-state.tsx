import { Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function EmptyState({ message, action }: { message: string; action?: ReactNode }) {
  return (
    <Stack align="center" gap="sm" py="xl" px="md" ta="center">
      <ThemeIcon variant="light" size={44} radius="xl" color="gray">
        <IconInbox size={24} />
      </ThemeIcon>
      <Text c="dimmed" size="sm" maw={420}>
        {message}
      </Text>
      {action}
    </Stack>
  );
}
