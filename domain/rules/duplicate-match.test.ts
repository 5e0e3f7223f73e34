import { findDuplicates, nameSimilarityBp, normaliseEmail, normaliseName } from './duplicate-match';

describe('normaliseName', () => {
  it.each([
    ['Acme Inc.', 'acme'],
    ['ACME, Incorporated', 'acme'],
    ['  Müller & Söhne GmbH ', 'muller and sohne'],
    ['Großhandel AG', 'grosshandel'],
    ['Smith & Co. Ltd', 'smith and'],
    ['Co', 'co'],
    ["O'Brien-Smith", 'o brien smith'],
    ['Zoë  Saldaña', 'zoe saldana'],
    ['', ''],
  ])('%j → %j', (name, normalised) => {
    expect(normaliseName(name)).toBe(normalised);
  });
});

describe('normaliseEmail', () => {
  it.each([
    [' Ada.Lovelace+crm@GoogleMail.com ', 'adalovelace@gmail.com'],
    ['a.b+x@gmail.com', 'ab@gmail.com'],
    ['Ada.Lovelace+crm@Example.COM', 'ada.lovelace@example.com'],
    ['no-at-sign', 'no-at-sign'],
    ['@example.com', '@example.com'],
  ])('%j → %j', (email, normalised) => {
    expect(normaliseEmail(email)).toBe(normalised);
  });
});

describe('nameSimilarityBp', () => {
  it.each([
    ['Acme Inc.', 'ACME Incorporated', 10000],
    ['Jon Smith', 'John Smith', 9000],
    ['Smith John', 'John Smith', 10000],
    ['Müller GmbH', 'Mueller', 8571],
    ['Initech', 'Initrode', 5000],
    ['Globex', 'Umbrella', 1250],
    ['', 'Acme', 0],
  ])('%j vs %j = %d', (a, b, score) => {
    expect(nameSimilarityBp(a, b)).toBe(score);
  });
});

describe('findDuplicates', () => {
  const existing = [
    { id: 'c3', name: 'Jon Smith', email: 'jon@smith.dev' },
    { id: 'c1', name: 'John Smith', email: 'john@example.com' },
    { id: 'c2', name: 'Joan Smythe', email: 'J.Smith+news@Example.com' },
    { id: 'c4', name: 'Ada Lovelace' },
    { id: 'c5', name: 'Smith, John' },
  ];

  it.each<
    [
      string,
      Parameters<typeof findDuplicates>[0],
      Parameters<typeof findDuplicates>[2],
      ReturnType<typeof findDuplicates>,
    ]
  >([
    [
      'same email, same name and similar names, best first',
      { name: 'John Smith', email: 'j.smith@example.com' },
      undefined,
      [
        { id: 'c1', scoreBp: 10000, reasons: ['sameName'] },
        { id: 'c2', scoreBp: 10000, reasons: ['sameEmail'] },
        { id: 'c5', scoreBp: 10000, reasons: ['similarName'] },
        { id: 'c3', scoreBp: 9000, reasons: ['similarName'] },
      ],
    ],
    ['the record itself is skipped', { id: 'c4', name: 'Ada Lovelace' }, undefined, []],
    ['nothing close', { name: 'Grace Hopper', email: 'grace@navy.mil' }, undefined, []],
    [
      'a lower threshold lets looser names in (Joan Smythe: 8182)',
      { name: 'Joan Smith' },
      { thresholdBp: 8000 },
      [
        { id: 'c1', scoreBp: 9000, reasons: ['similarName'] },
        { id: 'c3', scoreBp: 9000, reasons: ['similarName'] },
        { id: 'c5', scoreBp: 9000, reasons: ['similarName'] },
        { id: 'c2', scoreBp: 8182, reasons: ['similarName'] },
      ],
    ],
    [
      'email and name on one record',
      { name: 'Jon Smith', email: 'JON@smith.dev' },
      { limit: 1 },
      [{ id: 'c3', scoreBp: 10000, reasons: ['sameEmail', 'sameName'] }],
    ],
  ])('%s', (_case, subject, options, candidates) => {
    expect(findDuplicates(subject, existing, options)).toEqual(candidates);
  });
});
