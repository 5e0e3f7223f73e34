import type { Db } from 'mongodb';
import { getEntityMeta, type EntityType } from '../../schemas';
import { findDuplicates, normaliseName, type DuplicateProbe } from '../rules';
import { entityCollection } from './entity-document';
import { escapeRegex } from './list-query';

/** An existing record that may be the one just created; the UI offers to merge or link. */
export interface PossibleDuplicate {
  id: string;
  title: string;
  reason: 'sameEmail' | 'sameName' | 'similarName';
  /** 0–10000 basis points. */
  score: number;
}

/** Records checked per create at most. */
const candidateLimit = 200;

/**
 * Finds records of the same type that may duplicate `doc`, by its `x-duplicate` fields. Candidates are
 * narrowed in the store first (the same email, or a name starting with the same three letters), then
 * scored with `findDuplicates`. Types without duplicate fields get `[]`.
 */
export async function findPossibleDuplicates(
  db: Db,
  type: EntityType,
  doc: Record<string, unknown> & { _id: string },
): Promise<PossibleDuplicate[]> {
  const meta = getEntityMeta(type);
  const nameField = meta.duplicateFields.find((f) => f.kind === 'name')?.path;
  const emailField = meta.duplicateFields.find((f) => f.kind === 'email')?.path;
  if (nameField === undefined && emailField === undefined) return [];
  const name = nameField === undefined ? undefined : doc[nameField];
  const email = emailField === undefined ? undefined : doc[emailField];
  const narrow: Record<string, unknown>[] = [];
  if (typeof email === 'string' && emailField !== undefined) {
    narrow.push({ [emailField]: { $regex: `^${escapeRegex(email.trim())}$`, $options: 'i' } });
  }
  if (typeof name === 'string' && nameField !== undefined) {
    const stem = normaliseName(name).slice(0, 3);
    if (stem !== '') narrow.push({ [nameField]: { $regex: `^\\s*${escapeRegex(stem)}`, $options: 'i' } });
  }
  if (narrow.length === 0) return [];
  const candidates = await entityCollection(db, type)
    .find({ $or: narrow, archived: false, _id: { $ne: doc._id } })
    .limit(candidateLimit)
    .toArray();
  const probe = (record: Record<string, unknown>): DuplicateProbe => ({
    ...(nameField !== undefined && typeof record[nameField] === 'string' ? { name: record[nameField] } : {}),
    ...(emailField !== undefined && typeof record[emailField] === 'string'
      ? { email: record[emailField] }
      : {}),
  });
  const titles = new Map(
    candidates.map((c) => [
      c._id,
      typeof c[meta.titleField] === 'string' ? (c[meta.titleField] as string) : c._id,
    ]),
  );
  return findDuplicates(
    { id: doc._id, ...probe(doc) },
    candidates.map((c) => ({ id: c._id, ...probe(c) })),
  ).map((match) => ({
    id: match.id,
    title: titles.get(match.id) ?? match.id,
    reason: match.reasons[0] ?? 'similarName',
    score: match.scoreBp,
  }));
}
