import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiSession } from './api-client.ts';
import { runJourneys, snapshot, useJourney } from './harness.ts';

const fixture = path.resolve(import.meta.dirname, '../test/fixtures/imports/douyin-works.csv');

describe.skipIf(!runJourneys)('importing a platform export', () => {
  const journey = useJourney();

  it('imports a Douyin export, reports its two bad rows, counts the rest in the KPIs and undoes it', async () => {
    const api = new ApiSession(journey.server.url);
    const setup = await api.call<{ workspaces: { id: string }[] }>('POST', '/api/v1/setup', {
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'a-strong-password',
      workspaceName: 'Valley Coffee',
      timezone: 'Asia/Shanghai',
    });
    const workspaceId = setup.workspaces[0]!.id;
    await api.call('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      platform: 'sandbox',
      style: 'douyin',
      name: '抖音 · 山谷咖啡',
    });

    const context = await journey.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const likes = page.locator('[data-kpi="likes"] [data-kpi-value]');
    try {
      await page.goto(`${journey.server.url}/login`);
      await page.getByLabel('Email').fill('olivia@example.com');
      await page.getByLabel('Password').fill('a-strong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/w\//);

      // Upload the export; the Douyin preset and the Douyin channel are recognised.
      await page.goto(`${journey.server.url}/w/${workspaceId}/analytics/imports`);
      await page.locator('input[type="file"]').setInputFiles(fixture);
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await expect
        .poll(() => page.getByText('Detected: Douyin · video data (作品数据)').count(), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);
      await snapshot(page, 'analytics-import-mapping');
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await expect
        .poll(() => page.getByText('likes: "很多" is not a number').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Import', exact: true }).click();

      // The job runs with progress; the report lists both bad rows with line and reason.
      await expect
        .poll(() => page.getByText('11 of 11 rows').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      const line5 = page.locator('[data-issue-line="5"]');
      const line7 = page.locator('[data-issue-line="7"]');
      await expect.poll(() => line5.count(), { timeout: 15_000 }).toBe(1);
      expect(await line5.innerText()).toContain('"很多" is not a number');
      expect(await line7.innerText()).toContain('"2026-13-45 25:00" is not a valid date');
      await snapshot(page, 'analytics-import-report');

      // The eight good rows count in the KPIs.
      await page.goto(`${journey.server.url}/w/${workspaceId}/analytics/kpis`);
      await expect.poll(() => likes.innerText(), { timeout: 15_000 }).toBe('6,120');
      await snapshot(page, 'analytics-kpis');

      // Undo, and the numbers are gone.
      await page.goto(`${journey.server.url}/w/${workspaceId}/analytics/imports`);
      await page.getByRole('button', { name: 'Undo import' }).first().click();
      await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
      await expect
        .poll(() => page.getByText('Import undone').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await page.goto(`${journey.server.url}/w/${workspaceId}/analytics/kpis`);
      await expect.poll(() => likes.innerText(), { timeout: 15_000 }).toBe('No data');
      const imports = await api.call<{ items: { status: string }[] }>(
        'GET',
        `/api/v1/workspaces/${workspaceId}/analytics/imports`,
      );
      expect(imports.items.map((i) => i.status)).toEqual(['undone']);
    } catch (error) {
      await snapshot(page, 'analytics-import-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
