import { Module } from '@nestjs/common';
import { NotificationSender } from './notification-sender';
import { OutboxRepository } from './outbox.repository';

/** Sends the outbox (voicemail e-mail and SMS notifications) from the API process. */
@Module({
  providers: [OutboxRepository, NotificationSender],
})
export class NotificationsModule {}
