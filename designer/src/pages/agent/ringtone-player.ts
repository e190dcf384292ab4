/** Seconds of one ring cycle: two short bursts, then a pause. */
const CYCLE_SECS = 3;
const BURSTS: ReadonlyArray<{ start: number; length: number }> = [
  { start: 0, length: 0.4 },
  { start: 0.6, length: 0.4 },
];

/**
 * The ringtone, synthesised with the Web Audio API (no file to fetch): a soft two-tone chirp twice every three
 * seconds while ringing. The AudioContext starts suspended until the page has had a user gesture; `unlock()` must be
 * called from a click handler.
 */
export class RingtonePlayer {
  private readonly context: AudioContext;
  private timer: number | null = null;

  constructor(onSuspended: () => void) {
    this.context = new AudioContext();
    this.context.addEventListener('statechange', () => {
      if (this.context.state === 'suspended') onSuspended();
    });
  }

  get running(): boolean {
    return this.context.state === 'running';
  }

  /** Tries to start the audio output (from a click handler); resolves whether it runs. */
  async unlock(): Promise<boolean> {
    try {
      await this.context.resume();
    } catch {
      return false;
    }
    return this.running;
  }

  start(): void {
    if (this.timer !== null) return;
    this.cycle();
    this.timer = window.setInterval(() => this.cycle(), CYCLE_SECS * 1000);
  }

  stop(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
  }

  close(): void {
    this.stop();
    void this.context.close();
  }

  private cycle(): void {
    const now = this.context.currentTime;
    for (const burst of BURSTS) {
      const gain = this.context.createGain();
      gain.gain.setValueAtTime(0, now + burst.start);
      gain.gain.linearRampToValueAtTime(0.18, now + burst.start + 0.02);
      gain.gain.setValueAtTime(0.18, now + burst.start + burst.length - 0.05);
      gain.gain.linearRampToValueAtTime(0, now + burst.start + burst.length);
      gain.connect(this.context.destination);
      for (const frequency of [880, 1320]) {
        const oscillator = this.context.createOscillator();
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start(now + burst.start);
        oscillator.stop(now + burst.start + burst.length);
      }
    }
  }
}
