import { describe, expect, it } from 'vitest';
import { ApiSession } from './api-client.ts';
import { runJourneys, snapshot, useJourney } from './harness.ts';

describe.skipIf(!runJourneys)('the feedback loop', () => {
  const journey = useJourney();

  it('takes feedback from a public form to the board of adopted suggestions', async () => {
    const api = new ApiSession(journey.server.url);
    const setup = await api.call<{ workspaces: { id: string }[] }>('POST', '/api/v1/setup', {
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'a-strong-password',
      workspaceName: '咖啡品牌',
    });
    const workspaceId = setup.workspaces[0]!.id;
    const base = `/api/v1/workspaces/${workspaceId}/feedback`;
    await api.call('POST', `${base}/departments`, { name: 'Product', slaHours: 72 });
    const form = await api.call<{ slug: string }>('POST', `${base}/forms`, {
      title: '意见反馈',
      intro: '说说你的想法。',
    });

    // Someone without an account sends feedback through the embedded form.
    const visitor = await journey.browser.newContext({ locale: 'zh-CN' });
    const formPage = await visitor.newPage();
    try {
      await formPage.goto(`${journey.server.url}/f/${form.slug}?embed=1`);
      await formPage.getByLabel('你的反馈').fill('希望App能出个夜间模式，晚上看屏幕太刺眼了');
      await formPage.getByLabel(/邮箱或账号/).fill('reader@example.com');
      await formPage.getByRole('button', { name: '提交' }).click();
      await expect
        .poll(() => formPage.getByText('我们已收到你的反馈。').count(), { timeout: 15_000 })
        .toBe(1);
      await snapshot(formPage, 'feedback-form-sent');
    } catch (error) {
      await snapshot(formPage, 'feedback-form-failure');
      throw error;
    } finally {
      await visitor.close();
    }

    // The owner triages it and adopts it.
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
      await page.goto(`${journey.server.url}/w/${workspaceId}/feedback`);
      await page.getByRole('link', { name: /夜间模式/ }).click();
      await page.waitForURL(/\/feedback\/[0-9A-Z]{26}$/);

      await page.getByLabel('Responsible department', { exact: true }).first().click();
      await page.getByRole('option', { name: 'Product' }).click();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      // The department brings its 72-hour deadline along.
      await expect
        .poll(() => page.getByText('Changed Responsible department, Deadline').count(), {
          timeout: 15_000,
        })
        .toBe(1);

      await page.getByRole('button', { name: 'Triaged', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Triaged' }).click();
      await page.getByRole('button', { name: 'Adopted', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/What changed/).fill('Dark mode shipped in version 4.0');
      await dialog.getByLabel('Title on the public board').fill('Dark mode');
      await dialog.getByRole('button', { name: 'Adopted' }).click();
      await expect
        .poll(() => page.getByText('Follow-up due').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await snapshot(page, 'feedback-ticket-adopted');
    } catch (error) {
      await snapshot(page, 'feedback-failure');
      throw error;
    } finally {
      await context.close();
    }

    // The board, once switched on, shows it to everyone.
    await api.call('PATCH', `${base}/settings`, {
      board: { enabled: true, slug: 'coffee', title: '建议落地公示栏' },
    });
    const reader = await journey.browser.newContext({ locale: 'en-US' });
    const boardPage = await reader.newPage();
    try {
      await boardPage.goto(`${journey.server.url}/b/coffee`);
      await expect
        .poll(() => boardPage.getByText('Dark mode shipped in version 4.0').count(), {
          timeout: 15_000,
        })
        .toBe(1);
      await snapshot(boardPage, 'feedback-board');
    } finally {
      await reader.close();
    }
  }, 180_000);
});
