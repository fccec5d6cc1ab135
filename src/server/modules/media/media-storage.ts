import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Media files live in the data folder, one folder per workspace: `media/<workspace>/<id>.<ext>`.
 * The database keeps that relative key, so a data folder moved to another path keeps working.
 */
export function storageKey(workspaceId: string, assetId: string, ext: string): string {
  return path.posix.join('media', workspaceId, `${assetId}.${ext}`);
}

/** The absolute path of a stored key; refuses keys that would leave the media folder. */
export function storagePath(dataDir: string, key: string): string {
  const root = path.resolve(dataDir, 'media');
  const full = path.resolve(dataDir, key);
  if (!full.startsWith(root + path.sep))
    throw new Error(`Media key outside the media folder: ${key}`);
  return full;
}

/** Writes a file completely or not at all: a crash leaves a stray temporary file, never half an image. */
export async function writeStoredFile(
  dataDir: string,
  key: string,
  bytes: Uint8Array,
): Promise<void> {
  const target = storagePath(dataDir, key);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

export async function removeStoredFile(dataDir: string, key: string): Promise<void> {
  await fs.rm(storagePath(dataDir, key), { force: true });
}
