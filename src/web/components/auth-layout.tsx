import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch.tsx';
import { Logo } from './logo.tsx';

/** The centred card used by setup, sign-in and invitation pages. */
export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" px="md" py="xl">
      <Group justify="space-between" maw={480} mx="auto" mb="xl">
        <Logo />
        <LanguageSwitch />
      </Group>
      <Center>
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={480}>
          <Stack gap="lg">
            <Stack gap={4}>
              <Title order={2}>{title}</Title>
              {subtitle && <Text c="dimmed">{subtitle}</Text>}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
