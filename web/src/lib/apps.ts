// The apps on the front door's origin. Each is its own entry point and
// HTML page (build.mjs); a link from one app to another's path loads that
// app instead of being routed inside the current one.

/** The staff console's paths; everything else but /v1/ is the public app's. */
export function isStaffPath(p: string): boolean {
  return p === '/staff' || p === '/staff.html' || p.startsWith('/staff/');
}

/**
 * The staff console's home. The console is its own HTML page
 * (dist/staff.html); the front door (the local gateway and CloudFront's
 * viewer-request function, by internal/frontdoor.PageFor) answers /staff
 * and every path under it with that page, as it answers the public app's
 * paths with /index.html.
 */
export const STAFF_HOME = '/staff';
