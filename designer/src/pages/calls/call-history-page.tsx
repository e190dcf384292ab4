import { CALL_RESULTS, type AgentView, type CallSummary, type FlowSummary, type FlowVersionSummary } from '@callflow/schemas';
import { Alert, Button, Group, Loader, Paper, ScrollArea, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconPlayerPlay, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { callsClient } from '../../api/calls-client';
import { directoryClient } from '../../api/directory-client';
import { flowsClient } from '../../api/flows-client';
import { isApiError } from '../../api/http';
import { useCan } from '../../auth';
import { formatDuration } from '../live/clock';
import { emptyFilters, filtersFromParams, fromLocalInput, paramsFromFilters, queryFromFilters, toLocalInput, type FilterKey, type FilterValues } from './call-filters';
import classes from './calls.module.css';
import { OutcomeBadge } from './outcome-badge';

interface Results {
  calls: CallSummary[];
  nextCursor: string | null;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function durationOf(call: CallSummary): string {
  if (call.endedAt === null) return '—';
  return formatDuration((Date.parse(call.endedAt) - Date.parse(call.startedAt)) / 1000);
}

export function CallHistoryPage() {
  const supervisor = useCan('supervisor');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const applied = useMemo(() => filtersFromParams(params), [params]);
  const [form, setForm] = useState<FilterValues>(applied);
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Partial<Record<FilterKey, string>> } | null>(null);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [versions, setVersions] = useState<FlowVersionSummary[]>([]);
  const [agents, setAgents] = useState<AgentView[]>([]);

  useEffect(() => setForm(applied), [applied]);

  useEffect(() => {
    if (!supervisor) return;
    flowsClient.list().then(setFlows, () => setFlows([]));
    directoryClient.agents.list().then(setAgents, () => setAgents([]));
  }, [supervisor]);

  useEffect(() => {
    if (form.flowId === '') {
      setVersions([]);
      return;
    }
    flowsClient.versions(form.flowId).then(setVersions, () => setVersions([]));
  }, [form.flowId]);

  // One search per applied set of filters; a newer search cancels an older one still running.
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    callsClient.search(queryFromFilters(applied), abort.signal).then(
      (page) => {
        setResults(page);
        setLoading(false);
      },
      (caught: unknown) => {
        if (abort.signal.aborted) return;
        const fields = isApiError(caught, 400) ? Object.fromEntries(caught.issues.map((issue) => [issue.path, issue.message])) : {};
        setError({ message: caught instanceof Error ? caught.message : String(caught), fields });
        setResults(null);
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [applied]);

  const loadMore = async () => {
    if (!results?.nextCursor) return;
    setLoading(true);
    try {
      const page = await callsClient.search({ ...queryFromFilters(applied), cursor: results.nextCursor });
      setResults({ calls: [...results.calls, ...page.calls], nextCursor: page.nextCursor });
    } catch (caught) {
      setError({ message: (caught as Error).message, fields: {} });
    } finally {
      setLoading(false);
    }
  };

  const set = (key: FilterKey, value: string | null) => setForm((current) => ({ ...current, [key]: value ?? '', ...(key === 'flowId' ? { flowVersionId: '' } : {}) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(paramsFromFilters(form));
  };
  const agentName = (agentId: string | null) => (agentId === null ? '—' : (agents.find((agent) => agent.id === agentId)?.name ?? agentId));

  return (
    <div className={classes.page}>
      <Group justify="space-between" px="md" py="sm">
        <Title order={2} fz="lg">
          Call history
        </Title>
        {supervisor && (
          <Button component={Link} to="/live" variant="subtle" size="xs">
            Live monitor
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md" mx="md" p="sm" component="form" onSubmit={submit} aria-label="Search calls">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="From"
            type="datetime-local"
            size="xs"
            value={toLocalInput(form.since)}
            onChange={(event) => set('since', fromLocalInput(event.currentTarget.value))}
            error={error?.fields.since}
          />
          <TextInput
            label="Until"
            type="datetime-local"
            size="xs"
            value={toLocalInput(form.until)}
            onChange={(event) => set('until', fromLocalInput(event.currentTarget.value))}
            error={error?.fields.until}
          />
          <TextInput label="Caller" placeholder="+14155550123" size="xs" w={150} value={form.caller} onChange={(event) => set('caller', event.currentTarget.value)} error={error?.fields.caller} />
          <TextInput label="Number called" placeholder="+18005550100" size="xs" w={150} value={form.called} onChange={(event) => set('called', event.currentTarget.value)} error={error?.fields.called} />
          {supervisor && (
            <>
              <Select
                label="Flow"
                size="xs"
                w={180}
                clearable
                data={flows.map((flow) => ({ value: flow.id, label: flow.name }))}
                value={form.flowId || null}
                onChange={(value) => set('flowId', value)}
                error={error?.fields.flowId}
              />
              <Select
                label="Version"
                size="xs"
                w={110}
                clearable
                disabled={form.flowId === ''}
                data={versions.map((version) => ({ value: version.id, label: `v${version.number}` }))}
                value={form.flowVersionId || null}
                onChange={(value) => set('flowVersionId', value)}
                error={error?.fields.flowVersionId}
              />
              <Select
                label="Agent"
                size="xs"
                w={150}
                clearable
                searchable
                data={agents.map((agent) => ({ value: agent.id, label: agent.name }))}
                value={form.agentId || null}
                onChange={(value) => set('agentId', value)}
                error={error?.fields.agentId}
              />
            </>
          )}
          <Select
            label="Outcome"
            size="xs"
            w={140}
            clearable
            data={CALL_RESULTS.map((result) => ({ value: result, label: result }))}
            value={form.outcome || null}
            onChange={(value) => set('outcome', value)}
          />
          <Select
            label="Status"
            size="xs"
            w={120}
            clearable
            data={[
              { value: 'running', label: 'In progress' },
              { value: 'ended', label: 'Ended' },
            ]}
            value={form.status || null}
            onChange={(value) => set('status', value)}
          />
          <Button type="submit" size="xs" leftSection={<IconSearch size={14} />}>
            Search
          </Button>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              setForm(emptyFilters());
              setParams(new URLSearchParams());
            }}
          >
            Clear
          </Button>
        </Group>
      </Paper>
      {error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} mx="md" mt="sm" role="alert">
          {error.message}
        </Alert>
      )}
      <Paper withBorder radius="md" m="md" className={classes.results}>
        <ScrollArea h="100%">
          <Table stickyHeader highlightOnHover verticalSpacing={6} aria-label="Calls">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Caller</Table.Th>
                <Table.Th>Number called</Table.Th>
                <Table.Th>Flow</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Answered by</Table.Th>
                <Table.Th>Wait</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results?.calls.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={9}>
                    <Text size="sm" c="dimmed" ta="center" py="md">
                      No calls match.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {results?.calls.map((call) => (
                <Table.Tr key={call.id} className={classes.row} onClick={() => void navigate(`/calls/${call.id}/replay`)} data-testid={`call-row-${call.id}`}>
                  <Table.Td>{dateTime.format(new Date(call.startedAt))}</Table.Td>
                  <Table.Td>{call.from}</Table.Td>
                  <Table.Td>{call.to}</Table.Td>
                  <Table.Td>
                    {call.flowName ?? 'Deleted flow'}{' '}
                    <Text span size="xs" c="dimmed">
                      v{call.flowVersionNumber ?? '?'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <OutcomeBadge call={call} />
                  </Table.Td>
                  <Table.Td>{agentName(call.answeredByAgentId)}</Table.Td>
                  <Table.Td ff="monospace">{call.waitSecs === null ? '—' : formatDuration(call.waitSecs)}</Table.Td>
                  <Table.Td ff="monospace">{durationOf(call)}</Table.Td>
                  <Table.Td>
                    <Button
                      component={Link}
                      to={`/calls/${call.id}/replay`}
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconPlayerPlay size={12} />}
                      onClick={(event) => event.stopPropagation()}
                    >
                      Replay
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack align="center" py="sm">
            {loading && <Loader size="sm" />}
            {!loading && results?.nextCursor && (
              <Button variant="default" size="xs" onClick={() => void loadMore()}>
                Load older calls
              </Button>
            )}
          </Stack>
        </ScrollArea>
      </Paper>
    </div>
  );
}
