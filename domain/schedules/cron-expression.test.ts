import { checkCron } from './cron-expression';
import { timeZoneProblem } from './time-zone';

describe('checkCron', () => {
  test.each([
    ['0 7 * * 1-5', '0 7 * * 1-5'],
    ['0 7 * * mon-fri', '0 7 * * mon-fri'],
    ['  30   6 1,15 * *  ', '30 6 1,15 * *'],
    ['*/15 8-18 * jan-mar sun', '*/15 8-18 * jan-mar sun'],
    ['0 0 31 * *', '0 0 31 * *'],
    ['5/10 * * * *', '5/10 * * * *'],
    ['0 12 * * 7', '0 12 * * 7'],
    ['0 12 * December Tuesday', '0 12 * December Tuesday'],
    ['*/2 * * * * *', '*/2 * * * * * *'],
    ['0 30 9 * * mon', '0 30 9 * * mon *'],
    ['@daily', '@daily'],
    ['@hourly', '@hourly'],
  ])('accepts %j as Temporal cron %j', (expression, temporalCron) => {
    expect(checkCron(expression)).toEqual({ ok: true, temporalCron });
  });

  test.each([
    ['75 * * * *', 'minute field: 75 is out of range 0-59'],
    ['0 24 * * *', 'hour field: 24 is out of range 0-23'],
    ['0 0 0 * *', 'day-of-month field: 0 is out of range 1-31'],
    ['0 0 * 13 *', 'month field: 13 is out of range 1-12'],
    ['0 0 * * 8', 'day-of-week field: 8 is out of range 0-7'],
    ['60 * * * * *', 'second field: 60 is out of range 0-59'],
    ['0 18-9 * * *', 'hour field: 9 must be between 18 and 23 (a range may not run backwards)'],
    ['0 0 * * fri-mon', 'day-of-week field: mon comes before the start of its range'],
    ['0 0 * ju *', 'month field: "ju" is not a number or a month name'],
    ['0 0 * * funday', 'day-of-week field: "funday" is not a number or a day name'],
    ['x * * * *', 'minute field: "x" is not a number'],
    ['*/0 * * * *', 'minute field: the step in "*/0" must be a whole number of at least 1'],
    ['1/2/3 * * * *', 'minute field: "1/2/3" has more than one /'],
    ['0 0 ? * *', 'day-of-month field: ? is not supported; use *'],
    ['0 0 L * *', 'day-of-month field: "L" (L, W, #) is not supported'],
    ['0 0 * * 5#2', 'day-of-week field: "5#2" (L, W, #) is not supported'],
    ['1,,2 * * * *', 'minute field: "" is empty'],
    ['1-2-3 * * * *', 'minute field: "1-2-3" is not a range a-b'],
    [
      '* * * *',
      'must have 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second; found 4',
    ],
    [
      '0 0 1 1 * 2030 x',
      'must have 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second; found 7',
    ],
    [
      '@every 5m',
      '@every 5m is not one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly',
    ],
    ['TZ=Europe/Berlin 0 7 * * *', 'a TZ= prefix is not supported; set the timezone param instead'],
  ])('refuses %j: %s', (expression, message) => {
    expect(checkCron(expression)).toEqual({ ok: false, message });
  });
});

describe('timeZoneProblem', () => {
  test.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'US/Pacific'])(
    'accepts %s',
    (zone) => {
      expect(timeZoneProblem(zone)).toBeUndefined();
    },
  );

  test.each([
    ['Mars/Olympus', 'is not an IANA time zone such as Europe/Berlin or UTC'],
    ['+01:00', 'is not an IANA time zone such as Europe/Berlin or UTC'],
    ['', 'is not an IANA time zone such as Europe/Berlin or UTC'],
    ['Europe/Berlin ', 'is not an IANA time zone such as Europe/Berlin or UTC'],
    ['europe/berlin', 'time zone names are case-sensitive: write Europe/Berlin'],
  ])('refuses %j: %s', (zone, problem) => {
    expect(timeZoneProblem(zone)).toBe(problem);
  });
});
