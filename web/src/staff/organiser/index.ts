// The organiser screens of the console (a chunk of its own). PLACEHOLDER: the
// foundation's stubs; the organiser work replaces them.
import { html } from 'lit-html';
import type { Page } from '../../lib/router';
import { message } from '../../lib/ui';
import { groupsOf, guarded } from '../kit';
import { tx } from './messages';

function todo(screen: string): Page {
  return guarded(groupsOf(screen), () => tx().title, () => html`<h1 tabindex="-1">${tx().title}</h1>${message('primary', html`<p>${tx().todo}</p>`)}`);
}
export function eventsPage(): Page { return todo('/staff/events'); }
export function eventFormPage(id: string): Page { void id; return todo('/staff/events/new'); }
export function eventPage(id: string): Page { void id; return todo('/staff/events/ev-sample'); }
export function registrationsPage(id: string): Page { void id; return todo('/staff/events/ev-sample/registrations'); }
