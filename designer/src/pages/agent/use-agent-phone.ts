import type { AgentPhone } from '@callflow/schemas';
import { useEffect, useState } from 'react';
import { directoryClient } from '../../api/directory-client';
import { useLiveConnection } from '../../realtime';
import { deskPhone, socketPhone, type ConsolePhone } from './agent-phone';

export interface ConsolePhoneState {
  phone: ConsolePhone | null;
  setup: AgentPhone | null;
  problem: string | null;
}

/**
 * The phone the console drives for the signed-in agent, as the API says it answers: the sandbox's simulated phone,
 * the browser (Telnyx WebRTC, whose SDK is loaded only then), or a desk phone.
 */
export function useAgentPhone(enabled: boolean, remoteAudio: HTMLAudioElement | null): ConsolePhoneState {
  const connection = useLiveConnection();
  const [state, setState] = useState<ConsolePhoneState>({ phone: null, setup: null, problem: null });

  useEffect(() => {
    if (!enabled || remoteAudio === null) return;
    let current = true;
    let opened: ConsolePhone | null = null;
    const open = async (setup: AgentPhone): Promise<ConsolePhone> => {
      switch (setup.type) {
        case 'sandbox':
          return socketPhone(connection);
        case 'desk-phone':
          return deskPhone(connection, setup.address);
        case 'webrtc': {
          const { telnyxPhone } = await import('./telnyx-phone');
          return telnyxPhone(connection, setup.loginToken, remoteAudio);
        }
      }
    };
    directoryClient.agents
      .phone()
      .then(async (setup) => {
        const phone = await open(setup);
        if (!current) return phone.close();
        opened = phone;
        setState({ phone, setup, problem: null });
      })
      .catch((error: unknown) => current && setState({ phone: null, setup: null, problem: `The phone could not be set up: ${(error as Error).message}` }));
    return () => {
      current = false;
      opened?.close();
    };
  }, [enabled, remoteAudio, connection]);

  return state;
}
