import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs` while mounted (durations on screen tick with it). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Seconds as m:ss, or h:mm:ss from an hour on. */
export function formatDuration(totalSecs: number): string {
  const secs = Math.max(0, Math.floor(totalSecs));
  const hours = Math.floor(secs / 3600);
  const minutes = Math.floor((secs % 3600) / 60);
  const seconds = String(secs % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Seconds from an ISO instant to `nowMs`. */
export const secondsSince = (instant: string, nowMs: number): number => Math.max(0, Math.floor((nowMs - Date.parse(instant)) / 1000));
