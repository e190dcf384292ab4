import { AnalyticsQuerySchema } from '@callflow/schemas';
import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Group, LoadingOverlay, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateTime } from 'luxon';
import { useCallback, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { analyticsClient, type ReportQuery } from '../../api/analytics-client';
import { flowsClient } from '../../api/flows-client';
import { RequireRole } from '../../auth';
import { TimeZoneSelect } from '../settings/settings-ui';
import { useLoaded } from '../settings/use-loaded';
import classes from './analytics.module.css';
import { BusiestHoursHeatmap } from './busiest-hours-heatmap';
import { CsvButton } from './csv-button';
import { loadDashboard } from './dashboard';
import { DropOffPanel } from './drop-off-panel';
import { KpiCards } from './kpi-cards';
import { MetricsTable } from './metrics-table';
import { volumePoints, waitPoints } from './metrics';
import { PERIOD_PRESETS, periodOf, type PeriodPreset } from './period';

const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function Section({ title, description, action, children }: { title: string; description?: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="sm">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Text fw={600}>{title}</Text>
          {description && (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

const lastDay = (to: string) => DateTime.fromISO(to, { zone: 'utc' }).minus({ days: 1 }).toFormat('d LLL yyyy');
const firstDay = (from: string) => DateTime.fromISO(from, { zone: 'utc' }).toFormat('d LLL yyyy');

/** `/analytics`: the period's calls — volumes, outcomes, waits, service level, agents, queues, busiest hours, drop-off. */
export function AnalyticsPage() {
  // The period and settings live in the address: a report can be shared, and survives a reload.
  const [params, setParams] = useSearchParams();
  const preset: PeriodPreset = PERIOD_PRESETS.find((entry) => entry.value === params.get('period'))?.value ?? 'last-7-days';
  const todayHere = DateTime.now().toFormat('yyyy-MM-dd');
  const custom = { first: params.get('from') ?? todayHere, last: params.get('to') ?? todayHere };
  const timeZone = params.get('timeZone') ?? BROWSER_TIME_ZONE;
  const serviceLevelSecs = params.get('serviceLevel') ?? '20';
  const update = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const period = periodOf(preset, timeZone, new Date(), custom);
  const checked = AnalyticsQuerySchema.safeParse({ ...period, timeZone, serviceLevelSecs });
  const query: ReportQuery | null = checked.success ? { from: checked.data.from.slice(0, 10), to: checked.data.to.slice(0, 10), timeZone, serviceLevelSecs: checked.data.serviceLevelSecs } : null;
  const queryKey = JSON.stringify(query);
  // Loaded again when the query changes by value, not on every render.
  const load = useCallback(() => (query === null ? Promise.resolve(null) : loadDashboard({ analytics: analyticsClient, flows: flowsClient }, query)), [queryKey]);
  const dashboard = useLoaded(load);
  const data = dashboard.data;

  return (
    <RequireRole minimum="supervisor">
      <div className={classes.page}>
        <Stack gap="md" className={classes.inner}>
          <Group justify="space-between" align="flex-end">
            <div>
              <Title order={2} fz="xl">
                Analytics
              </Title>
              {query && (
                <Text size="sm" c="dimmed">
                  Calls from {firstDay(query.from)} to {lastDay(query.to)}, {timeZone}
                </Text>
              )}
            </div>
            <Group gap="sm" align="flex-end">
              <SegmentedControl aria-label="Period" data={PERIOD_PRESETS} value={preset} onChange={(value) => update({ period: value })} />
              {preset === 'custom' && (
                <>
                  <TextInput type="date" label="From" value={custom.first} onChange={(event) => update({ from: event.currentTarget.value })} w={150} />
                  <TextInput type="date" label="To" value={custom.last} onChange={(event) => update({ to: event.currentTarget.value })} w={150} />
                </>
              )}
              <TimeZoneSelect label="Time zone" value={timeZone} onChange={(zone) => zone && update({ timeZone: zone })} w={210} />
              <NumberInput label="Service level" suffix=" s" min={1} max={3600} value={serviceLevelSecs} onChange={(value) => update({ serviceLevel: String(value) })} w={120} />
            </Group>
          </Group>

          {!checked.success && (
            <Alert color="red" variant="light" title="Choose another period">
              {checked.error.issues.map((issue) => issue.message).join('; ')}
            </Alert>
          )}
          {dashboard.error && (
            <Alert color="red" variant="light" title="The reports could not be loaded">
              {dashboard.error}
            </Alert>
          )}

          {data && query && (
            <div style={{ position: 'relative' }} role="region" aria-label="Reports" aria-busy={dashboard.loading}>
              <LoadingOverlay visible={dashboard.loading} overlayProps={{ blur: 1, backgroundOpacity: 0.4 }} />
              <Stack gap="md">
                <KpiCards total={data.total} serviceLevelSecs={query.serviceLevelSecs} />
                <Section
                  title="Calls over time"
                  description="By how they ended"
                  action={
                    <Group gap={4}>
                      <CsvButton report="calls" query={query} by="tenant" label="Totals" />
                      <CsvButton report="volume" query={query} label="Over time" />
                    </Group>
                  }
                >
                  <BarChart
                    h={240}
                    data={volumePoints(data.overTime)}
                    dataKey="label"
                    type="stacked"
                    withLegend
                    legendProps={{ verticalAlign: 'bottom', height: 36 }}
                    gridAxis="x"
                    tickLine="none"
                    maxBarWidth={36}
                    series={[
                      { name: 'answered', label: 'Answered', color: 'teal.6' },
                      { name: 'voicemail', label: 'Voicemail', color: 'indigo.4' },
                      { name: 'abandoned', label: 'Abandoned', color: 'orange.5' },
                      { name: 'other', label: 'Ended by the flow', color: 'gray.4' },
                    ]}
                  />
                </Section>
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                  <Section title="Waits" description="Of calls that waited for an agent">
                    <LineChart
                      h={200}
                      data={waitPoints(data.overTime)}
                      dataKey="label"
                      unit=" s"
                      connectNulls
                      withLegend
                      legendProps={{ verticalAlign: 'bottom', height: 36 }}
                      gridAxis="x"
                      tickLine="none"
                      curveType="monotone"
                      series={[
                        { name: 'averageWait', label: 'Average', color: 'indigo.6' },
                        { name: 'p90Wait', label: '90th percentile', color: 'indigo.3' },
                      ]}
                    />
                  </Section>
                  <Section title="Service level" description={`Waiting calls answered within ${query.serviceLevelSecs} s`}>
                    <LineChart
                      h={200}
                      data={waitPoints(data.overTime)}
                      dataKey="label"
                      unit="%"
                      yAxisProps={{ domain: [0, 100] }}
                      connectNulls
                      gridAxis="x"
                      tickLine="none"
                      curveType="monotone"
                      series={[{ name: 'serviceLevel', label: 'Service level', color: 'teal.6' }]}
                    />
                  </Section>
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
                  <Section title="Agents" description="Calls offered to each agent" action={<CsvButton report="calls" query={query} by="agent" label="Agents" />}>
                    <MetricsTable rows={data.agents.rows} callsLabel="Offered" label="Agents" emptyText="No calls were offered to agents in this period." />
                  </Section>
                  <Section title="Queues" description="By the queue the caller waited in last" action={<CsvButton report="calls" query={query} by="queue" label="Queues" />}>
                    <MetricsTable rows={data.queues.rows} callsLabel="Calls" label="Queues" emptyText="No caller waited in a queue in this period." />
                  </Section>
                </SimpleGrid>
                <Section title="Busiest hours" description={`Calls per hour of the week, ${timeZone}`} action={<CsvButton report="busiest-hours" query={query} label="Hours" />}>
                  <BusiestHoursHeatmap rows={data.busiestHours.rows} />
                </Section>
                <Section title="Drop-off" description="Where callers hung up before the flow finished" action={<CsvButton report="drop-off" query={query} label="Drop-off" />}>
                  <DropOffPanel rows={data.dropOff.rows} flows={data.flows} />
                </Section>
              </Stack>
            </div>
          )}
          {!data && dashboard.loading && (
            <Text size="sm" c="dimmed">
              Loading the reports…
            </Text>
          )}
        </Stack>
      </div>
    </RequireRole>
  );
}
