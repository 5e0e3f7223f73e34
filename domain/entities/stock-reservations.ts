import { createHash, randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { computeAvailable } from '../rules';
import { backoff } from './store-retry';
import { entityCollection } from './entity-document';
import { EntityNotFoundError, InvariantError } from './entity-errors';
import type { EntityRepository } from './entity-repository';
import { moveStock } from './stock-movements';
import { isDuplicateKeyError } from './unique-keys';
import type { WriteContext } from './write-context';

/** Stock of one product in one warehouse, as a reservation asks for it. */
export interface StockLine {
  productId: string;
  warehouseId: string;
  quantity: number;
}

/** A reserved line and the stock item that holds it. */
export interface ReservedLine extends StockLine {
  stockItemId: string;
}

/** What a reservation could not get: `missing = requested − available`. */
export interface StockShortage {
  productId: string;
  warehouseId: string;
  requested: number;
  available: number;
  missing: number;
}

/** The stored reservation. `short` ones hold nothing: their stock was never taken or was given back. */
export interface StockReservation {
  _id: string;
  status: 'pending' | 'reserved' | 'short';
  lines: ReservedLine[];
  /** Indexes of the lines whose stock was taken, while the reservation is being made. */
  taken?: number[];
  shortages?: StockShortage[];
  salesOrderId?: string;
  reference?: string;
  /** The idempotency key that made it, when there was one. */
  key?: string;
  createdAt: string;
  createdBy: string;
  runId?: string;
}

/**
 * What happened to a reservation afterwards, one entry per release or shipment. Entries are numbered
 * per reservation and inserted under `<reservationId>#<seq>`: a unique insert is the one write both
 * FerretDB v1 and MongoDB make atomic, so two writers can never both take what is left.
 */
interface ReservationEntry {
  _id: string;
  reservationId: string;
  seq: number;
  key: string;
  kind: 'release' | 'ship';
  /** Quantity per reservation line index. */
  quantities: number[];
  at: string;
}

export type ReservationOutcome =
  | { status: 'reserved'; reservationId: string; lines: ReservedLine[] }
  | { status: 'short'; reservationId: string; shortages: StockShortage[] };

const stockReservationsCollection = 'stockReservations';
const reservationEntriesCollection = 'stockReservationEntries';

/** Reserving more than is available; `shortages` names every line that is short. */
export class InsufficientStockError extends InvariantError {
  override name = 'InsufficientStockError';
  constructor(readonly shortages: (StockShortage & { sku?: string })[]) {
    super(
      `insufficient stock: ${shortages
        .map(
          (s) =>
            `${s.missing} of ${s.sku ?? s.productId} missing in warehouse ${s.warehouseId} (requested ${s.requested}, available ${s.available})`,
        )
        .join('; ')}`,
      shortages.map((s) => ({
        path: `${s.productId}@${s.warehouseId}`,
        message: `requested ${s.requested}, only ${s.available} available`,
      })),
    );
  }
}

const indexes = new WeakMap<Db, Promise<void>>();

function ensureIndexes(db: Db): Promise<void> {
  let ready = indexes.get(db);
  if (ready === undefined) {
    ready = Promise.all([
      db.collection<StockReservation>(stockReservationsCollection).createIndex({ salesOrderId: 1 }),
      db.collection<ReservationEntry>(reservationEntriesCollection).createIndex({ reservationId: 1, seq: 1 }),
    ]).then(() => undefined);
    indexes.set(db, ready);
    ready.catch(() => indexes.delete(db));
  }
  return ready;
}

/** The reservation id a key makes: a retried reservation finds the one its first attempt made. */
function reservationIdFor(key: string | undefined): string {
  if (key === undefined) return `rsv-${randomUUID()}`;
  return `rsv-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** Sums lines of the same product and warehouse, keeping first-seen order. */
function mergeStockLines(lines: readonly StockLine[]): StockLine[] {
  const merged = new Map<string, StockLine>();
  for (const line of lines) {
    const key = `${line.productId}\u0000${line.warehouseId}`;
    const seen = merged.get(key);
    if (seen) seen.quantity += line.quantity;
    else merged.set(key, { ...line });
  }
  return [...merged.values()];
}

/**
 * Reserves every line or none. First every line is checked against fresh stock levels; a shortage
 * reserves nothing and is stored as a `short` reservation. Otherwise each line is reserved through
 * {@link moveStock} (so `available` never goes negative, whoever races), and if a racing reservation
 * takes the last units first, the lines already reserved are given back.
 *
 * With `ctx.idempotencyKey` the outcome is decided once: a retry after a crash at any point completes
 * the same reservation (or repeats the same shortage) and never reserves twice.
 *
 * @example
 * await reserveStockLines(repo, { lines: [{ productId: 'p1', warehouseId: 'w1', quantity: 5 }] }, ctx);
 * // { status: 'reserved', reservationId: 'rsv-…', lines: [{ …, stockItemId: 's1' }] }
 */
export async function reserveStockLines(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  request: { lines: readonly StockLine[]; salesOrderId?: string; reference?: string },
  ctx: WriteContext,
): Promise<ReservationOutcome> {
  await ensureIndexes(repo.db);
  const reservations = repo.db.collection<StockReservation>(stockReservationsCollection);
  const id = reservationIdFor(ctx.idempotencyKey);
  let reservation = await reservations.findOne({ _id: id });
  if (reservation === null) {
    reservation = await plan(repo.db, id, request, ctx);
    try {
      await reservations.insertOne(reservation);
    } catch (error: unknown) {
      if (!isDuplicateKeyError(error)) throw error;
      const stored = await reservations.findOne({ _id: id });
      if (stored === null) throw error;
      reservation = stored;
    }
  }
  if (reservation.status === 'reserved') return reservedOutcome(reservation);
  if (reservation.status === 'short') {
    await giveBack(repo, reservation, ctx);
    return { status: 'short', reservationId: id, shortages: reservation.shortages ?? [] };
  }
  for (const [index, line] of reservation.lines.entries()) {
    const shortages = await reserveLine(
      repo,
      line,
      lineCtx(ctx, id, 'reserve', index),
      reservation.lines.slice(index),
    );
    if (shortages.length > 0) {
      // Recorded before the give-back, so a retry gives back too instead of reserving again.
      await reservations.updateOne({ _id: id, status: 'pending' }, { $set: { status: 'short', shortages } });
      await giveBack(repo, await getReservation(repo.db, id), ctx);
      return { status: 'short', reservationId: id, shortages };
    }
    await reservations.updateOne({ _id: id }, { $addToSet: { taken: index } });
  }
  await reservations.updateOne({ _id: id, status: 'pending' }, { $set: { status: 'reserved' } });
  return reservedOutcome({ ...reservation, status: 'reserved' });
}

function reservedOutcome(reservation: StockReservation): ReservationOutcome {
  return { status: 'reserved', reservationId: reservation._id, lines: reservation.lines };
}

function lineCtx(ctx: WriteContext, id: string, step: string, index: number): WriteContext {
  return { ...ctx, idempotencyKey: `${id}/${step}/${index}` };
}

/** The reservation to store: `pending` with its stock items, or `short` when stock is missing now. */
async function plan(
  db: Db,
  id: string,
  request: { lines: readonly StockLine[]; salesOrderId?: string; reference?: string },
  ctx: WriteContext,
): Promise<StockReservation> {
  const lines = mergeStockLines(request.lines);
  const items = await Promise.all(lines.map((line) => findStockItem(db, line)));
  const reserved: ReservedLine[] = [];
  const shortages: StockShortage[] = [];
  lines.forEach((line, index) => {
    const item = items[index];
    const available = item === null || item === undefined ? 0 : item.available;
    if (item !== null && item !== undefined && available >= line.quantity) {
      reserved.push({ ...line, stockItemId: item._id });
    } else {
      shortages.push(shortage(line, available));
    }
  });
  return {
    _id: id,
    status: shortages.length > 0 ? 'short' : 'pending',
    lines: shortages.length > 0 ? [] : reserved,
    ...(shortages.length > 0 ? { shortages } : {}),
    ...(request.salesOrderId === undefined ? {} : { salesOrderId: request.salesOrderId }),
    ...(request.reference === undefined ? {} : { reference: request.reference }),
    ...(ctx.idempotencyKey === undefined ? {} : { key: ctx.idempotencyKey }),
    createdAt: new Date().toISOString(),
    createdBy: ctx.actor.userId,
    ...(ctx.runId === undefined ? {} : { runId: ctx.runId }),
  };
}

function shortage(line: StockLine, available: number): StockShortage {
  const have = Math.max(available, 0);
  return {
    productId: line.productId,
    warehouseId: line.warehouseId,
    requested: line.quantity,
    available: have,
    missing: line.quantity - have,
  };
}

/** The live stock item of a product in a warehouse, with its current `available`. */
async function findStockItem(
  db: Db,
  line: Pick<StockLine, 'productId' | 'warehouseId'>,
): Promise<{ _id: string; available: number } | null> {
  const item = await entityCollection(db, 'stockItem').findOne(
    { productId: line.productId, warehouseId: line.warehouseId, archived: false },
    { projection: { onHand: 1, reserved: 1 } },
  );
  if (item === null) return null;
  return {
    _id: item._id,
    available: computeAvailable({ onHand: Number(item.onHand), reserved: Number(item.reserved) }),
  };
}

/**
 * Reserves one line; when a racing reservation took the units first, returns the shortages of this
 * and the remaining lines on fresh levels. If the stock came back meanwhile, the line is tried again.
 */
async function reserveLine(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  line: ReservedLine,
  ctx: WriteContext,
  rest: readonly ReservedLine[],
): Promise<StockShortage[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      await moveStock(repo, line.stockItemId, 'reserve', line.quantity, ctx);
      return [];
    } catch (error: unknown) {
      if (!(error instanceof InvariantError)) throw error;
    }
    const found: StockShortage[] = [];
    for (const next of rest) {
      const available = (await findStockItem(repo.db, next))?.available ?? 0;
      if (available < next.quantity) found.push(shortage(next, available));
    }
    if (found.length > 0 || attempt >= 5) return found.length > 0 ? found : [shortage(line, 0)];
    await backoff(attempt);
  }
}

/**
 * Gives back whatever a failed all-or-nothing reservation had already taken: a line is released
 * when the reservation noted it taken, or when the stock item's applied keys show its reserve
 * movement (a crash between the movement and the note).
 */
async function giveBack(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  reservation: StockReservation,
  ctx: WriteContext,
): Promise<void> {
  const items = entityCollection(repo.db, 'stockItem');
  for (const [index, line] of reservation.lines.entries()) {
    const item = await items.findOne({ _id: line.stockItemId }, { projection: { _applied: 1 } });
    const applied = item?._applied?.includes(`${reservation._id}/reserve/${index}`) === true;
    if (!applied && !reservation.taken?.includes(index)) continue;
    await moveStock(
      repo,
      line.stockItemId,
      'release',
      line.quantity,
      lineCtx(ctx, reservation._id, 'giveBack', index),
    );
  }
}

/** A reservation by id; 404 when there is none. */
export async function getReservation(db: Db, reservationId: string): Promise<StockReservation> {
  const found = await db
    .collection<StockReservation>(stockReservationsCollection)
    .findOne({ _id: reservationId });
  if (found === null) throw new EntityNotFoundError(`stock reservation ${reservationId} does not exist`);
  return found;
}

/** The reservations made for a sales order, oldest first. */
export async function findOrderReservations(db: Db, salesOrderId: string): Promise<StockReservation[]> {
  await ensureIndexes(db);
  return db
    .collection<StockReservation>(stockReservationsCollection)
    .find({ salesOrderId })
    .sort({ createdAt: 1, _id: 1 })
    .toArray();
}

async function entriesOf(db: Db, reservationId: string): Promise<ReservationEntry[]> {
  return db
    .collection<ReservationEntry>(reservationEntriesCollection)
    .find({ reservationId })
    .sort({ seq: 1 })
    .toArray();
}

/** What each line of a reservation still holds, after its releases and shipments. */
function remainingOf(reservation: StockReservation, entries: readonly ReservationEntry[]): number[] {
  if (reservation.status !== 'reserved') return reservation.lines.map(() => 0);
  return reservation.lines.map(
    (line, index) => line.quantity - entries.reduce((sum, entry) => sum + (entry.quantities[index] ?? 0), 0),
  );
}

/**
 * Appends a release or shipment entry to a reservation, taking `take(remaining)` per line. The entry
 * with this key is returned if it exists, so a retry appends nothing; a writer that loses the race for
 * the next sequence number re-reads what is left and tries again.
 */
async function appendEntry(
  db: Db,
  reservation: StockReservation,
  kind: ReservationEntry['kind'],
  key: string,
  take: (remaining: number[]) => number[],
): Promise<ReservationEntry> {
  const collection = db.collection<ReservationEntry>(reservationEntriesCollection);
  for (let attempt = 0; attempt < 200; attempt++) {
    const entries = await entriesOf(db, reservation._id);
    const existing = entries.find((entry) => entry.key === key);
    if (existing) return existing;
    const seq = (entries[entries.length - 1]?.seq ?? 0) + 1;
    const entry: ReservationEntry = {
      _id: `${reservation._id}#${seq}`,
      reservationId: reservation._id,
      seq,
      key,
      kind,
      quantities: take(remainingOf(reservation, entries)),
      at: new Date().toISOString(),
    };
    try {
      await collection.insertOne(entry);
      return entry;
    } catch (error: unknown) {
      if (!isDuplicateKeyError(error)) throw error;
      await backoff(attempt);
    }
  }
  throw new Error(`stock reservation ${reservation._id}: too many concurrent changes`);
}

