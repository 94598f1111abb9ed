// The console's sign-in in the cloud: the OAuth 2.0 authorization code
// flow with PKCE (RFC 6749, RFC 7636) at the Cognito Hosted UI, as a public
// client (no secret).
//
//  1. beginSignIn: a random code_verifier (64 characters from
//     crypto.getRandomValues), its S256 challenge (crypto.subtle), a state
//     and a nonce; the verifier, state, nonce and the page the person wanted
//     wait in sessionStorage for the round trip only; the browser goes to
//     <cognitoHost>/oauth2/authorize.
//  2. The Hosted UI signs the person in and comes back to /staff/callback
//     with ?code&state. completeSignIn removes the waiting values from
//     sessionStorage at once, checks the state, exchanges the code (with
//     the verifier) at /oauth2/token, checks the ID token's nonce, and hands
//     the tokens to session.ts, which keeps them in memory only and renews
//     them before they expire (grant_type=refresh_token).
//  3. Signing out revokes the refresh token (/oauth2/revoke) and goes
//     through <cognitoHost>/logout, which ends the Hosted UI's own session
//     and comes back to /staff/.
//
// Where to sign in is learnt at run time from /staff/config.json (written
// by the CDK stack, internal/frontdoor.StaffConfig); the local stack has
// none, and the console offers its development sign-in instead. The token
// and revocation endpoints are on the Hosted UI's origin: the staff page's
// Content-Security-Policy allows exactly that origin in connect-src.
import { lang } from '../lib/i18n';
import { claimsOf, RenewalError, signInWith, type Provider, type Tokens } from './session';

export const CONFIG_PATH = '/staff/config.json';
/** The one sessionStorage entry, for the redirect's round trip only (never a token). */
const PENDING_KEY = 'brana.staff.signin';
const SCOPES = 'openid email profile';

export interface OidcConfig {
  cognitoHost: string;
  clientId: string;
  redirectUri: string;
  logoutUri: string;
}

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

let config: Promise<OidcConfig | undefined> | undefined;

/** The cloud sign-in's configuration, or undefined where there is none (the local stack). */
export function loadConfig(): Promise<OidcConfig | undefined> {
  config ??= fetchConfig();
  return config;
}

async function fetchConfig(): Promise<OidcConfig | undefined> {
  try {
    const r = await fetch(CONFIG_PATH, { cache: 'no-cache', credentials: 'same-origin' });
    if (!r.ok || !(r.headers.get('Content-Type') ?? '').includes('json')) return undefined;
    const c = (await r.json()) as Partial<Record<keyof OidcConfig, unknown>>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const cfg: OidcConfig = {
      cognitoHost: str(c.cognitoHost),
      clientId: str(c.clientId),
      redirectUri: str(c.redirectUri),
      logoutUri: str(c.logoutUri) || `${location.origin}/staff/`,
    };
    if (!isOrigin(cfg.cognitoHost) || !cfg.clientId || !sameOrigin(cfg.redirectUri) || !sameOrigin(cfg.logoutUri)) return undefined;
    return cfg;
  } catch {
    return undefined;
  }
}

/** An https origin (or http on the loopback, a local test's provider), nothing more. */
function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    return u.origin === s && (u.protocol === 'https:' || (u.protocol === 'http:' && loopback));
  } catch {
    return false;
  }
}

function sameOrigin(s: string): boolean {
  try {
    return new URL(s).origin === location.origin;
  } catch {
    return false;
  }
}

/** base64url without padding (RFC 7636, appendix A). */
function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(n: number): string {
  return b64url(crypto.getRandomValues(new Uint8Array(n)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return b64url(new Uint8Array(digest));
}

/** A console path to come back to after signing in (never another site, never the callback). */
export function safeNext(n: string | null | undefined): string {
  const s = n ?? '';
  return (s === '/staff' || s.startsWith('/staff/')) && !s.startsWith('//') && !s.startsWith('/staff/callback') && !s.includes('\\') ? s : '/staff';
}

/** Goes to the Hosted UI's sign-in; it comes back to the callback. */
export async function beginSignIn(cfg: OidcConfig, next: string): Promise<void> {
  const pending: Pending = { verifier: random(48), state: random(24), nonce: random(24), next: safeNext(next) };
  const challenge = await challengeOf(pending.verifier);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    scope: SCOPES,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    lang: lang(),
  });
  location.assign(`${cfg.cognitoHost}/oauth2/authorize?${q.toString()}`);
}

