import { z } from 'zod';
import { EntityIdSchema } from '../common.schema';

/** Ordered from most to least privileged: each role can do everything the roles after it can. */
export const ROLES = ['owner', 'admin', 'supervisor', 'agent'] as const;
export const RoleSchema = z.enum(ROLES).describe('owner: everything; admin: configuration and publishing; supervisor: monitoring and reports; agent: own calls');
export type Role = z.infer<typeof RoleSchema>;

export const EmailSchema = z.email('expected an e-mail address').max(254).transform((email) => email.toLowerCase());
export const PasswordSchema = z.string().min(10, 'passwords have at least 10 characters').max(200);

export const LoginBodySchema = z.object({ email: EmailSchema, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const SignupBodySchema = z.object({
  companyName: z.string().trim().min(1, 'company name must not be empty').max(200),
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  email: EmailSchema,
  password: PasswordSchema,
});
export type SignupBody = z.infer<typeof SignupBodySchema>;

export const RefreshBodySchema = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshBody = z.infer<typeof RefreshBodySchema>;

export const UserSchema = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  agentId: EntityIdSchema.nullable().describe('The directory agent this user answers calls as, if any'),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof UserSchema>;

export const SessionSchema = z.object({
  accessToken: z.string().describe('JWT, sent as `Authorization: Bearer …`'),
  accessTokenExpiresIn: z.number().int().describe('Seconds until the access token expires'),
  refreshToken: z.string().describe('Single use: refreshing returns a new one and revokes this one'),
  user: UserSchema,
  tenant: z.object({ id: z.uuid(), name: z.string() }),
});
export type Session = z.infer<typeof SessionSchema>;

export const CreateUserBodySchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  password: PasswordSchema,
  role: RoleSchema,
  agentId: EntityIdSchema.nullable().default(null),
});
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').max(200),
    role: RoleSchema,
    agentId: EntityIdSchema.nullable(),
    password: PasswordSchema,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  userId: z.uuid().nullable(),
  action: z.string().describe('e.g. flow.published, flow.rolled_back, user.role_changed, recording.accessed'),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.object({
  action: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional().describe('Entries with an id below this one (paging)'),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** Every error body of the REST API. */
export const ApiErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('Which fields were invalid (400)'),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
