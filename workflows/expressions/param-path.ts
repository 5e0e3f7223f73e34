/** One step into a params value: an object key or an array index. */
export type PathSegment = string | number;

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Writes a path the way a reader would type it: `cases[1].condition`, `values["first name"]`.
 *
 * @example
 * formatPath(['params', 'cases', 1, 'condition']); // 'params.cases[1].condition'
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (!identifier.test(segment)) path += `[${JSON.stringify(segment)}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}
