/** A minimal API client for journeys: sets up what the journey is not about, the way a script would. */
export class ApiSession {
  private cookie = '';
  private csrf = '';
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('opsloop_session='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    const json = (text ? JSON.parse(text) : null) as T & { csrfToken?: string };
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return json;
  }

  login(email: string, password: string) {
    return this.call('POST', '/api/v1/auth/login', { email, password });
  }
}
