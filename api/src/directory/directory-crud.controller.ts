import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateMailboxBodySchema,
  CreateQueueBodySchema,
  CreateRingGroupBodySchema,
  DirectoryConflictSchema,
  MailboxSchema,
  QueueSchema,
  RingGroupSchema,
  UpdateMailboxBodySchema,
  UpdateQueueBodySchema,
  UpdateRingGroupBodySchema,
} from '@callflow/schemas';
import { z } from 'zod';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { EntityIdParam, ZodBody, ZodResponse } from '../http/zod-validation';
import { DirectoryService } from './directory.service';
import type { DirectoryKind, DirectoryRecord } from './directory.repository';

interface CrudSchemas<K extends DirectoryKind> {
  record: z.ZodType<DirectoryRecord<K>>;
  create: z.ZodType<Omit<DirectoryRecord<K>, 'id'>>;
  update: z.ZodType<Partial<DirectoryRecord<K>>>;
}

/** list/get (supervisor and up) and create/update/delete (admin and up) of one kind of directory entity under `/api/<path>`. */
function directoryCrudController<K extends DirectoryKind>(name: string, path: string, kind: K, schemas: CrudSchemas<K>): Type {
  @ApiTags('directory')
  @Controller(path)
  @RequireRole('admin')
  class DirectoryCrudController {
    constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

    @Get()
    @RequireRole('supervisor')
    @ZodResponse(z.array(schemas.record))
    list(@Auth() caller: AuthContext): Promise<Array<DirectoryRecord<K>>> {
      return this.directory.list(caller, kind);
    }

    @Post()
    @ZodResponse(schemas.record, 201)
    @ZodResponse(DirectoryConflictSchema, 409)
    create(@Auth() caller: AuthContext, @ZodBody(schemas.create) body: Omit<DirectoryRecord<K>, 'id'>): Promise<DirectoryRecord<K>> {
      return this.directory.create(caller, kind, body);
    }

    @Get(':id')
    @RequireRole('supervisor')
    @ZodResponse(schemas.record)
    get(@Auth() caller: AuthContext, @EntityIdParam('id') id: string): Promise<DirectoryRecord<K>> {
      return this.directory.get(caller, kind, id);
    }

    @Patch(':id')
    @ZodResponse(schemas.record)
    @ZodResponse(DirectoryConflictSchema, 409)
    update(
      @Auth() caller: AuthContext,
      @EntityIdParam('id') id: string,
      @ZodBody(schemas.update) body: Partial<DirectoryRecord<K>>,
    ): Promise<DirectoryRecord<K>> {
      return this.directory.update(caller, kind, id, body);
    }

    @Delete(':id')
    @HttpCode(204)
    @ZodResponse(DirectoryConflictSchema, 409)
    remove(@Auth() caller: AuthContext, @EntityIdParam('id') id: string): Promise<void> {
      return this.directory.remove(caller, kind, id);
    }
  }
  // OpenAPI operation ids and Nest's logs use the class name.
  Object.defineProperty(DirectoryCrudController, 'name', { value: name });
  return DirectoryCrudController;
}

export const RingGroupsController = directoryCrudController('RingGroupsController', 'ring-groups', 'ringGroups', {
  record: RingGroupSchema,
  create: CreateRingGroupBodySchema,
  update: UpdateRingGroupBodySchema,
});

export const QueuesController = directoryCrudController('QueuesController', 'queues', 'queues', {
  record: QueueSchema,
  create: CreateQueueBodySchema,
  update: UpdateQueueBodySchema,
});

export const MailboxesController = directoryCrudController('MailboxesController', 'mailboxes', 'mailboxes', {
  record: MailboxSchema,
  create: CreateMailboxBodySchema,
  update: UpdateMailboxBodySchema,
});
