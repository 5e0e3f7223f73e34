import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { TestServices } from '../setup/test-env';
import { eventually, eventuallyEqual } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

const screenshots = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const templatesDir = path.join(__dirname, 'fixtures', 'templates');
const temporalUiUrl = 'http://temporal-ui.test:8233';

let session: BrowserSession;
let services: TestServices;
let app: BrowserApp;
let page: Page;
let finished = false;

beforeAll(async () => {
  session = await startBrowserSession('workflow-editor', {
    viewport: { width: 1440, height: 900 },
    app: { temporalUiUrl, templatesDir },
  });
  ({ services, app, page } = session);
});

afterAll(() => session?.close({ printLog: !finished }));

const inspector = () => page.getByRole('region', { name: 'Inspector' });
const problems = () => page.getByRole('region', { name: 'Problems' });
const nodes = () => page.locator('.react-flow__node');
const edges = () => page.locator('.react-flow__edge');

async function dropNode(type: string, id: string, x: number, y: number): Promise<void> {
  await page
    .locator(`[data-node-type="${type}"]`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
  await page.getByTestId(`node-${id}`).waitFor();
}

function handle(nodeId: string, port: string) {
  return page.locator(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle[data-handleid="${port}"]`);
}

/** Drags a connection from an output port to a node's input (or, for a trigger, onto the node), as a user does. */
async function connect(source: string, port: string, target: string): Promise<void> {
  const from = (await handle(source, port).boundingBox())!;
  const input = handle(target, 'in');
  const to =
    (await input.count()) > 0
      ? (await input.boundingBox())!
      : (await page.getByTestId(`node-${target}`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Whether a node is drawn inside the canvas, where a click can reach it. */
async function inView(nodeId: string): Promise<boolean> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const box = await page.getByTestId(`node-${nodeId}`).locator('.wf-node__header').boundingBox();
  return (
    box !== null &&
    box.x >= pane.x &&
    box.y >= pane.y &&
    box.x + box.width <= pane.x + pane.width &&
    box.y + box.height <= pane.y + pane.height
  );
}

async function select(nodeId: string, modifiers: ('Control' | 'Shift')[] = []): Promise<void> {
  if (!(await inView(nodeId))) {
    // Zoom to fit stops at a readable zoom; the canvas's Fit View control shows every node.
    await page.getByRole('button', { name: 'Fit View' }).click();
    await eventuallyEqual(() => inView(nodeId), true);
  }
  await page.getByTestId(`node-${nodeId}`).locator('.wf-node__header').click({ modifiers });
  if (modifiers.length === 0) await inspector().getByLabel('Node id').waitFor();
}

/** The text of a select's chosen option (rjsf's selects use option indexes as values). */
async function selectedOption(select: Locator): Promise<string | null> {
  return select.locator('option:checked').textContent();
}

async function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((element) => element.getAttribute(name)));
}

async function nodeIds(): Promise<(string | null)[]> {
  return (await attributes(nodes(), 'data-id')).sort();
}

async function problemList(): Promise<string[]> {
  await eventuallyEqual(
    () => problems().getByTestId('problems-summary').getAttribute('data-status'),
    'checked',
  );
  const where = await problems().locator('.wf-problem__where').allTextContents();
  const messages = await problems().locator('.wf-problem__message').allTextContents();
  return where.map((place, index) => `${place}: ${messages[index]}`);
}

async function download(click: () => Promise<void>): Promise<{ file: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const saved = path.join(os.tmpdir(), `ledgerline-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(saved);
  return { file: saved, text: await fs.readFile(saved, 'utf8') };
}

test('a designer builds, checks, publishes and runs a workflow; the run viewer follows it to the end', () =>
  // A worker on the test's task queue executes the runs.
  services.withWorker(designAndRun));

async function designAndRun(): Promise<void> {
  await page.goto(app.url);
  await signIn(page, adminEmail, adminPassword);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Workflows' }).click();

  // The template gallery lists the fixture templates.
  await eventuallyEqual(
    () => page.locator('.wf-template-card h3').allTextContents(),
    ['Escalate a ticket', 'Welcome a new contact'],
  );

  // A template with params asks for them in a form generated from its params schema.
  await page.getByRole('button', { name: 'Install Escalate a ticket' }).click();
  const installDialog = page.getByRole('dialog', { name: 'Install Escalate a ticket' });
  await installDialog.getByLabel(/^Escalate to role/).selectOption('admin');
  await installDialog.getByRole('button', { name: 'Install' }).click();
  await page.getByRole('heading', { level: 1, name: 'Escalate a ticket' }).waitFor();
  await select('approve');
  expect(await selectedOption(inspector().getByLabel(/^Assignee role/))).toBe('admin');
  await nav.getByRole('link', { name: 'Workflows' }).click();

  await page.getByLabel('New workflow name').fill('Ticket escalation');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ticket escalation' }).waitFor();

  // The palette is searchable.
  await page.getByLabel('Search nodes').fill('approv');
  expect(await attributes(page.locator('.wf-palette__item'), 'data-node-type')).toEqual(['human.approval']);
  await page.getByLabel('Search nodes').fill('');

  // Build trigger.manual -> entity.create -> logic.if -> human.approval -> entity.update from the palette.
  await dropNode('trigger.manual', 'manual', 30, 60);
  await dropNode('entity.create', 'create', 300, 60);
  await dropNode('logic.if', 'if', 30, 270);
  await dropNode('human.approval', 'approval', 300, 270);
  await dropNode('entity.update', 'update', 30, 480);
  expect(await nodeIds()).toEqual(['approval', 'create', 'if', 'manual', 'update']);
  // Ports come from the node types: an activity node has an error port, an If has true and false.
  expect(await page.getByTestId('node-create').locator('.wf-port').allTextContents()).toEqual([
    'out',
    'error',
  ]);
  expect(await page.getByTestId('node-if').locator('.wf-port').allTextContents()).toEqual(['true', 'false']);
  expect(await page.getByTestId('node-approval').locator('.wf-port').allTextContents()).toEqual([
    'approved',
    'rejected',
    'timeout',
  ]);
  expect(await handle('manual', 'in').count()).toBe(0);

  await connect('manual', 'out', 'create');
  await connect('create', 'out', 'if');
  await connect('if', 'true', 'approval');
  await connect('approval', 'approved', 'update');
  await eventuallyEqual(() => edges().count(), 4);
  // A trigger takes no input: the connection is refused.
  await connect('approval', 'rejected', 'manual');
  await page.waitForTimeout(300);
  expect(await edges().count()).toBe(4);

  // The manual trigger's input schema, then the other nodes' params, through the generated forms.
  await select('manual');
  await inspector()
    .getByLabel('Input schema')
    .fill(
      JSON.stringify({
        type: 'object',
        required: ['subject', 'amount'],
        properties: {
          subject: { type: 'string', title: 'Subject' },
          amount: { type: 'integer', title: 'Amount' },
        },
      }),
    );
  await select('create');
  await inspector()
    .getByLabel(/^Entity type/)
    .selectOption('ticket');
  // The record's fields are picked from the ticket schema: each a fixed value or an expression.
  const data = inspector().getByRole('group', { name: 'Data' });
  await data.getByLabel('Add a field to Data').selectOption({ label: 'Subject' });
  await data.getByLabel('Subject', { exact: true }).fill('=$input.subject');
  await data.getByLabel('Add a field to Data').selectOption({ label: 'Priority' });
  await data.getByLabel('Priority', { exact: true }).selectOption('normal');
  await eventuallyEqual(() => data.getByLabel('Subject', { exact: true }).textContent(), '$input.subject');
  await select('approval');
  await inspector()
    .getByLabel(/^Assignee role/)
    .selectOption('admin');
  await inspector()
    .getByLabel(/^Title/)
    .fill('="Approve ticket: " & $input.subject');
  // The approver's form, built field by field with a live preview: no JSON Schema typed by hand.
  const formBuilder = inspector().getByRole('group', { name: 'Form schema builder' });
  await formBuilder.getByRole('button', { name: 'Add field' }).click();
  const formField = formBuilder.getByRole('group', { name: 'Form field 1' });
  await formField.getByLabel('Label').fill('Refund');
  await formField.getByLabel('Key').fill('refund');
  await formField.getByLabel('Type').selectOption({ label: 'Yes / no' });
  await formField.getByLabel('Default').selectOption({ label: 'no' });
  await formBuilder.getByRole('region', { name: 'Form preview' }).getByLabel('Refund').waitFor();
  await formBuilder.getByRole('button', { name: 'Edit as JSON' }).click();
  expect(
    JSON.parse(
      await inspector()
        .getByLabel(/^Form schema/)
        .inputValue(),
    ),
  ).toEqual({
    type: 'object',
    properties: { refund: { type: 'boolean', title: 'Refund', default: false } },
  });
  await inspector().getByRole('button', { name: 'Edit with the form builder' }).click();
  await select('update');
  await inspector()
    .getByLabel(/^Entity type/)
    .selectOption('ticket');
  await inspector()
    .getByLabel(/^Record id/)
    .fill('=$nodes.create._id');

  // The condition opens as an expression: a syntax error shows at once, then a live preview.
  await select('if');
  const condition = inspector().getByLabel('Condition', { exact: true });
  // Completion offers the trigger's input fields, from its input schema.
  await condition.pressSequentially('$input.');
  const completions = page.locator('.cm-tooltip-autocomplete .cm-completionLabel');
  await eventuallyEqual(() => completions.allTextContents(), ['amount', 'subject']);
  await condition.pressSequentially('am');
  // The list narrows to what was typed; a click takes the completion. (Enter would too, but
  // CodeMirror ignores it for 75 ms after the list changes, so a test can't time it.)
  await eventuallyEqual(() => completions.allTextContents(), ['amount']);
  await completions.first().click();
  await condition.pressSequentially(' >');
  await eventuallyEqual(() => condition.textContent(), '$input.amount >');
  expect(await inspector().getByRole('alert').textContent()).toBe(
    'Expression does not parse: Unexpected end of expression (position 15)',
  );
  // The error is underlined where JSONata found it: the operator with nothing after it.
  await eventuallyEqual(() => inspector().locator('.cm-lintRange-error').textContent(), '>');
  expect(await problemList()).toEqual([
    'update: Node "update" (entity.update): params.changes is required',
    'if: Node "if" (logic.if): Expression in params.condition does not parse: Unexpected end of expression (position 15)',
  ]);
  expect(await page.getByTestId('node-if').locator('.wf-node__errors').textContent()).toBe('1');
  await inspector().getByLabel('Condition', { exact: true }).fill('$input.amount > 100');
  await page.locator('.wf-sample summary').click();
  await page.getByLabel('Sample input').fill('{"subject": "Printer on fire", "amount": 500}');
  await eventuallyEqual(() => inspector().getByTestId('expression-preview').textContent(), 'true');
  await page.getByLabel('Sample input').fill('{"subject": "Paper jam", "amount": 20}');
  await eventuallyEqual(() => inspector().getByTestId('expression-preview').textContent(), 'false');

  // The one problem left is on the update node; publishing waits until it is fixed.
  expect(await problemList()).toEqual(['update: Node "update" (entity.update): params.changes is required']);
  expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
  await problems()
    .getByRole('button', { name: /params\.changes is required/ })
    .click();
  const changes = inspector().getByRole('group', { name: 'Changes' });
  await changes.getByLabel('Add a field to Changes').selectOption({ label: 'Priority' });
  await changes.getByLabel('Priority', { exact: true }).selectOption('high');
  expect(await problemList()).toEqual([]);
  // A number param has one way into expression mode.
  expect(
    await inspector().getByRole('button', { name: 'Use an expression for Expected version' }).count(),
  ).toBe(1);
  expect(await problems().getByTestId('problems-summary').textContent()).toBe(
    'No problems. The workflow can be published.',
  );
  expect(await page.getByTestId('node-update').locator('.wf-node__errors').count()).toBe(0);

  // Undo and redo with the keyboard: deleting a node takes its edge along, undo brings both back.
  await select('update');
  await page.keyboard.press('Delete');
  await eventuallyEqual(nodeIds, ['approval', 'create', 'if', 'manual']);
  expect(await edges().count()).toBe(3);
  await page.keyboard.press('Control+z');
  await eventuallyEqual(nodeIds, ['approval', 'create', 'if', 'manual', 'update']);
  expect(await edges().count()).toBe(4);
  await page.keyboard.press('Control+Shift+z');
  await eventuallyEqual(nodeIds, ['approval', 'create', 'if', 'manual']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await eventuallyEqual(nodeIds, ['approval', 'create', 'if', 'manual', 'update']);
  expect(await page.getByRole('button', { name: 'Redo' }).isDisabled()).toBe(false);
  await page.getByRole('button', { name: 'Redo' }).click();
  await eventuallyEqual(nodeIds, ['approval', 'create', 'if', 'manual']);
  await page.keyboard.press('Control+z');
  await eventuallyEqual(nodeIds, ['approval', 'create', 'if', 'manual', 'update']);
  expect(await changes.count()).toBe(0);
  await select('update');
  expect(await selectedOption(changes.getByLabel('Priority', { exact: true }))).toBe('high');

  // Copy and paste: the copy gets the next free id and its own params.
  await select('create');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await eventuallyEqual(nodeIds, ['approval', 'create', 'create2', 'if', 'manual', 'update']);
  await select('create2');
  expect(await selectedOption(inspector().getByLabel(/^Entity type/))).toBe('ticket');
  await page.keyboard.press('Control+z');
  await eventuallyEqual(nodeIds, ['approval', 'create', 'if', 'manual', 'update']);

  // The shortcut list.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+?');
  const shortcutList = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  expect(await shortcutList.locator('tr').first().textContent()).toBe('Ctrl+ZUndo');
  await shortcutList.getByRole('button', { name: 'Close' }).click();

  // The designer decides their own trial run, so the approval lets the requester decide.
  await select('approval');
  await inspector().getByRole('checkbox', { name: 'Let the requester decide' }).check();

  // Auto-layout puts the path left to right, then a save and a publish.
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await eventuallyEqual(async () => {
    const xs = await Promise.all(
      ['manual', 'create', 'if', 'approval', 'update'].map(
        async (id) => (await page.getByTestId(`node-${id}`).boundingBox())!.x,
      ),
    );
    return xs.every((x, index) => index === 0 || x > xs[index - 1]!);
  }, true);
  await select('if');
  await eventuallyEqual(() => inspector().getByTestId('expression-preview').textContent(), 'false');
  await page.screenshot({ path: path.join(screenshots, 'workflow-editor.png') });

  await page.keyboard.press('Control+s');
  await eventuallyEqual(
    () => page.getByTestId('draft-state').textContent(),
    'Saved (revision 2) · Not published',
  );
  await page.getByRole('button', { name: 'Publish' }).click();
  await eventuallyEqual(
    () => page.getByTestId('draft-state').textContent(),
    'Saved (revision 2) · Published version 1',
  );
  // The draft is now the published version: publishing again would make an identical version 2.
  const publish = page.getByRole('button', { name: 'Publish', exact: true });
  await eventuallyEqual(() => publish.isDisabled(), true);
  expect(await publish.getAttribute('title')).toBe('Nothing to publish: the draft is published version 1');
  // A change to the draft enables it again; the version's diff with the draft shows the change.
  await select('if');
  await inspector().getByLabel('Label').fill('Big amount?');
  await page.keyboard.press('Control+s');
  await eventuallyEqual(
    () => page.getByTestId('draft-state').textContent(),
    'Saved (revision 3) · Published version 1',
  );
  await eventuallyEqual(() => publish.isDisabled(), false);
  const workflowUrl = page.url();

  // The published version opens read-only from the Versions tab.
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByRole('region', { name: 'Versions' }).getByRole('link', { name: 'Version 1' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ticket escalation · version 1' }).waitFor();
  await eventuallyEqual(nodeIds, ['approval', 'create', 'if', 'manual', 'update']);
  expect(await page.locator('.react-flow__node.draggable').count()).toBe(0);
  await page.getByLabel('Compare with').selectOption({ label: 'the draft' });
  await eventuallyEqual(
    () => page.getByTestId('diff-summary').textContent(),
    'Compared with the draft: 0 added, 1 changed, 0 removed nodes; 0 edge changes.addedchangedremoved',
  );
  expect(await page.getByTestId('node-if').getAttribute('data-diff')).toBe('changed');
  await page.getByTestId('node-if').locator('.wf-node__header').click();
  const changed = page.getByRole('region', { name: 'Changed settings' });
  expect(await changed.locator('tbody td').allTextContents()).toEqual(['label', '—', '"Big amount?"']);
  await page.getByRole('link', { name: 'Back to the draft' }).click();
  await page.getByRole('button', { name: 'Run…' }).waitFor();

  // A manual run with the form generated from the input schema.
  await page.getByRole('button', { name: 'Run…' }).click();
  const runDialog = page.getByRole('dialog', { name: 'Start a run of version 1' });
  await runDialog.getByLabel(/^Subject/).fill('Printer on fire');
  await runDialog.getByLabel(/^Amount/).fill('500');
  await runDialog.getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('region', { name: 'Run viewer' }).waitFor();
  const runUrl = page.url();
  const runId = decodeURIComponent(runUrl.split('/').pop()!);
  await eventuallyEqual(() => page.getByTestId('node-approval').getAttribute('data-status'), 'waiting');
  expect(await page.getByRole('link', { name: 'Open in Temporal UI' }).getAttribute('href')).toMatch(
    new RegExp(`^${temporalUiUrl}/namespaces/default/workflows/${runId}/[0-9a-f-]{36}/history$`),
  );

  // The approval waits in the inbox.
  await nav.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('link', { name: 'Approve ticket: Printer on fire' }).click();
  await page.getByLabel('Comment').fill('Escalating, the printer is on fire.');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('Completed', { exact: true }).first().waitFor();

  // The run viewer turns every node green.
  await page.goto(runUrl);
  const statuses = () =>
    Promise.all(
      ['manual', 'create', 'if', 'approval', 'update'].map((id) =>
        page.getByTestId(`node-${id}`).getAttribute('data-status'),
      ),
    );
  await eventuallyEqual(statuses, ['completed', 'completed', 'completed', 'completed', 'completed']);
  await eventuallyEqual(
    () => page.locator('[data-run-status]').first().getAttribute('data-run-status'),
    'completed',
  );
  expect(await page.locator('.wf-edge--taken').count()).toBe(4);
  // Selecting the node shows its visit; a click that lands while the viewer re-renders is repeated.
  const visit = page.getByTestId('visit-update-1');
  await eventually(async () => {
    await page.getByTestId('node-update').locator('.wf-node__header').click();
    return (await visit.isVisible()) ? true : undefined;
  });
  expect(JSON.parse((await visit.getByLabel('Output').textContent())!)).toMatchObject({
    subject: 'Printer on fire',
    priority: 'high',
  });
  expect(JSON.parse((await visit.getByLabel('Input').textContent())!)).toMatchObject({
    entityType: 'ticket',
    changes: { priority: 'high' },
  });
  await page.screenshot({ path: path.join(screenshots, 'run-viewer.png') });

  // Export, import as a new workflow, export again: the same definition comes back.
  await page.goto(workflowUrl);
  await page.getByRole('button', { name: 'Export JSON' }).waitFor();
  const exported = await download(() => page.getByRole('button', { name: 'Export JSON' }).click());
  const definition = JSON.parse(exported.text) as { name: string; nodes: { id: string; type: string }[] };
  expect(definition.name).toBe('Ticket escalation');
  expect(definition.nodes.map((node) => `${node.id}:${node.type}`)).toEqual([
    'manual:trigger.manual',
    'create:entity.create',
    'if:logic.if',
    'approval:human.approval',
    'update:entity.update',
  ]);
  await nav.getByRole('link', { name: 'Workflows' }).click();
  await page.getByLabel('Import workflow file').setInputFiles(exported.file);
  await page.getByRole('heading', { level: 1, name: 'Ticket escalation' }).waitFor();
  expect(page.url()).not.toBe(workflowUrl);
  await eventuallyEqual(
    () => page.getByTestId('draft-state').textContent(),
    'Saved (revision 1) · Not published',
  );
  const reexported = await download(() => page.getByRole('button', { name: 'Export JSON' }).click());
  expect(JSON.parse(reexported.text)).toEqual(definition);
  expect(reexported.text).toBe(exported.text);

  // Two editors of one draft: the later save is refused (412) and offers to reload or overwrite.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other
    .getByRole('region', { name: 'Inspector' })
    .getByLabel('Name', { exact: true })
    .fill('Escalation copy');
  await other.keyboard.press('Control+s');
  await other.getByTestId('draft-state').getByText('Saved (revision 2) · Not published').waitFor();
  await other.close();
  await select('manual');
  await inspector().getByLabel('Label').fill('Start by hand');
  await page.keyboard.press('Control+s');
  const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved' });
  expect(await conflict.locator('span').textContent()).toBe(
    'Someone else saved this workflow since you opened it. Reload to get their version (your changes are lost), or overwrite it with yours.',
  );
  await conflict.getByRole('button', { name: 'Overwrite with mine' }).click();
  await eventuallyEqual(
    () => page.getByTestId('draft-state').textContent(),
    'Saved (revision 3) · Not published',
  );
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ticket escalation');

  // Copy two nodes into another workflow; leaving it unsaved asks first.
  await select('approval');
  await select('update', ['Control']);
  await page.keyboard.press('Control+c');
  await nav.getByRole('link', { name: 'Workflows' }).click();
  await page.getByLabel('New workflow name').fill('Scratch');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await page.getByRole('heading', { level: 1, name: 'Scratch' }).waitFor();
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+v');
  await eventuallyEqual(nodeIds, ['approval', 'update']);
  expect(await edges().count()).toBe(1);
  expect(await page.getByTestId('draft-state').textContent()).toBe('Unsaved changes · Not published');
  const questions: string[] = [];
  page.once('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await nav.getByRole('link', { name: 'Accounts' }).click();
  await page.waitForTimeout(200);
  expect(questions).toEqual(['This workflow has unsaved changes. Leave without saving them?']);
  expect(await page.getByRole('heading', { level: 1, name: 'Scratch' }).count()).toBe(1);
  page.once('dialog', (dialog) => void dialog.accept());
  await nav.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  finished = true;
}
