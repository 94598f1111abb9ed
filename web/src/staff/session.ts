// The staff console's sign-in, kept in memory only: a module variable,
// never localStorage, sessionStorage or a cookie. A reload or sign-out
// forgets it. Locally the token comes from the local gateway's development
// sign-in (/local/dev-token, served only by the local stack); the cloud's
// sign-in (Cognito Hosted UI with PKCE) is not in this version yet.
import { navigate } from '../lib/router';

/** Where the local gateway's development sign-in lives (localgw.DevSignInPath). */
export const DEV_SIGN_IN = '/local/dev-token';
export const SIGN_IN_PATH = '/staff/sign-in';

export const GROUPS = ['admin', 'expert', 'organiser', 'evaluator', 'viewer'] as const;
export type Group = (typeof GROUPS)[number];

interface Session {
  token: string;
  groups: string[];
  expiresAt: number;
}

let session: Session | undefined;

/** The signed-in session, unless there is none or it has expired. */
export function current(): Session | undefined {
  if (session && session.expiresAt <= Date.now()) session = undefined;
  return session;
}

/** The groups a token's payload names (cognito:groups); the gateway checks the signature. */
export function groupsOf(token: string): string[] {
  try {
    const part = token.split('.')[1] ?? '';
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(b64.padEnd(b64.length + ((4 - (b64.length % 4)) % 4), '='))) as Record<string, unknown>;
    const g = claims['cognito:groups'];
    return Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function signIn(token: string, expiresAt: string): void {
  session = { token, groups: groupsOf(token), expiresAt: Date.parse(expiresAt) };
}

export function signOut(): void {
  session = undefined;
  navigate(SIGN_IN_PATH);
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
