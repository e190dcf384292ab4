import { formatCallerScript, parseCallerScript, type CallerAction } from '@callflow/engine';
import type { Agent } from '@callflow/schemas';
import { Alert, Badge, Button, Checkbox, Divider, Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPhoneCall, IconPhoneOff, IconPlayerStop } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useEditor } from '../store/editor-context';
import { initialSetup, runSimulation, type AgentSetup, type SimulationSetup } from './simulation';
import classes from './simulator-panel.module.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const BEHAVIOURS = [
  { value: 'answer', label: 'Answers' },
  { value: 'decline', label: 'Declines' },
  { value: 'no-answer', label: 'Does not answer' },
];
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** Runs the draft in the browser: a simulated caller at a chosen time, with a keypad or a script. */
export function SimulatorPanel() {
  const document = useEditor((state) => state.document);
  const directory = useEditor((state) => state.directory);
  const showSimulation = useEditor((state) => state.showSimulation);
  const [setup, setSetup] = useState<SimulationSetup>(() => initialSetup(document, directory, Date.now()));
  const [active, setActive] = useState(false);
  const [pendingDigits, setPendingDigits] = useState('');
  const [scriptText, setScriptText] = useState<string | null>(null);

  const run = useMemo(() => (active ? runSimulation(document, directory, setup) : null), [active, document, directory, setup]);
  useEffect(() => showSimulation(run?.status === 'ran' ? run.path : null), [run, showSimulation]);
  useEffect(() => () => showSimulation(null), [showSimulation]);

  const update = (change: Partial<SimulationSetup>) => setSetup((current) => ({ ...current, ...change }));
  const setScript = (script: CallerAction[]) => {
    update({ script });
    setScriptText(null);
    setPendingDigits('');
  };
  const act = (action: CallerAction) => setScript([...setup.script, action]);
  const parsedScript = scriptText === null ? null : parseCallerScript(scriptText);
  const waiting = run?.status === 'ran' ? run.waiting : null;
  const nodeName = (id: string | null) => {
    const node = document.nodes.find((candidate) => candidate.id === id);
    return node ? `“${node.label || node.id}”` : (id ?? 'the start');
  };

  const press = (key: string) => {
    if (!waiting) return;
    const digits = pendingDigits + key;
    if (digits.length >= waiting.maxDigits || key === waiting.terminator) act({ type: 'press', digits });
    else setPendingDigits(digits);
  };

  return (
    <ScrollArea h="100%" px="md" py="sm">
      <Stack gap="md" pb="xl">
        <Stack gap={4}>
          <Title order={4}>Simulate a call</Title>
          <Text size="sm" c="dimmed">
            Runs this draft in the browser with the engine. Nothing is dialled.
          </Text>
        </Stack>
        {active ? (
          <Text size="sm">
            {setup.date} {setup.time} {setup.timeZone} · from {setup.from}
          </Text>
        ) : (
          <>
          <SimpleGrid cols={2} spacing="xs">
            <TextInput label="Date" type="date" value={setup.date} onChange={(event) => update({ date: event.currentTarget.value })} />
            <TextInput label="Time" type="time" value={setup.time} onChange={(event) => update({ time: event.currentTarget.value })} />
          </SimpleGrid>
          <Select label="Time zone" searchable limit={50} data={TIME_ZONES} value={setup.timeZone} allowDeselect={false} onChange={(timeZone) => timeZone && update({ timeZone })} />
          <TextInput label="Caller number" value={setup.from} onChange={(event) => update({ from: event.currentTarget.value })} />
          <AgentsTable agents={directory.agents} setup={setup.agents} onChange={(agents) => update({ agents })} />
          </>
        )}
        <TextInput
          label="Caller script"
          description="What the caller does each time the flow listens: press:1, silence, hangup. The keypad adds to it."
          placeholder="press:1,silence,hangup"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          value={scriptText ?? formatCallerScript(setup.script)}
          error={parsedScript?.ok === false ? parsedScript.error : null}
          onChange={(event) => {
            const text = event.currentTarget.value;
            const parsed = parseCallerScript(text);
            if (parsed.ok) update({ script: parsed.actions });
            setScriptText(text);
          }}
        />
        <Group gap="xs">
          <Button leftSection={<IconPhoneCall size={16} />} onClick={() => setActive(true)} disabled={active}>
            Start call
          </Button>
          <Button
            variant="default"
            leftSection={<IconPlayerStop size={16} />}
            disabled={!active}
            onClick={() => {
              setActive(false);
              setScript([]);
            }}
          >
            End and reset
          </Button>
        </Group>

        {run?.status === 'cannot-run' && (
          <Alert color="red" variant="light" title="Cannot simulate">
            {run.problem}
          </Alert>
        )}
        {run?.status === 'ran' && (
          <>
            {waiting ? (
              <Alert color="blue" variant="light" title={`Waiting for the caller at ${nodeName(waiting.nodeId)}`}>
                Press keys on the keypad{waiting.maxDigits > 1 ? ` (up to ${waiting.maxDigits} digits${waiting.terminator ? `, ${waiting.terminator} to finish` : ''})` : ''}, stay silent, or hang up.
              </Alert>
            ) : run.outcome ? (
              <Alert color={run.outcome.result === 'failed' ? 'red' : 'teal'} variant="light" title={`Call ended at ${nodeName(run.outcome.node)}: ${run.outcome.result}`}>
                {run.outcome.reason}
              </Alert>
            ) : (
              <Alert color="yellow" variant="light" title="Simulation stopped">
                {run.stalled}
              </Alert>
            )}
            <Keypad
              enabled={waiting !== null}
              pending={pendingDigits}
              onKey={press}
              onSend={() => act({ type: 'press', digits: pendingDigits })}
              onSilence={() => act({ type: 'silence' })}
              onHangUp={() => act({ type: 'hangup' })}
            />
            <Divider label="What happened" labelPosition="left" />
            <ol className={classes.transcript} aria-label="Call transcript">
              {run.transcript.map((line, index) => (
                <li key={index} className={line.type === 'prompt.played' ? classes.prompt : line.type === 'node.entered' ? classes.node : undefined}>
                  <span className={classes.time}>{line.time}</span>
                  <span>{line.text}</span>
                </li>
              ))}
            </ol>
            <Divider label="Variables" labelPosition="left" />
            {Object.keys(run.variables).length === 0 ? (
              <Text size="sm" c="dimmed">
                No variables set.
              </Text>
            ) : (
              <Table withTableBorder fz="sm" aria-label="Variables">
                <Table.Tbody>
                  {Object.entries(run.variables).map(([name, value]) => (
                    <Table.Tr key={name}>
                      <Table.Td ff="monospace">{name}</Table.Td>
                      <Table.Td ff="monospace">{JSON.stringify(value)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}

function AgentsTable({ agents, setup, onChange }: { agents: Agent[]; setup: Record<string, AgentSetup>; onChange(agents: Record<string, AgentSetup>): void }) {
  if (agents.length === 0) return null;
  const change = (id: string, patch: Partial<AgentSetup>) => onChange({ ...setup, [id]: { ...(setup[id] ?? { available: true, behaviour: 'answer' }), ...patch } });
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Agents
      </Text>
      {agents.map((agent) => {
        const agentSetup = setup[agent.id] ?? { available: agent.presence === 'available', behaviour: 'answer' as const };
        return (
          <Group key={agent.id} gap="xs" wrap="nowrap">
            <Checkbox
              checked={agentSetup.available}
              onChange={(event) => change(agent.id, { available: event.currentTarget.checked })}
              aria-label={`${agent.name} is available`}
            />
            <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" truncate>
                {agent.name} <Text span c="dimmed" size="xs">ext. {agent.extension}</Text>
              </Text>
              <Group gap={4}>
                {agent.doNotDisturbUntil && <Badge size="xs" variant="light" color="yellow">DND until {agent.doNotDisturbUntil.slice(0, 16).replace('T', ' ')}</Badge>}
                {agent.vacation && <Badge size="xs" variant="light" color="grape">vacation {agent.vacation.from} – {agent.vacation.to}</Badge>}
              </Group>
            </Stack>
            <Select
              size="xs"
              w={150}
              data={BEHAVIOURS}
              value={agentSetup.behaviour}
              allowDeselect={false}
              disabled={!agentSetup.available}
              aria-label={`When ${agent.name}’s phone rings`}
              onChange={(behaviour) => behaviour && change(agent.id, { behaviour: behaviour as AgentSetup['behaviour'] })}
            />
          </Group>
        );
      })}
    </Stack>
  );
}

interface KeypadProps {
  enabled: boolean;
  pending: string;
  onKey(key: string): void;
  onSend(): void;
  onSilence(): void;
  onHangUp(): void;
}

function Keypad({ enabled, pending, onKey, onSend, onSilence, onHangUp }: KeypadProps) {
  return (
    <Stack gap="xs" className={classes.keypad}>
      {pending && (
        <Group justify="space-between">
          <Text ff="monospace" size="lg">
            {pending}
          </Text>
          <Button size="xs" onClick={onSend}>
            Send
          </Button>
        </Group>
      )}
      <SimpleGrid cols={3} spacing={6} role="group" aria-label="Keypad">
        {KEYS.map((key) => (
          <Button key={key} variant="default" size="md" disabled={!enabled} onClick={() => onKey(key)} ff="monospace">
            {key}
          </Button>
        ))}
      </SimpleGrid>
      <Group grow gap={6}>
        <Button variant="light" color="gray" disabled={!enabled} onClick={onSilence}>
          Say nothing
        </Button>
        <Button variant="light" color="red" leftSection={<IconPhoneOff size={16} />} disabled={!enabled} onClick={onHangUp}>
          Hang up
        </Button>
      </Group>
    </Stack>
  );
}
