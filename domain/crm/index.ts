/** CRM business services the domain nodes run. */
export { convertLead } from './convert-lead';
export type { ConvertLeadRequest, ConvertLeadResult } from './convert-lead';
export { accountFromLead, contactFromLead, opportunityFromLead } from './lead-conversion';
