import type { Db } from 'mongodb';
import {
  documentLinks,
  documentTypes,
  getEntityMeta,
  isDocumentType,
  type DocumentLink,
  type DocumentType,
  type EntityType,
  type FlowDirection,
} from '../../schemas';
import { entityCollection, type EntityRecord } from './entity-document';
import { collectReferences } from './references';

/** One document of a record's chain, as `GET /api/entities/:type/:id/related` lists it. */
export interface RelatedDocument {
  entityType: DocumentType;
  id: string;
  /** The record's title field: the document number, or an opportunity's name. */
  title: string;
  /** Its status (an opportunity's stage), or null when it has none. */
  status: string | null;
  /** Before the record in its flow (what it was made from) or after it (what was made from it). */
  relation: FlowDirection;
  /** How many links away from the record it is: 1 for a direct neighbour. */
  depth: number;
  /** The document one link closer to the record, through which this one was reached. */
  from: { entityType: DocumentType; id: string };
  /** The reference that joins the two: the type that holds it and its field. */
  via: { entityType: DocumentType; field: string };
}

export interface RelatedDocuments {
  /** Upstream documents first, then downstream ones, each in flow order, then by title. */
  items: RelatedDocument[];
  /** True when a bound left documents out: a type's cap was reached or the chain was deeper. */
  truncated: boolean;
}

export interface RelatedLimits {
  /** Links followed from the record in each direction. */
  maxDepth: number;
  /** Documents listed per entity type. */
  perType: number;
}

/**
 * The bounds of every walk. The longest chain (an opportunity through its order's requisition to a
 * goods receipt) is five links, so the depth only stops malformed data; the cap keeps an order with
 * thousands of payments to one bounded answer.
 */
export const relatedLimits: RelatedLimits = { maxDepth: 8, perType: 25 };

interface Node {
  type: DocumentType;
  doc: EntityRecord;
}

interface Step extends Node {
  from: Node;
  link: DocumentLink;
}

/** The field a query matches a link's path on: `lines.*.orderId` is `lines.orderId` in a filter. */
function queryPath(link: DocumentLink): string {
  return link.path.replaceAll('.*', '');
}

const indexesReady = new WeakMap<Db, Promise<void>>();

/**
 * An index on every reference field between documents, so finding the documents that point at a
 * record is an index search (a string equality, which the embedded store answers by index too).
 * Created once per Db handle.
 */
export function ensureReferenceIndexes(db: Db): Promise<void> {
  let ready = indexesReady.get(db);
  if (ready === undefined) {
    ready = (async () => {
      for (const link of documentLinks()) {
        const field = queryPath(link);
        await entityCollection(db, link.from).createIndex({ [field]: 1 }, { name: `ref_${field}` });
      }
    })();
    indexesReady.set(db, ready);
    ready.catch(() => indexesReady.delete(db));
  }
  return ready;
}

/** The fields a walk reads of a type: its title, its status and the references it follows. */
function projectionOf(type: DocumentType): Record<string, 1> {
  const meta = getEntityMeta(type);
  const fields = [
    '_id',
    meta.titleField,
    ...(meta.status === undefined ? [] : [meta.status.field]),
    ...documentLinks()
      .filter((link) => link.from === type)
      .map((link) => link.path.split('.')[0] ?? link.path),
  ];
  return Object.fromEntries(fields.map((field) => [field, 1]));
}

const opposite = (direction: FlowDirection): FlowDirection =>
  direction === 'upstream' ? 'downstream' : 'upstream';

/**
 * The live documents one link from `node` in `relation`: those its own references name, and those
 * whose references name it. Each lookup is an `_id` or an indexed field equality, and a lookup of
 * the documents pointing at it reads at most `cap + 1` of them.
 */
