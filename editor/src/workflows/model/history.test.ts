import { canRedo, canUndo, createHistory, historyLimit, record, redo, replacePresent, undo } from './history';

describe('undo history', () => {
  test('undo and redo walk the steps; a new edit drops the redo stack', () => {
    let h = createHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    expect(canUndo(h)).toBe(true);
    expect(canRedo(h)).toBe(false);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(h.future).toEqual([]);
    expect(h.past).toEqual(['a', 'b']);
    expect(redo(h)).toBe(h);
  });

  test('edits with one key inside the window merge into one step', () => {
    let h = createHistory('');
    h = record(h, 'a', { key: 'name', at: 1000 });
    h = record(h, 'ab', { key: 'name', at: 1500 });
    h = record(h, 'abc', { key: 'name', at: 2400 });
    expect(h.past).toEqual(['']);
    h = record(h, 'abcd', { key: 'name', at: 3500 });
    expect(h.past).toEqual(['', 'abc']);
    h = record(h, 'abcde', { key: 'label', at: 3600 });
    expect(h.past).toEqual(['', 'abc', 'abcd']);
    expect(undo(undo(undo(h))).present).toBe('');
  });

  test('the same value records nothing; replacing the present adds no step', () => {
    const h = createHistory('a');
    expect(record(h, 'a')).toBe(h);
    const dragged = replacePresent(record(h, 'b'), 'c');
    expect(dragged.past).toEqual(['a']);
    expect(undo(dragged).present).toBe('a');
  });

  test('old steps beyond the limit are dropped', () => {
    let h = createHistory(0);
    for (let i = 1; i <= historyLimit + 5; i++) h = record(h, i);
    expect(h.past).toHaveLength(historyLimit);
    expect(h.past[0]).toBe(5);
  });
});
