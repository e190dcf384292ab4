import type { AgentView, CallReplay, CallStep } from '@callflow/schemas';
import { ActionIcon, Alert, Badge, Button, Group, Loader, Paper, ScrollArea, SegmentedControl, Slider, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconPlayerPause, IconPlayerPlay, IconPlayerTrackNext, IconPlayerTrackPrev } from '@tabler/icons-react';
import { Panel } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { Link, useParams } from 'react-router';
import { callsClient } from '../../api/calls-client';
import { directoryClient } from '../../api/directory-client';
import { useCan } from '../../auth';
import type { DraftDocument } from '../../document/draft-document';
import { readFlowDocument } from '../../document/flow-files';
import { formatDuration } from '../live/clock';
import { FlowOverlayCanvas } from '../live/flow-overlay-canvas';
import { AudioClip } from './audio-clip';
import classes from './calls.module.css';
import { OutcomeBadge } from './outcome-badge';
import { initialTimeline, pathUpTo, REPLAY_SPEEDS, stepIndexAt, timelineEndMs, timelineReducer, type TimelineAction, type TimelineState } from './replay-timeline';
import { describeEvent } from './step-events';

const SOURCE_LABELS: Record<CallReplay['source'], string> = {
  temporal: 'Replayed from the workflow history',
  archive: 'Replayed from the archived workflow history',
  'call-log': 'From the call log',
};

const seconds = (ms: number) => formatDuration(ms / 1000);

/** Moves the timeline along with real time while it plays. */
function usePlayback(playing: boolean, dispatch: (action: TimelineAction) => void): void {
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      dispatch({ type: 'tick', elapsedMs: now - last });
      last = now;
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, dispatch]);
}

function StepDetails({ step, agentName }: { step: CallStep; agentName: (agentId: string) => string }) {
  return (
    <Stack gap="xs" data-testid="step-details">
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Step {step.index + 1} · {step.kind ?? 'before the flow'}
        </Text>
        <Text fw={600}>{step.label || step.node || 'Call arrived'}</Text>
        <Text size="xs" c="dimmed">
          at {seconds(step.offsetMs)} · {step.durationMs === null ? 'still here' : `for ${seconds(step.durationMs)}`}
          {step.exitPort !== null && ` · left by “${step.exitPort}”`}
        </Text>
      </div>
      {step.events.map((event, index) => {
        const line = describeEvent(event, agentName);
        return (
          <div key={index} className={classes.event} data-tone={line.tone}>
            <Group justify="space-between" gap={4} wrap="nowrap">
              <Text size="sm">{line.title}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {seconds(event.offsetMs)}
              </Text>
            </Group>
            {line.detail && (
              <Text size="xs" c="dimmed">
                {line.detail}
              </Text>
            )}
          </div>
        );
      })}
    </Stack>
  );
}

function Timeline({ steps, timeline, dispatch }: { steps: CallStep[]; timeline: TimelineState; dispatch: (action: TimelineAction) => void }) {
  const endMs = timelineEndMs(steps);
  const current = stepIndexAt(steps, timeline.positionMs);
  return (
    <Paper withBorder radius="md" p="sm" className={classes.timeline} aria-label="Timeline">
      <Group gap="sm" wrap="nowrap">
        <Tooltip label="Previous step">
          <ActionIcon variant="default" aria-label="Previous step" onClick={() => dispatch({ type: 'step-back' })}>
            <IconPlayerTrackPrev size={16} />
          </ActionIcon>
        </Tooltip>
        {timeline.playing ? (
          <ActionIcon size="lg" aria-label="Pause" onClick={() => dispatch({ type: 'pause' })}>
            <IconPlayerPause size={18} />
          </ActionIcon>
        ) : (
          <ActionIcon size="lg" aria-label="Play" onClick={() => dispatch({ type: 'play' })} disabled={steps.length === 0}>
            <IconPlayerPlay size={18} />
          </ActionIcon>
        )}
        <Tooltip label="Next step">
          <ActionIcon variant="default" aria-label="Next step" onClick={() => dispatch({ type: 'step-forward' })}>
            <IconPlayerTrackNext size={16} />
          </ActionIcon>
        </Tooltip>
        <Text size="xs" ff="monospace" w={92} ta="center" data-testid="replay-position">
          {seconds(timeline.positionMs)} / {seconds(endMs)}
        </Text>
        <Slider
          flex={1}
          aria-label="Position in the call"
          min={0}
          max={Math.max(endMs, 1)}
          step={100}
          value={timeline.positionMs}
          label={(value) => seconds(value)}
          marks={steps.map((step) => ({ value: step.offsetMs }))}
          onChange={(value) => dispatch({ type: 'seek', positionMs: value })}
        />
        <SegmentedControl
          size="xs"
          aria-label="Speed"
          data={REPLAY_SPEEDS.map((speed) => ({ value: String(speed), label: `${speed}×` }))}
          value={String(timeline.speed)}
          onChange={(value) => dispatch({ type: 'speed', speed: Number(value) })}
        />
      </Group>
      <div className={classes.stepList} role="list" aria-label="Steps">
        {steps.map((step, index) => (
          <button
            key={step.index}
            type="button"
            role="listitem"
            className={classes.stepChip}
            data-state={index === current ? 'current' : index < current ? 'visited' : 'ahead'}
            onClick={() => dispatch({ type: 'go-to-step', index })}
          >
            {step.label || step.node || 'Arrived'}
          </button>
        ))}
      </div>
    </Paper>
  );
}

