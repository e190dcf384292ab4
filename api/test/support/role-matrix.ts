import request from 'supertest';
import { ROLES, type Role } from '@callflow/schemas';
import type { TenantLogins } from './logins';
import type { TestApp } from './test-app';

export interface RouteUnderTest {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Called once per role, so a route that consumes its target (DELETE) can get a fresh one each time. */
  path: (role: Role) => string | Promise<string>;
  body?: (role: Role) => unknown;
  /** The least privileged role allowed; every role below gets 403. */
  minimumRole: Role;
  /** The status an allowed role gets. */
  okStatus: number;
}

/** Each role's status for the route: what `expectRoleMatrix` compares with the expected matrix. */
export async function statusesByRole(app: TestApp, tenant: TenantLogins, route: RouteUnderTest): Promise<Record<Role, number>> {
  const statuses = {} as Record<Role, number>;
  for (const role of ROLES) {
    const call = request(app.app.getHttpServer())[route.method](await route.path(role)).set(tenant.as(role));
    statuses[role] = (await (route.body ? call.send(route.body(role) as object) : call)).status;
  }
  return statuses;
}

export function expectedStatuses(route: Pick<RouteUnderTest, 'minimumRole' | 'okStatus'>): Record<Role, number> {
  const allowed = ROLES.slice(0, ROLES.indexOf(route.minimumRole) + 1);
  return Object.fromEntries(ROLES.map((role) => [role, allowed.includes(role) ? route.okStatus : 403])) as Record<Role, number>;
}
