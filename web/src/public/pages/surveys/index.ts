// The survey pages: one chunk, loaded when one of them is first shown
// (main.ts), so that the other pages' first load stays as it was.
export { answerPage, surveyPage } from './survey';
export { optOutPage } from './optout';
