// The client-side checks of each step, and the error summary's items.
import { isValidIco, normaliseIco } from '../../../lib/ico';
import { radioId, type ErrorItem } from '../../../lib/ui';
import { FORMS, TARGET_GROUPS, TOPICS } from '../../../lib/vocab';
import { t } from '../../i18n';
import { NOTE_MAX, orgRequired, STEP_OF, w, type ErrMsg, type FieldId } from './state';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The client-side checks of one step (the server checks all of them again). */
export function validate(step: number): Partial<Record<FieldId, ErrMsg>> {
  const v = () => t().validation;
  const d = w.d;
  const e: Partial<Record<FieldId, ErrMsg>> = {};
  switch (step) {
    case 1:
      if (!d.form) e.form = () => v().form;
      break;
    case 2:
      if (!d.topic) e.topic = () => v().topic;
      if (!d.region) e.region = () => v().region;
      break;
    case 3:
      if (!w.slot) e.slot = () => v().slot;
      break;
    case 4: {
      if (!d.targetGroup) e.targetGroup = () => v().targetGroup;
      const ico = normaliseIco(d.ico);
      if (orgRequired() && !d.orgName.trim()) e.orgName = () => v().orgName;
      if (orgRequired() && !ico) e.ico = () => v().ico;
      else if (ico && !isValidIco(ico)) e.ico = () => v().icoInvalid;
      if (!d.name.trim()) e.name = () => v().name;
      if (!d.email.trim()) e.email = () => v().email;
      else if (!EMAIL.test(d.email.trim())) e.email = () => v().emailInvalid;
      const digits = d.phone.replace(/\D/g, '');
      if (!d.phone.trim()) e.phone = () => v().phone;
      else if (!/^[+\d\s().\-/]+$/.test(d.phone.trim()) || digits.length < 9 || digits.length > 15)
        e.phone = () => v().phoneInvalid;
      if (d.form === 'onsite' && !d.address.trim()) e.address = () => v().address;
      if (d.note.length > NOTE_MAX) e.note = () => v().tooLong(NOTE_MAX);
      break;
    }
    case 5:
      if (!d.consent) e.consent = () => v().consent;
      break;
  }
  return e;
}

export function errorItems(): ErrorItem[] {
  const items: ErrorItem[] = [];
  const order: FieldId[] = [
    'form', 'topic', 'region', 'slot', 'targetGroup', 'orgName', 'ico', 'name', 'email', 'phone', 'address', 'note', 'consent',
  ];
  for (const f of order) {
    const msg = w.errors[f];
    if (msg && STEP_OF[f] === w.step) items.push({ target: targetOf(f), message: msg() });
  }
  for (const g of w.general) items.push({ message: g() });
  return items;
}

/** The control an error links to. */
function targetOf(f: FieldId): string {
  switch (f) {
    case 'form':
      return radioId('form', FORMS[0]);
    case 'topic':
      return radioId('topic', TOPICS[0]);
    case 'targetGroup':
      return radioId('targetGroup', TARGET_GROUPS[0]);
    case 'slot':
      return 'slots-week-title';
    default:
      return f;
  }
}
