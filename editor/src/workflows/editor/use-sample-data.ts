import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import { listEntities } from '../../entities/entity-api';
import type { WorkflowDefinition, WorkflowNode } from '../model/core';
import { entityEventSample, exampleFromSchema, runSample, type SampleData } from '../model/sample-data';
import { workflowApi } from '../workflow-api';

/** Where previews take their data from: the trigger's sample, or a past run by id. */
export type SampleChoice = { kind: 'trigger' } | { kind: 'run'; runId: string };

function startNode(definition: WorkflowDefinition): WorkflowNode | undefined {
  return definition.nodes.find((node) => node.type.startsWith('trigger.') && !node.disabled);
}

function parseInput(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The sample data of expression previews. For an entity trigger: the most recently changed record of
 * its type, shaped as the event; for a manual trigger: a sample input (editable, first filled from
 * the input schema's defaults and examples); or the data a past run saw.
 */
export function useSampleData(definition: WorkflowDefinition) {
  const [choice, setChoice] = useState<SampleChoice>({ kind: 'trigger' });
  const [inputText, setInputText] = useState<string | undefined>();
  const [loaded, setLoaded] = useState<{ key: string; sample?: SampleData; note?: string }>({ key: '' });
  const trigger = startNode(definition);
  // Only what the sample depends on, so editing other nodes does not refetch it.
  const key = JSON.stringify(
    choice.kind === 'run' ? choice : { type: trigger?.type, params: trigger?.params, inputText },
  );

  const defaultInput = useMemo(
    () =>
      JSON.stringify(
        exampleFromSchema(trigger?.type === 'trigger.manual' ? trigger.params.inputSchema : undefined) ?? {},
        null,
        2,
      ),
    [trigger],
  );

  useEffect(() => {
    let live = true;
    const done = (sample: SampleData | undefined, note?: string) => live && setLoaded({ key, sample, note });
    const spec = JSON.parse(key) as {
      kind?: 'run';
      runId?: string;
      type?: string;
      params?: Record<string, unknown>;
    };
    if (spec.kind === 'run' && spec.runId !== undefined) {
      workflowApi
        .run(spec.runId)
        .then((run) =>
          done(runSample(`run ${spec.runId} (version ${run.version ?? '?'})`, run.trace, run.input ?? {})),
        )
        .catch((error: unknown) => done(undefined, `The run could not be read: ${errorMessage(error)}`));
    } else if (spec.type === 'trigger.entity') {
      const entityType = spec.params?.entityType;
      const events = spec.params?.events;
      const event =
        Array.isArray(events) && ['created', 'updated', 'deleted'].includes(events[0] as string)
          ? (events[0] as 'created')
          : 'created';
      if (typeof entityType !== 'string')
        done(undefined, 'Choose the entity type to preview against a recent record.');
      else {
        listEntities(entityType, new URLSearchParams({ sort: '-updatedAt', limit: '1' }))
          .then((page) => {
            const record = page.items[0];
            if (!record) done(undefined, `No ${entityType} record yet to preview against.`);
            else
              done({
                label: `latest ${entityType} ${record._id}`,
                trigger: entityEventSample(record, event),
                input: {},
                nodes: {},
              });
          })
          .catch((error: unknown) => done(undefined, `No sample: ${errorMessage(error)}`));
      }
    } else if (spec.type === 'trigger.manual') {
      const input = parseInput(inputText ?? defaultInput);
      if (!input.ok) done(undefined, 'The sample input is not valid JSON.');
      else
        done({
          label: 'sample input',
          trigger: { event: 'manual', startedBy: { userId: 'you' } },
          input: input.value,
          nodes: {},
        });
    } else if (spec.type === 'trigger.webhook') {
      const payload = exampleFromSchema(spec.params?.payloadSchema) ?? {};
      done({ label: 'sample payload', trigger: { payload, headers: {} }, input: payload, nodes: {} });
    } else if (spec.type === 'trigger.schedule') {
      done({
        label: 'sample schedule event',
        trigger: { scheduledAt: new Date().toISOString() },
        input: {},
        nodes: {},
      });
    } else {
      done(undefined, 'Add a trigger to preview expressions against sample data.');
    }
    return () => {
      live = false;
    };
    // The key holds everything the sample depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const current = loaded.key === key ? loaded : { sample: undefined, note: 'Loading sample data…' };
  return {
    choice,
    setChoice,
    sample: current.sample,
    note: current.note,
    /** The manual trigger's sample input as JSON text. */
    inputText: trigger?.type === 'trigger.manual' ? (inputText ?? defaultInput) : undefined,
    setInputText,
  };
}

export type SampleDataState = ReturnType<typeof useSampleData>;
