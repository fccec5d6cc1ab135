import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decryptSecret,
  encryptSecret,
  hashPassword,
  loadSecretKey,
  verifyPassword,
} from './crypto.ts';

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('secrets at rest', () => {
  it('round-trips and detects tampering', () => {
    const key = Buffer.alloc(32, 7);
    const sealed = encryptSecret(key, '应用密码 app-password');
    expect(sealed).not.toContain('app-password');
    expect(decryptSecret(key, sealed)).toBe('应用密码 app-password');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(key, parts.join('.'))).toThrow();
    expect(() => decryptSecret(Buffer.alloc(32, 8), sealed)).toThrow();
  });

  it('generates a key file once and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-key-'));
    const first = loadSecretKey(undefined, dir);
    const second = loadSecretKey(undefined, dir);
    expect(first.length).toBe(32);
    expect(second.equals(first)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecretKey('ab'.repeat(32), dir).equals(Buffer.alloc(32, 0xab))).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });
});
