// The booking wizard's state, shared by its steps: what was typed (the
// draft), the chosen slot, the experts found, the errors shown and where
// the wizard is. It lives in memory for as long as the page is open.
import { update } from '../../../lib/router';
import type { Expert, Slot } from '../../../lib/api';
import { ORG_REQUIRED, type Form, type Region, type TargetGroup, type Topic } from '../../../lib/vocab';
import { SlotPicker } from '../../slotpicker';

export const STEPS = 6;
export const NOTE_MAX = 2000;

export type FieldId =
  | 'form'
  | 'topic'
  | 'region'
  | 'slot'
  | 'targetGroup'
  | 'orgName'
  | 'ico'
  | 'name'
  | 'email'
  | 'phone'
  | 'address'
  | 'note'
  | 'consent';

export const STEP_OF: Record<FieldId, number> = {
  form: 1,
  topic: 2,
  region: 2,
  slot: 3,
  targetGroup: 4,
  orgName: 4,
  ico: 4,
  name: 4,
  email: 4,
  phone: 4,
  address: 4,
  note: 4,
  consent: 5,
};

/** An error text, translated when shown (client checks) or as the server said it. */
export type ErrMsg = () => string;

interface Draft {
  form?: Form;
  topic?: Topic;
  region?: Region;
  targetGroup?: TargetGroup;
  orgName: string;
  ico: string;
  name: string;
  email: string;
  phone: string;
  address: string;
  note: string;
  consent: boolean;
}

interface Wizard {
  step: number;
  d: Draft;
  slot?: Slot;
  experts: Expert[];
  expertsFor: string;
  expertFilter: string;
  pickerFor: string;
  errors: Partial<Record<FieldId, ErrMsg>>;
  /** Errors that concern no field (network, busy, unexpected). */
  general: ErrMsg[];
  slotGone?: 'slot_taken' | 'day_full';
  returnToSummary: boolean;
  checking: boolean;
  submitting: boolean;
  idempotencyKey?: string;
  /** The proof of work solved for idempotencyKey's request. */
  pow?: string;
  /** What the IČO live check says; announced politely on blur only. */
  icoLive: string;
}

export function fresh(): Wizard {
  return {
    step: 1,
    d: { orgName: '', ico: '', name: '', email: '', phone: '', address: '', note: '', consent: false },
    experts: [],
    expertsFor: '',
    expertFilter: '',
    pickerFor: '',
    errors: {},
    general: [],
    returnToSummary: false,
    checking: false,
    submitting: false,
    icoLive: '',
  };
}

export let w: Wizard = fresh();

export const picker = new SlotPicker(
  () => ({
    form: w.d.form,
    topic: w.expertFilter ? undefined : w.d.topic,
    region: w.expertFilter ? undefined : w.d.region,
    expertId: w.expertFilter || undefined,
  }),
  () => update(),
);

export function searchKey(): string {
  return `${w.d.form}|${w.d.topic}|${w.d.region}`;
}

/** A fresh wizard, after a booking was made. */
export function resetWizard(): void {
  w = fresh();
  picker.selected = undefined;
}

export function orgRequired(): boolean {
  return !!w.d.targetGroup && ORG_REQUIRED.includes(w.d.targetGroup);
}

export function err(f: FieldId): string | undefined {
  return STEP_OF[f] === w.step ? w.errors[f]?.() : undefined;
}

/** Editing a field takes its (server) error away; the next Continue checks again. */
export function edited(f: FieldId): void {
  if (w.errors[f]) {
    delete w.errors[f];
  }
}
