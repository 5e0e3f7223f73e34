import { entityTypes, type EntityType } from '../../schemas';
import type { Role } from '../../schemas/vocabulary';
import { dashboardSections, sectionRoles, type DashboardSection } from '../insight/sections';
import { reportManagerRoles } from '../reports/report-types';

export type EntityAction = 'read' | 'create' | 'update' | 'delete';
/**
 * `run` starts runs, and retries or cancels one run; `operate` is the operator's recovery on runs
 * they did not start: restart from a node, and bulk retry or cancel (README, Operations).
 */
export type WorkflowAction = 'read' | 'edit' | 'publish' | 'run' | 'operate';
export type AdminAction = 'manageUsers' | 'manageTokens' | 'readAudit' | 'manageAlerts';
/** `read` lists credentials and names them in `http.request`; `manage` creates, rotates and deletes. */
export type CredentialAction = 'read' | 'manage';
/** `manage` creates, changes and deletes saved reports; running one needs read on its entity type. */
export type ReportAction = 'manage';

export type Permission =
  | { resource: 'entity'; type: EntityType; action: EntityAction }
  | { resource: 'workflow'; action: WorkflowAction }
  | { resource: 'admin'; action: AdminAction }
  | { resource: 'credential'; action: CredentialAction }
  | { resource: 'dashboard'; section: DashboardSection }
  | { resource: 'report'; action: ReportAction };

const crm: EntityType[] = ['account', 'contact', 'lead', 'opportunity', 'activity'];
const sales: EntityType[] = [...crm, 'quote', 'salesOrder'];
const finance: EntityType[] = ['invoice', 'payment', 'supplierInvoice'];
const procurement: EntityType[] = [
  'supplier',
  'purchaseRequisition',
  'purchaseOrder',
  'goodsReceipt',
  'supplierInvoice',
  'product',
  'warehouse',
  'stockItem',
];
const support: EntityType[] = ['ticket', 'activity', 'contact'];
const writeNoDelete: EntityAction[] = ['create', 'update'];
const allWrites: EntityAction[] = ['create', 'update', 'delete'];

/**
 * Entity writes per role. Every role reads every entity type (a customer's whole story is the
 * point); `admin` may do everything and is not listed.
 */
const entityWrites: Record<Exclude<Role, 'admin'>, Array<[EntityType[], EntityAction[]]>> = {
  designer: [],
  sales: [[sales, writeNoDelete]],
  salesManager: [[sales, allWrites]],
  // Finance decides what the controlled fields and moves keep for it (README, Security): credit
  // limits and holds, purchase approvals.
  finance: [
    [finance, allWrites],
    [['account', 'salesOrder', 'purchaseRequisition', 'purchaseOrder'], ['update']],
  ],
  procurement: [[procurement, allWrites]],
  support: [[support, writeNoDelete]],
  supportLead: [[support, allWrites]],
  viewer: [],
  auditor: [],
};

const workflowActions: Record<Exclude<Role, 'admin'>, WorkflowAction[]> = {
  designer: ['read', 'edit', 'publish', 'run', 'operate'],
  sales: ['read', 'run'],
  salesManager: ['read', 'run'],
  finance: ['read', 'run'],
  procurement: ['read', 'run'],
  support: ['read', 'run'],
  supportLead: ['read', 'run'],
  viewer: ['read'],
  auditor: ['read'],
};

function roleAllows(role: Role, permission: Permission): boolean {
  if (role === 'admin') return true;
  switch (permission.resource) {
    case 'entity':
      return (
        permission.action === 'read' ||
        entityWrites[role].some(
          ([types, actions]) => types.includes(permission.type) && actions.includes(permission.action),
        )
      );
    case 'workflow':
      return workflowActions[role].includes(permission.action);
    case 'admin':
      // The auditor reads everything and the audit trail, and changes nothing.
      return permission.action === 'readAudit' && role === 'auditor';
    case 'credential':
      // Designers pick credentials for their nodes; only admins see a secret go in.
      return permission.action === 'read' && role === 'designer';
    case 'dashboard':
      return sectionRoles[permission.section].includes(role);
    case 'report':
      return reportManagerRoles.includes(role);
  }
}

/**
 * Whether any of the actor's roles grants the permission: people through the API, and runs with
 * their workflow version's publisher's roles through the entity repository.
 *
 * @example
 * can({ userId: 'u1', email: 'a@b.c', roles: ['sales'], via: 'token' }, { resource: 'entity', type: 'quote', action: 'create' }); // true
 */
export function can(actor: { roles: readonly Role[] }, permission: Permission): boolean {
  return actor.roles.some((role) => roleAllows(role, permission));
}

/** The permission in words, for refusals: `update account`, `publish workflows`. */
export function describePermission(permission: Permission): string {
  if (permission.resource === 'entity') return `${permission.action} ${permission.type}`;
  if (permission.resource === 'credential') return `${permission.action} credentials`;
  if (permission.resource === 'dashboard') return `read the ${permission.section} dashboard`;
  if (permission.resource === 'report') return `${permission.action} reports`;
  return `${permission.action} ${permission.resource === 'workflow' ? 'workflows' : ''}`.trim();
}

/** Every permission there is, for the role-by-endpoint matrix test and the admin UI. */
export function allPermissions(): Permission[] {
  const entityActions: EntityAction[] = ['read', 'create', 'update', 'delete'];
  return [
    ...entityTypes.flatMap((type) =>
      entityActions.map((action): Permission => ({ resource: 'entity', type, action })),
    ),
    ...(['read', 'edit', 'publish', 'run', 'operate'] as const).map((action): Permission => ({
      resource: 'workflow',
      action,
    })),
    ...(['manageUsers', 'manageTokens', 'readAudit', 'manageAlerts'] as const).map((action): Permission => ({
      resource: 'admin',
      action,
    })),
    ...(['read', 'manage'] as const).map((action): Permission => ({ resource: 'credential', action })),
    ...dashboardSections.map((section): Permission => ({ resource: 'dashboard', section })),
    { resource: 'report', action: 'manage' },
  ];
}
