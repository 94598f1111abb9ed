// What the survey pages remember in the browser. None of it is personal
// data:
//   - per awareness survey (localStorage "brana.survey.<id>"): a random
//     browser key (128 bits) the server turns into its soft
//     one-answer-per-browser marker, and a flag that this browser has
//     answered, so that the page says so instead of showing the form again;
//   - the easy-read mode's switch (sessionStorage, this tab only).
// The invitation token is never stored (token.ts).
import { randomKey } from './logic';

interface Local {
  browserKey: string;
  answered?: boolean;
}

const key = (id: string) => `brana.survey.${id}`;
const EASY = 'brana.surveys.easyRead';

function read(id: string): Local | undefined {
  try {
    const raw = localStorage.getItem(key(id));
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<Local>;
    if (typeof v.browserKey === 'string' && /^[0-9a-f]{32}$/.test(v.browserKey)) return { browserKey: v.browserKey, answered: v.answered === true };
  } catch {
    /* storage disabled or broken: a fresh key */
  }
  return undefined;
}

function write(id: string, v: Local): void {
  try {
    localStorage.setItem(key(id), JSON.stringify(v));
  } catch {
    /* memory only: the server's check still holds */
  }
}

const memory = new Map<string, Local>();

/** This browser's key for a survey (made and kept on first use). */
export function browserKey(id: string): string {
  let v = memory.get(id) ?? read(id);
  if (!v) {
    v = { browserKey: randomKey() };
    write(id, v);
  }
  memory.set(id, v);
  return v.browserKey;
}

/** Whether this browser has answered the survey. */
export function hasAnswered(id: string): boolean {
  return (memory.get(id) ?? read(id))?.answered === true;
}

/** Marks the survey answered in this browser. */
export function markAnswered(id: string): void {
  const v = { browserKey: browserKey(id), answered: true };
  memory.set(id, v);
  write(id, v);
}

let easyMemo: boolean | undefined;

/** Whether the easy-read mode is on (for this tab). */
export function easyReadOn(): boolean {
  if (easyMemo === undefined) {
    try {
      easyMemo = sessionStorage.getItem(EASY) === '1';
    } catch {
      easyMemo = false;
    }
  }
  return easyMemo;
}

export function setEasyRead(on: boolean): void {
  easyMemo = on;
  try {
    if (on) sessionStorage.setItem(EASY, '1');
    else sessionStorage.removeItem(EASY);
  } catch {
    /* for this page only */
  }
}