/**
 * Gives back everything a reservation still holds (a cancelled order, a compensation). Releasing a
 * released, shipped or short reservation releases nothing. The entry is written before the stock
 * moves, and each move carries a key derived from it, so a retry after a crash finishes the same
 * release exactly once.
 */
export async function releaseReservation(
  repo: Pick<EntityRepository, 'db' | 'get'>,
  reservationId: string,
  ctx: WriteContext,
): Promise<StockLine[]> {
  await ensureIndexes(repo.db);
  const reservation = await getReservation(repo.db, reservationId);
  if (reservation.status === 'pending') {
    throw new InvariantError(`stock reservation ${reservationId} is still being made`, [
      { path: 'reservationId', message: 'is still being made; retry once it is reserved' },
    ]);
  }
  if (reservation.status === 'short') return [];
  const entry = await appendEntry(
    repo.db,
    reservation,
    'release',
    ctx.idempotencyKey ?? randomUUID(),
    (remaining) => remaining,
  );
  const released: StockLine[] = [];
  for (const [index, line] of reservation.lines.entries()) {
    const quantity = entry.quantities[index] ?? 0;
    if (quantity <= 0) continue;
    await moveStock(repo, line.stockItemId, 'release', quantity, {
      ...ctx,
      idempotencyKey: `${entry._id}/${index}`,
    });
    released.push({ productId: line.productId, warehouseId: line.warehouseId, quantity });
  }
  return released;
}

/**
 * Records that `quantity` of a product shipped from a warehouse for a sales order used up its
 * reservations (oldest first), so a later release gives back only what is still held. The stock
 * movement itself is the shipment's. Returns the quantity that was covered by reservations.
 */
export async function consumeOrderReservations(
  db: Db,
  shipped: StockLine & { salesOrderId: string },
  key: string,
): Promise<number> {
  let left = shipped.quantity;
  for (const reservation of await findOrderReservations(db, shipped.salesOrderId)) {
    if (left <= 0 || reservation.status !== 'reserved') continue;
    const entry = await appendEntry(db, reservation, 'ship', `${key}/${reservation._id}`, (remaining) => {
      let want = left;
      return reservation.lines.map((line, index) => {
        if (line.productId !== shipped.productId || line.warehouseId !== shipped.warehouseId) return 0;
        const take = Math.min(want, Math.max(remaining[index] ?? 0, 0));
        want -= take;
        return take;
      });
    });
    left -= entry.quantities.reduce((sum, quantity) => sum + quantity, 0);
  }
  return shipped.quantity - left;
}
