import { Button, Group, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { callsClient } from '../../api/calls-client';

/**
 * A recording's or voicemail's audio. It is fetched (with the bearer token, and audited by the API) only when the
 * user asks to listen, then played by the browser's audio player.
 */
export function AudioClip({ audioUrl, label, onPlay }: { audioUrl: string | null; label: string; onPlay?: () => void }) {
  const [source, setSource] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => () => {
    if (source !== null) URL.revokeObjectURL(source);
  }, [source]);

  if (audioUrl === null) {
    return (
      <Text size="xs" c="dimmed">
        {label}: the audio was deleted after the retention period.
      </Text>
    );
  }
  if (source !== null) {
    return <audio controls autoPlay src={source} aria-label={label} style={{ width: '100%', height: 36 }} />;
  }
  const load = async () => {
    setState('loading');
    try {
      setSource(URL.createObjectURL(await callsClient.audio(audioUrl)));
      setState('idle');
      onPlay?.();
    } catch (error) {
      setProblem((error as Error).message);
      setState('failed');
    }
  };
  return (
    <Group gap="xs">
      <Button size="compact-sm" variant="light" leftSection={<IconPlayerPlay size={14} />} loading={state === 'loading'} onClick={() => void load()}>
        {label}
      </Button>
      {state === 'failed' && (
        <Text size="xs" c="red.7">
          {problem}
        </Text>
      )}
    </Group>
  );
}
