/** One signed-in browser session over plain HTTP: its cookies, and the CSRF token of its forms. */
export class ConsoleSession {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly baseUrl: string) {}

  async signIn(username: string, password: string): Promise<void> {
    const form = await this.request('GET', '/sign-in');
    this.csrf = csrfIn(await form.text());
    const signedIn = await this.request('POST', '/sign-in', { _csrf: this.csrf, username, password });
    if (signedIn.status !== 303 || !this.cookies.has('console_session')) throw new Error(`${username} could not sign in (${signedIn.status})`);
  }

  async page(path: string): Promise<{ status: number; html: string }> {
    const response = await this.request('GET', path);
    const html = await response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (csrf) this.csrf = csrf;
    return { status: response.status, html };
  }

  /** A file the console offers for download: its status, type, disposition and text. */
  async download(path: string): Promise<{ status: number; type: string; disposition: string; text: string }> {
    const response = await this.request('GET', path);
    return { status: response.status, type: response.headers.get('content-type') ?? '', disposition: response.headers.get('content-disposition') ?? '', text: await response.text() };
  }

  async post(path: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
    const response = await this.request('POST', path, { _csrf: this.csrf, ...fields });
    return { status: response.status, html: await response.text() };
  }

  private async request(method: string, path: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return response;
  }
}

function csrfIn(html: string): string {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error('the page has no CSRF field');
  return csrf;
}
