import type { ValidationError } from './core';

/** Validation errors sorted by what they are about, for node badges, edge colours and the panel. */
export interface ErrorIndex {
  byNode: ReadonlyMap<string, ValidationError[]>;
  byEdge: ReadonlyMap<string, ValidationError[]>;
  /** Errors about the definition as a whole (no trigger, its name). */
  general: ValidationError[];
}

/** Groups errors by node and edge. An edge error that names its source node counts for both. */
export function indexErrors(errors: readonly ValidationError[]): ErrorIndex {
  const byNode = new Map<string, ValidationError[]>();
  const byEdge = new Map<string, ValidationError[]>();
  const general: ValidationError[] = [];
  const add = (map: Map<string, ValidationError[]>, key: string, error: ValidationError) => {
    const list = map.get(key);
    if (list) list.push(error);
    else map.set(key, [error]);
  };
  for (const error of errors) {
    if (error.edgeId !== undefined) add(byEdge, error.edgeId, error);
    if (error.nodeId !== undefined) add(byNode, error.nodeId, error);
    if (error.edgeId === undefined && error.nodeId === undefined) general.push(error);
  }
  return { byNode, byEdge, general };
}

/**
 * The segments of a path as the validator writes it: `params.cases[1].condition`,
 * `params["first name"]`.
 *
 * @example
 * pathSegments('params.cases[1].condition'); // ['params', 'cases', 1, 'condition']
 */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

/** rjsf's error tree: `{ cases: { 1: { condition: { __errors: ['…'] } } } }`. */
export interface ErrorTree {
  __errors?: string[];
  [key: string]: ErrorTree | string[] | undefined;
}

/**
 * The errors of one node's params as an rjsf error tree, each under the field it is about, with the
 * message reduced to what follows the path ("must be one of …"). Errors about the params object
 * itself land at the root.
 */
export function paramsErrorTree(errors: readonly ValidationError[]): ErrorTree {
  const tree: ErrorTree = {};
  for (const error of errors) {
    const segments = pathSegments(error.path);
    if (segments[0] !== 'params') continue;
    let node = tree;
    for (const segment of segments.slice(1)) {
      const key = String(segment);
      node = (node[key] as ErrorTree | undefined) ?? (node[key] = {});
    }
    (node.__errors ??= []).push(shortMessage(error));
  }
  return tree;
}

/**
 * The message without what the place already says, for showing beside the field:
 * `Node "j" (logic.join): params.mode must be one of "all", "any"` → `must be one of "all", "any"`.
 */
export function shortMessage(error: ValidationError): string {
  const message = error.message.replace(/^Node "[^"]*" \([^)]*\): /, '');
  const marker = `${error.path} `;
  return error.path !== '' && message.startsWith(marker) ? message.slice(marker.length) : message;
}
