import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import {
  ConnectorError,
  type Connector,
  type ConnectorCapabilities,
  type MessagePage,
  type PostMetrics,
  type PublishedPost,
} from '../connector.ts';
import { checkLimits, SANDBOX_LIMITS } from './sandbox-limits.ts';
import {
  COMMENT_HORIZON_MS,
  followersAt,
  normalizeTopic,
  postMetricsAt,
  reportedActivityGrid,
  topicsFromText,
  unitHash,
  type PlatformStyle,
} from './sandbox-model.ts';
import { messagesBetween, type MessagePosition } from './sandbox-messages.ts';
import { createSandboxRepo, type PublishDecision, type SandboxPostRow } from './sandbox.repo.ts';
import {
  findSandboxMessage,
  loadSandboxAccount,
  messageContext,
  sandboxPostId,
  sandboxPostUrl,
  toSimulatedPost,
  type LoadedSandboxAccount,
  type SandboxAccount,
} from './sandbox.service.ts';

export const SANDBOX_CAPABILITIES: ConnectorCapabilities = {
  publishText: true,
  publishImages: true,
  publishVideo: true,
  lookupByIdempotencyKey: true,
  readMetrics: true,
  readComments: true,
  replyComments: true,
  readDirectMessages: true,
  replyDirectMessages: true,
  hideComments: true,
  audienceStats: true,
};

/** Most messages one `fetchMessages` page returns. */
export const SANDBOX_PAGE_SIZE = 100;

export interface SandboxConnectorOptions {
  db: Db;
  clock: Clock;
  workspaceId: string;
  accountId: string;
  /**
   * The platform style, when the caller knows it, so `limits` is right before the first call;
   * otherwise `limits` are Weibo's until the account has been read once.
   */
  platformStyle?: PlatformStyle;
}

/**
 * A connector to one account of the sandbox network. Every call reads the account afresh, so
 * several connector instances (and processes) on one database agree, and failure knobs changed
 * by a test apply at once. An account of another workspace is reported as not found (AppError).
 */
