import { stronglyConnectedComponents } from './strongly-connected';

const normalised = (components: number[][]) => components.map((component) => [...component].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);

describe('stronglyConnectedComponents', () => {
  it('finds the components of a small graph, each vertex in exactly one', () => {
    // 0 → 1 → 2 → 0 is a cycle, 3 → 4 → 3 another, 2 → 3 joins them one way, 5 stands alone with a self-loop
    const successors = [[1], [2], [0, 3], [4], [3], [5]];
    expect(normalised(stronglyConnectedComponents(successors))).toEqual([[0, 1, 2], [3, 4], [5]]);
  });

  it('returns components in reverse topological order', () => {
    const components = stronglyConnectedComponents([[1], [2], []]);
    expect(components).toEqual([[2], [1], [0]]);
  });

  it('walks a 200,000-vertex chain and a 200,000-vertex cycle without overflowing the stack', () => {
    const size = 200_000;
    const chain = Array.from({ length: size }, (_, vertex) => (vertex + 1 < size ? [vertex + 1] : []));
    expect(stronglyConnectedComponents(chain)).toHaveLength(size);
    const cycle = Array.from({ length: size }, (_, vertex) => [(vertex + 1) % size]);
    const components = stronglyConnectedComponents(cycle);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(size);
  });
});
