import type { CallMetricsRow } from '@callflow/schemas';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { formatSeconds } from '../settings/settings-ui';
import { percent, serviceLevelText } from './metrics';

function Kpi({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="md" radius="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={600} lh={1.3} aria-label={label}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** The period's totals at a glance. */
export function KpiCards({ total, serviceLevelSecs }: { total: CallMetricsRow; serviceLevelSecs: number }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} spacing="sm">
      <Kpi label="Calls" value={String(total.calls)} detail={`${total.waited} waited for an agent`} />
      <Kpi label="Answered" value={String(total.answered)} detail={`${percent(total.answered, total.calls)} of calls`} />
      <Kpi label="Abandoned" value={String(total.abandoned)} detail={`${percent(total.abandoned, total.calls)} of calls`} />
      <Kpi label="Voicemail" value={String(total.voicemail)} detail={`${percent(total.voicemail, total.calls)} of calls`} />
      <Kpi label="Average wait" value={formatSeconds(total.avgWaitSecs)} detail={`90% within ${formatSeconds(total.p90WaitSecs)}`} />
      <Kpi label="Service level" value={serviceLevelText(total)} detail={`answered within ${serviceLevelSecs} s`} />
    </SimpleGrid>
  );
}
