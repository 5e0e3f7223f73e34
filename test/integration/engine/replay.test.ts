import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { loadWorkflowBundle } from '../../../worker/workflow-bundle';
import { decodeHistory } from '../../histories/history-file';

const historiesDir = path.resolve(__dirname, '../../histories');

/*
 * Recorded runs replayed on the current workflow code: an interpreter or worker change that would
 * make an old run issue different commands fails here. Guard such changes with patched() (see
 * worker/workflows/interpreted-workflow.ts) and record new histories with
 * test/histories/record-histories.ts.
 */
describe('replay of recorded histories', () => {
  it('replays every history in test/histories with no determinism error', async () => {
    const files = (await fs.readdir(historiesDir)).filter((file) => file.endsWith('.json')).sort();
    expect(files).toEqual([
      'approval-update.json',
      'cancel-compensates.json',
      'crud-routing-foreach.json',
      'error-workflow-reported.json',
      'failed-foreach-compensates.json',
      'run-failure-recorded.json',
      'run-stats-recorded.json',
      'subworkflow-child.json',
      'subworkflow-url-safe-child.json',
      'wait-for-signal.json',
      'wait-for-watch.json',
    ]);
    const histories = await Promise.all(
      files.map(async (file) => ({
        // The id the run was recorded under: task ids and child ids derive from it.
        workflowId: `history-${path.basename(file, '.json')}`,
        history: decodeHistory(JSON.parse(await fs.readFile(path.join(historiesDir, file), 'utf8'))),
      })),
    );
    const results: { workflowId: string; error: unknown }[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: await loadWorkflowBundle() },
      histories,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error });
    }
    expect(results).toEqual(
      files.map((file) => ({ workflowId: `history-${path.basename(file, '.json')}`, error: undefined })),
    );
  });

  it('keeps the id form each child run was started with', async () => {
    const childIds = async (name: string) => {
      const file = path.join(historiesDir, `${name}.json`);
      const history = decodeHistory(JSON.parse(await fs.readFile(file, 'utf8')));
      return (history.events ?? []).flatMap((event) => {
        const started = event.startChildWorkflowExecutionInitiatedEventAttributes;
        return started?.workflowId ? [started.workflowId] : [];
      });
    };
    expect(await childIds('subworkflow-child')).toEqual(['history-subworkflow-child/child/1']);
    expect(await childIds('subworkflow-url-safe-child')).toEqual([
      'history-subworkflow-url-safe-child.child.1',
    ]);
  });
});
