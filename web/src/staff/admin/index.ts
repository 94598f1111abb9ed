// The admin screens of the console (a chunk of its own). PLACEHOLDER: the
// foundation's stubs; the admin work replaces them.
import { html } from 'lit-html';
import type { Page } from '../../lib/router';
import { message } from '../../lib/ui';
import { groupsOf, guarded } from '../kit';
import { tx } from './messages';

function todo(screen: string): Page {
  return guarded(groupsOf(screen), () => tx().title, () => html`<h1 tabindex="-1">${tx().title}</h1>${message('primary', html`<p>${tx().todo}</p>`)}`);
}
export function indicatorsPage(): Page { return todo('/staff/indicators'); }
export function expertsPage(): Page { return todo('/staff/experts'); }
export function expertFormPage(id: string): Page { void id; return todo('/staff/experts/new'); }
export function bookingsPage(): Page { return todo('/staff/bookings'); }
export function abusePage(): Page { return todo('/staff/abuse'); }
