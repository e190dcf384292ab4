import {
  AvailableNumberSchema,
  PhoneNumberSchema,
  UserSchema,
  type AddNumberBody,
  type AvailableNumber,
  type AvailableNumbersQuery,
  type CreateUserBody,
  type PhoneNumber,
  type PurchaseNumberBody,
  type UpdateNumberBody,
  type UpdateUserBody,
  type User,
} from '@callflow/schemas';
import { z } from 'zod';
import { http, type HttpClient } from './http';

/** Phone numbers (`/api/numbers`: supervisors read, admins change) and users (`/api/users`: admins). */
export function createSettingsClient(client: Pick<HttpClient, 'request'>) {
  const number = (id: string) => `/numbers/${encodeURIComponent(id)}`;
  const user = (id: string) => `/users/${encodeURIComponent(id)}`;
  return {
    numbers: {
      /** With the last call and the calls since midnight in `timeZone`. */
      list: (timeZone: string): Promise<PhoneNumber[]> => client.request('/numbers', { query: { timeZone }, schema: z.array(PhoneNumberSchema) }),
      /** A number added as is: any number in sandbox mode, one already on the Telnyx account otherwise. */
      add: (body: AddNumberBody) => client.request('/numbers', { method: 'POST', body, schema: PhoneNumberSchema }),
      /** Numbers the carrier offers for purchase. */
      available: (query: Partial<AvailableNumbersQuery>): Promise<AvailableNumber[]> =>
        client.request('/numbers/available', { query, schema: z.array(AvailableNumberSchema) }),
      purchase: (body: PurchaseNumberBody) => client.request('/numbers/purchase', { method: 'POST', body, schema: PhoneNumberSchema }),
      update: (id: string, body: UpdateNumberBody) => client.request(number(id), { method: 'PATCH', body, schema: PhoneNumberSchema }),
      /** A purchased number is released at the carrier too. */
      remove: async (id: string): Promise<void> => {
        await client.request(number(id), { method: 'DELETE' });
      },
    },
    users: {
      list: (): Promise<User[]> => client.request('/users', { schema: z.array(UserSchema) }),
      create: (body: CreateUserBody) => client.request('/users', { method: 'POST', body, schema: UserSchema }),
      /** A change of role, agent or password signs the user out everywhere. */
      update: (id: string, body: UpdateUserBody) => client.request(user(id), { method: 'PATCH', body, schema: UserSchema }),
      remove: async (id: string): Promise<void> => {
        await client.request(user(id), { method: 'DELETE' });
      },
    },
  };
}

export type SettingsClient = ReturnType<typeof createSettingsClient>;

export const settingsClient = createSettingsClient(http);
