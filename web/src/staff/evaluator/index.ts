// The evaluator screens of the console (a chunk of its own). PLACEHOLDER: the
// foundation's stubs; the evaluator work replaces them.
import { html } from 'lit-html';
import type { Page } from '../../lib/router';
import { message } from '../../lib/ui';
import { groupsOf, guarded } from '../kit';
import { tx } from './messages';

function todo(screen: string): Page {
  return guarded(groupsOf(screen), () => tx().title, () => html`<h1 tabindex="-1">${tx().title}</h1>${message('primary', html`<p>${tx().todo}</p>`)}`);
}
export function surveysPage(): Page { return todo('/staff/surveys'); }
export function surveyBuilderPage(id: string): Page { void id; return todo('/staff/surveys/new'); }
export function surveyResultsPage(id: string): Page { void id; return todo('/staff/surveys/sv-sample/results'); }
