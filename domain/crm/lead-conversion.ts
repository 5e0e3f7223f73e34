import type { Account, Contact, Lead, Opportunity } from '../../schemas/types/index.generated';

/**
 * The account a lead becomes: its company (or, for a person buying for themselves, its name), with the
 * lead's industry, website and owner. The lead's email and phone are the person's, so they go to the
 * contact instead.
 *
 * @example
 * accountFromLead({ name: 'Ada Lovelace', company: 'Analytical Engines Ltd', ... }, 'GBP');
 * // { name: 'Analytical Engines Ltd', type: 'prospect', currency: 'GBP', ... }
 */
export function accountFromLead(lead: Lead, currency: string): Partial<Account> {
  return {
    name: lead.company ?? lead.name,
    type: 'prospect',
    currency,
    ...(lead.industry === undefined ? {} : { industry: lead.industry }),
    ...(lead.website === undefined ? {} : { website: lead.website }),
    ...(lead.ownerId === undefined ? {} : { ownerId: lead.ownerId }),
    description: `Converted from lead ${lead.name}.`,
  };
}

/** The contact a lead becomes, at its account; the primary contact of an account made for it. */
export function contactFromLead(lead: Lead, accountId: string, isPrimary: boolean): Partial<Contact> {
  return {
    name: lead.name,
    accountId,
    isPrimary,
    ...(lead.email === undefined ? {} : { email: lead.email }),
    ...(lead.phone === undefined ? {} : { phone: lead.phone }),
    ...(lead.jobTitle === undefined ? {} : { jobTitle: lead.jobTitle }),
    ...(lead.ownerId === undefined ? {} : { ownerId: lead.ownerId }),
  };
}

/** The opportunity a converted lead opens: its estimated value, source and owner, at the first stage. */
export function opportunityFromLead(
  lead: Lead,
  link: { accountId: string; contactId: string; currency: string; name?: string },
): Partial<Opportunity> {
  return {
    name: link.name ?? `${lead.company ?? lead.name}: new business`,
    accountId: link.accountId,
    contactId: link.contactId,
    leadId: lead._id,
    stage: 'prospecting',
    amount: lead.estimatedValue ?? 0,
    currency: link.currency,
    ...(lead.source === undefined ? {} : { source: lead.source }),
    ...(lead.ownerId === undefined ? {} : { ownerId: lead.ownerId }),
    ...(lead.description === undefined ? {} : { description: lead.description }),
  };
}
