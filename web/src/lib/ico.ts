// IČO: eight digits, the last a mod-11 check digit over the first seven
// with weights 8..2 (internal/cz/ico.go). The server checks it again.

/** Removes the spaces people type into an IČO ("005 51 023"). */
export function normaliseIco(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Reports whether s (spaces removed) is a valid IČO. */
export function isValidIco(raw: string): boolean {
  const s = normaliseIco(raw);
  if (!/^\d{8}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(s[i]) * (8 - i);
  const r = sum % 11;
  const check = r === 0 ? 1 : r === 1 ? 0 : 11 - r;
  return check === Number(s[7]);
}
