import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LiveSnapshotSchema, type LiveSnapshot } from '@callflow/schemas';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { ZodResponse } from '../http/zod-validation';
import { LiveSnapshotService } from './live-snapshot.service';

@ApiTags('live')
@Controller('live')
@RequireRole('supervisor')
export class LiveSnapshotController {
  constructor(@Inject(LiveSnapshotService) private readonly snapshots: LiveSnapshotService) {}

  /** Running calls and who waits in which queue, now; the socket's events keep a monitor current from there. */
  @Get()
  @ZodResponse(LiveSnapshotSchema)
  snapshot(@Auth() caller: AuthContext): Promise<LiveSnapshot> {
    return this.snapshots.snapshot(caller);
  }
}
