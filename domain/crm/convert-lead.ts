import type { EntityRecord, EntityRepository, PossibleDuplicate, WriteContext } from '../entities';
import { DuplicateKeyError, entityCollection, EntityValidationError, InvariantError } from '../entities';
import type { Lead } from '../../schemas/types/index.generated';
import { accountFromLead, contactFromLead, opportunityFromLead } from './lead-conversion';

export interface ConvertLeadRequest {
  leadId: string;
  /** Attach the contact to this account instead of creating one. */
  accountId?: string;
  createOpportunity?: boolean;
  opportunityName?: string;
  /** For the new account and opportunity; defaults to the lead's currency, then the account's. */
  currency?: string;
}

export interface ConvertLeadResult {
  leadId: string;
  accountId: string;
  contactId: string;
  opportunityId: string | null;
  /** Existing accounts and contacts that look like the new ones, for a person to review. */
  possibleDuplicates: PossibleDuplicate[];
}

/** Lead statuses that may still be converted; they pass through qualified on the way. */
const openStatuses = ['new', 'contacted', 'nurturing', 'qualified'];

/**
 * Converts a lead into an account (or attaches it to one), a contact and optionally an opportunity,
 * then marks the lead converted with links to all three. Every write carries a key derived from the
 * idempotency key, so a retry after a crash at any point finishes the same conversion and creates no
 * duplicate. Converting a lead that another conversion already converted is a conflict.
 *
 * @example
 * await convertLead(repo, { leadId: 'lead-1', createOpportunity: true }, ctx);
 * // { leadId: 'lead-1', accountId: '…', contactId: '…', opportunityId: '…', possibleDuplicates: [] }
 */
export async function convertLead(
  repo: Pick<EntityRepository, 'db' | 'get' | 'create' | 'update'>,
  request: ConvertLeadRequest,
  ctx: WriteContext,
  now: () => Date = () => new Date(),
): Promise<ConvertLeadResult> {
  const key = (step: string): WriteContext =>
    ctx.idempotencyKey === undefined ? ctx : { ...ctx, idempotencyKey: `${ctx.idempotencyKey}/${step}` };
  const lead = (await repo.get('lead', request.leadId)) as unknown as Lead;
  if (lead.status === 'converted') return alreadyConverted(repo, lead, key('convert'));
  if (!openStatuses.includes(lead.status)) {
    const message = `is ${lead.status}; only an open lead can be converted`;
    throw new InvariantError(`lead ${lead.name} ${message}`, [{ path: 'params.leadId', message }]);
  }
  const possibleDuplicates: PossibleDuplicate[] = [];
  let account: EntityRecord;
  if (request.accountId !== undefined) {
    account = await repo.get('account', request.accountId);
  } else {
    const currency = request.currency ?? lead.currency;
    if (currency === undefined) {
      throw new EntityValidationError(`lead ${lead.name} has no currency for its new account`, [
        { path: 'params.currency', message: 'is needed because the lead has no currency' },
      ]);
    }
    const created = await repo.create('account', accountFromLead(lead, currency), key('account'));
    account = created.record;
    possibleDuplicates.push(...created.possibleDuplicates);
  }
  const contact = await repo.create(
    'contact',
    contactFromLead(lead, account._id, request.accountId === undefined),
    key('contact'),
  );
  possibleDuplicates.push(...contact.possibleDuplicates);
  let opportunityId: string | null = null;
  if (request.createOpportunity === true) {
    const opportunity = await repo.create(
      'opportunity',
      opportunityFromLead(lead, {
        accountId: account._id,
        contactId: contact.record._id,
        currency: request.currency ?? lead.currency ?? String(account.currency),
        ...(request.opportunityName === undefined ? {} : { name: request.opportunityName }),
      }),
      key('opportunity'),
    );
    opportunityId = opportunity.record._id;
  }
  if (lead.status !== 'qualified')
    await repo.update('lead', lead._id, { status: 'qualified' }, {}, key('qualify'));
  await repo.update(
    'lead',
    lead._id,
    {
      status: 'converted',
      convertedAccountId: account._id,
      convertedContactId: contact.record._id,
      ...(opportunityId === null ? {} : { convertedOpportunityId: opportunityId }),
      convertedAt: now().toISOString(),
    },
    {},
    key('convert'),
  );
  return {
    leadId: lead._id,
    accountId: account._id,
    contactId: contact.record._id,
    opportunityId,
    possibleDuplicates,
  };
}

/** A converted lead: the result of this very conversion on a retry, else a conflict. */
async function alreadyConverted(
  repo: Pick<EntityRepository, 'db'>,
  lead: Lead,
  convertCtx: WriteContext,
): Promise<ConvertLeadResult> {
  const stored = await entityCollection(repo.db, 'lead').findOne(
    { _id: lead._id },
    { projection: { _applied: 1 } },
  );
  const mine =
    convertCtx.idempotencyKey !== undefined && stored?._applied?.includes(convertCtx.idempotencyKey);
  if (!mine || lead.convertedAccountId === undefined || lead.convertedContactId === undefined) {
    const message = `was already converted to account ${lead.convertedAccountId ?? 'unknown'}`;
    throw new DuplicateKeyError(`lead ${lead.name} ${message}`, [{ path: 'params.leadId', message }]);
  }
  return {
    leadId: lead._id,
    accountId: lead.convertedAccountId,
    contactId: lead.convertedContactId,
    opportunityId: lead.convertedOpportunityId ?? null,
    possibleDuplicates: [],
  };
}
