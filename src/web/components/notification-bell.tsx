import {
  ActionIcon,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../shared/publishing.ts';
import { useMarkNotificationRead, useNotifications } from '../api/use-notifications.ts';
import { useFormatDate } from '../lib/format.ts';
import { EmptyState } from './empty-state.tsx';

/** Header bell: unread count polled every 30 s, the latest items in a popover. */
export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const [opened, popover] = useDisclosure(false);
  const notifications = useNotifications(workspaceId);
  const markRead = useMarkNotificationRead(workspaceId);
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  const open = (item: Notification) => {
    if (!item.readAt) markRead.mutate(item.id);
    popover.close();
    if (item.link) void navigate(item.link);
  };

  return (
    <Popover
      opened={opened}
      onChange={(next) => (next ? popover.open() : popover.close())}
      position="bottom-end"
      width={340}
      shadow="md"
      withinPortal
    >
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={16}
          color="red"
          disabled={unread === 0}
          offset={4}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={popover.toggle}
            aria-label={t('notifications.open', { count: unread })}
            aria-expanded={opened}
          >
            <IconBell size={20} stroke={1.7} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={650} size="sm">
            {t('notifications.title')}
          </Text>
          {unread > 0 && (
            <Button
              size="compact-xs"
              variant="subtle"
              loading={markRead.isPending && markRead.variables === null}
              onClick={() => markRead.mutate(null)}
            >
              {t('notifications.markAllRead')}
            </Button>
          )}
        </Group>
        <Divider />
        {items.length === 0 ? (
          <EmptyState message={t('notifications.empty')} />
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {items.map((item) => (
                <Box component="li" key={item.id}>
                  <UnstyledButton
                    onClick={() => open(item)}
                    w="100%"
                    px="sm"
                    py="xs"
                    bg={item.readAt ? undefined : 'var(--mantine-color-teal-light)'}
                    style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
                  >
                    <Text size="sm" fw={item.readAt ? 500 : 700} lineClamp={2}>
                      {item.title}
                    </Text>
                    {item.body && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {item.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed" mt={2}>
                      {formatDate(item.createdAt)}
                    </Text>
                  </UnstyledButton>
                </Box>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
