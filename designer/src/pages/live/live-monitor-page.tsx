import type { AgentView, FlowSummary, Queue } from '@callflow/schemas';
import { Alert, Badge, Group, Loader, NumberInput, Paper, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { Panel } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useStore } from 'zustand';
import { callsClient } from '../../api/calls-client';
import { directoryClient } from '../../api/directory-client';
import { flowsClient } from '../../api/flows-client';
import type { DraftDocument } from '../../document/draft-document';
import { readFlowDocument } from '../../document/flow-files';
import { LiveStatusBadge, useLiveConnection, useLiveEvent, useOnLiveConnect } from '../../realtime';
import { callsPerNode, createMonitorStore, longestWaitSecs, queueWaitOf, runningCalls, type MonitorState } from '../../realtime/monitor-state';
import { formatDuration, secondsSince, useNow } from './clock';
import { FlowOverlayCanvas } from './flow-overlay-canvas';
import classes from './live-monitor.module.css';
import { PresenceBadge } from './presence-badge';

/** Waits longer than this are highlighted, unless the supervisor sets another threshold. */
const DEFAULT_WAIT_THRESHOLD_SECS = 60;

interface DrawnVersion {
  flowId: string;
  number: number;
  document: DraftDocument;
}

interface Directory {
  flows: FlowSummary[];
  queues: Queue[];
  agents: AgentView[];
}

/** The flow with the most running calls, else the first published one. */
function busiestFlow(state: MonitorState, flows: FlowSummary[]): string | null {
  const perFlow = new Map<string, number>();
  for (const call of Object.values(state.calls)) perFlow.set(call.flow.id, (perFlow.get(call.flow.id) ?? 0) + 1);
  const busiest = [...perFlow].sort((a, b) => b[1] - a[1])[0]?.[0];
  return busiest ?? flows.find((flow) => flow.activeVersion !== null)?.id ?? null;
}

/** The version drawn for a flow: the newest one its running calls are on, else its active version. */
function versionToDraw(state: MonitorState, flow: FlowSummary | undefined): number | null {
  if (!flow) return null;
  const versions = Object.values(state.calls)
    .filter((call) => call.flow.id === flow.id && call.flow.version !== null)
    .map((call) => call.flow.version!);
  return versions.length > 0 ? Math.max(...versions) : (flow.activeVersion?.number ?? null);
}

