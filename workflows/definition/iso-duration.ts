/**
 * ISO 8601 durations as params and retry policies write them (`PT30S`, `P2D`, `P1DT12H`).
 *
 * Only weeks, days, hours, minutes and seconds are accepted: a year or a month has no fixed
 * length in milliseconds, and a timer needs one.
 */
export const ISO_DURATION_PATTERN =
  '^P(?:\\d+W(?:\\d+D)?(?:T(?:\\d+H(?:\\d+M)?(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+M(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+(?:\\.\\d{1,3})?S))?|\\d+D(?:T(?:\\d+H(?:\\d+M)?(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+M(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+(?:\\.\\d{1,3})?S))?|T(?:\\d+H(?:\\d+M)?(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+M(?:\\d+(?:\\.\\d{1,3})?S)?|\\d+(?:\\.\\d{1,3})?S))$';

/*
 * The pattern is written without lookahead so that JSON Schemas can carry it to the linear-time
 * engine designers' schemas run on; it validates, and this simpler one picks the components.
 */
const durationRegex = new RegExp(ISO_DURATION_PATTERN);
const componentsRegex = /^P(\d+W)?(\d+D)?(?:T(\d+H)?(\d+M)?(\d+(?:\.\d{1,3})?S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * Converts an ISO 8601 duration to milliseconds, or returns undefined when the text is not one.
 *
 * @example
 * parseIsoDuration('PT1M30S'); // 90000
 * parseIsoDuration('P1M'); // undefined: months have no fixed length
 */
export function parseIsoDuration(text: string): number | undefined {
  const match = durationRegex.test(text) ? componentsRegex.exec(text) : null;
  if (!match) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  return (
    amount(weeks) * WEEK +
    amount(days) * DAY +
    amount(hours) * HOUR +
    amount(minutes) * MINUTE +
    Math.round(amount(seconds) * SECOND)
  );
}

/** The number in a matched component such as `12H`, or 0 when the component is absent. */
function amount(component: string | undefined): number {
  return component === undefined ? 0 : Number.parseFloat(component);
}