export type Completion = { ok: true; next: string } | { ok: false; reason: 'state' | 'denied' | 'exchange' | 'network' | 'config' };

/**
 * Completes the sign-in on the callback: takes the waiting values out of
 * sessionStorage and the code out of the address at once, then checks and
 * exchanges.
 */
export async function completeSignIn(): Promise<Completion> {
  const params = new URLSearchParams(location.search);
  history.replaceState(null, '', location.pathname);
  let pending: Pending | undefined;
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
    pending = raw ? (JSON.parse(raw) as Pending) : undefined;
  } catch {
    pending = undefined;
  }
  const state = params.get('state');
  if (!pending || !state || !equal(state, pending.state)) return { ok: false, reason: 'state' };
  if (params.get('error')) return { ok: false, reason: 'denied' };
  const code = params.get('code');
  if (!code) return { ok: false, reason: 'denied' };
  const cfg = await loadConfig();
  if (!cfg) return { ok: false, reason: 'config' };
  let tokens: Tokens & { idToken?: string };
  try {
    tokens = await tokenRequest(cfg, {
      grant_type: 'authorization_code',
      client_id: cfg.clientId,
      code,
      redirect_uri: cfg.redirectUri,
      code_verifier: pending.verifier,
    });
  } catch (err) {
    return { ok: false, reason: err instanceof RenewalError && !err.refused ? 'network' : 'exchange' };
  }
  // The ID token must answer this sign-in (OpenID Connect Core, 3.1.3.7).
  const id = tokens.idToken ? claimsOf(tokens.idToken) : {};
  const aud = id['aud'];
  if (id['nonce'] !== pending.nonce || !(aud === cfg.clientId || (Array.isArray(aud) && aud.includes(cfg.clientId)))) {
    return { ok: false, reason: 'exchange' };
  }
  signInWith({ accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, refreshToken: tokens.refreshToken }, provider(cfg));
  return { ok: true, next: pending.next };
}

/** Compares two strings in time independent of where they differ. */
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

/** A POST to the token endpoint (form-encoded); RenewalError when refused or not reached. */
async function tokenRequest(cfg: OidcConfig, form: Record<string, string>): Promise<Tokens & { idToken?: string }> {
  let r: Response;
  try {
    r = await fetch(`${cfg.cognitoHost}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new RenewalError(false);
  }
  if (!r.ok) throw new RenewalError(r.status < 500);
  let body: Record<string, unknown>;
  try {
    body = (await r.json()) as Record<string, unknown>;
  } catch {
    throw new RenewalError(false);
  }
  const access = body['access_token'];
  const expires = Number(body['expires_in']);
  if (typeof access !== 'string' || !access || !(expires > 0)) throw new RenewalError(true);
  const out: Tokens & { idToken?: string } = { accessToken: access, expiresIn: expires };
  if (typeof body['refresh_token'] === 'string') out.refreshToken = body['refresh_token'];
  if (typeof body['id_token'] === 'string') out.idToken = body['id_token'];
  return out;
}

/** The session's link to the Hosted UI: renewal and sign-out. */
function provider(cfg: OidcConfig): Provider {
  return {
    renew: (refreshToken) => tokenRequest(cfg, { grant_type: 'refresh_token', client_id: cfg.clientId, refresh_token: refreshToken }),
    end: async (refreshToken) => {
      try {
        await fetch(`${cfg.cognitoHost}/oauth2/revoke`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: refreshToken, client_id: cfg.clientId }),
          cache: 'no-store',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          keepalive: true,
          signal: AbortSignal.timeout(5_000),
        });
      } catch {
        /* the sign-out below still ends the Hosted UI's session; the token expires within 12 h */
      }
      const q = new URLSearchParams({ client_id: cfg.clientId, logout_uri: cfg.logoutUri });
      location.assign(`${cfg.cognitoHost}/logout?${q.toString()}`);
    },
  };
}
