/**
 * Sets a key as an own data property. Plain assignment would treat a `__proto__` key (which JSON
 * can carry, and which names a variable as well as any other) as the object's prototype instead
 * of as data.
 */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
