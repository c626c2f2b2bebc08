import { ConsoleResponse, NOTICE_COOKIE } from './console-request';

/**
 * The one-line confirmation shown on the page a form redirects to ("Case accepted"). Kept in a
 * short-lived cookie rather than the URL, so a crafted link cannot put words on a page.
 */
export function redirectWithNotice(response: ConsoleResponse, location: string, notice: string): void {
  response.cookie(NOTICE_COOKIE, notice, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60_000 });
  response.redirect(303, location);
}
