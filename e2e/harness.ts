import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Debian's Chromium; the journeys need it and never download a browser of their own. */
export const CHROMIUM = process.env.OPSLOOP_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

/** Without Chromium a newcomer's machine skips the journeys; CI installs it and must run them. */
export const runJourneys = hasChromium || process.env.CI === 'true';

/**
 * Starts a fresh server and browser for the journeys of one describe block, and stops both after.
 * Read `server` and `browser` inside tests (they exist once the block's beforeAll has run).
 */
export function useJourney(): { readonly server: E2EServer; readonly browser: Browser } {
  let server: E2EServer | undefined;
  let browser: { browser: Browser; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the journey server is not running');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the journey browser is not running');
      return browser.browser;
    },
  };
}

export interface E2EServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts `opsloop serve` on a free port with a fresh SQLite data folder. */
export async function startE2EServer(env: Record<string, string> = {}): Promise<E2EServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'bin/opsloop.js'), 'serve'],
    {
      cwd: root,
      env: {
        ...process.env,
        OPSLOOP_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        OPSLOOP_LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    url,
    dataDir,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  return {
    browser,
    // Playwright gives each launch a fresh temporary profile and removes it on close.
    close: () => browser.close(),
  };
}

/** Saves a screenshot next to the test results, for a person to look at when a journey fails. */
export async function snapshot(page: Page, name: string): Promise<void> {
  const dir = path.join(root, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
