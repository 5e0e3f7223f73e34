import type { ApiCall } from '../../support/api-client';

/**
 * The fixed data set of the report tests: five accounts whose names and phones carry every CSV
 * hazard (a comma, quotes, a formula, a leading `@`, `+` and `-`), one of them a prospect.
 */
export const accounts = [
  {
    name: 'Acme, Inc.',
    type: 'customer',
    tier: 'gold',
    phone: '+31 20 555 0100',
    creditLimit: 500000,
    employeeCount: 120,
  },
  { name: 'Beta "Best" Supplies', type: 'customer', tier: 'silver', creditLimit: 200000, employeeCount: 40 },
  {
    name: '=HYPERLINK("http://evil.example")',
    type: 'customer',
    tier: 'gold',
    phone: '-12 34',
    creditLimit: 100000,
    employeeCount: 5,
  },
  { name: '@risk Ltd', type: 'customer', tier: 'bronze', creditLimit: 0, employeeCount: 12 },
  { name: 'Prospect Co', type: 'prospect', tier: 'gold', creditLimit: 900000, employeeCount: 1 },
];

/** Customers by tier, oldest first: the report most of the tests run. */
export const customersByTier = {
  name: 'Customers by tier',
  description: 'Every customer, grouped by tier.',
  entityType: 'account',
  filters: [{ field: 'type', op: 'eq', value: 'customer' }],
  columns: ['name', 'tier', 'phone', 'creditLimit', 'employeeCount'],
  sort: { field: 'createdAt', direction: 'asc' },
  groupBy: { field: 'tier', sums: ['creditLimit', 'employeeCount'] },
};

/** Creates the accounts one after another, so their `createdAt` order is the list order. */
export async function seedAccounts(api: ApiCall): Promise<string[]> {
  const ids: string[] = [];
  for (const account of accounts) {
    const created = await api('POST', '/entities/account', {
      ...account,
      status: 'active',
      currency: 'EUR',
      paymentTerms: 'net30',
    });
    if (created.status !== 201) throw new Error(`account not created: ${JSON.stringify(created.body)}`);
    ids.push(created.body._id as string);
  }
  return ids;
}

/** The customers' CSV, exactly: CRLF lines, quoted where RFC 4180 needs it, formulas defused. */
export const customersCsv =
  'Name,Tier,Phone,Credit limit,Employees\r\n' +
  '"Acme, Inc.",gold,\'+31 20 555 0100,500000,120\r\n' +
  '"Beta ""Best"" Supplies",silver,,200000,40\r\n' +
  '"\'=HYPERLINK(""http://evil.example"")",gold,\'-12 34,100000,5\r\n' +
  "'@risk Ltd,bronze,,0,12\r\n";

/** The customers' group rows as CSV: by tier, with the total. */
export const customersByTierCsv =
  'Tier,Count,Credit limit (sum),Employees (sum)\r\n' +
  'bronze,1,0,12\r\n' +
  'gold,2,600000,125\r\n' +
  'silver,1,200000,40\r\n' +
  'Total,4,800000,177\r\n';
