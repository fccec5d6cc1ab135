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

  it('runs a series and turns one of its items into a published post', async () => {
    const api = new ApiSession(journey.server.url);
    try {
      await api.login('olivia@example.com', 'a-strong-password');
    } catch {
      await api.call('POST', '/api/v1/setup', {
        name: 'Olivia Owner',
        email: 'olivia@example.com',
        password: 'a-strong-password',
        workspaceName: 'Brand One',
      });
    }
    const sample = await api.call<{ id: string }>('POST', '/api/v1/workspaces/sample', {});
    const base = `/api/v1/workspaces/${sample.id}`;
    const channels = await api.call<{ items: { id: string; name: string; style: string }[] }>(
      'GET',
      `${base}/channels`,
    );
    const weibo = channels.items.find((c) => c.style === 'weibo')!;

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

      // A pool holding more than a column shows loads the rest on request.
      for (let i = 0; i < 22; i++) {
        await api.call('POST', `${base}/content/items`, {
          title: `Reserve idea ${i}`,
          kind: 'text',
          pool: 'reserve',
        });
      }
      await page.goto(`${journey.server.url}/w/${sample.id}/content`);
      const reserveCount = page.getByTestId('pool-count-reserve');
      await expect.poll(() => reserveCount.textContent(), { timeout: 15_000 }).toBe('20 of 22');
      await page.getByRole('button', { name: 'Load 2 more (2 left)' }).click();
      await expect.poll(() => reserveCount.textContent()).toBe('22');
      await expect.poll(() => page.getByText('Reserve idea 0', { exact: true }).count()).toBe(1);

      // Start a weekly series from the Series tab.
      await page.goto(`${journey.server.url}/w/${sample.id}/content?view=series`);
      await page.getByRole('button', { name: 'New series' }).first().click();
      const form = page.getByRole('dialog');
      await form.getByLabel('Name', { exact: true }).fill('Bean of the week');
      await form.getByLabel('Cadence', { exact: true }).click();
      await page.getByRole('option', { name: 'Per week' }).click();
      await form.getByLabel('Pieces per period', { exact: true }).fill('2');
      await form.getByRole('button', { name: 'Create series' }).click();
      const card = page.getByRole('article', { name: 'Bean of the week' });
      await expect.poll(() => card.getByText('0 of 2 this week').count()).toBe(1);
      const series = await api.call<{ items: { id: string; name: string }[] }>(
        'GET',
        `${base}/content/series`,
      );
      const seriesId = series.items.find((entry) => entry.name === 'Bean of the week')!.id;
      const item = await api.call<{ id: string }>('POST', `${base}/content/items`, {
        title: 'Yirgacheffe tasting notes',
        body: '本周的豆子：耶加雪菲，花香明亮，适合手冲。',
        kind: 'article',
        stage: 'ready',
        pool: 'regular',
        seriesId,
      });

      // The series shows its item; the board filtered to it shows the card.
      await page.reload();
      await expect.poll(() => card.getByText('1 item(s) · 0 used').count()).toBe(1);
      await snapshot(page, 'content-series');
      await card.getByRole('button', { name: /Show its items/ }).click();
      await page.waitForURL(/series=/);
      await expect
        .poll(() => page.getByText('Yirgacheffe tasting notes').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await snapshot(page, 'content-series-board');

      // From the card, write a post for Weibo: the editor starts from the item's words.
      await page
        .getByRole('button', { name: 'Create a post from “Yirgacheffe tasting notes”' })
        .first()
        .click();
      const modal = page.getByRole('dialog');
      await modal.getByRole('group', { name: 'Channels' }).getByText(weibo.name).click();
      await modal.getByRole('button', { name: 'Create post' }).click();
      await page.waitForURL(/\/posts\/new\?contentItemId=/);
      await expect
        .poll(() => page.getByLabel('Title', { exact: true }).inputValue())
        .toBe('Yirgacheffe tasting notes');
      await expect.poll(() => page.getByText(/Written from the content item/).count()).toBe(1);
      await snapshot(page, 'content-post-editor');
      await page.getByRole('button', { name: 'Publish now' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Publish now' }).click();
      await page.waitForURL(/\/posts\/[0-9A-Z]+$/);

      // Once it is out, the item is used, and it says it may still be reused.
      await expect
        .poll(
          async () =>
            (await api.call<{ stage: string }>('GET', `${base}/content/items/${item.id}`)).stage,
          { timeout: 60_000, interval: 1000 },
        )
        .toBe('used');
      await page.goto(`${journey.server.url}/w/${sample.id}/content?series=${seriesId}`);
      await page
        .getByRole('button', { name: 'Create a post from “Yirgacheffe tasting notes”' })
        .first()
        .click();
      await expect.poll(() => page.getByText(/You can still reuse it/).count()).toBe(1);
      await expect
        .poll(() => page.getByRole('dialog').getByText('Published').count())
        .toBeGreaterThan(0);
      await snapshot(page, 'content-item-posts');
    } catch (error) {
      await snapshot(page, 'content-series-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});
