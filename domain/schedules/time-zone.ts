/**
 * Why `name` is not an IANA time zone Temporal can load, or undefined when it is one.
 *
 * Node's ICU data answers whether the zone exists. Temporal loads zones by file name from the
 * tz database, which is case-sensitive, while ICU is not: `europe/berlin` is refused here with
 * the spelling to use instead of failing later inside Temporal.
 *
 * @example
 * timeZoneProblem('Europe/Berlin'); // undefined
 * timeZoneProblem('europe/berlin'); // 'time zone names are case-sensitive: write Europe/Berlin'
 * timeZoneProblem('Mars/Olympus'); // 'is not an IANA time zone such as Europe/Berlin or UTC'
 */
export function timeZoneProblem(name: string): string | undefined {
  const unknown = 'is not an IANA time zone such as Europe/Berlin or UTC';
  // Offsets (+01:00) and POSIX rules are accepted by some parsers and not by Temporal.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return unknown;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return unknown;
  }
  if (canonical !== name && canonical.toLowerCase() === name.toLowerCase()) {
    return `time zone names are case-sensitive: write ${canonical}`;
  }
  return undefined;
}
