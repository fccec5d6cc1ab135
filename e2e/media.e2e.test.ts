import { describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import { ApiSession } from './api-client.ts';
import { runJourneys, snapshot, useJourney } from './harness.ts';

/** A one-colour RGB PNG, so each upload is a real image with its own bytes. */
function makePng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `YYYY-MM-DD` a number of days from today, where this machine (and its browser) is. */
function localDateIn(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe.skipIf(!runJourneys)('the media library', () => {
  const journey = useJourney();

  it('uploads with license terms, attaches an image to a post and publishes it', async () => {
    const api = new ApiSession(journey.server.url);
    const session = await api.call<{ workspaces: { id: string }[] }>('POST', '/api/v1/setup', {
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'a-strong-password',
      workspaceName: 'Brand One',
    });
    const workspaceId = session.workspaces[0]!.id;
    const base = `/api/v1/workspaces/${workspaceId}`;
    const channel = await api.call<{ id: string; name: string }>('POST', `${base}/channels`, {
      platform: 'sandbox',
      style: 'weibo',
      name: 'Weibo sandbox',
    });

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

      // The empty library says what to do; the nav leads there.
      await page.getByRole('link', { name: 'Media' }).click();
      await page.waitForURL(/\/media$/);
      await expect.poll(() => page.getByText(/No media yet/).count()).toBe(1);

      // First upload: our own photo, no end date.
      await page.getByRole('button', { name: 'Upload' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'latte.png',
        mimeType: 'image/png',
        buffer: makePng(120, 80, [200, 140, 80]),
      });
      await dialog.getByRole('button', { name: 'Upload files' }).click();
      await expect.poll(() => dialog.getByText('Uploaded', { exact: true }).count()).toBe(1);
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();

      // Second upload: a stock poster whose license ends in three days.
      await page.getByRole('button', { name: 'Upload' }).first().click();
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'poster.png',
        mimeType: 'image/png',
        buffer: makePng(60, 90, [40, 90, 160]),
      });
      await dialog.getByLabel('Credit').fill('Poster: Studio Nine');
      await dialog.getByLabel('License ends on').fill(localDateIn(3));
      await snapshot(page, 'media-upload');
      await dialog.getByRole('button', { name: 'Upload files' }).click();
      await expect.poll(() => dialog.getByText('Uploaded', { exact: true }).count()).toBe(1);
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();

      const grid = page.getByTestId('media-grid');
      await expect.poll(() => grid.getByText('latte.png').count()).toBe(1);
      await expect.poll(() => grid.getByText('Ends in 3 days').count()).toBe(1);
      await snapshot(page, 'media-library');

      // Describe the photo for people who cannot see it.
      await page.getByRole('button', { name: 'Edit latte.png' }).click();
      await page.getByRole('dialog').getByLabel('Alt text').fill('Latte art in a white cup');
      await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
      const library = await api.call<{
        items: { id: string; fileName: string; altText: string }[];
      }>('GET', `${base}/media`);
      const latte = library.items.find((asset) => asset.fileName === 'latte.png')!;
      await expect
        .poll(async () => {
          const asset = await api.call<{ altText: string }>('GET', `${base}/media/${latte.id}`);
          return asset.altText;
        })
        .toBe('Latte art in a white cup');

      // Attach it to a Weibo version in the editor; the preview shows it.
      await page.goto(`${journey.server.url}/w/${workspaceId}/posts/new`);
      await page.getByLabel('Main text', { exact: true }).fill('New latte art, come and try it ☕');
      await page.getByRole('group', { name: 'Channels' }).getByText(channel.name).click();
      await page
        .getByTestId(`media-row-${channel.id}`)
        .getByRole('button', { name: 'Add media' })
        .click();
      await page.getByRole('checkbox', { name: 'Select latte.png' }).click();
      await page.getByTestId('picker-add').click();
      await expect
        .poll(() =>
          page
            .getByTestId(`variant-${channel.id}`)
            .getByRole('img', { name: 'Latte art in a white cup' })
            .count(),
        )
        .toBe(1);
      await snapshot(page, 'media-editor');

      await page.getByRole('button', { name: 'Publish now' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Publish now' }).click();
      await page.waitForURL(/\/posts\/[0-9A-Z]+$/);
      const postId = /\/posts\/([0-9A-Z]+)$/.exec(page.url())![1]!;
      await expect
        .poll(
          async () => (await api.call<{ status: string }>('GET', `${base}/posts/${postId}`)).status,
          { timeout: 60_000, interval: 1000 },
        )
        .toBe('published');
      const post = await api.call<{ targets: { mediaIds: string[] }[] }>(
        'GET',
        `${base}/posts/${postId}`,
      );
      expect(post.targets[0]?.mediaIds).toEqual([latte.id]);
      await page.reload();
      await expect
        .poll(() => page.getByTestId('media-strip').getByRole('img').count(), { timeout: 15_000 })
        .toBe(1);
      await snapshot(page, 'media-post');
    } catch (error) {
      await snapshot(page, 'media-failure');
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});
