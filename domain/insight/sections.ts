import type { Role } from '../../schemas/vocabulary';

/** The dashboard sections, in the order the landing page shows them. */
export const dashboardSections = ['sales', 'finance', 'operations', 'support', 'admin'] as const;
export type DashboardSection = (typeof dashboardSections)[number];

/**
 * The roles that see each section; `admin` sees every section. The one list the API's permission
 * check and the editor's landing page both read.
 */
export const sectionRoles: Record<DashboardSection, readonly Role[]> = {
  sales: ['sales', 'salesManager'],
  finance: ['finance'],
  operations: ['procurement'],
  support: ['support', 'supportLead'],
  admin: [],
};

export function isDashboardSection(value: string): value is DashboardSection {
  return (dashboardSections as readonly string[]).includes(value);
}

/**
 * The sections a user with these roles sees, in page order.
 *
 * @example
 * sectionsFor(['sales', 'support']); // ['sales', 'support']
 * sectionsFor(['admin']); // ['sales', 'finance', 'operations', 'support', 'admin']
 */
export function sectionsFor(roles: readonly string[]): DashboardSection[] {
  if (roles.includes('admin')) return [...dashboardSections];
  return dashboardSections.filter((section) => sectionRoles[section].some((role) => roles.includes(role)));
}
