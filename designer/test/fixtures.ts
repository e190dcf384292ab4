import type { Session, Voicemail } from '@callflow/schemas';

/** Ann, an agent of Acme, signed in with `accessToken`. */
export function agentSession(accessToken: string): Session {
  return {
    accessToken,
    accessTokenExpiresIn: 900,
    refreshToken: `refresh-${accessToken.slice(-20)}`,
    user: {
      id: '11111111-1111-4111-8111-111111111111',
      tenantId: '22222222-2222-4222-8222-222222222222',
      email: 'ann@example.test',
      name: 'Ann',
      role: 'agent',
      agentId: 'ann',
      createdAt: '2026-11-21T10:00:00.000Z',
    },
    tenant: { id: '22222222-2222-4222-8222-222222222222', name: 'Acme' },
  };
}

/** Voicemail number `n` (1–9) in the front desk's mailbox, unread. */
export const voicemail = (n: number, overrides: Partial<Voicemail> = {}): Voicemail => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  callId: `10000000-0000-4000-8000-00000000000${n}`,
  mailboxId: 'front-desk',
  callerNumber: `+1415555010${n}`,
  durationSecs: 12,
  transcription: null,
  createdAt: `2026-11-21T10:0${n}:00.000Z`,
  readAt: null,
  audioUrl: `/api/voicemails/00000000-0000-4000-8000-00000000000${n}/audio`,
  ...overrides,
});
