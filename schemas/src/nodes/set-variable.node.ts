import { z } from 'zod';
import { ExpressionSourceSchema, VariableNameSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const AssignedValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('literal'), value: z.union([z.string().max(4096), z.number(), z.boolean()]) }),
  z.object({ type: z.literal('expression'), expression: ExpressionSourceSchema }),
]);

export const setVariableNode = defineNode({
  kind: 'set-variable',
  version: 1,
  config: z.object({
    assignments: z
      .array(z.object({ variable: VariableNameSchema, value: AssignedValueSchema }))
      .min(1, 'add at least one assignment')
      .max(50),
  }),
  ports: () => [port('next', 'Next')],
  ui: {
    displayName: 'Set variable',
    category: 'logic',
    icon: 'variable',
    description: 'Store values in flow variables for later conditions and templates.',
    summary: (config) => config.assignments.map((assignment) => assignment.variable).join(', '),
  },
});
