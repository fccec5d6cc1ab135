import type { Db } from '../../db/database.ts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import {
  COMMENT_HORIZON_MS,
  deriveAudienceModel,
  explainPost,
  followersAt,
  hashString,
  localTime,
  NO_FAILURES,
  normalizeTopic,
  textQuality,
  topicAffinity,
  unitHash,
  zonedTimeToEpoch,
  type PlatformStyle,
  type PostExplanation,
  type SandboxAudienceModel,
  type SandboxCrisis,
  type SandboxFailureKnobs,
  type SandboxModelOverrides,
  type SimulatedPost,
} from './sandbox-model.ts';
import {
  commentRefs,
  directMessageRefs,
  messagesBetween,
  parseMessageId,
  type MessageContext,
  type MessageTruth,
  type SandboxMessage,
} from './sandbox-messages.ts';
import { brandName, composePost } from './sandbox-text.ts';
import {
  createSandboxRepo,
  type SandboxAccountRow,
  type SandboxPostRow,
  type SandboxPublishCallRow,
  type SandboxReplyRow,
  type SandboxRepo,
} from './sandbox.repo.ts';

/** Which sandbox account, in which workspace: every read and write is scoped by both. */
export interface SandboxAccountRef {
  workspaceId: string;
  accountId: string;
}

export interface SandboxAccount {
  id: string;
  workspaceId: string;
  platformStyle: PlatformStyle;
  handle: string;
  displayName: string;
  timeZone: string;
  seed: number;
  createdAt: number;
}

/** An account row with its JSON parsed: what every sandbox operation starts from. */
export interface LoadedSandboxAccount {
  row: SandboxAccountRow;
  account: SandboxAccount;
  model: SandboxAudienceModel;
  failures: SandboxFailureKnobs;
}

export async function loadSandboxAccount(
  repo: SandboxRepo,
  ref: SandboxAccountRef,
): Promise<LoadedSandboxAccount> {
  const row = await repo.findAccount(ref.workspaceId, ref.accountId);
  if (!row) throw AppError.notFound('Sandbox account');
  return {
    row,
    account: toAccount(row),
    model: JSON.parse(row.model_json) as SandboxAudienceModel,
    failures: {
      ...NO_FAILURES,
      ...(JSON.parse(row.failures_json) as Partial<SandboxFailureKnobs>),
    },
  };
}

function toAccount(row: SandboxAccountRow): SandboxAccount {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    platformStyle: row.platform_style as PlatformStyle,
    handle: row.handle,
    displayName: row.display_name,
    timeZone: row.time_zone,
    seed: row.seed,
    createdAt: row.created_at,
  };
}

/** The simulation's view of a stored post. */
export function toSimulatedPost(row: SandboxPostRow): SimulatedPost {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    publishedAt: row.published_at,
    text: row.text,
    topics: JSON.parse(row.topics_json) as string[],
  };
}

export function messageContext(loaded: LoadedSandboxAccount): MessageContext {
  return { accountId: loaded.account.id, seed: loaded.account.seed, model: loaded.model };
}

/** The external id of the post published on an account with a key: stable, so retries agree. */
export function sandboxPostId(accountId: string, idempotencyKey: string): string {
  return `sp${hashString(`${accountId}|${idempotencyKey}`).toString(36).padStart(11, '0')}`;
}

export function sandboxPostUrl(account: SandboxAccount, postId: string): string {
  return `https://sandbox.opsloop.local/${account.platformStyle}/${encodeURIComponent(account.handle)}/${postId}`;
}

// ---------------------------------------------------------------------------------------------

export interface CreateSandboxAccountInput extends SandboxModelOverrides {
  workspaceId: string;
  platformStyle: PlatformStyle;
  handle?: string;
  displayName?: string;
  /** Everything about the audience derives from it; defaults to a hash of workspace, style, handle. */
  seed?: number;
  failures?: Partial<SandboxFailureKnobs>;
}

