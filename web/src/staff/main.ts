// Brána's staff console: entry point. For now a shell (the console comes
// later) on the same router, language switch, UI helpers and styles as the
// public app.
import '../lib/styles/app.css';
import { isStaffPath } from '../lib/apps';
import { route, setNotFound, start } from '../lib/router';
import { t } from './i18n';
import { homePage, notFoundPage } from './pages/home';
import { frame } from './shell';

route('/staff', homePage);
route('/staff.html', homePage);
setNotFound(notFoundPage);
start({
  frame,
  titleSuffix: () => t().app.titleSuffix,
  owns: isStaffPath,
});
