import { Controller, Delete, Get, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { VoicemailPageSchema, VoicemailQuerySchema, VoicemailSchema, type Voicemail, type VoicemailPage, type VoicemailQuery } from '@callflow/schemas';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { sendAudio, type RawResponse } from '../calls/audio-response';
import { UuidParam, ZodQuery, ZodResponse } from '../http/zod-validation';
import { VoicemailLibraryService } from './voicemail-library.service';

@ApiTags('voicemails')
@Controller('voicemails')
@RequireRole('agent')
export class VoicemailsController {
  constructor(@Inject(VoicemailLibraryService) private readonly voicemails: VoicemailLibraryService) {}

  @Get()
  @ZodResponse(VoicemailPageSchema)
  list(@Auth() caller: AuthContext, @ZodQuery(VoicemailQuerySchema) query: VoicemailQuery): Promise<VoicemailPage> {
    return this.voicemails.list(caller, query);
  }

  @Get(':id')
  @ZodResponse(VoicemailSchema)
  get(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<Voicemail> {
    return this.voicemails.get(caller, id);
  }

  /** The audio, whole or the one range of a `Range: bytes=…` header (206); every request is audited. */
  @Get(':id/audio')
  @ApiProduces('audio/mpeg', 'audio/wav')
  async audio(@Auth() caller: AuthContext, @UuidParam('id') id: string, @Headers('range') range: string | undefined, @Res() response: RawResponse): Promise<void> {
    sendAudio(response, await this.voicemails.audio(caller, id, range));
  }

  @Post(':id/read')
  @HttpCode(200)
  @ZodResponse(VoicemailSchema)
  markRead(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<Voicemail> {
    return this.voicemails.markRead(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.voicemails.remove(caller, id);
  }
}
