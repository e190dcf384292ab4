import { z } from 'zod';
import { ElementIdSchema, ExpressionSourceSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const ConditionRuleSchema = z.object({
  id: ElementIdSchema.describe('Stable id; also the name of the rule’s port'),
  label: z.string().min(1, 'name the branch').max(80),
  when: ExpressionSourceSchema.describe('e.g. caller.number startsWith "+1415" and time.hour < 12'),
});

export const conditionNode = defineNode({
  kind: 'condition',
  version: 1,
  config: z
    .object({ rules: z.array(ConditionRuleSchema).min(1, 'add at least one rule').max(20) })
    .superRefine((config, ctx) => {
      const seen = new Set<string>();
      config.rules.forEach((rule, index) => {
        if (rule.id === 'else' || seen.has(rule.id)) {
          ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `rule id "${rule.id}" is taken` });
        }
        seen.add(rule.id);
      });
    }),
  ports: (config) => [...config.rules.map((rule) => port(rule.id, rule.label)), port('else', 'Otherwise')],
  ui: {
    displayName: 'Condition',
    category: 'logic',
    icon: 'split',
    description: 'Take the first branch whose rule is true (caller number, variables, time of day).',
    summary: (config) => config.rules.map((rule) => rule.label).join(' · '),
  },
});
