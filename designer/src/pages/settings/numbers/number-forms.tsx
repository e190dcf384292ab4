import { AddNumberBodySchema, AvailableNumbersQuerySchema, type AddNumberBody, type AvailableNumber, type AvailableNumbersQuery, type FlowSummary } from '@callflow/schemas';
import { Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { feedbackOf, type FormProblem } from '../form-feedback';
import { nullIfBlank } from '../form-values';
import { FormFooter, ProblemAlert } from '../settings-ui';
import { useSettingsForm } from '../use-settings-form';

export interface NumberFormValues {
  number: string;
  label: string;
  flowId: string;
}

export const numberBody = (values: NumberFormValues) => ({ number: values.number.trim(), label: values.label, flowId: nullIfBlank(values.flowId) });

export function flowOptions(flows: FlowSummary[]) {
  return flows.map((flow) => ({ value: flow.id, label: flow.activeVersion ? flow.name : `${flow.name} (not published)` }));
}

/** Adds a number as it is: any number with the sandbox carrier, one already on the Telnyx account otherwise. */
export function AddNumberForm({ flows, onSubmit, onCancel }: { flows: FlowSummary[]; onSubmit(body: AddNumberBody): Promise<void>; onCancel(): void }) {
  const { form, submit, problem, saving } = useSettingsForm<NumberFormValues, AddNumberBody>({
    initialValues: { number: '', label: '', flowId: '' },
    schema: AddNumberBodySchema,
    toBody: numberBody,
    onSubmit,
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add number">
      <Stack gap="md">
        <ProblemAlert problem={problem} />
        <TextInput label="Number" placeholder="+18005550100" withAsterisk description="E.164, with the country code" {...form.getInputProps('number')} />
        <TextInput label="Label" placeholder="Main line" {...form.getInputProps('label')} />
        <Select label="Flow" description="What calls to the number run" data={flowOptions(flows)} clearable placeholder="Unassigned" {...form.getInputProps('flowId')} />
      </Stack>
      <FormFooter saving={saving} onCancel={onCancel} generalError={form.errors['']} submitLabel="Add number" />
    </form>
  );
}

interface SearchValues {
  countryCode: string;
  areaCode: string;
  contains: string;
  locality: string;
}

const searchQuery = (values: SearchValues) => ({
  countryCode: values.countryCode.trim().toUpperCase(),
  areaCode: nullIfBlank(values.areaCode) ?? undefined,
  contains: nullIfBlank(values.contains) ?? undefined,
  locality: nullIfBlank(values.locality) ?? undefined,
});

/** Searches the carrier's available numbers, then buys one (a Telnyx number order; the sandbox carrier in sandbox mode). */
export function PurchaseNumberPanel({
  flows,
  search,
  purchase,
  onCancel,
}: {
  flows: FlowSummary[];
  search(query: Partial<AvailableNumbersQuery>): Promise<AvailableNumber[]>;
  purchase(body: AddNumberBody): Promise<void>;
  onCancel(): void;
}) {
  const [results, setResults] = useState<AvailableNumber[] | null>(null);
  const [label, setLabel] = useState('');
  const [flowId, setFlowId] = useState<string | null>(null);
  const [buying, setBuying] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { form, submit, problem: searchProblem, saving } = useSettingsForm<SearchValues, AvailableNumbersQuery>({
    initialValues: { countryCode: 'US', areaCode: '', contains: '', locality: '' },
    schema: AvailableNumbersQuerySchema,
    toBody: searchQuery,
    onSubmit: async (query) => setResults(await search(query)),
  });

  const buy = async (number: string) => {
    setBuying(number);
    setProblem(null);
    try {
      await purchase({ number, label, flowId });
    } catch (error) {
      setProblem(feedbackOf(error, {}).problem);
    } finally {
      setBuying(null);
    }
  };

  return (
    <Stack gap="md">
      <form onSubmit={submit} noValidate aria-label="Search numbers">
        <Stack gap="sm">
          <ProblemAlert problem={searchProblem} />
          <SimpleGrid cols={4}>
            <TextInput label="Country" maxLength={2} {...form.getInputProps('countryCode')} />
            <TextInput label="Area code" placeholder="415" {...form.getInputProps('areaCode')} />
            <TextInput label="Contains" placeholder="555" {...form.getInputProps('contains')} />
            <TextInput label="City" {...form.getInputProps('locality')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" variant="light" leftSection={<IconSearch size={16} />} loading={saving}>
              Search
            </Button>
          </Group>
        </Stack>
      </form>
      {results !== null && (
        <>
          <SimpleGrid cols={2}>
            <TextInput label="Label for the number" placeholder="Main line" value={label} onChange={(event) => setLabel(event.currentTarget.value)} />
            <Select label="Flow" data={flowOptions(flows)} clearable placeholder="Unassigned" value={flowId} onChange={setFlowId} />
          </SimpleGrid>
          <ProblemAlert problem={problem} />
          <Table verticalSpacing="xs" aria-label="Available numbers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th>Monthly</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.map((available) => (
                <Table.Tr key={available.number}>
                  <Table.Td ff="monospace">{available.number}</Table.Td>
                  <Table.Td>{[available.locality, available.region].filter(Boolean).join(', ') || '—'}</Table.Td>
                  <Table.Td>{available.monthlyCost ? `${available.monthlyCost} ${available.currency ?? ''}` : '—'}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" loading={buying === available.number} disabled={buying !== null && buying !== available.number} onClick={() => void buy(available.number)}>
                      Buy
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {results.length === 0 && (
            <Text size="sm" c="dimmed" ta="center">
              No numbers match. Try another area code.
            </Text>
          )}
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Close
        </Button>
      </Group>
    </Stack>
  );
}
