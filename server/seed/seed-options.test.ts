import { parseSeedArgs } from './seed-options';

describe('parseSeedArgs', () => {
  it.each([
    [[], 1],
    [['--scale', '100'], 100],
    [['--scale=7'], 7],
  ])('reads %j as scale %i', (argv, scale) => {
    expect(parseSeedArgs(argv)).toEqual({ scale });
  });

  it.each([
    [['--scale', '0'], '--scale must be a whole number from 1 to 1000, got "0"'],
    [['--scale', '1.5'], '--scale must be a whole number from 1 to 1000, got "1.5"'],
    [['--scale', '1001'], '--scale must be a whole number from 1 to 1000, got "1001"'],
    [['--scale'], '--scale must be a whole number from 1 to 1000, got ""'],
    [['--size', '3'], 'unknown argument --size; use --scale N'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });
});
