import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import type { Session } from '../src/shared/api.ts';
import { loadConfig } from '../src/server/config.ts';
import type { ConnectorFactory } from '../src/server/connectors/index.ts';
import { createApp } from '../src/server/http/app.ts';
import { allRoutes } from '../src/server/http/routes.ts';
import { systemClock, type Clock } from '../src/server/platform/clock.ts';
import { silentLogger } from '../src/server/platform/logger.ts';
import { createServices, type Services } from '../src/server/services.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: Hono;
  services: Services;
  database: TestDatabase;
  /** A client with its own cookie jar, like one browser. */
  client(): TestClient;
  close(): Promise<void>;
}

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the app in-process the way a browser or API client would. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;
  bearer: string | null = null;
  ip = '203.0.113.10';
  private readonly app: Hono;

  constructor(app: Hono) {
    this.app = app;
  }

  async request<T = unknown>(
    method: string,
    url: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, ...options.headers };
    if (this.cookies.size) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] ??= this.csrfToken;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await this.app.request(url, { method, headers, body });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (HTML pages)
    }
    const result = { status: response.status, body: parsed as T, headers: response.headers };
    const session = parsed as Partial<Session> | null;
    if (session && typeof session === 'object' && typeof session.csrfToken === 'string') {
      this.csrfToken = session.csrfToken;
    }
    return result;
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body === undefined ? {} : { body });
  }
  patch<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, { body });
  }
  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }
}

/** The whole app on a fresh database, called in-process. */
export async function createTestApp(
  options: { clock?: Clock; connectors?: ConnectorFactory } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-app-'));
  const config = loadConfig({
    OPSLOOP_DATA_DIR: dataDir,
    OPSLOOP_TRUST_PROXY: 'true',
    OPSLOOP_BODY_LIMIT_BYTES: '65536',
    OPSLOOP_UPLOAD_LIMIT_BYTES: '262144',
    OPSLOOP_PUBLIC_URL: 'http://opsloop.test',
  });
  const services = createServices({
    config,
    db: database.db,
    clock: options.clock ?? systemClock,
    logger: silentLogger(),
    secretKey: Buffer.alloc(32, 1),
    ...(options.connectors ? { connectors: options.connectors } : {}),
  });
  const app = createApp({ services, routes: allRoutes });
  return {
    app,
    services,
    database,
    client: () => new TestClient(app),
    close: async () => {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
