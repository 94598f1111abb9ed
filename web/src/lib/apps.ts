// The apps on the front door's origin. Each is its own entry point and
// HTML page (build.mjs); a link from one app to another's path loads that
// app instead of being routed inside the current one.

/** The staff console's paths; everything else but /v1/ is the public app's. */
export function isStaffPath(p: string): boolean {
  return p === '/staff' || p === '/staff.html' || p.startsWith('/staff/');
}

/**
 * Where the staff console is served: its own HTML page (dist/staff.html).
 * Paths under /staff/ reach it once the front door (the local gateway and
 * CloudFront's viewer-request function) rewrites them to /staff.html, as
 * it rewrites the public app's paths to /index.html.
 */
export const STAFF_HOME = '/staff.html';
