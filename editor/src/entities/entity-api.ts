import { api } from '../api/api-client';
import { toText } from './format';

/** A stored entity document as the API returns it. */
export type EntityDoc = Record<string, unknown> & { _id: string; version: number };

/** A page of a list answer. */
export interface EntityPage {
  items: EntityDoc[];
  nextCursor?: string | null;
}

/** A possible duplicate the server found on create. */
export interface PossibleDuplicate {
  id: string;
  title: string;
  /** `sameEmail`, `sameName` or `similarName`. */
  reason: string;
  /** Similarity in basis points, 0–10000. */
  score: number;
}

export function entityUrl(type: string, id?: string): string {
  const base = `/api/entities/${encodeURIComponent(type)}`;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}

/** Lists records of a type; `params` are typed filters plus `sort`, `limit`, `cursor` and `q`. */
export function listEntities(type: string, params: URLSearchParams): Promise<EntityPage> {
  const query = params.toString();
  return api<EntityPage>(query === '' ? entityUrl(type) : `${entityUrl(type)}?${query}`);
}

export function getEntity(type: string, id: string): Promise<EntityDoc> {
  return api<EntityDoc>(entityUrl(type, id));
}

/** Applies a JSON merge patch, guarded by the version the user saw; a stale version answers 412. */
export function patchEntity(type: string, id: string, version: number, patch: unknown): Promise<EntityDoc> {
  return api<EntityDoc>(entityUrl(type, id), {
    method: 'PATCH',
    body: patch,
    headers: { 'If-Match': String(version), 'Content-Type': 'application/merge-patch+json' },
  });
}

const titles = new Map<string, Promise<string>>();

/** The display title of a record, fetched once per page load and shared by every link to it. */
export function fetchTitle(type: string, id: string, titleField: string): Promise<string> {
  const key = `${type}/${id}`;
  let title = titles.get(key);
  if (!title) {
    title = getEntity(type, id).then(
      (doc) => recordTitle(doc, titleField),
      () => id,
    );
    titles.set(key, title);
  }
  return title;
}

/** Forgets cached titles of a record after it changes. */
export function forgetTitle(type: string, id: string): void {
  titles.delete(`${type}/${id}`);
}

/** The text naming a record: its title field, falling back to its id. */
export function recordTitle(doc: Record<string, unknown>, titleField: string): string {
  const title = doc[titleField];
  return typeof title === 'string' && title !== '' ? title : toText(doc._id);
}

/** One document of a record's chain (`GET /api/entities/:type/:id/related`). */
export interface RelatedDocument {
  entityType: string;
  id: string;
  title: string;
  status: string | null;
  relation: 'upstream' | 'downstream';
  depth: number;
}

/** A record's document chain: upstream documents first, then downstream ones, in flow order. */
export function getRelatedDocuments(
  type: string,
  id: string,
): Promise<{ items: RelatedDocument[]; truncated: boolean }> {
  return api(`${entityUrl(type, id)}/related`);
}
