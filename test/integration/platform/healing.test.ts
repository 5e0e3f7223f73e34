import { apiAs, logIn, type ApiCall } from '../../support/api-client';
import { eventually } from '../../support/eventually';
import {
  cleanUpStacks,
  groupGone,
  stackEnv,
  startStack,
  supervisedChildren,
  waitForOutput,
  type Stack,
} from './stack-process';

/*
 * `npm start` heals: each kind of child (worker, API server, store, Temporal) is killed with
 * SIGKILL in turn while a run waits on an approval; the supervisor restarts it, the server turns
 * ready again, and the run and the data survive. A child that keeps crashing stops the stack with
 * a message naming it.
 */

afterAll(cleanUpStacks);

const admin = { email: 'heal@example.com', password: 'heal-password-123' };

/** The command line that tells each kind of child apart; the store is named by its program. */
const kinds = [
  { kind: 'worker', matches: (args: string) => args.includes('worker/main.ts') },
  { kind: 'server', matches: (args: string) => args.includes('server/main.ts') },
  { kind: 'store', matches: (args: string) => /ferretdb|mongod/.test(args) },
  { kind: 'temporal', matches: (args: string) => args.includes('start-dev') },
];

function pidOf(stack: Stack, matches: (args: string) => boolean): number {
  const found = supervisedChildren(stack).filter((child) => matches(child.args));
  expect(found).toHaveLength(1);
  return found[0]!.pid;
}

async function ready(stack: Stack): Promise<true> {
  return eventually(async () => {
    const response = await fetch(`http://127.0.0.1:${stack.env.PORT}/api/health/ready`).catch(
      () => undefined,
    );
    return response?.status === 200 ? true : undefined;
  }, 120_000);
}

/** Answers once the API accepts the call again (the server may be restarting). */
async function whenServing(api: ApiCall, method: string, path: string, body?: unknown) {
  return eventually(async () => {
    try {
      const response = await api(method, path, body);
      return response.status < 500 ? response : undefined;
    } catch {
      return undefined;
    }
  }, 120_000);
}

test('every kind of child is restarted after a crash, and the stack keeps its data and runs', async () => {
  const stack = startStack(
    await stackEnv({ ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SEED_DEMO: 'false' }),
  );
  await waitForOutput(stack, 'press Ctrl-C to stop');
  const url = `http://127.0.0.1:${stack.env.PORT}`;
  const api = apiAs(url, await logIn(url, admin));

  const created = await api('POST', '/workflows', {
    name: 'Approve before closing',
    nodes: [
      { id: 'start', type: 'trigger.manual', params: {} },
      {
        id: 'approve',
        type: 'human.approval',
        // The one admin of the stack both starts the run and decides it.
        params: { assigneeRole: 'admin', title: 'Close it?', allowSelfApproval: true },
      },
      { id: 'yes', type: 'flow.end', params: { output: { approved: true } } },
      { id: 'no', type: 'flow.end', params: { output: { approved: false } } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'approve' },
      { id: 'e2', source: 'approve', sourcePort: 'approved', target: 'yes' },
      { id: 'e3', source: 'approve', sourcePort: 'rejected', target: 'no' },
    ],
  });
  expect(created.status).toBe(201);
  const workflowId = created.body._id as string;
  expect((await api('POST', `/workflows/${workflowId}/publish`)).status).toBe(200);
  const run = await api('POST', `/workflows/${workflowId}/runs`, { input: {} });
  expect(run.status).toBe(201);
  const runId = run.body.runId as string;
  const taskId = await eventually(async () => {
    const tasks = await api('GET', `/tasks?runId=${encodeURIComponent(runId)}`);
    return (tasks.body.items as Array<{ _id: string }>)[0]?._id;
  });

  const storeProgram = /store: starting (\w+)/.exec(stack.output())![1]!;
  for (const { kind, matches } of kinds) {
    const name = kind === 'store' ? storeProgram : kind;
    const pid = pidOf(stack, matches);
    const mark = stack.output().length;
    process.kill(pid, 'SIGKILL');
    await waitForOutput(
      stack,
      `${name} was killed by SIGKILL; restarting it in 0.5s (crash 1 of 5 allowed within 120s). Its last output:`,
      mark,
    );
    await waitForOutput(stack, `${name} restarted (pid `, mark);
    expect(await ready(stack)).toBe(true);
    expect(pidOf(stack, matches)).not.toBe(pid);
  }

  // The run waited through every restart; its approval still completes it.
  const done = await whenServing(api, 'POST', `/tasks/${encodeURIComponent(taskId)}/complete`, {
    outcome: 'approved',
    data: {},
  });
  expect({ status: done.status, body: done.status === 200 ? undefined : done.body }).toEqual({
    status: 200,
    body: undefined,
  });
  const finished = await eventually(async () => {
    const status = await whenServing(api, 'GET', `/runs/${encodeURIComponent(runId)}`);
    return status.body.status === 'running' ? undefined : (status.body as unknown);
  }, 120_000);
  expect(finished).toMatchObject({ status: 'completed', result: { approved: true } });
  expect((await api('GET', `/workflows/${workflowId}`)).body.name).toBe('Approve before closing');

  // A worker that keeps dying (five times within two minutes, counting the kill above) stops the
  // stack, and the message says which child and why.
  for (let kills = 0; kills < 10; kills++) {
    const mark = stack.output().length;
    process.kill(pidOf(stack, kinds[0]!.matches), 'SIGKILL');
    const restarted = await waitForOutput(stack, 'worker restarted (pid ', mark).then(
      () => true,
      () => false,
    );
    if (!restarted) break;
  }
  expect(await stack.exited).toBe(1);
  expect(stack.output()).toContain(
    'worker crashed 5 times within 120s and is not restarted again; the stack stops. ' +
      'Its last exit: it was killed by SIGKILL.',
  );
  expect(await groupGone(stack.child.pid!)).toEqual([]);
});
