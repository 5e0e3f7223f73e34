import { entityTypes, getEntitySchema, validateEntity, type EntityType } from '../../schemas';
import type { BenchRow } from './report';
import { ratio, round } from './stats';

function largestSchema(): EntityType {
  return [...entityTypes].sort(
    (a, b) => JSON.stringify(getEntitySchema(b)).length - JSON.stringify(getEntitySchema(a)).length,
  )[0]!;
}

function perSecond(fn: () => void, durationMs: number): number {
  const deadline = performance.now() + durationMs;
  let count = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) fn();
    count += 100;
  }
  return count / (durationMs / 1000);
}

/**
 * Validations per second of the largest entity schema with a realistic 20-line document,
 * against the smallest useful document (a warehouse) as the in-run baseline.
 */
export function measureValidationThroughput(): BenchRow[] {
  const type = largestSchema();
  const line = (i: number) => ({
    productId: `prod-${i}`,
    description: `Line ${i}`,
    quantity: 3 + i,
    unitPrice: 12_550,
    discountBp: 500,
    taxRateBp: 2000,
  });
  const document = {
    accountId: 'acc-1',
    currency: 'EUR',
    paymentTerms: 'net30',
    lines: Array.from({ length: 20 }, (_, i) => line(i)),
  };
  const baselineDoc = { code: 'WH1', name: 'Main warehouse' };
  // Warm both validators (compiled once, on first use).
  validateEntity(type, document, 'create');
  validateEntity('warehouse', baselineDoc, 'create');
  const rate = perSecond(() => validateEntity(type, document, 'create'), 2000);
  const baseline = perSecond(() => validateEntity('warehouse', baselineDoc, 'create'), 2000);
  return [
    {
      section: 'data model',
      figure: `validations/s, largest schema (${type}, 20 lines)`,
      value: Math.round(rate),
      unit: '1/s',
      baseline: Math.round(baseline),
      ratio: ratio(rate, baseline),
      note: 'baseline: warehouse, the smallest schema',
    },
    {
      section: 'data model',
      figure: `time per validation (${type}, 20 lines)`,
      value: round(1e6 / rate, 1),
      unit: 'µs',
    },
  ];
}
