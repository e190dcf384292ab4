import { Controller, Delete, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateUserBodySchema, UpdateUserBodySchema, UserSchema, type CreateUserBody, type UpdateUserBody, type User } from '@callflow/schemas';
import { z } from 'zod';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { UuidParam, ZodBody, ZodResponse } from '../http/zod-validation';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@RequireRole('admin')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @ZodResponse(z.array(UserSchema))
  list(@Auth() caller: AuthContext): Promise<User[]> {
    return this.users.list(caller);
  }

  @Post()
  @ZodResponse(UserSchema, 201)
  create(@Auth() caller: AuthContext, @ZodBody(CreateUserBodySchema) body: CreateUserBody): Promise<User> {
    return this.users.create(caller, body);
  }

  @Get(':id')
  @ZodResponse(UserSchema)
  get(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<User> {
    return this.users.get(caller, id);
  }

  @Patch(':id')
  @ZodResponse(UserSchema)
  update(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodBody(UpdateUserBodySchema) body: UpdateUserBody): Promise<User> {
    return this.users.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.users.remove(caller, id);
  }
}
