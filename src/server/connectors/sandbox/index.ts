/**
 * The sandbox network: a simulated social platform whose audience is known, behind the same
 * `Connector` interface as the real platforms. It powers the demo workspace and lets tests check
 * that analytics and advice recover the truth (`readSandboxTruth`, `readMessageTruth`).
 */
export {
  createSandboxConnector,
  openSandboxConnector,
  SANDBOX_CAPABILITIES,
  SANDBOX_PAGE_SIZE,
  type SandboxConnectorOptions,
} from './sandbox.connector.ts';
export {
  addSandboxCrisis,
  createSandboxAccount,
  explainSandboxPost,
  generateSandboxHistory,
  listSandboxHiddenComments,
  listSandboxMessages,
  listSandboxPosts,
  listSandboxPublishCalls,
  listSandboxReplies,
  readMessageTruth,
  readSandboxTruth,
  updateSandboxFailures,
  type CreateSandboxAccountInput,
  type GenerateHistoryOptions,
  type SandboxAccount,
  type SandboxAccountRef,
  type SandboxHistoryPost,
  type SandboxTruth,
} from './sandbox.service.ts';
export { SANDBOX_LIMITS } from './sandbox-limits.ts';
export {
  localWeekdayHour,
  PLATFORM_STYLES,
  type PlatformStyle,
  type PostExplanation,
  type SandboxAudienceModel,
  type SandboxCrisis,
  type SandboxFailureKnobs,
} from './sandbox-model.ts';
export type { MessageTruth, SandboxMessage } from './sandbox-messages.ts';
export { INTENTS, SENTIMENTS, type Intent, type Sentiment } from './sandbox-text.ts';
export type { SandboxTables } from './sandbox.tables.ts';
export type { SandboxPostRow, SandboxPublishCallRow, SandboxReplyRow } from './sandbox.repo.ts';
