import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { RoleSchema, type LoginBody, type Session, type SignupBody } from '@callflow/schemas';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { TenantsRepository } from '../tenants/tenants.repository';
import { EmailTakenError, UsersRepository, withoutPassword, type UserWithPassword } from '../users/users.repository';
import type { AuthContext } from './auth-context';
import { hashPassword, verifyPassword } from './password-hasher';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export const ACCESS_TOKEN_TTL_SECS = 15 * 60;
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

const AccessTokenClaimsSchema = z.object({
  sub: z.uuid(),
  tid: z.uuid(),
  role: RoleSchema,
  agt: z.string().nullable(),
});

function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

// Compared against when the e-mail is unknown, so both failures take as long (no account enumeration by timing).
const UNKNOWN_USER_HASH = hashPassword(randomUUID());

@Injectable()
export class AuthService {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(RefreshTokensRepository) private readonly refreshTokens: RefreshTokensRepository,
    @Inject(TenantsRepository) private readonly tenants: TenantsRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /** A new company with its first user, the owner. */
  async signup(body: SignupBody): Promise<Session> {
    const passwordHash = await hashPassword(body.password);
    const user = await this.dataSource
      .transaction(async (manager) => {
        const tenant = await this.tenants.create(body.companyName, manager);
        return this.users.create(tenant.id, { email: body.email, name: body.name, passwordHash, role: 'owner', agentId: null }, manager);
      })
      .catch((error: unknown) => {
        throw error instanceof EmailTakenError ? new ConflictException(error.message) : error;
      });
    return this.startSession(user, randomUUID());
  }

  async login(body: LoginBody): Promise<Session> {
    const user = await this.users.findByEmail(body.email);
    const valid = await verifyPassword(body.password, user?.passwordHash ?? (await UNKNOWN_USER_HASH));
    if (user === null || !valid) throw new UnauthorizedException('Wrong e-mail or password');
    return this.startSession(user, randomUUID());
  }

  /** Rotates: the presented token is revoked and a new one of the same family returned. A reused token revokes the family. */
  async refresh(refreshToken: string): Promise<Session> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (stored === null || stored.expiresAt.getTime() <= Date.now()) throw new UnauthorizedException('Unknown or expired refresh token');
    if (stored.revokedAt !== null || !(await this.refreshTokens.revoke(stored.id))) {
      await this.refreshTokens.revokeFamily(stored.familyId);
      throw new UnauthorizedException('Refresh token already used: every session of this login is revoked, log in again');
    }
    const user = await this.users.findById(stored.userId);
    if (user === null) throw new UnauthorizedException('The user no longer exists');
    return this.startSession(user, stored.familyId);
  }

  async logout(refreshToken: string): Promise<void> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (stored !== null) await this.refreshTokens.revokeFamily(stored.familyId);
  }

  /** Ends every session of a user (role changed, password changed, user removed). */
  async revokeSessions(userId: string): Promise<void> {
    await this.refreshTokens.revokeAllOfUser(userId);
  }

  /** The caller behind an access token, or null when it is missing, forged, expired or malformed. */
  verifyAccessToken(token: string): AuthContext | null {
    try {
      const claims = AccessTokenClaimsSchema.parse(this.jwt.verify(token, { algorithms: ['HS256'] }));
      return { userId: claims.sub, tenantId: claims.tid, role: claims.role, agentId: claims.agt };
    } catch {
      return null;
    }
  }

  private async startSession(user: UserWithPassword, familyId: string): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    });
    const tenant = await this.tenants.find(user.tenantId);
    if (tenant === null) throw new UnauthorizedException('The company no longer exists');
    const claims: z.input<typeof AccessTokenClaimsSchema> = { sub: user.id, tid: user.tenantId, role: user.role, agt: user.agentId };
    return {
      accessToken: this.jwt.sign(claims, { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECS }),
      accessTokenExpiresIn: ACCESS_TOKEN_TTL_SECS,
      refreshToken,
      user: withoutPassword(user),
      tenant: { id: tenant.id, name: tenant.name },
    };
  }
}
