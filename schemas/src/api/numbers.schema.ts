import { z } from 'zod';
import { E164Schema } from '../directory.schema';
import { TimeZoneSchema } from '../schedule.schema';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from './storable-text';

const LabelSchema = z.string().trim().max(80).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).describe('How people call the line, e.g. "Main line"');
const FlowIdSchema = z.uuid().nullable().describe('The flow calls to the number run; null leaves it unanswered');

export const NumberSourceSchema = z
  .enum(['manual', 'purchased'])
  .describe('manual: added as is (sandbox) or already on the Telnyx account; purchased: ordered here, released when removed');
export type NumberSource = z.infer<typeof NumberSourceSchema>;

export const PhoneNumberSchema = z.object({
  id: z.uuid(),
  number: E164Schema,
  label: z.string(),
  flow: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  source: NumberSourceSchema,
  lastCallAt: z.iso.datetime().nullable(),
  callsToday: z.number().int().min(0).describe('Calls since midnight in the requested time zone'),
  createdAt: z.iso.datetime(),
});
export type PhoneNumber = z.infer<typeof PhoneNumberSchema>;

export const NumbersQuerySchema = z.object({
  timeZone: TimeZoneSchema.default('UTC').describe('The day "calls today" counts, e.g. "America/New_York"'),
});
export type NumbersQuery = z.infer<typeof NumbersQuerySchema>;

export const AddNumberBodySchema = z.object({
  number: E164Schema,
  label: LabelSchema.default(''),
  flowId: FlowIdSchema.default(null),
});
export type AddNumberBody = z.infer<typeof AddNumberBodySchema>;

/** Buys the number from the carrier (a Telnyx number order; the sandbox carrier in sandbox mode). */
export const PurchaseNumberBodySchema = AddNumberBodySchema.describe('A number from the available-numbers search');
export type PurchaseNumberBody = z.infer<typeof PurchaseNumberBodySchema>;

export const UpdateNumberBodySchema = z
  .object({ label: LabelSchema, flowId: FlowIdSchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateNumberBody = z.infer<typeof UpdateNumberBodySchema>;

export const AvailableNumbersQuerySchema = z.object({
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO country code such as "US"')
    .default('US'),
  areaCode: z
    .string()
    .regex(/^\d{2,5}$/, 'expected 2 to 5 digits')
    .optional()
    .describe('National destination code, e.g. "415"'),
  contains: z
    .string()
    .regex(/^\d{1,10}$/, 'expected 1 to 10 digits')
    .optional(),
  locality: z.string().trim().min(1).max(80).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).optional().describe('City'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type AvailableNumbersQuery = z.infer<typeof AvailableNumbersQuerySchema>;

export const AvailableNumberSchema = z.object({
  number: E164Schema,
  locality: z.string().nullable(),
  region: z.string().nullable(),
  features: z.array(z.string()).describe('e.g. voice, sms'),
  monthlyCost: z.string().nullable(),
  upfrontCost: z.string().nullable(),
  currency: z.string().nullable(),
});
export type AvailableNumber = z.infer<typeof AvailableNumberSchema>;
