import { describe, expect, it } from 'vitest';
import { ApiSession } from './api-client.ts';
import { runJourneys, snapshot, useJourney } from './harness.ts';

describe.skipIf(!runJourneys)('the publishing loop in the sample workspace', () => {
  const journey = useJourney();

  it('writes, fixes, approves, schedules, publishes and shows the numbers', async () => {
    const context = await journey.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    try {
      // Load the sample workspace from the setup page.
      await page.goto(journey.server.url);
      await page.waitForURL('**/setup');
      await page.getByLabel('Your name').fill('Olivia Owner');
      await page.getByLabel('Email').fill('olivia@example.com');
      await page.getByLabel('Password').fill('a-strong-password');
      await page.getByLabel('Workspace name').fill('Brand One');
      await page.getByRole('button', { name: 'Explore a sample workspace' }).click();
      await page.waitForURL(/\/w\/[0-9A-Z]+/, { timeout: 60_000 });
      const workspaceId = /\/w\/([0-9A-Z]+)/.exec(page.url())![1]!;
      const base = `/api/v1/workspaces/${workspaceId}`;

      // Around the journey: one approval step by a manager, who joins by invitation.
      const owner = new ApiSession(journey.server.url);
      await owner.login('olivia@example.com', 'a-strong-password');
      await owner.call('PATCH', `${base}/publishing/settings`, {
        approvalSteps: [{ name: 'Manager', roles: ['manager'] }],
      });
      const invite = await owner.call<{ token: string }>('POST', `${base}/invitations`, {
        role: 'manager',
      });
      const manager = new ApiSession(journey.server.url);
      await manager.call('POST', `/api/v1/invitations/${invite.token}/accept`, {
        name: 'Mia Manager',
        email: 'mia@example.com',
        password: 'another-strong-password',
      });
      const channels = await owner.call<{ items: { id: string; name: string; style: string }[] }>(
        'GET',
        `${base}/channels`,
      );
      const weibo = channels.items.find((c) => c.style === 'weibo')!;
      const bluesky = channels.items.find((c) => c.style === 'bluesky')!;

      // Write a post with two channel versions; Weibo's is too long at first.
      await page.goto(`${journey.server.url}/w/${workspaceId}/posts/new`);
      await page.getByLabel('Title', { exact: true }).fill('Autumn osmanthus latte');
      await page
        .getByLabel('Main text', { exact: true })
        .fill('Our autumn osmanthus latte is here 🍂 Two weeks only!');
      const picker = page.getByRole('group', { name: 'Channels' });
      await picker.getByText(weibo.name).click();
      await picker.getByText(bluesky.name).click();
      const weiboText = page.getByTestId(`variant-${weibo.id}`).getByRole('textbox').last();
      await weiboText.fill('秋天的第一杯桂花拿铁来啦'.repeat(13));
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect.poll(() => page.getByText(/cut \d+/).count()).toBeGreaterThan(0);
      await snapshot(page, 'publishing-validation');
      await weiboText.fill('秋天的第一杯桂花拿铁来啦 🍂 限时两周！#秋季限定#');
      await page.getByRole('button', { name: 'Submit for approval' }).click();
      await page.waitForURL(/\/posts\/[0-9A-Z]+$/);
      const postId = /\/posts\/([0-9A-Z]+)$/.exec(page.url())![1]!;

      // Another member approves it.
      const reviewer = await journey.browser.newContext({ locale: 'en-US' });
      const reviewerPage = await reviewer.newPage();
      await reviewerPage.goto(`${journey.server.url}/login`);
      await reviewerPage.getByLabel('Email').fill('mia@example.com');
      await reviewerPage.getByLabel('Password').fill('another-strong-password');
      await reviewerPage.getByRole('button', { name: 'Sign in' }).click();
      await reviewerPage.waitForURL(/\/w\//);
      await reviewerPage.goto(`${journey.server.url}/w/${workspaceId}/posts/${postId}`);
      await reviewerPage.getByRole('button', { name: 'Approve' }).click();
      await expect
        .poll(
          async () =>
            (await manager.call<{ status: string }>('GET', `${base}/posts/${postId}`)).status,
        )
        .toBe('approved');
      await reviewer.close();

      // Schedule it a few seconds ahead and find it on the calendar.
      const at = new Date(Date.now() + 8_000).toISOString();
      await owner.call('POST', `${base}/posts/${postId}/schedule`, { scheduledAt: at });
      await page.goto(`${journey.server.url}/w/${workspaceId}/calendar`);
      await expect
        .poll(() => page.getByTestId('calendar').getByText('Autumn osmanthus latte').count())
        .toBeGreaterThan(0);
      await snapshot(page, 'publishing-calendar');

      // It goes out at its time, and its first numbers arrive half a minute later.
      await expect
        .poll(
          async () =>
            (await owner.call<{ status: string }>('GET', `${base}/posts/${postId}`)).status,
          {
            timeout: 60_000,
            interval: 1000,
          },
        )
        .toBe('published');
      await expect
        .poll(
          async () =>
            (
              await owner.call<{ targets: { metrics: unknown }[] }>(
                'GET',
                `${base}/posts/${postId}`,
              )
            ).targets.every((t) => t.metrics !== null),
          { timeout: 90_000, interval: 2000 },
        )
        .toBe(true);
      await page.goto(`${journey.server.url}/w/${workspaceId}/posts/${postId}`);
      await expect.poll(() => page.getByText(/Impressions/i).count()).toBeGreaterThan(0);
      await snapshot(page, 'publishing-published');
    } catch (error) {
      await snapshot(page, 'publishing-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 240_000);
});
