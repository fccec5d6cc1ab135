// Small real files for media tests: valid PNGs of any size and colour, and the byte patterns of
// other formats the library accepts or refuses.
import { crc32, deflateSync } from 'node:zlib';
import type { TestApp } from '../../../../test/app.ts';
import type { CreatedApiToken } from '../../../shared/api.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { TestClient } from '../../../../test/app.ts';

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid RGB PNG of one colour; different colours make different files. */
export function makePng(
  width: number,
  height: number,
  rgb: [number, number, number] = [200, 120, 40],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** The first bytes of a baseline JPEG with a frame header of the given size (enough to sniff). */
export function makeJpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
    0x00, 0x00,
  ]);
  const sof = Buffer.from([
    0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
  ]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

/** An ID3-tagged MP3 start: accepted as audio, which no channel publishes. */
export const MP3_BYTES = Buffer.concat([Buffer.from('ID3', 'ascii'), Buffer.alloc(64, 1)]);

/** An ISO base media (MP4) start. */
export const MP4_BYTES = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom', 'ascii'),
  Buffer.alloc(64, 2),
]);

/** A bearer token of a role in a workspace: binary uploads go through `app.request` with it. */
export async function bearerFor(
  client: TestClient,
  workspaceId: string,
  role: Role = 'editor',
): Promise<string> {
  const res = await client.post<CreatedApiToken>(`/api/v1/workspaces/${workspaceId}/tokens`, {
    name: `media ${role}`,
    role,
  });
  if (res.status !== 201) throw new Error(`token failed: ${JSON.stringify(res.body)}`);
  return res.body.secret;
}

export interface UploadOptions {
  /** Content-Type of a raw upload, or of the multipart part. */
  type?: string;
  name?: string;
  multipart?: boolean;
  fields?: Record<string, string>;
}

/** Uploads bytes the way an API client would; returns status and parsed JSON body. */
export async function upload<T = unknown>(
  t: TestApp,
  bearer: string,
  workspaceId: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<{ status: number; body: T }> {
  const url = new URL(`http://opsloop.test/api/v1/workspaces/${workspaceId}/media`);
  let body: BodyInit;
  const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
  if (options.multipart) {
    const form = new FormData();
    form.set(
      'file',
      new File([new Uint8Array(bytes)], options.name ?? 'file.bin', {
        type: options.type ?? 'application/octet-stream',
      }),
    );
    for (const [key, value] of Object.entries(options.fields ?? {})) form.set(key, value);
    body = form;
  } else {
    for (const [key, value] of Object.entries(options.fields ?? {}))
      url.searchParams.set(key, value);
    if (options.name) url.searchParams.set('fileName', options.name);
    headers['content-type'] = options.type ?? 'application/octet-stream';
    body = new Uint8Array(bytes);
  }
  const res = await t.app.request(url.pathname + url.search, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
