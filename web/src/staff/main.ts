// Brána's staff console: entry point, on the same router, language switch,
// UI helpers and styles as the public app. This version: the local sign-in
// and the viewer's screens over the monthly reports (issue #12, first slice).
import '../lib/styles/app.css';
import './console.css';
import { isStaffPath } from '../lib/apps';
import { route, routePattern, setNotFound, start } from '../lib/router';
import { t } from './i18n';
import { homePage, notFoundPage } from './pages/home';
import { consoleHomePage, registerPage, reportPage, reportsPage, signInPage } from './pages/viewer';
import { frame } from './shell';

route('/staff', () => consoleHomePage(homePage));
route('/staff.html', () => consoleHomePage(homePage));
route('/staff/sign-in', signInPage);
route('/staff/reports', reportsPage);
route('/staff/transformation', registerPage);
routePattern(/^\/staff\/reports\/(\d{4}-\d{2})$/, (m) => reportPage(m[1]!));
setNotFound(notFoundPage);
start({
  frame,
  titleSuffix: () => t().app.titleSuffix,
  owns: isStaffPath,
});
