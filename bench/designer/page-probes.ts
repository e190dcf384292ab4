// Functions serialised into the designer's page by playwright-core: they run in the browser, not in Node.

interface FrameRecording {
  deltas: number[];
  recording: boolean;
}

declare global {
  interface Window {
    /** performance.now() (ms since navigation started) of the first frame after every node was drawn. */
    benchInteractiveAt?: number;
    /** performance.now() when the canvas first held every node (drawn or not yet measured). */
    benchNodesInDomAt?: number;
    benchFrames?: FrameRecording;
  }
}

/**
 * Init script: checks every frame whether the canvas shows `expectedNodes` nodes, all measured (React Flow keeps a
 * node hidden until it knows its size, then fits the view); the next frame after that is when the editor is usable.
 */
export function watchInteractive(expectedNodes: number): void {
  const check = () => {
    const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
    if (nodes.length >= expectedNodes) window.benchNodesInDomAt ??= performance.now();
    const drawn = nodes.length >= expectedNodes && Array.from(nodes).every((node) => node.style.visibility !== 'hidden');
    if (drawn) requestAnimationFrame(() => void (window.benchInteractiveAt = performance.now()));
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** Starts recording the time between consecutive animation frames. */
export function startFrameRecording(): void {
  const recording: FrameRecording = { deltas: [], recording: true };
  window.benchFrames = recording;
  let last = 0;
  const tick = (now: number) => {
    recording.deltas.push(now - last);
    last = now;
    if (recording.recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame((now) => {
    last = now;
    requestAnimationFrame(tick);
  });
}

export function stopFrameRecording(): number[] {
  const recording = window.benchFrames;
  if (recording === undefined) throw new Error('frame recording was not started');
  recording.recording = false;
  return recording.deltas;
}

/** The centre of the node closest to the middle of the canvas that is not covered there by anything else. */
export function nodeToDrag(): { id: string; x: number; y: number } | null {
  const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
  const middle = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
  const candidates = Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node'))
    .map((node) => {
      const box = node.getBoundingClientRect();
      return { node, x: box.left + box.width / 2, y: box.top + box.height / 2 };
    })
    .sort((a, b) => Math.hypot(a.x - middle.x, a.y - middle.y) - Math.hypot(b.x - middle.x, b.y - middle.y));
  const found = candidates.find(({ node, x, y }) => node.contains(document.elementFromPoint(x, y)));
  return found ? { id: found.node.dataset.id ?? '', x: found.x, y: found.y } : null;
}

/** A point of the empty canvas (the pane itself is under it), scanning from the middle outwards. */
export function emptyCanvasPoint(): { x: number; y: number } | null {
  const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
  const middle = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
  const points: { x: number; y: number }[] = [];
  for (let x = pane.left + 20; x < pane.right - 20; x += 6) {
    for (let y = pane.top + 20; y < pane.bottom - 20; y += 6) points.push({ x, y });
  }
  points.sort((a, b) => Math.hypot(a.x - middle.x, a.y - middle.y) - Math.hypot(b.x - middle.x, b.y - middle.y));
  return points.find(({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) ?? null;
}
