import type { Voicemail, VoicemailPage } from '@callflow/schemas';
import { Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useReducer, useState } from 'react';
import { callsClient } from '../../api/calls-client';
import { liveConnection, useLiveEvent, useOnLiveConnect, type LiveConnection } from '../../realtime';
import { AudioClip } from '../calls/audio-clip';
import { formatDuration } from '../live/clock';
import classes from './agent-console.module.css';
import { emptyInbox, unreadCount, voicemailInboxReducer } from './voicemail-inbox-state';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** Where the inbox reads and marks messages (the API's voicemail routes). */
export interface VoicemailSource {
  voicemails(filters: { limit: number }): Promise<VoicemailPage>;
  markVoicemailRead(id: string): Promise<Voicemail>;
}

/**
 * The voicemails the signed-in user may hear (an agent: its mailboxes; a supervisor: the company's). New ones arrive
 * over the live connection (`voicemail.created.v1`); the list is read again at each (re)connection, since messages
 * left while disconnected were never announced.
 */
export function VoicemailInbox({ source = callsClient, connection = liveConnection }: { source?: VoicemailSource; connection?: LiveConnection }) {
  const [inbox, dispatch] = useReducer(voicemailInboxReducer, undefined, emptyInbox);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    source.voicemails({ limit: 50 }).then(
      (page) => {
        setProblem(null);
        dispatch({ type: 'loaded', voicemails: page.voicemails });
      },
      (error: unknown) => setProblem((error as Error).message),
    );
  }, [source]);
  useEffect(load, [load]);
  useOnLiveConnect(load, connection);
  useLiveEvent('voicemail.created.v1', (voicemail) => dispatch({ type: 'created', voicemail }), connection);

  const markRead = async (id: string) => {
    try {
      dispatch({ type: 'updated', voicemail: await source.markVoicemailRead(id) });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not marked as read', message: (error as Error).message });
    }
  };
  const unread = unreadCount(inbox);

  return (
    <Paper withBorder radius="md" p="md">
      <Group gap="xs" mb="sm">
        <Title order={3} fz="sm">
          Voicemails
        </Title>
        {unread > 0 && (
          <Badge size="sm" color="indigo" data-testid="unread-voicemails">
            {unread} unread
          </Badge>
        )}
      </Group>
      {problem && inbox.voicemails.length === 0 ? (
        <Text size="sm" c="red.7">
          {problem}
        </Text>
      ) : !inbox.loaded && inbox.voicemails.length === 0 ? (
        <Loader size="xs" />
      ) : inbox.voicemails.length === 0 ? (
        <Text size="sm" c="dimmed">
          No voicemails.
        </Text>
      ) : (
        <Stack gap="xs" aria-label="Voicemails" role="list">
          {inbox.voicemails.map((voicemail) => (
            <Paper
              key={voicemail.id}
              withBorder
              p="xs"
              radius="sm"
              role="listitem"
              className={voicemail.readAt === null ? classes.unread : undefined}
              data-testid={`voicemail-${voicemail.id}`}
              data-unread={voicemail.readAt === null}
            >
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text size="sm" fw={voicemail.readAt === null ? 700 : 500}>
                    {voicemail.callerNumber}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {time.format(new Date(voicemail.createdAt))} · {formatDuration(voicemail.durationSecs)} · {voicemail.mailboxId}
                  </Text>
                </div>
                {voicemail.readAt === null ? (
                  <Button size="compact-xs" variant="subtle" onClick={() => void markRead(voicemail.id)}>
                    Mark read
                  </Button>
                ) : (
                  <Badge size="xs" variant="light" color="gray">
                    read
                  </Badge>
                )}
              </Group>
              {voicemail.transcription && (
                <Text size="xs" fs="italic" mt={4}>
                  “{voicemail.transcription}”
                </Text>
              )}
              <div style={{ marginTop: 6 }}>
                <AudioClip audioUrl={voicemail.audioUrl} label="Play" onPlay={() => void (voicemail.readAt === null && markRead(voicemail.id))} />
              </div>
            </Paper>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
