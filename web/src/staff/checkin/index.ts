// The check-in screen (a chunk of its own): on a phone at the door, the
// organiser checks people in by name, by scanning the QR code of their
// confirmation with the camera, or by typing (or a keyboard-like reader
// typing) its code. The event's name and the counts stay at the top and
// follow every check-in.
//
// A poor connection: a check-in that gets no answer (the network, or a 5xx)
// waits in memory and is sent again by itself (2, 4, 8 … 30 s apart) or at
// once with "Retry now"; the server's check-in is idempotent, so a repeat
// of one that did arrive changes nothing. The queue lives as long as the
// console is open (also on its other screens); nothing is stored in the
// browser, so closing or reloading the tab forgets it: the page says so,
// and the browser asks before it is closed.
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { ApiError } from '../../lib/api';
import { formatTime, lang } from '../../lib/i18n';
import { announce, afterRender, focusId, path, update, type Page } from '../../lib/router';
import { errorSummary, icon, message, textField } from '../../lib/ui';
import { btn, groupsOf, guarded, loadView, pageOf, pager, problemText, type Load } from '../kit';
import { addWalkIn, checkIn, getEvent, listRegistrations, type CheckInInput, type Registration, type StaffEvent } from './api';
import { backoff, CHECKABLE, checkedInBefore, codeRegistration, matches, tally } from './logic';
import { tx } from './messages';
import type { CameraProblem, Scanner } from './scanner';

/** The check-in screens shown so far: only the latest one is live. */
let shown = 0;

/** How often the list is re-read while the screen is open. */
const REFRESH_MS = 30_000;


/** A check-in waiting for the connection. */
interface Pending {
  key: string;
  input: CheckInInput;
  name: string;
  /** When the first attempt was made (a server time older than this by far: someone else checked them in). */
  since: number;
  attempts: number;
  nextAt: number;
  sending: boolean;
}

type Outcome =
  | { kind: 'done' | 'already' | 'queued'; text: () => string }
  | { kind: 'error'; text: () => string };




/** What became of a queued check-in's attempt. */
type Attempt = { ok: Registration } | { err: unknown } | { retry: true } | { sending: true };

/** The check-ins of one event waiting for the connection, and who shows them. */
interface Queue {
  items: Pending[];
  timer?: ReturnType<typeof setTimeout>;
  /** The screen showing the queue (the latest check-in screen of the event). */
  listener?: (p: Pending, a: Attempt) => void;
}

/**
 * The queues by event: in memory for as long as the console is open (also
 * while another of its screens is shown), never in the browser's storage.
 */
const queues = new Map<string, Queue>();

/** Whether any check-in still waits (the browser then asks before the tab is closed). */
function waiting(): boolean {
  return [...queues.values()].some((q) => q.items.length > 0);
}
addEventListener('beforeunload', (e) => {
  if (waiting()) e.preventDefault();
});

function queueOf(eventId: string): Queue {
  let q = queues.get(eventId);
  if (!q) queues.set(eventId, (q = { items: [] }));
  return q;
}

/** Sets the timer of the queue's next due attempt. */
function scheduleQueue(eventId: string): void {
  const q = queueOf(eventId);
  if (q.timer) clearTimeout(q.timer);
  q.timer = undefined;
  const next = q.items.filter((p) => !p.sending).reduce((m, p) => Math.min(m, p.nextAt), Infinity);
  if (next !== Infinity) q.timer = setTimeout(() => void flushQueue(eventId, false), Math.max(0, next - Date.now()));
}

