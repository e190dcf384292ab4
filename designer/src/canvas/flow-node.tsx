import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { createContext, memo, useContext, useEffect, useRef, type ReactNode } from 'react';
import { definitionOf } from '../catalog/node-catalog';
import { useEditor } from '../store/editor-context';
import type { CanvasNode, CanvasNodeData } from './flow-adapter';
import { categoryColors, nodeIcons } from './node-appearance';
import { NODE_GEOMETRY, type NodeGeometry } from './node-geometry';
import { useProblemOf } from './problem-marks';

interface NodeCardProps {
  id: string;
  data: CanvasNodeData;
  /** Extra classes that mark the node (selected, problem, simulated, diff…). */
  marks: readonly string[];
  /** A small dot in the header, with its explanation. */
  indicator?: { className: string; title: string } | null;
  children?: ReactNode;
}

/** A node drawn from its definition: header, summary, and one handle per named port. */
export function NodeCard({ id, data, marks, indicator = null, children }: NodeCardProps) {
  const definition = definitionOf(data.kind);
  const Icon = nodeIcons[data.kind];
  const color = categoryColors[definition.ui.category];
  // React Flow measures handles when a node's size changes; a renamed port (a menu key changed) keeps the size,
  // so it must be told, or connections could not start from the renamed handle. Not on mount: React Flow measures a
  // new node anyway, and one update per node of a large flow would redraw the whole canvas once per node.
  const updateNodeInternals = useUpdateNodeInternals();
  const portNames = data.ports.map((port) => port.name).join('\u0000');
  const measuredPorts = useRef(portNames);
  useEffect(() => {
    if (measuredPorts.current === portNames) return;
    measuredPorts.current = portNames;
    updateNodeInternals(id);
  }, [id, portNames, updateNodeInternals]);
  return (
    <div className={['flow-node', ...marks].join(' ')} data-testid={`node-${id}`} style={{ ['--node-accent' as string]: `var(--mantine-color-${color}-6)` }}>
      {data.acceptsInput && <Handle type="target" position={Position.Left} className="flow-node-input" />}
      <div className="flow-node-header">
        <span className="flow-node-icon">
          <Icon size={15} stroke={1.8} />
        </span>
        <span className="flow-node-kind">{definition.ui.displayName}</span>
        {indicator && <span className={indicator.className} title={indicator.title} />}
      </div>
      <div className="flow-node-body">
        <div className="flow-node-label">{data.label || id}</div>
        {data.summary && <div className="flow-node-summary">{data.summary}</div>}
        {children}
      </div>
      {data.ports.length > 0 && (
        <ul className="flow-node-ports">
          {data.ports.map((port) => (
            <li key={port.name} className={port.required ? 'is-required' : undefined}>
              <span>{port.label}</span>
              <Handle type="source" id={port.name} position={Position.Right} className="flow-node-output" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Whether the canvas is zoomed out to its overview (see OVERVIEW_BELOW_ZOOM in flow-canvas.tsx). */
export const CanvasOverviewContext = createContext(false);

/**
 * A node card as the overview draws it: box, accent and label, and its handles where the full card has them (the
 * edges end there either way). It has far fewer elements than the full card, which counts when a large flow opens
 * zoomed out. Its size and handle positions are the worked-out ones, which the geometry spec in flows.e2e.spec.ts
 * checks against full cards: crossing the overview threshold moves no edge end.
 */
function OverviewCard({ id, data, marks, geometry }: Omit<NodeCardProps, 'indicator' | 'children'> & { geometry: NodeGeometry }) {
  const color = categoryColors[definitionOf(data.kind).ui.category];
  return (
    <div
      className={['flow-node', 'is-overview-card', ...marks].join(' ')}
      data-testid={`node-${id}`}
      style={{ ['--node-accent' as string]: `var(--mantine-color-${color}-6)`, height: geometry.height }}
    >
      <div className="flow-node-label">{data.label || id}</div>
      {geometry.handles.map((handle) => (
        <Handle
          key={`${handle.type}:${handle.id ?? ''}`}
          type={handle.type}
          id={handle.id}
          position={handle.position}
          className={handle.type === 'source' ? 'flow-node-output' : 'flow-node-input'}
          style={handle.type === 'source' ? { top: handle.y + NODE_GEOMETRY.handle / 2, right: NODE_GEOMETRY.border } : undefined}
        />
      ))}
    </div>
  );
}

/** A node of the flow being edited, marked with its problems and the simulated path. */
function FlowNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  const overview = useContext(CanvasOverviewContext);
  const problem = useProblemOf(id);
  const simulated = useEditor((state) => {
    const path = state.simulation;
    if (!path) return null;
    if (path.lastNodeId === id) return 'current';
    return path.visitedNodeIds.includes(id) ? 'visited' : null;
  });
  const marks = [selected && 'is-selected', problem && `has-${problem}`, simulated && `is-${simulated}`].filter((mark): mark is string => Boolean(mark));
  const indicator = problem && { className: `flow-node-problem is-${problem}`, title: `This node has ${problem === 'error' ? 'an error' : `a ${problem}`}` };
  if (overview && data.geometry) return <OverviewCard id={id} data={data} marks={marks} geometry={data.geometry} />;
  return <NodeCard id={id} data={data} marks={marks} indicator={indicator} />;
}

export const FlowNode = memo(FlowNodeView);
