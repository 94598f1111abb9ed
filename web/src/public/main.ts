// Brána's web front door, the public app: entry point.
import '../lib/styles/app.css';
import './events/events.css';
import { isStaffPath } from '../lib/apps';
import { html } from 'lit-html';
import { lazyPage, navigate, route, routePattern, setNotFound, start, type Page } from '../lib/router';
import { bookPage } from './pages/book/page';
import { confirmationPage } from './pages/confirmation';
import { homePage } from './pages/home';
import { managePage } from './pages/manage';
import { notFoundPage } from './pages/notfound';
import { accessibilityPage, privacyPage } from './pages/static';
import { captureManageLink, getCreds } from './session';
import { captureInvitationToken, invitationToken } from './surveys/token';
import { frame } from './shell';
import { t } from './i18n';

// First of all: a manage link's token leaves the address bar (and the
// history) before anything else can read or record the URL.
captureManageLink();
// So does a survey invitation's token (/surveys/answer#<token>).
captureInvitationToken();

route('/', homePage);
route('/book', bookPage);
route('/confirmation', confirmationPage);
// The events pages: their own chunk, loaded when one is first shown.
type EventPages = typeof import('./pages/events/index');
let eventPages: Promise<EventPages> | undefined;
function events(make: (p: EventPages) => Page): Page {
  return lazyPage(
    async () => {
      eventPages ??= import('./pages/events/index');
      const p = await eventPages.catch((e: unknown) => {
        eventPages = undefined;
        throw e;
      });
      return () => make(p);
    },
    (failed, retry) => ({
      title: () => t().nav.events,
      view: () =>
        failed
          ? html`<h1 tabindex="-1">${t().nav.events}</h1>
              <p>${t().api.network}</p>
              <p><button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${retry}>${t().api.retry}</button></p>`
          : html`<h1 tabindex="-1">${t().nav.events}</h1>
              <p class="loading" role="status">${t().app.loading}</p>`,
    }),
  );
}
// One manage link for both: a booking's, or an event registration's.
route('/manage', () => (getCreds()?.kind === 'registration' ? events((p) => p.registrationManagePage()) : managePage()));
route('/events', () => events((p) => p.eventsPage()));
route('/events/registered', () => events((p) => p.registeredPage()));
route('/events/offer', () => events((p) => p.offerPage()));
route('/events/esf', () => events((p) => p.esfPage()));
routePattern(/^\/events\/([A-Za-z0-9_-]{1,64})$/, (m) => events((p) => p.eventPage(m[1]!)));
routePattern(/^\/events\/([A-Za-z0-9_-]{1,64})\/register$/, (m) => events((p) => p.registerPage(m[1]!)));
route('/certificates', () => events((p) => p.certificatePage('')));
routePattern(/^\/certificates\/([A-Za-z0-9-]{1,200})$/, (m) => events((p) => p.certificatePage(m[1]!)));
// The survey pages: their own chunk too.
type SurveyPages = typeof import('./pages/surveys/index');
let surveyPages: Promise<SurveyPages> | undefined;
function surveys(make: (p: SurveyPages) => Page): Page {
  return lazyPage(
    async () => {
      surveyPages ??= import('./pages/surveys/index');
      const p = await surveyPages.catch((e: unknown) => {
        surveyPages = undefined;
        throw e;
      });
      return () => make(p);
    },
    (failed, retry) => ({
      title: () => t().app.name,
      view: () =>
        failed
          ? html`<h1 tabindex="-1">${t().app.name}</h1>
              <p>${t().api.network}</p>
              <p><button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${retry}>${t().api.retry}</button></p>`
          : html`<h1 tabindex="-1">${t().app.name}</h1>
              <p class="loading" role="status">${t().app.loading}</p>`,
    }),
  );
}
route('/surveys/answer', () => surveys((p) => p.answerPage(invitationToken)));
route('/surveys/opt-out', () => surveys((p) => p.optOutPage(invitationToken)));
routePattern(/^\/surveys\/([A-Za-z0-9_-]{1,64})$/, (m) => surveys((p) => p.surveyPage(m[1]!)));
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
  else if (captureInvitationToken()) navigate(location.pathname, { replace: true });
});
