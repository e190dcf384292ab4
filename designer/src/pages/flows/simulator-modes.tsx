import type { FlowSummary } from '@callflow/schemas';
import { SegmentedControl, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { sandboxClient } from '../../api/sandbox-client';
import { SimulatorPanel } from '../../simulator/simulator-panel';
import { TestCallPanel } from './test-call-panel';

type Mode = 'browser' | 'test-call';

/** The simulator tab: the draft run in the browser, or (sandbox carrier only) a real test call followed live. */
export function SimulatorModes({ flow }: { flow: FlowSummary }) {
  const [sandbox, setSandbox] = useState(false);
  const [mode, setMode] = useState<Mode>('browser');
  useEffect(() => {
    let current = true;
    sandboxClient.available().then(
      (available) => current && setSandbox(available),
      () => current && setSandbox(false),
    );
    return () => {
      current = false;
    };
  }, []);

  if (!sandbox) return <SimulatorPanel />;
  return (
    <Stack gap={0} h="100%">
      <SegmentedControl
        mx="md"
        mt="sm"
        size="xs"
        value={mode}
        onChange={(value) => setMode(value as Mode)}
        data={[
          { value: 'browser', label: 'In the browser' },
          { value: 'test-call', label: 'Test call' },
        ]}
        aria-label="Simulator mode"
      />
      <div style={{ flex: 1, minHeight: 0 }}>{mode === 'browser' ? <SimulatorPanel /> : <TestCallPanel flow={flow} />}</div>
    </Stack>
  );
}
