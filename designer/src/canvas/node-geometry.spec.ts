import { Position } from '@xyflow/react';
import { NODE_GEOMETRY, SUMMARY_WIDTH, nodeGeometry, summaryLines } from './node-geometry';

const port = (name: string) => ({ name, label: name, required: false });
/** A text width of 6 px per character. */
const sixPerCharacter = (text: string) => text.length * 6;

describe('node geometry', () => {
  it('adds up the rows of a card: header, label, summary lines, port rows and borders', () => {
    const g = NODE_GEOMETRY;
    const bare = nodeGeometry({ acceptsInput: false, ports: [] }, 0);
    expect(bare).toEqual({ width: 240, height: g.borderTop + g.header + g.label + g.bodyPaddingBottom + g.border, handles: [] });
    const twoLines = nodeGeometry({ acceptsInput: false, ports: [] }, 2);
    expect(twoLines.height - bare.height).toBe(g.summaryGap + 2 * g.summaryLine);
    const threePorts = nodeGeometry({ acceptsInput: false, ports: [port('a'), port('b'), port('c')] }, 0);
    expect(threePorts.height - bare.height).toBe(g.portsBorder + 2 * g.portsPadding + 3 * g.portRow);
  });

  it('puts the input handle on the middle of the left edge and one output per port row on the right edge', () => {
    const { height, handles } = nodeGeometry({ acceptsInput: true, ports: [port('next'), port('error')] }, 1);
    const [next, error, input] = handles;
    expect(input).toEqual({ id: null, type: 'target', position: Position.Left, x: -5, y: height / 2 - 5, width: 10, height: 10 });
    expect(next).toMatchObject({ id: 'next', type: 'source', position: Position.Right, x: 234, width: 10, height: 10 });
    expect(error!.y - next!.y).toBe(NODE_GEOMETRY.portRow);
    // The last row's centre is half a row and the list's bottom padding above the card's bottom border.
    expect(height - NODE_GEOMETRY.border - NODE_GEOMETRY.portsPadding - NODE_GEOMETRY.portRow / 2).toBe(error!.y + 5);
  });

  it('counts one summary line for text that fits or cannot break, two for longer text, none for no text', () => {
    const fits = 'x'.repeat(Math.floor(SUMMARY_WIDTH / 6) - 4) + ' end';
    expect(summaryLines(fits, sixPerCharacter)).toBe(1);
    expect(summaryLines(`${fits} and more`, sixPerCharacter)).toBe(2);
    expect(summaryLines(`${fits}-more`, sixPerCharacter)).toBe(2);
    expect(summaryLines('https://cdn.example.com/'.repeat(5), sixPerCharacter)).toBe(1);
    expect(summaryLines('  \n ', sixPerCharacter)).toBe(0);
  });
});
