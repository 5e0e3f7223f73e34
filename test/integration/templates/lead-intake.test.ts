import type { EntityRecord } from '../../../domain/entities';
import type { RunView } from '../../../server/routes/runs';
import { startProcessHarness, type ProcessHarness, type PublishedHook } from './process-harness';

/*
 * The lead intake template end to end: a webhook call with a person's details finds or creates the
 * lead by its normalised email, and only a new lead gets a follow-up for sales. However many calls
 * race with one email, in any case and spacing, each with its own Idempotency-Key, there is one
 * lead and one follow-up; a payload that does not fit is refused with 400 before any run starts.
 */

let h: ProcessHarness;
let worker: { stop(): Promise<void> };
let hook: PublishedHook;

beforeAll(async () => {
  h = await startProcessHarness('template-lead-intake');
  worker = await h.startWorker();
  hook = await h.installAndPublishHook('lead-intake', { followUpHours: 4 });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

interface HookAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** `POST /hooks/:hookId` with the hook's token, as a form backend or an ad platform calls it. */
async function callHook(payload: unknown, idempotencyKey: string): Promise<HookAnswer> {
  const response = await fetch(`${h.url}/hooks/${hook.hookId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-ledgerline-token': hook.token,
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: await response.json() };
}

/** Calls the hook, expects 202, and waits for the run to end. */
async function intake(payload: unknown, idempotencyKey: string): Promise<RunView> {
  const answer = await callHook(payload, idempotencyKey);
  expect(answer).toMatchObject({ status: 202, body: { runId: expect.any(String) } });
  return h.finished(answer.body.runId as string);
}

/** Every lead (archived ones too) whose email is `email` in any case and spacing. */
async function leadsWithEmail(email: string): Promise<EntityRecord[]> {
  const { items } = await h.repo.list('lead', { limit: 200, includeArchived: true });
  return items.filter((lead) => String(lead.email).trim().toLowerCase() === email);
}

/** Every activity (archived ones too) on the lead. */
async function activitiesOf(leadId: string): Promise<EntityRecord[]> {
  const { items } = await h.repo.list('activity', {
    filters: [{ field: 'leadId', op: 'eq', value: leadId }],
    limit: 200,
    includeArchived: true,
  });
  return items;
}

/** The output the run's trace shows for one node. */
function outputOf(run: RunView, nodeId: string): unknown {
  return (run.trace as { nodeId: string; output?: unknown }[]).find((visit) => visit.nodeId === nodeId)
    ?.output;
}

const hourMs = 3_600_000;

describe('lead intake', () => {
  it('creates the lead with its normalised email and plans exactly one follow-up for sales', async () => {
    const run = await intake(
      {
        email: '  Ada.Lovelace@Example.COM ',
        name: ' Ada Lovelace ',
        company: 'Analytical Engines',
        phone: '+44 20 7946 0000',
        message: 'Wants a demo for 40 seats.\nCall after 3 pm.',
        source: 'event',
        utm_campaign: 'autumn-expo',
      },
      'form-1',
    );

    const [lead, ...others] = await leadsWithEmail('ada.lovelace@example.com');
    expect(others).toEqual([]);
    expect(lead).toMatchObject({
      email: 'ada.lovelace@example.com',
      name: 'Ada Lovelace',
      company: 'Analytical Engines',
      phone: '+44 20 7946 0000',
      description: 'Wants a demo for 40 seats.\nCall after 3 pm.',
      source: 'event',
      status: 'new',
      score: 0,
      archived: false,
      version: 1,
    });
    expect(run).toMatchObject({
      status: 'completed',
      result: { created: true, leadId: lead?._id, email: 'ada.lovelace@example.com' },
    });

    const followUps = await activitiesOf(lead?._id ?? '');
    expect(followUps).toHaveLength(1);
    const [followUp] = followUps;
    expect(followUp).toMatchObject({
      _id: (run.result as { followUpId: string }).followUpId,
      type: 'call',
      status: 'planned',
      direction: 'outbound',
      subject: 'New lead: Ada Lovelace (Analytical Engines)',
      body: 'Came in from event with ada.lovelace@example.com, +44 20 7946 0000.\n\nWants a demo for 40 seats.\nCall after 3 pm.',
      leadId: lead?._id,
    });
    // Due the follow-up time after the run read its clock, which lies between its start and its end.
    const dueAt = Date.parse(String(followUp?.dueAt));
    expect(dueAt).toBeGreaterThanOrEqual(Date.parse(run.startedAt) + 4 * hourMs);
    expect(dueAt).toBeLessThanOrEqual(Date.parse(String(run.closedAt)) + 4 * hourMs);
  });

  it('names a lead sent with only an email by its email, from the default source', async () => {
    const run = await intake({ email: 'GRACE@navy.example', name: '  ', company: '' }, 'form-2');
    const [lead] = await leadsWithEmail('grace@navy.example');
    expect(lead).toMatchObject({
      email: 'grace@navy.example',
      name: 'grace@navy.example',
      source: 'website',
    });
    expect(lead).not.toHaveProperty('company');
    expect(run.result).toEqual({
      created: true,
      leadId: lead?._id,
      email: 'grace@navy.example',
      followUpId: expect.any(String),
    });
    expect(await activitiesOf(lead?._id ?? '')).toEqual([
      expect.objectContaining({ subject: 'New lead: grace@navy.example', type: 'call' }),
    ]);
  });

  it('cuts the follow-up to the lengths an activity holds when name, company and message are long', async () => {
    const name = 'N'.repeat(200);
    const message = 'M'.repeat(10_000);
    const run = await intake(
      { email: 'long@names.example', name, company: 'C'.repeat(200), message },
      'form-3',
    );
    expect(run).toMatchObject({ status: 'completed', result: { created: true } });
    const [lead] = await leadsWithEmail('long@names.example');
    expect(lead).toMatchObject({ name, description: message });
    const [followUp] = await activitiesOf(lead?._id ?? '');
    expect(followUp?.subject).toBe(`New lead: ${name}`.slice(0, 200));
    expect(followUp?.body).toBe(
      `Came in from website with long@names.example.\n\n${message}`.slice(0, 10_000),
    );
  });

  it('10 concurrent calls with one email in mixed case and spacing make one lead and one follow-up', async () => {
    const spellings = [
      'linus@kernel.example',
      'Linus@Kernel.Example',
      '  LINUS@KERNEL.EXAMPLE',
      'linus@KERNEL.example  ',
      '\tLinus@kernel.example\n',
      ' lInUs@kErNeL.eXaMpLe ',
      'LINUS@kernel.EXAMPLE',
      'Linus@kernel.example ',
      '  linus@Kernel.example  ',
      'linus@kernel.EXAMPLE',
    ];
    const answers = await Promise.all(
      spellings.map((email, i) => callHook({ email, name: 'Linus T', company: 'Kernel Ltd' }, `burst-${i}`)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(spellings.map(() => 202));
    const runIds = answers.map((answer) => answer.body.runId as string);
    expect(new Set(runIds).size).toBe(10);

    const runs = await Promise.all(runIds.map((runId) => h.finished(runId)));
    expect(runs.map((run) => run.status)).toEqual(spellings.map(() => 'completed'));
    const leads = await leadsWithEmail('linus@kernel.example');
    expect(leads).toHaveLength(1);
    const leadId = leads[0]?._id;
    const results = runs.map((run) => run.result as { created: boolean; leadId: string });
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results.filter((result) => !result.created)).toHaveLength(9);
    expect(new Set(results.map((result) => result.leadId))).toEqual(new Set([leadId]));
    expect(await activitiesOf(leadId ?? '')).toHaveLength(1);
  });

  it('a repeated email later finds the lead: no new lead, no new follow-up, created false in the run', async () => {
    const first = await intake({ email: 'katherine@langley.example', name: 'Katherine J' }, 'first');
    const { leadId } = first.result as { leadId: string };

    const again = await intake(
      { email: ' Katherine@Langley.Example ', name: 'Katherine Johnson', company: 'NASA' },
      'second',
    );
    expect(again).toMatchObject({
      status: 'completed',
      result: { created: false, leadId, email: 'katherine@langley.example' },
    });
    expect(again.result).not.toHaveProperty('followUpId');
    expect(outputOf(again, 'lead')).toMatchObject({ created: false, record: { _id: leadId } });
    expect((again.trace as { nodeId: string }[]).map((visit) => visit.nodeId)).not.toContain('followUp');

    const leads = await leadsWithEmail('katherine@langley.example');
    expect(leads).toEqual([expect.objectContaining({ _id: leadId, name: 'Katherine J', version: 1 })]);
    expect(await activitiesOf(leadId)).toHaveLength(1);
  });

  it('a lead sales entered by hand is found too, whatever its case, and gets no second follow-up', async () => {
    const typed = await h.create('sales', 'lead', {
      name: 'Margaret Hamilton',
      email: 'Margaret@Hamilton.example',
    });
    const run = await intake({ email: 'margaret@hamilton.example' }, 'after-manual-entry');
    expect(run).toMatchObject({ status: 'completed', result: { created: false, leadId: typed._id } });
    expect(await leadsWithEmail('margaret@hamilton.example')).toHaveLength(1);
    expect(await activitiesOf(typed._id)).toEqual([]);
  });

  it.each([
    ['no email', { name: 'Nobody' }, [{ path: 'payload.email', message: 'is required' }]],
    [
      'an invalid email',
      { email: 'ada at example.com', name: 'Ada' },
      [{ path: 'payload.email', message: expect.stringMatching(/^must match pattern /) }],
    ],
    [
      'wrong types',
      { email: 42, name: ['Ada'], company: { name: 'AE' }, source: 'fax' },
      [
        { path: 'payload.email', message: 'must be string' },
        { path: 'payload.name', message: 'must be string' },
        { path: 'payload.company', message: 'must be string' },
        {
          path: 'payload.source',
          message:
            'must be one of: website, referral, event, coldCall, partner, advertising, socialMedia, other',
        },
      ],
    ],
    [
      'a list instead of an object',
      [{ email: 'ada@example.com' }],
      [{ path: 'payload', message: 'must be object' }],
    ],
  ])(
    'refuses a payload with %s with 400 naming the field, and starts nothing',
    async (_case, payload, details) => {
      const leadsBefore = (await h.repo.list('lead', { limit: 200, includeArchived: true })).items.length;
      const answer = await callHook(payload, `bad-${_case.replace(/\W+/g, '-')}`);
      expect(answer).toEqual({
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: "The payload does not match the webhook's payload schema",
            details,
          },
        },
      });
      expect((await h.repo.list('lead', { limit: 200, includeArchived: true })).items).toHaveLength(
        leadsBefore,
      );
    },
  );
});
