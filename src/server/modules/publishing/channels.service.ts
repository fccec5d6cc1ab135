import type {
  Channel,
  CreateChannelBody,
  CreatedChannel,
  UpdateChannelBody,
} from '../../../shared/publishing.ts';
import {
  ConnectorError,
  generateWebhookSecret,
  limitsForStyle,
  type ChannelConnection,
  type ConnectorFactory,
  type PlatformId,
} from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { ChannelRow } from '../../db/schema.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { decryptSecret, encryptSecret } from '../../platform/crypto/crypto.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './channels.repo.ts';

/** Brand colours people recognise each platform by, for the calendar. */
const STYLE_COLORS: Record<string, string> = {
  weibo: '#e6162d',
  wechat: '#07c160',
  douyin: '#161823',
  xiaohongshu: '#ff2442',
  bluesky: '#1185fe',
  bilibili: '#00a1d6',
  zhihu: '#0066ff',
  kuaishou: '#ff4906',
  wechat_channels: '#fa9d3b',
  webhook: '#6b7280',
};

/** Creates the account on the simulated network for a sandbox channel; returns its id. */
export type SandboxAccountCreator = (input: {
  workspaceId: string;
  style: string;
  handle: string | undefined;
  seed: number | undefined;
  timezone: string;
}) => Promise<{ accountId: string; handle: string }>;

export interface ChannelServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  secretKey: Buffer;
  connectors: ConnectorFactory;
  createSandboxAccount: SandboxAccountCreator;
}

export function presentChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    platform: row.platform as Channel['platform'],
    style: row.style,
    name: row.name,
    handle: row.handle,
    timezone: row.timezone,
    color: row.color,
    status: row.status as Channel['status'],
    statusDetail: row.status_detail,
    cadence: row.cadence_json ? (JSON.parse(row.cadence_json) as Channel['cadence']) : null,
    limits: limitsForStyle(row.style),
    assisted: row.platform === 'assisted',
    hasCredentials: row.credentials_sealed !== null,
    lastCheckedAt: toIso(row.last_checked_at),
    createdAt: toIso(row.created_at),
  };
}

