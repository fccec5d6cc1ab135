/**
 * Publishing: channels, posts with per-channel versions, the approval workflow and crash-safe
 * delivery. Other modules import only this file.
 */
export {
  createChannelService,
  presentChannel,
  type ChannelService,
  type SandboxAccountCreator,
} from './channels.service.ts';
export { createPostService, type PostService } from './posts.service.ts';
export { createPublishJobs, type PublishJobs } from './publish.jobs.ts';
export { channelRoutes, postRoutes } from './publishing.routes.ts';
export { measureText, validateForLimits } from './content-validation.ts';