async function neighbours(
  db: Db,
  node: Node,
  relation: FlowDirection,
  links: readonly DocumentLink[],
  cap: number,
): Promise<Step[]> {
  const pattern = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '.*');
  const outgoing = collectReferences(node.type, node.doc).flatMap((ref) => {
    const link = links.find(
      (l) => l.from === node.type && l.path === pattern(ref.path) && l.direction === relation,
    );
    return link === undefined ? [] : [{ link, id: ref.id }];
  });
  const incoming = links.filter((l) => l.to === node.type && opposite(l.direction) === relation);
  const found = await Promise.all([
    ...outgoing.map(async ({ link, id }) => {
      const doc = await entityCollection(db, link.to).findOne(
        { _id: id, archived: false },
        { projection: projectionOf(link.to) },
      );
      return doc === null ? [] : [{ type: link.to, doc, from: node, link }];
    }),
    ...incoming.map(async (link) => {
      const docs = await entityCollection(db, link.from)
        .find({ [queryPath(link)]: node.doc._id, archived: false }, { projection: projectionOf(link.from) })
        .limit(cap + 1)
        .toArray();
      return docs.map((doc) => ({ type: link.from, doc, from: node, link }));
    }),
  ]);
  return found.flat();
}

function toItem(step: Step, relation: FlowDirection, depth: number): RelatedDocument {
  const meta = getEntityMeta(step.type);
  const title = step.doc[meta.titleField];
  const status = meta.status === undefined ? undefined : step.doc[meta.status.field];
  return {
    entityType: step.type,
    id: step.doc._id,
    title: typeof title === 'string' && title !== '' ? title : step.doc._id,
    status: typeof status === 'string' ? status : null,
    relation,
    depth,
    from: { entityType: step.from.type, id: step.from.doc._id },
    via: { entityType: step.link.from, field: step.link.path },
  };
}

function flowOrder(a: RelatedDocument, b: RelatedDocument): number {
  if (a.relation !== b.relation) return a.relation === 'upstream' ? -1 : 1;
  const byType = documentTypes.indexOf(a.entityType) - documentTypes.indexOf(b.entityType);
  if (byType !== 0) return byType;
  return a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

/**
 * A document's chain: what it was made from, transitively (an invoice's order, quote and
 * opportunity), and what was made from it (the invoice's payments). The links are the schemas'
 * `x-ref` fields between document types (see `schemas/document-flow.ts`); each direction is walked
 * on its own, so an invoice lists its order but not the order's other invoices. Archived documents
 * and types `canRead` refuses are neither listed nor walked through. A record of another type has
 * no chain.
 *
 * @example
 * await findRelatedDocuments(db, 'payment', payment);
 * // { items: [{ entityType: 'opportunity', … }, { entityType: 'quote', … }, { entityType: 'salesOrder', … },
 * //           { entityType: 'invoice', relation: 'upstream', depth: 1, via: { entityType: 'payment', field: 'invoiceId' }, … }],
 * //   truncated: false }
 */
export async function findRelatedDocuments(
  db: Db,
  type: EntityType,
  record: EntityRecord,
  options: { canRead?: (type: EntityType) => boolean; limits?: RelatedLimits } = {},
): Promise<RelatedDocuments> {
  if (!isDocumentType(type)) return { items: [], truncated: false };
  await ensureReferenceIndexes(db);
  const { maxDepth, perType } = options.limits ?? relatedLimits;
  const canRead = options.canRead ?? (() => true);
  const links = documentLinks().filter((link) => canRead(link.from) && canRead(link.to));
  const seen = new Set([`${type}/${record._id}`]);
  const counts = new Map<DocumentType, number>();
  const items: RelatedDocument[] = [];
  let truncated = false;
  for (const relation of ['upstream', 'downstream'] as const) {
    let frontier: Node[] = [{ type, doc: record }];
    for (let depth = 1; frontier.length > 0; depth++) {
      const steps = await Promise.all(frontier.map((node) => neighbours(db, node, relation, links, perType)));
      const next: Node[] = [];
      for (const step of steps.flat()) {
        const key = `${step.type}/${step.doc._id}`;
        if (seen.has(key)) continue;
        const count = counts.get(step.type) ?? 0;
        if (depth > maxDepth || count >= perType) {
          truncated = true;
          continue;
        }
        seen.add(key);
        counts.set(step.type, count + 1);
        items.push(toItem(step, relation, depth));
        next.push(step);
      }
      frontier = next;
    }
  }
  return { items: items.sort(flowOrder), truncated };
}
