import { Module } from '@nestjs/common';
import { VoicemailLibraryRepository } from './voicemail-library.repository';
import { VoicemailLibraryService } from './voicemail-library.service';
import { VoicemailsController } from './voicemails.controller';

/** Voicemails as people use them: list, play, mark read, delete. */
@Module({
  controllers: [VoicemailsController],
  providers: [VoicemailLibraryRepository, VoicemailLibraryService],
  exports: [VoicemailLibraryRepository],
})
export class VoicemailsModule {}
