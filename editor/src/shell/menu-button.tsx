import { useState } from 'react';

/**
 * Whether the navigation is open on a narrow screen. It is open at the location it was opened at,
 * so following a link in it (a new `location`) closes it. On wide screens the navigation is always
 * shown and the button hidden.
 */
export function useMenu(location: string): { open: boolean; toggle: () => void } {
  const [openAt, setOpenAt] = useState<string | undefined>();
  return {
    open: openAt === location,
    toggle: () => setOpenAt((current) => (current === location ? undefined : location)),
  };
}

/** The top bar's menu button, shown on narrow screens, where the navigation hides behind it. */
export function MenuButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="menu-button"
      aria-expanded={open}
      aria-label={open ? 'Close menu' : 'Menu'}
      onClick={onToggle}
    >
      {open ? '✕' : '☰'}
    </button>
  );
}
