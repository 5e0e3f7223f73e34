import type { NodeGroup, NodeTypeDescription } from '../model/core';

/** Palette sections in order, with their headings. */
export const paletteGroups: readonly { group: NodeGroup; title: string }[] = [
  { group: 'trigger', title: 'Triggers' },
  { group: 'data', title: 'Data' },
  { group: 'logic', title: 'Logic' },
  { group: 'flow', title: 'Flow' },
  { group: 'people', title: 'People' },
  { group: 'integration', title: 'Integration' },
  { group: 'domain', title: 'ERP and CRM' },
];

/** The words of a label or type name: `crm.convertLead` → crm, convert, lead. */
function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The palette's sections for a search: types where every word of the query starts a word of the
 * label or the type name (case-insensitive), grouped in palette order; empty sections are left out.
 *
 * @example
 * searchPalette(types, 'approv').map((s) => s.title); // ['People']
 */
export function searchPalette(
  types: readonly NodeTypeDescription[],
  query: string,
): { group: NodeGroup; title: string; types: NodeTypeDescription[] }[] {
  const wanted = words(query);
  const matches = (type: NodeTypeDescription) => {
    const own = words(`${type.label} ${type.type}`);
    return wanted.every((word) => own.some((candidate) => candidate.startsWith(word)));
  };
  return paletteGroups
    .map(({ group, title }) => ({
      group,
      title,
      types: types.filter((type) => type.group === group && matches(type)),
    }))
    .filter((section) => section.types.length > 0);
}
