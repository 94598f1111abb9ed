// The staff console's sign-in, kept in memory only: a module variable,
// never localStorage, sessionStorage or a cookie. A reload or sign-out
// forgets it.
//
// Two ways in: in the cloud the Cognito Hosted UI (the authorization code
// flow with PKCE, oidc.ts), whose access token is renewed with the refresh
// token before it expires; locally the local gateway's development sign-in
// (/local/dev-token, served only by the local stack), whose token lasts the
// working day.
import { navigate } from '../lib/router';

/** Where the local gateway's development sign-in lives (localgw.DevSignInPath). */
export const DEV_SIGN_IN = '/local/dev-token';
export const SIGN_IN_PATH = '/staff/sign-in';

export const GROUPS = ['admin', 'expert', 'organiser', 'evaluator', 'viewer'] as const;
export type Group = (typeof GROUPS)[number];

interface Session {
  /** The access token every API call sends (Authorization: Bearer). */
  token: string;
  groups: string[];
  expiresAt: number;
}

/** What a token endpoint answered (RFC 6749, section 5.1). */
export interface Tokens {
  accessToken: string;
  /** Seconds the access token is valid for. */
  expiresIn: number;
  refreshToken?: string;
}

/** Thrown by a renewal: refused (the refresh token is no longer good) or not reached. */
export class RenewalError extends Error {
  constructor(readonly refused: boolean) {
    super(refused ? 'the token endpoint refused the refresh token' : 'the token endpoint could not be reached');
  }
}

/** A cloud session's link to its identity provider (oidc.ts). */
export interface Provider {
  /** Renews the tokens with the refresh token (grant_type=refresh_token). */
  renew(refreshToken: string): Promise<Tokens>;
  /** Revokes the refresh token and leaves through the provider's sign-out. */
  end(refreshToken: string): Promise<void>;
}

/** How long before the access token expires it is renewed. */
export const RENEW_BEFORE_MS = 2 * 60_000;
/** The shortest wait before a renewal, so that short-lived tokens cannot make a busy loop. */
const MIN_RENEW_WAIT_MS = 5_000;
/** After a renewal that did not reach the provider, the next try. */
const RETRY_MS = 15_000;

let session: Session | undefined;
let cloud: { provider: Provider; refreshToken: string } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let notice: 'refreshFailed' | undefined;

/** The signed-in session, unless there is none or it has expired. */
export function current(): Session | undefined {
  if (session && session.expiresAt <= Date.now()) forget();
  return session;
}

/** The API client's options that send the signed-in token (Authorization: Bearer …). */
export function auth(): { token: string; tokenHeader: string } {
  return { token: `Bearer ${current()?.token ?? ''}`, tokenHeader: 'Authorization' };
}

/** The groups a token's payload names (cognito:groups); the gateway checks the signature. */
export function groupsOf(token: string): string[] {
  const g = claimsOf(token)['cognito:groups'];
  return Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : [];
}

/** A JWT's payload, unverified (the API verifies; this only reads). */
export function claimsOf(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const json = atob(b64.padEnd(b64.length + ((4 - (b64.length % 4)) % 4), '='));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Signs in with a development token (the local gateway's). */
export function signIn(token: string, expiresAt: string): void {
  forget();
  session = { token, groups: groupsOf(token), expiresAt: Date.parse(expiresAt) };
}

/** Signs in with the tokens of the provider's code exchange, and keeps them renewed. */
export function signInWith(tokens: Tokens, provider: Provider): void {
  forget();
  notice = undefined;
  if (tokens.refreshToken) cloud = { provider, refreshToken: tokens.refreshToken };
  use(tokens);
}

function use(tokens: Tokens): void {
  const expiresAt = Date.now() + tokens.expiresIn * 1000;
  session = { token: tokens.accessToken, groups: groupsOf(tokens.accessToken), expiresAt };
  if (cloud && tokens.refreshToken) cloud.refreshToken = tokens.refreshToken;
  if (cloud) schedule(Math.max(MIN_RENEW_WAIT_MS, expiresAt - RENEW_BEFORE_MS - Date.now()));
}

function schedule(wait: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => void renew(), wait);
}

async function renew(): Promise<void> {
  const c = cloud;
  if (!c || !session) return;
  try {
    const tokens = await c.provider.renew(c.refreshToken);
    if (cloud !== c) return; // signed out meanwhile
    use(tokens);
  } catch (err) {
    if (cloud !== c) return;
    const left = (session?.expiresAt ?? 0) - Date.now();
    if (err instanceof RenewalError && !err.refused && left > RETRY_MS + MIN_RENEW_WAIT_MS) {
      schedule(RETRY_MS);
      return;
    }
    // The sign-in has ended: say so on the sign-in page, and come back here after it.
    forget();
    notice = 'refreshFailed';
    navigate(`${SIGN_IN_PATH}?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }
}

/** Forgets the session and its tokens (nothing else holds them). */
function forget(): void {
  clearTimeout(timer);
  timer = undefined;
  session = undefined;
  cloud = undefined;
}

/** Why the last session ended on its own, once (the sign-in page says it). */
export function takeNotice(): 'refreshFailed' | undefined {
  const n = notice;
  notice = undefined;
  return n;
}

/**
 * Ends the session: in the cloud the refresh token is revoked and the
 * browser leaves through the provider's sign-out (which ends its session
 * too, and comes back to the console); locally the sign-in page follows.
 */
export function signOut(): void {
  const c = cloud;
  forget();
  if (c) void c.provider.end(c.refreshToken);
  else navigate(SIGN_IN_PATH);
}

/** Whether the signed-in person is in one of the groups. */
export function mayUse(groups: readonly string[]): boolean {
  const s = current();
  return !!s && s.groups.some((g) => groups.includes(g));
}

/** The groups that may read the monthly reports and the register. */
export const REPORT_READERS: readonly Group[] = ['admin', 'viewer'];

/** Whether this gateway offers the development sign-in: the groups, or undefined. */
export async function devSignInGroups(): Promise<string[] | undefined> {
  try {
    const r = await fetch(DEV_SIGN_IN, { cache: 'no-store', credentials: 'same-origin' });
    if (!r.ok || !(r.headers.get('Content-Type') ?? '').includes('json')) return undefined;
    const body = (await r.json()) as { groups?: unknown };
    return Array.isArray(body.groups) ? body.groups.filter((g): g is string => typeof g === 'string') : undefined;
  } catch {
    return undefined;
  }
}

export async function devSignIn(group: string): Promise<void> {
  const r = await fetch(DEV_SIGN_IN, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ group }),
    cache: 'no-store',
    credentials: 'same-origin',
  });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const body = (await r.json()) as { token: string; expiresAt: string };
  signIn(body.token, body.expiresAt);
}

/** The groups that may change the reports and the register. */
export const REPORT_ADMINS: readonly Group[] = ['admin'];