/** Creates a simulated account whose audience is derived from its seed and frozen in the row. */
export async function createSandboxAccount(
  db: Db,
  clock: Clock,
  input: CreateSandboxAccountInput,
): Promise<SandboxAccount> {
  const now = clock.now();
  const seed =
    input.seed ??
    hashString(`${input.workspaceId}|${input.platformStyle}|${input.handle ?? ''}`) % 2 ** 31;
  const model = deriveAudienceModel(input.platformStyle, seed, now, input);
  const name = brandName(model.brand, model.language);
  const handle =
    input.handle ??
    `${model.brand === 'coffee' ? 'valleycoffee' : 'clearleaf'}_${input.platformStyle}`;
  const row = await createSandboxRepo(db).insertAccount({
    workspace_id: input.workspaceId,
    id: newId(now),
    platform_style: input.platformStyle,
    handle,
    display_name: input.displayName ?? name,
    time_zone: model.timeZone,
    seed,
    model_json: JSON.stringify(model),
    failures_json: JSON.stringify({ ...NO_FAILURES, ...input.failures }),
    messages_since: now,
    created_at: now,
    updated_at: now,
  });
  return toAccount(row);
}

/** Changes failure injection of an account (e.g. to make publishing time out). */
export async function updateSandboxFailures(
  db: Db,
  clock: Clock,
  ref: SandboxAccountRef,
  knobs: Partial<SandboxFailureKnobs>,
): Promise<SandboxFailureKnobs> {
  const repo = createSandboxRepo(db);
  const loaded = await loadSandboxAccount(repo, ref);
  const failures = { ...loaded.failures, ...knobs };
  await repo.updateAccount(ref.workspaceId, ref.accountId, {
    failures_json: JSON.stringify(failures),
    updated_at: clock.now(),
  });
  return failures;
}

/** Starts a crisis: comments and DMs arriving in the window turn hostile, DMs triple. */
export async function addSandboxCrisis(
  db: Db,
  clock: Clock,
  ref: SandboxAccountRef,
  crisis: SandboxCrisis,
): Promise<void> {
  const repo = createSandboxRepo(db);
  const loaded = await loadSandboxAccount(repo, ref);
  const model: SandboxAudienceModel = { ...loaded.model, crises: [...loaded.model.crises, crisis] };
  await repo.updateAccount(ref.workspaceId, ref.accountId, {
    model_json: JSON.stringify(model),
    updated_at: clock.now(),
  });
}

// ---------------------------------------------------------------------------------------------

export interface GenerateHistoryOptions {
  days: number;
  postsPerDay?: number;
  /** Topics to rotate through; defaults to the account's declared topics. */
  topics?: string[];
}

/** A generated past post, for the sample-workspace builder to mirror in OpsLoop. */
export interface SandboxHistoryPost {
  externalId: string;
  url: string;
  idempotencyKey: string;
  publishedAt: number;
  text: string;
  title: string | null;
  topics: string[];
}

/** Hours a brand account posts at; the stride below walks them in a balanced order. */
const POSTING_HOURS = Array.from({ length: 17 }, (_, i) => 7 + i);
const HOUR_STRIDE = 5;

/**
 * Creates `days` of past posts ending yesterday (local time). Hours and topics are rotated so
 * that every (hour, topic) pair occurs equally often — many deliberately off-peak — which is what
 * makes the true best hour and topic ranking learnable from the history. Generating the same
 * days again adds nothing.
 */
