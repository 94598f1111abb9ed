// Brána's web front door, the public app: entry point.
import '../lib/styles/app.css';
import './events/events.css';
import { isStaffPath } from '../lib/apps';
import { navigate, route, routePattern, setNotFound, start } from '../lib/router';
import { bookPage } from './pages/book/page';
import { confirmationPage } from './pages/confirmation';
import { homePage } from './pages/home';
import { managePage } from './pages/manage';
import { eventPage } from './pages/events/detail';
import { esfPage } from './pages/events/esf';
import { eventsPage } from './pages/events/list';
import { registrationManagePage } from './pages/events/manage';
import { offerPage } from './pages/events/offer';
import { registeredPage } from './pages/events/registered';
import { registerPage } from './pages/events/register';
import { notFoundPage } from './pages/notfound';
import { accessibilityPage, privacyPage } from './pages/static';
import { captureManageLink, getCreds } from './session';
import { frame } from './shell';
import { t } from './i18n';

// First of all: a manage link's token leaves the address bar (and the
// history) before anything else can read or record the URL.
captureManageLink();

route('/', homePage);
route('/book', bookPage);
route('/confirmation', confirmationPage);
// One manage link for both: a booking's, or an event registration's.
route('/manage', () => (getCreds()?.kind === 'registration' ? registrationManagePage() : managePage()));
route('/events', eventsPage);
route('/events/registered', registeredPage);
route('/events/offer', offerPage);
route('/events/esf', esfPage);
routePattern(/^\/events\/([A-Za-z0-9_-]{1,64})$/, (m) => eventPage(m[1]!));
routePattern(/^\/events\/([A-Za-z0-9_-]{1,64})\/register$/, (m) => registerPage(m[1]!));
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
