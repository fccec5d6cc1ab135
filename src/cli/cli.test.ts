import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;

function opsloop(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/opsloop.js'), ...args], {
    cwd: root,
    env: { ...process.env, OPSLOOP_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-cli-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('opsloop command', () => {
  it('lists its commands', () => {
    const { code, out } = opsloop(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'migrate', 'user', 'backup', 'restore']) {
      expect(out).toContain(command);
    }
  });

  it('migrates, creates a user and resets the password', () => {
    expect(opsloop(['migrate']).out).toMatch(/Applied 0001-foundation/);
    expect(opsloop(['migrate']).out).toMatch(/up to date/);
    const created = opsloop([
      'user',
      'create',
      '--email',
      'Ann@Example.com',
      '--name',
      'Ann',
      '--password',
      'long-enough-1',
    ]);
    expect(created.code, created.out).toBe(0);
    const db = new SQLite(path.join(dataDir, 'opsloop.db'), { readonly: true });
    const before = db
      .prepare('select password_hash from user_account where email = ?')
      .get('ann@example.com') as {
      password_hash: string;
    };
    expect(before.password_hash).toMatch(/^scrypt\$/);
    const reset = opsloop([
      'user',
      'reset-password',
      '--email',
      'ann@example.com',
      '--password',
      'another-long-1',
    ]);
    expect(reset.code, reset.out).toBe(0);
    const after = db
      .prepare('select password_hash from user_account where email = ?')
      .get('ann@example.com') as {
      password_hash: string;
    };
    expect(after.password_hash).not.toBe(before.password_hash);
    db.close();
    const duplicate = opsloop([
      'user',
      'create',
      '--email',
      'ann@example.com',
      '--name',
      'Ann',
      '--password',
      'long-enough-1',
    ]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.out).toMatch(/already exists/);
  });

  it('creates a sample workspace, with a demo owner on a fresh install', () => {
    const first = opsloop(['sample']);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/Sign in as demo@example.com with the password \S{10,}/);
    const db = new SQLite(path.join(dataDir, 'opsloop.db'), { readonly: true });
    const channels = db.prepare('select style from channel order by created_at').all() as {
      style: string;
    }[];
    expect(channels.map((c) => c.style)).toEqual([
      'weibo',
      'wechat',
      'douyin',
      'xiaohongshu',
      'bluesky',
    ]);
    const posts = db.prepare("select count(*) as n from post where status = 'published'").get() as {
      n: number;
    };
    expect(posts.n).toBeGreaterThan(500);
    db.close();
    expect(opsloop(['sample']).out).toMatch(/pass --email/);
  });

  it('reports every configuration problem at once', () => {
    const { code, out } = opsloop(['migrate'], { PORT: 'eighty', OPSLOOP_LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(out).toContain('PORT');
    expect(out).toContain('OPSLOOP_LOG_LEVEL');
  });

  it('backs up a database that is being written, and restores it only when no server runs', () => {
    expect(opsloop(['migrate']).code).toBe(0);
    const file = path.join(dataDir, 'opsloop.db');
    const writer = new SQLite(file);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table filler (id integer primary key, body text)');
    const insert = writer.prepare('insert into filler (body) values (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i}`);
    // An open write transaction: the backup must see the committed state only.
    writer.exec('begin');
    insert.run('uncommitted');

    const backup = path.join(dataDir, 'backup.db');
    const backedUp = opsloop(['backup', backup]);
    expect(backedUp.code, backedUp.out).toBe(0);
    writer.exec('commit');
    writer.close();
    const copy = new SQLite(backup, { readonly: true });
    expect(copy.prepare('select count(*) as n from filler').get()).toEqual({ n: 2000 });
    copy.close();

    fs.writeFileSync(path.join(dataDir, 'opsloop.pid'), String(process.pid));
    const refused = opsloop(['restore', backup]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/is running/);

    fs.writeFileSync(path.join(dataDir, 'opsloop.pid'), '999999');
    const restored = opsloop(['restore', backup]);
    expect(restored.code, restored.out).toBe(0);
    const live = new SQLite(file, { readonly: true });
    expect(live.prepare('select count(*) as n from filler').get()).toEqual({ n: 2000 });
    live.close();

    fs.writeFileSync(path.join(dataDir, 'junk.db'), 'not a database');
    expect(opsloop(['restore', path.join(dataDir, 'junk.db')]).code).toBe(1);
  });
});
