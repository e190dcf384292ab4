import type { Browser, Locator, Page } from 'playwright-core';
import { NODE_GEOMETRY, nodeGeometry } from '../src/canvas/node-geometry';
import { DEMO_USERS, launchBrowser, newContext, screenshot, signIn } from './support/browser';

/** The canvas node `id` (its card, as drawn from the node definition). */
const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);
const outputHandle = (page: Page, id: string, port: string): Locator => node(page, id).locator(`.react-flow__handle.source[data-handleid="${port}"]`);
const inputHandle = (page: Page, id: string): Locator => node(page, id).locator('.react-flow__handle.target');
/** The node `id` when it carries `mark` (a class: has-error, is-selected, is-visited…). */
const marked = (page: Page, id: string, mark: string): Locator => page.locator(`[data-testid="node-${id}"].${mark}`);
const problems = (page: Page): Locator => page.getByRole('list', { name: 'Problems' });

/** Drags a palette entry onto the canvas at `x`, `y` (pixels from the canvas' top left). */
async function dropFromPalette(page: Page, displayName: string, x: number, y: number): Promise<void> {
  const entry = page.getByRole('complementary', { name: 'Nodes' }).locator('[draggable="true"]', { hasText: displayName });
  await entry.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} is not on the screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The centre of `locator` once it stands still (the view may still be gliding into place). */
async function stillCentre(page: Page, locator: Locator): Promise<{ x: number; y: number }> {
  for (let previous = await centre(locator); ; ) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const current = await centre(locator);
    if (current.x === previous.x && current.y === previous.y) return current;
    previous = current;
  }
}

/** Presses the mouse on `from`, moves it in small steps to `to` (as a hand would) and lets go. */
async function dragWithMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  // Settle on the target, as a hand does, so that the canvas has seen the pointer there before the button goes up.
  await page.mouse.move(to.x + 1, to.y + 1);
  await page.mouse.move(to.x, to.y);
  await page.mouse.up();
}

/** Draws an edge from the output `port` of `from` to the input of `to`. */
async function connect(page: Page, from: string, port: string, to: string): Promise<void> {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  await dragWithMouse(page, await stillCentre(page, outputHandle(page, from, port)), await stillCentre(page, inputHandle(page, to)));
  expect(await edges.count()).toBe(before + 1);
}

