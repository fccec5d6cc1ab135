import { describe, expect, it } from 'vitest';
import { runJourneys, snapshot, useJourney } from './harness.ts';

describe.skipIf(!runJourneys)('first run of a new installation', () => {
  const journey = useJourney();

  it('sets up, signs in, creates a second workspace, invites a member and audits both', async () => {
    const context = await journey.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    try {
      await page.goto(journey.server.url);
      await page.waitForURL('**/setup');
      await page.getByLabel('Your name').fill('Olivia Owner');
      await page.getByLabel('Email').fill('olivia@example.com');
      await page.getByLabel('Password').fill('a-strong-password');
      await page.getByLabel('Workspace name').fill('Brand One');
      await page.getByRole('button', { name: 'Create workspace and sign in' }).click();
      await page.waitForURL(/\/w\/[0-9A-Z]+/);

      // Sign out and back in.
      await page.context().clearCookies();
      await page.goto(`${journey.server.url}/login`);
      await page.getByLabel('Email').fill('olivia@example.com');
      await page.getByLabel('Password').fill('a-strong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/w\/[0-9A-Z]+/);

      // A second workspace for another client.
      await page.goto(`${journey.server.url}/workspaces/new`);
      await page.getByLabel('Workspace name').fill('Client Two');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.waitForURL(/\/w\/[0-9A-Z]+/);
      const workspaceId = /\/w\/([0-9A-Z]+)/.exec(page.url())?.[1];
      expect(workspaceId).toBeTruthy();

      await page.goto(`${journey.server.url}/w/${workspaceId}/members`);
      await page.getByRole('button', { name: 'Invite member' }).click();
      await page.getByRole('button', { name: 'Create invitation link' }).click();
      const inviteUrl = await page.getByTestId('invite-url').textContent();
      expect(inviteUrl).toMatch(/\/invite\/[\w-]{20,}/);
      await page.keyboard.press('Escape');

      await page.goto(`${journey.server.url}/w/${workspaceId}/audit`);
      await expect.poll(() => page.getByText('invitation.create').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('workspace.create').count()).toBeGreaterThan(0);
      await snapshot(page, 'foundation-audit');

      // The invitee joins through the link in a separate browser.
      const guest = await journey.browser.newContext({ locale: 'zh-CN' });
      const guestPage = await guest.newPage();
      await guestPage.goto(inviteUrl!.trim());
      await expect.poll(() => guestPage.getByText('Client Two').count()).toBeGreaterThan(0);
      await snapshot(guestPage, 'foundation-invite-zh');
      await guest.close();
    } catch (error) {
      await snapshot(page, 'foundation-failure');
      throw error;
    } finally {
      await context.close();
    }
  });
});
