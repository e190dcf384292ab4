import { Controller, Delete, Get, Headers, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { RecordingPageSchema, RecordingQuerySchema, RecordingSchema, type Recording, type RecordingPage, type RecordingQuery } from '@callflow/schemas';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { UuidParam, ZodQuery, ZodResponse } from '../http/zod-validation';
import { sendAudio, type RawResponse } from './audio-response';
import { RecordingsService } from './recordings.service';

@ApiTags('recordings')
@Controller('recordings')
@RequireRole('agent')
export class RecordingsController {
  constructor(@Inject(RecordingsService) private readonly recordings: RecordingsService) {}

  @Get()
  @ZodResponse(RecordingPageSchema)
  list(@Auth() caller: AuthContext, @ZodQuery(RecordingQuerySchema) query: RecordingQuery): Promise<RecordingPage> {
    return this.recordings.list(caller, query);
  }

  @Get(':id')
  @ZodResponse(RecordingSchema)
  get(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<Recording> {
    return this.recordings.get(caller, id);
  }

  /** The audio, whole or the one range of a `Range: bytes=…` header (206); every request is audited. */
  @Get(':id/audio')
  @ApiProduces('audio/mpeg', 'audio/wav')
  async audio(@Auth() caller: AuthContext, @UuidParam('id') id: string, @Headers('range') range: string | undefined, @Res() response: RawResponse): Promise<void> {
    sendAudio(response, await this.recordings.audio(caller, id, range));
  }

  @Delete(':id')
  @RequireRole('supervisor')
  @HttpCode(204)
  remove(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.recordings.remove(caller, id);
  }
}
