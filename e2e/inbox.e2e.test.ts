import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiSession } from './api-client.ts';
import { runJourneys, snapshot, useJourney } from './harness.ts';

describe.skipIf(!runJourneys)('the inbox', () => {
  const journey = useJourney();

  it('answers a comment of the sample brand with the keyboard, and says what to do when empty', async () => {
    const api = new ApiSession(journey.server.url);
    const setup = await api.call<{ workspaces: { id: string }[] }>('POST', '/api/v1/setup', {
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'a-strong-password',
      workspaceName: 'Brand One',
    });
    const empty = setup.workspaces[0]!.id;
    const sample = await api.call<{ id: string }>('POST', '/api/v1/workspaces/sample', {});

    const context = await journey.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${journey.server.url}/login`);
      await page.getByLabel('Email').fill('olivia@example.com');
      await page.getByLabel('Password').fill('a-strong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/w\//);

      await page.goto(`${journey.server.url}/w/${empty}/inbox`);
      await expect
        .poll(() => page.getByText('No channel is connected yet').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: 'Connect a channel' }).count()).toBe(1);
      await snapshot(page, 'inbox-empty');

      await page.goto(`${journey.server.url}/w/${sample.id}`);
      await page.getByRole('link', { name: 'Inbox' }).first().click();
      await page.waitForURL(/\/inbox/);
      const options = page.getByRole('option');
      await expect.poll(() => options.count(), { timeout: 20_000 }).toBeGreaterThan(5);

      // j opens the first conversation, j again the next, k goes back.
      await page.locator('body').press('j');
      await page.waitForURL(/conversation=/);
      const first = new URL(page.url()).searchParams.get('conversation');
      await page.locator('body').press('j');
      await expect
        .poll(() => new URL(page.url()).searchParams.get('conversation'), {
          timeout: 10_000,
        })
        .not.toBe(first);
      await page.locator('body').press('k');
      await expect
        .poll(() => new URL(page.url()).searchParams.get('conversation'), {
          timeout: 10_000,
        })
        .toBe(first);
      await expect
        .poll(() => page.locator('[data-message-id]').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);

      await page.locator('body').press('?');
      await expect
        .poll(() => page.getByText('Keyboard shortcuts').count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await page.keyboard.press('Escape');

      await page.locator('body').press('r');
      await composerFocused(page, 'Reply');
      await page.keyboard.type('Thanks for writing! We will look into it today.');
      await page.keyboard.press('Control+Enter');
      await expect
        .poll(
          async () => {
            const detail = await api.call<{ messages: { direction: string; status: string }[] }>(
              'GET',
              `/api/v1/workspaces/${sample.id}/inbox/conversations/${first}`,
            );
            return detail.messages.filter((m) => m.direction === 'out').map((m) => m.status);
          },
          { timeout: 30_000 },
        )
        .toEqual(['sent']);

      await page.keyboard.press('Escape');
      await page.locator('body').press('n');
      await composerFocused(page, 'Note');
      await page.keyboard.type('Checked the order: shipped yesterday.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect
        .poll(() => page.getByText('Checked the order: shipped yesterday.').count(), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);
      await snapshot(page, 'inbox-thread');

      await page.locator('body').press('e');
      await expect
        .poll(
          async () => {
            const detail = await api.call<{ conversation: { status: string } }>(
              'GET',
              `/api/v1/workspaces/${sample.id}/inbox/conversations/${first}`,
            );
            return detail.conversation.status;
          },
          { timeout: 15_000 },
        )
        .toBe('resolved');

      // The same page in Chinese.
      await page.evaluate(() => localStorage.setItem('opsloop.language', 'zh-CN'));
      await page.goto(`${journey.server.url}/w/${sample.id}/inbox?conversation=${first}`);
      await expect
        .poll(() => page.getByText('收件箱').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await expect
        .poll(() => page.getByText('备注').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await snapshot(page, 'inbox-zh');
    } catch (error) {
      await snapshot(page, 'inbox-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});

/** Waits until the composer has the keyboard, so typing cannot reach the inbox's shortcuts. */
async function composerFocused(page: Page, label: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null), {
      timeout: 10_000,
    })
    .toBe(label);
}