function QueuesPanel({ queues, state, now, thresholdSecs }: { queues: Queue[]; state: MonitorState; now: number; thresholdSecs: number }) {
  const known = new Map(queues.map((queue) => [queue.id, queue.name]));
  const ids = [...new Set([...queues.map((queue) => queue.id), ...Object.keys(state.queues)])];
  if (ids.length === 0) return <Text size="sm" c="dimmed">No queues.</Text>;
  return (
    <Stack gap="xs">
      {ids.map((id) => {
        const live = state.queues[id];
        const waiting = live?.waiting ?? [];
        const longest = live ? longestWaitSecs(live, now) : null;
        const late = longest !== null && longest > thresholdSecs;
        return (
          <Paper key={id} withBorder p="xs" radius="sm" className={late ? classes.lateQueue : undefined} data-testid={`queue-${id}`}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} truncate>
                {live?.name ?? known.get(id) ?? id}
              </Text>
              <Badge variant="light" color={waiting.length > 0 ? 'indigo' : 'gray'}>
                {waiting.length} waiting
              </Badge>
            </Group>
            <Text size="xs" c={late ? 'red.7' : 'dimmed'} fw={late ? 600 : undefined} data-testid={`queue-${id}-longest`}>
              {longest === null ? 'Nobody waits' : `Longest wait ${formatDuration(longest)}${late ? ` (over ${formatDuration(thresholdSecs)})` : ''}`}
            </Text>
            {waiting.length > 0 && (
              <Stack gap={0} mt={4}>
                {waiting.map((waiter) => (
                  <Group key={waiter.callId} justify="space-between" className={classes.waiter}>
                    <Text size="xs">{waiter.caller}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {formatDuration(secondsSince(waiter.joinedAt, now))}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}

function AgentsPanel({ agents, state }: { agents: AgentView[]; state: MonitorState }) {
  if (agents.length === 0) return <Text size="sm" c="dimmed">No agents.</Text>;
  return (
    <Stack gap={4}>
      {agents.map((agent) => (
        <Group key={agent.id} justify="space-between" wrap="nowrap" data-testid={`agent-${agent.id}`}>
          <div style={{ minWidth: 0 }}>
            <Text size="sm" truncate>
              {agent.name}
            </Text>
            <Text size="xs" c="dimmed">
              ext. {agent.extension}
            </Text>
          </div>
          <PresenceBadge presence={state.presence[agent.id]?.presence ?? agent.presence} doNotDisturbUntil={agent.doNotDisturbUntil} />
        </Group>
      ))}
    </Stack>
  );
}

export function LiveMonitorPage() {
  const connection = useLiveConnection();
  const [store] = useState(() => createMonitorStore());
  const state = useStore(store);
  const now = useNow();
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosenFlowId, setChosenFlowId] = useState<string | null>(null);
  const [thresholdSecs, setThresholdSecs] = useState(DEFAULT_WAIT_THRESHOLD_SECS);
  const [drawn, setDrawn] = useState<DrawnVersion | null>(null);

  useLiveEvent('call.updated.v1', (call) => store.getState().apply({ type: 'call.updated', call }));
  useLiveEvent('queue.updated.v1', (queue) => store.getState().apply({ type: 'queue.updated', queue }));
  useLiveEvent('agent.presence.v1', (presence) => store.getState().apply({ type: 'agent.presence', presence }));

  // Events sent while the page was not connected are lost: read the whole picture at every (re)connection.
  const loadSnapshot = useCallback(() => {
    store.getState().apply({ type: 'connected' });
    callsClient.liveSnapshot().then(
      (snapshot) => store.getState().apply({ type: 'snapshot', snapshot }),
      (error: unknown) => setProblem(`The live state could not be read: ${(error as Error).message}`),
    );
  }, [store]);
  useOnLiveConnect(loadSnapshot);
  useEffect(() => {
    if (connection.state.getState().status === 'live') loadSnapshot();
  }, [connection, loadSnapshot]);

  useEffect(() => {
    Promise.all([flowsClient.list(), directoryClient.queues.list(), directoryClient.agents.list()]).then(
      ([flows, queues, agents]) => setDirectory({ flows, queues, agents }),
      (error: unknown) => setProblem(`The flows and the directory could not be read: ${(error as Error).message}`),
    );
  }, []);

  const flows = directory?.flows ?? [];
  const flowId = chosenFlowId ?? busiestFlow(state, flows);
  const flow = flows.find((candidate) => candidate.id === flowId);
  const version = versionToDraw(state, flow);
  useEffect(() => {
    if (!flowId || version === null) return;
    let current = true;
    flowsClient.version(flowId, version).then(
      (loaded) => {
        if (!current) return;
        const read = readFlowDocument(loaded.document);
        if (read.ok) setDrawn({ flowId, number: loaded.number, document: read.document });
        else setProblem(`Version ${loaded.number} cannot be drawn: ${read.error}`);
      },
      (error: unknown) => current && setProblem(`The flow could not be drawn: ${(error as Error).message}`),
    );
    return () => {
      current = false;
    };
  }, [flowId, version]);

  const calls = runningCalls(state);
  const counts = useMemo(() => (flowId ? callsPerNode(state, flowId) : new Map<string, number>()), [state, flowId]);
  const waitingTotal = Object.values(state.queues).reduce((sum, queue) => sum + queue.waiting.length, 0);
  const shown = drawn && drawn.flowId === flowId && drawn.number === version ? drawn : null;

  return (
    <div className={classes.page}>
      <Group justify="space-between" className={classes.header}>
        <Group gap="sm">
          <Title order={2} fz="lg">
            Live monitor
          </Title>
          <LiveStatusBadge />
        </Group>
        <Group gap="lg">
          <Text size="sm" data-testid="active-count">
            <b>{calls.length}</b> active {calls.length === 1 ? 'call' : 'calls'}
          </Text>
          <Text size="sm">
            <b>{waitingTotal}</b> waiting
          </Text>
        </Group>
      </Group>
      {problem && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} mx="md" mb="xs" withCloseButton onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      <div className={classes.body}>
        <div className={classes.main}>
          <Paper withBorder radius="md" className={classes.canvas}>
            {shown ? (
              <FlowOverlayCanvas key={`${shown.flowId}:${shown.number}`} document={shown.document} counts={counts}>
                <Panel position="top-left">
                  <Group gap="xs">
                    <Select
                      aria-label="Flow on the canvas"
                      size="xs"
                      w={220}
                      data={flows.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
                      value={flowId}
                      onChange={(value) => setChosenFlowId(value)}
                      allowDeselect={false}
                    />
                    <Badge variant="default" radius="sm">
                      version {shown.number}
                    </Badge>
                  </Group>
                </Panel>
              </FlowOverlayCanvas>
            ) : (
              <Stack align="center" justify="center" h="100%">
                {directory && !flowId ? <Text c="dimmed">No published flow yet.</Text> : <Loader size="sm" />}
              </Stack>
            )}
          </Paper>
          <Paper withBorder radius="md" className={classes.calls}>
            <ScrollArea h="100%">
              <Table stickyHeader highlightOnHover verticalSpacing={6} aria-label="Active calls">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Caller</Table.Th>
                    <Table.Th>Flow</Table.Th>
                    <Table.Th>Now at</Table.Th>
                    <Table.Th>Duration</Table.Th>
                    <Table.Th>Queue wait</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {calls.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <Text size="sm" c="dimmed" ta="center" py="sm">
                          No calls right now.
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {calls.map((call) => {
                    const wait = queueWaitOf(state, call.callId);
                    const waitSecs = wait ? secondsSince(wait.joinedAt, now) : null;
                    return (
                      <Table.Tr key={call.callId} data-testid={`call-${call.callId}`}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {call.caller}
                          </Text>
                          <Text size="xs" c="dimmed">
                            to {call.called}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{call.flow.name ?? 'Deleted flow'}</Text>
                          <Text size="xs" c="dimmed">
                            version {call.flow.version ?? '?'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" data-testid="current-node">
                            {call.currentNode ? call.currentNode.label || call.currentNode.id : 'Starting'}
                          </Text>
                          {call.currentNode && (
                            <Text size="xs" c="dimmed">
                              {call.currentNode.kind}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ff="monospace">{formatDuration(secondsSince(call.startedAt, now))}</Table.Td>
                        <Table.Td>
                          {wait && waitSecs !== null ? (
                            <Text size="sm" ff="monospace" c={waitSecs > thresholdSecs ? 'red.7' : undefined} fw={waitSecs > thresholdSecs ? 600 : undefined}>
                              {formatDuration(waitSecs)}{' '}
                              <Text span size="xs" c="dimmed" ff="sans-serif">
                                in {wait.queueName ?? wait.queueId}
                              </Text>
                            </Text>
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Paper>
        </div>
        <ScrollArea className={classes.side}>
          <Stack gap="md" p="md" pt={0}>
            <div>
              <Group justify="space-between" mb="xs">
                <Title order={3} fz="sm">
                  Queues
                </Title>
                <NumberInput
                  aria-label="Highlight waits over (seconds)"
                  size="xs"
                  w={120}
                  min={5}
                  max={3600}
                  step={15}
                  suffix=" s"
                  value={thresholdSecs}
                  onChange={(value) => setThresholdSecs(typeof value === 'number' ? value : DEFAULT_WAIT_THRESHOLD_SECS)}
                />
              </Group>
              {directory ? <QueuesPanel queues={directory.queues} state={state} now={now} thresholdSecs={thresholdSecs} /> : <Loader size="xs" />}
            </div>
            <div>
              <Title order={3} fz="sm" mb="xs">
                Agents
              </Title>
              {directory ? <AgentsPanel agents={directory.agents} state={state} /> : <Loader size="xs" />}
            </div>
            <Text size="xs" c="dimmed">
              Past calls are in <Link to="/calls">call history</Link>.
            </Text>
          </Stack>
        </ScrollArea>
      </div>
    </div>
  );
}