describe('flows in the browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in and lists the flows', async () => {
    await page.goto('/flows');
    await page.waitForURL('**/login');
    await screenshot(page, 'login');
    await signIn(page, DEMO_USERS.admin);
    await page.getByRole('table', { name: 'Flows' }).getByRole('link', { name: 'Front desk' }).waitFor();
    await screenshot(page, 'flows-list');
  });

  it('builds a flow from an empty canvas: a menu with two options to a ring group and a voicemail', async () => {
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.getByRole('dialog', { name: 'New flow' }).getByRole('textbox', { name: 'Name' }).fill('Support line');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/flows\/[0-9a-f-]{36}$/);
    await node(page, 'hang-up').click();
    await page.keyboard.press('Delete');
    await node(page, 'hang-up').waitFor({ state: 'detached' });

    for (let step = 0; step < 5; step++) await page.getByRole('button', { name: 'zoom out' }).click();
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const header = node(page, 'start').locator('.flow-node-header');
    await dragWithMouse(page, await centre(header), { x: pane.x + 80, y: pane.y + pane.height / 2 });
    const entry = (await node(page, 'start').boundingBox())!;
    const column = (n: number) => 20 + (n * (pane.width - 60 - entry.width)) / 3;
    const row = (n: number) => entry.y - pane.y + n * entry.height * 1.6;

    await dropFromPalette(page, 'Menu', column(1), row(-0.5));
    await node(page, 'menu-1').waitFor();
    await page.getByRole('textbox', { name: 'Label' }).fill('Main menu');
    await page.getByRole('textbox', { name: 'Text', exact: true }).fill('Press 1 for service, 2 to leave a message.');
    await screenshot(page, 'editor-menu-prompt');
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByRole('button', { name: 'Add option' }).click();
    const options = page.getByRole('combobox', { name: 'Digit' });
    await options.nth(0).click();
    await page.getByRole('option', { name: '2', exact: true }).click();
    const optionLabels = page.locator('fieldset', { hasText: 'Options' }).getByRole('textbox', { name: 'Label' });
    await optionLabels.nth(0).fill('Voicemail');
    await optionLabels.nth(1).fill('Service');
    await screenshot(page, 'editor-menu-options');

    await dropFromPalette(page, 'Ring group', column(2), row(-1.5));
    await node(page, 'ring-group-1').waitFor();
    await page.getByRole('combobox', { name: 'Ring group ID' }).fill('dispatch');
    await screenshot(page, 'editor-ring-group');
    await dropFromPalette(page, 'Voicemail', column(2.8), row(1.5));
    await node(page, 'voicemail-1').waitFor();
    await page.getByRole('combobox', { name: 'Mailbox ID' }).fill('office');
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });

    await connect(page, 'start', 'next', 'menu-1');
    await connect(page, 'menu-1', '2', 'voicemail-1');
    await connect(page, 'menu-1', '1', 'ring-group-1');
    await screenshot(page, 'editor-connected');
  });

  it('shows a diagnostic for the unconnected port, which goes once it is connected', async () => {
    const unconnected = problems(page).getByRole('button', { name: /Ring group \(node ring-group-1\): branch “No answer” has no connection/ });
    await unconnected.waitFor();
    await marked(page, 'ring-group-1', 'has-error').waitFor();
    await unconnected.click();
    await marked(page, 'ring-group-1', 'is-selected').waitFor();
    await screenshot(page, 'editor-diagnostic');
    await page.getByRole('button', { name: 'Fit to view' }).click();

    await connect(page, 'ring-group-1', 'noAnswer', 'voicemail-1');
    await unconnected.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Arrange automatically' }).click();
    await screenshot(page, 'editor-valid');
    await page.getByText('Valid', { exact: true }).waitFor();
    await page.getByText('Saved', { exact: true }).waitFor();
  });

  it('moves the canvas from the overview map: a drag pans it, a click centres it there', async () => {
    const map = page.getByRole('img', { name: 'Overview of the flow' });
    const frame = map.locator('.canvas-minimap-view');
    const mapBox = await map.boundingBox();
    if (!mapBox) throw new Error('the overview map is not on the screen');
    const nodeBefore = await stillCentre(page, node(page, 'menu-1'));
    const frameBefore = await centre(frame);

    await dragWithMouse(page, { x: mapBox.x + 100, y: mapBox.y + 75 }, { x: mapBox.x + 130, y: mapBox.y + 90 });
    const frameAfter = await centre(frame);
    expect(frameAfter.x - frameBefore.x).toBeCloseTo(30, 0);
    expect(frameAfter.y - frameBefore.y).toBeCloseTo(15, 0);
    // The view moved right and down over the flow: the nodes moved left and up on the screen.
    const nodeAfter = await centre(node(page, 'menu-1'));
    expect(nodeAfter.x).toBeLessThan(nodeBefore.x - 30);
    expect(nodeAfter.y).toBeLessThan(nodeBefore.y - 15);

    await page.mouse.click(mapBox.x + 40, mapBox.y + 30);
    const centred = await stillCentre(page, frame);
    expect(centred.x).toBeCloseTo(mapBox.x + 40, 0);
    expect(centred.y).toBeCloseTo(mapBox.y + 30, 0);
    await screenshot(page, 'editor-overview-map');
    await page.getByRole('button', { name: 'Fit to view' }).click();
  });

  it('publishes the draft as version 1 with the diff and notes', async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish the draft' });
    await dialog.getByText('Changes from nothing published to this draft').waitFor();
    await dialog.getByRole('list', { name: 'Changes' }).getByText('Main menu (menu)').waitFor();
    await dialog.getByRole('textbox', { name: 'Notes' }).fill('First version: service or voicemail');
    await screenshot(page, 'publish-dialog');
    await dialog.getByRole('button', { name: 'Publish version' }).click();
    await page.getByText('v1 live').waitFor();
  });

  it('simulates a caller pressing 1: the path to the ring group lights up', async () => {
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.getByRole('button', { name: '1', exact: true }).click();
    await marked(page, 'menu-1', 'is-visited').waitFor();
    await page.locator('[data-testid="node-ring-group-1"]:is(.is-visited, .is-current)').waitFor();
    expect(await marked(page, 'voicemail-1', 'is-visited').count()).toBe(0);
    await screenshot(page, 'simulated');
    await page.getByRole('button', { name: 'End and reset' }).click();
    await page.getByRole('tab', { name: 'Inspector' }).click();
  });

  it('publishes version 2, compares it with version 1 and rolls back to version 1', async () => {
    await node(page, 'menu-1').click();
    await page.getByRole('textbox', { name: 'Label' }).first().fill('Support menu');
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish the draft' });
    await dialog.getByText('Changes from version 1 to this draft').waitFor();
    await dialog.getByRole('textbox', { name: 'Notes' }).fill('Renamed the menu');
    await dialog.getByRole('button', { name: 'Publish version' }).click();
    await page.getByText('v2 live').waitFor();

    await page.getByRole('button', { name: 'Versions' }).click();
    await page.getByTestId('version-2').getByText('Renamed the menu').waitFor();
    await page.getByTestId('version-2').getByText('Live').waitFor();
    await screenshot(page, 'versions-drawer');
    await page.getByTestId('version-2').getByRole('button', { name: 'Changes from v1' }).click();
    await marked(page, 'menu-1', 'diff-changed').waitFor();
    await page.getByText('label: “Main menu” → “Support menu”').waitFor();
    await screenshot(page, 'versions-diff');
    await page.getByRole('button', { name: 'Back to the draft' }).click();

    await page.getByRole('button', { name: 'Versions' }).click();
    await page.getByTestId('version-1').getByRole('button', { name: 'Roll back to this version' }).click();
    await page.getByRole('dialog', { name: 'Roll back to version 1?' }).getByRole('button', { name: 'Roll back' }).click();
    await page.getByTestId('version-1').getByText('Live').waitFor();
    await screenshot(page, 'rolled-back');
    await page.keyboard.press('Escape');
    await page.getByText('v1 live').waitFor();
  });

  it('draws every node at the size, and with the handles, that node-geometry.ts works out, zoomed in and in the overview', async () => {
    await page.goto('/flows');
    await page.getByRole('table', { name: 'Flows' }).getByRole('link', { name: 'Front desk' }).click();
    await page.locator('.react-flow__edge').first().waitFor();
    const canvas = page.locator('.react-flow');
    expect(await canvas.getAttribute('class')).not.toContain('is-overview');
    const full = await drawnNodes(page);
    expect(full.length).toBeGreaterThan(5);
    for (const node of full) {
      const lines = node.summaryHeight / NODE_GEOMETRY.summaryLine;
      expect([0, 1, 2]).toContain(lines);
      const sources = node.handles.filter((handle) => handle.type === 'source');
      expect(sources).toHaveLength(node.ports);
      const worked = nodeGeometry(
        { acceptsInput: node.handles.length > sources.length, ports: sources.map((handle) => ({ name: handle.id!, label: handle.id!, required: false })) },
        lines as 0 | 1 | 2,
      );
      expect({ id: node.id, width: node.width, height: node.height }).toEqual({ id: node.id, width: worked.width, height: worked.height });
      for (const handle of node.handles) {
        const expected = worked.handles.find((candidate) => candidate.type === handle.type && candidate.id === handle.id)!;
        expect({ node: node.id, handle: handle.id, x: handle.x, y: handle.y }).toEqual({ node: node.id, handle: handle.id, x: expect.closeTo(expected.x, 1), y: expect.closeTo(expected.y, 1) });
      }
    }

    // Zoomed out past the threshold, the light overview cards take the same room, with the handles at the same places.
    const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
    while (!(await canvas.getAttribute('class'))!.includes('is-overview')) await zoomOut.click();
    await page.locator('.flow-node.is-overview-card').first().waitFor();
    await screenshot(page, 'editor-overview');
    const overview = await drawnNodes(page);
    expect(overview.map((node) => node.overviewCard)).toEqual(full.map(() => true));
    for (const [index, node] of overview.entries()) {
      const before = full[index]!;
      expect({ id: node.id, width: node.width, height: node.height }).toEqual({ id: before.id, width: before.width, height: before.height });
      for (const handle of node.handles) {
        const drawnFull = before.handles.find((candidate) => candidate.type === handle.type && candidate.id === handle.id)!;
        expect({ node: node.id, handle: handle.id, x: handle.x, y: handle.y }).toEqual({ node: node.id, handle: handle.id, x: expect.closeTo(drawnFull.x, 1), y: expect.closeTo(drawnFull.y, 1) });
      }
      expect(node.handles).toHaveLength(before.handles.length);
    }
  });
});

/** Every node on the canvas as drawn: its size, whether it is an overview card, and where its handles are (at zoom 1). */
function drawnNodes(page: Page) {
  return page.evaluate(() => {
    const zoom = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
    return Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node')).map((element) => {
      const box = element.getBoundingClientRect();
      const handles = Array.from(element.querySelectorAll<HTMLElement>('.react-flow__handle')).map((handle) => {
        const handleBox = handle.getBoundingClientRect();
        return { id: handle.dataset.handleid ?? null, type: handle.classList.contains('source') ? 'source' : 'target', x: (handleBox.x - box.x) / zoom, y: (handleBox.y - box.y) / zoom };
      });
      return {
        id: element.dataset.id,
        width: element.offsetWidth,
        height: element.offsetHeight,
        overviewCard: element.querySelector('.flow-node.is-overview-card') !== null,
        summaryHeight: element.querySelector<HTMLElement>('.flow-node-summary')?.offsetHeight ?? 0,
        ports: element.querySelectorAll('.flow-node-ports li').length,
        handles,
      };
    });
  });
}
