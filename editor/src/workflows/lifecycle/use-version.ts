import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import { workflowApi, type VersionDoc, type VersionSummary } from '../workflow-api';

/**
 * A published version of a workflow, read once `version` is known (a run viewer learns it from the
 * run); `problem` says why it could not be read.
 */
export function useVersion(id: string, version: number | undefined) {
  const [doc, setDoc] = useState<VersionDoc | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (version === undefined) return;
    let live = true;
    workflowApi
      .version(id, version)
      .then((loaded) => live && setDoc(loaded))
      .catch((error: unknown) => live && setProblem(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [id, version]);
  return { doc, problem };
}

/**
 * The published versions of a workflow, newest first, read again when `publishedVersion` changes;
 * `problem` says why they could not be read.
 */
export function useVersionList(id: string, publishedVersion?: number) {
  const [versions, setVersions] = useState<VersionSummary[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    workflowApi
      .versions(id)
      .then((items) => live && setVersions(items))
      .catch((error: unknown) => live && setProblem(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [id, publishedVersion]);
  return { versions, problem };
}
