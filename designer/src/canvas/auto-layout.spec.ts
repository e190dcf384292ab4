import { exampleDocument } from '../document/examples';
import { layoutPositions } from './auto-layout';

describe('auto-layout', () => {
  it('places every node left to right along the call path without overlaps', async () => {
    const document = exampleDocument();
    const positions = await layoutPositions(document, {});
    expect(Object.keys(positions).sort()).toEqual(document.nodes.map((node) => node.id).sort());
    for (const edge of document.edges) expect(positions[edge.target]!.x).toBeGreaterThan(positions[edge.source]!.x);
    const boxes = Object.values(positions);
    for (const [index, a] of boxes.entries()) {
      for (const b of boxes.slice(index + 1)) {
        const apart = Math.abs(a.x - b.x) >= 240 || Math.abs(a.y - b.y) >= 120;
        expect(apart).toBe(true);
      }
    }
  });

  it('stacks a menu’s branches in the order of its keys', async () => {
    const positions = await layoutPositions(exampleDocument(), {});
    expect(positions.service!.y).toBeLessThan(positions.billing!.y);
  });
});
