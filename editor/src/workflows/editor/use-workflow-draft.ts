import type { WebhookCredentials } from '../lifecycle/webhook-api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-client';
import type { WorkflowDefinition } from '../model/core';
import { describeError, workflowApi, type WorkflowDoc } from '../workflow-api';
import type { EditorModel } from './use-editor-model';

/** A message above the canvas; `conflict` offers to reload or overwrite after a 412. */
export interface Notice {
  kind: 'info' | 'error' | 'conflict';
  message: string;
}

/**
 * The draft on the server: loading it, saving it with `If-Match` on its revision (a 412 becomes a
 * choice between reloading theirs and overwriting with ours), publishing and unpublishing.
 */
export function useWorkflowDraft(id: string, model: EditorModel, restore?: WorkflowDefinition) {
  const [doc, setDoc] = useState<WorkflowDoc | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'saving' | 'publishing' | 'unpublishing' | undefined>();
  /** Webhook secrets a publish or a rotate just issued, shown until dismissed, never again. */
  const [secrets, setSecrets] = useState<WebhookCredentials[]>([]);
  const [notice, setNotice] = useState<Notice | undefined>();
  const docRef = useRef(doc);
  useEffect(() => {
    docRef.current = doc;
  }, [doc]);
  const { load, edit, markSaved } = model;
  const modelRef = useRef(model);
  useEffect(() => {
    modelRef.current = model;
  });

  useEffect(() => {
    let live = true;
    workflowApi
      .get(id)
      .then((loaded) => {
        if (!live) return;
        setDoc(loaded);
        load(loaded.draft);
        // A past version restored into the draft arrives as an unsaved edit, so Undo takes it back.
        if (restore) {
          edit(restore);
          // Once: a reload of the page shows the draft, not the restore again.
          window.history.replaceState(null, '', window.location.href);
        }
      })
      .catch((error: unknown) => live && setLoadError(describeError(error)));
    return () => {
      live = false;
    };
  }, [id, load, edit, restore]);

  const saveAt = useCallback(
    async (revision: number): Promise<boolean> => {
      const definition = modelRef.current.definition;
      setBusy('saving');
      try {
        const saved = await workflowApi.save(id, definition, revision);
        setDoc(saved);
        markSaved(definition);
        setNotice({ kind: 'info', message: `Draft saved (revision ${saved.revision})` });
        return true;
      } catch (error: unknown) {
        if (error instanceof ApiError && error.status === 412) {
          setNotice({
            kind: 'conflict',
            message:
              'Someone else saved this workflow since you opened it. Reload to get their version (your changes are lost), or overwrite it with yours.',
          });
        } else {
          setNotice({ kind: 'error', message: `Not saved. ${describeError(error)}` });
        }
        return false;
      } finally {
        setBusy(undefined);
      }
    },
    [id, markSaved],
  );

  const save = useCallback(async (): Promise<boolean> => {
    const current = docRef.current;
    if (!current) return false;
    return saveAt(current.revision);
  }, [saveAt]);

  /** After a conflict: saves ours over theirs, at the revision the server has now. */
  const overwrite = useCallback(async () => {
    try {
      const latest = await workflowApi.get(id);
      setDoc(latest);
      await saveAt(latest.revision);
    } catch (error: unknown) {
      setNotice({ kind: 'error', message: describeError(error) });
    }
  }, [id, saveAt]);

  /** After a conflict: drops ours and loads theirs. */
  const reload = useCallback(async () => {
    try {
      const latest = await workflowApi.get(id);
      setDoc(latest);
      load(latest.draft);
      setNotice({ kind: 'info', message: `Loaded revision ${latest.revision}` });
    } catch (error: unknown) {
      setNotice({ kind: 'error', message: describeError(error) });
    }
  }, [id, load]);

  /** Publishes the draft, saving it first when it has unsaved changes. */
  const publish = useCallback(async () => {
    if (modelRef.current.dirty && !(await save())) return;
    setBusy('publishing');
    try {
      const published = await workflowApi.publish(id);
      setDoc((current) => current && { ...current, publishedVersion: published.version });
      if (published.webhooks !== undefined && published.webhooks.length > 0) setSecrets(published.webhooks);
      setNotice({ kind: 'info', message: `Published version ${published.version}` });
    } catch (error: unknown) {
      setNotice({ kind: 'error', message: `Not published. ${describeError(error)}` });
    } finally {
      setBusy(undefined);
    }
  }, [id, save]);

  const unpublish = useCallback(async () => {
    setBusy('unpublishing');
    try {
      await workflowApi.unpublish(id);
      setDoc((current) => {
        if (!current) return current;
        const { publishedVersion: _dropped, ...rest } = current;
        return rest;
      });
      setNotice({ kind: 'info', message: 'Unpublished: triggers no longer start this workflow' });
    } catch (error: unknown) {
      setNotice({ kind: 'error', message: describeError(error) });
    } finally {
      setBusy(undefined);
    }
  }, [id]);

  return {
    doc,
    loadError,
    busy,
    notice,
    setNotice,
    secrets,
    setSecrets,
    save,
    overwrite,
    reload,
    publish,
    unpublish,
  };
}
