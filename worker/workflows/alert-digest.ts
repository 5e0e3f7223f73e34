import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DigestCall, DigestOutcome } from '../activities/alert-activities';

const { 'alerts.sendDigest': sendDigest } = proxyActivities<{
  'alerts.sendDigest': (call: DigestCall) => Promise<DigestOutcome>;
}>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 10 } });

const scheduledStartTimeKey = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

/**
 * One tick of an alert subscription's Temporal Schedule: sends the digest of the interval that
 * ends at the time the tick was due (its start time when started by hand).
 */
export async function alertDigestWorkflow(input: { subscriptionId: string }): Promise<DigestOutcome> {
  const info = workflowInfo();
  const due = info.typedSearchAttributes.get(scheduledStartTimeKey) ?? info.startTime;
  return sendDigest({ subscriptionId: input.subscriptionId, scheduledAt: due.toISOString() });
}
