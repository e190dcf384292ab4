import { FlowDocumentEnvelopeSchema, FlowMetadataSchema } from '@callflow/schemas';
import { Alert, Badge, Button, Divider, Group, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { definitionOf } from '../catalog/node-catalog';
import { categoryColors, nodeIcons } from '../canvas/node-appearance';
import { validationOf } from '../diagnostics/validation';
import { fieldSpecOf } from '../schema-form/field-spec';
import { issuesByPath } from '../schema-form/issues';
import { SchemaForm } from '../schema-form/schema-form';
import { useEditor } from '../store/editor-context';
import { referenceSuggestions } from './reference-suggestions';

/** The selected node's settings, a summary of a multiple selection, or the flow's own settings. */
export function Inspector() {
  const nodeIds = useEditor((state) => state.selection.nodeIds);
  const edgeCount = useEditor((state) => state.selection.edgeIds.length);
  const content =
    nodeIds.length === 1 ? (
      <NodeInspector nodeId={nodeIds[0]!} />
    ) : nodeIds.length > 1 || edgeCount > 0 ? (
      <SelectionSummary nodes={nodeIds.length} edges={edgeCount} />
    ) : (
      <FlowSettings />
    );
  return (
    <ScrollArea h="100%" px="md" py="sm">
      {content}
    </ScrollArea>
  );
}

function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useEditor((state) => state.document.nodes.find((candidate) => candidate.id === nodeId));
  const directory = useEditor((state) => state.directory);
  const validation = useEditor((state) => validationOf(state.document, state.directory));
  // Config problems show beside their fields; the others (connections, references) are listed above the form.
  const problems = useMemo(
    () => validation.diagnostics.filter((diagnostic) => diagnostic.nodeId === nodeId && diagnostic.code !== 'invalid-config'),
    [validation, nodeId],
  );
  const updateNodeConfig = useEditor((state) => state.updateNodeConfig);
  const updateNodeLabel = useEditor((state) => state.updateNodeLabel);
  const deleteSelection = useEditor((state) => state.deleteSelection);
  const issues = useMemo(() => (node ? issuesByPath(definitionOf(node.kind).config, node.config) : new Map()), [node]);
  const suggestions = useMemo(() => (node ? referenceSuggestions(node, directory) : () => null), [node, directory]);
  if (!node) return null;

  const definition = definitionOf(node.kind);
  const Icon = nodeIcons[node.kind];
  return (
    <Stack gap="md" pb="xl">
      <Stack gap={4}>
        <Group gap={8}>
          <Icon size={18} color={`var(--mantine-color-${categoryColors[definition.ui.category]}-6)`} />
          <Title order={4}>{definition.ui.displayName}</Title>
          <Badge variant="light" color="gray" size="sm" ml="auto">
            {node.id}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {definition.ui.description}
        </Text>
      </Stack>
      <TextInput label="Label" placeholder={node.id} value={node.label} maxLength={80} onChange={(event) => updateNodeLabel(node.id, event.currentTarget.value)} />
      {problems.length > 0 && (
        <Stack gap={6}>
          {problems.map((problem, index) => (
            <Alert key={index} variant="light" color={problem.severity === 'error' ? 'red' : problem.severity === 'warning' ? 'yellow' : 'blue'} p="xs">
              <Text size="sm">{problem.message}</Text>
            </Alert>
          ))}
        </Stack>
      )}
      <Divider />
      <SchemaForm
        spec={fieldSpecOf(definition.config)}
        value={node.config}
        issues={issues}
        suggestions={suggestions}
        onChange={(config, path) => updateNodeConfig(node.id, config as Record<string, unknown>, path)}
      />
      <Divider />
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={deleteSelection} style={{ alignSelf: 'flex-start' }}>
        Delete node
      </Button>
    </Stack>
  );
}

function SelectionSummary({ nodes, edges }: { nodes: number; edges: number }) {
  const deleteSelection = useEditor((state) => state.deleteSelection);
  const parts = [nodes > 0 && `${nodes} node${nodes === 1 ? '' : 's'}`, edges > 0 && `${edges} connection${edges === 1 ? '' : 's'}`].filter(Boolean);
  return (
    <Stack gap="sm">
      <Title order={4}>{parts.join(' and ')} selected</Title>
      <Text size="sm" c="dimmed">
        Ctrl+C copies the selected nodes, Delete removes the selection.
      </Text>
      <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={deleteSelection} style={{ alignSelf: 'flex-start' }}>
        Delete selection
      </Button>
    </Stack>
  );
}

const variablesSchema = FlowDocumentEnvelopeSchema.shape.variables;

function FlowSettings() {
  const metadata = useEditor((state) => state.document.metadata);
  const variables = useEditor((state) => state.document.variables);
  const updateMetadata = useEditor((state) => state.updateMetadata);
  const updateVariables = useEditor((state) => state.updateVariables);
  const metadataIssues = useMemo(() => issuesByPath(FlowMetadataSchema, metadata), [metadata]);
  const variableIssues = useMemo(() => issuesByPath(variablesSchema, variables), [variables]);
  return (
    <Stack gap="md" pb="xl">
      <Stack gap={4}>
        <Title order={4}>Flow settings</Title>
        <Text size="sm" c="dimmed">
          Select a node to edit it. These settings apply to the whole flow.
        </Text>
      </Stack>
      <SchemaForm
        spec={fieldSpecOf(FlowMetadataSchema)}
        value={metadata}
        issues={metadataIssues}
        onChange={(next, path) => updateMetadata(next as typeof metadata, path)}
      />
      <Divider label="Variables" labelPosition="left" />
      <SchemaForm
        spec={fieldSpecOf(variablesSchema)}
        value={variables}
        issues={variableIssues}
        onChange={(next, path) => updateVariables(next as typeof variables, path)}
      />
    </Stack>
  );
}
