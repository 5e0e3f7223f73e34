import { BP_SCALE } from './basis-points';

/** A record as the duplicate check sees it: the fields marked `x-duplicate` in its schema. */
export interface DuplicateProbe {
  id?: string;
  name?: string;
  email?: string;
}

export type DuplicateReason = 'sameEmail' | 'sameName' | 'similarName';

/** An existing record that may be the same as the one being created. */
export interface DuplicateCandidate {
  id: string;
  /** 0–10000; 10000 for the same email or the same normalised name. */
  scoreBp: number;
  reasons: DuplicateReason[];
}

export interface DuplicateOptions {
  /** Lowest name similarity reported, in basis points. Default 8500. */
  thresholdBp?: number;
  /** Most candidates returned, best first. Default 10. */
  limit?: number;
}

// Legal forms say nothing about identity: "Acme Inc." and "ACME Incorporated" are one company.
const legalForms = new Set([
  'ab',
  'ag',
  'bv',
  'co',
  'company',
  'corp',
  'corporation',
  'gmbh',
  'inc',
  'incorporated',
  'kg',
  'limited',
  'llc',
  'llp',
  'ltd',
  'nv',
  'oy',
  'plc',
  'pty',
  'sa',
  'sarl',
  'sas',
  'spa',
  'srl',
]);

/**
 * Normalises a person or company name for comparison: accents and case dropped, `&` read as "and",
 * punctuation as space, and trailing legal forms removed (unless nothing else is left).
 *
 * @example
 * normaliseName('  Müller & Söhne GmbH '); // 'muller and sohne'
 */
export function normaliseName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
  while (words.length > 1 && legalForms.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/**
 * Normalises an email address for comparison: trimmed, lower case, without a `+tag`, and for Gmail
 * without the dots it ignores.
 *
 * @example
 * normaliseEmail(' Ada.Lovelace+crm@GoogleMail.com '); // 'adalovelace@gmail.com'
 */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return trimmed;
  let local = trimmed.slice(0, at).split('+')[0]!;
  let domain = trimmed.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/**
 * How alike two names are, 0–10000: one minus the Levenshtein distance over the longer length, on the
 * normalised names, also with their words sorted so "Smith John" matches "John Smith". Empty names match
 * nothing.
 *
 * @example
 * nameSimilarityBp('Jon Smith', 'John Smith'); // 9000
 */
export function nameSimilarityBp(a: string, b: string): number {
  const left = normaliseName(a);
  const right = normaliseName(b);
  if (left === '' || right === '') return 0;
  const sorted = (text: string): string => text.split(' ').sort().join(' ');
  return Math.max(ratioBp(left, right), ratioBp(sorted(left), sorted(right)));
}

/**
 * Finds existing records that may duplicate `subject`: same normalised email, same normalised name, or a
 * name at least `thresholdBp` similar. Best first (score, then id); the subject itself is skipped.
 * The caller narrows `existing` first (say, by email or by the first letters of the name), since this
 * compares every pair.
 *
 * @example
 * findDuplicates({ name: 'Acme Inc.', email: 'info@acme.io' }, [{ id: 'a1', name: 'ACME Incorporated' }]);
 * // [{ id: 'a1', scoreBp: 10000, reasons: ['sameName'] }]
 */
export function findDuplicates(
  subject: DuplicateProbe,
  existing: readonly (DuplicateProbe & { id: string })[],
  options: DuplicateOptions = {},
): DuplicateCandidate[] {
  const thresholdBp = options.thresholdBp ?? 8500;
  const email = subject.email === undefined ? '' : normaliseEmail(subject.email);
  const name = subject.name === undefined ? '' : normaliseName(subject.name);
  const candidates: DuplicateCandidate[] = [];
  for (const record of existing) {
    if (subject.id !== undefined && record.id === subject.id) continue;
    const reasons: DuplicateReason[] = [];
    let scoreBp = 0;
    if (email !== '' && record.email !== undefined && normaliseEmail(record.email) === email) {
      reasons.push('sameEmail');
      scoreBp = BP_SCALE;
    }
    if (name !== '' && record.name !== undefined) {
      const similarity = nameSimilarityBp(subject.name ?? '', record.name);
      if (similarity >= thresholdBp) {
        reasons.push(normaliseName(record.name) === name ? 'sameName' : 'similarName');
        scoreBp = Math.max(scoreBp, similarity);
      }
    }
    if (reasons.length > 0) candidates.push({ id: record.id, scoreBp, reasons });
  }
  candidates.sort((x, y) => y.scoreBp - x.scoreBp || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return candidates.slice(0, options.limit ?? 10);
}

function ratioBp(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return Math.round((BP_SCALE * (longest - levenshtein(a, b))) / longest);
}

/** Edit distance in code units, with one row of memory. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
