import { ROLES, type Role } from '@callflow/schemas';

/** Whether `role` may do what needs `minimum` (owner > admin > supervisor > agent). */
export function can(role: Role | null | undefined, minimum: Role): boolean {
  if (role === null || role === undefined) return false;
  return ROLES.indexOf(role) <= ROLES.indexOf(minimum);
}
