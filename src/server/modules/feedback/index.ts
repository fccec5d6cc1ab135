/**
 * Feedback (反馈): tickets from inbox messages, public forms, imports and by hand; near-duplicate
 * clusters; the three-way assessment; departments, owners and deadlines; follow-ups with the
 * raisers; the improvement report and the public board of adopted suggestions. Other modules
 * import only this file.
 */
export {
  createFeedbackService,
  FORM_LIMITS,
  type FeedbackFromMessage,
  type FeedbackService,
  type FeedbackServiceDeps,
} from './feedback.service.ts';
export type { NotifyRaiser } from './feedback.jobs.ts';
export { feedbackRoutes } from './feedback.routes.ts';
export type { FeedbackTables } from './feedback-tables.ts';
export {
  BANDING as FEEDBACK_BANDING,
  BUCKET_LIMIT as FEEDBACK_BUCKET_LIMIT,
  DEFAULT_SIMILARITY as FEEDBACK_DEFAULT_SIMILARITY,
  NEAR_IDENTICAL as FEEDBACK_NEAR_IDENTICAL,
  SIGNATURE_SIZE as FEEDBACK_SIGNATURE_SIZE,
  feedbackSignature,
} from './clustering.ts';
