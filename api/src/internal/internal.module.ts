import { Module } from '@nestjs/common';
import { VoicemailService } from '../voicemails/voicemail.service';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { InternalController } from './internal.controller';
import { InternalTokenGuard } from './internal-token.guard';
import { LookupsService } from './lookups.service';

@Module({
  imports: [WebhooksModule],
  controllers: [InternalController],
  providers: [InternalTokenGuard, LookupsService, VoicemailService],
})
export class InternalModule {}