export function CallReplayPage() {
  const { id = '' } = useParams();
  const supervisor = useCan('supervisor');
  const [replay, setReplay] = useState<{ data: CallReplay; document: DraftDocument } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [agents, setAgents] = useState<AgentView[]>([]);
  const steps = replay?.data.steps ?? [];
  const [timeline, dispatch] = useReducer((state: TimelineState, action: TimelineAction) => timelineReducer(steps, state, action), undefined, initialTimeline);
  usePlayback(timeline.playing, dispatch);

  useEffect(() => {
    let current = true;
    callsClient.replay(id).then(
      (data) => {
        if (!current) return;
        const read = readFlowDocument(data.flow.document);
        if (read.ok) setReplay({ data, document: read.document });
        else setProblem(`The version this call ran on cannot be drawn: ${read.error}`);
      },
      (error: unknown) => current && setProblem((error as Error).message),
    );
    return () => {
      current = false;
    };
  }, [id]);

  useEffect(() => {
    if (supervisor) directoryClient.agents.list().then(setAgents, () => setAgents([]));
  }, [supervisor]);
  const agentName = useCallback((agentId: string) => agents.find((agent) => agent.id === agentId)?.name ?? agentId, [agents]);

  const index = stepIndexAt(steps, timeline.positionMs);
  const path = useMemo(
    () => (replay ? pathUpTo(steps, index, replay.data.flow.id, replay.document.edges) : { marks: new Map(), litEdgeIds: new Set<string>() }),
    [replay, steps, index],
  );

  if (problem) {
    return (
      <Stack p="md">
        <Button component={Link} to="/calls" variant="subtle" leftSection={<IconArrowLeft size={14} />} w="fit-content">
          Call history
        </Button>
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {problem}
        </Alert>
      </Stack>
    );
  }
  if (!replay) {
    return (
      <Stack align="center" justify="center" h="100%">
        <Loader size="sm" />
      </Stack>
    );
  }
  const { data } = replay;
  const step = steps[index];
  return (
    <div className={classes.page}>
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ActionIcon component={Link} to="/calls" variant="subtle" aria-label="Back to call history">
            <IconArrowLeft size={18} />
          </ActionIcon>
          <div>
            <Title order={2} fz="lg">
              {data.call.from} → {data.call.to}
            </Title>
            <Text size="xs" c="dimmed">
              {new Date(data.call.startedAt).toLocaleString()} · {data.flow.name ?? 'Deleted flow'}, version {data.flow.versionNumber}
            </Text>
          </div>
        </Group>
        <Group gap="xs">
          <OutcomeBadge call={data.call} />
          <Badge variant="default" radius="sm" title={SOURCE_LABELS[data.source]}>
            {data.source === 'call-log' ? 'call log' : 'workflow history'}
          </Badge>
        </Group>
      </Group>
      <div className={classes.replayBody}>
        <Paper withBorder radius="md" className={classes.canvas}>
          <FlowOverlayCanvas document={replay.document} marks={path.marks} litEdgeIds={path.litEdgeIds}>
            <Panel position="top-left">
              <Badge variant="filled" color="dark" radius="sm" size="lg" tt="none">
                Version {data.flow.versionNumber} — as the call ran
              </Badge>
            </Panel>
          </FlowOverlayCanvas>
        </Paper>
        <Paper withBorder radius="md" className={classes.details}>
          <ScrollArea flex={1} p="sm">
            {step ? <StepDetails step={step} agentName={agentName} /> : <Text c="dimmed">This call has no recorded steps.</Text>}
          </ScrollArea>
          {(data.recordings.length > 0 || data.voicemails.length > 0) && (
            <Stack gap="xs" p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
              {data.recordings.map((recording) => (
                <AudioClip key={recording.id} audioUrl={recording.audioUrl} label={`Recording (${formatDuration(recording.durationSecs)})`} />
              ))}
              {data.voicemails.map((voicemail) => (
                <Stack key={voicemail.id} gap={2}>
                  <AudioClip audioUrl={voicemail.audioUrl} label={`Voicemail (${formatDuration(voicemail.durationSecs)})`} />
                  {voicemail.transcription && (
                    <Text size="xs" c="dimmed" fs="italic">
                      “{voicemail.transcription}”
                    </Text>
                  )}
                </Stack>
              ))}
            </Stack>
          )}
        </Paper>
      </div>
      <Timeline steps={steps} timeline={timeline} dispatch={dispatch} />
    </div>
  );
}
