import { z } from 'zod';
import { TemplateTextSchema, VariableNameSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const ResponseMappingSchema = z.object({
  variable: VariableNameSchema,
  path: z
    .string()
    .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'a dotted path into the JSON response, e.g. customer.tier or items.0.id')
    .describe('Dotted path into the JSON response body'),
});

export const httpRequestNode = defineNode({
  kind: 'http-request',
  version: 1,
  config: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    url: TemplateTextSchema.min(1, 'enter a URL')
      .refine((url) => /^(https?:\/\/|\{\{)/i.test(url.trim()), 'an http(s) URL, e.g. https://crm.example.com/lookup?phone={{caller.number}}')
      .describe('http(s) URL; may use {{ }} placeholders'),
    headers: z
      .array(z.object({ name: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name'), value: TemplateTextSchema }))
      .max(20)
      .default([]),
    body: TemplateTextSchema.nullable().default(null),
    timeoutSecs: z.number().int().min(1).max(30).default(5),
    responseMappings: z.array(ResponseMappingSchema).max(50).default([]),
  }),
  ports: () => [port('ok', 'Success'), port('error', 'Error or timeout')],
  ui: {
    displayName: 'HTTP request',
    category: 'actions',
    icon: 'globe',
    description: 'Call a web service (CRM lookup), store parts of its JSON answer; errors and timeouts take the error branch.',
    summary: (config) => `${config.method} ${config.url}`,
  },
});
