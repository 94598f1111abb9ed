// The survey pages: one chunk, loaded when one of them is first shown
// (main.ts), so that the other pages' first load stays as it was.
import { adoptStyles } from '../../../lib/styles-runtime';
import css from '../../surveys/surveys.css' with { type: 'text' };

// The pages' own styles travel with their code, so that the other pages'
// first load does not carry them (see lib/styles-runtime.ts).
adoptStyles(css);

export { answerPage, surveyPage } from './survey';
export { optOutPage } from './optout';
