import { describe, expect, it } from 'vitest';
import { ApiSession } from './api-client.ts';
import { runJourneys, snapshot, useJourney } from './harness.ts';

describe.skipIf(!runJourneys)('the content library', () => {
  const journey = useJourney();

  it('files an item in a pool and flags a near-copy of a published post', async () => {
    const api = new ApiSession(journey.server.url);
    await api.call('POST', '/api/v1/setup', {
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'a-strong-password',
      workspaceName: 'Brand One',
    });
    const sample = await api.call<{ id: string }>('POST', '/api/v1/workspaces/sample', {});
    const posts = await api.call<{ items: { body: string }[] }>(
      'GET',
      `/api/v1/workspaces/${sample.id}/posts?status=published&limit=1`,
    );
    const published = posts.items[0]!.body;

    const context = await journey.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${journey.server.url}/login`);
      await page.getByLabel('Email').fill('olivia@example.com');
      await page.getByLabel('Password').fill('a-strong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/w\//);
      await page.goto(`${journey.server.url}/w/${sample.id}/content`);
      await page.getByRole('button', { name: 'New item' }).first().click();
      await page.getByLabel('Title', { exact: true }).fill('Recycled idea');
      await page.getByLabel('Body', { exact: true }).fill(`${published} 再发一次`);
      await expect
        .poll(() => page.getByText(/% similar to/).count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await snapshot(page, 'content-originality');
      await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
      await expect
        .poll(() => page.getByText('Recycled idea').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await snapshot(page, 'content-board');
      const items = await api.call<{ items: { title: string; pool: string }[] }>(
        'GET',
        `/api/v1/workspaces/${sample.id}/content/items`,
      );
      expect(items.items.map((i) => i.title)).toContain('Recycled idea');
    } catch (error) {
      await snapshot(page, 'content-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
