import { useEffect, useState } from 'react';
import type { ProcessAnalytics } from '../../../../domain/process-analytics/analytics-answer';
import { errorMessage } from '../../api/api-client';
import { fetchAnalytics, rangeChoices, type RangeChoice } from './analytics-api';

/** The range the user picked: a preset, or custom bounds from `datetime-local` inputs. */
export interface RangeSelection {
  choice: RangeChoice;
  /** `datetime-local` values (local time), used when the choice is custom. */
  customFrom: string;
  customTo: string;
}

/** Why a custom range cannot be asked for; undefined when it can (presets always can). */
export function rangeProblem(range: RangeSelection): string | undefined {
  if (range.choice !== 'custom') return undefined;
  const from = Date.parse(range.customFrom);
  const to = Date.parse(range.customTo);
  if (Number.isNaN(from) || Number.isNaN(to)) return 'Choose both ends of the custom range.';
  if (from >= to) return 'The range must start before it ends.';
  return undefined;
}

/** ISO bounds of a usable range selection: a preset ends now. */
export function rangeBounds(range: RangeSelection, now: Date): { from: string; to: string } {
  const preset = rangeChoices.find((choice) => choice.value === range.choice)?.ms;
  if (preset !== undefined) {
    return { from: new Date(now.getTime() - preset).toISOString(), to: now.toISOString() };
  }
  return {
    from: new Date(Date.parse(range.customFrom)).toISOString(),
    to: new Date(Date.parse(range.customTo)).toISOString(),
  };
}

/**
 * The analytics of one version over a range, read again whenever either changes; `problem` says
 * why there are none (an unusable custom range, an error answer).
 */
export function useProcessAnalytics(workflowId: string, version: number | undefined, range: RangeSelection) {
  const [answer, setAnswer] = useState<ProcessAnalytics | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const { choice, customFrom, customTo } = range;
  const invalid = rangeProblem({ choice, customFrom, customTo });
  useEffect(() => {
    if (version === undefined || invalid !== undefined) return;
    let live = true;
    fetchAnalytics({ workflowId, version, ...rangeBounds({ choice, customFrom, customTo }, new Date()) })
      .then((loaded) => {
        if (!live) return;
        setAnswer(loaded);
        setFailure(undefined);
      })
      .catch((error: unknown) => live && setFailure(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [workflowId, version, choice, customFrom, customTo, invalid]);
  return { answer, problem: invalid ?? failure };
}
