import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './api-client.ts';
import { runJourneys, snapshot, useJourney } from './harness.ts';

const DAY = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of an instant in UTC, the time zone the journey's browser runs in. */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Presses on the middle of `from`, moves in small steps to the middle of `to`, and lets go. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error('nothing to drag from or to');
  const x0 = start.x + start.width / 2;
  const y0 = start.y + start.height / 2;
  // Aim at the lower part of the day cell, clear of its date number and other events.
  const x1 = end.x + end.width / 2;
  const y1 = end.y + end.height * 0.75;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 6, y0 + 6, { steps: 3 });
  await page.mouse.move(x1, y1, { steps: 20 });
  await page.mouse.up();
}

const OWNER = { email: 'olivia@example.com', password: 'a-strong-password' };

/** Signs the owner in, running first-time setup when this server has none yet. */
async function ownerSession(url: string): Promise<ApiSession> {
  const api = new ApiSession(url);
  try {
    await api.login(OWNER.email, OWNER.password);
  } catch {
    await api.call('POST', '/api/v1/setup', {
      name: 'Olivia Owner',
      ...OWNER,
      workspaceName: 'Brand One',
      timezone: 'UTC',
    });
  }
  return api;
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/w\//);
}

describe.skipIf(!runJourneys)('the content calendar', () => {
  const journey = useJourney();

  it('moves a scheduled post by dragging it, and refuses a slot in the past', async () => {
    const api = await ownerSession(journey.server.url);
    const workspace = await api.call<{ id: string }>('POST', '/api/v1/workspaces', {
      name: 'Calendar Brand',
      timezone: 'UTC',
    });
    const workspaceId = workspace.id;
    const base = `/api/v1/workspaces/${workspaceId}`;
    const channel = await api.call<{ id: string }>('POST', `${base}/channels`, {
      platform: 'webhook',
      name: 'Newsroom hook',
      url: 'https://hooks.example.com/opsloop',
    });
    const post = await api.call<{ id: string }>('POST', `${base}/posts`, {
      title: 'Drag me a day on',
      body: 'A post whose slot moves on the calendar.',
      targets: [{ channelId: channel.id }],
    });
    // Tomorrow at 10:00 UTC: always ahead, and the month view shows the days around it.
    const now = Date.now();
    const slot = Date.parse(`${isoDay(now + DAY)}T10:00:00.000Z`);
    await api.call('POST', `${base}/posts/${post.id}/schedule`, {
      scheduledAt: new Date(slot).toISOString(),
    });
    const scheduledAt = async () =>
      (await api.call<{ scheduledAt: string }>('GET', `${base}/posts/${post.id}`)).scheduledAt;

    const context = await journey.browser.newContext({
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 1000 },
    });
    const page = await context.newPage();
    try {
      await signIn(page, journey.server.url);
      await page.goto(`${journey.server.url}/w/${workspaceId}/calendar`);

      const calendar = page.getByTestId('calendar');
      const event = calendar.getByText('Drag me a day on');
      await expect.poll(() => event.count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => page.getByTestId('calendar-count').textContent()).toMatch(/^1 post/);
      await snapshot(page, 'calendar-before-drag');

      // The next day, same time of day.
      const later = calendar.locator(`[data-date="${isoDay(slot + DAY)}"]`).first();
      await drag(page, event, later);
      await expect.poll(scheduledAt, { timeout: 15_000 }).toBe(new Date(slot + DAY).toISOString());
      await expect.poll(() => page.getByText(/^Moved to /).count()).toBeGreaterThan(0);
      await snapshot(page, 'calendar-after-drag');

      // Yesterday has passed: the server refuses, the event goes back and the page says why.
      const yesterday = calendar.locator(`[data-date="${isoDay(now - DAY)}"]`).first();
      if ((await yesterday.count()) > 0) {
        await drag(page, calendar.getByText('Drag me a day on'), yesterday);
        await expect
          .poll(() => page.getByText('This post cannot be moved').count(), { timeout: 15_000 })
          .toBeGreaterThan(0);
        await expect.poll(() => page.getByText(/That time has passed/).count()).toBeGreaterThan(0);
        await snapshot(page, 'calendar-past-refused');
        expect(await scheduledAt()).toBe(new Date(slot + DAY).toISOString());
        await expect
          .poll(() =>
            calendar
              .locator(`[data-date="${isoDay(slot + DAY)}"]`)
              .first()
              .getByText('Drag me a day on')
              .count(),
          )
          .toBe(1);
      }
    } catch (error) {
      await snapshot(page, 'calendar-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows every post of a busy month, past the size of one page', async () => {
    const api = await ownerSession(journey.server.url);
    const workspace = await api.call<{ id: string }>('POST', '/api/v1/workspaces', {
      name: 'Busy Brand',
      timezone: 'UTC',
    });
    const base = `/api/v1/workspaces/${workspace.id}`;
    const channel = await api.call<{ id: string }>('POST', `${base}/channels`, {
      platform: 'webhook',
      name: 'Busy hook',
      url: 'https://hooks.example.com/busy',
    });
    // More than the 500 posts the list returns at once, all tomorrow, a minute apart.
    const POSTS = 520;
    const slot = Date.parse(`${isoDay(Date.now() + DAY)}T00:00:00.000Z`);
    for (let start = 0; start < POSTS; start += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, POSTS - start) }, async (_, offset) => {
          const i = start + offset;
          const post = await api.call<{ id: string }>('POST', `${base}/posts`, {
            body: `Busy post ${i}`,
            targets: [{ channelId: channel.id }],
          });
          await api.call('POST', `${base}/posts/${post.id}/schedule`, {
            scheduledAt: new Date(slot + i * 60_000).toISOString(),
          });
        }),
      );
    }

    const context = await journey.browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    try {
      await signIn(page, journey.server.url);
      await page.goto(`${journey.server.url}/w/${workspace.id}/calendar`);
      await expect
        .poll(() => page.getByTestId('calendar-count').textContent(), { timeout: 30_000 })
        .toBe(`${POSTS} post(s) in this range`);
      expect(await page.getByTestId('calendar-capped').count()).toBe(0);
      // The day cell offers the rest of its posts behind a “more” link: 4 shown, 516 more.
      await expect
        .poll(() =>
          page
            .getByTestId('calendar')
            .getByText(`+${POSTS - 4} more`)
            .count(),
        )
        .toBe(1);
      await snapshot(page, 'calendar-busy');
    } catch (error) {
      await snapshot(page, 'calendar-busy-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});