/** Sends the queued check-ins that are due (all of them: now); a repeat is harmless (idempotent). */
async function flushQueue(eventId: string, now: boolean): Promise<void> {
  const q = queueOf(eventId);
  const due = q.items.filter((p) => !p.sending && (now || p.nextAt <= Date.now()));
  const drop = (p: Pending): void => {
    const i = q.items.indexOf(p);
    if (i >= 0) q.items.splice(i, 1);
  };
  await Promise.all(
    due.map(async (p) => {
      p.sending = true;
      p.attempts++;
      q.listener?.(p, { sending: true });
      try {
        const r = await checkIn(eventId, p.input);
        drop(p);
        p.sending = false;
        q.listener?.(p, { ok: r });
      } catch (err) {
        p.sending = false;
        if (retriable(err)) {
          p.nextAt = Date.now() + backoff(p.attempts);
          q.listener?.(p, { retry: true });
        } else {
          drop(p);
          q.listener?.(p, { err });
        }
      }
    }),
  );
  scheduleQueue(eventId);
}

/** A failure worth sending again: no answer, or the server's own (5xx). A 4xx is final. */
function retriable(err: unknown): boolean {
  return err instanceof ApiError && (err.network || err.status >= 500);
}

export function checkInPage(eventId: string): Page {
  const here = `/staff/events/${eventId}/check-in`;
  let ev: Load<StaffEvent> = { state: 'loading' };
  let regs: Registration[] = [];
  let query = '';
  let pageNo = 0;
  let outcome: Outcome | undefined;
  let code = '';
  let codeError: string | undefined;
  let codeProblem: string | undefined;
  const busy = new Set<string>(); // registration ids and codes being sent
  const queue = queueOf(eventId);
  const pending = queue.items;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let camera: 'off' | 'starting' | 'on' | CameraProblem = 'off';
  let scanner: Scanner | undefined;
  let lastScan = { text: '', at: 0 };

  const me = ++shown;
  /** Whether the person has left this screen (another page, or this one shown afresh). */
  const left = (): boolean => path() !== here || shown !== me;
  /** Every few seconds while the page is shown: the camera off once the page is left, the list fresh. */
  let watch: ReturnType<typeof setInterval> | undefined;
  let lastRefresh = Date.now();
  const nameOf = (id: string | undefined): string | undefined => regs.find((r) => r.id === id)?.contact.name || undefined;
  const keyOf = (input: CheckInInput): string => input.registrationId ?? codeRegistration(input.code ?? '')?.registrationId ?? input.code ?? '';

  /** Re-reads the registrations (other phones check people in too); a failure changes nothing. */
  const refresh = async (): Promise<void> => {
    lastRefresh = Date.now();
    try {
      const list = await listRegistrations(eventId);
      if (!left()) {
        regs = list;
        update();
      }
    } catch {
      /* the next round tries again */
    }
  };

  const startWatch = (): void => {
    watch ??= setInterval(() => {
      if (left()) {
        stopCamera();
        clearInterval(watch);
        watch = undefined;
        return;
      }
      if (Date.now() - lastRefresh >= REFRESH_MS && !busy.size) void refresh();
    }, 1000);
  };

  const load = async (): Promise<void> => {
    try {
      const [e, list] = await Promise.all([getEvent(eventId), listRegistrations(eventId)]);
      ev = { state: 'ok', data: e };
      regs = list;
    } catch (err) {
      ev = { state: 'error', err };
    }
    update();
  };

  /** Puts the server's answer into the list (the counts follow). */
  const remember = (r: Registration): void => {
    const i = regs.findIndex((x) => x.id === r.id);
    if (i >= 0) regs[i] = r;
    else regs.push(r);
  };

  const say = (o: Outcome, focus = false): void => {
    outcome = o;
    if (o.kind === 'error') {
      afterRender(() => focusId('checkin-outcome'));
      update();
    } else {
      update();
      if (focus) afterRender(() => focusId('checkin-outcome'));
      announce(o.text());
    }
  };

  /** The result of a check-in that got an answer. */
  const answered = (r: Registration, wasIn: boolean, since: number): Outcome => {
    remember(r);
    const name = r.contact.name || tx().codeHolder;
    return checkedInBefore(wasIn, r.checkedInAt, since)
      ? { kind: 'already', text: () => tx().already(name, formatTime(new Date(r.checkedInAt!))) }
      : { kind: 'done', text: () => tx().done(name) };
  };

  /** Re-renders every second while check-ins wait (the countdown). */
  const tick = (): void => {
    ticker ??= setInterval(() => {
      if (!pending.length || left()) {
        clearInterval(ticker);
        ticker = undefined;
      }
      if (!left()) update();
    }, 1000);
  };

  const onAttempt = (p: Pending, a: Attempt): void => {
    if (left()) return; // shown again when the screen is: the list is re-read then
    if ('ok' in a) say(answered(a.ok, false, p.since));
    else if ('err' in a) say({ kind: 'error', text: () => tx().failedFor(p.name, problemText(a.err)) });
    else update();
  };

  const flush = (now: boolean): Promise<void> => flushQueue(eventId, now);

  /**
   * Checks one person in; without an answer the check-in waits in the
   * queue. A typed code the server refuses (400) is shown at its field.
   */
  const send = async (input: CheckInInput, fromField = false): Promise<void> => {
    const key = keyOf(input);
    if (busy.has(key) || pending.some((p) => p.key === key)) return;
    const name = nameOf(input.registrationId ?? codeRegistration(input.code ?? '')?.registrationId) ?? tx().codeHolder;
    const wasIn = regs.find((r) => r.id === key)?.status === 'attended';
    const since = Date.now();
    busy.add(key);
    update();
    try {
      const r = await checkIn(eventId, input);
      if (fromField) code = '';
      say(answered(r, wasIn, since), fromField);
    } catch (err) {
      if (retriable(err)) {
        pending.push({ key, input, name, since, attempts: 1, nextAt: Date.now() + backoff(1), sending: false });
        if (fromField) code = '';
        say({ kind: 'queued', text: () => tx().queued(name) });
        scheduleQueue(eventId);
        tick();
      } else if (fromField && err instanceof ApiError && err.status === 400) {
        codeError = err.problem.errors?.find((e) => e.field === 'code')?.message ?? problemText(err);
        codeProblem = problemText(err);
        outcome = undefined;
        afterRender(() => focusId('checkin-code-problem'));
        update();
      } else {
        say({ kind: 'error', text: () => tx().failedFor(name, problemText(err)) });
      }
    } finally {
      busy.delete(key);
      update();
    }
  };

  // The walk-in form.
  const walk = { name: '', org: '', email: '' };
  let walkErrors: Record<string, string> = {};
  let walkBusy = false;
  const WALK_FIELDS: Record<string, string> = { name: 'walkin-name', 'organisation.name': 'walkin-org', email: 'walkin-email' };
  const submitWalkIn = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (walkBusy) return;
    walkErrors = {};
    if (!walk.name.trim()) {
      walkErrors = { name: tx().walkInNameRequired };
      afterRender(() => focusId('error-summary'));
      update();
      return;
    }
    walkBusy = true;
    update();
    try {
      const r = await addWalkIn(eventId, {
        name: walk.name.trim(),
        ...(walk.email.trim() ? { email: walk.email.trim() } : {}),
        ...(walk.org.trim() ? { organisation: { name: walk.org.trim() } } : {}),
      });
      remember(r);
      walk.name = walk.org = walk.email = '';
      say({ kind: 'done', text: () => tx().walkInDone(r.contact.name) }, true);
    } catch (err) {
      const fields = err instanceof ApiError && err.status === 400 ? (err.problem.errors ?? []).filter((f) => f.field in WALK_FIELDS) : [];
      if (fields.length) {
        for (const f of fields) walkErrors[f.field] ??= f.message;
        afterRender(() => focusId('error-summary'));
        update();
      } else {
        say({ kind: 'error', text: () => problemText(err) });
      }
    } finally {
      walkBusy = false;
      update();
    }
  };

  const onScan = (text: string): void => {
    if (left()) {
      stopCamera();
      return;
    }
    const now = Date.now();
    // The same code still in front of the camera: once, until it has been away for 5 s.
    const same = text === lastScan.text && now - lastScan.at < 5_000;
    lastScan = { text, at: now };
    if (same) return;
    void send({ code: text.trim() });
  };

  const startCamera = async (): Promise<void> => {
    camera = 'starting';
    update();
    try {
      const { startScanner } = await import('./scanner');
      const video = document.getElementById('checkin-video') as HTMLVideoElement;
      scanner = await startScanner(video, onScan);
      if (left()) {
        stopCamera();
        return;
      }
      camera = 'on';
      update();
      announce(tx().cameraOn);
    } catch (err) {
      camera = err === 'denied' || err === 'absent' ? err : 'failed';
      afterRender(() => focusId('checkin-camera-problem'));
      update();
    }
  };

  function stopCamera(): void {
    scanner?.stop();
    scanner = undefined;
    if (camera === 'on' || camera === 'starting') camera = 'off';
    if (!left()) update();
  }

  const submitCode = (e: Event): void => {
    e.preventDefault();
    codeProblem = undefined;
    if (!code.trim()) {
      codeError = tx().codeRequired;
      afterRender(() => focusId('checkin-code'));
      update();
      return;
    }
    codeError = undefined;
    void send({ code: code.trim() }, true);
  };

  // ---- the view ---------------------------------------------------------

  const counts = (): TemplateResult => {
    const { inside, expected, walkIns } = tally(regs);
    return html`<p class="checkin-counts" id="checkin-counts">
      <strong>${tx().counts(inside, expected)}</strong>${walkIns ? html` <span>(${tx().walkIns(walkIns)})</span>` : nothing}
    </p>`;
  };

  const statusText = (r: Registration): string => {
    const s = tx().status;
    if (r.erased) return s.erased;
    if (r.status === 'attended') return s.attended(r.checkedInAt ? formatTime(new Date(r.checkedInAt)) : '');
    return s[r.status];
  };

  const row = (r: Registration): TemplateResult => {
    const m = tx();
    const inside = r.status === 'attended';
    const sending = busy.has(r.id) || pending.some((p) => p.key === r.id);
    return html`<li class="checkin-person" data-status=${r.status} id=${`person-${r.id}`}>
      <div class="checkin-person__who">
        <span class="checkin-person__name">${r.contact.name}</span>
        ${r.organisation?.name ? html`<span class="checkin-person__org">${r.organisation.name}</span>` : nothing}
        <span class="checkin-person__status">
          ${inside ? icon('check-circle', 'checkin-person__icon') : nothing}${statusText(r)}${r.walkIn ? ` (${m.walkIn})` : ''}${r.seat === 'online' ? ` (${m.online})` : ''}
        </span>
      </div>
      ${CHECKABLE.has(r.status) && !r.erased
        ? html`<button type="button" class="gov-button checkin-person__button" data-type="solid" data-color="primary" data-size="l"
            id=${`checkin-${r.id}`} ?disabled=${sending} @click=${() => void send({ registrationId: r.id })}>
            ${sending ? m.checking : m.checkInButton}<span class="visually-hidden">${m.checkInOf(r.contact.name)}</span>
          </button>`
        : nothing}
    </li>`;
  };

  const search = (): TemplateResult => {
    const m = tx();
    const found = regs.filter((r) => !r.erased && matches(r, query));
    const last = Math.max(0, Math.ceil(found.length / 25) - 1);
    if (pageNo > last) pageNo = last;
    return html`<section class="checkin-section" aria-labelledby="checkin-search-heading">
      <h2 id="checkin-search-heading">${m.searchHeading}</h2>
      <form class="checkin-search" role="search" @submit=${(e: Event) => e.preventDefault()}>
        <div class="gov-form-control field">
          <label class="gov-form-label" for="checkin-search"><span class="gov-form-label__label">${m.searchLabel}</span></label>
          <p class="field-hint" id="checkin-search-hint">${m.searchHint}</p>
          <div class="gov-form-input field-input field-input--l" data-size="m">
            <span class="element"
              ><input id="checkin-search" name="q" type="search" .value=${live(query)} autocomplete="off" spellcheck="false"
                aria-describedby="checkin-search-hint"
                @input=${(e: Event) => {
                  query = (e.target as HTMLInputElement).value;
                  pageNo = 0;
                  update();
                }}
            /></span>
          </div>
        </div>
      </form>
      <p class="checkin-found" id="checkin-found" role="status">
        ${!regs.length ? m.noRegistrations : !found.length ? m.noMatch(query.trim()) : query.trim() ? m.matches(found.length) : ''}
      </p>
      ${found.length
        ? html`<ul class="checkin-list" id="checkin-list" aria-label=${m.listLabel} tabindex="-1">${pageOf(found, pageNo).map(row)}</ul>
            ${pager('checkin-list', found.length, pageNo, (p) => {
              pageNo = p;
              afterRender(() => focusId('checkin-list'));
              update();
            })}`
        : nothing}
    </section>`;
  };

  const cameraSection = (): TemplateResult => {
    const m = tx();
    const on = camera === 'on' || camera === 'starting';
    const problem = camera === 'denied' ? m.cameraDenied : camera === 'absent' ? m.cameraAbsent : camera === 'failed' ? m.cameraFailed : '';
    return html`<section class="checkin-section" aria-labelledby="checkin-camera-heading">
      <h2 id="checkin-camera-heading">${m.cameraHeading}</h2>
      <p>${m.cameraLead}</p>
      ${problem
        ? message('warning', html`<p>${problem}</p><p><a href="#checkin-code" @click=${(e: Event) => { e.preventDefault(); focusId('checkin-code'); }}>${m.toCodeField}</a></p>`, {
            id: 'checkin-camera-problem',
            focusable: true,
            role: 'alert',
          })
        : nothing}
      <p class="checkin-actions">
        ${on
          ? btn('secondary', m.cameraStop, stopCamera, 'checkin-camera-stop')
          : btn('primary', m.cameraStart, () => void startCamera(), 'checkin-camera-start')}
      </p>
      ${camera === 'starting' ? html`<p role="status">${m.cameraStarting}</p>` : nothing}
      <video id="checkin-video" class="checkin-video" ?hidden=${!on} muted playsinline aria-label=${m.cameraVideo}></video>
    </section>`;
  };

  const codeSection = (): TemplateResult => {
    const m = tx();
    return html`<section class="checkin-section" aria-labelledby="checkin-code-heading">
      <h2 id="checkin-code-heading">${m.codeHeading}</h2>
      ${codeProblem ? message('error', html`<p>${codeProblem}</p>`, { id: 'checkin-code-problem', focusable: true, role: 'alert' }) : nothing}
      <form class="checkin-code" novalidate @submit=${submitCode}>
        ${textField({
          id: 'checkin-code',
          label: m.codeLabel,
          hint: m.codeHint,
          value: code,
          error: codeError,
          autocomplete: 'off',
          spellcheck: false,
          maxlength: 512,
          onInput: (v) => {
            code = v;
          },
        })}
        <p class="checkin-actions">
          <button type="submit" class="gov-button" data-type="solid" data-color="primary" data-size="l" id="checkin-code-submit"
            ?disabled=${busy.has(keyOf({ code: code.trim() }))}>${m.codeSubmit}</button>
        </p>
      </form>
    </section>`;
  };

  const walkInSection = (): TemplateResult => {
    const m = tx();
    return html`<section class="checkin-section" aria-labelledby="checkin-walkin-heading">
      <h2 id="checkin-walkin-heading">${m.walkInHeading}</h2>
      <p>${m.walkInLead}</p>
      ${errorSummary(Object.entries(walkErrors).map(([f, msg]) => ({ target: WALK_FIELDS[f], message: msg })))}
      <form class="checkin-walkin" novalidate @submit=${(e: Event) => void submitWalkIn(e)}>
        ${textField({ id: 'walkin-name', label: m.walkInName, value: walk.name, error: walkErrors['name'], autocomplete: 'off', maxlength: 120, onInput: (v) => (walk.name = v) })}
        ${textField({ id: 'walkin-org', label: m.walkInOrg, value: walk.org, error: walkErrors['organisation.name'], optional: true, autocomplete: 'off', maxlength: 200, onInput: (v) => (walk.org = v) })}
        ${textField({ id: 'walkin-email', label: m.walkInEmail, hint: m.walkInEmailHint, type: 'email', value: walk.email, error: walkErrors['email'], optional: true, autocomplete: 'off', spellcheck: false, maxlength: 254, onInput: (v) => (walk.email = v) })}
        <p class="checkin-actions">
          <button type="submit" class="gov-button" data-type="outlined" data-color="primary" data-size="l" id="walkin-submit" ?disabled=${walkBusy}>${m.walkInSubmit}</button>
        </p>
      </form>
    </section>`;
  };

  const pendingSection = (): TemplateResult => {
    if (!pending.length) return html``;
    const m = tx();
    const next = pending.filter((p) => !p.sending).reduce((x, p) => Math.min(x, p.nextAt), Infinity);
    return html`<section class="checkin-pending" id="checkin-pending" aria-labelledby="checkin-pending-heading">
      <h2 id="checkin-pending-heading">${m.pendingHeading}</h2>
      <p><strong id="checkin-pending-count">${m.pendingCount(pending.length)}</strong>
        ${next === Infinity ? m.pendingNow : m.pendingNext(Math.max(1, Math.ceil((next - Date.now()) / 1000)))}</p>
      <ul class="checkin-pending__list">${pending.map((p) => html`<li>${p.name}</li>`)}</ul>
      <p>${m.pendingLeave}</p>
      <p class="checkin-actions">${btn('primary', m.retryNow, () => void flush(true), 'checkin-retry')}</p>
    </section>`;
  };

  const outcomeView = (): TemplateResult => {
    if (!outcome) return html``;
    if (outcome.kind === 'error') return message('error', html`<p>${outcome.text()}</p>`, { id: 'checkin-outcome', focusable: true, role: 'alert' });
    const color = outcome.kind === 'done' ? 'success' : outcome.kind === 'already' ? 'primary' : 'warning';
    return html`<div class="checkin-outcome" data-kind=${outcome.kind}>
      ${message(color, html`<p>${outcome.text()}</p>`, { id: 'checkin-outcome', focusable: true })}
    </div>`;
  };

  const view = (): TemplateResult =>
    loadView(ev, (e) => {
      const m = tx();
      const title = e.title[lang()] || e.title.cs;
      const open = e.status === 'published' || e.status === 'held';
      return html`<div class="checkin">
        <h1 tabindex="-1">${m.titleOf(title)}</h1>
        <p><a href=${`/staff/events/${encodeURIComponent(eventId)}`}>${m.backToEvent}</a></p>
        ${counts()}
        ${open
          ? html`${outcomeView()}${pendingSection()}${search()}${cameraSection()}${codeSection()}${walkInSection()}`
          : message('warning', html`<p>${m.eventNotOpen}</p>`)}
      </div>`;
    });

  return guarded(
    groupsOf('/staff/events/ev-sample/check-in'),
    () => (ev.state === 'ok' ? tx().titleOf(ev.data.title[lang()] || ev.data.title.cs) : tx().title),
    () => (ev.state === 'ok' ? view() : html`<h1 tabindex="-1">${tx().title}</h1>${view()}`),
    () => {
      queue.listener = onAttempt;
      if (pending.length) tick();
      startWatch();
      void load();
    },
  );
}
