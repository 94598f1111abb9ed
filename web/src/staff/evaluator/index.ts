// The evaluator screens of the console (a chunk of its own): the surveys
// list, the builder (with the preview in the public pages' own controls,
// whose styles travel with this chunk) and the results.
import { adoptStyles } from '../../lib/styles-runtime';
import surveysCss from '../../public/surveys/surveys.css' with { type: 'text' };

adoptStyles(surveysCss);

export { surveysPage } from './list';
export { surveyBuilderPage } from './builder';
export { surveyResultsPage } from './results';
