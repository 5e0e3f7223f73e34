import type { Db } from 'mongodb';
import { getEntityMeta, type EntityType } from '../../schemas';
import { entityCollection } from './entity-document';
import type { EntityErrorDetail } from './entity-errors';

interface RefValue {
  /** Concrete dotted path, e.g. `lines.2.productId`. */
  path: string;
  target: EntityType;
  id: string;
}

/** Every reference value in a document, expanding `*` in paths such as `lines.*.productId`. */
export function collectReferences(type: EntityType, doc: Record<string, unknown>): RefValue[] {
  const found: RefValue[] = [];
  for (const ref of getEntityMeta(type).refs) {
    walk(doc, ref.path.split('.'), '', (path, value) => {
      if (typeof value === 'string') found.push({ path, target: ref.target, id: value });
    });
  }
  return found;
}

function walk(
  value: unknown,
  parts: string[],
  prefix: string,
  visit: (path: string, v: unknown) => void,
): void {
  const [head, ...rest] = parts;
  if (head === undefined) {
    visit(prefix, value);
    return;
  }
  if (head === '*') {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => walk(item, rest, join(prefix, String(i)), visit));
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  walk((value as Record<string, unknown>)[head], rest, join(prefix, head), visit);
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/**
 * Checks that each reference points to an existing, unarchived record: one `$in` query per target type.
 * On update, pass the stored document as `before`: references it already held are not checked again,
 * so archiving an account never blocks editing its old invoices.
 *
 * @example
 * await checkReferences(db, 'quote', { accountId: 'nope', lines: [] });
 * // [{ path: 'accountId', message: 'account nope does not exist' }]
 */
export async function checkReferences(
  db: Db,
  type: EntityType,
  doc: Record<string, unknown>,
  before?: Record<string, unknown>,
): Promise<EntityErrorDetail[]> {
  const held = new Set(
    before === undefined ? [] : collectReferences(type, before).map((r) => `${r.target}:${r.id}`),
  );
  const refs = collectReferences(type, doc).filter((r) => !held.has(`${r.target}:${r.id}`));
  const byTarget = new Map<EntityType, Set<string>>();
  for (const ref of refs) byTarget.set(ref.target, (byTarget.get(ref.target) ?? new Set()).add(ref.id));
  const state = new Map<string, boolean>();
  await Promise.all(
    [...byTarget].map(async ([target, ids]) => {
      const found = await entityCollection(db, target)
        .find({ _id: { $in: [...ids] } }, { projection: { _id: 1, archived: 1 } })
        .toArray();
      for (const record of found) state.set(`${target}:${record._id}`, record.archived === true);
    }),
  );
  const errors: EntityErrorDetail[] = [];
  for (const ref of refs) {
    const archived = state.get(`${ref.target}:${ref.id}`);
    if (archived === undefined)
      errors.push({ path: ref.path, message: `${ref.target} ${ref.id} does not exist` });
    else if (archived) errors.push({ path: ref.path, message: `${ref.target} ${ref.id} is archived` });
  }
  return errors;
}
