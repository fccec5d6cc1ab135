import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';

export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={30} radius="md" variant="filled">
        <IconRefresh size={18} stroke={2.2} />
      </ThemeIcon>
      <Text fw={700} size="lg" style={{ letterSpacing: '-0.01em' }}>
        OpsLoop
      </Text>
    </Group>
  );
}
