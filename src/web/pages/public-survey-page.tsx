import { Button, Group, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import {
  IconMoodConfused,
  IconMoodEmpty,
  IconMoodHappy,
  IconMoodSad,
  IconMoodSmile,
} from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useAnswerSurvey, usePublicSurvey } from '../api/use-routing.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { ErrorState, FormError, LoadingState } from '../components/query-state.tsx';
import { setLanguage } from '../i18n/i18n.ts';

const FACES = [IconMoodSad, IconMoodConfused, IconMoodEmpty, IconMoodSmile, IconMoodHappy];
const FACE_COLORS = ['red', 'orange', 'yellow', 'lime', 'green'];
const SCORE_KEYS = [
  'survey.scores.1',
  'survey.scores.2',
  'survey.scores.3',
  'survey.scores.4',
  'survey.scores.5',
] as const;

/** The satisfaction survey a customer opens from the link sent after their conversation. */
export function PublicSurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const survey = usePublicSurvey(token);
  const answer = useAnswerSurvey(token);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');

  // Speak the customer's language unless they already chose one on this device.
  const language = survey.data?.language;
  useEffect(() => {
    if (language) setLanguage(language === 'zh' ? 'zh-CN' : 'en', false);
  }, [language]);

  if (survey.isPending) return <LoadingState minHeight={320} />;
  if (survey.isError) {
    const gone = survey.error instanceof ApiError && survey.error.status === 404;
    return (
      <AuthLayout title={t('survey.title')}>
        {gone ? <Text>{t('survey.notFound')}</Text> : <ErrorState error={survey.error} />}
      </AuthLayout>
    );
  }
  const data = survey.data;
  if (data.status === 'answered') {
    return (
      <AuthLayout title={t('survey.thanks')} subtitle={data.workspaceName}>
        <Text>{t('survey.recorded', { score: data.score ?? '' })}</Text>
      </AuthLayout>
    );
  }
  if (data.status === 'expired') {
    return (
      <AuthLayout title={t('survey.title')} subtitle={data.workspaceName}>
        <Text>{t('survey.expired')}</Text>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (score === null) return;
    answer.mutate({ score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };

  return (
    <AuthLayout title={t('survey.title')} subtitle={data.workspaceName}>
      <form onSubmit={submit}>
        <Stack gap="lg">
          <Text>{t('survey.question', { name: data.workspaceName })}</Text>
          <Group
            gap="xs"
            justify="space-between"
            role="radiogroup"
            aria-label={t('survey.scoreLabel')}
          >
            {FACES.map((Face, index) => {
              const value = index + 1;
              const selected = score === value;
              return (
                <UnstyledButton
                  key={value}
                  role="radio"
                  aria-checked={selected}
                  aria-label={t(SCORE_KEYS[index]!)}
                  onClick={() => setScore(value)}
                  onKeyDown={(event) => {
                    if (event.key === 'ArrowRight' && value < 5) setScore(value + 1);
                    if (event.key === 'ArrowLeft' && value > 1) setScore(value - 1);
                  }}
                  p="xs"
                  style={{
                    flex: 1,
                    textAlign: 'center',
                    borderRadius: 'var(--mantine-radius-md)',
                    border: `2px solid ${selected ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-3)'}`,
                    background: selected ? 'var(--mantine-color-blue-light)' : undefined,
                  }}
                >
                  <Face
                    size={32}
                    aria-hidden
                    color={`var(--mantine-color-${FACE_COLORS[index]}-${selected ? 7 : 5})`}
                  />
                  <Text size="xs" fw={600}>
                    {value}
                  </Text>
                </UnstyledButton>
              );
            })}
          </Group>
          {score !== null && (
            <Text size="sm" c="dimmed" ta="center">
              {t(SCORE_KEYS[score - 1]!)}
            </Text>
          )}
          <Textarea
            label={t('survey.comment')}
            placeholder={t('survey.commentPlaceholder')}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={3}
          />
          <FormError message={answer.error ? answer.error.message : null} />
          <Button type="submit" disabled={score === null} loading={answer.isPending}>
            {t('survey.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
