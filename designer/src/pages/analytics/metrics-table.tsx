import type { CallMetricsRow } from '@callflow/schemas';
import { Table, Text } from '@mantine/core';
import { formatSeconds } from '../settings/settings-ui';
import { percent, serviceLevelText } from './metrics';

/** One row per agent or queue: volumes, waits, handle time and service level. */
export function MetricsTable({ rows, callsLabel, emptyText, label }: { rows: readonly CallMetricsRow[]; callsLabel: string; emptyText: string; label: string }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="md" ta="center">
        {emptyText}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} fz="sm" aria-label={label} striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th ta="right">{callsLabel}</Table.Th>
            <Table.Th ta="right">Answered</Table.Th>
            <Table.Th ta="right">Abandoned</Table.Th>
            <Table.Th ta="right">Avg wait</Table.Th>
            <Table.Th ta="right">p90 wait</Table.Th>
            <Table.Th ta="right">Avg talk</Table.Th>
            <Table.Th ta="right">Service level</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key ?? 'all'}>
              <Table.Td>{row.name ?? row.key ?? 'Everyone'}</Table.Td>
              <Table.Td ta="right">{row.calls}</Table.Td>
              <Table.Td ta="right">
                {row.answered}{' '}
                <Text span size="xs" c="dimmed">
                  {percent(row.answered, row.calls)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{row.abandoned}</Table.Td>
              <Table.Td ta="right">{formatSeconds(row.avgWaitSecs)}</Table.Td>
              <Table.Td ta="right">{formatSeconds(row.p90WaitSecs)}</Table.Td>
              <Table.Td ta="right">{formatSeconds(row.avgHandleSecs)}</Table.Td>
              <Table.Td ta="right">{serviceLevelText(row)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
