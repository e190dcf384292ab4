import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ROLES, type Role } from '@callflow/schemas';

/** Who is calling, from the verified access token. Every query is scoped by `tenantId`, never by ids in the request. */
export interface AuthContext {
  userId: string;
  tenantId: string;
  role: Role;
  /** The directory agent this user answers calls as, if any. */
  agentId: string | null;
}

export const PUBLIC_ROUTE = 'callflow:public-route';
export const MINIMUM_ROLE = 'callflow:minimum-role';

/** No access token needed (login, webhooks, health; the internal API has its own guard). */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The least privileged role that may call the route (or every route of the controller); more privileged roles may too.
 * Every route that is not public declares one: the guard refuses to serve a route that does not.
 */
export function RequireRole(role: Role): ClassDecorator & MethodDecorator {
  const setRole = SetMetadata(MINIMUM_ROLE, role);
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (key === undefined) {
      setRole(target as never);
      ApiBearerAuth()(target as never);
    } else {
      setRole(target, key, descriptor!);
      ApiBearerAuth()(target, key, descriptor!);
    }
  };
}

export function hasRole(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(minimum);
}

export const REQUEST_AUTH = 'callflowAuth';

/** The caller's AuthContext (set by the AuthGuard). */
export const Auth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<Record<string, AuthContext | undefined>>()[REQUEST_AUTH];
  if (auth === undefined) throw new Error('@Auth() on a public route');
  return auth;
});
