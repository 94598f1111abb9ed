// Brána's web front door: entry point.
import './styles/app.css';
import { navigate, route, setNotFound, start } from './app';
import { bookPage } from './pages/book';
import { confirmationPage } from './pages/confirmation';
import { homePage } from './pages/home';
import { managePage } from './pages/manage';
import { notFoundPage } from './pages/notfound';
import { accessibilityPage, privacyPage } from './pages/static';
import { captureManageLink } from './session';

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
start();

// A manage link pasted into a tab that already shows the app changes only
// the fragment: no new page load, so take the token here too.
window.addEventListener('hashchange', () => {
  if (captureManageLink() && location.pathname === '/manage') navigate('/manage', { replace: true });
});
