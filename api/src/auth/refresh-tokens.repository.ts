import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.dataSource.getRepository(RefreshTokenEntity).insert(token);
  }

  async findByHash(tokenHash: string): Promise<StoredRefreshToken | null> {
    return this.dataSource.getRepository(RefreshTokenEntity).findOne({
      where: { tokenHash },
      select: { id: true, userId: true, familyId: true, expiresAt: true, revokedAt: true },
    });
  }

  /** Revokes one token unless already revoked; false if another request revoked it first (a replay). */
  async revoke(id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(RefreshTokenEntity)
      .update({ id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return (result.affected ?? 0) > 0;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.dataSource.getRepository(RefreshTokenEntity).update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.dataSource.getRepository(RefreshTokenEntity).update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
