/**
 * A field or value name as words: `partiallyPaid` → `Partially paid`.
 *
 * @example
 * humanize('amountDue'); // 'Amount due'
 */
export function humanize(value: string): string {
  const words = lowerWords(value);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A name as lower-case words, for the middle of a sentence: `salesOrder` → `sales order`.
 *
 * @example
 * lowerWords('partiallyPaid'); // 'partially paid'
 */
export function lowerWords(value: string): string {
  return value.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Words joined as a list is spoken: `a`, `a or b`, `a, b or c`.
 *
 * @example
 * spokenList(['resolved', 'closed'], 'or'); // 'resolved or closed'
 */
export function spokenList(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1) as string}`;
}

/** The indefinite article and a noun: `a payment`, `an invoice`. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
