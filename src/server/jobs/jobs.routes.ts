import {
  JobPageSchema,
  JobParamsSchema,
  JobQuerySchema,
  JobSchema,
  WorkspaceParamsSchema,
} from '../../shared/api.ts';
import { defineRoute, type AnyRoute } from '../http/route.ts';

export const jobRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces/{workspaceId}/jobs',
    summary: "The workspace's background jobs, including dead-lettered ones",
    tag: 'jobs',
    access: 'jobs.read',
    params: WorkspaceParamsSchema,
    query: JobQuerySchema,
    response: JobPageSchema,
    handler: ({ scope, query, services }) => services.jobs.listJobs(scope.workspaceId, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/workspaces/{workspaceId}/jobs/{jobId}/retry',
    summary: 'Send a dead job back to the queue',
    tag: 'jobs',
    access: 'jobs.retry',
    params: JobParamsSchema,
    response: JobSchema,
    handler: ({ scope, params, services }) =>
      services.jobs.retryJob(scope.workspaceId, params.jobId),
  }),
];
