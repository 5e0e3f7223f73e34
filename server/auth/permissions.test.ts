import type { Role } from './actor';
import { can, authorize, allPermissions } from './permissions';
import { HttpError } from '../http/http-error';

const actor = (...roles: Role[]) => ({ userId: 'u1', email: 'u1@example.com', roles, via: 'token' as const });

describe('permissions', () => {
  it.each([
    [['sales'], { resource: 'entity', type: 'quote', action: 'create' }, true],
    [['sales'], { resource: 'entity', type: 'quote', action: 'delete' }, false],
    [['salesManager'], { resource: 'entity', type: 'quote', action: 'delete' }, true],
    [['sales'], { resource: 'entity', type: 'invoice', action: 'update' }, false],
    [['sales'], { resource: 'entity', type: 'invoice', action: 'read' }, true],
    [['finance'], { resource: 'entity', type: 'payment', action: 'create' }, true],
    [['procurement'], { resource: 'entity', type: 'stockItem', action: 'update' }, true],
    [['support'], { resource: 'entity', type: 'ticket', action: 'delete' }, false],
    [['supportLead'], { resource: 'entity', type: 'ticket', action: 'delete' }, true],
    [['viewer'], { resource: 'entity', type: 'account', action: 'create' }, false],
    [['viewer'], { resource: 'workflow', action: 'read' }, true],
    [['viewer'], { resource: 'workflow', action: 'run' }, false],
    [['designer'], { resource: 'workflow', action: 'publish' }, true],
    [['sales'], { resource: 'workflow', action: 'publish' }, false],
    [['designer'], { resource: 'admin', action: 'manageUsers' }, false],
    [['viewer', 'finance'], { resource: 'entity', type: 'invoice', action: 'delete' }, true],
    [['designer'], { resource: 'credential', action: 'read' }, true],
    [['designer'], { resource: 'credential', action: 'manage' }, false],
    [['sales'], { resource: 'credential', action: 'read' }, false],
    [['salesManager'], { resource: 'dashboard', section: 'sales' }, true],
    [['sales'], { resource: 'dashboard', section: 'finance' }, false],
    [['supportLead', 'procurement'], { resource: 'dashboard', section: 'operations' }, true],
    [['designer'], { resource: 'dashboard', section: 'admin' }, false],
  ] as const)('%j may %j: %s', (roles, permission, expected) => {
    expect(can(actor(...roles), permission)).toBe(expected);
  });

  it('grants an admin every permission', () => {
    expect(allPermissions().every((p) => can(actor('admin'), p))).toBe(true);
    expect(allPermissions()).toHaveLength(19 * 4 + 5 + 4 + 2 + 5 + 1);
  });

  it('refuses with 403 naming the missing permission', () => {
    expect(() => authorize(actor('viewer'), { resource: 'entity', type: 'quote', action: 'create' })).toThrow(
      new HttpError('forbidden', 'Your roles (viewer) do not allow: create quote'),
    );
    expect(() => authorize(actor('designer'), { resource: 'credential', action: 'manage' })).toThrow(
      new HttpError('forbidden', 'Your roles (designer) do not allow: manage credentials'),
    );
    expect(() => authorize(actor('sales'), { resource: 'dashboard', section: 'finance' })).toThrow(
      new HttpError('forbidden', 'Your roles (sales) do not allow: read the finance dashboard'),
    );
  });
});
