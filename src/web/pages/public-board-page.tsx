import { Badge, Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { usePublicBoard } from '../api/use-feedback.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useFormatDate } from '../lib/format.ts';

/** 建议落地公示栏: the suggestions a workspace adopted and what changed, for anyone to read. */
export function PublicBoardPage() {
  const { t, i18n } = useTranslation();
  const { slug = '' } = useParams();
  const board = usePublicBoard(slug);
  const formatDate = useFormatDate();
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" py="xl">
      <Container size="md">
        <Group justify="flex-end" mb="md">
          <LanguageSwitch />
        </Group>
        {board.isPending ? (
          <LoadingState minHeight={320} />
        ) : board.isError ? (
          board.error instanceof ApiError && board.error.status === 404 ? (
            <Paper p="xl">
              <Text>{t('feedback.publicBoard.notFound')}</Text>
            </Paper>
          ) : (
            <ErrorState error={board.error} onRetry={() => void board.refetch()} />
          )
        ) : (
          <Stack gap="lg">
            <Stack gap={4}>
              <Text c="dimmed">{board.data.workspaceName}</Text>
              <Title order={1}>{board.data.title || t('feedback.publicBoard.title')}</Title>
              {board.data.intro && (
                <Text style={{ whiteSpace: 'pre-wrap' }}>{board.data.intro}</Text>
              )}
            </Stack>
            {board.data.items.length === 0 ? (
              <Paper p="xl">
                <Text c="dimmed">{t('feedback.publicBoard.empty')}</Text>
              </Paper>
            ) : (
              <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {board.data.items.map((item) => (
                  <Paper key={item.id} p="lg" withBorder component="li">
                    <Stack gap="xs">
                      <Group justify="space-between" align="flex-start">
                        <Title order={3} size="h4">
                          {item.title}
                        </Title>
                        {item.category && (
                          <Badge variant="light" tt="none">
                            {item.category}
                          </Badge>
                        )}
                      </Group>
                      {item.change && (
                        <Text>
                          <Text span fw={600} inherit>
                            {t('feedback.publicBoard.change')}:
                          </Text>{' '}
                          {item.change}
                        </Text>
                      )}
                      <Text size="sm" c="dimmed">
                        <time dateTime={item.adoptedAt} title={formatDate(item.adoptedAt)}>
                          {t('feedback.publicBoard.adoptedOn', {
                            date: day.format(new Date(item.adoptedAt)),
                          })}
                        </time>{' '}
                        · {t('feedback.publicBoard.people', { count: item.people })}
                      </Text>
                    </Stack>
                  </Paper>
                ))}
              </Stack>
            )}
          </Stack>
        )}
      </Container>
    </Box>
  );
}
