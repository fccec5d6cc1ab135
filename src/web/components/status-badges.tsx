import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel, PostStatus, TargetStatus } from '../../shared/publishing.ts';
import { POST_STATUS_COLORS, TARGET_STATUS_COLORS } from '../lib/post-status.ts';

export function PostStatusBadge({ status }: { status: PostStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={POST_STATUS_COLORS[status]} miw="fit-content">
      {t(`postStatus.${status}`)}
    </Badge>
  );
}

export function TargetStatusBadge({ status }: { status: TargetStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={TARGET_STATUS_COLORS[status]} miw="fit-content">
      {t(`targetStatus.${status}`)}
    </Badge>
  );
}

const HEALTH_COLORS: Record<Channel['status'], string> = {
  connected: 'teal',
  needs_reauth: 'orange',
  throttled: 'yellow',
  failing: 'red',
};

/** Channel health; the platform's own explanation shows on hover and focus. */
export function ChannelHealthBadge({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const badge = (
    <Badge
      variant="dot"
      color={HEALTH_COLORS[channel.status]}
      miw="fit-content"
      tabIndex={channel.statusDetail ? 0 : undefined}
    >
      {t(`channelStatus.${channel.status}`)}
    </Badge>
  );
  if (!channel.statusDetail) return badge;
  return (
    <Tooltip label={channel.statusDetail} multiline maw={280} withArrow>
      {badge}
    </Tooltip>
  );
}
