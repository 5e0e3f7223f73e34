import { commandFor, displayKeys, type KeyStroke } from './shortcuts';

const stroke = (key: string, mods: Partial<KeyStroke> = {}): KeyStroke => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  test.each([
    [stroke('z', { ctrlKey: true }), false, 'undo'],
    [stroke('Z', { ctrlKey: true, shiftKey: true }), false, 'redo'],
    [stroke('y', { ctrlKey: true }), false, 'redo'],
    [stroke('z', { metaKey: true }), true, 'undo'],
    [stroke('z', { metaKey: true, shiftKey: true }), true, 'redo'],
    [stroke('z', { ctrlKey: true }), true, undefined],
    [stroke('z', { metaKey: true }), false, undefined],
    [stroke('s', { ctrlKey: true }), false, 'save'],
    [stroke('Delete'), false, 'delete'],
    [stroke('Backspace'), false, 'delete'],
    [stroke('L', { shiftKey: true }), false, 'layout'],
    [stroke('!', { shiftKey: true }), false, 'fitView'],
    [stroke('?', { shiftKey: true }), false, 'help'],
    [stroke('Escape'), false, 'deselect'],
    [stroke('a', { ctrlKey: true }), false, 'selectAll'],
    [stroke('z'), false, undefined],
  ])('%j on mac=%s is %s', (keys, mac, command) => {
    expect(commandFor(keys, mac)).toBe(command);
  });

  test('mod is Ctrl, or ⌘ on a Mac', () => {
    expect(displayKeys('mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(displayKeys('mod+Shift+Z', true)).toBe('⌘+Shift+Z');
  });
});
