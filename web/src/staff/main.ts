// Brána's staff console: entry point, on the same router, language switch,
// UI helpers and styles as the public app. The sign-in, the console's home
// and the viewer's report screens are in this bundle; each other role's
// screens are a chunk of their own (expert/, organiser/, checkin/,
// evaluator/, admin/), loaded when one of them is first shown, so that a
// person loads only the code of the screens they use. screens.json lists
// every screen and the groups that may use it.
import '../lib/styles/app.css';
import './console.css';
import './expert/expert.css';
import './organiser/organiser.css';
import './checkin/checkin.css';
import './evaluator/evaluator.css';
import './admin/admin.css';
import { html } from 'lit-html';
import { isStaffPath } from '../lib/apps';
import { lazyPage, route, routePattern, setNotFound, start, type Page } from '../lib/router';
import { t } from './i18n';
import { homePage, notFoundPage } from './pages/home';
import { callbackPage, signInPage } from './pages/signin';
import { consoleHomePage, registerPage, reportPage, reportsPage } from './pages/viewer';
import { frame } from './shell';

/** Pages of a chunk loaded on demand: the module once, retried after a failure. */
function chunk<M>(load: () => Promise<M>): (make: (m: M) => Page) => Page {
  let loading: Promise<M> | undefined;
  return (make) =>
    lazyPage(
      async () => {
        loading ??= load();
        const m = await loading.catch((e: unknown) => {
          loading = undefined;
          throw e;
        });
        return () => make(m);
      },
      (failed, retry) => ({
        title: () => t().console.homeTitle,
        view: () =>
          failed
            ? html`<h1 tabindex="-1">${t().console.homeTitle}</h1>
                <p>${t().console.network}</p>
                <p><button type="button" class="gov-button" data-type="outlined" data-color="primary" @click=${retry}>${t().console.retry}</button></p>`
            : html`<h1 tabindex="-1">${t().console.homeTitle}</h1>
                <p class="loading" role="status">${t().console.loading}</p>`,
      }),
    );
}
const expert = chunk(() => import('./expert/index'));
const organiser = chunk(() => import('./organiser/index'));
const checkin = chunk(() => import('./checkin/index'));
const evaluator = chunk(() => import('./evaluator/index'));
const admin = chunk(() => import('./admin/index'));

const ID = '([A-Za-z0-9_-]{1,64})';
const re = (s: string) => new RegExp(`^${s.replaceAll('{id}', ID)}$`);

route('/staff', () => consoleHomePage(homePage));
route('/staff.html', () => consoleHomePage(homePage));
route('/staff/sign-in', signInPage);
route('/staff/callback', callbackPage);
route('/staff/', () => consoleHomePage(homePage));

// Viewer (management) and admin: the monthly reports and the register.
route('/staff/reports', reportsPage);
route('/staff/transformation', registerPage);
routePattern(/^\/staff\/reports\/(\d{4}-\d{2})$/, (m) => reportPage(m[1]!));
route('/staff/indicators', () => admin((a) => a.indicatorsPage()));

// Expert: their consultations and availability.
route('/staff/agenda', () => expert((e) => e.agendaPage()));
route('/staff/availability', () => expert((e) => e.availabilityPage()));

// Organiser (and admin): events, registrations, check-in.
route('/staff/events', () => organiser((o) => o.eventsPage()));
route('/staff/events/new', () => organiser((o) => o.eventFormPage('')));
routePattern(re('/staff/events/{id}'), (m) => organiser((o) => o.eventPage(m[1]!)));
routePattern(re('/staff/events/{id}/edit'), (m) => organiser((o) => o.eventFormPage(m[1]!)));
routePattern(re('/staff/events/{id}/registrations'), (m) => organiser((o) => o.registrationsPage(m[1]!)));
routePattern(re('/staff/events/{id}/check-in'), (m) => checkin((c) => c.checkInPage(m[1]!)));

// Evaluator (and admin): surveys.
route('/staff/surveys', () => evaluator((e) => e.surveysPage()));
route('/staff/surveys/new', () => evaluator((e) => e.surveyBuilderPage('')));
routePattern(re('/staff/surveys/{id}'), (m) => evaluator((e) => e.surveyBuilderPage(m[1]!)));
routePattern(re('/staff/surveys/{id}/results'), (m) => evaluator((e) => e.surveyResultsPage(m[1]!)));

// Admin: experts, bookings, abuse tools.
route('/staff/experts', () => admin((a) => a.expertsPage()));
route('/staff/experts/new', () => admin((a) => a.expertFormPage('')));
routePattern(re('/staff/experts/{id}'), (m) => admin((a) => a.expertFormPage(m[1]!)));
route('/staff/bookings', () => admin((a) => a.bookingsPage()));
route('/staff/abuse', () => admin((a) => a.abusePage()));

setNotFound(notFoundPage);
start({
  frame,
  titleSuffix: () => t().app.titleSuffix,
  owns: isStaffPath,
});
