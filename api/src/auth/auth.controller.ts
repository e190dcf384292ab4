import { Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LoginBodySchema, RefreshBodySchema, SessionSchema, SignupBodySchema, UserSchema, type LoginBody, type RefreshBody, type Session, type SignupBody, type User } from '@callflow/schemas';
import { ZodBody, ZodResponse } from '../http/zod-validation';
import { UsersService } from '../users/users.service';
import { Auth, Public, RequireRole, type AuthContext } from './auth-context';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  @Post('signup')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @ZodResponse(SessionSchema, 201)
  signup(@ZodBody(SignupBodySchema) body: SignupBody): Promise<Session> {
    return this.auth.signup(body);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ZodResponse(SessionSchema)
  login(@ZodBody(LoginBodySchema) body: LoginBody): Promise<Session> {
    return this.auth.login(body);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ZodResponse(SessionSchema)
  refresh(@ZodBody(RefreshBodySchema) body: RefreshBody): Promise<Session> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  async logout(@ZodBody(RefreshBodySchema) body: RefreshBody): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @RequireRole('agent')
  @ZodResponse(UserSchema)
  me(@Auth() caller: AuthContext): Promise<User> {
    return this.users.get(caller, caller.userId);
  }
}
