import type { DropOffRow, FlowSummary } from '@callflow/schemas';
import { Alert, Badge, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { Panel } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { flowsClient } from '../../api/flows-client';
import type { DraftDocument } from '../../document/draft-document';
import { readFlowDocument } from '../../document/flow-files';
import { FlowOverlayCanvas, type CountWording } from '../live/flow-overlay-canvas';
import classes from './analytics.module.css';
import { dropOffOnCanvas, flowsWithDropOff } from './drop-off';

const hangUps = (count: number): CountWording => ({
  text: `${count} hung up`,
  title: `${count} ${count === 1 ? 'caller' : 'callers'} hung up while the call was on this node`,
});

interface Drawn {
  flowId: string;
  version: number | null;
  document: DraftDocument;
}

/** Where callers hung up, drawn on the flow: the active version's canvas with hang-ups per node. */
export function DropOffPanel({ rows, flows }: { rows: readonly DropOffRow[]; flows: readonly FlowSummary[] }) {
  const ranked = useMemo(() => flowsWithDropOff(rows), [rows]);
  const [chosen, setChosen] = useState<string | null>(null);
  const flowId = chosen ?? ranked[0]?.flowId ?? flows[0]?.id ?? null;
  const flow = flows.find((candidate) => candidate.id === flowId) ?? null;
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (flow === null) return;
    let current = true;
    const load = flow.activeVersion
      ? flowsClient.version(flow.id, flow.activeVersion.number).then((version) => ({ number: version.number as number | null, document: version.document }))
      : flowsClient.get(flow.id).then((detail) => ({ number: null, document: detail.draft }));
    load.then(
      (loaded) => {
        if (!current) return;
        const read = readFlowDocument(loaded.document);
        if (read.ok) setDrawn({ flowId: flow.id, version: loaded.number, document: read.document });
        else setProblem(`The flow cannot be drawn: ${read.error}`);
      },
      (error: unknown) => current && setProblem(`The flow could not be read: ${(error as Error).message}`),
    );
    return () => {
      current = false;
    };
  }, [flow]);

  const shown = drawn !== null && drawn.flowId === flowId ? drawn : null;
  const placed = useMemo(() => (shown ? dropOffOnCanvas(rows, shown.flowId, shown.document) : null), [rows, shown]);
  const options = flows.map((candidate) => {
    const lost = ranked.find((entry) => entry.flowId === candidate.id)?.hangUps ?? 0;
    return { value: candidate.id, label: lost > 0 ? `${candidate.name} · ${lost} hung up` : candidate.name };
  });
  const top = rows.filter((row) => row.flowId === flowId && row.hangUps > 0).slice(0, 8);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Select aria-label="Flow" data={options} value={flowId} onChange={setChosen} allowDeselect={false} w={320} size="sm" />
        {placed && (
          <Text size="sm" c="dimmed">
            {placed.total} {placed.total === 1 ? 'caller' : 'callers'} hung up in this flow
            {shown?.version ? ` · drawn on version ${shown.version}` : ' · drawn on the draft'}
          </Text>
        )}
      </Group>
      {problem && (
        <Alert color="red" variant="light">
          {problem}
        </Alert>
      )}
      <Group align="stretch" gap="md" wrap="nowrap">
        <div className={classes.canvas}>
          {shown && placed && (
            <FlowOverlayCanvas key={`${shown.flowId}:${shown.version}`} document={shown.document} counts={placed.counts} describeCount={hangUps}>
              <Panel position="top-right">
                <Badge variant="light" color="gray" tt="none">
                  Hang-ups per node
                </Badge>
              </Panel>
            </FlowOverlayCanvas>
          )}
        </div>
        <Paper withBorder p="sm" w={300} radius="sm">
          <Text size="sm" fw={600} mb="xs">
            Most hang-ups
          </Text>
          {top.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody hung up in this flow in the period.
            </Text>
          ) : (
            <Table fz="sm" verticalSpacing={4} aria-label="Hang-ups per node">
              <Table.Tbody>
                {top.map((row) => (
                  <Table.Tr key={row.node}>
                    <Table.Td>
                      {row.label || row.node}
                      {placed && !placed.counts.has(row.node) && (
                        <Text size="xs" c="dimmed">
                          not in the version drawn
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{row.hangUps}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Group>
    </Stack>
  );
}
