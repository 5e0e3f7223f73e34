import type { Opportunity } from '../../schemas/types/index.generated';
import { applyBp } from '../rules';

export type OpportunityStage = Opportunity['stage'];

/** The stages of an open deal, in pipeline order. */
export const openStages = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
] as const satisfies readonly OpportunityStage[];

/**
 * The chance of winning a deal at each open stage, for opportunities that carry no `probabilityBp`
 * of their own: the usual CRM defaults.
 */
export const stageProbabilityBp: Record<(typeof openStages)[number], number> = {
  prospecting: 1000,
  qualification: 2500,
  proposal: 5000,
  negotiation: 7500,
};

/**
 * The weighted value of deals of one stage and probability: their amount times the opportunity's
 * own probability, or the stage's default when it has none, rounded as every basis-point figure is.
 *
 * @example
 * weightedValue(200_000, 'proposal', null); // 100000
 * weightedValue(200_000, 'proposal', 2000); // 40000
 */
export function weightedValue(
  amount: number,
  stage: (typeof openStages)[number],
  probabilityBp: number | null,
): number {
  return applyBp(amount, probabilityBp ?? stageProbabilityBp[stage]);
}

/**
 * The share of closed deals that were won, in basis points; null with no closed deals.
 *
 * @example
 * winRateBp(3, 1); // 7500
 */
export function winRateBp(won: number, lost: number): number | null {
  return won + lost === 0 ? null : Math.round((won * 10_000) / (won + lost));
}