export function createSandboxConnector(options: SandboxConnectorOptions): Connector {
  const { db, clock, workspaceId, accountId } = options;
  const repo = createSandboxRepo(db);
  const ref = { workspaceId, accountId };
  let style: PlatformStyle = options.platformStyle ?? 'weibo';

  const load = async (): Promise<LoadedSandboxAccount> => {
    const loaded = await loadSandboxAccount(repo, ref);
    style = loaded.account.platformStyle;
    return loaded;
  };
  const loadAuthorized = async () => {
    const loaded = await load();
    if (loaded.failures.authExpired) throw authError();
    return loaded;
  };
  const toPublished = (account: SandboxAccount, post: SandboxPostRow): PublishedPost => ({
    externalId: post.id,
    url: sandboxPostUrl(account, post.id),
    publishedAt: post.published_at,
  });

  return {
    platform: 'sandbox',
    capabilities: SANDBOX_CAPABILITIES,
    get limits() {
      return SANDBOX_LIMITS[style];
    },

    async verify() {
      const { account, model } = await loadAuthorized();
      return {
        externalId: account.id,
        handle: account.handle,
        displayName: account.displayName,
        followers: followersAt(model, clock.now()),
      };
    },

    async publish(request) {
      const { account, failures } = await load();
      const calledAt = clock.now();
      const call = {
        workspaceId,
        accountId,
        idempotencyKey: request.idempotencyKey,
        calledAt,
      };
      if (failures.authExpired) {
        await repo.recordFailedCall({ ...call, outcome: 'auth' });
        throw authError();
      }
      const violation = checkLimits(SANDBOX_LIMITS[account.platformStyle], request);
      if (violation) {
        await repo.recordFailedCall({ ...call, outcome: 'rejected' });
        throw new ConnectorError('rejected', violation.message, {
          platformMessage: violation.message,
          action: violation.action,
        });
      }
      const topics =
        request.topics && request.topics.length > 0
          ? [...new Set(request.topics.map(normalizeTopic))]
          : topicsFromText(request.text);
      // The failure drawn depends only on (seed, key, attempt): a rerun of a test sees the same.
      const decide = (attempt: number): PublishDecision => {
        const u = unitHash(account.seed, 'publish', request.idempotencyKey, attempt);
        if (u < failures.failureRate) return 'retryable';
        if (u < failures.failureRate + failures.timeoutRate) return 'unknown_outcome';
        return 'create';
      };
      const result = await repo.recordPublish({
        ...call,
        decide,
        post: {
          workspace_id: workspaceId,
          account_id: accountId,
          id: sandboxPostId(accountId, request.idempotencyKey),
          idempotency_key: request.idempotencyKey,
          origin: 'publish',
          text: request.text,
          title: request.title ?? null,
          topics_json: JSON.stringify(topics),
          media_json: JSON.stringify(
            request.media.map((m) => ({ kind: m.kind, mimeType: m.mimeType, bytes: m.bytes })),
          ),
          published_at: calledAt,
          created_at: calledAt,
        },
      });
      if (result.outcome === 'retryable') {
        throw new ConnectorError('retryable', 'The sandbox is temporarily unavailable.', {
          platformMessage: '503 Service Unavailable (simulated)',
          retryAfterMs: 1000,
        });
      }
      if (result.outcome === 'unknown_outcome') {
        throw new ConnectorError('unknown_outcome', 'The sandbox did not answer in time.', {
          platformMessage: 'Gateway timeout (simulated; the post was created)',
        });
      }
      if (!result.post) throw new Error('Sandbox publish succeeded without a post');
      return toPublished(account, result.post);
    },

    async findPublished(idempotencyKey) {
      const { account } = await loadAuthorized();
      const post = await repo.findPostByKey(workspaceId, accountId, idempotencyKey);
      return post ? toPublished(account, post) : null;
    },

    async fetchMetrics(externalIds) {
      const { account, model } = await loadAuthorized();
      const now = clock.now();
      const rows = await repo.findPostsByIds(workspaceId, accountId, [...new Set(externalIds)]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const out: PostMetrics[] = [];
      // Unknown ids are left out, as a platform API leaves out deleted posts.
      for (const id of externalIds) {
        const row = byId.get(id);
        if (!row) continue;
        const m = postMetricsAt(model, account.seed, toSimulatedPost(row), now);
        out.push({ externalId: id, observedAt: now, ...m });
      }
      return out;
    },

    async fetchMessages(cursor) {
      const loaded = await loadAuthorized();
      const now = clock.now();
      const after = decodeCursor(cursor);
      const from = after ? after.createdAt - COMMENT_HORIZON_MS : -1;
      const posts = await repo.listPostsPublishedBetween(workspaceId, accountId, from, now);
      const refs = messagesBetween(
        messageContext(loaded),
        posts.map(toSimulatedPost),
        loaded.row.messages_since,
        after,
        now,
      ).slice(0, SANDBOX_PAGE_SIZE);
      const last = refs[refs.length - 1];
      const page: MessagePage = {
        items: refs.map((r) => r.build().message),
        cursor: last ? encodeCursor(last) : cursor,
      };
      return page;
    },

    async reply(to, text, idempotencyKey) {
      const loaded = await loadAuthorized();
      const now = clock.now();
      if (text.trim() === '') {
        throw new ConnectorError('rejected', 'The reply is empty.', { action: 'Write a reply.' });
      }
      const target = await findSandboxMessage(repo, loaded, to.externalId, now);
      if (!target) {
        throw new ConnectorError('rejected', 'The message to reply to does not exist.', {
          platformMessage: 'target not found',
          action: 'Refresh the inbox; the message may have been deleted.',
        });
      }
      const { row } = await repo.insertReply({
        workspace_id: workspaceId,
        id: `sr${newId(now)}`,
        account_id: accountId,
        idempotency_key: idempotencyKey,
        to_external_id: to.externalId,
        to_kind: to.kind,
        text,
        created_at: now,
      });
      return { externalId: row.id };
    },

    async audienceActivity() {
      const { account, model } = await loadAuthorized();
      return reportedActivityGrid(model, account.seed, clock.now());
    },

    async findReply(idempotencyKey) {
      await loadAuthorized();
      const row = await repo.findReplyByKey(workspaceId, accountId, idempotencyKey);
      return row ? { externalId: row.id } : null;
    },

    async hideComment(to) {
      const loaded = await loadAuthorized();
      if (to.kind === 'direct_message') {
        throw new ConnectorError('rejected', 'Direct messages cannot be hidden.', {
          platformMessage: 'only comments can be hidden',
          action: 'Hide comments only; a direct message is seen by the account alone.',
        });
      }
      const now = clock.now();
      const target = await findSandboxMessage(repo, loaded, to.externalId, now);
      if (!target) {
        throw new ConnectorError('rejected', 'The comment to hide does not exist.', {
          platformMessage: 'target not found',
          action: 'Refresh the inbox; the comment may have been deleted.',
        });
      }
      await repo.hideComment(workspaceId, accountId, to.externalId, now);
    },
  };
}

/** Like `createSandboxConnector`, but reads the account first: not found fails here, limits are exact. */
export async function openSandboxConnector(
  options: Omit<SandboxConnectorOptions, 'platformStyle'>,
): Promise<Connector> {
  const loaded = await loadSandboxAccount(createSandboxRepo(options.db), options);
  return createSandboxConnector({ ...options, platformStyle: loaded.account.platformStyle });
}

function authError(): ConnectorError {
  return new ConnectorError('auth', 'The sandbox token has expired.', {
    platformMessage: '401 token expired (simulated)',
  });
}

function encodeCursor(position: MessagePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.externalId])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string | null): MessagePosition | null {
  if (cursor === null) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { createdAt: value[0], externalId: value[1] };
    }
  } catch {
    // Fall through: a cursor we did not make.
  }
  throw new ConnectorError('rejected', 'The message cursor is not valid.', {
    action: 'Start reading the inbox again from the beginning.',
  });
}
