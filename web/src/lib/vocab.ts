// The programme's vocabulary, as the API spells it.
//
// The code lists and their display names come from the Go definitions
// (generated/vocab.json, written from internal/programme and the i18n
// catalogue); the types come from docs/openapi.yaml (generated/api.d.ts).
// test/generated.test.mjs checks that the two agree.
import { forms, langs, names, regions, targetGroups, topics } from '../generated/vocab.json';
import type { components } from '../generated/api';

type Schemas = components['schemas'];
export type Form = Schemas['Form'];
export type Topic = Schemas['Topic'];
export type TargetGroup = Schemas['TargetGroup'];
export type Region = Schemas['Region'];
export type Status = Schemas['BookingStatus'];
export type Language = Schemas['Language'];

export const FORMS = forms as readonly Form[];
export const TOPICS = topics as readonly Topic[];
export const TARGET_GROUPS = targetGroups as readonly TargetGroup[];
/** CZ-NUTS 3 codes of the fourteen regions, sorted by code. */
export const REGIONS = regions as readonly Region[];
export const LANGUAGES = langs as readonly Language[];

/** Display names per language: names.cs.form.phone = "Telefonicky". */
export const NAMES = names;

/** Target groups for which the organisation name and IČO are required. */
export const ORG_REQUIRED: readonly TargetGroup[] = ['public_administration', 'provider'];

/** The privacy notice version the consent refers to (consent.noticeVersion). */
export const NOTICE_VERSION = '2026-11';
