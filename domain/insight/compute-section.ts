import { adminSection } from './admin-section';
import { financeSection } from './finance-section';
import type { InsightContext } from './insight-context';
import { operationsSection } from './operations-section';
import { salesSection } from './sales-section';
import type { DashboardSection } from './sections';
import { supportSection } from './support-section';
import { dayOf } from './calendar';
import type { SectionView, Widget } from './widgets';

const computers: Record<DashboardSection, (context: InsightContext) => Promise<Widget[]>> = {
  sales: salesSection,
  finance: financeSection,
  operations: operationsSection,
  support: supportSection,
  admin: adminSection,
};

/**
 * Computes one dashboard section as of `context.now`.
 *
 * @example
 * await computeSection('finance', { db, countRuns, now: new Date(), currency: 'EUR' });
 * // { section: 'finance', currency: 'EUR', asOf: '2026-12-06', widgets: [{ id: 'revenueByMonth', … }, …] }
 */
export async function computeSection(
  section: DashboardSection,
  context: Omit<InsightContext, 'today'>,
): Promise<SectionView> {
  const today = dayOf(context.now);
  const widgets = await computers[section]({ ...context, today });
  return {
    section,
    currency: context.currency,
    asOf: today,
    computedAt: context.now.toISOString(),
    widgets,
  };
}
