import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client';
import type { ValidationError, WorkflowDefinition } from '../model/core';
import { workflowApi } from '../workflow-api';

/** How long the editor waits after the last edit before it asks the server to check the graph. */
export const validationDelayMs = 400;

export interface ValidationState {
  /** `checking` until the server has answered for the definition now on screen. */
  status: 'checking' | 'checked' | 'failed';
  valid: boolean;
  /** The latest answer's errors; kept while a new check is pending, so badges do not flicker. */
  errors: ValidationError[];
  /** Why the check could not be made (network, permissions). */
  message?: string;
}

interface Answer {
  of: WorkflowDefinition;
  valid: boolean;
  errors: ValidationError[];
  message?: string;
}

/**
 * Checks the unsaved definition with the shared meaning checks on the server, debounced. Ajv cannot
 * compile in the browser under the API's CSP, and the server runs exactly what publish runs.
 */
export function useValidation(
  workflowId: string | undefined,
  definition: WorkflowDefinition,
): ValidationState {
  const [answer, setAnswer] = useState<Answer | undefined>();
  useEffect(() => {
    if (workflowId === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      workflowApi
        .validate(workflowId, definition)
        .then((result) => live && setAnswer({ of: definition, valid: result.valid, errors: result.errors }))
        .catch(
          (error: unknown) =>
            live &&
            setAnswer((current) => ({
              of: definition,
              valid: false,
              errors: current?.errors ?? [],
              message: errorMessage(error),
            })),
        );
    }, validationDelayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [workflowId, definition]);
  if (!answer) return { status: 'checking', valid: false, errors: [] };
  if (answer.of !== definition) return { status: 'checking', valid: false, errors: answer.errors };
  if (answer.message !== undefined)
    return { status: 'failed', valid: false, errors: answer.errors, message: answer.message };
  return { status: 'checked', valid: answer.valid, errors: answer.errors };
}
