import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  MediaAssetSchema,
  MediaPageSchema,
  MediaParamsSchema,
  MediaQuerySchema,
  UpdateMediaBodySchema,
  UploadedMediaSchema,
  UploadMediaFieldsSchema,
  type UploadMediaFields,
} from '../../../shared/media.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';
import { parseInput } from '../../http/validation.ts';
import { AppError } from '../../platform/app-error.ts';
import type { MediaUpload } from './media.service.ts';

const MEDIA = '/api/v1/workspaces/{workspaceId}/media';

/**
 * Reads an upload sent either as multipart/form-data (the file in the field `file`, license
 * fields beside it) or as the raw bytes of the file with the license fields in the query.
 */
async function readUpload(c: Context, query: UploadMediaFields): Promise<MediaUpload> {
  const type = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    let form: Record<string, string | File>;
    try {
      form = await c.req.parseBody();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('validation_failed', 'Invalid body: file', {
        fields: { file: 'the multipart body could not be read' },
      });
    }
    const { file, ...rest } = form;
    if (!(file instanceof File)) {
      throw new AppError('validation_failed', 'Invalid body: file', {
        fields: { file: 'attach the file as the multipart field "file"' },
      });
    }
    const fields = parseInput(UploadMediaFieldsSchema, rest, 'body');
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      claimedType: file.type || null,
      claimedName: file.name || null,
      fields: { ...query, ...fields },
    };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength === 0) {
    throw new AppError('validation_failed', 'Invalid body: file', {
      fields: { file: 'send the file as the request body, or as the multipart field "file"' },
    });
  }
  return { bytes, claimedType: type || null, claimedName: null, fields: query };
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` of a file of `size` bytes; null when absent or unusable. */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

/**
 * Routes of the media library. Viewing needs `posts.read`; uploading, editing license terms and
 * deleting need `posts.write`, like the posts that use the files.
 */
export const mediaRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: MEDIA,
    summary: 'Media assets, newest first, by kind, license or expiry (expiring: within 7 days)',
    tag: 'media',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    query: MediaQuerySchema,
    response: MediaPageSchema,
    handler: ({ scope, query, services }) => services.media.list(scope, query),
  }),
  defineRoute({
    method: 'post',
    path: MEDIA,
    summary:
      'Upload an image, video or audio file: multipart/form-data with the field "file", or the raw bytes as the body with license fields in the query. The same bytes return the existing asset.',
    tag: 'media',
    access: 'posts.write',
    params: WorkspaceParamsSchema,
    query: UploadMediaFieldsSchema,
    response: UploadedMediaSchema,
    status: 201,
    handler: async ({ scope, query, actor, services, c }) =>
      services.media.upload(scope, await readUpload(c, query), actor),
  }),
  defineRoute({
    method: 'get',
    path: `${MEDIA}/{assetId}`,
    summary: 'One media asset with its license terms',
    tag: 'media',
    access: 'posts.read',
    params: MediaParamsSchema,
    response: MediaAssetSchema,
    handler: ({ scope, params, services }) => services.media.get(scope, params.assetId),
  }),
  defineRoute({
    method: 'patch',
    path: `${MEDIA}/{assetId}`,
    summary: 'Edit the name, alt text, source, license, credit or license end date of an asset',
    tag: 'media',
    access: 'posts.write',
    params: MediaParamsSchema,
    body: UpdateMediaBodySchema,
    response: MediaAssetSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.media.update(scope, params.assetId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${MEDIA}/{assetId}`,
    summary: 'Delete an asset and its file (refused while a post not yet published uses it)',
    tag: 'media',
    access: 'posts.write',
    params: MediaParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.media.remove(scope, params.assetId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${MEDIA}/{assetId}/file`,
    summary: 'The file itself, with its content type (byte ranges supported for video and audio)',
    tag: 'media',
    access: 'posts.read',
    params: MediaParamsSchema,
    status: 200,
    handler: async ({ scope, params, services, c }) => {
      const file = await services.media.file(scope, params.assetId);
      const etag = `"${file.sha256}"`;
      const headers = new Headers({
        'Content-Type': file.mimeType,
        'Cache-Control': 'private, max-age=86400',
        ETag: etag,
        'Accept-Ranges': 'bytes',
        'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        // Opened on its own, the file may not run anything.
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
      });
      if (c.req.header('if-none-match') === etag) {
        return new Response(null, { status: 304, headers }) as unknown as void;
      }
      const stat = await fs.promises.stat(file.path).catch(() => null);
      if (!stat) throw AppError.notFound('Media file');
      const range = parseRange(c.req.header('range'), stat.size);
      const stream = fs.createReadStream(file.path, range ?? {});
      const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
      if (range) {
        headers.set('Content-Range', `bytes ${range.start}-${range.end}/${stat.size}`);
        headers.set('Content-Length', String(range.end - range.start + 1));
        return new Response(body, { status: 206, headers }) as unknown as void;
      }
      headers.set('Content-Length', String(stat.size));
      // The HTTP layer passes a Response through as it is.
      return new Response(body, { status: 200, headers }) as unknown as void;
    },
  }),
];
