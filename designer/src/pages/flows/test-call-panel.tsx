import type { FlowSummary } from '@callflow/schemas';
import { Alert, Button, Divider, Group, ScrollArea, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPhoneCall, IconPhoneOff } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { flowsClient } from '../../api/flows-client';
import { sandboxClient, sandboxProblem } from '../../api/sandbox-client';
import { useLiveConnection, useLiveEvent } from '../../realtime';
import { useEditor } from '../../store/editor-context';
import { placedTestCall, testCallLines, testCallPath, withCallStep, withCallUpdate, type TestCall } from '../../simulator/test-call';
import classes from '../../simulator/simulator-panel.module.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const DEFAULT_CALLER = '+14155550123';

/** Whether the draft in the editor differs from the active version (null while that is being asked). */
function useDraftDiffers(flow: FlowSummary): boolean | null {
  const unsaved = useEditor((state) => state.document !== state.savedDocument);
  const revision = useEditor((state) => state.revision);
  const [savedDiffers, setSavedDiffers] = useState<boolean | null>(null);
  useEffect(() => {
    if (flow.activeVersion === null) return;
    let current = true;
    flowsClient.draftDiff(flow.id).then(
      (response) => current && setSavedDiffers(response.diff.hasChanges),
      () => current && setSavedDiffers(null),
    );
    return () => {
      current = false;
    };
  }, [flow.id, flow.activeVersion, revision]);
  return unsaved || savedDiffers;
}

/** A real call through the sandbox carrier into one of the flow's numbers, followed live on the canvas. */
export function TestCallPanel({ flow }: { flow: FlowSummary }) {
  useLiveConnection();
  const document = useEditor((state) => state.document);
  const showSimulation = useEditor((state) => state.showSimulation);
  const [to, setTo] = useState<string | null>(flow.numbers[0] ?? null);
  const [from, setFrom] = useState(DEFAULT_CALLER);
  const [test, setTest] = useState<TestCall | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const draftDiffers = useDraftDiffers(flow);

  useLiveEvent('call.updated.v1', (update) => setTest((current) => current && withCallUpdate(current, update)));
  useLiveEvent('call.step.v1', (step) => setTest((current) => current && withCallStep(current, step)));

  const path = useMemo(() => (test === null ? null : testCallPath(document, test)), [document, test]);
  useEffect(() => showSimulation(path), [path, showSimulation]);
  useEffect(() => () => showSimulation(null), [showSimulation]);

  const lines = test === null ? [] : testCallLines(test);
  const call = test?.call ?? null;
  const running = test !== null && call?.status !== 'ended';
  const nodeName = (id: string | null) => {
    const node = document.nodes.find((candidate) => candidate.id === id);
    return node ? `“${node.label || node.id}”` : (id ?? 'the start');
  };

  const attempt = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(sandboxProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const place = (number: string) =>
    attempt(async () => {
      const placed = await sandboxClient.placeCall(from.trim(), number);
      setTest(placedTestCall(from.trim(), number, placed.callControlId));
    });

  return (
    <ScrollArea h="100%" px="md" py="sm">
      <Stack gap="md" pb="xl">
        <Stack gap={4}>
          <Title order={4}>Place a test call</Title>
          <Text size="sm" c="dimmed">
            A simulated caller dials one of this flow’s numbers through the sandbox carrier: the call runs the whole workflow, live.
          </Text>
        </Stack>
        {flow.activeVersion === null ? (
          <Alert color="yellow" variant="light" title="Not published yet">
            Calls run the published version: publish this flow to place a test call.
          </Alert>
        ) : flow.numbers.length === 0 ? (
          <Alert color="yellow" variant="light" title="No number">
            Assign a number to this flow in Settings → Numbers to place a test call.
          </Alert>
        ) : (
          <>
            <Text size="sm">
              The call runs the published version v{flow.activeVersion.number}
              {draftDiffers ? ', not this draft: the draft has changes since, and the canvas lights the draft’s nodes by their ids.' : '.'}
            </Text>
            <SimpleGrid cols={2} spacing="xs">
              <Select label="Number to call" data={flow.numbers} value={to} allowDeselect={false} disabled={running} onChange={setTo} />
              <TextInput label="Caller number" value={from} disabled={running} onChange={(event) => setFrom(event.currentTarget.value)} />
            </SimpleGrid>
            <Group gap="xs">
              <Button leftSection={<IconPhoneCall size={16} />} loading={busy && !running} disabled={running || to === null} onClick={() => to && void place(to)}>
                Place call
              </Button>
              <Button
                variant="light"
                color="red"
                leftSection={<IconPhoneOff size={16} />}
                disabled={!running}
                onClick={() => test && void attempt(() => sandboxClient.hangUp(test.callControlId))}
              >
                Hang up
              </Button>
            </Group>
          </>
        )}
        {problem && (
          <Alert color="red" variant="light" title="The sandbox carrier refused">
            {problem}
          </Alert>
        )}
        {test !== null && (
          <>
            {call === null ? (
              <Alert color="blue" variant="light" title="Dialling…">
                Waiting for the call from {test.from} to {test.to} to start.
              </Alert>
            ) : call.status === 'ended' ? (
              <Alert
                color={call.outcome?.result === 'failed' ? 'red' : 'teal'}
                variant="light"
                title={`Call ended at ${nodeName(call.outcome?.node ?? call.currentNode?.id ?? null)}${call.outcome ? `: ${call.outcome.result}` : ''}`}
              >
                {call.outcome?.reason}
              </Alert>
            ) : (
              <Alert color="blue" variant="light" title={`In the call at ${nodeName(call.currentNode?.id ?? null)}`}>
                Press keys when the flow listens, or hang up.
              </Alert>
            )}
            <SimpleGrid cols={3} spacing={6} role="group" aria-label="Keypad" className={classes.keypad}>
              {KEYS.map((key) => (
                <Button
                  key={key}
                  variant="default"
                  size="md"
                  ff="monospace"
                  disabled={call === null || !running}
                  onClick={() => void attempt(() => sandboxClient.pressDigits(test.callControlId, key))}
                >
                  {key}
                </Button>
              ))}
            </SimpleGrid>
            <Divider label="What happened" labelPosition="left" />
            {lines.length === 0 ? (
              <Text size="sm" c="dimmed">
                No steps yet.
              </Text>
            ) : (
              <ol className={classes.transcript} aria-label="Test call steps">
                {lines.map((line) => (
                  <li key={line.seq} className={line.type === 'prompt.played' ? classes.prompt : line.type === 'node.entered' ? classes.node : undefined}>
                    <span className={classes.time}>{new Date(line.at).toLocaleTimeString([], { hour12: false })}</span>
                    <span>{line.text}</span>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
