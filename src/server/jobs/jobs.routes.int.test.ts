import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Job, JobPage, Workspace } from '../../shared/api.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { addMember, setUpOwner } from '../../../test/factories.ts';
import { defineJob } from './job-definition.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const exampleJob = defineJob({
  name: 'example.job.run',
  payload: z.object({ n: z.number() }),
  handle: () => {},
});

describe('jobs view', () => {
  it('lists dead jobs of the workspace and sends one back to the queue', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const other = await owner.post<Workspace>('/api/v1/workspaces', { name: 'Other' });
    const job = await t.services.jobs.enqueue(exampleJob, { n: 1 }, { workspaceId });
    await t.services.jobs.enqueue(exampleJob, { n: 2 }, { workspaceId: other.body.id });
    await t.database.db.kysely
      .updateTable('job')
      .set({ status: 'dead', attempts: 5, last_error: 'platform said no' })
      .where('id', '=', job.id)
      .execute();

    const dead = await owner.get<JobPage>(`/api/v1/workspaces/${workspaceId}/jobs?status=dead`);
    expect(dead.body.items.map((j) => [j.id, j.lastError])).toEqual([[job.id, 'platform said no']]);
    const all = await owner.get<JobPage>(`/api/v1/workspaces/${workspaceId}/jobs`);
    expect(all.body.items).toHaveLength(1);

    const { client: viewer } = await addMember(t, owner, workspaceId, 'viewer');
    expect(
      (await viewer.post(`/api/v1/workspaces/${workspaceId}/jobs/${job.id}/retry`)).status,
    ).toBe(403);
    expect(
      (await owner.post(`/api/v1/workspaces/${other.body.id}/jobs/${job.id}/retry`)).status,
    ).toBe(404);

    const retried = await owner.post<Job>(`/api/v1/workspaces/${workspaceId}/jobs/${job.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
    expect(
      (await owner.post(`/api/v1/workspaces/${workspaceId}/jobs/${job.id}/retry`)).status,
    ).toBe(409);
  });
});
