import { audioHeaders, type AudioReply } from './audio-range';

/** What the audio routes need of Express's response (they write bytes, not JSON). */
export interface RawResponse {
  status(code: number): RawResponse;
  set(headers: Record<string, string>): RawResponse;
  end(body: Buffer): void;
}

export function sendAudio(response: RawResponse, reply: AudioReply): void {
  response.status(reply.status).set(audioHeaders(reply)).end(reply.body);
}