export async function generateSandboxHistory(
  db: Db,
  clock: Clock,
  ref: SandboxAccountRef,
  options: GenerateHistoryOptions,
): Promise<SandboxHistoryPost[]> {
  const repo = createSandboxRepo(db);
  const loaded = await loadSandboxAccount(repo, ref);
  const { account, model } = loaded;
  const topics = (options.topics ?? Object.keys(model.topicAffinities)).map(normalizeTopic);
  if (topics.length === 0) throw new AppError('bad_request', 'History needs at least one topic');
  const perDay = Math.max(1, Math.round(options.postsPerDay ?? 3));
  const now = clock.now();
  const today = localTime(now, account.timeZone);

  const posts: SandboxHistoryPost[] = [];
  let k = 0;
  for (let daysAgo = Math.round(options.days); daysAgo >= 1; daysAgo--) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - daysAgo));
    const dateKey = date.toISOString().slice(0, 10);
    const dayPosts: SandboxHistoryPost[] = [];
    for (let j = 0; j < perDay; j++, k++) {
      const hour = POSTING_HOURS[(k * HOUR_STRIDE) % POSTING_HOURS.length] ?? 12;
      const topic = topics[k % topics.length] ?? '';
      const minute = Math.floor(unitHash(account.seed, 'history-minute', dateKey, j) * 50);
      const publishedAt = zonedTimeToEpoch(
        {
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
          hour,
          minute,
        },
        account.timeZone,
      );
      const idempotencyKey = `history:${dateKey}:${j}`;
      const { text, title } = composePost({
        key: `${account.seed}|${idempotencyKey}`,
        style: account.platformStyle,
        language: model.language,
        brand: model.brand,
        topic,
      });
      const externalId = sandboxPostId(account.id, idempotencyKey);
      dayPosts.push({
        externalId,
        url: sandboxPostUrl(account, externalId),
        idempotencyKey,
        publishedAt,
        text,
        title,
        topics: [topic],
      });
    }
    posts.push(...dayPosts.sort((a, b) => a.publishedAt - b.publishedAt));
  }

  await repo.insertPosts(
    posts.map((p) => ({
      workspace_id: account.workspaceId,
      account_id: account.id,
      id: p.externalId,
      idempotency_key: p.idempotencyKey,
      origin: 'history' as const,
      text: p.text,
      title: p.title,
      topics_json: JSON.stringify(p.topics),
      media_json: '[]',
      published_at: p.publishedAt,
      created_at: now,
    })),
  );
  const first = posts[0];
  if (first && first.publishedAt < loaded.row.messages_since) {
    // DMs exist from the start of history, so the demo inbox looks lived-in.
    await repo.updateAccount(account.workspaceId, account.id, {
      messages_since: first.publishedAt,
      updated_at: now,
    });
  }
  return posts;
}

// ---------------------------------------------------------------------------------------------

/** What is really true about an account's audience; for tests and demo explanations. */
export interface SandboxTruth {
  account: SandboxAccount;
  model: SandboxAudienceModel;
  failures: SandboxFailureKnobs;
  /** [weekday 0=Mon..6][hour] in `account.timeZone`, max 1. */
  activityGrid: number[][];
  peakHourByWeekday: number[];
  bestHourOverall: number;
  topicAffinities: Record<string, number>;
  topicAffinity(topic: string): number;
  followersAt(at: number): number;
  /** New followers per day at `at` (before churn). */
  dailyNewFollowersAt(at: number): number;
  dailyUnfollowsAt(at: number): number;
  textQuality(text: string): number;
}

export async function readSandboxTruth(db: Db, ref: SandboxAccountRef): Promise<SandboxTruth> {
  const { account, model, failures } = await loadSandboxAccount(createSandboxRepo(db), ref);
  return {
    account,
    model,
    failures,
    activityGrid: model.activityGrid,
    peakHourByWeekday: model.peakHourByWeekday,
    bestHourOverall: model.bestHourOverall,
    topicAffinities: model.topicAffinities,
    topicAffinity: (topic) => topicAffinity(model, account.seed, topic),
    followersAt: (at) => followersAt(model, at),
    dailyNewFollowersAt: (at) => Math.round(followersAt(model, at) * model.dailyGrowthRate),
    dailyUnfollowsAt: (at) => Math.round(followersAt(model, at) * model.dailyChurnRate),
    textQuality: (text) => textQuality(model.platformStyle, text),
  };
}

/** Every factor behind a post's numbers; null when the account has no such post. */
export async function explainSandboxPost(
  db: Db,
  ref: SandboxAccountRef,
  externalId: string,
): Promise<PostExplanation | null> {
  const repo = createSandboxRepo(db);
  const loaded = await loadSandboxAccount(repo, ref);
  const [row] = await repo.findPostsByIds(ref.workspaceId, ref.accountId, [externalId]);
  return row ? explainPost(loaded.model, loaded.account.seed, toSimulatedPost(row)) : null;
}

