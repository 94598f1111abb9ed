// The invitation token of /surveys/answer#<token> and
// /surveys/opt-out#<token>: taken from the fragment and removed from the
// address bar (and so from the history) before anything else runs
// (main.ts calls captureInvitationToken first). It is kept in memory only,
// never in storage, and sent only in the Invitation-Token header. A
// fragment never reaches a server or a Referer; after the replaceState it
// is not in the address either. A reload of the page therefore forgets it:
// the page then asks to open the link from the e-mail again.
//
// This module is part of the app's first load (a few lines); the survey
// pages themselves are a chunk of their own, which gets the token through
// main.ts (so that this module stays out of the chunk's imports).
export const INVITATION_PATHS = ['/surveys/answer', '/surveys/opt-out'];

let token = '';

/** A token: URL-safe characters, 16 to 200 of them. */
const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

/**
 * Takes the token out of the fragment of an invitation page's address.
 * Returns whether the address had a fragment there (the page then shows
 * the new token's survey).
 */
export function captureInvitationToken(): boolean {
  if (!INVITATION_PATHS.includes(location.pathname) || location.hash.length < 2) return false;
  let raw = location.hash.slice(1);
  // Tolerate "#token=…" as well as "#…".
  if (raw.startsWith('token=')) raw = raw.slice(6);
  history.replaceState(null, '', location.pathname + location.search);
  token = TOKEN.test(raw) ? raw : '';
  return true;
}

/** The token taken from the link ("" when none or not a token). */
export function invitationToken(): string {
  return token;
}
