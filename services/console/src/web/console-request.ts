import type { Request, Response } from 'express';
import type { SignedInUser } from '../accounts/sessions.service';

/** An express request after the session guard: `user` is set whenever a valid session cookie came with it. */
export type ConsoleRequest = Request & { user?: SignedInUser; cookies: Record<string, string | undefined> };
export type ConsoleResponse = Response;

export const SESSION_COOKIE = 'console_session';
export const NOTICE_COOKIE = 'console_notice';
