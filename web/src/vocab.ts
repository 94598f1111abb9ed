// The programme's vocabulary, as the API spells it (docs/openapi.yaml).

export const FORMS = ['phone', 'online', 'onsite'] as const;
export type Form = (typeof FORMS)[number];

export const TOPICS = [
  'transformation_plan',
  'community_services',
  'financing',
  'human_resources',
  'case_management',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

export const TARGET_GROUPS = ['public_administration', 'provider', 'client', 'community'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Target groups for which the organisation name and IČO are required. */
export const ORG_REQUIRED: readonly TargetGroup[] = ['public_administration', 'provider'];

/** CZ-NUTS 3 codes of the fourteen regions, sorted by code (internal/cz/region.go). */
export const REGIONS = [
  'CZ010', 'CZ020', 'CZ031', 'CZ032', 'CZ041', 'CZ042', 'CZ051',
  'CZ052', 'CZ053', 'CZ063', 'CZ064', 'CZ071', 'CZ072', 'CZ080',
] as const;
export type Region = (typeof REGIONS)[number];

export const STATUSES = ['confirmed', 'cancelled', 'held', 'no_show'] as const;
export type Status = (typeof STATUSES)[number];

/** The privacy notice version the consent refers to (consent.noticeVersion). */
export const NOTICE_VERSION = '2026-11';
