// The public part of the surveys API (docs/openapi.yaml, "surveys"): an
// open awareness survey and its answers by the public link, and what the
// holder of an invitation does with its token (read the invitation and its
// survey, answer it once, opt out). The token travels only in the
// Invitation-Token header, never in a URL, as the manage tokens of
// bookings and registrations do.
import { json } from '../../lib/api';
import type { components } from '../../generated/api';

// The types are generated from docs/openapi.yaml, so that the pages and
// the API cannot drift apart.
type Schemas = components['schemas'];
/** A text in Czech, optionally also in English. */
export type Text = Schemas['SurveyText'];
export type Question = Schemas['SurveyQuestion'];
export type QuestionType = Question['type'];
export type Wave = Schemas['SurveyWave'];
export type Definition = Schemas['SurveyDefinition'];
/** A survey's current published version as a respondent sees it. */
export type PublicSurvey = Schemas['PublicSurvey'];
/** An invitation's state and, while it is open, its survey. */
export type Invitation = Schemas['SurveyInvitation'];
/** Answers by variable: a code, codes, a number or a text. */
export type Answers = Schemas['SurveyAnswers'];
export type Respondent = Schemas['SurveyRespondent'];
export type ResponseInput = Schemas['SurveyResponseInput'];
export type InvitedResponseInput = Schemas['InvitedResponseInput'];
export type Recorded = Schemas['SurveyResponseRecorded'];

/** "Not stated": the self-declared target group's and region's "prefer not to say". */
export const NOT_STATED = 'not_stated' as const;

const TOKEN = { tokenHeader: 'Invitation-Token' };
const path = (id: string) => `/v1/surveys/${encodeURIComponent(id)}`;

export function getSurvey(id: string): Promise<PublicSurvey> {
  return json('GET', path(id));
}

export function submitResponse(id: string, input: ResponseInput, idempotencyKey: string, pow: string): Promise<Recorded> {
  return json('POST', `${path(id)}/responses`, { body: input, idempotencyKey, pow });
}

export function getInvitation(token: string): Promise<Invitation> {
  return json('GET', '/v1/survey-invitation', { token, ...TOKEN });
}

export function submitInvited(token: string, input: InvitedResponseInput, idempotencyKey: string, pow: string): Promise<Recorded> {
  return json('POST', '/v1/survey-invitation/response', { token, ...TOKEN, body: input, idempotencyKey, pow });
}

export function optOut(token: string, pow: string): Promise<Invitation> {
  return json('POST', '/v1/survey-invitation/opt-out', { token, ...TOKEN, body: {}, pow });
}