/** Finds a message by id if it exists at `at`: the sandbox's answer to "is this real?". */
export async function findSandboxMessage(
  repo: SandboxRepo,
  loaded: LoadedSandboxAccount,
  externalId: string,
  at: number,
): Promise<SandboxMessage | null> {
  const parsed = parseMessageId(externalId);
  if (!parsed) return null;
  const ctx = messageContext(loaded);
  let refs;
  if (parsed.type === 'comment') {
    const [row] = await repo.findPostsByIds(loaded.account.workspaceId, loaded.account.id, [
      parsed.postId,
    ]);
    if (!row) return null;
    refs = commentRefs(ctx, toSimulatedPost(row));
  } else {
    if (parsed.accountId !== loaded.account.id) return null;
    refs = directMessageRefs(ctx, parsed.day).filter(
      (r) => r.createdAt >= loaded.row.messages_since,
    );
  }
  const ref = refs.find((r) => r.externalId === externalId);
  return ref && ref.createdAt <= at ? ref.build() : null;
}

/** The true labels of a message the connector returned; null when there is no such message yet. */
export async function readMessageTruth(
  db: Db,
  clock: Clock,
  ref: SandboxAccountRef,
  externalId: string,
): Promise<MessageTruth | null> {
  const repo = createSandboxRepo(db);
  const loaded = await loadSandboxAccount(repo, ref);
  return (await findSandboxMessage(repo, loaded, externalId, clock.now()))?.truth ?? null;
}

/** All messages (with truth) that exist at `until` (default now) and arrived after `since`. */
export async function listSandboxMessages(
  db: Db,
  clock: Clock,
  ref: SandboxAccountRef,
  options: { since?: number; until?: number } = {},
): Promise<SandboxMessage[]> {
  const repo = createSandboxRepo(db);
  const loaded = await loadSandboxAccount(repo, ref);
  const until = options.until ?? clock.now();
  const since = options.since ?? -1;
  const posts = await repo.listPostsPublishedBetween(
    ref.workspaceId,
    ref.accountId,
    since - COMMENT_HORIZON_MS,
    until,
  );
  const after = { createdAt: since, externalId: '\uffff' };
  return messagesBetween(
    messageContext(loaded),
    posts.map(toSimulatedPost),
    loaded.row.messages_since,
    after,
    until,
  ).map((r) => r.build());
}

/** Every publish call the account received, oldest first: the crash test's ledger. */
export async function listSandboxPublishCalls(
  db: Db,
  ref: SandboxAccountRef,
  idempotencyKey?: string,
): Promise<SandboxPublishCallRow[]> {
  const repo = createSandboxRepo(db);
  await loadSandboxAccount(repo, ref);
  return repo.listPublishCalls(ref.workspaceId, ref.accountId, idempotencyKey);
}

/** Every post of the account (published and history), oldest first. */
export async function listSandboxPosts(db: Db, ref: SandboxAccountRef): Promise<SandboxPostRow[]> {
  const repo = createSandboxRepo(db);
  await loadSandboxAccount(repo, ref);
  return repo.listPostsPublishedBetween(
    ref.workspaceId,
    ref.accountId,
    -1,
    Number.MAX_SAFE_INTEGER,
  );
}

export async function listSandboxReplies(
  db: Db,
  ref: SandboxAccountRef,
): Promise<SandboxReplyRow[]> {
  const repo = createSandboxRepo(db);
  await loadSandboxAccount(repo, ref);
  return repo.listReplies(ref.workspaceId, ref.accountId);
}

/** External ids of the comments the account hid, oldest first. */
export async function listSandboxHiddenComments(db: Db, ref: SandboxAccountRef): Promise<string[]> {
  const repo = createSandboxRepo(db);
  await loadSandboxAccount(repo, ref);
  return repo.listHiddenComments(ref.workspaceId, ref.accountId);
}
