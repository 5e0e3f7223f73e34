import { scheduledReportWorkflow } from '../../../domain/reports';
import { eventually } from '../../support/eventually';
import { createPublished, startTriggerApp, type TriggerApp } from '../schedules/trigger-app';
import { customersByTier, customersByTierCsv, customersCsv, seedAccounts } from './report-fixtures';

/*
 * The report.run node against the real Temporal dev server, store and worker: a run writes the
 * report's CSV (the export's, byte for byte) and mails it as an attachment to the mailbox; a missing
 * report leaves by the error port; a scheduled report mail is a workflow that publishes as it is.
 */

let app: TriggerApp;
let reportId: string;

beforeAll(async () => {
  app = await startTriggerApp('report-run');
  await seedAccounts(app.api);
  const created = await app.api('POST', '/reports', customersByTier);
  expect(created.status).toBe(201);
  reportId = created.body._id as string;
});

afterAll(async () => {
  await app.close();
});

function reportWorkflow(name: string, params: Record<string, unknown>): object {
  return {
    name,
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      { id: 'report', type: 'report.run', params },
      { id: 'failed', type: 'flow.end', params: { output: '={"failed": $error.message}' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'report' },
      { id: 'e2', source: 'report', sourcePort: 'error', target: 'failed' },
    ],
  };
}

async function run(definition: object): Promise<Record<string, unknown>> {
  const { workflowId, published } = await createPublished(app, definition);
  expect(published.status).toBe(200);
  const started = await app.api('POST', `/workflows/${workflowId}/runs`, { input: {} });
  expect(started.status).toBe(201);
  return eventually(async () => {
    const view = await app.api('GET', `/runs/${started.body.runId as string}`);
    const body = view.body as Record<string, unknown>;
    return ['completed', 'failed'].includes(body.status as string) ? body : undefined;
  });
}

const today = () => new Date().toISOString().slice(0, 10);

test('report.run mails the report as a CSV attachment and outputs the row count and file name', async () => {
  await app.services.withWorker(async () => {
    const closed = await run(
      reportWorkflow('Mail customers', {
        reportId,
        format: 'csv',
        view: 'rows',
        to: ['cfo@example.com', 'ops@example.com'],
        subject: 'Customers this week',
      }),
    );
    expect(closed.status).toBe('completed');
    const fileName = `customers-by-tier-${today()}.csv`;
    const visit = (closed.trace as Array<{ nodeId: string; output?: unknown }>).find(
      (v) => v.nodeId === 'report',
    );
    expect(visit?.output).toEqual({
      reportId,
      name: 'Customers by tier',
      rowCount: 4,
      truncated: false,
      fileName,
      emailed: { messageId: expect.any(String), to: ['cfo@example.com', 'ops@example.com'] },
    });
    const mailbox = await app.api('GET', '/mailbox?to=cfo@example.com');
    expect(mailbox.body.items).toEqual([
      {
        id: expect.stringMatching(/\/report\/1$/),
        to: ['cfo@example.com', 'ops@example.com'],
        subject: 'Customers this week',
        body: `Customers by tier: 4 rows, attached as ${fileName}.`,
        attachments: [{ filename: fileName, contentType: 'text/csv; charset=utf-8', content: customersCsv }],
        createdAt: expect.any(String),
      },
    ]);
  });
});

test('a grouped report mails its group rows by default, with a default subject; without "to" nothing is mailed', async () => {
  await app.services.withWorker(async () => {
    const mailed = await run(reportWorkflow('Mail tiers', { reportId, to: 'sales@example.com' }));
    expect(mailed.status).toBe('completed');
    const mailbox = await app.api('GET', '/mailbox?to=sales@example.com');
    expect(mailbox.body.items).toEqual([
      expect.objectContaining({
        subject: `Customers by tier — ${today()}`,
        body: `Customers by tier: 3 rows, attached as customers-by-tier-${today()}.csv.`,
        attachments: [expect.objectContaining({ content: customersByTierCsv })],
      }),
    ]);
    const counted = await run(reportWorkflow('Count tiers', { reportId, maxRows: 2, view: 'rows' }));
    const visit = (counted.trace as Array<{ nodeId: string; output?: unknown }>).find(
      (v) => v.nodeId === 'report',
    );
    expect(visit?.output).toEqual({
      reportId,
      name: 'Customers by tier',
      rowCount: 2,
      truncated: true,
      fileName: `customers-by-tier-${today()}.csv`,
    });
  });
});

test('a missing report leaves by the error port', async () => {
  await app.services.withWorker(async () => {
    const closed = await run(reportWorkflow('Missing report', { reportId: 'rep_missing' }));
    expect(closed.status).toBe('completed');
    expect(closed.result).toEqual({ failed: 'report rep_missing does not exist' });
  });
});

test('publishing refuses bad report.run params, naming the node and param', async () => {
  const created = await app.api(
    'POST',
    '/workflows',
    reportWorkflow('Bad params', { reportId: 'x', format: 'pdf' }),
  );
  const validated = await app.api('POST', `/workflows/${created.body._id as string}/validate`);
  expect(validated.body.valid).toBe(false);
  expect(validated.body.errors).toEqual([
    {
      nodeId: 'report',
      path: 'params.reportId',
      code: 'invalid_params',
      message:
        'Node "report" (report.run): params.reportId must match pattern "^(builtin-[a-z0-9-]+|rep_[A-Za-z0-9-]+)$"',
    },
    {
      nodeId: 'report',
      path: 'params.format',
      code: 'invalid_params',
      message: 'Node "report" (report.run): params.format must be one of "csv"',
    },
  ]);
});

test('a scheduled report mail is a schedule-triggered workflow that publishes as it is', async () => {
  const { workflowId, published } = await createPublished(
    app,
    scheduledReportWorkflow(
      { _id: reportId, name: 'Customers by tier' },
      { cron: '0 7 * * 1', to: ['cfo@example.com'] },
    ),
  );
  expect(published.status).toBe(200);
  const schedules = await eventually(async () => {
    const listed = await app.api('GET', `/workflows/${workflowId}/schedules`);
    return listed.body.items.length > 0
      ? (listed.body.items as Array<{ cron: string; nodeId: string }>)
      : undefined;
  });
  expect(schedules.map((s) => [s.nodeId, s.cron])).toEqual([['schedule', '0 7 * * 1']]);
  expect((await app.api('POST', `/workflows/${workflowId}/unpublish`)).status).toBe(200);
});
