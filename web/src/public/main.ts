// Brána's web front door, the public app: entry point.
import '../lib/styles/app.css';
import { isStaffPath } from '../lib/apps';
import { navigate, route, setNotFound, start } from '../lib/router';
import { bookPage } from './pages/book/page';
import { confirmationPage } from './pages/confirmation';
import { homePage } from './pages/home';
import { managePage } from './pages/manage';
import { notFoundPage } from './pages/notfound';
import { accessibilityPage, privacyPage } from './pages/static';
import { captureManageLink } from './session';
import { frame } from './shell';
import { t } from './i18n';

// First of all: a manage link's token leaves the address bar (and the
// history) before anything else can read or record the URL.
captureManageLink();

route('/', homePage);
route('/book', bookPage);
route('/confirmation', confirmationPage);
route('/manage', managePage);
route('/accessibility', accessibilityPage);
route('/privacy', privacyPage);
setNotFound(notFoundPage);
start({
  frame,
  titleSuffix: () => t().app.titleSuffix,
  // Every path but the API's and the staff console's.
  owns: (p) => !p.startsWith('/v1/') && !isStaffPath(p),
});

// A manage link pasted into a tab that already shows the app changes only
// the fragment: no new page load, so take the token here too.
window.addEventListener('hashchange', () => {
  if (captureManageLink() && location.pathname === '/manage') navigate('/manage', { replace: true });
});
