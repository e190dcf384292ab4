import type { AgentRing, AgentView, CallSummary, Presence, RealtimeAck } from '@callflow/schemas';
import { Alert, Badge, Button, Group, Loader, Paper, Progress, ScrollArea, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowForwardUp, IconBellRinging, IconPhone, IconPhoneOff, IconVolume, IconVolumeOff } from '@tabler/icons-react';
import { useCallback, useEffect, useReducer, useState } from 'react';
import { callsClient } from '../../api/calls-client';
import { directoryClient } from '../../api/directory-client';
import { useSession } from '../../auth';
import { LiveStatusBadge, useLiveConnection, useLiveEvent } from '../../realtime';
import { formatDuration, secondsSince, useNow } from '../live/clock';
import { PRESENCE_LOOKS } from '../live/presence-badge';
import { agentConsoleReducer, emptyConsoleState, MISSED_REASONS, type ConsoleCall } from './agent-console-state';
import classes from './agent-console.module.css';
import type { ConsolePhone } from './agent-phone';
import { useAgentPhone } from './use-agent-phone';
import { soundNotice } from './ringtone-state';
import { useRingtone, type Ringtone } from './use-ringtone';
import { VoicemailInbox } from './voicemail-inbox';

const PRESENCE_CHOICES: Presence[] = ['available', 'busy', 'away', 'offline'];
const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** A `datetime-local` value `minutes` from now. */
function localInputIn(minutes: number): string {
  const date = new Date(Date.now() + minutes * 60_000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function SoundControl({ ringtone }: { ringtone: Ringtone }) {
  const { sound } = ringtone.state;
  return (
    <Group gap="xs" data-testid="sound" data-sound={sound}>
      {sound === 'enabled' ? (
        <Button size="xs" variant="default" leftSection={<IconVolumeOff size={14} />} onClick={ringtone.mute}>
          Mute ringtone
        </Button>
      ) : (
        <Button size="xs" variant={sound === 'muted' ? 'default' : 'filled'} color={sound === 'blocked' ? 'red' : 'indigo'} leftSection={<IconVolume size={14} />} onClick={() => void ringtone.enable()}>
          Enable sound
        </Button>
      )}
    </Group>
  );
}

function PresenceCard({ me, onChange }: { me: AgentView; onChange: (agent: AgentView) => void }) {
  const connection = useLiveConnection();
  const [saving, setSaving] = useState(false);
  const [until, setUntil] = useState(() => localInputIn(60));
  const dndActive = me.doNotDisturbUntil !== null && Date.parse(me.doNotDisturbUntil) > Date.now();

  const setPresence = async (presence: Presence) => {
    setSaving(true);
    const ack = await connection.ask('agent.presence.set', { presence });
    setSaving(false);
    if (ack.ok) onChange({ ...me, presence });
    else notifications.show({ color: 'red', title: 'Presence not changed', message: ack.error });
  };
  const setDoNotDisturb = async (doNotDisturbUntil: string | null) => {
    setSaving(true);
    try {
      onChange(await directoryClient.agents.setOwnPresence({ doNotDisturbUntil }));
    } catch (error) {
      notifications.show({ color: 'red', title: 'Do-not-disturb not changed', message: (error as Error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="sm">
          Presence
        </Title>
        {dndActive && (
          <Badge color="red" variant="light">
            Do not disturb until {time.format(new Date(me.doNotDisturbUntil!))}
          </Badge>
        )}
      </Group>
      <SegmentedControl
        fullWidth
        aria-label="Presence"
        disabled={saving}
        data={PRESENCE_CHOICES.map((presence) => ({ value: presence, label: PRESENCE_LOOKS[presence].label }))}
        value={me.presence}
        onChange={(value) => void setPresence(value as Presence)}
      />
      <Group mt="sm" align="flex-end" gap="xs">
        <TextInput label="Do not disturb until" type="datetime-local" size="xs" value={until} onChange={(event) => setUntil(event.currentTarget.value)} />
        <Button size="xs" variant="light" color="red" disabled={saving || until === ''} onClick={() => void setDoNotDisturb(new Date(until).toISOString())}>
          Do not disturb
        </Button>
        {dndActive && (
          <Button size="xs" variant="default" disabled={saving} onClick={() => void setDoNotDisturb(null)}>
            End do-not-disturb
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        Only available agents are offered calls; do-not-disturb holds them back until the time you choose.
      </Text>
    </Paper>
  );
}

function RingCard({
  offer,
  now,
  busy,
  answerElsewhere,
  onAccept,
  onDecline,
}: {
  offer: AgentRing;
  now: number;
  busy: boolean;
  /** Where to answer when the console cannot (a desk phone); null when it can. */
  answerElsewhere: string | null;
  onAccept(): void;
  onDecline(): void;
}) {
  const total = Math.max(1, Date.parse(offer.expiresAt) - Date.parse(offer.offeredAt));
  const left = Math.max(0, Date.parse(offer.expiresAt) - now);
  return (
    <Paper withBorder radius="md" p="md" className={classes.ring} data-testid="incoming-call" role="alert" aria-label={`Incoming call from ${offer.caller}`}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <IconBellRinging size={28} className={classes.bell} />
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Incoming call
            </Text>
            <Text fz="xl" fw={700}>
              {offer.caller}
            </Text>
            <Text size="sm" c="dimmed">
              {offer.flow.name ?? 'Deleted flow'}
              {offer.queue && ` · queue ${offer.queue.name ?? offer.queue.id}`} · waiting {formatDuration(secondsSince(offer.waitingSince, now))}
            </Text>
          </div>
        </Group>
        {answerElsewhere === null ? (
          <Group gap="xs" wrap="nowrap">
            <Button color="teal" size="md" leftSection={<IconPhone size={18} />} loading={busy} onClick={onAccept}>
              Accept
            </Button>
            <Button color="red" variant="light" size="md" leftSection={<IconPhoneOff size={18} />} disabled={busy} onClick={onDecline}>
              Decline
            </Button>
          </Group>
        ) : (
          <Text size="sm" fw={500}>
            Answer on your phone ({answerElsewhere})
          </Text>
        )}
      </Group>
      <Progress value={(left / total) * 100} size="xs" mt="sm" color="teal" aria-label="Time left to answer" />
      <Text size="xs" c="dimmed" mt={4}>
        Stops ringing in {formatDuration(left / 1000)}
      </Text>
    </Paper>
  );
}

function CurrentCallCard({
  call,
  now,
  busy,
  hangsUpHere,
  onHangUp,
  onTransfer,
  onDismiss,
}: {
  call: ConsoleCall;
  now: number;
  busy: boolean;
  hangsUpHere: boolean;
  onHangUp(): void;
  onTransfer(extension: string): void;
  onDismiss(): void;
}) {
  const ended = call.endedAt !== null;
  const [extension, setExtension] = useState('');
  const talkSecs = ((ended ? Date.parse(call.endedAt!) : now) - Date.parse(call.answeredAt)) / 1000;
  return (
    <Paper withBorder radius="md" p="md" className={ended ? undefined : classes.onCall} data-testid="current-call" data-state={ended ? 'ended' : 'talking'}>
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {ended ? `Call ended${call.outcome ? ` · ${call.outcome}` : ''}` : 'On a call'}
          </Text>
          <Text fz="xl" fw={700}>
            {call.offer.caller}
          </Text>
          <Text size="sm" c="dimmed">
            {call.offer.flow.name ?? 'Deleted flow'} · {ended ? 'talked' : 'talking'} {formatDuration(talkSecs)}
          </Text>
        </div>
        {ended ? (
          <Button variant="default" onClick={onDismiss}>
            Close
          </Button>
        ) : (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <form
              className={classes.transfer}
              aria-label="Transfer"
              onSubmit={(event) => {
                event.preventDefault();
                onTransfer(extension.trim());
              }}
            >
              <TextInput size="sm" w={120} placeholder="Extension" aria-label="Transfer to extension" value={extension} onChange={(event) => setExtension(event.currentTarget.value)} />
              <Button type="submit" variant="default" leftSection={<IconArrowForwardUp size={16} />} disabled={busy || extension.trim() === ''}>
                Transfer
              </Button>
            </form>
            {hangsUpHere && (
              <Button color="red" leftSection={<IconPhoneOff size={16} />} loading={busy} onClick={onHangUp}>
                Hang up
              </Button>
            )}
          </Group>
        )}
      </Group>
    </Paper>
  );
}

function MissedCalls({ live, history }: { live: ReturnType<typeof emptyConsoleState>['missed']; history: CallSummary[] | null }) {
  const liveCallIds = new Set(live.map((missed) => missed.offer.callId));
  const rows = [
    ...live.map((missed) => ({ key: missed.offer.offerId, at: missed.at, caller: missed.offer.caller, flow: missed.offer.flow.name, reason: MISSED_REASONS[missed.reason] })),
    ...(history ?? [])
      .filter((call) => !liveCallIds.has(call.id))
      .map((call) => ({ key: call.id, at: call.startedAt, caller: call.from, flow: call.flowName, reason: call.answeredAt === null ? 'not answered' : 'answered by a colleague' })),
  ];
  if (rows.length === 0) return <Text size="sm" c="dimmed">No missed calls.</Text>;
  return (
    <Table verticalSpacing={4} aria-label="Missed calls">
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {row.caller}
              </Text>
              <Text size="xs" c="dimmed">
                {row.flow ?? 'Deleted flow'} · {row.reason}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Text size="xs" c="dimmed">
                {time.format(new Date(row.at))}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AgentConsolePage() {
  const session = useSession();
  const connection = useLiveConnection();
  const agentId = session?.user.agentId ?? null;
  const [me, setMe] = useState<AgentView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, dispatch] = useReducer(agentConsoleReducer, undefined, emptyConsoleState);
  const [history, setHistory] = useState<CallSummary[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const now = useNow(500);
  const ringtone = useRingtone(state.ringing.length > 0);
  // The browser phone (Telnyx WebRTC) plays the caller's voice here.
  const [remoteAudio, setRemoteAudio] = useState<HTMLAudioElement | null>(null);
  const { phone, setup, problem: phoneProblem } = useAgentPhone(agentId !== null, remoteAudio);

  useEffect(() => {
    if (agentId === null) return;
    directoryClient.agents.me().then(setMe, (error: unknown) => setProblem((error as Error).message));
    callsClient.search({ agentId, status: 'ended', limit: 30 }).then(
      (page) => setHistory(page.calls.filter((call) => call.answeredByAgentId !== agentId)),
      () => setHistory([]),
    );
  }, [agentId]);

  useLiveEvent('agent.ring.v1', (offer) => dispatch({ type: 'ring', offer }));
  useLiveEvent('agent.ring.cancelled.v1', (cancelled) => dispatch({ type: 'ring.cancelled', cancelled, at: new Date().toISOString() }));
  useLiveEvent('call.updated.v1', (call) => dispatch({ type: 'call.updated', call }));
  useLiveEvent('agent.presence.v1', (presence) => setMe((current) => (current && current.id === presence.agentId ? { ...current, presence: presence.presence } : current)));

  // Follow the answered call, so that the console hears when it ends.
  const currentCallId = state.current?.endedAt === null ? state.current.offer.callId : null;
  useEffect(() => {
    if (currentCallId === null) return;
    void connection.follow(currentCallId);
    return () => void connection.unfollow(currentCallId);
  }, [connection, currentCallId]);

  const act = useCallback(
    async (offer: AgentRing, action: (phone: ConsolePhone) => Promise<RealtimeAck>): Promise<boolean> => {
      if (!phone) return false;
      setBusy(offer.offerId);
      const ack = await action(phone);
      setBusy(null);
      if (!ack.ok) notifications.show({ color: 'red', title: 'The phone did not do it', message: ack.error });
      return ack.ok;
    },
    [phone],
  );
  const transfer = async (offer: AgentRing, extension: string) => {
    if (await act(offer, (phone) => phone.transfer(offer, extension))) dispatch({ type: 'transferred', extension, at: new Date().toISOString() });
  };

  if (agentId === null) {
    return (
      <Stack p="md" maw={720}>
        <Title order={2} fz="lg">
          Agent console
        </Title>
        <Alert color="gray" variant="light">
          Your user is not linked to an agent, so no calls ring here. An administrator links users to agents in Settings → Users.
        </Alert>
        <VoicemailInbox />
      </Stack>
    );
  }

  const notice = soundNotice(ringtone.state);
  const answerElsewhere = setup?.type === 'desk-phone' ? setup.address : null;
  return (
    <ScrollArea h="100%" className={classes.page}>
      <audio ref={setRemoteAudio} autoPlay hidden />
      <Stack p="md" gap="md" maw={1100}>
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={2} fz="lg">
              Agent console
            </Title>
            {me && (
              <Text size="sm" c="dimmed">
                {me.name} · ext. {me.extension}
              </Text>
            )}
            <LiveStatusBadge />
          </Group>
          <SoundControl ringtone={ringtone} />
        </Group>
        {notice && (
          <Alert color={ringtone.state.sound === 'blocked' ? 'red' : 'yellow'} variant="light" icon={<IconVolumeOff size={18} />} data-testid="sound-notice">
            {notice}
          </Alert>
        )}
        {(problem ?? phoneProblem) && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />}>
            {problem ?? phoneProblem}
          </Alert>
        )}
        {state.ringing.map((offer) => (
          <RingCard
            key={offer.offerId}
            offer={offer}
            now={now}
            busy={busy === offer.offerId}
            answerElsewhere={answerElsewhere}
            onAccept={() => void act(offer, (phone) => phone.accept(offer))}
            onDecline={() => void act(offer, (phone) => phone.decline(offer))}
          />
        ))}
        {state.current && (
          <CurrentCallCard
            call={state.current}
            now={now}
            busy={busy === state.current.offer.offerId}
            hangsUpHere={phone?.answersHere ?? false}
            onHangUp={() => void act(state.current!.offer, (phone) => phone.hangUp(state.current!.offer))}
            onTransfer={(extension) => void transfer(state.current!.offer, extension)}
            onDismiss={() => dispatch({ type: 'dismiss-call' })}
          />
        )}
        {state.ringing.length === 0 && state.current === null && (
          <Paper withBorder radius="md" p="lg" ta="center">
            <Text c="dimmed">{me?.presence === 'available' ? 'Waiting for calls…' : 'Set yourself available to receive calls.'}</Text>
          </Paper>
        )}
        <div className={classes.columns}>
          {me ? <PresenceCard me={me} onChange={setMe} /> : <Loader size="sm" />}
          <Paper withBorder radius="md" p="md">
            <Title order={3} fz="sm" mb="sm">
              Missed calls
            </Title>
            <MissedCalls live={state.missed} history={history} />
          </Paper>
        </div>
        <VoicemailInbox />
      </Stack>
    </ScrollArea>
  );
}
