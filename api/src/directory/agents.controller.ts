import { Controller, Delete, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AgentPresenceBodySchema,
  AgentViewSchema,
  CreateAgentBodySchema,
  DirectoryConflictSchema,
  UpdateAgentBodySchema,
  type AgentPresenceBody,
  type AgentView,
  type CreateAgentBody,
  type UpdateAgentBody,
} from '@callflow/schemas';
import { z } from 'zod';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { EntityIdParam, ZodBody, ZodResponse } from '../http/zod-validation';
import { AgentsService } from './agents.service';

@ApiTags('directory')
@Controller('agents')
@RequireRole('admin')
export class AgentsController {
  constructor(@Inject(AgentsService) private readonly agents: AgentsService) {}

  @Get()
  @RequireRole('supervisor')
  @ZodResponse(z.array(AgentViewSchema))
  list(@Auth() caller: AuthContext): Promise<AgentView[]> {
    return this.agents.list(caller);
  }

  /** The caller's own agent (any role linked to an agent). */
  @Get('me')
  @RequireRole('agent')
  @ZodResponse(AgentViewSchema)
  me(@Auth() caller: AuthContext): Promise<AgentView> {
    return this.agents.me(caller);
  }

  /** The caller sets their own presence or do-not-disturb. */
  @Patch('me')
  @RequireRole('agent')
  @ZodResponse(AgentViewSchema)
  setOwnPresence(@Auth() caller: AuthContext, @ZodBody(AgentPresenceBodySchema) body: AgentPresenceBody): Promise<AgentView> {
    return this.agents.setOwnPresence(caller, body);
  }

  @Post()
  @ZodResponse(AgentViewSchema, 201)
  @ZodResponse(DirectoryConflictSchema, 409)
  create(@Auth() caller: AuthContext, @ZodBody(CreateAgentBodySchema) body: CreateAgentBody): Promise<AgentView> {
    return this.agents.create(caller, body);
  }

  /** Supervisors and up read any agent; an agent reads only themselves. */
  @Get(':id')
  @RequireRole('agent')
  @ZodResponse(AgentViewSchema)
  get(@Auth() caller: AuthContext, @EntityIdParam('id') id: string): Promise<AgentView> {
    return this.agents.get(caller, id);
  }

  @Patch(':id')
  @ZodResponse(AgentViewSchema)
  @ZodResponse(DirectoryConflictSchema, 409)
  update(@Auth() caller: AuthContext, @EntityIdParam('id') id: string, @ZodBody(UpdateAgentBodySchema) body: UpdateAgentBody): Promise<AgentView> {
    return this.agents.update(caller, id, body);
  }

  @Patch(':id/presence')
  @ZodResponse(AgentViewSchema)
  setPresence(@Auth() caller: AuthContext, @EntityIdParam('id') id: string, @ZodBody(AgentPresenceBodySchema) body: AgentPresenceBody): Promise<AgentView> {
    return this.agents.setPresence(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ZodResponse(DirectoryConflictSchema, 409)
  remove(@Auth() caller: AuthContext, @EntityIdParam('id') id: string): Promise<void> {
    return this.agents.remove(caller, id);
  }
}
