/**
 * Tarjan's strongly connected components, iterative (graphs of thousands of nodes must not overflow the stack).
 * `successors[v]` lists the vertices v has an edge to. Components come out in reverse topological order.
 */
export function stronglyConnectedComponents(successors: readonly (readonly number[])[]): number[][] {
  const count = successors.length;
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const nextSuccessor = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const componentStack: number[] = [];
  const walk: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  const discover = (vertex: number): void => {
    order[vertex] = counter;
    low[vertex] = counter;
    counter += 1;
    componentStack.push(vertex);
    onStack[vertex] = 1;
    walk.push(vertex);
  };

  for (let root = 0; root < count; root += 1) {
    if (order[root] !== -1) continue;
    discover(root);
    while (walk.length > 0) {
      const vertex = walk[walk.length - 1]!;
      const next = successors[vertex]!;
      const position = nextSuccessor[vertex]!;
      if (position < next.length) {
        nextSuccessor[vertex] = position + 1;
        const successor = next[position]!;
        if (order[successor] === -1) discover(successor);
        else if (onStack[successor] === 1) low[vertex] = Math.min(low[vertex]!, order[successor]!);
        continue;
      }
      walk.pop();
      if (low[vertex] === order[vertex]) {
        const component: number[] = [];
        let member: number;
        do {
          member = componentStack.pop()!;
          onStack[member] = 0;
          component.push(member);
        } while (member !== vertex);
        components.push(component);
      }
      const parent = walk[walk.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[vertex]!);
    }
  }
  return components;
}
