import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CallDetailSchema, CallPageSchema, CallReplaySchema, CallSearchQuerySchema, type CallDetail, type CallPage, type CallReplay, type CallSearchQuery } from '@callflow/schemas';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { UuidParam, ZodQuery, ZodResponse } from '../http/zod-validation';
import { CallsService } from './calls.service';
import { CallReplayService } from './replay/call-replay.service';

/** Supervisors and above see every call of the tenant; agents the calls they were offered (others answer 404). */
@ApiTags('calls')
@Controller('calls')
@RequireRole('agent')
export class CallsController {
  constructor(
    @Inject(CallsService) private readonly calls: CallsService,
    @Inject(CallReplayService) private readonly replays: CallReplayService,
  ) {}

  @Get()
  @ZodResponse(CallPageSchema)
  list(@Auth() caller: AuthContext, @ZodQuery(CallSearchQuerySchema) query: CallSearchQuery): Promise<CallPage> {
    return this.calls.list(caller, query);
  }

  @Get(':id')
  @ZodResponse(CallDetailSchema)
  detail(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<CallDetail> {
    return this.calls.detail(caller, id);
  }

  @Get(':id/replay')
  @ZodResponse(CallReplaySchema)
  replay(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<CallReplay> {
    return this.replays.replay(caller, id);
  }
}
