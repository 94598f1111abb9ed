// The public part of the surveys API (docs/openapi.yaml, "Surveys"): an
// open awareness survey and its answers by the public link, and what the
// holder of an invitation does with its token (read the survey, answer it
// once, opt out). The token travels only in the Invitation-Token header,
// never in a URL, as the manage tokens of bookings and registrations.
//
// The shapes follow internal/surveys/model.go's JSON (a question's type,
// options, scale, items, condition).
import { json } from '../../lib/api';

/** A text in Czech, optionally also in English. */
export interface Text {
  cs: string;
  en?: string;
}

export type QuestionType =
  | 'single_choice'
  | 'multiple_choice'
  | 'likert'
  | 'likert_matrix'
  | 'nps'
  | 'number'
  | 'short_text'
  | 'long_text'
  | 'yes_no';

export interface Option {
  code: number;
  label: Text;
  easyRead?: Text;
}

export interface ScaleLabel {
  label: Text;
  easyRead?: Text;
}

export interface Item {
  var: string;
  text: Text;
  easyRead?: Text;
}

export interface Condition {
  var: string;
  anyOf: number[];
}

export interface Question {
  var: string;
  type: QuestionType;
  text: Text;
  help?: Text;
  easyRead?: Text;
  required?: boolean;
  showIf?: Condition;
  options?: Option[];
  minChoices?: number;
  maxChoices?: number;
  scale?: ScaleLabel[];
  items?: Item[];
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface Wave {
  code: string;
  name: Text;
  from: string;
  to: string;
}

/** A survey's published version as a respondent sees it. */
export interface PublicSurvey {
  id: string;
  version: number;
  kind: 'awareness' | 'evaluation';
  title: Text;
  intro: Text;
  easyIntro?: Text;
  questions: Question[];
  /** The wave running now (awareness surveys). */
  wave?: Wave;
}

/** One answer as the API takes it: a code, codes, a number or a text. */
export type AnswerValue = number | number[] | string;
export type Answers = Record<string, AnswerValue>;

/** An awareness survey's submission (POST /v1/surveys/{surveyId}/responses). */
export interface PublicResponseInput {
  version: number;
  /** The self-declared target group and region; left out when not stated. */
  targetGroup?: string;
  region?: string;
  /** A random key of this browser for this survey (the soft one answer per browser). */
  browserKey: string;
  easyRead: boolean;
  answers: Answers;
}

/** An invited submission (POST /v1/survey-invitation/response). */
export interface InvitedResponseInput {
  version: number;
  easyRead: boolean;
  answers: Answers;
}

const TOKEN = { tokenHeader: 'Invitation-Token' };
const path = (id: string) => `/v1/surveys/${encodeURIComponent(id)}`;

export function getSurvey(id: string): Promise<PublicSurvey> {
  return json('GET', path(id));
}

export function submitResponse(id: string, input: PublicResponseInput, pow: string): Promise<unknown> {
  return json('POST', `${path(id)}/responses`, { body: input, pow });
}

export function getInvitation(token: string): Promise<PublicSurvey> {
  return json('GET', '/v1/survey-invitation', { token, ...TOKEN });
}

export function submitInvited(token: string, input: InvitedResponseInput, pow: string): Promise<unknown> {
  return json('POST', '/v1/survey-invitation/response', { token, ...TOKEN, body: input, pow });
}

export function optOut(token: string, pow: string): Promise<unknown> {
  return json('POST', '/v1/survey-invitation/opt-out', { token, ...TOKEN, body: {}, pow });
}
