import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { VoicemailService } from '../voicemails/voicemail.service';
import { VoicemailsModule } from '../voicemails/voicemails.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { InternalController } from './internal.controller';
import { InternalTokenGuard } from './internal-token.guard';
import { LookupsService } from './lookups.service';

@Module({
  imports: [WebhooksModule, TemporalModule, VoicemailsModule],
  controllers: [InternalController],
  providers: [InternalTokenGuard, LookupsService, VoicemailService],
  exports: [LookupsService],
})
export class InternalModule {}
