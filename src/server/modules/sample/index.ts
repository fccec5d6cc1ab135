/** The sample workspace: a demo brand on the sandbox network, one click (or `opsloop sample`) away. */
export { createSampleService, type SampleService } from './sample.service.ts';
export { sampleRoutes } from './sample.routes.ts';
