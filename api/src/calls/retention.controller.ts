import { Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RetentionSettingsSchema, type RetentionSettings } from '@callflow/schemas';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { ZodBody, ZodResponse } from '../http/zod-validation';
import { MediaRetentionService } from './media-retention.service';

/** How long the tenant's recordings and voicemail audio are kept. */
@ApiTags('settings')
@Controller('settings/retention')
@RequireRole('admin')
export class RetentionController {
  constructor(@Inject(MediaRetentionService) private readonly retention: MediaRetentionService) {}

  @Get()
  @ZodResponse(RetentionSettingsSchema)
  get(@Auth() caller: AuthContext): Promise<RetentionSettings> {
    return this.retention.settings(caller);
  }

  @Put()
  @ZodResponse(RetentionSettingsSchema)
  put(@Auth() caller: AuthContext, @ZodBody(RetentionSettingsSchema) body: RetentionSettings): Promise<RetentionSettings> {
    return this.retention.saveSettings(caller, body);
  }
}
