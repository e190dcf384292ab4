import { z } from 'zod';
import { EntityIdSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const businessHoursNode = defineNode({
  kind: 'business-hours',
  version: 1,
  config: z.object({ scheduleId: EntityIdSchema.describe('The schedule (weekly hours, holidays, emergency override)') }),
  ports: () => [port('open', 'Open'), port('closed', 'Closed'), port('holiday', 'Holiday (else Closed)', false)],
  references: (config) => [{ type: 'schedule', id: config.scheduleId, field: 'scheduleId' }],
  ui: {
    displayName: 'Business hours',
    category: 'logic',
    icon: 'clock',
    description: 'Branch on whether the business is open now, closed, or on a holiday.',
    summary: (config) => `Schedule ${config.scheduleId}`,
  },
});
