import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuditController } from '../audit/audit.controller';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AppConfig } from '../config';
import { UsersController } from '../users/users.controller';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** Login, sessions, users and roles, the audit log, and the global guard every route passes. */
@Global()
@Module({})
export class AuthModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret: config.jwtSecret })],
      controllers: [AuthController, UsersController, AuditController],
      providers: [AuthService, UsersService, UsersRepository, RefreshTokensRepository, AuditLogRepository, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [AuthService, AuditLogRepository, UsersRepository],
    };
  }
}
