import type { CallMetricsRow } from '@callflow/schemas';
import { percent, volumePoints, waitPoints } from './metrics';

const row = (overrides: Partial<CallMetricsRow>): CallMetricsRow => ({
  key: null,
  name: null,
  calls: 0,
  answered: 0,
  abandoned: 0,
  voicemail: 0,
  waited: 0,
  avgWaitSecs: null,
  p90WaitSecs: null,
  avgHandleSecs: null,
  answeredWithinServiceLevel: 0,
  serviceLevel: null,
  ...overrides,
});

const buckets = [
  { from: '2026-11-01', to: '2026-11-02', label: '1 Nov' },
  { from: '2026-11-02', to: '2026-11-03', label: '2 Nov' },
];

describe('metrics for the charts', () => {
  it('splits each slice by how calls ended; the rest were ended by the flow', () => {
    const points = volumePoints(buckets, [row({ calls: 10, answered: 5, abandoned: 2, voicemail: 1 }), row({})]);
    expect(points).toEqual([
      { label: '1 Nov', answered: 5, abandoned: 2, voicemail: 1, other: 2 },
      { label: '2 Nov', answered: 0, abandoned: 0, voicemail: 0, other: 0 },
    ]);
  });

  it('gives waits in whole seconds and the service level in percent, and gaps where nobody waited', () => {
    const points = waitPoints(buckets, [row({ waited: 4, avgWaitSecs: 12.4, p90WaitSecs: 30.6, serviceLevel: 0.75 }), row({})]);
    expect(points).toEqual([
      { label: '1 Nov', averageWait: 12, p90Wait: 31, serviceLevel: 75 },
      { label: '2 Nov', averageWait: null, p90Wait: null, serviceLevel: null },
    ]);
  });

  it('writes shares as whole percents, and a dash when there is nothing to share', () => {
    expect(percent(1, 3)).toBe('33%');
    expect(percent(0, 0)).toBe('—');
  });
});
