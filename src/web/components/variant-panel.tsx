import {
  Accordion,
  Badge,
  Button,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import type { Variant, VariantErrors } from '../lib/post-variants.ts';
import { fits, measureVariant } from '../lib/text-measure.ts';
import { ChannelAvatar } from './channel-avatar.tsx';
import { LimitCounter } from './limit-counter.tsx';
import { PostPreview } from './post-preview.tsx';

/** One accordion item per chosen channel: its text, counters, server errors and preview. */
export function VariantPanel({
  channel,
  variant,
  mainText,
  mainTitle,
  topics,
  errors,
  disabled,
  onChange,
}: {
  channel: Channel;
  variant: Variant;
  mainText: string;
  mainTitle: string;
  topics: readonly string[];
  errors: VariantErrors | undefined;
  disabled: boolean;
  onChange: (variant: Variant) => void;
}) {
  const { t } = useTranslation();
  const text = variant.text ?? mainText;
  const title = variant.title ?? mainTitle;
  const hasTitle = channel.limits.maxTitleLength !== null;
  const measures = measureVariant({ text, title: hasTitle ? title : null }, channel.limits);
  const customized = variant.text !== null || variant.title !== null;
  const serverErrors = [errors?.channelId, errors?.text, errors?.title].filter(Boolean);
  const problem = !fits(measures) || serverErrors.length > 0;

  return (
    <Accordion.Item value={channel.id} data-testid={`variant-${channel.id}`}>
      <Accordion.Control>
        <Group gap="sm" wrap="nowrap">
          <ChannelAvatar channel={channel} size={28} />
          <Text fw={600} truncate>
            {channel.name}
          </Text>
          {problem ? (
            <Badge
              color="red"
              variant="light"
              tt="none"
              leftSection={<IconAlertTriangle size={12} />}
            >
              {t('editor.channelErrors')}
            </Badge>
          ) : (
            <Badge color={customized ? 'blue' : 'gray'} variant="light" tt="none">
              {customized ? t('editor.customized') : t('editor.followsMain')}
            </Badge>
          )}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="sm">
            {hasTitle && (
              <TextInput
                label={t('editor.variantTitle', { name: channel.name })}
                value={title}
                onChange={(event) => onChange({ ...variant, title: event.currentTarget.value })}
                error={errors?.title}
                disabled={disabled}
                maxLength={200}
              />
            )}
            <Textarea
              label={t('editor.variantText', { name: channel.name })}
              value={text}
              onChange={(event) => onChange({ ...variant, text: event.currentTarget.value })}
              error={errors?.text ?? errors?.channelId}
              disabled={disabled}
              autosize
              minRows={4}
              maxRows={16}
            />
            <LimitCounter measures={measures} />
            {measures.empty && (
              <Text size="xs" c="red.7">
                {t('editor.isEmpty')}
              </Text>
            )}
            {customized && !disabled && (
              <Button
                variant="subtle"
                size="xs"
                w="fit-content"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={() => onChange({ text: null, title: null })}
              >
                {t('editor.resetToMain')}
              </Button>
            )}
          </Stack>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('editor.preview')}
            </Text>
            <PostPreview
              channel={channel}
              title={hasTitle ? title : null}
              text={text}
              topics={topics}
            />
          </Stack>
        </SimpleGrid>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
