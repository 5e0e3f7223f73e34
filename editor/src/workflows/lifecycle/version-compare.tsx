import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import type { WorkflowDefinition } from '../model/core';
import type { SettingChange } from '../model/definition-diff';
import { workflowApi } from '../workflow-api';

/** What a version is compared with: nothing, the current draft, or another version by number. */
export type CompareTarget = 'none' | 'draft' | number;

/** The compare target a URL asks for: `?compare=draft` or `?compare=3`. */
export function compareFromSearch(search: string): CompareTarget {
  const value = new URLSearchParams(search).get('compare');
  if (value === 'draft') return 'draft';
  const version = Number(value);
  return value !== null && Number.isInteger(version) && version > 0 ? version : 'none';
}

/** The definition to compare with, read when the target changes. */
export function useCompareDefinition(id: string, target: CompareTarget) {
  const [loaded, setLoaded] = useState<
    { target: CompareTarget; definition: WorkflowDefinition } | undefined
  >();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (target === 'none') return undefined;
    let live = true;
    const read =
      target === 'draft'
        ? workflowApi.get(id).then((doc) => doc.draft)
        : workflowApi.version(id, target).then((doc) => doc.definition);
    read
      .then((definition) => live && setLoaded({ target, definition }))
      .catch((error: unknown) => live && setProblem(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [id, target]);
  return { definition: loaded?.target === target ? loaded.definition : undefined, problem };
}

function show(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value, null, 1);
}

/** The settings of the selected node that differ between the two definitions. */
export function SettingsDiff({
  nodeId,
  changes,
  versus,
}: {
  nodeId: string;
  changes: readonly SettingChange[];
  versus: string;
}) {
  return (
    <section className="wf-settings-diff" aria-label="Changed settings">
      <h2>
        Changes to <code>{nodeId}</code> in {versus}
      </h2>
      <table className="records">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.path}>
              <td>
                <code>{change.path}</code>
              </td>
              <td className="wf-diff-before">
                <pre>{show(change.before)}</pre>
              </td>
              <td className="wf-diff-after">
                <pre>{show(change.after)}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The numbers of a workflow's published versions, oldest first; empty until read. */
export function useVersionNumbers(id: string): number[] {
  const [numbers, setNumbers] = useState<number[]>([]);
  useEffect(() => {
    let live = true;
    workflowApi
      .versions(id)
      .then((items) => live && setNumbers(items.map((item) => item.version).sort((a, b) => a - b)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  return numbers;
}
