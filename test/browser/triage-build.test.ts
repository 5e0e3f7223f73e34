import type { Locator, Page } from 'playwright-core';
import { eventuallyEqual } from '../support/eventually';
import { adminEmail, adminPassword, signIn, type BrowserApp } from './browser-app';
import { startBrowserSession, type BrowserSession } from './browser-session';

/*
 * A designer builds a five-node ticket triage from an empty workflow, as a new user would: a ticket
 * is created → its account is loaded → an If asks whether it is urgent → the ticket goes to the
 * support leads → they get a task with a form. Every user action (a drag, a click, a choice, a
 * field typed) is counted, and no JSON is typed anywhere: record fields come from the picker, the
 * task's form from the form builder, expressions from the expression editor with completion.
 */

let session: BrowserSession;
let app: BrowserApp;
let page: Page;
let finished = false;
let actions = 0;

beforeAll(async () => {
  session = await startBrowserSession('triage-build', { viewport: { width: 1440, height: 900 } });
  ({ app, page } = session);
});

afterAll(() => session?.close({ printLog: !finished }));

/** One user action, counted. */
async function act(action: () => Promise<unknown>): Promise<void> {
  actions += 1;
  await action();
}

const inspector = () => page.getByRole('region', { name: 'Inspector' });

function handle(nodeId: string, port: string): Locator {
  return page.locator(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle[data-handleid="${port}"]`);
}

async function drop(type: string, id: string, x: number, y: number): Promise<void> {
  await act(() =>
    page
      .locator(`[data-node-type="${type}"]`)
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } }),
  );
  await page.getByTestId(`node-${id}`).waitFor();
}

async function connect(source: string, port: string, target: string): Promise<void> {
  const from = (await handle(source, port).boundingBox())!;
  const to = (await handle(target, 'in').boundingBox())!;
  await act(async () => {
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
  });
}

async function select(nodeId: string): Promise<void> {
  await act(() => page.getByTestId(`node-${nodeId}`).locator('.wf-node__header').click());
  await inspector().getByLabel('Node id').waitFor();
}

test('a five-node ticket triage is built from scratch with no JSON typed', async () => {
  await page.goto(app.url);
  await signIn(page, adminEmail, adminPassword);
  await act(() =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click(),
  );
  await act(() => page.getByLabel('New workflow name').fill('Ticket triage'));
  await act(() => page.getByRole('button', { name: 'Create workflow' }).click());
  await page.getByRole('heading', { level: 1, name: 'Ticket triage' }).waitFor();

  await drop('trigger.entity', 'entity', 20, 60);
  await drop('entity.get', 'get', 245, 60);
  await drop('logic.if', 'if', 470, 60);
  await drop('entity.update', 'update', 20, 300);
  await drop('human.task', 'task', 245, 300);
  await connect('entity', 'out', 'get');
  await connect('get', 'out', 'if');
  await connect('if', 'true', 'update');
  await connect('update', 'out', 'task');
  await eventuallyEqual(() => page.locator('.react-flow__edge').count(), 4);

  // The trigger: tickets, when created.
  await select('entity');
  await act(() =>
    inspector()
      .getByLabel(/^Entity type/)
      .selectOption('ticket'),
  );
  await act(() => inspector().getByLabel('created').check());

  // The account, by the ticket's accountId: typed with completion of the ticket's fields.
  await select('get');
  await act(() =>
    inspector()
      .getByLabel(/^Entity type/)
      .selectOption('account'),
  );
  const recordId = inspector().getByLabel(/^Record id/);
  await act(() => recordId.fill('='));
  await act(() => page.keyboard.type('$trigger.entity.acc'));
  await page.locator('.cm-tooltip-autocomplete').getByText('accountId', { exact: true }).waitFor();
  await act(() => page.keyboard.press('Enter'));

  // Urgent tickets only: the condition is an expression from the start.
  await select('if');
  await act(() =>
    inspector().getByLabel('Condition', { exact: true }).fill('$trigger.entity.priority = "urgent"'),
  );

  // The ticket goes to the support leads: its fields picked from the ticket schema.
  await select('update');
  await act(() =>
    inspector()
      .getByLabel(/^Entity type/)
      .selectOption('ticket'),
  );
  await act(() =>
    inspector()
      .getByLabel(/^Record id/)
      .fill('=$trigger.entity._id'),
  );
  const changes = inspector().getByRole('group', { name: 'Changes' });
  await act(() => changes.getByLabel('Add a field to Changes').selectOption({ label: 'Assigned team' }));
  await act(() => changes.getByLabel('Assigned team', { exact: true }).selectOption('supportLead'));

  // The support leads' task, with a form built field by field.
  await select('task');
  await act(() =>
    inspector()
      .getByLabel(/^Assignee role/)
      .selectOption('supportLead'),
  );
  await act(() =>
    inspector()
      .getByLabel(/^Title/)
      .fill('="Urgent ticket: " & $trigger.entity.subject'),
  );
  const builder = inspector().getByRole('group', { name: 'Form schema builder' });
  await act(() => builder.getByRole('button', { name: 'Add field' }).click());
  const field = builder.getByRole('group', { name: 'Form field 1' });
  await act(() => field.getByLabel('Label').fill('Call the customer back'));
  await act(() => field.getByLabel('Type').selectOption({ label: 'Yes / no' }));

  const problems = page.getByRole('region', { name: 'Problems' });
  await eventuallyEqual(
    () => problems.getByTestId('problems-summary').textContent(),
    'No problems. The workflow can be published.',
  );
  await act(() => page.keyboard.press('Control+s'));
  await eventuallyEqual(
    () => page.getByTestId('draft-state').textContent(),
    'Saved (revision 2) · Not published',
  );
  expect(await page.locator('.wf-json__input').count()).toBe(0);
  process.stdout.write(`ticket triage built in ${actions} UI actions\n`);
  expect(actions).toBe(34);
  finished = true;
});
