import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { VoicemailsModule } from '../voicemails/voicemails.module';
import { CallSearchRepository } from './call-search.repository';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { MediaRetentionRepository } from './media-retention.repository';
import { MediaRetentionService } from './media-retention.service';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';
import { CallReplayService } from './replay/call-replay.service';
import { CallWorkflowReplayer } from './replay/call-workflow-replayer';
import { RetentionController } from './retention.controller';

/** Call search, detail and replay; recordings; the audio retention period and its purge. */
@Module({
  imports: [TemporalModule, VoicemailsModule],
  controllers: [CallsController, RecordingsController, RetentionController],
  providers: [
    CallSearchRepository,
    MediaRetentionRepository,
    CallsService,
    CallReplayService,
    CallWorkflowReplayer,
    RecordingsService,
    MediaRetentionService,
  ],
})
export class CallsModule {}
