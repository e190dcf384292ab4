import { REALTIME_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@callflow/schemas';
import { io, type Socket } from 'socket.io-client';

/**
 * A supervisor's live socket that reconnects by itself, as the designer's does: through the load balancer, so a
 * reconnection reaches whichever instance is up. Keeps the call steps and ends it receives.
 */
export class FollowingSocket {
  /** Connections made so far (1 + reconnections). */
  connects = 0;
  readonly disconnects: string[] = [];
  /** Call id → seqs of its steps received. */
  readonly steps = new Map<string, Set<number>>();
  /** Calls this socket saw end (`call.updated.v1` with status `ended`). */
  readonly ended = new Set<string>();

  private constructor(private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.on('connect', () => (this.connects += 1));
    socket.on('disconnect', (reason) => this.disconnects.push(reason));
    socket.on('call.step.v1', (step) => {
      const seqs = this.steps.get(step.callId) ?? new Set<number>();
      this.steps.set(step.callId, seqs.add(step.seq));
    });
    socket.on('call.updated.v1', (call) => {
      if (call.status === 'ended') this.ended.add(call.callId);
    });
  }

  /** Resolves once connected; rejects with the first connect_error. */
  static open(url: string, token: string): Promise<FollowingSocket> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      path: REALTIME_PATH,
      transports: ['websocket'],
      forceNew: true,
      auth: { token },
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    const following = new FollowingSocket(socket);
    return new Promise((resolve, reject) => {
      const refused = (error: Error) => {
        socket.close();
        reject(error);
      };
      socket.once('connect_error', refused);
      socket.once('connect', () => {
        // Later connection errors are the reconnections' own: they keep trying.
        socket.off('connect_error', refused);
        resolve(following);
      });
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  close(): void {
    this.socket.close();
  }
}
