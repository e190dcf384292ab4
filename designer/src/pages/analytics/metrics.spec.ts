import type { CallVolumeBucket, CallVolumeReport, VolumeBucket } from '@callflow/schemas';
import { percent, sliceLabel, volumePoints, waitPoints } from './metrics';

const slice = (start: string, overrides: Partial<CallVolumeBucket> = {}): CallVolumeBucket => ({
  from: `${start}:00.000Z`,
  to: `${start}:00.000Z`,
  start,
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

const report = (bucket: VolumeBucket, rows: CallVolumeBucket[]): CallVolumeReport => ({
  period: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z', timeZone: 'UTC' },
  serviceLevelSecs: 20,
  bucket,
  filters: { flowId: null, queueId: null, agentId: null },
  rows,
});

describe('metrics for the charts', () => {
  it('splits each slice by how calls ended; the rest were ended by the flow', () => {
    const points = volumePoints(report('day', [slice('2026-11-01T00:00', { calls: 10, answered: 5, abandoned: 2, voicemail: 1 }), slice('2026-11-02T00:00')]));
    expect(points).toEqual([
      { label: '1 Nov', answered: 5, abandoned: 2, voicemail: 1, other: 2 },
      { label: '2 Nov', answered: 0, abandoned: 0, voicemail: 0, other: 0 },
    ]);
  });

  it('gives waits in whole seconds and the service level in percent, and gaps where nobody waited', () => {
    const points = waitPoints(report('day', [slice('2026-11-01T00:00', { waited: 4, avgWaitSecs: 12.4, p90WaitSecs: 30.6, serviceLevel: 0.75 }), slice('2026-11-02T00:00')]));
    expect(points).toEqual([
      { label: '1 Nov', averageWait: 12, p90Wait: 31, serviceLevel: 75 },
      { label: '2 Nov', averageWait: null, p90Wait: null, serviceLevel: null },
    ]);
  });

  it("labels each slice from its wall-clock start, as wide as the report's bucket", () => {
    expect(sliceLabel('hour', slice('2026-11-01T01:00'))).toBe('01:00');
    expect(sliceLabel('day', slice('2026-11-02T00:00'))).toBe('2 Nov');
    expect(sliceLabel('week', slice('2026-10-26T00:00'))).toBe('26 Oct');
    expect(sliceLabel('month', slice('2025-11-15T00:00'))).toBe('Nov 2025');
  });

  it('writes shares as whole percents, and a dash when there is nothing to share', () => {
    expect(percent(1, 3)).toBe('33%');
    expect(percent(0, 0)).toBe('—');
  });
});
