import type { NodeKind } from '@callflow/schemas';
import { businessHoursExecutor } from './nodes/business-hours.executor';
import { collectDigitsExecutor } from './nodes/collect-digits.executor';
import { conditionExecutor } from './nodes/condition.executor';
import { dialExtensionExecutor } from './nodes/dial-extension.executor';
import { entryExecutor } from './nodes/entry.executor';
import { goToExecutor } from './nodes/go-to.executor';
import { hangUpExecutor } from './nodes/hang-up.executor';
import { httpRequestExecutor } from './nodes/http-request.executor';
import { menuExecutor } from './nodes/menu.executor';
import { playExecutor } from './nodes/play.executor';
import { queueExecutor } from './nodes/queue.executor';
import { recordExecutor } from './nodes/record.executor';
import { ringGroupExecutor } from './nodes/ring-group.executor';
import { sendSmsExecutor } from './nodes/send-sms.executor';
import { setVariableExecutor } from './nodes/set-variable.executor';
import { transferExecutor } from './nodes/transfer.executor';
import { voicemailExecutor } from './nodes/voicemail.executor';
import type { Executor } from './runtime';

export const executors = {
  entry: entryExecutor,
  play: playExecutor,
  menu: menuExecutor,
  'collect-digits': collectDigitsExecutor,
  'business-hours': businessHoursExecutor,
  condition: conditionExecutor,
  'set-variable': setVariableExecutor,
  'http-request': httpRequestExecutor,
  'ring-group': ringGroupExecutor,
  queue: queueExecutor,
  'dial-extension': dialExtensionExecutor,
  transfer: transferExecutor,
  voicemail: voicemailExecutor,
  'send-sms': sendSmsExecutor,
  record: recordExecutor,
  'go-to': goToExecutor,
  'hang-up': hangUpExecutor,
} satisfies { [K in NodeKind]: Executor<K, object> };