export function createChannelService(deps: ChannelServiceDeps) {
  const { db, clock, audit, secretKey } = deps;

  function connection(row: ChannelRow): ChannelConnection {
    return {
      workspaceId: row.workspace_id,
      channelId: row.id,
      platform: row.platform as PlatformId,
      style: row.style,
      config: JSON.parse(row.config_json) as Record<string, unknown>,
      credentials: row.credentials_sealed
        ? (JSON.parse(decryptSecret(secretKey, row.credentials_sealed)) as Record<string, unknown>)
        : {},
      externalAccountId: row.external_account_id,
    };
  }

  async function requireChannel(workspaceId: string, channelId: string): Promise<ChannelRow> {
    const row = await repo.findChannel(db.kysely, workspaceId, channelId);
    if (!row) throw AppError.notFound('Channel');
    return row;
  }

  /** Runs the driver's credential check and records the channel's health. */
  async function checkRow(row: ChannelRow): Promise<ChannelRow> {
    const now = clock.now();
    let changes: Pick<ChannelRow, 'status' | 'status_detail'>;
    try {
      await deps.connectors(connection(row)).verify();
      changes = { status: 'connected', status_detail: null };
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      const status =
        error.kind === 'auth'
          ? 'needs_reauth'
          : error.kind === 'retryable' && error.retryAfterMs
            ? 'throttled'
            : 'failing';
      changes = { status, status_detail: `${error.message}. ${error.action}` };
    }
    await repo.updateChannel(db.kysely, row.workspace_id, row.id, {
      ...changes,
      last_checked_at: now,
      updated_at: now,
    });
    return { ...row, ...changes, last_checked_at: now, updated_at: now };
  }

  return {
    connection,
    requireChannel,

    async list(scope: WorkspaceScope): Promise<Channel[]> {
      const rows = await repo.listChannels(db.kysely, scope.workspaceId);
      const visible = scope.channelIds
        ? rows.filter((row) => scope.channelIds!.includes(row.id))
        : rows;
      return visible.map(presentChannel);
    },

    async get(scope: WorkspaceScope, channelId: string): Promise<Channel> {
      return presentChannel(await requireChannel(scope.workspaceId, channelId));
    },

    async create(
      scope: WorkspaceScope,
      body: CreateChannelBody,
      actor: Actor,
    ): Promise<CreatedChannel> {
      const now = clock.now();
      const workspaceTimezone = body.timezone ?? 'Asia/Shanghai';
      const base = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        timezone: workspaceTimezone,
        cadence_json: body.cadence ? JSON.stringify(body.cadence) : null,
        status: 'connected',
        status_detail: null,
        last_checked_at: null,
        created_at: now,
        updated_at: now,
      };
      let row: ChannelRow;
      let webhookSecret: string | undefined;
      switch (body.platform) {
        case 'sandbox': {
          const account = await deps.createSandboxAccount({
            workspaceId: scope.workspaceId,
            style: body.style,
            handle: body.handle,
            seed: body.seed,
            timezone: workspaceTimezone,
          });
          row = {
            ...base,
            platform: 'sandbox',
            style: body.style,
            handle: account.handle,
            color: body.color ?? STYLE_COLORS[body.style] ?? '#6b7280',
            config_json: '{}',
            credentials_sealed: null,
            external_account_id: account.accountId,
          };
          break;
        }
        case 'webhook': {
          const secret = body.secret ?? generateWebhookSecret();
          // A secret the person chose is theirs already; only a generated one is shown, once.
          if (!body.secret) webhookSecret = secret;
          row = {
            ...base,
            platform: 'webhook',
            style: 'webhook',
            handle: new URL(body.url).host,
            color: body.color ?? STYLE_COLORS.webhook!,
            config_json: JSON.stringify({ url: body.url }),
            credentials_sealed: encryptSecret(secretKey, JSON.stringify({ secret })),
            external_account_id: null,
          };
          break;
        }
        case 'bluesky':
          row = {
            ...base,
            platform: 'bluesky',
            style: 'bluesky',
            handle: body.handle,
            color: body.color ?? STYLE_COLORS.bluesky!,
            config_json: JSON.stringify({
              service: body.service ?? 'https://bsky.social',
              handle: body.handle,
            }),
            credentials_sealed: encryptSecret(
              secretKey,
              JSON.stringify({ appPassword: body.appPassword }),
            ),
            external_account_id: null,
          };
          break;
        case 'assisted':
          row = {
            ...base,
            platform: 'assisted',
            style: body.style,
            handle: body.handle,
            color: body.color ?? STYLE_COLORS[body.style] ?? '#6b7280',
            config_json: '{}',
            credentials_sealed: null,
            external_account_id: null,
          };
          break;
      }
      if (row.platform === 'bluesky') {
        // A wrong app password is the person's to fix now, not a channel to save broken.
        try {
          const account = await deps.connectors(connection(row)).verify();
          row.external_account_id = account.externalId;
        } catch (error) {
          if (error instanceof ConnectorError && error.kind === 'auth') {
            throw new AppError(
              'validation_failed',
              `Bluesky refused the sign-in: ${error.platformMessage ?? error.message}`,
              {
                fields: { appPassword: error.action },
              },
            );
          }
          throw error;
        }
      }
      await audit.change(actor, (trx) => repo.insertChannel(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'channels.create',
        targetType: 'channel',
        targetId: row.id,
        after: { platform: row.platform, style: row.style, name: row.name, handle: row.handle },
      });
      return { ...presentChannel(row), ...(webhookSecret ? { webhookSecret } : {}) };
    },

    async update(
      scope: WorkspaceScope,
      channelId: string,
      body: UpdateChannelBody,
      actor: Actor,
    ): Promise<Channel> {
      const before = await requireChannel(scope.workspaceId, channelId);
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.timezone !== undefined ? { timezone: body.timezone } : {}),
        ...(body.color !== undefined ? { color: body.color } : {}),
        ...(body.cadence !== undefined
          ? { cadence_json: body.cadence ? JSON.stringify(body.cadence) : null }
          : {}),
        updated_at: clock.now(),
      };
      await audit.change(
        actor,
        (trx) => repo.updateChannel(trx, scope.workspaceId, channelId, changes),
        {
          workspaceId: scope.workspaceId,
          action: 'channels.update',
          targetType: 'channel',
          targetId: channelId,
          before: {
            name: before.name,
            timezone: before.timezone,
            color: before.color,
            cadence: before.cadence_json && JSON.parse(before.cadence_json),
          },
          after: body,
        },
      );
      return presentChannel({ ...before, ...changes });
    },

    async remove(scope: WorkspaceScope, channelId: string, actor: Actor): Promise<void> {
      const row = await requireChannel(scope.workspaceId, channelId);
      const pending = await repo.countPendingTargets(db.kysely, scope.workspaceId, channelId);
      if (pending > 0) {
        throw new AppError(
          'conflict',
          `${pending} scheduled post(s) still go out on this channel; cancel or move them first`,
        );
      }
      await audit.change(actor, (trx) => repo.deleteChannel(trx, scope.workspaceId, channelId), {
        workspaceId: scope.workspaceId,
        action: 'channels.remove',
        targetType: 'channel',
        targetId: channelId,
        before: { platform: row.platform, style: row.style, name: row.name, handle: row.handle },
      });
    },

    async check(scope: WorkspaceScope, channelId: string): Promise<Channel> {
      return presentChannel(await checkRow(await requireChannel(scope.workspaceId, channelId)));
    },

    /** Stores a driver's session beside the channel's credentials (sealed like them). */
    async saveSession(workspaceId: string, channelId: string, session: unknown): Promise<void> {
      const row = await repo.findChannel(db.kysely, workspaceId, channelId);
      if (!row?.credentials_sealed) return;
      const credentials = JSON.parse(decryptSecret(secretKey, row.credentials_sealed)) as Record<
        string,
        unknown
      >;
      const next =
        session === null ? { ...credentials, session: undefined } : { ...credentials, session };
      await repo.updateChannel(db.kysely, workspaceId, channelId, {
        credentials_sealed: encryptSecret(secretKey, JSON.stringify(next)),
        updated_at: clock.now(),
      });
    },

    /** Records what a failed call said about the channel (expired credentials, rate limits). */
    async recordHealth(
      workspaceId: string,
      channelId: string,
      error: ConnectorError,
    ): Promise<void> {
      if (error.kind !== 'auth' && !(error.kind === 'retryable' && error.retryAfterMs)) return;
      const now = clock.now();
      await repo.updateChannel(db.kysely, workspaceId, channelId, {
        status: error.kind === 'auth' ? 'needs_reauth' : 'throttled',
        status_detail: `${error.message}. ${error.action}`,
        last_checked_at: now,
        updated_at: now,
      });
    },
  };
}

export type ChannelService = ReturnType<typeof createChannelService>;
