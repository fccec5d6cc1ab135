import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60dvh" p="md">
      <Stack align="center" gap="sm" ta="center" maw={420}>
        <Title order={2}>{t('app.notFound')}</Title>
        <Text c="dimmed">{t('app.notFoundHint')}</Text>
        <Button component={Link} to="/">
          {t('app.goHome')}
        </Button>
      </Stack>
    </Center>
  );
}
