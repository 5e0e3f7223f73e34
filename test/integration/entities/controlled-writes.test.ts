import { holdsOne, transitionRoles } from '../../../domain/access/write-controls';
import { can } from '../../../domain/access/role-permissions';
import { entityTypes, getEntityMeta, type EntityType } from '../../../schemas';
import { roleNames, type Role } from '../../../schemas/vocabulary';
import { detailPaths, startEntityApi, type EntityApi } from './entity-api';
import { createFixtures, type Fixtures } from './fixtures';

/*
 * Every role against every controlled field and controlled status move the entity schemas declare
 * (`x-controlled`, `x-transition-roles`), through the real API and store. The cells come from the
 * annotations and the permission table, so a new annotation is tested the day it is written: each
 * role gets 200 where its roles allow the write, and otherwise a 403 naming the field and who may.
 */

interface Cell {
  type: EntityType;
  /** The status the record is in when the role tries. */
  from: string | undefined;
  /** The field the role sets, and to what (computed from the record when a function). */
  field: string;
  change: (record: Record<string, unknown>) => unknown;
  /** The roles besides admin that may, or undefined when any writer of the type may. */
  allowed: readonly Role[] | undefined;
  label: string;
}

let api: EntityApi;
let fixtures: Fixtures;

beforeAll(async () => {
  api = await startEntityApi('controlled_writes');
  fixtures = createFixtures(api);
});

afterAll(async () => {
  await api?.close();
});

/** The statuses on the shortest way from `start` to `target`, excluding `start`. */
function pathTo(type: EntityType, start: string, target: string): string[] {
  const transitions = getEntityMeta(type).status!.transitions;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === target) break;
    for (const next of transitions[at] ?? [])
      if (!previous.has(next) && next !== start) {
        previous.set(next, at);
        queue.push(next);
      }
  }
  if (target !== start && !previous.has(target)) throw new Error(`${type}: ${target} is unreachable`);
  const steps: string[] = [];
  for (let at = target; at !== start; at = previous.get(at)!) steps.unshift(at);
  return steps;
}

/** A changed value of a field, of its own kind. */
function changed(value: unknown): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (value === undefined || value === null) return 1;
  if (Array.isArray(value) && value.length > 0) {
    const [first, ...rest] = value as Record<string, unknown>[];
    return [{ ...first, quantity: Number(first!.quantity ?? 1) + 1 }, ...rest];
  }
  throw new Error(`no changed value for ${JSON.stringify(value)}`);
}

/** A value as compared after the write: lines by their quantities, as the server prices them. */
function quantities(value: unknown): unknown {
  return Array.isArray(value) ? value.map((line: { quantity: number }) => line.quantity) : value;
}

function cells(): Cell[] {
  return entityTypes.flatMap((type) => {
    const meta = getEntityMeta(type);
    const status = meta.status;
    const fieldCells = meta.controlled.map((field): Cell => {
      const outside = status?.values.find((value) => !field.freeIn.includes(value) && value !== 'cancelled');
      return {
        type,
        from: field.freeIn.length === 0 ? undefined : outside,
        field: field.path,
        change: (record) => changed(record[field.path]),
        allowed: field.roles,
        label: `${type}.${field.path}${field.freeIn.length === 0 ? '' : ` in ${outside}`}`,
      };
    });
    // A move named by its target is tried from every status that may move there.
    const moves = Object.keys(status?.transitionRoles ?? {}).flatMap((move) => {
      const [named, to] = move.includes('->') ? move.split('->') : [undefined, move];
      const froms =
        named === undefined
          ? Object.entries(status!.transitions).flatMap(([from, targets]) =>
              targets.includes(to) ? [from] : [],
            )
          : [named];
      return froms.map((from) => [from, to] as const);
    });
    const moveCells = moves.map(([from, to]): Cell => ({
      type,
      from,
      field: status!.field,
      change: () => to,
      allowed: transitionRoles(type, from, to),
      label: `${type} ${from} -> ${to}`,
    }));
    return [...fieldCells, ...moveCells];
  });
}

const matrix = cells().flatMap((cell) => roleNames.map((role) => ({ ...cell, role })));

test('the annotations give the controls the business relies on', () => {
  expect(new Set(matrix.map((cell) => cell.label))).toEqual(
    new Set([
      'account.creditLimit',
      'salesOrder.creditHold',
      'quote.discountBp in pendingApproval',
      'quote.lines in pendingApproval',
      'quote draft -> approved',
      'quote pendingApproval -> approved',
      'quote draft -> sent',
      'purchaseOrder.lines in pendingApproval',
      'purchaseOrder.discountBp in pendingApproval',
      'purchaseOrder draft -> approved',
      'purchaseOrder pendingApproval -> approved',
      'purchaseRequisition.lines in submitted',
      'purchaseRequisition submitted -> approved',
      'supplierInvoice matched -> approved',
      'supplierInvoice approved -> paid',
    ]),
  );
});

test.each(matrix.map((cell) => [`${cell.role}: ${cell.label}`, cell] as const))('%s', async (_, cell) => {
  const record = await fixtures.create(cell.type);
  const statusField = getEntityMeta(cell.type).status?.field;
  let current = record;
  if (cell.from !== undefined && statusField !== undefined) {
    for (const step of pathTo(cell.type, String(record[statusField]), cell.from)) {
      const moved = await api.request('PATCH', `/entities/${cell.type}/${record._id}`, {
        [statusField]: step,
      });
      expect([moved.status, step]).toEqual([200, step]);
      current = moved.body as typeof record;
    }
  }
  const value = cell.change(current);
  const answer = await api.request(
    'PATCH',
    `/entities/${cell.type}/${record._id}`,
    { [cell.field]: value },
    { as: [cell.role] },
  );
  const mayWrite = can({ roles: [cell.role] }, { resource: 'entity', type: cell.type, action: 'update' });
  if (!mayWrite) {
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain(`update ${cell.type}`);
    return;
  }
  if (cell.allowed === undefined || holdsOne([cell.role], cell.allowed)) {
    expect([answer.status, quantities(answer.body[cell.field])]).toEqual([200, quantities(value)]);
    return;
  }
  expect(answer.status).toBe(403);
  expect(detailPaths(answer.body)).toEqual([cell.field]);
  expect(answer.body.error.message).toContain(
    `is for ${[...cell.allowed, 'admin'].join(', ')}, not the roles ${cell.role}`,
  );
  // Refused means unchanged.
  const after = await api.request('GET', `/entities/${cell.type}/${record._id}`);
  expect(after.body.version).toBe(current.version);
});
