import type { Lead } from '../../schemas/types/index.generated';
import { accountFromLead, contactFromLead, opportunityFromLead } from './lead-conversion';

const lead: Lead = {
  _id: 'lead-1',
  name: 'Ada Lovelace',
  company: 'Analytical Engines Ltd',
  jobTitle: 'Head of Engineering',
  email: 'ada@engines.example',
  phone: '+44 20 7946 0000',
  website: 'https://engines.example',
  status: 'qualified',
  source: 'event',
  score: 80,
  industry: 'manufacturing',
  estimatedValue: 250000,
  currency: 'GBP',
  ownerId: 'u-sales',
  version: 4,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  createdBy: 'u1',
  updatedBy: 'u1',
  archived: false,
};

describe('lead conversion', () => {
  it('makes the company the account, and keeps personal details for the contact', () => {
    expect(accountFromLead(lead, 'GBP')).toEqual({
      name: 'Analytical Engines Ltd',
      type: 'prospect',
      currency: 'GBP',
      industry: 'manufacturing',
      website: 'https://engines.example',
      ownerId: 'u-sales',
      description: 'Converted from lead Ada Lovelace.',
    });
    expect(contactFromLead(lead, 'acc-1', true)).toEqual({
      name: 'Ada Lovelace',
      accountId: 'acc-1',
      isPrimary: true,
      email: 'ada@engines.example',
      phone: '+44 20 7946 0000',
      jobTitle: 'Head of Engineering',
      ownerId: 'u-sales',
    });
  });

  it('names the account after the person when the lead has no company', () => {
    const { company, ...person } = lead;
    void company;
    expect(accountFromLead(person, 'EUR').name).toBe('Ada Lovelace');
    expect(opportunityFromLead(person, { accountId: 'a', contactId: 'c', currency: 'EUR' }).name).toBe(
      'Ada Lovelace: new business',
    );
  });

  it('opens an opportunity at the first stage with the estimated value', () => {
    expect(
      opportunityFromLead(lead, {
        accountId: 'acc-1',
        contactId: 'con-1',
        currency: 'GBP',
        name: 'Engine refit',
      }),
    ).toEqual({
      name: 'Engine refit',
      accountId: 'acc-1',
      contactId: 'con-1',
      leadId: 'lead-1',
      stage: 'prospecting',
      amount: 250000,
      currency: 'GBP',
      source: 'event',
      ownerId: 'u-sales',
    });
  });
});
